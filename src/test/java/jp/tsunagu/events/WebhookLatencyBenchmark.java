package jp.tsunagu.events;

import static jp.tsunagu.events.EventTesting.consultation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import jp.tsunagu.support.Api;

/**
 * Commit-to-receipt latency of webhooks at 50 events/s (timeline entries over HTTP, spread over 10 consultations),
 * measured from the event's timestamp (taken inside the writing transaction, so slightly before the commit) to its
 * arrival at a loopback receiver. Run alone: {@code ./mvnw verify -Dtest=WebhookLatencyBenchmark -Dtsunagu.bench=true}.
 * "Two instances" are two dispatchers in this JVM on the same database (claims, SKIP LOCKED, leases), not two
 * service processes.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "tsunagu.bench", matches = "true")
class WebhookLatencyBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RATE = 50;
    private static final int SECONDS = 20;

    @Inject
    Dispatcher dispatcher;

    @Test
    void oneInstanceWokenByTheCommit() throws Exception {
        run("one instance (scheduled tick + wake-up after commit)", false);
    }

    @Test
    void twoDispatchersOnOneDatabase() throws Exception {
        dispatcher.pause();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            for (String w : List.of("bench-a", "bench-b")) {
                two.submit(() -> {
                    while (!stop.get()) {
                        if (dispatcher.runOnce(w) == 0) {
                            Thread.sleep(10);
                        }
                    }
                    return null;
                });
            }
            run("two dispatchers polling every 10 ms when idle", true);
        } finally {
            stop.set(true);
            two.shutdownNow();
            dispatcher.resume();
        }
    }

    private void run(String label, boolean twoWorkers) throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String sub = Api.asJson("coord.atsugi").body("{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"consultation.timeline_entry_added\"]}")
                    .when().post("/api/v1/webhook-subscriptions").then().statusCode(201).extract().path("id");
            try {
                List<String> cases = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    cases.add(consultation("coord.atsugi", "142123"));
                }
                int total = RATE * SECONDS;
                AtomicInteger sent = new AtomicInteger();
                ScheduledExecutorService load = Executors.newScheduledThreadPool(8);
                Instant started = Instant.now();
                for (int i = 0; i < total; i++) {
                    String c = cases.get(i % cases.size());
                    load.schedule(() -> {
                        Api.asJson("coord.atsugi").body("{\"type\":\"MEMO\",\"body\":\"負荷\"}").when().post("/api/v1/consultations/" + c + "/timeline")
                                .then().statusCode(201);
                        sent.incrementAndGet();
                    }, i * 1000L / RATE, TimeUnit.MILLISECONDS);
                }
                load.shutdown();
                load.awaitTermination(SECONDS + 60, TimeUnit.SECONDS);
                double offered = sent.get() / (Duration.between(started, Instant.now()).toMillis() / 1000.0);
                List<WebhookReceiver.Received> got = receiver.await(Duration.ofSeconds(120),
                        all -> all.stream().map(WebhookReceiver.Received::id).distinct().count() >= total);
                List<Long> latencies = new ArrayList<>();
                Map<String, WebhookReceiver.Received> first = got.stream().collect(Collectors.toMap(WebhookReceiver.Received::id, r -> r, (a, b) -> a));
                for (WebhookReceiver.Received r : first.values()) {
                    Instant ts = Instant.parse(JSON.readTree(r.body()).path("timestamp").asText());
                    latencies.add(Duration.between(ts, r.at()).toMillis());
                }
                latencies.sort(Long::compare);
                System.out.printf("WEBHOOK LATENCY %s: %d events, offered %.1f/s, duplicates %d, p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                        label, latencies.size(), offered, got.size() - first.size(), pct(latencies, 50), pct(latencies, 90), pct(latencies, 99),
                        latencies.get(latencies.size() - 1));
            } finally {
                Api.as("coord.atsugi").when().post("/api/v1/webhook-subscriptions/" + sub + "/deactivation");
            }
        }
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
