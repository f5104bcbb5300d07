package jp.tsunagu.registry;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jp.tsunagu.access.AccessRules;
import jp.tsunagu.audit.AuditLog;
import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.ProblemType;
import jp.tsunagu.common.security.Caller;
import jp.tsunagu.common.security.StepUp;
import jp.tsunagu.common.text.Kana;
import jp.tsunagu.events.EventType;
import jp.tsunagu.events.Outbox;
import jp.tsunagu.org.LgCodes;
import jp.tsunagu.org.Municipality;
import jp.tsunagu.org.OrgRepository;
import jp.tsunagu.org.OrgUnit;
import jp.tsunagu.org.OrgViews;
import jp.tsunagu.org.Visibility;
import jp.tsunagu.taxonomy.TaxonomyService;

/**
 * The child registry: registration with the duplicate check, and the decision per read whether the
 * caller gets the identifying or the pseudonymous view. Every read, check and change is audited.
 */
@ApplicationScoped
public class ChildService {

    /** What a registration led to: the child, or a review item for the center. */
    public sealed interface Registration {
    }

    public record Registered(ChildViews.ChildView child) implements Registration {
    }

    public record HeldForReview(RegistrationReview review) implements Registration {
    }

    private final EntityManager em;
    private final OrgRepository org;
    private final Visibility visibility;
    private final Caller caller;
    private final TaxonomyService taxonomy;
    private final ConsentService consents;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final StepUp stepUp;
    private final Outbox events;

    public ChildService(EntityManager em, OrgRepository org, Visibility visibility, Caller caller, TaxonomyService taxonomy,
            ConsentService consents, AuditLog audit, ObjectMapper json, Clock clock, StepUp stepUp, Outbox events) {
        this.events = events;
        this.em = em;
        this.org = org;
        this.visibility = visibility;
        this.caller = caller;
        this.taxonomy = taxonomy;
        this.consents = consents;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.stepUp = stepUp;
    }

    /** The child if visible to the caller, else 404 (a denial is audited when it exists). */
    @Transactional
    public Child requireVisible(String id, String field) {
        AccessRules.Condition scope = AccessRules.children(visibility.scope(), AccessRules.Dialect.JPQL, "ch");
        return scope.bind(em.createQuery("select ch from Child ch where ch.id = :id and " + scope.text(), Child.class)
                .setParameter("id", id)).getResultStream().findFirst().orElseThrow(() -> {
                    if (em.find(Child.class, id) != null) {
                        audit.denied("CHILD_READ", "child", id, "out of the caller's scope");
                    }
                    return field == null ? ApiProblem.notFound("Child", id)
                            : ApiProblem.invalidField(field, "no registered child " + id + " that you can see", "unknown-child");
                });
    }

    @Transactional
    public ChildViews.ChildView get(String id) {
        Child child = requireVisible(id, null);
        ChildViews.ChildView view = view(child);
        audit.record("CHILD_READ", "child", id, view.view());
        return view;
    }

