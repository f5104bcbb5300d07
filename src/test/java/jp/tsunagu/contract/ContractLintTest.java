package jp.tsunagu.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jp.tsunagu.support.NodeTools;

/**
 * The two linters integrators run on a contract, with the rulesets committed beside it ({@code openapi/redocly.yaml},
 * {@code openapi/.spectral.yaml}; a rule switched off there says why): no error and no warning from either.
 */
class ContractLintTest {

    private static final Path OPENAPI = Path.of("openapi").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void tools() {
        NodeTools.install();
    }

    @Test
    void redoclyFindsNothing() throws Exception {
        NodeTools.Result result = NodeTools.run(OPENAPI, Duration.ofMinutes(3), null, Map.of(),
                NodeTools.bin("redocly"), "lint", "--config", "redocly.yaml", "--format", "json", "openapi.yaml");
        JsonNode report = JSON.readTree(result.output().substring(result.output().indexOf('{')));
        List<String> problems = new ArrayList<>();
        report.path("problems").forEach(p -> problems.add(p.path("severity").asText() + " " + p.path("ruleId").asText() + ": "
                + p.path("message").asText() + " at " + p.path("location").path(0).path("pointer").asText()));
        assertEquals(List.of(), problems, "redocly lint openapi/openapi.yaml");
        assertEquals(0, report.path("totals").path("errors").asInt(-1));
        assertEquals(0, report.path("totals").path("warnings").asInt(-1));
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void spectralFindsNothing() throws Exception {
        NodeTools.Result result = NodeTools.run(OPENAPI, Duration.ofMinutes(3), null, Map.of(),
                NodeTools.bin("spectral"), "lint", "--ruleset", ".spectral.yaml", "--format", "json", "--quiet",
                "--fail-severity", "hint", "openapi.yaml");
        String out = result.output().strip();
        JsonNode report = JSON.readTree(out.isEmpty() ? "[]" : out.substring(out.indexOf('[')));
        List<String> problems = new ArrayList<>();
        report.forEach(p -> problems.add(p.path("code").asText() + ": " + p.path("message").asText() + " at "
                + String.join(".", JSON.convertValue(p.path("path"), String[].class))));
        assertEquals(List.of(), problems, "spectral lint openapi/openapi.yaml");
        assertTrue(result.exitCode() == 0, result.output());
    }
}
