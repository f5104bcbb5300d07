package jp.tsunagu.common.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.Problem;
import jp.tsunagu.common.problem.ProblemType;

/**
 * Query, path and header parameters are parsed strictly and a value that does not parse is a 400 naming
 * the parameter (with the allowed values of an enum), never the 404 that JAX-RS prescribes for a failed
 * conversion nor a silent default ({@code overdue=maybe} is not {@code false}).
 */
@Provider
public class StrictParameters implements ParamConverterProvider {

    /** Thrown by the converters; a WebApplicationException, so JAX-RS passes it on unwrapped to the problem mapper. */
    public static final class InvalidParameter extends WebApplicationException {

        private final transient ApiProblem problem;

        InvalidParameter(ApiProblem problem) {
            super(problem.getMessage(), 400);
            this.problem = problem;
        }

        public ApiProblem problem() {
            return problem;
        }
    }

    @Override
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = name(annotations);
        if (name == null) {
            return null;
        }
        if (rawType.isEnum()) {
            List<String> allowed = Arrays.stream(rawType.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            return (ParamConverter<T>) converter(name, v -> {
                if (!allowed.contains(v)) {
                    throw new InvalidParameter(new ApiProblem(ProblemType.VALIDATION_FAILED, "Parameter '" + name + "' is not one of its values.",
                            List.of(new Problem.FieldError(name, "must be one of " + allowed + ", was '" + v + "'", "invalid-parameter")),
                            Map.of("allowedValues", allowed)));
                }
                return Enum.valueOf((Class) rawType, v);
            });
        }
        if (rawType == LocalDate.class) {
            return (ParamConverter<T>) converter(name, v -> parse(name, v, "a date like 2024-06-03", LocalDate::parse));
        }
        if (rawType == Instant.class) {
            return (ParamConverter<T>) converter(name, v -> parse(name, v, "an instant like 2024-06-01T00:00:00Z", Instant::parse));
        }
        if (rawType == Boolean.class || rawType == boolean.class) {
            return (ParamConverter<T>) converter(name, v -> switch (v) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw invalid(name, v, "true or false");
            });
        }
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) converter(name, v -> parse(name, v, "a whole number", Integer::valueOf));
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) converter(name, v -> parse(name, v, "a whole number", Long::valueOf));
        }
        return null;
    }

    private static <V> V parse(String name, String value, String expected, Function<String, V> parser) {
        try {
            return parser.apply(value.strip());
        } catch (DateTimeParseException | NumberFormatException e) {
            throw invalid(name, value, expected);
        }
    }

    private static InvalidParameter invalid(String name, String value, String expected) {
        return new InvalidParameter(new ApiProblem(ProblemType.VALIDATION_FAILED, "Parameter '" + name + "' cannot be read.",
                List.of(new Problem.FieldError(name, "must be " + expected + ", was '" + value + "'", "invalid-parameter")), Map.of()));
    }

    private static String name(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof PathParam p) {
                return p.value();
            }
            if (a instanceof HeaderParam h) {
                return h.value();
            }
        }
        return null;
    }

    private static <V> ParamConverter<V> converter(String name, Function<String, V> from) {
        return new ParamConverter<>() {
            @Override
            public V fromString(String value) {
                return value == null ? null : from.apply(value);
            }

            @Override
            public String toString(V value) {
                return value == null ? null : value.toString();
            }
        };
    }
}
