package jp.tsunagu.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Intake;

/**
 * No identifying data in the logs: a child with a distinctive name goes through registration, a
 * duplicate conflict, a validation error and reads, then the service's log file (the test profile also
 * logs to target/quarkus-test.log, with jp.tsunagu at DEBUG) is searched for the name.
 */
@QuarkusTest
class LogHygieneTest {

    @Test
    void aDistinctiveChildNameNeverReachesTheLog() throws Exception {
        String family = "鷲津" + System.nanoTime() % 100000;
        String kana = Intake.randomKana(6);
        String body = Intake.child(kana, "きりこ", "142034", "\"CENTER_ONLY\"", null).replace("\"試験\"", "\"" + family + "\"")
                .replace("試験 花子", family + " 保護者").replace("090-0000-0000", "090-4242-4242");
        String id = Api.asJson("staff.kanagawa").body(body).when().post("/api/v1/children").then().statusCode(201).extract().path("id");
        Api.asJson("staff.kanagawa").body(body).when().post("/api/v1/children").then().statusCode(409);
        Api.asJson("staff.kanagawa").body(body.replace("\"birthDate\":\"2021-05-10\"", "\"birthDate\":\"2999-05-10\""))
                .when().post("/api/v1/children").then().statusCode(400);
        Api.as("staff.kanagawa").when().get("/api/v1/children/" + id).then().statusCode(200);
        Api.as("branch.kenou").when().get("/api/v1/children/" + id).then().statusCode(404);

        Path log = Path.of("target/quarkus-test.log");
        assertTrue(Files.exists(log), "the test profile writes " + log);
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(text.contains(id), "the requests were logged at all (the denied read logs the id)");
        for (String secret : new String[] { family, kana, "090-4242-4242", family + " 保護者" }) {
            assertFalse(text.contains(secret), "the log contains identifying data: " + secret);
        }
    }
}
