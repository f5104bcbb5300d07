package jp.tsunagu.org;

import static jp.tsunagu.support.Fixtures.CSV_HEADER;
import static jp.tsunagu.support.Fixtures.MIE_CENTER;
import static jp.tsunagu.support.Fixtures.mieBranchLine;
import static jp.tsunagu.support.Fixtures.coverageLine;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Fixtures;

/**
 * Coverage changes from a date keep past attribution. Each test sets up its own branches in Mie, each
 * over municipalities no other test uses.
 */
@QuarkusTest
class CoverageChangeTest {

    private static void importStructure(String csv) {
        Api.as("admin.mie").contentType("text/csv").body(CSV_HEADER + MIE_CENTER + csv)
                .when().post("/api/v1/structure-imports").then().statusCode(200);
    }

    @Test
    void changingCoverageFromADateKeepsThePastAttribution() {
        String before = Fixtures.mieUnitCode();
        String after = Fixtures.mieUnitCode();
        importStructure(mieBranchLine(before, "旧窓口", "2020-04-01") + mieBranchLine(after, "新ブランチ", "2023-04-01")
                + coverageLine(before, "242012", "2020-04-01", null) + coverageLine(before, "242021", "2020-04-01", null));

        Api.asJson("admin.mie").body("{\"lgcodes\":[\"242012\",\"242021\"],\"validFrom\":\"2023-04-01\"}")
                .when().post("/api/v1/units/" + after + "/coverage")
                .then().statusCode(200)
                .body("coverageDate", equalTo("2023-04-01"))
                .body("coverage.lgcode", contains("242012", "242021"));

        Api.as("staff.kanagawa").queryParam("date", "2022-12-31").when().get("/api/v1/municipalities/242012/coverage")
                .then().statusCode(200).body("unit.code", equalTo(before));
        Api.as("staff.kanagawa").queryParam("date", "2023-04-01").when().get("/api/v1/municipalities/242012/coverage")
                .then().statusCode(200).body("unit.code", equalTo(after))
                .body("history.unit.code", contains(before, after))
                .body("history[0].validTo", equalTo("2023-04-01"));
        Api.as("staff.kanagawa").queryParam("date", "2022-12-31").when().get("/api/v1/units/" + before)
                .then().statusCode(200).body("coverage.lgcode", contains("242012", "242021"));
        Api.as("staff.kanagawa").queryParam("date", "2024-01-01").when().get("/api/v1/units/" + before)
                .then().statusCode(200).body("coverage.size()", equalTo(0));
    }

    @Test
    void aChangeDatedBeforeTheLastOneIsAConflict() {
        String a = Fixtures.mieUnitCode();
        String b = Fixtures.mieUnitCode();
        importStructure(mieBranchLine(a, "A", "2020-04-01") + mieBranchLine(b, "B", "2020-04-01")
                + coverageLine(a, "242039", "2022-04-01", null));
        Api.asJson("admin.mie").body("{\"lgcodes\":[\"242039\"],\"validFrom\":\"2021-04-01\"}")
                .when().post("/api/v1/units/" + b + "/coverage")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:tsunagu:problem:conflict"));
        Api.as("staff.kanagawa").queryParam("date", "2023-01-01").when().get("/api/v1/municipalities/242039/coverage")
                .then().body("unit.code", equalTo(a));
    }

    @Test
    void aWrongCheckDigitIsRejectedWithTheExpectedDigit() {
        String a = Fixtures.mieUnitCode();
        importStructure(mieBranchLine(a, "A", "2020-04-01"));
        Api.asJson("admin.mie").body("{\"lgcodes\":[\"242048\"],\"validFrom\":\"2023-04-01\"}")
                .when().post("/api/v1/units/" + a + "/coverage")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:tsunagu:problem:validation-failed"))
                .body("errors[0].field", equalTo("lgcodes[0]"))
                .body("errors[0].code", equalTo("check-digit"))
                .body("expectedCheckDigit", equalTo(7));
    }

    @Test
    void onlyCenterAdminsOfThePrefectureChangeCoverage() {
        Api.asJson("staff.kanagawa").body("{\"lgcodes\":[\"141054\"],\"validFrom\":\"2023-04-01\"}")
                .when().post("/api/v1/units/14-kenou/coverage").then().statusCode(403)
                .contentType("application/problem+json");
        Api.asJson("admin.kanagawa").body("{\"lgcodes\":[\"131016\"],\"validFrom\":\"2030-04-01\"}")
                .when().post("/api/v1/units/13-ku/coverage").then().statusCode(403);
        Api.asJson("admin.kanagawa").body("{\"lgcodes\":[],\"validFrom\":null}")
                .when().post("/api/v1/units/14-kenou/coverage").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("lgcodes", "validFrom"));
    }
}
