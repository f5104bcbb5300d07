package jp.tsunagu.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import jp.tsunagu.common.text.Kana;
import jp.tsunagu.support.NodeTools;

/**
 * Every {@code pattern} of the contract, compiled by an ECMA-262 engine (Node's V8, with the {@code u} flag JSON
 * Schema implies) and applied with JSON Schema's semantics (a match anywhere in the value), accepts exactly what the
 * server accepts: Java's {@code @Pattern} matches the whole value, and {@code \S} is what SmallRye writes for
 * {@code @NotBlank}. A pattern only Java can compile, or one that is not anchored, fails here.
 */
class ContractPatternsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_BLANK = "\\S";

    /** Values a pattern of ours should accept or refuse; each pattern's own examples are added. */
    private static final List<String> PROBES = List.of("", " ", "　", "x", "14", "1", "142034", "x142034y", "1420345", "14203",
            "１４２０３４", "14-shonan-west", "やまだ", "ヤマダ", "ﾔﾏﾀﾞ", "やまだ たろう", "ヤマダ・タロウ", "ゃゅょっー", "ヴァ", "yamada",
            "山田", "やまだ1", "x-やまだ", "ㇰㇱ", "ゝゞヽヾ", "0463-00-0001", "+81 (463) 00-0001", "090", "abc-0000", "receivedAt",
            "-receivedAt", "xreceivedAt", "0b6f8f8e-3d7a-4c1e-9a55-2f0c6d1e7a10", "0B6F8F8E-3D7A-4C1E-9A55-2F0C6D1E7A10",
            "------------------------------------", "x0b6f8f8e-3d7a-4c1e-9a55-2f0c6d1e7a10", "5f0c8a4e-2b1d-4c3a-9f6a-7b8c9d0e1f2a",
            "req.1234:abc_x", "short", "a b", "\n", "line\nbreak", "142034\n");

    @Test
    void everyPatternCompilesInEcmaScriptAndAcceptsWhatTheServerAccepts() throws Exception {
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of("openapi", "openapi.yaml")));
        Map<String, Set<String>> patterns = new LinkedHashMap<>();
        collect(contract, "#", patterns);
        assertTrue(patterns.size() >= 5, "the contract has patterns: " + patterns.keySet());
        assertTrue(patterns.containsKey(Kana.PATTERN), "the kana pattern is in the contract");

        List<String> probes = new ArrayList<>(new LinkedHashSet<>(PROBES));
        collectExamples(contract, probes);
        NodeTools.install();
        String request = JSON.writeValueAsString(Map.of("patterns", List.copyOf(patterns.keySet()), "probes", probes));
        NodeTools.Result result = NodeTools.run(NodeTools.HOME, Duration.ofMinutes(1), request, Map.of(), "node", "patterns.mjs");
        assertEquals(0, result.exitCode(), result.output());
        JsonNode answers = JSON.readTree(result.output());

        List<String> wrong = new ArrayList<>();
        patterns.forEach((pattern, where) -> {
            JsonNode answer = answers.get(pattern);
            if (!answer.get("error").isNull()) {
                wrong.add(pattern + " does not compile in ECMA-262: " + answer.get("error").asText() + " (at " + where + ")");
                return;
            }
            boolean anchored = pattern.startsWith("^") && pattern.endsWith("$");
            if (!anchored && !pattern.equals(NOT_BLANK)) {
                wrong.add(pattern + " is not anchored, so JSON Schema matches it anywhere in a value (at " + where + ")");
            }
            Pattern java = Pattern.compile(pattern);
            for (int i = 0; i < probes.size(); i++) {
                String probe = probes.get(i);
                boolean byContract = answer.get("matches").get(i).asBoolean();
                boolean server = pattern.equals(NOT_BLANK) ? !probe.isBlank() : java.matcher(probe).matches();
                if (byContract != server) {
                    wrong.add(pattern + " on " + JSON.valueToTree(probe) + ": the contract says " + byContract + ", the server "
                            + server + " (at " + where.iterator().next() + ")");
                }
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void theKanaPatternTakesReadingsAndNothingElse() throws Exception {
        Pattern kana = Pattern.compile(Kana.PATTERN);
        for (String reading : List.of("やまだ", "ヤマダ　タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ", "ヴィクトリア・ジョーンズ", "ゝゞ")) {
            assertTrue(kana.matcher(reading).matches(), reading);
        }
        for (String other : List.of("山田", "yamada", "やまだ1", "", "やまだ\n")) {
            assertFalse(kana.matcher(other).matches(), other);
        }
    }

    private static void collect(JsonNode node, String at, Map<String, Set<String>> patterns) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("pattern") && e.getValue().isTextual()) {
                    patterns.computeIfAbsent(e.getValue().asText(), k -> new LinkedHashSet<>()).add(at);
                } else {
                    collect(e.getValue(), at + "/" + e.getKey(), patterns);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), at + "/" + i, patterns);
            }
        }
    }

    /** The string examples of schemas with a pattern: each must be accepted by both readings alike. */
    private static void collectExamples(JsonNode node, List<String> probes) {
        if (node.isObject()) {
            if (node.has("pattern")) {
                node.path("examples").forEach(e -> {
                    if (e.isTextual() && !probes.contains(e.asText())) {
                        probes.add(e.asText());
                    }
                });
                if (node.path("example").isTextual() && !probes.contains(node.path("example").asText())) {
                    probes.add(node.path("example").asText());
                }
            }
            node.elements().forEachRemaining(child -> collectExamples(child, probes));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectExamples(child, probes));
        }
    }
}
