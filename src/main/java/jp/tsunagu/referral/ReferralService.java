package jp.tsunagu.referral;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;

import jp.tsunagu.access.AccessRules;
import jp.tsunagu.audit.AuditLog;
import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;
import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.Problem;
import jp.tsunagu.common.problem.ProblemType;
import jp.tsunagu.common.security.Caller;
import jp.tsunagu.common.web.IfMatch;
import jp.tsunagu.consultation.Consultation;
import jp.tsunagu.consultation.ConsultationService;
import jp.tsunagu.events.EventType;
import jp.tsunagu.events.Outbox;
import jp.tsunagu.org.OrgRepository;
import jp.tsunagu.org.OrgUnit;
import jp.tsunagu.org.UnitKind;
import jp.tsunagu.org.Visibility;
import jp.tsunagu.registry.ChildService;

/**
 * Referrals: making them, moving them through {@link ReferralTransitions} under optimistic concurrency,
 * progress reports, and the inbox/outbox of a unit.
 */
@ApplicationScoped
public class ReferralService {

    private final EntityManager em;
    private final OrgRepository org;
    private final Visibility visibility;
    private final Caller caller;
    private final ConsultationService consultations;
    private final ChildService children;
    private final ReferralOverdue overdue;
    private final Clock clock;
    private final AuditLog audit;
    private final Outbox events;

    public ReferralService(EntityManager em, OrgRepository org, Visibility visibility, Caller caller, ConsultationService consultations,
            ChildService children, ReferralOverdue overdue, Clock clock, AuditLog audit, Outbox events) {
        this.events = events;
        this.em = em;
        this.org = org;
        this.visibility = visibility;
        this.caller = caller;
        this.consultations = consultations;
        this.children = children;
        this.overdue = overdue;
        this.clock = clock;
        this.audit = audit;
    }

    @Transactional
    public ReferralViews.ReferralView create(ReferralViews.ReferralRequest r) {
        String consultationId = r.consultationId();
        OrgUnit sender = requireStaffUnit();
        Consultation consultation;
        try {
            consultation = consultations.requireVisible(consultationId);
        } catch (ApiProblem e) {
            throw ApiProblem.invalidField("consultationId", "no consultation " + consultationId + " that you can see", "unknown-consultation");
        }
        if (!consultation.ownerUnitId.equals(sender.id)) {
            throw audit.refuse("REFERRAL_CREATE", "consultation", consultationId, "Only the unit that owns the consultation refers it; it is owned by "
                    + org.unit(consultation.ownerUnitId).map(u -> u.code).orElse("?") + ".");
        }
        OrgUnit receiver = org.unitByCode(r.receiverUnitCode()).orElseThrow(() -> ApiProblem.invalidField("receiverUnitCode",
                "unknown unit " + r.receiverUnitCode(), "unknown-unit"));
        if (receiver.id.equals(sender.id)) {
            throw ApiProblem.invalidField("receiverUnitCode", "is your own unit", "same-unit");
        }
        if (!receiver.prefCode.equals(sender.prefCode) || !receiver.activeOn(java.time.LocalDate.now(clock))) {
            throw ApiProblem.invalidField("receiverUnitCode", "is not an active unit of prefecture " + sender.prefCode, "out-of-scope");
        }
        Direction direction = Direction.between(sender.kind.tier(), receiver.kind.tier());
        boolean fits = switch (r.kind()) {
            case ESCALATION -> direction == Direction.UP;
            case TRANSFER -> direction != Direction.UP;
            case CONSULT -> true;
        };
        if (!fits) {
            throw ApiProblem.invalidField("kind", r.kind() + " cannot go " + direction + " (from tier " + sender.kind.tier()
                    + " to tier " + receiver.kind.tier() + "): escalations go up, transfers go down or sideways", "kind-direction");
        }
        boolean duplicate = !em.createQuery("select r.id from Referral r where r.consultationId = :c and r.receiverUnitId = :u"
                + " and r.state in :active", String.class).setParameter("c", consultationId).setParameter("u", receiver.id)
                .setParameter("active", activeStates()).getResultList().isEmpty();
        if (duplicate) {
            throw new ApiProblem(ProblemType.CONFLICT, "This consultation already has an active referral to " + receiver.code + ".");
        }
        Referral ref = new Referral();
        ref.id = UUID.randomUUID().toString();
        ref.consultationId = consultationId;
        ref.prefCode = sender.prefCode;
        ref.kind = r.kind();
        ref.direction = direction;
        ref.state = ReferralState.REQUESTED;
        ref.senderUnitId = sender.id;
        ref.senderUnitCode = sender.code;
        ref.senderUnitKind = sender.kind.name();
        ref.senderTier = sender.kind.tier();
        ref.senderRegionCode = regionOf(sender);
        ref.receiverUnitId = receiver.id;
        ref.receiverUnitCode = receiver.code;
        ref.receiverUnitKind = receiver.kind.name();
        ref.receiverTier = receiver.kind.tier();
        ref.receiverRegionCode = regionOf(receiver);
        ref.requestText = r.requestText().strip();
        ref.requestedBy = caller.subject();
        ref.requestedAt = clock.instant();
        em.persist(ref);
        em.persist(history(ref, "REQUEST", null, ReferralState.REQUESTED, null, ref.requestText));
        em.flush();
        audit.record("REFERRAL_CREATE", "referral", ref.id, r.kind() + " " + sender.code + "->" + receiver.code);
        events.referral(EventType.REFERRAL_REQUESTED, ref.id, ref.prefCode, ref.senderUnitId, ref.receiverUnitId, "consultationId", ref.consultationId, "kind", ref.kind, "action", "REQUEST", "state", ref.state);
        return view(ref, consultation);
    }

