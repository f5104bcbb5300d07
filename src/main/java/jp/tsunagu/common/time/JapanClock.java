package jp.tsunagu.common.time;

import java.time.Clock;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.validation.ClockProvider;

/**
 * The one clock of the service, zoned Asia/Tokyo: business dates (consent, coverage, statistics,
 * deadlines) are Japan's whatever zone the server runs in, so {@code LocalDate.now(clock)} is the date
 * in Japan. Bean Validation's {@code @PastOrPresent} and friends use the same clock.
 */
@ApplicationScoped
public class JapanClock implements ClockProvider {

    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private static final Clock SYSTEM = Clock.system(JAPAN);

    @Produces
    @Singleton
    Clock clock() {
        return SYSTEM;
    }

    @Override
    public Clock getClock() {
        return SYSTEM;
    }
}
