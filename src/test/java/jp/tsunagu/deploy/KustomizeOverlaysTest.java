package jp.tsunagu.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Renders {@code k8s/base} and every overlay with {@code kubectl kustomize} (kubectl on the PATH, or {@code $KUBECTL};
 * {@code .ci/run} installs Debian's when none is there) and validates every object against the Kubernetes API's and
 * the operators' schemas ({@link KubernetesSchemas}); then checks what prod and dev promise.
 */
class KustomizeOverlaysTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final List<String> DIRECTORIES = List.of("k8s/base", "k8s/overlays/dev", "k8s/overlays/prod");
    static final Map<String, List<JsonNode>> RENDERED = new HashMap<>();
    static KubernetesSchemas schemas;

    @BeforeAll
    static void render() throws Exception {
        schemas = KubernetesSchemas.load();
        for (String dir : DIRECTORIES) {
            RENDERED.put(dir, render(dir));
        }
    }

    static List<JsonNode> render(String dir) throws Exception {
        String kubectl = System.getenv().getOrDefault("KUBECTL", "kubectl");
        Process p;
        try {
            p = new ProcessBuilder(kubectl, "kustomize", dir).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no kubectl to render " + dir + " (install Debian's: apt-get install kubernetes-client;"
                    + " .ci/run does): " + e.getMessage(), e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "kubectl kustomize " + dir + " failed");
        List<JsonNode> objects = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(out)) {
            while (it.hasNext()) {
                JsonNode o = it.next();
                if (o != null && !o.isEmpty()) {
                    objects.add(o);
                }
            }
        }
        assertFalse(objects.isEmpty(), dir + " rendered nothing");
        return objects;
    }

    static List<JsonNode> ofKind(String dir, String kind) {
        return RENDERED.get(dir).stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    static JsonNode one(String dir, String kind, String name) {
        List<JsonNode> found = ofKind(dir, kind).stream().filter(o -> o.at("/metadata/name").asText().equals(name)).toList();
        assertEquals(1, found.size(), kind + " " + name + " in " + dir);
        return found.get(0);
    }

    static boolean selects(JsonNode matchLabels, JsonNode labels) {
        if (matchLabels == null || matchLabels.isEmpty()) {
            return false;
        }
        for (var it = matchLabels.fields(); it.hasNext();) {
            var e = it.next();
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest
    @ValueSource(strings = { "k8s/base", "k8s/overlays/dev", "k8s/overlays/prod" })
    void everyRenderedObjectIsValidAgainstTheApiAndOperatorSchemas(String dir) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (JsonNode o : RENDERED.get(dir)) {
            List<String> e = schemas.validate(o);
            if (!e.isEmpty()) {
                errors.put(o.path("kind").asText() + " " + o.at("/metadata/name").asText(), e);
            }
        }
        assertEquals(Map.of(), errors);
    }

    @Test
    void theValidatorRejectsWhatTheApiServerWouldReject() {
        ObjectNode deployment = one("k8s/overlays/prod", "Deployment", "tsunagu").deepCopy();
        ((ObjectNode) deployment.get("spec")).set("replica", IntNode.valueOf(3));
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0/ports/0")).set("containerPort", TextNode.valueOf("eighty"));
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).remove("name");
        List<String> errors = schemas.validate(deployment);
        assertTrue(errors.contains("/spec/replica: unknown field"), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("/spec/template/spec/containers/0/ports/0/containerPort: must be integer")), errors.toString());
        assertTrue(errors.contains("/spec/template/spec/containers/0/name: required"), errors.toString());

        ObjectNode mariadb = one("k8s/overlays/prod", "MariaDB", "mariadb-galera").deepCopy();
        ((ObjectNode) mariadb.at("/spec/galera")).set("enabled", TextNode.valueOf("yes"));
        ((ObjectNode) mariadb.get("spec")).set("replica", IntNode.valueOf(3));
        errors = schemas.validate(mariadb);
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("/spec/galera/enabled: must be boolean")), errors.toString());
        assertTrue(errors.contains("/spec/replica: unknown field"), errors.toString());

        ObjectNode keycloak = one("k8s/overlays/prod", "Keycloak", "keycloak").deepCopy();
        ((ObjectNode) keycloak.get("spec")).set("instance", IntNode.valueOf(2));
        assertEquals(List.of("/spec/instance: unknown field"), schemas.validate(keycloak));

        ObjectNode pdb = one("k8s/overlays/prod", "PodDisruptionBudget", "tsunagu").deepCopy();
        pdb.put("apiVersion", "policy/v1beta1"); // removed in Kubernetes 1.25
        assertEquals(List.of("no schema for apiVersion policy/v1beta1 kind PodDisruptionBudget"), schemas.validate(pdb));
    }

    @Test
    void prodRunsThreeOrMoreReplicasAcrossZonesThatADisruptionOrAScaleDownKeepsAboveTwo() {
        String prod = "k8s/overlays/prod";
        JsonNode deployment = one(prod, "Deployment", "tsunagu");
        JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
        assertTrue(deployment.at("/spec/replicas").asInt() >= 3);
        JsonNode hpa = one(prod, "HorizontalPodAutoscaler", "tsunagu");
        assertEquals("Deployment", hpa.at("/spec/scaleTargetRef/kind").asText());
        assertEquals("tsunagu", hpa.at("/spec/scaleTargetRef/name").asText());
        assertTrue(hpa.at("/spec/minReplicas").asInt() >= 3);
        assertTrue(hpa.at("/spec/maxReplicas").asInt() > hpa.at("/spec/minReplicas").asInt());
        JsonNode pdb = one(prod, "PodDisruptionBudget", "tsunagu");
        assertTrue(selects(pdb.at("/spec/selector/matchLabels"), podLabels), "the PDB selects the API pods");
        assertTrue(pdb.at("/spec/minAvailable").asInt() >= 2);
        Set<String> keys = new HashSet<>();
        for (JsonNode c : deployment.at("/spec/template/spec/topologySpreadConstraints")) {
            assertTrue(selects(c.at("/labelSelector/matchLabels"), podLabels), c.toString());
            keys.add(c.get("topologyKey").asText() + "=" + c.get("whenUnsatisfiable").asText());
        }
        assertTrue(keys.contains("topology.kubernetes.io/zone=DoNotSchedule"), keys.toString());
        assertEquals(0, deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt(), "a rollout never drops below the replicas");
    }

    @Test
    void prodLetsOnlyTheIngressReachTheApiAndTheApiReachOnlyMariaDbKeycloakAndDns() {
        String prod = "k8s/overlays/prod";
        JsonNode podLabels = one(prod, "Deployment", "tsunagu").at("/spec/template/metadata/labels");
        List<JsonNode> policies = ofKind(prod, "NetworkPolicy").stream()
                .filter(p -> selects(p.at("/spec/podSelector/matchLabels"), podLabels)).toList();
        assertEquals(1, policies.size());
        JsonNode policy = policies.get(0);
        assertEquals(Set.of("Ingress", "Egress"), textSet(policy.at("/spec/policyTypes")));
        JsonNode ingress = policy.at("/spec/ingress");
        assertEquals(1, ingress.size());
        assertEquals("ingress-nginx", ingress.at("/0/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText());
        assertEquals(8080, ingress.at("/0/ports/0/port").asInt());
        JsonNode mariadb = one(prod, "MariaDB", "mariadb-galera");
        JsonNode keycloak = one(prod, "Keycloak", "keycloak");
        Set<String> egress = new TreeSet<>();
        for (JsonNode rule : policy.at("/spec/egress")) {
            JsonNode to = rule.at("/to/0");
            String target = to.has("namespaceSelector") ? to.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText() + "/"
                    + to.at("/podSelector/matchLabels/k8s-app").asText()
                    : to.at("/podSelector/matchLabels/app.kubernetes.io~1instance").asText();
            for (JsonNode port : rule.get("ports")) {
                egress.add(target + ":" + port.get("port").asInt());
            }
        }
        assertEquals(new TreeSet<>(Set.of(mariadb.at("/metadata/name").asText() + ":3306", keycloak.at("/metadata/name").asText() + ":8080",
                "kube-system/kube-dns:53")), egress);
        // The Ingress sends to the Service in front of the pods, on the port the policy opens.
        JsonNode ing = one(prod, "Ingress", "tsunagu");
        assertEquals("tsunagu", ing.at("/spec/rules/0/http/paths/0/backend/service/name").asText());
        assertTrue(selects(one(prod, "Service", "tsunagu").at("/spec/selector"), podLabels));
    }

    @Test
    void prodWritesThroughTheGaleraPrimaryAndCommitsNoSecret() {
        String prod = "k8s/overlays/prod";
        assertEquals(List.of(), ofKind(prod, "Secret"), "Secrets are created in the namespace, never committed");
        JsonNode mariadb = one(prod, "MariaDB", "mariadb-galera");
        assertTrue(mariadb.at("/spec/galera/enabled").asBoolean());
        assertTrue(mariadb.at("/spec/replicas").asInt() >= 3);
        String myCnf = mariadb.at("/spec/myCnf").asText();
        for (String setting : List.of("innodb_flush_log_at_trx_commit=1", "sync_binlog=1", "collation_server=utf8mb4_bin",
                "character_set_server=utf8mb4", "default_time_zone=+00:00", "transaction_isolation=REPEATABLE-READ")) {
            assertTrue(myCnf.contains(setting), setting);
        }
        JsonNode config = one(prod, "ConfigMap", "tsunagu-config");
        assertEquals("jdbc:mariadb://mariadb-galera-primary." + mariadb.at("/metadata/namespace").asText() + ".svc:3306/tsunagu",
                config.at("/data/TSUNAGU_DB_URL").asText());
        Map<String, Set<String>> grants = new HashMap<>();
        for (JsonNode g : ofKind(prod, "Grant")) {
            if (g.at("/spec/database").asText().equals("tsunagu")) {
                grants.put(g.at("/spec/username").asText(), textSet(g.at("/spec/privileges")));
            }
        }
        assertEquals(Map.of("tsunagu_owner", Set.of("ALL PRIVILEGES"), "tsunagu_app", Set.of("SELECT", "INSERT")), grants);
        JsonNode database = one(prod, "Database", "tsunagu");
        assertEquals("utf8mb4_bin", database.at("/spec/collate").asText());
        assertTrue(one(prod, "Keycloak", "keycloak").at("/spec/instances").asInt() >= 2);
    }

    @Test
    void devRunsOneReplicaWithItsOwnDatabaseAndTheTestRealm() throws Exception {
        String dev = "k8s/overlays/dev";
        assertEquals(1, one(dev, "Deployment", "tsunagu").at("/spec/replicas").asInt());
        one(dev, "StatefulSet", "mariadb");
        one(dev, "Deployment", "keycloak");
        assertEquals(Files.readString(Path.of("src/test/resources/keycloak/tsunagu-realm.json")),
                Files.readString(Path.of("k8s/overlays/dev/tsunagu-realm.json")), "dev imports the realm the tests use");
        String init = Files.readString(Path.of("k8s/overlays/dev/init.sql"));
        assertTrue(init.contains("GRANT " + jp.tsunagu.devstack.EmbeddedMariaDb.APP_DB_PRIVILEGES + " ON tsunagu.* TO 'tsunagu_app'"), init);
        assertTrue(one(dev, "ConfigMap", "tsunagu-config").at("/data/TSUNAGU_DB_URL").asText().startsWith("jdbc:mariadb://mariadb:3306/"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
    void theApiRunsAsTheImagesUserOnAReadOnlyRootAndReadsOnlyVariablesItKnows(String dir) throws Exception {
        JsonNode pod = one(dir, "Deployment", "tsunagu").at("/spec/template/spec");
        assertEquals(ImageBuild.USER, pod.at("/securityContext/runAsUser").asText() + ":" + pod.at("/securityContext/runAsGroup").asText());
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
        JsonNode container = pod.at("/containers/0");
        assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
        assertEquals("/tmp", container.at("/volumeMounts/0/mountPath").asText());
        assertEquals(ImageBuild.PORT, container.at("/ports/0/containerPort").asInt());
        String properties = Files.readString(Path.of("src/main/resources/application.properties"), StandardCharsets.UTF_8);
        Set<String> read = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{(TSUNAGU_[A-Z_]+)").matcher(properties);
        while (m.find()) {
            read.add(m.group(1));
        }
        read.add("TSUNAGU_DEMO_ENABLED"); // tsunagu.demo.enabled (demo/DemoSettings), set through the environment
        String configMap = container.at("/envFrom/0/configMapRef/name").asText();
        Set<String> set = new TreeSet<>();
        one(dir, "ConfigMap", configMap).get("data").fieldNames().forEachRemaining(set::add);
        for (JsonNode env : container.get("env")) {
            set.add(env.get("name").asText());
            String secret = env.at("/valueFrom/secretKeyRef/name").asText();
            assertFalse(secret.isEmpty(), env.toString());
        }
        set.removeAll(read);
        assertEquals(Set.of(), set, "variables the service does not read");
    }

    static Set<String> textSet(JsonNode array) {
        Set<String> s = new HashSet<>();
        array.forEach(n -> s.add(n.asText()));
        return s;
    }
}
