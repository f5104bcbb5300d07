package jp.tsunagu;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The service's entry point, only to set what must be set before the HTTP server is built: Quarkus's own URI
 * check answers a malformed URI with a bare 400, so it is switched off and {@code common.web.TransportLimits}
 * makes the same check with a problem+json answer.
 */
@QuarkusMain
public final class TsunaguMain {

    private TsunaguMain() {
    }

    public static void main(String... args) {
        System.setProperty("vertx.disableURIValidation", "true");
        Quarkus.run(args);
    }
}
