package jp.tsunagu.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import jp.tsunagu.access.AccessRules;

/**
 * Publishes committed events to the feed and delivers webhooks, on every instance, after the commit and never in
 * the request that made the change.
 * <ul>
 * <li>Publishing: whoever holds event_publisher's row lock (others SKIP LOCKED) gives the unpublished events feed
 * positions in seq order and queues one delivery per subscription that may read the event now;</li>
 * <li>Delivering: deliveries are claimed with {@code SELECT … FOR UPDATE SKIP LOCKED} and a lease, so instances
 * never take the same row; a delivery waits while an earlier one of the same subject and subscription is
 * pending (per-subject order); failures retry on the configured schedule with jitter, then the delivery fails and
 * the subscription is disabled with the reason. A worker that dies leaves its claim to others when the lease ends
 * (at-least-once: receivers de-duplicate on webhook-id).</li>
 * </ul>
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;
    private final EventsSettings settings;
    private final EventScope scopes;
    private final SecretBox secrets;
    private final EventFeed feed;
    private final TargetPolicy targets;
    private final WebhookSender sender;
    private final String instance = "i-" + UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService ticker = Executors.newSingleThreadExecutor(r -> daemon(r, "events-ticker"));
    private final ExecutorService workers;
    private final AtomicBoolean kicked = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean paused;

    public Dispatcher(EntityManager em, ObjectMapper json, Clock clock, EventsSettings settings, EventScope scopes,
            SecretBox secrets, EventFeed feed) {
        this.em = em;
        this.json = json;
        this.clock = clock;
        this.settings = settings;
        this.scopes = scopes;
        this.secrets = secrets;
        this.feed = feed;
        EventsSettings.Webhooks w = settings.webhooks();
        this.targets = new TargetPolicy(w.allowHttp(), w.allowPrivateTargets());
        this.sender = new WebhookSender(w.connectTimeout(), w.readTimeout(), w.maxResponseBytes());
        this.workers = Executors.newFixedThreadPool(w.workers(), r -> daemon(r, "events-delivery"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
        workers.shutdownNow();
    }

    @Scheduled(every = "{tsunagu.events.dispatch-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        kick();
    }

    /** After a change committed: publish and deliver now rather than at the next tick. */
    void onWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Written written) {
        kick();
    }

    private void kick() {
        if (paused || !kicked.compareAndSet(false, true)) {
            return;
        }
        try {
            ticker.execute(() -> {
                kicked.set(false);
                try {
                    tick();
                } catch (RuntimeException e) {
                    LOG.warnf("event dispatch failed: %s", e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            kicked.set(false);
        }
    }

    /** Stops this instance's dispatching, as if it were down (tests). Events keep being written by requests. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        kick();
    }

    private void tick() {
        if (paused) {
            return;
        }
        while (publish() > 0) {
            // until the backlog is published
        }
        if (!secrets.configured()) {
            return;
        }
        int free = settings.webhooks().workers() - inFlight.get();
        if (free <= 0) {
            return;
        }
        for (long id : claim(instance, Math.min(free, settings.webhooks().claimBatch()))) {
            inFlight.incrementAndGet();
            workers.execute(() -> {
                try {
                    attempt(id, instance);
                } catch (RuntimeException e) {
                    LOG.warnf("webhook delivery %d failed: %s", id, e.toString());
                } finally {
                    inFlight.decrementAndGet();
                    kick();
                }
            });
        }
    }

    /**
     * One synchronous round as worker {@code worker}: publish, claim, deliver. Tests run it from several threads to
     * act as several instances; the service itself uses the scheduled tick.
     */
    public int runOnce(String worker) {
        while (publish() > 0) {
            // publish the backlog
        }
        List<Long> claimed = claim(worker, settings.webhooks().claimBatch());
        claimed.forEach(id -> attempt(id, worker));
        return claimed.size();
    }

    /** Gives unpublished events feed positions and queues their deliveries; 0 when none or another instance publishes. */
    public int publish() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object> lock = em.createNativeQuery("select last_position from event_publisher where name = 'feed' for update skip locked")
                    .getResultList();
            if (lock.isEmpty()) {
                return 0;
            }
            long last = ((Number) lock.get(0)).longValue();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select seq, type, subject_type, subject_id from event where feed_position is null"
                    + " order by seq limit 500").getResultList();
            if (rows.isEmpty()) {
                return 0;
            }
            Instant now = clock.instant();
            Map<Long, Long> positions = new LinkedHashMap<>();
            for (Object[] row : rows) {
                long seq = ((Number) row[0]).longValue();
                positions.put(seq, ++last);
                em.createNativeQuery("update event set feed_position = ?1, published_at = ?2 where seq = ?3").setParameter(1, last)
                        .setParameter(2, now).setParameter(3, seq).executeUpdate();
            }
            em.createNativeQuery("update event_publisher set last_position = ?1 where name = 'feed'").setParameter(1, last).executeUpdate();
            fanOut(rows, positions, now);
            return rows.size();
        });
    }

    private void fanOut(List<Object[]> rows, Map<Long, Long> positions, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> subs = em.createNativeQuery("select s.id, s.event_types, s.from_position, s.owner_role, s.owner_client_id, u.code"
                + " from webhook_subscription s left join org_unit u on u.id = s.owner_unit_id where s.state = 'ACTIVE'").getResultList();
        for (Object[] sub : subs) {
            String subId = (String) sub[0];
            Set<String> types = Set.copyOf(readList((String) sub[1]));
            long from = ((Number) sub[2]).longValue();
            List<Long> candidates = new ArrayList<>();
            for (Object[] row : rows) {
                long seq = ((Number) row[0]).longValue();
                if (positions.get(seq) > from && (types.isEmpty() || types.contains((String) row[1]))) {
                    candidates.add(seq);
                }
            }
            if (candidates.isEmpty()) {
                continue;
            }
            AccessRules.Scope scope = scopes.ofOwner((String) sub[3], (String) sub[5], (String) sub[4]);
            for (long seq : visible(scope, candidates)) {
                Object[] row = rows.stream().filter(r -> ((Number) r[0]).longValue() == seq).findFirst().orElseThrow();
                queue(subId, seq, positions.get(seq), row[2] + ":" + row[3], now);
            }
        }
    }

    void queue(String subscriptionId, long seq, long position, String subjectKey, Instant now) {
        em.createNativeQuery("insert into webhook_delivery (subscription_id, event_seq, feed_position, subject_key, status, attempts,"
                + " next_attempt_at, created_at) values (?1, ?2, ?3, ?4, 'PENDING', 0, ?5, ?5)").setParameter(1, subscriptionId)
                .setParameter(2, seq).setParameter(3, position).setParameter(4, subjectKey).setParameter(5, now).executeUpdate();
    }

    /** Of the events {@code seqs}, those the scope may read now. */
    List<Long> visible(AccessRules.Scope scope, List<Long> seqs) {
        AccessRules.Condition c = EventScope.condition(scope, "e");
        Query q = em.createNativeQuery("select e.seq from event e where e.seq in (:seqs) and " + c.text() + " order by e.seq");
        c.parameters().forEach(q::setParameter);
        q.setParameter("seqs", seqs);
        @SuppressWarnings("unchecked")
        List<Object> found = q.getResultList();
        return found.stream().map(o -> ((Number) o).longValue()).toList();
    }

    /** Claims up to {@code n} due deliveries for {@code worker}: row locks skipped by others, then a lease. */
    public List<Long> claim(String worker, int n) {
        if (n <= 0) {
            return List.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            @SuppressWarnings("unchecked")
            List<Object> ids = em.createNativeQuery("select d.id from webhook_delivery d where d.status = 'PENDING'"
                    + " and d.next_attempt_at <= ?1 and (d.lease_until is null or d.lease_until < ?1)"
                    + " and exists (select 1 from webhook_subscription s where s.id = d.subscription_id and s.state = 'ACTIVE')"
                    + " and not exists (select 1 from webhook_delivery p where p.subscription_id = d.subscription_id"
                    + " and p.subject_key = d.subject_key and p.status = 'PENDING' and p.feed_position < d.feed_position)"
                    + " order by d.next_attempt_at, d.id limit " + n + " for update skip locked").setParameter(1, now).getResultList();
            List<Long> claimed = ids.stream().map(o -> ((Number) o).longValue()).toList();
            if (!claimed.isEmpty()) {
                em.createNativeQuery("update webhook_delivery set lease_owner = ?1, lease_until = ?2 where id in (?3)").setParameter(1, worker)
                        .setParameter(2, now.plus(settings.webhooks().lease())).setParameter(3, claimed).executeUpdate();
            }
            return claimed;
        });
    }

    private record Attempt(String url, String body, String msgId, List<String> secrets, int attempts, String subscriptionId) {
    }

    /** Delivers one claimed delivery and records the outcome, if {@code worker} still holds it. */
    public void attempt(long deliveryId, String worker) {
        Attempt a = QuarkusTransaction.requiringNew().call(() -> prepare(deliveryId, worker));
        if (a == null) {
            return;
        }
        Instant sentAt = clock.instant();
        Outcome outcome = targets.refusal(a.url()).map(why -> new Outcome(false, null, "target refused: " + why))
                .orElseGet(() -> {
                    WebhookSender.Outcome o = sender.post(a.url(), a.msgId(), sentAt.getEpochSecond(),
                            WebhookSignature.header(a.msgId(), sentAt.getEpochSecond(), a.body(), a.secrets()), a.body());
                    return new Outcome(o.delivered(), o.status(), o.error());
                });
        QuarkusTransaction.requiringNew().run(() -> record(deliveryId, worker, a, outcome, sentAt));
    }

    private record Outcome(boolean delivered, Integer status, String error) {
    }

    private Attempt prepare(long deliveryId, String worker) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select d.subscription_id, d.event_seq, d.attempts, null, s.url, s.secret_current,"
                + " s.secret_previous, date_format(s.previous_until, '%Y-%m-%dT%H:%i:%s.%fZ'), s.owner_role, s.owner_client_id, u.code, s.state from webhook_delivery d"
                + " join webhook_subscription s on s.id = d.subscription_id left join org_unit u on u.id = s.owner_unit_id"
                + " where d.id = ?1 and d.status = 'PENDING' and d.lease_owner = ?2").setParameter(1, deliveryId).setParameter(2, worker)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.get(0);
        String subId = (String) r[0];
        long seq = ((Number) r[1]).longValue();
        if (!WebhookSubscription.ACTIVE.equals(r[11])) {
            em.createNativeQuery("update webhook_delivery set lease_owner = null, lease_until = null where id = ?1").setParameter(1, deliveryId)
                    .executeUpdate();
            return null;
        }
        AccessRules.Scope scope = scopes.ofOwner((String) r[8], (String) r[10], (String) r[9]);
        if (visible(scope, List.of(seq)).isEmpty()) {
            // The subject left the owner's scope after the event was queued: it stops flowing there.
            em.createNativeQuery("update webhook_delivery set status = 'CANCELLED', lease_owner = null, lease_until = null,"
                    + " last_error = 'the subscription''s owner can no longer read this subject' where id = ?1").setParameter(1, deliveryId)
                    .executeUpdate();
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> event = em.createNativeQuery("select " + EventFeed.COLUMNS + " from event e where e.seq = ?1").setParameter(1, seq)
                .getResultList();
        EventViews.EventView view = feed.view(event.get(0), false);
        List<String> valid = new ArrayList<>();
        valid.add(secrets.open(subId, (String) r[5]));
        Instant previousUntil = r[7] == null ? null : EventFeed.instant(r[7]);
        if (r[6] != null && previousUntil != null && previousUntil.isAfter(clock.instant())) {
            valid.add(secrets.open(subId, (String) r[6]));
        }
        try {
            return new Attempt((String) r[4], json.writeValueAsString(view), view.id(), valid, ((Number) r[2]).intValue(), subId);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void record(long deliveryId, String worker, Attempt a, Outcome o, Instant sentAt) {
        Instant now = clock.instant();
        int attempts = a.attempts() + 1;
        String error = o.error() == null ? null : o.error().substring(0, Math.min(300, o.error().length()));
        if (o.delivered()) {
            em.createNativeQuery("update webhook_delivery set status = 'DELIVERED', attempts = ?1, last_attempt_at = ?2, last_status = ?3,"
                    + " last_error = null, delivered_at = ?4, lease_owner = null, lease_until = null where id = ?5 and lease_owner = ?6")
                    .setParameter(1, attempts).setParameter(2, sentAt).setParameter(3, o.status()).setParameter(4, now)
                    .setParameter(5, deliveryId).setParameter(6, worker).executeUpdate();
            return;
        }
        List<Duration> schedule = settings.webhooks().retrySchedule();
        if (attempts > schedule.size()) {
            int changed = em.createNativeQuery("update webhook_delivery set status = 'FAILED', attempts = ?1, last_attempt_at = ?2,"
                    + " last_status = ?3, last_error = ?4, lease_owner = null, lease_until = null where id = ?5 and lease_owner = ?6")
                    .setParameter(1, attempts).setParameter(2, sentAt).setParameter(3, o.status()).setParameter(4, error)
                    .setParameter(5, deliveryId).setParameter(6, worker).executeUpdate();
            if (changed == 1) {
                String reason = "Gave up on event " + a.msgId() + " after " + attempts + " attempts over " + human(schedule)
                        + "; last: " + error + ". Fix the receiver, reactivate, then redeliver from the last event you received.";
                em.createNativeQuery("update webhook_subscription set state = 'DISABLED', disabled_reason = ?1, disabled_at = ?2,"
                        + " version = version + 1 where id = ?3 and state = 'ACTIVE'").setParameter(1, reason).setParameter(2, now)
                        .setParameter(3, a.subscriptionId()).executeUpdate();
                LOG.infof("webhook subscription %s disabled after %d failed attempts", a.subscriptionId(), attempts);
            }
            return;
        }
        Duration wait = schedule.get(attempts - 1);
        double factor = 1 + settings.webhooks().jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        Instant next = now.plusMillis(Math.max(0, Math.round(wait.toMillis() * factor)));
        em.createNativeQuery("update webhook_delivery set attempts = ?1, last_attempt_at = ?2, last_status = ?3, last_error = ?4,"
                + " next_attempt_at = ?5, lease_owner = null, lease_until = null where id = ?6 and lease_owner = ?7")
                .setParameter(1, attempts).setParameter(2, sentAt).setParameter(3, o.status()).setParameter(4, error)
                .setParameter(5, next).setParameter(6, deliveryId).setParameter(7, worker).executeUpdate();
    }

    private static String human(List<Duration> schedule) {
        Duration total = schedule.stream().reduce(Duration.ZERO, Duration::plus);
        return total.toHours() > 0 ? "about " + total.toHours() + " hours" : total.toSeconds() + " seconds";
    }

    private List<String> readList(String text) {
        try {
            return json.readValue(text, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The instance id this dispatcher claims as (for logs and tests). */
    public String instance() {
        return instance;
    }

}
