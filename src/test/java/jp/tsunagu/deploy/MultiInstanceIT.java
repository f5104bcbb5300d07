package jp.tsunagu.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jp.tsunagu.support.AdminDb;
import jp.tsunagu.support.Intake;
import jp.tsunagu.support.Tokens;

/**
 * Three packaged service JVMs on the test run's one MariaDB and Keycloak, started at the same moment on a database no
 * instance has migrated yet: they give one answer between them.
 */
@org.junit.jupiter.api.Order(1)
class MultiInstanceIT {

    static final int INSTANCES = 3;
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<ServiceInstance> NODES = new ArrayList<>();

    /** Whether no instance had migrated the database before these three started (the ITs run this class first). */
    static boolean emptyDatabaseAtStart;

    @BeforeAll
    static void startThreeInstancesAtOnce() throws Exception {
        emptyDatabaseAtStart = AdminDb.count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'tsunagu'"
                + " AND table_name = 'flyway_schema_history'") == 0;
        for (int i = 0; i < INSTANCES; i++) {
            Map<String, String> env = ServiceInstance.environmentOfTheTestStack();
            // The demo loader (demo.DemoData, never on in production) is not safe against itself on a concurrent
            // start: two instances importing the demo structure at once collide on uq_org_unit_code. One loads it.
            env.put("TSUNAGU_DEMO_ENABLED", String.valueOf(i == 0));
            NODES.add(ServiceInstance.packaged("multi-" + i, env));
        }
        for (ServiceInstance node : NODES) {
            node.start();
        }
        for (ServiceInstance node : NODES) {
            node.awaitReady();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServiceInstance node : NODES) {
            node.close();
        }
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    static String createConsultation(ServiceInstance node, String user, String marker) throws Exception {
        HttpResponse<String> r = node.post("/api/v1/consultations", Tokens.of(user), Intake.consultation("142034", marker), Map.of());
        assertEquals(201, r.statusCode(), node.name() + ": " + r.body());
        return json(r).get("id").asText();
    }

