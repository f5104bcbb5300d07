package jp.tsunagu.common;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.Authenticated;

/**
 * A test-only endpoint with a validated body, so the shared error path can be exercised before the
 * product has write endpoints of its own. Hidden from the contract.
 */
@Path("/api/v1/test-echo")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class EchoTestResource {

    public record Item(@NotBlank String name) {
    }

    public record EchoRequest(
            @NotBlank @Size(max = 20) String title,
            @Min(0) @Max(10) int count,
            @PastOrPresent LocalDate receivedOn,
            @NotEmpty List<@Valid Item> items) {
    }

    @POST
    @Operation(hidden = true)
    public EchoRequest echo(@Valid EchoRequest request) {
        return request;
    }

    @GET
    @Path("/boom")
    @Operation(hidden = true)
    public String boom(@QueryParam("why") String why) {
        throw new IllegalStateException("select * from secret_table where name = 'leak'");
    }
}
