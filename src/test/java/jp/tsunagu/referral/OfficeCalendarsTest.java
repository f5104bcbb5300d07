package jp.tsunagu.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The per-prefecture calendars and the start-up check: {@link OfficeCalendars} is a {@code @Startup} bean built from
 * {@code tsunagu.calendar.closures}, so the exception asserted here is what stops the service. No server.
 */
class OfficeCalendarsTest {

    private static final String NEW_YEAR = "12-29,12-30,12-31,01-02,01-03";

    @Test
    void holidaysComeFromTheLawAndClosuresFromEachPrefecture() {
        // 千葉県民の日 (6/15) as a prefecture's own closure, the default New Year closures for everyone else.
        OfficeCalendars calendars = new OfficeCalendars(Map.of("default", NEW_YEAR, "12", NEW_YEAR + ",06-15"));
        BusinessCalendar kanagawa = calendars.of("14");
        BusinessCalendar chiba = calendars.of("12");

        assertFalse(kanagawa.isBusinessDay(LocalDate.of(2027, 1, 11))); // 成人の日, after the old list ran out
        assertFalse(kanagawa.isBusinessDay(LocalDate.of(2027, 3, 22))); // 振替休日 for 春分の日 on a Sunday
        assertFalse(kanagawa.isBusinessDay(LocalDate.of(2031, 12, 30))); // New Year closure, every year
        assertEquals(LocalDate.of(2028, 1, 4), kanagawa.addBusinessDays(LocalDate.of(2027, 12, 28), 1));

        assertTrue(kanagawa.isBusinessDay(LocalDate.of(2026, 6, 15)));
        assertFalse(chiba.isBusinessDay(LocalDate.of(2026, 6, 15)));
        assertFalse(chiba.isBusinessDay(LocalDate.of(2026, 12, 29)));
    }

    @Test
    void withoutADefaultOnlyWeekendsAndHolidaysClose() {
        BusinessCalendar any = new OfficeCalendars(Map.of()).of("01");
        assertTrue(any.isBusinessDay(LocalDate.of(2026, 12, 29)));
        assertFalse(any.isBusinessDay(LocalDate.of(2026, 9, 22))); // 国民の休日
    }

    @Test
    void aMalformedListStopsTheStartNamingPropertyAndEntry() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new OfficeCalendars(Map.of("default", NEW_YEAR, "14", "12-29,12-30,12-31,01-02,01-03,2026-13-05")));
        assertTrue(e.getMessage().contains("tsunagu.calendar.closures.\"14\""), e.getMessage());
        assertTrue(e.getMessage().contains("entry 6 '2026-13-05'"), e.getMessage());

        IllegalStateException d = assertThrows(IllegalStateException.class, () -> new OfficeCalendars(Map.of("default", "12-29;12-30")));
        assertTrue(d.getMessage().contains("tsunagu.calendar.closures.default"), d.getMessage());
    }

    @Test
    void aKeyThatIsNoPrefectureCodeStopsTheStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new OfficeCalendars(Map.of("kanagawa", NEW_YEAR)));
        assertTrue(e.getMessage().contains("tsunagu.calendar.closures.\"kanagawa\""), e.getMessage());
    }
}
