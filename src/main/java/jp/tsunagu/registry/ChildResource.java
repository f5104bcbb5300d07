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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jp.tsunagu.common.idempotency.Idempotency;
import jp.tsunagu.common.security.Caller;
import jp.tsunagu.common.security.Roles;

@Path("/api/v1/children")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "registry", description = "Registered children (医療的ケア児) and their consent (同意書). Identifying data only where consent covers the caller's unit; every read is audited.")
public class ChildResource {

    static final String IDENTIFYING = """
            {"id":"7c0e2f0a-8d51-4d9e-b1a3-2e9f0f7b6c55","view":"IDENTIFYING","ageBand":"3-5","residence":{"lgcode":"142034","name":"平塚市"},
             "careTypes":["SUCTION","TUBE_FEEDING"],"mobileWithCare":true,"severeDisability":false,"ventilatorDependent":false,
             "familyName":"山田","givenName":"太郎","familyNameKana":"やまだ","givenNameKana":"たろう","birthDate":"2021-05-10","sex":"MALE",
             "guardian":{"name":"山田 花子","phone":"090-0000-0000"},"primaryHospital":"神奈川県立こども医療センター","registrationSource":"STAFF","version":0}""";
    static final String PSEUDONYMOUS = """
            {"id":"7c0e2f0a-8d51-4d9e-b1a3-2e9f0f7b6c55","view":"PSEUDONYMOUS","viewReason":"no consent in force covers your unit",
             "ageBand":"3-5","residence":{"lgcode":"142034","name":"平塚市"},"careTypes":["SUCTION","TUBE_FEEDING"],
             "mobileWithCare":true,"severeDisability":false,"ventilatorDependent":false}""";
    static final String CONSENT = """
            {"id":4,"scopes":["CENTER_ONLY","SHARE_WITH_RESIDENCE_MUNICIPALITY"],"obtainedOn":"2024-06-03","obtainedByUnitCode":"m-142034",
             "documentRef":"同意書 2024-0153","active":true}""";

    private final ChildService service;
    private final Idempotency idempotency;
    private final Caller caller;

    public ChildResource(ChildService service, Idempotency idempotency, Caller caller) {
        this.service = service;
        this.idempotency = idempotency;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR, Roles.PARTNER_SYSTEM })
    @Operation(summary = "Register a child",
            description = "With the consent taken at registration, if any. A child with the same reading (hiragana/katakana and "
                    + "full/half width folded), birth date and municipality answers 409 with existingChildIds, unless those ids are "
                    + "listed in confirmedDistinctFrom. Partner systems must send an Idempotency-Key.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "staff", value = """
            {"familyName":"山田","givenName":"太郎","familyNameKana":"やまだ","givenNameKana":"たろう","birthDate":"2021-05-10","sex":"MALE",
             "residenceLgcode":"142034","guardian":{"name":"山田 花子","phone":"090-0000-0000"},"careTypes":["SUCTION","TUBE_FEEDING"],
             "mobileWithCare":true,"severeDisability":false,"ventilatorDependent":false,"primaryHospital":"神奈川県立こども医療センター",
             "registrationSource":"STAFF","consent":{"scopes":["CENTER_ONLY","SHARE_WITH_RESIDENCE_MUNICIPALITY"],"obtainedOn":"2024-06-03","documentRef":"同意書 2024-0153"}}""")))
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChildViews.ChildView.class), examples = @ExampleObject(name = "registered", value = IDENTIFYING)))
    @APIResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    @APIResponse(responseCode = "422", ref = "#/components/responses/Unprocessable")
    public Response registerChild(
            @Parameter(description = "Required for partner systems", example = "0c9d8e7f-1a2b-4c3d-9e8f-7a6b5c4d3e2f")
            @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @Valid @NotNull ChildViews.ChildRequest request) {
        return idempotency.create(caller, idempotencyKey, "POST /api/v1/children", request, () -> {
            ChildViews.ChildView created = service.register(request);
            return new Idempotency.Created(created, "/api/v1/children/" + created.id());
        });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR, Roles.PARTNER_SYSTEM })
    @Operation(summary = "Get a registered child",
            description = "The identifying view where a consent in force covers the caller's unit, else the pseudonymous view "
                    + "(view and viewReason say which). Withdrawal of consent takes effect on the next request. 404 outside the caller's scope.")
    @APIResponse(responseCode = "200", description = "The child", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChildViews.ChildView.class),
            examples = { @ExampleObject(name = "identifying", value = IDENTIFYING), @ExampleObject(name = "pseudonymous", value = PSEUDONYMOUS) }))
    public ChildViews.ChildView getChild(@Parameter(description = "Registry id") @PathParam("id") String id) {
        return service.get(id);
    }

    @GET
    @Path("/{id}/consents")
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "List a child's consents", description = "Every consent, in force or withdrawn, oldest first.")
    @APIResponse(responseCode = "200", description = "The consents", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ChildViews.ConsentView.class),
            examples = @ExampleObject(name = "one", value = "[" + CONSENT + "]")))
    public List<ChildViews.ConsentView> listConsents(@Parameter(description = "Registry id") @PathParam("id") String id) {
        return service.consents(id);
    }

    @POST
    @Path("/{id}/consents")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "Record a consent", description = "Obtained by the caller's unit; the center is always covered, the other scopes add units.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "residence", value = """
            {"scopes":["CENTER_ONLY","SHARE_WITH_RESIDENCE_MUNICIPALITY"],"obtainedOn":"2024-06-03","documentRef":"同意書 2024-0153"}""")))
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChildViews.ConsentView.class), examples = @ExampleObject(name = "recorded", value = CONSENT)))
    public Response recordConsent(@Parameter(description = "Registry id") @PathParam("id") String id,
            @Valid @NotNull ChildViews.ConsentRequest request) {
        return Response.status(201).entity(service.recordConsent(id, request)).build();
    }

    @POST
    @Path("/{id}/consents/{consentId}/withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR })
    @Operation(summary = "Withdraw a consent", description = "From withdrawnOn on, the consent no longer covers anyone; the next read shows it.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "today",
            value = "{\"withdrawnOn\":\"2024-09-30\"}")))
    @APIResponse(responseCode = "200", description = "The withdrawn consent", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChildViews.ConsentView.class),
            examples = @ExampleObject(name = "withdrawn", value = """
                    {"id":4,"scopes":["CENTER_ONLY","SHARE_WITH_RESIDENCE_MUNICIPALITY"],"obtainedOn":"2024-06-03","obtainedByUnitCode":"m-142034",
                     "documentRef":"同意書 2024-0153","withdrawnOn":"2024-09-30","active":false}""")))
    @APIResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    public ChildViews.ConsentView withdrawConsent(@Parameter(description = "Registry id") @PathParam("id") String id,
            @Parameter(description = "Consent id") @PathParam("consentId") long consentId,
            @Valid @NotNull ChildViews.Withdrawal withdrawal) {
        return service.withdraw(id, consentId, withdrawal);
    }
}
