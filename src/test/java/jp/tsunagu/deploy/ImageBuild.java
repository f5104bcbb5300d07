package jp.tsunagu.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;

/**
 * Builds the service's OCI image without a container daemon and without pulling a base image (this build reaches no
 * image registry): Jib (jib-core) writes an image tarball from {@code scratch} plus
 *
 * <ul>
 *   <li>a JRE made by {@code jlink} from the build's JDK, under {@code /opt/java};
 *   <li>the C library that JRE links against (glibc's {@code libc}, {@code libm}, {@code libdl}, {@code libpthread},
 *       {@code librt} and the dynamic loader), copied from the build machine (Debian 12's {@code libc6});
 *   <li>{@code /etc/passwd} and {@code /etc/group} naming the one user it runs as, 10001 (not root), and an empty
 *       {@code /tmp} (a volume: with a read-only root filesystem mount an emptyDir there);
 *   <li>the packaged application {@code target/quarkus-app} under {@code /deployments}, dependencies in a layer of
 *       their own below the application's classes.
 * </ul>
 *
 * <p>Nothing in the image is writable by its user and nothing needs to be: the JVM writes only to {@code /tmp}
 * ({@code -XX:-UsePerfData} keeps even hsperfdata out). Run by {@code ./mvnw package -Pimage}, and by the
 * integration test {@link ImageIT}, which checks the result.
 *
 * <p>Arguments: {@code quarkus-app} directory, output tarball, image reference, version.
 */
public final class ImageBuild {

    public static final String USER = "10001:10001";
    public static final String JAVA_HOME = "/opt/java";
    public static final String APP_DIR = "/deployments";
    public static final int PORT = 8080;

    /**
     * Sized for a container: heap as a share of the container's memory limit (not of the node's), exit at the first
     * OutOfMemoryError so that Kubernetes restarts the pod instead of it limping on, no hsperfdata files.
     */
    public static final List<String> JVM_FLAGS = List.of(
            "-XX:MaxRAMPercentage=75",
            "-XX:InitialRAMPercentage=50",
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:-UsePerfData",
            "-Djava.io.tmpdir=/tmp",
            "-Djava.awt.headless=true",
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");

    /** What the service needs of the JDK (an {@code ImageIT} run serves requests from the image's files). */
    static final List<String> MODULES = List.of(
            "java.base", "java.compiler", "java.desktop", "java.instrument", "java.logging", "java.management",
            "java.naming", "java.net.http", "java.rmi", "java.scripting", "java.security.jgss", "java.security.sasl", "java.sql",
            "java.transaction.xa", "java.xml", "jdk.charsets", "jdk.crypto.ec", "jdk.localedata", "jdk.management",
            "jdk.naming.dns", "jdk.net", "jdk.unsupported", "jdk.zipfs");

    /** Files of glibc the JRE's binaries link against; everything else the JRE brings itself. */
    private static final Set<String> LIBC = Set.of("libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0",
            "librt.so.1", "ld-linux-x86-64.so.2");

    private static final Instant EPOCH = Instant.ofEpochSecond(1);

    private ImageBuild() {
    }

    public static void main(String[] args) throws Exception {
        Path quarkusApp = Path.of(args[0]);
        Path tar = Path.of(args[1]);
        build(quarkusApp, tar, args[2], args[3]);
        System.out.println("OCI image " + args[2] + " written to " + tar);
    }

    public static Map<String, String> labels(String version) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", "tsunagu");
        labels.put("org.opencontainers.image.description",
                "tsunagu API for a 医療的ケア児支援センター (Quarkus, JVM mode)");
        labels.put("org.opencontainers.image.version", version);
        labels.put("org.opencontainers.image.base.name", "scratch");
        return labels;
    }

    public static List<String> entrypoint() {
        List<String> entrypoint = new ArrayList<>();
        entrypoint.add(JAVA_HOME + "/bin/java");
        entrypoint.addAll(JVM_FLAGS);
        entrypoint.add("-jar");
        entrypoint.add(APP_DIR + "/quarkus-run.jar");
        return entrypoint;
    }

