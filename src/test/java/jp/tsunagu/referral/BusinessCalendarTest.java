package jp.tsunagu.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessCalendarTest {

    // Golden Week 2025: 昭和の日 (Tue), 憲法記念日 (Sat), みどりの日 (Sun), こどもの日 (Mon), 振替休日 (Tue).
    private static final BusinessCalendar GW_2025 = new BusinessCalendar(
            Set.of(d("2025-04-29"), d("2025-05-03"), d("2025-05-04"), d("2025-05-05"), d("2025-05-06")));
    private static final BusinessCalendar NO_HOLIDAYS = new BusinessCalendar(Set.of());

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void weekendsAreNotBusinessDays() {
        assertTrue(NO_HOLIDAYS.isBusinessDay(d("2025-06-06"))); // Fri
        assertFalse(NO_HOLIDAYS.isBusinessDay(d("2025-06-07"))); // Sat
        assertFalse(NO_HOLIDAYS.isBusinessDay(d("2025-06-08"))); // Sun
        assertTrue(NO_HOLIDAYS.isBusinessDay(d("2025-06-09"))); // Mon
    }

    @Test
    void weekdayHolidayIsNotABusinessDay() {
        BusinessCalendar cal = new BusinessCalendar(Set.of(d("2025-07-21"))); // 海の日, Mon
        assertFalse(cal.isBusinessDay(d("2025-07-21")));
        assertTrue(cal.isBusinessDay(d("2025-07-22")));
        assertTrue(NO_HOLIDAYS.isBusinessDay(d("2025-07-21")));
    }

    @Test
    void goldenWeek2025() {
        assertTrue(GW_2025.isBusinessDay(d("2025-04-28")));
        assertFalse(GW_2025.isBusinessDay(d("2025-04-29")));
        assertTrue(GW_2025.isBusinessDay(d("2025-04-30")));
        assertTrue(GW_2025.isBusinessDay(d("2025-05-01")));
        assertTrue(GW_2025.isBusinessDay(d("2025-05-02")));
        for (String holiday : List.of("2025-05-03", "2025-05-04", "2025-05-05", "2025-05-06")) {
            assertFalse(GW_2025.isBusinessDay(d(holiday)), holiday);
        }
        assertTrue(GW_2025.isBusinessDay(d("2025-05-07")));
    }

    @ParameterizedTest(name = "{0} + {1} business days = {2}")
    @CsvSource({
            "2025-06-06, 0, 2025-06-06", // n = 0 is the start itself
            "2025-06-07, 0, 2025-06-07", // ... even on a Saturday
            "2025-06-06, 1, 2025-06-09", // Fri + 1 skips the weekend
            "2025-06-07, 1, 2025-06-09", // Sat + 1
            "2025-06-04, 3, 2025-06-09", // Wed + 3 across the weekend
            "2025-06-02, 5, 2025-06-09", // a full week
            "2025-04-25, 1, 2025-04-28", // Fri before Golden Week
            "2025-04-28, 1, 2025-04-30", // skips 昭和の日
            "2025-05-02, 1, 2025-05-07", // skips Sat, Sun, 2 holidays
            "2025-04-25, 5, 2025-05-07", // 4/28, 4/30, 5/1, 5/2, 5/7
            "2025-04-28, 3, 2025-05-02",
            "2025-05-03, 1, 2025-05-07", // starting on a holiday
    })
    void addBusinessDays(LocalDate start, int n, LocalDate expected) {
        assertEquals(expected, GW_2025.addBusinessDays(start, n));
        assertEquals(n, GW_2025.businessDaysBetween(start, expected));
    }

    @Test
    void addBusinessDaysRejectsNegative() {
        assertThrows(IllegalArgumentException.class, () -> GW_2025.addBusinessDays(d("2025-05-01"), -1));
    }

    @Test
    void businessDaysBetween() {
        assertEquals(0, GW_2025.businessDaysBetween(d("2025-05-01"), d("2025-05-01")));
        assertEquals(1, GW_2025.businessDaysBetween(d("2025-05-01"), d("2025-05-02")));
        assertEquals(0, GW_2025.businessDaysBetween(d("2025-05-02"), d("2025-05-06"))); // weekend + holidays only
        assertEquals(1, GW_2025.businessDaysBetween(d("2025-05-02"), d("2025-05-07")));
        assertEquals(1, GW_2025.businessDaysBetween(d("2025-05-06"), d("2025-05-07"))); // from is exclusive
        assertEquals(3, GW_2025.businessDaysBetween(d("2025-04-28"), d("2025-05-06"))); // 4/30, 5/1, 5/2
        assertEquals(5, GW_2025.businessDaysBetween(d("2025-04-25"), d("2025-05-07")));
        // Reversed: negative, so an overdue deadline reads as "-n days left".
        assertEquals(-5, GW_2025.businessDaysBetween(d("2025-05-07"), d("2025-04-25")));
    }

    @Test
    void japanClosesOnComputedHolidaysAndTheOfficesOwnDays() {
        BusinessCalendar japan = BusinessCalendar.japan(jp.tsunagu.calendar.OfficeClosures.parse("12-29,12-30,12-31,01-02,01-03"));
        // The same Golden Week from the law instead of a list ...
        for (String day : List.of("2025-04-25", "2025-04-28", "2025-05-02", "2025-05-03")) {
            assertEquals(GW_2025.addBusinessDays(d(day), 3), japan.addBusinessDays(d(day), 3), day);
        }
        // ... and the New Year closures that are no public holiday.
        assertEquals(d("2027-01-04"), japan.addBusinessDays(d("2026-12-28"), 1));
        assertTrue(NO_HOLIDAYS.isBusinessDay(d("2026-12-28")));
        assertFalse(japan.isBusinessDay(d("2026-12-29")));
    }
}
