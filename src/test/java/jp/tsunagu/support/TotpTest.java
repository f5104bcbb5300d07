package jp.tsunagu.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The test support's TOTP against the test vectors of RFC 6238 Appendix B (HMAC-SHA1, 8 digits, 30 s). */
class TotpTest {

    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "T = {0} s → {1}")
    @CsvSource({ "59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924", "2000000000, 69279037",
            "20000000000, 65353130" })
    void rfc6238Sha1Vectors(long epochSeconds, String expected) {
        assertEquals(expected, Totp.code(RFC_KEY, Totp.step(epochSeconds), 8, "HmacSHA1"));
    }
}
