package jp.tsunagu.common.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the realm on the readiness endpoint without failing it. While Keycloak is down, tokens it issued before still
 * verify (quarkus-oidc holds the realm's keys), so the service can serve; what fails is new logins. Taking every pod
 * out of service for that would turn a login outage into an API outage. So this check is always UP and says whether
 * the realm answers: {@code "identityProvider": "reachable"} or {@code "unreachable"} (alert on that).
 */
@Readiness
@ApplicationScoped
public class IdentityProviderReadiness implements HealthCheck {

    private final OidcDiscovery discovery;

    public IdentityProviderReadiness(OidcDiscovery discovery) {
        this.discovery = discovery;
    }

    @Override
    public HealthCheckResponse call() {
        boolean reachable = discovery.reachable();
        return HealthCheckResponse.named("Identity provider (Keycloak realm)").up()
                .withData("identityProvider", reachable ? "reachable" : "unreachable")
                .withData("validTokensAccepted", true)
                .withData("newLogins", reachable ? "possible" : "failing")
                .build();
    }
}
