package jp.tsunagu.events;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A webhook subscription; its secrets are sealed by {@link SecretBox}. */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription {

    public static final String ACTIVE = "ACTIVE";
    public static final String DISABLED = "DISABLED";

    @Id
    public String id;

    @Column(name = "owner_kind", nullable = false, updatable = false)
    public String ownerKind;

    @Column(name = "owner_client_id", updatable = false)
    public String ownerClientId;

    @Column(name = "owner_unit_id", updatable = false)
    public Long ownerUnitId;

    @Column(name = "owner_role", nullable = false, updatable = false)
    public String ownerRole;

    @Column(name = "pref_code", nullable = false, updatable = false)
    public String prefCode;

    @Column(nullable = false)
    public String url;

    @Column(name = "event_types", nullable = false)
    public String eventTypes;

    public String description;

    @Column(name = "secret_current", nullable = false)
    public String secretCurrent;

    @Column(name = "secret_previous")
    public String secretPrevious;

    @Column(name = "previous_until")
    public Instant previousUntil;

    @Column(nullable = false)
    public String state;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** Events after this feed position are delivered (the head when the subscription was made). */
    @Column(name = "from_position", nullable = false, updatable = false)
    public long fromPosition;

    @Version
    public long version;
}
