package jp.tsunagu.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Validates Kubernetes objects against the API's own definitions (OpenAPI v2 of Kubernetes release-1.36) and the
 * operators' CRD schemas (OpenAPI v3 structural schemas), as strictly as {@code kubectl apply --validate=strict}:
 * an unknown field is an error (unless the schema keeps unknown fields), so is a wrong type, a missing required
 * field, a value outside an enum or a pattern, and an apiVersion/kind with no schema. The schema files and their
 * sources: {@code src/test/resources/k8s-schemas/README.md}.
 *
 * <p>The subset of JSON Schema those schemas use: {@code $ref}, {@code type}, {@code properties},
 * {@code additionalProperties}, {@code required}, {@code items}, {@code enum}, {@code pattern}, bounds,
 * {@code allOf}/{@code anyOf}/{@code oneOf}, {@code x-kubernetes-int-or-string},
 * {@code x-kubernetes-preserve-unknown-fields}; {@code format} is not checked.
 */
final class KubernetesSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    private static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    /** Every object has them, whether or not its schema lists them (the API server checks metadata as ObjectMeta). */
    private static final java.util.Set<String> ROOT_FIELDS = java.util.Set.of("apiVersion", "kind", "metadata");

    private final JsonNode definitions;
    private final Map<String, JsonNode> byKind = new HashMap<>();

    private KubernetesSchemas(JsonNode definitions) {
        this.definitions = definitions;
    }

    static KubernetesSchemas load() throws IOException {
        KubernetesSchemas schemas = new KubernetesSchemas(JSON.readTree(resource("kubernetes-definitions.json")).get("definitions"));
        for (Iterator<Map.Entry<String, JsonNode>> it = schemas.definitions.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> d = it.next();
            for (JsonNode gvk : d.getValue().path("x-kubernetes-group-version-kind")) {
                String group = gvk.get("group").asText();
                String apiVersion = group.isEmpty() ? gvk.get("version").asText() : group + "/" + gvk.get("version").asText();
                schemas.byKind.put(apiVersion + " " + gvk.get("kind").asText(), d.getValue());
            }
        }
        for (String crd : List.of("k8s.mariadb.com_mariadbs.yaml", "k8s.mariadb.com_databases.yaml", "k8s.mariadb.com_users.yaml",
                "k8s.mariadb.com_grants.yaml", "keycloaks.k8s.keycloak.org-v1.yml")) {
            JsonNode doc = YAML.readTree(resource(crd));
            String group = doc.at("/spec/group").asText();
            String kind = doc.at("/spec/names/kind").asText();
            for (JsonNode version : doc.at("/spec/versions")) {
                if (version.path("served").asBoolean()) {
                    schemas.byKind.put(group + "/" + version.get("name").asText() + " " + kind, version.at("/schema/openAPIV3Schema"));
                }
            }
        }
        return schemas;
    }

    private static InputStream resource(String name) {
        InputStream in = KubernetesSchemas.class.getResourceAsStream("/k8s-schemas/" + name);
        if (in == null) {
            throw new IllegalStateException("missing test resource k8s-schemas/" + name);
        }
        return in;
    }

    boolean knows(String apiVersion, String kind) {
        return byKind.containsKey(apiVersion + " " + kind);
    }

    /** The errors of one object, each with its JSON path; empty when it is valid. */
    List<String> validate(JsonNode object) {
        List<String> errors = new ArrayList<>();
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        JsonNode schema = byKind.get(apiVersion + " " + kind);
        if (schema == null) {
            errors.add("no schema for apiVersion " + apiVersion + " kind " + kind);
            return errors;
        }
        check(object, schema, "", errors);
        // A CRD's schema leaves metadata open; the API server checks it as ObjectMeta all the same.
        if (object.has("metadata")) {
            check(object.get("metadata"), definitions.get(OBJECT_META), "/metadata", errors);
        } else {
            errors.add("/metadata: missing");
        }
        if (object.at("/metadata/name").asText().isEmpty()) {
            errors.add("/metadata/name: missing");
        }
        return errors;
    }

    private void check(JsonNode node, JsonNode schema, String path, List<String> errors) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().substring("#/definitions/".length());
            if (name.equals(INT_OR_STRING) || name.equals(QUANTITY)) {
                if (!(node.isTextual() || node.isIntegralNumber() || (name.equals(QUANTITY) && node.isNumber()))) {
                    errors.add(path + ": must be a number or a string, is " + node.getNodeType());
                }
                return;
            }
            JsonNode target = definitions.get(name);
            if (target == null) {
                errors.add(path + ": schema has no definition " + name);
                return;
            }
            check(node, target, path, errors);
            return;
        }
        if (node == null || node.isNull()) {
            return; // unset
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            if (!(node.isTextual() || node.isIntegralNumber())) {
                errors.add(path + ": must be an integer or a string, is " + node.getNodeType());
            }
            return;
        }
        for (JsonNode sub : schema.path("allOf")) {
            check(node, sub, path, errors);
        }
        if (schema.has("anyOf") && count(node, schema.get("anyOf"), path) == 0) {
            errors.add(path + ": matches none of anyOf");
        }
        if (schema.has("oneOf") && count(node, schema.get("oneOf"), path) != 1) {
            errors.add(path + ": must match exactly one of oneOf");
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
        if (!type.isEmpty() && !hasType(node, type)) {
            errors.add(path + ": must be " + type + ", is " + node.getNodeType() + " " + abbreviate(node));
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode allowed : schema.get("enum")) {
                found |= allowed.equals(node);
            }
            if (!found) {
                errors.add(path + ": " + abbreviate(node) + " is not one of " + schema.get("enum"));
            }
        }
        if (node.isTextual()) {
            String s = node.asText();
            if (schema.has("pattern")) {
                try {
                    if (!Pattern.compile(schema.get("pattern").asText()).matcher(s).find()) {
                        errors.add(path + ": '" + s + "' does not match " + schema.get("pattern").asText());
                    }
                } catch (PatternSyntaxException notJava) {
                    // an ECMA-262 construct Java does not read: not checked
                }
            }
            if (schema.has("maxLength") && s.length() > schema.get("maxLength").asInt()) {
                errors.add(path + ": longer than " + schema.get("maxLength").asInt());
            }
            if (schema.has("minLength") && s.length() < schema.get("minLength").asInt()) {
                errors.add(path + ": shorter than " + schema.get("minLength").asInt());
            }
        }
        if (node.isNumber()) {
            if (schema.has("minimum") && node.asDouble() < schema.get("minimum").asDouble()) {
                errors.add(path + ": below " + schema.get("minimum"));
            }
            if (schema.has("maximum") && node.asDouble() > schema.get("maximum").asDouble()) {
                errors.add(path + ": above " + schema.get("maximum"));
            }
        }
        if (node.isArray()) {
            if (schema.has("minItems") && node.size() < schema.get("minItems").asInt()) {
                errors.add(path + ": fewer than " + schema.get("minItems") + " items");
            }
            if (schema.has("maxItems") && node.size() > schema.get("maxItems").asInt()) {
                errors.add(path + ": more than " + schema.get("maxItems") + " items");
            }
            if (schema.has("items")) {
                for (int i = 0; i < node.size(); i++) {
                    check(node.get(i), schema.get("items"), path + "/" + i, errors);
                }
            }
        }
        if (node.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!node.has(required.asText())) {
                    errors.add(path + "/" + required.asText() + ": required");
                }
            }
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.get("additionalProperties");
            boolean open = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()
                    || (properties.isMissingNode() && additional == null)
                    || (additional != null && additional.isBoolean() && additional.asBoolean());
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String at = path + "/" + field.getKey();
                if (properties.has(field.getKey())) {
                    check(field.getValue(), properties.get(field.getKey()), at, errors);
                } else if (additional != null && additional.isObject()) {
                    check(field.getValue(), additional, at, errors);
                } else if (!open && !(path.isEmpty() && ROOT_FIELDS.contains(field.getKey()))) {
                    errors.add(at + ": unknown field");
                }
            }
        }
    }

    private int count(JsonNode node, JsonNode alternatives, String path) {
        int matching = 0;
        for (JsonNode alternative : alternatives) {
            List<String> sub = new ArrayList<>();
            check(node, alternative, path, sub);
            if (sub.isEmpty()) {
                matching++;
            }
        }
        return matching;
    }

    private static boolean hasType(JsonNode node, String type) {
        return switch (type) {
            case "object" -> node.isObject();
            case "array" -> node.isArray();
            case "string" -> node.isTextual();
            case "integer" -> node.isIntegralNumber();
            case "number" -> node.isNumber();
            case "boolean" -> node.isBoolean();
            default -> true;
        };
    }

    private static String abbreviate(JsonNode node) {
        String s = node.toString();
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
