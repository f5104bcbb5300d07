package jp.tsunagu.registry;

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

/** A registered child (医療的ケア児). Names, birth date, guardian and hospital are identifying data. */
@Entity
@Table(name = "child")
public class Child extends VersionedRecord {

    public enum Sex {
        FEMALE, MALE, OTHER, UNKNOWN
    }

    public enum Source {
        STAFF, FAMILY_FORM, HOSPITAL
    }

    @Id
    public String id;

    @Column(name = "pref_code", nullable = false)
    public String prefCode;

    @Column(name = "family_name", nullable = false)
    public String familyName;

    @Column(name = "given_name", nullable = false)
    public String givenName;

    @Column(name = "family_name_kana", nullable = false)
    public String familyNameKana;

    @Column(name = "given_name_kana", nullable = false)
    public String givenNameKana;

    @Column(name = "name_kana_key", nullable = false)
    public String nameKanaKey;

    @Column(name = "birth_date", nullable = false)
    public LocalDate birthDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Sex sex;

    @Column(name = "residence_lgcode", nullable = false)
    public String residenceLgcode;

    @Column(name = "guardian_name")
    public String guardianName;

    @Column(name = "guardian_phone")
    public String guardianPhone;

    @Column(name = "guardian_email")
    public String guardianEmail;

    @Column(name = "mobile_with_care", nullable = false)
    public boolean mobileWithCare;

    @Column(name = "severe_disability", nullable = false)
    public boolean severeDisability;

    @Column(name = "ventilator_dependent", nullable = false)
    public boolean ventilatorDependent;

    @Column(name = "primary_hospital")
    public String primaryHospital;

    @Enumerated(EnumType.STRING)
    @Column(name = "registration_source", nullable = false)
    public Source registrationSource;

    @Column(name = "registered_by_unit_id", nullable = false)
    public Long registeredByUnitId;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_by_client")
    public String createdByClient;

    @ElementCollection
    @CollectionTable(name = "child_care_type", joinColumns = @JoinColumn(name = "child_id"))
    @Column(name = "care_code", nullable = false)
    public Set<String> careTypes = new LinkedHashSet<>();

}
