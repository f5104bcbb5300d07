package jp.tsunagu.disaster;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import jp.tsunagu.common.persistence.VersionedRecord;

/** 災害時個別支援計画 of one registered child. Everything but the dates and the devices' care codes is identifying. */
@Entity
@Table(name = "disaster_plan")
public class DisasterPlan extends VersionedRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "child_id", nullable = false, updatable = false)
    public String childId;

    @Column(name = "pref_code", nullable = false)
    public String prefCode;

    @Column(name = "power_failure_actions")
    public String powerFailureActions;

    @Column(name = "power_company")
    public String powerCompany;

    @Column(name = "power_company_registered", nullable = false)
    public boolean powerCompanyRegistered;

    @Column(name = "evacuation_site")
    public String evacuationSite;

    public String transport;

    public String helpers;

    @Column(name = "support_register_listed", nullable = false)
    public boolean supportRegisterListed;

    @Column(name = "hospital_contact")
    public String hospitalContact;

    @Column(name = "home_nursing_contact")
    public String homeNursingContact;

    public String medications;

    @Column(name = "supply_days")
    public Integer supplyDays;

    /** The child's care types when the plan was last reviewed: sorted codes, comma-separated. */
    @Column(name = "care_types_reviewed", nullable = false)
    public String careTypesReviewed;

    @Column(name = "reviewed_on", nullable = false)
    public LocalDate reviewedOn;

    @Column(name = "review_due_on", nullable = false)
    public LocalDate reviewDueOn;

    @Column(name = "written_by", nullable = false)
    public String writtenBy;

    @Column(name = "written_by_unit_id", nullable = false)
    public long writtenByUnitId;

    @ElementCollection
    @CollectionTable(name = "disaster_plan_device", joinColumns = @JoinColumn(name = "plan_id"))
    public Set<Device> devices = new LinkedHashSet<>();

    /** A power-dependent device, for one of the child's care types. */
    @Embeddable
    public record Device(@Column(name = "care_code", nullable = false) String careCode, @Column(nullable = false) String device,
            @Column(name = "battery_hours") BigDecimal batteryHours, @Column(name = "backup_power") String backupPower) {
    }
}
