package jp.tsunagu.org;

import static jp.tsunagu.support.Fixtures.CSV_HEADER;
import static jp.tsunagu.support.Fixtures.MIE_CENTER;
import static jp.tsunagu.support.Fixtures.mieBranchLine;
import static jp.tsunagu.support.Fixtures.coverageLine;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Fixtures;

/** The structure import is all-or-nothing, names bad lines, and can be repeated. */
@QuarkusTest
class StructureImportTest {

    private static ValidatableResponse post(String user, String csv) {
        return Api.as(user).contentType("text/csv").body(csv).when().post("/api/v1/structure-imports").then();
    }

    private static void assertNoUnit(String code) {
        Api.as("staff.kanagawa").when().get("/api/v1/units/" + code).then().statusCode(404);
    }

    @Test
    void importingTheSameFileTwiceChangesNothingTheSecondTime() {
        String code = Fixtures.mieUnitCode();
        String csv = CSV_HEADER + MIE_CENTER + mieBranchLine(code, "テスト", "2024-04-01") + coverageLine(code, "242047", "2024-04-01", null);
        post("admin.mie", csv).statusCode(200)
                .body("coverageCreated", equalTo(1)).body("unitsUpdated", equalTo(0));
        // The center line is in every Mie file of these tests; on the second import both lines are unchanged.
        post("admin.mie", csv).statusCode(200)
                .body("unitsCreated", equalTo(0)).body("unitsUpdated", equalTo(0)).body("unitsUnchanged", equalTo(2))
                .body("coverageCreated", equalTo(0)).body("coverageUpdated", equalTo(0)).body("coverageUnchanged", equalTo(1));
        Api.as("staff.kanagawa").queryParam("date", "2024-05-01").when().get("/api/v1/units/" + code)
                .then().statusCode(200).body("coverage.lgcode", hasItem("242047"));
    }

    @Test
    void aBadMunicipalityCodeRejectsTheWholeFileNamingTheLine() {
        String good = Fixtures.mieUnitCode();
        String other = Fixtures.mieUnitCode();
        String csv = CSV_HEADER + MIE_CENTER
                + mieBranchLine(good, "良い行", "2024-04-01")                  // line 3
                + mieBranchLine(other, "良い行2", "2024-04-01")                // line 4
                + coverageLine(good, "242056", "2024-04-01", null);         // line 5: check digit should be 5
        post("admin.mie", csv).statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("line 5: lgcode"))
                .body("errors[0].message", containsString("expected 5"))
                .body("detail", containsString("nothing was imported"));
        assertNoUnit(good);
        assertNoUnit(other);
    }

    @Test
    void anUnknownParentRejectsTheWholeFileNamingTheLine() {
        String good = Fixtures.mieUnitCode();
        String orphan = Fixtures.mieUnitCode();
        String csv = CSV_HEADER + MIE_CENTER
                + mieBranchLine(good, "良い行", "2024-04-01")
                + "unit," + orphan + ",MUNICIPAL_OFFICE,24,24-no-such-parent,迷子,まいご,242080,2024-04-01,,,,\n";
        post("admin.mie", csv).statusCode(400)
                .body("errors[0].field", equalTo("line 4: parent_code"))
                .body("errors[0].message", containsString("24-no-such-parent"));
        assertNoUnit(good);
        assertNoUnit(orphan);
    }

    @Test
    void everyBadLineIsListedAtOnce() {
        String csv = CSV_HEADER
                + "unit,UPPER,BRANCH,24,24-center,名前,,,2024-04-01,,,,\n"
                + "unit,24-t-ok-kind,HOSPITAL,24,24-center,名前,,,2024-13-01,,,,\n"
                + "office,24-t-x,BRANCH,24,24-center,名前,,,2024-04-01,,,,\n";
        post("admin.mie", csv).statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("line 2: code", "line 3: kind", "line 3: valid_from", "line 4: record"));
    }

    @Test
    void aPeriodOverlappingStoredCoverageIsRejected() {
        String code = Fixtures.mieUnitCode();
        String first = Fixtures.mieUnitCode();
        post("admin.mie", CSV_HEADER + MIE_CENTER + mieBranchLine(first, "先", "2024-04-01")
                + coverageLine(first, "242101", "2024-04-01", null)).statusCode(200);
        // 亀山市 is now covered by the first branch from 2024-04-01 on; an open period from 2025 would overlap it.
        post("admin.mie", CSV_HEADER + mieBranchLine(code, "重複", "2024-04-01") + coverageLine(code, "242101", "2025-04-01", null))
                .statusCode(400).body("errors[0].field", equalTo("line 3: valid_from"))
                .body("errors[0].message", containsString("overlap"));
        assertNoUnit(code);
    }

    @Test
    void aWrongHeaderIsRejected() {
        post("admin.mie", "code,name\n14-x,y\n").statusCode(400).body("errors[0].field", equalTo("line 1: header"));
    }

    @Test
    void onlyCenterAdminsImportTheirOwnPrefecture() {
        String code = Fixtures.mieUnitCode();
        post("staff.kanagawa", CSV_HEADER + MIE_CENTER + mieBranchLine(code, "x", "2024-04-01")).statusCode(403);
        post("admin.kanagawa", CSV_HEADER + MIE_CENTER + mieBranchLine(code, "x", "2024-04-01")).statusCode(403)
                .body("detail", containsString("prefecture 24"));
        post("admin.mie", CSV_HEADER + "unit,13-t-x,CENTER_SITE,13,13-center,東京テスト,,,2024-04-01,,,,\n").statusCode(403)
                .body("detail", containsString("prefecture 13"));
        assertNoUnit(code);
    }

    @Test
    void aThirdPrefectureIsSetUpWithoutCodeChanges() {
        String branch = Fixtures.mieUnitCode();
        post("admin.mie", CSV_HEADER + MIE_CENTER + mieBranchLine(branch, "北勢支部", "2022-04-01")
                + coverageLine(branch, "242055", "2022-04-01", null)).statusCode(200);
        Api.as("staff.kanagawa").queryParam("prefecture", "24").when().get("/api/v1/units/tree").then().statusCode(200)
                .body("roots[0].code", equalTo("24-center"))
                .body("roots[0].children.code", hasItem(branch));
        Api.as("staff.kanagawa").when().get("/api/v1/municipalities/242055/coverage").then().statusCode(200)
                .body("unit.code", equalTo(branch));
    }
}