    /**
     * Registers a child, unless it may be one already registered. The check runs on the normalised reading,
     * birth date and municipality, within the caller's prefecture (the residence must lie there). Look-alikes
     * the caller may read answer 409 with their ids; look-alikes outside the caller's view never show: the
     * registration is held as a review item for the center, and the caller learns only that.
     */
    @Transactional
    public Registration register(ChildViews.ChildRequest r) {
        // A registration stores who the child is: the second factor first, before any look-up.
        stepUp.requireSecondFactor("CHILD_CREATE", "child", null);
        OrgUnit unit = visibility.unit();
        if (unit == null || visibility.reach() == AccessRules.Reach.NONE) {
            throw audit.refuse("CHILD_CREATE", "child", null, "Your token names no known organization unit.");
        }
        Municipality residence = residenceInScope(r.residenceLgcode());
        LocalDate today = LocalDate.now(clock);
        if (r.birthDate().isBefore(today.minusYears(30))) {
            throw ApiProblem.invalidField("birthDate", "must be within the last 30 years", "too-old");
        }
        List<String> careTypes = r.careTypes() == null ? List.of() : r.careTypes();
        for (int i = 0; i < careTypes.size(); i++) {
            taxonomy.requireCode("medical_care", careTypes.get(i), "careTypes[" + i + "]");
        }
        String key = Kana.normalize(r.familyNameKana() + r.givenNameKana());
        List<String> lookAlikes = em.createQuery("select ch.id from Child ch where ch.nameKanaKey = :key and ch.birthDate = :birth"
                + " and ch.residenceLgcode = :lg and ch.prefCode = :pref order by ch.createdAt, ch.id", String.class)
                .setParameter("key", key).setParameter("birth", r.birthDate()).setParameter("lg", r.residenceLgcode())
                .setParameter("pref", residence.prefCode).getResultList();
        AccessRules.Condition scope = AccessRules.children(visibility.scope(), AccessRules.Dialect.JPQL, "ch");
        List<String> visible = lookAlikes.isEmpty() ? List.of()
                : scope.bind(em.createQuery("select ch.id from Child ch where ch.id in (:ids) and " + scope.text()
                        + " order by ch.createdAt, ch.id", String.class).setParameter("ids", lookAlikes)).getResultList();
        List<String> unconfirmed = new ArrayList<>(visible);
        if (r.confirmedDistinctFrom() != null) {
            unconfirmed.removeAll(new HashSet<>(r.confirmedDistinctFrom()));
        }
        if (!unconfirmed.isEmpty()) {
            audit.rejected("CHILD_DUPLICATE_CHECK", "municipality", r.residenceLgcode(), "look-alikes you can read: " + unconfirmed);
            throw new ApiProblem(ProblemType.CONFLICT, "A child with the same reading, birth date and municipality is registered ("
                    + unconfirmed.get(0) + "). Use that record, or repeat the request with its id in confirmedDistinctFrom "
                    + "if this is another child.", List.of(), Map.of("existingChildIds", unconfirmed));
        }
        List<String> hidden = new ArrayList<>(lookAlikes);
        hidden.removeAll(visible);
        if (!hidden.isEmpty()) {
            RegistrationReview review = holdForReview(r, residence, unit, hidden);
            audit.record("CHILD_DUPLICATE_CHECK", "registration-review", review.id, "held for the center's review");
            return new HeldForReview(review);
        }
        audit.record("CHILD_DUPLICATE_CHECK", "municipality", r.residenceLgcode(), "no look-alike");
        Child c = persist(r, residence, key, unit.id, caller.subject(),
                visibility.reach() == AccessRules.Reach.PARTNER ? visibility.clientId() : null);
        if (r.consent() != null) {
            consents.add(c, r.consent(), unit);
        }
        return new Registered(view(c));
    }

    /** The residence of a registration: a known municipality of the caller's own prefecture. */
    private Municipality residenceInScope(String lgcode) {
        LgCodes.require("residenceLgcode", lgcode);
        // The lock on the municipality row serialises registrations there, so two look-alikes cannot both slip through.
        Municipality residence = org.lockMunicipality(lgcode).orElseThrow(() -> ApiProblem.invalidField(
                "residenceLgcode", "unknown municipality " + lgcode, "unknown-municipality"));
        if (!residence.prefCode.equals(visibility.prefCode())) {
            audit.rejected("CHILD_DUPLICATE_CHECK", "municipality", lgcode, "residence outside the caller's prefecture: not checked");
            throw ApiProblem.invalidField("residenceLgcode", "is not a municipality of your prefecture (" + visibility.prefCode() + ")",
                    "out-of-scope");
        }
        return residence;
    }

