package jp.tsunagu.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/** The contract filter itself, against small inline specs; no Quarkus. */
class ContractValidationTest {

    private static final String SPEC = """
            openapi: 3.1.0
            paths:
              /api/v1/units/{code}:
                get:
                  responses:
                    "200":
                      description: The unit
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/Unit"
                    "404":
                      $ref: "#/components/responses/NotFound"
              /api/v1/referrals/inbox:
                get:
                  responses:
                    "200":
                      description: Inbox
                      content:
                        application/json:
                          schema:
                            type: array
                            items:
                              $ref: "#/components/schemas/Referral"
              /api/v1/referrals/{id}:
                get:
                  responses:
                    "200":
                      description: One referral
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/Referral"
                    default:
                      $ref: "#/components/responses/NotFound"
              /api/v1/examples-only:
                get:
                  responses:
                    "200":
                      description: Only an example
                      content:
                        application/json:
                          examples:
                            one:
                              value:
                                a: 1
                                list:
                                - b: 2
              /api/v1/shapes:
                get:
                  responses:
                    "200":
                      description: Composition
                      content:
                        application/json:
                          schema:
                            allOf:
                            - $ref: "#/components/schemas/MunicipalityRef"
                            - type: object
                              properties:
                                extra:
                                  type: ["string", "null"]
                                shape:
                                  oneOf:
                                  - type: object
                                    properties:
                                      radius: {type: number}
                                    required: [radius]
                                  - type: object
                                    properties:
                                      side: {type: integer}
                                    required: [side]
                                labels:
                                  type: object
                                  additionalProperties:
                                    type: string
            components:
              schemas:
                Unit:
                  type: object
                  required: [code]
                  properties:
                    code: {type: string}
                    tier: {type: integer, format: int32}
                    kind:
                      type: string
                      $ref: "#/components/schemas/Kind"
                      description: SmallRye-style sibling next to $ref
                    coverage:
                      type: array
                      items:
                        $ref: "#/components/schemas/MunicipalityRef"
                Kind:
                  type: string
                  enum: [CENTER, BRANCH, MUNICIPAL]
                MunicipalityRef:
                  type: object
                  properties:
                    lgcode: {type: string}
                    name: {type: string}
                Referral:
                  type: object
                  properties:
                    id: {type: string}
                    overdue: {type: boolean}
                Problem:
                  type: object
                  required: [type, title, status]
                  properties:
                    type: {type: string}
                    title: {type: string}
                    status: {type: integer, format: int32}
                    detail: {type: string}
                  additionalProperties: true
              responses:
                NotFound:
                  description: Not found
                  content:
                    application/problem+json:
                      schema:
                        $ref: "#/components/schemas/Problem"
            """;

    private static final JsonNode SPEC_TREE = ContractValidation.parse(SPEC);
    private final ContractValidation contract = new ContractValidation(SPEC_TREE, false);

    private static final String UNIT = """
            {"code":"14-shonan-west","tier":2,"kind":"BRANCH",
             "coverage":[{"lgcode":"142034","name":"平塚市"}]}""";

    private void ok(String method, String path, int status, String contentType, String body) {
        contract.check(method, path, status, contentType, body);
    }

    private String violation(String method, String path, int status, String contentType, String body) {
        return assertThrows(AssertionError.class, () -> contract.check(method, path, status, contentType, body))
                .getMessage();
    }

    @Test
    void aBodyThatFitsPasses() {
        ok("GET", "/api/v1/units/14-shonan-west?date=2024-06-01", 200, "application/json;charset=UTF-8", UNIT);
    }

    @Test
    void anExtraFieldIsNamedWithItsPathAndSchema() {
        String body = UNIT.replace("\"name\":\"平塚市\"", "\"name\":\"平塚市\",\"foo\":1");
        assertTrue(violation("GET", "/api/v1/units/14-shonan-west", 200, "application/json", body)
                .startsWith("GET /api/v1/units/{code} 200: /coverage/0: property 'foo' is not evaluated"));
        assertTrue(violation("GET", "/api/v1/units/x", 200, "application/json", "{\"code\":\"x\",\"secret\":\"s\"}")
                .startsWith("GET /api/v1/units/{code} 200: $: property 'secret' is not evaluated"));
    }

