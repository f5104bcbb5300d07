package jp.tsunagu.stats;

import java.time.LocalDate;
import java.time.YearMonth;

import jp.tsunagu.org.UnitKind;

/** Headings that do not come from the database: time buckets in 和暦, totals and the special rows. */
public final class Headings {

    private Headings() {
    }

    public static final StatsViews.Heading TOTAL = new StatsViews.Heading("TOTAL", "合計", "Total");
    /** Branch staff never get numbers broken down by units or municipalities outside their region. */
    static final StatsViews.Heading OUTSIDE_REGION = new StatsViews.Heading("OUTSIDE_REGION", "担当圏域外", "Outside your region");
    static final StatsViews.Heading UNKNOWN_RESIDENCE = new StatsViews.Heading("UNKNOWN", "住所地不明", "Residence unknown");
    static final StatsViews.Heading NO_COVERING_UNIT = new StatsViews.Heading("NONE", "担当機関なし", "No covering unit");
    static final StatsViews.Heading UNASSIGNED = new StatsViews.Heading("UNASSIGNED", "担当者未定", "No coordinator assigned");
    static final StatsViews.Heading NOT_RECORDED = new StatsViews.Heading("NOT_RECORDED", "医療的ケア未記録", "No care type recorded");

    /** 年度 (April..March) of a date. */
    public static int fiscalYear(LocalDate date) {
        return date.getMonthValue() >= 4 ? date.getYear() : date.getYear() - 1;
    }

    /** 1 = April..June, 4 = January..March. */
    static int fiscalQuarter(LocalDate date) {
        return (date.getMonthValue() + 8) % 12 / 3 + 1;
    }

    /**
     * The 和暦 name of a fiscal year: 令和 from FY2019 (令和元年度, the year the era began in May), 平成 before it.
     * A fiscal year is named after the era year of its April.
     */
    public static String fiscalYearJa(int fiscalYear) {
        if (fiscalYear >= 2019) {
            return "令和" + eraYear(fiscalYear - 2018) + "年度";
        }
        if (fiscalYear >= 1989) {
            return "平成" + eraYear(fiscalYear - 1988) + "年度";
        }
        return fiscalYear + "年度";
    }

    private static String eraYear(int n) {
        return n == 1 ? "元" : Integer.toString(n);
    }

    public static StatsViews.Heading fiscalYearHeading(int fiscalYear) {
        return new StatsViews.Heading(Integer.toString(fiscalYear), fiscalYearJa(fiscalYear), "FY" + fiscalYear);
    }

    /** Code {@code 2024Q1} = April..June 2024. */
    static StatsViews.Heading quarterHeading(int fiscalYear, int quarter) {
        return new StatsViews.Heading(fiscalYear + "Q" + quarter, fiscalYearJa(fiscalYear) + "第" + quarter + "四半期",
                "FY" + fiscalYear + " Q" + quarter);
    }

    static StatsViews.Heading quarterHeading(String code) {
        int q = code.indexOf('Q');
        return quarterHeading(Integer.parseInt(code.substring(0, q)), Integer.parseInt(code.substring(q + 1)));
    }

    /** Code {@code 2024-05}. */
    static StatsViews.Heading monthHeading(YearMonth month) {
        return new StatsViews.Heading(month.toString(), month.getYear() + "年" + month.getMonthValue() + "月", month.toString());
    }

    static StatsViews.Heading unitKind(UnitKind kind) {
        return new StatsViews.Heading(kind.name(), kind.labelJa(), kind.labelEn());
    }
}
