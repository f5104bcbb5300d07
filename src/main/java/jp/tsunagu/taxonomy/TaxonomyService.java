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
    private volatile Map<String, List<String>> activeCodes;

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

    /**
     * Checks that {@code code} is an active code of vocabulary {@code kind}; otherwise a 400 naming the
     * field and listing the allowed codes.
     */
    public String requireCode(String kind, String code, String field) {
        List<String> allowed = activeCodes().getOrDefault(kind, List.of());
        if (code == null || !allowed.contains(code)) {
            throw new jp.tsunagu.common.problem.ApiProblem(jp.tsunagu.common.problem.ProblemType.VALIDATION_FAILED,
                    field + " must be one of the " + kind + " codes of GET /api/v1/taxonomies.",
                    List.of(new jp.tsunagu.common.problem.Problem.FieldError(field,
                            "unknown code '" + code + "'; allowed: " + String.join(", ", allowed), "unknown-code")),
                    Map.of("allowedValues", allowed));
        }
        return code;
    }

    /**
     * Active codes by vocabulary, read once: the taxonomy changes only with a migration, and intake checks
     * three or more codes per request.
     */
    private Map<String, List<String>> activeCodes() {
        Map<String, List<String>> codes = activeCodes;
        if (codes == null) {
            codes = repository.activeTerms().stream().collect(Collectors.groupingBy(t -> t.kind,
                    Collectors.mapping(t -> t.code, Collectors.toUnmodifiableList())));
            activeCodes = codes;
        }
        return codes;
    }

    public Optional<TaxonomyViews.Vocabulary> vocabulary(String kind) {
        return catalog().vocabularies().stream().filter(v -> v.kind().equals(kind)).findFirst();
    }
}
