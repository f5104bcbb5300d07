package jp.tsunagu.taxonomy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class TaxonomyService {

    private final TaxonomyRepository repository;

    public TaxonomyService(TaxonomyRepository repository) {
        this.repository = repository;
    }

    public TaxonomyViews.Catalog catalog() {
        Map<String, List<TaxonomyViews.Term>> termsByKind = repository.activeTerms().stream()
                .collect(Collectors.groupingBy(t -> t.kind, LinkedHashMap::new,
                        Collectors.mapping(t -> new TaxonomyViews.Term(t.code, t.labelJa, t.labelEn), Collectors.toList())));
        List<TaxonomyViews.Vocabulary> vocabularies = repository.kinds().stream()
                .map(k -> new TaxonomyViews.Vocabulary(k.kind, k.labelJa, k.labelEn, termsByKind.getOrDefault(k.kind, List.of())))
                .toList();
        return new TaxonomyViews.Catalog(vocabularies);
    }

    public Optional<TaxonomyViews.Vocabulary> vocabulary(String kind) {
        return catalog().vocabularies().stream().filter(v -> v.kind().equals(kind)).findFirst();
    }
}
