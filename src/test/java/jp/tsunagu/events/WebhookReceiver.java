package jp.tsunagu.events;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import com.sun.net.httpserver.HttpServer;

/**
 * A partner's webhook endpoint on loopback (JDK HttpServer). {@code behaviour} maps the n-th request (1-based) to
 * the status to answer, or to a negative number of milliseconds to stall before answering 200.
 */
final class WebhookReceiver implements AutoCloseable {

    record Received(String id, String timestamp, String signature, String body, Instant at, int answered) {
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile IntUnaryOperator behaviour = n -> 200;
    private volatile java.util.function.Predicate<String> failFirstAttempt = id -> false;
    private final java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                int n = requests.incrementAndGet();
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                boolean first = id != null && seen.add(id);
                int answer = first && failFirstAttempt.test(id) ? 500 : behaviour.applyAsInt(n);
                if (answer < 0) {
                    try {
                        Thread.sleep(-answer);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    answer = 200;
                }
                synchronized (received) {
                    received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                            exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                            exchange.getRequestHeaders().getFirst("webhook-signature"), body, Instant.now(), answer));
                }
                exchange.sendResponseHeaders(answer, -1);
            } catch (IOException e) {
                // the sender gave up (timeout): nothing to answer
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void behave(IntUnaryOperator b) {
        behaviour = b;
    }

    /** Answers 500 to the first attempt of each event the predicate picks (by webhook-id), then as {@link #behave} says. */
    void failFirstAttemptOf(java.util.function.Predicate<String> events) {
        failFirstAttempt = events;
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Waits until {@code condition} holds over what was received, or fails after {@code timeout}. */
    List<Received> await(Duration timeout, java.util.function.Predicate<List<Received>> condition) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            List<Received> now = received();
            if (condition.test(now)) {
                return now;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("receiver did not get what was expected within " + timeout + "; got " + received().size() + " requests: "
                + received().stream().map(r -> r.id() + "/" + r.answered()).toList());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
