package jp.tsunagu.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Direct SQL on the test database, for what no API may do: ageing a row to test overdue rules, or
 * tampering with the audit trail as root to prove the verification finds it. Also connects as the
 * service's own least-privilege user, to prove what that user cannot do.
 */
public final class AdminDb {

    private AdminDb() {
    }

    public static Connection asRoot() throws SQLException {
        return DriverManager.getConnection(System.getProperty("tsunagu.test.admin-jdbc-url"),
                System.getProperty("tsunagu.test.admin-user"), System.getProperty("tsunagu.test.admin-password"));
    }

    public static Connection asServiceUser() throws SQLException {
        return DriverManager.getConnection(System.getProperty("quarkus.datasource.jdbc.url"),
                System.getProperty("quarkus.datasource.username"), System.getProperty("quarkus.datasource.password"));
    }

    public static int update(String sql, Object... params) throws SQLException {
        try (Connection c = asRoot(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    public static long count(String sql, Object... params) throws SQLException {
        try (Connection c = asRoot(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public static String string(String sql, Object... params) throws SQLException {
        try (Connection c = asRoot(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
