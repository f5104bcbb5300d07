package jp.tsunagu.emergency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import jp.tsunagu.access.AccessRules;
import jp.tsunagu.audit.AuditLog;
import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;
import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.ProblemType;
import jp.tsunagu.common.security.Caller;
import jp.tsunagu.common.security.StepUp;
import jp.tsunagu.org.OrgRepository;
import jp.tsunagu.org.OrgUnit;
import jp.tsunagu.org.Visibility;
import jp.tsunagu.registry.Child;
import jp.tsunagu.registry.ChildService;
import jp.tsunagu.registry.ChildViews;

/**
 * Break-the-glass. A staff member who can see a child (the registry's scope, so never outside their prefecture or
 * region) but whom no consent covers asks for emergency access with a reason; it is granted at once, to that person
 * only, for {@link EmergencySettings#duration}. Reads under it go through {@link #readChild}, each recorded for the
 * review and audited as CHILD_READ_EMERGENCY; the second factor applies as to any identifying read. The prefecture
 * center reviews every grant once it is over. Roles are the resource's business: analysts, auditors and partner
 * systems never reach this service.
 */
@ApplicationScoped
public class EmergencyAccessService {

    static final String READ_CHILD = "child record";

    private final EntityManager em;
    private final ChildService children;
    private final Visibility visibility;
    private final OrgRepository org;
    private final Caller caller;
    private final StepUp stepUp;
    private final AuditLog audit;
    private final EmergencySettings settings;
    private final Clock clock;

