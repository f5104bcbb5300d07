package jp.tsunagu.taxonomy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jp.tsunagu.support.Tokens;

@QuarkusTest
class TaxonomyResourceTest {

    @Test
    void withoutATokenTheTaxonomyIsRefusedWithAProblem() {
        given().when().get("/api/v1/taxonomies")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:tsunagu:problem:unauthorized"))
                .body("status", equalTo(401));
    }

    @Test
    void aGarbageTokenIsRefused() {
        given().auth().oauth2("not.a.jwt").when().get("/api/v1/taxonomies")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anyAuthenticatedRoleReadsTheWholeTaxonomyWithBothLabels() {
        given().auth().oauth2(Tokens.of("coord.hiratsuka"))
                .when().get("/api/v1/taxonomies")
                .then().statusCode(200)
                .body("vocabularies.kind", contains("requester_type", "topic", "channel", "medical_care"))
                .body("vocabularies[0].terms", hasSize(7))
                .body("vocabularies[1].terms", hasSize(18))
                .body("vocabularies[2].terms", hasSize(6))
                .body("vocabularies[3].terms", hasSize(14))
                .body("vocabularies[0].terms[0].code", equalTo("FAMILY"))
                .body("vocabularies[0].terms[0].labelJa", equalTo("家族"))
                .body("vocabularies[0].terms[0].labelEn", equalTo("Family"))
                .body("vocabularies[1].labelJa", equalTo("相談内容"));
    }

    @Test
    void oneVocabularyByKind() {
        given().auth().oauth2(Tokens.of("staff.kanagawa"))
                .when().get("/api/v1/taxonomies/channel")
                .then().statusCode(200)
                .body("kind", equalTo("channel"))
                .body("terms.code", contains("PHONE", "WEB_FORM", "VISIT", "OUTREACH", "EMAIL", "PARTNER_SYSTEM"));
    }

    @Test
    void anUnknownVocabularyIsANotFoundProblem() {
        given().auth().oauth2(Tokens.of("staff.kanagawa"))
                .when().get("/api/v1/taxonomies/colours")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tsunagu:problem:not-found"))
                .body("detail", equalTo("Taxonomy colours was not found."));
    }
}
