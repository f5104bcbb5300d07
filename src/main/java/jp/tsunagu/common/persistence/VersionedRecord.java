package jp.tsunagu.common.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Version;

/**
 * Columns every mutable record carries: an optimistic-lock version (updates are
 * {@code ... WHERE version = ?}), the creation time the database sets, and the last update time.
 */
@MappedSuperclass
public abstract class VersionedRecord {

    @Version
    public long version;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false, insertable = false)
    public Instant updatedAt;

    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }
}
