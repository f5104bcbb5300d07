package jp.tsunagu.events;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The event feed and webhook delivery (tsunagu.events.*). */
@ConfigMapping(prefix = "tsunagu.events")
public interface EventsSettings {

    /** How often each instance publishes new events and delivers due webhooks (besides the wake-up after a commit). */
    @WithDefault("1s")
    String dispatchEvery();

    /** How often the referral.overdue job runs (ReferralOverdueJob; one instance at a time). */
    @WithDefault("10m")
    String overdueJobEvery();

    /** The longest a feed request may wait for new events ({@code wait} parameter). */
    @WithDefault("PT30S")
    Duration feedMaxWait();

    Webhooks webhooks();

    interface Webhooks {

        /**
         * Base64 of a 32-byte AES key that encrypts the subscriptions' signing secrets in the database. Without it,
         * webhooks are switched off (subscriptions answer 503, nothing is delivered).
         */
        Optional<String> secretKey();

        /** http:// targets (tests on loopback only); production takes https only. */
        @WithDefault("false")
        boolean allowHttp();

        /** Loopback, private, link-local and other non-public targets (tests only). */
        @WithDefault("false")
        boolean allowPrivateTargets();

        @WithDefault("PT5S")
        Duration connectTimeout();

        /** Until the response's status line and headers; the body is read under the same deadline. */
        @WithDefault("PT10S")
        Duration readTimeout();

        /** Response bodies are read up to this many bytes and then cut off. */
        @WithDefault("65536")
        int maxResponseBytes();

        /**
         * Waits after the 1st, 2nd, ... failed attempt; after the last the delivery fails and the subscription is
         * disabled with the reason. The default sums to about 28 hours (the Standard Webhooks reference schedule).
         */
        @WithDefault("PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H")
        List<Duration> retrySchedule();

        /** Each wait is stretched or shrunk by up to this share at random, so failed receivers are not hit in step. */
        @WithDefault("0.2")
        double jitter();

        /** Deliveries sent at once by one instance. */
        @WithDefault("8")
        int workers();

        /** Deliveries one claim takes. */
        @WithDefault("32")
        int claimBatch();

        /** How long a claimed delivery belongs to its worker; a worker that dies leaves it to others after this. */
        @WithDefault("PT1M")
        Duration lease();

        /** After a rotation the previous secret keeps signing (a second signature) this long. */
        @WithDefault("PT24H")
        Duration previousSecretValidity();
    }
}
