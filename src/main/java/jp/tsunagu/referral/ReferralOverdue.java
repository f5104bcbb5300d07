package jp.tsunagu.referral;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

/**
 * The overdue rules, with the clock passed in so they can be tested on fixed dates. They reduce to two
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

    private final BusinessCalendar calendar;
    private final Map<ReferralKind, int[]> thresholds = new EnumMap<>(ReferralKind.class);

    public ReferralOverdue(BusinessCalendar calendar, Map<ReferralKind, int[]> answerDaysAndReportDays) {
        this.calendar = calendar;
        for (ReferralKind kind : ReferralKind.values()) {
            thresholds.put(kind, answerDaysAndReportDays.getOrDefault(kind, new int[] { 3, 14 }));
        }
    }

    public static ReferralOverdue of(ReferralSettings settings) {
        Map<ReferralKind, int[]> t = new EnumMap<>(ReferralKind.class);
        settings.kinds().forEach((kind, s) -> t.put(kind, new int[] { s.answerBusinessDays(), s.reportDays() }));
        return new ReferralOverdue(new BusinessCalendar(BusinessCalendar.parseHolidays(settings.holidays())), t);
    }

    /**
     * A referral requested on day D must be answered by the end of the N-th business day after D. It is
     * overdue today when that deadline is before today, i.e. when D is on or before the latest such day.
     */
    public Cutoffs cutoffs(ReferralKind kind, Clock clock) {
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
        Cutoffs c = cutoffs(r.kind, clock);
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
        StringBuilder jpql = new StringBuilder("(");
        for (ReferralKind kind : ReferralKind.values()) {
            Cutoffs c = cutoffs(kind, clock);
            String k = kind.name().toLowerCase();
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
