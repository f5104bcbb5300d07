package jp.tsunagu.events;

import static jp.tsunagu.events.EventTesting.about;
import static jp.tsunagu.events.EventTesting.awaitFeed;
import static jp.tsunagu.events.EventTesting.awaitPublished;
import static jp.tsunagu.events.EventTesting.consultation;
import static jp.tsunagu.events.EventTesting.feed;
import static jp.tsunagu.events.EventTesting.head;
import static jp.tsunagu.events.EventTesting.note;
import static jp.tsunagu.events.EventTesting.partnerConsultation;
import static jp.tsunagu.events.EventTesting.types;
import static jp.tsunagu.events.EventTesting.versions;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jp.tsunagu.support.AdminDb;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Intake;

/** The outbox and the change feed over HTTP with real tokens. */
@QuarkusTest
class EventFeedTest {

    @Test
    void aConsultationsLifeIsInTheFeedInVersionOrderAndThin() throws Exception {
        String from = head();
        String id = consultation("coord.hiratsuka", "142034");
        note("coord.hiratsuka", id, "秘匿すべき経過の本文");
        Api.asJson("coord.hiratsuka").header("If-Match", "\"0\"").body("{\"status\":\"IN_PROGRESS\"}").when()
                .post("/api/v1/consultations/" + id + "/status").then().statusCode(200);

        List<Map<String, Object>> events = awaitFeed("coord.hiratsuka", from, id, e -> e.size() == 3);
        assertEquals(List.of("consultation.created", "consultation.timeline_entry_added", "consultation.status_changed"), types(events));
        assertEquals(List.of(1, 2, 3), versions(events));
        assertEquals("IN_PROGRESS", ((Map<?, ?>) events.get(2).get("data")).get("status"));
        assertEquals("OPEN", ((Map<?, ?>) events.get(2).get("data")).get("fromStatus"));
        assertTrue(((List<?>) events.get(0).get("units")).contains("m-142034"));
        String text = events.toString();
        assertFalse(text.contains("主訴") || text.contains("秘匿"), "payloads carry no text: " + text);

        awaitPublished();
        // Others who cannot read the consultation get none of it.
        for (String other : List.of("branch.kenou", "staff.tokyo", "coord.atsugi")) {
            assertEquals(List.of(), about(feed(other, from, null), id), other);
        }
        Api.asPartner().queryParam("after", from).when().get("/api/v1/events").then().statusCode(200);
        assertEquals(List.of(), about(feedAsPartner(from), id));
        // The center and the branch covering Hiratsuka do.
        assertEquals(3, about(feed("staff.kanagawa", from, null), id).size());
        assertEquals(3, about(feed("branch.shonan-west", from, null), id).size());
    }

    @Test
    void aPartnerReadsOnlyTheEventsOfWhatItSubmitted() throws Exception {
        String from = head();
        String own = partnerConsultation();
        String staffs = consultation("staff.kanagawa", "142034");
        awaitPublished();
        List<Map<String, Object>> partner = feedAsPartner(from);
        assertEquals(List.of("consultation.created"), types(about(partner, own)));
        assertEquals(List.of(), about(partner, staffs));
        assertEquals(1, about(feed("staff.kanagawa", from, null), own).size());
    }

    @Test
    void aCaseThatLeavesAUnitsScopeStopsFlowingToIt() throws Exception {
        String from = head();
        // Yokosuka is not Shonan West's; the branch sees the case only while a referral to it is active.
        String id = consultation("staff.kanagawa", "142018");
        String referral = Api.asJson("staff.kanagawa").body("{\"consultationId\":\"" + id + "\",\"kind\":\"CONSULT\",\"receiverUnitCode\":"
                + "\"14-shonan-west\",\"requestText\":\"助言をお願いします\"}").when().post("/api/v1/referrals").then().statusCode(201)
                .extract().path("id");
        note("staff.kanagawa", id, "紹介中の記録");
        awaitFeed("branch.shonan-west", from, id, e -> types(e).equals(List.of("consultation.created", "consultation.timeline_entry_added")));
        assertEquals(List.of("referral.requested"), types(about(feed("branch.shonan-west", from, null), referral)));

        Api.asJson("staff.kanagawa").header("If-Match", "\"0\"").body("{\"action\":\"CANCEL\",\"reasonCode\":\"OUT_OF_AREA\",\"reasonText\":\"取り下げ\"}")
                .when().post("/api/v1/referrals/" + referral + "/transitions").then().statusCode(200);
        note("staff.kanagawa", id, "紹介後の記録");
        awaitFeed("staff.kanagawa", from, id, e -> e.size() == 3);
        awaitPublished();
        List<Map<String, Object>> branch = feed("branch.shonan-west", from, null);
        // Scope is evaluated at read time against the current state: the consultation is out of the branch's scope now,
        // so none of its events flow (the earlier ones neither); the referral it was party to stays readable.
        assertEquals(List.of(), about(branch, id));
        assertEquals(List.of("referral.requested", "referral.cancelled"), types(about(branch, referral)));
    }

