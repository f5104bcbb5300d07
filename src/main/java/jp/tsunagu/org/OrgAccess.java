package jp.tsunagu.org;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.ProblemType;
import jp.tsunagu.common.security.Caller;

/** The caller's place in the tiers: their unit (from the org_code claim) and its prefecture. */
@RequestScoped
public class OrgAccess {

    private final Caller caller;
    private final OrgRepository repository;

    public OrgAccess(Caller caller, OrgRepository repository) {
        this.caller = caller;
        this.repository = repository;
    }

    public Optional<OrgUnit> callerUnit() {
        return caller.orgCode().flatMap(repository::unitByCode);
    }

    /** Center admins manage their own prefecture only. */
    public void requireAdminOf(String prefCode) {
        String own = callerUnit().map(u -> u.prefCode).orElse(null);
        if (!prefCode.equals(own)) {
            throw new ApiProblem(ProblemType.FORBIDDEN,
                    "You manage the organization of prefecture " + (own == null ? "(none)" : own) + " only.");
        }
    }
}
