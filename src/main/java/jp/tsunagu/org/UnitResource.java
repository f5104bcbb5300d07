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
            examples = @ExampleObject(name = "branches", value = """
                    {"items":[{"code":"14-kenou","kind":"BRANCH","kindLabelJa":"圏域ブランチ（支部）","kindLabelEn":"Regional branch",
                      "nameJa":"県央ブランチ","prefCode":"14"}],"page":0,"size":20,"totalItems":5,"totalPages":1}""")))
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
            examples = @ExampleObject(name = "kanagawa", value = """
                    {"prefCode":"14","date":"2024-06-01","roots":[{"code":"14-center","kind":"CENTER","nameJa":"神奈川県医療的ケア児支援センター",
                      "coveredMunicipalities":0,"children":[{"code":"14-shonan-west","kind":"BRANCH","nameJa":"湘南西部ブランチ",
                      "coveredMunicipalities":5,"children":[]}]}]}""")))
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
            examples = @ExampleObject(name = "shonan-west", value = """
                    {"code":"14-shonan-west","kind":"BRANCH","kindLabelJa":"圏域ブランチ（支部）","kindLabelEn":"Regional branch","tier":2,
                     "prefCode":"14","parentCode":"14-center","nameJa":"湘南西部ブランチ","nameKana":"しょうなんせいぶぶらんち",
                     "openingHours":"平日 9:00-17:00","activeFrom":"2023-04-01","coverageDate":"2024-06-01",
                     "coverage":[{"lgcode":"142034","name":"平塚市"},{"lgcode":"142115","name":"秦野市"}]}""")))
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
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "fy2023", value = """
            {"lgcodes":["142034","142115","142140","143413","143421"],"validFrom":"2023-04-01"}""")))
    @APIResponse(responseCode = "200", description = "The unit with its coverage from that date", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrgViews.UnitView.class), examples = @ExampleObject(name = "changed", value = """
                    {"code":"14-shonan-west","kind":"BRANCH","kindLabelJa":"圏域ブランチ（支部）","kindLabelEn":"Regional branch","tier":2,
                     "prefCode":"14","parentCode":"14-center","nameJa":"湘南西部ブランチ","activeFrom":"2023-04-01",
                     "coverageDate":"2023-04-01","coverage":[{"lgcode":"142034","name":"平塚市"}]}""")))
    @APIResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    public OrgViews.UnitView changeCoverage(
            @Parameter(description = "Unit code", example = "14-shonan-west") @PathParam("code") String code,
            @Valid @NotNull OrgViews.CoverageChange change) {
        return service.changeCoverage(code, change);
    }
}
