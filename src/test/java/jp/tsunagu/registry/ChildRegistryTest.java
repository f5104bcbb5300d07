package jp.tsunagu.registry;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Consents;
import jp.tsunagu.support.Intake;

@QuarkusTest
class ChildRegistryTest {

    private static final String CENTER_AND_RESIDENCE = "\"CENTER_ONLY\",\"SHARE_WITH_RESIDENCE_MUNICIPALITY\"";

    static String register(String user, String family, String given, String residence, String scopes) {
        return Api.asJson(user).body(Intake.child(family, given, residence, scopes, null)).when().post("/api/v1/children")
                .then().statusCode(201).header("Location", notNullValue()).extract().path("id");
    }

    /** Registered with the consent, and the consent checked by the center. */
    static String registerConfirmed(String user, String family, String given, String residence, String scopes) {
        String id = register(user, family, given, residence, scopes);
        Consents.confirmAll(id);
        return id;
    }

    @Test
    void aCoordinatorSeesIdentifyingDataOnlyWhileConsentCoversTheirMunicipality() {
        String id = registerConfirmed("coord.hiratsuka", Intake.randomKana(4), "たろう", "142034", CENTER_AND_RESIDENCE);
        Api.as("coord.hiratsuka").when().get("/api/v1/children/" + id).then().statusCode(200)
                .body("view", equalTo("IDENTIFYING"))
                .body("familyName", equalTo("試験")).body("birthDate", equalTo("2021-05-10"))
                .body("guardian.phone", equalTo("090-0000-0000"));
        Api.as("staff.kanagawa").when().get("/api/v1/children/" + id).then().statusCode(200).body("view", equalTo("IDENTIFYING"));
        // The branch sees the child of its region, but the consent does not cover it: pseudonymous.
        Api.as("branch.shonan-west").when().get("/api/v1/children/" + id).then().statusCode(200)
                .body("view", equalTo("PSEUDONYMOUS"))
                .body("viewReason", equalTo("no consent in force covers your unit"))
                .body("familyName", nullValue()).body("birthDate", nullValue()).body("guardian", nullValue())
                .body("ageBand", notNullValue()).body("residence.lgcode", equalTo("142034"))
                .body("careTypes", contains("SUCTION", "TUBE_FEEDING"));
        Api.as("branch.kenou").when().get("/api/v1/children/" + id).then().statusCode(404);
        Api.as("coord.atsugi").when().get("/api/v1/children/" + id).then().statusCode(404);

        int consentId = Api.as("coord.hiratsuka").when().get("/api/v1/children/" + id + "/consents").then().statusCode(200)
                .body("[0].active", equalTo(true)).body("[0].obtainedByUnitCode", equalTo("m-142034"))
                .extract().path("[0].id");
        Api.asJson("coord.hiratsuka").body("{\"withdrawnOn\":\"" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"))
                + "\",\"receivedBy\":\"平塚 一郎\"}")
                .when().post("/api/v1/children/" + id + "/consents/" + consentId + "/withdrawal").then().statusCode(200)
                .body("active", equalTo(false));
        Api.as("coord.hiratsuka").when().get("/api/v1/children/" + id).then().statusCode(200)
                .body("view", equalTo("PSEUDONYMOUS")).body("viewReason", equalTo("no consent in force")).body("familyName", nullValue());
        Api.as("staff.kanagawa").when().get("/api/v1/children/" + id).then().statusCode(200).body("view", equalTo("PSEUDONYMOUS"));
    }

    @Test
    void centerOnlyConsentKeepsTheMunicipalityPseudonymous() {
        String id = registerConfirmed("staff.kanagawa", Intake.randomKana(4), "はなこ", "142034", "\"CENTER_ONLY\"");
        Api.as("staff.kanagawa").when().get("/api/v1/children/" + id).then().body("view", equalTo("IDENTIFYING"));
        Api.as("coord.hiratsuka").when().get("/api/v1/children/" + id).then().statusCode(200).body("view", equalTo("PSEUDONYMOUS"));
    }

    @Test
    void withoutConsentNobodySeesIdentifyingData() {
        String id = register("coord.hiratsuka", Intake.randomKana(4), "じろう", "142034", null);
        Api.as("coord.hiratsuka").when().get("/api/v1/children/" + id).then().body("view", equalTo("PSEUDONYMOUS"));
        Api.as("staff.kanagawa").when().get("/api/v1/children/" + id).then().body("view", equalTo("PSEUDONYMOUS"));
        Api.asJson("coord.hiratsuka").body(Intake.consent(CENTER_AND_RESIDENCE, "同意書 T-2"))
                .when().post("/api/v1/children/" + id + "/consents").then().statusCode(201).body("state", equalTo("PENDING"))
                .body("active", equalTo(false));
        Api.as("coord.hiratsuka").when().get("/api/v1/children/" + id).then().body("view", equalTo("PSEUDONYMOUS"));
        Consents.confirmAll(id);
        Api.as("coord.hiratsuka").when().get("/api/v1/children/" + id).then().body("view", equalTo("IDENTIFYING"));
    }

