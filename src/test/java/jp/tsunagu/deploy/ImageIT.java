package jp.tsunagu.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jp.tsunagu.support.Tokens;

/**
 * The OCI image that {@code ./mvnw package -Pimage} writes, built here from this build's {@code target/quarkus-app}:
 * its configuration (user, entrypoint, port, labels, volume) and its files (nothing setuid, nothing writable but
 * {@code /tmp}), and then the image's own file tree run as a container runtime would run it, as user 10001 on a
 * read-only root with a tmpfs {@code /tmp}, serving a real request.
 */
class ImageIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static Path tar;
    static Map<String, byte[]> blobs = new LinkedHashMap<>();
    static JsonNode manifest;
    static JsonNode config;

    @BeforeAll
    static void build() throws Exception {
        tar = ServiceInstance.buildDir().resolve("jib-it/tsunagu-image.tar");
        Files.createDirectories(tar.getParent());
        ImageBuild.build(ServiceInstance.buildDir().resolve("quarkus-app"), tar, "tsunagu:it",
                System.getProperty("tsunagu.project.version", "0.1.0-SNAPSHOT"));
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.isFile()) {
                    blobs.put(e.getName(), in.readAllBytes());
                }
            }
        }
        JsonNode index = JSON.readTree(blobs.get("index.json"));
        manifest = JSON.readTree(blob(index.at("/manifests/0/digest").asText()));
        config = JSON.readTree(blob(manifest.at("/config/digest").asText()));
    }

    static byte[] blob(String digest) {
        byte[] b = blobs.get("blobs/sha256/" + digest.substring("sha256:".length()));
        if (b == null) {
            throw new IllegalStateException("no blob " + digest + " in " + blobs.keySet());
        }
        return b;
    }

    @Test
    void isAnOciImageLayout() throws Exception {
        assertTrue(blobs.containsKey("oci-layout"), blobs.keySet().toString());
        assertEquals("application/vnd.oci.image.manifest.v1+json", manifest.get("mediaType").asText());
        assertEquals("application/vnd.oci.image.config.v1+json", manifest.at("/config/mediaType").asText());
        assertEquals("linux", config.get("os").asText());
        assertEquals("amd64", config.get("architecture").asText());
    }

    @Test
    void runsAsAnUnprivilegedUserWithContainerSizedJvmFlags() {
        JsonNode c = config.get("config");
        assertEquals("10001:10001", c.get("User").asText());
        List<String> entrypoint = new ArrayList<>();
        c.get("Entrypoint").forEach(e -> entrypoint.add(e.asText()));
        assertEquals("/opt/java/bin/java", entrypoint.get(0));
        assertEquals(List.of("-jar", "/deployments/quarkus-run.jar"), entrypoint.subList(entrypoint.size() - 2, entrypoint.size()));
        assertTrue(entrypoint.contains("-XX:MaxRAMPercentage=75"), entrypoint.toString());
        assertTrue(entrypoint.contains("-XX:+ExitOnOutOfMemoryError"), entrypoint.toString());
        assertTrue(entrypoint.contains("-XX:-UsePerfData"), "no hsperfdata files: " + entrypoint);
        assertTrue(entrypoint.stream().noneMatch(f -> f.startsWith("-Xmx") || f.startsWith("-Xms")), "heap follows the container's limit");
        assertTrue(c.at("/ExposedPorts").has("8080/tcp"), c.toString());
        assertEquals(1, c.at("/ExposedPorts").size(), c.toString());
        assertTrue(c.at("/Volumes").has("/tmp"), c.toString());
        assertEquals("/deployments", c.get("WorkingDir").asText());
    }

    @Test
    void carriesTheOpenContainersLabels() {
        JsonNode labels = config.at("/config/Labels");
        assertEquals("tsunagu", labels.get("org.opencontainers.image.title").asText());
        assertEquals(System.getProperty("tsunagu.project.version", "0.1.0-SNAPSHOT"), labels.get("org.opencontainers.image.version").asText());
        assertTrue(labels.has("org.opencontainers.image.description"));
    }

    @Test
    void nothingInTheImageIsSetuidOrWritableButTmpAndEverythingBelongsToRoot() throws Exception {
        List<String> problems = new ArrayList<>();
        int files = 0;
        for (JsonNode layer : manifest.get("layers")) {
            try (TarArchiveInputStream in = new TarArchiveInputStream(
                    new GZIPInputStream(new java.io.ByteArrayInputStream(blob(layer.get("digest").asText()))))) {
                for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    files++;
                    int mode = e.getMode() & 07777;
                    if ((mode & 06000) != 0) {
                        problems.add("setuid/setgid: " + e.getName());
                    }
                    if ((mode & 0022) != 0 && !e.getName().replaceAll("/$", "").equals("tmp")) {
                        problems.add("writable by group/others: " + e.getName() + " " + Integer.toOctalString(mode));
                    }
                    if (e.getLongUserId() != 0) {
                        problems.add("owned by " + e.getLongUserId() + ": " + e.getName());
                    }
                }
            }
        }
        assertTrue(files > 300, "entries read: " + files);
        assertEquals(List.of(), problems);
    }

    @Test
    void theImagesFilesServeRequestsAsUser10001OnAReadOnlyRoot() throws Exception {
        // unshare/mount/chroot stand in for a container runtime; they need root (CI runs as root).
        assumeTrue("0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).trim()),
                "needs root for unshare --mount and chroot");
        Path rootfs = ServiceInstance.buildDir().resolve("jib-it/rootfs");
        ImageBuild.deleteRecursively(rootfs);
        Files.createDirectories(rootfs);
        for (JsonNode layer : manifest.get("layers")) {
            untar(blob(layer.get("digest").asText()), rootfs);
        }
        // What a runtime mounts itself: /proc, /dev, /etc/hosts, /etc/resolv.conf.
        for (String dir : List.of("proc", "dev")) {
            Files.createDirectories(rootfs.resolve(dir));
        }
        for (String file : List.of("etc/hosts", "etc/resolv.conf")) {
            Files.writeString(rootfs.resolve(file), "");
        }
        List<String> entrypoint = new ArrayList<>();
        config.at("/config/Entrypoint").forEach(e -> entrypoint.add(e.asText()));
        entrypoint.add(entrypoint.size() - 2, "-Xmx256m"); // this machine runs several JVMs; a pod has its own limit
        String r = rootfs.toString();
        String script = String.join(" && ", "mount --bind " + r + " " + r, "mount -o remount,bind,ro " + r,
                "mount --bind /proc " + r + "/proc", "mount --bind /dev " + r + "/dev",
                "mount --bind /etc/hosts " + r + "/etc/hosts", "mount --bind /etc/resolv.conf " + r + "/etc/resolv.conf",
                "mount -t tmpfs -o size=64m tmpfs " + r + "/tmp",
                "exec chroot --userspec=" + config.at("/config/User").asText() + " " + r + " " + String.join(" ", entrypoint));
        List<String> command = List.of("unshare", "--mount", "--fork", "--kill-child", "sh", "-c", script);
        Map<String, String> env = ServiceInstance.environmentOfTheTestStack();
        env.put("TSUNAGU_LOG_JSON", "true");
        try (ServiceInstance container = ServiceInstance.of("image", command, env)) {
            container.start().awaitReady();
            HttpResponse<String> taxonomies = container.get("/api/v1/taxonomies", Tokens.of("staff.kanagawa"));
            assertEquals(200, taxonomies.statusCode(), taxonomies.body());
            assertTrue(JSON.readTree(taxonomies.body()).has("vocabularies"), taxonomies.body());
            assertFalse(container.logTail().contains("Read-only file system"), container.logTail());
        }
    }

    private static void untar(byte[] gzippedLayer, Path into) throws IOException {
        try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(gzippedLayer));
                TarArchiveInputStream in = new TarArchiveInputStream(gz)) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry outside the root: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                Files.setPosixFilePermissions(target, permissions(e.getMode()));
            }
        }
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(int mode) {
        java.util.Set<java.nio.file.attribute.PosixFilePermission> set = java.util.EnumSet.noneOf(java.nio.file.attribute.PosixFilePermission.class);
        java.nio.file.attribute.PosixFilePermission[] order = java.nio.file.attribute.PosixFilePermission.values();
        for (int bit = 0; bit < 9; bit++) {
            if ((mode & (0400 >> bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }
}
