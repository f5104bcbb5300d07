package jp.tsunagu.stats;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How analysts' counts are protected: counts from 1 to {@code suppression-k} - 1 are never published. */
@ConfigMapping(prefix = "tsunagu.stats")
public interface StatsSettings {

    @WithDefault("3")
    int suppressionK();
}
