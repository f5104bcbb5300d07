package jp.tsunagu.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jp.tsunagu.devstack.EmbeddedMariaDb;
import jp.tsunagu.support.Intake;
import jp.tsunagu.support.Tokens;

/**
 * README "Backup and restore", run: a logical dump with the embedded distribution's {@code mariadb-dump} (the database
 * and the accounts with their grants), restored with its {@code mariadb} client into a fresh server; the service
 * started on the restored server reads every record as before, the audit chain verifies, and it takes new writes
 * (which need the runtime user's table grants, restored from the dump).
 */
class BackupRestoreIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDumpRestoredIntoAFreshServerServesEveryRecordAndTheChainVerifies() throws Exception {
        Path base = ServiceInstance.buildDir().resolve("mariadb/base");
        Path dump = ServiceInstance.buildDir().resolve("deploy-it/tsunagu-backup.sql");
        Path usersDump = ServiceInstance.buildDir().resolve("deploy-it/tsunagu-backup-users.sql");
        String oidc = System.getProperty("quarkus.oidc.auth-server-url");
        Map<String, JsonNode> before = new LinkedHashMap<>();
        List<String> paths = new ArrayList<>();
        try (EmbeddedMariaDb source = EmbeddedMariaDb.start(ServiceInstance.buildDir().resolve("backup-source"), base,
                EmbeddedMariaDb.CHARSET, EmbeddedMariaDb.COLLATION)) {
            try (ServiceInstance service = ServiceInstance.packaged("backup-source", ServiceInstance.environment(source.jdbcUrl(), oidc))
                    .start().awaitReady()) {
                for (int i = 0; i < 12; i++) {
                    HttpResponse<String> r = service.post("/api/v1/consultations", Tokens.of(i % 2 == 0 ? "staff.kanagawa" : "coord.hiratsuka"),
                            Intake.consultation("142034", "バックアップ試験 " + i), Map.of());
                    assertEquals(201, r.statusCode(), r.body());
                    paths.add("/api/v1/consultations/" + JSON.readTree(r.body()).get("id").asText());
                }
                paths.add("/api/v1/consultations?size=50");
                paths.add("/api/v1/taxonomies");
                for (String path : paths) {
                    before.put(path, read(service, path));
                }
            }
            // What README "Backup and restore" runs: a consistent snapshot of the database, and the accounts.
            run(List.of(base.resolve("bin/mariadb-dump").toString(), "--host=127.0.0.1", "--port=" + source.port(),
                    "--user=" + source.adminUser(), "--password=" + source.adminPassword(), "--skip-ssl", "--single-transaction",
                    "--routines", "--triggers", "--events", "--databases", EmbeddedMariaDb.DATABASE), null, dump);
            // The accounts' grants: the runtime user's table rights (db/grants) live in mysql.tables_priv, not in the
            // database. A fresh server gets the accounts of README "Accounts" first; these restore the rights.
            StringBuilder grants = new StringBuilder();
            for (String account : List.of("'tsunagu_owner'@'127.0.0.1'", "'tsunagu_app'@'127.0.0.1'")) {
                Path out = Files.createTempFile("grants", ".sql");
                run(List.of(base.resolve("bin/mariadb").toString(), "--host=127.0.0.1", "--port=" + source.port(),
                        "--user=" + source.adminUser(), "--password=" + source.adminPassword(), "--skip-ssl", "-N", "-B",
                        "-e", "SHOW GRANTS FOR " + account), null, out);
                for (String line : Files.readAllLines(out)) {
                    grants.append(line).append(";\n");
                }
            }
            Files.writeString(usersDump, grants.toString());
        }
        assertTrue(Files.size(dump) > 10_000, "dump written");

        try (EmbeddedMariaDb target = EmbeddedMariaDb.start(ServiceInstance.buildDir().resolve("backup-target"), base,
                EmbeddedMariaDb.CHARSET, EmbeddedMariaDb.COLLATION)) {
            for (Path file : List.of(dump, usersDump)) {
                run(List.of(base.resolve("bin/mariadb").toString(), "--host=127.0.0.1", "--port=" + target.port(),
                        "--user=" + target.adminUser(), "--password=" + target.adminPassword(), "--skip-ssl", "--binary-mode"), file, null);
            }
            Map<String, String> env = ServiceInstance.environment(target.jdbcUrl(), oidc);
            env.put("TSUNAGU_DEMO_ENABLED", "false"); // everything it serves comes from the dump
            try (ServiceInstance restored = ServiceInstance.packaged("backup-target", env).start().awaitReady()) {
                for (String path : paths) {
                    assertEquals(before.get(path), read(restored, path), path);
                }
                HttpResponse<String> verify = restored.get("/api/v1/audit/verify", Tokens.of("auditor.kanagawa"));
                assertEquals(200, verify.statusCode(), verify.body());
                assertTrue(JSON.readTree(verify.body()).get("intact").asBoolean(), verify.body());
                HttpResponse<String> write = restored.post("/api/v1/consultations", Tokens.of("staff.kanagawa"),
                        Intake.consultation("142034", "復元後の受付"), Map.of());
                assertEquals(201, write.statusCode(), "the restored runtime user can write (table grants restored): " + write.body());
                verify = restored.get("/api/v1/audit/verify", Tokens.of("auditor.kanagawa"));
                assertTrue(JSON.readTree(verify.body()).get("intact").asBoolean(), verify.body());
            }
        }
    }

    static JsonNode read(ServiceInstance service, String path) throws Exception {
        HttpResponse<String> r = service.get(path, Tokens.of("staff.kanagawa"));
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    static void run(List<String> command, Path stdin, Path stdout) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        Path err = Files.createTempFile("mariadb-tool", ".err");
        pb.redirectError(err.toFile());
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        if (stdout != null) {
            Files.createDirectories(stdout.getParent());
            pb.redirectOutput(stdout.toFile());
        }
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), command.get(0) + " timed out");
        assertEquals(0, p.exitValue(), String.join(" ", command.subList(0, 1)) + ": " + Files.readString(err));
    }
}
