package jp.tsunagu.disaster;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.StreamingOutput;

import jp.tsunagu.stats.CsvTableWriter;

/** The plan statistics for Excel, like the other statistics: BOM, CRLF, totals, and the analysts' note last. */
final class DisasterCsv {

    static final String MEDIA_TYPE = "text/csv; charset=UTF-8";

    private DisasterCsv() {
    }

    static StreamingOutput statistics(DisasterViews.Statistics st, String note) {
        return out -> {
            CsvTableWriter w = new CsvTableWriter(out, CsvTableWriter.CsvCharset.UTF8_BOM);
            List<String> header = new ArrayList<>();
            header.add("市区町村（住所地） / 区分");
            st.columns().forEach(c -> header.add(c.labelJa()));
            header.add("合計");
            w.header(header);
            for (DisasterViews.Row r : st.rows()) {
                List<Object> line = new ArrayList<>();
                line.add(r.municipality().name());
                line.addAll(r.counts());
                line.add(r.total());
                w.row(line);
            }
            List<Object> totals = new ArrayList<>();
            totals.add("合計");
            totals.addAll(st.columnTotals());
            totals.add(st.grandTotal());
            w.row(totals);
            if (st.perturbed()) {
                w.row(List.of("注記", note));
            }
            w.finish();
        };
    }
}
