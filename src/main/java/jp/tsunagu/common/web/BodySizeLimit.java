package jp.tsunagu.common.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jp.tsunagu.common.problem.ProblemType;

/**
 * Answers an announced oversized body with a 413 problem before anything reads it. Vert.x enforces the
 * same limit ({@code quarkus.http.limits.max-body-size}) on bodies that do not announce their length,
 * with a bare 413.
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long limit;
    private final ObjectMapper json;
    private final io.vertx.ext.web.handler.BodyHandler chunked;

    public BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, ObjectMapper json) {
        this.limit = limit.asLongValue();
        this.json = json;
        this.chunked = io.vertx.ext.web.handler.BodyHandler.create(false).setBodyLimit(this.limit);
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String length = rc.request().getHeader("Content-Length");
            if (length != null && isOver(length)) {
                FilterProblems.end(json, rc, ProblemType.PAYLOAD_TOO_LARGE,
                        "The request body has " + length + " bytes; the limit is " + limit + ".", rc.request().path(), true);
                return;
            }
            if (length == null && rc.request().getHeader("Transfer-Encoding") != null && rc.request().path().startsWith("/api/")) {
                // A chunked body announces no length: read it here under the limit, so a breach reaches the router's
                // 413 handler (a problem) instead of the bare 413 the REST layer would send halfway through.
                chunked.handle(rc);
                return;
            }
            rc.next();
        }, 900);
    }

    private boolean isOver(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
