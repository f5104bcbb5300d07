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
            examples = @ExampleObject(name = "child-read", ref = "SearchAudit200ChildRead")))
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
            examples = { @ExampleObject(name = "intact", ref = "VerifyAudit200Intact"),
                    @ExampleObject(name = "tampered", ref = "VerifyAudit200Tampered") }))
    public AuditService.Verification verifyAudit() {
        return service.verify();
    }
}
