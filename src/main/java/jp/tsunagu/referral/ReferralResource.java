package jp.tsunagu.referral;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
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

import jp.tsunagu.common.web.IfMatch;
import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;
import jp.tsunagu.common.security.Roles;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
@Tag(name = "referrals", description = "Hand-offs between tiers (後方支援・移管・助言), with the loop closed: progress reports and the sender's confirmation. "
        + "State machine (FHIR Task aligned): REQUESTED → ACCEPTED | DECLINED | CANCELLED; ACCEPTED → IN_PROGRESS | CANCELLED; "
        + "IN_PROGRESS → COMPLETED | FAILED | CANCELLED; COMPLETED → CLOSED (sender confirms) | IN_PROGRESS (sender reopens with a question). "
        + "The receiver accepts, declines, starts, completes and fails; the sender cancels, confirms and reopens.")
public class ReferralResource {

    private final ReferralService service;

    public ReferralResource(ReferralService service) {
        this.service = service;
    }

    private static Response withETag(Response.Status status, ReferralViews.ReferralView view) {
        Response.ResponseBuilder response = Response.status(status).entity(view).header(HttpHeaders.ETAG, "\"" + view.version() + "\"");
        if (status == Response.Status.CREATED) {
            response.header(HttpHeaders.LOCATION, "/api/v1/referrals/" + view.id());
        }
        return response.build();
    }

