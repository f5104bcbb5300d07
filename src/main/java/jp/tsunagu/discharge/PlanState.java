package jp.tsunagu.discharge;

/**
 * A plan's life: the hospital's DRAFT, COMPLETED by the center, HANDED_OFF to the municipality with a referral. Each move
 * is a conditional update from the one state it starts from, so two requests cannot both make it.
 */
public enum PlanState {
    DRAFT("病院案", "Draft from the hospital"),
    COMPLETED("センター確定", "Completed by the center"),
    HANDED_OFF("市町村へ引継ぎ", "Handed off to the municipality");

    private final String labelJa;
    private final String labelEn;

    PlanState(String labelJa, String labelEn) {
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
