package jp.tsunagu.org;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import jp.tsunagu.common.text.Kana;

/** Request and response records of the organization API; entities never leave the service layer. */
public final class OrgViews {

    private OrgViews() {
    }

    static final String PHONE = "^[0-9+()\\- ]{6,20}$";

    @Schema(name = "MunicipalityRef", description = "A municipality by code and name")
    public record MunicipalityRef(
            @Schema(required = true, examples = "142034") String lgcode,
            @Schema(required = true, examples = "平塚市") String name) {

        public static MunicipalityRef of(Municipality m) {
            return new MunicipalityRef(m.lgcode, m.name);
        }
    }

    @Schema(name = "Municipality", description = "A Japanese municipality with its 全国地方公共団体コード")
    public record MunicipalityView(
            @Schema(required = true, examples = "142034") String lgcode,
            @Schema(required = true, examples = "14") String prefCode,
            @Schema(required = true, examples = "神奈川県") String prefName,
            @Schema(required = true, examples = "平塚市") String name,
            @Schema(examples = "ひらつかし") String nameKana,
            @Schema(examples = "35.3272") Double latitude,
            @Schema(examples = "139.3497") Double longitude) {

        public static MunicipalityView of(Municipality m) {
            return new MunicipalityView(m.lgcode, m.prefCode, m.prefName, m.name, m.nameKana,
                    m.latitude == null ? null : m.latitude.doubleValue(), m.longitude == null ? null : m.longitude.doubleValue());
        }
    }

    @Schema(name = "UnitSummary", description = "An organization unit in a few fields")
    public record UnitSummary(
            @Schema(required = true, examples = "14-shonan-west") String code,
            @Schema(required = true) UnitKind kind,
            @Schema(required = true, examples = "圏域ブランチ（支部）") String kindLabelJa,
            @Schema(required = true, examples = "Regional branch") String kindLabelEn,
            @Schema(required = true, examples = "湘南西部ブランチ") String nameJa,
            @Schema(required = true, examples = "14") String prefCode) {

        public static UnitSummary of(OrgUnit u) {
            return new UnitSummary(u.code, u.kind, u.kind.labelJa(), u.kind.labelEn(), u.nameJa, u.prefCode);
        }
    }

    @Schema(name = "Unit", description = "An organization unit with its contact and the municipalities it covers on the given date")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UnitView(
            @Schema(required = true, examples = "14-shonan-west") String code,
            @Schema(required = true) UnitKind kind,
            @Schema(required = true, examples = "圏域ブランチ（支部）") String kindLabelJa,
            @Schema(required = true, examples = "Regional branch") String kindLabelEn,
            @Schema(required = true, description = "1 center, 2 region, 3 municipality", examples = "2") int tier,
            @Schema(required = true, examples = "14") String prefCode,
            @Schema(examples = "14-center") String parentCode,
            @Schema(required = true, examples = "湘南西部ブランチ") String nameJa,
            @Schema(examples = "しょうなんせいぶぶらんち") String nameKana,
            @Schema(description = "Municipality a municipal office or designated-city window belongs to", examples = "142034") String lgcode,
            @Schema(examples = "0463-00-0000") String phone,
            @Schema(examples = "https://example.jp/iryoteki-care/form") String webFormUrl,
            @Schema(examples = "平日 9:00-17:00") String openingHours,
            @Schema(examples = "2023-04-01") LocalDate activeFrom,
            LocalDate activeTo,
            @Schema(description = "The date the coverage is given for", examples = "2024-06-01") LocalDate coverageDate,
            List<MunicipalityRef> coverage) {
    }

    @Schema(name = "UnitNode", description = "A unit in the organization tree, with its children")
    public record UnitNode(
            @Schema(required = true, examples = "14-center") String code,
            @Schema(required = true) UnitKind kind,
            @Schema(required = true, examples = "神奈川県医療的ケア児支援センター") String nameJa,
            @Schema(required = true, description = "How many municipalities it covers on the tree's date", examples = "0") int coveredMunicipalities,
            @Schema(required = true) List<UnitNode> children) {
    }

    @Schema(name = "UnitTree", description = "The units of one prefecture as a tree, as they stood on a date")
    public record UnitTree(
            @Schema(required = true, examples = "14") String prefCode,
            @Schema(required = true, examples = "2024-06-01") LocalDate date,
            @Schema(required = true) List<UnitNode> roots) {
    }

    @Schema(name = "CoverageChange", description = "From validFrom on, the unit serves these municipalities (replacing whoever served them)")
    public record CoverageChange(
            @NotEmpty @Size(max = 500) List<@NotBlank String> lgcodes,
            @NotNull @Schema(examples = "2023-04-01") LocalDate validFrom) {
    }

