package jp.tsunagu.consultation;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jp.tsunagu.common.web.IfMatch;
import jp.tsunagu.common.idempotency.Idempotency;
import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;
import jp.tsunagu.common.security.Caller;
import jp.tsunagu.common.security.Roles;

@Path("/api/v1/consultations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "consultations", description = "Consultation intake (相談受付) and the shared timeline (主訴・状況・対応), scoped to the caller's organization")
public class ConsultationResource {

    static final String LOCATION = "/api/v1/consultations/";


    private final ConsultationService service;
    private final Idempotency idempotency;
    private final Caller caller;

    public ConsultationResource(ConsultationService service, Idempotency idempotency, Caller caller) {
        this.service = service;
        this.idempotency = idempotency;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR, Roles.PARTNER_SYSTEM })
    @Operation(summary = "Record a consultation",
            description = "Staff record consultations for their unit; partner systems (hospital NICUs, municipal web forms) submit "
                    + "theirs to the unit their client belongs to and must send an Idempotency-Key: the same key and body replay "
                    + "the first response (header Idempotent-Replayed), another body answers 422, a retry while the first is "
                    + "running answers 409. Anonymous consultations and consultations with no child are normal.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "family-phone", ref = "ConsultationRequest")))
    @APIResponse(responseCode = "201", description = "Recorded", headers = { @Header(name = "Location", ref = "Location"), @Header(name = "Idempotent-Replayed", ref = "Idempotent-Replayed") }, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConsultationViews.ConsultationView.class), examples = @ExampleObject(name = "recorded", ref = "ConsultationView")))
    @APIResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    @APIResponse(responseCode = "422", ref = "#/components/responses/Unprocessable")
    public Response createConsultation(
            @Parameter(description = "Required for partner systems; a client-chosen unique key (e.g. a UUID) per intended creation",
                    example = "4f1c2a7e-0d1b-4c3a-8e5f-6a7b8c9d0e1f") @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @Valid @NotNull ConsultationViews.ConsultationRequest request) {
        return idempotency.create(caller, idempotencyKey, "POST /api/v1/consultations", request, () -> {
            ConsultationViews.ConsultationView created = service.create(request);
            return new Idempotency.Created(created, LOCATION + created.id());
        }, location -> service.get(location.substring(LOCATION.length())));
    }

    @GET
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR, Roles.PARTNER_SYSTEM })
    @Operation(summary = "Search consultations",
            description = "Filters combine with AND; only consultations in the caller's scope are ever counted or returned.")
    @APIResponse(responseCode = "200", description = "A page of consultations", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsultationViews.ConsultationPage.class),
            examples = @ExampleObject(name = "page", ref = "ListConsultations200Page")))
    public Page<ConsultationViews.ConsultationView> listConsultations(
            @Parameter(description = "Status") @QueryParam("status") ConsultationEnums.Status status,
            @Parameter(description = "Kind") @QueryParam("kind") ConsultationEnums.Kind kind,
            @Parameter(description = "Received on or after (Japan date)", example = "2024-04-01") @QueryParam("from") LocalDate from,
            @Parameter(description = "Received on or before (Japan date)", example = "2025-03-31") @QueryParam("to") LocalDate to,
            @Parameter(description = "Has this topic code", example = "RESPITE_RESIDENTIAL") @QueryParam("topic") String topic,
            @Parameter(description = "Requester type code", example = "FAMILY") @QueryParam("requesterType") String requesterType,
            @Parameter(description = "Receiving unit code", example = "14-shonan-west") @QueryParam("receivingUnit") String receivingUnit,
            @Parameter(description = "Residence municipality code", example = "142034") @QueryParam("municipality") String municipality,
            @Parameter(description = "Sort by receivedAt; '-' for newest first", schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "receivedAt", "-receivedAt" },
                    extensions = @Extension(name = "x-enum-varnames", value = "[\"OLDEST_FIRST\", \"NEWEST_FIRST\"]", parseValue = true))) @QueryParam("sort") @DefaultValue("-receivedAt")
            @Pattern(regexp = "^-?receivedAt$") String sort,
            @BeanParam @Valid PageRequest page) {
        return service.list(new ConsultationService.Filter(status, kind, from, to, topic, requesterType, receivingUnit, municipality,
                sort.startsWith("-")), page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR, Roles.PARTNER_SYSTEM })
    @Operation(summary = "Get a consultation", description = "404 when it does not exist or is outside the caller's scope.")
    @APIResponse(responseCode = "200", description = "The consultation", headers = @Header(name = "ETag", ref = "ETag"), content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConsultationViews.ConsultationView.class), examples = @ExampleObject(name = "open", ref = "ConsultationView")))
    public Response getConsultation(@Parameter(description = "Consultation id") @PathParam("id") String id) {
        return withETag(service.get(id));
    }

    private static Response withETag(ConsultationViews.ConsultationView view) {
        return Response.ok(view).header(HttpHeaders.ETAG, ConsultationService.etag(view.version())).build();
    }

    @POST
    @Path("/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "Change a consultation's status",
            description = "OPEN → IN_PROGRESS → CLOSED; closing needs a closureReason; CLOSED → OPEN reopens and needs a note. "
                    + "Every change is recorded (GET …/status-history). Other changes answer 409 with currentStatus. Send If-Match with "
                    + "the consultation's ETag (428 without, 412 with currentETag and currentStatus when someone changed it first, "
                    + "a status change or a transfer's acceptance).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "close", ref = "ChangeConsultationStatusRequestClose")))
    @APIResponse(responseCode = "200", description = "The consultation with its new status", headers = @Header(name = "ETag", ref = "ETag"), content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsultationViews.ConsultationView.class), examples = @ExampleObject(name = "closed", ref = "ConsultationView")))
    @APIResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    @APIResponse(responseCode = "412", ref = "#/components/responses/PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "#/components/responses/PreconditionRequired")
    public Response changeConsultationStatus(@Parameter(description = "Consultation id") @PathParam("id") String id,
            @Parameter(description = IfMatch.DESCRIPTION, required = true, example = "\"0\"") @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull ConsultationViews.StatusChangeRequest request) {
        return withETag(service.changeStatus(id, ifMatch, request));
    }

    @GET
    @Path("/{id}/status-history")
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR, Roles.PARTNER_SYSTEM })
    @Operation(summary = "List a consultation's status changes", description = "Oldest first, from the intake on.")
    @APIResponse(responseCode = "200", description = "The changes", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ConsultationViews.StatusChangeView.class),
            examples = @ExampleObject(name = "history", ref = "GetConsultationStatusHistory200History")))
    public List<ConsultationViews.StatusChangeView> getConsultationStatusHistory(@Parameter(description = "Consultation id") @PathParam("id") String id) {
        return service.statusHistory(id);
    }

    @GET
    @Path("/{id}/timeline")
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR, Roles.PARTNER_SYSTEM })
    @Operation(summary = "Read the shared timeline", description = "Every entry, oldest first; corrections point at what they correct.")
    @APIResponse(responseCode = "200", description = "The timeline", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ConsultationViews.TimelineEntryView.class),
            examples = @ExampleObject(name = "timeline", ref = "GetTimeline200Timeline")))
    public List<ConsultationViews.TimelineEntryView> getTimeline(@Parameter(description = "Consultation id") @PathParam("id") String id) {
        return service.timeline(id);
    }

    @POST
    @Path("/{id}/timeline")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "Append to the shared timeline",
            description = "Entries are never edited or deleted; to correct one, append a new entry with correctsEntryId.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "response", ref = "AppendTimelineEntryRequestResponse")))
    @APIResponse(responseCode = "201", description = "Appended", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConsultationViews.TimelineEntryView.class), examples = @ExampleObject(name = "entry", ref = "AppendTimelineEntry201Entry")))
    public Response appendTimelineEntry(@Parameter(description = "Consultation id") @PathParam("id") String id,
            @Valid @NotNull ConsultationViews.TimelineEntryRequest request) {
        return Response.status(201).entity(service.append(id, request)).build();
    }
}
