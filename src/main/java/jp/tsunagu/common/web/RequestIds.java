package jp.tsunagu.common.web;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * Gives every request a correlation id: the caller's {@code X-Request-Id} when it is a sane token, a
 * fresh UUID otherwise. It is echoed in the response header, put in the logging MDC (so it shows in
 * plain and JSON logs) and copied onto the request so the problem mapper and the audit trail read
 * the same value.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String incoming = rc.request().getHeader(HEADER);
            String id = incoming != null && ACCEPTABLE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
            rc.request().headers().set(HEADER, id);
            rc.response().putHeader(HEADER, id);
            rc.put(MDC_KEY, id);
            MDC.put(MDC_KEY, id);
            rc.next();
        }, 1000);
    }
}
