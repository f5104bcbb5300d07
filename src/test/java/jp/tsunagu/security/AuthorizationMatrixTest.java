package jp.tsunagu.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.ContractExamples;
import jp.tsunagu.support.Intake;
import jp.tsunagu.support.Tokens;

/**
 * The authorization matrix, generated from the committed contract: every operation × every role with a
 * real token, and for object reads every role × object position (own unit, child unit, parent unit,
 * sibling branch, other region). An operation without an entry in {@link #MATRIX} fails the build.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    enum Role {
        CENTER_ADMIN("admin.kanagawa"), CENTER_STAFF("staff.kanagawa"), BRANCH_STAFF("branch.shonan-west"),
        MUNICIPAL_COORDINATOR("coord.hiratsuka"), ANALYST("analyst.kanagawa"), PARTNER_SYSTEM(null), AUDITOR("auditor.kanagawa");

        final String user;

        Role(String user) {
            this.user = user;
        }

        String token() {
            return user == null ? Tokens.partner() : Tokens.of(user);
        }
    }

    static final Set<Role> ALL = EnumSet.allOf(Role.class);
    static final Set<Role> STAFF = EnumSet.of(Role.CENTER_ADMIN, Role.CENTER_STAFF, Role.BRANCH_STAFF, Role.MUNICIPAL_COORDINATOR);
    static final Set<Role> STAFF_AND_PARTNER = EnumSet.of(Role.CENTER_ADMIN, Role.CENTER_STAFF, Role.BRANCH_STAFF,
            Role.MUNICIPAL_COORDINATOR, Role.PARTNER_SYSTEM);
    static final Set<Role> ADMIN = EnumSet.of(Role.CENTER_ADMIN);
    static final Set<Role> AUDIT = EnumSet.of(Role.CENTER_ADMIN, Role.AUDITOR);
    static final Set<Role> STATS = EnumSet.of(Role.CENTER_ADMIN, Role.CENTER_STAFF, Role.BRANCH_STAFF, Role.ANALYST);

    /** Which roles pass the function-level check of each operation; every other role must get 403. */
    static final Map<String, Set<Role>> MATRIX = new LinkedHashMap<>();

    static {
        for (String op : List.of("listTaxonomies", "getTaxonomy", "listUnits", "getUnitTree", "getUnit", "searchMunicipalities",
                "getMunicipality", "whoCovers", "searchCoordinators", "getCoordinator")) {
            MATRIX.put(op, ALL);
        }
        for (String op : List.of("changeCoverage", "importStructure", "createCoordinator", "updateCoordinator", "deactivateCoordinator")) {
            MATRIX.put(op, ADMIN);
        }
        for (String op : List.of("createConsultation", "listConsultations", "getConsultation", "getConsultationStatusHistory",
                "getTimeline", "registerChild", "getChild")) {
            MATRIX.put(op, STAFF_AND_PARTNER);
        }
        for (String op : List.of("changeConsultationStatus", "appendTimelineEntry", "listConsents", "recordConsent", "withdrawConsent",
                "createReferral", "getReferral", "transitionReferral", "getReferralHistory", "listReferralReports",
                "postReferralReport", "referralInbox", "referralOutbox")) {
            MATRIX.put(op, STAFF);
        }
        for (String op : List.of("getConsultationStats", "getReferralStats", "getLoadStats", "getChildStats")) {
            MATRIX.put(op, STATS);
        }
        for (String op : List.of("confirmConsent", "rejectConsent", "listConsentReviews", "resolveRegistrationReview")) {
            MATRIX.put(op, EnumSet.of(Role.CENTER_ADMIN, Role.CENTER_STAFF));
        }
        for (String op : List.of("listRegistrationReviews", "getRegistrationReview")) {
            MATRIX.put(op, STAFF_AND_PARTNER);
        }
        for (String op : List.of("requestEmergencyAccess", "getEmergencyAccess", "readChildUnderEmergencyAccess", "endEmergencyAccess")) {
            MATRIX.put(op, STAFF);
        }
        for (String op : List.of("listEmergencyAccesses", "reviewEmergencyAccess")) {
            MATRIX.put(op, EnumSet.of(Role.CENTER_ADMIN, Role.CENTER_STAFF));
        }
        for (String op : List.of("listTrainingCourses", "createTrainingCourse", "getTrainingCourse", "createTrainingSession",
                "listTrainingSessions", "getTrainingSession", "addTrainingAttendee", "recordTrainingAttendance", "listOverdueDischargeItems",
                "addDischargeItem", "setDischargeItemStatus", "completeDischargePlan", "handOffDischargePlan")) {
            MATRIX.put(op, EnumSet.of(Role.CENTER_ADMIN, Role.CENTER_STAFF));
        }
        MATRIX.put("getTrainingStatistics", STATS);
        MATRIX.put("getTrainingCoverage", EnumSet.of(Role.CENTER_ADMIN, Role.CENTER_STAFF, Role.BRANCH_STAFF));
        MATRIX.put("submitDischargePlan", EnumSet.of(Role.CENTER_ADMIN, Role.CENTER_STAFF, Role.PARTNER_SYSTEM));
        for (String op : List.of("listDischargePlans", "getDischargePlan")) {
            MATRIX.put(op, STAFF_AND_PARTNER);
        }
        for (String op : List.of("listEvents", "listEventTypes", "createWebhookSubscription", "listWebhookSubscriptions",
                "getWebhookSubscription", "rotateWebhookSecret", "reactivateWebhookSubscription", "disableWebhookSubscription",
                "redeliverWebhookEvents", "listWebhookDeliveries")) {
            MATRIX.put(op, STAFF_AND_PARTNER);
        }
        for (String op : List.of("getDirectoryOrganization", "searchDirectory", "getDirectoryService")) {
            MATRIX.put(op, EnumSet.of(Role.CENTER_ADMIN, Role.CENTER_STAFF, Role.BRANCH_STAFF, Role.MUNICIPAL_COORDINATOR, Role.ANALYST));
        }
        for (String op : List.of("createDirectoryOrganization", "updateDirectoryOrganization", "createDirectoryService", "updateDirectoryService",
                "confirmDirectoryService", "getDirectoryServiceHistory", "listStaleDirectoryServices", "exportDirectoryHsds", "importDirectoryHsds",
                "getDisasterPlan", "putDisasterPlan", "listDueDisasterPlans", "listChildrenWithoutDisasterPlan")) {
            MATRIX.put(op, STAFF);
        }
        MATRIX.put("getDirectoryStatistics", EnumSet.of(Role.CENTER_ADMIN, Role.CENTER_STAFF, Role.ANALYST));
        MATRIX.put("getDisasterPlanStatistics", STATS);
        MATRIX.put("searchAudit", AUDIT);
        MATRIX.put("verifyAudit", AUDIT);
    }

    static final String ROLE_DENIED = "Your role does not allow this operation.";
    static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    enum Position {
        OWN_UNIT, CHILD_UNIT, PARENT_UNIT, SIBLING_BRANCH, OTHER_REGION
    }

    /** Positions relative to the branch user (14-shonan-west); which positions each role's user may see. */
    static final Map<Role, Set<Position>> VISIBLE = Map.of(
            Role.CENTER_ADMIN, EnumSet.of(Position.OWN_UNIT, Position.CHILD_UNIT, Position.PARENT_UNIT, Position.SIBLING_BRANCH),
            Role.CENTER_STAFF, EnumSet.of(Position.OWN_UNIT, Position.CHILD_UNIT, Position.PARENT_UNIT, Position.SIBLING_BRANCH),
            Role.BRANCH_STAFF, EnumSet.of(Position.OWN_UNIT, Position.CHILD_UNIT),
            Role.MUNICIPAL_COORDINATOR, EnumSet.of(Position.CHILD_UNIT),
            Role.PARTNER_SYSTEM, EnumSet.noneOf(Position.class),
            Role.ANALYST, EnumSet.noneOf(Position.class),
            Role.AUDITOR, EnumSet.noneOf(Position.class));

    static JsonNode contract;
    static final Map<Position, String> consultations = new LinkedHashMap<>();
    static final Map<Position, String> children = new LinkedHashMap<>();
    static final Map<Position, String> referrals = new LinkedHashMap<>();
    static long coordinatorId;
    static final String DAY = "2023-01-17";

    /** Created once, at the first test: RestAssured knows the test port only once a test runs. */
    static synchronized void fixtures() throws Exception {
        if (contract != null) {
            return;
        }
        contract = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi/openapi.yaml").toFile());
        consultations.put(Position.OWN_UNIT, consultation("branch.shonan-west", "142115"));
        consultations.put(Position.CHILD_UNIT, consultation("coord.hiratsuka", "142034"));
        consultations.put(Position.PARENT_UNIT, consultation("staff.kanagawa", null));
        consultations.put(Position.SIBLING_BRANCH, consultation("branch.kenou", "142123"));
        consultations.put(Position.OTHER_REGION, consultation("staff.tokyo", "131016"));
        children.put(Position.OWN_UNIT, child("branch.shonan-west", "142115"));
        children.put(Position.CHILD_UNIT, child("coord.hiratsuka", "142034"));
        children.put(Position.PARENT_UNIT, child("staff.kanagawa", "142069"));
        children.put(Position.SIBLING_BRANCH, child("branch.kenou", "142123"));
        children.put(Position.OTHER_REGION, child("staff.tokyo", "131016"));
        referrals.put(Position.OWN_UNIT, referral("branch.shonan-west", consultations.get(Position.OWN_UNIT), "ESCALATION", "14-center"));
        referrals.put(Position.CHILD_UNIT, referral("coord.hiratsuka", consultation("coord.hiratsuka", "142034"), "ESCALATION", "14-center"));
        referrals.put(Position.PARENT_UNIT, referral("staff.kanagawa", consultations.get(Position.PARENT_UNIT), "TRANSFER", "14-kenou"));
        referrals.put(Position.SIBLING_BRANCH, referral("branch.kenou", consultations.get(Position.SIBLING_BRANCH), "ESCALATION", "14-center"));
        referrals.put(Position.OTHER_REGION, referral("staff.tokyo", consultations.get(Position.OTHER_REGION), "TRANSFER", "13-tama"));
        coordinatorId = ((Number) Api.asJson("admin.kanagawa").body("""
                {"unitCode":"14-shonan-west","name":"行列 試験","nameKana":"ぎょうれつ しけん","profession":"OTHER","role":"REGIONAL"}""")
                .when().post("/api/v1/coordinators").then().statusCode(201).extract().path("id")).longValue();
    }

    static String consultation(String user, String residence) {
        String body = Intake.consultation(residence, "権限行列").replace("2024-06-03T10:15:00+09:00", DAY + "T10:00:00+09:00");
        return Api.asJson(user).body(body).when().post("/api/v1/consultations").then().statusCode(201).extract().path("id");
    }

    static String child(String user, String residence) {
        return Api.asJson(user).body(Intake.child(Intake.randomKana(5), "ぎょうれつ", residence, null, null))
                .when().post("/api/v1/children").then().statusCode(201).extract().path("id");
    }

    static String referral(String user, String consultationId, String kind, String receiver) {
        return Api.asJson(user).body("{\"consultationId\":\"" + consultationId + "\",\"kind\":\"" + kind
                + "\",\"receiverUnitCode\":\"" + receiver + "\",\"requestText\":\"権限行列\"}")
                .when().post("/api/v1/referrals").then().statusCode(201).extract().path("id");
    }

    private static List<String[]> operations() {
        List<String[]> ops = new ArrayList<>();
        contract.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (METHODS.contains(op.getKey())) {
                ops.add(new String[] { op.getValue().get("operationId").asText(), op.getKey(), path.getKey() });
            }
        }));
        return ops;
    }

    @Test
    void everyOperationOfTheContractHasAMatrixEntry() throws Exception {
        fixtures();
        Set<String> inContract = new TreeSet<>();
        operations().forEach(op -> inContract.add(op[0]));
        Set<String> missing = new TreeSet<>(inContract);
        missing.removeAll(MATRIX.keySet());
        Set<String> stale = new TreeSet<>(MATRIX.keySet());
        stale.removeAll(inContract);
        assertEquals(Set.of(), missing, "operations without an authorization matrix entry");
        assertEquals(Set.of(), stale, "matrix entries for operations the contract no longer has");
    }

    @Test
    void everyOperationAnswersEveryRoleAsTheMatrixSays() throws Exception {
        fixtures();
        List<String> leaks = new ArrayList<>();
        int calls = 0;
        for (String[] op : operations()) {
            Set<Role> allowed = MATRIX.getOrDefault(op[0], Set.of());
            for (Role role : Role.values()) {
                Response r = call(op, role.token());
                calls++;
                boolean roleDenied = r.statusCode() == 403 && ROLE_DENIED.equals(r.path("detail"));
                if (r.statusCode() >= 500) {
                    leaks.add(op[0] + " as " + role + ": " + r.statusCode() + " (a server fault is no answer)");
                } else if (r.statusCode() == 401) {
                    leaks.add(op[0] + " as " + role + ": 401 with a valid token");
                } else if (allowed.contains(role) && roleDenied) {
                    leaks.add(op[0] + " as " + role + ": denied by role but the matrix allows it");
                } else if (!allowed.contains(role) && !roleDenied) {
                    leaks.add(op[0] + " as " + role + ": answered " + r.statusCode() + " but the matrix denies the role");
                }
            }
            Response anonymous = call(op, null);
            calls++;
            if (anonymous.statusCode() != 401) {
                leaks.add(op[0] + " without a token: " + anonymous.statusCode());
            }
        }
        assertEquals(operations().size() * (Role.values().length + 1), calls);
        assertEquals(List.of(), leaks);
    }

    @Test
    void objectReadsFollowTheOrganizationScope() throws Exception {
        fixtures();
        List<String> leaks = new ArrayList<>();
        for (Role role : Role.values()) {
            Set<Position> visible = VISIBLE.get(role);
            for (Position position : Position.values()) {
                boolean should = visible.contains(position);
                expect(leaks, role, position, "/api/v1/consultations/" + consultations.get(position), should);
                expect(leaks, role, position, "/api/v1/consultations/" + consultations.get(position) + "/timeline", should);
                expect(leaks, role, position, "/api/v1/consultations/" + consultations.get(position) + "/status-history", should);
                expect(leaks, role, position, "/api/v1/children/" + children.get(position), should);
                expect(leaks, role, position, "/api/v1/referrals/" + referrals.get(position), should);
                expect(leaks, role, position, "/api/v1/referrals/" + referrals.get(position) + "/history", should);
            }
            if (STAFF_AND_PARTNER.contains(role)) {
                List<String> listed = given().auth().oauth2(role.token()).queryParam("from", DAY).queryParam("to", DAY)
                        .queryParam("size", 100).when().get("/api/v1/consultations").then().statusCode(200).extract().path("items.id");
                for (Position position : Position.values()) {
                    if (listed.contains(consultations.get(position)) != visible.contains(position)) {
                        leaks.add("list of consultations as " + role + ": " + position + (visible.contains(position) ? " missing" : " leaked"));
                    }
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    /**
     * Writes are scoped like reads: a timeline entry on a consultation and a consent on a child, for every role
     * at every position, including another prefecture (OTHER_REGION is Tokyo's). Where the read is allowed the
     * write succeeds; where it is not, the write answers 404 and changes nothing.
     */
    @Test
    void writesFollowTheOrganizationScope() throws Exception {
        fixtures();
        List<String> leaks = new ArrayList<>();
        for (Role role : Role.values()) {
            for (Position position : Position.values()) {
                boolean visible = VISIBLE.get(role).contains(position);
                int timeline = given().auth().oauth2(role.token()).contentType("application/json")
                        .body("{\"type\":\"MEMO\",\"body\":\"権限行列の書き込み\"}")
                        .when().post("/api/v1/consultations/" + consultations.get(position) + "/timeline").statusCode();
                expectWrite(leaks, role, position, "timeline entry", timeline, visible ? 201 : 404);
                int consent = given().auth().oauth2(role.token()).contentType("application/json")
                        .body(Intake.consent("\"CENTER_ONLY\"", "同意書 M-1"))
                        .when().post("/api/v1/children/" + children.get(position) + "/consents").statusCode();
                expectWrite(leaks, role, position, "consent", consent, visible ? 201 : 404);
            }
        }
        assertEquals(List.of(), leaks);
    }

    private static void expectWrite(List<String> leaks, Role role, Position position, String what, int status, int expected) {
        // Roles without the write right are turned away by role before any look-up; staff never see a 403 for scope.
        boolean roleDenied = status == 403 && !STAFF.contains(role);
        if (status != expected && !roleDenied) {
            leaks.add(what + " as " + role + " at " + position + ": " + status + ", expected " + expected);
        }
    }

    private static void expect(List<String> leaks, Role role, Position position, String path, boolean visible) {
        int status = given().auth().oauth2(role.token()).when().get(path).statusCode();
        boolean roleDenied = status == 403;
        if (visible && status != 200) {
            leaks.add("GET " + path + " as " + role + " (" + position + "): " + status + ", expected 200");
        } else if (!visible && status == 200) {
            leaks.add("LEAK: GET " + path + " as " + role + " (" + position + ") answered 200");
        } else if (!visible && status != 404 && !roleDenied) {
            leaks.add("GET " + path + " as " + role + " (" + position + "): " + status + ", expected 404");
        }
    }

    /** Calls an operation with the contract's own example body and plausible path and query values. */
    private static Response call(String[] op, String token) {
        String path = op[2].replace("{kind}", "channel").replace("{code}", "14-shonan-west").replace("{lgcode}", "142034")
                .replace("{consultationId}", consultations.get(Position.OWN_UNIT)).replace("{consentId}", "1");
        if (path.startsWith("/api/v1/consultations/")) {
            path = path.replace("{id}", consultations.get(Position.OWN_UNIT));
        } else if (path.startsWith("/api/v1/children/")) {
            path = path.replace("{id}", children.get(Position.OWN_UNIT));
        } else if (path.startsWith("/api/v1/referrals/")) {
            path = path.replace("{id}", referrals.get(Position.OWN_UNIT));
        } else if (path.startsWith("/api/v1/registration-reviews/") || path.startsWith("/api/v1/webhook-subscriptions/")) {
            path = path.replace("{id}", "00000000-0000-4000-8000-000000000000");
        } else if (path.startsWith("/api/v1/coordinators/")) {
            path = path.replace("{id}", Long.toString(coordinatorId));
        } else if (path.startsWith("/api/v1/emergency-accesses/")) {
            path = path.replace("{id}", "999999999");
        } else if (path.startsWith("/api/v1/training/")) {
            path = path.replace("{id}", "999999999").replace("{attendeeId}", "1");
        } else if (path.startsWith("/api/v1/discharge-plans/")) {
            path = path.replace("{id}", "00000000-0000-4000-8000-000000000000").replace("{itemId}", "1");
        } else if (path.startsWith("/api/v1/disaster-plans/")) {
            path = path.replace("{childId}", children.get(Position.OWN_UNIT));
        } else if (path.startsWith("/api/v1/directory/")) {
            path = path.replace("{id}", "00000000-0000-4000-8000-000000000000");
        }
        JsonNode operation = contract.at("/paths/" + op[2].replace("/", "~1") + "/" + op[1]);
        RequestSpecification request = given().header("Idempotency-Key", UUID.randomUUID().toString());
        if (token != null) {
            request.auth().oauth2(token);
        }
        for (JsonNode parameter : operation.path("parameters")) {
            if ("query".equals(parameter.path("in").asText()) && parameter.path("required").asBoolean()) {
                request.queryParam(parameter.get("name").asText(), parameter.path("example").asText());
            }
        }
        JsonNode content = operation.path("requestBody").path("content");
        if (!content.isMissingNode()) {
            var media = content.properties().iterator().next();
            JsonNode example = ContractExamples.firstValue(contract, media.getValue());
            request.contentType(media.getKey()).body(example.isTextual() ? example.asText() : example.toString());
        }
        return request.when().request(op[1].toUpperCase(), path);
    }
}
