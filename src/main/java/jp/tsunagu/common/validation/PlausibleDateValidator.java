package jp.tsunagu.common.validation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** See {@link PlausibleDate}. "Now" comes from the validation context's clock (Bean Validation's ClockProvider). */
public class PlausibleDateValidator implements ConstraintValidator<PlausibleDate, TemporalAccessor> {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private LocalDate since;
    private long skewSeconds;

    @Override
    public void initialize(PlausibleDate annotation) {
        since = LocalDate.parse(annotation.since());
        skewSeconds = annotation.futureSkewSeconds();
    }

    @Override
    public boolean isValid(TemporalAccessor value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        Clock clock = context.getClockProvider().getClock();
        if (value instanceof LocalDate date) {
            return !date.isBefore(since) && !date.isAfter(LocalDate.now(clock.withZone(JAPAN)));
        }
        Instant instant = switch (value) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case ZonedDateTime z -> z.toInstant();
            default -> throw new IllegalArgumentException("@PlausibleDate does not apply to " + value.getClass().getSimpleName());
        };
        return !instant.isBefore(since.atStartOfDay(JAPAN).toInstant())
                && !instant.isAfter(clock.instant().plusSeconds(skewSeconds));
    }
}
