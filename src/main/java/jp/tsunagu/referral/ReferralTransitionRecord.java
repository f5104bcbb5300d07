package jp.tsunagu.referral;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of a referral's history: who moved it, from which unit, when, from what to what, and why. */
@Entity
@Table(name = "referral_transition")
public class ReferralTransitionRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "referral_id", nullable = false, updatable = false)
    public String referralId;

    @Column(nullable = false, updatable = false)
    public String action;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_state", updatable = false)
    public ReferralState from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_state", nullable = false, updatable = false)
    public ReferralState to;

    @Column(nullable = false, updatable = false)
    public String actor;

    @Column(name = "actor_unit_id", updatable = false)
    public Long actorUnitId;

    @Column(name = "reason_code", updatable = false)
    public String reasonCode;

    @Column(updatable = false)
    public String text;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;
}
