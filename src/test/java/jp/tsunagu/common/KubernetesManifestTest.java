package jp.tsunagu.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusTest;

/** The kustomize base stays wired to what the service really reads and serves. */
@QuarkusTest
class KubernetesManifestTest {

    private static final Path BASE = Path.of("k8s/base");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode read(String file) throws Exception {
        return YAML.readTree(BASE.resolve(file).toFile());
    }

    @Test
    void everyResourceOfTheKustomizationExistsAndParses() throws Exception {
        JsonNode kustomization = read("kustomization.yaml");
        for (JsonNode resource : kustomization.get("resources")) {
            JsonNode doc = read(resource.asText());
            assertTrue(doc.hasNonNull("kind"), resource.asText() + " has no kind");
        }
    }

    @Test
    void probesPointAtHealthEndpointsThatAnswer() throws Exception {
        JsonNode container = read("deployment.yaml").at("/spec/template/spec/containers/0");
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            String path = container.at("/" + probe + "/httpGet/path").asText();
            assertTrue(path.startsWith("/q/health/"), probe + " -> " + path);
            given().when().get(path).then().statusCode(200);
        }
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
    }

    @Test
    void everyVariableTheManifestsSetIsOneTheServiceReads() throws Exception {
        String properties = Files.readString(Path.of("src/main/resources/application.properties"), StandardCharsets.UTF_8);
        TreeSet<String> read = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{(TSUNAGU_[A-Z_]+)").matcher(properties);
        while (m.find()) {
            read.add(m.group(1));
        }
        List<String> set = new ArrayList<>();
        read("configmap.yaml").get("data").fieldNames().forEachRemaining(set::add);
        for (JsonNode env : read("deployment.yaml").at("/spec/template/spec/containers/0/env")) {
            set.add(env.get("name").asText());
        }
        List<String> unknown = set.stream().filter(name -> !read.contains(name)).toList();
        assertEquals(List.of(), unknown, "variables the service does not read; it reads " + read);
        assertTrue(set.containsAll(List.of("TSUNAGU_DB_URL", "TSUNAGU_DB_USER", "TSUNAGU_DB_PASSWORD", "TSUNAGU_OIDC_URL")));
    }
}
