package jp.tsunagu.stats;

import static jp.tsunagu.support.Fixtures.CSV_HEADER;
import static jp.tsunagu.support.Fixtures.MIE_CENTER;
import static jp.tsunagu.support.Fixtures.coverageLine;
import static jp.tsunagu.support.Fixtures.mieBranchLine;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.restassured.response.Response;
import jp.tsunagu.support.Api;

/**
 * The Mie structure and consultations the statistics tests count, created once per test run (the database is
 * shared and never reset, so everything here lives in units with fresh codes and in municipalities no other test
 * uses, and the assertions filter by them).
 *
 * <pre>
 * a  北勢テスト支部 (BRANCH)           covers 242071 鈴鹿市 from 2021-10-01, 242098 尾鷲市 2021-10-01..2023-04-01
 * b  南勢テスト支部 (BRANCH)           covers 242080 名張市 from 2021-10-01, 242098 尾鷲市 from 2023-04-01
 * m  鳥羽市テスト窓口 (MUNICIPAL_OFFICE under a) covers 242110 鳥羽市 from 2021-10-01
 * </pre>
 *
 * Consultations (recorded by admin.mie for the receiving unit named), FY2022:
 * <pre>
 * c1 2022-05-10 a res 242071 FAMILY              INDIVIDUAL PHONE    RESPITE_RESIDENTIAL, MEDICAL_CARE
 * c2 2022-05-20 a res 242071 FAMILY              INDIVIDUAL PHONE    RESPITE_RESIDENTIAL
 * c3 2022-06-01 a res 242071 FAMILY              INDIVIDUAL WEB_FORM MEDICAL_CARE
 * c4 2022-06-15 b res 242098 FAMILY              INDIVIDUAL PHONE    MEDICAL_CARE            (unit: a covered 242098 then)
 * c5 2022-07-01 a res 242071 MUNICIPALITY        COMMUNITY  EMAIL    SYSTEMS_SERVICES_INFO
 * c6 2022-07-15 b res 242080 SUPPORT_SPECIALIST  INDIVIDUAL WEB_FORM SCHOOLING_EDUCATION, MEDICAL_CARE
 * c7 2022-08-01 b res 242080 FAMILY              INDIVIDUAL PHONE    RESPITE_RESIDENTIAL
 * c8 2023-03-31T23:30+09:00 b res 242080 FAMILY  INDIVIDUAL PHONE    OTHER                   (14:30Z: still FY2022 in Japan)
 * c9 2022-09-01 b no residence FAMILY            INDIVIDUAL PHONE    OTHER                   (unit: b, the receiving unit)
 * </pre>
 * FY2023:
 * <pre>
 * d1 2023-04-01T00:10+09:00 b res 242080 FAMILY  INDIVIDUAL PHONE    OTHER                   (2023-03-31 in UTC: FY2023 in Japan)
 * d2 2023-06-05 b res 242098 FAMILY              INDIVIDUAL PHONE    RESPITE_AT_HOME         (unit: b covers 242098 now)
 * d3 2023-06-10 m res 242110 FAMILY              INDIVIDUAL VISIT    MEDICAL_CARE, HOME_NURSING (unit m, site a)
 * d4 2023-06-20 a res 242071 MEDICAL_INSTITUTION INDIVIDUAL PHONE    HOSPITAL_VISIT_ADMISSION
 * d5 2023-07-03 b res 242080 FAMILY              INDIVIDUAL PHONE    RESPITE_RESIDENTIAL
 * d6 2023-10-02 a res 242071 FAMILY              INDIVIDUAL PHONE    RESPITE_RESIDENTIAL, MEDICAL_CARE
 * </pre>
 */
final class StatsFixture {

    static final String MUNICIPALITIES = "242071,242080,242098,242110";
    private static final String PROPERTY = "tsunagu.test.stats-fixture";

    final String a;
    final String b;
    final String m;

    private StatsFixture(String a, String b, String m) {
        this.a = a;
        this.b = b;
        this.m = m;
    }

    /**
     * Once per JVM: the codes are kept in a system property, which survives the class loaders Quarkus may
     * create for test classes.
     */
    static synchronized StatsFixture get() {
        String existing = System.getProperty(PROPERTY);
        if (existing != null) {
            String[] codes = existing.split("\\|");
            return new StatsFixture(codes[0], codes[1], codes[2]);
        }
        String stem = "24-t-" + UUID.randomUUID().toString().substring(0, 6);
        StatsFixture f = new StatsFixture(stem + "a", stem + "b", stem + "m");
        f.create();
        System.setProperty(PROPERTY, f.a + "|" + f.b + "|" + f.m);
        return f;
    }

