package jp.tsunagu.common.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.oidc.common.runtime.OidcConstants;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jp.tsunagu.common.web.RequestIds;

/**
 * The one place where exceptions become HTTP answers. Bodies never carry class names, SQL or stack
 * traces; 4xx are logged at DEBUG, 5xx at ERROR with the request id that the body also carries.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @jakarta.inject.Inject
    jakarta.enterprise.event.Event<jp.tsunagu.common.security.AccessDenied> denials;

    /** A feature that refuses audits its own refusal (the audit feature's {@code refuse}); this only maps it. */
    @ServerExceptionMapper
    public Response apiProblem(ApiProblem e, UriInfo uri, HttpHeaders headers) {
        return respond(e.type(), e.getMessage(), e.errors(), e.extensions(), uri, headers, null);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri, HttpHeaders headers) {
        if (e.getConstraintViolations().stream().anyMatch(ProblemMappers::isReturnValue)) {
            // Our own response broke its contract: a server fault, not the caller's.
            return respond(ProblemType.INTERNAL_ERROR, null, List.of(), Map.of(), uri, headers, e);
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldName(v.getPropertyPath()), v.getMessage(),
                    v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::code));
        return respond(ProblemType.VALIDATION_FAILED,
                errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.",
                errors, Map.of(), uri, headers, null);
    }

    @ServerExceptionMapper
    public Response jackson(JsonProcessingException e, UriInfo uri, HttpHeaders headers) {
        return jsonProblem(e, uri, headers);
    }

    // quarkus-rest-jackson ships mappers for these two types; naming them here makes ours the closer match.
    @ServerExceptionMapper
    public Response jsonMismatch(MismatchedInputException e, UriInfo uri, HttpHeaders headers) {
        return jsonProblem(e, uri, headers);
    }

    @ServerExceptionMapper
    public Response jsonParse(JsonParseException e, UriInfo uri, HttpHeaders headers) {
        return jsonProblem(e, uri, headers);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri, HttpHeaders headers) {
        return bearerChallenge(respond(ProblemType.UNAUTHORIZED, "A valid bearer token is required.",
                List.of(), Map.of(), uri, headers, null));
    }

    /**
     * A failed authentication; with an {@code acr_values} attribute (quarkus-oidc's step-up failure, raised by
     * {@code @AuthenticationContext} or {@code common.security.StepUp}) it is RFC 9470's challenge for a stronger login.
     */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri, HttpHeaders headers) {
        Object acrValues = e.getAttribute(OidcConstants.ACR_VALUES);
        if (acrValues != null) {
            List<String> values = List.of(acrValues.toString().split("[ ,]+"));
            Response problem = respond(ProblemType.INSUFFICIENT_USER_AUTHENTICATION, e.getMessage(), List.of(),
                    Map.of("acrValues", values), uri, headers, null);
            return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, stepUpChallenge(values)).build();
        }
        return bearerChallenge(respond(ProblemType.UNAUTHORIZED, "A valid bearer token is required.",
                List.of(), Map.of(), uri, headers, null));
    }

    /** The {@code WWW-Authenticate} value of RFC 9470 §3: acr_values space-separated, in order of preference. */
    public static String stepUpChallenge(List<String> acrValues) {
        return "Bearer realm=\"tsunagu\", error=\"insufficient_user_authentication\", "
                + "error_description=\"A login with a second factor is required\", acr_values=\"" + String.join(" ", acrValues) + "\"";
    }

    /** Role checks fail on the IO thread; the denial is audited (a blocking write) on a worker thread. */
    @ServerExceptionMapper
    public Uni<Response> forbidden(ForbiddenException e, UriInfo uri, HttpHeaders headers, jakarta.ws.rs.core.Request request) {
        String what = request.getMethod() + " " + uri.getPath();
        return Uni.createFrom().item(() -> {
            denials.fire(new jp.tsunagu.common.security.AccessDenied("ROLE_DENIED", "endpoint", what, "role not allowed"));
            return respond(ProblemType.FORBIDDEN, "Your role does not allow this operation.", List.of(), Map.of(), uri, headers, null);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        if (e instanceof jp.tsunagu.common.web.StrictParameters.InvalidParameter invalid) {
            ApiProblem p = invalid.problem();
            return respond(p.type(), p.getMessage(), p.errors(), p.extensions(), uri, headers, null);
        }
        if (e.getCause() instanceof JsonProcessingException jpe) {
            return jsonProblem(jpe, uri, headers);
        }
        int status = e.getResponse().getStatus();
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (type) {
            case NOT_FOUND -> "No resource at " + uri.getPath() + ".";
            case METHOD_NOT_ALLOWED -> "This resource does not support that method.";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json.";
            case NOT_ACCEPTABLE -> "This resource cannot answer in the media type you asked for.";
            case PAYLOAD_TOO_LARGE -> "The request body exceeds the size limit.";
            default -> null;
        };
        Response answered = respond(type, detail, List.of(), Map.of(), uri, headers, status >= 500 ? e : null);
        if (type == ProblemType.METHOD_NOT_ALLOWED && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            return Response.fromResponse(answered).header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW)).build();
        }
        return answered;
    }

    @ServerExceptionMapper
    public Response persistence(jakarta.persistence.PersistenceException e, UriInfo uri, HttpHeaders headers) {
        return unexpected(e, uri, headers);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri, HttpHeaders headers) {
        ProblemType database = databaseConflict(e);
        if (database == ProblemType.CONCURRENT_CHANGE) {
            return respond(database, "Another request changed the same record at the same time. Read it again and retry.",
                    List.of(), Map.of(), uri, headers, null);
        }
        if (database == ProblemType.DATA_CONFLICT) {
            return respond(database, "The change conflicts with what is stored (a duplicate, or a rule the database keeps). "
                    + "Read the record again before retrying.", List.of(), Map.of(), uri, headers, null);
        }
        return respond(ProblemType.INTERNAL_ERROR,
                "Something went wrong on our side. Quote the requestId when you report it.",
                List.of(), Map.of(), uri, headers, e);
    }

    /**
     * Whether a failure is the database holding an invariant against a concurrent or conflicting write, wherever
     * it surfaced (at a flush inside a service, or at the commit after the resource returned).
     */
    static ProblemType databaseConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException || t instanceof org.hibernate.StaleStateException
                    || t instanceof jakarta.persistence.PessimisticLockException || t instanceof jakarta.persistence.LockTimeoutException) {
                return ProblemType.CONCURRENT_CHANGE;
            }
            if (t instanceof java.sql.SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                if (state.startsWith("40") || sql.getErrorCode() == 1213 || sql.getErrorCode() == 1205) {
                    return ProblemType.CONCURRENT_CHANGE;
                }
                if (state.startsWith("23")) {
                    return ProblemType.DATA_CONFLICT;
                }
            }
        }
        return null;
    }

    private Response jsonProblem(JsonProcessingException e, UriInfo uri, HttpHeaders headers) {
        if (e instanceof UnrecognizedPropertyException upe) {
            String field = jsonPath(upe);
            return respond(ProblemType.VALIDATION_FAILED, "Unknown field '" + field + "'.",
                    List.of(new Problem.FieldError(field, "is not a field of this request", "unknown-field")),
                    Map.of(), uri, headers, null);
        }
        if (e instanceof MismatchedInputException mie) {
            String field = jsonPath(mie);
            if (!field.isEmpty()) {
                String expected = mie.getTargetType() != null ? describe(mie.getTargetType()) : "another type";
                return respond(ProblemType.VALIDATION_FAILED, "Field '" + field + "' has the wrong type.",
                        List.of(new Problem.FieldError(field, "must be " + expected, "wrong-type")),
                        Map.of(), uri, headers, null);
            }
        }
        return respond(ProblemType.MALFORMED_REQUEST,
                "The body is not valid JSON" + location(e) + ".", List.of(), Map.of(), uri, headers, null);
    }

    static Response respond(ProblemType type, String detail, List<Problem.FieldError> errors,
            Map<String, Object> extensions, UriInfo uri, HttpHeaders headers, Throwable cause) {
        String requestId = headers == null ? null : headers.getHeaderString(RequestIds.HEADER);
        String path = uri == null ? null : uri.getPath();
        if (type.status() >= 500) {
            LOG.errorf(cause, "%s %s failed (requestId=%s)", type.status(), path, requestId);
        } else {
            LOG.debugf("%s %s: %s (requestId=%s)", type.status(), path, detail, requestId);
        }
        Problem body = new Problem(type.uri(), type.title(), type.status(), detail, path, requestId, errors, extensions);
        return Response.status(type.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    private static Response bearerChallenge(Response response) {
        return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tsunagu\"").build();
    }

    private static boolean isReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    private static String fieldName(Path path) {
        // Skip the method and parameter nodes ("create.request.name" -> "name"); keep query parameter names.
        StringBuilder out = new StringBuilder();
        String parameterName = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameterName = node.getName();
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT && node.getName() != null && node.getName().startsWith("<")) {
                if (node.getIndex() != null) {
                    out.append('[').append(node.getIndex()).append(']');
                }
                continue;
            }
            // An index or key on a node belongs to the container it sits in: items[0].name, not items.name[0].
            if (node.isInIterable() && node.getIndex() != null) {
                out.append('[').append(node.getIndex()).append(']');
            } else if (node.isInIterable() && node.getKey() != null) {
                out.append('[').append(node.getKey()).append(']');
            }
            if (!out.isEmpty() && node.getName() != null) {
                out.append('.');
            }
            if (node.getName() != null) {
                out.append(node.getName());
            }
        }
        if (out.isEmpty()) {
            return parameterName == null ? "" : parameterName;
        }
        return out.toString();
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.getName().startsWith("java.time.")) {
            return "an ISO-8601 date or time";
        }
        return "an object";
    }

    private static String location(JsonProcessingException e) {
        var loc = e.getLocation();
        return loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }
}
