package jp.tsunagu.stats;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import jp.tsunagu.consultation.ConsultationEnums;
import jp.tsunagu.org.UnitDirectory;

/**
 * Consultations counted by two dimensions. The database groups and counts ({@code GROUP BY} over the consultation
 * rows, never loading them); Java only lays out the groups and labels them.
 *
 * <p>Statement 1 counts the cells: {@code SELECT <row>, <column>, COUNT(*) ... GROUP BY 1, 2}, joined with the
 * topics when a dimension is the topic, so that a consultation with two topics counts once under each. Statement 2
 * runs only then: it counts the consultations of each value of the other dimension once, without the topic join
 * (so the totals along the topic axis count consultations, not topic mentions). For the site dimension both are
 * wrapped in an outer GROUP BY that rolls the covering units up to their sites ({@link #rollUp}).
 */
@ApplicationScoped
class ConsultationStatistics {

    static final String TABLE = "consultations";

    /** Time buckets of a bounded period are all listed (zeros included) when there are at most this many. */
    private static final int MAX_LISTED_BUCKETS = 240;

    private final EntityManager em;
    private final Names names;

    ConsultationStatistics(EntityManager em, Names names) {
        this.em = em;
        this.names = names;
    }

    /**
     * @param municipalities residence filter already intersected with the scope; null for none, empty for "nothing"
     */
    Tabulation count(StatsScope scope, StatsPeriod period, ConsultationDimension rows, ConsultationDimension columns,
            List<String> municipalities) {
        Sql where = new Sql().append(" WHERE ").appendAll(scope.consultations());
        if (period.from() != null) {
            where.append(" AND c.received_on >= :periodFrom").bind("periodFrom", period.from());
        }
        if (period.to() != null) {
            where.append(" AND c.received_on <= :periodTo").bind("periodTo", period.to());
        }
        if (municipalities != null) {
            if (municipalities.isEmpty()) {
                where.append(" AND 1 = 0");
            } else {
                where.append(" AND c.residence_lgcode IN (:municipalities)").bind("municipalities", municipalities);
            }
        }
        boolean topicJoin = rows.multiValued() || columns.multiValued();
        Sql cells = rollUp(new Sql().append("SELECT ").append(rows.sql).append(" AS r, ").append(columns.sql)
                .append(" AS k, COUNT(*) AS n, SUM(c.cell_key) AS ks FROM consultation c")
                .append(topicJoin ? " JOIN consultation_topic t ON t.consultation_id = c.id" : "")
                .appendAll(where).append(" GROUP BY 1, 2"), rows == ConsultationDimension.SITE, columns == ConsultationDimension.SITE);
        Crosstab x = new Crosstab();
        for (Object[] row : cells.rows(em)) {
            x.add(bucket(scope, rows, row[0]), bucket(scope, columns, row[1]), Sql.number(row[2]), Sql.number(row[3]));
        }
        ConsultationDimension single = rows.multiValued() ? columns : rows;
        if (topicJoin) {
            Sql totals = rollUp(new Sql().append("SELECT ").append(single.sql).append(" AS r, 0 AS k, COUNT(*) AS n, SUM(c.cell_key) AS ks FROM consultation c")
                    .appendAll(where).append(" GROUP BY 1"), single == ConsultationDimension.SITE, false);
            for (Object[] row : totals.rows(em)) {
                x.addDistinct(bucket(scope, single, row[0]), Sql.number(row[2]), Sql.number(row[3]));
            }
        }
        Crosstab.Axis rowAxis = axis(rows, x.rowKeys(), period);
        Crosstab.Axis columnAxis = axis(columns, x.columnKeys(), period);
        long[][] matrix = x.matrix(rowAxis, columnAxis);
        long[][] keys = x.keyMatrix(rowAxis, columnAxis);
        StatsViews.Heading rowDim = dimension(rows);
        StatsViews.Heading columnDim = dimension(columns);
        if (columns.multiValued()) {
            return Tabulation.distinctRowTotals(TABLE, rowDim, columnDim, rowAxis.headings(), columnAxis.headings(), matrix,
                    x.distinct(rowAxis)).withKeys(keys, x.distinctKeys(rowAxis));
        }
        if (rows.multiValued()) {
            return Tabulation.distinctColumnTotals(TABLE, rowDim, columnDim, rowAxis.headings(), columnAxis.headings(), matrix,
                    x.distinct(columnAxis)).withKeys(keys, x.distinctKeys(columnAxis));
        }
        return Tabulation.additive(TABLE, rowDim, columnDim, rowAxis.headings(), columnAxis.headings(), matrix).withKeys(keys, null);
    }

