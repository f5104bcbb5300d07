package jp.tsunagu.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Where the build put the Keycloak distribution and where throw-away state goes: all under target/. */
public final class StackLocations {

    private StackLocations() {
    }

    public static Path buildDir() {
        String dir = System.getProperty("tsunagu.build.dir");
        return Path.of(dir != null ? dir : "target").toAbsolutePath();
    }

    public static Path keycloakDist() throws Exception {
        Path parent = buildDir().resolve("keycloak");
        String version = System.getProperty("tsunagu.keycloak.version");
        if (version != null && Files.isDirectory(parent.resolve("keycloak-" + version))) {
            return parent.resolve("keycloak-" + version);
        }
        try (Stream<Path> dirs = Files.list(parent)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("keycloak-") && Files.isDirectory(d.resolve("bin")))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No Keycloak distribution under " + parent
                            + ": the Maven build unpacks it in process-test-resources (run through ./mvnw)."));
        }
    }

    public static Path realmFile() {
        Path fromBuild = buildDir().resolve("test-classes/keycloak/tsunagu-realm.json");
        return Files.exists(fromBuild) ? fromBuild : Path.of("src/test/resources/keycloak/tsunagu-realm.json").toAbsolutePath();
    }

    /** Keycloak 26 needs Java 21+; the build itself runs on one, so reuse it unless told otherwise. */
    public static Path javaHome() {
        String override = System.getenv("KEYCLOAK_JAVA_HOME");
        return Path.of(override != null && !override.isBlank() ? override : System.getProperty("java.home"));
    }
}
