package jp.tsunagu.org;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import jp.tsunagu.common.persistence.VersionedRecord;

/** A center, center site, regional branch, designated city window or municipal office. */
@Entity
@Table(name = "org_unit")
public class OrgUnit extends VersionedRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String code;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public UnitKind kind;

    @Column(name = "pref_code", nullable = false)
    public String prefCode;

    @Column(name = "parent_id")
    public Long parentId;

    @Column(name = "name_ja", nullable = false)
    public String nameJa;

    @Column(name = "name_kana")
    public String nameKana;

    @Column(name = "lgcode")
    public String lgcode;

    public String phone;

    @Column(name = "web_form_url")
    public String webFormUrl;

    @Column(name = "opening_hours")
    public String openingHours;

    @Column(name = "active_from", nullable = false)
    public LocalDate activeFrom;

    @Column(name = "active_to")
    public LocalDate activeTo;


    public boolean activeOn(LocalDate date) {
        return !date.isBefore(activeFrom) && (activeTo == null || date.isBefore(activeTo));
    }
}