    @POST
    @Path("/referrals")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Refer a consultation to another unit",
            description = "Made by the unit that owns the consultation. ESCALATION goes up a tier and the sender keeps the case; "
                    + "TRANSFER goes down or sideways and the case moves when the receiver accepts; CONSULT asks for advice. The "
                    + "direction is derived from the tiers and stored with a snapshot of both units. When the consultation is about a "
                    + "registered child whose consent does not include SHARE_WITH_REFERRAL_RECIPIENTS, the receiver sees the child "
                    + "pseudonymously and childNotice says so.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "escalation", ref = "CreateReferralRequestEscalation")))
    @APIResponse(responseCode = "201", description = "Requested", headers = { @Header(name = "ETag", ref = "ETag"),
            @Header(name = "Location", ref = "Location") }, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReferralViews.ReferralView.class), examples = @ExampleObject(name = "requested", ref = "ReferralView")))
    @APIResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    public Response createReferral(@Valid @NotNull ReferralViews.ReferralRequest request) {
        return withETag(Response.Status.CREATED, service.create(request));
    }

    @GET
    @Path("/referrals/{id}")
    @Operation(summary = "Get a referral", description = "Sender and receiver units (and center staff) read it in every state, also after it ended.")
    @APIResponse(responseCode = "200", description = "The referral", headers = @Header(name = "ETag", ref = "ETag"), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReferralViews.ReferralView.class),
                    examples = @ExampleObject(name = "requested", ref = "ReferralView")))
    public Response getReferral(@Parameter(description = "Referral id") @PathParam("id") String id) {
        return withETag(Response.Status.OK, service.get(id));
    }

    @POST
    @Path("/referrals/{id}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move a referral through its state machine",
            description = "Requires If-Match with the referral's ETag: 428 without it, 412 when someone moved it first (one winner "
                    + "when two accept at once). A move the state does not allow answers 409 with currentState and allowedActions; a "
                    + "move that is not the caller's side's answers 403. Every move is recorded (GET …/history).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReferralMoves.class), examples = {
            @ExampleObject(name = "accept", ref = "TransitionReferralRequestAccept"),
            @ExampleObject(name = "decline", ref = "TransitionReferralRequestDecline"),
            @ExampleObject(name = "complete", ref = "TransitionReferralRequestComplete"),
            @ExampleObject(name = "reopen", ref = "TransitionReferralRequestReopen") }))
    @APIResponse(responseCode = "200", description = "The referral in its new state", headers = @Header(name = "ETag", ref = "ETag"), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReferralViews.ReferralView.class),
                    examples = @ExampleObject(name = "accepted", ref = "ReferralAccepted")))
    @APIResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    @APIResponse(responseCode = "412", ref = "#/components/responses/PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "#/components/responses/PreconditionRequired")
    public Response transitionReferral(@Parameter(description = "Referral id") @PathParam("id") String id,
            @Parameter(description = IfMatch.DESCRIPTION, required = true, example = "\"0\"") @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull ReferralViews.TransitionRequest request) {
        return withETag(Response.Status.OK, service.transition(id, ifMatch, request));
    }

    @GET
    @Path("/referrals/{id}/history")
    @Operation(summary = "Read a referral's history", description = "Every move: who, from which unit, when, from and to which state, and why.")
    @APIResponse(responseCode = "200", description = "The moves, oldest first", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ReferralViews.HistoryView.class),
            examples = @ExampleObject(name = "history", ref = "GetReferralHistory200History")))
    public List<ReferralViews.HistoryView> getReferralHistory(@Parameter(description = "Referral id") @PathParam("id") String id) {
        return service.history(id);
    }

    @GET
    @Path("/referrals/{id}/reports")
    @Operation(summary = "Read a referral's progress reports", description = "経過報告, oldest first; the sender keeps reading them after the referral ends.")
    @APIResponse(responseCode = "200", description = "The reports", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ReferralViews.ReportView.class),
            examples = @ExampleObject(name = "reports", ref = "ListReferralReports200Reports")))
    public List<ReferralViews.ReportView> listReferralReports(@Parameter(description = "Referral id") @PathParam("id") String id) {
        return service.reports(id);
    }

    @POST
    @Path("/referrals/{id}/reports")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post a progress report", description = "By the receiving unit while the referral is ACCEPTED or IN_PROGRESS. "
            + "Reports do not change the referral's ETag.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "contacted", ref = "PostReferralReportRequestContacted")))
    @APIResponse(responseCode = "201", description = "Posted", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReferralViews.ReportView.class), examples = @ExampleObject(name = "posted", ref = "PostReferralReport201Posted")))
    @APIResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    public Response postReferralReport(@Parameter(description = "Referral id") @PathParam("id") String id,
            @Valid @NotNull ReferralViews.ReportRequest request) {
        return Response.status(201).entity(service.addReport(id, request)).build();
    }

    @GET
    @Path("/referrals/inbox")
    @Operation(summary = "Referrals sent to my unit", description = "Newest first; filter by state, or overdue=true for those not answered "
            + "within the kind's business days or without a report for the kind's days (settings tsunagu.referral.*).")
    @APIResponse(responseCode = "200", description = "A page of referrals", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReferralViews.ReferralPage.class),
            examples = @ExampleObject(name = "inbox", ref = "ReferralInbox200Inbox")))
    public Page<ReferralViews.ReferralView> referralInbox(@Parameter(description = "State") @QueryParam("state") ReferralState state,
            @Parameter(description = "Only overdue ones") @QueryParam("overdue") @DefaultValue("false") boolean overdue,
            @BeanParam @Valid PageRequest page) {
        return service.box(true, state, overdue, page);
    }

    @GET
    @Path("/referrals/outbox")
    @Operation(summary = "Referrals sent by my unit", description = "Newest first, in every state: the sender follows up until it confirms closure.")
    @APIResponse(responseCode = "200", description = "A page of referrals", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReferralViews.ReferralPage.class),
            examples = @ExampleObject(name = "outbox", ref = "ReferralOutbox200Outbox")))
    public Page<ReferralViews.ReferralView> referralOutbox(@Parameter(description = "State") @QueryParam("state") ReferralState state,
            @Parameter(description = "Only overdue ones") @QueryParam("overdue") @DefaultValue("false") boolean overdue,
            @BeanParam @Valid PageRequest page) {
        return service.box(false, state, overdue, page);
    }
}
