package jp.tsunagu.directory;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;
import jp.tsunagu.common.security.Roles;

@Path("/api/v1/directory")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "directory", description = "社会資源の見える化: services that accept children with medical care (Open Referral HSDS 3.0: organization → "
        + "service → location and service areas, contacts, schedules), maintained by the units for their region, searched by care types")
public class DirectoryResource {

    private static final String CSV = "text/csv";

    private final DirectoryService service;
    private final HsdsExchange hsds;

    public DirectoryResource(DirectoryService service, HsdsExchange hsds) {
        this.service = service;
        this.hsds = hsds;
    }

    @POST
    @Path("/organizations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "Add an organization (provider) to the directory", description = "Maintained by the caller's unit from now on.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "provider", ref = "DirectoryOrganizationRequest")))
    @APIResponse(responseCode = "201", description = "Added", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DirectoryViews.OrganizationView.class), examples = @ExampleObject(name = "provider", ref = "DirectoryOrganization")))
    public Response createDirectoryOrganization(@Valid @NotNull DirectoryViews.OrganizationRequest request) {
        DirectoryViews.OrganizationView created = service.createOrganization(request);
        return Response.created(URI.create("/api/v1/directory/organizations/" + created.id())).entity(created).build();
    }

    @GET
    @Path("/organizations/{id}")
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR, Roles.ANALYST })
    @Operation(summary = "Get a directory organization")
    @APIResponse(responseCode = "200", description = "The organization", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DirectoryViews.OrganizationView.class), examples = @ExampleObject(name = "provider", ref = "DirectoryOrganization")))
    public DirectoryViews.OrganizationView getDirectoryOrganization(@Parameter(description = "Organization id") @PathParam("id") String id) {
        return service.getOrganization(id);
    }

    @PUT
    @Path("/organizations/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "Update a directory organization", description = "By the prefecture center or the maintaining unit (or a unit above it). "
            + "Send the version you read; a stale one answers 409.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "update", ref = "UpdateDirectoryOrganizationRequestUpdate")))
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DirectoryViews.OrganizationView.class), examples = @ExampleObject(name = "provider", ref = "DirectoryOrganization")))
    @APIResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    public DirectoryViews.OrganizationView updateDirectoryOrganization(@Parameter(description = "Organization id") @PathParam("id") String id,
            @Valid @NotNull DirectoryViews.OrganizationRequest request) {
        return service.updateOrganization(id, request);
    }

    @POST
    @Path("/services")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "Add a service to the directory",
            description = "Branches and municipal units add services for the municipalities they cover (serviceAreas), the center for its "
                    + "prefecture. The entry counts as confirmed today; the vacancy given is confirmed today.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "short stay", ref = "DirectoryServiceRequest")))
    @APIResponse(responseCode = "201", description = "Added", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DirectoryViews.ServiceView.class), examples = @ExampleObject(name = "short stay", ref = "DirectoryService")))
    public Response createDirectoryService(@Valid @NotNull DirectoryViews.ServiceRequest request) {
        DirectoryViews.ServiceView created = service.createService(request);
        return Response.created(URI.create("/api/v1/directory/services/" + created.id())).entity(created).build();
    }

    @GET
    @Path("/services")
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR, Roles.ANALYST })
    @Operation(summary = "Search the directory",
            description = "Services of your prefecture, by name. municipality: serving that municipality; region: serving any municipality the "
                    + "unit covers today; careTypes: every one listed must be accepted (a child's care types); age: within the age range; "
                    + "vacancy=true: a free place confirmed; mobile=true: 動ける医ケア児 accepted; stale: not confirmed for the configured months "
                    + "(true) or confirmed (false). format=csv gives every match as CSV for Excel (UTF-8 with BOM, CRLF), audited.")
    @APIResponse(responseCode = "200", description = "A page of services, or all of them as CSV", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DirectoryViews.ServicePage.class),
                    examples = @ExampleObject(name = "page", ref = "DirectoryPage")),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv", ref = "DirectoryCsv")) })
    public Response searchDirectory(
            @Parameter(description = "Served in this municipality (6-digit code)", example = "142034") @QueryParam("municipality") String municipality,
            @Parameter(description = "Served in the region of this unit (its coverage today)", example = "14-shonan-west") @QueryParam("region") @Size(max = 64) String region,
            @Parameter(description = "Comma-separated medical_care codes, all of which must be accepted", example = "VENTILATOR,TUBE_FEEDING",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Z_]{1,64}(,[A-Z_]{1,64}){0,13}$"))
            @QueryParam("careTypes") @Pattern(regexp = "^[A-Z_]{1,64}(,[A-Z_]{1,64}){0,13}$") String careTypes,
            @Parameter(description = "Service type") @QueryParam("serviceType") ServiceType serviceType,
            @Parameter(description = "Age of the child in years", example = "4") @QueryParam("age") @Min(0) @Max(30) Integer age,
            @Parameter(description = "Only services with a free place") @QueryParam("vacancy") Boolean vacancy,
            @Parameter(description = "Only services accepting 動ける医ケア児") @QueryParam("mobile") Boolean mobile,
            @Parameter(description = "Stale (true) or confirmed (false) entries only") @QueryParam("stale") Boolean stale,
            @Parameter(description = "json (default) or csv", schema = @Schema(type = SchemaType.STRING, enumeration = { "json", "csv" }))
            @QueryParam("format") @Pattern(regexp = "^(json|csv)$") String format,
            @BeanParam @Valid PageRequest page) {
        DirectoryService.Filter filter = new DirectoryService.Filter(municipality, region,
                careTypes == null ? null : Arrays.asList(careTypes.split(",")), serviceType, age, vacancy, mobile, stale);
        if ("csv".equals(format)) {
            return Response.ok(DirectoryCsv.services(service.searchAll(filter))).type(DirectoryCsv.MEDIA_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"directory.csv\"").build();
        }
        return Response.ok(service.search(filter, page)).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/services/{id}")
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR, Roles.ANALYST })
    @Operation(summary = "Get a directory service")
    @APIResponse(responseCode = "200", description = "The service", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DirectoryViews.ServiceView.class), examples = @ExampleObject(name = "short stay", ref = "DirectoryService")))
    public DirectoryViews.ServiceView getDirectoryService(@Parameter(description = "Service id") @PathParam("id") String id) {
        return service.getService(id);
    }

    @PUT
    @Path("/services/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "Update a directory service", description = "Replaces the entry; by the prefecture center or the maintaining unit "
            + "(or a unit above it). Send the version you read; a stale one answers 409. Counts as confirmed today.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "short stay", ref = "DirectoryServiceRequest")))
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DirectoryViews.ServiceView.class), examples = @ExampleObject(name = "short stay", ref = "DirectoryService")))
    @APIResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    public DirectoryViews.ServiceView updateDirectoryService(@Parameter(description = "Service id") @PathParam("id") String id,
            @Valid @NotNull DirectoryViews.ServiceRequest request) {
        return service.updateService(id, request);
    }

    @POST
    @Path("/services/{id}/confirmation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "Confirm a directory service as still correct", description = "With today's vacancy; the entry is no longer stale.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "confirm", ref = "DirectoryConfirmation")))
    @APIResponse(responseCode = "200", description = "Confirmed", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DirectoryViews.ServiceView.class), examples = @ExampleObject(name = "short stay", ref = "DirectoryService")))
    @APIResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    public DirectoryViews.ServiceView confirmDirectoryService(@Parameter(description = "Service id") @PathParam("id") String id,
            @Valid @NotNull DirectoryViews.Confirmation confirmation) {
        return service.confirm(id, confirmation);
    }

    @GET
    @Path("/services/{id}/history")
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "Changes of a directory service", description = "Every change, newest first, with the entry as written.")
    @APIResponse(responseCode = "200", description = "A page of changes", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChangePage.class), examples = @ExampleObject(name = "changes", ref = "DirectoryHistory")))
    public Page<DirectoryViews.ChangeView> getDirectoryServiceHistory(@Parameter(description = "Service id") @PathParam("id") String id,
            @BeanParam @Valid PageRequest page) {
        return service.history(id, page);
    }

    @GET
    @Path("/stale-services")
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "Stale entries the caller maintains",
            description = "Services not confirmed for tsunagu.directory.stale-after-months (default 12), oldest confirmation first: the center's "
                    + "for the prefecture, a unit's for itself and the units below it.")
    @APIResponse(responseCode = "200", description = "A page of services", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DirectoryViews.ServicePage.class), examples = @ExampleObject(name = "page", ref = "DirectoryPage")))
    public Page<DirectoryViews.ServiceView> listStaleDirectoryServices(@BeanParam @Valid PageRequest page) {
        return service.stale(page);
    }

    @GET
    @Path("/statistics")
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.ANALYST })
    @Operation(summary = "Directory statistics for the center",
            description = "Distinct services per region (the unit covering a served municipality today; a municipal office counts for its "
                    + "region) × medical-care type accepted, and the gaps: municipalities (a designated city by its wards) that no medical short "
                    + "stay or hospital respite service accepting VENTILATOR serves. Services, not people: exact counts. format=csv for Excel.")
    @APIResponse(responseCode = "200", description = "The table and the gaps", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DirectoryViews.Statistics.class),
                    examples = @ExampleObject(name = "statistics", ref = "DirectoryStatistics")),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv", ref = "DirectoryStatisticsCsv")) })
    public Response getDirectoryStatistics(
            @Parameter(description = "json (default) or csv", schema = @Schema(type = SchemaType.STRING, enumeration = { "json", "csv" }))
            @QueryParam("format") @Pattern(regexp = "^(json|csv)$") String format) {
        DirectoryViews.Statistics stats = service.statistics();
        if ("csv".equals(format)) {
            return Response.ok(DirectoryCsv.statistics(stats)).type(DirectoryCsv.MEDIA_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"directory-statistics-" + stats.prefecture() + ".csv\"").build();
        }
        return Response.ok(stats).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/hsds")
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "Export the directory as HSDS 3.0", description = "Every organization of your prefecture with its services, in the "
            + "Open Referral HSDS 3.0 shape (see HsdsDocument), for other directories to import. Audited.")
    @APIResponse(responseCode = "200", description = "The HSDS document", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = HsdsViews.Document.class), examples = @ExampleObject(name = "hsds", ref = "DirectoryHsds")))
    public HsdsViews.Document exportDirectoryHsds() {
        return hsds.export();
    }

    @POST
    @Path("/hsds")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "Import an HSDS 3.0 document", description = "The shape the export writes. All or nothing: entries match by id; new "
            + "ones are maintained by your unit, known ones are updated if your unit maintains them (else 403); an id of another prefecture is 409. "
            + "Every entry passes the checks of the API and is recorded in its history.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "hsds", ref = "DirectoryHsds")))
    @APIResponse(responseCode = "200", description = "What was created and updated", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = HsdsViews.ImportResult.class), examples = @ExampleObject(name = "result", ref = "DirectoryImportResult")))
    @APIResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    public HsdsViews.ImportResult importDirectoryHsds(@Valid @NotNull HsdsViews.Document document) {
        return hsds.importDocument(document);
    }

    @Schema(name = "DirectoryChangePage", description = "A page of directory changes")
    public record ChangePage(@Schema(required = true) List<DirectoryViews.ChangeView> items, @Schema(required = true) int page,
            @Schema(required = true) int size, @Schema(required = true) long totalItems, @Schema(required = true) int totalPages) {
    }
}
