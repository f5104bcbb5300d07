package jp.tsunagu.devstack;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the real parts once per test run (one JUnit launcher session), before any Quarkus test
 * boots, and stops them when the run ends: an embedded MariaDB (unless an external one is configured)
 * and Keycloak with the committed realm. Registered in META-INF/services. Both start in parallel.
 */
public class TestStack implements LauncherSessionListener {

    private EmbeddedMariaDb db;
    private KeycloakServer keycloak;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty(StackProperties.KEYCLOAK_URL) != null) {
            return; // already up in this JVM
        }
        try {
            CompletableFuture<EmbeddedMariaDb> dbStart = StackProperties.externalDatabaseConfigured()
                    ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.supplyAsync(() -> unchecked(() -> EmbeddedMariaDb.start(StackLocations.buildDir().resolve("mariadb"))));
            CompletableFuture<KeycloakServer> kcStart = CompletableFuture.supplyAsync(() -> unchecked(() -> KeycloakServer.start(
                    StackLocations.keycloakDist(), StackLocations.realmFile(), StackLocations.javaHome(),
                    StackLocations.buildDir().resolve("keycloak-test"))));
            db = dbStart.join();
            keycloak = kcStart.join();
            if (db == null) {
                System.out.println("Using the external MariaDB configured by TSUNAGU_DB_URL / QUARKUS_DATASOURCE_JDBC_URL");
            } else {
                setAll(StackProperties.forDatabase(db));
                System.setProperty(StackProperties.ADMIN_JDBC_URL, db.jdbcUrl());
            }
            setAll(StackProperties.forKeycloak(keycloak));
        } catch (RuntimeException e) {
            launcherSessionClosed(session);
            throw e;
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        closeQuietly(keycloak);
        closeQuietly(db);
        keycloak = null;
        db = null;
    }

    private static void setAll(Map<String, String> properties) {
        properties.forEach(System::setProperty);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("Stopping " + c.getClass().getSimpleName() + " failed: " + e);
            }
        }
    }

    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    static <T> T unchecked(ThrowingSupplier<T> supplier) {
        try {
            return supplier.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
