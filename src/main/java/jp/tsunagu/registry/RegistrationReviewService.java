package jp.tsunagu.registry;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jp.tsunagu.access.AccessRules;
import jp.tsunagu.audit.AuditLog;
import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;
import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.ProblemType;
import jp.tsunagu.common.security.Caller;
import jp.tsunagu.common.security.StepUp;
import jp.tsunagu.common.text.Kana;
import jp.tsunagu.org.Municipality;
import jp.tsunagu.org.OrgRepository;
import jp.tsunagu.org.OrgUnit;
import jp.tsunagu.org.OrgViews;
import jp.tsunagu.org.Visibility;

/**
 * Registrations held because a possible duplicate lies outside the requester's view. The requester
 * follows its own; the prefecture center sees the submitted data and the candidates and decides: a new
 * child (registered as the requester submitted it, consent pending as usual) or the same as a candidate.
 */
@ApplicationScoped
public class RegistrationReviewService {

    static final String PENDING_MESSAGE = "A child who may be the same is registered where you cannot see it. The prefecture center "
            + "checks this registration and either registers it or matches it to the existing record.";

    private final EntityManager em;
    private final OrgRepository org;
    private final Visibility visibility;
    private final Caller caller;
    private final ChildService children;
    private final ConsentService consents;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final StepUp stepUp;

    public RegistrationReviewService(EntityManager em, OrgRepository org, Visibility visibility, Caller caller, ChildService children,
            ConsentService consents, AuditLog audit, ObjectMapper json, Clock clock, StepUp stepUp) {
        this.em = em;
        this.org = org;
        this.visibility = visibility;
        this.caller = caller;
        this.children = children;
        this.consents = consents;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.stepUp = stepUp;
    }

    @Transactional
    public ChildViews.ReviewView get(String id) {
        return view(require(id));
    }

