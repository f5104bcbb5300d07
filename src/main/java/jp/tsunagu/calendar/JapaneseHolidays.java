package jp.tsunagu.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Japan's public holidays computed by the rules of 国民の祝日に関する法律 as in force since 2007 (the 振替休日 rule of
 * the 2005 amendment and 昭和の日), with 山の日 from 2016, 天皇誕生日 on 12-23 until 2018, none in 2019 and 02-23 from
 * 2020, and the one-off laws of 2019 (天皇の即位の日, 即位礼正殿の儀) and of the Olympic years 2020 and 2021 (海の日,
 * スポーツの日 and 山の日 moved).
 *
 * <p>Computed rather than listed because a list runs out silently (the configured one ended on 2027-01-11), and
 * rather than taken from a library because none on Maven Central qualified (checked 2026-12): jollyday's Japan
 * table has neither the equinox days nor the move of 天皇誕生日, and the maintained Japanese ones
 * (com.samuraism:java-holidays, one.cafebabe:businesscalendar4j) download the Cabinet Office's syukujitsu.csv at
 * run time, which a production service in a closed network cannot do and which ends with the years published.
 *
 * <p>春分の日 and 秋分の日 are fixed by the Cabinet Office each February for the next year from the National
 * Astronomical Observatory's ephemeris; the standard approximation used here agrees with it for 1980..2099. A law
 * that moves a holiday again (as in 2019..2021) needs a code change here and a line in the test data.
 */
public final class JapaneseHolidays {

    /** First and last year the rules here are complete for. */
    public static final int FIRST_YEAR = 2007;
    public static final int LAST_YEAR = 2099;

    private static final Map<Integer, NavigableMap<LocalDate, String>> CACHE = new ConcurrentHashMap<>();

    private JapaneseHolidays() {
    }

    /** Whether {@code date} is a public holiday (国民の祝日, 振替休日 or 国民の休日). */
    public static boolean isHoliday(LocalDate date) {
        return of(date.getYear()).containsKey(date);
    }

    /**
     * The public holidays of {@code year} with their names, in date order.
     *
     * @throws IllegalArgumentException outside {@link #FIRST_YEAR}..{@link #LAST_YEAR}, where the rules here are
     *             not the law of the time (or the equinox formula is off) and a wrong answer would pass unnoticed
     */
    public static NavigableMap<LocalDate, String> of(int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new IllegalArgumentException("Japanese public holidays are computed for " + FIRST_YEAR + ".."
                    + LAST_YEAR + " only, not for " + year);
        }
        return CACHE.computeIfAbsent(year, y -> Collections.unmodifiableNavigableMap(compute(y)));
    }

    private static NavigableMap<LocalDate, String> compute(int year) {
        // 1. 国民の祝日 (Art. 2 and the special laws for 2019..2021)
        TreeMap<LocalDate, String> days = new TreeMap<>();
        fixed(days, year, 1, 1, "元日");
        days.put(monday(year, 1, 2), "成人の日");
        fixed(days, year, 2, 11, "建国記念の日");
        if (year >= 2020) {
            fixed(days, year, 2, 23, "天皇誕生日");
        }
        days.put(LocalDate.of(year, 3, vernalEquinoxDay(year)), "春分の日");
        fixed(days, year, 4, 29, "昭和の日");
        fixed(days, year, 5, 3, "憲法記念日");
        fixed(days, year, 5, 4, "みどりの日");
        fixed(days, year, 5, 5, "こどもの日");
        switch (year) {
            case 2020 -> {
                fixed(days, year, 7, 23, "海の日");
                fixed(days, year, 7, 24, "スポーツの日");
                fixed(days, year, 8, 10, "山の日");
            }
            case 2021 -> {
                fixed(days, year, 7, 22, "海の日");
                fixed(days, year, 7, 23, "スポーツの日");
                fixed(days, year, 8, 8, "山の日");
            }
            default -> {
                days.put(monday(year, 7, 3), "海の日");
                if (year >= 2016) {
                    fixed(days, year, 8, 11, "山の日");
                }
                days.put(monday(year, 10, 2), year >= 2020 ? "スポーツの日" : "体育の日");
            }
        }
        days.put(monday(year, 9, 3), "敬老の日");
        days.put(LocalDate.of(year, 9, autumnalEquinoxDay(year)), "秋分の日");
        fixed(days, year, 11, 3, "文化の日");
        fixed(days, year, 11, 23, "勤労感謝の日");
        if (year <= 2018) {
            fixed(days, year, 12, 23, "天皇誕生日");
        }
        if (year == 2019) {
            fixed(days, year, 5, 1, "天皇の即位の日");
            fixed(days, year, 10, 22, "即位礼正殿の儀の行われる日");
        }

        TreeMap<LocalDate, String> all = new TreeMap<>(days);
        // 2. 振替休日 (Art. 3-2): a 国民の祝日 on a Sunday moves to the nearest following day that is not one.
        for (LocalDate d : days.keySet()) {
            if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                LocalDate substitute = d.plusDays(1);
                while (days.containsKey(substitute)) {
                    substitute = substitute.plusDays(1);
                }
                all.putIfAbsent(substitute, "振替休日");
            }
        }
        // 3. 国民の休日 (Art. 3-3): a day that is not a 国民の祝日 between two that are.
        for (LocalDate d : days.keySet()) {
            LocalDate between = d.plusDays(1);
            if (!days.containsKey(between) && days.containsKey(between.plusDays(1))) {
                all.putIfAbsent(between, "国民の休日");
            }
        }
        // A substitute or in-between day of the last days of December would fall into the next year (it cannot
        // with today's law), so each year holds only its own dates.
        return new TreeMap<>(all.subMap(LocalDate.of(year, 1, 1), true, LocalDate.of(year, 12, 31), true));
    }

    /**
     * 春分日 in March by the standard approximation (valid 1980..2099), computed in integers so that no rounding
     * of 0.242194 decides a date: floor(20.8431 + 0.242194 (Y - 1980) - floor((Y - 1980) / 4)).
     */
    static int vernalEquinoxDay(int year) {
        return equinox(20_843_100L, year);
    }

    /** 秋分日 in September: floor(23.2488 + 0.242194 (Y - 1980) - floor((Y - 1980) / 4)). */
    static int autumnalEquinoxDay(int year) {
        return equinox(23_248_800L, year);
    }

    private static int equinox(long baseMicroDays, int year) {
        long n = year - 1980;
        return (int) Math.floorDiv(baseMicroDays + 242_194L * n - 1_000_000L * Math.floorDiv(n, 4), 1_000_000L);
    }

    private static void fixed(Map<LocalDate, String> days, int year, int month, int day, String name) {
        days.put(MonthDay.of(month, day).atYear(year), name);
    }

    private static LocalDate monday(int year, int month, int ordinal) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(ordinal, DayOfWeek.MONDAY));
    }
}
