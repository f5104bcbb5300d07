package jp.tsunagu.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OfficeClosuresTest {

    @Test
    void recurringAndOneOffDays() {
        OfficeClosures c = OfficeClosures.parse("12-29,12-30,12-31,01-02,01-03, 2027-08-13");
        assertEquals(Set.of(MonthDay.of(12, 29), MonthDay.of(12, 30), MonthDay.of(12, 31), MonthDay.of(1, 2), MonthDay.of(1, 3)),
                c.everyYear());
        assertEquals(Set.of(LocalDate.of(2027, 8, 13)), c.once());
        assertTrue(c.closes(LocalDate.of(2031, 12, 29)));
        assertTrue(c.closes(LocalDate.of(2027, 8, 13)));
        assertFalse(c.closes(LocalDate.of(2028, 8, 13)));
        assertFalse(c.closes(LocalDate.of(2027, 1, 4)));
    }

    @Test
    void spacesBlankEntriesAndDuplicates() {
        assertEquals(Set.of(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 13)),
                OfficeClosures.parse(" 2025-01-13 , 2025-01-01,,2025-01-13\n").once());
        assertEquals(OfficeClosures.NONE, OfficeClosures.parse(""));
        assertEquals(OfficeClosures.NONE, OfficeClosures.parse(null));
        assertTrue(OfficeClosures.parse("02-29").closes(LocalDate.of(2028, 2, 29)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "2025/04/29", "2025-4-29", "2025-02-30", "2025-13-01", "tomorrow", "20250429", "12-32",
            "13-01", "1-3", "12/29", "02-30" })
    void rejectsMalformedEntriesNamingThem(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OfficeClosures.parse("12-29, " + bad));
        assertTrue(e.getMessage().contains("entry 2"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        assertInstanceOf(DateTimeParseException.class, e.getCause());
    }
}
