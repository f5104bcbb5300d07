package jp.tsunagu.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import jp.tsunagu.common.persistence.VersionedRecord;

/** An HSDS organization: the provider that runs one or more services. */
@Entity
@Table(name = "directory_organization")
public class Provider extends VersionedRecord {

    @Id
    public String id;

    @Column(name = "pref_code", nullable = false)
    public String prefCode;

    @Column(nullable = false)
    public String name;

    public String description;

    public String website;

    public String email;

    public String phone;

    @Column(name = "maintainer_unit_id", nullable = false)
    public long maintainerUnitId;
}
