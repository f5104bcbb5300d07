package jp.tsunagu.org;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/** Queries over units, coverage and municipalities. Coverage periods are half-open [from, to). */
@ApplicationScoped
public class OrgRepository {

    private final EntityManager em;

    public OrgRepository(EntityManager em) {
        this.em = em;
    }

    public EntityManager em() {
        return em;
    }

    public Optional<OrgUnit> unitByCode(String code) {
        return em.createQuery("from OrgUnit u where u.code = :code", OrgUnit.class)
                .setParameter("code", code).getResultStream().findFirst();
    }

    /** Unit codes by id, in one query: for views that name the unit of many rows (authors, actors). */
    public java.util.Map<Long, String> codesOf(java.util.Collection<Long> ids) {
        // Hibernate's multi-load: units the persistence context holds (usually all of an intake's) cost no SQL, the
        // rest come in batches through a cached loader. An IN-list JPQL query was translated anew on every call
        // (no plan is cached for list parameters): the hottest frame of an intake.
        java.util.Map<Long, String> codes = new java.util.HashMap<>();
        List<Long> wanted = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (!wanted.isEmpty()) {
            em.unwrap(org.hibernate.Session.class).byMultipleIds(OrgUnit.class).enableSessionCheck(true).multiLoad(wanted).stream()
                    .filter(java.util.Objects::nonNull).forEach(u -> codes.put(u.id, u.code));
        }
        return codes;
    }

    /** Whether an active coordinator with this id works for a unit of the prefecture. */
    public boolean isActiveCoordinatorOf(long coordinatorId, String prefCode) {
        return !em.createQuery("select c.id from Coordinator c, OrgUnit u where c.id = :id and c.active = true and u.id = c.unitId"
                + " and u.prefCode = :pref", Long.class).setParameter("id", coordinatorId).setParameter("pref", prefCode)
                .getResultList().isEmpty();
    }

    public Optional<OrgUnit> unit(long id) {
        return Optional.ofNullable(em.find(OrgUnit.class, id));
    }

    public List<OrgUnit> unitsOfPrefecture(String prefCode) {
        return em.createQuery("from OrgUnit u where u.prefCode = :pref order by u.kind, u.code", OrgUnit.class)
                .setParameter("pref", prefCode).getResultList();
    }

    public List<OrgUnit> units(String prefCode, UnitKind kind, Long parentId, int offset, int limit) {
        return em.createQuery("from OrgUnit u where (:pref is null or u.prefCode = :pref) and (:kind is null or u.kind = :kind)"
                + " and (:parent is null or u.parentId = :parent) order by u.prefCode, u.kind, u.code", OrgUnit.class)
                .setParameter("pref", prefCode).setParameter("kind", kind).setParameter("parent", parentId)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long countUnits(String prefCode, UnitKind kind, Long parentId) {
        return em.createQuery("select count(u) from OrgUnit u where (:pref is null or u.prefCode = :pref)"
                + " and (:kind is null or u.kind = :kind) and (:parent is null or u.parentId = :parent)", Long.class)
                .setParameter("pref", prefCode).setParameter("kind", kind).setParameter("parent", parentId)
                .getSingleResult();
    }

    /** The one unit covering {@code lgcode} on {@code date}, if any. */
    public Optional<OrgUnit> coveringUnit(String lgcode, LocalDate date) {
        return em.createQuery("select u from Coverage c join OrgUnit u on u.id = c.unitId where c.lgcode = :lg"
                + " and c.validFrom <= :d and (c.validTo is null or c.validTo > :d)", OrgUnit.class)
                .setParameter("lg", lgcode).setParameter("d", date).getResultStream().findFirst();
    }

    /** Municipalities {@code unitId} covers on {@code date}, by code. */
    public List<Municipality> coveredBy(long unitId, LocalDate date) {
        return em.createQuery("select m from Coverage c join Municipality m on m.lgcode = c.lgcode where c.unitId = :u"
                + " and c.validFrom <= :d and (c.validTo is null or c.validTo > :d) order by m.lgcode", Municipality.class)
                .setParameter("u", unitId).setParameter("d", date).getResultList();
    }

    /** How many municipalities each unit of a prefecture covers on {@code date}, by unit id. */
    public java.util.Map<Long, Integer> coverageCounts(String prefCode, LocalDate date) {
        java.util.Map<Long, Integer> counts = new java.util.HashMap<>();
        em.createQuery("select c.unitId, count(c) from Coverage c join Municipality m on m.lgcode = c.lgcode"
                + " where m.prefCode = :pref and c.validFrom <= :d and (c.validTo is null or c.validTo > :d)"
                + " group by c.unitId", Object[].class)
                .setParameter("pref", prefCode).setParameter("d", date).getResultList()
                .forEach(row -> counts.put((Long) row[0], ((Long) row[1]).intValue()));
        return counts;
    }

    /** Every coverage period of a municipality, oldest first. */
    public List<Coverage> coverageHistory(String lgcode) {
        return em.createQuery("from Coverage c where c.lgcode = :lg order by c.validFrom", Coverage.class)
                .setParameter("lg", lgcode).getResultList();
    }

    public Optional<Municipality> municipality(String lgcode) {
        return Optional.ofNullable(em.find(Municipality.class, lgcode));
    }

    /** Reads the municipality row with a write lock: coverage changes to one municipality queue up here. */
    public Optional<Municipality> lockMunicipality(String lgcode) {
        return Optional.ofNullable(em.find(Municipality.class, lgcode, LockModeType.PESSIMISTIC_WRITE));
    }

    public List<Municipality> searchMunicipalities(String prefix, String kanaPrefix, String prefCode, int offset, int limit) {
        return em.createQuery("from Municipality m where (m.name like :p escape '!' or m.nameKana like :k escape '!')"
                + " and (:pref is null or m.prefCode = :pref) order by m.lgcode", Municipality.class)
                .setParameter("p", prefix).setParameter("k", kanaPrefix).setParameter("pref", prefCode)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long countMunicipalities(String prefix, String kanaPrefix, String prefCode) {
        return em.createQuery("select count(m) from Municipality m where (m.name like :p escape '!' or m.nameKana like :k escape '!')"
                + " and (:pref is null or m.prefCode = :pref)", Long.class)
                .setParameter("p", prefix).setParameter("k", kanaPrefix).setParameter("pref", prefCode).getSingleResult();
    }
}
