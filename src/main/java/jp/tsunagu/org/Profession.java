package jp.tsunagu.org;

/** Professions of trained coordinators, in the order Tokyo's training statistics report them. */
public enum Profession {
    SUPPORT_SPECIALIST("相談支援専門員", "Consultation support specialist"),
    PUBLIC_HEALTH_NURSE("保健師", "Public health nurse"),
    NURSE("看護師", "Nurse"),
    SOCIAL_WORKER("社会福祉士", "Certified social worker"),
    PSYCHIATRIC_SOCIAL_WORKER("精神保健福祉士", "Psychiatric social worker"),
    CHILDCARE_WORKER("保育士", "Childcare worker"),
    MEDICAL_SOCIAL_WORKER("MSW（医療ソーシャルワーカー）", "Medical social worker"),
    ADMINISTRATIVE("行政職", "Administrative officer"),
    OTHER("その他", "Other");

    private final String labelJa;
    private final String labelEn;

    Profession(String labelJa, String labelEn) {
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
