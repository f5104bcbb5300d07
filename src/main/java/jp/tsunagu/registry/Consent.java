package jp.tsunagu.registry;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A signed consent (同意書) and the sharing it allows, until withdrawn. */
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

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "child_id", nullable = false)
    public String childId;

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

    @Column(name = "document_ref")
    public String documentRef;

    @Column(name = "withdrawn_on")
    public LocalDate withdrawnOn;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    public boolean activeOn(LocalDate day) {
        return !obtainedOn.isAfter(day) && (withdrawnOn == null || withdrawnOn.isAfter(day));
    }

    public java.util.List<Scope> scopes() {
        java.util.List<Scope> scopes = new java.util.ArrayList<>();
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
