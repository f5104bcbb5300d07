package jp.tsunagu.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com, spec v1): a secret is {@code whsec_} + base64 of
 * random bytes; the signed content is {@code webhook-id.webhook-timestamp.body}; the header carries
 * {@code v1,<base64 HMAC-SHA256>} once per valid secret, space-separated, so a receiver holding either secret of a
 * rotation accepts.
 */
public final class WebhookSignature {

    public static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A new secret: 24 random bytes (192 bits; the spec asks for 24 to 64). */
    public static String newSecret() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The webhook-signature header value for the body, signed with every secret given. */
    public static String header(String msgId, long timestamp, String body, List<String> secrets) {
        return secrets.stream().map(s -> "v1," + sign(msgId, timestamp, body, s)).collect(Collectors.joining(" "));
    }

    static String sign(String msgId, long timestamp, String body, String secret) {
        if (!secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a whsec_ secret");
        }
        byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((msgId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
