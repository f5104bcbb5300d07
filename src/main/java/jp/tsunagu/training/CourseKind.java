package jp.tsunagu.training;

/** What a training course is for; coverage counts a 養成研修 as "trained" and a フォローアップ研修 as keeping up. */
public enum CourseKind {
    BASIC("養成研修", "Basic coordinator training"),
    FOLLOW_UP("フォローアップ研修", "Follow-up training"),
    OTHER("その他の研修", "Other training");

    private final String labelJa;
    private final String labelEn;

    CourseKind(String labelJa, String labelEn) {
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
