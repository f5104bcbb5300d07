package jp.tsunagu.org;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jp.tsunagu.support.Api;

@QuarkusTest
class CoordinatorTest {

    private static String request(String name, String extra) {
        return """
                {"unitCode":"14-kenou","name":"%s","nameKana":"けんおう たろう","profession":"NURSE","role":"REGIONAL",
                 "phone":"046-000-1234","email":"taro.kenou@example.jp","municipalities":["142123","142131"],
                 "trainings":[{"course":"医療的ケア児等コーディネーター養成研修","fiscalYear":2023}]%s}""".formatted(name, extra);
    }

    private static int create(String name) {
        return Api.asJson("admin.kanagawa").body(request(name, "")).when().post("/api/v1/coordinators")
                .then().statusCode(201).header("Location", notNullValue())
                .body("unit.code", equalTo("14-kenou"))
                .body("municipalities.name", containsInAnyOrder("厚木市", "大和市"))
                .body("professionLabelJa", equalTo("看護師"))
                .body("version", equalTo(0))
                .extract().path("id");
    }

    @Test
    void anAdminRegistersUpdatesAndDeactivatesACoordinator() {
        String name = "県央 太郎 " + UUID.randomUUID().toString().substring(0, 4);
        int id = create(name);
        Api.asJson("admin.kanagawa").body(request(name, ",\"role\":\"LEAD\",\"version\":0").replace("\"role\":\"REGIONAL\",", ""))
                .when().put("/api/v1/coordinators/" + id).then().statusCode(200)
                .body("role", equalTo("LEAD")).body("version", equalTo(1));
        Api.asJson("admin.kanagawa").body(request(name, ",\"version\":0"))
                .when().put("/api/v1/coordinators/" + id).then().statusCode(409)
                .body("currentVersion", equalTo(1));
        Api.as("admin.kanagawa").when().delete("/api/v1/coordinators/" + id).then().statusCode(204);
        Api.as("staff.kanagawa").when().get("/api/v1/coordinators/" + id).then().statusCode(200).body("active", equalTo(false));
        Api.as("staff.kanagawa").queryParam("municipality", "142123").queryParam("active", true).queryParam("size", 100)
                .when().get("/api/v1/coordinators").then().statusCode(200).body("items.id", not(hasItem(id)));
    }

    @Test
    void searchByMunicipalityProfessionAndUnit() {
        String name = "検索 用子 " + UUID.randomUUID().toString().substring(0, 4);
        int id = create(name);
        Api.as("branch.kenou").queryParam("municipality", "142131").queryParam("profession", "NURSE").queryParam("size", 100)
                .when().get("/api/v1/coordinators").then().statusCode(200)
                .body("items.id", hasItem(id)).body("items.profession", everyItem(equalTo("NURSE")));
        Api.as("branch.kenou").queryParam("unit", "14-shonan-west").queryParam("size", 100)
                .when().get("/api/v1/coordinators").then().statusCode(200)
                .body("items.unit.code", everyItem(equalTo("14-shonan-west"))).body("items.id", not(hasItem(id)));
        Api.as("branch.kenou").queryParam("municipality", "142132").when().get("/api/v1/coordinators").then().statusCode(400)
                .body("expectedCheckDigit", equalTo(1));
    }

    @Test
    void contactDetailsAreForStaffRolesOnly() {
        int id = create("連絡 先子 " + UUID.randomUUID().toString().substring(0, 4));
        Api.as("coord.atsugi").when().get("/api/v1/coordinators/" + id).then().statusCode(200)
                .body("phone", equalTo("046-000-1234")).body("email", equalTo("taro.kenou@example.jp"));
        for (String user : new String[] { "analyst.kanagawa", "auditor.kanagawa" }) {
            Api.as(user).when().get("/api/v1/coordinators/" + id).then().statusCode(200)
                    .body("name", notNullValue()).body("phone", nullValue()).body("email", nullValue());
        }
        Api.asPartner().when().get("/api/v1/coordinators/" + id).then().statusCode(200).body("phone", nullValue());
    }

    @Test
    void everyInvalidFieldIsNamed() {
        Api.asJson("admin.kanagawa").body("""
                {"unitCode":"","name":"","nameKana":"Kenou Taro","profession":"NURSE","role":"REGIONAL",
                 "email":"not-an-email","phone":"abc","municipalities":["142124"],"trainings":[{"course":"","fiscalYear":1990}]}""")
                .when().post("/api/v1/coordinators").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("unitCode", "name", "nameKana", "email", "phone",
                        "trainings[0].course", "trainings[0].fiscalYear"));
        Api.asJson("admin.kanagawa").body(request("x", "").replace("\"NURSE\"", "\"SURGEON\""))
                .when().post("/api/v1/coordinators").then().statusCode(400)
                .body("errors[0].field", equalTo("profession"));
        Api.asJson("admin.kanagawa").body(request("y", "").replace("142131", "142132"))
                .when().post("/api/v1/coordinators").then().statusCode(400)
                .body("errors[0].field", equalTo("municipalities[1]")).body("expectedCheckDigit", equalTo(1));
        Api.asJson("admin.kanagawa").body(request("z", "").replace("142131", "131016"))
                .when().post("/api/v1/coordinators").then().statusCode(400)
                .body("errors[0].code", equalTo("other-prefecture"));
    }

    @Test
    void onlyCenterAdminsOfTheUnitsPrefectureManage() {
        Api.asJson("staff.kanagawa").body(request("a", "")).when().post("/api/v1/coordinators").then().statusCode(403);
        Api.asJson("branch.kenou").body(request("b", "")).when().post("/api/v1/coordinators").then().statusCode(403);
        Api.asJson("admin.kanagawa").body(request("c", "").replace("14-kenou", "13-tama").replace("[\"142123\",\"142131\"]", "[]"))
                .when().post("/api/v1/coordinators").then().statusCode(403);
        Api.as("staff.kanagawa").when().get("/api/v1/coordinators/999999").then().statusCode(404);
    }
}
