package jp.tsunagu.consultation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;

import jp.tsunagu.access.AccessRules;
import jp.tsunagu.audit.AuditLog;
import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;
import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.ProblemType;
import jp.tsunagu.common.security.Caller;
import jp.tsunagu.common.web.IfMatch;
import jp.tsunagu.events.EventType;
import jp.tsunagu.events.Outbox;
import jp.tsunagu.org.LgCodes;
import jp.tsunagu.org.OrgRepository;
import jp.tsunagu.org.OrgUnit;
import jp.tsunagu.org.OrgViews;
import jp.tsunagu.org.Visibility;
import jp.tsunagu.registry.ChildService;
import jp.tsunagu.taxonomy.TaxonomyService;

/** Intake, status, the shared timeline, and scoped reads of consultations. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ConsultationService {

    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final EntityManager em;
    private final OrgRepository org;
    private final Visibility visibility;
    private final Caller caller;
    private final TaxonomyService taxonomy;
    private final ChildService children;
    private final AuditLog audit;
    private final Outbox events;

    public ConsultationService(EntityManager em, OrgRepository org, Visibility visibility, Caller caller,
            TaxonomyService taxonomy, ChildService children, AuditLog audit, Outbox events) {
        this.events = events;
        this.em = em;
        this.org = org;
        this.visibility = visibility;
        this.caller = caller;
        this.taxonomy = taxonomy;
        this.children = children;
        this.audit = audit;
    }

    public record Filter(ConsultationEnums.Status status, ConsultationEnums.Kind kind, LocalDate from, LocalDate to,
            String topic, String requesterType, String receivingUnitCode, String municipality, boolean newestFirst) {
    }

    @Transactional
    public ConsultationViews.ConsultationView create(ConsultationViews.ConsultationRequest r) {
        OrgUnit receiving = receivingUnit(r.receivingUnitCode());
        Consultation c = new Consultation();
        c.id = UUID.randomUUID().toString();
        c.prefCode = receiving.prefCode;
        c.receivedAt = r.receivedAt().toInstant();
        c.receivedOn = r.receivedAt().atZoneSameInstant(JAPAN).toLocalDate();
        c.receivingUnitId = receiving.id;
        c.ownerUnitId = receiving.id;
        c.channel = taxonomy.requireCode("channel", r.channel(), "channel");
        c.requesterType = taxonomy.requireCode("requester_type", r.requesterType(), "requesterType");
        c.kind = r.kind();
        Set<String> topics = new LinkedHashSet<>();
        for (int i = 0; i < r.topics().size(); i++) {
            String topic = taxonomy.requireCode("topic", r.topics().get(i), "topics[" + i + "]");
            if (!topics.add(topic)) {
                throw ApiProblem.invalidField("topics[" + i + "]", "topic " + topic + " is listed twice", "duplicate");
            }
        }
        c.topics.addAll(topics);
        if (r.residenceLgcode() != null) {
            LgCodes.require("residenceLgcode", r.residenceLgcode());
            jp.tsunagu.org.Municipality residence = org.municipality(r.residenceLgcode()).orElseThrow(() -> ApiProblem.invalidField(
                    "residenceLgcode", "unknown municipality " + r.residenceLgcode(), "unknown-municipality"));
            if (!residence.prefCode.equals(receiving.prefCode)) {
                throw ApiProblem.invalidField("residenceLgcode", "is not a municipality of prefecture " + receiving.prefCode
                        + "; a family of another prefecture is that prefecture's center's case", "out-of-scope");
            }
            c.residenceLgcode = r.residenceLgcode();
        }
        if (r.childId() != null) {
            if (r.kind() == ConsultationEnums.Kind.COMMUNITY) {
                throw ApiProblem.invalidField("childId", "a COMMUNITY consultation is not about one child", "kind-mismatch");
            }
            children.requireVisible(r.childId(), "childId");
            c.childId = r.childId();
        }
        if (r.coordinatorId() != null) {
            // One answer for unknown, inactive and other prefectures' coordinators: the check reveals nothing beyond the prefecture.
            if (!org.isActiveCoordinatorOf(r.coordinatorId(), receiving.prefCode)) {
                throw ApiProblem.invalidField("coordinatorId", "no active coordinator " + r.coordinatorId() + " in prefecture "
                        + receiving.prefCode, "unknown-coordinator");
            }
            c.coordinatorId = r.coordinatorId();
        }
        c.anonymous = r.anonymous();
        c.chiefComplaint = r.chiefComplaint().strip();
        c.urgency = r.urgency() == null ? ConsultationEnums.Urgency.NORMAL : r.urgency();
        c.status = ConsultationEnums.Status.OPEN;
        c.createdBy = caller.subject();
        c.createdByClient = visibility.reach() == AccessRules.Reach.PARTNER ? visibility.clientId() : null;
        em.persist(c);
        TimelineEntry first = entry(c.id, ConsultationEnums.EntryType.CHIEF_COMPLAINT, c.chiefComplaint, null, receiving.id);
        em.persist(first);
        em.persist(statusChange(c.id, null, ConsultationEnums.Status.OPEN, null, null));
        em.flush();
        audit.record("CONSULTATION_CREATE", "consultation", c.id, null);
        events.consultation(EventType.CONSULTATION_CREATED, c.id, c.prefCode, c.receivingUnitId, c.ownerUnitId, "status", c.status, "kind", c.kind, "residenceLgcode", c.residenceLgcode, "childId", c.childId);
        return view(c);
    }

    /** The caller's own unit, or one they may record for: a unit below it, or any unit of the prefecture for center staff. */
    private OrgUnit receivingUnit(String code) {
        OrgUnit own = visibility.unit();
        if (own == null) {
            throw audit.refuse("CONSULTATION_CREATE", "consultation", null, "Your token names no known organization unit.");
        }
        if (code == null || code.equals(own.code)) {
            return own;
        }
        OrgUnit unit = org.unitByCode(code)
                .orElseThrow(() -> ApiProblem.invalidField("receivingUnitCode", "unknown unit " + code, "unknown-unit"));
        boolean allowed = visibility.reach() == AccessRules.Reach.PREFECTURE ? unit.prefCode.equals(own.prefCode)
                : visibility.unitIds().contains(unit.id);
        if (!allowed) {
            throw ApiProblem.invalidField("receivingUnitCode", "you cannot record consultations for " + code, "out-of-scope");
        }
        return unit;
    }

    public ConsultationViews.ConsultationView get(String id) {
        return view(requireVisible(id));
    }

    /** The consultation if the caller may see it; otherwise 404, whether it exists or not (and a denial is audited). */
    public Consultation requireVisible(String id) {
        AccessRules.Condition scope = AccessRules.consultations(visibility.scope(), AccessRules.Dialect.JPQL, "c");
        TypedQuery<Consultation> q = scope.bind(em.createQuery("select c from Consultation c where c.id = :id and " + scope.text(),
                Consultation.class).setParameter("id", id));
        return q.getResultStream().findFirst().orElseThrow(() -> {
            if (em.find(Consultation.class, id) != null) {
                audit.denied("CONSULTATION_READ", "consultation", id, "out of the caller's scope");
            }
            return ApiProblem.notFound("Consultation", id);
        });
    }

    public Page<ConsultationViews.ConsultationView> list(Filter f, PageRequest page) {
        AccessRules.Condition scope = AccessRules.consultations(visibility.scope(), AccessRules.Dialect.JPQL, "c");
        StringBuilder where = new StringBuilder(" where ").append(scope.text());
        Map<String, Object> params = new HashMap<>(scope.parameters());
        if (f.status() != null) {
            where.append(" and c.status = :status");
            params.put("status", f.status());
        }
        if (f.kind() != null) {
            where.append(" and c.kind = :kind");
            params.put("kind", f.kind());
        }
        if (f.from() != null) {
            where.append(" and c.receivedOn >= :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            where.append(" and c.receivedOn <= :to");
            params.put("to", f.to());
        }
        if (f.topic() != null) {
            where.append(" and :topic member of c.topics");
            params.put("topic", taxonomy.requireCode("topic", f.topic(), "topic"));
        }
        if (f.requesterType() != null) {
            where.append(" and c.requesterType = :requesterType");
            params.put("requesterType", taxonomy.requireCode("requester_type", f.requesterType(), "requesterType"));
        }
        if (f.receivingUnitCode() != null) {
            where.append(" and c.receivingUnitId = :receivingUnit");
            params.put("receivingUnit", org.unitByCode(f.receivingUnitCode()).map(u -> u.id).orElse(Visibility.NO_UNIT));
        }
        if (f.municipality() != null) {
            where.append(" and c.residenceLgcode = :municipality");
            params.put("municipality", LgCodes.require("municipality", f.municipality()));
        }
        String order = f.newestFirst() ? " order by c.receivedAt desc, c.id" : " order by c.receivedAt asc, c.id";
        TypedQuery<Consultation> q = em.createQuery("select c from Consultation c" + where + order, Consultation.class);
        TypedQuery<Long> count = em.createQuery("select count(c) from Consultation c" + where, Long.class);
        params.forEach((k, v) -> {
            q.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<ConsultationViews.ConsultationView> items = q.setFirstResult(page.offset()).setMaxResults(page.size)
                .getResultList().stream().map(this::view).toList();
        return Page.of(items, page, count.getSingleResult());
    }

    @Transactional
    public ConsultationViews.ConsultationView changeStatus(String id, String ifMatch, ConsultationViews.StatusChangeRequest r) {
        Consultation c = requireVisible(id);
        requireStaff();
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiProblem(ProblemType.PRECONDITION_REQUIRED, "Send If-Match with the ETag you read, so two people cannot both "
                    + "change the status.", List.of(), Map.of("currentETag", etag(c.version)));
        }
        if (!IfMatch.matches(ifMatch, etag(c.version))) {
            throw stale(c.status.name(), c.version);
        }
        ConsultationEnums.Status from = c.status;
        ConsultationEnums.Status to = r.status();
        ConsultationStatusTransitions.Transition move = ConsultationStatusTransitions.find(from, to).orElseThrow(() -> new ApiProblem(
                ProblemType.CONFLICT, "A " + from + " consultation cannot become " + to + ".", List.of(),
                Map.of("currentStatus", from.name())));
        switch (move.requires()) {
            case CLOSURE_REASON -> {
                if (r.closureReason() == null) {
                    throw ApiProblem.invalidField("closureReason", "is required to close a consultation", "NotNull");
                }
            }
            case NOTE -> {
                if (r.note() == null || r.note().isBlank()) {
                    throw ApiProblem.invalidField("note", "say why the consultation is reopened", "NotBlank");
                }
            }
            case NOTHING -> {
            }
        }
        ConsultationStatusTransitions.apply(c, move, r.closureReason());
        em.persist(statusChange(c.id, from, to, c.closureReason, r.note()));
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            Object[] now = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                    "select status, version from consultation where id = ?1").setParameter(1, id).getSingleResult());
            throw stale(now[0].toString(), ((Number) now[1]).longValue());
        }
        audit.record("CONSULTATION_STATUS", "consultation", c.id, from + "->" + to);
        events.consultation(EventType.CONSULTATION_STATUS_CHANGED, c.id, c.prefCode, c.receivingUnitId, c.ownerUnitId, "fromStatus", from, "status", to, "closureReason", c.closureReason);
        return view(c);
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    private static ApiProblem stale(String currentStatus, long currentVersion) {
        return new ApiProblem(ProblemType.PRECONDITION_FAILED, "The consultation changed since you read it (it is now " + currentStatus
                + "). Read it again and decide again.", List.of(),
                Map.of("currentETag", etag(currentVersion), "currentStatus", currentStatus));
    }

    public List<ConsultationViews.StatusChangeView> statusHistory(String id) {
        requireVisible(id);
        List<StatusChange> changes = em.createQuery("from StatusChange s where s.consultationId = :id order by s.id", StatusChange.class)
                .setParameter("id", id).getResultList();
        Map<Long, String> codes = org.codesOf(changes.stream().map(s -> s.unitId).toList());
        return changes.stream().map(s -> new ConsultationViews.StatusChangeView(s.from, s.to, s.closureReason, s.note,
                s.changedBy, codes.get(s.unitId), s.changedAt)).toList();
    }

    @Transactional
    public ConsultationViews.TimelineEntryView append(String id, ConsultationViews.TimelineEntryRequest r) {
        Consultation c = requireVisible(id);
        if (r.correctsEntryId() != null) {
            TimelineEntry corrected = em.find(TimelineEntry.class, r.correctsEntryId());
            if (corrected == null || !corrected.consultationId.equals(c.id)) {
                throw ApiProblem.invalidField("correctsEntryId", "no entry " + r.correctsEntryId() + " on this consultation", "unknown-entry");
            }
        }
        TimelineEntry e = entry(c.id, r.type(), r.body().strip(), r.correctsEntryId(),
                visibility.unit() == null ? null : visibility.unit().id);
        em.persist(e);
        em.flush();
        audit.record("TIMELINE_APPEND", "consultation", c.id, "entry " + e.id);
        events.consultation(EventType.CONSULTATION_TIMELINE_ENTRY_ADDED, c.id, c.prefCode, c.receivingUnitId, c.ownerUnitId, "entryId", e.id, "entryType", e.type, "correctsEntryId", e.correctsId, "status", c.status);
        return entryView(e, org.codesOf(List.of(e.authorUnitId == null ? Visibility.NO_UNIT : e.authorUnitId)));
    }

    public List<ConsultationViews.TimelineEntryView> timeline(String id) {
        requireVisible(id);
        List<TimelineEntry> entries = em.createQuery("from TimelineEntry e where e.consultationId = :id order by e.id", TimelineEntry.class)
                .setParameter("id", id).getResultList();
        Map<Long, String> codes = org.codesOf(entries.stream().map(e -> e.authorUnitId).toList());
        return entries.stream().map(e -> entryView(e, codes)).toList();
    }

    private void requireStaff() {
        if (visibility.reach() == AccessRules.Reach.PARTNER || visibility.reach() == AccessRules.Reach.NONE) {
            throw audit.refuse("CONSULTATION_STATUS", "consultation", null, "Only staff change a consultation's status.");
        }
    }

    private TimelineEntry entry(String consultationId, ConsultationEnums.EntryType type, String body, Long corrects, Long unitId) {
        TimelineEntry e = new TimelineEntry();
        e.consultationId = consultationId;
        e.type = type;
        e.body = body;
        e.correctsId = corrects;
        e.author = caller.subject();
        e.authorUnitId = unitId;
        e.createdAt = Instant.now();
        return e;
    }

    private StatusChange statusChange(String id, ConsultationEnums.Status from, ConsultationEnums.Status to,
            ConsultationEnums.ClosureReason reason, String note) {
        StatusChange s = new StatusChange();
        s.consultationId = id;
        s.from = from;
        s.to = to;
        s.closureReason = reason;
        s.note = note;
        s.changedBy = caller.subject();
        s.unitId = visibility.unit() == null ? null : visibility.unit().id;
        s.changedAt = Instant.now();
        return s;
    }

    private static ConsultationViews.TimelineEntryView entryView(TimelineEntry e, Map<Long, String> unitCodes) {
        return new ConsultationViews.TimelineEntryView(e.id, e.type, e.type.labelJa, e.body, e.correctsId, e.author,
                unitCodes.get(e.authorUnitId), e.createdAt);
    }


    ConsultationViews.ConsultationView view(Consultation c) {
        OrgUnit receiving = org.unit(c.receivingUnitId).orElseThrow();
        OrgUnit owner = c.ownerUnitId.equals(c.receivingUnitId) ? receiving : org.unit(c.ownerUnitId).orElseThrow();
        OrgViews.MunicipalityRef residence = c.residenceLgcode == null ? null
                : org.municipality(c.residenceLgcode).map(OrgViews.MunicipalityRef::of).orElse(null);
        return new ConsultationViews.ConsultationView(c.id, c.receivedAt, c.receivedOn, OrgViews.UnitSummary.of(receiving),
                OrgViews.UnitSummary.of(owner), c.channel, c.requesterType, c.kind, new ArrayList<>(c.topics).stream().sorted().toList(),
                residence, c.childId, c.anonymous, c.chiefComplaint, c.urgency, c.status, c.closureReason, c.coordinatorId,
                c.createdByClient, c.version);
    }
}
