package jp.tsunagu.directory;

/** What kind of social resource a directory service is, with the labels analysts and families read. */
public enum ServiceType {
    SHORT_STAY_MEDICAL("医療型短期入所", "Medical short stay"),
    RESPITE("レスパイト（日中・宿泊）", "Respite"),
    CHILD_DEVELOPMENT_SUPPORT("児童発達支援", "Child development support"),
    AFTER_SCHOOL_DAY_SERVICE("放課後等デイサービス", "After-school day service"),
    HOME_NURSING("訪問看護ステーション", "Home-visit nursing station"),
    NURSERY("保育所", "Nursery"),
    KINDERGARTEN("幼稚園・認定こども園", "Kindergarten"),
    SCHOOL("学校（特別支援学校を含む）", "School"),
    HOSPITAL_RESPITE_BEDS("レスパイト入院（病院）", "Hospital respite beds"),
    EQUIPMENT_SUPPLIER("医療機器・衛生材料の供給", "Equipment supplier");

    public final String labelJa;
    public final String labelEn;

    ServiceType(String labelJa, String labelEn) {
        this.labelJa = labelJa;
        this.labelEn = labelEn;
    }
}
