package jp.tsunagu.org;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;

import jp.tsunagu.access.AccessRules;
import jp.tsunagu.access.AccessRules.Reach;
import jp.tsunagu.common.security.Caller;
import jp.tsunagu.common.security.Roles;

/**
 * What the caller may see, resolved once per request from the token's role and org_code:
 * <ul>
 * <li>center-admin, center-staff: the whole prefecture of their unit;</li>
 * <li>branch-staff: cases of the municipalities their branch covers today, and cases received by, owned
 * by or referred to their branch or a unit below it;</li>
 * <li>municipal-coordinator: cases of their municipality and cases received by, owned by or referred to
 * their unit;</li>
 * <li>partner-system: only what that client submitted itself;</li>
 * <li>analyst, auditor, or a token without a known unit: no case data.</li>
 * </ul>
 * Services turn this into query conditions through {@link AccessRules}, so lists, searches, counts and
 * exports can never return more than a by-id read.
 */
@RequestScoped
public class Visibility {

    /** Stands in for an empty IN list, which JPQL does not accept. */
    public static final long NO_UNIT = AccessRules.NO_UNIT;
    public static final String NO_MUNICIPALITY = AccessRules.NO_MUNICIPALITY;

    private final Reach reach;
    private final OrgUnit unit;
    private final List<Long> unitIds;
    private final List<String> lgcodes;
    private final String clientId;

    public Visibility(Caller caller, OrgRepository org, Clock clock) {
        OrgUnit own = caller.orgCode().flatMap(org::unitByCode).orElse(null);
        this.unit = own;
        this.clientId = caller.clientId().orElse(null);
        if (caller.hasRole(Roles.CENTER_ADMIN) || caller.hasRole(Roles.CENTER_STAFF)) {
            reach = own == null ? Reach.NONE : Reach.PREFECTURE;
            unitIds = own == null ? List.of(NO_UNIT) : List.of(own.id);
            lgcodes = List.of(NO_MUNICIPALITY);
        } else if (caller.hasRole(Roles.BRANCH_STAFF) && own != null) {
            reach = Reach.REGION;
            unitIds = withDescendants(org, own);
            List<String> covered = new ArrayList<>(org.coveredBy(own.id, LocalDate.now(clock)).stream().map(m -> m.lgcode).toList());
            if (own.lgcode != null) {
                covered.add(own.lgcode);
            }
            lgcodes = covered.isEmpty() ? List.of(NO_MUNICIPALITY) : covered;
        } else if (caller.hasRole(Roles.MUNICIPAL_COORDINATOR) && own != null) {
            reach = Reach.MUNICIPALITY;
            unitIds = List.of(own.id);
            lgcodes = own.lgcode == null ? List.of(NO_MUNICIPALITY) : List.of(own.lgcode);
        } else if (caller.hasRole(Roles.PARTNER_SYSTEM) && clientId != null) {
            reach = Reach.PARTNER;
            unitIds = List.of(NO_UNIT);
            lgcodes = List.of(NO_MUNICIPALITY);
        } else {
            reach = Reach.NONE;
            unitIds = List.of(NO_UNIT);
            lgcodes = List.of(NO_MUNICIPALITY);
        }
    }

    private static List<Long> withDescendants(OrgRepository org, OrgUnit root) {
        List<Long> ids = new ArrayList<>();
        ids.add(root.id);
        List<OrgUnit> all = org.unitsOfPrefecture(root.prefCode);
        for (int i = 0; i < ids.size(); i++) {
            Long parent = ids.get(i);
            all.stream().filter(u -> parent.equals(u.parentId)).forEach(u -> ids.add(u.id));
        }
        return ids;
    }

    public Reach reach() {
        return reach;
    }

    /** The caller's own unit, when the token names a known one. */
    public OrgUnit unit() {
        return unit;
    }

    public String prefCode() {
        return unit == null ? "--" : unit.prefCode;
    }

    public List<Long> unitIds() {
        return unitIds;
    }

    public List<String> lgcodes() {
        return lgcodes;
    }

    public String clientId() {
        return clientId == null ? "-" : clientId;
    }

    /** The caller's reach as the values {@link AccessRules} renders its conditions with. */
    public AccessRules.Scope scope() {
        return new AccessRules.Scope(reach, unit == null ? null : unit.prefCode, unitIds, lgcodes, clientId);
    }

    /** Whether the caller is center staff or admin at a center unit (center or center site) of the given prefecture. */
    public boolean isCenterOf(String prefCode) {
        return reach == Reach.PREFECTURE && isCenterUnit() && unit.prefCode.equals(prefCode);
    }

    public boolean isCenterUnit() {
        return unit != null && (unit.kind == UnitKind.CENTER || unit.kind == UnitKind.CENTER_SITE);
    }
}
