package jp.tsunagu.registry;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import jp.tsunagu.access.AccessRules;
import jp.tsunagu.audit.AuditLog;
import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;
import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.ProblemType;
import jp.tsunagu.common.security.Caller;
import jp.tsunagu.common.security.StepUp;
import jp.tsunagu.events.EventType;
import jp.tsunagu.events.Outbox;
import jp.tsunagu.org.OrgRepository;
import jp.tsunagu.org.OrgUnit;
import jp.tsunagu.org.OrgViews;
import jp.tsunagu.org.Visibility;

/**
 * Consent as evidence, with four eyes. Any staff unit that can see a child records the signed form
 * (PENDING); it takes effect only when another person at the prefecture center confirms it against the
 * form (CONFIRMED), or the center rejects it. So no unit turns identifying data on for itself with one
 * call that nobody else checks, and the center sees every consent before it counts.
 * A withdrawal is recorded by the center, the unit that obtained the consent, or a unit under it, and
 * takes effect on the next request everywhere: every read decides from the consents as they are now.
 */
@ApplicationScoped
public class ConsentService {

    private final EntityManager em;
    private final OrgRepository org;
    private final Visibility visibility;
    private final Caller caller;
    private final AuditLog audit;
    private final Clock clock;
    private final StepUp stepUp;

    private final Outbox events;

    public ConsentService(EntityManager em, OrgRepository org, Visibility visibility, Caller caller, AuditLog audit, Clock clock,
            StepUp stepUp, Outbox events) {
        this.events = events;
        this.em = em;
        this.org = org;
        this.visibility = visibility;
        this.caller = caller;
        this.audit = audit;
        this.clock = clock;
        this.stepUp = stepUp;
    }

    /** Consents of the child in force today (Japan date). */
    List<Consent> inForce(String childId) {
        return inForce(of(childId));
    }

    List<Consent> inForce(List<Consent> consents) {
        LocalDate today = LocalDate.now(clock);
        return consents.stream().filter(c -> c.inForceOn(today)).toList();
    }

    /** Every consent of the child, oldest first. */
    List<Consent> of(String childId) {
        return em.createQuery("from Consent c where c.childId = :id order by c.id", Consent.class).setParameter("id", childId).getResultList();
    }

    /** Records the form as PENDING, obtained by {@code unit}. */
    Consent add(Child child, ChildViews.ConsentRequest r, OrgUnit unit) {
        Consent consent = new Consent();
        consent.childId = child.id;
        consent.state = Consent.State.PENDING;
        consent.shareCenter = true;
        consent.shareResidence = r.scopes().contains(Consent.Scope.SHARE_WITH_RESIDENCE_MUNICIPALITY);
        consent.shareReferrals = r.scopes().contains(Consent.Scope.SHARE_WITH_REFERRAL_RECIPIENTS);
        consent.obtainedOn = r.obtainedOn();
        consent.obtainedByUnitId = unit.id;
        consent.formName = r.formName().strip();
        consent.documentRef = r.documentRef().strip();
        consent.obtainedByPerson = r.obtainedBy().strip();
        consent.obtainedFromName = r.obtainedFrom().name().strip();
        consent.obtainedFromRelationship = r.obtainedFrom().relationship();
        consent.recordedBy = caller.subject();
        consent.recordedByUnitId = unit.id;
        em.persist(consent);
        em.flush();
        audit.record("CONSENT_RECORD", "child", child.id, "consent " + consent.id + " " + consent.scopes() + " pending the center's check");
        events.child(EventType.CHILD_CONSENT_RECORDED, child.id, child.prefCode, child.registeredByUnitId, "consentId", consent.id, "state", consent.state, "scopes", consent.scopes());
        return consent;
    }

    @Transactional
    public Consent record(Child child, ChildViews.ConsentRequest r) {
        Consent consent = add(child, r, requireStaff("record"));
        em.refresh(consent);
        return consent;
    }

    /** The center's check against the signed form: another person than the recorder, the reference on the form repeated. */
    @Transactional
    public Consent confirm(Child child, long consentId, ChildViews.Confirmation r) {
        Consent consent = reviewable(child, consentId);
        if (!Objects.equals(consent.documentRef, r.documentRef().strip())) {
            throw ApiProblem.invalidField("documentRef", "does not match the reference recorded with the consent; check the signed form",
                    "document-mismatch");
        }
        review(consent, Consent.State.CONFIRMED, r.note());
        audit.record("CONSENT_CONFIRM", "child", child.id, "consent " + consentId + " " + consent.scopes());
        events.child(EventType.CHILD_CONSENT_CONFIRMED, child.id, child.prefCode, child.registeredByUnitId, "consentId", consentId, "state", Consent.State.CONFIRMED, "scopes", consent.scopes());
        return em.find(Consent.class, consentId);
    }