    @Test
    void theCursorResumesWithoutLossOrRepetition() throws Exception {
        String from = head();
        String id = consultation("coord.atsugi", "142123");
        for (int i = 0; i < 4; i++) {
            note("coord.atsugi", id, "記録 " + i);
        }
        List<Map<String, Object>> all = awaitFeed("coord.atsugi", from, id, e -> e.size() == 5);
        List<Map<String, Object>> paged = new ArrayList<>();
        String cursor = from;
        for (int guard = 0; guard < 1000; guard++) {
            var page = Api.as("coord.atsugi").queryParam("after", cursor).queryParam("limit", 2).when().get("/api/v1/events").then()
                    .statusCode(200).extract();
            paged.addAll(page.<List<Map<String, Object>>>path("items"));
            cursor = page.path("nextCursor");
            if (!(Boolean) page.path("hasMore")) {
                break;
            }
        }
        assertEquals(all, about(paged, id));
        assertEquals(List.of(1, 2, 3, 4, 5), versions(all));
        // Resuming from an event's own cursor gives what follows it.
        assertEquals(all.subList(3, 5), about(feed("coord.atsugi", (String) all.get(2).get("cursor"), null), id));
        assertEquals(List.of("consultation.created"), types(about(feed("coord.atsugi", from, "consultation.created"), id)));
    }

    @Test
    void badCursorsAndUnknownTypesAre400() {
        Api.as("coord.atsugi").queryParam("after", "bm90LWEtY3Vyc29y").when().get("/api/v1/events").then().statusCode(400)
                .body("errors[0].field", equalTo("after"));
        Api.as("coord.atsugi").queryParam("types", "referral.accepted,referral.exploded").when().get("/api/v1/events").then()
                .statusCode(400).body("allowedValues", hasItem("referral.overdue"));
        Api.as("coord.atsugi").queryParam("limit", 101).when().get("/api/v1/events").then().statusCode(400);
        Api.as("coord.atsugi").queryParam("wait", 31).when().get("/api/v1/events").then().statusCode(400);
        Api.as("analyst.kanagawa").when().get("/api/v1/events").then().statusCode(403);
        Api.as("coord.atsugi").when().get("/api/v1/event-types").then().statusCode(200).body("code", hasItem("child.consent_withdrawn"));
    }

    @Test
    void concurrentChangesOfOneSubjectGetConsecutiveVersions() throws Exception {
        String from = head();
        String id = consultation("staff.kanagawa", "142034");
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    start.await();
                    return Api.asJson("staff.kanagawa").body("{\"type\":\"MEMO\",\"body\":\"同時 " + n + "\"}").when()
                            .post("/api/v1/consultations/" + id + "/timeline").then().extract().statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> r : results) {
                assertEquals(201, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
        List<Map<String, Object>> events = awaitFeed("staff.kanagawa", from, id, e -> e.size() == writers + 1);
        assertEquals(IntStream.rangeClosed(1, writers + 1).boxed().toList(), versions(events));
    }

    @Test
    void aRefusedChangeWritesNoEvent() throws Exception {
        String id = consultation("coord.hiratsuka", "142034");
        awaitPublished();
        long before = AdminDb.count("select count(*) from event where subject_id = ?", id);
        Api.asJson("coord.hiratsuka").header("If-Match", "\"7\"").body("{\"status\":\"IN_PROGRESS\"}").when()
                .post("/api/v1/consultations/" + id + "/status").then().statusCode(412);
        Api.asJson("coord.hiratsuka").body("{\"type\":\"MEMO\",\"body\":\"訂正\",\"correctsEntryId\":999999999}").when()
                .post("/api/v1/consultations/" + id + "/timeline").then().statusCode(400);
        assertEquals(before, AdminDb.count("select count(*) from event where subject_id = ?", id));
        assertEquals(1, before);
    }

    @Test
    void aLongPollAnswersAsSoonAsAnEventArrives() throws Exception {
        String from = head();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            long started = System.nanoTime();
            Future<List<Map<String, Object>>> poll = pool.submit(() -> Api.as("coord.atsugi").queryParam("after", from)
                    .queryParam("types", "consultation.created").queryParam("wait", 20).when().get("/api/v1/events").then().statusCode(200)
                    .extract().<List<Map<String, Object>>>path("items"));
            Thread.sleep(1000);
            String id = consultation("coord.atsugi", "142123");
            List<Map<String, Object>> items = poll.get();
            long ms = (System.nanoTime() - started) / 1_000_000;
            assertTrue(ms < 15_000, "answered after " + ms + " ms");
            assertTrue(ms >= 900, "waited for the event: " + ms + " ms");
            assertEquals(1, about(items, id).size(), items.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void childRegistrationAndConsentsAreEventsOfTheChild() throws Exception {
        String from = head();
        String child = Api.asJson("staff.kanagawa").body(Intake.child(Intake.randomKana(4), Intake.randomKana(3), "142034",
                "\"SHARE_WITH_RESIDENCE_MUNICIPALITY\"", null)).when().post("/api/v1/children").then().statusCode(201).extract().path("id");
        jp.tsunagu.support.Consents.confirmAll(child);
        List<Map<String, Object>> events = awaitFeed("staff.kanagawa", from, child, e -> e.size() == 3);
        assertEquals(List.of("child.registered", "child.consent_recorded", "child.consent_confirmed"), types(events));
        assertEquals(List.of(1, 2, 3), versions(events));
        assertFalse(events.toString().contains("試験"), "no names: " + events);
        awaitPublished();
        assertEquals(List.of(), about(feed("branch.kenou", from, null), child));
    }

    static List<Map<String, Object>> feedAsPartner(String from) {
        List<Map<String, Object>> all = new ArrayList<>();
        String after = from;
        while (true) {
            var page = Api.asPartner().queryParam("after", after).queryParam("limit", 100).when().get("/api/v1/events").then().statusCode(200).extract();
            all.addAll(page.<List<Map<String, Object>>>path("items"));
            after = page.path("nextCursor");
            if (!(Boolean) page.path("hasMore")) {
                return all;
            }
        }
    }
}
