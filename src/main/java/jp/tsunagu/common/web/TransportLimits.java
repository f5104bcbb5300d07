package jp.tsunagu.common.web;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jp.tsunagu.common.problem.ProblemType;

/**
 * The limits of the request line and headers, answered with problem+json like every other error. Vert.x
 * answers a breach of its own codec limits with a bare status and no body, and Quarkus offers no hook for
 * those answers, so the codec limits are set well above these ({@code quarkus.http.limits.*} in
 * application.properties) and this filter holds the real ones: a URI over {@value #MAX_URI} characters is
 * 414, headers over {@value #MAX_HEADERS} bytes 431, a URI that {@link java.net.URI} cannot parse (a malformed
 * %-escape) 400; a body over the limit without a Content-Length (read by BodySizeLimit) reaches the failure
 * handler here as 413. Quarkus would answer a malformed URI with a bare 400 before any handler runs; its check
 * is switched off ({@code vertx.disableURIValidation}, set by {@code TsunaguMain} and the test run) because
 * this filter makes the same check and answers with a problem. Only a request beyond the codec limits (64 KiB)
 * still gets Vert.x's bare answer.
 */
@ApplicationScoped
public class TransportLimits {

    static final int MAX_URI = 8192;
    static final int MAX_HEADERS = 16384;

    private final ObjectMapper json;

    public TransportLimits(ObjectMapper json) {
        this.json = json;
    }

    /** A body over the limit without a Content-Length fails the route with 413 while it is read: answered as a problem too. */
    void routerErrors(@Observes io.vertx.ext.web.Router router) {
        // A path the router cannot decode (a malformed %-escape) fails before any route matches: its 400, as a problem.
        router.errorHandler(400, rc -> reject(rc, ProblemType.MALFORMED_URI,
                "The request URI is malformed: a '%' must be followed by two hex digits, and spaces and some characters must be %-escaped."));
        router.route("/api/*").order(Integer.MIN_VALUE).failureHandler(rc -> {
            if (rc.failure() == null && rc.statusCode() == 413) {
                reject(rc, ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds the size limit.");
            } else {
                rc.next();
            }
        });
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String uri = rc.request().uri();
            if (uri.length() > MAX_URI) {
                reject(rc, ProblemType.URI_TOO_LONG, "The request URI has " + uri.length() + " characters; the limit is " + MAX_URI + ".");
                return;
            }
            int headers = 0;
            for (Map.Entry<String, String> h : rc.request().headers()) {
                headers += h.getKey().length() + h.getValue().length() + 4;
            }
            if (headers > MAX_HEADERS) {
                reject(rc, ProblemType.HEADERS_TOO_LARGE, "The request headers have " + headers + " bytes; the limit is " + MAX_HEADERS + ".");
                return;
            }
            try {
                new java.net.URI(uri);
            } catch (java.net.URISyntaxException e) {
                reject(rc, ProblemType.MALFORMED_URI, "The request URI is malformed at position " + e.getIndex()
                        + " (a '%' must be followed by two hex digits; spaces and some characters must be %-escaped).");
                return;
            }
            rc.next();
        }, 950);
    }

    private void reject(RoutingContext rc, ProblemType type, String detail) {
        FilterProblems.end(json, rc, type, detail, null, true);
    }
}
