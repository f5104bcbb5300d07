package jp.tsunagu.discharge;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import jp.tsunagu.access.AccessRules;
import jp.tsunagu.audit.AuditLog;
import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;
import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.Problem;
import jp.tsunagu.common.problem.ProblemType;
import jp.tsunagu.common.security.Caller;
import jp.tsunagu.events.EventType;
import jp.tsunagu.events.Outbox;
import jp.tsunagu.consultation.Consultation;
import jp.tsunagu.consultation.ConsultationService;
import jp.tsunagu.org.OrgRepository;
import jp.tsunagu.org.OrgUnit;
import jp.tsunagu.org.Visibility;
import jp.tsunagu.referral.ReferralKind;
import jp.tsunagu.referral.ReferralService;
import jp.tsunagu.referral.ReferralViews;
import jp.tsunagu.registry.Child;
import jp.tsunagu.registry.ChildService;
import jp.tsunagu.registry.ChildViews;
import jp.tsunagu.taxonomy.TaxonomyService;

/**
 * Discharge plans. Which plans a caller reaches is {@link AccessRules#dischargePlans} in every query; the child is read
 * through the registry's own read ({@link ChildService#get}), so its consent, scope and audit rules (and any gate added
 * there) apply to every plan read as to a read of the child.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DischargeService {

    private final EntityManager em;
    private final Visibility visibility;
    private final OrgRepository org;
    private final ChildService children;
    private final ConsultationService consultations;
    private final ReferralService referrals;
    private final TaxonomyService taxonomy;
    private final AuditLog audit;
    private final Caller caller;
    private final Clock clock;
    private final Outbox events;

    DischargeService(EntityManager em, Visibility visibility, OrgRepository org, ChildService children, ConsultationService consultations,
            ReferralService referrals, TaxonomyService taxonomy, AuditLog audit, Caller caller, Clock clock, Outbox events) {
        this.events = events;
        this.em = em;
        this.visibility = visibility;
        this.org = org;
        this.children = children;
        this.consultations = consultations;
        this.referrals = referrals;
        this.taxonomy = taxonomy;
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
    }

    /**
     * A draft from the hospital (a partner system) or from the center. With {@code child}, the child is registered first
     * through the registry; when that registration is held for the center's review, nothing is saved and the answer says
     * to register the child on its own first.
     */
    @Transactional
    public DischargeViews.PlanView submit(DischargeViews.PlanRequest r) {
        OrgUnit unit = visibility.unit();
        boolean partner = visibility.reach() == AccessRules.Reach.PARTNER;
        if (unit == null || !(partner || visibility.isCenterOf(unit.prefCode))) {
            throw audit.refuse("DISCHARGE_PLAN_CREATE", "discharge_plan", null,
                    "Discharge plans are drafted by hospital partner systems and by the prefecture's center.");
        }
        if ((r.childId() == null) == (r.child() == null)) {
            throw new ApiProblem(ProblemType.VALIDATION_FAILED, "Send exactly one of childId and child.",
                    List.of(new Problem.FieldError("childId", "send exactly one of childId and child", "one-of")), Map.of());
        }
        LocalDate today = LocalDate.now(clock);
        if (r.plannedDischargeOn().isBefore(today.minusDays(30)) || r.plannedDischargeOn().isAfter(today.plusYears(3))) {
            throw ApiProblem.invalidField("plannedDischargeOn", "must lie between 30 days ago and 3 years ahead", "out-of-range");
        }
        List<String> care = r.careTypes() == null ? List.of() : r.careTypes();
        for (int i = 0; i < care.size(); i++) {
            taxonomy.requireCode("medical_care", care.get(i), "careTypes[" + i + "]");
        }
        List<DischargeViews.ItemRequest> items = r.items() == null ? List.of() : r.items();
        List<Long> responsibleUnits = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            responsibleUnits.add(responsible("items[" + i + "]", items.get(i), unit.prefCode));
        }
        Child child;
        if (r.childId() != null) {
            child = children.requireVisible(r.childId(), "childId");
        } else {
            ChildService.Registration registration = children.register(r.child());
            if (!(registration instanceof ChildService.Registered registered)) {
                throw new ApiProblem(ProblemType.CONFLICT, "The child cannot be registered with the plan: a child who may be the same is "
                        + "registered where you cannot see it. Register the child on its own (POST /api/v1/children), which holds it for "
                        + "the center's review, and submit the plan with childId once it is registered. Nothing was saved.",
                        List.of(), Map.of("code", "registration-held"));
            }
            child = children.requireVisible(registered.child().id(), "child");
        }
        DischargePlan plan = new DischargePlan();
        plan.id = UUID.randomUUID().toString();
        plan.prefCode = child.prefCode;
        plan.childId = child.id;
        plan.plannedDischargeOn = r.plannedDischargeOn();
        plan.hospital = r.hospital().strip();
        plan.ward = r.ward() == null || r.ward().isBlank() ? null : r.ward().strip();
        plan.submittedBy = partner ? visibility.clientId() : caller.subject();
        plan.submittedByUnitId = unit.id;
        plan.createdByClient = partner ? visibility.clientId() : null;
        plan.careTypes.addAll(care);
        em.persist(plan);
        em.flush();
        for (int i = 0; i < items.size(); i++) {
            em.persist(item(plan.id, items.get(i), responsibleUnits.get(i)));
        }
        em.flush();
        audit.record("DISCHARGE_PLAN_CREATE", "discharge_plan", plan.id, "child " + child.id);
        milestone(EventType.DISCHARGE_PLAN_SUBMITTED, plan, null);
        return view(plan);
    }

    @Transactional
    public DischargeViews.PlanView get(String id) {
        return view(requireVisible(id));
    }

    @Transactional
    public Page<DischargeViews.PlanSummary> list(PlanState state, PageRequest page) {
        AccessRules.Condition scope = AccessRules.dischargePlans(visibility.scope(), AccessRules.Dialect.JPQL, "p");
        String where = " from DischargePlan p where " + scope.text() + (state == null ? "" : " and p.state = :state");
        var query = scope.bind(em.createQuery("select p" + where + " order by p.plannedDischargeOn, p.id", DischargePlan.class));
        var count = scope.bind(em.createQuery("select count(p)" + where, Long.class));
        if (state != null) {
            query.setParameter("state", state);
            count.setParameter("state", state);
        }
        List<DischargePlan> plans = query.setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        Map<String, Long> pending = new HashMap<>();
        if (!plans.isEmpty()) {
            em.createQuery("select i.planId, count(i) from DischargeItem i where i.planId in :ids and i.status in :pending group by i.planId",
                    Object[].class).setParameter("ids", plans.stream().map(p -> p.id).toList())
                    .setParameter("pending", ItemStatus.pendingOnes()).getResultList()
                    .forEach(row -> pending.put((String) row[0], (Long) row[1]));
        }
        audit.record("DISCHARGE_PLAN_LIST", "discharge_plan", null, plans.size() + " plans");
        return Page.of(plans.stream().map(p -> new DischargeViews.PlanSummary(p.id, p.state, p.childId, p.plannedDischargeOn,
                pending.getOrDefault(p.id, 0L).intValue())).toList(), page, count.getSingleResult());
    }

    @Transactional
    public DischargeViews.PlanView addItem(String id, DischargeViews.ItemRequest r) {
        DischargePlan plan = requireCenterPlan(id, "DISCHARGE_ITEM_ADD");
        DischargeItem item = item(plan.id, r, responsible("", r, plan.prefCode));
        em.persist(item);
        em.flush();
        audit.record("DISCHARGE_ITEM_ADD", "discharge_plan", plan.id, item.kind.name());
        return view(plan);
    }

    /** A status change from the version read: a conditional update, so a stale writer gets 409 and changes nothing. */
    @Transactional
    public DischargeViews.PlanView setItemStatus(String id, long itemId, DischargeViews.ItemStatusRequest r) {
        DischargePlan plan = requireCenterPlan(id, "DISCHARGE_ITEM_STATUS");
        DischargeItem item = em.createQuery("from DischargeItem i where i.id = :id and i.planId = :plan", DischargeItem.class)
                .setParameter("id", itemId).setParameter("plan", plan.id).getResultStream().findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Item", itemId));
        int changed = em.createQuery("update DischargeItem i set i.status = :status, i.note = :note, i.version = i.version + 1"
                + " where i.id = :id and i.version = :version").setParameter("status", r.status())
                .setParameter("note", r.note() == null || r.note().isBlank() ? item.note : r.note().strip())
                .setParameter("id", itemId).setParameter("version", r.version()).executeUpdate();
        em.refresh(item, changed == 0 ? jakarta.persistence.LockModeType.PESSIMISTIC_READ : jakarta.persistence.LockModeType.NONE);
        if (changed == 0) {
            throw new ApiProblem(ProblemType.CONFLICT, "Item " + itemId + " was changed by someone else (version " + item.version
                    + ", you sent " + r.version() + "). Read it again and retry.", List.of(), Map.of("currentVersion", item.version));
        }
        audit.record("DISCHARGE_ITEM_STATUS", "discharge_plan", plan.id, itemId + " " + r.status());
        return view(plan);
    }

    /** DRAFT → COMPLETED by the center, once the plan has at least one item. */
    @Transactional
    public DischargeViews.PlanView complete(String id) {
        DischargePlan plan = requireCenterPlan(id, "DISCHARGE_PLAN_COMPLETE");
        long items = em.createQuery("select count(i) from DischargeItem i where i.planId = :plan", Long.class)
                .setParameter("plan", plan.id).getSingleResult();
        if (items == 0) {
            throw new ApiProblem(ProblemType.CONFLICT, "A plan without items cannot be completed: add what has to be arranged first.");
        }
        move(plan, PlanState.DRAFT, PlanState.COMPLETED, null);
        audit.record("DISCHARGE_PLAN_COMPLETE", "discharge_plan", plan.id, null);
        milestone(EventType.DISCHARGE_PLAN_COMPLETED, plan, null);
        return view(plan);
    }

    /**
     * COMPLETED → HANDED_OFF: the referral is made through the referral service, by the center unit that owns the
     * consultation, which must be about the plan's child. The receiving unit sees the plan once it accepts.
     */
    @Transactional
    public DischargeViews.PlanView handOff(String id, DischargeViews.HandOffRequest r) {
        DischargePlan plan = requireCenterPlan(id, "DISCHARGE_PLAN_HAND_OFF");
        if (r.kind() == ReferralKind.ESCALATION) {
            throw ApiProblem.invalidField("kind", "a plan is handed down to the municipality: TRANSFER or CONSULT", "kind-direction");
        }
        if (plan.state != PlanState.COMPLETED) {
            throw new ApiProblem(ProblemType.CONFLICT, "Plan " + id + " is " + plan.state + "; only a COMPLETED plan is handed off.",
                    List.of(), Map.of("currentState", plan.state.name()));
        }
        Consultation consultation;
        try {
            consultation = consultations.requireVisible(r.consultationId());
        } catch (ApiProblem e) {
            throw ApiProblem.invalidField("consultationId", "no consultation " + r.consultationId() + " that you can see", "unknown-consultation");
        }
        if (!plan.childId.equals(consultation.childId)) {
            throw ApiProblem.invalidField("consultationId", "consultation " + r.consultationId() + " is not about the plan's child", "other-child");
        }
        ReferralViews.ReferralView referral = referrals.create(new ReferralViews.ReferralRequest(r.consultationId(), r.kind(),
                r.receiverUnitCode(), r.requestText()));
        move(plan, PlanState.COMPLETED, PlanState.HANDED_OFF, referral.id());
        audit.record("DISCHARGE_PLAN_HAND_OFF", "discharge_plan", plan.id, "referral " + referral.id());
        milestone(EventType.DISCHARGE_PLAN_HANDED_OFF, plan, org.unitByCode(referral.receiver().unitCode()).map(u -> u.id).orElse(null));
        return view(plan);
    }

    /** The plan's milestone on the change feed, in this transaction: ids and state only (no dates, hospital or child data). */
    private void milestone(EventType type, DischargePlan plan, Long receivingUnitId) {
        List<Long> units = new ArrayList<>();
        units.add(plan.submittedByUnitId);
        if (receivingUnitId != null) {
            units.add(receivingUnitId);
        }
        events.record(type, plan.id, plan.prefCode, units, Outbox.data("planId", plan.id, "state", plan.state.name(),
                "childId", plan.childId, "referralId", plan.referralId));
    }

    /** Items still to be done past their due date, of plans whose discharge is today or later: the center's list. */
    public DischargeViews.OverdueList overdue() {
        String pref = visibility.prefCode();
        if (!visibility.isCenterOf(pref)) {
            throw audit.refuse("DISCHARGE_OVERDUE_LIST", "discharge_plan", null, "The overdue list is the prefecture center's.");
        }
        LocalDate today = LocalDate.now(clock);
        AccessRules.Condition scope = AccessRules.dischargePlans(visibility.scope(), AccessRules.Dialect.JPQL, "p");
        List<Object[]> rows = scope.bind(em.createQuery("select i, p.plannedDischargeOn from DischargeItem i, DischargePlan p where p.id = i.planId and "
                + scope.text() + " and i.status in :pending and i.dueOn < :today and p.plannedDischargeOn >= :today"
                + " order by i.dueOn, p.plannedDischargeOn, i.id", Object[].class)).setParameter("pending", ItemStatus.pendingOnes())
                .setParameter("today", today).setMaxResults(500).getResultList();
        Map<Long, String> codes = org.codesOf(rows.stream().map(row -> ((DischargeItem) row[0]).responsibleUnitId).toList());
        return new DischargeViews.OverdueList(today, rows.stream().map(row -> {
            DischargeItem i = (DischargeItem) row[0];
            return new DischargeViews.OverdueItem(i.planId, (LocalDate) row[1], itemView(i, codes), ChronoUnit.DAYS.between(i.dueOn, today));
        }).toList());
    }

    // --- helpers ---

    private DischargePlan requireVisible(String id) {
        AccessRules.Condition scope = AccessRules.dischargePlans(visibility.scope(), AccessRules.Dialect.JPQL, "p");
        return scope.bind(em.createQuery("select p from DischargePlan p where p.id = :id and " + scope.text(), DischargePlan.class)
                .setParameter("id", id)).getResultStream().findFirst().orElseThrow(() -> {
                    if (em.find(DischargePlan.class, id) != null) {
                        audit.denied("DISCHARGE_PLAN_READ", "discharge_plan", id, "out of the caller's scope");
                    }
                    return ApiProblem.notFound("Discharge plan", id);
                });
    }

    /** The plan, for a change only the center of its prefecture makes. */
    private DischargePlan requireCenterPlan(String id, String action) {
        DischargePlan plan = requireVisible(id);
        if (!visibility.isCenterOf(plan.prefCode)) {
            throw audit.refuse(action, "discharge_plan", id, "The prefecture's center completes and hands off discharge plans.");
        }
        return plan;
    }

    private void move(DischargePlan plan, PlanState from, PlanState to, String referralId) {
        var update = em.createQuery("update DischargePlan p set p.state = :to" + (referralId == null ? "" : ", p.referralId = :referral")
                + ", p.version = p.version + 1 where p.id = :id and p.state = :from").setParameter("to", to)
                .setParameter("id", plan.id).setParameter("from", from);
        if (referralId != null) {
            update.setParameter("referral", referralId);
        }
        int moved = update.executeUpdate();
        em.refresh(plan, moved == 0 ? jakarta.persistence.LockModeType.PESSIMISTIC_READ : jakarta.persistence.LockModeType.NONE);
        if (moved == 0) {
            throw new ApiProblem(ProblemType.CONFLICT, "Plan " + plan.id + " is " + plan.state + "; this step needs " + from + ".",
                    List.of(), Map.of("currentState", plan.state.name()));
        }
    }

    /** The responsible unit's id, or null for an external party; exactly one of the two. */
    private Long responsible(String at, DischargeViews.ItemRequest r, String prefCode) {
        String prefix = at.isEmpty() ? "" : at + ".";
        boolean unit = r.responsibleUnitCode() != null && !r.responsibleUnitCode().isBlank();
        boolean external = r.responsibleExternal() != null && !r.responsibleExternal().isBlank();
        if (unit == external) {
            throw ApiProblem.invalidField(prefix + "responsibleUnitCode", "send exactly one of responsibleUnitCode and responsibleExternal", "one-of");
        }
        if (r.dueOn().getYear() < 2000 || r.dueOn().getYear() > 2100) {
            throw ApiProblem.invalidField(prefix + "dueOn", "must lie in 2000..2100", "out-of-range");
        }
        if (!unit) {
            return null;
        }
        OrgUnit u = org.unitByCode(r.responsibleUnitCode().strip()).filter(x -> x.prefCode.equals(prefCode))
                .orElseThrow(() -> ApiProblem.invalidField(prefix + "responsibleUnitCode", "no unit " + r.responsibleUnitCode()
                        + " in prefecture " + prefCode, "unknown-unit"));
        return u.id;
    }

    private static DischargeItem item(String planId, DischargeViews.ItemRequest r, Long unitId) {
        DischargeItem i = new DischargeItem();
        i.planId = planId;
        i.kind = r.kind();
        i.responsibleUnitId = unitId;
        i.responsibleExternal = unitId == null ? r.responsibleExternal().strip() : null;
        i.dueOn = r.dueOn();
        i.note = r.note() == null || r.note().isBlank() ? null : r.note().strip();
        return i;
    }

    /**
     * The plan as the caller may see it. Staff get the child through the registry's read (audited, consent-gated); hospital
     * and ward are shown with the identifying view only. The submitting partner sees its own submission without the child.
     */
    private DischargeViews.PlanView view(DischargePlan p) {
        boolean partner = visibility.reach() == AccessRules.Reach.PARTNER;
        ChildViews.ChildView child = partner ? null : children.get(p.childId);
        boolean details = partner || "IDENTIFYING".equals(child.view());
        List<DischargeItem> items = em.createQuery("from DischargeItem i where i.planId = :plan order by i.dueOn, i.id", DischargeItem.class)
                .setParameter("plan", p.id).getResultList();
        Map<Long, String> codes = org.codesOf(items.stream().map(i -> i.responsibleUnitId).toList());
        DischargeViews.HandOffView handOff = null;
        if (p.referralId != null && !partner) {
            ReferralViews.ReferralView ref = referrals.get(p.referralId);
            handOff = new DischargeViews.HandOffView(ref.id(), ref.state(), ref.receiver().unitCode());
        }
        if (!partner) {
            audit.record("DISCHARGE_PLAN_READ", "discharge_plan", p.id, child.view());
        }
        return new DischargeViews.PlanView(p.id, p.state, p.state.labelJa(), p.state.labelEn(), p.childId, child, p.plannedDischargeOn,
                details ? p.hospital : null, details ? p.ward : null, p.careTypes.stream().sorted().toList(),
                items.stream().map(i -> itemView(i, codes)).toList(), handOff, p.version);
    }

    private static DischargeViews.ItemView itemView(DischargeItem i, Map<Long, String> codes) {
        return new DischargeViews.ItemView(i.id, i.kind, i.kind.labelJa(), i.kind.labelEn(),
                i.responsibleUnitId == null ? null : codes.get(i.responsibleUnitId), i.responsibleExternal, i.dueOn, i.status,
                i.status.labelJa(), i.status.labelEn(), i.note, i.version);
    }
}
