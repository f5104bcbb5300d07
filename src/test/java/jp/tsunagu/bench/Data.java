package jp.tsunagu.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Consultations for the statistics scenarios, written with JDBC batches as the database owner (the API would take
 * hours for millions). Skewed as real intake is: municipalities and receiving units by a Zipf law (a few large
 * cities carry most cases), requester types, channels and topics by fixed shares, months by a seasonal profile
 * (spring high, August and the new-year holidays low), 1–3 topics per consultation. Seeded, so every run generates
 * the same rows.
 */
final class Data {

    /** Fiscal years FY2016–FY2025 (2016-04-01 to 2026-03-31). */
    static final int FIRST_FISCAL_YEAR = 2016;
    static final int FISCAL_YEARS = 10;

    static final String[] REQUESTERS = { "FAMILY", "SUPPORT_SPECIALIST", "WELFARE_PROVIDER", "MUNICIPALITY", "SCHOOL_NURSERY",
            "MEDICAL_INSTITUTION", "OTHER" };
    static final double[] REQUESTER_SHARES = { 0.52, 0.16, 0.10, 0.09, 0.06, 0.05, 0.02 };
    static final String[] CHANNELS = { "PHONE", "WEB_FORM", "VISIT", "OUTREACH", "EMAIL", "PARTNER_SYSTEM" };
    static final double[] CHANNEL_SHARES = { 0.55, 0.15, 0.12, 0.08, 0.07, 0.03 };
    static final String[] TOPICS = { "NURSERY_KINDERGARTEN", "RESPITE_RESIDENTIAL", "SCHOOLING_EDUCATION", "SYSTEMS_SERVICES_INFO",
            "CONSULTATION_SUPPORT", "MEDICAL_CARE", "HOME_NURSING", "THERAPY_FACILITY", "HOSPITAL_VISIT_ADMISSION",
            "DAILY_LIFE_ANXIETY", "MUNICIPAL_WINDOW", "RESPITE_AT_HOME", "ABUSE_DV", "EMPLOYMENT", "FINANCIAL_BURDEN",
            "FAMILY_SIBLINGS", "DISASTER_PREPAREDNESS", "OTHER" };
    /** April … March: intake peaks when school and nursery places are decided, dips in August and at the new year. */
    static final double[] MONTH_WEIGHTS = { 1.45, 1.30, 1.10, 1.00, 0.65, 0.95, 1.00, 1.00, 0.90, 0.70, 1.10, 1.25 };

    private Data() {
    }

    record Written(long consultations, long topics, double seconds) {
    }

