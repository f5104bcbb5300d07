package jp.tsunagu.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jp.tsunagu.support.Tokens;

/** Rejections below the REST layer, sent as raw HTTP/1.1 so no client library tidies them: problem+json like every error. */
@QuarkusTest
class TransportErrorsTest {

    /** Sends raw bytes, returns the whole answer (status line, headers, body). */
    static String raw(byte[] request) throws Exception {
        try (Socket s = new Socket("localhost", RestAssured.port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            try {
                while ((n = in.read(buf)) > 0) {
                    answer.write(buf, 0, n);
                    String text = answer.toString(StandardCharsets.UTF_8);
                    int head = text.indexOf("\r\n\r\n");
                    if (head > 0 && text.contains("Content-Length:")) {
                        int length = Integer.parseInt(text.replaceAll("(?s).*Content-Length: *(\\d+).*", "$1").trim());
                        if (answer.size() >= head + 4 + length) {
                            break;
                        }
                    }
                }
            } catch (java.net.SocketException reset) {
                // what was read before a reset is the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    static String get(String target, String extraHeaders) throws Exception {
        return raw(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + extraHeaders + "Connection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    static void assertProblem(String answer, int status) {
        assertTrue(answer.startsWith("HTTP/1.1 " + status), answer.length() > 300 ? answer.substring(0, 300) : answer);
        assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer.substring(0, Math.min(400, answer.length())));
        assertTrue(answer.contains("\"status\":" + status), answer.substring(0, Math.min(600, answer.length())));
    }

    @Test
    void aTenKilobyteUrlIs414() throws Exception {
        assertProblem(get("/api/v1/consultations?q=" + "a".repeat(10_000), "Authorization: Bearer " + Tokens.of("staff.kanagawa") + "\r\n"), 414);
    }

    @Test
    void aTwentyKilobyteHeaderIs431() throws Exception {
        assertProblem(get("/api/v1/taxonomies", "X-Padding: " + "b".repeat(20_000) + "\r\n"), 431);
    }

    @Test
    void aTwentyKilobyteAuthorizationHeaderIs431() throws Exception {
        assertProblem(get("/api/v1/taxonomies", "Authorization: Bearer " + "c".repeat(20_000) + "\r\n"), 431);
    }

    @Test
    void aBadPercentEncodingIs400() throws Exception {
        for (String target : new String[] { "/api/v1/municipalities/%zz", "/api/v1/municipalities?q=%zz" }) {
            String answer = get(target, "Authorization: Bearer " + Tokens.of("staff.kanagawa") + "\r\n");
            assertProblem(answer, 400);
            assertTrue(answer.contains("urn:tsunagu:problem:malformed-uri"), answer);
        }
    }

    static void writeChunk(ByteArrayOutputStream out, byte[] chunk) throws java.io.IOException {
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(("POST /api/v1/consultations HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + Tokens.of("staff.kanagawa")
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        // One JSON document of 1.2 MB in 22 chunks, so nothing can answer before the body is over the limit.
        writeChunk(request, "{\"chiefComplaint\":\"".getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = "d".repeat(60_000).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 20; i++) {
            request.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.write(chunk);
            request.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        writeChunk(request, "\"}".getBytes(StandardCharsets.US_ASCII));
        request.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String answer = raw(request.toByteArray());
        assertProblem(answer, 413);
        assertEquals(-1, answer.indexOf("Exception"));
    }
}
