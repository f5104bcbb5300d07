package jp.tsunagu.referral;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The clock and the overdue rules as beans; tests of the rules construct them with a fixed clock instead. */
@ApplicationScoped
public class ReferralClock {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    ReferralOverdue overdue(ReferralSettings settings, OfficeCalendars calendars) {
        return ReferralOverdue.of(settings, calendars);
    }
}
