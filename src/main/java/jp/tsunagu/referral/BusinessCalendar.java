package jp.tsunagu.referral;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Business days for referral deadlines (e.g. "answer within 3 business days"). Holidays are supplied
 * by the caller rather than computed: Japanese public holidays move (substitute holidays, one-off
 * imperial events) and many offices also close 12/29 to 1/3, so the list is configuration, not code.
 */
public final class BusinessCalendar {

    private final Set<LocalDate> holidays;

    public BusinessCalendar(Set<LocalDate> holidays) {
        this.holidays = Set.copyOf(Objects.requireNonNull(holidays, "holidays"));
    }

    /** Saturdays, Sundays and listed holidays are not business days; a holiday on a weekend changes nothing. */
    public boolean isBusinessDay(LocalDate date) {
        DayOfWeek dow = date.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !holidays.contains(date);
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

    /**
     * Parses a configuration value like {@code "2025-04-29, 2025-05-03"}. Blank entries (a trailing comma,
     * an empty property) are skipped; anything else that is not an ISO yyyy-MM-dd date is rejected, because
     * a silently dropped holiday would shift every deadline around it.
     *
     * @return the dates in ascending order, unmodifiable
     */
    public static Set<LocalDate> parseHolidays(String commaSeparatedIsoDates) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        if (commaSeparatedIsoDates == null) {
            return Collections.unmodifiableSortedSet(dates);
        }
        String[] entries = commaSeparatedIsoDates.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                continue;
            }
            try {
                dates.add(LocalDate.parse(entry));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Holiday entry " + (i + 1) + " '" + entry
                        + "' is not a valid ISO date (yyyy-MM-dd, e.g. 2025-04-29)", e);
            }
        }
        return Collections.unmodifiableSortedSet(dates);
    }
}
