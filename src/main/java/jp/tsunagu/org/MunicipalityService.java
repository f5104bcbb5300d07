package jp.tsunagu.org;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;
import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.text.Kana;

/** Municipality lookup and the question staff get most: who covers municipality X. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class MunicipalityService {

    private final OrgRepository repository;
    private final CoordinatorService coordinators;

    public MunicipalityService(OrgRepository repository, CoordinatorService coordinators) {
        this.repository = repository;
        this.coordinators = coordinators;
    }

    public Municipality require(String field, String lgcode) {
        LgCodes.require(field, lgcode);
        return repository.municipality(lgcode).orElseThrow(() -> ApiProblem.notFound("Municipality", lgcode));
    }

    public OrgViews.MunicipalityView get(String lgcode) {
        return OrgViews.MunicipalityView.of(require("lgcode", lgcode));
    }

    /** Prefix search on the name (平塚) or the reading in hiragana or katakana (ひらつか, ヒラツカ). */
    public Page<OrgViews.MunicipalityView> search(String query, String prefCode, PageRequest page) {
        String name = escapeLike(query.strip()) + "%";
        String kana = escapeLike(Kana.normalize(query)) + "%";
        List<OrgViews.MunicipalityView> items = repository.searchMunicipalities(name, kana, prefCode, page.offset(), page.size)
                .stream().map(OrgViews.MunicipalityView::of).toList();
        return Page.of(items, page, repository.countMunicipalities(name, kana, prefCode));
    }

    public OrgViews.CoverageAnswer whoCovers(String lgcode, LocalDate date) {
        Municipality municipality = require("lgcode", lgcode);
        OrgUnit unit = repository.coveringUnit(lgcode, date).orElse(null);
        List<OrgViews.CoordinatorView> people = coordinators.forMunicipality(lgcode, unit == null ? null : unit.id);
        List<OrgViews.CoveragePeriod> history = repository.coverageHistory(lgcode).stream()
                .map(c -> new OrgViews.CoveragePeriod(repository.unit(c.unitId).map(OrgViews.UnitSummary::of).orElse(null),
                        c.validFrom, c.validTo))
                .toList();
        return new OrgViews.CoverageAnswer(OrgViews.MunicipalityView.of(municipality), date,
                unit == null ? null : OrgViews.UnitSummary.of(unit), people, history);
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
