package jp.tsunagu.registry;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import jp.tsunagu.audit.AuditLog;
import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.ProblemType;
import jp.tsunagu.common.security.Caller;
import jp.tsunagu.common.text.Kana;
import jp.tsunagu.org.LgCodes;
import jp.tsunagu.org.Municipality;
import jp.tsunagu.org.OrgRepository;
import jp.tsunagu.org.OrgUnit;
import jp.tsunagu.org.OrgViews;
import jp.tsunagu.org.Visibility;
import jp.tsunagu.taxonomy.TaxonomyService;

/**
 * The child registry: registration with the duplicate check, consent, and the decision per read
 * whether the caller gets the identifying or the pseudonymous view. Every read and change is audited.
 */
@ApplicationScoped
public class ChildService {

    private final EntityManager em;
    private final OrgRepository org;
    private final Visibility visibility;
    private final Caller caller;
    private final TaxonomyService taxonomy;
    private final AuditLog audit;

    public ChildService(EntityManager em, OrgRepository org, Visibility visibility, Caller caller, TaxonomyService taxonomy,
            AuditLog audit) {
        this.em = em;
        this.org = org;
        this.visibility = visibility;
        this.caller = caller;
        this.taxonomy = taxonomy;
        this.audit = audit;
    }

    /** Scope of children as a JPQL condition on alias {@code ch}: the same rule for by-id reads and lists. */
    private String scope(Map<String, Object> p) {
        return switch (visibility.reach()) {
            case PREFECTURE -> {
                p.put("scopePref", visibility.prefCode());
                yield "ch.prefCode = :scopePref";
            }
            case REGION, MUNICIPALITY -> {
                p.put("scopeUnits", visibility.unitIds());
                p.put("scopeMunicipalities", visibility.lgcodes());
                yield "(ch.residenceLgcode in :scopeMunicipalities or ch.registeredByUnitId in :scopeUnits" + REFERRED + ")";
            }
            case PARTNER -> {
                p.put("scopeClient", visibility.clientId());
                yield "ch.createdByClient = :scopeClient";
            }
            case NONE -> "1 = 0";
        };
    }

    /** Units a referral about one of the child's consultations was sent to see the child while it is active. */
    static final String REFERRED = " or exists (select 1 from Referral r, Consultation c where c.childId = ch.id"
            + " and r.consultationId = c.id and r.receiverUnitId in :scopeUnits and r.state in (jp.tsunagu.referral.ReferralState.REQUESTED,"
            + " jp.tsunagu.referral.ReferralState.ACCEPTED, jp.tsunagu.referral.ReferralState.IN_PROGRESS, jp.tsunagu.referral.ReferralState.COMPLETED))";

