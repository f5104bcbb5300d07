package jp.tsunagu.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;

/** Checks shared by the statistics tests. */
final class StatsAssertions {

    private StatsAssertions() {
    }

    /**
     * Every count the analyst sees equals the staff's exact count, and every withheld one is null: protection hides,
     * it never changes a number.
     */
    static void shownCountsAreExact(JsonPath analyst, JsonPath staff, String table) {
        assertEquals(staff.getList(table + ".rows.code"), analyst.getList(table + ".rows.code"), table);
        List<Map<String, Object>> rows = analyst.getList(table + ".rows");
        for (int r = 0; r < rows.size(); r++) {
            List<Map<String, Object>> cells = analyst.getList(table + ".rows[" + r + "].cells");
            for (int c = 0; c < cells.size(); c++) {
                same(analyst, staff, table + ".rows[" + r + "].cells[" + c + "]");
            }
            same(analyst, staff, table + ".rows[" + r + "].total");
        }
        List<Object> totals = analyst.getList(table + ".columnTotals");
        for (int c = 0; c < totals.size(); c++) {
            same(analyst, staff, table + ".columnTotals[" + c + "]");
        }
        same(analyst, staff, table + ".grandTotal");
    }

    private static void same(JsonPath analyst, JsonPath staff, String path) {
        if (analyst.getBoolean(path + ".suppressed")) {
            assertNull(analyst.get(path + ".count"), path);
        } else {
            assertEquals((Object) staff.get(path + ".count"), analyst.get(path + ".count"), path);
        }
        assertEquals(false, staff.getBoolean(path + ".suppressed"), path);
    }

    /**
     * Every count the analyst sees is marked perturbed, lies within 2 of the staff's exact count, is never 1 or 2
     * (k = 3), and is 0 where the exact count is 0; nothing is withheld.
     */
    static void perturbedWithinBounds(JsonPath analyst, JsonPath staff, String table) {
        assertEquals(staff.getList(table + ".rows.code"), analyst.getList(table + ".rows.code"), table);
        assertEquals("CELL_KEY_PERTURBATION", analyst.getString(table + ".suppression.method"), table);
        assertEquals(0, analyst.getInt(table + ".suppression.withheld"), table);
        List<Map<String, Object>> rows = analyst.getList(table + ".rows");
        for (int r = 0; r < rows.size(); r++) {
            List<Map<String, Object>> cells = analyst.getList(table + ".rows[" + r + "].cells");
            for (int c = 0; c < cells.size(); c++) {
                near(analyst, staff, table + ".rows[" + r + "].cells[" + c + "]");
            }
            near(analyst, staff, table + ".rows[" + r + "].total");
        }
        List<Object> totals = analyst.getList(table + ".columnTotals");
        for (int c = 0; c < totals.size(); c++) {
            near(analyst, staff, table + ".columnTotals[" + c + "]");
        }
        near(analyst, staff, table + ".grandTotal");
    }

    private static void near(JsonPath analyst, JsonPath staff, String path) {
        assertEquals(Boolean.TRUE, analyst.get(path + ".perturbed"), path);
        assertEquals(false, analyst.getBoolean(path + ".suppressed"), path);
        assertNull(staff.get(path + ".perturbed"), path);
        long published = analyst.getLong(path + ".count");
        long exact = staff.getLong(path + ".count");
        org.junit.jupiter.api.Assertions.assertTrue(Math.abs(published - exact) <= 2, path + ": " + published + " for " + exact);
        org.junit.jupiter.api.Assertions.assertFalse(published == 1 || published == 2, path + ": " + published);
        if (exact == 0) {
            assertEquals(0, published, path);
        }
    }
}
