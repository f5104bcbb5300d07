package jp.tsunagu.org;

/** Where a coordinator works in the tiers. */
public enum CoordinatorRole {
    LEAD("主任コーディネーター", "Lead coordinator"),
    REGIONAL("圏域コーディネーター", "Regional coordinator"),
    MUNICIPAL("市町村コーディネーター", "Municipal coordinator");

    private final String labelJa;
    private final String labelEn;

    CoordinatorRole(String labelJa, String labelEn) {
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
