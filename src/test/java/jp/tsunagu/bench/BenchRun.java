package jp.tsunagu.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.tsunagu.deploy.ServiceInstance;
import jp.tsunagu.devstack.EmbeddedMariaDb;
import jp.tsunagu.devstack.KeycloakServer;
import jp.tsunagu.devstack.StackLocations;
import jp.tsunagu.devstack.StackProperties;

/**
 * The benchmark (README "Benchmarks"; {@code ./mvnw -Pbench}): starts the real stack (embedded MariaDB, the realm's
 * Keycloak, the packaged service in its production profile), generates data, runs every scenario against the
 * service and its baseline side by side in the same run, interleaved, several times, and prints one table of ratios
 * (also {@code target/bench/report.md}; Gatling's HTML reports under {@code target/bench/gatling}). Not a test: it
 * asserts nothing and is not part of {@code .ci/run}.
 *
 * <p>Settings (system properties): {@code bench.seconds} per measured load run (15), {@code bench.warmup} seconds
 * (15), {@code bench.repeats} (3), {@code bench.rows} consultations for the statistics (1,000,000),
 * {@code bench.national} (true: then grow to ≈5,000,000 over 47 prefectures and repeat the statistics),
 * {@code bench.only} (comma-separated scenario names, e.g. {@code P1,P4}), {@code bench.p1.clients} (1,4,16,64),
 * {@code bench.jfr} (false: true records the service with Java Flight Recorder, {@code target/bench/service.jfr}).
 */
public final class BenchRun {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final String STAFF = "staff.kanagawa";
    static final String INTAKE = """
            {"receivedAt":"2025-06-03T10:15:00+09:00","channel":"PHONE","requesterType":"FAMILY","kind":"INDIVIDUAL",\
            "topics":["RESPITE_RESIDENTIAL","HOME_NURSING"],"residenceLgcode":"142034","anonymous":false,\
            "chiefComplaint":"重症心身障害児のレスパイト先を知りたい","urgency":"NORMAL"}""";

    private final int seconds = Integer.getInteger("bench.seconds", 15);
    private final int warmup = Integer.getInteger("bench.warmup", 15);
    private final int repeats = Integer.getInteger("bench.repeats", 3);
    private final int rows = Integer.getInteger("bench.rows", 1_000_000);
    private final boolean national = Boolean.parseBoolean(System.getProperty("bench.national", "true"));
    private final List<String> only = List.of(System.getProperty("bench.only", "P5,P1,P2,P3,P3b,P4").split(","));

    private final Path project = Path.of(System.getProperty("bench.project", ".")).toAbsolutePath().normalize();
    private final Path dir = StackLocations.buildDir().resolve("bench");
    private EmbeddedMariaDb db;
    private KeycloakServer keycloak;
    private ServiceInstance service;
    private Load load;
    private Report report;

    public static void main(String[] args) throws Exception {
        new BenchRun().run();
        System.exit(0);
    }

