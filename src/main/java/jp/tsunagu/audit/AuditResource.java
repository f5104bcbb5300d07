package jp.tsunagu.audit;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;
import jp.tsunagu.common.security.Roles;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.AUDITOR, Roles.CENTER_ADMIN })
@Tag(name = "audit", description = "The append-only, hash-chained access log (MHLW guideline 6.0): who operated on which record, when")
public class AuditResource {

    private final AuditService service;

    public AuditResource(AuditService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "Search the audit trail", description = "Newest first. Auditors and center admins only; reading it is itself audited.")
    @APIResponse(responseCode = "200", description = "A page of audit events", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditService.AuditPage.class),
            examples = @ExampleObject(name = "child-read", value = """
                    {"items":[{"id":812,"occurredAt":"2024-06-03T01:20:11.123456Z","subject":"coord.hiratsuka","role":"municipal-coordinator",
                      "unitCode":"m-142034","action":"CHILD_READ","objectType":"child","objectId":"7c0e2f0a-8d51-4d9e-b1a3-2e9f0f7b6c55",
                      "outcome":"SUCCESS","requestId":"5f0c8a4e-2b1d-4c3e-9f6a-7b8c9d0e1f2a","detail":"IDENTIFYING",
                      "rowHash":"9b1d6e0f2c5a4b3d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d"}],"page":0,"size":20,"totalItems":1,"totalPages":1}""")))
    public Page<AuditService.EventView> searchAudit(
            @Parameter(description = "Who (token subject / username)", example = "coord.hiratsuka") @QueryParam("subject") @Size(max = 100) String subject,
            @Parameter(description = "Action", example = "CHILD_READ") @QueryParam("action") @Size(max = 64) String action,
            @Parameter(description = "Object type", example = "child") @QueryParam("objectType") @Size(max = 32) String objectType,
            @Parameter(description = "Object id") @QueryParam("objectId") @Size(max = 64) String objectId,
            @Parameter(description = "SUCCESS, DENIED or REJECTED", example = "DENIED") @QueryParam("outcome") @Size(max = 16) String outcome,
            @Parameter(description = "From (inclusive), ISO instant", example = "2024-06-01T00:00:00Z") @QueryParam("from") Instant from,
            @Parameter(description = "To (exclusive), ISO instant", example = "2024-07-01T00:00:00Z") @QueryParam("to") Instant to,
            @BeanParam @Valid PageRequest page) {
        return service.search(new AuditService.Filter(subject, action, objectType, objectId, outcome, from, to), page);
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Verify the audit trail's hash chains",
            description = "The trail is several hash chains (16; an audited transaction writes all its rows on one)."
                    + " Re-computes every row's hash and the links between the rows of each chain, checks that each chain's head names its last row,"
                    + " and names the first row that was changed, removed or inserted behind the service's back; `chains` has one entry per chain.")
    @APIResponse(responseCode = "200", description = "The verification result", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditService.Verification.class),
            examples = { @ExampleObject(name = "intact", value = """
                    {"intact":true,"rowsChecked":812,"chains":[{"chain":1,"intact":true,"rowsChecked":655,"headId":811},
                      {"chain":2,"intact":true,"rowsChecked":157,"headId":812}]}"""),
                    @ExampleObject(name = "tampered", value = """
                    {"intact":false,"rowsChecked":457,"firstBrokenId":412,"problem":"row 412 was changed after it was written",
                      "chains":[{"chain":1,"intact":false,"rowsChecked":300,"headId":811,"firstBrokenId":412,"problem":"row 412 was changed after it was written"},
                      {"chain":2,"intact":true,"rowsChecked":157,"headId":812}]}""") }))
    public AuditService.Verification verifyAudit() {
        return service.verify();
    }
}