    public static void build(Path quarkusApp, Path tar, String reference, String version) throws Exception {
        if (!Files.isRegularFile(quarkusApp.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException("no " + quarkusApp.resolve("quarkus-run.jar") + ": run ./mvnw package first");
        }
        Path work = tar.toAbsolutePath().getParent().resolve("image-work");
        deleteRecursively(work);
        Files.createDirectories(work);
        Path jre = work.resolve("jre");
        jlink(jre);

        Path etc = work.resolve("etc");
        Files.createDirectories(etc);
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/sbin/nologin\n"
                + "tsunagu:x:10001:10001:tsunagu:" + APP_DIR + ":/sbin/nologin\n", StandardCharsets.UTF_8);
        Files.writeString(etc.resolve("group"), "root:x:0:\ntsunagu:x:10001:\n", StandardCharsets.UTF_8);
        Path emptyDir = Files.createDirectories(work.resolve("empty"));

        FileEntriesLayer.Builder libc = FileEntriesLayer.builder().setName("glibc");
        for (Path lib : libcFiles(jre)) {
            libc.addEntry(lib.toRealPath(), AbsoluteUnixPath.get(lib.toString()), FilePermissions.fromOctalString("755"), EPOCH);
        }
        FileEntriesLayer.Builder system = FileEntriesLayer.builder().setName("system")
                .addEntry(etc.resolve("passwd"), AbsoluteUnixPath.get("/etc/passwd"), FilePermissions.fromOctalString("644"), EPOCH)
                .addEntry(etc.resolve("group"), AbsoluteUnixPath.get("/etc/group"), FilePermissions.fromOctalString("644"), EPOCH)
                .addEntry(emptyDir, AbsoluteUnixPath.get("/tmp"), FilePermissions.fromOctalString("777"), EPOCH);

        JibContainerBuilder image = Jib.fromScratch()
                .setFormat(ImageFormat.OCI)
                .setCreationTime(EPOCH)
                .addFileEntriesLayer(libc.build())
                .addFileEntriesLayer(system.build())
                .addFileEntriesLayer(tree("jre", jre, JAVA_HOME))
                .addFileEntriesLayer(tree("dependencies", quarkusApp.resolve("lib"), APP_DIR + "/lib"))
                .addFileEntriesLayer(application(quarkusApp))
                .setEntrypoint(entrypoint())
                .setProgramArguments(List.of())
                .setUser(USER)
                .setWorkingDirectory(AbsoluteUnixPath.get(APP_DIR))
                .setExposedPorts(Set.of(Port.tcp(PORT)))
                .setVolumes(Set.of(AbsoluteUnixPath.get("/tmp")))
                .setEnvironment(Map.of("JAVA_HOME", JAVA_HOME, "LANG", "C.UTF-8"))
                .setLabels(labels(version));
        Path cache = work.resolve("cache");
        image.containerize(Containerizer.to(TarImage.at(tar.toAbsolutePath()).named(reference))
                .setBaseImageLayersCache(cache)
                .setApplicationLayersCache(cache)
                .setOfflineMode(true)
                .setToolName("tsunagu-image-build"));
    }

    private static void jlink(Path output) {
        ToolProvider jlink = ToolProvider.findFirst("jlink")
                .orElseThrow(() -> new IllegalStateException("jlink not found: build on a JDK, not a JRE"));
        int rc = jlink.run(System.out, System.err, "--add-modules", String.join(",", MODULES),
                "--output", output.toString(), "--strip-debug", "--no-man-pages", "--no-header-files",
                "--compress", "zip-6");
        if (rc != 0) {
            throw new IllegalStateException("jlink failed with exit code " + rc);
        }
    }

    /** The glibc files the JRE's executables and libraries need, as {@code ldd} resolves them on this machine. */
    private static Set<Path> libcFiles(Path jre) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ldd"));
        try (Stream<Path> files = Files.walk(jre)) {
            files.filter(f -> Files.isRegularFile(f) && (f.toString().endsWith(".so") || f.getParent().endsWith("bin")))
                    .forEach(f -> command.add(f.toString()));
        }
        Process ldd = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ldd.waitFor();
        Set<Path> libs = new TreeSet<>();
        for (String line : out.split("\n")) {
            String t = line.trim();
            String name = t.split("\\s+")[0];
            String file = t.contains("=>") ? t.substring(t.indexOf("=>") + 2).trim().split("\\s+")[0] : name;
            if (file.startsWith("/") && LIBC.contains(Path.of(name).getFileName().toString())) {
                libs.add(Path.of(file));
            }
        }
        for (String required : List.of("libc.so.6", "ld-linux-x86-64.so.2")) {
            if (libs.stream().noneMatch(p -> p.getFileName().toString().equals(required))) {
                throw new IllegalStateException("ldd did not name " + required + " for " + jre + ":\n" + out);
            }
        }
        return libs;
    }

    private static FileEntriesLayer tree(String name, Path source, String target) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.sorted().toList()) {
                if (f.equals(source)) {
                    continue;
                }
                String inImage = target + "/" + source.relativize(f).toString().replace('\\', '/');
                boolean executable = Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS) || Files.isExecutable(f);
                layer.addEntry(f, AbsoluteUnixPath.get(inImage), FilePermissions.fromOctalString(executable ? "755" : "644"), EPOCH);
            }
        }
        return layer.build();
    }

    /** quarkus-run.jar, app/ and quarkus/: what changes with every build, above the dependencies. */
    private static FileEntriesLayer application(Path quarkusApp) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("application")
                .addEntry(quarkusApp.resolve("quarkus-run.jar"), AbsoluteUnixPath.get(APP_DIR + "/quarkus-run.jar"),
                        FilePermissions.fromOctalString("644"), EPOCH);
        for (String dir : List.of("app", "quarkus")) {
            for (var entry : tree(dir, quarkusApp.resolve(dir), APP_DIR + "/" + dir).getEntries()) {
                layer.addEntry(entry);
            }
        }
        return layer.build();
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
