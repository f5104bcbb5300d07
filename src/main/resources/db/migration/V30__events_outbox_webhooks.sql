-- The event side of the API (issue 18): a transactional outbox, the change feed and webhook deliveries.
--
-- event: written in the same transaction as the change it describes (jp.tsunagu.events.Outbox). Thin: ids, states,
-- codes and unit codes only, never identifying data. subject_version numbers the events of one subject
-- (consultation, referral or child) 1, 2, 3 ... and the unique key holds that per subject. feed_position is given
-- by the publisher after commit, one publisher at a time (event_publisher's row lock), so positions are handed out
-- in commit order and a reader resuming "after position p" can never miss an event that committed late with a
-- smaller seq: that is why the feed's cursor is not the auto-increment seq.
CREATE TABLE event (
    seq              BIGINT        NOT NULL AUTO_INCREMENT,
    id               CHAR(36)      NOT NULL,
    type             VARCHAR(48)   NOT NULL,
    occurred_at      DATETIME(6)   NOT NULL,
    subject_type     VARCHAR(16)   NOT NULL,
    subject_id       VARCHAR(36)   NOT NULL,
    subject_version  BIGINT        NOT NULL,
    pref_code        CHAR(2)       NOT NULL,
    units            VARCHAR(1000) NOT NULL,
    data             VARCHAR(4000) NOT NULL,
    feed_position    BIGINT        NULL,
    published_at     DATETIME(6)   NULL,
    PRIMARY KEY (seq),
    UNIQUE KEY ux_event_id (id),
    UNIQUE KEY ux_event_subject_version (subject_type, subject_id, subject_version),
    UNIQUE KEY ux_event_feed_position (feed_position),
    CONSTRAINT ck_event_subject_type CHECK (subject_type IN ('consultation', 'referral', 'child')),
    CONSTRAINT ck_event_version CHECK (subject_version >= 1),
    CONSTRAINT ck_event_units CHECK (JSON_VALID(units)),
    CONSTRAINT ck_event_data CHECK (JSON_VALID(data))
) ENGINE=InnoDB;

-- The last version handed out per subject: an upsert on this row serialises the writers of one subject, so two
-- concurrent changes of one consultation get versions n and n+1 (the second waits) instead of one failing.
CREATE TABLE event_stream (
    subject_type VARCHAR(16) NOT NULL,
    subject_id   VARCHAR(36) NOT NULL,
    version      BIGINT      NOT NULL,
    PRIMARY KEY (subject_type, subject_id)
) ENGINE=InnoDB;

-- One row: the last feed position given. Whoever holds its row lock publishes; other instances skip (SKIP LOCKED).
CREATE TABLE event_publisher (
    name          VARCHAR(16) NOT NULL,
    last_position BIGINT      NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB;
INSERT INTO event_publisher (name, last_position) VALUES ('feed', 0);

-- Subscriptions: owned by a partner client (owner_client_id) or by a unit (owner_unit_id with the role its
-- creator held, so delivery is scoped like that unit's reads). Secrets are stored encrypted (AES-GCM with a key
-- from the service's configuration, never in the database); secret_previous stays valid until previous_until.
CREATE TABLE webhook_subscription (
    id                 CHAR(36)      NOT NULL,
    owner_kind         VARCHAR(8)    NOT NULL,
    owner_client_id    VARCHAR(255)  NULL,
    owner_unit_id      BIGINT        NULL,
    owner_role         VARCHAR(32)   NOT NULL,
    pref_code          CHAR(2)       NOT NULL,
    url                VARCHAR(2000) NOT NULL,
    event_types        VARCHAR(2000) NOT NULL,
    description        VARCHAR(200)  NULL,
    secret_current     VARCHAR(200)  NOT NULL,
    secret_previous    VARCHAR(200)  NULL,
    previous_until     DATETIME(6)   NULL,
    state              VARCHAR(8)    NOT NULL,
    disabled_reason    VARCHAR(500)  NULL,
    disabled_at        DATETIME(6)   NULL,
    created_by         VARCHAR(255)  NOT NULL,
    created_at         DATETIME(6)   NOT NULL,
    from_position      BIGINT        NOT NULL,
    version            BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    KEY ix_webhook_subscription_owner (owner_kind, owner_client_id, owner_unit_id),
    CONSTRAINT ck_webhook_owner CHECK ((owner_kind = 'CLIENT' AND owner_client_id IS NOT NULL AND owner_unit_id IS NULL)
        OR (owner_kind = 'UNIT' AND owner_unit_id IS NOT NULL AND owner_client_id IS NULL)),
    CONSTRAINT ck_webhook_state CHECK (state IN ('ACTIVE', 'DISABLED')),
    CONSTRAINT ck_webhook_disabled CHECK (state = 'ACTIVE' OR disabled_reason IS NOT NULL),
    CONSTRAINT ck_webhook_types CHECK (JSON_VALID(event_types))
) ENGINE=InnoDB;

-- One row per (subscription, event) to deliver; a redelivery is a new row. Claimed by a worker with
-- SELECT ... FOR UPDATE SKIP LOCKED and a lease (lease_until), so a worker that dies mid-delivery leaves a row
-- another worker takes when the lease runs out. subject_key orders the deliveries of one subject per subscription.
CREATE TABLE webhook_delivery (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    subscription_id  CHAR(36)      NOT NULL,
    event_seq        BIGINT        NOT NULL,
    feed_position    BIGINT        NOT NULL,
    subject_key      VARCHAR(60)   NOT NULL,
    status           VARCHAR(10)   NOT NULL,
    attempts         INT           NOT NULL DEFAULT 0,
    next_attempt_at  DATETIME(6)   NOT NULL,
    lease_owner      VARCHAR(64)   NULL,
    lease_until      DATETIME(6)   NULL,
    last_attempt_at  DATETIME(6)   NULL,
    last_status      INT           NULL,
    last_error       VARCHAR(300)  NULL,
    delivered_at     DATETIME(6)   NULL,
    created_at       DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_webhook_delivery_due (status, next_attempt_at),
    KEY ix_webhook_delivery_subject (subscription_id, subject_key, feed_position),
    KEY ix_webhook_delivery_event (event_seq),
    CONSTRAINT fk_webhook_delivery_subscription FOREIGN KEY (subscription_id) REFERENCES webhook_subscription (id),
    CONSTRAINT fk_webhook_delivery_event FOREIGN KEY (event_seq) REFERENCES event (seq),
    CONSTRAINT ck_webhook_delivery_status CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED', 'CANCELLED'))
) ENGINE=InnoDB;

-- referral.overdue once per referral and overdue period: the period's key is unique, so of two instances running
-- the job at once only one inserts it (and writes the event in the same transaction).
CREATE TABLE referral_overdue_raised (
    referral_id CHAR(36)    NOT NULL,
    period_key  VARCHAR(80) NOT NULL,
    raised_at   DATETIME(6) NOT NULL,
    PRIMARY KEY (referral_id, period_key)
) ENGINE=InnoDB;

-- Scheduled jobs that must run on one instance at a time take a lease here (a conditional update).
CREATE TABLE job_lease (
    name        VARCHAR(32) NOT NULL,
    owner       VARCHAR(64) NULL,
    lease_until DATETIME(6) NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB;
INSERT INTO job_lease (name, owner, lease_until) VALUES ('referral-overdue', NULL, '2000-01-01 00:00:00');