    @Transactional
    public Consent reject(Child child, long consentId, ChildViews.Rejection r) {
        review(reviewable(child, consentId), Consent.State.REJECTED, r.reason());
        audit.record("CONSENT_REJECT", "child", child.id, "consent " + consentId);
        events.child(EventType.CHILD_CONSENT_REJECTED, child.id, child.prefCode, child.registeredByUnitId, "consentId", consentId, "state", Consent.State.REJECTED);
        return em.find(Consent.class, consentId);
    }

    private Consent reviewable(Child child, long consentId) {
        requireStaff("review");
        Consent consent = find(child, consentId);
        if (!visibility.isCenterOf(child.prefCode)) {
            throw audit.refuse("CONSENT_REVIEW", "consent", consentId, "Consents are checked against the signed form by staff of the prefecture center.");
        }
        if (consent.recordedBy.equals(caller.subject())) {
            throw audit.refuse("CONSENT_REVIEW", "consent", consentId, "You recorded this consent; another person at the center checks it against the form.");
        }
        if (consent.state != Consent.State.PENDING) {
            throw new ApiProblem(ProblemType.CONFLICT, "Consent " + consentId + " is " + consent.state + ", not waiting for a check.",
                    List.of(), Map.of("currentState", consent.state.name()));
        }
        return consent;
    }

    /** A conditional update: of two reviewers at once only one finds the consent still PENDING. */
    private void review(Consent consent, Consent.State to, String note) {
        int changed = em.createQuery("update Consent c set c.state = :to, c.reviewedBy = :me, c.reviewedByUnitId = :unit,"
                + " c.reviewedAt = :now, c.reviewNote = :note where c.id = :id and c.state = :pending and c.recordedBy <> :me")
                .setParameter("to", to).setParameter("me", caller.subject()).setParameter("unit", visibility.unit().id)
                .setParameter("now", clock.instant()).setParameter("note", note == null ? null : note.strip())
                .setParameter("id", consent.id).setParameter("pending", Consent.State.PENDING).executeUpdate();
        em.clear();
        if (changed != 1) {
            Consent now = em.find(Consent.class, consent.id);
            throw new ApiProblem(ProblemType.CONFLICT, "Consent " + consent.id + " was reviewed or withdrawn meanwhile; it is " + now.state + ".",
                    List.of(), Map.of("currentState", now.state.name()));
        }
    }

    @Transactional
    public Consent withdraw(Child child, long consentId, ChildViews.Withdrawal w) {
        OrgUnit unit = requireStaff("withdraw");
        Consent consent = find(child, consentId);
        boolean center = visibility.isCenterOf(child.prefCode);
        if (!center && !isAtOrBelow(unit, consent.obtainedByUnitId)) {
            throw audit.refuse("CONSENT_WITHDRAW", "consent", consentId, "A withdrawal is recorded by the prefecture center, the unit that obtained the consent ("
                    + org.unit(consent.obtainedByUnitId).map(u -> u.code).orElse("?") + ") or a unit under it.");
        }
        if (consent.state == Consent.State.WITHDRAWN || consent.state == Consent.State.REJECTED) {
            throw new ApiProblem(ProblemType.CONFLICT, "Consent " + consentId + " is " + consent.state + ".", List.of(),
                    Map.of("currentState", consent.state.name()));
        }
        if (w.withdrawnOn().isBefore(consent.obtainedOn)) {
            throw ApiProblem.invalidField("withdrawnOn", "is before the consent was obtained (" + consent.obtainedOn + ")", "before-obtained");
        }
        int changed = em.createQuery("update Consent c set c.state = :withdrawn, c.withdrawnOn = :on, c.withdrawalReceivedBy = :received,"
                + " c.withdrawnBy = :me, c.withdrawnByUnitId = :unit, c.withdrawnAt = :now where c.id = :id and c.state in (:open)")
                .setParameter("withdrawn", Consent.State.WITHDRAWN).setParameter("on", w.withdrawnOn())
                .setParameter("received", w.receivedBy().strip()).setParameter("me", caller.subject()).setParameter("unit", unit.id)
                .setParameter("now", clock.instant()).setParameter("id", consentId)
                .setParameter("open", List.of(Consent.State.PENDING, Consent.State.CONFIRMED)).executeUpdate();
        em.clear();
        if (changed != 1) {
            throw new ApiProblem(ProblemType.CONFLICT, "Consent " + consentId + " changed meanwhile.", List.of(),
                    Map.of("currentState", em.find(Consent.class, consentId).state.name()));
        }
        audit.record("CONSENT_WITHDRAW", "child", child.id, "consent " + consentId);
        events.child(EventType.CHILD_CONSENT_WITHDRAWN, child.id, child.prefCode, child.registeredByUnitId, "consentId", consentId, "state", Consent.State.WITHDRAWN);
        return em.find(Consent.class, consentId);
    }

