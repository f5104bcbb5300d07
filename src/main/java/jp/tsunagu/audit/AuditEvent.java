package jp.tsunagu.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One row of the append-only, hash-chained audit trail. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The hash chain the row is linked in (audit_chain_head.id); {@link #prevHash} is its predecessor there. */
    @Column(nullable = false, updatable = false)
    @JdbcTypeCode(SqlTypes.TINYINT)
    public int chain;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;

    @Column(nullable = false, updatable = false)
    public String subject;

    @Column(updatable = false)
    public String role;

    @Column(name = "unit_code", updatable = false)
    public String unitCode;

    @Column(nullable = false, updatable = false)
    public String action;

    @Column(name = "object_type", updatable = false)
    public String objectType;

    @Column(name = "object_id", updatable = false)
    public String objectId;

    @Column(nullable = false, updatable = false)
    public String outcome;

    @Column(name = "request_id", updatable = false)
    public String requestId;

    @Column(updatable = false)
    public String detail;

    @Column(name = "prev_hash", nullable = false, updatable = false)
    public String prevHash;

    @Column(name = "row_hash", nullable = false, updatable = false)
    public String rowHash;

    /**
     * The text the row hash is computed over: every field but the id and the chain, in a fixed order. The chain is
     * left out so rows written before there were several chains (all on chain 1) keep their hashes; where a row sits
     * is bound by the links instead (moved to another chain, it breaks the links of both).
     */
    String canonical() {
        return String.join("\u001f", occurredAt.toString(), subject, nz(role), nz(unitCode), action, nz(objectType),
                nz(objectId), outcome, nz(requestId), nz(detail), prevHash);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
