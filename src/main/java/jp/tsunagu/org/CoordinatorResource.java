package jp.tsunagu.org;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;
import jp.tsunagu.common.security.Roles;

@Path("/api/v1/coordinators")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "coordinators", description = "医療的ケア児等コーディネーター: who they are, where they work, which municipalities they cover")
public class CoordinatorResource {

    private final CoordinatorService service;

    public CoordinatorResource(CoordinatorService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "Search coordinators",
            description = "By municipality covered, unit, profession, role and active flag; paginated, ordered by reading. "
                    + "Phone and email are shown to staff roles only.")
    @APIResponse(responseCode = "200", description = "A page of coordinators", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrgViews.CoordinatorPage.class),
            examples = @ExampleObject(name = "page", ref = "SearchCoordinators200Page")))
    public Page<OrgViews.CoordinatorView> searchCoordinators(
            @Parameter(description = "Covers this municipality (6-digit code)", example = "142034") @QueryParam("municipality") String municipality,
            @Parameter(description = "Affiliated with this unit", example = "14-shonan-west") @QueryParam("unit") @Size(max = 64) String unit,
            @Parameter(description = "Profession") @QueryParam("profession") Profession profession,
            @Parameter(description = "Role") @QueryParam("role") CoordinatorRole role,
            @Parameter(description = "Active or not (default: both)") @QueryParam("active") Boolean active,
            @BeanParam @Valid PageRequest page) {
        return service.search(new CoordinatorService.Filter(municipality, unit, profession, role, active), page);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a coordinator", description = "Any signed-in role may read the directory of coordinators (names, units, "
            + "contact points and training, no data about children); 404 when the id does not exist.")
    @APIResponse(responseCode = "200", description = "The coordinator", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrgViews.CoordinatorView.class),
            examples = @ExampleObject(name = "lead", ref = "CoordinatorExample")))
    public OrgViews.CoordinatorView getCoordinator(@Parameter(description = "Coordinator id", example = "3") @PathParam("id") long id) {
        return service.get(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CENTER_ADMIN)
    @Operation(summary = "Register a coordinator", description = "Center admins, for units of their own prefecture.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "lead", ref = "CoordinatorRequest")))
    @APIResponse(responseCode = "201", description = "Registered", headers = @Header(name = "Location", ref = "Location"), content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OrgViews.CoordinatorView.class), examples = @ExampleObject(name = "lead", ref = "CoordinatorExample")))
    public Response createCoordinator(@Valid @NotNull OrgViews.CoordinatorRequest request) {
        OrgViews.CoordinatorView created = service.create(request);
        return Response.created(URI.create("/api/v1/coordinators/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CENTER_ADMIN)
    @Operation(summary = "Update a coordinator",
            description = "Replaces the coordinator's data. Send the version you read; a stale version answers 409.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "update", ref = "UpdateCoordinatorRequestUpdate")))
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrgViews.CoordinatorView.class),
            examples = @ExampleObject(name = "lead", ref = "CoordinatorExample")))
    @APIResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    public OrgViews.CoordinatorView updateCoordinator(@Parameter(description = "Coordinator id", example = "3") @PathParam("id") long id,
            @Valid @NotNull OrgViews.CoordinatorRequest request) {
        return service.update(id, request);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.CENTER_ADMIN)
    @Operation(summary = "Deactivate a coordinator",
            description = "The coordinator stays on record (statistics and referrals refer to them) but is no longer active.")
    @APIResponse(responseCode = "204", description = "Deactivated")
    public void deactivateCoordinator(@Parameter(description = "Coordinator id", example = "3") @PathParam("id") long id) {
        service.deactivate(id);
    }
}
