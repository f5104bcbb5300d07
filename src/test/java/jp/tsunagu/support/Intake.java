package jp.tsunagu.support;

import java.util.Random;

/** Request bodies for intake and registry tests, from the example consultations of Tokyo's first quarter. */
public final class Intake {

    private static final Random RANDOM = new Random();
    private static final String HIRAGANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわ";

    private Intake() {
    }

    public static String consultation(String residenceLgcode, String chiefComplaint) {
        return """
                {"receivedAt":"2024-06-03T10:15:00+09:00","channel":"PHONE","requesterType":"FAMILY","kind":"INDIVIDUAL",
                 "topics":["RESPITE_RESIDENTIAL","MEDICAL_CARE"],%s"anonymous":false,
                 "chiefComplaint":"%s","urgency":"NORMAL"}"""
                .formatted(residenceLgcode == null ? "" : "\"residenceLgcode\":\"" + residenceLgcode + "\",", chiefComplaint);
    }

    /** A random hiragana reading, so every test registers children nobody else registered. */
    public static String randomKana(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(HIRAGANA.charAt(RANDOM.nextInt(HIRAGANA.length())));
        }
        return s.toString();
    }

    /** The record of a signed consent form with the given scopes (a JSON list body, e.g. {@code "CENTER_ONLY"}). */
    public static String consent(String scopes, String documentRef) {
        return """
                {"scopes":[%s],"obtainedOn":"2024-06-03","formName":"個人情報使用同意書","documentRef":"%s","obtainedBy":"試験 担当",
                 "obtainedFrom":{"name":"試験 花子","relationship":"MOTHER"}}""".formatted(scopes, documentRef);
    }

    public static String child(String familyKana, String givenKana, String residence, String consentScopes, String extra) {
        return """
                {"familyName":"試験","givenName":"太郎","familyNameKana":"%s","givenNameKana":"%s","birthDate":"2021-05-10",
                 "sex":"MALE","residenceLgcode":"%s","guardian":{"name":"試験 花子","phone":"090-0000-0000"},
                 "careTypes":["SUCTION","TUBE_FEEDING"],"mobileWithCare":true,"severeDisability":false,"ventilatorDependent":false,
                 "primaryHospital":"神奈川県立こども医療センター","registrationSource":"STAFF"%s%s}"""
                .formatted(familyKana, givenKana, residence,
                        consentScopes == null ? "" : ",\"consent\":" + consent(consentScopes, "同意書 T-1"),
                        extra == null ? "" : extra);
    }
}
