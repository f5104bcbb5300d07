package jp.tsunagu.referral;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * When a referral counts as overdue, per kind: not answered (accepted or declined) within
 * {@code answer-business-days} business days, or accepted with no progress report for {@code report-days}
 * calendar days. Business days are those of the referral's prefecture ({@link OfficeCalendars}).
 */
@ConfigMapping(prefix = "tsunagu.referral")
public interface ReferralSettings {

    Map<ReferralKind, KindSettings> kinds();

    interface KindSettings {
        @WithDefault("3")
        int answerBusinessDays();

        @WithDefault("14")
        int reportDays();
    }
}
