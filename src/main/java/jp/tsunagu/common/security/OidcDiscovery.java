package jp.tsunagu.common.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The contract's {@code openIdConnectUrl} is relative ({@code /.well-known/openid-configuration}), so a client that
 * reads the contract from this service (Swagger UI, first of all) finds the Keycloak realm the service trusts,
 * wherever that realm runs: this answers with the realm's own discovery document, fetched from Keycloak. It is
 * public metadata; the issuer in it is the realm's, and tokens are still verified against that realm only. The
 * document is kept for five minutes: Keycloak changes it only when the realm's endpoints move.
 */
@Path("/.well-known/openid-configuration")
@PermitAll
public class OidcDiscovery {

    private static final Duration KEEP = Duration.ofMinutes(5);

    private final URI discovery;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private volatile String document;
    private volatile Instant fetchedAt = Instant.EPOCH;

    public OidcDiscovery(@ConfigProperty(name = "quarkus.oidc.auth-server-url") String realm) {
        this.discovery = URI.create(realm.replaceAll("/+$", "") + "/.well-known/openid-configuration");
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response get() {
        String current = document;
        if (current == null || fetchedAt.plus(KEEP).isBefore(Instant.now())) {
            String fresh = fetch(Duration.ofSeconds(5));
            if (fresh == null) {
                return unavailable(current);
            }
            current = fresh;
        }
        return Response.ok(current, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "max-age=300").build();
    }

    /** Whether the realm answers its discovery document now (a fresh request, for the readiness report). */
    public boolean reachable() {
        return fetch(Duration.ofSeconds(2)) != null;
    }

    /** The realm's discovery document, fetched now and kept; null when Keycloak does not answer it. */
    private String fetch(Duration timeout) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(discovery).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return null;
            }
            document = answer.body();
            fetchedAt = Instant.now();
            return answer.body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The last document while Keycloak does not answer, else 503 (the problem mapper writes the body). */
    private static Response unavailable(String last) {
        if (last != null) {
            return Response.ok(last, MediaType.APPLICATION_JSON_TYPE).build();
        }
        throw new jakarta.ws.rs.ServiceUnavailableException("The identity provider's discovery document is not available.");
    }
}
