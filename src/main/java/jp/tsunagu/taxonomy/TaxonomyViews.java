package jp.tsunagu.taxonomy;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The API's view of the taxonomy; kept apart from the entities so the contract does not follow the tables. */
public final class TaxonomyViews {

    private TaxonomyViews() {
    }

    @Schema(name = "TaxonomyTerm", description = "One code with its labels.")
    public record Term(
            @Schema(required = true, description = "Stable code sent in requests and CSV exports", examples = "FAMILY") String code,
            @Schema(required = true, description = "Japanese label", examples = "家族") String labelJa,
            @Schema(required = true, description = "English label", examples = "Family") String labelEn) {
    }

    @Schema(name = "TaxonomyVocabulary", description = "One vocabulary (kind) with its codes in display order.")
    public record Vocabulary(
            @Schema(required = true, description = "Vocabulary key", examples = "requester_type",
                    enumeration = { "requester_type", "topic", "channel", "medical_care" }) String kind,
            @Schema(required = true, examples = "相談者種別") String labelJa,
            @Schema(required = true, examples = "Requester type") String labelEn,
            @Schema(required = true) List<Term> terms) {
    }

    @Schema(name = "Taxonomies", description = "Every vocabulary of the consultation taxonomy.")
    public record Catalog(@Schema(required = true) List<Vocabulary> vocabularies) {
    }
}
