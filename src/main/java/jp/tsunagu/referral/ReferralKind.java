package jp.tsunagu.referral;

/** What a hand-off does to the case. */
public enum ReferralKind {
    /** 後方支援: up a tier for back-up; the sender keeps the case, the receiver sees it while active. */
    ESCALATION("後方支援依頼", "Escalation"),
    /** 移管: down or sideways; the case moves to the receiver when it accepts. */
    TRANSFER("移管", "Transfer"),
    /** 助言: advice only; nobody's ownership changes. */
    CONSULT("助言依頼", "Consultation");

    public final String labelJa;
    public final String labelEn;

    ReferralKind(String labelJa, String labelEn) {
        this.labelJa = labelJa;
        this.labelEn = labelEn;
    }
}
