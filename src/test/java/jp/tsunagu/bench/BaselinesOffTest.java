package jp.tsunagu.bench;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jp.tsunagu.support.AdminDb;
import jp.tsunagu.support.Tokens;

/**
 * The benchmark's baselines exist only where the benchmark switches them on: in every other run (this one, the
 * demo, production) they answer 404 like an unknown path, write nothing, and are absent from the contract. (Plain
 * RestAssured: the contract validation of {@code Api} would refuse a path the contract does not have.)
 */
@QuarkusTest
class BaselinesOffTest {

    static final String BODY = "{\"receivedAt\":\"2025-06-03T10:15:00+09:00\",\"channel\":\"PHONE\",\"requesterType\":\"FAMILY\","
            + "\"kind\":\"INDIVIDUAL\",\"topics\":[\"RESPITE_RESIDENTIAL\"],\"residenceLgcode\":\"142034\",\"anonymous\":false,"
            + "\"chiefComplaint\":\"ベースライン確認\",\"urgency\":\"NORMAL\"}";

    @Test
    void thePingAnswers404WithAToken() {
        RestAssured.given().auth().oauth2(Tokens.of("staff.kanagawa")).when().get("/api/v1/bench/ping").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void theJdbcIntakeAnswers404AndWritesNothing() throws Exception {
        long before = AdminDb.count("select count(*) from consultation where chief_complaint = ?", "ベースライン確認");
        RestAssured.given().auth().oauth2(Tokens.of("staff.kanagawa")).contentType("application/json").header("Idempotency-Key", "3b7c1a2e-0d1b-4c3a-8e5f-6a7b8c9d0e1f").body(BODY)
                .when().post("/api/v1/bench/intake?globalLock=true").then().statusCode(404).contentType("application/problem+json");
        assertEquals(before, AdminDb.count("select count(*) from consultation where chief_complaint = ?", "ベースライン確認"));
    }

    @Test
    void theContractDoesNotListThem() {
        String contract = RestAssured.when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertEquals(-1, contract.indexOf("/api/v1/bench"), "no baseline path in the served contract");
    }
}
