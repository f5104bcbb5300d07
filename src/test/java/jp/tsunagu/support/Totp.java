package jp.tsunagu.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords (HMAC-SHA1, 6 digits, 30 s), written here from the RFC so that the tests
 * check Keycloak's second factor with an implementation of their own. {@link TotpTest} holds it to the RFC's
 * test vectors.
 */
public final class Totp {

    /** The demo users' TOTP secret in the committed realm: Keycloak keys the HMAC with its UTF-8 bytes. */
    public static final String DEMO_SECRET = "tsunagu-demo-totp-01";
    public static final int PERIOD_SECONDS = 30;

    private Totp() {
    }

    /** The time step (RFC 6238 T) of an instant given in epoch seconds. */
    public static long step(long epochSeconds) {
        return Math.floorDiv(epochSeconds, PERIOD_SECONDS);
    }

    /** The code of a time step for a key (RFC 4226 HOTP with the step as counter, dynamic truncation). */
    public static String code(byte[] key, long step, int digits, String hmac) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(key, "RAW"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = h[h.length - 1] & 0x0f;
            int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
                    | (h[offset + 3] & 0xff);
            int modulus = (int) Math.pow(10, digits);
            return String.format("%0" + digits + "d", binary % modulus);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 6-digit HMAC-SHA1 code of the demo secret for a time step, as an authenticator app shows it. */
    public static String demoCode(long step) {
        return code(DEMO_SECRET.getBytes(StandardCharsets.UTF_8), step, 6, "HmacSHA1");
    }
}
