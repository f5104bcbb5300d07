package jp.tsunagu.taxonomy;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * What other features (statistics) read of the taxonomy: vocabularies and their terms as plain records, inactive
 * terms included (older data uses them), so that none of them queries this package's entities.
 */
@ApplicationScoped
public class Vocabularies {

    /** A vocabulary's name. */
    public record Vocabulary(String kind, String labelJa, String labelEn) {
    }

    /** A term of a vocabulary; {@code active} false for a term no longer offered for new data. */
    public record Term(String code, String labelJa, String labelEn, boolean active) {
    }

    private final EntityManager em;

    Vocabularies(EntityManager em) {
        this.em = em;
    }

    /** The vocabulary {@code kind}, if there is one. */
    public Optional<Vocabulary> vocabulary(String kind) {
        TaxonomyKind k = em.find(TaxonomyKind.class, kind);
        return k == null ? Optional.empty() : Optional.of(new Vocabulary(k.kind, k.labelJa, k.labelEn));
    }

    /** Every term of a vocabulary, active or not, in its sort order, then by code. */
    public List<Term> terms(String kind) {
        return em.createQuery("from TaxonomyTerm t where t.kind = :kind order by t.sortOrder, t.code", TaxonomyTerm.class)
                .setParameter("kind", kind).getResultList().stream()
                .map(t -> new Term(t.code, t.labelJa, t.labelEn, t.active)).toList();
    }
}
