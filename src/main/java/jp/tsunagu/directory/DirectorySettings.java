package jp.tsunagu.directory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The directory's settings. */
@ConfigMapping(prefix = "tsunagu.directory")
public interface DirectorySettings {

    /** An entry not confirmed for this many months is stale and listed for its maintainer. */
    @WithDefault("12")
    int staleAfterMonths();
}
