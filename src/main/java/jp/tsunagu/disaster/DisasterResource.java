package jp.tsunagu.disaster;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

@Path("/api/v1/disaster-plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "disaster-plans", description = "災害時個別支援計画: a disaster plan for each registered child with power-dependent devices, "
        + "under the child's consent, scope and audit; review lists for the units and the figures for the disaster department")
public class DisasterResource {

    private static final String CSV = "text/csv";

    private final DisasterPlanService service;

    public DisasterResource(DisasterPlanService service) {
        this.service = service;
    }

    @GET
    @Path("/{childId}")
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "Get a child's disaster plan", description = "The contents only where a consent in force covers your unit (as for "
            + "the child's names); otherwise the pseudonymous view with the reason. A child outside your scope is 404. Audited.")
    @APIResponse(responseCode = "200", description = "The plan", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DisasterViews.PlanView.class), examples = @ExampleObject(name = "identifying", ref = "DisasterPlan")))
    public DisasterViews.PlanView getDisasterPlan(@Parameter(description = "Registry id of the child") @PathParam("childId") String childId) {
        return service.get(childId);
    }

    @PUT
    @Path("/{childId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "Write a child's disaster plan (a review)", description = "The whole plan as gone through with the family today: the "
            + "review is due again in tsunagu.disaster.review-months (12), or as soon as the child's care types change. Devices name the "
            + "child's power-dependent care types. Only units that see the child identifying write it (else 403). The first plan is sent "
            + "without version; later ones with the version read (409 when stale).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "plan", ref = "DisasterRequest")))
    @APIResponse(responseCode = "200", description = "Saved", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DisasterViews.PlanView.class), examples = @ExampleObject(name = "identifying", ref = "DisasterPlan")))
    @APIResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    public DisasterViews.PlanView putDisasterPlan(@Parameter(description = "Registry id of the child") @PathParam("childId") String childId,
            @Valid @NotNull DisasterViews.PlanRequest request) {
        return service.save(childId, request);
    }

    @GET
    @Path("/due")
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "Plans due for review", description = "Plans of the children you see whose review falls within withinDays "
            + "(default tsunagu.disaster.due-within-days, 30), is overdue, or whose child's care types changed since; earliest first. "
            + "No identifying data.")
    @APIResponse(responseCode = "200", description = "A page of plans", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DisasterViews.DuePage.class), examples = @ExampleObject(name = "due", ref = "DisasterDue")))
    public Page<DisasterViews.DueItem> listDueDisasterPlans(
            @Parameter(description = "Days ahead", example = "30") @QueryParam("withinDays") @Min(0) @Max(366) Integer withinDays,
            @BeanParam @Valid PageRequest page) {
        return service.due(withinDays, page);
    }

    @GET
    @Path("/missing")
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "Power-dependent children without a current plan", description = "Children you see (a coordinator: of its "
            + "municipality) with a care type of tsunagu.disaster.power-dependent-care-types and no plan, an overdue one or one written for "
            + "other care types. No identifying data.")
    @APIResponse(responseCode = "200", description = "A page of children", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DisasterViews.MissingPage.class), examples = @ExampleObject(name = "missing", ref = "DisasterMissing")))
    public Page<DisasterViews.MissingItem> listChildrenWithoutDisasterPlan(@BeanParam @Valid PageRequest page) {
        return service.missing(page);
    }

    @GET
    @Path("/statistics")
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.ANALYST })
    @Operation(summary = "Power-dependent children with and without a current plan, per municipality",
            description = "The figure a prefecture's disaster department asks for. Staff: exact counts (the center its prefecture, a branch its "
                    + "region's own children). Analysts: the whole prefecture, every count perturbed by cell-key perturbation like the other "
                    + "analyst statistics (a 1 or 2 is never shown; totals perturbed on their own). format=csv for Excel.")
    @APIResponse(responseCode = "200", description = "The table", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DisasterViews.Statistics.class),
                    examples = @ExampleObject(name = "analyst", ref = "DisasterStatistics")),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv", ref = "DisasterStatisticsCsv")) })
    public Response getDisasterPlanStatistics(
            @Parameter(description = "json (default) or csv", schema = @Schema(type = SchemaType.STRING, enumeration = { "json", "csv" }))
            @QueryParam("format") @Pattern(regexp = "^(json|csv)$") String format) {
        DisasterViews.Statistics stats = service.statistics();
        if ("csv".equals(format)) {
            return Response.ok(DisasterCsv.statistics(stats, service.perturbedNote())).type(DisasterCsv.MEDIA_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"disaster-plans-" + stats.prefecture() + ".csv\"").build();
        }
        return Response.ok(stats).type(MediaType.APPLICATION_JSON).build();
    }
}
