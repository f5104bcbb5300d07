package jp.tsunagu.directory;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One change of a directory entry, with the entry as written: the directory's append-only history. */
@Entity
@Table(name = "directory_change")
public class DirectoryChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_id", nullable = false)
    public String organizationId;

    @Column(name = "service_id")
    public String serviceId;

    @Column(nullable = false)
    public String action;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    @Column(name = "changed_by_unit_id", nullable = false)
    public long changedByUnitId;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    @Column(nullable = false)
    public String snapshot;
}
