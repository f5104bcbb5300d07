package jp.tsunagu.registry;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jp.tsunagu.common.idempotency.Idempotency;
import jp.tsunagu.common.openapi.ProblemResponsesFilter;
import jp.tsunagu.common.security.Caller;
import jp.tsunagu.common.security.Roles;

@Path("/api/v1/children")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "registry", description = "Registered children (医療的ケア児) and their consent (同意書). Identifying data only where consent covers the caller's unit; every read is audited.")
public class ChildResource {

    static final String LOCATION = "/api/v1/children/";

    private final ChildService service;
    private final RegistrationReviewService reviews;
    private final Idempotency idempotency;
    private final Caller caller;

    public ChildResource(ChildService service, RegistrationReviewService reviews, Idempotency idempotency, Caller caller) {
        this.service = service;
        this.reviews = reviews;
        this.idempotency = idempotency;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR, Roles.PARTNER_SYSTEM })
    @Operation(summary = "Register a child",
            description = "With the consent taken at registration, if any (it waits for the center's check like any consent). The "
                    + "residence must be a municipality of the caller's prefecture. A child with the same reading (hiragana/katakana and "
                    + "full/half width folded), birth date and municipality that the caller can read answers 409 with existingChildIds, "
                    + "unless those ids are listed in confirmedDistinctFrom. If such a child is registered where the caller cannot see "
                    + "it, the registration is held for the prefecture center: 202 with a RegistrationReview that names no other child. "
                    + "Partner systems must send an Idempotency-Key; a replay renders the created child or review for the current caller.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "staff", ref = "RegisterChildRequestStaff")))
    @APIResponse(responseCode = "201", description = "Registered", headers = { @Header(name = "Location", ref = "Location"), @Header(name = "Idempotent-Replayed", ref = "Idempotent-Replayed") }, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChildViews.ChildView.class), examples = @ExampleObject(name = "registered", ref = "ChildIdentifying")))
    @APIResponse(responseCode = "202", description = "Held for the prefecture center's review (a possible duplicate you cannot see)", headers = { @Header(name = "Location", ref = "Location"), @Header(name = "Idempotent-Replayed", ref = "Idempotent-Replayed") }, 
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChildViews.ReviewView.class),
                    examples = @ExampleObject(name = "held", ref = "ChildHeld")))
    @APIResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    @APIResponse(responseCode = "422", ref = "#/components/responses/Unprocessable")
    @APIResponse(responseCode = "401", ref = ProblemResponsesFilter.STEP_UP)
    public Response registerChild(
            @Parameter(description = "Required for partner systems", example = "0c9d8e7f-1a2b-4c3d-9e8f-7a6b5c4d3e2f")
            @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @Valid @NotNull ChildViews.ChildRequest request) {
        return idempotency.create(caller, idempotencyKey, "POST /api/v1/children", request, () -> switch (service.register(request)) {
            case ChildService.Registered r -> new Idempotency.Created(r.child(), LOCATION + r.child().id());
            case ChildService.HeldForReview h -> new Idempotency.Created(reviews.view(h.review()),
                    RegistrationReviewResource.LOCATION + h.review().id, 202);
        }, location -> location.startsWith(LOCATION) ? service.get(location.substring(LOCATION.length()))
                : reviews.get(location.substring(RegistrationReviewResource.LOCATION.length())));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR, Roles.PARTNER_SYSTEM })
    @Operation(summary = "Get a registered child",
            description = "The identifying view where a consent in force covers the caller's unit, else the pseudonymous view "
                    + "(view and viewReason say which). Withdrawal of consent takes effect on the next request. 404 outside the caller's scope.")
    @APIResponse(responseCode = "200", description = "The child", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChildViews.ChildView.class),
            examples = { @ExampleObject(name = "identifying", ref = "ChildIdentifying"), @ExampleObject(name = "pseudonymous", ref = "ChildPseudonymous") }))
    @APIResponse(responseCode = "401", ref = ProblemResponsesFilter.STEP_UP)
    public ChildViews.ChildView getChild(@Parameter(description = "Registry id") @PathParam("id") String id) {
        return service.get(id);
    }

    @GET
    @Path("/{id}/consents")
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "List a child's consents", description = "Every consent, pending, in force, rejected or withdrawn, oldest first. "
            + "Who signed is named only to the prefecture center and to callers who see the child identifying.")
    @APIResponse(responseCode = "200", description = "The consents", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ChildViews.ConsentView.class),
            examples = @ExampleObject(name = "one", ref = "ListConsents200One")))
    @APIResponse(responseCode = "401", ref = ProblemResponsesFilter.STEP_UP)
    public List<ChildViews.ConsentView> listConsents(@Parameter(description = "Registry id") @PathParam("id") String id) {
        return service.listConsents(id);
    }

    @POST
    @Path("/{id}/consents")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "Record a consent", description = "The record of a signed form, obtained by the caller's unit: which form, its "
            + "reference, who took it from whom, when and which sharing. It is PENDING and changes nothing until another person at the "
            + "prefecture center confirms it against the form (POST …/confirmation); the center is always covered, the other scopes add units.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "residence", ref = "ChildConsentRequest")))
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChildViews.ConsentView.class), examples = @ExampleObject(name = "recorded", ref = "ChildConsent")))
    @APIResponse(responseCode = "401", ref = ProblemResponsesFilter.STEP_UP)
    public Response recordConsent(@Parameter(description = "Registry id") @PathParam("id") String id,
            @Valid @NotNull ChildViews.ConsentRequest request) {
        return Response.status(201).entity(service.recordConsent(id, request)).build();
    }

    @POST
    @Path("/{id}/consents/{consentId}/confirmation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF })
    @Operation(summary = "Confirm a consent against the signed form",
            description = "Staff of the prefecture center, not the person who recorded it, after checking the form: documentRef repeats "
                    + "the reference on the form. From then on the consent is in force. 409 when it is no longer PENDING.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "checked", ref = "ConfirmConsentRequestChecked")))
    @APIResponse(responseCode = "200", description = "The confirmed consent", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChildViews.ConsentView.class), examples = @ExampleObject(name = "confirmed", ref = "ChildConfirmed")))
    @APIResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    @APIResponse(responseCode = "401", ref = ProblemResponsesFilter.STEP_UP)
    public ChildViews.ConsentView confirmConsent(@Parameter(description = "Registry id") @PathParam("id") String id,
            @Parameter(description = "Consent id") @PathParam("consentId") long consentId,
            @Valid @NotNull ChildViews.Confirmation confirmation) {
        return service.confirmConsent(id, consentId, confirmation);
    }

    @POST
    @Path("/{id}/consents/{consentId}/rejection")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF })
    @Operation(summary = "Reject a consent the form does not bear out",
            description = "Staff of the prefecture center, not the person who recorded it. The consent never takes effect.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "unsigned", ref = "RejectConsentRequestUnsigned")))
    @APIResponse(responseCode = "200", description = "The rejected consent", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChildViews.ConsentView.class), examples = @ExampleObject(name = "rejected", ref = "RejectConsent200Rejected")))
    @APIResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    @APIResponse(responseCode = "401", ref = ProblemResponsesFilter.STEP_UP)
    public ChildViews.ConsentView rejectConsent(@Parameter(description = "Registry id") @PathParam("id") String id,
            @Parameter(description = "Consent id") @PathParam("consentId") long consentId,
            @Valid @NotNull ChildViews.Rejection rejection) {
        return service.rejectConsent(id, consentId, rejection);
    }

    @POST
    @Path("/{id}/consents/{consentId}/withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "Withdraw a consent", description = "Recorded by the prefecture center, the unit that obtained the consent or a "
            + "unit under it, with the staff member who received the family's request. From then on the consent covers nobody: the next "
            + "read, list, inbox or replay shows it.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "today", ref = "WithdrawConsentRequestToday")))
    @APIResponse(responseCode = "200", description = "The withdrawn consent", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChildViews.ConsentView.class),
            examples = @ExampleObject(name = "withdrawn", ref = "WithdrawConsent200Withdrawn")))
    @APIResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    @APIResponse(responseCode = "401", ref = ProblemResponsesFilter.STEP_UP)
    public ChildViews.ConsentView withdrawConsent(@Parameter(description = "Registry id") @PathParam("id") String id,
            @Parameter(description = "Consent id") @PathParam("consentId") long consentId,
            @Valid @NotNull ChildViews.Withdrawal withdrawal) {
        return service.withdrawConsent(id, consentId, withdrawal);
    }
}
