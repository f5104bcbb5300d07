package jp.tsunagu.stats;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import jp.tsunagu.audit.AuditLog;
import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.security.Caller;
import jp.tsunagu.emergency.EmergencyAccessService;
import jp.tsunagu.org.LgCodes;
import jp.tsunagu.org.Visibility;
import jp.tsunagu.referral.ReferralKind;

/**
 * The statistics API behind the resource: who may see what ({@link StatsScope}), parameter checks, small-cell
 * protection for analysts, and the audited CSV exports. The counting itself is in the *Statistics classes.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class StatsService {

    static final int MAX_FILTER_VALUES = 100;

    private final Visibility visibility;
    private final Caller caller;
    private final AuditLog audit;
    private final Names names;
    private final ConsultationStatistics consultationStatistics;
    private final ReferralStatistics referralStatistics;
    private final LoadStatistics loadStatistics;
    private final ChildStatistics childStatistics;
    private final Clock clock;
    private final int threshold;
    private final CellKeyPerturbation perturbation;
    private final EmergencyAccessService emergencies;

    StatsService(Visibility visibility, Caller caller, AuditLog audit, Names names, ConsultationStatistics consultationStatistics,
            ReferralStatistics referralStatistics, LoadStatistics loadStatistics, ChildStatistics childStatistics, Clock clock,
            StatsSettings settings, EmergencyAccessService emergencies) {
        int threshold = settings.suppressionK();
        if (threshold < 1) {
            throw new IllegalArgumentException("tsunagu.stats.suppression-k must be at least 1, was " + threshold);
        }
        this.visibility = visibility;
        this.caller = caller;
        this.audit = audit;
        this.names = names;
        this.consultationStatistics = consultationStatistics;
        this.referralStatistics = referralStatistics;
        this.loadStatistics = loadStatistics;
        this.childStatistics = childStatistics;
        this.clock = clock;
        this.threshold = threshold;
        this.perturbation = new CellKeyPerturbation(threshold);
        this.emergencies = emergencies;
    }

    // ---- consultations ------------------------------------------------------------------------------------

    public record ConsultationQuery(String rows, String columns, String from, String to, String fiscalYear, String prefecture,
            String municipalities) {
    }

    public StatsViews.ConsultationStats consultations(ConsultationQuery q) {
        StatsScope scope = scope(q.prefecture());
        ConsultationDimension rows = ConsultationDimension.parse("rows", q.rows() == null ? "site" : q.rows());
        ConsultationDimension columns = ConsultationDimension.parse("columns", q.columns() == null ? "requesterType" : q.columns());
        if (rows == columns) {
            throw ApiProblem.invalidField("columns", "must differ from rows", "same-dimension");
        }
        StatsPeriod period = period(scope, q.from(), q.to(), q.fiscalYear());
        noFilterForAnalysts(scope, "municipalities", q.municipalities());
        List<String> municipalities = municipalities(scope, q.municipalities());
        Tabulation t = consultationStatistics.count(scope, period, rows, columns, municipalities);
        publish(scope, t);
        return new StatsViews.ConsultationStats(scope.prefCode(), scope.name(), period.view(), municipalities, true, t.view(false));
    }

    @Transactional
    public StatsCsv.Export exportConsultations(ConsultationQuery q, Output output) {
        StatsViews.ConsultationStats stats = consultations(q);
        String name = "consultations-" + stats.prefecture() + "-" + stats.table().rowDimension().code() + "-"
                + stats.table().columnDimension().code() + "-" + tag(stats.period()) + ".csv";
        audit.record("STATS_EXPORT", "stats", ConsultationStatistics.TABLE, summary(stats.prefecture(), stats.scope(),
                "rows=" + stats.table().rowDimension().code() + " columns=" + stats.table().columnDimension().code()
                        + " period=" + periodSummary(stats.period()) + filter("municipalities", stats.municipalities()), output));
        return StatsCsv.table(name, output, stats.table());
    }

    // ---- referrals ----------------------------------------------------------------------------------------

    public record ReferralQuery(String from, String to, String fiscalYear, String prefecture, String units, String table) {
    }

    static final List<String> REFERRAL_TABLES = List.of("byKindAndDirection", "byTiers", "outcomes", "durations", "openByReceivingUnit");

    public StatsViews.ReferralStats referrals(ReferralQuery q) {
        StatsScope scope = scope(q.prefecture());
        StatsPeriod period = period(scope, q.from(), q.to(), q.fiscalYear());
        noFilterForAnalysts(scope, "units", q.units());
        UnitFilter filter = units(scope, q.units());
        List<Long> units = ids(filter);
        ReferralStatistics.Period p = referralStatistics.count(scope, period, units);
        Tabulation open = referralStatistics.openByReceivingUnit(scope, units);
        if (scope.suppress()) {
            // The period tables are perturbed entry by entry (no link between them can give a value away, since no
            // published value is exact); the open-now table has no record keys and keeps suppression.
            p.tables().forEach(t -> t.perturb(perturbation));
            open.protect(scope.threshold(), null);
        } else {
            p.tables().forEach(Tabulation::exact);
            open.exact();
        }
        return new StatsViews.ReferralStats(scope.prefCode(), scope.name(), period.view(), codes(filter),
                clock.instant(), ReferralStatistics.PERCENTILE_METHOD, p.byKindAndDirection().view(false), p.byTiers().view(false),
                p.outcomes().view(true), durations(p), open.view(false));
    }

    private static List<StatsViews.DurationRow> durations(ReferralStatistics.Period p) {
        List<StatsViews.DurationRow> out = new ArrayList<>();
        ReferralKind[] kinds = ReferralKind.values();
        for (int k = 0; k < kinds.length; k++) {
            String code = kinds[k].name();
            out.add(new StatsViews.DurationRow(code, kinds[k].labelJa, kinds[k].labelEn,
                    duration(p.accepted(), k, p.acceptHours().get(code)), duration(p.ended(), k, p.endHours().get(code))));
        }
        out.add(new StatsViews.DurationRow("ALL", "全体", "All kinds",
                duration(p.accepted(), p.accepted().rows(), p.acceptHours().get("ALL")),
                duration(p.ended(), p.ended().rows(), p.endHours().get("ALL"))));
        return out;
    }

    private static StatsViews.Duration duration(Tabulation t, int row, double[] hours) {
        StatsViews.Count n = t.count(row, 0);
        // A median over one or two referrals is their duration: for analysts withheld below k (known from the true
        // count, so a perturbed n of 0 or 3 does not decide it).
        boolean withheld = n.suppressed() || (t.perturbed() && t.value(row, 0) > 0 && t.value(row, 0) < t.threshold());
        if (withheld || hours == null) {
            return new StatsViews.Duration(n, null, null, withheld);
        }
        return new StatsViews.Duration(n, hours[0], hours[1], false);
    }

    @Transactional
    public StatsCsv.Export exportReferrals(ReferralQuery q, Output output) {
        String table = choose("table", q.table(), REFERRAL_TABLES);
        StatsViews.ReferralStats stats = referrals(q);
        String name = "referrals-" + stats.prefecture() + "-" + table + "-" + tag(stats.period()) + ".csv";
        audit.record("STATS_EXPORT", "stats", "referrals." + table, summary(stats.prefecture(), stats.scope(),
                "period=" + periodSummary(stats.period()) + filter("units", stats.units()), output));
        return switch (table) {
            case "byTiers" -> StatsCsv.table(name, output, stats.byTiers());
            case "outcomes" -> StatsCsv.table(name, output, stats.outcomes());
            case "durations" -> StatsCsv.durations(name, output, stats.durations(), threshold);
            case "openByReceivingUnit" -> StatsCsv.table(name, output, stats.openByReceivingUnit());
            default -> StatsCsv.table(name, output, stats.byKindAndDirection());
        };
    }

    // ---- load ---------------------------------------------------------------------------------------------

    public record LoadQuery(String prefecture, String units, String table) {
    }

    static final List<String> LOAD_TABLES = List.of("openConsultationsByCoordinator", "openConsultationsByOwnerUnit",
            "activeReferralsByReceivingUnit");

    public StatsViews.LoadStats load(LoadQuery q) {
        StatsScope scope = scope(q.prefecture());
        noFilterForAnalysts(scope, "units", q.units());
        UnitFilter filter = units(scope, q.units());
        List<Long> units = ids(filter);
        LoadStatistics.Load load = loadStatistics.count(scope, units, today());
        Tabulation referrals = referralStatistics.openByReceivingUnit(scope, units);
        if (scope.suppress()) {
            // Perturbed, not suppressed: two suppressed tables sharing their totals are not protected exactly by the
            // line rule over links (ProtectionTest's linked oracle finds the cases). The open-referral table has no
            // record keys and stands alone, where suppression is checked exactly.
            load.byCoordinator().perturb(perturbation);
            load.byOwnerUnit().perturb(perturbation);
            referrals.protect(scope.threshold(), null);
        } else {
            load.byCoordinator().exact();
            load.byOwnerUnit().exact();
            referrals.exact();
        }
        return new StatsViews.LoadStats(scope.prefCode(), scope.name(), codes(filter), clock.instant(),
                load.byCoordinator().view(false), load.byOwnerUnit().view(false), renamed(referrals, "load.activeReferralsByReceivingUnit"),
                LoadStatistics.concentration(load.byCoordinator(), load.coordinatorPopulation()),
                LoadStatistics.concentration(load.byOwnerUnit(), load.unitPopulation()), emergencyReviewsDue(scope));
    }

    /** The center's own figure, exact: never for analysts (perturbed scope) nor for branches. */
    private StatsViews.EmergencyReviewsDue emergencyReviewsDue(StatsScope scope) {
        if (scope.suppress() || !visibility.isCenterOf(scope.prefCode())) {
            return null;
        }
        return new StatsViews.EmergencyReviewsDue(emergencies.reviewOverdueDays(), emergencies.overdueReviews(scope.prefCode()),
                "確認期限を過ぎた緊急時アクセス", "Emergency accesses past their review deadline");
    }

    private static StatsViews.Table renamed(Tabulation t, String name) {
        StatsViews.Table v = t.view(false);
        return new StatsViews.Table(name, v.rowDimension(), v.columnDimension(), v.columns(), v.rows(), v.columnTotals(), v.grandTotal(),
                v.suppression());
    }

    @Transactional
    public StatsCsv.Export exportLoad(LoadQuery q, Output output) {
        String table = choose("table", q.table(), LOAD_TABLES);
        StatsViews.LoadStats stats = load(q);
        String name = "load-" + stats.prefecture() + "-" + table + "-" + today() + ".csv";
        audit.record("STATS_EXPORT", "stats", "load." + table, summary(stats.prefecture(), stats.scope(), filter("units", stats.units()), output));
        return switch (table) {
            case "openConsultationsByOwnerUnit" -> StatsCsv.table(name, output, stats.openConsultationsByOwnerUnit());
            case "activeReferralsByReceivingUnit" -> StatsCsv.table(name, output, stats.activeReferralsByReceivingUnit());
            default -> StatsCsv.table(name, output, stats.openConsultationsByCoordinator());
        };
    }

    // ---- children -----------------------------------------------------------------------------------------

    public record ChildQuery(String rows, String prefecture, String municipalities) {
    }

    public StatsViews.ChildStats children(ChildQuery q) {
        StatsScope scope = scope(q.prefecture());
        ChildStatistics.Rows rows = ChildStatistics.Rows.parse(q.rows());
        noFilterForAnalysts(scope, "municipalities", q.municipalities());
        List<String> municipalities = municipalities(scope, q.municipalities());
        LocalDate today = today();
        Tabulation t = childStatistics.count(scope, rows, municipalities, today);
        publish(scope, t);
        return new StatsViews.ChildStats(scope.prefCode(), scope.name(), municipalities, today, true, t.view(false));
    }

    @Transactional
    public StatsCsv.Export exportChildren(ChildQuery q, Output output) {
        StatsViews.ChildStats stats = children(q);
        String name = "children-" + stats.prefecture() + "-" + stats.table().rowDimension().code() + "-" + stats.asOf() + ".csv";
        audit.record("STATS_EXPORT", "stats", ChildStatistics.TABLE, summary(stats.prefecture(), stats.scope(),
                "rows=" + stats.table().rowDimension().code() + filter("municipalities", stats.municipalities()), output));
        return StatsCsv.table(name, output, stats.table());
    }

    // ---- shared -------------------------------------------------------------------------------------------

    private StatsScope scope(String prefecture) {
        if (prefecture != null && !prefecture.isBlank() && !prefecture.strip().matches("\\d{2}")) {
            throw ApiProblem.invalidField("prefecture", "must be a 2-digit prefecture code such as 24", "Pattern");
        }
        return StatsScope.of(visibility, caller, prefecture, threshold, audit);
    }

    /** For analysts a fixed period: the current fiscal year (Japan) when none is given. */
    private StatsPeriod period(StatsScope scope, String from, String to, String fiscalYear) {
        StatsPeriod period = StatsPeriod.parse(from, to, fiscalYear);
        if (scope.suppress() && period.from() == null && period.to() == null) {
            period = StatsPeriod.parse(null, null, Integer.toString(Headings.fiscalYear(today())));
        }
        if (scope.suppress()) {
            period.requireFixedPeriod();
        }
        return period;
    }

    /** Analysts get perturbed counts, staff exact ones. */
    private void publish(StatsScope scope, Tabulation t) {
        if (scope.suppress()) {
            t.perturb(perturbation);
        } else {
            t.exact();
        }
    }

    /**
     * Analysts draw tables of the whole prefecture only: a free list of municipalities or units would let two
     * tables differ by one small town, and give as many different record sets around one record as there are lists.
     */
    private static void noFilterForAnalysts(StatsScope scope, String field, String value) {
        if (scope.suppress() && value != null && !value.isBlank()) {
            throw ApiProblem.invalidField(field, "analysts get whole-prefecture tables: " + field + " cannot be given", "analyst-no-filter");
        }
    }

    /** Parsed, checked and (for branch staff) intersected with the region; null when not given. */
    static List<String> municipalities(StatsScope scope, String param) {
        if (param == null || param.isBlank()) {
            return null;
        }
        Set<String> codes = new LinkedHashSet<>();
        for (String part : param.split(",")) {
            if (!part.isBlank()) {
                codes.add(LgCodes.require("municipalities", part.strip()));
            }
        }
        if (codes.size() > MAX_FILTER_VALUES) {
            throw ApiProblem.invalidField("municipalities", "at most " + MAX_FILTER_VALUES + " codes", "Size");
        }
        return codes.stream().filter(scope::inRegion).sorted().toList();
    }

    /** A unit filter as applied: the codes kept (for branch staff only those of their region) and their ids. */
    record UnitFilter(List<String> codes, List<Long> ids) {
    }

    /** Parsed and checked (400 for a code that is no unit of the prefecture), intersected with a branch's region; null when not given. */
    private UnitFilter units(StatsScope scope, String param) {
        if (param == null || param.isBlank()) {
            return null;
        }
        Set<String> codes = new LinkedHashSet<>();
        for (String part : param.split(",")) {
            if (!part.isBlank()) {
                codes.add(part.strip());
            }
        }
        if (codes.size() > MAX_FILTER_VALUES) {
            throw ApiProblem.invalidField("units", "at most " + MAX_FILTER_VALUES + " codes", "Size");
        }
        Map<String, Long> ids = names.unitIds(scope.prefCode(), codes);
        List<String> kept = new ArrayList<>();
        List<Long> keptIds = new ArrayList<>();
        for (String code : codes) {
            Long id = ids.get(code);
            if (id == null) {
                throw ApiProblem.invalidField("units", "unknown unit " + code + " in prefecture " + scope.prefCode(), "unknown-unit");
            }
            if (scope.inRegion(id)) {
                kept.add(code);
                keptIds.add(id);
            }
        }
        return new UnitFilter(kept, keptIds);
    }

    private static List<Long> ids(UnitFilter f) {
        return f == null ? null : f.ids();
    }

    private static List<String> codes(UnitFilter f) {
        return f == null ? null : f.codes();
    }

    private static String choose(String field, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            return allowed.get(0);
        }
        if (!allowed.contains(value)) {
            throw ApiProblem.invalidField(field, "must be one of " + String.join(", ", allowed), "unknown-table");
        }
        return value;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(StatsPeriod.JAPAN));
    }

    private static String tag(StatsViews.Period p) {
        return new StatsPeriod(p.from(), p.to(), p.fiscalYear()).fileTag();
    }

    private static String periodSummary(StatsViews.Period p) {
        return new StatsPeriod(p.from(), p.to(), p.fiscalYear()).summary();
    }

    private static String filter(String name, List<String> values) {
        return values == null ? "" : " " + name + "=" + String.join(",", values);
    }

    private static String summary(String pref, String scope, String params, Output output) {
        return "prefecture=" + pref + " scope=" + scope + (params.isEmpty() ? "" : " " + params.strip()) + " charset=" + output.charset()
                + " labels=" + output.labels().name().toLowerCase(java.util.Locale.ROOT);
    }
}
