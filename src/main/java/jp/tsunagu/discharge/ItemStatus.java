package jp.tsunagu.discharge;

/** Where an item stands. OPEN and ARRANGED are still to be done: past their due date before discharge, they are overdue. */
public enum ItemStatus {
    OPEN("未着手", "Open", true),
    ARRANGED("調整中", "Being arranged", true),
    DONE("完了", "Done", false),
    NOT_NEEDED("不要", "Not needed", false);

    private final String labelJa;
    private final String labelEn;
    private final boolean pending;

    ItemStatus(String labelJa, String labelEn, boolean pending) {
        this.labelJa = labelJa;
        this.labelEn = labelEn;
        this.pending = pending;
    }

    public String labelJa() {
        return labelJa;
    }

    public String labelEn() {
        return labelEn;
    }

    /** Still to be done. */
    public boolean pending() {
        return pending;
    }

    static java.util.List<ItemStatus> pendingOnes() {
        return java.util.Arrays.stream(values()).filter(ItemStatus::pending).toList();
    }
}
