package jp.tsunagu.devstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration that points the service at the embedded MariaDB and the Keycloak that this
 * project starts itself. Tests pass it as system properties, the demo run as a config file.
 */
public final class StackProperties {

    /** Read by the test helpers (which may live in another class loader than the stack). */
    static final String KEYCLOAK_URL = "tsunagu.test.keycloak-url";
    static final String ADMIN_JDBC_URL = "tsunagu.test.admin-jdbc-url";
    static final String ADMIN_USER = "tsunagu.test.admin-user";
    static final String ADMIN_PASSWORD = "tsunagu.test.admin-password";

    private StackProperties() {
    }

    public static Map<String, String> forDatabase(EmbeddedMariaDb db) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
        p.put("quarkus.datasource.username", db.appUser());
        p.put("quarkus.datasource.password", db.appPassword());
        p.put("quarkus.flyway.username", db.ownerUser());
        p.put("quarkus.flyway.password", db.ownerPassword());
        // The app user exists at 127.0.0.1 (JDBC over TCP); the grants migration names that account.
        p.put("quarkus.flyway.placeholders.app_host", "127.0.0.1");
        p.put(ADMIN_USER, db.adminUser());
        p.put(ADMIN_PASSWORD, db.adminPassword());
        return p;
    }

    public static Map<String, String> forKeycloak(KeycloakServer keycloak) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quarkus.oidc.auth-server-url", keycloak.realmUrl());
        p.put(KEYCLOAK_URL, keycloak.baseUrl());
        return p;
    }

    /** True when the caller configured an external MariaDB (README "Configuration"). */
    static boolean externalDatabaseConfigured() {
        return notBlank(System.getenv("TSUNAGU_DB_URL")) || notBlank(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"))
                || notBlank(System.getProperty("quarkus.datasource.jdbc.url"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
