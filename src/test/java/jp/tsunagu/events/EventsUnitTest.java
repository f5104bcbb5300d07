package jp.tsunagu.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jp.tsunagu.referral.ReferralAction;
import jp.tsunagu.referral.ReferralTransitions;

/** Signatures, secrets at rest, target checks and the event vocabulary. No server. */
class EventsUnitTest {

    /**
     * The example of the Standard Webhooks specification and its reference libraries: this secret, id, timestamp and
     * body sign to this value.
     */
    @Test
    void theSignatureMatchesTheSpecificationsExample() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String header = WebhookSignature.header("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}", List.of(secret));
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", header);
    }

    @Test
    void aRotationSignsWithBothSecretsAndAReceiverHoldingEitherAccepts() {
        String old = WebhookSignature.newSecret();
        String fresh = WebhookSignature.newSecret();
        String header = WebhookSignature.header("e1", 1_700_000_000L, "{}", List.of(fresh, old));
        assertEquals(2, header.split(" ").length);
        assertTrue(StandardWebhooksVerifier.verify(old, "e1", "1700000000", "{}", header, 1_700_000_010L));
        assertTrue(StandardWebhooksVerifier.verify(fresh, "e1", "1700000000", "{}", header, 1_700_000_010L));
        assertFalse(StandardWebhooksVerifier.verify(WebhookSignature.newSecret(), "e1", "1700000000", "{}", header, 1_700_000_010L));
        assertFalse(StandardWebhooksVerifier.verify(fresh, "e1", "1700000000", "{ }", header, 1_700_000_010L), "another body");
        assertFalse(StandardWebhooksVerifier.verify(fresh, "e1", "1700000000", "{}", header, 1_700_001_000L), "too old");
        assertTrue(fresh.matches("^whsec_[A-Za-z0-9+/=]{32}$"), fresh);
    }

    @Test
    void everyReferralMoveAndTheRequestHaveAnEventType() {
        Set<EventType> seen = new HashSet<>();
        seen.add(EventType.ofReferralAction("REQUEST"));
        for (ReferralTransitions.Transition t : ReferralTransitions.table()) {
            seen.add(EventType.ofReferralAction(t.action().name()));
        }
        assertEquals(ReferralAction.values().length + 1, seen.size(), "one type per action and one for the request");
        Set<String> codes = new HashSet<>();
        for (EventType t : EventType.values()) {
            assertTrue(t.code().matches(EventViews.TYPE_PATTERN), t.code());
            assertTrue(t.code().startsWith(t.subject().code() + "."), t.code());
            assertTrue(codes.add(t.code()));
            assertFalse(t.labelJa().isBlank() || t.labelEn().isBlank());
        }
    }

    @Test
    void secretsAreSealedForTheirSubscriptionOnly() {
        SecretBox box = new SecretBox(settings(Optional.of("dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LXRlc3Q=")));
        String secret = WebhookSignature.newSecret();
        String sealed = box.seal("sub-1", secret);
        assertFalse(sealed.contains(secret.substring(6)));
        assertEquals(secret, box.open("sub-1", sealed));
        assertThrows(IllegalStateException.class, () -> box.open("sub-2", sealed), "moved to another subscription");
        SecretBox otherKey = new SecretBox(settings(Optional.of("b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMDE=")));
        assertThrows(IllegalStateException.class, () -> otherKey.open("sub-1", sealed));
        assertFalse(new SecretBox(settings(Optional.empty())).configured());
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://partner.example.com/hook", "https://127.0.0.1/hook", "https://localhost/hook", "https://10.1.2.3/hook",
            "https://172.16.0.1/hook", "https://192.168.1.1/hook", "https://169.254.169.254/latest/meta-data", "https://[::1]/hook",
            "https://[fd00::1]/hook", "https://[::ffff:10.0.0.1]/hook", "https://100.64.0.1/hook", "https://0.0.0.0/hook",
            "ftp://partner.example.com/hook", "https://user@8.8.8.8/hook", "https://[fe80::1]/hook" })
    void productionRefusesNonHttpsAndNonPublicTargets(String url) {
        assertTrue(new TargetPolicy(false, false).refusal(url).isPresent(), url);
    }

    @Test
    void productionTakesAPublicHttpsAddressAndTestsTakeLoopback() {
        assertEquals(Optional.empty(), new TargetPolicy(false, false).refusal("https://8.8.8.8/hook"));
        assertEquals(Optional.empty(), new TargetPolicy(true, true).refusal("http://127.0.0.1:8089/hook"));
    }

    @Test
    void cursorsRoundTripAndStrangersAreRefused() {
        assertEquals(12, Cursor.parse(Cursor.of(12), "after"));
        assertEquals(0, Cursor.parse(null, "after"));
        for (String bad : List.of("abc", "ZjE6LTE", "eDoxMg")) {
            assertThrows(jp.tsunagu.common.problem.ApiProblem.class, () -> Cursor.parse(bad, "after"), bad);
        }
    }

    private static EventsSettings settings(Optional<String> key) {
        EventsSettings.Webhooks webhooks = (EventsSettings.Webhooks) Proxy.newProxyInstance(EventsSettings.class.getClassLoader(),
                new Class<?>[] { EventsSettings.Webhooks.class }, (p, m, a) -> m.getName().equals("secretKey") ? key : null);
        return (EventsSettings) Proxy.newProxyInstance(EventsSettings.class.getClassLoader(), new Class<?>[] { EventsSettings.class },
                (p, m, a) -> m.getName().equals("webhooks") ? webhooks : null);
    }

}
