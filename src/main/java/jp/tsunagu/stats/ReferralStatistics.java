package jp.tsunagu.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import jp.tsunagu.org.UnitKind;
import jp.tsunagu.referral.Direction;
import jp.tsunagu.referral.ReferralKind;
import jp.tsunagu.referral.OpenReferrals;
import jp.tsunagu.referral.ReferralOverdue;
import jp.tsunagu.referral.ReferralState;

/**
 * Hand-off statistics. One grouped statement (kind, direction, sender and receiver unit kind as snapshotted at
 * request time, state) feeds three tables; two window-function statements give the duration percentiles; one JPQL
 * statement with the overdue condition of {@link ReferralOverdue} counts what is open and overdue now (read through
 * {@link OpenReferrals}, the referral feature's public read model).
 *
 * <p><b>Percentiles</b> are computed by MariaDB: {@code PERCENTILE_CONT(p) WITHIN GROUP (ORDER BY hours) OVER
 * (PARTITION BY kind)}, i.e. continuous percentiles with linear interpolation between the two nearest durations
 * (the same definition as PostgreSQL's percentile_cont and Excel's PERCENTILE.INC). No duration leaves the
 * database.
 */
@ApplicationScoped
class ReferralStatistics {

    static final String PERCENTILE_METHOD = "MariaDB PERCENTILE_CONT window function: continuous percentile with linear "
            + "interpolation (as PERCENTILE.INC in Excel), over hours from requestedAt to acceptedAt / endedAt";

    /** Outcome groups, in column order. */
    enum Outcome {
        COMPLETED("完了・終結", "Completed or closed"),
        FAILED("不成立", "Failed"),
        DECLINED("辞退", "Declined"),
        CANCELLED("取消", "Cancelled"),
        ACTIVE("対応中（未終了）", "Still active");

        final String labelJa;
        final String labelEn;

        Outcome(String labelJa, String labelEn) {
            this.labelJa = labelJa;
            this.labelEn = labelEn;
        }

        static Outcome of(String state) {
            return switch (ReferralState.valueOf(state)) {
                case COMPLETED, CLOSED -> COMPLETED;
                case FAILED -> FAILED;
                case DECLINED -> DECLINED;
                case CANCELLED -> CANCELLED;
                case REQUESTED, ACCEPTED, IN_PROGRESS -> ACTIVE;
            };
        }

        boolean ended() {
            return this != ACTIVE;
        }
    }

    static final StatsViews.Heading KIND = new StatsViews.Heading("kind", "依頼の種類", "Kind");
    static final StatsViews.Heading DIRECTION = new StatsViews.Heading("direction", "方向", "Direction");
    static final StatsViews.Heading TIERS = new StatsViews.Heading("tiers", "依頼元→依頼先", "Sender → receiver");
    static final StatsViews.Heading OUTCOME = new StatsViews.Heading("outcome", "結果", "Outcome");
    static final StatsViews.Heading RECEIVER = new StatsViews.Heading("receivingUnit", "依頼先", "Receiving unit");
    static final StatsViews.Heading OVERDUE = new StatsViews.Heading("overdue", "期限超過", "Overdue");
    static final StatsViews.Heading N = new StatsViews.Heading("n", "件数", "Count");

    private final EntityManager em;
    private final Names names;
    private final OpenReferrals openReferrals;

    ReferralStatistics(EntityManager em, Names names, OpenReferrals openReferrals) {
        this.em = em;
        this.names = names;
        this.openReferrals = openReferrals;
    }

    /** Everything of the referral statistics except the open/overdue table. */
    record Period(Tabulation byKindAndDirection, Tabulation byTiers, Tabulation outcomes, Tabulation accepted, Tabulation ended,
            Map<String, double[]> acceptHours, Map<String, double[]> endHours) {

        List<Tabulation> tables() {
            return List.of(byKindAndDirection, byTiers, outcomes, accepted, ended);
        }
    }

    private Sql where(StatsScope scope, StatsPeriod period, List<Long> units) {
        Sql where = new Sql().append(" WHERE ").appendAll(scope.referrals());
        if (units != null) {
            where.append(units.isEmpty() ? " AND 1 = 0" : " AND (r.sender_unit_id IN (:filterUnits) OR r.receiver_unit_id IN (:filterUnits))");
            if (!units.isEmpty()) {
                where.bind("filterUnits", units);
            }
        }
        if (period.from() != null) {
            where.append(" AND r.requested_at >= :periodFrom").bind("periodFrom", period.fromInstant());
        }
        if (period.to() != null) {
            where.append(" AND r.requested_at < :periodTo").bind("periodTo", period.toExclusiveInstant());
        }
        return where;
    }

