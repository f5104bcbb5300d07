package jp.tsunagu.stats;

import java.util.Arrays;
import java.util.List;

import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.Problem;
import jp.tsunagu.common.problem.ProblemType;

/**
 * What consultations can be counted by. Each dimension is one SQL expression over a consultation {@code c} (and,
 * for topic, its topic row {@code t}), evaluated and grouped by the database.
 */
enum ConsultationDimension {

    /** The unit covering the residence on the receiving day; no residence (or no covering unit): the receiving unit. */
    UNIT("unit", "担当機関", "Covering unit", ConsultationDimension.UNIT_SQL),
    /**
     * {@link #UNIT} rolled up to the center, site or region: a municipal office counts under its parent. Counted as
     * {@link #UNIT} and rolled up by an outer GROUP BY over those (few) groups, see ConsultationStatistics#rollUp.
     */
    SITE("site", "拠点・圏域", "Site or region", ConsultationDimension.UNIT_SQL),
    MUNICIPALITY("municipality", "市区町村（住所地）", "Municipality of residence", "c.residence_lgcode"),
    MONTH("month", "月", "Month", "DATE_FORMAT(c.received_on, '%Y-%m')"),
    QUARTER("quarter", "四半期", "Fiscal quarter",
            "CONCAT(YEAR(c.received_on) - (MONTH(c.received_on) < 4), 'Q', ((MONTH(c.received_on) + 8) MOD 12) DIV 3 + 1)"),
    FISCAL_YEAR("fiscalYear", "年度", "Fiscal year", "CAST(YEAR(c.received_on) - (MONTH(c.received_on) < 4) AS CHAR)"),
    REQUESTER_TYPE("requesterType", null, null, "c.requester_type"),
    TOPIC("topic", null, null, "t.topic"),
    CHANNEL("channel", null, null, "c.channel"),
    KIND("kind", "相談の種類", "Kind of consultation", "c.kind");

    /**
     * The covering unit: one index range read on coverage (lgcode, valid_from) per consultation. Coverage periods of
     * a municipality do not overlap (the structure import refuses that); LIMIT 1 keeps a row counted once anyway.
     * Only a unit of the consultation's own prefecture counts as covering (a family living across the border is
     * counted under the unit that received the call).
     */
    static final String UNIT_SQL = "COALESCE((SELECT cv.unit_id FROM coverage cv JOIN org_unit cu ON cu.id = cv.unit_id"
            + " WHERE cv.lgcode = c.residence_lgcode AND cv.valid_from <= c.received_on"
            + " AND (cv.valid_to IS NULL OR cv.valid_to > c.received_on) AND cu.pref_code = c.pref_code"
            + " ORDER BY cv.valid_from DESC LIMIT 1), c.receiving_unit_id)";

    /** The site of unit {@code <alias>}: its parent when it is a municipal office. */
    static String rollUp(String alias) {
        return "CASE WHEN " + alias + ".kind = 'MUNICIPAL_OFFICE' AND " + alias + ".parent_id IS NOT NULL THEN " + alias + ".parent_id ELSE "
                + alias + ".id END";
    }

    final String code;
    final String labelJa;
    final String labelEn;
    final String sql;

    ConsultationDimension(String code, String labelJa, String labelEn, String sql) {
        this.code = code;
        this.labelJa = labelJa;
        this.labelEn = labelEn;
        this.sql = sql;
    }

    /** The taxonomy vocabulary whose labels this dimension uses, or null. */
    String vocabulary() {
        return switch (this) {
            case REQUESTER_TYPE -> "requester_type";
            case TOPIC -> "topic";
            case CHANNEL -> "channel";
            default -> null;
        };
    }

    /** A consultation can fall in several values of this dimension (one per topic). */
    boolean multiValued() {
        return this == TOPIC;
    }

    boolean isUnit() {
        return this == UNIT || this == SITE;
    }

    boolean isTime() {
        return this == MONTH || this == QUARTER || this == FISCAL_YEAR;
    }

    static final String ALLOWED = String.join(", ", Arrays.stream(values()).map(d -> d.code).toList());

    static ConsultationDimension parse(String field, String value) {
        for (ConsultationDimension d : values()) {
            if (d.code.equals(value)) {
                return d;
            }
        }
        throw new ApiProblem(ProblemType.VALIDATION_FAILED, field + " must be one of: " + ALLOWED + ".",
                List.of(new Problem.FieldError(field, "unknown dimension '" + value + "'; allowed: " + ALLOWED, "unknown-dimension")),
                java.util.Map.of("allowedValues", Arrays.stream(values()).map(d -> d.code).toList()));
    }
}
