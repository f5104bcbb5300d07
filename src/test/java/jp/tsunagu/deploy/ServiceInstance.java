package jp.tsunagu.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service JVM ({@code java -jar target/quarkus-app/quarkus-run.jar}, the production run of README
 * "Running in production") on a port of its own, configured only through the environment the README lists, against
 * the database and Keycloak of the test run (or of a fault test). {@link #kill()} is {@code kill -9}.
 */
public final class ServiceInstance implements AutoCloseable {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final int port;
    private final Path log;
    private Process process;

    private ServiceInstance(String name, List<String> command, Map<String, String> environment, int port, Path log) {
        this.name = name;
        this.command = command;
        this.environment = environment;
        this.port = port;
        this.log = log;
    }

    /** The service's environment for the test run's own MariaDB and Keycloak (system properties of TestStack). */
    static Map<String, String> environmentOfTheTestStack() {
        return environment(System.getProperty("quarkus.datasource.jdbc.url"), System.getProperty("quarkus.oidc.auth-server-url"));
    }

    public static Map<String, String> environment(String jdbcUrl, String oidcUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TSUNAGU_DB_URL", jdbcUrl);
        env.put("TSUNAGU_DB_USER", System.getProperty("quarkus.datasource.username"));
        env.put("TSUNAGU_DB_PASSWORD", System.getProperty("quarkus.datasource.password"));
        env.put("TSUNAGU_DB_MIGRATION_USER", System.getProperty("quarkus.flyway.username"));
        env.put("TSUNAGU_DB_MIGRATION_PASSWORD", System.getProperty("quarkus.flyway.password"));
        env.put("TSUNAGU_DB_APP_HOST", System.getProperty("quarkus.flyway.placeholders.app_host"));
        env.put("TSUNAGU_OIDC_URL", oidcUrl);
        // The realm's demo users belong to the demo prefectures' units: the instances load them as the demo run does.
        env.put("TSUNAGU_DEMO_ENABLED", "true");
        env.put("TSUNAGU_LOG_JSON", "false");
        return env;
    }

    public static Path buildDir() {
        return Path.of(System.getProperty("tsunagu.build.dir", "target")).toAbsolutePath();
    }

    /** The packaged application, as README "Running in production" runs it. */
    public static ServiceInstance packaged(String name, Map<String, String> environment) throws IOException {
        Path jar = buildDir().resolve("quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": the deploy ITs run after package (./mvnw verify)");
        }
        return of(name, javaCommand(jar), environment);
    }

    /** {@code java -jar} of a packaged Quarkus application with the image's JVM flags and a 256 MB heap. */
    public static List<String> javaCommand(Path jar) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ImageBuild.JVM_FLAGS);
        command.add("-Xmx256m");
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    public static ServiceInstance of(String name, List<String> command, Map<String, String> environment) throws IOException {
        Path dir = buildDir().resolve("deploy-it");
        Files.createDirectories(dir);
        return new ServiceInstance(name, command, environment, freePort(), dir.resolve(name + ".log"));
    }

    public ServiceInstance start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("TSUNAGU_") || k.startsWith("JAVA_TOOL")
                || k.startsWith("JDK_JAVA_OPTIONS") || k.startsWith("MAVEN_"));
        env.putAll(environment);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        process = pb.start();
        return this;
    }

    /** Waits until readiness answers 200; fails with the end of the log when the process dies or takes too long. */
    public ServiceInstance awaitReady() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (get("/q/health/ready", null).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + START_TIMEOUT + ":\n" + logTail());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String name() {
        return name;
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> post(String path, String token, String json, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** {@code kill -9}: no shutdown hook, no graceful drain, whatever was in flight is cut. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** The operating-system process id (for the benchmark's RSS readings). */
    public long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
