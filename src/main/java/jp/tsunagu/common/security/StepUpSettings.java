package jp.tsunagu.common.security;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Whether identifying access to children needs a second factor in this deployment, and which {@code acr} values
 * show one. A prefecture switches it on before the guideline makes it mandatory (令和9年度) without a code change:
 * {@code TSUNAGU_STEP_UP_REQUIRED=true}.
 */
@ConfigMapping(prefix = "tsunagu.step-up")
public interface StepUpSettings {

    /** Off by default until April 2027; the tests run with it on. */
    @WithDefault("false")
    boolean required();

    /**
     * The {@code acr} claim values that show a second factor, in the order a client should ask for them
     * ({@code acr_values} of the challenge). The committed realm maps {@code mfa} to level 2 (password and TOTP).
     */
    @WithDefault("mfa")
    List<String> acrValues();
}
