package jp.tsunagu.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import jp.tsunagu.consultation.ConsultationEnums;
import jp.tsunagu.org.UnitDirectory;

/**
 * Who carries the open work (the concentration problem the council papers name): open consultations per
 * coordinator and per owner unit from one grouped statement, and how much of it the busiest tenth carries.
 */
@ApplicationScoped
class LoadStatistics {

    static final StatsViews.Heading COORDINATOR = new StatsViews.Heading("coordinator", "コーディネーター", "Coordinator");
    static final StatsViews.Heading OWNER = new StatsViews.Heading("ownerUnit", "担当機関", "Owner unit");
    static final StatsViews.Heading STATUS = new StatsViews.Heading("status", "状態", "Status");

    private final EntityManager em;
    private final Names names;

    LoadStatistics(EntityManager em, Names names) {
        this.em = em;
        this.names = names;
    }

    /** The populations are row codes: coordinator ids, unit codes (idle ones included). */
    record Load(Tabulation byCoordinator, Tabulation byOwnerUnit, Set<String> coordinatorPopulation, Set<String> unitPopulation) {
    }

    Load count(StatsScope scope, List<Long> units, LocalDate today) {
        Sql sql = new Sql().append("SELECT c.coordinator_id, co.unit_id, c.owner_unit_id, c.status, COUNT(*),"
                + " SUM(c.cell_key) FROM consultation c"
                + " LEFT JOIN coordinator co ON co.id = c.coordinator_id WHERE ").appendAll(scope.consultations())
                .append(" AND c.status IN ('OPEN', 'IN_PROGRESS')");
        filter(sql, "c.owner_unit_id", units);
        sql.append(" GROUP BY 1, 2, 3, 4");
        Crosstab byCoordinator = new Crosstab();
        Crosstab byOwner = new Crosstab();
        for (Object[] row : sql.rows(em)) {
            String status = (String) row[3];
            long n = Sql.number(row[4]);
            long keys = Sql.number(row[5]);
            String coordinator;
            if (row[0] == null) {
                coordinator = Headings.UNASSIGNED.code();
            } else {
                coordinator = scope.inRegion(Sql.number(row[1])) ? Long.toString(Sql.number(row[0])) : Headings.OUTSIDE_REGION.code();
            }
            long owner = Sql.number(row[2]);
            byCoordinator.add(coordinator, status, n, keys);
            byOwner.add(scope.inRegion(owner) ? Long.toString(owner) : Headings.OUTSIDE_REGION.code(), status, n, keys);
        }
        Crosstab.Axis statuses = statuses();
        Crosstab.Axis coordinators = coordinators(byCoordinator.rowKeys());
        Map<String, StatsViews.Heading> ownerRows = new LinkedHashMap<>();
        ConsultationStatistics.units(byOwner.rowKeys(), names, ownerRows);
        Crosstab.Axis owners = Crosstab.Axis.of(ownerRows);
        Tabulation t1 = Tabulation.additive("load.openConsultationsByCoordinator", COORDINATOR, STATUS, coordinators.headings(),
                statuses.headings(), byCoordinator.matrix(coordinators, statuses)).withKeys(byCoordinator.keyMatrix(coordinators, statuses), null);
        Tabulation t2 = Tabulation.additive("load.openConsultationsByOwnerUnit", OWNER, STATUS, owners.headings(),
                statuses.headings(), byOwner.matrix(owners, statuses)).withKeys(byOwner.keyMatrix(owners, statuses), null);

        List<Long> within = scope.region() ? scope.unitIds() : null;
        Set<String> coordinatorPopulation = new HashSet<>();
        names.activeCoordinatorIds(scope.prefCode(), within, units).forEach(id -> coordinatorPopulation.add(Long.toString(id)));
        Set<String> unitPopulation = names.activeUnitCodes(scope.prefCode(), today, within, units);
        return new Load(t1, t2, coordinatorPopulation, unitPopulation);
    }

    private static void filter(Sql sql, String column, List<Long> units) {
        if (units == null) {
            return;
        }
        if (units.isEmpty()) {
            sql.append(" AND 1 = 0");
        } else {
            sql.append(" AND " + column + " IN (:filterUnits)").bind("filterUnits", units);
        }
    }

