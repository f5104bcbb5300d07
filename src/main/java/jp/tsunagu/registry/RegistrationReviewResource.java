package jp.tsunagu.registry;

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

@Path("/api/v1/registration-reviews")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "registry")
public class RegistrationReviewResource {

    static final String LOCATION = "/api/v1/registration-reviews/";

    private final RegistrationReviewService service;

    public RegistrationReviewResource(RegistrationReviewService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR, Roles.PARTNER_SYSTEM })
    @Operation(summary = "List held registrations", description = "The prefecture center sees every held registration of its prefecture "
            + "(with the submission and the candidates, audited); other units their own requests; a partner system its own submissions. Oldest first.")
    @APIResponse(responseCode = "200", description = "A page of held registrations", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChildViews.ReviewPage.class), examples = @ExampleObject(name = "one", ref = "ListRegistrationReviews200One")))
    @APIResponse(responseCode = "401", ref = ProblemResponsesFilter.STEP_UP)
    public Page<ChildViews.ReviewView> listRegistrationReviews(
            @Parameter(description = "Only reviews in this state", example = "PENDING") @QueryParam("state") RegistrationReview.State state,
            @BeanParam @Valid PageRequest page) {
        return service.list(state, page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR, Roles.PARTNER_SYSTEM })
    @Operation(summary = "Get a held registration", description = "What the caller may know of it: the requester its state and, once "
            + "registered, the new child's id; the center also the submission and the candidates. 404 outside the caller's scope.")
    @APIResponse(responseCode = "200", description = "The held registration", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChildViews.ReviewView.class), examples = @ExampleObject(name = "held", ref = "ChildHeld")))
    @APIResponse(responseCode = "401", ref = ProblemResponsesFilter.STEP_UP)
    public ChildViews.ReviewView getRegistrationReview(@Parameter(description = "Review id") @PathParam("id") String id) {
        return service.get(id);
    }

    @POST
    @Path("/{id}/resolution")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF })
    @Operation(summary = "Resolve a held registration", description = "Staff of the prefecture center: register the child as submitted "
            + "(its consent then waits for the usual check), or record that it is one of the candidates. 409 when resolved already.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "new", ref = "ResolveRegistrationReviewRequestNew")))
    @APIResponse(responseCode = "200", description = "The resolved review", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChildViews.ReviewView.class), examples = @ExampleObject(name = "registered", ref = "ResolveRegistrationReview200Registered")))
    @APIResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    @APIResponse(responseCode = "401", ref = ProblemResponsesFilter.STEP_UP)
    public ChildViews.ReviewView resolveRegistrationReview(@Parameter(description = "Review id") @PathParam("id") String id,
            @Valid @NotNull ChildViews.Resolution resolution) {
        return service.resolve(id, resolution);
    }
}
