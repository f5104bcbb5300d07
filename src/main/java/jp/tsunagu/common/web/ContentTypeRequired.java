package jp.tsunagu.common.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import jp.tsunagu.common.problem.ProblemType;

/**
 * A request that sends a body must say what it is: without a Content-Type the API answers 415 rather than
 * guessing JSON (RESTEasy would otherwise read it with the media type the resource consumes).
 */
@ApplicationScoped
public class ContentTypeRequired {

    private final ObjectMapper json;

    public ContentTypeRequired(ObjectMapper json) {
        this.json = json;
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            var request = rc.request();
            HttpMethod method = request.method();
            boolean writes = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
            String length = request.getHeader("Content-Length");
            boolean body = request.getHeader("Transfer-Encoding") != null || (length != null && !length.strip().equals("0"));
            String type = request.getHeader("Content-Type");
            if (writes && body && (type == null || type.isBlank()) && request.path().startsWith("/api/")) {
                FilterProblems.end(json, rc, ProblemType.UNSUPPORTED_MEDIA_TYPE,
                        "Say what the body is: send Content-Type: application/json (text/csv for structure imports).", request.path(), false);
                return;
            }
            rc.next();
        }, 890);
    }
}
