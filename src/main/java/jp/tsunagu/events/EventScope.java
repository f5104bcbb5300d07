package jp.tsunagu.events;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import jp.tsunagu.access.AccessRules;
import jp.tsunagu.common.security.Caller;
import jp.tsunagu.org.OrgRepository;
import jp.tsunagu.org.Visibility;

/**
 * Who may see an event: exactly who may read its subject now. The condition joins each event to its subject's
 * current row and applies the subject's read rule from {@link AccessRules}, so scope is evaluated when the feed is
 * read or a delivery is made, against the current state: a case that left a unit's scope stops flowing to it (also
 * its earlier events, on a replay), and a case referred to a unit brings its earlier events along.
 */
@ApplicationScoped
public class EventScope {

    private final OrgRepository org;
    private final Clock clock;

    public EventScope(OrgRepository org, Clock clock) {
        this.org = org;
        this.clock = clock;
    }

    /** Native SQL over alias {@code e} (an event row). */
    public static AccessRules.Condition condition(AccessRules.Scope scope, String e) {
        AccessRules.Condition consultations = AccessRules.consultations(scope, AccessRules.Dialect.SQL, "evc");
        AccessRules.Condition referrals = AccessRules.referrals(scope, AccessRules.Dialect.SQL, "evr");
        AccessRules.Condition children = AccessRules.children(scope, AccessRules.Dialect.SQL, "evk");
        AccessRules.Condition plans = AccessRules.dischargePlans(scope, AccessRules.Dialect.SQL, "evd");
        Map<String, Object> p = new HashMap<>();
        for (AccessRules.Condition c : List.of(consultations, referrals, children, plans)) {
            c.parameters().forEach((name, value) -> {
                Object before = p.putIfAbsent(name, value);
                if (before != null && !before.equals(value)) {
                    throw new IllegalStateException("two read rules bind " + name + " differently");
                }
            });
        }
        String text = "((" + e + ".subject_type = 'consultation' and exists (select 1 from consultation evc where evc.id = " + e
                + ".subject_id and " + consultations.text() + "))"
                + " or (" + e + ".subject_type = 'referral' and exists (select 1 from referral evr where evr.id = " + e
                + ".subject_id and " + referrals.text() + "))"
                + " or (" + e + ".subject_type = 'child' and exists (select 1 from child evk where evk.id = " + e
                + ".subject_id and " + children.text() + "))"
                + " or (" + e + ".subject_type = 'discharge_plan' and exists (select 1 from discharge_plan evd where evd.id = " + e
                + ".subject_id and " + plans.text() + ")))";
        return new AccessRules.Condition(text, p);
    }

    /**
     * The scope of a subscription's owner as it is now, resolved by the same {@link Visibility} as a request of
     * that owner would be: a partner client, or a unit with the role its subscription was made with.
     */
    public AccessRules.Scope ofOwner(String role, String unitCode, String clientId) {
        return new Visibility(new OwnerCaller(role, unitCode, clientId), org, clock).scope();
    }

    /** A caller made from a stored owner, for {@link Visibility}; outside any request. */
    static final class OwnerCaller extends Caller {

        private final String role;
        private final String unitCode;
        private final String clientId;

        OwnerCaller(String role, String unitCode, String clientId) {
            this.role = role;
            this.unitCode = unitCode;
            this.clientId = clientId;
        }

        @Override
        public String subject() {
            return "webhook-dispatcher";
        }

        @Override
        public Optional<String> orgCode() {
            return Optional.ofNullable(unitCode);
        }

        @Override
        public boolean isAuthenticated() {
            return true;
        }

        @Override
        public Set<String> roles() {
            return Set.of(role);
        }

        @Override
        public Optional<String> clientId() {
            return Optional.ofNullable(clientId);
        }

        @Override
        public boolean hasRole(String r) {
            return role.equals(r);
        }
    }
}
