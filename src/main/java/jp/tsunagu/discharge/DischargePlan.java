package jp.tsunagu.discharge;

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
import jakarta.persistence.Version;

/** A home-care support plan (在宅生活支援プラン) for one registered child's discharge from hospital. */
@Entity
@Table(name = "discharge_plan")
public class DischargePlan {

    @Id
    public String id;

    @Version
    public long version;

    @Column(name = "pref_code", nullable = false, updatable = false)
    public String prefCode;

    @Column(name = "child_id", nullable = false, updatable = false)
    public String childId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PlanState state = PlanState.DRAFT;

    @Column(name = "planned_discharge_on", nullable = false)
    public LocalDate plannedDischargeOn;

    @Column(nullable = false)
    public String hospital;

    public String ward;

    @Column(name = "submitted_by", nullable = false, updatable = false)
    public String submittedBy;

    @Column(name = "submitted_by_unit_id", nullable = false, updatable = false)
    public Long submittedByUnitId;

    @Column(name = "created_by_client", updatable = false)
    public String createdByClient;

    @Column(name = "referral_id")
    public String referralId;

    @ElementCollection
    @CollectionTable(name = "discharge_plan_care_type", joinColumns = @JoinColumn(name = "plan_id"))
    @Column(name = "code", nullable = false)
    public Set<String> careTypes = new LinkedHashSet<>();
}
