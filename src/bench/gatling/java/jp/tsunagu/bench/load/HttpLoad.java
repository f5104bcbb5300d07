package jp.tsunagu.bench.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * One measured run of the benchmark: {@code bench.users} closed-model clients, each sending one request after the
 * other for {@code bench.seconds}, all with the same bearer token. What to send comes from system properties set by
 * {@code jp.tsunagu.bench.BenchRun}: method, path (Gatling EL, e.g. {@code /api/v1/consultations/#{id}} with ids from
 * the CSV {@code bench.feeder}), body, expected status. Each client keeps its own connection (keep-alive), as
 * partner systems do.
 */
public class HttpLoad extends Simulation {

    private static String prop(String name) {
        String v = System.getProperty(name);
        if (v == null) {
            throw new IllegalArgumentException("missing -D" + name);
        }
        return v;
    }

    private final String name = prop("bench.name");
    private final int users = Integer.parseInt(prop("bench.users"));
    private final int seconds = Integer.parseInt(prop("bench.seconds"));
    private final int expected = Integer.parseInt(System.getProperty("bench.status", "200"));

    HttpProtocolBuilder protocol = http.baseUrl(prop("bench.baseUrl"))
            .header("Authorization", "Bearer " + prop("bench.token"))
            .acceptHeader(System.getProperty("bench.accept", "application/json"));

    HttpRequestActionBuilder request() {
        String path = prop("bench.path");
        HttpRequestActionBuilder r = switch (System.getProperty("bench.method", "GET")) {
            case "POST" -> http(name).post(path).header("Content-Type", "application/json")
                    .header("Idempotency-Key", "#{randomUuid()}").body(StringBody(prop("bench.body")));
            default -> http(name).get(path);
        };
        return r.check(status().is(expected));
    }

    {
        String feeder = System.getProperty("bench.feeder");
        ChainBuilder loop = feeder == null ? exec(request()) : feed(csv(feeder).circular()).exec(request());
        ScenarioBuilder scn = scenario(name).exec(during(Duration.ofSeconds(seconds)).on(loop));
        setUp(scn.injectOpen(atOnceUsers(users))).protocols(protocol).maxDuration(Duration.ofSeconds(seconds + 30L));
    }
}
