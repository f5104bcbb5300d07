package jp.tsunagu.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The overdue rules on a fixed clock, across Golden Week 2025. No server. */
class ReferralOverdueTest {

    private final ReferralOverdue rules = new ReferralOverdue(
            new BusinessCalendar(Set.of(LocalDate.of(2025, 4, 29), LocalDate.of(2025, 5, 3), LocalDate.of(2025, 5, 4),
                    LocalDate.of(2025, 5, 5), LocalDate.of(2025, 5, 6))),
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

    /**
     * A server whose clock runs in UTC: Monday 2 June 2025 00:30 in Japan is still Sunday in UTC, and Thursday
     * 23:30 in Japan is Thursday 14:30 UTC. The request counts from Monday and is due on Thursday, in Japan's days.
     */
    @Test
    void theDaysAreJapansAtHalfPastMidnightAndHalfPastElevenOnAClockInUtc() {
        Referral r = requested(ReferralKind.ESCALATION, "2025-06-02T00:30");
        Clock thursdayLate = Clock.fixed(LocalDateTime.parse("2025-06-05T23:30").atZone(ReferralOverdue.JAPAN).toInstant(), java.time.ZoneOffset.UTC);
        Clock fridayEarly = Clock.fixed(LocalDateTime.parse("2025-06-06T00:30").atZone(ReferralOverdue.JAPAN).toInstant(), java.time.ZoneOffset.UTC);
        assertNull(rules.reason(r, thursdayLate));
        assertEquals(ReferralOverdue.Reason.NO_ANSWER, rules.reason(r, fridayEarly));
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

    @Test
    void eachPrefectureCountsOnItsOwnOfficesDays() {
        // Friday 12 June 2026; Chiba's offices close on 千葉県民の日 (Monday 15 June), Kanagawa's do not.
        OfficeCalendars calendars = new OfficeCalendars(Map.of("default", "12-29,12-30,12-31,01-02,01-03", "12", "06-15"));
        ReferralOverdue perPrefecture = ReferralOverdue.of(new ReferralSettings() {
            @Override
            public Map<ReferralKind, KindSettings> kinds() {
                return Map.of();
            }
        }, calendars);
        Referral kanagawa = requested(ReferralKind.ESCALATION, "2026-06-12T10:00");
        kanagawa.prefCode = "14";
        Referral chiba = requested(ReferralKind.ESCALATION, "2026-06-12T10:00");
        chiba.prefCode = "12";
        // Kanagawa: due by 17 June (15, 16, 17); Chiba: by 18 June (16, 17, 18).
        assertNull(perPrefecture.reason(kanagawa, at("2026-06-17T23:59")));
        assertEquals(ReferralOverdue.Reason.NO_ANSWER, perPrefecture.reason(kanagawa, at("2026-06-18T00:00")));
        assertNull(perPrefecture.reason(chiba, at("2026-06-18T12:00")));
        assertEquals(ReferralOverdue.Reason.NO_ANSWER, perPrefecture.reason(chiba, at("2026-06-19T00:00")));

        Map<String, Object> params = new java.util.HashMap<>();
        String jpql = perPrefecture.condition("r", at("2026-06-18T12:00"), params);
        assertTrue(jpql.contains("r.prefCode = :odPref_p12"), jpql);
        assertTrue(jpql.contains("r.prefCode not in :odOwnCalendars"), jpql);
        assertEquals(Set.of("12"), params.get("odOwnCalendars"));
        assertEquals(LocalDate.of(2026, 6, 15).atStartOfDay(ReferralOverdue.JAPAN).toInstant(), params.get("odRequested_escalation"));
        assertEquals(LocalDate.of(2026, 6, 12).atStartOfDay(ReferralOverdue.JAPAN).toInstant(), params.get("odRequested_escalation_p12"));
    }
}