    /** Runs the calls at once (released together by a latch) and returns their answers in order. */
    static List<HttpResponse<String>> atOnce(List<Callable<HttpResponse<String>>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (Callable<HttpResponse<String>> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                answers.add(f.get());
            }
            for (HttpResponse<String> a : answers) {
                assertTrue(a.statusCode() < 500, "no server fault: " + a.statusCode() + " " + a.body());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theMigrationsRanOnceThoughAllInstancesStartedOnAnEmptyDatabaseAtOnce() throws Exception {
        // Flyway takes MariaDB's named lock (GET_LOCK) for the migration: the others wait, then find nothing to do.
        assertEquals(0, AdminDb.count("SELECT COUNT(*) FROM (SELECT version FROM flyway_schema_history WHERE version IS NOT NULL"
                + " GROUP BY version HAVING COUNT(*) > 1) twice"));
        assertEquals(0, AdminDb.count("SELECT COUNT(*) FROM flyway_schema_history WHERE success = 0"));
        long versioned;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
            versioned = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
        assertEquals(versioned, AdminDb.count("SELECT COUNT(*) FROM flyway_schema_history WHERE version IS NOT NULL"));
        assertTrue(emptyDatabaseAtStart, "the three instances found an empty database (failsafe runs this class first)");
    }

    @Test
    void everyInstanceGivesTheSameAnswer() throws Exception {
        String id = createConsultation(NODES.get(0), "staff.kanagawa", "同じ答え " + UUID.randomUUID());
        for (String path : List.of("/api/v1/consultations/" + id, "/api/v1/taxonomies", "/api/v1/consultations?size=5")) {
            Set<JsonNode> bodies = new HashSet<>();
            Set<String> etags = new HashSet<>();
            for (ServiceInstance node : NODES) {
                HttpResponse<String> r = node.get(path, Tokens.of("staff.kanagawa"));
                assertEquals(200, r.statusCode(), node.name() + " " + path + ": " + r.body());
                bodies.add(json(r));
                etags.add(r.headers().firstValue("ETag").orElse("none"));
            }
            assertEquals(1, bodies.size(), path + " answered differently: " + bodies);
            assertEquals(1, etags.size(), path + " ETags differ: " + etags);
        }
    }

    @Test
    void aTransitionContendedAcrossInstancesHasExactlyOneWinner() throws Exception {
        for (int round = 0; round < 5; round++) {
            String consultation = createConsultation(NODES.get(round % INSTANCES), "coord.hiratsuka", "取り合い " + round);
            HttpResponse<String> referral = NODES.get(0).post("/api/v1/referrals", Tokens.of("coord.hiratsuka"),
                    "{\"consultationId\":\"" + consultation + "\",\"kind\":\"ESCALATION\",\"receiverUnitCode\":\"14-shonan-west\","
                            + "\"requestText\":\"後方支援をお願いします\"}", Map.of());
            assertEquals(201, referral.statusCode(), referral.body());
            String id = json(referral).get("id").asText();
            String path = "/api/v1/referrals/" + id + "/transitions";
            Map<String, String> ifMatch = Map.of("If-Match", "\"0\"");
            List<HttpResponse<String>> answers = atOnce(List.of(
                    () -> NODES.get(0).post(path, Tokens.of("branch.shonan-west"), "{\"action\":\"ACCEPT\"}", ifMatch),
                    () -> NODES.get(1).post(path, Tokens.of("branch.shonan-west"),
                            "{\"action\":\"DECLINE\",\"reasonCode\":\"OUT_OF_AREA\",\"reasonText\":\"圏域外\"}", ifMatch),
                    () -> NODES.get(2).post(path, Tokens.of("coord.hiratsuka"),
                            "{\"action\":\"CANCEL\",\"reasonCode\":\"RESOLVED_ELSEWHERE\",\"reasonText\":\"自己解決\"}", ifMatch)));
            List<HttpResponse<String>> winners = answers.stream().filter(a -> a.statusCode() == 200).toList();
            assertEquals(1, winners.size(), answers.stream().map(a -> a.statusCode() + " " + a.body()).toList().toString());
            String state = json(winners.get(0)).get("state").asText();
            for (HttpResponse<String> a : answers) {
                if (a.statusCode() != 200) {
                    assertEquals(412, a.statusCode(), a.body());
                    assertEquals(state, json(a).get("currentState").asText(), "the loser is told the winner's state");
                }
            }
            for (ServiceInstance node : NODES) {
                assertEquals(state, json(node.get("/api/v1/referrals/" + id, Tokens.of("coord.hiratsuka"))).get("state").asText());
            }
            assertEquals(2, AdminDb.count("SELECT COUNT(*) FROM referral_transition WHERE referral_id = ?", id), "REQUEST and one move");
        }
    }

    @Test
    void anIdempotencyKeyIsHonouredAcrossInstances() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = Intake.consultation("142034", "NICU退院予定 " + key).replace("\"PHONE\"", "\"PARTNER_SYSTEM\"")
                .replace("\"FAMILY\"", "\"MEDICAL_INSTITUTION\"");
        String token = Tokens.partner();
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 3 * INSTANCES; i++) {
            ServiceInstance node = NODES.get(i % INSTANCES);
            calls.add(() -> node.post("/api/v1/consultations", token, body, Map.of("Idempotency-Key", key)));
        }
        Set<String> created = new HashSet<>();
        for (HttpResponse<String> r : atOnce(calls)) {
            if (r.statusCode() == 201) {
                created.add(json(r).get("id").asText());
            } else {
                assertEquals(409, r.statusCode(), "only a retry still in flight elsewhere is refused: " + r.body());
            }
        }
        assertEquals(1, created.size(), "every 201 names the same consultation: " + created);
        String id = created.iterator().next();
        for (ServiceInstance node : NODES) {
            HttpResponse<String> replay = node.post("/api/v1/consultations", token, body, Map.of("Idempotency-Key", key));
            assertEquals(201, replay.statusCode(), replay.body());
            assertEquals("true", replay.headers().firstValue("Idempotent-Replayed").orElse(null), node.name());
            assertEquals(id, json(replay).get("id").asText());
        }
        assertEquals(1, AdminDb.count("SELECT COUNT(*) FROM consultation WHERE chief_complaint LIKE ?", "%" + key + "%"));
    }

    @Test
    void theAuditChainIsIntactAfterConcurrentWritesThroughEveryInstance() throws Exception {
        String marker = UUID.randomUUID().toString();
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 10 * INSTANCES; i++) {
            ServiceInstance node = NODES.get(i % INSTANCES);
            String user = i % 2 == 0 ? "staff.kanagawa" : "coord.hiratsuka";
            String complaint = "監査連鎖 " + marker + " " + i;
            calls.add(() -> node.post("/api/v1/consultations", Tokens.of(user), Intake.consultation("142034", complaint), Map.of()));
        }
        for (HttpResponse<String> r : atOnce(calls)) {
            assertEquals(201, r.statusCode(), r.body());
        }
        assertEquals(10 * INSTANCES, AdminDb.count("SELECT COUNT(*) FROM consultation WHERE chief_complaint LIKE ?", "%" + marker + "%"));
        for (ServiceInstance node : NODES) {
            HttpResponse<String> verify = node.get("/api/v1/audit/verify", Tokens.of("auditor.kanagawa"));
            assertEquals(200, verify.statusCode(), verify.body());
            assertTrue(json(verify).get("intact").asBoolean(), node.name() + ": " + verify.body());
        }
    }
}
