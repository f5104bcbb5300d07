package jp.tsunagu.stats;

import static jp.tsunagu.support.Fixtures.CSV_HEADER;
import static jp.tsunagu.support.Fixtures.MIE_CENTER;
import static jp.tsunagu.support.Fixtures.coverageLine;
import static jp.tsunagu.support.Fixtures.mieBranchLine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jp.tsunagu.support.Api;

/**
 * Not a test: times the statistics endpoints over 100,000 generated consultations (plus 20,000 referrals and
 * 3,000 children) in Mie. Skipped unless {@code -Dtsunagu.bench=true}; run it alone, because it fills Mie with data
 * other tests' exact expectations do not allow for:
 *
 * <pre>
 * JAVA_HOME=... ./mvnw -B test -Dtest=StatsBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dtsunagu.bench=true
 * </pre>
 *
 * Rows go in with JDBC batches as the database owner (the API would take minutes for the same). Each endpoint is
 * called 3 times to warm up, then 15 times; the report (stdout and target/stats-benchmark.txt) gives min, median and
 * max wall time per call as a client sees it (token check, SQL, JSON or CSV), plus EXPLAIN of the main statements.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "tsunagu.bench", matches = "true")
class StatsBenchmark {

    static final int CONSULTATIONS = 100_000;
    static final int REFERRALS = 20_000;
    static final int CHILDREN = 3_000;
    static final int WARM_UP = 3;
    static final int RUNS = 15;

    /** Mie municipalities the generated branches cover (none that the other statistics tests rely on). */
    static final String[] COVERED = { "242012", "242021", "242039", "242047", "242055", "242101", "242144", "242161", "243035",
            "243248", "243418", "243434", "243442", "244414", "244422", "244431", "244619", "244708", "244716", "244724", "245437",
            "245615", "245623" };
    static final String[] ALL_MIE = { "242012", "242021", "242039", "242047", "242055", "242071", "242080", "242098", "242101",
            "242110", "242128", "242144", "242152", "242161", "243035", "243248", "243418", "243434", "243442", "244414", "244422",
            "244431", "244619", "244708", "244716", "244724", "245437", "245615", "245623" };
    static final String[] REQUESTERS = { "FAMILY", "FAMILY", "FAMILY", "SUPPORT_SPECIALIST", "WELFARE_PROVIDER", "MUNICIPALITY",
            "SCHOOL_NURSERY", "MEDICAL_INSTITUTION", "OTHER" };
    static final String[] CHANNELS = { "PHONE", "PHONE", "PHONE", "WEB_FORM", "VISIT", "OUTREACH", "EMAIL", "PARTNER_SYSTEM" };
    static final String[] TOPICS = { "NURSERY_KINDERGARTEN", "RESPITE_RESIDENTIAL", "SCHOOLING_EDUCATION", "SYSTEMS_SERVICES_INFO",
            "CONSULTATION_SUPPORT", "MEDICAL_CARE", "HOME_NURSING", "THERAPY_FACILITY", "HOSPITAL_VISIT_ADMISSION",
            "DAILY_LIFE_ANXIETY", "MUNICIPAL_WINDOW", "RESPITE_AT_HOME", "ABUSE_DV", "EMPLOYMENT", "FINANCIAL_BURDEN",
            "FAMILY_SIBLINGS", "DISASTER_PREPAREDNESS", "OTHER" };
    static final String[] CARE = { "VENTILATOR", "TRACHEOSTOMY", "OXYGEN", "SUCTION", "NEBULIZER", "TUBE_FEEDING",
            "CENTRAL_VENOUS_CATHETER", "BLOOD_GLUCOSE", "URINARY_CATHETERIZATION", "SEIZURE_MANAGEMENT" };

    @Test
    void timeTheStatisticsQueries() throws Exception {
        Random random = new Random(42);
        String stem = "24-b-" + UUID.randomUUID().toString().substring(0, 6);
        List<String> branches = new ArrayList<>();
        StringBuilder csv = new StringBuilder(CSV_HEADER + MIE_CENTER);
        for (int b = 0; b < 6; b++) {
            branches.add(stem + "-" + b);
            csv.append(mieBranchLine(stem + "-" + b, "ベンチ支部" + b, "2019-04-01"));
        }
        for (int i = 0; i < COVERED.length; i++) {
            // Every third municipality changes branch on 2023-04-01, so the coverage lookup has history to walk.
            String first = branches.get(i % branches.size());
            if (i % 3 == 0) {
                csv.append(coverageLine(first, COVERED[i], "2019-04-01", "2023-04-01"));
                csv.append(coverageLine(branches.get((i + 1) % branches.size()), COVERED[i], "2023-04-01", null));
            } else {
                csv.append(coverageLine(first, COVERED[i], "2019-04-01", null));
            }
        }
        StatsFixture.importStructure(csv.toString());
        StringBuilder report = new StringBuilder();
        long started = System.nanoTime();
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            List<Long> units = ids(c, "SELECT id FROM org_unit WHERE code LIKE '" + stem + "-%' ORDER BY code");
            List<Long> coordinators = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO coordinator (unit_id, name, name_kana, profession, role) VALUES (?, ?, ?, 'NURSE', 'REGIONAL')",
                    Statement.RETURN_GENERATED_KEYS)) {
                for (int i = 0; i < 60; i++) {
                    ps.setLong(1, units.get(i % units.size()));
                    ps.setString(2, "ベンチ " + i);
                    ps.setString(3, "べんち " + i);
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        coordinators.add(keys.getLong(1));
                    }
                }
            }
            List<String> consultationIds = insertConsultations(c, random, units, coordinators);
            insertReferrals(c, random, units, consultationIds);
            insertChildren(c, random, units);
            c.commit();
            c.setAutoCommit(true);
            analyze(c);
            report.append(String.format("data: %,d consultations, %,d referrals, %,d children inserted in %.1f s%n", CONSULTATIONS,
                    REFERRALS, CHILDREN, (System.nanoTime() - started) / 1e9));
        }
        List<String> v7 = v7Indexes();
        boolean present;
        try (Connection c = connect()) {
            present = indexExists(c, "consultation", "ix_consultation_stats");
            if (present) {
                for (String create : v7) {
                    String[] words = create.split("\\s+");
                    execute(c, "DROP INDEX " + words[2] + " ON " + words[4]);
                }
                analyze(c);
            }
        }
        report.append(phase(present ? "WITHOUT the V7 indexes (dropped for comparison)" : "without V7 indexes"));
        if (present) {
            try (Connection c = connect()) {
                for (String create : v7) {
                    execute(c, create);
                }
                analyze(c);
            }
            report.append(phase("WITH the V7 indexes"));
        }
        System.out.println("\n==== StatsBenchmark ====\n" + report);
        Files.writeString(Path.of("target", "stats-benchmark.txt"), report.toString(), StandardCharsets.UTF_8);
    }

    private static String phase(String title) throws SQLException {
        StringBuilder report = new StringBuilder("\n======== " + title + " ========\n");
        try (Connection c = connect()) {
            report.append(explain(c));
            report.append(sqlTimings(c));
        }
        Map<String, Map<String, String>> calls = new LinkedHashMap<>();
        calls.put("consultations site x requesterType, one fiscal year", Map.of("rows", "site", "columns", "requesterType", "fiscalYear", "2023"));
        calls.put("consultations unit x topic, all 6 years", Map.of("rows", "unit", "columns", "topic"));
        calls.put("consultations month x channel, all 6 years", Map.of("rows", "month", "columns", "channel"));
        calls.put("consultations municipality x requesterType, FY2023", Map.of("rows", "municipality", "columns", "requesterType", "fiscalYear", "2023"));
        calls.put("consultations fiscalYear x kind, all", Map.of("rows", "fiscalYear", "columns", "kind"));
        report.append(String.format("%n%-62s %9s %9s %9s%n", "HTTP call (staff.mie unless noted; ms per call)", "min", "median", "max"));
        for (var call : calls.entrySet()) {
            report.append(time(call.getKey(), "staff.mie", "/api/v1/stats/consultations", call.getValue()));
        }
        report.append(time("analyst: site x topic, FY2023", "analyst.mie",
                "/api/v1/stats/consultations", Map.of("rows", "site", "columns", "topic", "fiscalYear", "2023")));
        report.append(time("analyst: municipality x requesterType, FY2023", "analyst.mie", "/api/v1/stats/consultations",
                Map.of("rows", "municipality", "columns", "requesterType", "fiscalYear", "2023")));
        report.append(time("analyst: site x requesterType, 2023Q3", "analyst.mie", "/api/v1/stats/consultations",
                Map.of("rows", "site", "columns", "requesterType", "from", "2023-10-01", "to", "2023-12-31")));
        report.append(time("CSV export site x requesterType, all (audited)", "staff.mie", "/api/v1/stats/consultations",
                Map.of("rows", "site", "columns", "requesterType", "format", "csv")));
        report.append(time("referrals FY2023", "staff.mie", "/api/v1/stats/referrals", Map.of("fiscalYear", "2023")));
        report.append(time("referrals all years", "staff.mie", "/api/v1/stats/referrals", Map.of()));
        report.append(time("analyst: referrals FY2023", "analyst.mie", "/api/v1/stats/referrals", Map.of("fiscalYear", "2023")));
        report.append(time("analyst: children municipality x care type", "analyst.mie", "/api/v1/stats/children", Map.of()));
        report.append(time("load", "staff.mie", "/api/v1/stats/load", Map.of()));
        report.append(time("children municipality x care type", "staff.mie", "/api/v1/stats/children", Map.of()));
        report.append(time("children region x care type", "staff.mie", "/api/v1/stats/children", Map.of("rows", "region")));
        return report.toString();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getProperty("tsunagu.test.admin-jdbc-url"),
                System.getProperty("tsunagu.test.admin-user"), System.getProperty("tsunagu.test.admin-password"));
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void analyze(Connection c) throws SQLException {
        for (String table : List.of("consultation", "consultation_topic", "referral", "child", "child_care_type", "coverage")) {
            execute(c, "ANALYZE TABLE " + table);
        }
    }

    private static boolean indexExists(Connection c, String table, String index) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW INDEX FROM " + table + " WHERE Key_name = '" + index + "'")) {
            return rs.next();
        }
    }

    /** The CREATE INDEX statements of V7, as the migrations have them now (V20 re-creates two with the record key). */
    private static List<String> v7Indexes() throws java.io.IOException {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String s : createIndexes("V7__stats_indexes.sql")) {
            byName.put(s.split("\\s+")[2], s);
        }
        for (String s : createIndexes("V20__stats_cell_keys.sql")) {
            byName.replace(s.split("\\s+")[2], s);
        }
        return List.copyOf(byName.values());
    }

    private static List<String> createIndexes(String migration) throws java.io.IOException {
        String sql = Files.readString(Path.of("src/main/resources/db/migration/" + migration), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (line.startsWith("--")) {
                continue;
            }
            statement.append(line).append(' ');
            if (line.strip().endsWith(";")) {
                String s = statement.toString().strip();
                out.add(s.substring(0, s.length() - 1).replaceAll("\\s+", " "));
                statement.setLength(0);
            }
        }
        return out.stream().filter(s -> s.startsWith("CREATE INDEX")).toList();
    }

    private static String time(String name, String user, String path, Map<String, String> params) {
        long[] ms = new long[RUNS];
        for (int i = 0; i < WARM_UP + RUNS; i++) {
            long t0 = System.nanoTime();
            Response r = Api.as(user).queryParams(params).when().get(path);
            r.then().statusCode(200);
            r.asByteArray();
            long elapsed = (System.nanoTime() - t0) / 1_000_000;
            if (i >= WARM_UP) {
                ms[i - WARM_UP] = elapsed;
            }
        }
        Arrays.sort(ms);
        return String.format("%-62s %9d %9d %9d%n", name, ms[0], ms[RUNS / 2], ms[RUNS - 1]);
    }

    private static List<Long> ids(Connection c, String sql) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    private static List<String> insertConsultations(Connection c, Random random, List<Long> units, List<Long> coordinators) throws SQLException {
        List<String> ids = new ArrayList<>(CONSULTATIONS);
        LocalDate first = LocalDate.of(2019, 4, 1);
        int days = (int) (LocalDate.of(2025, 3, 31).toEpochDay() - first.toEpochDay());
        String complaint = "統計ベンチマーク用の相談: 重症心身障害児の短期入所先と訪問看護の調整について知りたい。".repeat(3);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO consultation (id, pref_code, received_at, received_on, receiving_unit_id,"
                + " owner_unit_id, channel, requester_type, kind, residence_lgcode, anonymous, chief_complaint, urgency, status,"
                + " coordinator_id, created_by) VALUES (?, '24', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'NORMAL', ?, ?, 'bench')");
                PreparedStatement topics = c.prepareStatement("INSERT INTO consultation_topic (consultation_id, topic) VALUES (?, ?)")) {
            for (int i = 0; i < CONSULTATIONS; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                LocalDate day = first.plusDays(random.nextInt(days + 1));
                LocalDateTime at = day.atTime(9 + random.nextInt(8), random.nextInt(60));
                long unit = units.get(random.nextInt(units.size()));
                String residence = random.nextInt(10) == 0 ? null : ALL_MIE[random.nextInt(ALL_MIE.length)];
                int s = random.nextInt(10);
                ps.setString(1, id);
                ps.setTimestamp(2, Timestamp.valueOf(at.minusHours(9)));
                ps.setObject(3, day);
                ps.setLong(4, unit);
                ps.setLong(5, random.nextInt(10) == 0 ? units.get(random.nextInt(units.size())) : unit);
                ps.setString(6, CHANNELS[random.nextInt(CHANNELS.length)]);
                ps.setString(7, REQUESTERS[random.nextInt(REQUESTERS.length)]);
                ps.setString(8, random.nextInt(2) == 0 ? "INDIVIDUAL" : "COMMUNITY");
                ps.setString(9, residence);
                ps.setBoolean(10, residence == null);
                ps.setString(11, complaint);
                ps.setString(12, s < 7 ? "CLOSED" : s < 9 ? "OPEN" : "IN_PROGRESS");
                if (random.nextBoolean()) {
                    ps.setLong(13, coordinators.get(random.nextInt(coordinators.size())));
                } else {
                    ps.setObject(13, null);
                }
                ps.addBatch();
                int n = 1 + (random.nextInt(10) < 4 ? 1 : 0) + (random.nextInt(10) == 0 ? 1 : 0);
                List<String> chosen = new ArrayList<>();
                while (chosen.size() < n) {
                    String t = TOPICS[random.nextInt(TOPICS.length)];
                    if (!chosen.contains(t)) {
                        chosen.add(t);
                        topics.setString(1, id);
                        topics.setString(2, t);
                        topics.addBatch();
                    }
                }
                if (i % 2000 == 1999) {
                    ps.executeBatch();
                    topics.executeBatch();
                }
            }
            ps.executeBatch();
            topics.executeBatch();
        }
        return ids;
    }

    private static void insertReferrals(Connection c, Random random, List<Long> units, List<String> consultations) throws SQLException {
        String[] kinds = { "ESCALATION", "TRANSFER", "CONSULT" };
        String[] states = { "REQUESTED", "ACCEPTED", "IN_PROGRESS", "COMPLETED", "CLOSED", "CLOSED", "CLOSED", "FAILED", "DECLINED", "CANCELLED" };
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO referral (id, consultation_id, pref_code, kind, direction, state,"
                + " sender_unit_id, sender_unit_code, sender_unit_kind, sender_tier, receiver_unit_id, receiver_unit_code, receiver_unit_kind,"
                + " receiver_tier, request_text, requested_by, requested_at, accepted_at, ended_at)"
                + " VALUES (?, ?, '24', ?, ?, ?, ?, 'bench', ?, ?, ?, 'bench', 'BRANCH', 2, '後方支援をお願いします', 'bench', ?, ?, ?)")) {
            for (int i = 0; i < REFERRALS; i++) {
                String kind = kinds[random.nextInt(kinds.length)];
                String state = states[random.nextInt(states.length)];
                boolean fromOffice = kind.equals("ESCALATION");
                LocalDateTime requested = LocalDateTime.of(2019, 4, 1, 0, 0).plusMinutes(random.nextInt(6 * 365 * 24 * 60));
                boolean accepted = !state.equals("REQUESTED") && !state.equals("DECLINED") && !(state.equals("CANCELLED") && random.nextBoolean());
                boolean ended = !state.equals("REQUESTED") && !state.equals("ACCEPTED") && !state.equals("IN_PROGRESS");
                LocalDateTime acceptedAt = accepted ? requested.plusMinutes(30 + random.nextInt(5 * 24 * 60)) : null;
                LocalDateTime endedAt = ended ? (acceptedAt == null ? requested : acceptedAt).plusMinutes(60 + random.nextInt(40 * 24 * 60)) : null;
                ps.setString(1, UUID.randomUUID().toString());
                ps.setString(2, consultations.get(random.nextInt(consultations.size())));
                ps.setString(3, kind);
                ps.setString(4, fromOffice ? "UP" : kind.equals("TRANSFER") ? "LATERAL" : "LATERAL");
                ps.setString(5, state);
                ps.setLong(6, units.get(random.nextInt(units.size())));
                ps.setString(7, fromOffice ? "MUNICIPAL_OFFICE" : "BRANCH");
                ps.setInt(8, fromOffice ? 3 : 2);
                ps.setLong(9, units.get(random.nextInt(units.size())));
                ps.setTimestamp(10, Timestamp.valueOf(requested));
                ps.setTimestamp(11, acceptedAt == null ? null : Timestamp.valueOf(acceptedAt));
                ps.setTimestamp(12, endedAt == null ? null : Timestamp.valueOf(endedAt));
                ps.addBatch();
                if (i % 2000 == 1999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static void insertChildren(Connection c, Random random, List<Long> units) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO child (id, pref_code, family_name, given_name, family_name_kana,"
                + " given_name_kana, name_kana_key, birth_date, sex, residence_lgcode, registration_source, registered_by_unit_id, created_by)"
                + " VALUES (?, '24', 'ベンチ', '太郎', 'べんち', 'たろう', ?, '2020-01-01', 'MALE', ?, 'STAFF', ?, 'bench')");
                PreparedStatement care = c.prepareStatement("INSERT INTO child_care_type (child_id, care_code) VALUES (?, ?)")) {
            for (int i = 0; i < CHILDREN; i++) {
                String id = UUID.randomUUID().toString();
                ps.setString(1, id);
                ps.setString(2, "べんちたろう" + i);
                ps.setString(3, ALL_MIE[random.nextInt(ALL_MIE.length)]);
                ps.setLong(4, units.get(random.nextInt(units.size())));
                ps.addBatch();
                List<String> chosen = new ArrayList<>();
                int n = random.nextInt(4);
                while (chosen.size() < n) {
                    String t = CARE[random.nextInt(CARE.length)];
                    if (!chosen.contains(t)) {
                        chosen.add(t);
                        care.setString(1, id);
                        care.setString(2, t);
                        care.addBatch();
                    }
                }
            }
            ps.executeBatch();
            care.executeBatch();
        }
    }

    static final String JOIN_UNIT = "COALESCE(cu.id, c.receiving_unit_id)";
    static final String JOIN_COVERAGE = " LEFT JOIN coverage cv ON cv.lgcode = c.residence_lgcode AND cv.valid_from <= c.received_on"
            + " AND (cv.valid_to IS NULL OR cv.valid_to > c.received_on) LEFT JOIN org_unit cu ON cu.id = cv.unit_id AND cu.pref_code = c.pref_code";

    /** Plain SQL time of candidate statements (no HTTP), 5 runs each after one warm-up, median in ms. */
    private static String sqlTimings(Connection c) throws SQLException {
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put("scan only: month x channel, all", "SELECT DATE_FORMAT(c.received_on, '%Y-%m'), c.channel, COUNT(*) FROM consultation c WHERE c.pref_code = '24' GROUP BY 1, 2");
        statements.put("subquery unit x requesterType, all", "SELECT " + ConsultationDimension.UNIT.sql + ", c.requester_type, COUNT(*) FROM consultation c WHERE c.pref_code = '24' GROUP BY 1, 2");
        statements.put("join unit x requesterType, all", "SELECT " + JOIN_UNIT + ", c.requester_type, COUNT(*) FROM consultation c" + JOIN_COVERAGE + " WHERE c.pref_code = '24' GROUP BY 1, 2");
        statements.put("site (unit rolled up) x requesterType, all", ConsultationStatistics.rollUp(new Sql().append("SELECT "
                + ConsultationDimension.SITE.sql + " AS r, c.requester_type AS k, COUNT(*) AS n, SUM(c.cell_key) AS ks FROM consultation c WHERE c.pref_code = '24'"
                + " GROUP BY 1, 2"), true, false).toString());
        statements.put("subquery unit x topic, all", "SELECT " + ConsultationDimension.UNIT.sql + ", t.topic, COUNT(*) FROM consultation c JOIN consultation_topic t ON t.consultation_id = c.id WHERE c.pref_code = '24' GROUP BY 1, 2");
        statements.put("join unit x topic, all", "SELECT " + JOIN_UNIT + ", t.topic, COUNT(*) FROM consultation c JOIN consultation_topic t ON t.consultation_id = c.id" + JOIN_COVERAGE + " WHERE c.pref_code = '24' GROUP BY 1, 2");
        statements.put("subquery unit x requesterType, FY2023", "SELECT " + ConsultationDimension.UNIT.sql + ", c.requester_type, COUNT(*) FROM consultation c WHERE c.pref_code = '24' AND c.received_on BETWEEN '2023-04-01' AND '2024-03-31' GROUP BY 1, 2");
        statements.put("load", "SELECT c.coordinator_id, co.unit_id, c.owner_unit_id, c.status, COUNT(*) FROM consultation c"
                + " LEFT JOIN coordinator co ON co.id = c.coordinator_id WHERE c.pref_code = '24' AND c.status IN ('OPEN', 'IN_PROGRESS') GROUP BY 1, 2, 3, 4");
        statements.put("referral percentiles, all", "SELECT DISTINCT r.kind, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY TIMESTAMPDIFF(MICROSECOND, r.requested_at, r.accepted_at)) OVER (PARTITION BY r.kind) FROM referral r WHERE r.pref_code = '24' AND r.accepted_at IS NOT NULL");
        StringBuilder out = new StringBuilder("\nSQL only (JDBC, no HTTP), median of 5 runs in ms\n");
        for (var e : statements.entrySet()) {
            long[] ms = new long[5];
            for (int i = 0; i < 6; i++) {
                long t0 = System.nanoTime();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(e.getValue())) {
                    while (rs.next()) {
                        rs.getObject(1);
                    }
                }
                if (i > 0) {
                    ms[i - 1] = (System.nanoTime() - t0) / 1_000_000;
                }
            }
            Arrays.sort(ms);
            out.append(String.format("  %-50s %6d%n", e.getKey(), ms[2]));
        }
        return out.toString();
    }

    /** EXPLAIN of the statements behind the main calls, as the service builds them. */
    private static String explain(Connection c) throws SQLException {
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put("consultations site x requesterType, FY2023", ConsultationStatistics.rollUp(new Sql().append(
                "SELECT " + ConsultationDimension.SITE.sql + " AS r, c.requester_type AS k, COUNT(*) AS n, SUM(c.cell_key) AS ks FROM consultation c"
                        + " WHERE c.pref_code = '24' AND c.received_on >= '2023-04-01' AND c.received_on <= '2024-03-31' GROUP BY 1, 2"),
                true, false).toString());
        statements.put("consultations unit x topic, all",
                "SELECT " + ConsultationDimension.UNIT.sql + " AS r, t.topic AS k, COUNT(*) FROM consultation c"
                        + " JOIN consultation_topic t ON t.consultation_id = c.id WHERE c.pref_code = '24' GROUP BY 1, 2");
        statements.put("load", "SELECT c.coordinator_id, co.unit_id, c.owner_unit_id, c.status, COUNT(*) FROM consultation c"
                + " LEFT JOIN coordinator co ON co.id = c.coordinator_id WHERE c.pref_code = '24' AND c.status IN ('OPEN', 'IN_PROGRESS')"
                + " GROUP BY 1, 2, 3, 4");
        statements.put("referrals FY2023", "SELECT r.kind, r.direction, r.sender_unit_kind, r.receiver_unit_kind, r.state, COUNT(*)"
                + " FROM referral r WHERE r.pref_code = '24' AND r.requested_at >= '2023-03-31 15:00:00' AND r.requested_at < '2024-03-31 15:00:00'"
                + " GROUP BY 1, 2, 3, 4, 5");
        statements.put("referrals open now", "SELECT r.receiver_unit_id, COUNT(*) FROM referral r WHERE r.pref_code = '24'"
                + " AND r.state IN ('REQUESTED', 'ACCEPTED', 'IN_PROGRESS') GROUP BY 1");
        StringBuilder out = new StringBuilder();
        for (var e : statements.entrySet()) {
            out.append("\nEXPLAIN ").append(e.getKey()).append('\n');
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN " + e.getValue())) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder line = new StringBuilder("  ");
                    for (int i = 1; i <= n; i++) {
                        String name = rs.getMetaData().getColumnLabel(i);
                        if (List.of("id", "select_type", "table", "type", "key", "rows", "Extra").contains(name)) {
                            line.append(name).append('=').append(rs.getString(i)).append(' ');
                        }
                    }
                    out.append(line).append('\n');
                }
            }
        }
        return out.toString();
    }
}
