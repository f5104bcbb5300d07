package jp.tsunagu.referral;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import jp.tsunagu.calendar.JapaneseHolidays;
import jp.tsunagu.calendar.OfficeClosures;

/**
 * Business days for referral deadlines (e.g. "answer within 3 business days"): not a Saturday, a Sunday or a day
 * the offices are closed. In service that is Japan's public holidays, computed by {@link JapaneseHolidays}, plus a
 * prefecture's configured closures (年末年始, 県民の日): see {@link #japan(OfficeClosures)} and {@link OfficeCalendars}.
 */
public final class BusinessCalendar {

    private final Predicate<LocalDate> closed;

    /** A calendar closed on exactly the given days besides weekends (for tests on fixed dates). */
    public BusinessCalendar(Set<LocalDate> closedDays) {
        this(Set.copyOf(Objects.requireNonNull(closedDays, "closedDays"))::contains);
    }

    private BusinessCalendar(Predicate<LocalDate> closed) {
        this.closed = closed;
    }

    /** Closed on Japan's public holidays and on the office's own closure days. */
    public static BusinessCalendar japan(OfficeClosures closures) {
        Objects.requireNonNull(closures, "closures");
        return new BusinessCalendar(date -> JapaneseHolidays.isHoliday(date) || closures.closes(date));
    }

    /** Saturdays, Sundays and closed days are not business days; a holiday on a weekend changes nothing. */
    public boolean isBusinessDay(LocalDate date) {
        DayOfWeek dow = date.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !closed.test(date);
    }

    /**
     * The date on which {@code n} business days have passed, counting from the day after {@code start}
     * (start itself never counts, as a request received at 17:00 cannot be worked on that day). With
     * n = 0 the answer is {@code start} itself, even when start is not a business day.
     */
    public LocalDate addBusinessDays(LocalDate start, int n) {
        Objects.requireNonNull(start, "start");
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        LocalDate date = start;
        int remaining = n;
        while (remaining > 0) {
            date = date.plusDays(1);
            if (isBusinessDay(date)) {
                remaining--;
            }
        }
        return date;
    }

    /**
     * Business days in (fromExclusive, toInclusive], so that {@code businessDaysBetween(s, addBusinessDays(s, n)) == n}.
     * Negative when {@code toInclusive} is earlier, which lets "days left until the deadline" go below
     * zero once it is overdue instead of failing.
     */
    public int businessDaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
        Objects.requireNonNull(fromExclusive, "fromExclusive");
        Objects.requireNonNull(toInclusive, "toInclusive");
        if (toInclusive.isBefore(fromExclusive)) {
            return -businessDaysBetween(toInclusive, fromExclusive);
        }
        int count = 0;
        for (LocalDate d = fromExclusive.plusDays(1); !d.isAfter(toInclusive); d = d.plusDays(1)) {
            if (isBusinessDay(d)) {
                count++;
            }
        }
        return count;
    }
}
