package jp.tsunagu.emergency;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A break-the-glass grant: one person, one child, a short time (V24__emergency_access.sql). */
@Entity
@Table(name = "emergency_access")
public class EmergencyAccess {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "child_id", nullable = false)
    public String childId;

    @Column(name = "pref_code", nullable = false)
    public String prefCode;

    @Column(nullable = false)
    public String grantee;

    @Column(name = "grantee_unit_id", nullable = false)
    public Long granteeUnitId;

    @Enumerated(EnumType.STRING)
    @Column(name = "reason_code", nullable = false)
    public EmergencyReason reasonCode;

    @Column(name = "reason_text", nullable = false)
    public String reasonText;

    @Column(name = "granted_at", nullable = false)
    public Instant grantedAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "ended_early", nullable = false)
    public boolean endedEarly;

    @Enumerated(EnumType.STRING)
    @Column(name = "review_state", nullable = false)
    public ReviewState reviewState = ReviewState.UNREVIEWED;

    @Column(name = "reviewed_by")
    public String reviewedBy;

    @Column(name = "reviewed_by_unit_id")
    public Long reviewedByUnitId;

    @Column(name = "reviewed_at")
    public Instant reviewedAt;

    @Column(name = "review_note")
    public String reviewNote;

    @Version
    public long version;
}
