package jp.tsunagu.common.security;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling: the subject, roles and organization code from the verified token. The org code
 * comes from the {@code org_code} claim that Keycloak maps from the user's organization group.
 */
@RequestScoped
public class Caller {

    public static final String ORG_CLAIM = "org_code";

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    public String subject() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public Optional<String> orgCode() {
        Object claim = token == null ? null : token.getClaim(ORG_CLAIM);
        return claim == null ? Optional.empty() : Optional.of(claim.toString().replace("\"", ""));
    }

    public boolean isAuthenticated() {
        return identity != null && !identity.isAnonymous();
    }

    public java.util.Set<String> roles() {
        return identity.getRoles();
    }

    /** The OAuth client the token was issued to (azp): how partner systems are told apart. */
    public Optional<String> clientId() {
        Object azp = token == null ? null : token.getClaim("azp");
        return azp == null ? Optional.empty() : Optional.of(azp.toString().replace("\"", ""));
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** Roles whose holders may see staff contact details of coordinators. */
    public boolean isStaff() {
        return hasRole(Roles.CENTER_ADMIN) || hasRole(Roles.CENTER_STAFF) || hasRole(Roles.BRANCH_STAFF)
                || hasRole(Roles.MUNICIPAL_COORDINATOR);
    }
}
