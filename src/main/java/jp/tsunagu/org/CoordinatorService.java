package jp.tsunagu.org;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import jp.tsunagu.audit.AuditLog;
import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;
import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.ProblemType;
import jp.tsunagu.common.security.Caller;

/** Coordinators: search, the people behind "who covers X", and management by center admins. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CoordinatorService {

    private final EntityManager em;
    private final OrgRepository repository;
    private final OrgAccess access;
    private final Caller caller;
    private final AuditLog audit;

    public CoordinatorService(EntityManager em, OrgRepository repository, OrgAccess access, Caller caller, AuditLog audit) {
        this.em = em;
        this.repository = repository;
        this.access = access;
        this.caller = caller;
        this.audit = audit;
    }

    public record Filter(String municipality, String unitCode, Profession profession, CoordinatorRole role, Boolean active) {
    }

    public Page<OrgViews.CoordinatorView> search(Filter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (filter.municipality() != null) {
            LgCodes.require("municipality", filter.municipality());
            where.append(" and :lg member of c.municipalities");
            params.put("lg", filter.municipality());
        }
        if (filter.unitCode() != null) {
            where.append(" and c.unitId = :unit");
            params.put("unit", repository.unitByCode(filter.unitCode())
                    .orElseThrow(() -> ApiProblem.invalidField("unit", "unknown unit " + filter.unitCode(), "unknown-unit")).id);
        }
        if (filter.profession() != null) {
            where.append(" and c.profession = :profession");
            params.put("profession", filter.profession());
        }
        if (filter.role() != null) {
            where.append(" and c.role = :role");
            params.put("role", filter.role());
        }
        if (filter.active() != null) {
            where.append(" and c.active = :active");
            params.put("active", filter.active());
        }
        TypedQuery<Coordinator> query = em.createQuery("select c from Coordinator c" + where + " order by c.nameKana, c.id", Coordinator.class);
        TypedQuery<Long> count = em.createQuery("select count(c) from Coordinator c" + where, Long.class);
        params.forEach((k, v) -> {
            query.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<Coordinator> found = query.setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        return Page.of(views(found), page, count.getSingleResult());
    }

    /** Active coordinators of the covering unit and those covering the municipality themselves, leads first. */
    public List<OrgViews.CoordinatorView> forMunicipality(String lgcode, Long coveringUnitId) {
        List<Coordinator> found = em.createQuery("select c from Coordinator c where c.active = true and"
                + " (c.unitId = :unit or :lg member of c.municipalities)", Coordinator.class)
                .setParameter("unit", coveringUnitId == null ? -1L : coveringUnitId).setParameter("lg", lgcode)
                .getResultList();
        return views(found.stream().sorted(java.util.Comparator.comparing((Coordinator c) -> c.role)
                .thenComparing(c -> c.nameKana).thenComparing(c -> c.id)).toList());
    }

    public OrgViews.CoordinatorView get(long id) {
        return views(List.of(require(id))).get(0);
    }

    @Transactional
    public OrgViews.CoordinatorView create(OrgViews.CoordinatorRequest request) {
        Coordinator c = new Coordinator();
        apply(c, request);
        em.persist(c);
        em.flush();
        audit.record("COORDINATOR_CREATE", "coordinator", c.id, null);
        return get(c.id);
    }

    @Transactional
    public OrgViews.CoordinatorView update(long id, OrgViews.CoordinatorRequest request) {
        Coordinator c = require(id);
        access.requireAdminOf(unitOf(c).prefCode);
        if (request.version() == null) {
            throw ApiProblem.invalidField("version", "is required on update: send the version you read", "NotNull");
        }
        if (request.version() != c.version) {
            throw new ApiProblem(ProblemType.CONFLICT, "Coordinator " + id + " was changed by someone else (version "
                    + c.version + ", you sent " + request.version() + "). Read it again and retry.",
                    List.of(), Map.of("currentVersion", c.version));
        }
        apply(c, request);
        em.flush();
        audit.record("COORDINATOR_UPDATE", "coordinator", id, null);
        return get(id);
    }

    /** Coordinators are deactivated, not erased: statistics and referrals keep pointing at them. */
    @Transactional
    public void deactivate(long id) {
        Coordinator c = require(id);
        access.requireAdminOf(unitOf(c).prefCode);
        c.active = false;
        audit.record("COORDINATOR_DEACTIVATE", "coordinator", id, null);
    }

    /**
     * A completion the training register recorded, added to the coordinator's training record in the caller's
     * transaction. The coordinator's version moves on, so an update made from an older read answers 409 instead of
     * replacing the record without it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordCompletedTraining(long coordinatorId, String course, int fiscalYear) {
        Coordinator c = require(coordinatorId);
        // A changed element collection makes Hibernate increment the owner's version at flush.
        c.trainings.add(new Coordinator.Training(course, (short) fiscalYear));
    }

    private void apply(Coordinator c, OrgViews.CoordinatorRequest r) {
        OrgUnit unit = repository.unitByCode(r.unitCode())
                .orElseThrow(() -> ApiProblem.invalidField("unitCode", "unknown unit " + r.unitCode(), "unknown-unit"));
        access.requireAdminOf(unit.prefCode);
        Set<String> municipalities = new LinkedHashSet<>();
        List<String> requested = r.municipalities() == null ? List.of() : r.municipalities();
        for (int i = 0; i < requested.size(); i++) {
            String field = "municipalities[" + i + "]";
            String lgcode = LgCodes.require(field, requested.get(i));
            Municipality m = repository.municipality(lgcode)
                    .orElseThrow(() -> ApiProblem.invalidField(field, "unknown municipality " + lgcode, "unknown-municipality"));
            if (!m.prefCode.equals(unit.prefCode)) {
                throw ApiProblem.invalidField(field, m.name + " is not in prefecture " + unit.prefCode, "other-prefecture");
            }
            municipalities.add(lgcode);
        }
        c.unitId = unit.id;
        c.name = r.name().strip();
        c.nameKana = r.nameKana().strip();
        c.profession = r.profession();
        c.role = r.role();
        c.phone = r.phone();
        c.email = r.email();
        c.active = r.active() == null || r.active();
        c.municipalities.clear();
        c.municipalities.addAll(municipalities);
        c.trainings.clear();
        if (r.trainings() != null) {
            r.trainings().forEach(t -> c.trainings.add(new Coordinator.Training(t.course().strip(), (short) t.fiscalYear())));
        }
    }

    private Coordinator require(long id) {
        Coordinator c = em.find(Coordinator.class, id);
        if (c == null) {
            throw ApiProblem.notFound("Coordinator", id);
        }
        return c;
    }

    private OrgUnit unitOf(Coordinator c) {
        return repository.unit(c.unitId).orElseThrow();
    }

    /** Maps with two batch look-ups (units, municipality names) instead of one query per row. */
    private List<OrgViews.CoordinatorView> views(List<Coordinator> coordinators) {
        if (coordinators.isEmpty()) {
            return List.of();
        }
        Set<Long> unitIds = coordinators.stream().map(c -> c.unitId).collect(Collectors.toSet());
        Map<Long, OrgUnit> units = byKey(em.createQuery("from OrgUnit u where u.id in :ids", OrgUnit.class)
                .setParameter("ids", unitIds).getResultList(), u -> u.id);
        Set<String> lgcodes = coordinators.stream().flatMap(c -> c.municipalities.stream()).collect(Collectors.toSet());
        Map<String, Municipality> names = lgcodes.isEmpty() ? Map.of()
                : byKey(em.createQuery("from Municipality m where m.lgcode in :codes", Municipality.class)
                        .setParameter("codes", lgcodes).getResultList(), m -> m.lgcode);
        // Contact details are for staff of the coordinator's own prefecture.
        String callerPref = access.callerUnit().filter(u -> caller.isStaff()).map(u -> u.prefCode).orElse(null);
        List<OrgViews.CoordinatorView> out = new ArrayList<>();
        for (Coordinator c : coordinators) {
            out.add(new OrgViews.CoordinatorView(c.id, OrgViews.UnitSummary.of(units.get(c.unitId)), c.name, c.nameKana,
                    c.profession, c.profession.labelJa(), c.role, c.role.labelJa(),
                    contactsShown(callerPref, units.get(c.unitId)) ? c.phone : null, contactsShown(callerPref, units.get(c.unitId)) ? c.email : null,
                    c.municipalities.stream().sorted().map(lg -> OrgViews.MunicipalityRef.of(names.get(lg))).toList(),
                    c.trainings.stream().sorted(java.util.Comparator.comparing(Coordinator.Training::fiscalYear))
                            .map(t -> new OrgViews.TrainingView(t.course(), t.fiscalYear())).toList(),
                    c.active, c.version));
        }
        return out;
    }

    private static boolean contactsShown(String callerPref, OrgUnit unit) {
        return callerPref != null && unit != null && callerPref.equals(unit.prefCode);
    }

    private static <K, V> Map<K, V> byKey(Collection<V> values, Function<V, K> key) {
        return values.stream().collect(Collectors.toMap(key, Function.identity()));
    }
}