    @Test
    void aWrongTypeFails() {
        assertEquals("GET /api/v1/units/{code} 200: /tier: string found, integer expected (value \"2\")",
                violation("GET", "/api/v1/units/x", 200, "application/json", "{\"code\":\"x\",\"tier\":\"2\"}"));
        assertTrue(violation("GET", "/api/v1/units/x", 200, "application/json", "{\"code\":\"x\",\"tier\":2.5}")
                .contains("/tier: number found, integer expected"));
        assertTrue(violation("GET", "/api/v1/units/x", 200, "application/json", "[]")
                .contains("$: array found, object expected"));
    }

    @Test
    void anUndocumentedStatusFails() {
        assertEquals("GET /api/v1/units/{code} 409: status 409 is not documented for this operation (documented: 200, 404)",
                violation("GET", "/api/v1/units/x", 409, "application/problem+json",
                        "{\"type\":\"t\",\"title\":\"t\",\"status\":409}"));
    }

    @Test
    void aDefaultResponseDocumentsEveryOtherStatus() {
        ok("GET", "/api/v1/referrals/r1", 403, "application/problem+json", "{\"type\":\"t\",\"title\":\"t\",\"status\":403}");
    }

    @Test
    void anEnumValueThatIsNotListedFails() {
        assertEquals("GET /api/v1/units/{code} 200: /kind: does not have a value in the enumeration [\"CENTER\", \"BRANCH\", \"MUNICIPAL\"] (value \"PREFECTURE\")",
                violation("GET", "/api/v1/units/x", 200, "application/json", "{\"code\":\"x\",\"kind\":\"PREFECTURE\"}"));
    }

    @Test
    void aMissingRequiredPropertyFails() {
        assertTrue(violation("GET", "/api/v1/units/x", 200, "application/json", "{\"tier\":1}")
                .contains("required property 'code' not found"));
    }

    @Test
    void nullIsAValueOnlyWhereTheContractAllowsIt() {
        String message = violation("GET", "/api/v1/units/x", 200, "application/json", "{\"code\":\"x\",\"tier\":null,\"coverage\":null}");
        assertTrue(message.contains("/tier: null found, integer expected"), message);
        assertTrue(message.contains("/coverage: null found, array expected"), message);
        ok("GET", "/api/v1/shapes", 200, "application/json", "{\"extra\":null}");
    }

    @Test
    void aProblemWithExtensionMembersPasses() {
        ok("GET", "/api/v1/units/nope", 404, "application/problem+json", """
                {"type":"urn:tsunagu:problem:not-found","title":"Not found","status":404,
                 "detail":"Unit nope was not found.","requestId":"abc","errors":[],"anyExtension":{"x":1}}""");
    }

    @Test
    void aProblemIsStillTypeChecked() {
        assertTrue(violation("GET", "/api/v1/units/nope", 404, "application/problem+json",
                "{\"type\":\"t\",\"title\":\"t\",\"status\":\"404\"}").contains("/status: string found, integer expected"));
    }

    @Test
    void anUndocumentedMediaTypeFails() {
        assertTrue(violation("GET", "/api/v1/units/x", 200, "application/problem+json", "{\"code\":\"x\"}")
                .contains("a application/problem+json body is not documented for this response (documented: application/json)"));
    }

    @Test
    void literalSegmentsWinOverTemplates() {
        // /inbox is an array of Referral; were it matched as /{id}, the array would fail as "not an object"
        ok("GET", "/api/v1/referrals/inbox", 200, "application/json", "[{\"id\":\"r1\",\"overdue\":false}]");
        assertTrue(violation("GET", "/api/v1/referrals/inbox", 200, "application/json", "[{\"id\":\"r1\",\"ghost\":1}]")
                .startsWith("GET /api/v1/referrals/inbox 200: /0: property 'ghost' is not evaluated"));
        ok("GET", "/api/v1/referrals/r1", 200, "application/json", "{\"id\":\"r1\"}");
    }

    @Test
    void unknownRoutesAreOnlyCheckedWhenTheySucceed() {
        ok("GET", "/api/v1/no-such-thing", 404, "application/problem+json", "{\"whatever\":true}");
        ok("DELETE", "/api/v1/units/x", 405, "application/problem+json", "{\"whatever\":true}");
        assertEquals("GET /api/v1/undocumented 200: the request succeeded but the contract has no such operation",
                violation("GET", "/api/v1/undocumented", 200, "application/json", "{}"));
        assertTrue(violation("POST", "/api/v1/units/x", 201, "application/json", "{}")
                .contains("(path /api/v1/units/{code} has no POST)"));
        ok("OPTIONS", "/api/v1/units/x", 200, null, "");
    }

