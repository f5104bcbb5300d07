package jp.tsunagu.referral;

/** Where the receiver's work stands, as stated in a progress report (経過報告). */
public enum ReportStatus {
    CONTACTED_FAMILY("家族と連絡済み", "Contacted family"),
    MEETING_HELD("支援会議を開催", "Meeting held"),
    SERVICE_ARRANGED("サービス調整済み", "Service arranged"),
    WAITING_FOR_FAMILY("家族の返答待ち", "Waiting for family"),
    WAITING_FOR_PROVIDER("事業所の返答待ち", "Waiting for provider"),
    OTHER("その他", "Other");

    private final String labelJa;
    private final String labelEn;

    ReportStatus(String labelJa, String labelEn) {
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
