package jp.tsunagu.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jp.tsunagu.support.AdminDb;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Intake;

/** Helpers of the event tests: where the feed stands now, reading it as a user, making changes. */
final class EventTesting {

    private EventTesting() {
    }

    /** A cursor at the current head of the feed: what a reader starting now would hold. */
    static String head() throws Exception {
        return Cursor.of(AdminDb.count("select last_position from event_publisher where name = 'feed'"));
    }

    /** Every event after {@code cursor} the user may read, all pages. */
    static List<Map<String, Object>> feed(String user, String cursor, String types) {
        List<Map<String, Object>> all = new ArrayList<>();
        String after = cursor;
        while (true) {
            var request = Api.as(user).queryParam("after", after).queryParam("limit", 100);
            if (types != null) {
                request.queryParam("types", types);
            }
            var page = request.when().get("/api/v1/events").then().statusCode(200).extract();
            List<Map<String, Object>> items = page.path("items");
            all.addAll(items);
            after = page.path("nextCursor");
            if (!(Boolean) page.path("hasMore")) {
                return all;
            }
        }
    }

    /** The feed of {@code user} about one subject, once {@code done} holds (publishing runs after the commit). */
    static List<Map<String, Object>> awaitFeed(String user, String cursor, String subjectId, Predicate<List<Map<String, Object>>> done)
            throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(20));
        List<Map<String, Object>> about;
        do {
            about = about(feed(user, cursor, null), subjectId);
            if (done.test(about)) {
                return about;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(end));
        throw new AssertionError("feed of " + user + " about " + subjectId + " is " + about);
    }

    /** Waits until every event written so far is published, so an absence in a feed means something. */
    static void awaitPublished() throws Exception {
        Instant end = Instant.now().plus(Duration.ofSeconds(20));
        while (AdminDb.count("select count(*) from event where feed_position is null") > 0) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("events stay unpublished");
            }
            Thread.sleep(50);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> about(List<Map<String, Object>> events, String subjectId) {
        return events.stream().filter(e -> subjectId.equals(((Map<String, Object>) e.get("subject")).get("id"))).toList();
    }

    static List<String> types(List<Map<String, Object>> events) {
        return events.stream().map(e -> (String) e.get("type")).toList();
    }

    @SuppressWarnings("unchecked")
    static List<Integer> versions(List<Map<String, Object>> events) {
        return events.stream().map(e -> (Integer) ((Map<String, Object>) e.get("subject")).get("version")).toList();
    }

    static String consultation(String user, String residence) {
        return Api.asJson(user).body(Intake.consultation(residence, "イベント試験の主訴 " + System.nanoTime())).when()
                .post("/api/v1/consultations").then().statusCode(201).extract().path("id");
    }

    static String partnerConsultation() {
        return Api.asPartner().contentType("application/json").header("Idempotency-Key", "events-" + System.nanoTime())
                .body(Intake.consultation("142034", "パートナーの主訴 " + System.nanoTime())).when().post("/api/v1/consultations")
                .then().statusCode(201).extract().path("id");
    }

    static void note(String user, String consultationId, String text) {
        Api.asJson(user).body("{\"type\":\"RESPONSE\",\"body\":\"" + text + "\"}").when()
                .post("/api/v1/consultations/" + consultationId + "/timeline").then().statusCode(201);
    }
}
