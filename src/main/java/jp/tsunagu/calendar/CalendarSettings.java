package jp.tsunagu.calendar;

import java.util.Map;

import io.smallrye.config.ConfigMapping;

/**
 * The office closures per prefecture (public holidays are computed, see {@link JapaneseHolidays}):
 * {@code tsunagu.calendar.closures.default} for every prefecture without its own list, and
 * {@code tsunagu.calendar.closures."14"} (a 2-digit prefecture code) for one that closes on other days, e.g. on its
 * 県民の日. A prefecture's list replaces the default, so it repeats the New Year days it keeps.
 */
@ConfigMapping(prefix = "tsunagu.calendar")
public interface CalendarSettings {

    String DEFAULT = "default";

    /** Comma-separated MM-dd (every year) and yyyy-MM-dd (once) days, keyed by prefecture code or {@value #DEFAULT}. */
    Map<String, String> closures();
}
