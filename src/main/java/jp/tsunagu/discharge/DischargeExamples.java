package jp.tsunagu.discharge;

/** The OpenAPI examples of the discharge-plan API, kept out of the resource so its HTTP mapping reads at a glance. */
final class DischargeExamples {

    private DischargeExamples() {
    }

    static final String REQUEST = """
            {"childId":"7c0e2f0a-8d51-4d9e-b1a3-2e9f0f7b6c55","plannedDischargeOn":"2024-10-01","hospital":"神奈川県立こども医療センター",
             "ward":"NICU","careTypes":["SUCTION","TUBE_FEEDING"],
             "items":[{"kind":"HOME_NURSING","responsibleExternal":"湘南訪問看護ステーション","dueOn":"2024-09-20"},
                      {"kind":"PUBLIC_HEALTH_NURSE_VISIT","responsibleUnitCode":"m-142034","dueOn":"2024-09-25"}]}""";

    static final String ITEM = """
            {"id":17,"kind":"HOME_NURSING","kindLabelJa":"訪問看護","kindLabelEn":"Home nursing","responsibleExternal":"湘南訪問看護ステーション",
             "dueOn":"2024-09-20","status":"OPEN","statusLabelJa":"未着手","statusLabelEn":"Open","version":0}""";

    static final String PLAN = "{\"id\":\"a3c1f1de-2b9e-4f0c-8c55-6b7e0d9a1f20\",\"state\":\"DRAFT\",\"stateLabelJa\":\"病院案\","
            + "\"stateLabelEn\":\"Draft from the hospital\",\"childId\":\"7c0e2f0a-8d51-4d9e-b1a3-2e9f0f7b6c55\","
            + "\"plannedDischargeOn\":\"2024-10-01\",\"hospital\":\"神奈川県立こども医療センター\",\"ward\":\"NICU\","
            + "\"careTypes\":[\"SUCTION\",\"TUBE_FEEDING\"],\"items\":[" + ITEM + "],\"version\":0}";

    static final String HANDED_OFF = "{\"id\":\"a3c1f1de-2b9e-4f0c-8c55-6b7e0d9a1f20\",\"state\":\"HANDED_OFF\",\"stateLabelJa\":\"市町村へ引継ぎ\","
            + "\"stateLabelEn\":\"Handed off to the municipality\",\"childId\":\"7c0e2f0a-8d51-4d9e-b1a3-2e9f0f7b6c55\","
            + "\"child\":{\"id\":\"7c0e2f0a-8d51-4d9e-b1a3-2e9f0f7b6c55\",\"view\":\"PSEUDONYMOUS\",\"viewReason\":\"no consent in force covers your unit\","
            + "\"ageBand\":\"0-2\",\"residence\":{\"lgcode\":\"142034\",\"name\":\"平塚市\"},\"careTypes\":[\"SUCTION\"],\"mobileWithCare\":false,"
            + "\"severeDisability\":false,\"ventilatorDependent\":false},"
            + "\"plannedDischargeOn\":\"2024-10-01\",\"careTypes\":[\"SUCTION\",\"TUBE_FEEDING\"],\"items\":[" + ITEM + "],"
            + "\"handOff\":{\"referralId\":\"5d2b7c1e-9f3a-4b8e-a6d1-0c2e4f6a8b10\",\"state\":\"REQUESTED\",\"receiverUnitCode\":\"m-142034\"},\"version\":2}";

    static final String PAGE = """
            {"items":[{"id":"a3c1f1de-2b9e-4f0c-8c55-6b7e0d9a1f20","state":"DRAFT","childId":"7c0e2f0a-8d51-4d9e-b1a3-2e9f0f7b6c55",
              "plannedDischargeOn":"2024-10-01","pendingItems":2}],"page":0,"size":20,"totalItems":1,"totalPages":1}""";

    static final String ITEM_REQUEST = """
            {"kind":"DAILY_LIVING_EQUIPMENT","responsibleUnitCode":"m-142034","dueOn":"2024-09-27","note":"吸引器の給付申請"}""";

    static final String ITEM_STATUS = "{\"status\":\"DONE\",\"note\":\"事業所決定、初回訪問 9/18\",\"version\":0}";

    static final String HAND_OFF = """
            {"consultationId":"0b6f8f8e-3d7a-4c1e-9a55-2f0c6d1e7a10","kind":"TRANSFER","receiverUnitCode":"m-142034",
             "requestText":"退院後の在宅生活支援プランを引き継ぎます"}""";

    static final String OVERDUE = "{\"asOf\":\"2024-09-23\",\"items\":[{\"planId\":\"a3c1f1de-2b9e-4f0c-8c55-6b7e0d9a1f20\","
            + "\"plannedDischargeOn\":\"2024-10-01\",\"item\":" + ITEM + ",\"daysOverdue\":3}]}";
}
