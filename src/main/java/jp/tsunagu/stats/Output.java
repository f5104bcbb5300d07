package jp.tsunagu.stats;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import jp.tsunagu.common.problem.ApiProblem;

/**
 * What the client asked for: JSON (default) or CSV, in which encoding, with which header labels.
 *
 * <p>CSV when {@code format=csv}, or, without {@code format}, when the Accept header names {@code text/csv}
 * with a quality at least that of {@code application/json} (ties: the one listed first). The encoding is
 * UTF-8 with a BOM unless {@code charset} (query) or the {@code charset} parameter of the {@code text/csv}
 * media range asks for Windows-31J; {@code Shift_JIS}, {@code cp932} and {@code MS932} are read as
 * Windows-31J (its superset), which is what the Content-Type then says.
 */
public record Output(boolean csv, CsvTableWriter.CsvCharset charset, Labels labels) {

    public static final String CSV = "text/csv";

    /** Which label of a heading goes into the CSV. */
    public enum Labels {
        JA, EN, CODE;

        public String of(StatsViews.Heading h) {
            return switch (this) {
                case JA -> h.labelJa();
                case EN -> h.labelEn();
                case CODE -> h.code();
            };
        }
    }

    /** The Content-Type the CSV is sent with. */
    public String contentType() {
        return CSV + "; charset=" + (charset == CsvTableWriter.CsvCharset.WINDOWS_31J ? "Windows-31J" : "UTF-8");
    }

    static Output negotiate(String format, String charset, String labels, HttpHeaders headers) {
        boolean csv;
        MediaType csvRange = null;
        if (format != null && !format.isBlank()) {
            csv = switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ApiProblem.invalidField("format", "must be json or csv", "unknown-format");
            };
            csvRange = acceptedCsv(headers);
        } else {
            csvRange = acceptedCsv(headers);
            csv = csvRange != null && csvPreferred(headers);
        }
        CsvTableWriter.CsvCharset encoding = CsvTableWriter.CsvCharset.UTF8_BOM;
        if (charset != null && !charset.isBlank()) {
            encoding = charset(charset, "charset");
        } else if (csvRange != null && csvRange.getParameters().get("charset") != null) {
            encoding = charset(csvRange.getParameters().get("charset"), "Accept");
        }
        Labels mode = Labels.JA;
        if (labels != null && !labels.isBlank()) {
            mode = switch (labels.strip().toLowerCase(Locale.ROOT)) {
                case "ja" -> Labels.JA;
                case "en" -> Labels.EN;
                case "code" -> Labels.CODE;
                default -> throw ApiProblem.invalidField("labels", "must be ja, en or code", "unknown-labels");
            };
        }
        return new Output(csv, encoding, mode);
    }

    static CsvTableWriter.CsvCharset charset(String name, String field) {
        return switch (name.strip().replace("\"", "").toLowerCase(Locale.ROOT)) {
            case "utf-8", "utf8" -> CsvTableWriter.CsvCharset.UTF8_BOM;
            case "windows-31j", "cp932", "ms932", "shift_jis", "shift-jis", "sjis", "x-sjis" -> CsvTableWriter.CsvCharset.WINDOWS_31J;
            default -> throw ApiProblem.invalidField(field, "charset must be UTF-8 or Windows-31J", "unknown-charset");
        };
    }

    private static MediaType acceptedCsv(HttpHeaders headers) {
        if (headers == null) {
            return null;
        }
        for (MediaType m : acceptable(headers)) {
            if ("text".equalsIgnoreCase(m.getType()) && "csv".equalsIgnoreCase(m.getSubtype()) && quality(m) > 0) {
                return m;
            }
        }
        return null;
    }

    /** text/csv wins over application/json when its quality is higher, or equal and it is listed first. */
    private static boolean csvPreferred(HttpHeaders headers) {
        double csvQ = -1;
        double jsonQ = -1;
        int csvAt = Integer.MAX_VALUE;
        int jsonAt = Integer.MAX_VALUE;
        List<MediaType> list = acceptable(headers);
        for (int i = 0; i < list.size(); i++) {
            MediaType m = list.get(i);
            if ("text".equalsIgnoreCase(m.getType()) && "csv".equalsIgnoreCase(m.getSubtype()) && quality(m) > csvQ) {
                csvQ = quality(m);
                csvAt = i;
            } else if ("application".equalsIgnoreCase(m.getType()) && "json".equalsIgnoreCase(m.getSubtype()) && quality(m) > jsonQ) {
                jsonQ = quality(m);
                jsonAt = i;
            }
        }
        return csvQ > 0 && (csvQ > jsonQ || (csvQ == jsonQ && csvAt < jsonAt));
    }

    /** The Accept header as listed (not re-sorted), parsed leniently. */
    private static List<MediaType> acceptable(HttpHeaders headers) {
        List<String> values = headers.getRequestHeader(HttpHeaders.ACCEPT);
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        java.util.ArrayList<MediaType> out = new java.util.ArrayList<>();
        for (String value : values) {
            for (String part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    out.add(MediaType.valueOf(part.strip()));
                } catch (IllegalArgumentException e) {
                    // An unparsable range is ignored, as if it were not listed.
                }
            }
        }
        return out;
    }

    private static double quality(MediaType m) {
        String q = m.getParameters().get("q");
        if (q == null) {
            return 1;
        }
        try {
            return Double.parseDouble(q);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
