package jp.tsunagu.org;

/**
 * Kinds of organization unit. The tier is what referrals compare to tell up, down and lateral.
 */
public enum UnitKind {
    CENTER(1, "センター（本部）", "Prefecture center"),
    CENTER_SITE(1, "センター拠点", "Center site"),
    BRANCH(2, "圏域ブランチ（支部）", "Regional branch"),
    DESIGNATED_CITY_WINDOW(2, "政令指定都市の窓口", "Designated city window"),
    MUNICIPAL_OFFICE(3, "市町村窓口", "Municipal office");

    private final int tier;
    private final String labelJa;
    private final String labelEn;

    UnitKind(int tier, String labelJa, String labelEn) {
        this.tier = tier;
        this.labelJa = labelJa;
        this.labelEn = labelEn;
    }

    public int tier() {
        return tier;
    }

    public String labelJa() {
        return labelJa;
    }

    public String labelEn() {
        return labelEn;
    }

    /** Units that stand for one municipality (their {@code lgcode} is required). */
    public boolean belongsToOneMunicipality() {
        return this == MUNICIPAL_OFFICE || this == DESIGNATED_CITY_WINDOW;
    }
}