    Period count(StatsScope scope, StatsPeriod period, List<Long> units) {
        Sql where = where(scope, period, units);
        Sql grouped = new Sql().append("SELECT r.kind, r.direction, r.sender_unit_kind, r.receiver_unit_kind, r.state, COUNT(*),"
                + " SUM(r.cell_key) FROM referral r").appendAll(where).append(" GROUP BY 1, 2, 3, 4, 5");
        Crosstab kd = new Crosstab();
        Crosstab tiers = new Crosstab();
        Crosstab outcomes = new Crosstab();
        Map<String, String> pairDirection = new HashMap<>();
        for (Object[] row : grouped.rows(em)) {
            String kind = (String) row[0];
            String direction = (String) row[1];
            String pair = row[2] + "→" + row[3];
            String previous = pairDirection.putIfAbsent(pair, direction);
            if (previous != null && !previous.equals(direction)) {
                // Cannot happen with consistent snapshots (direction follows from the tiers); keep such rows apart.
                pair = pair + " (" + direction + ")";
                pairDirection.putIfAbsent(pair, direction);
            }
            long n = Sql.number(row[5]);
            long ks = Sql.number(row[6]);
            kd.add(kind, direction, n, ks);
            tiers.add(pair, kind, n, ks);
            outcomes.add(kind, Outcome.of((String) row[4]).name(), n, ks);
        }
        Crosstab.Axis kinds = kinds();
        Crosstab.Axis directions = directions();
        Crosstab.Axis pairs = pairs(tiers.rowKeys());
        Crosstab.Axis outcomeAxis = outcomes();
        Tabulation byKd = Tabulation.additive("referrals.byKindAndDirection", KIND, DIRECTION, kinds.headings(), directions.headings(),
                kd.matrix(kinds, directions)).withKeys(kd.keyMatrix(kinds, directions), null);
        Tabulation byTiers = Tabulation.additive("referrals.byTiers", TIERS, KIND, pairs.headings(), kinds.headings(),
                tiers.matrix(pairs, kinds)).withKeys(tiers.keyMatrix(pairs, kinds), null);
        Tabulation byOutcome = Tabulation.additive("referrals.outcomes", KIND, OUTCOME, kinds.headings(), outcomeAxis.headings(),
                outcomes.matrix(kinds, outcomeAxis)).withKeys(outcomes.keyMatrix(kinds, outcomeAxis), null);

        Map<String, double[]> accept = new HashMap<>();
        Map<String, double[]> end = new HashMap<>();
        Crosstab acceptedN = percentiles(where, "r.accepted_at", "r.accepted_at IS NOT NULL", accept);
        Crosstab endedN = percentiles(where, "r.ended_at",
                "r.ended_at IS NOT NULL AND r.state IN ('COMPLETED', 'CLOSED', 'FAILED', 'DECLINED', 'CANCELLED')", end);
        Crosstab.Axis one = new Crosstab.Axis(List.of("n"), List.of(N));
        Tabulation accepted = Tabulation.additive("referrals.accepted", KIND, N, kinds.headings(), one.headings(), acceptedN.matrix(kinds, one))
                .withKeys(acceptedN.keyMatrix(kinds, one), null);
        Tabulation ended = Tabulation.additive("referrals.ended", KIND, N, kinds.headings(), one.headings(), endedN.matrix(kinds, one))
                .withKeys(endedN.keyMatrix(kinds, one), null);
        return new Period(byKd, byTiers, byOutcome, accepted, ended, accept, end);
    }

