package jp.tsunagu.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The overdue rules on a fixed clock, across Golden Week 2025. No server. */
class ReferralOverdueTest {

    private final ReferralOverdue rules = new ReferralOverdue(
            new BusinessCalendar(BusinessCalendar.parseHolidays("2025-04-29,2025-05-03,2025-05-04,2025-05-05,2025-05-06")),
            Map.of(ReferralKind.ESCALATION, new int[] { 3, 14 }, ReferralKind.TRANSFER, new int[] { 5, 30 }));

    private static Clock at(String japanLocalDateTime) {
        Instant instant = LocalDateTime.parse(japanLocalDateTime).atZone(ReferralOverdue.JAPAN).toInstant();
        return Clock.fixed(instant, ReferralOverdue.JAPAN);
    }

    private static Referral requested(ReferralKind kind, String japanLocalDateTime) {
        Referral r = new Referral();
        r.kind = kind;
        r.state = ReferralState.REQUESTED;
        r.requestedAt = LocalDateTime.parse(japanLocalDateTime).atZone(ReferralOverdue.JAPAN).toInstant();
        return r;
    }

    @Test
    void anEscalationRequestedBeforeGoldenWeekIsDueOnTheThirdBusinessDayAfter() {
        // Friday 2 May; 3-6 May are holidays or weekend; business days after: 7, 8, 9 May.
        Referral r = requested(ReferralKind.ESCALATION, "2025-05-02T16:30");
        assertNull(rules.reason(r, at("2025-05-07T09:00")));
        assertNull(rules.reason(r, at("2025-05-09T23:59")));
        assertEquals(ReferralOverdue.Reason.NO_ANSWER, rules.reason(r, at("2025-05-10T00:00")));
    }

    @Test
    void transfersGetFiveBusinessDays() {
        Referral r = requested(ReferralKind.TRANSFER, "2025-04-28T10:00");
        // 30 Apr, 1, 2, 7, 8 May are the five business days after Monday 28 April.
        assertNull(rules.reason(r, at("2025-05-08T17:00")));
        assertEquals(ReferralOverdue.Reason.NO_ANSWER, rules.reason(r, at("2025-05-09T09:00")));
    }

    @Test
    void anAcceptedReferralWithoutReportsGoesQuietAfterTheKindsDays() {
        Referral r = requested(ReferralKind.ESCALATION, "2025-06-02T10:00");
        r.state = ReferralState.IN_PROGRESS;
        r.acceptedAt = LocalDateTime.parse("2025-06-02T11:00").atZone(ReferralOverdue.JAPAN).toInstant();
        assertNull(rules.reason(r, at("2025-06-16T10:59")));
        assertEquals(ReferralOverdue.Reason.NO_REPORT, rules.reason(r, at("2025-06-16T11:01")));
        r.lastReportAt = LocalDateTime.parse("2025-06-15T09:00").atZone(ReferralOverdue.JAPAN).toInstant();
        assertNull(rules.reason(r, at("2025-06-20T09:00")));
    }

    @Test
    void endedReferralsAreNeverOverdue() {
        Referral r = requested(ReferralKind.ESCALATION, "2024-01-01T10:00");
        for (ReferralState state : new ReferralState[] { ReferralState.DECLINED, ReferralState.CANCELLED, ReferralState.COMPLETED,
                ReferralState.FAILED, ReferralState.CLOSED }) {
            r.state = state;
            assertNull(rules.reason(r, at("2025-06-01T10:00")), state.name());
        }
    }

    @Test
    void theCutoffIsTheStartOfTheDayAfterTheLastOverdueRequestDay() {
        // On Saturday 10 May, requests up to and including the holiday 6 May were due by 9 May: requests made
        // on the holidays count from the next business day, like one made on Friday 2 May.
        ReferralOverdue.Cutoffs c = rules.cutoffs(ReferralKind.ESCALATION, at("2025-05-10T12:00"));
        assertEquals(LocalDate.of(2025, 5, 7).atStartOfDay(ReferralOverdue.JAPAN).toInstant(), c.requestedBefore());
        assertEquals(ReferralOverdue.Reason.NO_ANSWER, rules.reason(requested(ReferralKind.ESCALATION, "2025-05-06T12:00"), at("2025-05-10T12:00")));
        assertNull(rules.reason(requested(ReferralKind.ESCALATION, "2025-05-07T09:00"), at("2025-05-10T12:00")));
    }
}
