package jp.tsunagu.referral;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import jp.tsunagu.access.AccessRules;

/**
 * What other features (statistics) read of the referrals still open: per receiving unit, how many are open now and
 * how many of them are overdue by {@link ReferralOverdue} (the condition the inbox uses), as plain records.
 */
@ApplicationScoped
public class OpenReferrals {

    /** The states in which the receiver has work to do; what "open" means in the statistics. */
    public static final List<ReferralState> OPEN_STATES = List.of(ReferralState.REQUESTED, ReferralState.ACCEPTED, ReferralState.IN_PROGRESS);

    /** The referrals open at one receiving unit: all of them, and how many are overdue. */
    public record AtUnit(long receiverUnitId, long overdue, long open) {
    }

    private final EntityManager em;
    private final ReferralOverdue overdue;
    private final Clock clock;

    OpenReferrals(EntityManager em, ReferralOverdue overdue, Clock clock) {
        this.em = em;
        this.overdue = overdue;
        this.clock = clock;
    }

    /**
     * The open referrals {@code scope} may read ({@link AccessRules#referrals}), per receiving unit; with
     * {@code filterUnits} (null: no filter) only those sent or received by one of them.
     */
    public List<AtUnit> byReceivingUnit(AccessRules.Scope scope, List<Long> filterUnits) {
        Map<String, Object> params = new HashMap<>();
        AccessRules.Condition readable = AccessRules.referrals(scope, AccessRules.Dialect.JPQL, "r");
        StringBuilder jpql = new StringBuilder("select r.receiverUnitId, sum(case when ")
                .append(overdue.condition("r", clock, params))
                .append(" then 1 else 0 end), count(r) from Referral r where ")
                .append(readable.text())
                .append(" and r.state in :openStates");
        params.putAll(readable.parameters());
        params.put("openStates", OPEN_STATES);
        if (filterUnits != null) {
            if (filterUnits.isEmpty()) {
                jpql.append(" and 1 = 0");
            } else {
                jpql.append(" and (r.senderUnitId in :filterUnits or r.receiverUnitId in :filterUnits)");
                params.put("filterUnits", filterUnits);
            }
        }
        jpql.append(" group by r.receiverUnitId");
        TypedQuery<Object[]> q = em.createQuery(jpql.toString(), Object[].class);
        params.forEach(q::setParameter);
        return q.getResultList().stream()
                .map(row -> new AtUnit((Long) row[0], count(row[1]), count(row[2]))).toList();
    }

    private static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
