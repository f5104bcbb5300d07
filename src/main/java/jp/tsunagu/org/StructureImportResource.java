package jp.tsunagu.org;

import java.io.StringReader;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jp.tsunagu.common.security.Caller;
import jp.tsunagu.common.security.Roles;

@Path("/api/v1/structure-imports")
@Tag(name = "organization")
public class StructureImportResource {

    private final StructureImporter importer;
    private final OrgAccess access;
    private final Caller caller;

    private final jp.tsunagu.audit.AuditLog audit;

    public StructureImportResource(StructureImporter importer, OrgAccess access, Caller caller, jp.tsunagu.audit.AuditLog audit) {
        this.importer = importer;
        this.access = access;
        this.caller = caller;
        this.audit = audit;
    }

    @POST
    @Consumes("text/csv")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CENTER_ADMIN)
    @Operation(summary = "Import a prefecture's structure from CSV",
            description = "Units and coverage periods in one CSV file (format in the README, 'Setting up a prefecture'). "
                    + "All or nothing: any bad line rejects the whole file with every problem listed by line number. "
                    + "Idempotent: units match by code, coverage by municipality and start date, so importing the same "
                    + "file again changes nothing. A center admin imports their own prefecture, or sets up a new one "
                    + "whose center is their own organization.")
    @RequestBody(content = @Content(mediaType = "text/csv", examples = @ExampleObject(name = "mie", ref = "StructureImportExample")))
    @APIResponse(responseCode = "200", description = "What the import changed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrgViews.ImportResult.class),
            examples = @ExampleObject(name = "first", ref = "ImportStructure200First")))
    public OrgViews.ImportResult importStructure(@NotBlank String csv) {
        return importer.importCsv(new StringReader(csv), scope -> {
            String ownCode = caller.orgCode().orElse("");
            String ownPrefecture = access.callerUnit().map(u -> u.prefCode).orElse(null);
            boolean bootstrapsOwnCenter = ownPrefecture == null && scope.unitCodes().contains(ownCode);
            for (String prefecture : scope.prefectures()) {
                if (!prefecture.equals(ownPrefecture) && !bootstrapsOwnCenter) {
                    throw audit.refuse("STRUCTURE_IMPORT", "prefecture", prefecture, "The file touches prefecture " + prefecture
                            + "; you manage " + (ownPrefecture == null ? "no prefecture yet" : "prefecture " + ownPrefecture) + ".");
                }
            }
            if (bootstrapsOwnCenter && scope.prefectures().size() != 1) {
                throw audit.refuse("STRUCTURE_IMPORT", "prefecture", null, "A new prefecture is set up one file at a time.");
            }
        });
    }
}
