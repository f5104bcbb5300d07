package jp.tsunagu.common.security;

/**
 * A request turned away before any feature ran (the role check of an endpoint): fired as a CDI event so the
 * audit trail records it without {@code common} knowing the audit feature.
 */
public record AccessDenied(String action, String objectType, String objectId, String detail) {
}
