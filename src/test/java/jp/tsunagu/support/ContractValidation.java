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
 * {@code +json}) must be documented under that media type and is validated against its schema:
 * undeclared properties (unless {@code additionalProperties} is {@code true} or a schema), types
 * ({@code type} as a string or an OpenAPI 3.1 list), {@code enum}/{@code const}, {@code required},
 * items of arrays, {@code allOf} (merged), {@code oneOf}/{@code anyOf} (any branch). {@code null} is
 * accepted as the value of any property. A {@code $ref} with sibling keywords (as SmallRye writes them,
 * e.g. {@code type}, {@code description}) is taken as the referenced schema; siblings count only when
 * they add {@code properties}/{@code required}/{@code additionalProperties}.</li>
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
            validate(value, schema, "$", null, errors, 0);
        } else if (media.has("examples") || media.has("example")) {
            if (examplesStrict) {
                checkAgainstExamples(value, media, errors);
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

    // ---------------------------------------------------------------- schema validation

    /**
     * A schema flattened for validation: $ref followed (keeping sibling properties), allOf merged.
     * {@code additional} is null when additionalProperties is absent or false.
     */
    private static final class Flat {
        String name;
        Set<String> types; // null: any
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        Set<String> required = new LinkedHashSet<>();
        boolean additionalAllowed;
        JsonNode additional; // schema for additional properties, if any
        List<JsonNode> items = new ArrayList<>();
        List<JsonNode> enums; // null: no enum
        List<List<JsonNode>> anyOfGroups = new ArrayList<>(); // each: valid if any branch validates
        boolean objectKeywords;
    }

    private Flat flatten(JsonNode schema, String inheritedName) {
        Flat f = new Flat();
        f.name = inheritedName;
        merge(f, schema, new LinkedHashSet<>(), true);
        return f;
    }

    private void merge(Flat f, JsonNode schema, Set<String> seen, boolean top) {
        if (schema == null || !schema.isObject()) {
            if (schema != null && schema.isBoolean() && !schema.asBoolean()) {
                f.types = Set.of(); // "false" schema: nothing is valid
            }
            return;
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!seen.add(ref)) {
                return;
            }
            if (top && ref.startsWith("#/components/schemas/")) {
                f.name = unescape(ref.substring("#/components/schemas/".length()));
            }
            merge(f, pointer(ref), seen, top);
            // SmallRye-style siblings: only those that add object structure count
            if (schema.has("properties") || schema.has("required") || schema.has("additionalProperties")) {
                mergeObjectKeywords(f, schema);
            }
            return;
        }
        mergeObjectKeywords(f, schema);
        JsonNode type = schema.get("type");
        if (type != null) {
            Set<String> t = new LinkedHashSet<>();
            if (type.isArray()) {
                type.forEach(x -> t.add(x.asText()));
            } else {
                t.add(type.asText());
            }
            if (f.types == null) {
                f.types = t;
            } else {
                Set<String> both = new LinkedHashSet<>(f.types);
                both.retainAll(t);
                f.types = both;
            }
        }
        if (schema.path("nullable").asBoolean(false) && f.types != null) {
            Set<String> t = new LinkedHashSet<>(f.types);
            t.add("null");
            f.types = t;
        }
        if (schema.has("items")) {
            f.items.add(schema.get("items"));
        }
        List<JsonNode> values = null;
        if (schema.has("enum")) {
            values = new ArrayList<>();
            schema.get("enum").forEach(values::add);
        } else if (schema.has("const")) {
            values = List.of(schema.get("const"));
        }
        if (values != null) {
            if (f.enums == null) {
                f.enums = values;
            } else {
                List<JsonNode> both = new ArrayList<>();
                for (JsonNode v : f.enums) {
                    if (values.stream().anyMatch(w -> sameValue(v, w))) {
                        both.add(v);
                    }
                }
                f.enums = both;
            }
        }
        if (schema.has("allOf")) {
            for (JsonNode branch : schema.get("allOf")) {
                merge(f, branch, new LinkedHashSet<>(seen), false);
            }
        }
        for (String k : List.of("oneOf", "anyOf")) {
            if (schema.has(k)) {
                List<JsonNode> branches = new ArrayList<>();
                schema.get(k).forEach(branches::add);
                f.anyOfGroups.add(branches);
            }
        }
    }

    private static void mergeObjectKeywords(Flat f, JsonNode schema) {
        JsonNode props = schema.get("properties");
        if (props != null && props.isObject()) {
            f.objectKeywords = true;
            props.fields().forEachRemaining(e -> f.properties.putIfAbsent(e.getKey(), e.getValue()));
        }
        JsonNode req = schema.get("required");
        if (req != null && req.isArray()) {
            f.objectKeywords = true;
            req.forEach(r -> f.required.add(r.asText()));
        }
        JsonNode add = schema.get("additionalProperties");
        if (add != null) {
            f.objectKeywords = true;
            if (add.isBoolean()) {
                f.additionalAllowed |= add.asBoolean();
            } else if (add.isObject()) {
                f.additionalAllowed = true;
                f.additional = add;
            }
        }
    }

    private void validate(JsonNode value, JsonNode schema, String at, String name, List<String> errors, int depth) {
        if (depth > 64) {
            errors.add(at + ": schema nesting too deep (recursive schema?)");
            return;
        }
        Flat f = flatten(schema, name);
        String in = f.name == null ? "inline schema" : "schema " + f.name;

        if (f.types != null && !typeFits(value, f.types)) {
            errors.add(at + " is " + describe(value) + " but the contract says " + typeText(f.types) + " (" + in + ")");
            return;
        }
        if (value.isNull()) {
            return;
        }
        if (f.enums != null && f.enums.stream().noneMatch(v -> sameValue(v, value))) {
            errors.add(at + " value " + value + " is not one of " + f.enums + " (" + in + ")");
        }
        if (value.isObject() && (f.objectKeywords || f.types != null && f.types.contains("object"))) {
            for (String r : f.required) {
                if (!value.has(r)) {
                    errors.add(at + "." + r + " is required but missing (" + in + ")");
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = at + "." + e.getKey();
                JsonNode propSchema = f.properties.get(e.getKey());
                if (propSchema != null) {
                    if (!e.getValue().isNull()) {
                        validate(e.getValue(), propSchema, child, f.name, errors, depth + 1);
                    }
                } else if (f.additional != null) {
                    if (!e.getValue().isNull()) {
                        validate(e.getValue(), f.additional, child, f.name, errors, depth + 1);
                    }
                } else if (!f.additionalAllowed && !(f.properties.isEmpty() && !f.anyOfGroups.isEmpty())) {
                    // (properties declared only inside oneOf/anyOf branches are checked by the branches)
                    errors.add(child + " is not in the contract (" + in + ")");
                }
            }
        }
        if (value.isArray()) {
            for (JsonNode items : f.items) {
                for (int i = 0; i < value.size(); i++) {
                    validate(value.get(i), items, at + "[" + i + "]", f.name, errors, depth + 1);
                }
            }
        }
        for (List<JsonNode> group : f.anyOfGroups) {
            List<String> best = null;
            for (JsonNode branch : group) {
                List<String> branchErrors = new ArrayList<>();
                validate(value, branch, at, f.name, branchErrors, depth + 1);
                if (branchErrors.isEmpty()) {
                    best = null;
                    break;
                }
                if (best == null || branchErrors.size() < best.size()) {
                    best = branchErrors;
                }
            }
            if (best != null) {
                errors.add(at + " matches none of the " + group.size() + " oneOf/anyOf alternatives (" + in
                        + "); closest: " + String.join("; ", best));
            }
        }
    }

    private static boolean typeFits(JsonNode v, Set<String> types) {
        for (String t : types) {
            boolean ok = switch (t) {
                case "object" -> v.isObject();
                case "array" -> v.isArray();
                case "string" -> v.isTextual();
                case "integer" -> v.isIntegralNumber()
                        || v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0;
                case "number" -> v.isNumber();
                case "boolean" -> v.isBoolean();
                case "null" -> v.isNull();
                default -> true;
            };
            if (ok) {
                return true;
            }
        }
        return false;
    }

    private static String typeText(Set<String> types) {
        return types.isEmpty() ? "nothing is allowed" : types.size() == 1 ? types.iterator().next() : types.toString();
    }

    private static String describe(JsonNode v) {
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isTextual()) {
            return "a string " + abbreviate(v.toString());
        }
        if (v.isIntegralNumber()) {
            return "an integer " + v;
        }
        if (v.isNumber()) {
            return "a number " + v;
        }
        if (v.isBoolean()) {
            return "a boolean " + v;
        }
        if (v.isNull()) {
            return "null";
        }
        return v.getNodeType().toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isTextual() != b.isTextual()) {
            // YAML may leave an enum value unquoted (e.g. 14 for "14")
            return a.asText().equals(b.asText()) && (a.isValueNode() && b.isValueNode()) && !a.isNull() && !b.isNull();
        }
        return a.equals(b);
    }

    // ---------------------------------------------------------------- examples fallback (opt-in)

    private static void checkAgainstExamples(JsonNode value, JsonNode media, List<String> errors) {
        ObjectNode shape = JsonNodeFactory.instance.objectNode();
        boolean any = false;
        if (media.has("example")) {
            any |= addShape(shape, media.get("example"));
        }
        for (JsonNode ex : media.path("examples")) {
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
