package jp.tsunagu.referral;

/** What a sender or receiver can do to a referral; {@link ReferralTransitions} says when. */
public enum ReferralAction {
    ACCEPT("受諾", "Accept"),
    DECLINE("辞退", "Decline"),
    CANCEL("取消", "Cancel"),
    START("対応開始", "Start"),
    COMPLETE("完了報告", "Report completion"),
    FAIL("不成立報告", "Report failure"),
    CONFIRM_CLOSURE("終結確認", "Confirm closure"),
    REOPEN("再開", "Reopen");

    private final String labelJa;
    private final String labelEn;

    ReferralAction(String labelJa, String labelEn) {
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
