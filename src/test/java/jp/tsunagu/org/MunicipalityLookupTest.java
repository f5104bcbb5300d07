package jp.tsunagu.org;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import jp.tsunagu.support.Api;

@QuarkusTest
class MunicipalityLookupTest {

    @Test
    void byCode() {
        Api.as("analyst.kanagawa").when().get("/api/v1/municipalities/142034").then().statusCode(200)
                .body("name", equalTo("平塚市")).body("prefName", equalTo("神奈川県")).body("nameKana", equalTo("ひらつかし"));
    }

    @Test
    void aWrongCheckDigitIsA400WithTheExpectedDigit() {
        Api.as("analyst.kanagawa").when().get("/api/v1/municipalities/142035").then().statusCode(400)
                .contentType("application/problem+json")
                .body("expectedCheckDigit", equalTo(4))
                .body("errors[0].field", equalTo("lgcode"))
                .body("errors[0].message", equalTo("has a wrong check digit: expected 4 (142034)"));
        Api.as("analyst.kanagawa").when().get("/api/v1/municipalities/14203").then().statusCode(400);
    }

    @Test
    void aValidCodeThatDoesNotExistIsNotFound() {
        Api.as("analyst.kanagawa").when().get("/api/v1/municipalities/149993").then().statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(strings = { "平塚", "ひらつか", "ヒラツカ", "ﾋﾗﾂｶ" })
    void byNameOrReadingInAnyKana(String q) {
        Api.as("branch.kenou").queryParam("q", q).queryParam("prefecture", "14").when().get("/api/v1/municipalities")
                .then().statusCode(200).body("items.lgcode", contains("142034"));
    }

    @Test
    void searchIsPaginatedAndAPrefixWildcardIsLiteral() {
        int total = Api.as("branch.kenou").queryParam("q", "よこはまし").queryParam("size", 5).when().get("/api/v1/municipalities")
                .then().statusCode(200).body("items.size()", equalTo(5)).extract().path("totalItems");
        assertEquals(19, total); // 横浜市 and its 18 wards
        Api.as("branch.kenou").queryParam("q", "%").when().get("/api/v1/municipalities")
                .then().statusCode(200).body("totalItems", equalTo(0));
        Api.as("branch.kenou").when().get("/api/v1/municipalities").then().statusCode(400)
                .body("errors.field", hasItem("q"));
    }
}
