package jp.tsunagu.org;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

/**
 * What other features (statistics) read of the organization: units, municipalities and coordinators as plain records,
 * so that none of them queries this package's entities or knows their fields.
 */
@ApplicationScoped
public class UnitDirectory {

    /** A unit as a label needs it. */
    public record UnitRef(long id, String code, String nameJa, UnitKind kind) {
    }

    /** A coordinator as a label needs it: the name and the code of the unit they belong to. */
    public record CoordinatorRef(long id, String name, String unitCode) {
    }

    private final EntityManager em;

    UnitDirectory(EntityManager em) {
        this.em = em;
    }

    /** The units with these ids (those that exist), by id. */
    public Map<Long, UnitRef> units(Collection<Long> ids) {
        Map<Long, UnitRef> out = new HashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("from OrgUnit u where u.id in :ids", OrgUnit.class).setParameter("ids", ids).getResultList()
                    .forEach(u -> out.put(u.id, new UnitRef(u.id, u.code, u.nameJa, u.kind)));
        }
        return out;
    }

    /** Ids of the units of a prefecture with these codes (those that exist), by code. */
    public Map<String, Long> unitIds(String prefCode, Collection<String> codes) {
        Map<String, Long> out = new HashMap<>();
        if (!codes.isEmpty()) {
            em.createQuery("select u.code, u.id from OrgUnit u where u.prefCode = :pref and u.code in :codes", Object[].class)
                    .setParameter("pref", prefCode).setParameter("codes", codes).getResultList()
                    .forEach(row -> out.put((String) row[0], (Long) row[1]));
        }
        return out;
    }

    /** Names of the municipalities with these codes (those that exist), by code. */
    public Map<String, String> municipalityNames(Collection<String> lgcodes) {
        Map<String, String> out = new HashMap<>();
        if (!lgcodes.isEmpty()) {
            em.createQuery("select m.lgcode, m.name from Municipality m where m.lgcode in :codes", Object[].class)
                    .setParameter("codes", lgcodes).getResultList().forEach(row -> out.put((String) row[0], (String) row[1]));
        }
        return out;
    }

    /**
     * Ids of the active coordinators of a prefecture, with {@code withinUnits} (null: any) only those of these units and
     * with {@code filterUnits} (null: no filter) only those of one of them too.
     */
    public Set<Long> activeCoordinatorIds(String prefCode, List<Long> withinUnits, List<Long> filterUnits) {
        if (withinUnits != null && withinUnits.isEmpty() || filterUnits != null && filterUnits.isEmpty()) {
            return Set.of();
        }
        TypedQuery<Long> q = em.createQuery("select co.id from Coordinator co, OrgUnit u where u.id = co.unitId and co.active = true"
                + " and u.prefCode = :pref" + (withinUnits == null ? "" : " and co.unitId in :within")
                + (filterUnits == null ? "" : " and co.unitId in :filter"), Long.class).setParameter("pref", prefCode);
        bindUnits(q, withinUnits, filterUnits);
        return new HashSet<>(q.getResultList());
    }

    /**
     * Codes of the units of a prefecture active on {@code date}, with {@code withinUnits} (null: any) only these and with
     * {@code filterUnits} (null: no filter) only those among them too.
     */
    public Set<String> activeUnitCodes(String prefCode, LocalDate date, List<Long> withinUnits, List<Long> filterUnits) {
        if (withinUnits != null && withinUnits.isEmpty() || filterUnits != null && filterUnits.isEmpty()) {
            return Set.of();
        }
        TypedQuery<String> q = em.createQuery("select u.code from OrgUnit u where u.prefCode = :pref and u.activeFrom <= :date"
                + " and (u.activeTo is null or u.activeTo > :date)" + (withinUnits == null ? "" : " and u.id in :within")
                + (filterUnits == null ? "" : " and u.id in :filter"), String.class).setParameter("pref", prefCode)
                .setParameter("date", date);
        bindUnits(q, withinUnits, filterUnits);
        return new HashSet<>(q.getResultList());
    }

    private static void bindUnits(TypedQuery<?> q, List<Long> withinUnits, List<Long> filterUnits) {
        if (withinUnits != null) {
            q.setParameter("within", withinUnits);
        }
        if (filterUnits != null) {
            q.setParameter("filter", filterUnits);
        }
    }

    /** The coordinators with these ids (those that exist), ordered by name reading, then id. */
    public List<CoordinatorRef> coordinators(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select co.id, co.name, u.code from Coordinator co, OrgUnit u"
                + " where u.id = co.unitId and co.id in :ids order by co.nameKana, co.id", Object[].class)
                .setParameter("ids", ids).getResultList().stream()
                .map(row -> new CoordinatorRef((Long) row[0], (String) row[1], (String) row[2])).toList();
    }
}
