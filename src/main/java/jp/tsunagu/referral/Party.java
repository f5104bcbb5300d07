package jp.tsunagu.referral;

/**
 * The caller's relation to one referral. Worked out elsewhere from the caller's organization unit,
 * so that the state machine never needs to know about units or tiers.
 */
public enum Party {
    SENDER("依頼元", "Sender"),
    RECEIVER("依頼先", "Receiver"),
    /** Staff of a third unit, e.g. the center looking at a branch-to-municipality referral. */
    OTHER("その他", "Other");

    private final String labelJa;
    private final String labelEn;

    Party(String labelJa, String labelEn) {
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
