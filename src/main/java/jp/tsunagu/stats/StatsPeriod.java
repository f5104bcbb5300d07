package jp.tsunagu.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.Problem;
import jp.tsunagu.common.problem.ProblemType;

/**
 * The period a statistic counts: {@code from}..{@code to} (Japan dates, both inclusive, either open) or one fiscal
 * year (April 1 .. March 31), never both. Consultations are counted by their Japan receiving day
 * ({@code received_on}); referrals by their request instant, from the start of {@code from} to the end of
 * {@code to} in Japan time.
 */
record StatsPeriod(LocalDate from, LocalDate to, Integer fiscalYear) {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    static final int MIN_YEAR = 2000;
    static final int MAX_YEAR = 2100;

    static StatsPeriod parse(String from, String to, String fiscalYear) {
        boolean hasRange = notBlank(from) || notBlank(to);
        if (notBlank(fiscalYear)) {
            if (hasRange) {
                throw new ApiProblem(ProblemType.VALIDATION_FAILED, "Give either fiscalYear or from/to, not both.",
                        List.of(new Problem.FieldError("fiscalYear", "cannot be combined with from/to", "exclusive")), java.util.Map.of());
            }
            int fy;
            try {
                fy = Integer.parseInt(fiscalYear.strip());
            } catch (NumberFormatException e) {
                throw ApiProblem.invalidField("fiscalYear", "must be a year such as 2022", "wrong-type");
            }
            if (fy < MIN_YEAR || fy > MAX_YEAR) {
                throw ApiProblem.invalidField("fiscalYear", "must be between " + MIN_YEAR + " and " + MAX_YEAR, "range");
            }
            return new StatsPeriod(LocalDate.of(fy, 4, 1), LocalDate.of(fy + 1, 3, 31), fy);
        }
        LocalDate f = date("from", from);
        LocalDate t = date("to", to);
        if (f != null && t != null && f.isAfter(t)) {
            throw ApiProblem.invalidField("from", "must not be after to", "range");
        }
        return new StatsPeriod(f, t, null);
    }

    private static LocalDate date(String field, String value) {
        if (!notBlank(value)) {
            return null;
        }
        LocalDate d;
        try {
            d = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(field, "must be a date such as 2024-04-01", "wrong-type");
        }
        if (d.getYear() < MIN_YEAR || d.getYear() > MAX_YEAR) {
            throw ApiProblem.invalidField(field, "must be between " + MIN_YEAR + " and " + MAX_YEAR, "range");
        }
        return d;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    boolean bounded() {
        return from != null && to != null;
    }

    /**
     * Analysts count fixed periods only: one fiscal year (fiscalYear=, or from/to on its bounds) or one fiscal
     * quarter (from/to on its bounds: April..June, July..September, October..December, January..March). Every
     * period an analyst can draw is then one of a few per year, so the records of one month or one day cannot be
     * isolated by two overlapping periods, and the number of different record sets containing any one record
     * (which bounds what averaging can do against the perturbation) is fixed.
     */
    void requireFixedPeriod() {
        if (from == null || to == null) {
            throw ApiProblem.invalidField(from == null ? "from" : "to",
                    "analysts count fixed periods: give fiscalYear, or from/to of one fiscal year or one fiscal quarter", "fixed-periods");
        }
        boolean quarterStart = from.getDayOfMonth() == 1 && (from.getMonthValue() - 1) % 3 == 0;
        if (!quarterStart) {
            throw ApiProblem.invalidField("from", "analysts count fixed periods: from must be the first day of a fiscal quarter "
                    + "(April, July, October or January 1)", "fixed-periods");
        }
        boolean quarter = to.equals(from.plusMonths(3).minusDays(1));
        boolean year = from.getMonthValue() == 4 && to.equals(from.plusYears(1).minusDays(1));
        if (!quarter && !year) {
            throw ApiProblem.invalidField("to", "analysts count fixed periods: to must end the fiscal quarter or the fiscal year "
                    + "that from starts", "fixed-periods");
        }
    }

    /** Start of {@code from} in Japan, or null. */
    Instant fromInstant() {
        return from == null ? null : from.atStartOfDay(JAPAN).toInstant();
    }

    /** Start of the day after {@code to} in Japan, or null. */
    Instant toExclusiveInstant() {
        return to == null ? null : to.plusDays(1).atStartOfDay(JAPAN).toInstant();
    }

    StatsViews.Period view() {
        return new StatsViews.Period(from, to, fiscalYear);
    }

    String summary() {
        if (fiscalYear != null) {
            return "FY" + fiscalYear;
        }
        return (from == null ? "" : from.toString()) + ".." + (to == null ? "" : to.toString());
    }

    /** For file names: FY2022, 2022-05-01_2022-05-31, or all. */
    String fileTag() {
        if (fiscalYear != null) {
            return "FY" + fiscalYear;
        }
        if (from == null && to == null) {
            return "all";
        }
        return (from == null ? "start" : from.toString()) + "_" + (to == null ? "now" : to.toString());
    }
}
