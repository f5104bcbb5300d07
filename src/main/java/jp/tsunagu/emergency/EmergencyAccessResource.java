package jp.tsunagu.emergency;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jp.tsunagu.common.openapi.ProblemResponsesFilter;
import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;
import jp.tsunagu.common.security.Roles;
import jp.tsunagu.registry.ChildViews;

@Path("/api/v1/emergency-accesses")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "emergency", description = "Break-the-glass (緊急時アクセス): a child's identifying data in an emergency for a staff member "
        + "in scope whom no consent covers, granted at once to that person for a short time, every read audited, reviewed by the "
        + "prefecture center afterwards.")
public class EmergencyAccessResource {

    static final String LOCATION = "/api/v1/emergency-accesses/";


    private final EmergencyAccessService service;

    public EmergencyAccessResource(EmergencyAccessService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "Request emergency access to a child",
            description = "Break-the-glass for a child the caller can see (their scope) but whom no consent in force covers for their "
                    + "unit: granted at once, to the caller only, for the configured time (tsunagu.emergency.duration, 4 hours by default). "
                    + "Read the child with GET …/{id}/child while it is active. 409 when a consent covers the caller already or when the "
                    + "caller holds an active one for the child (activeEmergencyAccessId). Needs a second factor where the deployment "
                    + "requires one. Analysts, auditors and partner systems get 403.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "power-cut", ref = "EmergencyAccessRequest")))
    @APIResponse(responseCode = "201", description = "Granted", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EmergencyViews.View.class), examples = @ExampleObject(name = "granted", ref = "EmergencyAccessActive")))
    @APIResponse(responseCode = "401", ref = ProblemResponsesFilter.STEP_UP)
    public Response requestEmergencyAccess(@Valid @NotNull EmergencyViews.Request request) {
        EmergencyViews.View granted = service.request(request);
        return Response.status(201).header("Location", LOCATION + granted.id()).entity(granted).build();
    }

    @GET
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF })
    @Operation(summary = "List emergency accesses for review",
            description = "The prefecture center's review list: every emergency access to a child of its prefecture, oldest first, with "
                    + "who, which child, the reason, what was read and when, and the review. reviewState=UNREVIEWED for the open ones. "
                    + "Reading the list is audited; staff outside the prefecture center get 403.")
    @APIResponse(responseCode = "200", description = "A page of emergency accesses", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EmergencyViews.AccessPage.class), examples = @ExampleObject(name = "one", ref = "ListEmergencyAccesses200One")))
    public Page<EmergencyViews.View> listEmergencyAccesses(
            @Parameter(description = "Only accesses in this review state") @QueryParam("reviewState") ReviewState reviewState,
            @BeanParam @Valid PageRequest page) {
        return service.list(reviewState, page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "Get an emergency access", description = "For the person it was granted to and the center of the child's "
            + "prefecture; 404 for anyone else.")
    @APIResponse(responseCode = "200", description = "The emergency access", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EmergencyViews.View.class), examples = { @ExampleObject(name = "active", ref = "EmergencyAccessActive"),
                    @ExampleObject(name = "reviewed", ref = "EmergencyAccessReviewed") }))
    public EmergencyViews.View getEmergencyAccess(@Parameter(description = "Emergency access id", example = "12") @PathParam("id") long id) {
        return service.get(id);
    }

    @GET
    @Path("/{id}/child")
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "Read the child under an emergency access",
            description = "The child's identifying view, for the person the access was granted to, while it is active and the child is "
                    + "in their scope. Each read is listed on the access and audited as CHILD_READ_EMERGENCY. 403 once it ended or expired, "
                    + "or for anyone else; needs a second factor where the deployment requires one.")
    @APIResponse(responseCode = "200", description = "The child, identifying", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChildViews.ChildView.class), examples = @ExampleObject(name = "identifying", ref = "ReadChildUnderEmergencyAccess200Identifying")))
    @APIResponse(responseCode = "401", ref = ProblemResponsesFilter.STEP_UP)
    public ChildViews.ChildView readChildUnderEmergencyAccess(
            @Parameter(description = "Emergency access id", example = "12") @PathParam("id") long id) {
        return service.readChild(id);
    }

    @POST
    @Path("/{id}/end")
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "End an emergency access early", description = "By the person it was granted to or the prefecture center; "
            + "reads stop at once. 409 with currentState when it is over already.")
    @APIResponse(responseCode = "200", description = "Ended", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EmergencyViews.View.class), examples = @ExampleObject(name = "ended", ref = "EndEmergencyAccess200Ended")))
    public EmergencyViews.View endEmergencyAccess(@Parameter(description = "Emergency access id", example = "12") @PathParam("id") long id) {
        return service.end(id);
    }

    @POST
    @Path("/{id}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF })
    @Operation(summary = "Review an emergency access", description = "Staff of the prefecture center other than the grantee mark an "
            + "access that is over as JUSTIFIED or NOT_JUSTIFIED, once: 409 while it is active (currentState) or when it was reviewed "
            + "already (currentReviewState).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "justified", ref = "ReviewEmergencyAccessRequestJustified")))
    @APIResponse(responseCode = "200", description = "Reviewed", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EmergencyViews.View.class), examples = @ExampleObject(name = "reviewed", ref = "EmergencyAccessReviewed")))
    public EmergencyViews.View reviewEmergencyAccess(@Parameter(description = "Emergency access id", example = "12") @PathParam("id") long id,
            @Valid @NotNull EmergencyViews.ReviewRequest request) {
        return service.review(id, request);
    }
}
