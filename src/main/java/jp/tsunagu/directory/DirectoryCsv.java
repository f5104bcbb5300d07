package jp.tsunagu.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.StreamingOutput;

import jp.tsunagu.org.OrgViews;
import jp.tsunagu.stats.CsvTableWriter;
import jp.tsunagu.taxonomy.TaxonomyViews;

/**
 * The directory for Excel, written by the statistics' {@link CsvTableWriter} (UTF-8 with BOM, CRLF, cells starting
 * with = + - @ neutralised): one record per service, Japanese headers; and the statistics table.
 */
final class DirectoryCsv {

    static final String MEDIA_TYPE = "text/csv; charset=UTF-8";

    private DirectoryCsv() {
    }

    static StreamingOutput services(List<DirectoryViews.ServiceView> services) {
        return out -> {
            CsvTableWriter w = new CsvTableWriter(out, CsvTableWriter.CsvCharset.UTF8_BOM);
            w.header(List.of("ID", "法人・団体", "種別", "サービス名", "受入れ可能な医療的ケア", "対象年齢（下限）", "対象年齢（上限）", "動ける医ケア児",
                    "定員", "空き", "空き確認日", "対象市区町村", "電話", "所在地", "言語", "管理ユニット", "最終確認日", "要確認"));
            for (DirectoryViews.ServiceView s : services) {
                List<Object> line = new ArrayList<>();
                line.add(s.id());
                line.add(s.organization().name());
                line.add(s.serviceTypeLabelJa());
                line.add(s.name());
                line.add(s.careTypes().stream().map(TaxonomyViews.Term::labelJa).collect(Collectors.joining("・")));
                line.add(s.minAge());
                line.add(s.maxAge());
                line.add(s.mobileAccepted() ? "可" : "不可");
                line.add(s.capacity());
                line.add(s.vacancy());
                line.add(s.vacancyConfirmedOn());
                line.add(s.serviceAreas().stream().map(OrgViews.MunicipalityRef::name).collect(Collectors.joining("・")));
                line.add(s.phone());
                line.add(s.location() == null ? null : s.location().address());
                line.add(String.join("・", s.languages()));
                line.add(s.maintainerUnitCode());
                line.add(s.confirmedOn());
                line.add(s.stale() ? "要確認" : "");
                w.row(line);
            }
            w.finish();
        };
    }

    static StreamingOutput statistics(DirectoryViews.Statistics st) {
        return out -> {
            CsvTableWriter w = new CsvTableWriter(out, CsvTableWriter.CsvCharset.UTF8_BOM);
            List<String> header = new ArrayList<>();
            header.add("圏域 / 医療的ケアの種類");
            st.careTypes().forEach(t -> header.add(t.labelJa()));
            header.add("サービス数（重複なし）");
            w.header(header);
            for (DirectoryViews.RegionRow r : st.regions()) {
                List<Object> line = new ArrayList<>();
                line.add(r.name());
                line.addAll(r.counts());
                line.add(r.total());
                w.row(line);
            }
            w.row(List.of());
            w.row(List.of("人工呼吸器の短期入所がない市区町村", st.ventilatorShortStayGaps().size()));
            for (OrgViews.MunicipalityRef m : st.ventilatorShortStayGaps()) {
                w.row(List.of(m.lgcode(), m.name()));
            }
            w.finish();
        };
    }

}
