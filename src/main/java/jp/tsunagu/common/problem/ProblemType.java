package jp.tsunagu.common.problem;

/**
 * Every kind of error the API answers with, each with a stable {@code type} URI (RFC 9457 §3.1.1).
 * Clients switch on the URI, never on the title or detail text.
 */
public enum ProblemType {
    VALIDATION_FAILED("validation-failed", 400, "Request validation failed"),
    MALFORMED_REQUEST("malformed-request", 400, "Malformed request body"),
    MALFORMED_URI("malformed-uri", 400, "Malformed request URI"),
    UNAUTHORIZED("unauthorized", 401, "Authentication required"),
    /** RFC 9470: the token is valid but its authentication (acr) is too weak for this request. */
    INSUFFICIENT_USER_AUTHENTICATION("insufficient-user-authentication", 401, "Second factor required"),
    FORBIDDEN("forbidden", 403, "Not allowed for your role"),
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Response media type not available"),
    CONFLICT("conflict", 409, "Conflict with the current state"),
    CONCURRENT_CHANGE("concurrent-change", 409, "Changed by another request meanwhile"),
    DATA_CONFLICT("data-conflict", 409, "Conflicts with stored data"),
    PRECONDITION_FAILED("precondition-failed", 412, "Precondition failed"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Request body too large"),
    URI_TOO_LONG("uri-too-long", 414, "Request URI too long"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    UNPROCESSABLE("unprocessable", 422, "Request cannot be processed"),
    PRECONDITION_REQUIRED("precondition-required", 428, "Precondition required"),
    HEADERS_TOO_LARGE("headers-too-large", 431, "Request header fields too large"),
    INTERNAL_ERROR("internal-error", 500, "Internal server error"),
    SERVICE_UNAVAILABLE("service-unavailable", 503, "Service unavailable");

    public static final String URI_PREFIX = "urn:tsunagu:problem:";

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String uri() {
        return URI_PREFIX + slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The type that belongs to a bare HTTP status, for errors raised by the framework rather than by us. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type != MALFORMED_REQUEST && type != MALFORMED_URI) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
    }
}