    /**
     * The relations between the period tables that a reader can combine: the same kind totals and grand total in
     * every table, each kind × direction cell is the sum of that kind's tier pairs in that direction, each
     * direction total the sum of its tier pairs' totals, and the ended count of a kind is the sum of its ended
     * outcomes.
     */
    static List<Protection.Link> links(Period p) {
        List<Protection.Link> links = new ArrayList<>();
        Tabulation kd = p.byKindAndDirection();
        Tabulation tiers = p.byTiers();
        Tabulation out = p.outcomes();
        Tabulation ended = p.ended();
        int kinds = kd.rows();
        for (int k = 0; k < kinds; k++) {
            Protection.Ref kindTotal = new Protection.Ref(kd, k, kd.columns());
            links.add(new Protection.Link(List.of(new Protection.Ref(tiers, tiers.rows(), k)), kindTotal));
            links.add(new Protection.Link(List.of(new Protection.Ref(out, k, out.columns())), kindTotal));
            List<Protection.Ref> endedOutcomes = new ArrayList<>();
            for (Outcome o : Outcome.values()) {
                if (o.ended()) {
                    endedOutcomes.add(new Protection.Ref(out, k, o.ordinal()));
                }
            }
            links.add(new Protection.Link(endedOutcomes, new Protection.Ref(ended, k, 0)));
        }
        Protection.Ref grand = new Protection.Ref(kd, kd.rows(), kd.columns());
        links.add(new Protection.Link(List.of(new Protection.Ref(tiers, tiers.rows(), tiers.columns())), grand));
        links.add(new Protection.Link(List.of(new Protection.Ref(out, out.rows(), out.columns())), grand));
        List<Protection.Ref> endedTotals = new ArrayList<>();
        for (Outcome o : Outcome.values()) {
            if (o.ended()) {
                endedTotals.add(new Protection.Ref(out, out.rows(), o.ordinal()));
            }
        }
        links.add(new Protection.Link(endedTotals, new Protection.Ref(ended, ended.rows(), 0)));
        for (int d = 0; d < kd.columns(); d++) {
            String direction = Direction.values()[d].name();
            List<Integer> pairRows = new ArrayList<>();
            for (int r = 0; r < tiers.rows(); r++) {
                if (direction.equals(directionOf(tiers.rowHeadings().get(r).code()))) {
                    pairRows.add(r);
                }
            }
            if (pairRows.isEmpty()) {
                continue;
            }
            for (int k = 0; k < kinds; k++) {
                List<Protection.Ref> members = new ArrayList<>();
                for (int r : pairRows) {
                    members.add(new Protection.Ref(tiers, r, k));
                }
                links.add(new Protection.Link(members, new Protection.Ref(kd, k, d)));
            }
            List<Protection.Ref> pairTotals = new ArrayList<>();
            for (int r : pairRows) {
                pairTotals.add(new Protection.Ref(tiers, r, tiers.columns()));
            }
            links.add(new Protection.Link(pairTotals, new Protection.Ref(kd, kd.rows(), d)));
        }
        return links;
    }

