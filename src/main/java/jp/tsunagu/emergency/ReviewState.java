package jp.tsunagu.emergency;

/** The center's verdict on an emergency access. Kept in step with the CHECK of {@code emergency_access}. */
public enum ReviewState {
    UNREVIEWED("未確認", "Not reviewed"),
    JUSTIFIED("妥当", "Justified"),
    NOT_JUSTIFIED("不適切", "Not justified");

    private final String labelJa;
    private final String labelEn;

    ReviewState(String labelJa, String labelEn) {
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
