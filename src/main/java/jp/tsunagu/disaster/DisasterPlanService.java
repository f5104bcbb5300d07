package jp.tsunagu.disaster;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import jp.tsunagu.access.AccessRules;
import jp.tsunagu.audit.AuditLog;
import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;
import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.Problem;
import jp.tsunagu.common.problem.ProblemType;
import jp.tsunagu.common.security.Caller;
import jp.tsunagu.common.security.StepUp;
import jp.tsunagu.common.security.Roles;
import jp.tsunagu.org.OrgRepository;
import jp.tsunagu.org.OrgViews;
import jp.tsunagu.org.Visibility;
import jp.tsunagu.registry.Child;
import jp.tsunagu.registry.ChildService;
import jp.tsunagu.stats.AnalystPerturbation;

/**
 * Disaster plans of registered children. Which child a caller reaches, and whether it sees the child's identifying
 * data, is the registry's decision ({@link ChildService#requireVisible}, {@link ChildService#identifyingDeniedBecause}):
 * the plan's contents are shown, written and audited under the same consent and scope as the child's names. The
 * lists show no identifying data (registry id, municipality, care codes, dates); the analysts' figures are perturbed.
 */
@ApplicationScoped
public class DisasterPlanService {

    private final EntityManager em;
    private final ChildService children;
    private final Visibility visibility;
    private final Caller caller;
    private final OrgRepository org;
    private final AuditLog audit;
    private final AnalystPerturbation perturbation;
    private final DisasterSettings settings;
    private final Clock clock;
    private final StepUp stepUp;

