package jp.tsunagu.support;

import java.util.UUID;

/** Names for data a test creates for itself, so tests never depend on each other or on order. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A fresh unit code in Kanagawa, e.g. 14-t-3f9a0c1d. */
    public static String kanagawaUnitCode() {
        return "14-t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A fresh unit code in Mie (三重県), the prefecture tests set up through the import the way a third
     * prefecture would be, so that what they create never shows in the Kanagawa and Tokyo demo trees.
     */
    public static String mieUnitCode() {
        return "24-t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The line that sets up (or, imported again, leaves unchanged) the Mie center, whose admin is admin.mie. */
    public static final String MIE_CENTER =
            "unit,24-center,CENTER,24,,三重県医療的ケア児・者相談支援センター,みえけんいりょうてきけあじしゃそうだんしえんせんたー,,2021-10-01,,,,平日 9:00-17:00\n";

    public static final String CSV_HEADER =
            "record,code,kind,prefecture,parent_code,name_ja,name_kana,lgcode,valid_from,valid_to,phone,web_form_url,opening_hours\n";

    /** A CSV line for a Mie branch (支部) under the Mie center. */
    public static String mieBranchLine(String code, String name, String from) {
        return "unit," + code + ",BRANCH,24,24-center," + name + ",てすとしぶ,," + from + ",,,,平日 9:00-17:00\n";
    }

    public static String coverageLine(String unitCode, String lgcode, String from, String to) {
        return "coverage," + unitCode + ",,,,,," + lgcode + "," + from + "," + (to == null ? "" : to) + ",,,\n";
    }
}
