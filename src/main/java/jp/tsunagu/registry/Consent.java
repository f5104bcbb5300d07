package jp.tsunagu.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The record of a signed consent form (個人情報使用同意書): which form, where the paper is filed, who took
 * it from whom, and the sharing it allows. It is in force only once a second person at the prefecture
 * center has checked it against the form ({@link State#CONFIRMED}), until it is withdrawn.
 */
@Entity
@Table(name = "consent")
public class Consent {

    public enum Scope {
        /** Identifying data stays with the prefecture center (and its sites). */
        CENTER_ONLY,
        /** Also the units of the child's residence municipality. */
        SHARE_WITH_RESIDENCE_MUNICIPALITY,
        /** Also the units a referral about the child is sent to. */
        SHARE_WITH_REFERRAL_RECIPIENTS
    }

    /** PENDING → CONFIRMED or REJECTED by the center (another person than the recorder); PENDING or CONFIRMED → WITHDRAWN. */
    public enum State {
        PENDING, CONFIRMED, REJECTED, WITHDRAWN
    }

    /** Who signed the form for the child. */
    public enum Relationship {
        MOTHER, FATHER, GUARDIAN, SELF, OTHER
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "child_id", nullable = false)
    public String childId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "share_center", nullable = false)
    public boolean shareCenter;

    @Column(name = "share_residence", nullable = false)
    public boolean shareResidence;

    @Column(name = "share_referrals", nullable = false)
    public boolean shareReferrals;

    @Column(name = "obtained_on", nullable = false)
    public LocalDate obtainedOn;

    @Column(name = "obtained_by_unit_id", nullable = false)
    public Long obtainedByUnitId;

    @Column(name = "form_name")
    public String formName;

    @Column(name = "obtained_by_person")
    public String obtainedByPerson;

    @Column(name = "obtained_from_name")
    public String obtainedFromName;

    @Enumerated(EnumType.STRING)
    @Column(name = "obtained_from_relationship")
    public Relationship obtainedFromRelationship;

    @Column(name = "document_ref")
    public String documentRef;

    @Column(name = "withdrawn_on")
    public LocalDate withdrawnOn;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_by_unit_id", nullable = false)
    public Long recordedByUnitId;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "reviewed_by")
    public String reviewedBy;

    @Column(name = "reviewed_by_unit_id")
    public Long reviewedByUnitId;

    @Column(name = "reviewed_at")
    public Instant reviewedAt;

    @Column(name = "review_note")
    public String reviewNote;

    @Column(name = "withdrawal_received_by")
    public String withdrawalReceivedBy;

    @Column(name = "withdrawn_by")
    public String withdrawnBy;

    @Column(name = "withdrawn_by_unit_id")
    public Long withdrawnByUnitId;

    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    /** In force on a day: confirmed by the center and obtained by then (a withdrawal ends the CONFIRMED state). */
    public boolean inForceOn(LocalDate day) {
        return state == State.CONFIRMED && !obtainedOn.isAfter(day);
    }

    public List<Scope> scopes() {
        List<Scope> scopes = new ArrayList<>();
        if (shareCenter) {
            scopes.add(Scope.CENTER_ONLY);
        }
        if (shareResidence) {
            scopes.add(Scope.SHARE_WITH_RESIDENCE_MUNICIPALITY);
        }
        if (shareReferrals) {
            scopes.add(Scope.SHARE_WITH_REFERRAL_RECIPIENTS);
        }
        return scopes;
    }
}