    /**
     * Rolls unit groups up to sites with an outer GROUP BY over the inner groups (a handful per unit), rather than
     * looking the parent up once per consultation: the inner statement groups by the covering unit, the outer one
     * maps each unit to its site and adds the counts. Exact for distinct counts too, since a consultation has one unit.
     */
    static Sql rollUp(Sql inner, boolean rows, boolean columns) {
        if (!rows && !columns) {
            return inner;
        }
        Sql outer = new Sql().append("SELECT ").append(rows ? ConsultationDimension.rollUp("rs") : "b.r").append(" AS r, ")
                .append(columns ? ConsultationDimension.rollUp("ks") : "b.k").append(" AS k, SUM(b.n) AS n, SUM(b.ks) AS ks FROM (").appendAll(inner)
                .append(") b");
        if (rows) {
            outer.append(" JOIN org_unit rs ON rs.id = b.r");
        }
        if (columns) {
            outer.append(" JOIN org_unit ks ON ks.id = b.k");
        }
        return outer.append(" GROUP BY 1, 2");
    }

    /** The row key of a database value; what lies outside a branch's region becomes one key. */
    static String bucket(StatsScope scope, ConsultationDimension d, Object value) {
        if (d.isUnit()) {
            long id = Sql.number(value);
            return scope.inRegion(id) ? Long.toString(id) : Headings.OUTSIDE_REGION.code();
        }
        if (d == ConsultationDimension.MUNICIPALITY) {
            if (value == null) {
                return Headings.UNKNOWN_RESIDENCE.code();
            }
            return scope.inRegion(value.toString()) ? value.toString() : Headings.OUTSIDE_REGION.code();
        }
        return Sql.key(value);
    }

    StatsViews.Heading dimension(ConsultationDimension d) {
        return d.vocabulary() != null ? names.vocabulary(d.vocabulary(), d.code) : new StatsViews.Heading(d.code, d.labelJa, d.labelEn);
    }

