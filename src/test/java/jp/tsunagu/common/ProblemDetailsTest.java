package jp.tsunagu.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jp.tsunagu.support.Tokens;

/** Every kind of bad request answers the right status with an RFC 9457 body, through the one mapper. */
@QuarkusTest
class ProblemDetailsTest {

    private static final String VALID = """
            {"title":"respite","count":1,"receivedOn":"2024-05-01","items":[{"name":"a"}]}""";

    private ValidatableResponse post(String contentType, String body) {
        return given().auth().oauth2(Tokens.of("staff.kanagawa"))
                .contentType(contentType).body(body)
                .when().post("/api/v1/test-echo").then();
    }

    @Test
    void aValidBodyPasses() {
        post("application/json", VALID).statusCode(200).body("title", equalTo("respite"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        post("application/json", "{\"title\": \"respite\", ").statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tsunagu:problem:malformed-request"))
                .body("detail", containsString("not valid JSON"))
                .body("requestId", notNullValue());
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() {
        post("application/json", VALID.replace("\"count\":1", "\"count\":\"many\"")).statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tsunagu:problem:validation-failed"))
                .body("errors[0].field", equalTo("count"))
                .body("errors[0].code", equalTo("wrong-type"));
    }

    @Test
    void anUnknownFieldIsRejectedByName() {
        post("application/json", VALID.replace("{\"title\"", "{\"colour\":\"red\",\"title\"")).statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("colour"))
                .body("errors[0].code", equalTo("unknown-field"));
    }

    @Test
    void everyInvalidFieldIsListed() {
        post("application/json", """
                {"title":"","count":11,"receivedOn":"2999-01-01","items":[{"name":" "}]}""").statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tsunagu:problem:validation-failed"))
                .body("detail", equalTo("4 fields are invalid."))
                .body("errors.field", containsInAnyOrder("title", "count", "receivedOn", "items[0].name"))
                .body("errors.code", hasItem("PastOrPresent"));
    }

    @Test
    void aWrongMediaTypeIs415() {
        post("text/plain", "hello").statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tsunagu:problem:unsupported-media-type"));
    }

    @Test
    void anOversizedBodyIs413() {
        String huge = "{\"title\":\"" + "x".repeat(1_100_000) + "\",\"count\":1,\"items\":[{\"name\":\"a\"}]}";
        post("application/json", huge).statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tsunagu:problem:payload-too-large"));
    }

    @Test
    void anUnknownRouteIs404() {
        given().auth().oauth2(Tokens.of("staff.kanagawa")).when().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tsunagu:problem:not-found"));
        given().when().get("/nowhere/at/all")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aWrongMethodIs405() {
        given().auth().oauth2(Tokens.of("staff.kanagawa")).when().delete("/api/v1/taxonomies")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tsunagu:problem:method-not-allowed"));
    }

    @Test
    void anUnexpectedErrorIs500WithACorrelationIdAndNoInternals() {
        given().auth().oauth2(Tokens.of("staff.kanagawa")).header("X-Request-Id", "test-correlation-0001")
                .when().get("/api/v1/test-echo/boom")
                .then().statusCode(500)
                .contentType("application/problem+json")
                .header("X-Request-Id", "test-correlation-0001")
                .body("requestId", equalTo("test-correlation-0001"))
                .body(not(containsString("secret_table")))
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("at jp.tsunagu")));
    }

    @Test
    void aMissingRequestIdIsGenerated() {
        given().when().get("/api/v1/taxonomies").then().statusCode(401)
                .header("X-Request-Id", notNullValue())
                .body("requestId", notNullValue());
    }
}