    public DisasterPlanService(EntityManager em, ChildService children, Visibility visibility, Caller caller, OrgRepository org, AuditLog audit,
            AnalystPerturbation perturbation, DisasterSettings settings, Clock clock, StepUp stepUp) {
        this.stepUp = stepUp;
        this.em = em;
        this.children = children;
        this.visibility = visibility;
        this.caller = caller;
        this.org = org;
        this.audit = audit;
        this.perturbation = perturbation;
        this.settings = settings;
        this.clock = clock;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    @Transactional
    public DisasterViews.PlanView get(String childId) {
        Child child = children.requireVisible(childId, null);
        String denied = children.identifyingDeniedBecause(child);
        if (denied == null) {
            // the plan's identifying contents, as the child's identifying data: a second factor where the deployment asks
            stepUp.requireSecondFactor("DISASTER_PLAN_READ", "child", child.id);
        }
        DisasterPlan plan = planOf(child.id);
        if (plan == null) {
            throw ApiProblem.notFound("Disaster plan of child", childId);
        }
        DisasterViews.PlanView view = view(plan, child, denied);
        audit.record("DISASTER_PLAN_READ", "child", child.id, view.view());
        return view;
    }

    /** Writes the whole plan as reviewed today: only for callers who see the child identifying. */
    @Transactional
    public DisasterViews.PlanView save(String childId, DisasterViews.PlanRequest r) {
        Child child = children.requireVisible(childId, null);
        String denied = children.identifyingDeniedBecause(child);
        if (denied != null || visibility.unit() == null) {
            throw audit.refuse("DISASTER_PLAN_WRITE", "child", child.id,
                    "A disaster plan holds identifying data; it is written by units that see the child identifying (" + denied + ").");
        }
        stepUp.requireSecondFactor("DISASTER_PLAN_WRITE", "child", child.id);
        Set<String> power = new HashSet<>(settings.powerDependentCareTypes());
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < r.devices().size(); i++) {
            String code = r.devices().get(i).careCode();
            if (!child.careTypes.contains(code) || !power.contains(code)) {
                errors.add(new Problem.FieldError("devices[" + i + "].careCode", "is not one of the child's power-dependent care types ("
                        + child.careTypes.stream().filter(power::contains).sorted().toList() + ")", "not-power-dependent-care"));
            } else if (!seen.add(code)) {
                errors.add(new Problem.FieldError("devices[" + i + "].careCode", "is listed twice", "duplicate"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(ProblemType.VALIDATION_FAILED, "The disaster plan is not valid.", errors, Map.of());
        }
        DisasterPlan plan = planOf(child.id);
        boolean created = plan == null;
        if (created) {
            if (r.version() != null) {
                throw ApiProblem.invalidField("version", "the child has no plan yet; send none", "no-plan");
            }
            plan = new DisasterPlan();
            plan.childId = child.id;
            plan.prefCode = child.prefCode;
        } else if (r.version() == null || r.version() != plan.version) {
            throw new ApiProblem(ProblemType.CONCURRENT_CHANGE, r.version() == null ? "The child has a plan; send the version you read."
                    : "The plan was changed by another request meanwhile (version " + plan.version + ").", List.of(),
                    Map.of("currentVersion", plan.version));
        }
        plan.powerFailureActions = strip(r.powerFailureActions());
        plan.powerCompany = strip(r.powerCompany());
        plan.powerCompanyRegistered = r.powerCompanyRegistered();
        plan.evacuationSite = strip(r.evacuationSite());
        plan.transport = strip(r.transport());
        plan.helpers = strip(r.helpers());
        plan.supportRegisterListed = r.supportRegisterListed();
        plan.hospitalContact = strip(r.hospitalContact());
        plan.homeNursingContact = strip(r.homeNursingContact());
        plan.medications = strip(r.medications());
        plan.supplyDays = r.supplyDays();
        plan.careTypesReviewed = PlanRules.careKey(child.careTypes);
        plan.reviewedOn = today();
        plan.reviewDueOn = today().plusMonths(settings.reviewMonths());
        plan.writtenBy = caller.subject();
        plan.writtenByUnitId = visibility.unit().id;
        plan.devices.clear();
        for (DisasterViews.Device d : r.devices()) {
            plan.devices.add(new DisasterPlan.Device(d.careCode(), d.device().strip(), d.batteryHours(), strip(d.backupPower())));
        }
        if (created) {
            em.persist(plan);
        }
        em.flush();
        audit.record(created ? "DISASTER_PLAN_CREATE" : "DISASTER_PLAN_UPDATE", "child", child.id, "review due " + plan.reviewDueOn);
        return view(plan, child, null);
    }

    private DisasterPlan planOf(String childId) {
        return em.createQuery("from DisasterPlan p where p.childId = :id", DisasterPlan.class).setParameter("id", childId)
                .getResultStream().findFirst().orElse(null);
    }

    private DisasterViews.PlanView view(DisasterPlan p, Child child, String denied) {
        String status = PlanRules.status(p, child.careTypes, today(), settings.dueWithinDays()).name();
        List<String> reviewed = p.careTypesReviewed.isEmpty() ? List.of() : Arrays.asList(p.careTypesReviewed.split(","));
        List<DisasterPlan.Device> sorted = p.devices.stream().sorted(java.util.Comparator.comparing(DisasterPlan.Device::careCode)).toList();
        if (denied != null) {
            return new DisasterViews.PlanView(child.id, "PSEUDONYMOUS", denied, status, p.reviewedOn, p.reviewDueOn, reviewed,
                    sorted.stream().map(d -> new DisasterViews.DeviceView(d.careCode(), null, d.batteryHours(), null)).toList(),
                    null, null, null, null, null, null, null, null, null, null, null, p.version);
        }
        return new DisasterViews.PlanView(child.id, "IDENTIFYING", null, status, p.reviewedOn, p.reviewDueOn, reviewed,
                sorted.stream().map(d -> new DisasterViews.DeviceView(d.careCode(), d.device(), d.batteryHours(), d.backupPower())).toList(),
                p.powerFailureActions, p.powerCompany, p.powerCompanyRegistered, p.evacuationSite, p.transport, p.helpers,
                p.supportRegisterListed, p.hospitalContact, p.homeNursingContact, p.medications, p.supplyDays, p.version);
    }

    // ---- the unit's lists ------------------------------------------------------------------------------------

    /** Plans of the caller's children due within the days given (or the configured), overdue, or with changed care types. */
    @Transactional
    public Page<DisasterViews.DueItem> due(Integer withinDays, PageRequest page) {
        requireStaffUnit("DISASTER_PLAN_LIST");
        LocalDate today = today();
        int days = withinDays == null ? settings.dueWithinDays() : withinDays;
        AccessRules.Condition scope = AccessRules.children(visibility.scope(), AccessRules.Dialect.SQL, "ch");
        String from = " from disaster_plan p join child ch on ch.id = p.child_id where " + scope.text()
                + " and (p.review_due_on <= :until or p.care_types_reviewed <> " + PlanRules.careKeyOf("p.child_id") + ")";
        Map<String, Object> params = new HashMap<>(scope.parameters());
        params.put("until", today.plusDays(days));
        List<Object[]> rows = rows("select ch.id, ch.residence_lgcode, p.review_due_on, p.care_types_reviewed, " + PlanRules.careKeyOf("p.child_id")
                + from + " order by p.review_due_on, ch.id", params, page);
        long total = count("select count(*)" + from, params);
        List<DisasterViews.DueItem> items = rows.stream().map(row -> {
            LocalDate dueOn = date(row[2]);
            String current = row[4] == null ? "" : row[4].toString();
            String status = !row[3].toString().equals(current) ? "CARE_TYPES_CHANGED" : dueOn.isBefore(today) ? "OVERDUE" : "DUE";
            return new DisasterViews.DueItem(row[0].toString(), municipality(row[1].toString()), codes(current), dueOn, status);
        }).toList();
        audit.record("DISASTER_PLAN_LIST", "disaster-plan", null, "due within " + days + " days: page " + page.page + ", " + items.size() + " items");
        return Page.of(items, page, total);
    }

    /** The caller's children with a power-dependent care type and no current plan. */
    @Transactional
    public Page<DisasterViews.MissingItem> missing(PageRequest page) {
        requireStaffUnit("DISASTER_PLAN_LIST");
        AccessRules.Condition scope = AccessRules.children(visibility.scope(), AccessRules.Dialect.SQL, "ch");
        String from = " from child ch left join disaster_plan p on p.child_id = ch.id where " + scope.text()
                + " and exists (select 1 from child_care_type pc where pc.child_id = ch.id and pc.care_code in (:power))"
                + " and not " + PlanRules.hasCurrentPlan("ch");
        Map<String, Object> params = new HashMap<>(scope.parameters());
        params.put("power", settings.powerDependentCareTypes());
        params.put("today", today());
        List<Object[]> rows = rows("select ch.id, ch.residence_lgcode, p.review_due_on, p.care_types_reviewed, " + PlanRules.careKeyOf("ch.id") + from + " order by ch.residence_lgcode, ch.id", params, page);
        long total = count("select count(*)" + from, params);
        Set<String> power = new HashSet<>(settings.powerDependentCareTypes());
        List<DisasterViews.MissingItem> items = rows.stream().map(row -> {
            String current = row[4] == null ? "" : row[4].toString();
            String status = row[2] == null ? "NONE" : !row[3].toString().equals(current) ? "CARE_TYPES_CHANGED" : "OVERDUE";
            return new DisasterViews.MissingItem(row[0].toString(), municipality(row[1].toString()),
                    codes(current).stream().filter(power::contains).toList(), status, row[2] == null ? null : date(row[2]));
        }).toList();
        audit.record("DISASTER_PLAN_LIST", "disaster-plan", null, "missing: page " + page.page + ", " + items.size() + " items");
        return Page.of(items, page, total);
    }

    // ---- statistics -------------------------------------------------------------------------------------------

    static final List<DisasterViews.Column> COLUMNS = List.of(
            new DisasterViews.Column("VENTILATOR_WITH_PLAN", "人工呼吸器・計画あり", "Ventilator, current plan"),
            new DisasterViews.Column("VENTILATOR_WITHOUT_PLAN", "人工呼吸器・計画なし", "Ventilator, no current plan"),
            new DisasterViews.Column("OTHER_POWER_WITH_PLAN", "その他の電源依存・計画あり", "Other power-dependent devices, current plan"),
            new DisasterViews.Column("OTHER_POWER_WITHOUT_PLAN", "その他の電源依存・計画なし", "Other power-dependent devices, no current plan"));

    /**
     * Per municipality of residence: children on a ventilator (care type VENTILATOR or ventilator-dependent) and children
     * with other power-dependent care, each with and without a current plan. Center staff see their prefecture and
     * branches their region's own children, exactly; analysts the whole prefecture, every count perturbed.
     */
    @Transactional
    public DisasterViews.Statistics statistics() {
        boolean analyst = caller.hasRole(Roles.ANALYST) && !caller.isStaff();
        if (visibility.unit() == null) {
            throw audit.refuse("DISASTER_PLAN_STATS", "disaster-plan", null, "Your token names no known organization unit.");
        }
        AccessRules.Scope scope = analyst ? AccessRules.Scope.prefecture(visibility.prefCode()) : visibility.scope();
        AccessRules.Condition own = AccessRules.ownChildren(scope, AccessRules.Dialect.SQL, "ch");
        String ventilated = "(ch.ventilator_dependent or exists (select 1 from child_care_type vc where vc.child_id = ch.id and vc.care_code = 'VENTILATOR'))";
        String sql = "select ch.residence_lgcode, case when " + ventilated + " then 0 else 2 end + case when " + PlanRules.hasCurrentPlan("ch")
                + " then 0 else 1 end as col, count(*), sum(ch.cell_key) from child ch where " + own.text() + " and (" + ventilated
                + " or exists (select 1 from child_care_type pc where pc.child_id = ch.id and pc.care_code in (:power))) group by 1, 2";
        Map<String, Object> params = new HashMap<>(own.parameters());
        params.put("power", settings.powerDependentCareTypes());
        params.put("today", today());
        Query q = em.createNativeQuery(sql);
        params.forEach(q::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> result = q.getResultList();
        Map<String, long[][]> cells = new LinkedHashMap<>();
        for (Object[] row : result) {
            long[][] c = cells.computeIfAbsent(row[0].toString(), k -> new long[COLUMNS.size()][2]);
            int col = ((Number) row[1]).intValue();
            c[col][0] += ((Number) row[2]).longValue();
            c[col][1] += ((Number) row[3]).longValue();
        }
        long[][] columnTotals = new long[COLUMNS.size()][2];
        long[] grand = new long[2];
        List<DisasterViews.Row> rows = new ArrayList<>();
        for (String lg : cells.keySet().stream().sorted().toList()) {
            long[][] c = cells.get(lg);
            long[] rowTotal = new long[2];
            List<Long> counts = new ArrayList<>();
            for (int i = 0; i < COLUMNS.size(); i++) {
                counts.add(publish(analyst, c[i][0], c[i][1]));
                for (int k = 0; k < 2; k++) {
                    rowTotal[k] += c[i][k];
                    columnTotals[i][k] += c[i][k];
                    grand[k] += c[i][k];
                }
            }
            rows.add(new DisasterViews.Row(municipality(lg), counts, publish(analyst, rowTotal[0], rowTotal[1])));
        }
        List<Long> totals = new ArrayList<>();
        for (long[] t : columnTotals) {
            totals.add(publish(analyst, t[0], t[1]));
        }
        audit.record("DISASTER_PLAN_STATS", "disaster-plan", null, (analyst ? "perturbed" : "exact") + ", " + rows.size() + " municipalities");
        return new DisasterViews.Statistics(visibility.prefCode(), today(), analyst, analyst ? perturbation.maxDeviation() : 0, COLUMNS, rows,
                totals, publish(analyst, grand[0], grand[1]));
    }

    private long publish(boolean analyst, long count, long keySum) {
        return analyst ? perturbation.publish(count, keySum) : count;
    }

    /** The analysts' note for the CSV. */
    String perturbedNote() {
        return perturbation.note(true);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private void requireStaffUnit(String action) {
        if (visibility.unit() == null || visibility.reach() == AccessRules.Reach.PARTNER || visibility.reach() == AccessRules.Reach.NONE) {
            throw audit.refuse(action, "disaster-plan", null, "The plan lists are for staff units.");
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Map<String, Object> params, PageRequest page) {
        Query q = em.createNativeQuery(sql);
        params.forEach(q::setParameter);
        return q.setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
    }

    private long count(String sql, Map<String, Object> params) {
        Query q = em.createNativeQuery(sql);
        params.forEach(q::setParameter);
        return ((Number) q.getSingleResult()).longValue();
    }

    private OrgViews.MunicipalityRef municipality(String lgcode) {
        return org.municipality(lgcode).map(OrgViews.MunicipalityRef::of).orElse(new OrgViews.MunicipalityRef(lgcode, lgcode));
    }

    private static List<String> codes(String key) {
        return key.isEmpty() ? List.of() : Arrays.asList(key.split(","));
    }

    private static LocalDate date(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
