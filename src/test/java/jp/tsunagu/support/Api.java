package jp.tsunagu.support;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** RestAssured requests as a named demo user, with a real token. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(String username) {
        return given().auth().oauth2(Tokens.of(username));
    }

    public static RequestSpecification asPartner() {
        return given().auth().oauth2(Tokens.partner());
    }

    public static RequestSpecification asJson(String username) {
        return as(username).contentType("application/json");
    }
}
