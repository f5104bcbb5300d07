package jp.tsunagu.bench;

import java.sql.SQLException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.Authenticated;
import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.ProblemType;
import jp.tsunagu.common.security.Caller;
import jp.tsunagu.common.security.Roles;
import jp.tsunagu.consultation.ConsultationViews.ConsultationRequest;

/**
 * The benchmark's in-process baselines, absent from the contract and answering 404 unless
 * {@code tsunagu.benchmark.baselines} is on (only the benchmark run sets it). Behind the same token check as the
 * service's own endpoints, so both sides of a ratio pay for it.
 */
@Path("/api/v1/bench")
public class BaselineResource {

    private final BenchSettings settings;
    private final Baselines baselines;
    private final Caller caller;

    BaselineResource(BenchSettings settings, Baselines baselines, Caller caller) {
        this.settings = settings;
        this.baselines = baselines;
        this.caller = caller;
    }

    /** P2's baseline: a token-checked request that does nothing else. */
    @GET
    @Path("/ping")
    @Authenticated
    @Operation(hidden = true)
    public Response ping() {
        enabled();
        return Response.noContent().build();
    }

    /** P1's baseline: the rows of an intake in one plain-JDBC transaction. */
    @POST
    @Path("/intake")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR, Roles.PARTNER_SYSTEM })
    @Operation(hidden = true)
    public Response intake(ConsultationRequest request, @HeaderParam("Idempotency-Key") String key,
            @QueryParam("globalLock") @DefaultValue("false") String globalLock) throws SQLException {
        enabled();
        String id = baselines.intake(caller.subject(), caller.orgCode().orElseThrow(), String.join(",", caller.roles()), request,
                key, Boolean.parseBoolean(globalLock));
        return Response.status(201).entity("{\"id\":\"" + id + "\"}").build();
    }

    private void enabled() {
        if (!settings.baselines()) {
            throw new ApiProblem(ProblemType.NOT_FOUND, "No such resource.");
        }
    }
}
