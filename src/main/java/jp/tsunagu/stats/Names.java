package jp.tsunagu.stats;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import jp.tsunagu.org.UnitDirectory;
import jp.tsunagu.taxonomy.Vocabularies;

/**
 * Labels for codes: taxonomy terms (inactive ones too, old data uses them), unit and municipality names. Read through
 * the public read models of {@code taxonomy} and {@code org}, never their entities.
 */
@ApplicationScoped
class Names {

    private final Vocabularies vocabularies;
    private final UnitDirectory directory;

    Names(Vocabularies vocabularies, UnitDirectory directory) {
        this.vocabularies = vocabularies;
        this.directory = directory;
    }

    /** A term of a vocabulary; inactive terms are still labelled, since older data uses them. */
    record Term(StatsViews.Heading heading, boolean active) {
    }

    /** Every term of a vocabulary in its sort order, by code. */
    Map<String, Term> terms(String kind) {
        Map<String, Term> out = new LinkedHashMap<>();
        vocabularies.terms(kind).forEach(t -> out.put(t.code(), new Term(new StatsViews.Heading(t.code(), t.labelJa(), t.labelEn()), t.active())));
        return out;
    }

    /** The name of a vocabulary, as a dimension heading with the API's dimension code. */
    StatsViews.Heading vocabulary(String kind, String dimensionCode) {
        return vocabularies.vocabulary(kind).map(k -> new StatsViews.Heading(dimensionCode, k.labelJa(), k.labelEn()))
                .orElseGet(() -> new StatsViews.Heading(dimensionCode, dimensionCode, dimensionCode));
    }

    /** Units by id, for the ids asked. */
    Map<Long, UnitDirectory.UnitRef> units(Collection<Long> ids) {
        return directory.units(ids.stream().filter(Objects::nonNull).distinct().toList());
    }

    static StatsViews.Heading unit(UnitDirectory.UnitRef u) {
        return new StatsViews.Heading(u.code(), u.nameJa(), u.nameJa());
    }

    /** Orders units as the tiers go: center and sites, regions, offices; then by code. */
    static final Comparator<UnitDirectory.UnitRef> TIER_ORDER = Comparator.comparingInt((UnitDirectory.UnitRef u) -> u.kind().tier())
            .thenComparing(u -> u.kind().ordinal()).thenComparing(UnitDirectory.UnitRef::code);

    /** Municipality names by code, for the codes asked. */
    Map<String, String> municipalities(Collection<String> lgcodes) {
        return directory.municipalityNames(lgcodes.stream().filter(Objects::nonNull).distinct().toList());
    }

    /** Unit ids of a prefecture by code, for filters given as codes. */
    Map<String, Long> unitIds(String prefCode, Collection<String> codes) {
        return directory.unitIds(prefCode, codes);
    }

    /** Ids of the active coordinators of a prefecture ({@link UnitDirectory#activeCoordinatorIds}). */
    Set<Long> activeCoordinatorIds(String prefCode, List<Long> withinUnits, List<Long> filterUnits) {
        return directory.activeCoordinatorIds(prefCode, withinUnits, filterUnits);
    }

    /** Codes of the units of a prefecture active on {@code date} ({@link UnitDirectory#activeUnitCodes}). */
    Set<String> activeUnitCodes(String prefCode, LocalDate date, List<Long> withinUnits, List<Long> filterUnits) {
        return directory.activeUnitCodes(prefCode, date, withinUnits, filterUnits);
    }

    /** Coordinators by id (those that exist), ordered by name reading, then id. */
    List<UnitDirectory.CoordinatorRef> coordinators(Collection<Long> ids) {
        return directory.coordinators(ids);
    }
}