    /** Both tables count the same open consultations: the same status totals and grand total. */
    static List<Protection.Link> links(Load load) {
        List<Protection.Link> links = new ArrayList<>();
        Tabulation a = load.byCoordinator();
        Tabulation b = load.byOwnerUnit();
        for (int c = 0; c <= a.columns(); c++) {
            links.add(new Protection.Link(List.of(new Protection.Ref(a, a.rows(), c)), new Protection.Ref(b, b.rows(), c)));
        }
        return links;
    }

    /**
     * The share of the open consultations that the busiest tenth (rounded up) of the population carries. Rows that
     * are no member (unassigned, outside the region) count in neither part. With perturbed tables (analysts) it is
     * computed from the published totals, so it tells nothing the table does not; with suppressed tables it is
     * withheld when it would reveal a withheld count: a busiest member's total, or a total it is computed from.
     */
    static StatsViews.Concentration concentration(Tabulation t, Set<String> population) {
        int columns = t.columns();
        List<long[]> loads = new ArrayList<>();
        Set<String> present = new HashSet<>();
        long total = 0;
        boolean totalHidden = false;
        for (int r = 0; r < t.rows(); r++) {
            String code = t.rowHeadings().get(r).code();
            boolean member = !code.equals(Headings.UNASSIGNED.code()) && !code.equals(Headings.OUTSIDE_REGION.code());
            long v = t.published(r, columns);
            if (member) {
                loads.add(new long[] { v, r });
                present.add(code);
                total += v;
            } else if (t.hidden(r, columns)) {
                totalHidden = true;
            }
        }
        if (t.hidden(t.rows(), columns)) {
            totalHidden = true;
        }
        int size = population.size();
        for (String p : population) {
            if (!present.contains(p)) {
                loads.add(new long[] { 0, -1 });
            }
        }
        size = Math.max(size, loads.size());
        int busiest = size == 0 ? 0 : (size + 9) / 10;
        loads.sort(Comparator.comparingLong((long[] l) -> l[0]).reversed());
        long top = 0;
        boolean topHidden = false;
        for (int i = 0; i < busiest && i < loads.size(); i++) {
            top += loads.get(i)[0];
            int row = (int) loads.get(i)[1];
            if (row >= 0 && t.hidden(row, columns)) {
                topHidden = true;
            }
        }
        boolean withheld = topHidden || totalHidden;
        Double share = withheld || total == 0 ? null : Math.round(top * 10000.0 / total) / 10000.0;
        if (t.perturbed()) {
            return new StatsViews.Concentration(size, busiest, StatsViews.Count.perturbed(top), StatsViews.Count.perturbed(total),
                    share, false);
        }
        return new StatsViews.Concentration(size, busiest, StatsViews.Count.of(top, topHidden), StatsViews.Count.of(total, totalHidden),
                share, withheld);
    }

    static Crosstab.Axis statuses() {
        Map<String, StatsViews.Heading> m = new LinkedHashMap<>();
        for (ConsultationEnums.Status s : List.of(ConsultationEnums.Status.OPEN, ConsultationEnums.Status.IN_PROGRESS)) {
            m.put(s.name(), new StatsViews.Heading(s.name(), s.labelJa, s.labelEn));
        }
        return Crosstab.Axis.of(m);
    }

    /** Coordinator rows by name reading, then id; code = coordinator id; label = name (unit code). */
    private Crosstab.Axis coordinators(Set<String> present) {
        List<Long> ids = new ArrayList<>();
        for (String k : present) {
            if (!k.equals(Headings.UNASSIGNED.code()) && !k.equals(Headings.OUTSIDE_REGION.code())) {
                ids.add(Long.parseLong(k));
            }
        }
        Map<String, StatsViews.Heading> m = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            for (UnitDirectory.CoordinatorRef co : names.coordinators(ids)) {
                String id = Long.toString(co.id());
                m.put(id, new StatsViews.Heading(id, co.name() + "（" + co.unitCode() + "）", co.name() + " (" + co.unitCode() + ")"));
            }
            for (Long id : ids) {
                m.putIfAbsent(id.toString(), new StatsViews.Heading(id.toString(), "#" + id, "#" + id));
            }
        }
        if (present.contains(Headings.UNASSIGNED.code())) {
            m.put(Headings.UNASSIGNED.code(), Headings.UNASSIGNED);
        }
        if (present.contains(Headings.OUTSIDE_REGION.code())) {
            m.put(Headings.OUTSIDE_REGION.code(), Headings.OUTSIDE_REGION);
        }
        return Crosstab.Axis.of(m);
    }
}
