package jp.tsunagu.common.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Thrown by services to answer with a specific problem. The single mapper in {@link ProblemMappers}
 * turns it into the response; nothing else writes error bodies.
 */
public class ApiProblem extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldError> errors;
    private final Map<String, Object> extensions;

    public ApiProblem(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of());
    }

    public ApiProblem(ProblemType type, String detail, List<Problem.FieldError> errors, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
        this.extensions = new LinkedHashMap<>(extensions);
    }

    public static ApiProblem notFound(String what, Object id) {
        return new ApiProblem(ProblemType.NOT_FOUND, what + " " + id + " was not found.");
    }

    public static ApiProblem invalidField(String field, String message, String code) {
        return new ApiProblem(ProblemType.VALIDATION_FAILED, message,
                List.of(new Problem.FieldError(field, message, code)), Map.of());
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