    /** Whether {@code unit} is the unit {@code ancestorId} or lies below it. */
    private boolean isAtOrBelow(OrgUnit unit, long ancestorId) {
        OrgUnit u = unit;
        for (int depth = 0; u != null && depth < 10; depth++) {
            if (u.id == ancestorId) {
                return true;
            }
            u = u.parentId == null ? null : org.unit(u.parentId).orElse(null);
        }
        return false;
    }

    /** The center's list of consents waiting for the check against the form, oldest first. */
    @Transactional
    public Page<ChildViews.ConsentReviewItem> pending(PageRequest page) {
        if (!visibility.isCenterOf(visibility.prefCode())) {
            throw audit.refuse("CONSENT_REVIEW_READ", "consent", null, "The review list is for staff of the prefecture center.");
        }
        // The list names who signed each form.
        stepUp.requireSecondFactor("CONSENT_REVIEW_READ", "consent", null);
        String where = " from Consent c, Child ch where ch.id = c.childId and c.state = :pending and ch.prefCode = :pref";
        List<Object[]> rows = em.createQuery("select c, ch" + where + " order by c.id", Object[].class)
                .setParameter("pending", Consent.State.PENDING).setParameter("pref", visibility.prefCode())
                .setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        long total = em.createQuery("select count(c)" + where, Long.class).setParameter("pending", Consent.State.PENDING)
                .setParameter("pref", visibility.prefCode()).getSingleResult();
        List<ChildViews.ConsentReviewItem> items = rows.stream().map(row -> {
            Child ch = (Child) row[1];
            return new ChildViews.ConsentReviewItem(ch.id, org.municipality(ch.residenceLgcode).map(OrgViews.MunicipalityRef::of).orElse(null),
                    view((Consent) row[0], true));
        }).toList();
        audit.record("CONSENT_REVIEW_READ", "consent", null, "page " + page.page + ", " + items.size() + " items");
        return Page.of(items, page, total);
    }

    private Consent find(Child child, long consentId) {
        Consent consent = em.find(Consent.class, consentId);
        if (consent == null || !consent.childId.equals(child.id)) {
            throw ApiProblem.notFound("Consent", consentId);
        }
        return consent;
    }

    private OrgUnit requireStaff(String what) {
        if (visibility.unit() == null || visibility.reach() == AccessRules.Reach.PARTNER || visibility.reach() == AccessRules.Reach.NONE) {
            throw audit.refuse("CONSENT_" + what.toUpperCase(), "consent", null, "Only staff " + what + " consents.");
        }
        return visibility.unit();
    }

    /** {@code named}: the caller may see who signed (the center, and callers who see the child identifying). */
    ChildViews.ConsentView view(Consent c, boolean named) {
        Map<Long, String> codes = org.codesOf(java.util.stream.Stream.of(c.obtainedByUnitId, c.recordedByUnitId)
                .filter(Objects::nonNull).toList());
        ChildViews.SignerView signer = c.obtainedFromRelationship == null ? null
                : new ChildViews.SignerView(named ? c.obtainedFromName : null, c.obtainedFromRelationship);
        return new ChildViews.ConsentView(c.id, c.state, c.scopes(), c.obtainedOn, codes.get(c.obtainedByUnitId), c.formName,
                c.documentRef, c.obtainedByPerson, signer, c.recordedBy, codes.get(c.recordedByUnitId), c.reviewedBy, c.reviewedAt,
                c.reviewNote, c.withdrawnOn, c.withdrawalReceivedBy, c.inForceOn(LocalDate.now(clock)));
    }
}
