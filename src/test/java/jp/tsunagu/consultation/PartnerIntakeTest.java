package jp.tsunagu.consultation;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Intake;

/** A partner system (a hospital NICU) submits consultations with Idempotency-Key. */
@QuarkusTest
class PartnerIntakeTest {

    private static Response submit(String key, String body) {
        var request = Api.asPartner().contentType("application/json").body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.when().post("/api/v1/consultations");
    }

    private static String body(String marker) {
        return Intake.consultation("142034", "NICU退院予定の児について在宅移行の相談 " + marker).replace("\"PHONE\"", "\"PARTNER_SYSTEM\"")
                .replace("\"FAMILY\"", "\"MEDICAL_INSTITUTION\"");
    }

    private static int partnerCount() {
        return Api.asPartner().queryParam("size", 1).when().get("/api/v1/consultations").then().statusCode(200).extract().path("totalItems");
    }

    @Test
    void sameKeyAndBodyReplaysTheFirstResponse() {
        String key = UUID.randomUUID().toString();
        String body = body(key);
        Response first = submit(key, body);
        first.then().statusCode(201).header("Location", notNullValue())
                .body("receivingUnit.code", equalTo("14-center"))
                .body("submittedBy", equalTo("tsunagu-partner-nicu"));
        Response again = submit(key, body);
        again.then().statusCode(201).header("Idempotent-Replayed", "true").header("Location", first.header("Location"));
        assertEquals(first.asString(), again.asString());
        Api.asPartner().when().get(first.header("Location")).then().statusCode(200);
    }

    @Test
    void sameKeyWithAnotherBodyIs422() {
        String key = UUID.randomUUID().toString();
        submit(key, body(key)).then().statusCode(201);
        submit(key, body(key + " changed")).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:tsunagu:problem:unprocessable"));
    }

    @Test
    void aMissingKeyIs400() {
        submit(null, body("no key")).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void keysArePerClient() {
        String key = UUID.randomUUID().toString();
        submit(key, body(key)).then().statusCode(201);
        // The same key from a staff user is another key space, so it creates its own consultation.
        Api.asJson("staff.kanagawa").header("Idempotency-Key", key).body(body(key)).when().post("/api/v1/consultations")
                .then().statusCode(201).header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void twentyConcurrentRetriesCreateExactlyOneConsultation() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = body(key);
        int before = partnerCount();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(pool.submit(() -> {
                start.await();
                return submit(key, body);
            }));
        }
        start.countDown();
        Set<String> created = new HashSet<>();
        int conflicts = 0;
        for (Future<Response> call : calls) {
            Response r = call.get();
            if (r.statusCode() == 201) {
                created.add(r.path("id"));
            } else {
                assertEquals(409, r.statusCode(), r.asString());
                conflicts++;
            }
        }
        pool.shutdown();
        assertEquals(1, created.size(), "all successful answers name the same consultation");
        assertTrue(conflicts < 20);
        assertEquals(before + 1, partnerCount());
        submit(key, body).then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(created.iterator().next()));
    }

    @Test
    void aPartnerReadsBackOnlyItsOwnSubmissions() {
        String staffOwn = ConsultationIntakeTest.create("staff.kanagawa", "142034", "センターで受付");
        Api.asPartner().when().get("/api/v1/consultations/" + staffOwn).then().statusCode(404);
        Api.asPartner().queryParam("size", 100).when().get("/api/v1/consultations").then().statusCode(200)
                .body("items.submittedBy", org.hamcrest.Matchers.everyItem(equalTo("tsunagu-partner-nicu")));
        Api.asPartner().contentType("application/json").body("{\"status\":\"CLOSED\",\"closureReason\":\"OTHER\"}")
                .when().post("/api/v1/consultations/" + staffOwn + "/status").then().statusCode(403);
    }
}