    private void run() throws Exception {
        Files.createDirectories(dir);
        long started = System.nanoTime();
        CompletableFuture<EmbeddedMariaDb> dbStart = CompletableFuture.supplyAsync(() -> unchecked(() -> EmbeddedMariaDb.start(dir.resolve("mariadb"))));
        CompletableFuture<KeycloakServer> kcStart = CompletableFuture.supplyAsync(() -> unchecked(() -> KeycloakServer.start(
                StackLocations.keycloakDist(), StackLocations.realmFile(), StackLocations.javaHome(), dir.resolve("keycloak"))));
        load = new Load(project, dir);
        load.build();
        db = dbStart.join();
        keycloak = kcStart.join();
        StackProperties.forDatabase(db).forEach(System::setProperty);
        sizeTheBufferPool();
        report = new Report(dir.resolve("report.md"), Machine.describe(db));
        try {
            report.note(String.format("stack up (MariaDB %s, Keycloak, load generator built) in %.0f s", Machine.mariaDbVersion(db),
                    (System.nanoTime() - started) / 1e9));
            if (only.contains("P5")) {
                p5StartUp();
            }
            List<String> command = ServiceInstance.javaCommand(ServiceInstance.buildDir().resolve("quarkus-app/quarkus-run.jar"));
            if (Boolean.getBoolean("bench.jfr")) {
                // -Dbench.jfr=true: a flight recording of the measured service, to see where its time goes
                command.add(1, "-XX:StartFlightRecording=filename=" + dir.resolve("service.jfr") + ",settings=profile");
            }
            service = ServiceInstance.of("bench-service", command, serviceEnvironment()).start().awaitReady();
            demoLoaded = true;
            shadowTables();
            if (only.contains("P1")) {
                p1Intake();
            }
            if (only.contains("P2")) {
                p2Read();
            }
            if (only.contains("P4")) {
                p4Contention();
            }
            if (only.contains("P3") || only.contains("P3b")) {
                Statistics stats = new Statistics(db, report, service, this::token, repeats);
                stats.generate(rows);
                if (only.contains("P3")) {
                    stats.queries("P3 (" + String.format("%,d", rows) + " consultations)");
                }
                if (only.contains("P3b")) {
                    stats.export(rows);
                }
                if (national) {
                    stats.national();
                    stats.queries("P3 national (" + String.format("%,d", stats.total()) + " consultations, 47 prefectures)");
                }
            }
            report.note(String.format("service RSS after the runs: %.0f MB; whole benchmark %.1f min", Machine.rssMb(service.pid()),
                    (System.nanoTime() - started) / 60e9));
            System.out.println("\n==== tsunagu benchmark ====\n" + report.markdown() + "\nreport: " + dir.resolve("report.md")
                    + "\nGatling reports: " + dir.resolve("gatling"));
        } finally {
            if (service != null) {
                service.close();
            }
            keycloak.close();
            db.close();
        }
    }

    /** The production run's environment; the demo prefectures' units (the realm's users belong to them) load once. */
    Map<String, String> serviceEnvironment() {
        Map<String, String> env = ServiceInstance.environment(db.jdbcUrl(), keycloak.realmUrl());
        env.put("TSUNAGU_BENCHMARK_BASELINES", "true");
        env.put("TSUNAGU_DEMO_ENABLED", String.valueOf(!demoLoaded));
        return env;
    }

    private boolean demoLoaded;

    String token(String user) {
        return unchecked(() -> keycloak.passwordToken(user, "demo"));
    }

    // ---------------------------------------------------------------- P5

    /** Start to first answered request, and RSS then, against an empty Quarkus application with the same extensions. */
    private void p5StartUp() throws Exception {
        Path emptyDir = dir.resolve("empty");
        Load.run(List.of(project.resolve("mvnw").toString(), "-o", "-q", "-B", "-f", project.resolve("src/bench/empty/pom.xml").toString(),
                "package", "-Dbench.empty.dir=" + emptyDir), dir.resolve("empty-build.log"));
        Start first = start(() -> ServiceInstance.packaged("bench-first-start", serviceEnvironment()));
        demoLoaded = true;
        report.note(String.format("P5: the service's first start (empty schema: all migrations, demo data) took %.2f s to its first answer", first.seconds()));
        Figures serviceReady = new Figures();
        Figures emptyReady = new Figures();
        Figures serviceRss = new Figures();
        Figures emptyRss = new Figures();
        for (int i = 0; i < repeats + 1; i++) {
            int n = i;
            Start s = start(() -> ServiceInstance.packaged("bench-start-" + n, serviceEnvironment()));
            Start e = start(() -> ServiceInstance.of("bench-empty-" + n, ServiceInstance.javaCommand(emptyDir.resolve("quarkus-app/quarkus-run.jar")),
                    serviceEnvironment()));
            if (i == 0) {
                report.note(String.format("P5 warm-up start (not counted): service %.2f s, empty %.2f s", s.seconds(), e.seconds()));
                continue;
            }
            serviceReady.add(s.seconds());
            emptyReady.add(e.seconds());
            serviceRss.add(s.rssMb());
            emptyRss.add(e.rssMb());
        }
        report.ratio("P5 start-up", "start to first answer (s)", serviceReady, emptyReady, "s", false, 1.25);
        report.ratio("P5 start-up", "RSS at first answer (MB)", serviceRss, emptyRss, "MB", false, 1.25);
    }

    record Start(double seconds, double rssMb) {
    }

    interface Instance {
        ServiceInstance create() throws Exception;
    }