    @Schema(name = "CoveragePeriod", description = "One period during which a unit served a municipality; validTo is exclusive")
    public record CoveragePeriod(
            @Schema(required = true) UnitSummary unit,
            @Schema(required = true, examples = "2023-04-01") LocalDate validFrom,
            @Schema(description = "Exclusive end; absent while current") LocalDate validTo) {
    }

    @Schema(name = "CoverageAnswer", description = "Who serves a municipality on a date: the covering unit and the coordinators to call")
    public record CoverageAnswer(
            @Schema(required = true) MunicipalityView municipality,
            @Schema(required = true, examples = "2024-06-01") LocalDate date,
            @Schema(description = "The unit covering the municipality on the date; absent when none does") UnitSummary unit,
            @Schema(required = true, description = "Active coordinators of that unit and those who cover the municipality themselves")
            List<CoordinatorView> coordinators,
            @Schema(description = "Every coverage period of the municipality, oldest first") List<CoveragePeriod> history) {
    }

    @Schema(name = "Training", description = "A completed coordinator training course")
    public record TrainingView(
            @NotBlank @Size(max = 100) @Schema(examples = "医療的ケア児等コーディネーター養成研修") String course,
            @Min(2000) @Max(2100) @Schema(description = "Fiscal year (April to March) it was completed in", examples = "2022")
            int fiscalYear) {
    }

    @Schema(name = "Coordinator", description = "A 医療的ケア児等コーディネーター. Phone and email are shown to staff roles only.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CoordinatorView(
            @Schema(required = true, examples = "12") long id,
            @Schema(required = true) UnitSummary unit,
            @Schema(required = true, examples = "湘南 花子") String name,
            @Schema(examples = "しょうなん はなこ") String nameKana,
            @Schema(required = true) Profession profession,
            @Schema(examples = "保健師") String professionLabelJa,
            @Schema(required = true) CoordinatorRole role,
            @Schema(examples = "主任コーディネーター") String roleLabelJa,
            @Schema(description = "Staff roles only", examples = "0463-00-0001") String phone,
            @Schema(description = "Staff roles only", examples = "hanako.shonan@example.jp") String email,
            List<MunicipalityRef> municipalities,
            List<TrainingView> trainings,
            @Schema(required = true) boolean active,
            @Schema(required = true, description = "Send back on update; a stale version is a 409", examples = "0") long version) {
    }

    @Schema(name = "CoordinatorRequest", description = "A coordinator to create or the full new state of one to update")
    public record CoordinatorRequest(
            @NotBlank @Size(max = 64) @Schema(examples = "14-shonan-west") String unitCode,
            @NotBlank @Size(max = 100) @Schema(examples = "湘南 花子") String name,
            @NotBlank @Size(max = 200) @Pattern(regexp = Kana.PATTERN, message = "must be written in kana")
            @Schema(examples = "しょうなん はなこ") String nameKana,
            @NotNull Profession profession,
            @NotNull CoordinatorRole role,
            @Pattern(regexp = PHONE, message = "must be a phone number") @Schema(examples = "0463-00-0001") String phone,
            @Email @Size(max = 200) @Schema(examples = "hanako.shonan@example.jp") String email,
            @Size(max = 100) List<@NotBlank String> municipalities,
            @Size(max = 50) List<@Valid @NotNull TrainingView> trainings,
            @Schema(description = "Defaults to true") Boolean active,
            @PositiveOrZero @Schema(description = "Required on update: the version you read") Long version) {
    }

    @Schema(name = "CoordinatorPage", description = "A page of coordinators")
    public record CoordinatorPage(@Schema(required = true) List<CoordinatorView> items, @Schema(required = true) int page, @Schema(required = true) int size, @Schema(required = true) long totalItems, @Schema(required = true) int totalPages) {
    }

    @Schema(name = "MunicipalityPage", description = "A page of municipalities")
    public record MunicipalityPage(@Schema(required = true) List<MunicipalityView> items, @Schema(required = true) int page, @Schema(required = true) int size, @Schema(required = true) long totalItems, @Schema(required = true) int totalPages) {
    }

    @Schema(name = "UnitPage", description = "A page of units")
    public record UnitPage(@Schema(required = true) List<UnitSummary> items, @Schema(required = true) int page, @Schema(required = true) int size, @Schema(required = true) long totalItems, @Schema(required = true) int totalPages) {
    }

    @Schema(name = "StructureImportResult", description = "What an import changed; importing the same file again changes nothing")
    public record ImportResult(
            @Schema(required = true, examples = "9") int unitsCreated,
            @Schema(required = true, examples = "0") int unitsUpdated,
            @Schema(required = true, examples = "0") int unitsUnchanged,
            @Schema(required = true, examples = "66") int coverageCreated,
            @Schema(required = true, examples = "0") int coverageUpdated,
            @Schema(required = true, examples = "0") int coverageUnchanged) {
    }
}
