package jp.tsunagu.common.security;

import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.common.runtime.OidcConstants;
import io.quarkus.security.AuthenticationFailedException;

/**
 * The one gate of identifying access: every read or write that shows or stores who a child is (the identifying
 * view, consents, held registrations, emergency access, and any export or new feature with such data) calls
 * {@link #requireSecondFactor} first. When the deployment requires it ({@link StepUpSettings#required}) and the
 * caller is a person whose token's {@code acr} is not one of {@link StepUpSettings#acrValues}, the request fails
 * with the step-up challenge of RFC 9470: the same {@link AuthenticationFailedException} with an
 * {@code acr_values} attribute that quarkus-oidc's {@code @AuthenticationContext} raises, which the one error path
 * ({@code ProblemMappers}) answers with 401, {@code WWW-Authenticate: Bearer error="insufficient_user_authentication",
 * acr_values="…"} and a problem body. The attempt is audited (DENIED) through {@link AccessDenied}.
 *
 * <p>A gate in code rather than the annotation because the need depends on the data: the same {@code GET} of a
 * child is identifying for a unit that a consent covers and pseudonymous for another, and only the first needs the
 * second factor. Partner systems (client-credentials tokens of a machine) are not asked for one: they never get
 * the identifying view, and their registrations are the hospital's system speaking.
 */
@RequestScoped
public class StepUp {

    private final StepUpSettings settings;
    private final JsonWebToken token;
    private final Caller caller;
    private final Event<AccessDenied> denials;

    public StepUp(StepUpSettings settings, JsonWebToken token, Caller caller, Event<AccessDenied> denials) {
        this.settings = settings;
        this.token = token;
        this.caller = caller;
        this.denials = denials;
    }

    /** Whether the caller may see or change identifying data as far as the authentication goes. */
    public boolean satisfied() {
        if (!settings.required() || caller.hasRole(Roles.PARTNER_SYSTEM)) {
            return true;
        }
        Object acr = token == null ? null : token.getClaim(Claims.acr.name());
        return acr != null && settings.acrValues().contains(acr.toString().replace("\"", ""));
    }

    /**
     * Passes, or audits the attempt (what would have been read or changed) and throws the step-up challenge.
     *
     * @param action     the audit action that was asked for, e.g. {@code CHILD_READ}
     * @param objectType what it concerns, e.g. {@code child}
     * @param objectId   its id, if any
     */
    public void requireSecondFactor(String action, String objectType, Object objectId) {
        if (satisfied()) {
            return;
        }
        Object acr = token == null ? null : token.getClaim(Claims.acr.name());
        String needed = String.join(" ", settings.acrValues());
        denials.fire(new AccessDenied(action, objectType, objectId == null ? null : objectId.toString(),
                "second factor required: token acr " + (acr == null ? "none" : acr.toString().replace("\"", "")) + ", needs " + needed));
        throw new AuthenticationFailedException("Identifying data of children needs a login with a second factor (acr "
                + needed + "). Log in again asking for acr_values=" + needed + ".", Map.of(OidcConstants.ACR_VALUES, needed));
    }
}
