-- The audit trail: append-only, hash-chained. Every row carries the SHA-256 of its own content and of
-- the previous row, so a row changed or removed behind the service's back breaks the chain and
-- GET /api/v1/audit/verify finds it. The service's database user may only SELECT and INSERT here
-- (grants in R__grants.sql); audit_chain_head serialises writers so the chain stays linear.

CREATE TABLE audit_event (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    occurred_at   TIMESTAMP(6)  NOT NULL,
    subject       VARCHAR(100)  NOT NULL,
    role          VARCHAR(200)  NULL,
    unit_code     VARCHAR(64)   NULL,
    action        VARCHAR(64)   NOT NULL,
    object_type   VARCHAR(32)   NULL,
    object_id     VARCHAR(64)   NULL,
    outcome       VARCHAR(16)   NOT NULL,
    request_id    VARCHAR(64)   NULL,
    detail        VARCHAR(500)  NULL,
    prev_hash     CHAR(64)      NOT NULL,
    row_hash      CHAR(64)      NOT NULL,
    PRIMARY KEY (id),
    INDEX ix_audit_time (occurred_at),
    INDEX ix_audit_subject (subject, occurred_at),
    INDEX ix_audit_object (object_type, object_id),
    INDEX ix_audit_action (action, occurred_at)
) ENGINE=InnoDB;

CREATE TABLE audit_chain_head (
    id         TINYINT  NOT NULL,
    last_id    BIGINT   NOT NULL,
    last_hash  CHAR(64) NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB;

INSERT INTO audit_chain_head (id, last_id, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
