package jp.tsunagu.registry;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jp.tsunagu.common.openapi.ProblemResponsesFilter;
import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;
import jp.tsunagu.common.security.Roles;

@Path("/api/v1/consent-reviews")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "registry")
public class ConsentReviewResource {

    private final ConsentService service;

    public ConsentReviewResource(ConsentService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF })
    @Operation(summary = "List consents waiting for the center's check", description = "Staff of the prefecture center: every PENDING "
            + "consent of the prefecture, oldest first, with who signed, to check against the signed form and confirm or reject. "
            + "Reading the list is audited.")
    @APIResponse(responseCode = "200", description = "A page of pending consents", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChildViews.ConsentReviewPage.class), examples = @ExampleObject(name = "one", ref = "ListConsentReviews200One")))
    @APIResponse(responseCode = "401", ref = ProblemResponsesFilter.STEP_UP)
    public Page<ChildViews.ConsentReviewItem> listConsentReviews(@BeanParam @Valid PageRequest page) {
        return service.pending(page);
    }
}
