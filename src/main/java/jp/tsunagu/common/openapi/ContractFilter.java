package jp.tsunagu.common.openapi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * The last step before the contract is served: what every generated client needs and no annotation says once.
 * <ul>
 * <li>the error answers of every operation ({@link ProblemResponsesFilter});</li>
 * <li>security: every secured operation accepts the token as a plain bearer token (which generated clients send as
 * their access token) or through OpenID Connect discovery (Swagger UI). The roles Quarkus reads from
 * {@code @RolesAllowed} are not OAuth scopes, so they move from the requirement to {@code x-roles} and the
 * description;</li>
 * <li>the {@code X-Request-Id} header on every response;</li>
 * <li>nullability of response fields: a response property that is not {@code required} may be absent or
 * {@code null} (some views write nulls, others leave them out), and the contract says so, so that a strict
 * validator and a generated client accept what the server sends. Required properties (marked on the view
 * records) are always present and never null.</li>
 * </ul>
 * The header and scheme definitions themselves are in {@code META-INF/openapi.yaml}.
 */
public class ContractFilter implements OASFilter {

    static final String BEARER = "bearer";
    static final String OIDC = "oidc";
    private static final String REQUEST_ID = "X-Request-Id";

    private final ProblemResponsesFilter problems = new ProblemResponsesFilter();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        problems.filterOpenAPI(openAPI);
        nullableWhereOptional(openAPI);
        if (openAPI.getComponents().getResponses() != null) {
            openAPI.getComponents().getResponses().values().forEach(ContractFilter::withRequestId);
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values().forEach(operation -> {
            security(operation);
            if (path.startsWith("/api/") && operation.getResponses() != null) {
                operation.getResponses().getAPIResponses().values().forEach(ContractFilter::withRequestId);
            }
        }));
    }

    private static void nullableWhereOptional(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        Set<String> reachable = new HashSet<>();
        Deque<Object> todo = new ArrayDeque<>();
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
                if (operation.getResponses() != null) {
                    todo.addAll(operation.getResponses().getAPIResponses().values());
                }
            }));
        }
        if (openAPI.getComponents().getResponses() != null) {
            todo.addAll(openAPI.getComponents().getResponses().values());
        }
        while (!todo.isEmpty()) {
            Object next = todo.pop();
            if (next instanceof APIResponse response && response.getContent() != null) {
                response.getContent().getMediaTypes().values().forEach(media -> {
                    if (media.getSchema() != null) {
                        todo.push(media.getSchema());
                    }
                });
            } else if (next instanceof Schema schema) {
                if (schema.getRef() != null) {
                    String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
                    if (reachable.add(name) && schemas.containsKey(name)) {
                        todo.push(schemas.get(name));
                    }
                }
                if (schema.getProperties() != null) {
                    todo.addAll(schema.getProperties().values());
                }
                Stream.of(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())
                        .filter(java.util.Objects::nonNull).forEach(todo::addAll);
                if (schema.getItems() != null) {
                    todo.push(schema.getItems());
                }
                if (schema.getAdditionalPropertiesSchema() != null) {
                    todo.push(schema.getAdditionalPropertiesSchema());
                }
            }
        }
        reachable.stream().map(schemas::get).filter(s -> s != null && s.getProperties() != null).forEach(schema -> {
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            Map<String, Schema> properties = new LinkedHashMap<>(schema.getProperties());
            properties.replaceAll((name, property) -> required.contains(name) ? property : orNull(property));
            schema.setProperties(properties);
        });
    }

    private static Schema orNull(Schema property) {
        if (property.getRef() != null) {
            Schema referenced = OASFactory.createSchema().ref(property.getRef());
            return OASFactory.createSchema().description(property.getDescription())
                    .addAnyOf(referenced).addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL));
        }
        if (property.getEnumeration() != null && !property.getEnumeration().isEmpty()) {
            String description = property.getDescription();
            property.setDescription(null);
            return OASFactory.createSchema().description(description)
                    .addAnyOf(property).addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL));
        }
        if (property.getType() != null && !property.getType().isEmpty()) {
            if (!property.getType().contains(Schema.SchemaType.NULL)) {
                property.addType(Schema.SchemaType.NULL);
            }
            return property;
        }
        return property;
    }

    private static void security(Operation operation) {
        if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            return;
        }
        TreeSet<String> roles = new TreeSet<>();
        for (SecurityRequirement requirement : operation.getSecurity()) {
            requirement.getSchemes().values().forEach(scopes -> roles.addAll(scopes == null ? List.of() : scopes));
        }
        List<SecurityRequirement> either = new ArrayList<>();
        either.add(OASFactory.createSecurityRequirement().addScheme(BEARER));
        either.add(OASFactory.createSecurityRequirement().addScheme(OIDC));
        operation.setSecurity(either);
        if (!roles.isEmpty()) {
            operation.addExtension("x-roles", new ArrayList<>(roles));
            String said = operation.getDescription() == null ? "" : operation.getDescription().strip() + "\n\n";
            operation.setDescription(said + "Roles: " + String.join(", ", roles) + ".");
        }
    }

    private static void withRequestId(APIResponse response) {
        if (response.getRef() != null) {
            return;
        }
        if (response.getHeaders() == null || !response.getHeaders().containsKey(REQUEST_ID)) {
            response.addHeader(REQUEST_ID, OASFactory.createHeader().ref("#/components/headers/" + REQUEST_ID));
        }
    }

}
