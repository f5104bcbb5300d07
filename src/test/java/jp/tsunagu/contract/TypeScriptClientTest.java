package jp.tsunagu.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jp.tsunagu.support.NodeTools;
import jp.tsunagu.support.Tokens;

/**
 * A partner's integrator generates a TypeScript client from the committed contract (typescript-fetch, during the
 * build: see the {@code typescript-client} execution in pom.xml), compiles it with {@code tsc --strict}, and drives a
 * whole hand-off with it (src/test/node/handoff.ts). Moves the contract does not allow do not compile.
 */
@QuarkusTest
class TypeScriptClientTest {

    private static final Path OUT = Path.of("target", "generated-ts", "out", "src", "test", "node", "handoff.js").toAbsolutePath();

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void tools() {
        NodeTools.install();
    }

    @Test
    void theGeneratedClientCompilesStrictAndDrivesAHandOff() throws Exception {
        NodeTools.Result compiled = NodeTools.run(NodeTools.HOME, Duration.ofMinutes(3), null, Map.of(),
                NodeTools.bin("tsc"), "-p", "tsconfig.json");
        assertEquals(0, compiled.exitCode(), "tsc --strict on the generated client and handoff.ts:\n" + compiled.output());

        NodeTools.Result run = NodeTools.run(NodeTools.HOME, Duration.ofMinutes(2), null, Map.of(
                "BASE_URL", base.toString(),
                "TOKEN_COORDINATOR", Tokens.of("coord.hiratsuka"),
                "TOKEN_BRANCH", Tokens.of("branch.shonan-west")), "node", OUT.toString());
        assertEquals(0, run.exitCode(), run.output());
        JsonNode result = new ObjectMapper().readTree(run.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
        assertEquals(List.of("REQUESTED", "ACCEPTED", "IN_PROGRESS", "COMPLETED", "CLOSED"), strings(result.get("states")));
        assertEquals(List.of("REQUEST", "ACCEPT", "START", "COMPLETE", "CONFIRM_CLOSURE"), strings(result.get("history")));
        assertEquals("/api/v1/referrals/" + result.get("referralId").asText(),
                result.get("location").asText().replaceFirst("^https?://[^/]+", ""));
        assertEquals(412, result.at("/stale/status").asInt(), "a stale If-Match is refused");
        assertEquals("\"2\"", result.at("/stale/currentETag").asText(), "the declared problem member carries the ETag now");
        assertEquals("\"4\"", result.get("finalEtag").asText());
    }

    @Test
    void movesTheContractDoesNotAllowDoNotCompile() {
        NodeTools.Result compiled = NodeTools.run(NodeTools.HOME, Duration.ofMinutes(3), null, Map.of(),
                NodeTools.bin("tsc"), "-p", "tsconfig.negative.json");
        assertNotEquals(0, compiled.exitCode(), compiled.output());
        for (String line : List.of("must-not-compile.ts(4,", "must-not-compile.ts(5,", "must-not-compile.ts(6,", "must-not-compile.ts(7,")) {
            assertTrue(compiled.output().contains(line), line + " is refused:\n" + compiled.output());
        }
        assertTrue(compiled.output().contains("Property 'outcomeCode' is missing"), compiled.output());
        assertTrue(compiled.output().contains("Property 'reasonCode' is missing"), compiled.output());
        assertTrue(compiled.output().contains("Property 'question' is missing"), compiled.output());
    }

    private static List<String> strings(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