    @Test
    void nonJsonAndEmptyBodiesAreNotValidated() {
        ok("GET", "/api/v1/units/x", 200, "text/csv", "code,foo\nx,1\n");
        ok("GET", "/api/v1/units/x", 404, null, "");
    }

    @Test
    void schemalessResponsesAreSkippedUnlessExamplesAreStrict() {
        String body = "{\"a\":1,\"list\":[{\"b\":2,\"c\":3}],\"z\":0}";
        ok("GET", "/api/v1/examples-only", 200, "application/json", body);
        ContractValidation strict = new ContractValidation(SPEC_TREE, true);
        String message = assertThrows(AssertionError.class,
                () -> strict.check("GET", "/api/v1/examples-only", 200, "application/json", body)).getMessage();
        assertTrue(message.contains("$.list[0].c is not in the contract (no schema; not in any example)"), message);
        assertTrue(message.contains("$.z is not in the contract"), message);
    }

    @Test
    void allOfMergesAndOneOfAcceptsAnyBranch() {
        ok("GET", "/api/v1/shapes", 200, "application/json", """
                {"lgcode":"142034","name":"平塚市","extra":null,"shape":{"side":3},"labels":{"ja":"平塚"}}""");
        ok("GET", "/api/v1/shapes", 200, "application/json", "{\"extra\":\"e\",\"shape\":{\"radius\":1.5}}");
        assertTrue(violation("GET", "/api/v1/shapes", 200, "application/json", "{\"shape\":{\"corners\":4}}")
                .contains("/shape: must be valid to one and only one schema"));
        assertTrue(violation("GET", "/api/v1/shapes", 200, "application/json", "{\"labels\":{\"ja\":1}}")
                .contains("/labels/ja: integer found, string expected"));
        assertTrue(violation("GET", "/api/v1/shapes", 200, "application/json", "{\"extra\":5}")
                .contains("/extra: integer found, [string, null] expected"));
        assertTrue(violation("GET", "/api/v1/shapes", 200, "application/json", "{\"lgcode\":\"1\",\"nope\":1}")
                .contains("$: property 'nope' is not evaluated"));
    }

    @Test
    void everyViolationInABodyIsListed() {
        String message = violation("GET", "/api/v1/units/x", 200, "application/json",
                "{\"code\":\"x\",\"a\":1,\"coverage\":[{\"b\":1},{\"lgcode\":7}]}");
        // the contract's own rules first; undeclared properties (here "a") once the body passes them
        assertTrue(message.startsWith("GET /api/v1/units/{code} 200: "), message);
        assertTrue(message.contains("/coverage/1/lgcode: integer found, string expected"), message);
        // undeclared properties deepest first: "b" now, "a" once "b" is gone
        assertTrue(violation("GET", "/api/v1/units/x", 200, "application/json", "{\"code\":\"x\",\"a\":1,\"coverage\":[{\"b\":1}]}")
                .contains("/coverage/0: property 'b' is not evaluated"));
        assertTrue(violation("GET", "/api/v1/units/x", 200, "application/json", "{\"code\":\"x\",\"a\":1,\"coverage\":[{}]}")
                .contains("$: property 'a' is not evaluated"));
    }

    @Test
    void theFilterChecksRealRestAssuredResponses() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = (path.endsWith("/leaky") ? "{\"code\":\"leaky\",\"password\":\"x\"}" : "{\"code\":\"fine\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            given().filter(contract).baseUri(base).when().get("/api/v1/units/{code}?date=2024-06-01", "fine")
                    .then().statusCode(200);
            AssertionError e = assertThrows(AssertionError.class,
                    () -> given().filter(contract).baseUri(base).when().get("/api/v1/units/leaky"));
            assertTrue(e.getMessage().startsWith("GET /api/v1/units/{code} 200: $: property 'password' is not evaluated"), e.getMessage());
            // not under /api/: not checked
            given().filter(contract).baseUri(base).when().get("/q/whatever/leaky").then().statusCode(200);
        } finally {
            server.stop(0);
        }
    }
}
