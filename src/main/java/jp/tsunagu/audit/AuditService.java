package jp.tsunagu.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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

    @Schema(name = "AuditVerification", description = "Result of re-computing the hash chains over every row: intact only if every chain is."
            + " firstBrokenId and problem name the lowest-numbered row where a chain breaks")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Verification(@Schema(required = true, description = "True only if every chain is intact") boolean intact,
            @Schema(required = true, description = "Rows checked, over all chains") long rowsChecked, Long firstBrokenId, String problem,
            @Schema(description = "One entry per chain, in chain order") List<ChainVerification> chains) {
    }

    @Schema(name = "AuditChainVerification", description = "The verification of one hash chain of the audit trail."
            + " Audited transactions write on different chains so they need not wait on each other")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChainVerification(@Schema(required = true, description = "Chain number", minimum = "1") int chain,
            @Schema(required = true) boolean intact,
            @Schema(required = true, description = "Rows of this chain checked before its end or its first break") long rowsChecked,
            @Schema(required = true, description = "The newest row of the chain according to its head (0: the chain is empty)") long headId,
            @Schema(description = "Where the chain breaks: the changed, inserted or relinked row, or its last row when newer ones were removed") Long firstBrokenId,
            String problem) {
    }

    @Schema(name = "AuditEventPage", description = "A page of audit events")
    public record AuditPage(@Schema(required = true) List<EventView> items, @Schema(required = true) int page, @Schema(required = true) int size, @Schema(required = true) long totalItems, @Schema(required = true) int totalPages) {
    }

    public record Filter(String subject, String action, String objectType, String objectId, String outcome, Instant from, Instant to) {
    }

    /**
     * The reader's prefecture only: a row belongs to the prefecture of the unit its actor acted for. Several
     * prefectures share one deployment and its chains, and none reads another's history.
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

    /**
     * Walks every chain in id order, in batches (memory stays flat): each row's hash must match its content and link to
     * the previous row of its chain, the head of each chain must name that chain's last row, and no row may sit on a
     * chain without a head. One snapshot (REPEATABLE READ, taken by the first read, of the heads) covers the walk, so
     * rows committed meanwhile are neither seen nor missed. Every chain is walked to its end or its first break.
     */
    @Transactional
    public Verification verify() {
        @SuppressWarnings("unchecked")
        List<Object[]> heads = em.createNativeQuery("select id, last_id, last_hash from audit_chain_head order by id").getResultList();
        List<ChainVerification> chains = new ArrayList<>();
        for (Object[] head : heads) {
            chains.add(verifyChain(((Number) head[0]).intValue(), ((Number) head[1]).longValue(), (String) head[2]));
        }
        long checked = chains.stream().mapToLong(ChainVerification::rowsChecked).sum();
        Long orphan = (Long) em.createQuery("select min(e.id) from AuditEvent e where e.chain not in :chains", Long.class)
                .setParameter("chains", chains.stream().map(ChainVerification::chain).toList()).getSingleResult();
        ChainVerification firstBroken = chains.stream().filter(c -> !c.intact())
                .min(Comparator.comparingLong(ChainVerification::firstBrokenId)).orElse(null);
        if (orphan != null && (firstBroken == null || orphan < firstBroken.firstBrokenId())) {
            return broken(checked, orphan, "row " + orphan + " is on a chain that has no head (a row was inserted or moved)", chains);
        }
        if (firstBroken != null) {
            return broken(checked, firstBroken.firstBrokenId(), firstBroken.problem(), chains);
        }
        Verification ok = new Verification(true, checked, null, null, chains);
        log.record("AUDIT_VERIFY", "audit", null, "intact, " + checked + " rows on " + chains.size() + " chains");
        return ok;
    }

    private ChainVerification verifyChain(int chain, long headId, String headHash) {
        String previous = GENESIS;
        long checked = 0;
        long lastId = 0;
        while (true) {
            List<AuditEvent> batch = em.createQuery("from AuditEvent e where e.chain = :chain and e.id > :after order by e.id", AuditEvent.class)
                    .setParameter("chain", chain).setParameter("after", lastId).setMaxResults(BATCH).getResultList();
            if (batch.isEmpty()) {
                break;
            }
            for (AuditEvent e : batch) {
                if (!e.prevHash.equals(previous)) {
                    return new ChainVerification(chain, false, checked, headId, e.id,
                            "row " + e.id + " does not link to the row before it on chain " + chain + " (a row was removed or inserted)");
                }
                if (!AuditLog.sha256(e.canonical()).equals(e.rowHash)) {
                    return new ChainVerification(chain, false, checked, headId, e.id, "row " + e.id + " was changed after it was written");
                }
                previous = e.rowHash;
                lastId = e.id;
                checked++;
            }
            em.clear();
        }
        if (headId != lastId || !previous.equals(headHash)) {
            return new ChainVerification(chain, false, checked, headId, lastId,
                    "the newest rows of chain " + chain + " were removed (its head names row " + headId + ")");
        }
        return new ChainVerification(chain, true, checked, headId, null, null);
    }

    private Verification broken(long checked, long id, String problem, List<ChainVerification> chains) {
        log.record("AUDIT_VERIFY", "audit", id, "BROKEN: " + problem);
        return new Verification(false, checked, id, problem, chains);
    }
}
