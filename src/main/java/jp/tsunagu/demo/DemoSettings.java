package jp.tsunagu.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Whether the demo prefectures (and Tokyo's example consultations) are loaded at start: dev and test only. */
@ConfigMapping(prefix = "tsunagu.demo")
public interface DemoSettings {

    @WithDefault("false")
    boolean enabled();

    @WithDefault("false")
    boolean consultations();
}
