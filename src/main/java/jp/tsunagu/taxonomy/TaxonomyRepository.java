package jp.tsunagu.taxonomy;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class TaxonomyRepository implements PanacheRepositoryBase<TaxonomyTerm, TaxonomyTerm.Key> {

    public List<TaxonomyKind> kinds() {
        return getEntityManager()
                .createQuery("from TaxonomyKind k order by k.sortOrder", TaxonomyKind.class)
                .getResultList();
    }

    public List<TaxonomyTerm> activeTerms() {
        return list("active = true order by kind, sortOrder");
    }
}
