package jp.tsunagu.referral;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The overdue rules as a bean (the clock is {@code common.time.JapanClock}); tests of the rules construct them with a fixed clock instead. */
@ApplicationScoped
public class ReferralClock {

    @Produces
    @Singleton
    ReferralOverdue overdue(ReferralSettings settings, OfficeCalendars calendars) {
        return ReferralOverdue.of(settings, calendars);
    }
}
