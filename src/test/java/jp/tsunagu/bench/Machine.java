package jp.tsunagu.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import jp.tsunagu.devstack.EmbeddedMariaDb;

/** What the figures were measured on, and the memory readings of a process (Linux {@code /proc}). */
final class Machine {

    private Machine() {
    }

    static String describe(EmbeddedMariaDb db) {
        String cpu = "unknown CPU";
        long memKb = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
            memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
        } catch (IOException e) {
            // not Linux: leave it unknown
        }
        return String.format("%d cores (%s), %.0f GB RAM, %s %s, Java %s, MariaDB %s (embedded), load generator on the same machine",
                Runtime.getRuntime().availableProcessors(), cpu, memKb / 1024.0 / 1024.0, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"), mariaDbVersion(db));
    }

    static String mariaDbVersion(EmbeddedMariaDb db) {
        try (Connection c = db.connect(db.adminUser(), db.adminPassword())) {
            return Data.strings(c, "select concat(version(), ', buffer pool ', @@innodb_buffer_pool_size div 1048576, ' MB,"
                    + " innodb_flush_log_at_trx_commit=', @@innodb_flush_log_at_trx_commit)").get(0);
        } catch (SQLException e) {
            return "?";
        }
    }

    /** Resident set size now, in MB. */
    static double rssMb(long pid) {
        return status(pid, "VmRSS:");
    }

    /** Peak resident set size since the last {@link #resetPeak}, in MB. */
    static double peakMb(long pid) {
        return status(pid, "VmHWM:");
    }

    /** Resets the peak RSS the kernel keeps for the process (writing 5 to clear_refs). */
    static void resetPeak(long pid) throws IOException {
        Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
    }

    private static double status(long pid, String key) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream().filter(l -> l.startsWith(key))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024.0).findFirst().orElse(Double.NaN);
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
