package jp.tsunagu.training;

/** The OpenAPI examples of the training API, kept out of the resources so their HTTP mapping reads at a glance. */
final class TrainingExamples {

    private TrainingExamples() {
    }

    static final String COURSE_REQUEST = """
            {"code":"coordinator-basic","kind":"BASIC","titleJa":"医療的ケア児等コーディネーター養成研修",
             "titleEn":"Medical care coordinator training"}""";

    static final String COURSE = """
            {"id":4,"prefCode":"13","code":"coordinator-basic","kind":"BASIC","kindLabelJa":"養成研修",
             "kindLabelEn":"Basic coordinator training","titleJa":"医療的ケア児等コーディネーター養成研修",
             "titleEn":"Medical care coordinator training"}""";

    static final String COURSES = "{\"items\":[" + COURSE + "]}";

    static final String SESSION_REQUEST = """
            {"label":"令和4年度 第1期","startsOn":"2022-07-05","endsOn":"2022-09-30"}""";

    static final String SESSION = "{\"id\":9,\"course\":" + COURSE + ",\"label\":\"令和4年度 第1期\",\"startsOn\":\"2022-07-05\","
            + "\"endsOn\":\"2022-09-30\",\"fiscalYear\":2022,\"fiscalYearLabelJa\":\"令和4年度\"}";

    static final String ATTENDEE = """
            {"id":31,"sessionId":9,"name":"多摩 一郎","organisation":"多摩訪問看護ステーション","profession":"NURSE",
             "professionLabelJa":"看護師","professionLabelEn":"Nurse","status":"COMPLETED","statusLabelJa":"修了",
             "statusLabelEn":"Completed","completedOn":"2022-09-30","version":1}""";

    static final String SESSION_WITH_ATTENDEES = "{\"id\":9,\"course\":" + COURSE + ",\"label\":\"令和4年度 第1期\",\"startsOn\":\"2022-07-05\","
            + "\"endsOn\":\"2022-09-30\",\"fiscalYear\":2022,\"fiscalYearLabelJa\":\"令和4年度\",\"attendees\":[" + ATTENDEE + "]}";

    static final String SESSIONS = "{\"items\":[" + SESSION + "],\"page\":0,\"size\":20,\"totalItems\":1,\"totalPages\":1}";

    static final String ATTENDEE_EXTERNAL = """
            {"external":{"name":"多摩 一郎","profession":"NURSE","organisation":"多摩訪問看護ステーション"}}""";

    static final String ATTENDEE_COORDINATOR = "{\"coordinatorId\":12}";

    static final String ATTENDANCE = "{\"status\":\"COMPLETED\",\"completedOn\":\"2022-09-30\"}";

    static final String STATISTICS = """
            {"prefecture":"13","kind":"BASIC","kindLabelJa":"養成研修",
             "fiscalYears":[{"fiscalYear":2021,"labelJa":"令和3年度","labelEn":"FY2021"},{"fiscalYear":2022,"labelJa":"令和4年度","labelEn":"FY2022"}],
             "rows":[{"profession":"SUPPORT_SPECIALIST","labelJa":"相談支援専門員","labelEn":"Consultation support specialist",
                      "byYear":[70,87],"cumulative":[70,157],"total":157,"share":0.7476},
                     {"profession":"PUBLIC_HEALTH_NURSE","labelJa":"保健師","labelEn":"Public health nurse",
                      "byYear":[23,30],"cumulative":[23,53],"total":53,"share":0.2524}],
             "yearTotals":[93,117],"cumulativeTotals":[93,210],"grandTotal":210}""";

    static final String STATISTICS_CSV = "職種 / 年度,令和3年度,令和4年度,合計,構成比（%）\r\n相談支援専門員,70,87,157,74.8\r\n"
            + "保健師,23,30,53,25.2\r\n合計,93,117,210,100.0\r\n";

    static final String COVERAGE = """
            {"prefecture":"14","asOf":"2026-12-02","followUpYears":3,"followUpAfter":"2023-12-02",
             "branches":[{"unit":{"code":"14-shonan-west","kind":"BRANCH","kindLabelJa":"圏域ブランチ（支部）","kindLabelEn":"Regional branch",
               "nameJa":"湘南西部ブランチ","prefCode":"14"},"municipalities":7,
               "withoutTrainedCoordinator":[{"lgcode":"143618","name":"中井町"}],
               "withoutRecentFollowUp":[{"lgcode":"143618","name":"中井町"},{"lgcode":"142115","name":"秦野市"}]}],
             "totals":{"municipalities":7,"withoutTrainedCoordinator":1,"withoutRecentFollowUp":2}}""";
}
