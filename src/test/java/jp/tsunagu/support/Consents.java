package jp.tsunagu.support;

import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

/** The prefecture center's second look at recorded consents, as tests need it. */
public final class Consents {

    private Consents() {
    }

    /** The center user who checks what {@code recorder} recorded: never the same person. */
    public static String checkerFor(String prefCode, String recorder) {
        return switch (prefCode) {
            case "13" -> "staff.tokyo".equals(recorder) ? "staff.tokyo-tama" : "staff.tokyo";
            case "24" -> "admin.mie".equals(recorder) ? "staff.mie" : "admin.mie";
            default -> "staff.kanagawa".equals(recorder) ? "admin.kanagawa" : "staff.kanagawa";
        };
    }

    /** Confirms every PENDING consent of the child against its form, as a center user other than the recorder. */
    public static void confirmAll(String childId, String prefCode) {
        List<Map<String, Object>> consents = Api.as(checkerFor(prefCode, "-")).when().get("/api/v1/children/" + childId + "/consents")
                .then().statusCode(200).extract().path("");
        for (Map<String, Object> consent : consents) {
            if (!"PENDING".equals(consent.get("state"))) {
                continue;
            }
            String checker = checkerFor(prefCode, (String) consent.get("recordedBy"));
            Api.asJson(checker).body("{\"documentRef\":\"" + consent.get("documentRef") + "\",\"note\":\"原本確認\"}")
                    .when().post("/api/v1/children/" + childId + "/consents/" + consent.get("id") + "/confirmation")
                    .then().statusCode(200).body("state", equalTo("CONFIRMED")).body("active", equalTo(true));
        }
    }

    /** A Kanagawa child's consents confirmed. */
    public static void confirmAll(String childId) {
        confirmAll(childId, "14");
    }

    /** Every item of the center's review list, all pages, by consent id. */
    public static Map<Integer, Map<String, Object>> reviewList(String user) {
        Map<Integer, Map<String, Object>> items = new java.util.HashMap<>();
        for (int page = 0;; page++) {
            var json = Api.as(user).queryParam("page", page).queryParam("size", 100).when().get("/api/v1/consent-reviews")
                    .then().statusCode(200).extract().jsonPath();
            for (Map<String, Object> item : json.<Map<String, Object>>getList("items")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> consent = (Map<String, Object>) item.get("consent");
                items.put((Integer) consent.get("id"), item);
            }
            if (page + 1 >= json.getInt("totalPages")) {
                return items;
            }
        }
    }

    public static java.util.Set<Integer> onReviewList(String user) {
        return reviewList(user).keySet();
    }
}
