package jp.tsunagu.org;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import jp.tsunagu.common.security.Caller;

/** The caller's place in the tiers: their unit (from the org_code claim) and its prefecture. */
@RequestScoped
public class OrgAccess {

    private final Caller caller;
    private final OrgRepository repository;
    private final jp.tsunagu.audit.AuditLog audit;

    public OrgAccess(Caller caller, OrgRepository repository, jp.tsunagu.audit.AuditLog audit) {
        this.caller = caller;
        this.repository = repository;
        this.audit = audit;
    }

    public Optional<OrgUnit> callerUnit() {
        return caller.orgCode().flatMap(repository::unitByCode);
    }

    /** Center admins manage their own prefecture only. */
    public void requireAdminOf(String prefCode) {
        String own = callerUnit().map(u -> u.prefCode).orElse(null);
        if (!prefCode.equals(own)) {
            throw audit.refuse("ORG_ADMIN", "prefecture", prefCode,
                    "You manage the organization of prefecture " + (own == null ? "(none)" : own) + " only.");
        }
    }
}
