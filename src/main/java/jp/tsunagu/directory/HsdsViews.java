package jp.tsunagu.directory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The Open Referral HSDS 3.0 shape of the directory: organizations with their services nested, each service with
 * its phones, contacts, schedules, service areas, locations (service_at_locations), capacities and attributes. What
 * HSDS has no field for is an attribute with a taxonomy term: the service type ({@value #SERVICE_TYPE}), each
 * medical-care type accepted ({@value #MEDICAL_CARE}, the codes of GET /api/v1/taxonomies) and whether children with
 * medical care who can walk are accepted ({@value #FLAG} {@value #MOBILE}). A service area names one municipality:
 * extent_type "text", extent its 全国地方公共団体コード. The export and the import use the same records.
 */
public final class HsdsViews {

    public static final String SERVICE_TYPE = "tsunagu:service_type";
    public static final String MEDICAL_CARE = "tsunagu:medical_care";
    public static final String FLAG = "tsunagu:flag";
    public static final String MOBILE = "MOBILE_WITH_CARE_ACCEPTED";
    static final String UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
    static final String DAY = "^(MO|TU|WE|TH|FR|SA|SU)$";

    private HsdsViews() {
    }

    @Schema(name = "HsdsDocument", description = "HSDS 3.0 organizations with their services nested.")
    public record Document(
            @NotBlank @Pattern(regexp = "^3\\.0$", message = "must be 3.0") @Schema(required = true, examples = "3.0") String version,
            @NotNull @Size(max = 500) @Schema(required = true) List<@Valid @NotNull Organization> organizations) {
    }

    @Schema(name = "HsdsOrganization")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Organization(
            @NotBlank @Pattern(regexp = UUID, message = "must be a lower-case UUID") @Schema(required = true) String id,
            @NotBlank @Size(max = 200) @Schema(required = true) String name,
            @Size(max = 2000) String description,
            @Size(max = 500) String website,
            @Size(max = 200) String email,
            @Size(max = 5) List<@Valid @NotNull Phone> phones,
            @NotNull @Size(max = 200) @Schema(required = true) List<@Valid @NotNull Service> services) {
    }

    @Schema(name = "HsdsPhone")
    public record Phone(@NotBlank @Size(max = 20) @Schema(required = true, examples = "0463-00-0000") String number) {
    }

    @Schema(name = "HsdsLanguage")
    public record Language(@NotBlank @Size(max = 2) @Schema(required = true, examples = "ja") String code) {
    }

    @Schema(name = "HsdsService")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Service(
            @NotBlank @Pattern(regexp = UUID, message = "must be a lower-case UUID") @Schema(required = true) String id,
            @NotBlank @Size(max = 200) @Schema(required = true) String name,
            @Size(max = 2000) String description,
            @Size(max = 500) String url,
            @Size(max = 200) String email,
            @Pattern(regexp = "^(active|inactive|defunct|temporarily closed)$", message = "must be an HSDS status") @Schema(examples = "active") String status,
            @JsonProperty("minimum_age") Integer minimumAge,
            @JsonProperty("maximum_age") Integer maximumAge,
            @JsonProperty("assured_date") @Schema(description = "The day the maintainer last confirmed the entry") LocalDate assuredDate,
            @Size(max = 5) List<@Valid @NotNull Phone> phones,
            @Size(max = 10) List<@Valid @NotNull Language> languages,
            @Size(max = 10) List<@Valid @NotNull Contact> contacts,
            @Size(max = 21) List<@Valid @NotNull Schedule> schedules,
            @JsonProperty("service_areas") @NotNull @Size(min = 1, max = 100) @Schema(required = true) List<@Valid @NotNull ServiceArea> serviceAreas,
            @JsonProperty("service_at_locations") @Size(max = 1) List<@Valid @NotNull ServiceAtLocation> serviceAtLocations,
            @Size(max = 1) List<@Valid @NotNull Capacity> capacities,
            @NotNull @Size(max = 20) @Schema(required = true) List<@Valid @NotNull Attribute> attributes) {
    }

    @Schema(name = "HsdsContact")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(@NotBlank @Size(max = 100) @Schema(required = true) String name, @Size(max = 100) String title,
            @Size(max = 200) String email, @Size(max = 5) List<@Valid @NotNull Phone> phones) {
    }

    @Schema(name = "HsdsSchedule", description = "Weekly opening: freq WEEKLY, one byday per entry, opens_at/closes_at HH:mm (Japan time).")
    public record Schedule(
            @NotBlank @Pattern(regexp = "^WEEKLY$", message = "must be WEEKLY") @Schema(required = true, examples = "WEEKLY") String freq,
            @NotBlank @Pattern(regexp = DAY, message = "must be MO..SU") @Schema(required = true, examples = "MO") String byday,
            @JsonProperty("opens_at") @NotBlank @Pattern(regexp = DirectoryViews.TIME, message = "must be HH:mm") @Schema(required = true, examples = "09:00") String opensAt,
            @JsonProperty("closes_at") @NotBlank @Pattern(regexp = DirectoryViews.TIME, message = "must be HH:mm") @Schema(required = true, examples = "17:00") String closesAt) {
    }

    @Schema(name = "HsdsServiceArea")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceArea(
            @Size(max = 100) @Schema(examples = "平塚市") String name,
            @NotBlank @Pattern(regexp = DirectoryViews.LGCODE, message = "must be a 6-digit 全国地方公共団体コード") @Schema(required = true, examples = "142034") String extent,
            @JsonProperty("extent_type") @NotBlank @Pattern(regexp = "^text$", message = "must be text") @Schema(required = true, examples = "text") String extentType) {
    }

    @Schema(name = "HsdsServiceAtLocation")
    public record ServiceAtLocation(@Valid @NotNull @Schema(required = true) Location location) {
    }

    @Schema(name = "HsdsLocation")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Location(@Size(max = 200) String name, BigDecimal latitude, BigDecimal longitude, @Size(max = 1) List<@Valid @NotNull Address> addresses) {
    }

    @Schema(name = "HsdsAddress", description = "address_1 the street address; region the 全国地方公共団体コード of the municipality.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Address(
            @JsonProperty("address_1") @Size(max = 300) String address1,
            @Size(max = 100) String city,
            @Pattern(regexp = DirectoryViews.LGCODE, message = "must be a 6-digit 全国地方公共団体コード") String region,
            @JsonProperty("postal_code") @Pattern(regexp = DirectoryViews.POSTAL, message = "must be like 254-0000") String postalCode,
            @Pattern(regexp = "^JP$", message = "must be JP") String country) {
    }

    @Schema(name = "HsdsCapacity", description = "Places: maximum the capacity, available the vacancy on the day updated.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Capacity(Integer available, Integer maximum, @Valid Unit unit, LocalDate updated) {
    }

    @Schema(name = "HsdsUnit")
    public record Unit(@NotBlank @Size(max = 50) @Schema(required = true, examples = "places") String name) {
    }

    @Schema(name = "HsdsAttribute")
    public record Attribute(@JsonProperty("taxonomy_term") @Valid @NotNull @Schema(required = true) TaxonomyTerm taxonomyTerm) {
    }

    @Schema(name = "HsdsTaxonomyTerm")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TaxonomyTerm(
            @NotBlank @Size(max = 64) @Schema(required = true, examples = "VENTILATOR") String code,
            @Size(max = 200) @Schema(examples = "人工呼吸器") String name,
            @NotBlank @Pattern(regexp = "^tsunagu:(service_type|medical_care|flag)$", message = "must be tsunagu:service_type, tsunagu:medical_care or tsunagu:flag")
            @Schema(required = true, examples = "tsunagu:medical_care") String taxonomy) {
    }

    @Schema(name = "HsdsImportResult")
    public record ImportResult(@Schema(required = true) int organizationsCreated, @Schema(required = true) int organizationsUpdated,
            @Schema(required = true) int servicesCreated, @Schema(required = true) int servicesUpdated) {
    }
}
