package jp.tsunagu.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import jp.tsunagu.support.Intake;
import jp.tsunagu.support.Tokens;

/**
 * Issue 18 with two packaged service processes on the suite's MariaDB and Keycloak: a partner's webhook receives every
 * event once (at-least-once, so a repeat would be a duplicate id; none is expected without failures), whichever
 * instance made the change and whichever instance's dispatcher claimed the delivery. Intake is sent at about 50
 * events per second, alternating between the two instances, and the commit-to-receipt latency is printed (the event's
 * own timestamp, taken before commit, to arrival at the loopback receiver): a measurement, not an assertion.
 */
class WebhooksIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int EVENTS = 500;
    static final int PER_SECOND = 50;

    @Test
    void twoInstancesDeliverEachEventOnceToThePartner() throws Exception {
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        Map<String, Long> latencyMs = new ConcurrentHashMap<>();
        Set<String> duplicates = ConcurrentHashMap.newKeySet();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(8));
        receiver.createContext("/hook", exchange -> {
            Instant at = Instant.now();
            try (InputStream in = exchange.getRequestBody()) {
                JsonNode event = JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                if (latencyMs.putIfAbsent(id, Duration.between(Instant.parse(event.get("timestamp").asText()), at).toMillis()) != null) {
                    duplicates.add(id);
                }
                ids.add(id);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        List<ServiceInstance> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Map<String, String> env = ServiceInstance.environmentOfTheTestStack();
                // the demo structure (the realm's users' units) is loaded by one instance only (see MultiInstanceIT)
                env.put("TSUNAGU_DEMO_ENABLED", String.valueOf(i == 0));
                env.put("TSUNAGU_WEBHOOK_SECRET_KEY", "dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LXRlc3Q=");
                env.put("TSUNAGU_EVENTS_WEBHOOKS_ALLOW_HTTP", "true");
                env.put("TSUNAGU_EVENTS_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
                nodes.add(ServiceInstance.packaged("webhooks-" + i, env));
            }
            nodes.get(0).start().awaitReady();
            nodes.get(1).start().awaitReady();
            String partner = Tokens.partner();
            HttpResponse<String> subscribed = nodes.get(0).post("/api/v1/webhook-subscriptions", partner,
                    "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\",\"eventTypes\":[\"consultation.created\"]}",
                    Map.of());
            assertEquals(201, subscribed.statusCode(), subscribed.body());

            // a fixed schedule of 50 requests per second, alternating between the instances, on enough threads that a
            // slow answer does not hold the next one back
            ExecutorService pool = Executors.newFixedThreadPool(32);
            List<Future<Integer>> answers = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < EVENTS; i++) {
                int n = i;
                long due = start + n * 1_000_000_000L / PER_SECOND;
                answers.add(pool.submit(() -> {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    return nodes.get(n % 2).post("/api/v1/consultations", partner, Intake.consultation("142034", "二つのインスタンス " + n),
                            Map.of("Idempotency-Key", UUID.randomUUID().toString())).statusCode();
                }));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(201, answer.get());
            }
            pool.shutdown();
            double offered = EVENTS / ((System.nanoTime() - start) / 1e9);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (latencyMs.size() < EVENTS && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertEquals(EVENTS, latencyMs.size(), "every event arrived");
            assertEquals(Set.of(), duplicates, "each event once");
            List<Long> sorted = new ArrayList<>(latencyMs.values());
            Collections.sort(sorted);
            System.out.printf("WebhooksIT: 2 instances, %d events offered at %.1f/s: commit-to-receipt p50 %d ms, p90 %d ms, p99 %d ms,"
                    + " max %d ms, %d duplicates%n", EVENTS, offered, sorted.get(sorted.size() / 2), sorted.get(sorted.size() * 9 / 10),
                    sorted.get(sorted.size() * 99 / 100), sorted.get(sorted.size() - 1), duplicates.size());
            assertTrue(offered > 0);
        } finally {
            for (ServiceInstance node : nodes) {
                node.close();
            }
            receiver.stop(0);
        }
    }
}
