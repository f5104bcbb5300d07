package jp.tsunagu.discharge;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

import jp.tsunagu.common.idempotency.Idempotency;
import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;
import jp.tsunagu.common.security.Caller;
import jp.tsunagu.common.security.Roles;

@Path("/api/v1/discharge-plans")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR, Roles.PARTNER_SYSTEM })
@Tag(name = "discharge-plans", description = "在宅生活支援プラン: the home-care plan drafted with the hospital before a child's discharge (DRAFT), "
        + "completed by the prefecture's center (COMPLETED) and handed to the municipality with a referral (HANDED_OFF). The "
        + "receiving unit sees the plan once it has accepted the referral. The child is shown under the registry's consent, scope "
        + "and audit rules.")
public class DischargeResource {

    static final String LOCATION = "/api/v1/discharge-plans/";

    private final DischargeService service;
    private final Idempotency idempotency;
    private final Caller caller;

    public DischargeResource(DischargeService service, Idempotency idempotency, Caller caller) {
        this.service = service;
        this.idempotency = idempotency;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.PARTNER_SYSTEM })
    @Operation(summary = "Submit a discharge plan draft",
            description = "By a hospital partner system (must send an Idempotency-Key: the same key and body replay the first answer "
                    + "with Idempotent-Replayed, another body is 422, a retry while the first runs 409) or by the center. For a registered "
                    + "child the partner may name (childId: one it registered itself), or with the child to register (child: the "
                    + "registry's registration with its duplicate check; a registration that would be held for the center's review "
                    + "answers 409 with code registration-held and saves nothing). Items: what has to be arranged, each with a unit or an "
                    + "external party responsible and a due date.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "draft", ref = "DischargeRequest")))
    @APIResponse(responseCode = "201", description = "Submitted", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DischargeViews.PlanView.class), examples = @ExampleObject(name = "draft", ref = "DischargePlan")))
    @APIResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    @APIResponse(responseCode = "422", ref = "#/components/responses/Unprocessable")
    public Response submitDischargePlan(
            @Parameter(description = "Required for partner systems; a client-chosen unique key (e.g. a UUID) per intended creation",
                    example = "4f1c2a7e-0d1b-4c3a-8e5f-6a7b8c9d0e1f") @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @Valid @NotNull DischargeViews.PlanRequest request) {
        return idempotency.create(caller, idempotencyKey, "POST /api/v1/discharge-plans", request, () -> {
            DischargeViews.PlanView created = service.submit(request);
            return new Idempotency.Created(created, LOCATION + created.id());
        }, location -> service.get(location.substring(LOCATION.length())));
    }

    @GET
    @Operation(summary = "List discharge plans", description = "The center: its prefecture's; a partner: its own submissions; a branch or "
            + "municipality: the plans handed to its units whose referral it has accepted. Soonest discharge first.")
    @APIResponse(responseCode = "200", description = "A page of plans", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DischargeViews.PlanPage.class), examples = @ExampleObject(name = "page", ref = "DischargePage")))
    public Page<DischargeViews.PlanSummary> listDischargePlans(@Parameter(description = "Only plans in this state") @QueryParam("state") PlanState state,
            @BeanParam @Valid PageRequest page) {
        return service.list(state, page);
    }

    @GET
    @Path("/overdue-items")
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF })
    @Operation(summary = "Items past their due date before discharge",
            description = "For the prefecture's center: items still OPEN or ARRANGED whose due date has passed (Japan's day) in plans "
                    + "whose planned discharge is today or later; the most overdue first, at most 500.")
    @APIResponse(responseCode = "200", description = "The overdue items", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DischargeViews.OverdueList.class), examples = @ExampleObject(name = "one", ref = "DischargeOverdue")))
    public DischargeViews.OverdueList listOverdueDischargeItems() {
        return service.overdue();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a discharge plan", description = "With the child as the registry shows it to you (the read is audited like "
            + "a read of the child). A partner system reads back the state of its own submission, without the child.")
    @APIResponse(responseCode = "200", description = "The plan", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DischargeViews.PlanView.class), examples = @ExampleObject(name = "handed off", ref = "DischargeHandedOff")))
    public DischargeViews.PlanView getDischargePlan(@Parameter(description = "Plan id", example = "a3c1f1de-2b9e-4f0c-8c55-6b7e0d9a1f20")
            @PathParam("id") @Size(max = 36) String id) {
        return service.get(id);
    }

    @POST
    @Path("/{id}/items")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF })
    @Operation(summary = "Add an item to a plan", description = "The prefecture's center, in any state of the plan.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "equipment", ref = "DischargeItemRequest")))
    @APIResponse(responseCode = "200", description = "The plan with the item", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DischargeViews.PlanView.class), examples = @ExampleObject(name = "draft", ref = "DischargePlan")))
    public DischargeViews.PlanView addDischargeItem(@Parameter(description = "Plan id", example = "a3c1f1de-2b9e-4f0c-8c55-6b7e0d9a1f20")
            @PathParam("id") @Size(max = 36) String id, @Valid @NotNull DischargeViews.ItemRequest request) {
        return service.addItem(id, request);
    }

    @POST
    @Path("/{id}/items/{itemId}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF })
    @Operation(summary = "Change an item's status", description = "OPEN, ARRANGED, DONE or NOT_NEEDED, with the item's version you read; "
            + "a stale version answers 409 with currentVersion and changes nothing.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "done", ref = "DischargeItemStatus")))
    @APIResponse(responseCode = "200", description = "The plan", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DischargeViews.PlanView.class), examples = @ExampleObject(name = "draft", ref = "DischargePlan")))
    public DischargeViews.PlanView setDischargeItemStatus(@Parameter(description = "Plan id", example = "a3c1f1de-2b9e-4f0c-8c55-6b7e0d9a1f20")
            @PathParam("id") @Size(max = 36) String id, @Parameter(description = "Item id", example = "17") @PathParam("itemId") long itemId,
            @Valid @NotNull DischargeViews.ItemStatusRequest request) {
        return service.setItemStatus(id, itemId, request);
    }

    @POST
    @Path("/{id}/completion")
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF })
    @Operation(summary = "Complete a draft", description = "DRAFT → COMPLETED by the prefecture's center; a plan needs at least one item. "
            + "Any other state answers 409 with currentState.")
    @APIResponse(responseCode = "200", description = "Completed", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DischargeViews.PlanView.class), examples = @ExampleObject(name = "draft", ref = "DischargePlan")))
    public DischargeViews.PlanView completeDischargePlan(@Parameter(description = "Plan id", example = "a3c1f1de-2b9e-4f0c-8c55-6b7e0d9a1f20")
            @PathParam("id") @Size(max = 36) String id) {
        return service.complete(id);
    }

    @POST
    @Path("/{id}/hand-off")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF })
    @Operation(summary = "Hand a completed plan to the municipality",
            description = "COMPLETED → HANDED_OFF: a referral (TRANSFER or CONSULT) of the consultation about the plan's child is made to "
                    + "the receiving unit, by the center unit that owns the consultation, exactly as POST /api/v1/referrals makes it. The "
                    + "receiving unit sees the plan once it accepts that referral.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "transfer", ref = "DischargeHandOff")))
    @APIResponse(responseCode = "200", description = "Handed off", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DischargeViews.PlanView.class), examples = @ExampleObject(name = "handed off", ref = "DischargeHandedOff")))
    public DischargeViews.PlanView handOffDischargePlan(@Parameter(description = "Plan id", example = "a3c1f1de-2b9e-4f0c-8c55-6b7e0d9a1f20")
            @PathParam("id") @Size(max = 36) String id, @Valid @NotNull DischargeViews.HandOffRequest request) {
        return service.handOff(id, request);
    }
}
