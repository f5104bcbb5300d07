package jp.tsunagu.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Real access tokens from the Keycloak that the test run started (see devstack.TestStack), for the
 * demo users of the committed realm. Cached per user until shortly before they expire.
 */
public final class Tokens {

    public static final String PASSWORD = "demo";
    public static final String PARTNER_CLIENT = "tsunagu-partner-nicu";
    public static final String PARTNER_SECRET = "partner-nicu-secret";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)");
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private record Cached(String token, Instant refreshAfter) {
    }

    static {
        // Every test that calls the API gets a token here: the earliest place to start validating responses.
        Api.registerContractValidation();
    }

    private Tokens() {
    }

    /** Token of a demo user (password grant through the public test client). */
    public static String of(String username) {
        return cached("user:" + username, () -> request(Map.of(
                "grant_type", "password", "client_id", "tsunagu-test", "username", username, "password", PASSWORD)));
    }

    /** Token of the NICU partner system (client credentials). */
    public static String partner() {
        return cached("client:" + PARTNER_CLIENT, () -> request(Map.of(
                "grant_type", "client_credentials", "client_id", PARTNER_CLIENT, "client_secret", PARTNER_SECRET)));
    }

    /** A new token (never cached) of a demo user through another client of the realm. */
    public static String viaClient(String username, String clientId) {
        return request(Map.of("grant_type", "password", "client_id", clientId, "username", username, "password", PASSWORD))[0];
    }

    /** A real token from another realm of the same Keycloak (the master realm's admin): wrong issuer, wrong keys. */
    public static String masterRealmAdmin() {
        return request(keycloakUrl() + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"))[0];
    }

    public static String bearer(String username) {
        return "Bearer " + of(username);
    }

    public static String keycloakUrl() {
        String url = System.getProperty("tsunagu.test.keycloak-url");
        if (url == null) {
            throw new IllegalStateException("Keycloak was not started: run the tests through ./mvnw (devstack.TestStack)");
        }
        return url;
    }

    public static String tokenEndpoint() {
        return keycloakUrl() + "/realms/tsunagu/protocol/openid-connect/token";
    }

    private static String cached(String key, java.util.function.Supplier<String[]> fetch) {
        Cached hit = CACHE.get(key);
        if (hit != null && Instant.now().isBefore(hit.refreshAfter())) {
            return hit.token();
        }
        String[] fresh = fetch.get();
        long lifetime = Long.parseLong(fresh[1]);
        CACHE.put(key, new Cached(fresh[0], Instant.now().plusSeconds(Math.max(0, lifetime - 60))));
        return fresh[0];
    }

    private static String[] request(Map<String, String> form) {
        return request(tokenEndpoint(), form);
    }

    private static String[] request(String endpoint, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher token = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("Keycloak refused a token (" + response.statusCode() + "): " + response.body());
            }
            Matcher expires = EXPIRES_IN.matcher(response.body());
            return new String[] { token.group(1), expires.find() ? expires.group(1) : "60" };
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException("Keycloak at " + endpoint + " did not answer", e);
        }
    }
}
