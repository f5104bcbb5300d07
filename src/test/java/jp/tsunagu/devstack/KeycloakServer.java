package jp.tsunagu.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs a real Keycloak (the unpacked {@code org.keycloak:keycloak-quarkus-dist} zip) as a child
 * process for tests and local development, with the {@code tsunagu} realm imported.
 *
 * <p>Lifecycle of {@link #start}:
 * <ol>
 *   <li>{@code bin/kc.sh build --db=dev-file} is run once per unpacked distribution. A marker file
 *       ({@code lib/quarkus/tsunagu-build.marker}) records the build options, the Keycloak version and
 *       a fingerprint of the generated {@code lib/quarkus/quarkus-application.dat}; if all match, the
 *       build (about 20 s) is skipped. The check runs under a file lock so parallel JVMs sharing the
 *       distribution do not build concurrently.</li>
 *   <li>The realm file is copied to {@code <distHome>/data/import/tsunagu-realm.json} (the only
 *       directory {@code --import-realm} reads; the dir importer only picks up {@code *-realm.json}).</li>
 *   <li>{@code bin/kc.sh start --optimized} is launched on free loopback ports (HTTP and management
 *       interface), with the issuer pinned to {@code http://localhost:PORT}, and this class waits for the
 *       realm's discovery document to answer 200.</li>
 * </ol>
 *
 * <p><b>Keycloak's storage.</b> Keycloak keeps its own state (realms, users, sessions' metadata) in the
 * built-in {@code dev-file} store (an H2 file database). That is deliberate: tsunagu's application
 * database is MariaDB, but this is only Keycloak's internal store for a throw-away test realm, so we do
 * not want it anywhere near the application schema and do not need a second server. The H2 files live
 * in {@code <workDir>/kc-data/h2} and that directory is <em>deleted before every start</em>, so each
 * start gets a fresh, freshly-imported realm (changes to the realm JSON always take effect, and the
 * {@code IGNORE_EXISTING} import strategy never silently keeps a stale realm). Use one workDir per
 * concurrently running instance.
 *
 * <p>The child process gets a sanitized environment: {@code JAVA_HOME} is set to the given JDK (Keycloak
 * 26 needs Java 21+), {@code KC_BOOTSTRAP_ADMIN_USERNAME/PASSWORD} = admin/admin for the admin console,
 * and inherited {@code KC_*}, {@code QUARKUS_*}, {@code JAVA_OPTS*}, {@code JAVA_TOOL_OPTIONS} and
 * {@code JDK_JAVA_OPTIONS} are removed, because Keycloak is itself a Quarkus application and would
 * otherwise pick up the test JVM's settings. All Keycloak output goes to {@code <workDir>/keycloak.log}
 * (the build to {@code <workDir>/keycloak-build.log}).
 *
 * <p>Uses JDK classes only (no JSON library): token responses are parsed with a regular expression.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "tsunagu";
    public static final String TEST_CLIENT_ID = "tsunagu-test";

    /** Options given to {@code kc.sh build}; {@code start --optimized} requires the same build options. */
    private static final List<String> BUILD_OPTIONS = List.of("--db=dev-file");
    private static final String MARKER_NAME = "tsunagu-build.marker";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300); // a loaded 2-core CI machine has taken over 120 s
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final int LOG_TAIL_LINES = 80;
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private static final Object BUILD_LOCK = new Object();

    private final Process process;
    private final int port;
    private final Path logFile;
    private final HttpClient http;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private KeycloakServer(Process process, int port, Path logFile, HttpClient http) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.http = http;
        this.shutdownHook = new Thread(this::stopProcess, "keycloak-shutdown-" + port);
    }

    /**
     * Builds (once) and starts Keycloak, imports the realm and waits until the realm is served.
     *
     * @param distHome  unpacked {@code keycloak-26.x} folder (contains {@code bin/kc.sh})
     * @param realmFile realm import JSON (realm {@code tsunagu})
     * @param javaHome  JDK 21+ used to run Keycloak
     * @param workDir   per-instance directory for logs and Keycloak's H2 data (wiped on each start)
     */
    public static KeycloakServer start(Path distHome, Path realmFile, Path javaHome, Path workDir) throws Exception {
        distHome = distHome.toAbsolutePath().normalize();
        realmFile = realmFile.toAbsolutePath().normalize();
        javaHome = javaHome.toAbsolutePath().normalize();
        workDir = workDir.toAbsolutePath().normalize();
        Path kcSh = distHome.resolve("bin/kc.sh");
        require(Files.isRegularFile(kcSh), "not a Keycloak distribution (no bin/kc.sh): " + distHome);
        require(Files.isRegularFile(realmFile), "realm file not found: " + realmFile);
        require(Files.isExecutable(javaHome.resolve("bin/java")), "no bin/java in javaHome: " + javaHome);
        if (!Files.isExecutable(kcSh)) {
            kcSh.toFile().setExecutable(true); // zip extraction via java.util.zip loses the x bit
        }
        Files.createDirectories(workDir);

        ensureBuilt(distHome, javaHome, workDir);

        // Realm import: --import-realm reads <distHome>/data/import/*-realm.json.
        Path importDir = distHome.resolve("data/import");
        Files.createDirectories(importDir);
        Files.copy(realmFile, importDir.resolve(REALM + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);

        // Fresh Keycloak store for every start.
        Path dataDir = workDir.resolve("kc-data");
        deleteRecursively(dataDir);
        Files.createDirectories(dataDir.resolve("h2"));

        int[] ports = freeLoopbackPorts(2);
        int port = ports[0];
        int managementPort = ports[1];
        String baseUrl = "http://localhost:" + port;

        List<String> command = new ArrayList<>();
        command.add(kcSh.toString());
        command.add("start");
        command.add("--optimized");
        command.add("--http-enabled=true");
        command.add("--http-host=127.0.0.1");
        command.add("--http-port=" + port);
        command.add("--http-management-port=" + managementPort);
        command.add("--hostname=" + baseUrl);
        command.add("--hostname-strict=false");
        command.add("--cache=local");
        command.add("--db-url=jdbc:h2:file:" + dataDir.resolve("h2/keycloakdb") + ";NON_KEYWORDS=VALUE");
        command.add("--import-realm");
        command.add("--log-console-color=false");

        Path logFile = workDir.resolve("keycloak.log");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(distHome.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        sanitizeEnvironment(pb.environment(), javaHome);
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");

        System.out.println("[keycloak] starting Keycloak on " + baseUrl + " (admin console admin/admin), log: " + logFile);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        KeycloakServer server = new KeycloakServer(pb.start(), port, logFile, http);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            server.awaitReady();
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public String realmUrl() {
        return baseUrl() + "/realms/" + REALM;
    }

    /** Keycloak's combined stdout/stderr. */
    public Path logFile() {
        return logFile;
    }

    /** Resource-owner password grant with the public client {@code tsunagu-test}; returns the access token. */
    public String passwordToken(String username, String password) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", TEST_CLIENT_ID);
        form.put("username", username);
        form.put("password", password);
        return requestToken(form, "password grant for user '" + username + "'");
    }

    /** Client-credentials grant for a confidential client (client_secret_post); returns the access token. */
    public String clientCredentialsToken(String clientId, String secret) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        return requestToken(form, "client_credentials grant for client '" + clientId + "'");
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException ignored) {
            // JVM already shutting down, or hook already removed
        }
    }

    // ------------------------------------------------------------------------------------------------

    private String requestToken(Map<String, String> form, String what) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl() + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(what + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
        Matcher m = ACCESS_TOKEN.matcher(response.body());
        if (!m.find()) {
            throw new IllegalStateException(what + ": no access_token in response " + response.body());
        }
        return m.group(1);
    }

    private void awaitReady() throws Exception {
        URI discovery = URI.create(realmUrl() + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with code " + process.exitValue()
                        + " before becoming ready; log " + logFile + ":\n" + tail(logFile));
            }
            try {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Keycloak did not serve " + discovery + " within "
                        + START_TIMEOUT.toSeconds() + " s; log " + logFile + ":\n" + tail(logFile));
            }
            Thread.sleep(250);
        }
    }

    /** SIGTERM to kc.sh (which forwards it to the JVM), then force-kill the whole tree after 20 s. */
    private synchronized void stopProcess() {
        if (closed) {
            return;
        }
        closed = true;
        // Capture descendants first: once kc.sh exits its java child is re-parented and no longer listed.
        List<ProcessHandle> tree = process.descendants().collect(Collectors.toList());
        process.destroy();
        boolean exited;
        try {
            exited = process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
        }
        if (!exited) {
            process.destroyForcibly();
        }
        for (ProcessHandle child : tree) {
            if (child.isAlive()) {
                if (exited) {
                    // kc.sh is gone; give the JVM a moment to finish its own shutdown
                    child.onExit().completeOnTimeout(child, 5, TimeUnit.SECONDS).join();
                }
                child.destroyForcibly();
            }
        }
    }

    private static void ensureBuilt(Path distHome, Path javaHome, Path workDir) throws Exception {
        Path marker = distHome.resolve("lib/quarkus").resolve(MARKER_NAME);
        synchronized (BUILD_LOCK) {
            Files.createDirectories(distHome.resolve("data"));
            try (FileChannel ch = FileChannel.open(distHome.resolve("data/.tsunagu-build.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = ch.lock(); // across JVMs sharing this distribution; released when ch closes
                if (Files.isRegularFile(marker) && Files.readString(marker).equals(expectedMarker(distHome))) {
                    return;
                }
                List<String> command = new ArrayList<>();
                command.add(distHome.resolve("bin/kc.sh").toString());
                command.add("build");
                command.addAll(BUILD_OPTIONS);
                Path buildLog = workDir.resolve("keycloak-build.log");
                ProcessBuilder pb = new ProcessBuilder(command)
                        .directory(distHome.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(buildLog.toFile());
                sanitizeEnvironment(pb.environment(), javaHome);
                System.out.println("[keycloak] running kc.sh build " + String.join(" ", BUILD_OPTIONS)
                        + " (once per distribution), log: " + buildLog);
                long t0 = System.nanoTime();
                Process build = pb.start();
                if (!build.waitFor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    build.descendants().forEach(ProcessHandle::destroyForcibly);
                    build.destroyForcibly();
                    throw new IllegalStateException("kc.sh build timed out; log " + buildLog + ":\n" + tail(buildLog));
                }
                if (build.exitValue() != 0) {
                    throw new IllegalStateException("kc.sh build failed with exit code " + build.exitValue()
                            + "; log " + buildLog + ":\n" + tail(buildLog));
                }
                System.out.printf("[keycloak] build finished in %.1f s%n", (System.nanoTime() - t0) / 1e9);
                Files.writeString(marker, expectedMarker(distHome));
                lock.release();
            }
        }
    }

    /** Build options + Keycloak version + fingerprint of the augmented application (detects foreign rebuilds). */
    private static String expectedMarker(Path distHome) throws IOException {
        Path version = distHome.resolve("version.txt");
        Path app = distHome.resolve("lib/quarkus/quarkus-application.dat");
        String fingerprint = Files.exists(app)
                ? Files.size(app) + "@" + Files.getLastModifiedTime(app).toMillis()
                : "missing";
        return "build-options=" + String.join(" ", BUILD_OPTIONS) + "\n"
                + "version=" + (Files.exists(version) ? Files.readString(version).strip() : "unknown") + "\n"
                + "quarkus-application.dat=" + fingerprint + "\n";
    }

    private static void sanitizeEnvironment(Map<String, String> env, Path javaHome) {
        env.keySet().removeIf(k -> k.startsWith("KC_") || k.startsWith("QUARKUS_")
                || k.startsWith("JAVA_OPTS") || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
        env.put("JAVA_HOME", javaHome.toString());
        env.put("JAVA", javaHome.resolve("bin/java").toString());
    }

    private static int[] freeLoopbackPorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    private static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "(no log file)";
            }
            // lenient decoding: a half-written last line must not hide the log
            List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(could not read log: " + e + ")";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
