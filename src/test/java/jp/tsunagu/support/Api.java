package jp.tsunagu.support;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** RestAssured requests as a named demo user, with a real token. */
public final class Api {

    private static boolean contractValidationRegistered;

    static {
        registerContractValidation();
    }

    /**
     * Every RestAssured response from /api/ is checked against openapi/openapi.yaml (see
     * {@link ContractValidation}). RestAssured.filters(...) appends to a static list, so register once;
     * the class-name check also covers a RestAssured shared with another classloader's copy of Api.
     */
    static synchronized void registerContractValidation() {
        if (contractValidationRegistered || io.restassured.RestAssured.filters().stream()
                .anyMatch(f -> f.getClass().getName().equals(ContractValidation.class.getName()))) {
            contractValidationRegistered = true;
            return;
        }
        io.restassured.RestAssured.filters(new ContractValidation());
        contractValidationRegistered = true;
    }

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
