package jp.tsunagu.referral;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A hand-off of a consultation from one unit to another. Its state only moves through ReferralTransitions. */
@Entity
@Table(name = "referral")
public class Referral {

    @Id
    public String id;

    @Column(name = "consultation_id", nullable = false, updatable = false)
    public String consultationId;

    @Column(name = "pref_code", nullable = false, updatable = false)
    public String prefCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public ReferralKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Direction direction;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReferralState state;

    @Column(name = "sender_unit_id", nullable = false, updatable = false)
    public Long senderUnitId;

    @Column(name = "sender_unit_code", nullable = false, updatable = false)
    public String senderUnitCode;

    @Column(name = "sender_unit_kind", nullable = false, updatable = false)
    public String senderUnitKind;

    @Column(name = "sender_tier", nullable = false, updatable = false)
    public int senderTier;

    @Column(name = "sender_region_code", updatable = false)
    public String senderRegionCode;

    @Column(name = "receiver_unit_id", nullable = false, updatable = false)
    public Long receiverUnitId;

    @Column(name = "receiver_unit_code", nullable = false, updatable = false)
    public String receiverUnitCode;

    @Column(name = "receiver_unit_kind", nullable = false, updatable = false)
    public String receiverUnitKind;

    @Column(name = "receiver_tier", nullable = false, updatable = false)
    public int receiverTier;

    @Column(name = "receiver_region_code", updatable = false)
    public String receiverRegionCode;

    @Column(name = "request_text", nullable = false, updatable = false)
    public String requestText;

    @Column(name = "requested_by", nullable = false, updatable = false)
    public String requestedBy;

    @Column(name = "requested_at", nullable = false, updatable = false)
    public Instant requestedAt;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    /** Reports do not move the referral, so they leave its version (and the ETag clients hold) alone. */
    @Column(name = "last_report_at")
    @org.hibernate.annotations.OptimisticLock(excluded = true)
    public Instant lastReportAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "reason_code")
    public ReasonCode reasonCode;

    @Column(name = "reason_text")
    public String reasonText;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome_code")
    public OutcomeCode outcomeCode;

    @Column(name = "outcome_text")
    public String outcomeText;

    @Version
    public long version;
}
