package jp.tsunagu.common.problem;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}).
 *
 * @param requestId the correlation id of the request, also sent as the {@code X-Request-Id} header and logged
 * @param errors    one entry per rejected field, for validation problems
 * @param extensions further members of a specific problem type (for example the allowed values)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String requestId,
        List<FieldError> errors,
        @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions == null ? Map.of() : extensions;
    }

    /**
     * One rejected input.
     *
     * @param field   where the input was: a JSON pointer-like path in the body ({@code topics[0]}), or a
     *                query/path/header parameter name
     * @param message what is wrong, in English
     * @param code    a stable machine-readable reason, e.g. {@code NotBlank}, {@code unknown-code}
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record FieldError(String field, String message, String code) {
    }
}
