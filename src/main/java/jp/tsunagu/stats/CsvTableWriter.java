package jp.tsunagu.stats;

import java.io.BufferedWriter;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Streams a statistics table as CSV for analysts who open it in Excel on Windows.
 *
 * <p><b>Encoding.</b> {@link CsvCharset#UTF8_BOM} (the default choice) writes {@code EF BB BF} first: without
 * the BOM, Japanese Excel assumes the ANSI code page and shows UTF-8 headers as mojibake.
 * {@link CsvCharset#WINDOWS_31J} is for older tools that only read Shift_JIS; it is Microsoft's variant
 * ({@code windows-31j}, a.k.a. CP932), not JIS {@code Shift_JIS}, because the data is typed on Windows and
 * contains its extensions (①, ㈱, NEC/IBM kanji such as 髙 and 﨑). A character that Windows-31J cannot encode
 * (e.g. 𠮷 or an emoji) is written as {@code ?}: the encoder is set to {@link CodingErrorAction#REPLACE} because
 * an exception half-way through would leave the client with a truncated file behind an already-sent
 * 200 status. Lone surrogates are replaced the same way in both encodings.
 *
 * <p><b>Layout.</b> CRLF after every record, including the last (what Excel and RFC 4180 expect, whatever the
 * server's platform); fields are quoted only when they must be ({@link QuoteMode#MINIMAL}).
 *
 * <p><b>Formula injection</b> (OWASP "CSV Injection"). A text cell beginning with {@code = + - @}, TAB or CR
 * would be evaluated by Excel as a formula (DDE payloads such as {@code =cmd|' /C calc'!A0} included), so such
 * cells get a leading apostrophe, which makes Excel treat the rest as text. The decision is made by the Java
 * type, not by the text: {@link Number} cells are written as they are, so a count of {@code -3} or a rate of
 * {@code -1.5} stays numeric in Excel, while the string {@code "-3"} (which could be a user-supplied label)
 * is neutralised. Everything that is not a {@code Number} is treated as text, header labels included.
 *
 * <p><b>Streaming.</b> Each cell goes straight to the printer; only the fixed-size writer and encoder buffers
 * hold data, so memory does not grow with the number of rows. Not thread-safe.
 *
 * <p><b>Ownership of the stream.</b> {@link #finish()} flushes everything and leaves {@code out} open: the HTTP
 * layer owns the response stream and closes it itself. {@link #close()} flushes and then closes {@code out},
 * for callers that do own it (files, tests).
 */
public final class CsvTableWriter implements AutoCloseable, Flushable {

    /** How the bytes are encoded; see the class comment for why both exist. */
    public enum CsvCharset {
        UTF8_BOM,
        WINDOWS_31J;

        /**
         * Looked up on use rather than in the constant: windows-31j lives in the {@code jdk.charsets} module,
         * which a trimmed runtime (jlink image, native image without all charsets) may lack, and that should
         * break only Windows-31J exports, not UTF-8 ones.
         */
        public Charset charset() {
            return this == UTF8_BOM ? StandardCharsets.UTF_8 : Charset.forName("windows-31j");
        }
    }

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static final CSVFormat FORMAT = CSVFormat.Builder.create(CSVFormat.DEFAULT)
            .setRecordSeparator("\r\n")
            .setQuoteMode(QuoteMode.MINIMAL)
            .get();

    private final CSVPrinter printer;
    private boolean finished;

    public CsvTableWriter(OutputStream out, CsvCharset charset) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(charset, "charset");
        if (charset == CsvCharset.UTF8_BOM) {
            out.write(UTF8_BOM);
        }
        CharsetEncoder encoder = charset.charset().newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        // Both encoders' default replacement is the single byte '?', which is what analysts expect to see.
        this.printer = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, encoder)), FORMAT);
    }

    /** Writes the header record; labels are text and are neutralised like any text cell. */
    public void header(List<String> labels) throws IOException {
        row(labels);
    }

    /**
     * Writes one record. {@code null} becomes an empty cell; {@link Number}s are written verbatim
     * ({@link BigDecimal} without exponent); anything else is written as its {@code toString()}, neutralised.
     */
    public void row(List<?> cells) throws IOException {
        ensureOpen();
        for (Object cell : cells) {
            printer.print(text(cell));
        }
        printer.println();
    }

    /** Pushes buffered bytes to {@code out} (and flushes it) without ending the document. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        printer.flush();
    }

    /** Ends the document: flushes everything but leaves {@code out} open for its owner. */
    public void finish() throws IOException {
        if (!finished) {
            printer.flush();
            finished = true;
        }
    }

    /** Ends the document and closes {@code out}. */
    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            // Closing the printer closes the writer chain and with it out.
            printer.close(false);
        }
    }

    private void ensureOpen() {
        if (finished) {
            throw new IllegalStateException("CSV already finished");
        }
    }

    static String text(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (cell instanceof Number number) {
            return number.toString();
        }
        return neutralise(cell.toString());
    }

    static String neutralise(String text) {
        if (text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }
}