    private void create() {
        importStructure(CSV_HEADER + MIE_CENTER
                + mieBranchLine(a, "北勢テスト支部", "2021-10-01")
                + mieBranchLine(b, "南勢テスト支部", "2021-10-01")
                + office(m, a, "鳥羽市テスト窓口", "242110")
                + coverageLine(a, "242071", "2021-10-01", null)
                + coverageLine(a, "242098", "2021-10-01", "2023-04-01")
                + coverageLine(b, "242098", "2023-04-01", null)
                + coverageLine(b, "242080", "2021-10-01", null)
                + coverageLine(m, "242110", "2021-10-01", null));
        record("2022-05-10T10:00:00+09:00", a, "242071", "FAMILY", "INDIVIDUAL", "PHONE", "RESPITE_RESIDENTIAL", "MEDICAL_CARE");
        record("2022-05-20T10:00:00+09:00", a, "242071", "FAMILY", "INDIVIDUAL", "PHONE", "RESPITE_RESIDENTIAL");
        record("2022-06-01T10:00:00+09:00", a, "242071", "FAMILY", "INDIVIDUAL", "WEB_FORM", "MEDICAL_CARE");
        record("2022-06-15T10:00:00+09:00", b, "242098", "FAMILY", "INDIVIDUAL", "PHONE", "MEDICAL_CARE");
        record("2022-07-01T10:00:00+09:00", a, "242071", "MUNICIPALITY", "COMMUNITY", "EMAIL", "SYSTEMS_SERVICES_INFO");
        record("2022-07-15T10:00:00+09:00", b, "242080", "SUPPORT_SPECIALIST", "INDIVIDUAL", "WEB_FORM", "SCHOOLING_EDUCATION", "MEDICAL_CARE");
        record("2022-08-01T10:00:00+09:00", b, "242080", "FAMILY", "INDIVIDUAL", "PHONE", "RESPITE_RESIDENTIAL");
        record("2023-03-31T23:30:00+09:00", b, "242080", "FAMILY", "INDIVIDUAL", "PHONE", "OTHER");
        record("2022-09-01T10:00:00+09:00", b, null, "FAMILY", "INDIVIDUAL", "PHONE", "OTHER");
        record("2023-04-01T00:10:00+09:00", b, "242080", "FAMILY", "INDIVIDUAL", "PHONE", "OTHER");
        record("2023-06-05T10:00:00+09:00", b, "242098", "FAMILY", "INDIVIDUAL", "PHONE", "RESPITE_AT_HOME");
        record("2023-06-10T10:00:00+09:00", m, "242110", "FAMILY", "INDIVIDUAL", "VISIT", "MEDICAL_CARE", "HOME_NURSING");
        record("2023-06-20T10:00:00+09:00", a, "242071", "MEDICAL_INSTITUTION", "INDIVIDUAL", "PHONE", "HOSPITAL_VISIT_ADMISSION");
        record("2023-07-03T10:00:00+09:00", b, "242080", "FAMILY", "INDIVIDUAL", "PHONE", "RESPITE_RESIDENTIAL");
        record("2023-10-02T10:00:00+09:00", a, "242071", "FAMILY", "INDIVIDUAL", "PHONE", "RESPITE_RESIDENTIAL", "MEDICAL_CARE");
    }

    static String office(String code, String parent, String name, String lgcode) {
        return "unit," + code + ",MUNICIPAL_OFFICE,24," + parent + "," + name + ",てすとまどぐち," + lgcode + ",2021-10-01,,,,平日 9:00-17:00\n";
    }

    static void importStructure(String csv) {
        Api.as("admin.mie").contentType("text/csv; charset=UTF-8").body(csv).when().post("/api/v1/structure-imports").then().statusCode(200);
    }

    /** Records a consultation as admin.mie (center-admin, who may record for any unit of Mie); returns its id. */
    static String record(String receivedAt, String unit, String residence, String requester, String kind, String channel, String... topics) {
        return recordAs("admin.mie", receivedAt, unit, residence, requester, kind, channel, null, topics);
    }

    static String recordAs(String user, String receivedAt, String unit, String residence, String requester, String kind, String channel,
            Long coordinatorId, String... topics) {
        List<String> quoted = new ArrayList<>();
        for (String t : topics) {
            quoted.add("\"" + t + "\"");
        }
        String body = "{\"receivedAt\":\"" + receivedAt + "\",\"channel\":\"" + channel + "\",\"requesterType\":\"" + requester
                + "\",\"kind\":\"" + kind + "\",\"topics\":[" + String.join(",", quoted) + "],"
                + (residence == null ? "\"anonymous\":true," : "\"residenceLgcode\":\"" + residence + "\",\"anonymous\":false,")
                + "\"chiefComplaint\":\"統計テスト: 短期入所先を知りたい\",\"urgency\":\"NORMAL\""
                + (unit == null ? "" : ",\"receivingUnitCode\":\"" + unit + "\"")
                + (coordinatorId == null ? "" : ",\"coordinatorId\":" + coordinatorId) + "}";
        Response r = Api.asJson(user).body(body).when().post("/api/v1/consultations");
        r.then().statusCode(201);
        return r.path("id");
    }
}
