package jp.tsunagu.calendar;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Set;
import java.util.TreeSet;

/**
 * Days an office is closed besides weekends and public holidays: recurring ones ({@code 12-29}, a prefecture's
 * 県民の日) and one-off ones ({@code 2027-08-13}). Parsed from configuration such as
 * {@code "12-29,12-30,12-31,01-02,01-03"}; blank entries (a trailing comma) are skipped, anything else that is
 * neither MM-dd nor yyyy-MM-dd is rejected, because a silently dropped closure would shift every deadline around it.
 */
public record OfficeClosures(Set<MonthDay> everyYear, Set<LocalDate> once) {

    public static final OfficeClosures NONE = new OfficeClosures(Set.of(), Set.of());

    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MM-dd");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    public OfficeClosures {
        everyYear = Set.copyOf(everyYear);
        once = Set.copyOf(once);
    }

    public boolean closes(LocalDate date) {
        return once.contains(date) || everyYear.contains(MonthDay.from(date));
    }

    /**
     * @throws IllegalArgumentException naming the entry's position and text when one is malformed
     */
    public static OfficeClosures parse(String commaSeparated) {
        Set<MonthDay> everyYear = new TreeSet<>();
        Set<LocalDate> once = new TreeSet<>();
        if (commaSeparated == null) {
            return NONE;
        }
        String[] entries = commaSeparated.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                continue;
            }
            try {
                if (entry.length() == 5) {
                    // MonthDay's parser accepts 02-29 and rejects 02-30 on its own; MM-dd has no year to be strict about.
                    everyYear.add(MonthDay.parse(entry, MONTH_DAY));
                } else {
                    once.add(LocalDate.parse(entry, DATE));
                }
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("entry " + (i + 1) + " '" + entry
                        + "' is neither a recurring month-day MM-dd (e.g. 12-29) nor a date yyyy-MM-dd (e.g. 2027-08-13)", e);
            }
        }
        return new OfficeClosures(everyYear, once);
    }
}