    /** The direction of a tier-pair row code ("MUNICIPAL_OFFICE→BRANCH", or with " (DIR)" when ambiguous). */
    static String directionOf(String pairCode) {
        int open = pairCode.indexOf(" (");
        if (open >= 0) {
            return pairCode.substring(open + 2, pairCode.length() - 1);
        }
        String[] kinds = pairCode.split("→");
        try {
            return Direction.between(UnitKind.valueOf(kinds[0]).tier(), UnitKind.valueOf(kinds[1]).tier()).name();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Median and 90th percentile hours per kind and over all kinds (key ALL), computed by the database; returns
     * the number of durations per kind.
     */
    private Crosstab percentiles(Sql where, String endColumn, String condition, Map<String, double[]> out) {
        String hours = "TIMESTAMPDIFF(MICROSECOND, r.requested_at, " + endColumn + ") / 3600000000";
        Sql sql = new Sql().append("SELECT DISTINCT x.g,"
                + " PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x.h) OVER (PARTITION BY x.g),"
                + " PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY x.h) OVER (PARTITION BY x.g),"
                + " COUNT(*) OVER (PARTITION BY x.g), SUM(x.ck) OVER (PARTITION BY x.g)"
                + " FROM (SELECT r.kind AS g, " + hours + " AS h, r.cell_key AS ck FROM referral r").appendAll(where).append(" AND " + condition)
                .append(" UNION ALL SELECT 'ALL' AS g, " + hours + " AS h, r.cell_key AS ck FROM referral r").appendAll(where).append(" AND " + condition)
                .append(") x");
        Crosstab n = new Crosstab();
        for (Object[] row : sql.rows(em)) {
            String group = (String) row[0];
            out.put(group, new double[] { round(row[1]), round(row[2]) });
            if (!"ALL".equals(group)) {
                n.add(group, "n", Sql.number(row[3]), Sql.number(row[4]));
            }
        }
        return n;
    }

    private static double round(Object value) {
        BigDecimal d = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
        return d.setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    /** Referrals open now (REQUESTED, ACCEPTED, IN_PROGRESS) per receiving unit, split into overdue and on time. */
    Tabulation openByReceivingUnit(StatsScope scope, List<Long> units) {
        Crosstab x = new Crosstab();
        for (OpenReferrals.AtUnit row : openReferrals.byReceivingUnit(scope.rule(), units)) {
            long unit = row.receiverUnitId();
            long late = row.overdue();
            long all = row.open();
            String key = scope.inRegion(unit) ? Long.toString(unit) : Headings.OUTSIDE_REGION.code();
            x.add(key, "OVERDUE", late);
            x.add(key, "ON_TIME", all - late);
        }
        Map<String, StatsViews.Heading> rows = new LinkedHashMap<>();
        ConsultationStatistics.units(x.rowKeys(), names, rows);
        Crosstab.Axis rowAxis = Crosstab.Axis.of(rows);
        Crosstab.Axis columns = new Crosstab.Axis(List.of("OVERDUE", "ON_TIME"), List.of(
                new StatsViews.Heading("OVERDUE", "期限超過", "Overdue"), new StatsViews.Heading("ON_TIME", "期限内", "On time")));
        return Tabulation.additive("referrals.openByReceivingUnit", RECEIVER, OVERDUE, rowAxis.headings(), columns.headings(),
                x.matrix(rowAxis, columns));
    }

    static Crosstab.Axis kinds() {
        Map<String, StatsViews.Heading> m = new LinkedHashMap<>();
        for (ReferralKind k : ReferralKind.values()) {
            m.put(k.name(), new StatsViews.Heading(k.name(), k.labelJa, k.labelEn));
        }
        return Crosstab.Axis.of(m);
    }

    static Crosstab.Axis directions() {
        Map<String, StatsViews.Heading> m = new LinkedHashMap<>();
        m.put(Direction.UP.name(), new StatsViews.Heading("UP", "上位層へ", "Up"));
        m.put(Direction.DOWN.name(), new StatsViews.Heading("DOWN", "下位層へ", "Down"));
        m.put(Direction.LATERAL.name(), new StatsViews.Heading("LATERAL", "同じ層へ", "Lateral"));
        return Crosstab.Axis.of(m);
    }

    static Crosstab.Axis outcomes() {
        Map<String, StatsViews.Heading> m = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            m.put(o.name(), new StatsViews.Heading(o.name(), o.labelJa, o.labelEn));
        }
        return Crosstab.Axis.of(m);
    }

    /** Tier pairs present, ordered by sender tier, sender kind, receiver kind. */
    static Crosstab.Axis pairs(java.util.Collection<String> present) {
        Map<String, StatsViews.Heading> m = new LinkedHashMap<>();
        present.stream().sorted(Comparator.comparing(ReferralStatistics::pairOrder)).forEach(code -> m.put(code, pairHeading(code)));
        return Crosstab.Axis.of(m);
    }

    private static String pairOrder(String code) {
        String[] kinds = code.replaceAll(" \\(.*\\)$", "").split("→");
        return order(kinds[0]) + "/" + order(kinds.length > 1 ? kinds[1] : "") + "/" + code;
    }

    private static String order(String kind) {
        try {
            UnitKind k = UnitKind.valueOf(kind);
            return k.tier() + "" + k.ordinal();
        } catch (IllegalArgumentException e) {
            return "9" + kind;
        }
    }

    static StatsViews.Heading pairHeading(String code) {
        String suffix = code.contains(" (") ? code.substring(code.indexOf(" (")) : "";
        String[] kinds = code.replaceAll(" \\(.*\\)$", "").split("→");
        String ja = label(kinds[0], true) + "→" + label(kinds.length > 1 ? kinds[1] : "", true) + suffix;
        String en = label(kinds[0], false) + " → " + label(kinds.length > 1 ? kinds[1] : "", false) + suffix;
        return new StatsViews.Heading(code, ja, en);
    }

    private static String label(String kind, boolean ja) {
        try {
            UnitKind k = UnitKind.valueOf(kind);
            return ja ? k.labelJa() : k.labelEn();
        } catch (IllegalArgumentException e) {
            return kind;
        }
    }
}
