package jp.tsunagu.bench;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import jp.tsunagu.deploy.ServiceInstance;
import jp.tsunagu.devstack.EmbeddedMariaDb;

/**
 * P3 and P3b: the statistics over generated consultations through the service (HTTP, token, scope, disclosure
 * control, JSON or CSV) against the naive {@code GROUP BY} over JDBC that gives the same counts, on the same data, one
 * call at a time, warm-up calls first.
 */
final class Statistics {

    /** A statistics call and the naive statement that counts the same cells. */
    record Query(String name, String path, String naive) {
    }

    static final String PREF = "14";
    static final String FY2024 = " and received_on between '2024-04-01' and '2025-03-31'";
    static final List<Query> QUERIES = List.of(
            new Query("municipality × month, FY2024", "/api/v1/stats/consultations?rows=municipality&columns=month&fiscalYear=2024",
                    "select residence_lgcode, date_format(received_on, '%Y-%m'), count(*) from consultation where pref_code = '" + PREF + "'"
                            + FY2024 + " group by 1, 2"),
            new Query("requesterType × fiscalYear, 10 years", "/api/v1/stats/consultations?rows=requesterType&columns=fiscalYear",
                    "select requester_type, year(received_on) - (month(received_on) < 4), count(*) from consultation where pref_code = '"
                            + PREF + "' group by 1, 2"),
            new Query("channel × topic, FY2024", "/api/v1/stats/consultations?rows=channel&columns=topic&fiscalYear=2024",
                    "select c.channel, t.topic, count(*) from consultation c join consultation_topic t on t.consultation_id = c.id"
                            + " where c.pref_code = '" + PREF + "'" + FY2024.replace("received_on", "c.received_on") + " group by 1, 2"),
            new Query("site × requesterType, FY2024", "/api/v1/stats/consultations?rows=site&columns=requesterType&fiscalYear=2024",
                    "select coalesce((select cv.unit_id from coverage cv join org_unit cu on cu.id = cv.unit_id where cv.lgcode = c.residence_lgcode"
                            + " and cv.valid_from <= c.received_on and (cv.valid_to is null or cv.valid_to > c.received_on) and cu.pref_code = c.pref_code"
                            + " order by cv.valid_from desc limit 1), c.receiving_unit_id), c.requester_type, count(*) from consultation c"
                            + " where c.pref_code = '" + PREF + "'" + FY2024.replace("received_on", "c.received_on") + " group by 1, 2"));
    /** The largest table the API serves: every municipality by every month of the ten years. */
    static final Query LARGEST = new Query("CSV municipality × month, 10 years",
            "/api/v1/stats/consultations?rows=municipality&columns=month&format=csv",
            "select residence_lgcode, date_format(received_on, '%Y-%m'), count(*) from consultation where pref_code = '" + PREF
                    + "' group by 1, 2");

    private static final int WARM_UP = 2;

    private final EmbeddedMariaDb db;
    private final Report report;
    private final ServiceInstance service;
    private final Function<String, String> tokens;
    private final int calls;

    Statistics(EmbeddedMariaDb db, Report report, ServiceInstance service, Function<String, String> tokens, int repeats) {
        this.db = db;
        this.report = report;
        this.service = service;
        this.tokens = tokens;
        this.calls = Math.max(5, repeats * 2 + 1);
    }

    Connection connect() throws SQLException {
        return db.connect(db.adminUser(), db.adminPassword());
    }

    void generate(int rows) throws Exception {
        try (Connection c = connect()) {
            long have = Data.count(c, "select count(*) from consultation where pref_code = '" + PREF + "'");
            if (have < rows) {
                Data.Written w = Data.consultations(c, 14, PREF, (int) (rows - have));
                long t0 = System.nanoTime();
                Data.analyze(c);
                report.note(String.format("data: %,d consultations (%,d topic rows) generated in Kanagawa in %.0f s, ANALYZE %.0f s",
                        w.consultations(), w.topics(), w.seconds(), (System.nanoTime() - t0) / 1e9));
            }
        }
    }

    long total() throws SQLException {
        try (Connection c = connect()) {
            return Data.count(c, "select count(*) from consultation");
        }
    }

    /** Grows the data to ≈5,000,000 consultations: the rest spread over the other 46 prefectures' ten years. */
    void national() throws Exception {
        try (Connection c = connect()) {
            List<String> prefs = Data.prefecturesWithACenter(c);
            long target = 5_000_000;
            long have = Data.count(c, "select count(*) from consultation");
            int per = (int) Math.max(0, (target - have) / (prefs.size() - 1));
            double secs = 0;
            long topics = 0;
            int seed = 100;
            for (String pref : prefs) {
                if (!pref.equals(PREF) && per > 0) {
                    Data.Written w = Data.consultations(c, seed++, pref, per);
                    secs += w.seconds();
                    topics += w.topics();
                }
            }
            long t0 = System.nanoTime();
            Data.analyze(c);
            report.note(String.format("national data: %,d more consultations (%,d topic rows) over %d prefectures in %.0f s, ANALYZE %.0f s",
                    (long) per * (prefs.size() - 1), topics, prefs.size() - 1, secs, (System.nanoTime() - t0) / 1e9));
        }
    }

