package jp.tsunagu.audit;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;
import jp.tsunagu.common.security.Caller;

/** Reading and verifying the audit trail. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AuditService {

    private static final String GENESIS = "0".repeat(64);
    private static final int BATCH = 1000;

    private final EntityManager em;
    private final AuditLog log;
    private final Caller caller;

    public AuditService(EntityManager em, AuditLog log, Caller caller) {
        this.em = em;
        this.log = log;
        this.caller = caller;
    }

    @Schema(name = "AuditEvent", description = "One audited action: who, as which role and unit, did what to which object, when, with what outcome")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventView(@Schema(required = true) long id, @Schema(required = true) Instant occurredAt, @Schema(required = true) String subject, String role, String unitCode, @Schema(required = true) String action,
            @Schema(required = true) String objectType, String objectId, @Schema(required = true) String outcome, String requestId, String detail, @Schema(required = true) String rowHash) {
    }

    @Schema(name = "AuditVerification", description = "Result of re-computing the hash chain over every row")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Verification(@Schema(required = true) boolean intact, @Schema(required = true) long rowsChecked, Long firstBrokenId, String problem) {
    }

    @Schema(name = "AuditEventPage", description = "A page of audit events")
    public record AuditPage(@Schema(required = true) List<EventView> items, @Schema(required = true) int page, @Schema(required = true) int size, @Schema(required = true) long totalItems, @Schema(required = true) int totalPages) {
    }

    public record Filter(String subject, String action, String objectType, String objectId, String outcome, Instant from, Instant to) {
    }

    /**
     * The reader's prefecture only: a row belongs to the prefecture of the unit its actor acted for. Several
     * prefectures share one deployment and one chain, and none reads another's history.
     */
    @Transactional
    public Page<EventView> search(Filter f, PageRequest page) {
        StringBuilder where = new StringBuilder(" where e.unitCode in (select u.code from OrgUnit u where u.prefCode ="
                + " (select r.prefCode from OrgUnit r where r.code = :readerUnit))");
        Map<String, Object> p = new HashMap<>();
        p.put("readerUnit", caller.orgCode().orElse("-"));
        add(where, p, "subject", f.subject());
        add(where, p, "action", f.action());
        add(where, p, "objectType", f.objectType());
        add(where, p, "objectId", f.objectId());
        add(where, p, "outcome", f.outcome());
        if (f.from() != null) {
            where.append(" and e.occurredAt >= :from");
            p.put("from", f.from());
        }
        if (f.to() != null) {
            where.append(" and e.occurredAt < :to");
            p.put("to", f.to());
        }
        TypedQuery<AuditEvent> q = em.createQuery("from AuditEvent e" + where + " order by e.id desc", AuditEvent.class);
        TypedQuery<Long> count = em.createQuery("select count(e) from AuditEvent e" + where, Long.class);
        p.forEach((k, v) -> {
            q.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<EventView> items = q.setFirstResult(page.offset()).setMaxResults(page.size).getResultList().stream()
                .map(e -> new EventView(e.id, e.occurredAt, e.subject, e.role, e.unitCode, e.action, e.objectType, e.objectId,
                        e.outcome, e.requestId, e.detail, e.rowHash))
                .toList();
        long total = count.getSingleResult();
        log.record("AUDIT_READ", "audit", null, "page " + page.page);
        return Page.of(items, page, total);
    }

    private static void add(StringBuilder where, Map<String, Object> p, String field, String value) {
        if (value != null) {
            where.append(" and e.").append(field).append(" = :").append(field);
            p.put(field, value);
        }
    }

    /** Walks the chain in id order, in batches: each row's hash must match its content, and link to the previous row. */
    @Transactional
    public Verification verify() {
        String previous = GENESIS;
        long checked = 0;
        long lastId = 0;
        while (true) {
            List<AuditEvent> batch = em.createQuery("from AuditEvent e where e.id > :after order by e.id", AuditEvent.class)
                    .setParameter("after", lastId).setMaxResults(BATCH).getResultList();
            if (batch.isEmpty()) {
                break;
            }
            for (AuditEvent e : batch) {
                if (!e.prevHash.equals(previous)) {
                    return broken(checked, e.id, "row " + e.id + " does not link to the row before it (a row was removed or inserted)");
                }
                if (!AuditLog.sha256(e.canonical()).equals(e.rowHash)) {
                    return broken(checked, e.id, "row " + e.id + " was changed after it was written");
                }
                previous = e.rowHash;
                lastId = e.id;
                checked++;
            }
            em.clear();
        }
        Object[] head = (Object[]) em.createNativeQuery("select last_id, last_hash from audit_chain_head where id = 1").getSingleResult();
        if (((Number) head[0]).longValue() != lastId || !previous.equals(head[1])) {
            return broken(checked, lastId, "the newest rows were removed (the chain head names row " + head[0] + ")");
        }
        Verification ok = new Verification(true, checked, null, null);
        log.record("AUDIT_VERIFY", "audit", null, "intact, " + checked + " rows");
        return ok;
    }

    private Verification broken(long checked, long id, String problem) {
        log.record("AUDIT_VERIFY", "audit", id, "BROKEN: " + problem);
        return new Verification(false, checked, id, problem);
    }
}