    /** The region a unit belongs to, as it stands now: its own code for centers and regions, the parent's for an office. */
    private String regionOf(OrgUnit unit) {
        if (unit.kind == UnitKind.MUNICIPAL_OFFICE && unit.parentId != null) {
            return org.unit(unit.parentId).map(p -> p.code).orElse(null);
        }
        return unit.code;
    }

    @Transactional
    public ReferralViews.ReferralView get(String id) {
        Referral ref = requireVisible(id);
        return view(ref, em.find(Consultation.class, ref.consultationId));
    }

    @Transactional
    public ReferralViews.ReferralView transition(String id, String ifMatch, ReferralViews.TransitionRequest r) {
        // Moves and reports of one referral queue on its row, so each decides on the state as it is, and a
        // loser's 412 names the state and ETag the winner left.
        Referral ref = requireVisible(id, LockModeType.PESSIMISTIC_WRITE);
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiProblem(ProblemType.PRECONDITION_REQUIRED, "Send If-Match with the ETag you read, so two people cannot both move the referral.",
                    List.of(), Map.of("currentETag", etag(ref)));
        }
        if (!IfMatch.matches(ifMatch, etag(ref))) {
            throw stale(ref.state.name(), etag(ref));
        }
        Party party = party(ref);
        Decision decision = ReferralTransitions.decide(ref.state, r.action(), party, caller.roles(), r.input());
        if (decision instanceof Decision.Rejected rejected) {
            throw rejection(ref, r.action(), rejected);
        }
        ReferralState from = ref.state;
        Instant now = clock.instant();
        ReferralTransitions.Effect effect = ReferralTransitions.apply(ref, r.action(), r.input(), now);
        ReferralState to = ref.state;
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw staleNow(id);
        }
        if (effect.movesOwnership(ref.kind)) {
            moveOwnership(ref, from, now);
        }
        TransitionInput input = r.input() == null ? TransitionInput.none() : r.input();
        String text = effect.text(input);
        String code = effect.code(input);
        em.persist(history(ref, r.action().name(), from, to, code, text));
        em.flush();
        audit.record("REFERRAL_" + r.action().name(), "referral", ref.id, from + "->" + to);
        events.referral(EventType.ofReferralAction(r.action().name()), ref.id, ref.prefCode, ref.senderUnitId, ref.receiverUnitId, "consultationId", ref.consultationId, "kind", ref.kind, "action", r.action(), "fromState", from, "state", to, "code", code);
        return view(ref, em.find(Consultation.class, ref.consultationId));
    }

    /**
     * Ownership moves on a TRANSFER's acceptance, not on its request, and only from the unit that sent it: a
     * conditional update, so of two transfers of one case accepted at once only one moves it.
     */
    private void moveOwnership(Referral ref, ReferralState from, Instant now) {
        int moved = em.createQuery("update Consultation c set c.ownerUnitId = :receiver, c.version = c.version + 1, c.updatedAt = :now"
                + " where c.id = :id and c.ownerUnitId = :sender").setParameter("receiver", ref.receiverUnitId).setParameter("now", now)
                .setParameter("id", ref.consultationId).setParameter("sender", ref.senderUnitId).executeUpdate();
        if (moved != 1) {
            throw new ApiProblem(ProblemType.CONFLICT, "The case was handed to another unit meanwhile: " + ref.senderUnitCode
                    + " no longer owns it, so this transfer cannot be accepted. Decline it.", List.of(),
                    // Nothing of this move is kept: the referral stays as the caller read it.
                    Map.of("currentState", from.name(), "currentETag", "\"" + (ref.version - 1) + "\"",
                            "allowedActions", List.of(ReferralAction.DECLINE)));
        }
        Consultation c = em.find(Consultation.class, ref.consultationId);
        if (c != null) {
            em.refresh(c);
        }
    }

    private static ApiProblem stale(String currentState, String currentEtag) {
        return new ApiProblem(ProblemType.PRECONDITION_FAILED, "The referral changed since you read it (it is now "
                + currentState + "). Read it again and decide again.", List.of(),
                Map.of("currentETag", currentEtag, "currentState", currentState));
    }

    /** After a lost race the persistence context holds the loser's view: the current state is read in a transaction of its own. */
    private ApiProblem staleNow(String id) {
        Object[] current = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select state, version from referral where id = ?1").setParameter(1, id).getSingleResult());
        return stale(current[0].toString(), "\"" + ((Number) current[1]).longValue() + "\"");
    }

    private ApiProblem rejection(Referral ref, ReferralAction action, Decision.Rejected rejected) {
        return switch (rejected.why()) {
            case ROLE_NOT_ALLOWED, NOT_YOUR_TURN -> {
                // the state machine refused who asked: audited as the move that was refused
                audit.denied("REFERRAL_" + action.name(), "referral", ref.id, rejected.why() + ": " + rejected.message());
                yield new ApiProblem(ProblemType.FORBIDDEN, rejected.message(), List.of(), Map.of("allowedActions", rejected.allowedForCaller()));
            }
            case ILLEGAL_TRANSITION -> new ApiProblem(ProblemType.CONFLICT, rejected.message(), List.of(),
                    Map.of("currentState", ref.state.name(), "allowedActions", ReferralTransitions.allowedActions(ref.state)));
            case MISSING_REASON -> missing(rejected, "reasonCode", "reasonText");
            case MISSING_OUTCOME -> missing(rejected, "outcomeCode", "outcomeText");
            case MISSING_QUESTION -> missing(rejected, "question");
        };
    }

    private static ApiProblem missing(Decision.Rejected rejected, String... fields) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String f : fields) {
            errors.add(new Problem.FieldError(f, rejected.message(), "required-for-action"));
        }
        return new ApiProblem(ProblemType.VALIDATION_FAILED, rejected.message(), errors, Map.of());
    }

    public List<ReferralViews.HistoryView> history(String id) {
        requireVisible(id);
        List<ReferralTransitionRecord> rows = em.createQuery("from ReferralTransitionRecord t where t.referralId = :id order by t.id",
                ReferralTransitionRecord.class).setParameter("id", id).getResultList();
        Map<Long, String> codes = org.codesOf(rows.stream().map(t -> t.actorUnitId).toList());
        return rows.stream().map(t -> new ReferralViews.HistoryView(t.action, t.from, t.to, t.actor, codes.get(t.actorUnitId),
                t.reasonCode, t.text, t.occurredAt)).toList();
    }

    @Transactional
    public ReferralViews.ReportView addReport(String id, ReferralViews.ReportRequest r) {
        // The row lock orders a report and a move of the same referral: a report never lands on a referral completed meanwhile.
        Referral ref = requireVisible(id, LockModeType.PESSIMISTIC_WRITE);
        if (party(ref) != Party.RECEIVER || !ReferralTransitions.STAFF_ROLES.stream().anyMatch(caller::hasRole)) {
            throw audit.refuse("REFERRAL_REPORT", "referral", ref.id, "Progress reports come from the receiving unit (" + ref.receiverUnitCode + ").");
        }
        if (!ReferralTransitions.REPORTING.contains(ref.state)) {
            throw new ApiProblem(ProblemType.CONFLICT, "Reports are posted while the referral is ACCEPTED or IN_PROGRESS; it is " + ref.state + ".",
                    List.of(), Map.of("currentState", ref.state.name()));
        }
        ProgressReport report = new ProgressReport();
        report.referralId = ref.id;
        report.status = r.status();
        report.body = r.body().strip();
        report.author = caller.subject();
        report.authorUnitId = visibility.unit().id;
        report.createdAt = clock.instant();
        em.persist(report);
        ref.lastReportAt = report.createdAt;
        em.flush();
        audit.record("REFERRAL_REPORT", "referral", ref.id, r.status().name());
        events.referral(EventType.REFERRAL_REPORT_ADDED, ref.id, ref.prefCode, ref.senderUnitId, ref.receiverUnitId, "consultationId", ref.consultationId, "kind", ref.kind, "state", ref.state, "reportId", report.id, "reportStatus", report.status);
        return reportView(report, visibility.unit().code);
    }

    public List<ReferralViews.ReportView> reports(String id) {
        requireVisible(id);
        List<ProgressReport> rows = em.createQuery("from ProgressReport p where p.referralId = :id order by p.id", ProgressReport.class)
                .setParameter("id", id).getResultList();
        Map<Long, String> codes = org.codesOf(rows.stream().map(p -> p.authorUnitId).toList());
        return rows.stream().map(p -> reportView(p, codes.get(p.authorUnitId))).toList();
    }

    /** Referrals waiting for (inbox) or sent by (outbox) the caller's unit. */
    @Transactional
    public Page<ReferralViews.ReferralView> box(boolean inbox, ReferralState state, boolean overdueOnly, PageRequest page) {
        OrgUnit unit = requireStaffUnit();
        Map<String, Object> p = new HashMap<>();
        StringBuilder where = new StringBuilder(inbox ? " where r.receiverUnitId = :unit" : " where r.senderUnitId = :unit");
        p.put("unit", unit.id);
        if (state != null) {
            where.append(" and r.state = :state");
            p.put("state", state);
        }
        if (overdueOnly) {
            where.append(" and ").append(overdue.condition("r", clock, p));
        }
        TypedQuery<Referral> q = em.createQuery("select r from Referral r" + where + " order by r.requestedAt desc, r.id", Referral.class);
        TypedQuery<Long> count = em.createQuery("select count(r) from Referral r" + where, Long.class);
        p.forEach((k, v) -> {
            q.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<ReferralViews.ReferralView> items = q.setFirstResult(page.offset()).setMaxResults(page.size).getResultList().stream()
                .map(ref -> view(ref, em.find(Consultation.class, ref.consultationId))).toList();
        return Page.of(items, page, count.getSingleResult());
    }

    public static String etag(Referral ref) {
        return "\"" + ref.version + "\"";
    }


    private Referral requireVisible(String id) {
        return requireVisible(id, LockModeType.NONE);
    }

    /** With PESSIMISTIC_WRITE the scoped read also takes the row lock (SELECT … FOR UPDATE), in one statement. */
    private Referral requireVisible(String id, LockModeType lock) {
        AccessRules.Condition scope = AccessRules.referrals(visibility.scope(), AccessRules.Dialect.JPQL, "r");
        TypedQuery<Referral> q = scope.bind(em.createQuery("select r from Referral r where r.id = :id and " + scope.text(), Referral.class)
                .setParameter("id", id)).setLockMode(lock);
        return q.getResultStream().findFirst().orElseThrow(() -> {
            if (em.find(Referral.class, id) != null) {
                audit.denied("REFERRAL_READ", "referral", id, "out of the caller's scope");
            }
            return ApiProblem.notFound("Referral", id);
        });
    }

    private OrgUnit requireStaffUnit() {
        if (visibility.unit() == null || !ReferralTransitions.STAFF_ROLES.stream().anyMatch(caller::hasRole)) {
            throw audit.refuse("REFERRAL", "referral", null, "Referrals are made and handled by staff of a known unit.");
        }
        return visibility.unit();
    }

    private Party party(Referral ref) {
        OrgUnit unit = visibility.unit();
        if (unit == null) {
            return Party.OTHER;
        }
        return unit.id.equals(ref.senderUnitId) ? Party.SENDER : unit.id.equals(ref.receiverUnitId) ? Party.RECEIVER : Party.OTHER;
    }

    static List<ReferralState> activeStates() {
        return AccessRules.ACTIVE_REFERRAL_STATES.stream().map(ReferralState::valueOf).toList();
    }

    private ReferralTransitionRecord history(Referral ref, String action, ReferralState from, ReferralState to, String code, String text) {
        ReferralTransitionRecord t = new ReferralTransitionRecord();
        t.referralId = ref.id;
        t.action = action;
        t.from = from;
        t.to = to;
        t.actor = caller.subject();
        t.actorUnitId = visibility.unit() == null ? null : visibility.unit().id;
        t.reasonCode = code;
        t.text = text;
        t.occurredAt = clock.instant();
        return t;
    }


    private static ReferralViews.ReportView reportView(ProgressReport p, String unitCode) {
        return new ReferralViews.ReportView(p.id, p.status, p.status.labelJa(), p.body, p.author, unitCode, p.createdAt);
    }

    ReferralViews.ReferralView view(Referral r, Consultation consultation) {
        Boolean shared = null;
        String notice = null;
        if (consultation != null && consultation.childId != null) {
            shared = children.sharesWithReferralRecipients(consultation.childId);
            if (!shared) {
                notice = "The family's consent does not cover referral recipients: the receiver sees the child pseudonymously.";
            }
        }
        return new ReferralViews.ReferralView(r.id, r.consultationId, r.kind, r.direction, r.state, r.state.labelJa(),
                new ReferralViews.PartyView(r.senderUnitCode, r.senderUnitKind, r.senderTier, r.senderRegionCode),
                new ReferralViews.PartyView(r.receiverUnitCode, r.receiverUnitKind, r.receiverTier, r.receiverRegionCode),
                r.requestText, r.requestedBy, r.requestedAt, r.acceptedAt, r.endedAt, r.lastReportAt, r.reasonCode, r.reasonText,
                r.outcomeCode, r.outcomeText, shared, notice, ReferralTransitions.allowedActions(r.state, party(r), caller.roles()),
                overdue.reason(r, clock), r.version);
    }
}
