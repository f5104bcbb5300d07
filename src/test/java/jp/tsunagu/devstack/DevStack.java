package jp.tsunagu.devstack;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The demo run's real parts: started by {@code ./mvnw -Pdemo} in the Maven JVM before
 * {@code quarkus:dev}, kept running while dev mode runs, stopped by shutdown hooks when Maven exits.
 * Writes the service configuration to {@code target/devstack/devstack.properties}, which the demo
 * profile hands to dev mode through {@code quarkus.config.locations}.
 */
public final class DevStack {

    private DevStack() {
    }

    public static void main(String[] args) throws Exception {
        Path out = StackLocations.buildDir().resolve("devstack");
        // exec:java joins the threads of its own thread group before moving on to quarkus:dev; start the
        // servers (and any watcher threads they spawn) from the root group so the build goes on.
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread starter = new Thread(root, () -> {
            try {
                start(out);
                started.complete(null);
            } catch (Throwable t) {
                started.completeExceptionally(t);
            }
        }, "tsunagu-devstack");
        starter.setDaemon(true);
        starter.start();
        started.join();
    }

    private static void start(Path out) throws Exception {
        Files.createDirectories(out);
        CompletableFuture<EmbeddedMariaDb> db = StackProperties.externalDatabaseConfigured()
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> TestStack.unchecked(() -> EmbeddedMariaDb.start(out.resolve("mariadb"))));
        KeycloakServer keycloak = KeycloakServer.start(StackLocations.keycloakDist(), StackLocations.realmFile(),
                StackLocations.javaHome(), out.resolve("keycloak"));
        Map<String, String> config = new LinkedHashMap<>();
        if (db.join() != null) {
            config.putAll(StackProperties.forDatabase(db.join()));
        }
        config.putAll(StackProperties.forKeycloak(keycloak));
        try (Writer w = Files.newBufferedWriter(out.resolve("devstack.properties"), StandardCharsets.UTF_8)) {
            w.write("# Written by jp.tsunagu.devstack.DevStack for this demo run; rewritten at every start.\n");
            // Above application.properties (250), below environment variables (300).
            w.write("config_ordinal=270\n");
            for (var e : config.entrySet()) {
                w.write(e.getKey() + "=" + e.getValue() + "\n");
            }
        }
        System.out.printf("""

                ---------------------------------------------------------------------------
                tsunagu demo stack is up.
                  Keycloak: %s  (admin console: admin / admin)
                  Get a token (demo users, password "demo": admin.kanagawa, staff.kanagawa,
                  branch.shonan-west, coord.hiratsuka, analyst.kanagawa, auditor.kanagawa ...):
                    TOKEN=$(curl -s -d grant_type=password -d client_id=tsunagu-test \\
                      -d username=staff.kanagawa -d password=demo \\
                      %s/protocol/openid-connect/token | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                    curl -H "Authorization: Bearer $TOKEN" http://localhost:8080/api/v1/taxonomies
                  Swagger UI: http://localhost:8080/q/swagger-ui
                ---------------------------------------------------------------------------

                """, keycloak.baseUrl(), keycloak.realmUrl());
    }
}
