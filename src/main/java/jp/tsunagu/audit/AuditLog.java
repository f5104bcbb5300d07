package jp.tsunagu.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.MDC;

import io.quarkus.arc.Arc;
import jp.tsunagu.common.security.Caller;
import jp.tsunagu.common.web.RequestIds;

/**
 * Writes the audit trail. {@link #record} joins the caller's transaction, so the row commits or rolls
 * back with the action it describes; {@link #denied} writes in a transaction of its own, because the
 * request it describes fails. Each transaction writes on one of several hash chains, whose head it holds until it
 * ends ({@link AuditChains}), so each chain stays linear while audited transactions do not queue on one another.
 */
@ApplicationScoped
public class AuditLog {

    public enum Outcome {
        SUCCESS, DENIED, REJECTED
    }

    private final EntityManager em;
    private final AuditChains chains;

    public AuditLog(EntityManager em, AuditChains chains) {
        this.em = em;
        this.chains = chains;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, String objectType, Object objectId, String detail) {
        append(action, objectType, objectId, Outcome.SUCCESS, detail);
    }

    /** A request the service turned down for what it asked (not for who asked), kept though the request fails. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void rejected(String action, String objectType, Object objectId, String detail) {
        append(action, objectType, objectId, Outcome.REJECTED, detail);
    }

    /** A role denial of an endpoint, reported by the one error path in {@code common}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void onAccessDenied(@jakarta.enterprise.event.Observes jp.tsunagu.common.security.AccessDenied d) {
        append(d.action(), d.objectType(), d.objectId(), Outcome.DENIED, d.detail());
    }

    /**
     * A feature's refusal (403), audited by the feature as what was refused, in a transaction of its own since
     * the request fails; returns the problem to throw.
     */
    public jp.tsunagu.common.problem.ApiProblem refuse(String action, String objectType, Object objectId, String message) {
        denied(action, objectType, objectId, message);
        return new jp.tsunagu.common.problem.ApiProblem(jp.tsunagu.common.problem.ProblemType.FORBIDDEN, message);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void denied(String action, String objectType, Object objectId, String detail) {
        append(action, objectType, objectId, Outcome.DENIED, detail);
    }

    private void append(String action, String objectType, Object objectId, Outcome outcome, String detail) {
        AuditChains.Held head = chains.current();
        AuditEvent event = new AuditEvent();
        event.occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Caller caller = caller();
        event.subject = caller == null ? "system" : caller.subject();
        event.role = caller == null ? null : truncate(String.join(",", caller.roles()), 200);
        event.unitCode = caller == null ? null : caller.orgCode().orElse(null);
        event.action = action;
        event.objectType = objectType;
        event.objectId = objectId == null ? null : truncate(objectId.toString(), 64);
        event.outcome = outcome.name();
        Object requestId = MDC.get(RequestIds.MDC_KEY);
        event.requestId = requestId == null ? null : requestId.toString();
        event.detail = truncate(detail, 500);
        event.chain = head.chain;
        event.prevHash = head.lastHash;
        event.rowHash = sha256(event.canonical());
        em.persist(event);
        em.flush();
        em.createNativeQuery("update audit_chain_head set last_id = ?1, last_hash = ?2 where id = ?3")
                .setParameter(1, event.id).setParameter(2, event.rowHash).setParameter(3, head.chain).executeUpdate();
        head.lastId = event.id;
        head.lastHash = event.rowHash;
    }

    private static Caller caller() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        Caller caller = Arc.container().instance(Caller.class).get();
        return caller.isAuthenticated() ? caller : null;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
