package jp.tsunagu.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.RoutingContext;
import jp.tsunagu.common.problem.Problem;
import jp.tsunagu.common.problem.ProblemType;

/**
 * The problem+json answer of the Vert.x filters that refuse a request before the REST layer (and its one
 * exception mapper) sees it: size, media type and transport limits.
 */
final class FilterProblems {

    private FilterProblems() {
    }

    /** Ends the request with the problem; {@code close} also closes the connection (the body may still be arriving). */
    static void end(ObjectMapper json, RoutingContext rc, ProblemType type, String detail, String instance, boolean close) {
        if (rc.response().headWritten()) {
            rc.response().close();
            return;
        }
        Problem problem = new Problem(type.uri(), type.title(), type.status(), detail, instance, rc.get(RequestIds.MDC_KEY), null, null);
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        var response = rc.response().setStatusCode(type.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (close) {
            response.putHeader("Connection", "close");
        }
        response.end(body);
    }
}
