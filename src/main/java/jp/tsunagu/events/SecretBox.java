package jp.tsunagu.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.ProblemType;

/**
 * Signing secrets at rest: AES-256-GCM under a key from the configuration (never the database), with the
 * subscription id as associated data, so a database reader gets nothing usable and a database writer cannot move
 * one subscription's secret to another. Stored as {@code g1:} + base64(nonce + ciphertext).
 */
@ApplicationScoped
public class SecretBox {

    private static final String PREFIX = "g1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<SecretKeySpec> key;

    public SecretBox(EventsSettings settings) {
        this.key = settings.webhooks().secretKey().filter(k -> !k.isBlank()).map(k -> {
            byte[] raw = Base64.getDecoder().decode(k.strip());
            if (raw.length != 32) {
                throw new IllegalStateException("tsunagu.events.webhooks.secret-key must be base64 of 32 bytes, it has " + raw.length);
            }
            return new SecretKeySpec(raw, "AES");
        });
    }

    public boolean configured() {
        return key.isPresent();
    }

    /** 503 when webhooks are switched off (no key). */
    public void requireConfigured() {
        if (key.isEmpty()) {
            throw new ApiProblem(ProblemType.SERVICE_UNAVAILABLE, "Webhooks are switched off on this service (no secret key configured); "
                    + "use the change feed, GET /api/v1/events.");
        }
    }

    public String seal(String subscriptionId, String secret) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key.orElseThrow(), new GCMParameterSpec(128, nonce));
            c.updateAAD(subscriptionId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    public String open(String subscriptionId, String stored) {
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("unknown secret format");
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key.orElseThrow(), new GCMParameterSpec(128, all, 0, 12));
            c.updateAAD(subscriptionId.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored webhook secret does not open with the configured key", e);
        }
    }
}