    public EmergencyAccessService(EntityManager em, ChildService children, Visibility visibility, OrgRepository org, Caller caller,
            StepUp stepUp, AuditLog audit, EmergencySettings settings, Clock clock) {
        this.em = em;
        this.children = children;
        this.visibility = visibility;
        this.org = org;
        this.caller = caller;
        this.stepUp = stepUp;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    public EmergencyViews.View request(EmergencyViews.Request r) {
        OrgUnit unit = visibility.unit();
        if (unit == null || visibility.reach() == AccessRules.Reach.NONE || visibility.reach() == AccessRules.Reach.PARTNER) {
            throw audit.refuse("EMERGENCY_ACCESS_REQUEST", "child", r.childId(), "Your token names no known organization unit.");
        }
        Child child = children.requireVisible(r.childId(), "childId");
        if (children.identifyingDeniedBecause(child) == null) {
            audit.rejected("EMERGENCY_ACCESS_REQUEST", "child", child.id, "a consent in force covers the caller's unit");
            throw new ApiProblem(ProblemType.CONFLICT, "A consent in force covers your unit: read the child at /api/v1/children/"
                    + child.id + ". Emergency access is for children no consent covers for you.");
        }
        stepUp.requireSecondFactor("EMERGENCY_ACCESS_REQUEST", "child", child.id);
        Instant now = clock.instant();
        // A grant past its end is closed first, so that the one-open-grant key admits a new one.
        em.createQuery("update EmergencyAccess a set a.endedAt = a.expiresAt, a.version = a.version + 1"
                + " where a.grantee = :me and a.childId = :child and a.endedAt is null and a.expiresAt <= :now")
                .setParameter("me", caller.subject()).setParameter("child", child.id).setParameter("now", now).executeUpdate();
        List<Long> open = em.createQuery("select a.id from EmergencyAccess a where a.grantee = :me and a.childId = :child"
                + " and a.endedAt is null", Long.class).setParameter("me", caller.subject()).setParameter("child", child.id).getResultList();
        if (!open.isEmpty()) {
            throw new ApiProblem(ProblemType.CONFLICT, "You hold an active emergency access to this child already (" + open.get(0)
                    + ").", List.of(), Map.of("activeEmergencyAccessId", open.get(0)));
        }
        EmergencyAccess a = new EmergencyAccess();
        a.childId = child.id;
        a.prefCode = child.prefCode;
        a.grantee = caller.subject();
        a.granteeUnitId = unit.id;
        a.reasonCode = r.reasonCode();
        a.reasonText = r.reasonText().strip();
        a.grantedAt = now;
        a.expiresAt = now.plus(settings.duration());
        // Two requests at once both pass the look-up above; the unique key on open grants refuses the second (409).
        em.persist(a);
        em.flush();
        audit.record("EMERGENCY_ACCESS_GRANT", "child", child.id, "emergency access " + a.id + " (" + a.reasonCode + ") until "
                + a.expiresAt);
        return view(a, now);
    }

    /** The grant, for its grantee and the center of the child's prefecture; 404 for anyone else (audited). */
    @Transactional
    public EmergencyViews.View get(long id) {
        return view(require(id), clock.instant());
    }

    /** The child's identifying view under the grant: its grantee only, while it is active, the child still in their scope. */
    @Transactional
    public ChildViews.ChildView readChild(long id) {
        EmergencyAccess a = require(id);
        Instant now = clock.instant();
        if (!a.grantee.equals(caller.subject())) {
            throw audit.refuse("CHILD_READ_EMERGENCY", "child", a.childId, "Only the person an emergency access was granted to reads under it.");
        }
        EmergencyState state = EmergencyState.of(a, now);
        if (state != EmergencyState.ACTIVE) {
            throw audit.refuse("CHILD_READ_EMERGENCY", "child", a.childId, "This emergency access is over (" + state + " at "
                    + (a.endedAt != null ? a.endedAt : a.expiresAt) + "). Ask for a new one if the emergency goes on.");
        }
        Child child = children.requireVisible(a.childId, null);
        ChildViews.ChildView view = children.identifyingView(child, "CHILD_READ_EMERGENCY");
        EmergencyAccessRead read = new EmergencyAccessRead();
        read.accessId = a.id;
        read.readAt = now;
        read.what = READ_CHILD;
        em.persist(read);
        audit.record("CHILD_READ_EMERGENCY", "child", child.id, "under emergency access " + a.id + " (" + a.reasonCode + ")");
        return view;
    }

    /** Ends the grant early: its grantee, or the center of the child's prefecture. */
    @Transactional
    public EmergencyViews.View end(long id) {
        EmergencyAccess a = require(id);
        if (!a.grantee.equals(caller.subject()) && !visibility.isCenterOf(a.prefCode)) {
            throw audit.refuse("EMERGENCY_ACCESS_END", "emergency-access", id, "An emergency access is ended by its holder or the prefecture center.");
        }
        Instant now = clock.instant();
        // Conditional: it ends once, and never after its own end.
        int changed = em.createQuery("update EmergencyAccess a set a.endedAt = :now, a.endedEarly = true, a.version = a.version + 1"
                + " where a.id = :id and a.endedAt is null and a.expiresAt > :now")
                .setParameter("now", now).setParameter("id", id).executeUpdate();
        em.flush();
        em.clear();
        EmergencyAccess after = em.find(EmergencyAccess.class, id);
        if (changed != 1) {
            EmergencyState state = EmergencyState.of(after, now);
            throw new ApiProblem(ProblemType.CONFLICT, "This emergency access is over already (" + state + ").", List.of(),
                    Map.of("currentState", state.name()));
        }
        audit.record("EMERGENCY_ACCESS_END", "child", after.childId, "emergency access " + id + " ended early");
        return view(after, now);
    }

    /** The center's review list: the prefecture's emergency accesses, oldest first, with what was read under each. */
    @Transactional
    public Page<EmergencyViews.View> list(ReviewState reviewState, PageRequest page) {
        String pref = visibility.prefCode();
        if (pref == null || !visibility.isCenterOf(pref)) {
            throw audit.refuse("EMERGENCY_ACCESS_REVIEW_READ", "emergency-access", null, "The review list is for staff of the prefecture center.");
        }
        Map<String, Object> p = new HashMap<>();
        p.put("pref", pref);
        String where = " where a.prefCode = :pref";
        if (reviewState != null) {
            where += " and a.reviewState = :state";
            p.put("state", reviewState);
        }
        TypedQuery<EmergencyAccess> q = em.createQuery("select a from EmergencyAccess a" + where + " order by a.grantedAt, a.id",
                EmergencyAccess.class);
        TypedQuery<Long> count = em.createQuery("select count(a) from EmergencyAccess a" + where, Long.class);
        p.forEach((k, v) -> {
            q.setParameter(k, v);
            count.setParameter(k, v);
        });
        Instant now = clock.instant();
        List<EmergencyViews.View> items = q.setFirstResult(page.offset()).setMaxResults(page.size).getResultList().stream()
                .map(a -> view(a, now)).toList();
        audit.record("EMERGENCY_ACCESS_REVIEW_READ", "emergency-access", null, "page " + page.page + ", " + items.size() + " items");
        return Page.of(items, page, count.getSingleResult());
    }

    /** The center's verdict, once the grant is over, by someone other than its grantee; decided once. */
    @Transactional
    public EmergencyViews.View review(long id, EmergencyViews.ReviewRequest r) {
        EmergencyAccess a = require(id);
        if (!visibility.isCenterOf(a.prefCode)) {
            throw audit.refuse("EMERGENCY_ACCESS_REVIEW", "emergency-access", id, "Emergency accesses are reviewed by staff of the prefecture center.");
        }
        if (a.grantee.equals(caller.subject())) {
            throw audit.refuse("EMERGENCY_ACCESS_REVIEW", "emergency-access", id, "Another person reviews your own emergency access.");
        }
        if (r.outcome() == ReviewState.UNREVIEWED) {
            throw ApiProblem.invalidField("outcome", "must be JUSTIFIED or NOT_JUSTIFIED", "not-a-verdict");
        }
        Instant now = clock.instant();
        if (EmergencyState.of(a, now) == EmergencyState.ACTIVE) {
            throw new ApiProblem(ProblemType.CONFLICT, "This emergency access is still active until " + a.expiresAt
                    + ": it is reviewed once it is over.", List.of(), Map.of("currentState", EmergencyState.ACTIVE.name()));
        }
        // Conditional: of two reviewers at once, one finds it still unreviewed.
        int changed = em.createQuery("update EmergencyAccess a set a.reviewState = :to, a.reviewedBy = :me, a.reviewedByUnitId = :unit,"
                + " a.reviewedAt = :now, a.reviewNote = :note, a.version = a.version + 1 where a.id = :id and a.reviewState = :unreviewed")
                .setParameter("to", r.outcome()).setParameter("me", caller.subject()).setParameter("unit", visibility.unit().id)
                .setParameter("now", now).setParameter("note", r.note().strip()).setParameter("id", id)
                .setParameter("unreviewed", ReviewState.UNREVIEWED).executeUpdate();
        em.flush();
        em.clear();
        EmergencyAccess after = em.find(EmergencyAccess.class, id);
        if (changed != 1) {
            throw new ApiProblem(ProblemType.CONFLICT, "This emergency access was reviewed already (" + after.reviewState + ").",
                    List.of(), Map.of("currentReviewState", after.reviewState.name()));
        }
        audit.record("EMERGENCY_ACCESS_REVIEW", "child", after.childId, "emergency access " + id + ": " + r.outcome());
        return view(after, now);
    }

    /** Unreviewed grants of the prefecture older than {@link EmergencySettings#reviewOverdueDays}: the center's dashboard figure. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long overdueReviews(String prefCode) {
        Instant before = clock.instant().minus(Duration.ofDays(settings.reviewOverdueDays()));
        return em.createQuery("select count(a) from EmergencyAccess a where a.prefCode = :pref and a.reviewState = :unreviewed"
                + " and a.grantedAt < :before", Long.class).setParameter("pref", prefCode)
                .setParameter("unreviewed", ReviewState.UNREVIEWED).setParameter("before", before).getSingleResult();
    }

    public int reviewOverdueDays() {
        return settings.reviewOverdueDays();
    }

    private EmergencyAccess require(long id) {
        EmergencyAccess a = em.find(EmergencyAccess.class, id);
        if (a != null && (a.grantee.equals(caller.subject()) || visibility.isCenterOf(a.prefCode))) {
            return a;
        }
        if (a != null) {
            audit.denied("EMERGENCY_ACCESS_READ", "emergency-access", id, "neither the grantee nor the prefecture center");
        }
        throw ApiProblem.notFound("Emergency access", id);
    }

    private EmergencyViews.View view(EmergencyAccess a, Instant now) {
        EmergencyState state = EmergencyState.of(a, now);
        List<EmergencyViews.ReadView> reads = em.createQuery("select r from EmergencyAccessRead r where r.accessId = :id order by r.readAt, r.id",
                EmergencyAccessRead.class).setParameter("id", a.id).getResultStream()
                .map(r -> new EmergencyViews.ReadView(r.readAt, r.what)).toList();
        String unitCode = org.unit(a.granteeUnitId).map(u -> u.code).orElse(null);
        return new EmergencyViews.View(a.id, a.childId, state, state.labelJa(), state.labelEn(), a.reasonCode, a.reasonCode.labelJa(),
                a.reasonCode.labelEn(), a.reasonText, a.grantee, unitCode, a.grantedAt, a.expiresAt, a.endedAt, a.reviewState,
                a.reviewState.labelJa(), a.reviewState.labelEn(), a.reviewedBy, a.reviewedAt, a.reviewNote, reads);
    }
}
