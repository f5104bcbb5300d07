package jp.tsunagu.devstack;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A second MariaDB for one test class, started as many production servers are: {@code character-set-server=latin1},
 * {@code collation-server=latin1_swedish_ci}, and the database created without a character set of its own. The
 * service under test migrates and runs on it; Keycloak stays the one of the test run. Shares the unpacked
 * binaries of the run's server.
 */
public class Latin1MariaDb implements QuarkusTestResourceLifecycleManager {

    /** Where the test reads the server's JDBC URL (root) from, to look at what was stored. */
    public static final String ADMIN_JDBC_URL = "tsunagu.test.latin1.admin-jdbc-url";

    private final Map<String, String> saved = new HashMap<>();
    private EmbeddedMariaDb db;

    @Override
    public Map<String, String> start() {
        try {
            db = EmbeddedMariaDb.start(StackLocations.buildDir().resolve("mariadb-latin1"),
                    StackLocations.buildDir().resolve("mariadb").resolve("base"), "latin1", "latin1_swedish_ci");
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the latin1 MariaDB", e);
        }
        System.setProperty(ADMIN_JDBC_URL, db.adminJdbcUrl());
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
        config.put("quarkus.datasource.username", db.appUser());
        config.put("quarkus.datasource.password", db.appPassword());
        config.put("quarkus.flyway.username", db.ownerUser());
        config.put("quarkus.flyway.password", db.ownerPassword());
        config.put("quarkus.flyway.placeholders.app_host", "127.0.0.1");
        // The run's stack passes its database as system properties, which outrank what a test resource returns:
        // replace them while this class runs, and put them back for the classes after it.
        config.forEach((key, value) -> saved.put(key, System.setProperty(key, value)));
        return config;
    }

    @Override
    public void stop() {
        System.clearProperty(ADMIN_JDBC_URL);
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        saved.clear();
        if (db != null) {
            db.close();
            db = null;
        }
    }
}
