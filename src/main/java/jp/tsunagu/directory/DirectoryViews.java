package jp.tsunagu.directory;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import jp.tsunagu.org.OrgViews;
import jp.tsunagu.taxonomy.TaxonomyViews;

/** Requests and answers of the resource directory. */
public final class DirectoryViews {

    static final String LGCODE = "^[0-9]{6}$";
    static final String PHONE = "^[0-9+][0-9-]{5,19}$";
    static final String TIME = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
    static final String LANGUAGE = "^[a-z]{2}$";
    static final String POSTAL = "^[0-9]{3}-[0-9]{4}$";
    static final String URL = "^https?://[^\\s]{1,490}$";

    private DirectoryViews() {
    }

    @Schema(name = "DirectoryOrganizationRequest", description = "An HSDS organization: the provider running services.")
    public record OrganizationRequest(
            @NotBlank @Size(max = 200) @Schema(examples = "社会福祉法人 湘南療育会") String name,
            @Size(max = 2000) String description,
            @Size(max = 500) @Pattern(regexp = URL, message = "must be an http(s) URL") @Schema(examples = "https://example.jp") String website,
            @Size(max = 200) @Email String email,
            @Size(max = 20) @Pattern(regexp = PHONE, message = "must be a phone number") @Schema(examples = "0463-00-0000") String phone,
            @PositiveOrZero @Schema(description = "Required on update: the version you read") Long version) {
    }

    @Schema(name = "DirectoryOrganization")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrganizationView(
            @Schema(required = true, examples = "5a1f9f8e-2c3b-4d5e-8f90-1a2b3c4d5e6f") String id,
            @Schema(required = true, examples = "社会福祉法人 湘南療育会") String name,
            String description,
            String website,
            String email,
            String phone,
            @Schema(required = true, examples = "14-shonan-west") String maintainerUnitCode,
            @Schema(required = true) long version) {
    }

    @Schema(name = "DirectoryLocation", description = "HSDS location: where the service is delivered.")
    public record LocationInput(
            @Size(max = 200) String name,
            @Size(max = 300) @Schema(examples = "平塚市富士見町1-1") String address,
            @Pattern(regexp = POSTAL, message = "must be like 254-0000") @Schema(examples = "254-0000") String postalCode,
            @Pattern(regexp = LGCODE, message = "must be a 6-digit 全国地方公共団体コード") @Schema(examples = "142034") String lgcode,
            @DecimalMin("-90") @DecimalMax("90") BigDecimal latitude,
            @DecimalMin("-180") @DecimalMax("180") BigDecimal longitude) {
    }

    @Schema(name = "DirectorySchedule", description = "HSDS schedule: open on a weekday (1 = Monday .. 7 = Sunday) from .. to (Japan time).")
    public record ScheduleInput(
            @Min(1) @Max(7) @Schema(required = true, examples = "1") int weekday,
            @NotNull @Pattern(regexp = TIME, message = "must be HH:mm") @Schema(required = true, examples = "09:00") String opensAt,
            @NotNull @Pattern(regexp = TIME, message = "must be HH:mm") @Schema(required = true, examples = "17:00") String closesAt) {
    }

    @Schema(name = "DirectoryContact", description = "HSDS contact of a service.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContactInput(
            @NotBlank @Size(max = 100) @Schema(required = true, examples = "相談員 平塚 花子") String name,
            @Size(max = 100) @Schema(examples = "短期入所担当") String title,
            @Size(max = 200) @Email String email,
            @Size(max = 20) @Pattern(regexp = PHONE, message = "must be a phone number") String phone) {
    }

    @Schema(name = "DirectoryServiceRequest", description = "A service of an organization, with the medical care it accepts.")
    public record ServiceRequest(
            @NotBlank @Size(max = 36) @Schema(examples = "5a1f9f8e-2c3b-4d5e-8f90-1a2b3c4d5e6f") String organizationId,
            @NotNull ServiceType serviceType,
            @NotBlank @Size(max = 200) @Schema(examples = "医療型短期入所 ひらつか") String name,
            @Size(max = 2000) String description,
            @Size(max = 500) @Pattern(regexp = URL, message = "must be an http(s) URL") String url,
            @Size(max = 200) @Email String email,
            @Size(max = 20) @Pattern(regexp = PHONE, message = "must be a phone number") String phone,
            @NotNull @Size(max = 14) @Schema(description = "medical_care codes of the taxonomy the service accepts") List<@NotBlank String> careTypes,
            @Min(0) @Max(30) @Schema(description = "Youngest age accepted (years); none = from birth") Integer minAge,
            @Min(0) @Max(30) @Schema(description = "Oldest age accepted (years); none = no limit") Integer maxAge,
            @Schema(description = "動ける医ケア児 (children with medical care who can walk) accepted") boolean mobileAccepted,
            @Min(0) @Max(10_000) Integer capacity,
            @Min(0) @Max(10_000) @Schema(description = "Places free today, as confirmed now") Integer vacancy,
            @Size(max = 10) @Schema(description = "ISO 639-1 codes; default ja") List<@NotNull @Pattern(regexp = LANGUAGE, message = "must be an ISO 639-1 code") String> languages,
            @Valid LocationInput location,
            @NotNull @Size(min = 1, max = 100) @Schema(description = "Municipalities served (HSDS service_area)") List<@NotNull @Pattern(regexp = LGCODE, message = "must be a 6-digit 全国地方公共団体コード") String> serviceAreas,
            @Size(max = 21) List<@Valid @NotNull ScheduleInput> schedules,
            @Size(max = 10) List<@Valid @NotNull ContactInput> contacts,
            @PositiveOrZero @Schema(description = "Required on update: the version you read") Long version) {
    }

