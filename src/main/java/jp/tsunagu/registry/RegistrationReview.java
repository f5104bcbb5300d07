package jp.tsunagu.registry;

import java.time.Instant;
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
import jakarta.persistence.Version;

/**
 * A registration held for the prefecture center because a possible duplicate lies outside the caller's
 * view: the caller learns neither the other child's id nor anything about it, the center decides.
 */
@Entity
@Table(name = "registration_review")
public class RegistrationReview {

    public enum State {
        PENDING, REGISTERED, MATCHED_EXISTING
    }

    @Id
    public String id;

    @Column(name = "pref_code", nullable = false)
    public String prefCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    /** The registration as submitted: identifying data, shown to the center only. */
    @Column(name = "request_json", nullable = false, columnDefinition = "mediumtext")
    public String requestJson;

    @Column(name = "residence_lgcode", nullable = false)
    public String residenceLgcode;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "requested_by_unit_id", nullable = false)
    public Long requestedByUnitId;

    @Column(name = "created_by_client")
    public String createdByClient;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "resolved_by")
    public String resolvedBy;

    @Column(name = "resolved_by_unit_id")
    public Long resolvedByUnitId;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "resolution_note")
    public String resolutionNote;

    @Column(name = "child_id")
    public String childId;

    @Version
    public long version;

    @ElementCollection
    @CollectionTable(name = "registration_review_candidate", joinColumns = @JoinColumn(name = "review_id"))
    @Column(name = "child_id", nullable = false)
    public Set<String> candidates = new LinkedHashSet<>();
}
