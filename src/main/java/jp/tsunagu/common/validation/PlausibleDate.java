package jp.tsunagu.common.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A date or instant of the past that can be true: on or after {@link #since()} (a day in Japan) and not after now,
 * with {@link #futureSkewSeconds()} of grace for an instant from a client whose clock runs ahead. A LocalDate is
 * compared with today in Japan. Null is valid (combine with {@code @NotNull}).
 *
 * <p>Without it, a year-1000 or a far-future value reaches the database and answers 500 (MariaDB's column range),
 * or is stored and counted in statistics as if it were true.
 */
@Documented
@Constraint(validatedBy = { PlausibleDateValidator.class })
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface PlausibleDate {

    String message() default "must be between {since} and now";

    /** The earliest allowed day, ISO yyyy-MM-dd, in Asia/Tokyo. */
    String since() default "2000-01-01";

    /** How far in the future an instant may lie (client clocks differ); not applied to dates. */
    long futureSkewSeconds() default 300;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
