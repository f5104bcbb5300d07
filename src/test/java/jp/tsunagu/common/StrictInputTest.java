package jp.tsunagu.common;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jp.tsunagu.support.AdminDb;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Intake;
import jp.tsunagu.support.Tokens;

/** The lenient inputs the fuzzer found: each is a 400 (415 without a Content-Type) naming what is wrong, and saves nothing. */
@QuarkusTest
class StrictInputTest {

    static final String VALID = Intake.consultation("142034", "厳密な入力");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "trailing garbage            | }          | }xyz      | ",
            "two documents               | }          | }{}       | ",
            "enum as ordinal             | \"kind\":\"INDIVIDUAL\" | \"kind\":0 | kind",
            "boolean as string           | \"anonymous\":false | \"anonymous\":\"false\" | anonymous",
            "number as string for an id  | \"anonymous\":false | \"anonymous\":false,\"coordinatorId\":\"1\" | coordinatorId",
            "fraction truncated to an id | \"anonymous\":false | \"anonymous\":false,\"coordinatorId\":1.5 | coordinatorId",
            "number for a string         | \"chiefComplaint\":\"厳密な入力\" | \"chiefComplaint\":42 | chiefComplaint" })
    void lenientJsonIsRefused(String name, String find, String replace, String field) throws Exception {
        String body = VALID.replace(find.strip(), replace.strip());
        long before = AdminDb.count("select count(*) from consultation");
        var response = Api.asJson("staff.kanagawa").body(body).when().post("/api/v1/consultations").then().statusCode(400)
                .contentType("application/problem+json").body("detail", not(containsString("Exception")))
                .body("detail", not(containsString("com.fasterxml")));
        if (field != null && !field.isBlank()) {
            response.body("errors.field", hasItem(field.strip()));
        }
        assertEquals(before, AdminDb.count("select count(*) from consultation"), name + ": nothing saved");
    }

    @Test
    void aDateAsANumberIsRefused() {
        String child = Intake.child(Intake.randomKana(5), "たろう", "142034", null, null).replace("\"2021-05-10\"", "12345");
        Api.asJson("staff.kanagawa").body(child).when().post("/api/v1/children").then().statusCode(400)
                .body("errors.field", hasItem("birthDate"));
    }

    @Test
    void aBodyWithoutContentTypeIs415() throws Exception {
        long before = AdminDb.count("select count(*) from consultation");
        io.restassured.RestAssured.given().auth().oauth2(Tokens.of("staff.kanagawa")).body(VALID.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/v1/consultations").then().statusCode(415).contentType("application/problem+json")
                .body("type", equalTo("urn:tsunagu:problem:unsupported-media-type"));
        Api.as("staff.kanagawa").contentType("text/plain").body(VALID).when().post("/api/v1/consultations").then().statusCode(415)
                .contentType("application/problem+json");
        assertEquals(before, AdminDb.count("select count(*) from consultation"));
    }

    @ParameterizedTest(name = "{0}={1} on {2}")
    @CsvSource({
            "state, accepted, /api/v1/referrals/inbox",
            "state, NOPE, /api/v1/referrals/inbox",
            "page, abc, /api/v1/referrals/inbox",
            "overdue, maybe, /api/v1/referrals/inbox",
            "kind, BOGUS, /api/v1/consultations",
            "status, open, /api/v1/consultations",
            "from, 2024-13-01, /api/v1/consultations",
            "size, 1.5, /api/v1/consultations",
            "active, yes, /api/v1/coordinators",
            "date, 2024-02-30, /api/v1/units/14-center" })
    void unparseableQueryParametersAre400NamingTheParameter(String name, String value, String path) {
        Api.as("staff.kanagawa").queryParam(name, value).when().get(path).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo(name))
                .body("errors[0].message", not(containsString("Exception")));
    }

    @Test
    void enumParametersListTheirAllowedValues() {
        Api.as("staff.kanagawa").queryParam("state", "accepted").when().get("/api/v1/referrals/inbox").then().statusCode(400)
                .body("errors[0].message", containsString("ACCEPTED")).body("allowedValues", hasItem("ACCEPTED"));
    }

    @Test
    void aBinaryStructureImportIsA400() {
        byte[] bytes = new byte[2048];
        new Random(7).nextBytes(bytes);
        Api.as("admin.kanagawa").contentType("text/csv").body(bytes).when().post("/api/v1/structure-imports").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void anUnbalancedQuoteSaysWhichLineAndNoClassName() {
        String csv = jp.tsunagu.support.Fixtures.CSV_HEADER + "unit,\"14-x,BRANCH,14,14-center,名,めい,,2024-04-01,,,,\n";
        Api.as("admin.kanagawa").contentType("text/csv").body(csv).when().post("/api/v1/structure-imports").then()
                .statusCode(400).body(not(containsString("org.apache"))).body(not(containsString("Exception")))
                .body("errors[0].message", containsString("line 2"));
    }
}
