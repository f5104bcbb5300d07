package jp.tsunagu.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;

import org.junit.jupiter.api.Test;

import jp.tsunagu.common.problem.ApiProblem;

/** Content negotiation of the exports and the 和暦 labels of periods. */
class OutputAndHeadingsTest {

    static HttpHeaders accept(String value) {
        return (HttpHeaders) java.lang.reflect.Proxy.newProxyInstance(HttpHeaders.class.getClassLoader(), new Class<?>[] { HttpHeaders.class },
                (proxy, method, args) -> method.getName().equals("getRequestHeader")
                        ? (value == null ? null : List.of(value)) : null);
    }

    @Test
    void jsonUnlessCsvIsAskedForOrPreferred() {
        assertFalse(Output.negotiate(null, null, null, accept(null)).csv());
        assertFalse(Output.negotiate(null, null, null, accept("*/*")).csv());
        assertFalse(Output.negotiate(null, null, null, accept("application/json")).csv());
        assertTrue(Output.negotiate(null, null, null, accept("text/csv")).csv());
        assertTrue(Output.negotiate(null, null, null, accept("text/csv, application/json")).csv());
        assertFalse(Output.negotiate(null, null, null, accept("application/json, text/csv")).csv());
        assertTrue(Output.negotiate(null, null, null, accept("application/json;q=0.5, text/csv")).csv());
        assertFalse(Output.negotiate(null, null, null, accept("text/csv;q=0")).csv());
        assertTrue(Output.negotiate("csv", null, null, accept("application/json")).csv());
        assertFalse(Output.negotiate("json", null, null, accept("text/csv")).csv());
    }

    @Test
    void utf8WithBomUnlessWindows31JIsAskedFor() {
        assertEquals(CsvTableWriter.CsvCharset.UTF8_BOM, Output.negotiate("csv", null, null, accept(null)).charset());
        assertEquals(CsvTableWriter.CsvCharset.WINDOWS_31J, Output.negotiate("csv", "Windows-31J", null, accept(null)).charset());
        assertEquals(CsvTableWriter.CsvCharset.WINDOWS_31J, Output.negotiate("csv", "Shift_JIS", null, accept(null)).charset());
        assertEquals(CsvTableWriter.CsvCharset.WINDOWS_31J, Output.negotiate(null, null, null, accept("text/csv; charset=windows-31j")).charset());
        assertEquals(CsvTableWriter.CsvCharset.UTF8_BOM, Output.negotiate(null, "utf-8", null, accept("text/csv; charset=windows-31j")).charset());
        assertEquals("text/csv; charset=Windows-31J", Output.negotiate("csv", "cp932", null, accept(null)).contentType());
        assertEquals("text/csv; charset=UTF-8", Output.negotiate("csv", null, null, accept(null)).contentType());
        assertThrows(ApiProblem.class, () -> Output.negotiate("csv", "EUC-JP", null, accept(null)));
        assertEquals(Output.Labels.EN, Output.negotiate("csv", null, "en", accept(null)).labels());
        assertEquals(Output.Labels.JA, Output.negotiate("csv", null, null, accept(null)).labels());
    }

    @Test
    void fiscalYearsAreNamedInTheJapaneseEra() {
        assertEquals("令和4年度", Headings.fiscalYearJa(2022));
        assertEquals("令和元年度", Headings.fiscalYearJa(2019));
        assertEquals("平成30年度", Headings.fiscalYearJa(2018));
        assertEquals("平成元年度", Headings.fiscalYearJa(1989));
        assertEquals(new StatsViews.Heading("2022", "令和4年度", "FY2022"), Headings.fiscalYearHeading(2022));
        assertEquals(2022, Headings.fiscalYear(LocalDate.of(2023, 3, 31)));
        assertEquals(2023, Headings.fiscalYear(LocalDate.of(2023, 4, 1)));
    }

    @Test
    void fiscalQuartersStartInApril() {
        Map<Integer, Integer> quarterOfMonth = Map.ofEntries(Map.entry(4, 1), Map.entry(6, 1), Map.entry(7, 2), Map.entry(9, 2),
                Map.entry(10, 3), Map.entry(12, 3), Map.entry(1, 4), Map.entry(3, 4));
        quarterOfMonth.forEach((month, quarter) -> assertEquals(quarter, Headings.fiscalQuarter(LocalDate.of(2024, month, 15)), "month " + month));
        assertEquals(new StatsViews.Heading("2024Q1", "令和6年度第1四半期", "FY2024 Q1"), Headings.quarterHeading("2024Q1"));
        assertEquals(new StatsViews.Heading("2024-05", "2024年5月", "2024-05"), Headings.monthHeading(YearMonth.of(2024, 5)));
    }

    @Test
    void periodsAreCheckedAndFiscalYearsExpanded() {
        StatsPeriod fy = StatsPeriod.parse(null, null, "2022");
        assertEquals(LocalDate.of(2022, 4, 1), fy.from());
        assertEquals(LocalDate.of(2023, 3, 31), fy.to());
        assertEquals("2022-03-31T15:00:00Z", fy.fromInstant().toString());
        assertEquals("2023-03-31T15:00:00Z", fy.toExclusiveInstant().toString());
        assertThrows(ApiProblem.class, () -> StatsPeriod.parse("2022-04-01", null, "2022"));
        assertThrows(ApiProblem.class, () -> StatsPeriod.parse("2023-04-01", "2022-04-01", null));
        assertThrows(ApiProblem.class, () -> StatsPeriod.parse("20220401", null, null));
        assertThrows(ApiProblem.class, () -> StatsPeriod.parse("1999-04-01", null, null));
        // Analysts: one fiscal year or one fiscal quarter, nothing else.
        fy.requireFixedPeriod();
        StatsPeriod.parse("2022-04-01", "2023-03-31", null).requireFixedPeriod();
        StatsPeriod.parse("2022-10-01", "2022-12-31", null).requireFixedPeriod();
        StatsPeriod.parse("2023-01-01", "2023-03-31", null).requireFixedPeriod();
        assertThrows(ApiProblem.class, () -> StatsPeriod.parse("2022-04-02", "2022-06-30", null).requireFixedPeriod());
        assertThrows(ApiProblem.class, () -> StatsPeriod.parse("2022-05-01", "2022-05-31", null).requireFixedPeriod());
        assertThrows(ApiProblem.class, () -> StatsPeriod.parse("2022-04-01", "2022-11-30", null).requireFixedPeriod());
        assertThrows(ApiProblem.class, () -> StatsPeriod.parse("2022-07-01", "2023-06-30", null).requireFixedPeriod());
        assertThrows(ApiProblem.class, () -> StatsPeriod.parse("2022-04-01", "2024-03-31", null).requireFixedPeriod());
        assertThrows(ApiProblem.class, () -> StatsPeriod.parse(null, "2022-06-30", null).requireFixedPeriod());
    }
}
