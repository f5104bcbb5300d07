package jp.tsunagu.org;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jp.tsunagu.support.Api;

/** The demo structure of Kanagawa as loaded from the shared reference data. */
@QuarkusTest
class KanagawaStructureTest {

    static final List<String> BRANCHES = List.of("14-kenou", "14-kensei", "14-shonan-east", "14-shonan-west", "14-yokosuka-miura");
    static final List<String> CITY_WINDOWS = List.of("14-kawasaki", "14-sagamihara", "14-yokohama");

    @Test
    void theTreeHasOneCenterFiveBranchesAndThreeDesignatedCityWindows() {
        JsonPath tree = Api.as("staff.kanagawa").queryParam("prefecture", "14").queryParam("date", "2024-06-01")
                .when().get("/api/v1/units/tree").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("14-center"), tree.getList("roots.code"));
        assertEquals("CENTER", tree.getString("roots[0].kind"));
        List<Map<String, Object>> children = tree.getList("roots[0].children");
        List<String> branches = new ArrayList<>();
        List<String> windows = new ArrayList<>();
        int municipalities = 0;
        for (Map<String, Object> child : children) {
            if ("BRANCH".equals(child.get("kind"))) {
                branches.add((String) child.get("code"));
            } else if ("DESIGNATED_CITY_WINDOW".equals(child.get("kind"))) {
                windows.add((String) child.get("code"));
            }
            municipalities += (Integer) child.get("coveredMunicipalities");
        }
        assertEquals(BRANCHES, branches.stream().sorted().toList());
        assertEquals(CITY_WINDOWS, windows.stream().sorted().toList());
        assertEquals(33, municipalities);
        assertEquals(0, tree.getInt("roots[0].coveredMunicipalities"));
    }

    @Test
    void everyKanagawaMunicipalityIsCoveredByExactlyOneUnitOnADate() {
        for (String date : List.of("2022-06-01", "2024-06-01")) {
            List<String> covered = new ArrayList<>();
            for (String unit : concat(List.of("14-center"), BRANCHES, CITY_WINDOWS)) {
                covered.addAll(Api.as("branch.kenou").queryParam("date", date).when().get("/api/v1/units/" + unit)
                        .then().statusCode(200).extract().jsonPath().getList("coverage.lgcode", String.class));
            }
            assertEquals(33, covered.size(), date);
            assertEquals(33, new HashSet<>(covered).size(), "a municipality covered twice on " + date);
        }
    }

    @Test
    void before2023TheCenterWasTheOneWindowAndAfterwardsTheBranches() {
        Api.as("staff.kanagawa").queryParam("date", "2022-06-01").when().get("/api/v1/municipalities/142034/coverage")
                .then().statusCode(200).body("unit.code", equalTo("14-center"));
        Api.as("staff.kanagawa").queryParam("date", "2023-04-01").when().get("/api/v1/municipalities/142034/coverage")
                .then().statusCode(200).body("unit.code", equalTo("14-shonan-west"))
                .body("history.validFrom", contains("2021-10-01", "2023-04-01"))
                .body("history[0].validTo", equalTo("2023-04-01"))
                .body("history[1].validTo", nullValue());
    }

    @Test
    void whoCoversHiratsukaTodayIsShonanWestAndItsCoordinators() {
        Api.as("coord.hiratsuka").when().get("/api/v1/municipalities/142034/coverage")
                .then().statusCode(200)
                .body("municipality.name", equalTo("平塚市"))
                .body("unit.code", equalTo("14-shonan-west"))
                .body("unit.nameJa", equalTo("湘南西部ブランチ"))
                .body("coordinators.name", hasItems("湘南 花子", "平塚 一郎", "大磯 さくら"))
                .body("coordinators[0].role", equalTo("LEAD"))
                .body("coordinators.active", everyItem(equalTo(true)))
                .body("coordinators.phone", hasItem("0463-00-0001"));
    }

    @Test
    void tokyoHasTwoSitesAndTheIslandsGoToTheWardsSite() {
        Api.as("staff.tokyo").queryParam("prefecture", "13").when().get("/api/v1/units/tree")
                .then().statusCode(200)
                .body("roots.code", contains("13-center"))
                .body("roots[0].children.code", containsInAnyOrder("13-ku", "13-tama"));
        Api.as("staff.tokyo").when().get("/api/v1/municipalities/134210/coverage") // 小笠原村
                .then().statusCode(200).body("unit.code", equalTo("13-ku"));
        Api.as("staff.tokyo").when().get("/api/v1/municipalities/132063/coverage") // 府中市
                .then().statusCode(200).body("unit.code", equalTo("13-tama"));
    }

    @Test
    void unitsListAndFilterWithPagination() {
        Api.as("analyst.kanagawa").queryParam("prefecture", "14").queryParam("kind", "BRANCH").queryParam("size", 2)
                .when().get("/api/v1/units")
                .then().statusCode(200)
                .body("totalItems", equalTo(5)).body("totalPages", equalTo(3)).body("items.size()", equalTo(2));
        Api.as("analyst.kanagawa").queryParam("size", 101).when().get("/api/v1/units")
                .then().statusCode(400).body("errors[0].field", equalTo("size"));
        Api.as("analyst.kanagawa").queryParam("parent", "14-shonan-west").queryParam("size", 100).when().get("/api/v1/units")
                .then().statusCode(200).body("totalItems", equalTo(5)).body("items.kind", everyItem(equalTo("MUNICIPAL_OFFICE")));
    }

    @Test
    void anUnknownUnitIsNotFound() {
        Api.as("staff.kanagawa").when().get("/api/v1/units/14-nowhere").then().statusCode(404)
                .body("type", equalTo("urn:tsunagu:problem:not-found"));
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return all;
    }
}
