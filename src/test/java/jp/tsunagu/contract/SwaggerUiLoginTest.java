package jp.tsunagu.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jp.tsunagu.support.NodeTools;

/**
 * A newcomer opens Swagger UI, clicks Authorize, logs in on the realm's own login page as a demo user (authorization
 * code with PKCE through the public client {@code tsunagu-swagger-ui}) and tries one operation: 200. A real headless
 * Chromium (Debian's package, which {@code .ci/run} installs) driven by playwright-core (src/test/node/swagger-login.mjs).
 * Without Chromium the test is skipped on a developer's machine and fails under CI.
 */
@QuarkusTest
class SwaggerUiLoginTest {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @TestHTTPResource("/")
    URL base;

    @Test
    void aDemoUserLogsInThroughSwaggerUiAndCallsAnEndpoint() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            if (System.getenv("CI") != null) {
                fail(CHROMIUM + " is missing: .ci/run installs Debian's chromium package");
            }
            Assumptions.abort("no Chromium at " + CHROMIUM + " (apt-get install chromium); CI runs this test");
        }
        NodeTools.install();
        Path shot = Path.of("target", "swagger-ui-login.png").toAbsolutePath();
        NodeTools.Result run = NodeTools.run(NodeTools.HOME, Duration.ofMinutes(3), null, Map.of(
                "BASE_URL", base.toString(), "KC_USER", "branch.shonan-west", "KC_PASSWORD", "demo",
                "CHROMIUM", CHROMIUM.toString(), "SHOT", shot.toString()), "node", "swagger-login.mjs");
        String line = run.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("{}");
        JsonNode result = new ObjectMapper().readTree(line);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(result.path("authorized").asBoolean(), "logged in through Keycloak: " + run.output());
        assertEquals(200, result.path("status").asInt(), "the call from Swagger UI with the token: " + run.output());
    }
}
