package jp.tsunagu.org;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import jp.tsunagu.common.persistence.VersionedRecord;

/** A 医療的ケア児等コーディネーター: affiliated with one unit, covering some municipalities. */
@Entity
@Table(name = "coordinator")
public class Coordinator extends VersionedRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "unit_id", nullable = false)
    public Long unitId;

    @Column(nullable = false)
    public String name;

    @Column(name = "name_kana", nullable = false)
    public String nameKana;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Profession profession;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CoordinatorRole role;

    public String phone;

    public String email;

    @Column(nullable = false)
    public boolean active = true;

    @ElementCollection
    @CollectionTable(name = "coordinator_municipality", joinColumns = @JoinColumn(name = "coordinator_id"))
    @Column(name = "lgcode", nullable = false)
    public Set<String> municipalities = new LinkedHashSet<>();

    @ElementCollection
    @CollectionTable(name = "coordinator_training", joinColumns = @JoinColumn(name = "coordinator_id"))
    public Set<Training> trainings = new LinkedHashSet<>();


    /** A completed training course (e.g. the 4-day coordinator course) and its fiscal year. */
    @Embeddable
    public record Training(@Column(name = "course", nullable = false) String course,
            @Column(name = "fiscal_year", nullable = false) short fiscalYear) {
    }
}
