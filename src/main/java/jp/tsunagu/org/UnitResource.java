package jp.tsunagu.org;

import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;
import jp.tsunagu.common.security.Roles;

@Path("/api/v1/units")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "organization", description = "The three tiers: center and sites, regional branches, municipal offices, and which unit covers which municipality when")
public class UnitResource {

    private final OrgService service;
    private final java.time.Clock clock;

    public UnitResource(OrgService service, java.time.Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "List organization units", description = "Units filtered by prefecture, kind or parent, paginated.")
    @APIResponse(responseCode = "200", description = "A page of units", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrgViews.UnitPage.class),
            examples = @ExampleObject(name = "branches", ref = "ListUnits200Branches")))
    public Page<OrgViews.UnitSummary> listUnits(
            @Parameter(description = "2-digit prefecture code", example = "14") @QueryParam("prefecture") @Pattern(regexp = "^[0-9]{2}$") String prefecture,
            @Parameter(description = "Unit kind") @QueryParam("kind") UnitKind kind,
            @Parameter(description = "Code of the parent unit", example = "14-center") @QueryParam("parent") String parent,
            @BeanParam @Valid PageRequest page) {
        return service.list(prefecture, kind, parent, page);
    }

    @GET
    @Path("/tree")
    @Operation(summary = "Get the organization tree of a prefecture",
            description = "Every unit active on the date, nested under its parent, with how many municipalities each covers then. "
                    + "404 when the prefecture has no unit active on that date.")
    @APIResponse(responseCode = "200", description = "The tree", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrgViews.UnitTree.class),
            examples = @ExampleObject(name = "kanagawa", ref = "GetUnitTree200Kanagawa")))
    @APIResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    public OrgViews.UnitTree getUnitTree(
            @Parameter(description = "2-digit prefecture code", example = "14", required = true)
            @QueryParam("prefecture") @NotNull @Pattern(regexp = "^[0-9]{2}$") String prefecture,
            @Parameter(description = "Date the structure is shown for (default today)", example = "2022-06-01") @QueryParam("date") LocalDate date) {
        return service.tree(prefecture, date == null ? LocalDate.now(clock) : date);
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "Get a unit with its coverage on a date",
            description = "The unit, its contact, and the municipalities it covers on the date (default today).")
    @APIResponse(responseCode = "200", description = "The unit", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrgViews.UnitView.class),
            examples = @ExampleObject(name = "shonan-west", ref = "GetUnit200ShonanWest")))
    public OrgViews.UnitView getUnit(
            @Parameter(description = "Unit code", example = "14-shonan-west") @PathParam("code") String code,
            @Parameter(description = "Date of the coverage (default today)", example = "2022-06-01") @QueryParam("date") LocalDate date) {
        return service.unit(code, date == null ? LocalDate.now(clock) : date);
    }

    @POST
    @Path("/{code}/coverage")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CENTER_ADMIN)
    @Operation(summary = "Change coverage from a date",
            description = "From validFrom on, this unit serves the listed municipalities; whoever served them before stops the day "
                    + "before, so attribution of earlier dates is kept. Changes append after the last one (409 otherwise). "
                    + "Center admins of the unit's prefecture only.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "fy2023", ref = "ChangeCoverageRequestFy2023")))
    @APIResponse(responseCode = "200", description = "The unit with its coverage from that date", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrgViews.UnitView.class), examples = @ExampleObject(name = "changed", ref = "ChangeCoverage200Changed")))
    @APIResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    public OrgViews.UnitView changeCoverage(
            @Parameter(description = "Unit code", example = "14-shonan-west") @PathParam("code") String code,
            @Valid @NotNull OrgViews.CoverageChange change) {
        return service.changeCoverage(code, change);
    }
}
