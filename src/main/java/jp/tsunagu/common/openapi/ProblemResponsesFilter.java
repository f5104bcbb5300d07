package jp.tsunagu.common.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import jp.tsunagu.common.problem.Problem;
import jp.tsunagu.common.problem.ProblemType;

/**
 * Documents the error answers of every operation in one place, so that no resource repeats them:
 * the {@code Problem} schema, one reusable response per problem type, and on each {@code /api/}
 * operation the errors it can give (401/403/500 always; 400 with inputs; 404 with path ids;
 * 413/415 with a body). Responses an operation declares with a body of its own are left as they are.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final Map<ProblemType, String> COMPONENT = new LinkedHashMap<>();

    /** The 401 of operations behind the step-up gate ({@code common.security.StepUp}): declare it with {@link #STEP_UP}. */
    public static final String SECOND_FACTOR_REQUIRED = "SecondFactorRequired";
    public static final String STEP_UP = "#/components/responses/" + SECOND_FACTOR_REQUIRED;

    static {
        COMPONENT.put(ProblemType.VALIDATION_FAILED, "BadRequest");
        COMPONENT.put(ProblemType.UNAUTHORIZED, "Unauthorized");
        COMPONENT.put(ProblemType.FORBIDDEN, "Forbidden");
        COMPONENT.put(ProblemType.NOT_FOUND, "NotFound");
        COMPONENT.put(ProblemType.CONFLICT, "Conflict");
        COMPONENT.put(ProblemType.PRECONDITION_FAILED, "PreconditionFailed");
        COMPONENT.put(ProblemType.PAYLOAD_TOO_LARGE, "PayloadTooLarge");
        COMPONENT.put(ProblemType.UNSUPPORTED_MEDIA_TYPE, "UnsupportedMediaType");
        COMPONENT.put(ProblemType.UNPROCESSABLE, "Unprocessable");
        COMPONENT.put(ProblemType.PRECONDITION_REQUIRED, "PreconditionRequired");
        COMPONENT.put(ProblemType.URI_TOO_LONG, "UriTooLong");
        COMPONENT.put(ProblemType.HEADERS_TOO_LARGE, "HeadersTooLarge");
        COMPONENT.put(ProblemType.INTERNAL_ERROR, "InternalError");
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema("FieldError", fieldErrorSchema());
        components.addSchema("Problem", problemSchema());
        SPECIALISED.forEach((type, schema) -> components.addSchema(schema.name(), schema.build()));
        COMPONENT.forEach((type, name) -> components.addResponse(name, response(type)));
        components.addResponse(SECOND_FACTOR_REQUIRED, secondFactorRequired());

        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            item.getOperations().forEach((method, operation) -> addErrors(path, method, item, operation));
        });
    }

    private void addErrors(String path, PathItem.HttpMethod method, PathItem item, Operation operation) {
        boolean hasBody = operation.getRequestBody() != null;
        boolean hasParameters = hasBody || !parameters(item, operation).isEmpty();
        boolean hasPathId = path.contains("{");
        if (hasParameters) {
            ref(operation, ProblemType.VALIDATION_FAILED);
        }
        ref(operation, ProblemType.UNAUTHORIZED);
        ref(operation, ProblemType.FORBIDDEN);
        if (hasPathId) {
            ref(operation, ProblemType.NOT_FOUND);
        }
        if (hasBody) {
            ref(operation, ProblemType.PAYLOAD_TOO_LARGE);
            ref(operation, ProblemType.UNSUPPORTED_MEDIA_TYPE);
        }
        if (method != PathItem.HttpMethod.GET) {
            // the database refuses a write that races another or breaks a stored rule: concurrent-change, data-conflict
            ref(operation, ProblemType.CONFLICT);
        }
        ref(operation, ProblemType.URI_TOO_LONG);
        ref(operation, ProblemType.HEADERS_TOO_LARGE);
        ref(operation, ProblemType.INTERNAL_ERROR);
    }

    private static List<Parameter> parameters(PathItem item, Operation operation) {
        if (operation.getParameters() != null && !operation.getParameters().isEmpty()) {
            return operation.getParameters();
        }
        return item.getParameters() == null ? List.of() : item.getParameters();
    }

    private static void ref(Operation operation, ProblemType type) {
        String code = Integer.toString(type.status());
        APIResponse declared = operation.getResponses().getAPIResponse(code);
        // Quarkus adds bare 401/403 entries for secured operations; a response without a body schema is replaced.
        if (declared != null && (declared.getRef() != null || declared.getContent() != null)) {
            return;
        }
        operation.getResponses().addAPIResponse(code,
                OASFactory.createAPIResponse().ref("#/components/responses/" + COMPONENT.get(type)));
    }

    private static APIResponse response(ProblemType type) {
        return OASFactory.createAPIResponse()
                .description(type == ProblemType.CONFLICT ? "Conflict with the current state (" + ProblemType.CONFLICT.uri() + "), with a "
                        + "change made by another request at the same time (" + ProblemType.CONCURRENT_CHANGE.uri() + "), or with a rule "
                        + "the database keeps, such as a duplicate (" + ProblemType.DATA_CONFLICT.uri() + ")" : type.title())
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("#/components/schemas/" + schemaOf(type)))
                                .addExample(type.name().toLowerCase().replace('_', '-'),
                                        OASFactory.createExample().value(example(type)))));
    }

    private static APIResponse secondFactorRequired() {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", ProblemType.INSUFFICIENT_USER_AUTHENTICATION.uri());
        example.put("title", ProblemType.INSUFFICIENT_USER_AUTHENTICATION.title());
        example.put("status", 401);
        example.put("detail", "Identifying data of children needs a login with a second factor (acr mfa). Log in again asking for "
                + "acr_values=mfa.");
        example.put("instance", "/api/v1/children/7c0e2f0a-8d51-4d9e-b1a3-2e9f0f7b6c55");
        example.put("requestId", "5f0c8a4e-2b1d-4c3e-9f6a-7b8c9d0e1f2a");
        example.put("acrValues", List.of("mfa"));
        return OASFactory.createAPIResponse()
                .description("No valid token (" + ProblemType.UNAUTHORIZED.uri() + "), or, where the deployment requires a second "
                        + "factor for identifying data, a token whose acr does not show one (" + ProblemType.INSUFFICIENT_USER_AUTHENTICATION.uri()
                        + ", RFC 9470): log in again with the acr_values the challenge names")
                .addHeader("WWW-Authenticate", OASFactory.createHeader()
                        .description("Bearer realm=\"tsunagu\", and for a missing second factor error=\"insufficient_user_authentication\", "
                                + "acr_values=\"mfa\" (RFC 9470 §3)")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)))
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("#/components/schemas/" + schemaOf(ProblemType.INSUFFICIENT_USER_AUTHENTICATION)))
                                .addExample("insufficient-user-authentication", OASFactory.createExample().value(example))
                                .addExample("unauthorized", OASFactory.createExample().value(example(ProblemType.UNAUTHORIZED)))));
    }

    private static Map<String, Object> example(ProblemType type) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", type.uri());
        example.put("title", type.title());
        example.put("status", type.status());
        example.put("detail", switch (type) {
            case VALIDATION_FAILED -> "1 field is invalid.";
            case UNAUTHORIZED -> "A valid bearer token is required.";
            case FORBIDDEN -> "Your role does not allow this operation.";
            case NOT_FOUND -> "Consultation 9d3c7c1e-4f0a-4b8e-9a57-1f4b2f7f0c11 was not found.";
            case PAYLOAD_TOO_LARGE -> "The request body exceeds the size limit.";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json.";
            case URI_TOO_LONG -> "The request URI has 10042 characters; the limit is 8192.";
            case HEADERS_TOO_LARGE -> "The request headers have 20187 bytes; the limit is 16384.";
            case INTERNAL_ERROR -> "Something went wrong on our side. Quote the requestId when you report it.";
            default -> type.title() + ".";
        });
        example.put("instance", "/api/v1/taxonomies/channel");
        example.put("requestId", "5f0c8a4e-2b1d-4c3e-9f6a-7b8c9d0e1f2a");
        if (type == ProblemType.PRECONDITION_FAILED || type == ProblemType.PRECONDITION_REQUIRED) {
            example.put("currentETag", "\"4\"");
        }
        if (type == ProblemType.VALIDATION_FAILED) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("field", "topics");
            error.put("message", "must not be empty");
            error.put("code", "NotEmpty");
            example.put("errors", List.of(error));
        }
        return example;
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details. Switch on `type`; `title` and `detail` are for people.")
                .addRequired("type").addRequired("title").addRequired("status")
                .addProperty("type", string("Stable URI of the problem kind, e.g. urn:tsunagu:problem:validation-failed"))
                .addProperty("title", string("Short summary of the problem kind"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                        .description("HTTP status code"))
                .addProperty("detail", string("What went wrong with this request"))
                .addProperty("instance", string("The request path"))
                .addProperty("requestId", string("Correlation id, also in the X-Request-Id response header and the logs"))
                .additionalPropertiesBoolean(Boolean.TRUE);
    }

    /** A problem kind whose answers carry members of their own beyond the RFC 9457 ones (problem extensions). */
    private record Specialised(String name, String description, Map<String, Schema> members, List<String> required) {
        Schema build() {
            Schema own = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT);
            members.forEach(own::addProperty);
            required.forEach(own::addRequired);
            return OASFactory.createSchema().description(description)
                    .addAllOf(OASFactory.createSchema().ref("#/components/schemas/Problem")).addAllOf(own);
        }
    }

    private static final Map<ProblemType, Specialised> SPECIALISED = new LinkedHashMap<>();

    static {
        SPECIALISED.put(ProblemType.VALIDATION_FAILED, new Specialised("ValidationProblem",
                "A rejected request: validation-failed (with one entry per rejected input), malformed-request or malformed-uri",
                members("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                                .description("One entry per rejected input (validation-failed)")
                                .items(OASFactory.createSchema().ref("#/components/schemas/FieldError")),
                        "allowedValues", strings("The codes a field accepts, when it named an unknown one"),
                        "expectedCheckDigit", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                                .description("The check digit a 全国地方公共団体コード needs, when it had another")),
                List.of()));
        SPECIALISED.put(ProblemType.FORBIDDEN, new Specialised("ForbiddenProblem",
                "The role or the case's state does not let the caller do this; a referral move out of turn says what the caller may do",
                members("currentState", string("The referral's state, for a move that is not the caller's turn"),
                        "allowedActions", strings("What the caller may do in that state")),
                List.of()));
        SPECIALISED.put(ProblemType.CONFLICT, new Specialised("ConflictProblem",
                "Conflict with the current state, a concurrent change or a stored rule; the members say what is stored now",
                members("currentState", string("A referral's or review's state now"),
                        "currentStatus", string("A consultation's status now"),
                        "currentVersion", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int64").description("The version now"),
                        "currentETag", string("The ETag now, for If-Match on a retry"),
                        "allowedActions", strings("The moves the caller may make in the current state"),
                        "existingChildIds", strings("Registered children the caller can read that look like the same child")),
                List.of()));
        SPECIALISED.put(ProblemType.PRECONDITION_FAILED, new Specialised("PreconditionFailedProblem",
                "If-Match named another version: someone changed the record first; read it again",
                members("currentETag", string("The ETag now"),
                        "currentState", string("A referral's state now"),
                        "currentStatus", string("A consultation's status now")),
                List.of("currentETag")));
        SPECIALISED.put(ProblemType.INSUFFICIENT_USER_AUTHENTICATION, new Specialised("StepUpProblem",
                "The token's acr does not show the second factor this deployment requires for identifying data (RFC 9470)",
                members("acrValues", strings("The acr values a new login must reach (also in WWW-Authenticate)")),
                List.of()));
        SPECIALISED.put(ProblemType.PRECONDITION_REQUIRED, new Specialised("PreconditionRequiredProblem",
                "The change needs If-Match with the record's ETag",
                members("currentETag", string("The ETag now, to send as If-Match")),
                List.of()));
    }

    private static Map<String, Schema> members(Object... nameAndSchema) {
        Map<String, Schema> members = new LinkedHashMap<>();
        for (int i = 0; i < nameAndSchema.length; i += 2) {
            members.put((String) nameAndSchema[i], (Schema) nameAndSchema[i + 1]);
        }
        return members;
    }

    private static String schemaOf(ProblemType type) {
        Specialised specialised = SPECIALISED.get(type);
        return specialised == null ? "Problem" : specialised.name();
    }

    private static Schema fieldErrorSchema() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("One rejected input")
                .addRequired("field").addRequired("message")
                .addProperty("field", string("Body path (topics[0]) or parameter name"))
                .addProperty("message", string("What is wrong"))
                .addProperty("code", string("Machine-readable reason, e.g. NotBlank, unknown-field, wrong-type"));
    }

    private static Schema strings(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).description(description)
                .items(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