    @Schema(name = "DirectoryConfirmation", description = "The maintainer confirms the entry as still correct today, with the vacancy of today.")
    public record Confirmation(
            @Min(0) @Max(10_000) @Schema(description = "Places free today; none = not known") Integer vacancy,
            @NotNull @PositiveOrZero @Schema(required = true, description = "The version you read") Long version) {
    }

    @Schema(name = "DirectoryOrganizationRef")
    public record OrganizationRef(@Schema(required = true) String id, @Schema(required = true) String name) {
    }

    @Schema(name = "DirectoryLocationView")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LocationView(String name, String address, String postalCode, OrgViews.MunicipalityRef municipality, BigDecimal latitude,
            BigDecimal longitude) {
    }

    @Schema(name = "DirectoryService", description = "A service of the directory. stale: not confirmed for tsunagu.directory.stale-after-months.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceView(
            @Schema(required = true) String id,
            @Schema(required = true) OrganizationRef organization,
            @Schema(required = true) ServiceType serviceType,
            @Schema(required = true, examples = "医療型短期入所") String serviceTypeLabelJa,
            @Schema(required = true, examples = "Medical short stay") String serviceTypeLabelEn,
            @Schema(required = true) String name,
            String description,
            String url,
            String email,
            String phone,
            @Schema(required = true) List<TaxonomyViews.Term> careTypes,
            Integer minAge,
            Integer maxAge,
            @Schema(required = true) boolean mobileAccepted,
            Integer capacity,
            Integer vacancy,
            LocalDate vacancyConfirmedOn,
            @Schema(required = true) List<String> languages,
            LocationView location,
            @Schema(required = true) List<OrgViews.MunicipalityRef> serviceAreas,
            @Schema(required = true) List<ScheduleInput> schedules,
            @Schema(required = true) List<ContactInput> contacts,
            @Schema(required = true, examples = "14-shonan-west") String maintainerUnitCode,
            @Schema(required = true) LocalDate confirmedOn,
            @Schema(required = true) boolean stale,
            @Schema(required = true) long version) {
    }

    @Schema(name = "DirectoryServicePage", description = "A page of directory services")
    public record ServicePage(@Schema(required = true) List<ServiceView> items, @Schema(required = true) int page,
            @Schema(required = true) int size, @Schema(required = true) long totalItems, @Schema(required = true) int totalPages) {
    }

    @Schema(name = "DirectoryChange", description = "One recorded change of a directory entry.")
    public record ChangeView(
            @Schema(required = true) long id,
            @Schema(required = true, enumeration = { "ORGANIZATION_CREATE", "ORGANIZATION_UPDATE", "SERVICE_CREATE", "SERVICE_UPDATE",
                    "SERVICE_CONFIRM", "IMPORT_CREATE", "IMPORT_UPDATE" }) String action,
            @Schema(required = true) String changedBy,
            @Schema(required = true) String changedByUnitCode,
            @Schema(required = true) Instant changedAt,
            @Schema(required = true, description = "The entry as written by this change (JSON text)") String snapshot) {
    }

    @Schema(name = "DirectoryStatistics", description = "Services per region × medical-care type, and the gaps.")
    public record Statistics(
            @Schema(required = true, examples = "14") String prefecture,
            @Schema(required = true) LocalDate asOf,
            @Schema(required = true, description = "Columns: care types of the taxonomy") List<TaxonomyViews.Term> careTypes,
            @Schema(required = true) List<RegionRow> regions,
            @Schema(required = true, description = "Municipalities where no SHORT_STAY_MEDICAL service serving them accepts VENTILATOR")
            List<OrgViews.MunicipalityRef> ventilatorShortStayGaps) {
    }

    @Schema(name = "DirectoryRegionRow", description = "Distinct services serving a municipality of the region, per care type accepted.")
    public record RegionRow(
            @Schema(required = true, description = "Unit covering the municipalities today; NONE where none does", examples = "14-shonan-west") String unitCode,
            @Schema(required = true, examples = "湘南西部ブランチ") String name,
            @Schema(required = true, description = "One count per care type, in the order of careTypes") List<Long> counts,
            @Schema(required = true, description = "Distinct services of the region") long total) {
    }
}
