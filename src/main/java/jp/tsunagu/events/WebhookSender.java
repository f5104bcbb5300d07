package jp.tsunagu.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP POST of a webhook: connect and read timeouts, no redirects followed, at most {@code maxBytes} of the
 * response read (the receiver's body is never kept). A slow receiver costs one worker for at most the read timeout.
 */
final class WebhookSender {

    record Outcome(boolean delivered, Integer status, String error) {
    }

    private final HttpClient client;
    private final Duration readTimeout;
    private final int maxBytes;

    WebhookSender(Duration connectTimeout, Duration readTimeout, int maxBytes) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
        this.readTimeout = readTimeout;
        this.maxBytes = maxBytes;
    }

    Outcome post(String url, String msgId, long timestamp, String signature, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(readTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "tsunagu-webhooks/1")
                .header("webhook-id", msgId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        CompletableFuture<HttpResponse<Void>> call = client.sendAsync(request, info -> new Capped(maxBytes));
        try {
            HttpResponse<Void> response = call.get(readTimeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Outcome(true, status, null);
            }
            return new Outcome(false, status, status >= 300 && status < 400 ? "redirect not followed (HTTP " + status + ")" : "HTTP " + status);
        } catch (TimeoutException e) {
            call.cancel(true);
            return new Outcome(false, null, "no complete response within " + readTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String kind = cause instanceof java.net.http.HttpTimeoutException ? "timed out" : cause.getClass().getSimpleName();
            return new Outcome(false, null, ("could not deliver: " + kind).substring(0, Math.min(120, ("could not deliver: " + kind).length())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return new Outcome(false, null, "interrupted");
        }
    }

    /** Reads the response body up to a cap and then stops reading it (cancels), discarding what it read. */
    private static final class Capped implements HttpResponse.BodySubscriber<Void> {

        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final int cap;
        private long seen;
        private Flow.Subscription subscription;

        Capped(int cap) {
            this.cap = cap;
        }

        @Override
        public CompletionStage<Void> getBody() {
            return done;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                seen += b.remaining();
            }
            if (seen > cap) {
                subscription.cancel();
                done.complete(null);
            }
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }
    }
}
