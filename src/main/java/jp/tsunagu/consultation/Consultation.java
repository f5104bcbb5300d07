package jp.tsunagu.consultation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import jp.tsunagu.common.persistence.VersionedRecord;

@Entity
@Table(name = "consultation")
public class Consultation extends VersionedRecord {

    @Id
    public String id;

    @Column(name = "pref_code", nullable = false)
    public String prefCode;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "received_on", nullable = false)
    public LocalDate receivedOn;

    @Column(name = "receiving_unit_id", nullable = false)
    public Long receivingUnitId;

    @Column(name = "owner_unit_id", nullable = false)
    public Long ownerUnitId;

    @Column(nullable = false)
    public String channel;

    @Column(name = "requester_type", nullable = false)
    public String requesterType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConsultationEnums.Kind kind;

    @Column(name = "residence_lgcode")
    public String residenceLgcode;

    @Column(name = "child_id")
    public String childId;

    @Column(nullable = false)
    public boolean anonymous;

    @Column(name = "chief_complaint", nullable = false)
    public String chiefComplaint;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConsultationEnums.Urgency urgency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConsultationEnums.Status status;

    @Enumerated(EnumType.STRING)
    @Column(name = "closure_reason")
    public ConsultationEnums.ClosureReason closureReason;

    @Column(name = "coordinator_id")
    public Long coordinatorId;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_by_client")
    public String createdByClient;

    @ElementCollection
    @CollectionTable(name = "consultation_topic", joinColumns = @JoinColumn(name = "consultation_id"))
    @Column(name = "topic", nullable = false)
    public Set<String> topics = new LinkedHashSet<>();

}
