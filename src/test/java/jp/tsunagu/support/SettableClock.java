package jp.tsunagu.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * The service's clock in the tests: the system clock in Asia/Tokyo, which a test may stop at an instant
 * (00:30 or 23:30 in Japan) and must let go of afterwards. The JVM's own zone stays whatever it is.
 */
@Alternative
@Priority(1)
@Singleton
public class SettableClock extends Clock {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static volatile Instant fixed;

    /** Stops the service's clock at {@code instant} until {@link #release()}. */
    public static void stopAt(Instant instant) {
        fixed = instant;
    }

    public static void release() {
        fixed = null;
    }

    @Override
    public ZoneId getZone() {
        return JAPAN;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(JAPAN) ? this : Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        Instant at = fixed;
        return at == null ? Instant.now() : at;
    }
}
