package jp.tsunagu.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import jakarta.ws.rs.Path;

/**
 * Resource classes show their HTTP mapping; the bodies they document live in {@code components/examples} of the static
 * {@code META-INF/openapi.yaml}. The threshold: every {@code @ExampleObject} of a resource has no {@code value} and a
 * {@code ref} to an example that file defines; every other {@code example} attribute (parameters, schemas, headers) is
 * one line of at most {@value #MAX_INLINE} characters.
 */
class ResourceExamplesTest {

    static final int MAX_INLINE = 100;

    static JsonNode staticExamples;

    @BeforeAll
    static void staticFile() throws Exception {
        try (InputStream in = ResourceExamplesTest.class.getClassLoader().getResourceAsStream("META-INF/openapi.yaml")) {
            staticExamples = new ObjectMapper(new YAMLFactory()).readTree(in).path("components").path("examples");
        }
    }

    @Test
    void resourcesReferenceTheirExamplesInsteadOfHoldingThem() {
        List<String> problems = new ArrayList<>();
        int[] counted = new int[1];
        ModuleRulesTest.MAIN.stream().filter(c -> c.isAnnotatedWith(Path.class))
                .forEach(c -> counted[0] += check(c.reflect(), problems));
        assertEquals(List.of(), problems);
        assertTrue(counted[0] > 100, "only " + counted[0] + " @ExampleObject found: the scan does not see the resources");
    }

    @Test
    void aMultiLineExampleInAResourceIsFound() {
        List<String> problems = new ArrayList<>();
        assertEquals(3, check(Offending.class, problems));
        assertEquals(3, problems.size(), String.join("\n", problems));
        assertEquals(2, problems.stream().filter(p -> p.contains("holds its value")).count(), String.join("\n", problems));
        assertEquals(1, problems.stream().filter(p -> p.contains("NoSuchExample")).count(), String.join("\n", problems));
    }

    /** The number of {@code @ExampleObject}s of the class; what breaks the rule is added to {@code problems}. */
    static int check(Class<?> resource, List<String> problems) {
        List<AnnotatedElement> elements = new ArrayList<>();
        elements.add(resource);
        for (Method method : resource.getDeclaredMethods()) {
            elements.add(method);
            for (Parameter parameter : method.getParameters()) {
                elements.add(parameter);
            }
        }
        int found = 0;
        for (AnnotatedElement element : elements) {
            String where = resource.getSimpleName() + (element instanceof Method m ? "." + m.getName()
                    : element instanceof Parameter p ? "." + p.getDeclaringExecutable().getName() + "(" + p.getName() + ")" : "");
            for (Annotation annotation : element.getAnnotations()) {
                found += walk(annotation, where, problems);
            }
        }
        return found;
    }

    private static int walk(Object value, String where, List<String> problems) {
        if (value instanceof ExampleObject example) {
            if (!example.value().isEmpty() || !example.externalValue().isEmpty()) {
                problems.add(where + ": @ExampleObject \"" + example.name() + "\" holds its value; move it to components/examples "
                        + "of META-INF/openapi.yaml and reference it");
            } else if (!staticExamples.has(shortName(example.ref()))) {
                problems.add(where + ": @ExampleObject \"" + example.name() + "\" references " + example.ref()
                        + ", which META-INF/openapi.yaml does not define");
            }
            return 1;
        }
        int found = 0;
        if (value instanceof Annotation annotation) {
            for (Method member : annotation.annotationType().getDeclaredMethods()) {
                Object memberValue;
                try {
                    memberValue = member.invoke(annotation);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                if (member.getName().equals("example") && memberValue instanceof String text
                        && (text.length() > MAX_INLINE || text.contains("\n"))) {
                    problems.add(where + ": @" + annotation.annotationType().getSimpleName() + " example is longer than one line of "
                            + MAX_INLINE + " characters");
                }
                found += walk(memberValue, where, problems);
            }
        } else if (value instanceof Object[] array) {
            for (Object item : array) {
                found += walk(item, where, problems);
            }
        }
        return found;
    }

    private static String shortName(String ref) {
        return ref.startsWith("#/components/examples/") ? ref.substring("#/components/examples/".length()) : ref;
    }

    /** What the rule refuses: a body in the annotation, a reference to nothing, a text block (no @Path: not served). */
    static class Offending {

        @APIResponse(responseCode = "200", description = "x", content = @Content(examples = {
                @ExampleObject(name = "inline", value = "{\"a\":1}"),
                @ExampleObject(name = "dangling", ref = "NoSuchExample") }))
        public String one() {
            return "";
        }

        @APIResponse(responseCode = "200", description = "x", content = @Content(examples = @ExampleObject(name = "block", value = """
                {"a":1,
                 "b":2}""")))
        public String two() {
            return "";
        }
    }
}