    void queries(String title) throws Exception {
        for (Query q : QUERIES) {
            Figures api = timeApi(q.path());
            Figures naive = timeNaive(q.naive());
            report.ratio(title, q.name() + " (ms)", api, naive, "ms", false, 1.0);
        }
    }

    /** P3b: the largest CSV, streamed; RSS growth of the service while it answers; against JDBC dumps. */
    void export(int rows) throws Exception {
        Figures api = new Figures();
        Figures growth = new Figures();
        long[] bytes = new long[1];
        for (int i = 0; i < WARM_UP + calls; i++) {
            double before = Machine.rssMb(service.pid());
            Machine.resetPeak(service.pid());
            long t0 = System.nanoTime();
            bytes[0] = download(LARGEST.path());
            double ms = (System.nanoTime() - t0) / 1e6;
            if (i >= WARM_UP) {
                api.add(ms);
                growth.add(Math.max(0, Machine.peakMb(service.pid()) - before));
            }
        }
        Figures cells = new Figures();
        Figures raw = new Figures();
        long rawRows = 0;
        for (int i = 0; i < WARM_UP + 3; i++) {
            long t0 = System.nanoTime();
            dump(LARGEST.naive());
            double ms = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            rawRows = dump("select id, received_on, residence_lgcode, requester_type, channel, kind, status from consultation where pref_code = '"
                    + PREF + "'");
            double rawMs = (System.nanoTime() - t0) / 1e6;
            if (i >= WARM_UP) {
                cells.add(ms);
                raw.add(rawMs);
            }
        }
        report.ratio("P3b " + LARGEST.name(), String.format("time (ms), %,d bytes", bytes[0]), api, cells, "ms", false, 1.0);
        report.add(new Report.Row("P3b " + LARGEST.name(), "service RSS growth while answering (MB)", growth.format("%.1f") + " MB", "–",
                "–", "< 64 MB", growth.max() < 64 ? "met" : "NOT met"));
        report.note(String.format("P3b: no endpoint hands %,d rows to an analyst: the API serves tables of counts (with small-cell"
                + " protection), never rows of children's consultations; its largest table is every municipality by every month. For scale,"
                + " a raw JDBC dump of the %,d underlying rows to CSV takes %s ms.", rows, rawRows, raw.format("%.0f")));
    }

    private Figures timeApi(String path) throws Exception {
        Figures f = new Figures();
        String token = tokens.apply(BenchRun.STAFF);
        for (int i = 0; i < WARM_UP + calls; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = BenchRun.HTTP.send(request(path, token), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            double ms = (System.nanoTime() - t0) / 1e6;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
            }
            if (i >= WARM_UP) {
                f.add(ms);
            }
        }
        return f;
    }

    private long download(String path) throws Exception {
        HttpResponse<InputStream> r = BenchRun.HTTP.send(request(path, tokens.apply(BenchRun.STAFF)), HttpResponse.BodyHandlers.ofInputStream());
        long n = 0;
        try (InputStream in = r.body()) {
            byte[] buf = new byte[65536];
            for (int k; (k = in.read(buf)) > 0;) {
                n += k;
            }
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode());
        }
        return n;
    }

    private HttpRequest request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token).GET().build();
    }

    private Figures timeNaive(String sql) throws SQLException {
        Figures f = new Figures();
        try (Connection c = connect()) {
            for (int i = 0; i < WARM_UP + calls; i++) {
                long t0 = System.nanoTime();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        rs.getString(1);
                        rs.getString(2);
                        rs.getLong(3);
                    }
                }
                double ms = (System.nanoTime() - t0) / 1e6;
                if (i >= WARM_UP) {
                    f.add(ms);
                }
            }
        }
        return f;
    }

    /** Streams a result set to a CSV file (the connector's streaming fetch), returns the row count. */
    private long dump(String sql) throws Exception {
        Path out = Files.createTempFile("bench-dump", ".csv");
        long n = 0;
        try (Connection c = connect(); Statement s = c.createStatement(); BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        if (i > 1) {
                            w.write(',');
                        }
                        String v = rs.getString(i);
                        w.write(v == null ? "" : v);
                    }
                    w.write("\r\n");
                    n++;
                }
            }
        } finally {
            Files.deleteIfExists(out);
        }
        return n;
    }

}
