package jp.tsunagu.referral;

/**
 * Where a referral stands. Named after FHIR Task.status so that an export can map one to one, except
 * that CLOSED has no FHIR counterpart: FHIR ends at "completed", while here the sender still has to
 * confirm the result (or reopen it) before the consultation is over.
 */
public enum ReferralState {
    REQUESTED("依頼中", "Requested", "requested"),
    ACCEPTED("受諾", "Accepted", "accepted"),
    DECLINED("辞退", "Declined", "rejected"),
    CANCELLED("取消", "Cancelled", "cancelled"),
    IN_PROGRESS("対応中", "In progress", "in-progress"),
    COMPLETED("完了", "Completed", "completed"),
    FAILED("不成立", "Failed", "failed"),
    // Task.businessStatus is where an export tells a confirmed completion from an unconfirmed one.
    CLOSED("終結", "Closed", "completed");

    private final String labelJa;
    private final String labelEn;
    private final String fhirTaskStatus;

    ReferralState(String labelJa, String labelEn, String fhirTaskStatus) {
        this.labelJa = labelJa;
        this.labelEn = labelEn;
        this.fhirTaskStatus = fhirTaskStatus;
    }

    /**
     * No action leads out of this state. COMPLETED is deliberately not terminal: the receiver's report
     * only counts once the sender confirms it.
     */
    public boolean terminal() {
        return switch (this) {
            case DECLINED, CANCELLED, FAILED, CLOSED -> true;
            case REQUESTED, ACCEPTED, IN_PROGRESS, COMPLETED -> false;
        };
    }

    /** Still needs somebody's attention, so it belongs in work lists and open-case counts. */
    public boolean active() {
        return !terminal();
    }

    public String labelJa() {
        return labelJa;
    }

    public String labelEn() {
        return labelEn;
    }

    /** The FHIR Task.status code (http://hl7.org/fhir/task-status) this state exports as. */
    public String fhirTaskStatus() {
        return fhirTaskStatus;
    }
}