    @Test
    void duplicatesAreFoundAcrossKanaAndWidthVariants() {
        String family = Intake.randomKana(4);
        String first = register("staff.kanagawa", family, "たろう", "142034", null);
        String katakana = toKatakana(family);
        for (String[] variant : new String[][] { { katakana, "タロウ" }, { toHalfWidth(katakana), "ﾀﾛｳ" }, { family + " ", "た ろう" } }) {
            Api.asJson("staff.kanagawa").body(Intake.child(variant[0], variant[1], "142034", null, null))
                    .when().post("/api/v1/children").then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("existingChildIds", contains(first));
        }
        // Another municipality or birth date is another child.
        register("staff.kanagawa", family, "たろう", "142115", null);
        String twin = Api.asJson("staff.kanagawa")
                .body(Intake.child(katakana, "タロウ", "142034", null, ",\"confirmedDistinctFrom\":[\"" + first + "\"]"))
                .when().post("/api/v1/children").then().statusCode(201).extract().path("id");
        Api.asJson("staff.kanagawa").body(Intake.child(family, "たろう", "142034", null, null))
                .when().post("/api/v1/children").then().statusCode(409)
                .body("existingChildIds", contains(first, twin));
    }

    @Test
    void registrationIsValidated() {
        Api.asJson("staff.kanagawa").body("""
                {"familyName":"","givenName":"太郎","familyNameKana":"Yamada","givenNameKana":"たろう","birthDate":"2999-01-01",
                 "sex":"MALE","residenceLgcode":"142035","careTypes":["SUCTION"],"registrationSource":"STAFF",
                 "guardian":{"email":"nope"}}""")
                .when().post("/api/v1/children").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("familyName", "familyNameKana", "birthDate", "guardian.email"));
        Api.asJson("staff.kanagawa").body(Intake.child(Intake.randomKana(4), "たろう", "142035", null, null))
                .when().post("/api/v1/children").then().statusCode(400).body("expectedCheckDigit", equalTo(4));
        Api.asJson("staff.kanagawa").body(Intake.child(Intake.randomKana(4), "たろう", "142034", null, null).replace("\"SUCTION\"", "\"MAGIC\""))
                .when().post("/api/v1/children").then().statusCode(400).body("errors[0].field", equalTo("careTypes[0]"));
        Api.asJson("analyst.kanagawa").body(Intake.child(Intake.randomKana(4), "たろう", "142034", null, null))
                .when().post("/api/v1/children").then().statusCode(403);
    }

    @Test
    void everyReadOfAChildIsAudited() {
        String id = register("coord.hiratsuka", Intake.randomKana(4), "さぶろう", "142034", CENTER_AND_RESIDENCE);
        Api.as("coord.hiratsuka").header("X-Request-Id", "audit-read-" + id.substring(0, 8)).when().get("/api/v1/children/" + id)
                .then().statusCode(200);
        Api.as("branch.kenou").when().get("/api/v1/children/" + id).then().statusCode(404);
        Api.as("auditor.kanagawa").queryParam("objectId", id).queryParam("size", 100).when().get("/api/v1/audit").then().statusCode(200)
                .body("items.action", hasItem("CHILD_CREATE"))
                .body("items.action", hasItem("CONSENT_RECORD"))
                .body("items.findAll { it.action == 'CHILD_READ' && it.outcome == 'SUCCESS' }.requestId", hasItem("audit-read-" + id.substring(0, 8)))
                .body("items.findAll { it.action == 'CHILD_READ' && it.outcome == 'SUCCESS' }.unitCode", hasItem("m-142034"))
                .body("items.findAll { it.outcome == 'DENIED' }.subject", hasItem("branch.kenou"));
    }

    @Test
    void aPartnerRegistersAChildIdempotently() {
        String key = UUID.randomUUID().toString();
        String body = Intake.child(Intake.randomKana(4), "いちろう", "142034", "\"CENTER_ONLY\"", null).replace("\"STAFF\"", "\"HOSPITAL\"");
        String id = Api.asPartner().contentType("application/json").header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/children").then().statusCode(201).extract().path("id");
        Api.asPartner().contentType("application/json").header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/children").then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));
        Api.asPartner().contentType("application/json").body(body).when().post("/api/v1/children").then().statusCode(400);
        // The partner reads back its own submission, pseudonymously; the center sees it under the consent.
        Api.asPartner().when().get("/api/v1/children/" + id).then().statusCode(200).body("view", equalTo("PSEUDONYMOUS"));
        Api.as("staff.kanagawa").when().get("/api/v1/children/" + id).then().statusCode(200).body("view", equalTo("PSEUDONYMOUS"));
        Consents.confirmAll(id);
        Api.as("staff.kanagawa").when().get("/api/v1/children/" + id).then().statusCode(200).body("view", equalTo("IDENTIFYING"))
                .body("registrationSource", equalTo("HOSPITAL"));
    }

    static String toKatakana(String hiragana) {
        StringBuilder s = new StringBuilder();
        for (char c : hiragana.toCharArray()) {
            s.append(c >= '\u3041' && c <= '\u3096' ? (char) (c + 0x60) : c);
        }
        return s.toString();
    }

    static String toHalfWidth(String katakana) {
        String full = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ";
        String half = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜ";
        StringBuilder s = new StringBuilder();
        for (char c : katakana.toCharArray()) {
            int i = full.indexOf(c);
            s.append(i >= 0 ? half.charAt(i) : c);
        }
        return s.toString();
    }
}
