package jp.tsunagu.consultation;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A recorded change of a consultation's status: closures with their reason, and reopenings. */
@Entity
@Table(name = "consultation_status_change")
public class StatusChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "consultation_id", nullable = false, updatable = false)
    public String consultationId;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", updatable = false)
    public ConsultationEnums.Status from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false, updatable = false)
    public ConsultationEnums.Status to;

    @Enumerated(EnumType.STRING)
    @Column(name = "closure_reason", updatable = false)
    public ConsultationEnums.ClosureReason closureReason;

    @Column(updatable = false)
    public String note;

    @Column(name = "changed_by", nullable = false, updatable = false)
    public String changedBy;

    @Column(name = "unit_id", updatable = false)
    public Long unitId;

    @Column(name = "changed_at", nullable = false, updatable = false)
    public Instant changedAt;
}
