package jp.tsunagu.referral;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import jp.tsunagu.events.EventType;
import jp.tsunagu.events.Outbox;

/**
 * Raises {@code referral.overdue} once per referral and overdue period, so receiving systems can escalate. A period
 * is what {@link ReferralOverdue} calls overdue, keyed by its reason, the referral's version (a move starts a new
 * period) and the instant it counts from (a report restarts the quiet time): the key is unique in
 * referral_overdue_raised, inserted in the event's transaction, so the event is written once however many
 * instances run the job at once. A lease in job_lease keeps the scan itself to one instance at a time.
 */
@ApplicationScoped
public class ReferralOverdueJob {

    private static final Logger LOG = Logger.getLogger(ReferralOverdueJob.class);
    private static final String JOB = "referral-overdue";

    private final EntityManager em;
    private final ReferralOverdue overdue;
    private final Outbox events;
    private final Clock clock;
    private final String instance = "i-" + UUID.randomUUID().toString().substring(0, 8);

    public ReferralOverdueJob(EntityManager em, ReferralOverdue overdue, Outbox events, Clock clock) {
        this.em = em;
        this.overdue = overdue;
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(every = "{tsunagu.events.overdue-job-every}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (lease()) {
            int raised = raiseNow();
            if (raised > 0) {
                LOG.infof("raised referral.overdue for %d referrals", raised);
            }
        }
    }

    /** Takes the job's lease for ten minutes if it is free or already this instance's. */
    boolean lease() {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("update job_lease set owner = ?1, lease_until = ?2"
                + " where name = ?3 and (lease_until < ?4 or owner = ?1)").setParameter(1, instance).setParameter(2, now.plusSeconds(600))
                .setParameter(3, JOB).setParameter(4, now).executeUpdate() == 1);
    }

    /** Raises the event for every referral overdue now whose period has not had one; returns how many were raised. */
    public int raiseNow() {
        Map<String, Object> p = new HashMap<>();
        String condition = overdue.condition("r", clock, p);
        List<String> ids = QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createQuery("select r.id from Referral r where " + condition + " order by r.requestedAt", String.class);
            p.forEach(q::setParameter);
            return q.getResultList();
        });
        int raised = 0;
        for (String id : ids) {
            raised += QuarkusTransaction.requiringNew().call(() -> raise(id)) ? 1 : 0;
        }
        return raised;
    }

    private boolean raise(String id) {
        Referral r = em.find(Referral.class, id);
        ReferralOverdue.Reason reason = r == null ? null : overdue.reason(r, clock);
        if (reason == null) {
            return false;
        }
        Instant since = reason == ReferralOverdue.Reason.NO_ANSWER ? r.requestedAt : r.lastReportAt != null ? r.lastReportAt : r.acceptedAt;
        String period = reason + ":" + r.version + ":" + since.toEpochMilli();
        int inserted = em.createNativeQuery("insert ignore into referral_overdue_raised (referral_id, period_key, raised_at) values (?1, ?2, ?3)")
                .setParameter(1, id).setParameter(2, period).setParameter(3, clock.instant()).executeUpdate();
        if (inserted == 1) {
            events.referral(EventType.REFERRAL_OVERDUE, r.id, r.prefCode, r.senderUnitId, r.receiverUnitId, "consultationId", r.consultationId,
                    "kind", r.kind, "state", r.state, "overdueReason", reason, "overdueSince", since.toString());
        }
        return inserted == 1;
    }
}
