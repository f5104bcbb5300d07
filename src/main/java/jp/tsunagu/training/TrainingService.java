package jp.tsunagu.training;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import jp.tsunagu.audit.AuditLog;
import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;
import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.ProblemType;
import jp.tsunagu.org.Coordinator;
import jp.tsunagu.org.CoordinatorService;
import jp.tsunagu.org.OrgRepository;
import jp.tsunagu.org.OrgUnit;
import jp.tsunagu.org.OrgViews;
import jp.tsunagu.org.Visibility;
import jp.tsunagu.stats.Headings;

/**
 * Courses, sessions and attendees of the caller's prefecture. Every read and write is scoped in the query by the
 * course's prefecture ({@link #PREFECTURE}): a course, session or attendee of another prefecture is a 404. Writes
 * are for the center of the prefecture (center admins and staff at a center or center site).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class TrainingService {

    /** The one scope rule of training data: the course belongs to the caller's prefecture. */
    static final String PREFECTURE = "c.prefCode = :pref";

    private final EntityManager em;
    private final Visibility visibility;
    private final OrgRepository org;
    private final CoordinatorService coordinators;
    private final AuditLog audit;
    private final Clock clock;

    TrainingService(EntityManager em, Visibility visibility, OrgRepository org, CoordinatorService coordinators, AuditLog audit,
            Clock clock) {
        this.em = em;
        this.visibility = visibility;
        this.org = org;
        this.coordinators = coordinators;
        this.audit = audit;
        this.clock = clock;
    }

    // --- courses ---

    public TrainingViews.CourseList courses() {
        return new TrainingViews.CourseList(em.createQuery("select c from TrainingCourse c where " + PREFECTURE
                + " order by c.code", TrainingCourse.class).setParameter("pref", visibility.prefCode()).getResultList()
                .stream().map(TrainingViews.CourseView::of).toList());
    }

    public TrainingViews.CourseView course(long id) {
        return TrainingViews.CourseView.of(requireCourse(id));
    }

    @Transactional
    public TrainingViews.CourseView createCourse(TrainingViews.CourseRequest r) {
        String pref = requireCenter("TRAINING_COURSE_CREATE", "training_course", null);
        boolean taken = !em.createQuery("select c.id from TrainingCourse c where " + PREFECTURE + " and c.code = :code", Long.class)
                .setParameter("pref", pref).setParameter("code", r.code()).getResultList().isEmpty();
        if (taken) {
            throw ApiProblem.invalidField("code", "prefecture " + pref + " already has a course " + r.code(), "duplicate-code");
        }
        TrainingCourse c = new TrainingCourse();
        c.prefCode = pref;
        c.code = r.code();
        c.kind = r.kind();
        c.titleJa = r.titleJa().strip();
        c.titleEn = r.titleEn() == null || r.titleEn().isBlank() ? null : r.titleEn().strip();
        em.persist(c);
        em.flush();
        audit.record("TRAINING_COURSE_CREATE", "training_course", c.id, c.code);
        return TrainingViews.CourseView.of(c);
    }

    // --- sessions ---

    @Transactional
    public TrainingViews.SessionView createSession(long courseId, TrainingViews.SessionRequest r) {
        TrainingCourse course = requireCourse(courseId);
        requireCenter("TRAINING_SESSION_CREATE", "training_course", courseId);
        requireYear("startsOn", r.startsOn());
        requireYear("endsOn", r.endsOn());
        if (r.endsOn().isBefore(r.startsOn())) {
            throw ApiProblem.invalidField("endsOn", "must not be before startsOn " + r.startsOn(), "before-start");
        }
        TrainingSession s = new TrainingSession();
        s.courseId = course.id;
        s.label = r.label().strip();
        s.startsOn = r.startsOn();
        s.endsOn = r.endsOn();
        em.persist(s);
        em.flush();
        audit.record("TRAINING_SESSION_CREATE", "training_session", s.id, course.code + " " + s.startsOn);
        return view(s, course, null);
    }

    public record SessionFilter(String course, Integer fiscalYear) {
    }

    public Page<TrainingViews.SessionView> sessions(SessionFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" from TrainingSession s join TrainingCourse c on c.id = s.courseId where " + PREFECTURE);
        Map<String, Object> params = new HashMap<>();
        params.put("pref", visibility.prefCode());
        if (filter.course() != null) {
            where.append(" and c.code = :code");
            params.put("code", filter.course());
        }
        if (filter.fiscalYear() != null) {
            where.append(" and s.fiscalYear = :fy");
            params.put("fy", filter.fiscalYear().shortValue());
        }
        var query = em.createQuery("select s, c" + where + " order by s.startsOn, s.id", Object[].class);
        var count = em.createQuery("select count(s)" + where, Long.class);
        params.forEach((k, v) -> {
            query.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<TrainingViews.SessionView> items = query.setFirstResult(page.offset()).setMaxResults(page.size).getResultList().stream()
                .map(row -> view((TrainingSession) row[0], (TrainingCourse) row[1], null)).toList();
        return Page.of(items, page, count.getSingleResult());
    }

    public TrainingViews.SessionView session(long id) {
        Object[] row = requireSession(id);
        TrainingSession s = (TrainingSession) row[0];
        List<TrainingAttendee> attendees = em.createQuery("from TrainingAttendee a where a.sessionId = :s order by a.id", TrainingAttendee.class)
                .setParameter("s", s.id).getResultList();
        return view(s, (TrainingCourse) row[1], views(attendees));
    }

    // --- attendees ---

    @Transactional
    public TrainingViews.AttendeeView addAttendee(long sessionId, TrainingViews.AttendeeRequest r) {
        Object[] row = requireSession(sessionId);
        TrainingCourse course = (TrainingCourse) row[1];
        requireCenter("TRAINING_ATTENDEE_ADD", "training_session", sessionId);
        if ((r.coordinatorId() == null) == (r.external() == null)) {
            throw new ApiProblem(ProblemType.VALIDATION_FAILED, "Send exactly one of coordinatorId and external.",
                    List.of(new jp.tsunagu.common.problem.Problem.FieldError("coordinatorId", "send exactly one of coordinatorId and external",
                            "one-of")), Map.of());
        }
        TrainingAttendee a = new TrainingAttendee();
        a.sessionId = sessionId;
        if (r.coordinatorId() != null) {
            // One answer for unknown, inactive and foreign coordinators, as for a consultation's coordinatorId.
            if (!org.isActiveCoordinatorOf(r.coordinatorId(), course.prefCode)) {
                throw ApiProblem.invalidField("coordinatorId", "no active coordinator " + r.coordinatorId() + " in prefecture "
                        + course.prefCode, "unknown-coordinator");
            }
            boolean enrolled = !em.createQuery("select a.id from TrainingAttendee a where a.sessionId = :s and a.coordinatorId = :c", Long.class)
                    .setParameter("s", sessionId).setParameter("c", r.coordinatorId()).getResultList().isEmpty();
            if (enrolled) {
                throw ApiProblem.invalidField("coordinatorId", "coordinator " + r.coordinatorId() + " is already enrolled in this session",
                        "already-enrolled");
            }
            a.coordinatorId = r.coordinatorId();
            a.profession = em.find(Coordinator.class, r.coordinatorId()).profession;
        } else {
            a.externalName = r.external().name().strip();
            a.externalOrganisation = r.external().organisation().strip();
            a.profession = r.external().profession();
        }
        em.persist(a);
        em.flush();
        audit.record("TRAINING_ATTENDEE_ADD", "training_attendee", a.id, "session " + sessionId);
        return views(List.of(a)).get(0);
    }

    /**
     * Moves an attendee by a conditional update (the status must still be one the move starts from), so two
     * requests cannot both complete or both decide one attendee. A completion by a coordinator goes into their
     * training record in the same transaction.
     */
    @Transactional
    public TrainingViews.AttendeeView recordAttendance(long sessionId, long attendeeId, TrainingViews.AttendanceRequest r) {
        Object[] row = requireSession(sessionId);
        TrainingSession session = (TrainingSession) row[0];
        TrainingCourse course = (TrainingCourse) row[1];
        TrainingAttendee a = em.createQuery("from TrainingAttendee a where a.id = :id and a.sessionId = :s", TrainingAttendee.class)
                .setParameter("id", attendeeId).setParameter("s", sessionId).getResultStream().findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Attendee", attendeeId));
        requireCenter("TRAINING_ATTENDANCE", "training_attendee", attendeeId);
        AttendanceStatus to = r.status();
        LocalDate completedOn = null;
        if (to == AttendanceStatus.COMPLETED) {
            LocalDate today = LocalDate.now(clock);
            completedOn = r.completedOn() != null ? r.completedOn() : (session.endsOn.isBefore(today) ? session.endsOn : today);
            if (completedOn.isBefore(session.startsOn)) {
                throw ApiProblem.invalidField("completedOn", "must not be before the session's first day " + session.startsOn,
                        "before-session");
            }
        } else if (r.completedOn() != null) {
            throw ApiProblem.invalidField("completedOn", "only a completion has a completion day", "not-completed");
        }
        Set<AttendanceStatus> from = to.reachableFrom();
        int moved = from.isEmpty() ? 0 : em.createQuery("update TrainingAttendee a set a.status = :to, a.completedOn = :on,"
                + " a.version = a.version + 1 where a.id = :id and a.status in :from")
                .setParameter("to", to).setParameter("on", completedOn)
                .setParameter("id", attendeeId).setParameter("from", from).executeUpdate();
        // After a lost race the snapshot may predate the winner: a locking read sees the status as it is now.
        em.refresh(a, moved == 0 ? jakarta.persistence.LockModeType.PESSIMISTIC_READ : jakarta.persistence.LockModeType.NONE);
        if (moved == 0) {
            throw new ApiProblem(ProblemType.CONFLICT, "Attendee " + attendeeId + " is " + a.status + "; " + to + " can be recorded only from "
                    + (from.isEmpty() ? "no state" : from.stream().map(Enum::name).sorted().collect(Collectors.joining(" or "))) + ".",
                    List.of(), Map.of("currentStatus", a.status.name()));
        }
        if (to == AttendanceStatus.COMPLETED && a.coordinatorId != null) {
            coordinators.recordCompletedTraining(a.coordinatorId, course.titleJa, session.fiscalYear);
        }
        audit.record("TRAINING_ATTENDANCE", "training_attendee", attendeeId, to.name());
        return views(List.of(a)).get(0);
    }

    // --- helpers ---

    private TrainingCourse requireCourse(long id) {
        return em.createQuery("select c from TrainingCourse c where c.id = :id and " + PREFECTURE, TrainingCourse.class)
                .setParameter("id", id).setParameter("pref", visibility.prefCode()).getResultStream().findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Training course", id));
    }

    /** The session and its course, or 404 when either is not of the caller's prefecture. */
    private Object[] requireSession(long id) {
        return em.createQuery("select s, c from TrainingSession s join TrainingCourse c on c.id = s.courseId where s.id = :id and "
                + PREFECTURE, Object[].class).setParameter("id", id).setParameter("pref", visibility.prefCode())
                .getResultStream().findFirst().orElseThrow(() -> ApiProblem.notFound("Training session", id));
    }

    /** Writes are for the center of the caller's prefecture; returns that prefecture. */
    private String requireCenter(String action, String objectType, Object objectId) {
        String pref = visibility.prefCode();
        if (!visibility.isCenterOf(pref)) {
            throw audit.refuse(action, objectType, objectId, "Training records are kept by the prefecture's center.");
        }
        return pref;
    }

    private static void requireYear(String field, LocalDate date) {
        if (date.getYear() < 2000 || date.getYear() > 2100) {
            throw ApiProblem.invalidField(field, "must lie in 2000..2100", "out-of-range");
        }
    }

    private static TrainingViews.SessionView view(TrainingSession s, TrainingCourse c, List<TrainingViews.AttendeeView> attendees) {
        int fy = s.fiscalYear != null ? s.fiscalYear : Headings.fiscalYear(s.startsOn);
        return new TrainingViews.SessionView(s.id, TrainingViews.CourseView.of(c), s.label, s.startsOn, s.endsOn, fy,
                Headings.fiscalYearJa(fy), attendees);
    }

    /** Coordinators' names and units in two look-ups for the whole list. */
    private List<TrainingViews.AttendeeView> views(List<TrainingAttendee> attendees) {
        List<Long> ids = attendees.stream().map(a -> a.coordinatorId).filter(java.util.Objects::nonNull).distinct().toList();
        Map<Long, Coordinator> byId = ids.isEmpty() ? Map.of()
                : em.createQuery("from Coordinator c where c.id in :ids", Coordinator.class).setParameter("ids", ids).getResultList()
                        .stream().collect(Collectors.toMap(c -> c.id, c -> c));
        Map<Long, OrgUnit> units = new HashMap<>();
        byId.values().forEach(c -> units.computeIfAbsent(c.unitId, u -> org.unit(u).orElse(null)));
        return attendees.stream().map(a -> {
            Coordinator c = a.coordinatorId == null ? null : byId.get(a.coordinatorId);
            OrgUnit unit = c == null ? null : units.get(c.unitId);
            return new TrainingViews.AttendeeView(a.id, a.sessionId, a.coordinatorId, c == null ? a.externalName : c.name,
                    a.externalOrganisation, unit == null ? null : OrgViews.UnitSummary.of(unit), a.profession, a.profession.labelJa(),
                    a.profession.labelEn(), a.status, a.status.labelJa(), a.status.labelEn(), a.completedOn, a.version);
        }).toList();
    }
}
