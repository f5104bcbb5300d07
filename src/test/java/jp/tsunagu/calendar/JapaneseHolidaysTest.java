package jp.tsunagu.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The computed holidays against the Cabinet Office's published list, and the rules beyond it. No server. */
class JapaneseHolidaysTest {

    private static final NavigableMap<LocalDate, String> PUBLISHED = published();

    private static NavigableMap<LocalDate, String> published() {
        try (InputStream in = JapaneseHolidaysTest.class.getResourceAsStream("/calendar/cabinet-office-holidays-2016-2027.csv")) {
            TreeMap<LocalDate, String> days = new TreeMap<>();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.startsWith("date,") && !l.isBlank())
                    .forEach(l -> days.put(LocalDate.parse(l.substring(0, 10)), l.substring(11)));
            return days;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static IntStream publishedYears() {
        return IntStream.rangeClosed(2016, 2027);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedYears")
    void everyYearEqualsTheCabinetOfficeList(int year) {
        Map<LocalDate, String> expected = PUBLISHED.subMap(LocalDate.of(year, 1, 1), true, LocalDate.of(year, 12, 31), true);
        assertTrue(expected.size() >= 16, "test data for " + year);
        assertEquals(expected, JapaneseHolidays.of(year));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2016-03-20, 2016-09-22", "2017-03-20, 2017-09-23", "2018-03-21, 2018-09-23", "2019-03-21, 2019-09-23",
            "2020-03-20, 2020-09-22", "2021-03-20, 2021-09-23", "2022-03-21, 2022-09-23", "2023-03-21, 2023-09-23",
            "2024-03-20, 2024-09-22", "2025-03-20, 2025-09-23", "2026-03-20, 2026-09-23", "2027-03-21, 2027-09-23",
    })
    void equinoxDays(LocalDate vernal, LocalDate autumnal) {
        assertEquals("春分の日", JapaneseHolidays.of(vernal.getYear()).get(vernal));
        assertEquals("秋分の日", JapaneseHolidays.of(autumnal.getYear()).get(autumnal));
    }

    @Test
    void theEmperorsBirthdayMovesFromDecemberToFebruaryWithNoneIn2019() {
        assertEquals("天皇誕生日", JapaneseHolidays.of(2018).get(LocalDate.of(2018, 12, 23)));
        assertFalse(JapaneseHolidays.isHoliday(LocalDate.of(2019, 2, 23)));
        assertFalse(JapaneseHolidays.isHoliday(LocalDate.of(2019, 12, 23)));
        assertFalse(JapaneseHolidays.of(2019).containsValue("天皇誕生日"));
        assertEquals("天皇誕生日", JapaneseHolidays.of(2020).get(LocalDate.of(2020, 2, 23)));
        assertFalse(JapaneseHolidays.isHoliday(LocalDate.of(2020, 12, 23)));
        assertEquals("天皇誕生日", JapaneseHolidays.of(2040).get(LocalDate.of(2040, 2, 23)));
    }

    /** Years the Cabinet Office has not published yet: the two Silver Weeks with a 国民の休日 to come, and rule checks. */
    @Test
    void beyondThePublishedYears() {
        assertEquals("国民の休日", JapaneseHolidays.of(2032).get(LocalDate.of(2032, 9, 21)));
        assertEquals("国民の休日", JapaneseHolidays.of(2037).get(LocalDate.of(2037, 9, 22)));
        for (int year = 2022; year <= JapaneseHolidays.LAST_YEAR; year++) {
            NavigableMap<LocalDate, String> days = JapaneseHolidays.of(year);
            long named = days.values().stream().filter(n -> !n.equals("振替休日") && !n.equals("国民の休日")).count();
            assertEquals(16, named, "国民の祝日 in " + year);
            for (Map.Entry<LocalDate, String> e : days.entrySet()) {
                LocalDate d = e.getKey();
                if (e.getValue().equals("振替休日")) {
                    // the first day that is no 祝日 after a 祝日 on a Sunday
                    LocalDate back = d.minusDays(1);
                    while (days.containsKey(back) && back.getDayOfWeek() != DayOfWeek.SUNDAY) {
                        back = back.minusDays(1);
                    }
                    assertEquals(DayOfWeek.SUNDAY, back.getDayOfWeek(), "振替休日 " + d);
                }
                if (e.getValue().equals("国民の休日")) {
                    assertTrue(days.containsKey(d.minusDays(1)) && days.containsKey(d.plusDays(1)), "国民の休日 " + d);
                }
                if (d.getDayOfWeek() == DayOfWeek.SUNDAY && !e.getValue().equals("国民の休日")) {
                    LocalDate next = d.plusDays(1);
                    while (days.containsKey(next) && !days.get(next).equals("振替休日")) {
                        next = next.plusDays(1);
                    }
                    assertEquals("振替休日", days.get(next), "substitute for " + d);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 1999, 2006, 2100 })
    void refusesYearsItHasNoRulesFor(int year) {
        assertThrows(IllegalArgumentException.class, () -> JapaneseHolidays.of(year));
        assertThrows(IllegalArgumentException.class, () -> JapaneseHolidays.isHoliday(LocalDate.of(year, 5, 5)));
    }
}
