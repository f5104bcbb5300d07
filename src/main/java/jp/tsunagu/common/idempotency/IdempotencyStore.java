package jp.tsunagu.common.idempotency;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The records behind Idempotency-Key, each step in a transaction of its own so other requests see it at once. */
@ApplicationScoped
public class IdempotencyStore {

    static final String IN_FLIGHT = "IN_FLIGHT";
    static final String DONE = "DONE";

    private final EntityManager em;

    public IdempotencyStore(EntityManager em) {
        this.em = em;
    }

    /**
     * Claims the key for this request: true when this request is the first; the primary key decides races.
     * Only the plain insert runs on the hot path: a range delete beside concurrent inserts of the same key
     * takes gap locks that InnoDB resolves by killing one of them (seen with 20 concurrent retries).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean claim(String clientId, String key, String hash, Instant now, Instant expiresAt) {
        return insert(clientId, key, hash, now, expiresAt) == 1;
    }

    /** Frees a key whose record has expired, so the next claim can take it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean purgeExpired(String clientId, String key, Instant now) {
        return em.createNativeQuery("delete from idempotency_record where client_id = ?1 and idem_key = ?2 and expires_at < ?3")
                .setParameter(1, clientId).setParameter(2, key).setParameter(3, now).executeUpdate() == 1;
    }

    private int insert(String clientId, String key, String hash, Instant now, Instant expiresAt) {
        return em.createNativeQuery("insert ignore into idempotency_record (client_id, idem_key, request_hash, state,"
                + " created_at, expires_at) values (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, clientId).setParameter(2, key).setParameter(3, hash).setParameter(4, IN_FLIGHT)
                .setParameter(5, now).setParameter(6, expiresAt).executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<IdempotencyRecord> find(String clientId, String key) {
        return Optional.ofNullable(em.find(IdempotencyRecord.class, new IdempotencyRecord.Key(clientId, key)));
    }

    /**
     * Records what the first request produced, in that request's own transaction, so the record and the created
     * resource commit together (a crash in between can no longer leave the key in flight for its whole TTL). A
     * conditional update: only the claim this request holds can be completed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(String clientId, String key, int status, String body, String location) {
        int updated = em.createNativeQuery("update idempotency_record set state = ?1, response_status = ?2, response_body = ?3,"
                + " location = ?4 where client_id = ?5 and idem_key = ?6 and state = ?7")
                .setParameter(1, DONE).setParameter(2, status).setParameter(3, body).setParameter(4, location)
                .setParameter(5, clientId).setParameter(6, key).setParameter(7, IN_FLIGHT).executeUpdate();
        if (updated != 1) {
            throw new IllegalStateException("the claim of this Idempotency-Key is gone");
        }
    }

    /** A failed first attempt gives the key back, so the client can retry it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(String clientId, String key) {
        em.createNativeQuery("delete from idempotency_record where client_id = ?1 and idem_key = ?2 and state = ?3")
                .setParameter(1, clientId).setParameter(2, key).setParameter(3, IN_FLIGHT).executeUpdate();
    }
}
