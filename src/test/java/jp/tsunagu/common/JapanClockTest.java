package jp.tsunagu.common;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.inject.Inject;
import jakarta.validation.ValidatorFactory;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Intake;

/** One clock for business dates, zoned Asia/Tokyo, whatever zone the JVM runs in; Bean Validation uses the same one. */
@QuarkusTest
class JapanClockTest {

    @Inject
    Clock clock;

    @Inject
    ValidatorFactory validation;

    @Test
    void theServiceClockAndTheValidationClockAreJapans() {
        assertEquals(ZoneId.of("Asia/Tokyo"), clock.getZone());
        assertEquals(ZoneId.of("Asia/Tokyo"), validation.getClockProvider().getClock().getZone());
    }

    @Test
    void birthDatesThatCannotBeTrueAre400() {
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(1).toString();
        for (String date : new String[] { "1999-12-31", tomorrow }) {
            Api.asJson("staff.kanagawa").body(Intake.child(Intake.randomKana(5), "たろう", "142034", null, null).replace("2021-05-10", date))
                    .when().post("/api/v1/children").then().statusCode(400).body("errors.field", hasItem("birthDate"));
        }
        Api.asJson("staff.kanagawa").body(Intake.child(Intake.randomKana(5), "たろう", "142034", null, null).replace("2021-05-10", "2000-01-01"))
                .when().post("/api/v1/children").then().statusCode(201).body("id", org.hamcrest.Matchers.notNullValue());
        Api.asJson("staff.kanagawa").body(Intake.child(Intake.randomKana(5), "たろう", "142034", "\"CENTER_ONLY\"", null)
                .replace("\"obtainedOn\":\"2024-06-03\"", "\"obtainedOn\":\"" + tomorrow + "\""))
                .when().post("/api/v1/children").then().statusCode(400).body("errors[0].field", equalTo("consent.obtainedOn"));
    }
}
