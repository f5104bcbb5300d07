package jp.tsunagu.common.idempotency;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long an Idempotency-Key is kept. */
@ConfigMapping(prefix = "tsunagu.idempotency")
public interface IdempotencySettings {

    @WithDefault("PT24H")
    Duration ttl();
}