    private Crosstab.Axis axis(ConsultationDimension d, Collection<String> present, StatsPeriod period) {
        Map<String, StatsViews.Heading> out = new LinkedHashMap<>();
        switch (d) {
            case UNIT, SITE -> units(present, names, out);
            case MUNICIPALITY -> municipalities(present, names, out);
            case MONTH -> {
                TreeSet<String> keys = new TreeSet<>(present);
                if (period.bounded() && YearMonth.from(period.from()).until(YearMonth.from(period.to()),
                        java.time.temporal.ChronoUnit.MONTHS) < MAX_LISTED_BUCKETS) {
                    for (YearMonth m = YearMonth.from(period.from()); !m.isAfter(YearMonth.from(period.to())); m = m.plusMonths(1)) {
                        keys.add(m.toString());
                    }
                }
                keys.forEach(k -> out.put(k, Headings.monthHeading(YearMonth.parse(k))));
            }
            case QUARTER -> {
                TreeSet<String> keys = new TreeSet<>(present);
                if (period.bounded()) {
                    LocalDate q = period.from();
                    for (int i = 0; i < MAX_LISTED_BUCKETS && !q.isAfter(period.to()); i++, q = q.plusMonths(3)) {
                        keys.add(Headings.fiscalYear(q) + "Q" + Headings.fiscalQuarter(q));
                    }
                    keys.add(Headings.fiscalYear(period.to()) + "Q" + Headings.fiscalQuarter(period.to()));
                }
                keys.forEach(k -> out.put(k, Headings.quarterHeading(k)));
            }
            case FISCAL_YEAR -> {
                TreeSet<String> keys = new TreeSet<>(present);
                if (period.bounded()) {
                    for (int fy = Headings.fiscalYear(period.from()); fy <= Headings.fiscalYear(period.to()); fy++) {
                        keys.add(Integer.toString(fy));
                    }
                }
                keys.forEach(k -> out.put(k, Headings.fiscalYearHeading(Integer.parseInt(k))));
            }
            case REQUESTER_TYPE, TOPIC, CHANNEL -> {
                Map<String, Names.Term> terms = names.terms(d.vocabulary());
                terms.forEach((code, term) -> {
                    if (term.active() || present.contains(code)) {
                        out.put(code, term.heading());
                    }
                });
                for (String code : new TreeSet<>(present)) {
                    out.putIfAbsent(code, new StatsViews.Heading(code, code, code));
                }
            }
            case KIND -> {
                for (ConsultationEnums.Kind k : ConsultationEnums.Kind.values()) {
                    out.put(k.name(), new StatsViews.Heading(k.name(), k.labelJa, k.labelEn));
                }
                for (String code : new TreeSet<>(present)) {
                    out.putIfAbsent(code, new StatsViews.Heading(code, code, code));
                }
            }
        }
        return Crosstab.Axis.of(out);
    }

    /** Unit rows by tier, then code; keys are unit ids; the outside-region row last. */
    static void units(Collection<String> present, Names names, Map<String, StatsViews.Heading> out) {
        List<Long> ids = new ArrayList<>();
        for (String k : present) {
            if (!k.equals(Headings.OUTSIDE_REGION.code()) && !k.equals(Headings.NO_COVERING_UNIT.code())) {
                ids.add(Long.parseLong(k));
            }
        }
        Map<Long, UnitDirectory.UnitRef> units = names.units(ids);
        units.values().stream().sorted(Names.TIER_ORDER).forEach(u -> out.put(Long.toString(u.id()), Names.unit(u)));
        for (Long id : ids) {
            out.putIfAbsent(Long.toString(id), new StatsViews.Heading(Long.toString(id), "#" + id, "#" + id));
        }
        if (present.contains(Headings.NO_COVERING_UNIT.code())) {
            out.put(Headings.NO_COVERING_UNIT.code(), Headings.NO_COVERING_UNIT);
        }
        if (present.contains(Headings.OUTSIDE_REGION.code())) {
            out.put(Headings.OUTSIDE_REGION.code(), Headings.OUTSIDE_REGION);
        }
    }

    /** Municipality rows by code; unknown residence and outside-region last. */
    static void municipalities(Collection<String> present, Names names, Map<String, StatsViews.Heading> out) {
        TreeSet<String> codes = new TreeSet<>();
        for (String k : present) {
            if (!k.equals(Headings.UNKNOWN_RESIDENCE.code()) && !k.equals(Headings.OUTSIDE_REGION.code())) {
                codes.add(k);
            }
        }
        Map<String, String> labels = names.municipalities(codes);
        for (String code : codes) {
            String name = labels.getOrDefault(code, code);
            out.put(code, new StatsViews.Heading(code, name, name));
        }
        if (present.contains(Headings.UNKNOWN_RESIDENCE.code())) {
            out.put(Headings.UNKNOWN_RESIDENCE.code(), Headings.UNKNOWN_RESIDENCE);
        }
        if (present.contains(Headings.OUTSIDE_REGION.code())) {
            out.put(Headings.OUTSIDE_REGION.code(), Headings.OUTSIDE_REGION);
        }
    }
}
