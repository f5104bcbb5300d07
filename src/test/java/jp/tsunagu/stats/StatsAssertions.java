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
}
