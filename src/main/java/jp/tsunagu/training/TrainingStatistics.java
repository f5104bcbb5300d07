package jp.tsunagu.training;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.StreamingOutput;

import jp.tsunagu.access.AccessRules.Reach;
import jp.tsunagu.audit.AuditLog;
import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.org.OrgViews;
import jp.tsunagu.org.Profession;
import jp.tsunagu.org.UnitKind;
import jp.tsunagu.org.Visibility;
import jp.tsunagu.stats.CsvTableWriter;
import jp.tsunagu.stats.Headings;
import jp.tsunagu.stats.Output;
import jp.tsunagu.stats.StatsViews;

/**
 * Completions by profession × fiscal year (the council slide), and coverage: which municipalities have no trained,
 * active coordinator today, or none who kept up with a follow-up. Both count the caller's prefecture; branch staff
 * see the coverage of the municipalities their branch covers today ({@link Visibility#lgcodes()}).
 *
 * <p>Counts are exact for every role allowed here, analysts included: they count professionals who took a course the
 * prefecture publishes figures about, not children or cases, and coordinators' names are readable by every role.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class TrainingStatistics {

    /** The rule "completed a course of this kind by this day", written once for statistics and coverage. */
    static final String COMPLETION = "a.status = 'COMPLETED' and c.kind = :%s and a.completed_on <= :asOf";

    private final EntityManager em;
    private final Visibility visibility;
    private final AuditLog audit;
    private final Clock clock;

    TrainingStatistics(EntityManager em, Visibility visibility, AuditLog audit, Clock clock) {
        this.em = em;
        this.visibility = visibility;
        this.audit = audit;
        this.clock = clock;
    }

    public record StatsQuery(CourseKind kind, String course, Integer from, Integer to) {
    }

    @SuppressWarnings("unchecked") // a native query's rows
    public TrainingViews.Statistics statistics(StatsQuery q) {
        String pref = visibility.prefCode();
        int today = Headings.fiscalYear(LocalDate.now(clock));
        int to = q.to() != null ? q.to() : today;
        int from = q.from() != null ? q.from() : to - 4;
        if (from > to) {
            throw ApiProblem.invalidField("from", "must not be after to (" + to + ")", "from-after-to");
        }
        if (to - from >= 30) {
            throw ApiProblem.invalidField("from", "at most 30 fiscal years at once", "range-too-long");
        }
        CourseKind kind = q.kind() != null ? q.kind() : CourseKind.BASIC;
        TrainingViews.CourseView course = null;
        if (q.course() != null) {
            TrainingCourse c = em.createQuery("select c from TrainingCourse c where c.code = :code and " + TrainingService.PREFECTURE,
                    TrainingCourse.class).setParameter("code", q.course()).setParameter("pref", pref).getResultStream().findFirst()
                    .orElseThrow(() -> ApiProblem.invalidField("course", "prefecture " + pref + " has no course " + q.course(), "unknown-course"));
            if (q.kind() != null && c.kind != q.kind()) {
                throw ApiProblem.invalidField("kind", "course " + c.code + " is a " + c.kind + " course", "kind-mismatch");
            }
            kind = c.kind;
            course = TrainingViews.CourseView.of(c);
        }
        var query = em.createNativeQuery("select a.profession, s.fiscal_year, count(*) from training_attendee a"
                + " join training_session s on s.id = a.session_id join training_course c on c.id = s.course_id"
                + " where c.pref_code = :pref and " + COMPLETION.formatted("kind") + " and s.fiscal_year between :from and :to"
                + (course == null ? "" : " and c.id = :course") + " group by a.profession, s.fiscal_year", Object[].class)
                .setParameter("pref", pref).setParameter("kind", kind.name()).setParameter("asOf", LocalDate.now(clock))
                .setParameter("from", from).setParameter("to", to);
        if (course != null) {
            query.setParameter("course", course.id());
        }
        int years = to - from + 1;
        Map<Profession, long[]> counts = new EnumMap<>(Profession.class);
        for (Profession p : Profession.values()) {
            counts.put(p, new long[years]);
        }
        for (Object[] row : (List<Object[]>) query.getResultList()) {
            counts.get(Profession.valueOf((String) row[0]))[((Number) row[1]).intValue() - from] += ((Number) row[2]).longValue();
        }
        long[] yearTotals = new long[years];
        counts.values().forEach(c -> {
            for (int i = 0; i < years; i++) {
                yearTotals[i] += c[i];
            }
        });
        long grand = java.util.Arrays.stream(yearTotals).sum();
        List<TrainingViews.StatsRow> rows = new ArrayList<>();
        counts.forEach((p, c) -> {
            long total = java.util.Arrays.stream(c).sum();
            rows.add(new TrainingViews.StatsRow(p, p.labelJa(), p.labelEn(), list(c), running(c), total,
                    grand == 0 ? 0 : (double) total / grand));
        });
        List<TrainingViews.Year> fiscalYears = new ArrayList<>();
        for (int fy = from; fy <= to; fy++) {
            fiscalYears.add(new TrainingViews.Year(fy, Headings.fiscalYearJa(fy), "FY" + fy));
        }
        return new TrainingViews.Statistics(pref, kind, kind.labelJa(), course, fiscalYears, rows, list(yearTotals), running(yearTotals), grand);
    }

    /** The CSV tables: byYear (completions per year, total, share in %) or cumulative (running totals). */
    public enum CsvTable {
        BY_YEAR, CUMULATIVE
    }

    public record Export(String filename, String contentType, StreamingOutput body) {
    }

    @Transactional
    public Export export(StatsQuery q, CsvTable table, Output output) {
        TrainingViews.Statistics s = statistics(q);
        String name = "training-" + s.prefecture() + "-" + (s.course() == null ? s.kind().name() : s.course().code()) + "-"
                + (table == CsvTable.BY_YEAR ? "byYear" : "cumulative") + "-FY" + s.fiscalYears().get(0).fiscalYear() + "-FY"
                + s.fiscalYears().get(s.fiscalYears().size() - 1).fiscalYear() + ".csv";
        audit.record("STATS_EXPORT", "stats", "training." + (table == CsvTable.BY_YEAR ? "byYear" : "cumulative"),
                "prefecture=" + s.prefecture() + " kind=" + s.kind() + (s.course() == null ? "" : " course=" + s.course().code())
                        + " charset=" + output.charset() + " labels=" + output.labels());
        return new Export(name, output.contentType(), out -> {
            CsvTableWriter w = new CsvTableWriter(out, output.charset());
            write(w, s, table, output.labels());
            // finish(), not close(): the HTTP layer owns the response stream.
            w.finish();
        });
    }

    private static void write(CsvTableWriter w, TrainingViews.Statistics s, CsvTable table, Output.Labels labels) throws IOException {
        StatsViews.Heading corner = table == CsvTable.BY_YEAR
                ? new StatsViews.Heading("profession / fiscalYear", "職種 / 年度", "Profession / Fiscal year")
                : new StatsViews.Heading("profession / fiscalYear (cumulative)", "職種 / 年度（累計）", "Profession / Fiscal year (cumulative)");
        List<String> header = new ArrayList<>();
        header.add(labels.of(corner));
        s.fiscalYears().forEach(y -> header.add(labels.of(new StatsViews.Heading(Integer.toString(y.fiscalYear()), y.labelJa(), y.labelEn()))));
        if (table == CsvTable.BY_YEAR) {
            header.add(labels.of(Headings.TOTAL));
            header.add(labels.of(new StatsViews.Heading("sharePercent", "構成比（%）", "Share (%)")));
        }
        w.header(header);
        for (TrainingViews.StatsRow r : s.rows()) {
            List<Object> line = new ArrayList<>();
            line.add(labels.of(new StatsViews.Heading(r.profession().name(), r.labelJa(), r.labelEn())));
            line.addAll(table == CsvTable.BY_YEAR ? r.byYear() : r.cumulative());
            if (table == CsvTable.BY_YEAR) {
                line.add(r.total());
                line.add(percent(r.total(), s.grandTotal()));
            }
            w.row(line);
        }
        List<Object> totals = new ArrayList<>();
        totals.add(labels.of(Headings.TOTAL));
        totals.addAll(table == CsvTable.BY_YEAR ? s.yearTotals() : s.cumulativeTotals());
        if (table == CsvTable.BY_YEAR) {
            totals.add(s.grandTotal());
            totals.add(percent(s.grandTotal(), s.grandTotal()));
        }
        w.row(totals);
    }

    private static BigDecimal percent(long part, long whole) {
        return whole == 0 ? BigDecimal.ZERO.setScale(1) : BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }

    private static List<Long> list(long[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    private static List<Long> running(long[] values) {
        List<Long> out = new ArrayList<>(values.length);
        long sum = 0;
        for (long v : values) {
            sum += v;
            out.add(sum);
        }
        return out;
    }

    // --- coverage ---

    @SuppressWarnings("unchecked") // a native query's rows
    public TrainingViews.Coverage coverage(int followUpYears) {
        if (followUpYears < 1 || followUpYears > 20) {
            throw ApiProblem.invalidField("followUpYears", "must be 1 to 20", "out-of-range");
        }
        String pref = visibility.prefCode();
        LocalDate today = LocalDate.now(clock);
        LocalDate after = today.minusYears(followUpYears);
        boolean region = visibility.reach() == Reach.REGION;
        String completedBy = "exists (select 1 from coordinator k join coordinator_municipality km on km.coordinator_id = k.id"
                + " join training_attendee a on a.coordinator_id = k.id join training_session s on s.id = a.session_id"
                + " join training_course c on c.id = s.course_id where km.lgcode = m.lgcode and k.active = true and ";
        var query = em.createNativeQuery("select m.lgcode, m.name,"
                + " case when u.kind = 'MUNICIPAL_OFFICE' and p.id is not null then p.code else u.code end,"
                + " " + completedBy + COMPLETION.formatted("basic") + "),"
                + " " + completedBy + COMPLETION.formatted("followUp") + " and a.completed_on > :after)"
                + " from coverage cv join municipality m on m.lgcode = cv.lgcode join org_unit u on u.id = cv.unit_id"
                + " left join org_unit p on p.id = u.parent_id"
                + " where m.pref_code = :pref and u.pref_code = :pref and cv.valid_from <= :asOf and (cv.valid_to is null or cv.valid_to > :asOf)"
                + (region ? " and m.lgcode in (:lgcodes)" : "") + " order by m.lgcode", Object[].class)
                .setParameter("pref", pref).setParameter("asOf", today).setParameter("basic", CourseKind.BASIC.name())
                .setParameter("followUp", CourseKind.FOLLOW_UP.name()).setParameter("after", after);
        if (region) {
            query.setParameter("lgcodes", visibility.lgcodes());
        }
        Map<String, List<Object[]>> byUnit = new LinkedHashMap<>();
        for (Object[] row : (List<Object[]>) query.getResultList()) {
            byUnit.computeIfAbsent((String) row[2], k -> new ArrayList<>()).add(row);
        }
        Map<String, jp.tsunagu.org.OrgUnit> units = new LinkedHashMap<>();
        if (!byUnit.isEmpty()) {
            em.createQuery("from OrgUnit u where u.code in :codes", jp.tsunagu.org.OrgUnit.class).setParameter("codes", byUnit.keySet())
                    .getResultList().forEach(u -> units.put(u.code, u));
        }
        List<TrainingViews.CoverageBranch> branches = new ArrayList<>();
        int municipalities = 0;
        int untrained = 0;
        int stale = 0;
        List<String> order = new ArrayList<>(byUnit.keySet());
        order.sort(java.util.Comparator.comparing((String code) -> units.get(code).kind == UnitKind.CENTER ? 0 : 1)
                .thenComparing(code -> code));
        for (String code : order) {
            List<Object[]> rows = byUnit.get(code);
            List<OrgViews.MunicipalityRef> noTrained = new ArrayList<>();
            List<OrgViews.MunicipalityRef> noFollowUp = new ArrayList<>();
            for (Object[] row : rows) {
                OrgViews.MunicipalityRef m = new OrgViews.MunicipalityRef((String) row[0], (String) row[1]);
                if (!truth(row[3])) {
                    noTrained.add(m);
                }
                if (!truth(row[4])) {
                    noFollowUp.add(m);
                }
            }
            branches.add(new TrainingViews.CoverageBranch(OrgViews.UnitSummary.of(units.get(code)), rows.size(), noTrained, noFollowUp));
            municipalities += rows.size();
            untrained += noTrained.size();
            stale += noFollowUp.size();
        }
        return new TrainingViews.Coverage(pref, today, followUpYears, after, branches,
                new TrainingViews.CoverageTotals(municipalities, untrained, stale));
    }

    private static boolean truth(Object value) {
        return value instanceof Boolean b ? b : value != null && ((Number) value).intValue() != 0;
    }
}
