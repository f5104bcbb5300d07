package jp.tsunagu.referral;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.Startup;

import jp.tsunagu.calendar.CalendarSettings;
import jp.tsunagu.calendar.OfficeClosures;

/**
 * The business calendar of each prefecture's offices: weekends, Japan's public holidays and the configured
 * closures. Built at start-up, so a malformed closure list stops the service with a message naming the property
 * and the entry instead of shifting deadlines.
 */
@Startup
@Singleton
public class OfficeCalendars {

    private static final Pattern PREF_CODE = Pattern.compile("\\d{2}");

    private final BusinessCalendar fallback;
    private final Map<String, BusinessCalendar> byPrefecture;

    @Inject
    OfficeCalendars(CalendarSettings settings, Config config) {
        this(settings.closures());
        // The old list of holidays and closures would be ignored without a word, and its days with it.
        if (config.getOptionalValue("tsunagu.referral.holidays", String.class).isPresent() || System.getenv("TSUNAGU_HOLIDAYS") != null) {
            throw new IllegalStateException("tsunagu.referral.holidays (TSUNAGU_HOLIDAYS) is no longer read: public holidays"
                    + " are computed; list the offices' own closure days in tsunagu.calendar.closures.default"
                    + " (TSUNAGU_OFFICE_CLOSURES) or per prefecture in tsunagu.calendar.closures.\"NN\", then remove it");
        }
    }

    /** From the {@code tsunagu.calendar.closures} map; throws {@link IllegalStateException} when it is malformed. */
    public OfficeCalendars(Map<String, String> closures) {
        Map<String, BusinessCalendar> calendars = new TreeMap<>();
        BusinessCalendar defaultCalendar = BusinessCalendar.japan(OfficeClosures.NONE);
        for (Map.Entry<String, String> e : new TreeMap<>(closures).entrySet()) {
            String key = e.getKey();
            String property = "tsunagu.calendar.closures." + (CalendarSettings.DEFAULT.equals(key) ? key : "\"" + key + "\"");
            if (!CalendarSettings.DEFAULT.equals(key) && !PREF_CODE.matcher(key).matches()) {
                throw new IllegalStateException("Invalid office calendar: " + property + " is neither 'default' nor a"
                        + " 2-digit prefecture code (e.g. tsunagu.calendar.closures.\"14\")");
            }
            BusinessCalendar calendar;
            try {
                calendar = BusinessCalendar.japan(OfficeClosures.parse(e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalStateException("Invalid office calendar: " + property + ", " + ex.getMessage(), ex);
            }
            if (CalendarSettings.DEFAULT.equals(key)) {
                defaultCalendar = calendar;
            } else {
                calendars.put(key, calendar);
            }
        }
        this.fallback = defaultCalendar;
        this.byPrefecture = Map.copyOf(calendars);
    }

    /** The calendar of a prefecture's offices (its own closures, or the default ones). */
    public BusinessCalendar of(String prefCode) {
        return byPrefecture.getOrDefault(Objects.requireNonNull(prefCode, "prefCode"), fallback);
    }

    /** The calendar of prefectures without their own closure list. */
    public BusinessCalendar fallback() {
        return fallback;
    }

    /** Prefectures with their own closure list, by code. */
    public Map<String, BusinessCalendar> byPrefecture() {
        return byPrefecture;
    }
}
