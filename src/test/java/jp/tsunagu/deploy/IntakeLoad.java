package jp.tsunagu.deploy;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

import jp.tsunagu.support.Intake;

/**
 * Bounded intake load for the fault tests: a few threads post consultations (each chief complaint carries the run's
 * marker) until stopped, and remember every consultation the service acknowledged with a 201.
 */
final class IntakeLoad implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final String marker = "障害試験 " + java.util.UUID.randomUUID();
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger cut = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();

    IntakeLoad(int threadCount, Supplier<ServiceInstance> target, Supplier<String> token) {
        for (int t = 0; t < threadCount; t++) {
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    String body = Intake.consultation("142034", marker + " " + sequence.incrementAndGet());
                    try {
                        HttpResponse<String> r = target.get().post("/api/v1/consultations", token.get(), body, Map.of());
                        if (r.statusCode() == 201) {
                            acknowledged.add(JSON.readTree(r.body()).get("id").asText());
                        } else {
                            refused.incrementAndGet();
                            Thread.sleep(50);
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception connectionCut) {
                        cut.incrementAndGet();
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }, "intake-load-" + t);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    IntakeLoad start() {
        threads.forEach(Thread::start);
        return this;
    }

    /** Waits until at least {@code n} consultations more than {@code from} were acknowledged (at most 60 s). */
    void awaitAcknowledged(int from, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (acknowledged.size() < from + n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (acknowledged.size() < from + n) {
            throw new AssertionError("the load got only " + acknowledged.size() + " acknowledgements (refused " + refused + ", cut " + cut + ")");
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join(40_000);
        }
    }
}
