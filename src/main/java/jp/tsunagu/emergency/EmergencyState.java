package jp.tsunagu.emergency;

import java.time.Instant;

/** Where a grant stands at an instant: derived from its times, so expiry needs no job. */
public enum EmergencyState {
    ACTIVE("有効", "Active"),
    ENDED("早期終了", "Ended early"),
    EXPIRED("期限切れ", "Expired");

    private final String labelJa;
    private final String labelEn;

    EmergencyState(String labelJa, String labelEn) {
        this.labelJa = labelJa;
        this.labelEn = labelEn;
    }

    public String labelJa() {
        return labelJa;
    }

    public String labelEn() {
        return labelEn;
    }

    /** The one definition of "active": not ended and not past its end. */
    static EmergencyState of(EmergencyAccess a, Instant now) {
        if (a.endedEarly) {
            return ENDED;
        }
        return a.endedAt == null && now.isBefore(a.expiresAt) ? ACTIVE : EXPIRED;
    }
}
