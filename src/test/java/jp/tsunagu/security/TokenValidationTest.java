package jp.tsunagu.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jp.tsunagu.support.Tokens;

/** Tokens the service must refuse (401) and valid tokens with the wrong role (403), all from the real Keycloak. */
@QuarkusTest
class TokenValidationTest {

    private static ValidatableResponse call(String token) {
        var request = given();
        if (token != null) {
            request.auth().oauth2(token);
        }
        return request.when().get("/api/v1/taxonomies").then();
    }

    private static void refused(String token) {
        call(token).statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:tsunagu:problem:unauthorized"));
    }

    @Test
    void aMissingTokenIs401() {
        refused(null);
    }

    @Test
    void anExpiredTokenIs401() throws Exception {
        // This client's tokens live 2 seconds (realm setting), so the token is genuine but expired.
        String token = Tokens.viaClient("staff.kanagawa", "tsunagu-test-short");
        call(token).statusCode(200);
        Thread.sleep(3500);
        refused(token);
    }

    @Test
    void aTokenFromAnotherIssuerIs401() {
        refused(Tokens.masterRealmAdmin());
    }

    @Test
    void aTokenForAnotherAudienceIs401() {
        // Issued by the right realm to a client without the tsunagu-api audience.
        refused(Tokens.viaClient("staff.kanagawa", "tsunagu-other"));
    }

    @Test
    void anUnsignedAlgNoneTokenIs401() {
        String real = Tokens.of("staff.kanagawa");
        String payload = real.split("\\.")[1];
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        refused(header + "." + payload + ".");
    }

    @Test
    void aTamperedPayloadIs401() {
        String[] parts = Tokens.of("analyst.kanagawa").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"analyst\"", "\"center-admin\"");
        refused(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
    }

    @Test
    void aValidTokenWithTheWrongRoleIs403() {
        given().auth().oauth2(Tokens.of("analyst.kanagawa")).when().get("/api/v1/consultations").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("urn:tsunagu:problem:forbidden"));
        given().auth().oauth2(Tokens.of("branch.kenou")).when().get("/api/v1/audit").then().statusCode(403);
        given().auth().oauth2(Tokens.partner()).contentType("application/json").body("{\"status\":\"PUBLIC_HEALTH_NURSE\"}")
                .when().post("/api/v1/coordinators").then().statusCode(403);
    }
}
