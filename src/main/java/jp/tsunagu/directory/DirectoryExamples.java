package jp.tsunagu.directory;

/** OpenAPI examples of the directory, kept out of the resource so its HTTP mapping reads at a glance. */
final class DirectoryExamples {

    private DirectoryExamples() {
    }

    static final String ORGANIZATION_REQUEST = """
            {"name":"社会福祉法人 湘南療育会","description":"重症心身障害児者の短期入所と日中活動","website":"https://example.jp",
             "phone":"0463-00-0000"}""";
    static final String ORGANIZATION = """
            {"id":"5a1f9f8e-2c3b-4d5e-8f90-1a2b3c4d5e6f","name":"社会福祉法人 湘南療育会","description":"重症心身障害児者の短期入所と日中活動",
             "website":"https://example.jp","phone":"0463-00-0000","maintainerUnitCode":"14-shonan-west","version":0}""";
    static final String SERVICE_REQUEST = """
            {"organizationId":"5a1f9f8e-2c3b-4d5e-8f90-1a2b3c4d5e6f","serviceType":"SHORT_STAY_MEDICAL","name":"医療型短期入所 ひらつか",
             "careTypes":["VENTILATOR","TRACHEOSTOMY","SUCTION","TUBE_FEEDING"],"minAge":0,"maxAge":18,"mobileAccepted":true,"capacity":4,
             "vacancy":1,"languages":["ja","en"],"location":{"name":"ひらつか療育センター","address":"平塚市富士見町1-1","postalCode":"254-0000",
             "lgcode":"142034"},"serviceAreas":["142034","142115"],"schedules":[{"weekday":1,"opensAt":"09:00","closesAt":"17:00"}],
             "contacts":[{"name":"相談員 平塚 花子","title":"短期入所担当","phone":"0463-00-0001"}]}""";
    static final String SERVICE = """
            {"id":"9b2e4c1a-7d3f-4a5b-8c6d-0e1f2a3b4c5d","organization":{"id":"5a1f9f8e-2c3b-4d5e-8f90-1a2b3c4d5e6f","name":"社会福祉法人 湘南療育会"},
             "serviceType":"SHORT_STAY_MEDICAL","serviceTypeLabelJa":"医療型短期入所","serviceTypeLabelEn":"Medical short stay",
             "name":"医療型短期入所 ひらつか","careTypes":[{"code":"VENTILATOR","labelJa":"人工呼吸器","labelEn":"Ventilator"}],
             "minAge":0,"maxAge":18,"mobileAccepted":true,"capacity":4,"vacancy":1,"vacancyConfirmedOn":"2026-11-30","languages":["ja","en"],
             "location":{"name":"ひらつか療育センター","address":"平塚市富士見町1-1","postalCode":"254-0000","municipality":{"lgcode":"142034","name":"平塚市"}},
             "serviceAreas":[{"lgcode":"142034","name":"平塚市"}],"schedules":[{"weekday":1,"opensAt":"09:00","closesAt":"17:00"}],
             "contacts":[{"name":"相談員 平塚 花子","title":"短期入所担当","phone":"0463-00-0001"}],"maintainerUnitCode":"14-shonan-west",
             "confirmedOn":"2026-11-30","stale":false,"version":0}""";
    static final String PAGE = "{\"items\":[" + SERVICE + "],\"page\":0,\"size\":20,\"totalItems\":1,\"totalPages\":1}";
    static final String CSV = "ID,法人・団体,種別,サービス名,受入れ可能な医療的ケア,...\r\n9b2e4c1a-7d3f-4a5b-8c6d-0e1f2a3b4c5d,社会福祉法人 湘南療育会,医療型短期入所,医療型短期入所 ひらつか,人工呼吸器,...\r\n";
    static final String CONFIRMATION = "{\"vacancy\":2,\"version\":0}";
    static final String HISTORY = """
            {"items":[{"id":12,"action":"SERVICE_CONFIRM","changedBy":"branch.shonan-west","changedByUnitCode":"14-shonan-west",
             "changedAt":"2026-11-30T01:00:00Z","snapshot":"{\\"id\\":\\"9b2e4c1a-7d3f-4a5b-8c6d-0e1f2a3b4c5d\\",\\"vacancy\\":2}"}],
             "page":0,"size":20,"totalItems":1,"totalPages":1}""";
    static final String STATISTICS = """
            {"prefecture":"14","asOf":"2026-11-30","careTypes":[{"code":"VENTILATOR","labelJa":"人工呼吸器","labelEn":"Ventilator"}],
             "regions":[{"unitCode":"14-shonan-west","name":"湘南西部ブランチ","counts":[3],"total":5}],
             "ventilatorShortStayGaps":[{"lgcode":"143014","name":"中井町"}]}""";
    static final String STATISTICS_CSV = "圏域 / 医療的ケアの種類,人工呼吸器,サービス数（重複なし）\r\n湘南西部ブランチ,3,5\r\n";
    static final String HSDS = """
            {"version":"3.0","organizations":[{"id":"5a1f9f8e-2c3b-4d5e-8f90-1a2b3c4d5e6f","name":"社会福祉法人 湘南療育会",
             "phones":[{"number":"0463-00-0000"}],"services":[{"id":"9b2e4c1a-7d3f-4a5b-8c6d-0e1f2a3b4c5d","name":"医療型短期入所 ひらつか",
             "status":"active","minimum_age":0,"maximum_age":18,"assured_date":"2026-11-30","languages":[{"code":"ja"}],
             "schedules":[{"freq":"WEEKLY","byday":"MO","opens_at":"09:00","closes_at":"17:00"}],
             "service_areas":[{"name":"平塚市","extent":"142034","extent_type":"text"}],
             "capacities":[{"available":1,"maximum":4,"unit":{"name":"places"},"updated":"2026-11-30"}],
             "attributes":[{"taxonomy_term":{"code":"SHORT_STAY_MEDICAL","name":"医療型短期入所","taxonomy":"tsunagu:service_type"}},
              {"taxonomy_term":{"code":"VENTILATOR","name":"人工呼吸器","taxonomy":"tsunagu:medical_care"}}]}]}]}""";
    static final String IMPORT_RESULT = "{\"organizationsCreated\":1,\"organizationsUpdated\":0,\"servicesCreated\":1,\"servicesUpdated\":0}";
}
