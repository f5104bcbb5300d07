package jp.tsunagu.common.security;

/** The realm roles of the tsunagu Keycloak realm (README "Security model"). */
public final class Roles {

    public static final String CENTER_ADMIN = "center-admin";
    public static final String CENTER_STAFF = "center-staff";
    public static final String BRANCH_STAFF = "branch-staff";
    public static final String MUNICIPAL_COORDINATOR = "municipal-coordinator";
    public static final String ANALYST = "analyst";
    public static final String PARTNER_SYSTEM = "partner-system";
    public static final String AUDITOR = "auditor";

    private Roles() {
    }
}
