package jp.tsunagu.audit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jp.tsunagu.support.Intake;
import jp.tsunagu.support.Tokens;

/**
 * What the audit trail's chain heads cost: throughput of audited writes at 1, 4 and 16 concurrent clients, (1) bare
 * transactions of one audit row each through {@link AuditLog} and (2) audited intake ({@code POST /consultations} over
 * HTTP, one consultation, its topics and its audit row per request). Prints a table; asserts nothing (a measurement,
 * not a test). Run alone, on an otherwise quiet machine if there is one:
 * {@code ./mvnw -o -B verify -Dtest=AuditChainsBenchmark -Dtsunagu.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 * The same file runs unchanged on a tree with the single head (before issue 19), which is how before and after
 * were compared.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "tsunagu.bench", matches = "true")
class AuditChainsBenchmark {

    private static final long WARM_UP_MS = 3_000;
    private static final long MEASURE_MS = Long.getLong("tsunagu.bench.seconds", 12) * 1000;
    private static final int[] CLIENTS = { 1, 4, 16 };

    @Inject
    AuditLog log;

    @TestHTTPResource("/api/v1/consultations")
    URI consultations;

    @Test
    void auditedWrites() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int clients : CLIENTS) {
            double tx = run(clients, () -> QuarkusTransaction.requiringNew()
                    .run(() -> log.record("BENCH_AUDIT", "bench", null, "one audit row per transaction")));
            lines.add("bare audited transactions  clients=%2d  %8.1f tx/s".formatted(clients, tx));
        }
        HttpClient http = HttpClient.newHttpClient();
        String token = Tokens.of("branch.kenou");
        for (int clients : CLIENTS) {
            double rps = run(clients, () -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(consultations).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Intake.consultation("142123", "監査チェーン計測"))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("intake answered " + r.statusCode() + ": " + r.body());
                }
            });
            lines.add("audited intake over HTTP   clients=%2d  %8.1f req/s".formatted(clients, rps));
        }
        System.out.println("AuditChainsBenchmark (" + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + MEASURE_MS / 1000 + " s per point after " + WARM_UP_MS / 1000 + " s warm-up):");
        lines.forEach(l -> System.out.println("  " + l));
    }

    interface Write {
        void run() throws Exception;
    }

    /** Completed writes per second of {@code clients} threads writing back to back, after a warm-up. */
    private static double run(int clients, Write write) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean counting = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    while (!stop.get()) {
                        write.run();
                        if (counting.get()) {
                            done.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(WARM_UP_MS);
            counting.set(true);
            long started = System.nanoTime();
            Thread.sleep(MEASURE_MS);
            long counted = done.get();
            double seconds = (System.nanoTime() - started) / 1e9;
            stop.set(true);
            for (Future<?> w : workers) {
                w.get();
            }
            return counted / seconds;
        } finally {
            pool.shutdownNow();
        }
    }
}
