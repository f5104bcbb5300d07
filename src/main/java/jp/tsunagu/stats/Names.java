package jp.tsunagu.stats;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import jp.tsunagu.org.OrgUnit;
import jp.tsunagu.taxonomy.TaxonomyKind;
import jp.tsunagu.taxonomy.TaxonomyTerm;

/** Labels for codes: taxonomy terms (inactive ones too, old data uses them), unit and municipality names. */
@ApplicationScoped
class Names {

    private final EntityManager em;

    Names(EntityManager em) {
        this.em = em;
    }

    /** A term of a vocabulary; inactive terms are still labelled, since older data uses them. */
    record Term(StatsViews.Heading heading, boolean active) {
    }

    /** Every term of a vocabulary in its sort order, by code. */
    Map<String, Term> terms(String kind) {
        Map<String, Term> out = new LinkedHashMap<>();
        em.createQuery("from TaxonomyTerm t where t.kind = :kind order by t.sortOrder, t.code", TaxonomyTerm.class)
                .setParameter("kind", kind).getResultList()
                .forEach(t -> out.put(t.code, new Term(new StatsViews.Heading(t.code, t.labelJa, t.labelEn), t.active)));
        return out;
    }

    /** The name of a vocabulary, as a dimension heading with the API's dimension code. */
    StatsViews.Heading vocabulary(String kind, String dimensionCode) {
        TaxonomyKind k = em.find(TaxonomyKind.class, kind);
        return k == null ? new StatsViews.Heading(dimensionCode, dimensionCode, dimensionCode)
                : new StatsViews.Heading(dimensionCode, k.labelJa, k.labelEn);
    }

    /** Units by id, for the ids asked. */
    Map<Long, OrgUnit> units(Collection<Long> ids) {
        List<Long> wanted = ids.stream().filter(Objects::nonNull).distinct().toList();
        Map<Long, OrgUnit> out = new HashMap<>();
        if (!wanted.isEmpty()) {
            em.createQuery("from OrgUnit u where u.id in :ids", OrgUnit.class).setParameter("ids", wanted).getResultList()
                    .forEach(u -> out.put(u.id, u));
        }
        return out;
    }

    static StatsViews.Heading unit(OrgUnit u) {
        return new StatsViews.Heading(u.code, u.nameJa, u.nameJa);
    }

    /** Orders units as the tiers go: center and sites, regions, offices; then by code. */
    static final Comparator<OrgUnit> TIER_ORDER = Comparator.comparingInt((OrgUnit u) -> u.kind.tier())
            .thenComparing(u -> u.kind.ordinal()).thenComparing(u -> u.code);

    /** Municipality names by code, for the codes asked. */
    Map<String, String> municipalities(Collection<String> lgcodes) {
        List<String> wanted = lgcodes.stream().filter(Objects::nonNull).distinct().toList();
        Map<String, String> out = new HashMap<>();
        if (!wanted.isEmpty()) {
            em.createQuery("select m.lgcode, m.name from Municipality m where m.lgcode in :codes", Object[].class)
                    .setParameter("codes", wanted).getResultList().forEach(row -> out.put((String) row[0], (String) row[1]));
        }
        return out;
    }

    /** Unit ids of a prefecture by code, for filters given as codes. */
    Map<String, Long> unitIds(String prefCode, Collection<String> codes) {
        Map<String, Long> out = new HashMap<>();
        if (!codes.isEmpty()) {
            em.createQuery("select u.code, u.id from OrgUnit u where u.prefCode = :pref and u.code in :codes", Object[].class)
                    .setParameter("pref", prefCode).setParameter("codes", codes).getResultList()
                    .forEach(row -> out.put((String) row[0], (Long) row[1]));
        }
        return out;
    }
}
