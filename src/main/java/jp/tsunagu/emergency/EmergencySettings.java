package jp.tsunagu.emergency;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long a break-the-glass grant lasts, and when an unreviewed one counts as overdue on the center's dashboard. */
@ConfigMapping(prefix = "tsunagu.emergency")
public interface EmergencySettings {

    /** From the grant to its end (ISO-8601, e.g. PT4H); the grantee may end it earlier. */
    @WithDefault("PT4H")
    Duration duration();

    /** Unreviewed grants older than this many days are counted on the load statistics of the center. */
    @WithDefault("7")
    int reviewOverdueDays();
}
