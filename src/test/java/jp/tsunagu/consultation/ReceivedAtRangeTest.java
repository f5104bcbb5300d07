package jp.tsunagu.consultation;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Intake;

/**
 * A receiving time that cannot be true is a 400 naming the field, not a 500 from the database's column range:
 * before 2000-01-01 in Japan, or later than now plus 5 minutes of clock skew.
 */
@QuarkusTest
class ReceivedAtRangeTest {

    private static String withReceivedAt(String receivedAt) {
        return Intake.consultation("142034", "受付日時の範囲").replace("2024-06-03T10:15:00+09:00", receivedAt);
    }

    @ParameterizedTest
    @ValueSource(strings = { "1969-12-31T23:59:59Z", "1000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1999-12-31T23:59:59+09:00",
            "1999-12-31T14:59:59.999Z", "2038-01-19T03:14:08Z", "9999-12-31T23:59:59Z" })
    void impossibleReceivingTimesAre400NamingTheField(String receivedAt) {
        Api.asJson("staff.kanagawa").body(withReceivedAt(receivedAt)).when().post("/api/v1/consultations")
                .then().statusCode(400).body("type", equalTo("urn:tsunagu:problem:validation-failed"))
                .body("errors", hasSize(1)).body("errors[0].field", equalTo("receivedAt"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "2000-01-01T00:00:00+09:00", "1999-12-31T15:00:00Z", "NOW_PLUS_4_MINUTES" })
    void theEdgesThatCanBeTrueAreAccepted(String receivedAt) {
        String value = receivedAt.equals("NOW_PLUS_4_MINUTES") ? Instant.now().plus(4, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString() : receivedAt;
        String id = Api.asJson("staff.kanagawa").body(withReceivedAt(value)).when().post("/api/v1/consultations")
                .then().statusCode(201).extract().path("id");
        Api.as("staff.kanagawa").when().get("/api/v1/consultations/" + id).then().statusCode(200)
                .body("receivedAt", equalTo(Instant.parse(value.replace("+09:00", "Z")).minusSeconds(value.endsWith("+09:00") ? 9 * 3600 : 0).toString()));
    }

    @ParameterizedTest
    @ValueSource(longs = { 10, 60 * 24 })
    void aFewMinutesAheadIsSkewMoreIsNot(long minutesAhead) {
        Api.asJson("staff.kanagawa").body(withReceivedAt(Instant.now().plus(minutesAhead, ChronoUnit.MINUTES).toString()))
                .when().post("/api/v1/consultations").then().statusCode(400).body("errors[0].field", equalTo("receivedAt"));
    }
}
