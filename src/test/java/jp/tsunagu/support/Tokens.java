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
 *
 * <p>{@link #of} logs in with the second factor, as staff do: the browser flow of the realm (authorization code
 * with PKCE and {@code acr_values=mfa}), username and password, then the TOTP code computed by {@link Totp} from
 * the demo secret; the token's {@code acr} is {@code mfa}. {@link #passwordOnly} is the password grant without
 * a second factor ({@code acr} {@code password}). Keycloak accepts a code once per user (the realm's OTP policy
 * is not reusable) and one step either side of now, so each login of a user takes a time step no earlier
 * login of that user took, waiting for the next one when both are used.
 */
public final class Tokens {

    public static final String PASSWORD = "demo";
    public static final String PARTNER_CLIENT = "tsunagu-partner-nicu";
    public static final String PARTNER_SECRET = "partner-nicu-secret";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)");
    private static final HttpClient BROWSER = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private record Cached(String token, Instant refreshAfter) {
    }

    static {
        // Every test that calls the API gets a token here: the earliest place to start validating responses.
        Api.registerContractValidation();
    }

    private Tokens() {
    }

    /** Token of a demo user who logged in with password and one-time code ({@code acr} {@code mfa}). */
    public static String of(String username) {
        return cached("mfa:" + username, () -> mfaLogin(username));
    }

    /** Token of a demo user who logged in with the password only (password grant; {@code acr} {@code password}). */
    public static String passwordOnly(String username) {
        return cached("user:" + username, () -> request(Map.of(
                "grant_type", "password", "client_id", "tsunagu-test", "username", username, "password", PASSWORD)));
    }

    /** A new token (never cached) of a demo user with the second factor: a login of its own, as after a step-up. */
    public static String freshMfa(String username) {
        return mfaLogin(username)[0];
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

    /** The acr values the realm maps to the second factor (acr.loa.map: password = 1, mfa = 2). */
    public static final String MFA_ACR = "mfa";
    private static final String REDIRECT_URI = "http://localhost:8080/callback";
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*\\saction=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");
    private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();
    private static final Map<String, Object> LOGINS = new ConcurrentHashMap<>();

    /** The realm's browser flow at level 2: authorization request, login form, one-time code form, code exchange. */
    private static String[] mfaLogin(String username) {
        synchronized (LOGINS.computeIfAbsent(username, u -> new Object())) {
            // Keycloak marks its login cookies Secure, which java.net.CookieManager keeps off plain http: a jar of our own.
            Map<String, String> cookies = new java.util.LinkedHashMap<>();
            String verifier = java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(java.util.UUID.randomUUID().toString().repeat(2).getBytes(StandardCharsets.US_ASCII));
            String challenge;
            try {
                challenge = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.security.MessageDigest
                        .getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            String auth = keycloakUrl() + "/realms/tsunagu/protocol/openid-connect/auth?" + form(Map.of("client_id", "tsunagu-test",
                    "response_type", "code", "scope", "openid", "redirect_uri", REDIRECT_URI, "acr_values", MFA_ACR, "state", "t",
                    "code_challenge", challenge, "code_challenge_method", "S256"));
            HttpResponse<String> page = browse(cookies, HttpRequest.newBuilder(URI.create(auth)).GET());
            page = browse(cookies, post(action(page), Map.of("username", username, "password", PASSWORD, "credentialId", "")));
            for (int attempt = 0; page.statusCode() == 200 && attempt < 3; attempt++) {
                page = browse(cookies, post(action(page), Map.of("otp", Totp.demoCode(nextStep(username)), "login", "Sign In")));
            }
            String location = page.headers().firstValue("Location").orElse("");
            Matcher code = CODE.matcher(location);
            if (page.statusCode() != 302 || !code.find()) {
                throw new IllegalStateException("Keycloak did not log " + username + " in with the second factor (" + page.statusCode()
                        + "): " + page.body());
            }
            return request(Map.of("grant_type", "authorization_code", "client_id", "tsunagu-test", "redirect_uri", REDIRECT_URI,
                    "code", java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8), "code_verifier", verifier));
        }
    }

    /** A time step within Keycloak's window (now ± 1) that no earlier login of the user took; waits when there is none. */
    private static long nextStep(String username) {
        while (true) {
            long now = Totp.step(Instant.now().getEpochSecond());
            long last = LAST_STEP.getOrDefault(username, Long.MIN_VALUE / 2);
            long step = Math.max(now - 1, last + 1);
            if (step <= now + 1) {
                LAST_STEP.put(username, step);
                return step;
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String action(HttpResponse<String> page) {
        Matcher m = FORM_ACTION.matcher(page.body());
        if (page.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("Keycloak sent no login form (" + page.statusCode() + "): " + page.body());
        }
        return m.group(1).replace("&amp;", "&");
    }

    private static HttpRequest.Builder post(String url, Map<String, String> fields) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
    }

    private static HttpResponse<String> browse(Map<String, String> cookies, HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; ")));
        }
        HttpRequest sent = request.build();
        try {
            HttpResponse<String> response = BROWSER.send(sent, HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                }
            }
            return response;
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException("Keycloak at " + sent.uri() + " did not answer", e);
        }
    }

    private static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
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
