package jp.tsunagu.emergency;

/**
 * Why identifying data is read without consent (APPI art. 27(1)(ii): protecting a person's life, body or property
 * when the family's consent cannot be obtained in time). Kept in step with the CHECK of {@code emergency_access}.
 */
public enum EmergencyReason {
    LIFE_OR_HEALTH("生命・身体の保護（同意を得ることが困難）", "Protecting life or health when consent cannot be obtained"),
    DISASTER("災害・停電時の安否確認と支援", "Safety check and support in a disaster or power cut"),
    EMERGENCY_TRANSPORT("救急搬送・医療機関への情報提供", "Emergency transport: information for the hospital"),
    CHILD_PROTECTION("児童虐待が疑われる緊急対応", "Urgent response to suspected child abuse");

    private final String labelJa;
    private final String labelEn;

    EmergencyReason(String labelJa, String labelEn) {
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
