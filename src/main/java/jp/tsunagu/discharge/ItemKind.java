package jp.tsunagu.discharge;

/** What has to be arranged before a child goes home. */
public enum ItemKind {
    HOME_NURSING("訪問看護", "Home nursing"),
    EQUIPMENT_SUPPLIES("医療機器・衛生材料", "Equipment and supplies"),
    PUBLIC_HEALTH_NURSE_VISIT("保健師の訪問", "Public health nurse's visit"),
    RESPITE("レスパイト（短期入所等）", "Respite"),
    NURSERY_SCHOOL("保育所・学校", "Nursery or school"),
    WELFARE_SERVICES("障害福祉サービス", "Welfare services"),
    DAILY_LIVING_EQUIPMENT("日常生活用具の給付申請", "Daily living equipment application");

    private final String labelJa;
    private final String labelEn;

    ItemKind(String labelJa, String labelEn) {
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
