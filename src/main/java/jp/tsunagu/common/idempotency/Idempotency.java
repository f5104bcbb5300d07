package jp.tsunagu.common.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkus.narayana.jta.QuarkusTransaction;

import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.Problem;
import jp.tsunagu.common.problem.ProblemType;

/**
 * Idempotency-Key for creating requests (draft-ietf-httpapi-idempotency-key-header): the same key with
 * the same body replays the first response; with another body it is a 422; while the first request is
 * still running a retry gets 409. Keys are scoped per client and kept {@code tsunagu.idempotency.ttl}
 * (24 h by default).
 * <p>
 * Only the status and the Location of the first response are stored, never its body: a replay renders the
 * created resource again for the current caller, so consent withdrawn since, scope and audit apply to it
 * exactly as to a read of that Location.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";

    private final IdempotencyStore store;
    private final ObjectMapper canonical;
    private final Duration ttl;

    public Idempotency(IdempotencyStore store, ObjectMapper json,
            IdempotencySettings settings) {
        this.store = store;
        this.canonical = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                .configure(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true);
        this.ttl = settings.ttl();
    }

    /** What a creating request produced: 201 with the new resource, or another 2xx (202 for a review item). */
    public record Created(Object body, String location, int status) {

        public Created(Object body, String location) {
            this(body, location, 201);
        }
    }

    /**
     * A creating request: partner systems must send an Idempotency-Key (their key space is their client id);
     * staff may send one (their key space is their user); without one, staff requests simply create.
     */
    public Response create(jp.tsunagu.common.security.Caller caller, String key, String operation, Object request,
            Supplier<Created> create, Function<String, Object> render) {
        boolean partner = caller.hasRole(jp.tsunagu.common.security.Roles.PARTNER_SYSTEM);
        if (key == null && !partner) {
            Created created = create.get();
            return Response.status(created.status()).header("Location", created.location()).entity(created.body()).build();
        }
        String client = partner ? caller.clientId().orElse("-") : "user:" + caller.subject();
        return once(client, key, operation, request, create, render);
    }

    /**
     * Runs {@code create} once per (client, key); {@code request} is what the fingerprint is taken over, and
     * {@code render} turns the stored Location into the body of a replay, as a read of it would.
     */
    public Response once(String clientId, String key, String operation, Object request, Supplier<Created> create,
            Function<String, Object> render) {
        if (key == null || key.isBlank()) {
            throw new ApiProblem(ProblemType.VALIDATION_FAILED, "Send an Idempotency-Key header so a retry cannot create a second record.",
                    List.of(new Problem.FieldError(HEADER, "is required", "NotBlank")), Map.of());
        }
        if (key.length() > 255) {
            throw ApiProblem.invalidField(HEADER, "must be at most 255 characters", "Size");
        }
        String hash = fingerprint(operation, request);
        Instant now = Instant.now();
        if (!claim(clientId, key, hash, now)) {
            IdempotencyRecord first = store.find(clientId, key).orElseThrow(
                    () -> new ApiProblem(ProblemType.CONFLICT, "The first request with this Idempotency-Key has just ended; retry."));
            if (!first.requestHash.equals(hash)) {
                throw new ApiProblem(ProblemType.UNPROCESSABLE,
                        "This Idempotency-Key was used for a different request body; use a new key for a new request.");
            }
            if (IdempotencyStore.IN_FLIGHT.equals(first.state)) {
                throw new ApiProblem(ProblemType.CONFLICT, "The first request with this Idempotency-Key is still being processed; retry later.");
            }
            if (first.location == null) {
                throw new ApiProblem(ProblemType.CONFLICT, "The first request with this Idempotency-Key left nothing to replay; use a new key.");
            }
            return Response.status(first.responseStatus).type(MediaType.APPLICATION_JSON).entity(render.apply(first.location))
                    .header("Idempotent-Replayed", "true").header("Location", first.location).build();
        }
        Created created;
        try {
            // The creation and the record of its answer commit in one transaction (the creating service joins it).
            created = QuarkusTransaction.joiningExisting().call(() -> {
                Created c = create.get();
                store.complete(clientId, key, c.status(), null, c.location());
                return c;
            });
        } catch (RuntimeException e) {
            store.release(clientId, key);
            throw e;
        }
        return Response.status(created.status()).type(MediaType.APPLICATION_JSON).entity(created.body())
                .header("Location", created.location()).build();
    }

    /** Claims the key, taking over an expired record and retrying when InnoDB picks this claim as a deadlock victim. */
    private boolean claim(String clientId, String key, String hash, Instant now) {
        for (int attempt = 1;; attempt++) {
            try {
                if (store.claim(clientId, key, hash, now, now.plus(ttl))) {
                    return true;
                }
                if (!store.purgeExpired(clientId, key, now)) {
                    return false;
                }
            } catch (jakarta.persistence.PessimisticLockException | jakarta.persistence.LockTimeoutException e) {
                if (attempt == 3) {
                    throw new ApiProblem(ProblemType.CONFLICT, "The first request with this Idempotency-Key is still being processed; retry later.");
                }
            }
        }
    }

    private String fingerprint(String operation, Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((operation + "\n" + canonical.writeValueAsString(request)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
