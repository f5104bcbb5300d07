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

/** 経過報告: what the receiver did, for the sender to see. */
@Entity
@Table(name = "referral_report")
public class ProgressReport {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "referral_id", nullable = false, updatable = false)
    public String referralId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public ReportStatus status;

    @Column(nullable = false, updatable = false)
    public String body;

    @Column(nullable = false, updatable = false)
    public String author;

    @Column(name = "author_unit_id", updatable = false)
    public Long authorUnitId;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
}
