package jp.tsunagu.training;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an attendee stands, and every move in one table: an enrolled person attends or is absent; an attendee
 * completes or does not. Completion straight from REGISTERED is allowed (a session recorded after the fact).
 * COMPLETED, INCOMPLETE and ABSENT are final: a mistake is corrected by the center in the database, not by a
 * second move that would rewrite a coordinator's record.
 */
public enum AttendanceStatus {
    REGISTERED("受講登録", "Registered"),
    ATTENDED("受講", "Attended"),
    ABSENT("欠席", "Absent"),
    COMPLETED("修了", "Completed"),
    INCOMPLETE("未修了", "Not completed");

    private final String labelJa;
    private final String labelEn;

    AttendanceStatus(String labelJa, String labelEn) {
        this.labelJa = labelJa;
        this.labelEn = labelEn;
    }

    public String labelJa() {
        return labelJa;
    }

    public String labelEn() {
        return labelEn;
    }

    /** The states this one can be reached from. */
    public Set<AttendanceStatus> reachableFrom() {
        return switch (this) {
            case REGISTERED -> EnumSet.noneOf(AttendanceStatus.class);
            case ATTENDED, ABSENT -> EnumSet.of(REGISTERED);
            case COMPLETED -> EnumSet.of(REGISTERED, ATTENDED);
            case INCOMPLETE -> EnumSet.of(ATTENDED);
        };
    }
}
