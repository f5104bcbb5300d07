package jp.tsunagu.referral;

/**
 * How the receiver's work ended, reported with COMPLETE or FAIL. Not split into success and failure
 * codes: REFERRED_ONWARD or OTHER can honestly be either, and the action already says which it was.
 */
public enum OutcomeCode {
    SERVICE_ARRANGED("サービス調整済み", "Service arranged"),
    INFORMATION_PROVIDED("情報提供", "Information provided"),
    CONNECTED_TO_LOCAL_TEAM("地域の支援チームにつないだ", "Connected to local team"),
    REFERRED_ONWARD("他機関へ紹介", "Referred onward"),
    FAMILY_DECLINED("家族が支援を辞退", "Family declined"),
    UNREACHABLE("連絡が取れない", "Unreachable"),
    NOT_RESOLVED("未解決", "Not resolved"),
    OTHER("その他", "Other");

    private final String labelJa;
    private final String labelEn;

    OutcomeCode(String labelJa, String labelEn) {
        this.labelJa = labelJa;
        this.labelEn = labelEn;
    }

    public String labelJa() {
        return labelJa;
    }

    public String labelEn() {
        return labelEn;
    }
}