    @Transactional
    public Page<ChildViews.ReviewView> list(RegistrationReview.State state, PageRequest page) {
        AccessRules.Condition scope = AccessRules.registrationReviews(visibility.scope(), AccessRules.Dialect.JPQL, "r");
        Map<String, Object> p = new HashMap<>(scope.parameters());
        String where = " where " + scope.text();
        if (state != null) {
            where += " and r.state = :state";
            p.put("state", state);
        }
        TypedQuery<RegistrationReview> q = em.createQuery("select r from RegistrationReview r" + where + " order by r.requestedAt, r.id",
                RegistrationReview.class);
        TypedQuery<Long> count = em.createQuery("select count(r) from RegistrationReview r" + where, Long.class);
        p.forEach((k, v) -> {
            q.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<ChildViews.ReviewView> items = q.setFirstResult(page.offset()).setMaxResults(page.size).getResultList().stream()
                .map(this::view).toList();
        return Page.of(items, page, count.getSingleResult());
    }

    @Transactional
    public ChildViews.ReviewView resolve(String id, ChildViews.Resolution r) {
        RegistrationReview review = require(id);
        stepUp.requireSecondFactor("REGISTRATION_REVIEW_RESOLVE", "registration-review", id);
        if (!isCenter(review)) {
            throw audit.refuse("REGISTRATION_REVIEW_RESOLVE", "registration-review", id, "Held registrations are resolved by staff of the prefecture center.");
        }
        if (review.state != RegistrationReview.State.PENDING) {
            throw new ApiProblem(ProblemType.CONFLICT, "This registration was resolved already (" + review.state + ").", List.of(),
                    Map.of("currentState", review.state.name()));
        }
        String childId;
        RegistrationReview.State to;
        if (r.outcome() == ChildViews.ResolutionOutcome.SAME_AS_EXISTING) {
            if (r.existingChildId() == null || !review.candidates.contains(r.existingChildId())) {
                throw ApiProblem.invalidField("existingChildId", "must be one of the review's candidateChildIds", "not-a-candidate");
            }
            childId = r.existingChildId();
            to = RegistrationReview.State.MATCHED_EXISTING;
        } else {
            ChildViews.ChildRequest request = submitted(review);
            Municipality residence = org.municipality(review.residenceLgcode).orElseThrow();
            OrgUnit requester = org.unit(review.requestedByUnitId).orElseThrow();
            Child child = children.persist(request, residence, Kana.normalize(request.familyNameKana() + request.givenNameKana()),
                    requester.id, review.requestedBy, review.createdByClient);
            if (request.consent() != null) {
                consents.add(child, request.consent(), requester);
            }
            childId = child.id;
            to = RegistrationReview.State.REGISTERED;
        }
        // Conditional: of two center staff resolving at once, one finds the review still PENDING.
        int changed = em.createQuery("update RegistrationReview r set r.state = :to, r.childId = :child, r.resolvedBy = :me,"
                + " r.resolvedByUnitId = :unit, r.resolvedAt = :now, r.resolutionNote = :note, r.version = r.version + 1"
                + " where r.id = :id and r.state = :pending")
                .setParameter("to", to).setParameter("child", childId).setParameter("me", caller.subject())
                .setParameter("unit", visibility.unit().id).setParameter("now", clock.instant())
                .setParameter("note", r.note() == null ? null : r.note().strip()).setParameter("id", id)
                .setParameter("pending", RegistrationReview.State.PENDING).executeUpdate();
        if (changed != 1) {
            throw new ApiProblem(ProblemType.CONFLICT, "This registration was resolved by someone else meanwhile.");
        }
        em.flush();
        em.clear();
        audit.record("REGISTRATION_REVIEW_RESOLVE", "registration-review", id, to + " " + childId);
        return view(require(id));
    }

    private RegistrationReview require(String id) {
        AccessRules.Condition scope = AccessRules.registrationReviews(visibility.scope(), AccessRules.Dialect.JPQL, "r");
        return scope.bind(em.createQuery("select r from RegistrationReview r where r.id = :id and " + scope.text(), RegistrationReview.class)
                .setParameter("id", id)).getResultStream().findFirst().orElseThrow(() -> {
                    if (em.find(RegistrationReview.class, id) != null) {
                        audit.denied("REGISTRATION_REVIEW_READ", "registration-review", id, "out of the caller's scope");
                    }
                    return ApiProblem.notFound("Registration review", id);
                });
    }

    private boolean isCenter(RegistrationReview review) {
        return visibility.isCenterOf(review.prefCode);
    }

    private ChildViews.ChildRequest submitted(RegistrationReview review) {
        try {
            return json.readValue(review.requestJson, ChildViews.ChildRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored registration " + review.id + " is unreadable", e);
        }
    }

    /** The requester's view has no trace of the other child; the center's has the submission and the candidates (audited). */
    ChildViews.ReviewView view(RegistrationReview r) {
        String unitCode = org.unit(r.requestedByUnitId).map(u -> u.code).orElse(null);
        OrgViews.MunicipalityRef residence = org.municipality(r.residenceLgcode).map(OrgViews.MunicipalityRef::of).orElse(null);
        String message = switch (r.state) {
            case PENDING -> PENDING_MESSAGE;
            case REGISTERED -> "The prefecture center registered the child.";
            case MATCHED_EXISTING -> "The prefecture center found the child registered already and follows it up with your unit.";
        };
        if (isCenter(r)) {
            // The center's view carries the submission: who the child is.
            stepUp.requireSecondFactor("REGISTRATION_REVIEW_READ", "registration-review", r.id);
            audit.record("REGISTRATION_REVIEW_READ", "registration-review", r.id, r.state.name());
            return new ChildViews.ReviewView(r.id, r.state, r.requestedAt, unitCode, residence, message, r.childId, r.requestedBy,
                    submitted(r), r.candidates.stream().sorted().toList(), r.resolvedBy, r.resolvedAt, r.resolutionNote);
        }
        return new ChildViews.ReviewView(r.id, r.state, r.requestedAt, unitCode, residence, message,
                r.state == RegistrationReview.State.REGISTERED ? r.childId : null, null, null, null, null, r.resolvedAt, null);
    }
}
