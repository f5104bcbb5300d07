package jp.tsunagu.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Checks every RestAssured response from a path under {@code /api/} against the committed contract,
 * {@code openapi/openapi.yaml}: "responses carry no fields beyond the contract".
 *
 * <ol>
 * <li>The operation is found by method and path template (literal segments beat {@code {param}}
 * segments; the query string is ignored; HEAD is checked as GET; OPTIONS, i.e. CORS preflight, is not
 * checked). A request that matches no operation is not checked (unknown routes answer 404/405 problems,
 * tested elsewhere) unless it answered 2xx: then the endpoint is missing from the contract, and that
 * fails.</li>
 * <li>The status must be documented for the operation (its code, an {@code NXX} range, or
 * {@code default}); {@code $ref}s into {@code components/responses} are followed.</li>
 * <li>A non-empty JSON body ({@code application/json}, {@code application/problem+json}, any
 * {@code +json}) must be documented under that media type and is validated against its schema by a maintained
 * JSON Schema library (networknt json-schema-validator, with its OpenAPI 3.1 dialect: types, nulls, enums,
 * required, formats as annotations, $ref, allOf/anyOf/oneOf, discriminators). On top of JSON Schema, an object
 * schema that declares its properties is closed: a property the contract does not declare fails (see
 * {@link #closeObjects}). No maintained library validates a whole OpenAPI 3.1 exchange (route, status, media
 * type) on the JVM beside Quarkus' Vert.x 4, so that part stays here: finding the operation and the documented
 * response is all this class does itself.</li>
 * <li>A documented media type with {@code examples} but no {@code schema} is <b>skipped</b> (logged once
 * at DEBUG). Set {@code -Dtsunagu.contract.examples=strict} to check such bodies instead against the
 * union of the field names of the examples, at every level — informative, but examples rarely show
 * every optional field, so it is off by default.</li>
 * <li>Bodies that are not JSON (CSV, text, YAML) are not validated.</li>
 * </ol>
 *
 * A violation throws an {@link AssertionError} out of the request call, listing every problem found,
 * e.g. {@code GET /api/v1/units/{code} 200: $.coverage[0].foo is not in the contract (schema MunicipalityRef)}.
 */
public final class ContractValidation implements OrderedFilter {

    public static final Path DEFAULT_SPEC = Path.of("openapi", "openapi.yaml");

    /**
     * Test-only endpoints that are deliberately hidden from the contract ({@code @Operation(hidden = true)}
     * in src/test/java); a 2xx from them is not "an endpoint missing from the contract".
     */
    private static final List<String> TEST_ONLY_PATH_PREFIXES = List.of("/api/v1/test-echo");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(ContractValidation.class.getName());
    private static final Pattern TEMPLATE_PARAM = Pattern.compile("\\{[^}/]+}");
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static volatile JsonNode defaultSpec;

    private final JsonNode spec;
    private final List<Route> routes;
    private final boolean examplesStrict;
    private final Set<String> loggedSkips = ConcurrentHashMap.newKeySet();
    private final Map<JsonNode, Schema[]> compiledSchemas = new IdentityHashMap<>();
    private volatile SchemaRegistry[] registries;

    /** Validates against {@code openapi/openapi.yaml} (relative to the working directory), parsed once. */
    public ContractValidation() {
        this(defaultSpec());
    }

    /** Validates against the given OpenAPI document (as a Jackson tree, e.g. parsed from YAML). */
    public ContractValidation(JsonNode spec) {
        this(spec, "strict".equalsIgnoreCase(System.getProperty("tsunagu.contract.examples", "")));
    }

    /** As {@link #ContractValidation(JsonNode)}; {@code examplesStrict} checks schema-less bodies against their examples. */
    public ContractValidation(JsonNode spec, boolean examplesStrict) {
        this.spec = spec;
        this.routes = routes(spec);
        this.examplesStrict = examplesStrict;
    }

    /** Parses an OpenAPI document from YAML (or JSON) text. */
    public static JsonNode parse(String yaml) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid OpenAPI document: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode defaultSpec() {
        JsonNode s = defaultSpec;
        if (s == null) {
            synchronized (ContractValidation.class) {
                s = defaultSpec;
                if (s == null) {
                    Path file = DEFAULT_SPEC.toAbsolutePath();
                    if (!Files.isRegularFile(file)) {
                        throw new IllegalStateException("Contract not found at " + file + " (tests must run from the project directory)");
                    }
                    try {
                        s = parse(Files.readString(file));
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot read " + file, e);
                    }
                    defaultSpec = s;
                }
            }
        }
        return s;
    }

    @Override
    public int getOrder() {
        // innermost: sees the request as sent and the response as received
        return OrderedFilter.LOWEST_PRECEDENCE;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        String path = pathOf(request.getURI());
        if (path != null && path.startsWith("/api/")) {
            String body = response.getStatusCode() == 204 ? "" : response.asString();
            check(request.getMethod(), path, response.getStatusCode(), response.getContentType(), body);
        }
        return response;
    }

    /**
     * The whole check for one exchange; throws {@link AssertionError} on a violation. Public so it can be
     * exercised without an HTTP server.
     */
    public void check(String method, String path, int status, String contentType, String body) {
        String m = method.toLowerCase(Locale.ROOT);
        if (m.equals("options")) {
            return; // CORS preflight / JAX-RS generated OPTIONS, not an API operation
        }
        String p = normalize(path);
        Route route = match(p);
        JsonNode operation = route == null ? null : route.item.get(m);
        if (operation == null && m.equals("head") && route != null) {
            operation = route.item.get("get");
        }
        if (operation == null || !operation.isObject()) {
            if (status >= 200 && status < 300 && TEST_ONLY_PATH_PREFIXES.stream().noneMatch(p::startsWith)) {
                throw new AssertionError(method.toUpperCase(Locale.ROOT) + " " + p + " " + status
                        + ": the request succeeded but the contract has no such operation"
                        + (route == null ? "" : " (path " + route.template + " has no " + m.toUpperCase(Locale.ROOT) + ")"));
            }
            return;
        }
        String where = method.toUpperCase(Locale.ROOT) + " " + route.template + " " + status;

        JsonNode responses = operation.path("responses");
        JsonNode documented = responses.get(Integer.toString(status));
        if (documented == null) {
            documented = responses.get((status / 100) + "XX");
        }
        if (documented == null) {
            documented = responses.get((status / 100) + "xx");
        }
        if (documented == null) {
            documented = responses.get("default");
        }
        if (documented == null) {
            List<String> codes = new ArrayList<>();
            responses.fieldNames().forEachRemaining(codes::add);
            throw new AssertionError(where + ": status " + status + " is not documented for this operation (documented: "
                    + String.join(", ", codes) + ")");
        }
        documented = deref(documented, new LinkedHashSet<>()).node;

        if (body == null || body.isBlank() || !isJson(contentType)) {
            return;
        }
        String mediaType = baseType(contentType);
        JsonNode content = documented.path("content");
        JsonNode media = findMedia(content, mediaType);
        if (media == null) {
            List<String> types = new ArrayList<>();
            content.fieldNames().forEachRemaining(types::add);
            throw new AssertionError(where + ": a " + mediaType + " body is not documented for this response (documented: "
                    + (types.isEmpty() ? "no body" : String.join(", ", types)) + ")");
        }
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError(where + ": the " + mediaType + " body is not valid JSON: " + e.getOriginalMessage());
        }
        List<String> errors = new ArrayList<>();
        JsonNode schema = media.get("schema");
        if (schema != null) {
            validate(value, schema, errors);
        } else if (media.has("examples") || media.has("example")) {
            if (examplesStrict) {
                checkAgainstExamples(spec, value, media, errors);
            } else if (loggedSkips.add(where)) {
                LOG.log(System.Logger.Level.DEBUG, "{0} {1}: no schema in the contract, only examples; body not validated",
                        where, mediaType);
            }
        }
        if (!errors.isEmpty()) {
            throw new AssertionError(errors.size() == 1 ? where + ": " + errors.get(0)
                    : where + ": " + errors.size() + " contract violations:\n  " + String.join("\n  ", errors));
        }
    }

    // ---------------------------------------------------------------- routing

    private record Route(String template, Pattern pattern, int[] literalMask, JsonNode item) {
    }

    private static List<Route> routes(JsonNode spec) {
        List<Route> out = new ArrayList<>();
        JsonNode paths = spec.path("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String template = normalize(e.getKey());
            String[] segments = template.split("/", -1);
            int[] literal = new int[segments.length];
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < segments.length; i++) {
                if (i > 0) {
                    regex.append('/');
                }
                Matcher pm = TEMPLATE_PARAM.matcher(segments[i]);
                int last = 0;
                boolean hasParam = false;
                while (pm.find()) {
                    hasParam = true;
                    regex.append(Pattern.quote(segments[i].substring(last, pm.start()))).append("[^/]+");
                    last = pm.end();
                }
                regex.append(Pattern.quote(segments[i].substring(last)));
                literal[i] = hasParam ? 0 : 1;
            }
            out.add(new Route(template, Pattern.compile(regex.toString()), literal, e.getValue()));
        }
        return out;
    }

    /** The most specific template matching the path: at the first segment where two differ, a literal wins. */
    private Route match(String path) {
        Route best = null;
        for (Route r : routes) {
            if (!r.pattern.matcher(path).matches()) {
                continue;
            }
            if (best == null || compareSpecificity(r, best) > 0) {
                best = r;
            }
        }
        return best;
    }

    private static int compareSpecificity(Route a, Route b) {
        int n = Math.min(a.literalMask.length, b.literalMask.length);
        for (int i = 0; i < n; i++) {
            if (a.literalMask[i] != b.literalMask[i]) {
                return a.literalMask[i] - b.literalMask[i];
            }
        }
        return a.template.length() - b.template.length();
    }

    private static String normalize(String path) {
        String p = path;
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** Decoded path of a request URI, without query. */
    static String pathOf(String uri) {
        if (uri == null) {
            return null;
        }
        String raw;
        try {
            raw = new URI(uri).getRawPath();
        } catch (URISyntaxException e) {
            String s = uri.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", "");
            int q = s.indexOf('?');
            raw = q >= 0 ? s.substring(0, q) : s;
        }
        if (raw == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        String[] segments = raw.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(URLDecoder.decode(segments[i].replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- media types

    private static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        String t = baseType(contentType);
        return t.equals("application/json") || t.endsWith("+json");
    }

    private static String baseType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi >= 0 ? contentType.substring(0, semi) : contentType).trim().toLowerCase(Locale.ROOT);
    }

    private static JsonNode findMedia(JsonNode content, String mediaType) {
        if (!content.isObject()) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (baseType(e.getKey()).equals(mediaType)) {
                return e.getValue();
            }
        }
        String family = mediaType.substring(0, mediaType.indexOf('/') + 1) + "*";
        for (String fallback : List.of(family, "*/*")) {
            if (content.has(fallback)) {
                return content.get(fallback);
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- $ref

    private record Resolved(JsonNode node, String name) {
    }

    /** Follows a chain of $refs; the name is that of the last {@code components/schemas} entry reached. */
    private Resolved deref(JsonNode node, Set<String> seen) {
        String name = null;
        JsonNode n = node;
        while (n != null && n.isObject() && n.has("$ref")) {
            String ref = n.get("$ref").asText();
            if (!seen.add(ref)) {
                throw new IllegalStateException("circular $ref " + ref);
            }
            JsonNode target = pointer(ref);
            if (ref.startsWith("#/components/schemas/")) {
                name = unescape(ref.substring("#/components/schemas/".length()));
            }
            n = target;
        }
        return new Resolved(n, name);
    }

    private JsonNode pointer(String ref) {
        if (!ref.startsWith("#")) {
            throw new IllegalStateException("only local $refs are supported: " + ref);
        }
        JsonNode target = spec.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalStateException("unresolvable $ref " + ref);
        }
        return target;
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    // ---------------------------------------------------------------- schema validation (networknt json-schema-validator)

    /** Where the contract is registered with the schema library; every {@code #/components/...} ref resolves in it. */
    private static final String DOCUMENT = "https://contract.tsunagu.invalid/openapi.json";

    /** The contract as it is, and the same contract closed against undeclared properties ({@link #closeObjects}). */
    private SchemaRegistry[] registries() {
        SchemaRegistry[] r = registries;
        if (r == null) {
            synchronized (this) {
                r = registries;
                if (r == null) {
                    try {
                        String open = JSON.writeValueAsString(spec);
                        String closed = JSON.writeValueAsString(closeObjects(spec.deepCopy(), false));
                        r = new SchemaRegistry[] {
                                SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), b -> b.schemas(Map.of(DOCUMENT, open))),
                                SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), b -> b.schemas(Map.of(DOCUMENT, closed))) };
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                    registries = r;
                }
            }
        }
        return r;
    }

    /**
     * The library validates as JSON Schema does, where a property nobody declared is allowed. The service must not send
     * such properties (a client would never see them, or a field was added without the contract), so every place a
     * schema is used is closed with {@code unevaluatedProperties: false}, which counts what {@code $ref},
     * {@code allOf} and {@code anyOf} beside it evaluate: inline object schemas that declare properties, and every
     * {@code $ref}. Only what an {@code allOf} composes stays open (the composing schema is closed instead), and the
     * component schemas themselves, which are closed where they are used.
     */
    private static JsonNode closeObjects(JsonNode node, boolean open) {
        if (node instanceof ObjectNode object) {
            boolean declares = object.has("properties") || object.has("$ref") || object.has("allOf") || object.has("anyOf")
                    || object.has("oneOf");
            if (!open && declares && !object.has("additionalProperties") && !object.has("unevaluatedProperties")) {
                object.put("unevaluatedProperties", false);
            }
            object.fields().forEachRemaining(e -> {
                String key = e.getKey();
                JsonNode value = e.getValue();
                if (key.equals("example") || key.equals("examples") || key.equals("enum") || key.equals("const")) {
                    return;
                }
                if (key.equals("allOf") && value.isArray()) {
                    value.forEach(child -> closeObjects(child, true));
                } else if (key.equals("properties") && value.isObject()) {
                    value.forEach(child -> closeObjects(child, false));
                } else if (key.equals("schemas") && value.isObject()) {
                    value.forEach(component -> closeObjects(component, true));
                } else {
                    closeObjects(value, false);
                }
            });
        } else if (node != null && node.isArray()) {
            node.forEach(child -> closeObjects(child, false));
        }
        return node;
    }

    /** The schema of a media type, with its local refs ({@code #/components/...}) pointing into the registered contract. */
    private static JsonNode intoDocument(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/")) {
                object.put("$ref", DOCUMENT + ref.asText());
            }
            object.forEach(ContractValidation::intoDocument);
        } else if (node != null && node.isArray()) {
            node.forEach(ContractValidation::intoDocument);
        }
        return node;
    }

    /**
     * Validates against the contract as it is first; only a body that passes is checked against the closed contract.
     * (A failure inside a schema discards what it evaluated, so in one pass every property above a real error would be
     * reported as undeclared too.)
     */
    private void validate(JsonNode value, JsonNode schema, List<String> errors) {
        Schema[] compiled;
        synchronized (compiledSchemas) {
            compiled = compiledSchemas.computeIfAbsent(schema, s -> new Schema[] {
                    registries()[0].getSchema(SchemaLocation.of(DOCUMENT + "#/inline"), intoDocument(s.deepCopy())),
                    registries()[1].getSchema(SchemaLocation.of(DOCUMENT + "#/inline"), intoDocument(closeObjects(s.deepCopy(), false))) });
        }
        List<com.networknt.schema.Error> found = compiled[0].validate(value);
        if (found.isEmpty()) {
            // Undeclared properties, deepest first: an object with an undeclared property fails, so its parent no
            // longer counts it as evaluated and reports every property as undeclared; only the deepest are real.
            List<com.networknt.schema.Error> undeclared = compiled[1].validate(value);
            found = undeclared.stream().filter(e -> undeclared.stream().noneMatch(deeper -> deeper.getInstanceLocation().toString()
                    .startsWith(e.getInstanceLocation().toString() + "/"))).toList();
        }
        for (com.networknt.schema.Error error : found) {
            String at = error.getInstanceLocation().toString();
            errors.add((at.isEmpty() ? "$" : at) + ": " + error.getMessage() + " (value " + abbreviate(String.valueOf(error.getInstanceNode())) + ")");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    // ---------------------------------------------------------------- examples fallback (opt-in)

    private static void checkAgainstExamples(JsonNode spec, JsonNode value, JsonNode media, List<String> errors) {
        ObjectNode shape = JsonNodeFactory.instance.objectNode();
        boolean any = false;
        if (media.has("example")) {
            any |= addShape(shape, media.get("example"));
        }
        for (JsonNode ref : media.path("examples")) {
            JsonNode ex = ContractExamples.follow(spec, ref);
            if (ex.has("value")) {
                any |= addShape(shape, ex.get("value"));
            }
        }
        if (any) {
            compareShape(value, shape, "$", errors);
        }
    }

    /** Shape: {"obj": {field: shape...}} for objects, {"arr": shape} for arrays; absent = unknown, not checked. */
    private static boolean addShape(ObjectNode shape, JsonNode example) {
        if (example == null || example.isNull()) {
            return false;
        }
        if (example.isObject()) {
            ObjectNode fields = shape.has("obj") ? (ObjectNode) shape.get("obj") : shape.putObject("obj");
            example.fields().forEachRemaining(e -> {
                ObjectNode child = fields.has(e.getKey()) ? (ObjectNode) fields.get(e.getKey()) : fields.putObject(e.getKey());
                addShape(child, e.getValue());
            });
            return true;
        }
        if (example.isArray()) {
            ObjectNode items = shape.has("arr") ? (ObjectNode) shape.get("arr") : shape.putObject("arr");
            example.forEach(item -> addShape(items, item));
            return true;
        }
        return true;
    }

    private static void compareShape(JsonNode value, JsonNode shape, String at, List<String> errors) {
        if (value.isObject() && shape.has("obj")) {
            JsonNode fields = shape.get("obj");
            value.fields().forEachRemaining(e -> {
                String child = at + "." + e.getKey();
                if (!fields.has(e.getKey())) {
                    errors.add(child + " is not in the contract (no schema; not in any example)");
                } else {
                    compareShape(e.getValue(), fields.get(e.getKey()), child, errors);
                }
            });
        } else if (value.isArray() && shape.has("arr")) {
            for (int i = 0; i < value.size(); i++) {
                compareShape(value.get(i), shape.get("arr"), at + "[" + i + "]", errors);
            }
        }
    }
}
