package jp.tsunagu.disaster;

/** OpenAPI examples of the disaster plans. */
final class DisasterExamples {

    private DisasterExamples() {
    }

    static final String REQUEST = """
            {"devices":[{"careCode":"VENTILATOR","device":"在宅用人工呼吸器（内部バッテリー付き）","batteryHours":8,"backupPower":"外部バッテリー2個"},
             {"careCode":"SUCTION","device":"吸引器（充電式）","batteryHours":2,"backupPower":"足踏み式吸引器"}],
             "powerFailureActions":"外部バッテリーに切替、3時間で復旧しなければ避難先へ","powerCompany":"東京電力パワーグリッド",
             "powerCompanyRegistered":true,"evacuationSite":"平塚市立〇〇小学校（福祉避難室）","transport":"自家用車（車いす対応）",
             "helpers":"隣家の〇〇さん、民生委員の〇〇さん","supportRegisterListed":true,"hospitalContact":"県立こども医療センター 045-000-0000",
             "homeNursingContact":"〇〇訪問看護ステーション 0463-00-0000","medications":"抗てんかん薬 7日分","supplyDays":7}""";
    static final String PLAN = """
            {"childId":"7c0e2f0a-8d51-4d9e-b1a3-2e9f0f7b6c55","view":"IDENTIFYING","status":"CURRENT","reviewedOn":"2026-12-01",
             "reviewDueOn":"2027-12-01","careTypesReviewed":["SUCTION","VENTILATOR"],
             "devices":[{"careCode":"SUCTION","device":"吸引器（充電式）","batteryHours":2,"backupPower":"足踏み式吸引器"},
              {"careCode":"VENTILATOR","device":"在宅用人工呼吸器（内部バッテリー付き）","batteryHours":8,"backupPower":"外部バッテリー2個"}],
             "powerFailureActions":"外部バッテリーに切替、3時間で復旧しなければ避難先へ","powerCompany":"東京電力パワーグリッド",
             "powerCompanyRegistered":true,"evacuationSite":"平塚市立〇〇小学校（福祉避難室）","transport":"自家用車（車いす対応）",
             "helpers":"隣家の〇〇さん、民生委員の〇〇さん","supportRegisterListed":true,"hospitalContact":"県立こども医療センター 045-000-0000",
             "homeNursingContact":"〇〇訪問看護ステーション 0463-00-0000","medications":"抗てんかん薬 7日分","supplyDays":7,"version":0}""";
    static final String DUE = """
            {"items":[{"childId":"7c0e2f0a-8d51-4d9e-b1a3-2e9f0f7b6c55","residence":{"lgcode":"142034","name":"平塚市"},
             "careTypes":["SUCTION","VENTILATOR"],"reviewDueOn":"2026-12-10","status":"DUE"}],"page":0,"size":20,"totalItems":1,"totalPages":1}""";
    static final String MISSING = """
            {"items":[{"childId":"7c0e2f0a-8d51-4d9e-b1a3-2e9f0f7b6c55","residence":{"lgcode":"142034","name":"平塚市"},
             "powerDependentCareTypes":["VENTILATOR"],"planStatus":"NONE"}],"page":0,"size":20,"totalItems":1,"totalPages":1}""";
    static final String STATISTICS = """
            {"prefecture":"14","asOf":"2026-12-01","perturbed":true,"maxDeviation":2,
             "columns":[{"code":"VENTILATOR_WITH_PLAN","labelJa":"人工呼吸器・計画あり","labelEn":"Ventilator, current plan"},
              {"code":"VENTILATOR_WITHOUT_PLAN","labelJa":"人工呼吸器・計画なし","labelEn":"Ventilator, no current plan"},
              {"code":"OTHER_POWER_WITH_PLAN","labelJa":"その他の電源依存・計画あり","labelEn":"Other power-dependent devices, current plan"},
              {"code":"OTHER_POWER_WITHOUT_PLAN","labelJa":"その他の電源依存・計画なし","labelEn":"Other power-dependent devices, no current plan"}],
             "rows":[{"municipality":{"lgcode":"142034","name":"平塚市"},"counts":[4,0,7,3],"total":14}],"columnTotals":[4,0,7,3],"grandTotal":14}""";
    static final String STATISTICS_CSV = "市区町村（住所地） / 区分,人工呼吸器・計画あり,人工呼吸器・計画なし,その他の電源依存・計画あり,その他の電源依存・計画なし,合計\r\n"
            + "平塚市,4,0,7,3,14\r\n合計,4,0,7,3,14\r\n注記,分析者向けの件数は攪乱値です（…）\r\n";
}
