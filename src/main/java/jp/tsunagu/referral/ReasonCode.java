package jp.tsunagu.referral;

/** Why a referral was declined (by the receiver) or cancelled (by the sender). */
public enum ReasonCode {
    OUT_OF_AREA("対象地域外", "Out of area"),
    NO_CAPACITY("対応困難（体制不足）", "No capacity"),
    NOT_APPLICABLE("支援対象外", "Not applicable"),
    DUPLICATE("重複依頼", "Duplicate"),
    FAMILY_WITHDREW("家族の取り下げ", "Family withdrew"),
    RESOLVED_ELSEWHERE("他で解決済み", "Resolved elsewhere"),
    SENT_IN_ERROR("誤送信", "Sent in error"),
    OTHER("その他", "Other");

    private final String labelJa;
    private final String labelEn;

    ReasonCode(String labelJa, String labelEn) {
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
