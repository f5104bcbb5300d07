package jp.tsunagu.org;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import jp.tsunagu.audit.AuditLog;
import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;
import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.ProblemType;

/** Units, the tree, and coverage over time. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class OrgService {

    private final OrgRepository repository;
    private final OrgAccess access;
    private final AuditLog audit;

    public OrgService(OrgRepository repository, OrgAccess access, AuditLog audit) {
        this.repository = repository;
        this.access = access;
        this.audit = audit;
    }

    public OrgUnit requireUnit(String code) {
        return repository.unitByCode(code).orElseThrow(() -> ApiProblem.notFound("Unit", code));
    }

    public Page<OrgViews.UnitSummary> list(String prefCode, UnitKind kind, String parentCode, PageRequest page) {
        Long parentId = parentCode == null ? null : repository.unitByCode(parentCode)
                .orElseThrow(() -> ApiProblem.invalidField("parent", "no unit " + parentCode, "unknown-unit")).id;
        List<OrgViews.UnitSummary> items = repository.units(prefCode, kind, parentId, page.offset(), page.size)
                .stream().map(OrgViews.UnitSummary::of).toList();
        return Page.of(items, page, repository.countUnits(prefCode, kind, parentId));
    }

    public OrgViews.UnitView unit(String code, LocalDate date) {
        OrgUnit unit = requireUnit(code);
        String parentCode = unit.parentId == null ? null : repository.unit(unit.parentId).map(p -> p.code).orElse(null);
        List<OrgViews.MunicipalityRef> coverage = repository.coveredBy(unit.id, date).stream()
                .map(OrgViews.MunicipalityRef::of).toList();
        return new OrgViews.UnitView(unit.code, unit.kind, unit.kind.labelJa(), unit.kind.labelEn(), unit.kind.tier(),
                unit.prefCode, parentCode, unit.nameJa, unit.nameKana, unit.lgcode, unit.phone, unit.webFormUrl,
                unit.openingHours, unit.activeFrom, unit.activeTo, date, coverage);
    }

    public OrgViews.UnitTree tree(String prefCode, LocalDate date) {
        List<OrgUnit> units = repository.unitsOfPrefecture(prefCode).stream().filter(u -> u.activeOn(date)).toList();
        if (units.isEmpty()) {
            throw new ApiProblem(ProblemType.NOT_FOUND, "No units of prefecture " + prefCode + " on " + date + ".");
        }
        Map<Long, List<OrgUnit>> children = new HashMap<>();
        for (OrgUnit u : units) {
            children.computeIfAbsent(u.parentId, k -> new ArrayList<>()).add(u);
        }
        Map<Long, Integer> covered = repository.coverageCounts(prefCode, date);
        List<OrgViews.UnitNode> roots = units.stream()
                .filter(u -> u.parentId == null || units.stream().noneMatch(p -> p.id.equals(u.parentId)))
                .map(u -> node(u, children, covered)).toList();
        return new OrgViews.UnitTree(prefCode, date, roots);
    }

    private OrgViews.UnitNode node(OrgUnit unit, Map<Long, List<OrgUnit>> children, Map<Long, Integer> covered) {
        List<OrgViews.UnitNode> kids = children.getOrDefault(unit.id, List.of()).stream()
                .sorted(Comparator.comparing((OrgUnit u) -> u.kind).thenComparing(u -> u.code))
                .map(u -> node(u, children, covered)).toList();
        return new OrgViews.UnitNode(unit.code, unit.kind, unit.nameJa, covered.getOrDefault(unit.id, 0), kids);
    }

    /**
     * From {@code change.validFrom()} on, {@code unitCode} serves the listed municipalities: the period
     * of whoever served them before ends that day, so attribution before the date stays as it was.
     */
    @Transactional
    public OrgViews.UnitView changeCoverage(String unitCode, OrgViews.CoverageChange change) {
        OrgUnit unit = requireUnit(unitCode);
        access.requireAdminOf(unit.prefCode);
        for (int i = 0; i < change.lgcodes().size(); i++) {
            String field = "lgcodes[" + i + "]";
            String lgcode = LgCodes.require(field, change.lgcodes().get(i));
            Municipality m = repository.lockMunicipality(lgcode)
                    .orElseThrow(() -> ApiProblem.invalidField(field, "unknown municipality " + lgcode, "unknown-municipality"));
            if (!m.prefCode.equals(unit.prefCode)) {
                throw ApiProblem.invalidField(field, m.name + " is not in prefecture " + unit.prefCode, "other-prefecture");
            }
            cover(unit, lgcode, change.validFrom());
        }
        repository.em().flush();
        audit.record("COVERAGE_CHANGE", "unit", unitCode, "from " + change.validFrom() + ": " + change.lgcodes());
        return unit(unitCode, change.validFrom());
    }

    private void cover(OrgUnit unit, String lgcode, LocalDate from) {
        for (Coverage c : repository.coverageHistory(lgcode)) {
            if (!c.validFrom.isBefore(from)) {
                throw new ApiProblem(ProblemType.CONFLICT, "Coverage of " + lgcode + " already changes on "
                        + c.validFrom + "; changes can only be appended after the last one.");
            }
            if (c.validTo == null || c.validTo.isAfter(from)) {
                if (c.unitId.equals(unit.id)) {
                    return; // already served by this unit on that date
                }
                c.validTo = from;
            }
        }
        repository.em().persist(new Coverage(unit.id, lgcode, from, null));
    }
}