    private RegistrationReview holdForReview(ChildViews.ChildRequest r, Municipality residence, OrgUnit unit, List<String> candidates) {
        RegistrationReview review = new RegistrationReview();
        review.id = UUID.randomUUID().toString();
        review.prefCode = residence.prefCode;
        review.state = RegistrationReview.State.PENDING;
        try {
            review.requestJson = json.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        review.residenceLgcode = residence.lgcode;
        review.requestedBy = caller.subject();
        review.requestedByUnitId = unit.id;
        review.createdByClient = visibility.reach() == AccessRules.Reach.PARTNER ? visibility.clientId() : null;
        review.requestedAt = clock.instant();
        review.candidates.addAll(candidates);
        em.persist(review);
        em.flush();
        return review;
    }

    /** Writes the child row (the duplicate check is the caller's business) and audits the creation. */
    Child persist(ChildViews.ChildRequest r, Municipality residence, String key, long unitId, String createdBy, String client) {
        Child c = new Child();
        c.id = UUID.randomUUID().toString();
        c.prefCode = residence.prefCode;
        c.familyName = r.familyName().strip();
        c.givenName = r.givenName().strip();
        c.familyNameKana = r.familyNameKana().strip();
        c.givenNameKana = r.givenNameKana().strip();
        c.nameKanaKey = key;
        c.birthDate = r.birthDate();
        c.sex = r.sex();
        c.residenceLgcode = r.residenceLgcode();
        if (r.guardian() != null) {
            c.guardianName = r.guardian().name();
            c.guardianPhone = r.guardian().phone();
            c.guardianEmail = r.guardian().email();
        }
        c.careTypes.addAll(r.careTypes() == null ? List.of() : r.careTypes());
        c.mobileWithCare = r.mobileWithCare();
        c.severeDisability = r.severeDisability();
        c.ventilatorDependent = r.ventilatorDependent();
        c.primaryHospital = r.primaryHospital();
        c.registrationSource = r.registrationSource();
        c.registeredByUnitId = unitId;
        c.createdBy = createdBy;
        c.createdByClient = client;
        em.persist(c);
        em.flush();
        audit.record("CHILD_CREATE", "child", c.id, null);
        events.child(EventType.CHILD_REGISTERED, c.id, c.prefCode, c.registeredByUnitId, "residenceLgcode", c.residenceLgcode, "registrationSource", c.registrationSource);
        return c;
    }

    @Transactional
    public ChildViews.ConsentView recordConsent(String childId, ChildViews.ConsentRequest r) {
        Child child = requireVisible(childId, null);
        stepUp.requireSecondFactor("CONSENT_RECORD", "child", childId);
        return consentView(child, consents.record(child, r));
    }

    @Transactional
    public List<ChildViews.ConsentView> listConsents(String childId) {
        Child child = requireVisible(childId, null);
        stepUp.requireSecondFactor("CONSENT_READ", "child", childId);
        boolean named = seesSigner(child);
        return consents.of(child.id).stream().map(c -> consents.view(c, named)).toList();
    }

    @Transactional
    public ChildViews.ConsentView confirmConsent(String childId, long consentId, ChildViews.Confirmation r) {
        Child child = requireVisible(childId, null);
        stepUp.requireSecondFactor("CONSENT_CONFIRM", "child", childId);
        return consentView(child, consents.confirm(child, consentId, r));
    }

    @Transactional
    public ChildViews.ConsentView rejectConsent(String childId, long consentId, ChildViews.Rejection r) {
        Child child = requireVisible(childId, null);
        stepUp.requireSecondFactor("CONSENT_REJECT", "child", childId);
        return consentView(child, consents.reject(child, consentId, r));
    }

    @Transactional
    public ChildViews.ConsentView withdrawConsent(String childId, long consentId, ChildViews.Withdrawal w) {
        Child child = requireVisible(childId, null);
        stepUp.requireSecondFactor("CONSENT_WITHDRAW", "child", childId);
        return consentView(child, consents.withdraw(child, consentId, w));
    }

    private ChildViews.ConsentView consentView(Child child, Consent consent) {
        return consents.view(consent, seesSigner(child));
    }

    /** Who signed a consent is identifying: the center sees it, and callers who see the child identifying. */
    private boolean seesSigner(Child child) {
        return visibility.isCenterOf(child.prefCode) || identifyingDeniedBecause(child) == null;
    }

    /** Why the caller may not see identifying data of the child, or null when they may. */
    public String identifyingDeniedBecause(Child child) {
        OrgUnit unit = visibility.unit();
        if (unit == null || visibility.reach() == AccessRules.Reach.PARTNER) {
            return "identifying data is shown to the units a consent covers, not to partner systems";
        }
        List<Consent> all = consents.of(child.id);
        List<Consent> inForce = consents.inForce(all);
        if (inForce.isEmpty()) {
            return all.stream().anyMatch(c -> c.state == Consent.State.PENDING)
                    ? "no consent in force (one awaits the center's check against the signed form)" : "no consent in force";
        }
        boolean center = visibility.isCenterOf(child.prefCode);
        boolean residence = child.residenceLgcode.equals(unit.lgcode) && inForce.stream().anyMatch(c -> c.shareResidence);
        boolean referral = inForce.stream().anyMatch(c -> c.shareReferrals) && isReferralRecipient(child, unit);
        return center || residence || referral ? null : "no consent in force covers your unit";
    }

    /** Whether the unit itself received an active referral about one of the child's consultations. */
    private boolean isReferralRecipient(Child child, OrgUnit unit) {
        AccessRules.Condition referred = AccessRules.childReferredTo(List.of(unit.id), AccessRules.Dialect.JPQL, "ch");
        return !referred.bind(em.createQuery("select ch.id from Child ch where ch.id = :child and " + referred.text(), String.class)
                .setParameter("child", child.id)).setMaxResults(1).getResultList().isEmpty();
    }

    /** The consent gate of referrals: does a consent in force let referral recipients see who the child is? */
    public boolean sharesWithReferralRecipients(String childId) {
        return consents.inForce(childId).stream().anyMatch(c -> c.shareReferrals);
    }

    /** The view the consent decision gives the caller; the identifying one only past the second factor. */
    ChildViews.ChildView view(Child c) {
        String denied = identifyingDeniedBecause(c);
        if (denied != null) {
            OrgViews.MunicipalityRef residence = org.municipality(c.residenceLgcode).map(OrgViews.MunicipalityRef::of).orElse(null);
            return new ChildViews.ChildView(c.id, "PSEUDONYMOUS", denied, ageBand(c.birthDate), residence,
                    c.careTypes.stream().sorted().toList(), c.mobileWithCare, c.severeDisability, c.ventilatorDependent,
                    null, null, null, null, null, null, null, null, null, null);
        }
        return identifyingView(c, "CHILD_READ");
    }

    /**
     * The identifying view, past the second factor ({@link StepUp}). Consent is not checked here: {@link #view} checks
     * it, and the one other basis, an emergency access grant (package {@code emergency}), is checked by its service,
     * which audits the read as emergency access.
     *
     * @param action the audit action of the read, named in the denial when the second factor is missing
     */
    public ChildViews.ChildView identifyingView(Child c, String action) {
        stepUp.requireSecondFactor(action, "child", c.id);
        OrgViews.MunicipalityRef residence = org.municipality(c.residenceLgcode).map(OrgViews.MunicipalityRef::of).orElse(null);
        List<String> care = c.careTypes.stream().sorted().toList();
        ChildViews.Guardian guardian = c.guardianName == null && c.guardianPhone == null && c.guardianEmail == null ? null
                : new ChildViews.Guardian(c.guardianName, c.guardianPhone, c.guardianEmail);
        return new ChildViews.ChildView(c.id, "IDENTIFYING", null, ageBand(c.birthDate), residence, care, c.mobileWithCare,
                c.severeDisability, c.ventilatorDependent, c.familyName, c.givenName, c.familyNameKana, c.givenNameKana,
                c.birthDate, c.sex, guardian, c.primaryHospital, c.registrationSource, c.version);
    }

    /** School stages: coarse enough not to identify, fine enough for planning support. */
    String ageBand(LocalDate birthDate) {
        int years = Period.between(birthDate, LocalDate.now(clock)).getYears();
        if (years < 3) {
            return "0-2";
        }
        if (years < 6) {
            return "3-5";
        }
        if (years < 12) {
            return "6-11";
        }
        if (years < 15) {
            return "12-14";
        }
        if (years < 18) {
            return "15-17";
        }
        return "18+";
    }
}
