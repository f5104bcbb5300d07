package jp.tsunagu.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jp.tsunagu.devstack.KeycloakServer;
import jp.tsunagu.support.Intake;
import jp.tsunagu.support.Tokens;

/**
 * Keycloak stopped under a running service (a Keycloak of its own, so the suite's stays up): tokens issued before keep
 * working, because quarkus-oidc holds the realm's signing keys; a token it cannot check is refused with a 401
 * problem, not a 5xx or a hang; readiness stays up (a login outage must not take the API's pods out of service) and
 * says that the realm is unreachable (README "Running in production").
 */
class KeycloakOutageIT {

    static final ObjectMapper JSON = new ObjectMapper();

    /** What the readiness report says of the realm (common.security.IdentityProviderReadiness, always UP). */
    static String identityProvider(ServiceInstance service) throws Exception {
        JsonNode health = JSON.readTree(service.get("/q/health/ready", null).body());
        for (JsonNode check : health.path("checks")) {
            if (check.path("name").asText().startsWith("Identity provider")) {
                assertEquals("UP", check.path("status").asText());
                return check.path("data").path("identityProvider").asText();
            }
        }
        throw new AssertionError("no identity provider check in " + health);
    }

    @Test
    void validTokensKeepWorkingWhileKeycloakIsDownAndUnknownOnesAreRefusedCleanly() throws Exception {
        Path build = ServiceInstance.buildDir();
        KeycloakServer keycloak = KeycloakServer.start(
                build.resolve("keycloak/keycloak-" + System.getProperty("tsunagu.keycloak.version")),
                build.resolve("test-classes/keycloak/tsunagu-realm.json"), Path.of(System.getProperty("java.home")),
                build.resolve("keycloak-outage"));
        try (ServiceInstance service = ServiceInstance.packaged("keycloak-outage",
                ServiceInstance.environment(System.getProperty("quarkus.datasource.jdbc.url"), keycloak.realmUrl())).start().awaitReady()) {
            String token = keycloak.passwordToken("staff.kanagawa", Tokens.PASSWORD);
            String foreign = Tokens.masterRealmAdmin(); // another Keycloak's key and issuer: this service cannot check it
            assertEquals(200, service.get("/api/v1/taxonomies", token).statusCode());
            assertEquals("reachable", identityProvider(service), "readiness names the realm while it answers");

            keycloak.close();
            assertThrows(java.io.IOException.class, () -> keycloak.passwordToken("staff.kanagawa", Tokens.PASSWORD),
                    "new logins fail: Keycloak is down");

            assertEquals(200, service.get("/api/v1/taxonomies", token).statusCode(), "a token issued before still works");
            HttpResponse<String> created = service.post("/api/v1/consultations", token, Intake.consultation("142034", "認証基盤停止中の受付"), Map.of());
            assertEquals(201, created.statusCode(), created.body());

            long t0 = System.nanoTime();
            HttpResponse<String> refused = service.get("/api/v1/taxonomies", foreign);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(401, refused.statusCode(), refused.body());
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), refused.headers().toString());
            assertTrue(ms < 10_000, "refused within " + ms + " ms");

            HttpResponse<String> ready = service.get("/q/health/ready", null);
            JsonNode health = JSON.readTree(ready.body());
            assertEquals(200, ready.statusCode(), ready.body());
            assertEquals("UP", health.get("status").asText());
            assertTrue(health.get("checks").toString().contains("Database connections health check"), ready.body());
            assertEquals("unreachable", identityProvider(service), "readiness says honestly that the realm is down: " + ready.body());
        } finally {
            keycloak.close();
        }
    }
}
