package jp.tsunagu.common;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Consents;
import jp.tsunagu.support.Intake;
import jp.tsunagu.support.SettableClock;

/**
 * Business dates are Japan's whatever zone the JVM runs in: the service's clock is stopped at 00:30 and at
 * 23:30 in Japan. Between 00:00 and 09:00 in Japan the UTC date is still the day before, which is where a
 * clock in UTC went wrong (a consent signed today was "in the future", a withdrawal today not yet in force).
 */
@QuarkusTest
class JapanDatesTest {

    /** 2026-12-02 00:30 in Japan, 2026-12-01 15:30 UTC. */
    static final Instant HALF_PAST_MIDNIGHT = Instant.parse("2026-12-01T15:30:00Z");
    /** 2026-12-02 23:30 in Japan, 2026-12-02 14:30 UTC. */
    static final Instant HALF_PAST_ELEVEN = Instant.parse("2026-12-02T14:30:00Z");

    @AfterEach
    void release() {
        SettableClock.release();
    }

    static String childWithConsentOn(String day) {
        return Intake.child(Intake.randomKana(6), "たろう", "142034", "\"CENTER_ONLY\"", null)
                .replace("\"obtainedOn\":\"2024-06-03\"", "\"obtainedOn\":\"" + day + "\"");
    }

    @Test
    void atHalfPastMidnightAConsentSignedTodayIsInForceAndAWithdrawalTodayEndsIt() {
        SettableClock.stopAt(HALF_PAST_MIDNIGHT);
        String child = Api.asJson("staff.kanagawa").body(childWithConsentOn("2026-12-02")).when().post("/api/v1/children")
                .then().statusCode(201).extract().path("id");
        Consents.confirmAll(child);
        Api.as("staff.kanagawa").when().get("/api/v1/children/" + child).then().body("view", equalTo("IDENTIFYING"));
        int consent = Api.as("staff.kanagawa").when().get("/api/v1/children/" + child + "/consents").then()
                .body("[0].active", equalTo(true)).extract().path("[0].id");
        Api.asJson("staff.kanagawa").body("{\"withdrawnOn\":\"2026-12-02\",\"receivedBy\":\"試験 担当\"}")
                .when().post("/api/v1/children/" + child + "/consents/" + consent + "/withdrawal").then().statusCode(200)
                .body("active", equalTo(false));
        Api.as("staff.kanagawa").when().get("/api/v1/children/" + child).then().body("view", equalTo("PSEUDONYMOUS"));
        // The next day in Japan is still the future.
        Api.asJson("staff.kanagawa").body(childWithConsentOn("2026-12-03")).when().post("/api/v1/children").then().statusCode(400)
                .body("errors.field", hasItem("consent.obtainedOn"));
    }

    @Test
    void atHalfPastElevenTheDayIsStillTodayAndTomorrowStillTheFuture() {
        SettableClock.stopAt(HALF_PAST_ELEVEN);
        String child = Api.asJson("staff.kanagawa").body(childWithConsentOn("2026-12-02")).when().post("/api/v1/children")
                .then().statusCode(201).extract().path("id");
        Consents.confirmAll(child);
        Api.as("staff.kanagawa").when().get("/api/v1/children/" + child + "/consents").then().body("[0].active", equalTo(true));
        Api.asJson("staff.kanagawa").body(childWithConsentOn("2026-12-03")).when().post("/api/v1/children").then().statusCode(400)
                .body("errors.field", hasItem("consent.obtainedOn"));
    }

    /** "Today" for coverage (who covers a municipality, a unit's area, a branch's reach) is the day in Japan. */
    @Test
    void coverageTodayIsTheDayInJapan() {
        for (Instant at : new Instant[] { HALF_PAST_MIDNIGHT, HALF_PAST_ELEVEN }) {
            SettableClock.stopAt(at);
            Api.as("staff.kanagawa").when().get("/api/v1/units/14-shonan-west").then().statusCode(200)
                    .body("coverageDate", equalTo("2026-12-02"));
            Api.as("staff.kanagawa").when().get("/api/v1/municipalities/142034/coverage").then().statusCode(200)
                    .body("date", equalTo("2026-12-02"));
        }
    }

    /** Statistics count a consultation for its day in Japan: the last half hour of a fiscal year and the first of the next. */
    @Test
    void aConsultationCountsForItsDayInJapan() {
        String late = Api.asJson("staff.kanagawa").body(Intake.consultation("142034", "年度末").replace("2024-06-03T10:15:00+09:00",
                "2026-03-31T23:30:00+09:00")).when().post("/api/v1/consultations").then().statusCode(201)
                .body("receivedOn", equalTo("2026-03-31")).extract().path("id");
        String early = Api.asJson("staff.kanagawa").body(Intake.consultation("142034", "年度初め").replace("2024-06-03T10:15:00+09:00",
                "2026-03-31T15:30:00Z")).when().post("/api/v1/consultations").then().statusCode(201)
                .body("receivedOn", equalTo("2026-04-01")).extract().path("id");
        Api.as("staff.kanagawa").queryParam("from", "2026-04-01").queryParam("to", "2026-04-01").queryParam("size", 100)
                .when().get("/api/v1/consultations").then().body("items.id", hasItem(early))
                .body("items.id", org.hamcrest.Matchers.not(hasItem(late)));
    }
}