    /**
     * Adds {@code count} consultations in one prefecture, received by its units (Zipf over the list) from residents of
     * its municipalities (Zipf over a seeded shuffle), over the ten fiscal years.
     */
    static Written consultations(Connection c, long seed, String pref, int count) throws SQLException {
        long t0 = System.nanoTime();
        Random random = new Random(seed);
        List<Long> units = longs(c, "select id from org_unit where pref_code = '" + pref + "' order by kind <> 'CENTER', id");
        List<String> municipalities = strings(c, "select lgcode from municipality where pref_code = '" + pref + "' order by lgcode");
        java.util.Collections.shuffle(municipalities, random);
        double[] unitCdf = zipf(units.size(), 1.2);
        double[] muniCdf = zipf(municipalities.size(), 1.1);
        double[] requesterCdf = cdf(REQUESTER_SHARES);
        double[] channelCdf = cdf(CHANNEL_SHARES);
        double[] topicCdf = zipf(TOPICS.length, 0.9);
        LocalDate first = LocalDate.of(FIRST_FISCAL_YEAR, 4, 1);
        double[] dayCdf = seasonalDays(first, FISCAL_YEARS);
        long topics = 0;
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            // A bulk load: no per-row checks of values generated valid, and the redo log flushed once a second
            // instead of at each of these commits; set back below, before anything is measured.
            s.execute("set foreign_key_checks = 0, unique_checks = 0");
            s.execute("set global innodb_flush_log_at_trx_commit = 2");
        }
        try (PreparedStatement ps = c.prepareStatement("insert into consultation (id, pref_code, received_at, received_on, receiving_unit_id,"
                + " owner_unit_id, channel, requester_type, kind, residence_lgcode, anonymous, chief_complaint, urgency, status, created_by)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'NORMAL', ?, 'bench')");
                PreparedStatement ts = c.prepareStatement("insert into consultation_topic (consultation_id, topic) values (?, ?)")) {
            for (int i = 0; i < count; i++) {
                String id = new UUID(random.nextLong(), random.nextLong()).toString();
                LocalDate day = first.plusDays(pick(dayCdf, random));
                LocalDateTime at = day.atTime(9 + random.nextInt(8), random.nextInt(60));
                long unit = units.get(pick(unitCdf, random));
                String residence = random.nextInt(25) == 0 ? null : municipalities.get(pick(muniCdf, random));
                ps.setString(1, id);
                ps.setString(2, pref);
                ps.setTimestamp(3, Timestamp.valueOf(at.minusHours(9)));
                ps.setObject(4, day);
                ps.setLong(5, unit);
                ps.setLong(6, random.nextInt(8) == 0 ? units.get(pick(unitCdf, random)) : unit);
                ps.setString(7, CHANNELS[pick(channelCdf, random)]);
                ps.setString(8, REQUESTERS[pick(requesterCdf, random)]);
                ps.setString(9, random.nextInt(6) == 0 ? "COMMUNITY" : "INDIVIDUAL");
                ps.setString(10, residence);
                ps.setBoolean(11, residence == null);
                ps.setString(12, "ベンチマーク用の相談: 短期入所先と訪問看護の調整について");
                int st = random.nextInt(10);
                ps.setString(13, st < 8 ? "CLOSED" : st < 9 ? "OPEN" : "IN_PROGRESS");
                ps.addBatch();
                int n = 1 + (random.nextInt(10) < 4 ? 1 : 0) + (random.nextInt(10) == 0 ? 1 : 0);
                List<Integer> chosen = new ArrayList<>(3);
                while (chosen.size() < n) {
                    int t = pick(topicCdf, random);
                    if (!chosen.contains(t)) {
                        chosen.add(t);
                        ts.setString(1, id);
                        ts.setString(2, TOPICS[t]);
                        ts.addBatch();
                        topics++;
                    }
                }
                if (i % 5_000 == 4_999) {
                    ps.executeBatch();
                    ts.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
            ts.executeBatch();
            c.commit();
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute("set foreign_key_checks = 1, unique_checks = 1");
                s.execute("set global innodb_flush_log_at_trx_commit = 1");
            }
            c.setAutoCommit(autoCommit);
        }
        return new Written(count, topics, (System.nanoTime() - t0) / 1e9);
    }

    /** One center per prefecture that has none, so the national run can spread consultations over all 47. */
    static List<String> prefecturesWithACenter(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("insert into org_unit (code, kind, pref_code, name_ja, active_from)"
                    + " select concat(p.pref_code, '-bench-center'), 'CENTER', p.pref_code, concat(p.pref_name, '医療的ケア児支援センター（ベンチ）'), '2016-04-01'"
                    + " from (select pref_code, min(pref_name) pref_name from municipality group by pref_code) p"
                    + " where not exists (select 1 from org_unit u where u.pref_code = p.pref_code and u.kind = 'CENTER')");
        }
        return strings(c, "select distinct pref_code from municipality order by pref_code");
    }

    static void analyze(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("analyze table consultation, consultation_topic");
        }
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double[] seasonalDays(LocalDate first, int years) {
        int days = (int) (first.plusYears(years).toEpochDay() - first.toEpochDay());
        double[] w = new double[days];
        for (int d = 0; d < days; d++) {
            LocalDate day = first.plusDays(d);
            double weight = MONTH_WEIGHTS[(day.getMonthValue() + 8) % 12];
            if (day.getDayOfWeek().getValue() >= 6) {
                weight *= 0.25;
            }
            w[d] = weight * (1 + 0.06 * (day.getYear() - first.getYear()));
        }
        return cdf(w);
    }

    private static double[] zipf(int n, double s) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1 / Math.pow(i + 1, s);
        }
        return cdf(w);
    }

    private static double[] cdf(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double[] out = new double[weights.length];
        double acc = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i] / total;
            out[i] = acc;
        }
        out[weights.length - 1] = 1.0;
        return out;
    }

    private static int pick(double[] cdf, Random random) {
        int i = java.util.Arrays.binarySearch(cdf, random.nextDouble());
        return i >= 0 ? i : Math.min(cdf.length - 1, -i - 1);
    }

    static List<Long> longs(Connection c, String sql) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