    /** The child if visible to the caller, else 404 (a denial is audited when it exists). */
    @Transactional
    public Child requireVisible(String id, String field) {
        Map<String, Object> p = new HashMap<>();
        TypedQuery<Child> q = em.createQuery("select ch from Child ch where ch.id = :id and " + scope(p), Child.class)
                .setParameter("id", id);
        p.forEach(q::setParameter);
        return q.getResultStream().findFirst().orElseThrow(() -> {
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

    @Transactional
    public ChildViews.ChildView register(ChildViews.ChildRequest r) {
        OrgUnit unit = visibility.unit();
        if (unit == null || visibility.reach() == Visibility.Reach.NONE) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "Your token names no known organization unit.");
        }
        LgCodes.require("residenceLgcode", r.residenceLgcode());
        // The lock on the municipality row serialises registrations there, so two look-alikes cannot both slip through.
        Municipality residence = org.lockMunicipality(r.residenceLgcode()).orElseThrow(() -> ApiProblem.invalidField(
                "residenceLgcode", "unknown municipality " + r.residenceLgcode(), "unknown-municipality"));
        if (r.birthDate().isBefore(LocalDate.now().minusYears(30))) {
            throw ApiProblem.invalidField("birthDate", "must be within the last 30 years", "too-old");
        }
        List<String> careTypes = r.careTypes() == null ? List.of() : r.careTypes();
        for (int i = 0; i < careTypes.size(); i++) {
            taxonomy.requireCode("medical_care", careTypes.get(i), "careTypes[" + i + "]");
        }
        String key = Kana.normalize(r.familyNameKana() + r.givenNameKana());
        List<String> lookAlikes = em.createQuery("select ch.id from Child ch where ch.nameKanaKey = :key and ch.birthDate = :birth"
                + " and ch.residenceLgcode = :lg order by ch.createdAt", String.class)
                .setParameter("key", key).setParameter("birth", r.birthDate()).setParameter("lg", r.residenceLgcode()).getResultList();
        List<String> unconfirmed = new ArrayList<>(lookAlikes);
        if (r.confirmedDistinctFrom() != null) {
            unconfirmed.removeAll(new HashSet<>(r.confirmedDistinctFrom()));
        }
        if (!unconfirmed.isEmpty()) {
            throw new ApiProblem(ProblemType.CONFLICT, "A child with the same reading, birth date and municipality is registered ("
                    + unconfirmed.get(0) + "). Use that record, or repeat the request with its id in confirmedDistinctFrom "
                    + "if this is another child.", List.of(), Map.of("existingChildIds", unconfirmed));
        }
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
        c.careTypes.addAll(careTypes);
        c.mobileWithCare = r.mobileWithCare();
        c.severeDisability = r.severeDisability();
        c.ventilatorDependent = r.ventilatorDependent();
        c.primaryHospital = r.primaryHospital();
        c.registrationSource = r.registrationSource();
        c.registeredByUnitId = unit.id;
        c.createdBy = caller.subject();
        c.createdByClient = visibility.reach() == Visibility.Reach.PARTNER ? visibility.clientId() : null;
        em.persist(c);
        em.flush();
        audit.record("CHILD_CREATE", "child", c.id, null);
        if (r.consent() != null) {
            addConsent(c, r.consent());
        }
        return view(c);
    }

    @Transactional
    public ChildViews.ConsentView recordConsent(String childId, ChildViews.ConsentRequest r) {
        requireStaff();
        return consentView(addConsent(requireVisible(childId, null), r));
    }

    @Transactional
    public ChildViews.ConsentView withdraw(String childId, long consentId, ChildViews.Withdrawal w) {
        requireStaff();
        Child child = requireVisible(childId, null);
        Consent consent = em.find(Consent.class, consentId);
        if (consent == null || !consent.childId.equals(child.id)) {
            throw ApiProblem.notFound("Consent", consentId);
        }
        if (consent.withdrawnOn != null) {
            throw new ApiProblem(ProblemType.CONFLICT, "Consent " + consentId + " was withdrawn on " + consent.withdrawnOn + ".");
        }
        if (w.withdrawnOn().isBefore(consent.obtainedOn)) {
            throw ApiProblem.invalidField("withdrawnOn", "is before the consent was obtained (" + consent.obtainedOn + ")", "before-obtained");
        }
        consent.withdrawnOn = w.withdrawnOn();
        em.flush();
        audit.record("CONSENT_WITHDRAW", "child", child.id, "consent " + consentId);
        return consentView(consent);
    }

    @Transactional
    public List<ChildViews.ConsentView> consents(String childId) {
        Child child = requireVisible(childId, null);
        return consentsOf(child.id).stream().map(this::consentView).toList();
    }

    private Consent addConsent(Child child, ChildViews.ConsentRequest r) {
        Consent consent = new Consent();
        consent.childId = child.id;
        consent.shareCenter = true;
        consent.shareResidence = r.scopes().contains(Consent.Scope.SHARE_WITH_RESIDENCE_MUNICIPALITY);
        consent.shareReferrals = r.scopes().contains(Consent.Scope.SHARE_WITH_REFERRAL_RECIPIENTS);
        consent.obtainedOn = r.obtainedOn();
        consent.obtainedByUnitId = visibility.unit().id;
        consent.documentRef = r.documentRef();
        consent.recordedBy = caller.subject();
        em.persist(consent);
        em.flush();
        audit.record("CONSENT_RECORD", "child", child.id, "consent " + consent.id + " " + consent.scopes());
        return consent;
    }

    private List<Consent> consentsOf(String childId) {
        return em.createQuery("from Consent c where c.childId = :id order by c.id", Consent.class).setParameter("id", childId).getResultList();
    }

    /** Why the caller may not see identifying data of the child, or null when they may. */
    public String identifyingDeniedBecause(Child child) {
        OrgUnit unit = visibility.unit();
        if (unit == null || visibility.reach() == Visibility.Reach.PARTNER) {
            return "identifying data is shown to the units a consent covers, not to partner systems";
        }
        LocalDate today = LocalDate.now();
        List<Consent> active = consentsOf(child.id).stream().filter(c -> c.activeOn(today)).toList();
        if (active.isEmpty()) {
            return "no consent in force";
        }
        boolean center = visibility.isCenterUnit() && unit.prefCode.equals(child.prefCode);
        boolean residence = child.residenceLgcode.equals(unit.lgcode) && active.stream().anyMatch(c -> c.shareResidence);
        boolean referral = active.stream().anyMatch(c -> c.shareReferrals) && isReferralRecipient(child, unit);
        return center || residence || referral ? null : "no consent in force covers your unit";
    }

    /** Whether the unit received an active referral about one of the child's consultations. */
    boolean isReferralRecipient(Child child, OrgUnit unit) {
        return !em.createQuery("select r.id from Referral r, Consultation c where c.childId = :child and r.consultationId = c.id"
                + " and r.receiverUnitId = :unit and r.state in (jp.tsunagu.referral.ReferralState.REQUESTED,"
                + " jp.tsunagu.referral.ReferralState.ACCEPTED, jp.tsunagu.referral.ReferralState.IN_PROGRESS,"
                + " jp.tsunagu.referral.ReferralState.COMPLETED)", String.class)
                .setParameter("child", child.id).setParameter("unit", unit.id).setMaxResults(1).getResultList().isEmpty();
    }

    /** The consent gate of referrals: does a consent in force let referral recipients see who the child is? */
    public boolean sharesWithReferralRecipients(String childId) {
        LocalDate today = LocalDate.now();
        return consentsOf(childId).stream().anyMatch(c -> c.activeOn(today) && c.shareReferrals);
    }

    private void requireStaff() {
        if (visibility.reach() == Visibility.Reach.PARTNER || visibility.reach() == Visibility.Reach.NONE) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "Only staff record or withdraw consent.");
        }
    }

    ChildViews.ChildView view(Child c) {
        OrgViews.MunicipalityRef residence = org.municipality(c.residenceLgcode).map(OrgViews.MunicipalityRef::of).orElse(null);
        List<String> care = c.careTypes.stream().sorted().toList();
        String denied = identifyingDeniedBecause(c);
        if (denied != null) {
            return new ChildViews.ChildView(c.id, "PSEUDONYMOUS", denied, ageBand(c.birthDate), residence, care, c.mobileWithCare,
                    c.severeDisability, c.ventilatorDependent, null, null, null, null, null, null, null, null, null, null);
        }
        ChildViews.Guardian guardian = c.guardianName == null && c.guardianPhone == null && c.guardianEmail == null ? null
                : new ChildViews.Guardian(c.guardianName, c.guardianPhone, c.guardianEmail);
        return new ChildViews.ChildView(c.id, "IDENTIFYING", null, ageBand(c.birthDate), residence, care, c.mobileWithCare,
                c.severeDisability, c.ventilatorDependent, c.familyName, c.givenName, c.familyNameKana, c.givenNameKana,
                c.birthDate, c.sex, guardian, c.primaryHospital, c.registrationSource, c.version);
    }

    /** School stages: coarse enough not to identify, fine enough for planning support. */
    static String ageBand(LocalDate birthDate) {
        int years = Period.between(birthDate, LocalDate.now()).getYears();
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

    private ChildViews.ConsentView consentView(Consent c) {
        String unitCode = org.unit(c.obtainedByUnitId).map(u -> u.code).orElse(null);
        return new ChildViews.ConsentView(c.id, c.scopes(), c.obtainedOn, unitCode, c.documentRef, c.withdrawnOn,
                c.activeOn(LocalDate.now()));
    }
}
