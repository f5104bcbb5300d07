package jp.tsunagu.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import jp.tsunagu.stats.CsvTableWriter.CsvCharset;

class CsvTableWriterTest {

    private static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Test
    void utf8StartsWithBom() throws IOException {
        byte[] bytes = write(CsvCharset.UTF8_BOM, List.of("地域", "件数"), List.of(List.of("横浜市", 12)));

        assertArrayEquals(BOM, Arrays.copyOf(bytes, 3));
        assertEquals("地域,件数\r\n横浜市,12\r\n", new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
    }

    @Test
    void windows31jHasNoBomAndTwoBytesPerKanji() throws IOException {
        byte[] bytes = write(CsvCharset.WINDOWS_31J, List.of("相談者種別"), List.of());

        assertFalse(bytes.length >= 3 && Arrays.equals(BOM, Arrays.copyOf(bytes, 3)));
        assertEquals("相談者種別".length() * 2 + 2, bytes.length);
        assertEquals("相談者種別\r\n", new String(bytes, WINDOWS_31J));
        // 相 is 0x91 0x8A in Shift_JIS; checking one pair guards against a silent fallback to another charset.
        assertEquals((byte) 0x91, bytes[0]);
        assertEquals((byte) 0x8A, bytes[1]);
    }

    @Test
    void windowsExtensionsSurviveButUnencodableBecomesQuestionMark() throws IOException {
        byte[] bytes = write(CsvCharset.WINDOWS_31J, List.of("髙橋①", "𠮷野家😀", "x"), List.of());

        // 𠮷 and the emoji are each one code point (two UTF-16 chars) and each becomes a single '?'.
        assertEquals("髙橋①,?野家?,x\r\n", new String(bytes, WINDOWS_31J));
    }

    @Test
    void utf8KeepsWhatWindows31jCannot() throws IOException {
        byte[] bytes = write(CsvCharset.UTF8_BOM, List.of("𠮷野家😀"), List.of());

        assertEquals("\uFEFF𠮷野家😀\r\n", new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void recordsEndWithCrlfOnly() throws IOException {
        byte[] bytes = write(CsvCharset.UTF8_BOM, List.of("a", "b"),
                List.of(List.of(1, 2), List.of(3, 4), List.of(5, 6)));
        String text = new String(bytes, StandardCharsets.UTF_8).substring(1);

        assertEquals("a,b\r\n1,2\r\n3,4\r\n5,6\r\n", text);
        assertEquals(4, text.split("\r\n", -1).length - 1);
        assertEquals(text.replace("\r\n", "").indexOf('\n'), -1, "no bare LF");
    }

    @Test
    void formulaLikeTextIsNeutralised() throws IOException {
        String text = body(List.of(List.of("=SUM(A1)", "+81", "-x", "@cmd", "\tx", "\rx", "ok", "")));

        assertEquals("'=SUM(A1),'+81,'-x,'@cmd,'\tx,\"'\rx\",ok,\r\n", text);
    }

    @Test
    void numbersAreNeverNeutralisedButNumericLookingTextIs() throws IOException {
        String text = body(List.of(List.of(-3, -1.5, -7L, new BigDecimal("-1E+3"), "-3", 0)));

        assertEquals("-3,-1.5,-7,-1000,'-3,0\r\n", text);
    }

    @Test
    void quotesOnlyWhenNeeded() throws IOException {
        String text = body(List.of(List.of("a,b\"c", "plain", "改行\nあり", "中区")));

        assertEquals("\"a,b\"\"c\",plain,\"改行\nあり\",中区\r\n", text);
    }

    @Test
    void nullIsAnEmptyCell() throws IOException {
        String text = body(List.of(Arrays.asList("x", null, 3), Arrays.asList(null, "y")));

        // A leading empty field is quoted by commons-csv so that a one-field record is not an empty line.
        assertEquals("x,,3\r\n\"\",y\r\n", text);
    }

    @Test
    void finishLeavesTheStreamOpenAndCloseClosesIt() throws IOException {
        TrackingStream first = new TrackingStream();
        CsvTableWriter writer = new CsvTableWriter(first, CsvCharset.UTF8_BOM);
        writer.row(List.of("a"));
        writer.finish();
        assertFalse(first.closed);
        assertEquals(3 + 3, first.bytes, "BOM + a CRLF reach the stream on finish");
        assertThrows(IllegalStateException.class, () -> writer.row(List.of("b")));

        TrackingStream second = new TrackingStream();
        try (CsvTableWriter owned = new CsvTableWriter(second, CsvCharset.WINDOWS_31J)) {
            owned.row(List.of("a"));
        }
        assertTrue(second.closed);
        assertEquals(3, second.bytes);
    }

    @Test
    void streamsManyRowsWithoutHoldingThem() throws IOException {
        int rows = 200_000;
        TrackingStream out = new TrackingStream();
        CsvTableWriter writer = new CsvTableWriter(out, CsvCharset.WINDOWS_31J);
        writer.header(List.of("地域", "相談者種別", "件数"));
        long expected = "地域,相談者種別,件数\r\n".getBytes(WINDOWS_31J).length;
        for (int i = 0; i < rows; i++) {
            List<Object> row = List.of("市町村" + i, "保護者", i);
            writer.row(row);
            expected += ("市町村" + i + ",保護者," + i + "\r\n").getBytes(WINDOWS_31J).length;
        }
        // Before finish() almost everything must already have reached the stream: only fixed-size buffers lag.
        assertTrue(expected - out.bytes < 64 * 1024, "bytes held back: " + (expected - out.bytes));
        writer.finish();
        assertEquals(expected, out.bytes);
        assertFalse(out.closed);
    }

    private static byte[] write(CsvCharset charset, List<String> header, List<List<?>> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvTableWriter writer = new CsvTableWriter(out, charset)) {
            writer.header(header);
            for (List<?> row : rows) {
                writer.row(row);
            }
        }
        return out.toByteArray();
    }

    /** The rows as decoded text, BOM stripped, no header. */
    private static String body(List<List<?>> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvTableWriter writer = new CsvTableWriter(out, CsvCharset.UTF8_BOM);
        for (List<?> row : rows) {
            writer.row(row);
        }
        writer.finish();
        byte[] bytes = out.toByteArray();
        return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }

    /** Counts bytes and discards them, so the test itself keeps nothing either. */
    private static final class TrackingStream extends OutputStream {
        long bytes;
        boolean closed;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