    private Start start(Instance instance) throws Exception {
        try (ServiceInstance s = instance.create()) {
            long t0 = System.nanoTime();
            s.start().awaitReady();
            double secs = (System.nanoTime() - t0) / 1e9;
            return new Start(secs, Machine.rssMb(s.pid()));
        }
    }

    // ---------------------------------------------------------------- P1

    private Map<String, String> intakeLoad(String path, int users, int secs) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bench.baseUrl", service.baseUrl());
        p.put("bench.token", token(STAFF));
        p.put("bench.method", "POST");
        p.put("bench.path", path);
        p.put("bench.body", INTAKE);
        p.put("bench.status", "201");
        p.put("bench.users", String.valueOf(users));
        p.put("bench.seconds", String.valueOf(secs));
        return p;
    }

    private void p1Intake() throws Exception {
        String api = "/api/v1/consultations";
        String jdbc = "/api/v1/bench/intake";
        String locked = "/api/v1/bench/intake?globalLock=true";
        Load.Result w1 = load.run("P1-warmup-service", intakeLoad(api, 16, warmup));
        Load.Result w2 = load.run("P1-warmup-baseline", intakeLoad(jdbc, 16, warmup));
        report.note(String.format("P1 warm-up (%d s at 16 clients, not counted): service %.0f req/s, baseline %.0f req/s", warmup, w1.rps(), w2.rps()));
        List<String> growth = new ArrayList<>();
        for (String clients : System.getProperty("bench.p1.clients", "1,4,16,64").split(",")) {
            int users = Integer.parseInt(clients.strip());
            Figures rps = new Figures();
            Figures base = new Figures();
            Figures lockedRps = new Figures();
            Figures p99 = new Figures();
            Figures baseP99 = new Figures();
            boolean withLock = users >= 16;
            for (int r = 0; r < repeats; r++) {
                Load.Result s = check(load.run("P1-service-" + users + "c-r" + r, intakeLoad(api, users, seconds)));
                Load.Result b = check(load.run("P1-jdbc-" + users + "c-r" + r, intakeLoad(jdbc, users, seconds)));
                rps.add(s.rps());
                p99.add(s.p99());
                base.add(b.rps());
                baseP99.add(b.p99());
                if (withLock) {
                    lockedRps.add(check(load.run("P1-jdbc-globallock-" + users + "c-r" + r, intakeLoad(locked, users, seconds))).rps());
                }
            }
            report.ratio("P1 intake, " + users + " client" + (users == 1 ? "" : "s"), "req/s", rps, base, "req/s", true, 0.8);
            report.ratio("P1 intake, " + users + " client" + (users == 1 ? "" : "s"), "p99 (ms)", p99, baseP99, "ms", false, Double.NaN);
            if (withLock) {
                report.ratio("P1 cost of one global chain lock, " + users + " clients", "req/s, JDBC with lock vs without", lockedRps, base,
                        "req/s", true, Double.NaN);
            }
            growth.add(String.format("%d: %.0f", users, rps.median()));
        }
        report.note("P1 service throughput by clients (median req/s): " + String.join(", ", growth));
    }

    private static Load.Result check(Load.Result r) {
        if (r.ko() > 0) {
            System.out.println("[bench] " + r.name() + ": " + r.ko() + " requests failed (see its Gatling report " + r.report() + ")");
        }
        return r;
    }

    // ---------------------------------------------------------------- P2

    private void p2Read() throws Exception {
        Path ids = dir.resolve("consultation-ids.csv");
        try (Connection c = db.connect(db.adminUser(), db.adminPassword())) {
            List<String> list = Data.strings(c, "select id from consultation where created_by = '" + STAFF + "' order by id limit 1000");
            if (list.size() < 100) {
                String token = token(STAFF);
                for (int i = 0; i < 200; i++) {
                    post(service.baseUrl() + "/api/v1/consultations", token, INTAKE);
                }
                list = Data.strings(c, "select id from consultation where created_by = '" + STAFF + "' order by id limit 1000");
            }
            Files.writeString(ids, "id\n" + String.join("\n", list) + "\n");
        }
        int users = 16;
        Figures get = new Figures();
        Figures ping = new Figures();
        Figures getP99 = new Figures();
        Figures pingP99 = new Figures();
        Map<String, String> byId = readLoad("/api/v1/consultations/#{id}", users, warmup);
        byId.put("bench.feeder", ids.toString());
        load.run("P2-warmup-get", byId);
        load.run("P2-warmup-ping", pingLoad(users, warmup));
        for (int r = 0; r < repeats; r++) {
            byId.put("bench.token", token(STAFF));
            byId.put("bench.seconds", String.valueOf(seconds));
            Load.Result g = check(load.run("P2-get-by-id-r" + r, byId));
            Load.Result p = check(load.run("P2-ping-r" + r, pingLoad(users, seconds)));
            get.add(g.rps());
            getP99.add(g.p99());
            ping.add(p.rps());
            pingP99.add(p.p99());
        }
        report.ratio("P2 GET consultation by id (scope in the query), 16 clients", "req/s", get, ping, "req/s", true, 0.5);
        report.ratio("P2 GET consultation by id (scope in the query), 16 clients", "p99 (ms)", getP99, pingP99, "ms", false, Double.NaN);
    }

    private Map<String, String> readLoad(String path, int users, int secs) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bench.baseUrl", service.baseUrl());
        p.put("bench.token", token(STAFF));
        p.put("bench.path", path);
        p.put("bench.users", String.valueOf(users));
        p.put("bench.seconds", String.valueOf(secs));
        return p;
    }

    private Map<String, String> pingLoad(int users, int secs) {
        Map<String, String> p = readLoad("/api/v1/bench/ping", users, secs);
        p.put("bench.status", "204");
        return p;
    }

    // ---------------------------------------------------------------- P4

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    /**
     * 50 ACCEPTs of one referral released at once, round after round: exactly one may win. Their p99 against ACCEPTs
     * one at a time (the baseline) and against 50 at once on 50 referrals (the same load without the shared row).
     */
    private void p4Contention() throws Exception {
        int racers = 50;
        int rounds = Integer.getInteger("bench.p4.rounds", 10);
        String coordinator = token("coord.hiratsuka");
        String branch = token("branch.shonan-west");
        List<Double> uncontended = new ArrayList<>();
        for (int i = 0; i < 10 + rounds * 10; i++) {
            String referral = referral(coordinator);
            long t0 = System.nanoTime();
            HttpResponse<String> r = accept(branch, referral);
            if (i >= 10) {
                uncontended.add((System.nanoTime() - t0) / 1e6);
            }
            if (r.statusCode() != 200) {
                throw new IllegalStateException("uncontended ACCEPT answered " + r.statusCode() + ": " + r.body());
            }
        }
        List<Double> contended = new ArrayList<>();
        List<Double> distinct = new ArrayList<>();
        int roundsWithOneWinner = 0;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            for (int round = 0; round < rounds; round++) {
                if (round % 2 == 0) {
                    coordinator = token("coord.hiratsuka");
                    branch = token("branch.shonan-west");
                }
                String one = referral(coordinator);
                List<String> same = java.util.Collections.nCopies(racers, one);
                int winners = race(pool, branch, same, contended);
                if (winners == 1) {
                    roundsWithOneWinner++;
                }
                // The control: as many ACCEPTs at once, each on a referral of its own (no lock shared), so what the
                // shared row lock adds can be told from what 50 simultaneous requests cost on this machine anyway.
                List<String> own = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    own.add(referral(coordinator));
                }
                if (race(pool, branch, own, distinct) != racers) {
                    throw new IllegalStateException("an uncontended ACCEPT failed");
                }
            }
        } finally {
            pool.shutdown();
        }
        report.note(String.format("P4: %d of %d rounds had exactly one winner among %d simultaneous ACCEPTs (the others: 412 with the"
                + " current state)", roundsWithOneWinner, rounds, racers));
        Figures c = Figures.of(List.of(Figures.percentile(contended, 99)));
        Figures u = Figures.of(List.of(Figures.percentile(uncontended, 99)));
        report.ratio("P4 50 transitions on one referral at once (" + rounds + " rounds)", "p99 (ms) vs uncontended ("
                + uncontended.size() + " single ACCEPTs)", c, u, "ms", false, 2.0);
        report.ratio("P4 50 transitions on one referral at once (" + rounds + " rounds)", "p99 (ms) vs 50 at once on 50 referrals",
                c, Figures.of(List.of(Figures.percentile(distinct, 99))), "ms", false, 2.0);
        report.note(String.format("P4 medians: on one referral %.1f ms, 50 at once on 50 referrals %.1f ms, one at a time %.1f ms",
                Figures.percentile(contended, 50), Figures.percentile(distinct, 50), Figures.percentile(uncontended, 50)));
    }

    /** Releases one ACCEPT per referral of the list at once (a latch); adds their latencies; returns the 200s. */
    private int race(ExecutorService pool, String token, List<String> referrals, List<Double> latencies) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<double[]>> answers = new ArrayList<>();
        for (String referral : referrals) {
            answers.add(pool.submit(() -> {
                go.await();
                long t0 = System.nanoTime();
                HttpResponse<String> r = accept(token, referral);
                return new double[] { r.statusCode(), (System.nanoTime() - t0) / 1e6 };
            }));
        }
        go.countDown();
        int winners = 0;
        for (Future<double[]> f : answers) {
            double[] a = f.get();
            if (a[0] == 200) {
                winners++;
            } else if (a[0] != 412 && a[0] != 409) {
                throw new IllegalStateException("an ACCEPT got " + (int) a[0]);
            }
            latencies.add(a[1]);
        }
        return winners;
    }

    private String referral(String coordinatorToken) throws Exception {
        HttpResponse<String> c = post(service.baseUrl() + "/api/v1/consultations", coordinatorToken, INTAKE);
        String consultation = id(c);
        HttpResponse<String> r = post(service.baseUrl() + "/api/v1/referrals", coordinatorToken, "{\"consultationId\":\"" + consultation
                + "\",\"kind\":\"ESCALATION\",\"receiverUnitCode\":\"14-shonan-west\",\"requestText\":\"後方支援をお願いします\"}");
        return id(r);
    }

    private HttpResponse<String> accept(String token, String referral) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/v1/referrals/" + referral + "/transitions"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("If-Match", "\"0\"").POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"ACCEPT\"}")).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> post(String url, String token, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("POST " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r;
    }

    private static String id(HttpResponse<String> r) {
        Matcher m = ID.matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no id in " + r.body());
        }
        return m.group(1);
    }

    // ---------------------------------------------------------------- set-up

    /**
     * The embedded server starts with the tests' 64 MB buffer pool; a server for millions of consultations gets one
     * its data fits in, as a production server would (-Dbench.bufferPoolMb, 4096). Durability stays as the tests have
     * it (redo log fsynced at every commit), except while {@link Data} bulk-loads.
     */
    private void sizeTheBufferPool() throws SQLException {
        long mb = Long.getLong("bench.bufferPoolMb", 4096);
        try (Connection c = db.connect(db.adminUser(), db.adminPassword()); Statement s = c.createStatement()) {
            s.execute("set global innodb_buffer_pool_size = " + mb * 1024 * 1024);
            // the server resizes in the background; the variable shows the new size once it is done
            for (int i = 0; i < 120 && Data.count(c, "select @@innodb_buffer_pool_size div 1048576") < mb; i++) {
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The JDBC baseline's audit rows go to a copy of the trail, so the real one stays verifiable. */
    private void shadowTables() throws SQLException {
        try (Connection c = db.connect(db.adminUser(), db.adminPassword()); Statement s = c.createStatement()) {
            s.execute("create table if not exists bench_audit_event like audit_event");
            // the copy's rows belong to no chain of the real trail: the column keeps a constant
            s.execute("alter table bench_audit_event modify chain tinyint not null default 1");
            s.execute("create table if not exists bench_audit_head (id int primary key, last_hash char(64) not null)");
            s.execute("insert ignore into bench_audit_head values (1, repeat('0', 64))");
            List<String> hosts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select host from mysql.user where user = '" + db.appUser() + "'")) {
                while (rs.next()) {
                    hosts.add(rs.getString(1));
                }
            }
            for (String host : hosts) {
                s.execute("grant select, insert, update on bench_audit_head to '" + db.appUser() + "'@'" + host + "'");
            }
        }
    }

    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    static <T> T unchecked(ThrowingSupplier<T> s) {
        try {
            return s.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
