package jp.tsunagu.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Starts Gatling (the project {@code src/bench/gatling}, built apart because its Netty differs from Quarkus') in a
 * JVM of its own for one measured run of {@code jp.tsunagu.bench.load.HttpLoad}, and reads the figures it prints at
 * the end (request count, OK and KO, 99th percentile, mean throughput). Each run leaves its HTML report under
 * {@code target/bench/gatling}.
 */
final class Load {

    /** One run's figures, as Gatling printed them. */
    record Result(String name, long ok, long ko, double rps, double p50, double p99, Path report) {
    }

    private static final Pattern ROW = Pattern.compile("^> (.+?)\\s+\\|\\s+([\\d,.-]+)\\s+\\|\\s+([\\d,.-]+)\\s+\\|\\s+([\\d,.-]+)\\s*$");

    private final Path project;
    private final Path dir;
    private final Path results;
    private String classpath;

    Load(Path project, Path dir) {
        this.project = project;
        this.dir = dir;
        this.results = dir.resolve("gatling");
    }

    /** Compiles the load generator and resolves its class path (offline, from the local Maven repository). */
    void build() throws Exception {
        Path cp = dir.resolve("load-classpath.txt");
        run(List.of(project.resolve("mvnw").toString(), "-o", "-q", "-B", "-f", project.resolve("src/bench/gatling/pom.xml").toString(),
                "test-compile", "dependency:build-classpath", "-Dbench.load.dir=" + dir.resolve("load"), "-Dmdep.outputFile=" + cp,
                "-Dmdep.includeScope=test"), dir.resolve("load-build.log"));
        classpath = dir.resolve("load/test-classes") + java.io.File.pathSeparator + Files.readString(cp).strip();
    }

    Result run(String name, Map<String, String> properties) throws Exception {
        Files.createDirectories(results);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        command.add("-Xmx1g");
        command.add("-Dlogback.configurationFile=" + project.resolve("src/bench/gatling/logback.xml"));
        command.add("-Dbench.name=" + name);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(classpath);
        command.add("io.gatling.app.Gatling");
        command.add("--simulation");
        command.add("jp.tsunagu.bench.load.HttpLoad");
        command.add("--results-folder");
        command.add(results.toString());
        command.add("--run-description");
        command.add(name);
        Path log = dir.resolve("logs").resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".log");
        Files.createDirectories(log.getParent());
        List<Path> before = reports();
        run(command, log);
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.putIfAbsent(m.group(1).strip(), new String[] { m.group(2), m.group(3), m.group(4) });
            }
        }
        if (!rows.containsKey("request count")) {
            throw new IllegalStateException("Gatling printed no figures for " + name + ": see " + log);
        }
        Path report = reports().stream().filter(p -> !before.contains(p)).findFirst().orElse(null);
        return new Result(name, number(rows.get("request count")[1]), number(rows.get("request count")[2]),
                decimal(rows.get("mean throughput (rps)")[1]), decimal(rows.get("response time 50th percentile (ms)")[1]),
                decimal(rows.get("response time 99th percentile (ms)")[1]), report);
    }

    private List<Path> reports() throws IOException {
        if (!Files.isDirectory(results)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(results)) {
            return s.toList();
        }
    }

    private static long number(String s) {
        return s.equals("-") ? 0 : Long.parseLong(s.replace(",", ""));
    }

    private static double decimal(String s) {
        return s.equals("-") ? 0 : Double.parseDouble(s.replace(",", ""));
    }

    static void run(List<String> command, Path log) throws Exception {
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(6, command.size()))) + " failed: see " + log);
        }
    }
}
