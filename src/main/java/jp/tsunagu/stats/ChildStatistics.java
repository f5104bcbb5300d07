package jp.tsunagu.stats;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Registered children (実数把握) by municipality or region × medical-care type. A child with several care types
 * counts once under each; totals count children once (a second grouped statement without the care-type join).
 * Children with no care type recorded appear in a NOT_RECORDED column, so that every registered child is counted.
 */
@ApplicationScoped
class ChildStatistics {

    static final String TABLE = "children";

    enum Rows {
        MUNICIPALITY("municipality", "市区町村（住所地）", "Municipality of residence", "ch.residence_lgcode"),
        /** The unit covering the residence today (a municipal office rolled up to its region), else NONE. */
        REGION("region", "圏域", "Region",
                "(SELECT CASE WHEN su.kind = 'MUNICIPAL_OFFICE' AND su.parent_id IS NOT NULL THEN su.parent_id ELSE su.id END"
                        + " FROM coverage cv JOIN org_unit su ON su.id = cv.unit_id WHERE cv.lgcode = ch.residence_lgcode"
                        + " AND cv.valid_from <= :today AND (cv.valid_to IS NULL OR cv.valid_to > :today)"
                        + " AND su.pref_code = ch.pref_code ORDER BY cv.valid_from DESC LIMIT 1)");

        final String code;
        final String labelJa;
        final String labelEn;
        final String sql;

        Rows(String code, String labelJa, String labelEn, String sql) {
            this.code = code;
            this.labelJa = labelJa;
            this.labelEn = labelEn;
            this.sql = sql;
        }

        static Rows parse(String value) {
            if (value == null || value.isBlank() || value.equals("municipality")) {
                return MUNICIPALITY;
            }
            if (value.equals("region")) {
                return REGION;
            }
            throw new jp.tsunagu.common.problem.ApiProblem(jp.tsunagu.common.problem.ProblemType.VALIDATION_FAILED,
                    "rows must be municipality or region.", List.of(new jp.tsunagu.common.problem.Problem.FieldError("rows",
                            "unknown dimension '" + value + "'; allowed: municipality, region", "unknown-dimension")),
                    Map.of("allowedValues", List.of("municipality", "region")));
        }
    }

    private final EntityManager em;
    private final Names names;

    ChildStatistics(EntityManager em, Names names) {
        this.em = em;
        this.names = names;
    }

    Tabulation count(StatsScope scope, Rows rows, List<String> municipalities, LocalDate today) {
        Sql where = new Sql().append(" WHERE ").appendAll(scope.children());
        if (municipalities != null) {
            if (municipalities.isEmpty()) {
                where.append(" AND 1 = 0");
            } else {
                where.append(" AND ch.residence_lgcode IN (:municipalities)").bind("municipalities", municipalities);
            }
        }
        Sql cells = new Sql().append("SELECT ").append(rows.sql).append(" AS r, cct.care_code AS k, COUNT(*) AS n, SUM(ch.cell_key) AS ks FROM child ch"
                + " LEFT JOIN child_care_type cct ON cct.child_id = ch.id").appendAll(where).append(" GROUP BY 1, 2");
        Sql totals = new Sql().append("SELECT ").append(rows.sql).append(" AS r, COUNT(*) AS n, SUM(ch.cell_key) AS ks FROM child ch").appendAll(where)
                .append(" GROUP BY 1");
        if (rows == Rows.REGION) {
            cells.bind("today", today);
            totals.bind("today", today);
        }
        Crosstab x = new Crosstab();
        for (Object[] row : cells.rows(em)) {
            x.add(bucket(scope, rows, row[0]), row[1] == null ? Headings.NOT_RECORDED.code() : row[1].toString(), Sql.number(row[2]),
                    Sql.number(row[3]));
        }
        for (Object[] row : totals.rows(em)) {
            x.addDistinct(bucket(scope, rows, row[0]), Sql.number(row[1]), Sql.number(row[2]));
        }
        Map<String, StatsViews.Heading> rowHeadings = new LinkedHashMap<>();
        if (rows == Rows.MUNICIPALITY) {
            ConsultationStatistics.municipalities(x.rowKeys(), names, rowHeadings);
        } else {
            ConsultationStatistics.units(x.rowKeys(), names, rowHeadings);
        }
        Crosstab.Axis rowAxis = Crosstab.Axis.of(rowHeadings);
        Crosstab.Axis columnAxis = careTypes(x.columnKeys());
        return Tabulation.distinctRowTotals(TABLE, new StatsViews.Heading(rows.code, rows.labelJa, rows.labelEn),
                names.vocabulary("medical_care", "careType"), rowAxis.headings(), columnAxis.headings(), x.matrix(rowAxis, columnAxis),
                x.distinct(rowAxis)).withKeys(x.keyMatrix(rowAxis, columnAxis), x.distinctKeys(rowAxis));
    }

    private static String bucket(StatsScope scope, Rows rows, Object value) {
        if (rows == Rows.MUNICIPALITY) {
            return scope.inRegion(value.toString()) ? value.toString() : Headings.OUTSIDE_REGION.code();
        }
        if (value == null) {
            return Headings.NO_COVERING_UNIT.code();
        }
        long id = Sql.number(value);
        return scope.inRegion(id) ? Long.toString(id) : Headings.OUTSIDE_REGION.code();
    }

    private Crosstab.Axis careTypes(Set<String> present) {
        Map<String, StatsViews.Heading> m = new LinkedHashMap<>();
        names.terms("medical_care").forEach((code, term) -> {
            if (term.active() || present.contains(code)) {
                m.put(code, term.heading());
            }
        });
        for (String code : present) {
            if (!code.equals(Headings.NOT_RECORDED.code())) {
                m.putIfAbsent(code, new StatsViews.Heading(code, code, code));
            }
        }
        if (present.contains(Headings.NOT_RECORDED.code())) {
            m.put(Headings.NOT_RECORDED.code(), Headings.NOT_RECORDED);
        }
        return Crosstab.Axis.of(m);
    }
}
