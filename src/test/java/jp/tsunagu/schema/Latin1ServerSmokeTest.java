package jp.tsunagu.schema;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jp.tsunagu.devstack.Latin1MariaDb;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Intake;

/**
 * A smoke subset of the suite against a server whose defaults are latin1 (MariaDB before 11.6 unless configured,
 * many managed instances): the migrations must give every table utf8mb4 themselves. Intake with a Japanese 主訴
 * (with a character outside the BMP), the registry with Japanese names, municipality search by kana, statistics.
 * The service restarts for this class only (its own profile).
 */
@QuarkusTest
@TestProfile(Latin1ServerSmokeTest.Latin1Server.class)
class Latin1ServerSmokeTest {

    public static class Latin1Server implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Latin1MariaDb.class));
        }
    }

    private static final String COMPLAINT = "𠮷野さん（人工呼吸器・気管切開）の退院後、レスパイト先と訪問看護を探したい。ｶﾀｶﾅ半角も、①も🙏も。";

    @Test
    void theServerIsLatin1AndEveryColumnUtf8mb4Bin() throws SQLException {
        assertEquals("latin1", query("SELECT @@character_set_server").get(0));
        assertEquals("latin1_swedish_ci", query("SELECT @@collation_server").get(0));
        assertEquals("utf8mb4|utf8mb4_bin", query("SELECT CONCAT(default_character_set_name, '|', default_collation_name)"
                + " FROM information_schema.schemata WHERE schema_name = 'tsunagu'").get(0));
        assertEquals(List.of(), query("SELECT CONCAT(table_name, '.', column_name, ' ', collation_name) FROM information_schema.columns"
                + " WHERE table_schema = 'tsunagu' AND collation_name IS NOT NULL AND collation_name <> 'utf8mb4_bin'"
                + " AND table_name <> 'flyway_schema_history'"));
        assertTrue(Integer.parseInt(query("SELECT COUNT(*) FROM tsunagu.taxonomy_term WHERE label_ja = '家族'").get(0)) == 1);
    }

    @Test
    void intakeKeepsAJapaneseChiefComplaintByteForByte() throws SQLException {
        String id = Api.asJson("staff.kanagawa").body(Intake.consultation("142034", COMPLAINT)).when().post("/api/v1/consultations")
                .then().statusCode(201).extract().path("id");
        Api.as("staff.kanagawa").when().get("/api/v1/consultations/" + id).then().statusCode(200)
                .body("chiefComplaint", equalTo(COMPLAINT));
        assertEquals(COMPLAINT, query("SELECT chief_complaint FROM tsunagu.consultation WHERE id = ?", id).get(0));
    }

    @Test
    void registryWithJapaneseNamesAndTheirReadings() {
        String family = "しけん" + Intake.randomKana(6);
        String id = Api.asJson("coord.hiratsuka").body(Intake.child(family, "たろう", "142034", "\"CENTER_ONLY\",\"SHARE_WITH_RESIDENCE_MUNICIPALITY\"", null))
                .when().post("/api/v1/children").then().statusCode(201).extract().path("id");
        jp.tsunagu.support.Consents.confirmAll(id);
        Api.as("coord.hiratsuka").when().get("/api/v1/children/" + id).then().statusCode(200)
                .body("familyName", equalTo("試験")).body("givenName", equalTo("太郎")).body("familyNameKana", equalTo(family))
                .body("primaryHospital", equalTo("神奈川県立こども医療センター"));
        // The same reading in katakana is the same child for the duplicate check (name_kana_key).
        String katakana = family.chars().mapToObj(c -> String.valueOf((char) (c + 0x60))).reduce("", String::concat);
        Api.asJson("coord.hiratsuka").body(Intake.child(katakana, "タロウ", "142034", "\"CENTER_ONLY\"", null))
                .when().post("/api/v1/children").then().statusCode(409);
    }

    /** utf8mb4_bin keeps apart what a folding collation would make one duplicate: voiced and small kana. */
    @Test
    void readingsThatDifferOnlyInDakutenOrSmallKanaAreDifferentChildren() {
        String rest = Intake.randomKana(6);
        for (String family : List.of("はせ" + rest, "ばせ" + rest, "ぱせ" + rest, "きよ" + rest, "きょ" + rest)) {
            Api.asJson("staff.kanagawa").body(Intake.child(family, "たろう", "142034", null, null))
                    .when().post("/api/v1/children").then().statusCode(201);
        }
    }

    @Test
    void municipalitySearchByKana() {
        for (String q : List.of("平塚", "ひらつか", "ヒラツカ", "ﾋﾗﾂｶ")) {
            Api.as("branch.kenou").queryParam("q", q).queryParam("prefecture", "14").when().get("/api/v1/municipalities")
                    .then().statusCode(200).body("items.lgcode", contains("142034")).body("items[0].name", equalTo("平塚市"));
        }
    }

    @Test
    void statisticsWithJapaneseHeadings() {
        Api.asJson("staff.kanagawa").body(Intake.consultation("142034", "統計の確認")).when().post("/api/v1/consultations")
                .then().statusCode(201);
        JsonPath j = Api.as("staff.kanagawa").queryParams(Map.of("rows", "requesterType", "columns", "kind", "from", "2024-04-01", "to", "2025-03-31"))
                .when().get("/api/v1/stats/consultations").then().statusCode(200).extract().jsonPath();
        assertTrue(j.getList("table.rows.labelJa").contains("家族"), j.prettify());
        assertTrue(j.getInt("table.rows.find { it.code == 'FAMILY' }.total.count") >= 1, j.prettify());
        Api.as("staff.kanagawa").queryParams(Map.of("rows", "requesterType", "columns", "kind", "from", "2024-04-01", "to", "2025-03-31",
                "format", "csv")).when().get("/api/v1/stats/consultations").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("家族"));
        Api.as("analyst.kanagawa").when().get("/api/v1/taxonomies").then().statusCode(200).body("vocabularies.labelJa", hasItem("相談者種別"));
    }

    private static List<String> query(String sql, Object... params) throws SQLException {
        try (Connection c = DriverManager.getConnection(System.getProperty(Latin1MariaDb.ADMIN_JDBC_URL),
                System.getProperty("tsunagu.test.admin-user"), System.getProperty("tsunagu.test.admin-password"));
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }
    }
}
