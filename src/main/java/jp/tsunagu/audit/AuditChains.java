package jp.tsunagu.audit;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The chain heads of the audit trail, one held per audited transaction. A transaction takes a head no other
 * transaction holds ({@code FOR UPDATE SKIP LOCKED}, from a random head on, in id order), keeps its row lock until it
 * ends and writes every audit row of its own on that chain, so concurrent audited transactions do not wait on each
 * other. Only when every head is taken does it wait, on one head.
 * <p>
 * No deadlock between heads: a transaction holds at most one head and waits for one only while it holds none. The
 * one case where that is not enough is a {@code REQUIRES_NEW} audit write (a denial) while the suspended transaction
 * of the same thread holds a head: its database lock is another transaction's to InnoDB, and waiting on it would wait
 * forever. So the waiting fallback never picks a head a transaction of the same thread holds.
 */
@ApplicationScoped
class AuditChains {

    /** The head a transaction holds, with the newest row it has written on it. */
    static final class Held {
        final int chain;
        long lastId;
        String lastHash;

        private Held(int chain, long lastId, String lastHash) {
            this.chain = chain;
            this.lastId = lastId;
            this.lastHash = lastHash;
        }
    }

    private static final Object KEY = new Object();

    /** Heads held by the transactions of this thread, the suspended ones included. */
    private static final ThreadLocal<Set<Integer>> HELD_BY_THREAD = ThreadLocal.withInitial(ConcurrentHashMap::newKeySet);

    private final EntityManager em;
    private final TransactionSynchronizationRegistry registry;
    private volatile List<Integer> chains;

    AuditChains(EntityManager em, TransactionSynchronizationRegistry registry) {
        this.em = em;
        this.registry = registry;
    }

    /** The head of the current transaction's chain, taken on its first audit row and kept until it ends. */
    Held current() {
        Held held = (Held) registry.getResource(KEY);
        if (held == null) {
            held = take();
            registry.putResource(KEY, held);
            Set<Integer> ofThread = HELD_BY_THREAD.get();
            ofThread.add(held.chain);
            int chain = held.chain;
            // ofThread, not HELD_BY_THREAD.get(): a transaction may end on another thread (timeout rollback)
            registry.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    ofThread.remove(chain);
                }
            });
        }
        return held;
    }

    private Held take() {
        List<Integer> all = chains();
        int start = all.get(ThreadLocalRandom.current().nextInt(all.size()));
        // Open-ended ranges only: a range with an upper end would also lock the first head beyond it (REPEATABLE READ).
        Held free = lock("select id, last_id, last_hash from audit_chain_head where id >= ?1 order by id limit 1 for update skip locked", start);
        if (free == null && start > all.get(0)) {
            free = lock("select id, last_id, last_hash from audit_chain_head where id >= ?1 order by id limit 1 for update skip locked", all.get(0));
        }
        if (free != null) {
            return free;
        }
        Set<Integer> ofThread = HELD_BY_THREAD.get();
        List<Integer> waitable = all.stream().filter(c -> !ofThread.contains(c)).toList();
        if (waitable.isEmpty()) {
            throw new IllegalStateException("every audit chain is held by a transaction of this thread");
        }
        int chain = waitable.get(ThreadLocalRandom.current().nextInt(waitable.size()));
        return lock("select id, last_id, last_hash from audit_chain_head where id = ?1 for update", chain);
    }

    private Held lock(String sql, int chain) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql).setParameter(1, chain).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        return new Held(((Number) row[0]).intValue(), ((Number) row[1]).longValue(), (String) row[2]);
    }

    /** The chain numbers, from the heads the migrations wrote (they change only with a migration). */
    List<Integer> chains() {
        List<Integer> known = chains;
        if (known == null) {
            @SuppressWarnings("unchecked")
            List<Number> ids = em.createNativeQuery("select id from audit_chain_head order by id").getResultList();
            known = ids.stream().map(Number::intValue).toList();
            chains = known;
        }
        return known;
    }
}
