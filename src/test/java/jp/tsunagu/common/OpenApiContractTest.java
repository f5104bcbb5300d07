package jp.tsunagu.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusTest;
import jp.tsunagu.support.ContractExamples;

/**
 * The committed contract is the product's face: it must equal what the service serves, and every
 * operation in it must be documented well enough to generate a usable client.
 */
@QuarkusTest
class OpenApiContractTest {

    static final Path COMMITTED = Path.of("openapi/openapi.yaml");
    static final String REFRESH = "./mvnw -q package -DskipTests && cp target/openapi/openapi.yaml openapi/openapi.yaml";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private static JsonNode yaml(String text) throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(text);
    }

    private static String served() {
        return given().accept("application/yaml").when().get("/q/openapi").then().statusCode(200).extract().asString();
    }

    @Test
    void theCommittedContractEqualsWhatTheServiceServes() throws Exception {
        String committed = Files.readString(COMMITTED, StandardCharsets.UTF_8);
        String served = served();
        if (!yaml(committed).equals(yaml(served))) {
            String[] a = committed.split("\n");
            String[] b = served.split("\n");
            int line = 0;
            while (line < Math.min(a.length, b.length) && a[line].equals(b[line])) {
                line++;
            }
            fail("openapi/openapi.yaml differs from /q/openapi from line " + (line + 1) + ":\n  committed: "
                    + (line < a.length ? a[line] : "<end>") + "\n  served:    " + (line < b.length ? b[line] : "<end>")
                    + "\nRefresh it with: " + REFRESH);
        }
    }

    @Test
    void everyOperationHasASummaryAnIdExamplesAndDocumentedErrors() throws Exception {
        JsonNode doc = yaml(Files.readString(COMMITTED, StandardCharsets.UTF_8));
        List<String> problems = new ArrayList<>();
        Set<String> operationIds = new HashSet<>();
        int operations = 0;
        for (var path : doc.get("paths").properties()) {
            for (var op : path.getValue().properties()) {
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                operations++;
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = op.getValue();
                if (operation.path("summary").asText().isBlank()) {
                    problems.add(where + ": no summary");
                }
                String id = operation.path("operationId").asText();
                if (id.isBlank() || !operationIds.add(id)) {
                    problems.add(where + ": missing or duplicate operationId '" + id + "'");
                }
                if (operation.path("tags").isEmpty()) {
                    problems.add(where + ": no tag");
                }
                JsonNode responses = operation.path("responses");
                for (String status : List.of("401", "403", "500")) {
                    if (!responses.has(status)) {
                        problems.add(where + ": error response " + status + " not documented");
                    }
                }
                boolean successExample = false;
                for (var response : responses.properties()) {
                    if (response.getKey().startsWith("2")) {
                        successExample |= response.getValue().path("content").toString().contains("\"example");
                        successExample |= response.getKey().equals("204");
                    }
                }
                if (!successExample) {
                    problems.add(where + ": no example for the success response");
                }
                if (operation.has("requestBody") && !operation.path("requestBody").toString().contains("\"example")) {
                    problems.add(where + ": no example for the request body");
                }
                if (operation.path("security").isEmpty()) {
                    problems.add(where + ": no security requirement");
                }
                operation.findValues("examples").forEach(examples -> examples.properties().forEach(example -> {
                    JsonNode target = ContractExamples.follow(doc, example.getValue());
                    if (!target.has("value")) {
                        problems.add(where + ": example '" + example.getKey() + "' has no value");
                    }
                }));
            }
        }
        assertTrue(operations > 0, "the contract has no operations");
        assertEquals(List.of(), problems);
    }

    @Test
    void theOidcSchemeFindsTheRealmThroughTheServiceAndTheBearerSchemeServesGeneratedClients() throws Exception {
        JsonNode contract = yaml(Files.readString(COMMITTED, StandardCharsets.UTF_8));
        JsonNode oidc = contract.at("/components/securitySchemes/oidc");
        assertEquals("openIdConnect", oidc.path("type").asText());
        String url = oidc.path("openIdConnectUrl").asText();
        assertEquals("/.well-known/openid-configuration", url);
        // The relative URL resolves against the service, which answers with the realm's discovery document.
        String issuer = given().when().get(url).then().statusCode(200).contentType("application/json")
                .extract().path("issuer");
        assertTrue(issuer.endsWith("/realms/tsunagu"), issuer);
        given().when().get(url).then().body("authorization_endpoint", org.hamcrest.Matchers.startsWith(issuer))
                .body("code_challenge_methods_supported", org.hamcrest.Matchers.hasItem("S256"));

        JsonNode bearer = contract.at("/components/securitySchemes/bearer");
        assertEquals("http", bearer.path("type").asText());
        assertEquals("bearer", bearer.path("scheme").asText());
        List<String> unsecured = new ArrayList<>();
        contract.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!path.getKey().startsWith("/api/") || !METHODS.contains(op.getKey())) {
                return;
            }
            JsonNode security = op.getValue().path("security");
            boolean both = security.size() == 2 && security.get(0).has("bearer") && security.get(1).has("oidc")
                    && security.get(0).path("bearer").isEmpty() && security.get(1).path("oidc").isEmpty();
            if (!both) {
                unsecured.add(op.getKey().toUpperCase() + " " + path.getKey() + ": " + security);
            }
        }));
        assertEquals(List.of(), unsecured, "every /api operation takes the bearer token (or OIDC), with no scopes");
    }
}
