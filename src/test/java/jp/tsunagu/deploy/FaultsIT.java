package jp.tsunagu.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import jp.tsunagu.devstack.EmbeddedMariaDb;
import jp.tsunagu.support.AdminDb;
import jp.tsunagu.support.Tokens;

/**
 * Crashes under load: the service and then MariaDB are killed with SIGKILL while consultations are being taken in.
 * Every consultation the service answered 201 for must be in the database afterwards, whole (its topics and its audit
 * row), and the audit chain must verify. The database-crash test runs on a MariaDB of its own.
 */
class FaultsIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theServiceKilledDuringIntakeLosesNoAcknowledgedConsultationAndLeavesNothingHalfWritten() throws Exception {
        AtomicReference<ServiceInstance> current = new AtomicReference<>(
                ServiceInstance.packaged("fault-service-1", ServiceInstance.environmentOfTheTestStack()).start().awaitReady());
        ServiceInstance first = current.get();
        IntakeLoad load = new IntakeLoad(4, current::get, () -> Tokens.of("staff.kanagawa")).start();
        try {
            load.awaitAcknowledged(0, 40);
            first.kill(); // in the middle of the load
            int beforeRestart = load.acknowledged.size();
            ServiceInstance second = ServiceInstance.packaged("fault-service-2", ServiceInstance.environmentOfTheTestStack()).start();
            second.awaitReady();
            current.set(second);
            load.awaitAcknowledged(beforeRestart, 10);
        } finally {
            load.close();
        }
        try (ServiceInstance second = current.get(); Connection db = AdminDb.asRoot()) {
            assertTrue(load.cut.get() > 0, "the kill cut requests in flight");
            assertWhole(db, load);
            assertChainIntact(second);
        }
    }

    @Test
    void mariaDbKilledDuringIntakeLosesNoAcknowledgedConsultation() throws Exception {
        Path work = ServiceInstance.buildDir().resolve("fault-mariadb");
        EmbeddedMariaDb db = EmbeddedMariaDb.start(work, ServiceInstance.buildDir().resolve("mariadb/base"),
                EmbeddedMariaDb.CHARSET, EmbeddedMariaDb.COLLATION);
        Process restarted = null;
        try (ServiceInstance service = ServiceInstance.packaged("fault-db-service",
                ServiceInstance.environment(db.jdbcUrl(), System.getProperty("quarkus.oidc.auth-server-url"))).start().awaitReady()) {
            IntakeLoad load = new IntakeLoad(4, () -> service, () -> Tokens.of("staff.kanagawa")).start();
            try {
                load.awaitAcknowledged(0, 40);
                long pid = mariadbdPid(db.dataDir());
                List<String> commandLine = commandLine(pid);
                ProcessHandle mariadbd = ProcessHandle.of(pid).orElseThrow();
                mariadbd.destroyForcibly(); // SIGKILL: no flush, no clean shutdown
                mariadbd.onExit().get(30, TimeUnit.SECONDS);
                int beforeRestart = load.acknowledged.size();
                Thread.sleep(1_000); // requests meanwhile fail
                restarted = new ProcessBuilder(commandLine).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("restarted-mariadbd.log").toFile())).start();
                awaitConnectable(db);
                // The service was not restarted: its pool reconnects and intake goes on.
                load.awaitAcknowledged(beforeRestart, 10);
            } finally {
                load.close();
            }
            assertTrue(load.refused.get() + load.cut.get() > 0, "requests failed while the database was down");
            try (Connection c = db.connect(db.adminUser(), db.adminPassword())) {
                c.setCatalog(EmbeddedMariaDb.DATABASE);
                assertWhole(c, load);
            }
            assertChainIntact(service);
        } finally {
            if (restarted != null) {
                restarted.destroy();
                restarted.waitFor(60, TimeUnit.SECONDS);
            }
            db.close();
        }
    }

    /** Every acknowledged consultation is there; every stored one of this load has its topics and its audit row. */
    static void assertWhole(Connection db, IntakeLoad load) throws SQLException {
        List<String> stored = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT c.id,"
                + " (SELECT COUNT(*) FROM consultation_topic t WHERE t.consultation_id = c.id),"
                + " (SELECT COUNT(*) FROM audit_event a WHERE a.object_id = c.id)"
                + " FROM consultation c WHERE c.chief_complaint LIKE ?")) {
            ps.setString(1, load.marker + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                    if (rs.getInt(2) != 2 || rs.getInt(3) < 1) {
                        broken.add(rs.getString(1) + " topics=" + rs.getInt(2) + " audit=" + rs.getInt(3));
                    }
                }
            }
        }
        System.out.printf("[FaultsIT] %d acknowledged (201), %d stored, %d refused, %d cut by the crash%n",
                load.acknowledged.size(), stored.size(), load.refused.get(), load.cut.get());
        Set<String> missing = new java.util.TreeSet<>(load.acknowledged);
        stored.forEach(missing::remove);
        assertEquals(Set.of(), missing, "acknowledged with 201 but not in the database (of " + load.acknowledged.size() + ")");
        assertEquals(List.of(), broken, "half-written consultations");
        assertTrue(load.acknowledged.size() >= 50, "load was bounded but real: " + load.acknowledged.size());
    }

    static void assertChainIntact(ServiceInstance service) throws Exception {
        HttpResponse<String> verify = service.get("/api/v1/audit/verify", Tokens.of("auditor.kanagawa"));
        assertEquals(200, verify.statusCode(), verify.body());
        assertTrue(JSON.readTree(verify.body()).get("intact").asBoolean(), verify.body());
    }

    static long mariadbdPid(Path dataDir) throws Exception {
        try (Stream<Path> files = Files.list(dataDir)) {
            Path pidFile = files.filter(f -> f.getFileName().toString().endsWith(".pid")).findFirst().orElseThrow();
            return Long.parseLong(Files.readString(pidFile).trim());
        }
    }

    /** The exact command line the server was started with, to start it again on the same data directory and port. */
    static List<String> commandLine(long pid) throws Exception {
        String raw = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8);
        return Arrays.asList(raw.split("\0"));
    }

    static void awaitConnectable(EmbeddedMariaDb db) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = db.connect(db.adminUser(), db.adminPassword())) {
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new AssertionError("MariaDB did not come back after crash recovery", last);
    }

}
