package jp.tsunagu.discharge;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jp.tsunagu.support.AdminDb;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Consents;
import jp.tsunagu.support.Intake;
import jp.tsunagu.support.Tokens;

/**
 * A NICU's draft for a child of 平塚市 (the partner client), completed by Kanagawa's center (staff.kanagawa) and handed to
 * 平塚市's office (coord.hiratsuka) with a referral.
 */
@QuarkusTest
class DischargePlanTest {

    static final String PATH = "/api/v1/discharge-plans";

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Tokyo"));
    }

    /** A child of 平塚市 the partner registered, with a CENTER_ONLY consent the center has checked. */
    static String partnerChild() {
        String body = Intake.child(Intake.randomKana(5), "はなこ", "142034", "\"CENTER_ONLY\"", null).replace("\"STAFF\"", "\"HOSPITAL\"");
        String id = Api.asPartner().contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                .when().post("/api/v1/children").then().statusCode(201).extract().path("id");
        Consents.confirmAll(id);
        return id;
    }

    static String plan(String childField, String hospital, LocalDate discharge, String items) {
        return "{" + childField + ",\"plannedDischargeOn\":\"" + discharge + "\",\"hospital\":\"" + hospital + "\",\"ward\":\"NICU\","
                + "\"careTypes\":[\"SUCTION\",\"TUBE_FEEDING\"],\"items\":[" + items + "]}";
    }

    static String item(String kind, String responsible, LocalDate due) {
        return "{\"kind\":\"" + kind + "\"," + responsible + ",\"dueOn\":\"" + due + "\"}";
    }

    static Response submitAsPartner(String key, String body) {
        var request = Api.asPartner().contentType("application/json").body(body);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.when().post(PATH);
    }

    @Test
    void fromTheHospitalsDraftToTheMunicipalityOnceItAccepts() throws Exception {
        String child = partnerChild();
        String hospital = "こども医療センター " + UUID.randomUUID().toString().substring(0, 6);
        String body = plan("\"childId\":\"" + child + "\"", hospital, today().plusDays(20), item("HOME_NURSING",
                "\"responsibleExternal\":\"湘南訪問看護ステーション\"", today().plusDays(10)) + ","
                + item("PUBLIC_HEALTH_NURSE_VISIT", "\"responsibleUnitCode\":\"m-142034\"", today().plusDays(12)));
        String key = UUID.randomUUID().toString();
        Response first = submitAsPartner(key, body);
        String id = first.then().statusCode(201).body("state", equalTo("DRAFT")).body("child", nullValue()).body("hospital", equalTo(hospital))
                .body("items.responsibleUnitCode", hasItem("m-142034")).extract().path("id");
        assertEquals(PATH + "/" + id, first.header("Location"));
        // the same key and body replay; another body under that key is refused; a partner must send a key
        submitAsPartner(key, body).then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));
        submitAsPartner(key, body.replace("NICU", "GCU")).then().statusCode(422);
        submitAsPartner(null, body).then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
        assertEquals(1, AdminDb.count("select count(*) from discharge_plan where hospital = ?", hospital));
        // the partner reads the state of its own draft back
        Api.asPartner().when().get(PATH + "/" + id).then().statusCode(200).body("state", equalTo("DRAFT")).body("child", nullValue());

        // the center completes the draft and hands it off with a referral of its consultation about the child
        Api.as("staff.kanagawa").when().get(PATH + "/" + id).then().statusCode(200)
                .body("child.view", equalTo("IDENTIFYING")).body("hospital", equalTo(hospital));
        Api.asJson("staff.kanagawa").when().post(PATH + "/" + id + "/completion").then().statusCode(200).body("state", equalTo("COMPLETED"));
        Api.asJson("staff.kanagawa").when().post(PATH + "/" + id + "/completion").then().statusCode(409).body("currentState", equalTo("COMPLETED"));
        String consultation = Api.asJson("staff.kanagawa").body(Intake.consultation("142034", "退院支援の相談").replace("\"anonymous\":false",
                "\"anonymous\":false,\"childId\":\"" + child + "\"")).when().post("/api/v1/consultations").then().statusCode(201)
                .extract().path("id");
        String referral = Api.asJson("staff.kanagawa").body("{\"consultationId\":\"" + consultation + "\",\"kind\":\"TRANSFER\","
                + "\"receiverUnitCode\":\"m-142034\",\"requestText\":\"退院後の在宅生活支援プランを引き継ぎます\"}")
                .when().post(PATH + "/" + id + "/hand-off").then().statusCode(200).body("state", equalTo("HANDED_OFF"))
                .body("handOff.state", equalTo("REQUESTED")).body("handOff.receiverUnitCode", equalTo("m-142034"))
                .extract().path("handOff.referralId");
        Api.as("staff.kanagawa").when().get("/api/v1/referrals/" + referral).then().statusCode(200)
                .body("consultationId", equalTo(consultation)).body("kind", equalTo("TRANSFER"));

        // the municipality sees the child of its residents, but the plan only once it accepts the hand-off
        Api.as("coord.hiratsuka").when().get(PATH + "/" + id).then().statusCode(404);
        Api.as("coord.hiratsuka").queryParam("size", 100).when().get(PATH).then().statusCode(200).body("items.id", not(hasItem(id)));
        String etag = Api.as("coord.hiratsuka").when().get("/api/v1/referrals/" + referral).then().statusCode(200).extract().header("ETag");
        Api.asJson("coord.hiratsuka").header("If-Match", etag).body("{\"action\":\"ACCEPT\"}").when()
                .post("/api/v1/referrals/" + referral + "/transitions").then().statusCode(200).body("state", equalTo("ACCEPTED"));
        Api.as("coord.hiratsuka").header("X-Request-Id", "plan-read-" + id.substring(0, 8)).when().get(PATH + "/" + id).then().statusCode(200)
                .body("state", equalTo("HANDED_OFF")).body("handOff.state", equalTo("ACCEPTED"))
                // the consent covers the center only: the municipality sees the child pseudonymously, and no hospital
                .body("child.view", equalTo("PSEUDONYMOUS")).body("child.familyName", nullValue()).body("hospital", nullValue())
                .body("items.kind", hasItem("HOME_NURSING"));
        Api.as("coord.hiratsuka").queryParam("size", 100).when().get(PATH).then().statusCode(200).body("items.id", hasItem(id));
        assertEquals(1, AdminDb.count("select count(*) from audit_event where action = 'CHILD_READ' and object_id = ? and request_id = ?",
                child, "plan-read-" + id.substring(0, 8)));
        assertEquals(1, AdminDb.count("select count(*) from audit_event where action = 'DISCHARGE_PLAN_READ' and object_id = ? and request_id = ?",
                id, "plan-read-" + id.substring(0, 8)));
        // other municipalities, branches and prefectures do not
        for (String user : List.of("coord.atsugi", "branch.kenou", "staff.tokyo")) {
            Api.as(user).when().get(PATH + "/" + id).then().statusCode(404);
        }
        Api.as("analyst.kanagawa").when().get(PATH + "/" + id).then().statusCode(403);
        // the coordinator reads, the center changes
        Api.asJson("coord.hiratsuka").body(item("RESPITE", "\"responsibleExternal\":\"短期入所施設\"", today().plusDays(5)))
                .when().post(PATH + "/" + id + "/items").then().statusCode(403);
        // the milestones are on the change feed, for whoever may read the plan now (the feed publishes after commit)
        assertEquals(List.of("discharge_plan.submitted", "discharge_plan.completed", "discharge_plan.handed_off"), planEvents("coord.hiratsuka", id, 3));
        assertEquals(List.of("discharge_plan.submitted", "discharge_plan.completed", "discharge_plan.handed_off"), planEvents(null, id, 3));
        assertEquals(List.of(), planEvents("coord.atsugi", id, 0), "a municipality that cannot read the plan gets none of its events");
    }

    /** The types of the feed's events about one plan, oldest first, once {@code expected} of them are there (20 s at most). */
    private static List<String> planEvents(String user, String planId, int expected) throws InterruptedException {
        List<String> types = List.of();
        for (int attempt = 0; attempt < 100; attempt++) {
            List<Map<String, Object>> items = new ArrayList<>();
            String after = null;
            boolean more = true;
            while (more) {
                var request = (user == null ? Api.asPartner() : Api.as(user)).queryParam("limit", 100)
                        .queryParam("types", "discharge_plan.submitted,discharge_plan.completed,discharge_plan.handed_off");
                if (after != null) {
                    request.queryParam("after", after);
                }
                var page = request.when().get("/api/v1/events").then().statusCode(200).extract();
                items.addAll(page.path("items"));
                after = page.path("nextCursor");
                more = Boolean.TRUE.equals(page.path("hasMore"));
            }
            types = items.stream().filter(e -> planId.equals(((Map<?, ?>) e.get("subject")).get("id")))
                    .map(e -> (String) e.get("type")).toList();
            if (expected == 0 || types.size() >= expected) { // absence is read after the others saw all three published
                return types;
            }
            Thread.sleep(200);
        }
        return types;
    }

    @Test
    void aChildIsRegisteredWithThePlanThroughTheRegistry() throws Exception {
        String kana = Intake.randomKana(5);
        String child = Intake.child(kana, "じろう", "142034", "\"CENTER_ONLY\"", null).replace("\"STAFF\"", "\"HOSPITAL\"");
        String hospital = "登録同時 " + UUID.randomUUID().toString().substring(0, 6);
        String childId = submitAsPartner(UUID.randomUUID().toString(), plan("\"child\":" + child, hospital, today().plusDays(30),
                item("EQUIPMENT_SUPPLIES", "\"responsibleExternal\":\"医療機器業者\"", today().plusDays(20))))
                .then().statusCode(201).body("childId", notNullValue()).extract().path("childId");
        // registered with its consent, which counts once the center has checked it, as any registration's
        Api.as("staff.kanagawa").when().get("/api/v1/children/" + childId).then().statusCode(200).body("view", equalTo("PSEUDONYMOUS"));
        Consents.confirmAll(childId);
        Api.as("staff.kanagawa").when().get("/api/v1/children/" + childId).then().statusCode(200).body("view", equalTo("IDENTIFYING"))
                .body("registrationSource", equalTo("HOSPITAL"));
        assertEquals(1, AdminDb.count("select count(*) from audit_event where action = 'CHILD_CREATE' and object_id = ?", childId));

        // a look-alike the partner cannot see: the registry would hold the registration for review; the plan saves nothing
        String lookAlike = Intake.child(kana, "さぶろう", "142034", null, null);
        Api.asJson("staff.kanagawa").body(lookAlike).when().post("/api/v1/children").then().statusCode(201);
        String heldHospital = "保留 " + UUID.randomUUID().toString().substring(0, 6);
        submitAsPartner(UUID.randomUUID().toString(), plan("\"child\":" + lookAlike.replace("\"STAFF\"", "\"HOSPITAL\""), heldHospital,
                today().plusDays(30), item("RESPITE", "\"responsibleExternal\":\"短期入所施設\"", today().plusDays(20))))
                .then().statusCode(409).body("code", equalTo("registration-held"));
        assertEquals(0, AdminDb.count("select count(*) from discharge_plan where hospital = ?", heldHospital));
        assertEquals(0, AdminDb.count("select count(*) from registration_review where request_json like ?", "%" + kana + "%さぶろう%"));
    }

    @Test
    void invalidDraftsNameTheFieldAndSaveNothing() throws Exception {
        String child = partnerChild();
        String hospital = "不正 " + UUID.randomUUID().toString().substring(0, 6);
        String ok = item("HOME_NURSING", "\"responsibleExternal\":\"訪問看護\"", today().plusDays(5));
        String[][] cases = {
                { plan("\"childId\":\"" + child + "\",\"child\":" + Intake.child("あ", "い", "142034", null, null), hospital, today().plusDays(9), ok), "childId" },
                { plan("\"childId\":\"" + child + "\"", hospital, today().plusDays(9),
                        item("HOME_NURSING", "\"responsibleExternal\":\"x\",\"responsibleUnitCode\":\"m-142034\"", today())), "items[0].responsibleUnitCode" },
                { plan("\"childId\":\"" + child + "\"", hospital, today().plusDays(9), ok + "," + item("RESPITE", "\"responsibleUnitCode\":\"13-tama\"", today())),
                        "items[1].responsibleUnitCode" },
                { plan("\"childId\":\"" + child + "\"", hospital, today().plusYears(4), ok), "plannedDischargeOn" },
                { plan("\"childId\":\"" + child + "\"", hospital, today().plusDays(9), ok).replace("\"SUCTION\"", "\"MAGIC\""), "careTypes[0]" },
                { plan("\"childId\":\"" + child + "\"", hospital, today().plusDays(9), ok).replace("HOME_NURSING", "TAXI"), "items[0].kind" },
                { plan("\"childId\":\"7c0e2f0a-0000-0000-0000-000000000000\"", hospital, today().plusDays(9), ok), "childId" },
        };
        for (String[] c : cases) {
            submitAsPartner(UUID.randomUUID().toString(), c[0]).then().statusCode(400).body("type", equalTo("urn:tsunagu:problem:validation-failed"))
                    .body("errors[0].field", equalTo(c[1]));
        }
        assertEquals(0, AdminDb.count("select count(*) from discharge_plan where hospital = ?", hospital));
        // a child the partner did not register is not one it can plan for
        String staffChild = Api.asJson("staff.kanagawa").body(Intake.child(Intake.randomKana(5), "たろう", "142034", null, null))
                .when().post("/api/v1/children").then().statusCode(201).extract().path("id");
        submitAsPartner(UUID.randomUUID().toString(), plan("\"childId\":\"" + staffChild + "\"", hospital, today().plusDays(9), ok))
                .then().statusCode(400).body("errors[0].code", equalTo("unknown-child"));
        // branches and municipalities do not draft plans
        Api.asJson("branch.shonan-west").body(plan("\"childId\":\"" + child + "\"", hospital, today().plusDays(9), ok)).when().post(PATH)
                .then().statusCode(403);
        assertEquals(0, AdminDb.count("select count(*) from discharge_plan where hospital = ?", hospital));
    }

    @Test
    void theCenterListsItemsPastTheirDueDateBeforeDischarge() throws Exception {
        String child = partnerChild();
        String upcoming = Api.asJson("staff.kanagawa").body(plan("\"childId\":\"" + child + "\"", "期限テスト", today().plusDays(7),
                item("HOME_NURSING", "\"responsibleExternal\":\"訪問看護\"", today().minusDays(2)) + ","
                        + item("NURSERY_SCHOOL", "\"responsibleUnitCode\":\"m-142034\"", today().minusDays(1)) + ","
                        + item("WELFARE_SERVICES", "\"responsibleUnitCode\":\"m-142034\"", today().plusDays(3)) + ","
                        + item("DAILY_LIVING_EQUIPMENT", "\"responsibleUnitCode\":\"m-142034\"", today()))).when().post(PATH)
                .then().statusCode(201).extract().path("id");
        String discharged = Api.asJson("staff.kanagawa").body(plan("\"childId\":\"" + child + "\"", "退院済", today().minusDays(1),
                item("RESPITE", "\"responsibleExternal\":\"短期入所\"", today().minusDays(5)))).when().post(PATH)
                .then().statusCode(201).extract().path("id");
        var json = Api.as("staff.kanagawa").when().get(PATH + "/" + upcoming).then().statusCode(200).extract().jsonPath();
        int nursery = json.getInt("items.find { it.kind == 'NURSERY_SCHOOL' }.id");
        Api.asJson("staff.kanagawa").body("{\"status\":\"DONE\",\"version\":0}").when().post(PATH + "/" + upcoming + "/items/" + nursery + "/status")
                .then().statusCode(200).body("items.find { it.kind == 'NURSERY_SCHOOL' }.status", equalTo("DONE"));
        // a stale version changes nothing
        Api.asJson("staff.kanagawa").body("{\"status\":\"OPEN\",\"version\":0}").when().post(PATH + "/" + upcoming + "/items/" + nursery + "/status")
                .then().statusCode(409).body("currentVersion", equalTo(1));
        assertEquals("DONE", AdminDb.string("select status from discharge_item where id = ?", nursery));

        var overdue = Api.as("staff.kanagawa").when().get(PATH + "/overdue-items").then().statusCode(200)
                .body("asOf", equalTo(today().toString())).extract().jsonPath();
        List<String> mine = overdue.getList("items.findAll { it.planId == '" + upcoming + "' }.item.kind");
        assertEquals(List.of("HOME_NURSING"), mine, "only the pending item past its due date (not today's, not a done one)");
        assertEquals(2, overdue.getInt("items.find { it.planId == '" + upcoming + "' }.daysOverdue"));
        assertTrue(overdue.getList("items.findAll { it.planId == '" + discharged + "' }").isEmpty(), "after discharge nothing is overdue");
        Api.as("staff.tokyo").when().get(PATH + "/overdue-items").then().statusCode(200).body("items.planId", not(hasItem(upcoming)));
        for (String user : List.of("branch.shonan-west", "coord.hiratsuka")) {
            Api.as(user).when().get(PATH + "/overdue-items").then().statusCode(403);
        }
        Api.asPartner().when().get(PATH + "/overdue-items").then().statusCode(403);
    }

    @Test
    void twoCompletionsAtOnceCompleteOnce() throws Exception {
        String child = partnerChild();
        String id = Api.asJson("staff.kanagawa").body(plan("\"childId\":\"" + child + "\"", "同時", today().plusDays(7),
                item("HOME_NURSING", "\"responsibleExternal\":\"訪問看護\"", today().plusDays(2)))).when().post(PATH)
                .then().statusCode(201).extract().path("id");
        List<Callable<Response>> calls = new ArrayList<>();
        for (String user : List.of("staff.kanagawa", "admin.kanagawa", "staff.kanagawa")) {
            String token = Tokens.of(user);
            calls.add(() -> RestAssured.given().auth().oauth2(token).when().post(PATH + "/" + id + "/completion"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        for (Callable<Response> call : calls) {
            futures.add(pool.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Response> f : futures) {
            statuses.add(f.get().statusCode());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "one completion: " + statuses);
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409), "the others conflict: " + statuses);
        assertEquals(1, AdminDb.count("select count(*) from audit_event where action = 'DISCHARGE_PLAN_COMPLETE' and object_id = ?", id));
    }
}
