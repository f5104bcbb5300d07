package jp.tsunagu.common.time;

import java.time.Clock;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one clock of the service, zoned Asia/Tokyo: business dates (consent, coverage, statistics,
 * deadlines) are Japan's whatever zone the server runs in, so {@code LocalDate.now(clock)} is the date
 * in Japan. Bean Validation's {@code @PastOrPresent} and {@code @PlausibleDate} read the same bean
 * ({@link ValidationClock}).
 */
@ApplicationScoped
public class JapanClock {

    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    @Produces
    @Singleton
    Clock clock() {
        return Clock.system(JAPAN);
    }
}
