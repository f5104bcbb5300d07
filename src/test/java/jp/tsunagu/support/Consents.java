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
}
