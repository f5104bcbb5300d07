package jp.tsunagu.referral;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The overdue rules, on the business calendar of the referral's prefecture, with the clock passed in so they can be tested on fixed dates. They reduce to two
 * instants per kind that SQL can compare with: a referral still REQUESTED and requested before
 * {@link Cutoffs#requestedBefore()} is unanswered too long; one ACCEPTED or IN_PROGRESS whose last report
 * (or acceptance, when none) is before {@link Cutoffs#lastActivityBefore()} has gone quiet.
 */
public final class ReferralOverdue {

    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    public enum Reason {
        NO_ANSWER, NO_REPORT
    }

    public record Cutoffs(Instant requestedBefore, Instant lastActivityBefore) {
    }

    private final BusinessCalendar fallback;
    private final Map<String, BusinessCalendar> byPrefecture;
    private final Map<ReferralKind, int[]> thresholds = new EnumMap<>(ReferralKind.class);

    /** One calendar for every prefecture. */
    public ReferralOverdue(BusinessCalendar calendar, Map<ReferralKind, int[]> answerDaysAndReportDays) {
        this(calendar, Map.of(), answerDaysAndReportDays);
    }

    /** Each prefecture's offices' calendar, {@code fallback} for those without their own. */
    public ReferralOverdue(BusinessCalendar fallback, Map<String, BusinessCalendar> byPrefecture,
            Map<ReferralKind, int[]> answerDaysAndReportDays) {
        this.fallback = fallback;
        this.byPrefecture = Map.copyOf(new TreeMap<>(byPrefecture));
        for (ReferralKind kind : ReferralKind.values()) {
            thresholds.put(kind, answerDaysAndReportDays.getOrDefault(kind, new int[] { 3, 14 }));
        }
    }

    public static ReferralOverdue of(ReferralSettings settings, OfficeCalendars calendars) {
        Map<ReferralKind, int[]> t = new EnumMap<>(ReferralKind.class);
        settings.kinds().forEach((kind, s) -> t.put(kind, new int[] { s.answerBusinessDays(), s.reportDays() }));
        return new ReferralOverdue(calendars.fallback(), calendars.byPrefecture(), t);
    }

    /** The cutoffs on the calendar of prefectures without closures of their own. */
    public Cutoffs cutoffs(ReferralKind kind, Clock clock) {
        return cutoffs(kind, fallback, clock);
    }

    /** The cutoffs on the calendar of {@code prefCode}'s offices. */
    public Cutoffs cutoffs(ReferralKind kind, String prefCode, Clock clock) {
        return cutoffs(kind, calendarOf(prefCode), clock);
    }

    private BusinessCalendar calendarOf(String prefCode) {
        return prefCode == null ? fallback : byPrefecture.getOrDefault(prefCode, fallback);
    }

    /**
     * A referral requested on day D must be answered by the end of the N-th business day after D. It is
     * overdue today when that deadline is before today, i.e. when D is on or before the latest such day.
     */
    private Cutoffs cutoffs(ReferralKind kind, BusinessCalendar calendar, Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(JAPAN));
        int answerDays = thresholds.get(kind)[0];
        int reportDays = thresholds.get(kind)[1];
        LocalDate lastOverdueRequestDay = today.minusDays(1);
        while (!calendar.addBusinessDays(lastOverdueRequestDay, answerDays).isBefore(today)) {
            lastOverdueRequestDay = lastOverdueRequestDay.minusDays(1);
        }
        Instant requestedBefore = lastOverdueRequestDay.plusDays(1).atStartOfDay(JAPAN).toInstant();
        Instant lastActivityBefore = clock.instant().minus(java.time.Duration.ofDays(reportDays));
        return new Cutoffs(requestedBefore, lastActivityBefore);
    }

    /** The reason a referral is overdue now, or null. */
    public Reason reason(Referral r, Clock clock) {
        Cutoffs c = cutoffs(r.kind, calendarOf(r.prefCode), clock);
        if (r.state == ReferralState.REQUESTED && r.requestedAt.isBefore(c.requestedBefore())) {
            return Reason.NO_ANSWER;
        }
        if (r.state == ReferralState.ACCEPTED || r.state == ReferralState.IN_PROGRESS) {
            Instant lastActivity = r.lastReportAt != null ? r.lastReportAt : r.acceptedAt;
            if (lastActivity != null && lastActivity.isBefore(c.lastActivityBefore())) {
                return Reason.NO_REPORT;
            }
        }
        return null;
    }

    /**
     * JPQL condition "referral {@code alias} is overdue", with its parameters added to {@code params};
     * statistics and the inbox share it so they count the same referrals.
     */
    public String condition(String alias, Clock clock, Map<String, Object> params) {
        if (byPrefecture.isEmpty()) {
            return condition(alias, fallback, "", clock, params);
        }
        StringBuilder jpql = new StringBuilder("(");
        for (Map.Entry<String, BusinessCalendar> e : byPrefecture.entrySet()) {
            String suffix = "_p" + e.getKey();
            params.put("odPref" + suffix, e.getKey());
            jpql.append("(").append(alias).append(".prefCode = :odPref").append(suffix).append(" and ")
                    .append(condition(alias, e.getValue(), suffix, clock, params)).append(") or ");
        }
        params.put("odOwnCalendars", byPrefecture.keySet());
        return jpql.append("(").append(alias).append(".prefCode not in :odOwnCalendars and ")
                .append(condition(alias, fallback, "", clock, params)).append("))").toString();
    }

    private String condition(String alias, BusinessCalendar calendar, String suffix, Clock clock, Map<String, Object> params) {
        StringBuilder jpql = new StringBuilder("(");
        for (ReferralKind kind : ReferralKind.values()) {
            Cutoffs c = cutoffs(kind, calendar, clock);
            String k = kind.name().toLowerCase() + suffix;
            params.put("odKind_" + k, kind);
            params.put("odRequested_" + k, c.requestedBefore());
            params.put("odActivity_" + k, c.lastActivityBefore());
            if (jpql.length() > 1) {
                jpql.append(" or ");
            }
            jpql.append("(").append(alias).append(".kind = :odKind_").append(k).append(" and ((")
                    .append(alias).append(".state = jp.tsunagu.referral.ReferralState.REQUESTED and ").append(alias)
                    .append(".requestedAt < :odRequested_").append(k).append(") or (").append(alias)
                    .append(".state in (jp.tsunagu.referral.ReferralState.ACCEPTED, jp.tsunagu.referral.ReferralState.IN_PROGRESS)")
                    .append(" and coalesce(").append(alias).append(".lastReportAt, ").append(alias).append(".acceptedAt) < :odActivity_")
                    .append(k).append(")))");
        }
        return jpql.append(")").toString();
    }
}
