-- Referral hand-offs between tiers (引継ぎ・移管・後方支援). Sender and receiver are kept twice: as ids for
-- scope and as a snapshot of code, kind, tier and region at request time, so statistics stay right
-- after a reorganisation or a family's move.

CREATE TABLE referral (
    id                    CHAR(36)      NOT NULL,
    consultation_id       CHAR(36)      NOT NULL,
    pref_code             CHAR(2)       NOT NULL,
    kind                  VARCHAR(16)   NOT NULL,
    direction             VARCHAR(16)   NOT NULL,
    state                 VARCHAR(16)   NOT NULL,
    sender_unit_id        BIGINT        NOT NULL,
    sender_unit_code      VARCHAR(64)   NOT NULL,
    sender_unit_kind      VARCHAR(32)   NOT NULL,
    sender_tier           INT           NOT NULL,
    sender_region_code    VARCHAR(64)   NULL,
    receiver_unit_id      BIGINT        NOT NULL,
    receiver_unit_code    VARCHAR(64)   NOT NULL,
    receiver_unit_kind    VARCHAR(32)   NOT NULL,
    receiver_tier         INT           NOT NULL,
    receiver_region_code  VARCHAR(64)   NULL,
    request_text          VARCHAR(2000) NOT NULL,
    requested_by          VARCHAR(100)  NOT NULL,
    requested_at          TIMESTAMP(3)  NOT NULL,
    answered_at           TIMESTAMP(3)  NULL,
    accepted_at           TIMESTAMP(3)  NULL,
    ended_at              TIMESTAMP(3)  NULL,
    last_report_at        TIMESTAMP(3)  NULL,
    reason_code           VARCHAR(32)   NULL,
    reason_text           VARCHAR(2000) NULL,
    outcome_code          VARCHAR(32)   NULL,
    outcome_text          VARCHAR(2000) NULL,
    version               BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT fk_referral_consultation FOREIGN KEY (consultation_id) REFERENCES consultation (id),
    CONSTRAINT fk_referral_sender FOREIGN KEY (sender_unit_id) REFERENCES org_unit (id),
    CONSTRAINT fk_referral_receiver FOREIGN KEY (receiver_unit_id) REFERENCES org_unit (id),
    CONSTRAINT ck_referral_kind CHECK (kind IN ('ESCALATION', 'TRANSFER', 'CONSULT')),
    CONSTRAINT ck_referral_direction CHECK (direction IN ('UP', 'DOWN', 'LATERAL')),
    INDEX ix_referral_receiver (receiver_unit_id, state, requested_at),
    INDEX ix_referral_sender (sender_unit_id, state, requested_at),
    INDEX ix_referral_consultation (consultation_id, state),
    INDEX ix_referral_pref (pref_code, requested_at)
) ENGINE=InnoDB;

CREATE TABLE referral_transition (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    referral_id    CHAR(36)      NOT NULL,
    action         VARCHAR(32)   NOT NULL,
    from_state     VARCHAR(16)   NULL,
    to_state       VARCHAR(16)   NOT NULL,
    actor          VARCHAR(100)  NOT NULL,
    actor_unit_id  BIGINT        NULL,
    reason_code    VARCHAR(32)   NULL,
    text           VARCHAR(2000) NULL,
    occurred_at    TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_transition_referral FOREIGN KEY (referral_id) REFERENCES referral (id),
    INDEX ix_transition_referral (referral_id, id)
) ENGINE=InnoDB;

CREATE TABLE referral_report (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    referral_id    CHAR(36)      NOT NULL,
    status         VARCHAR(32)   NOT NULL,
    body           VARCHAR(4000) NOT NULL,
    author         VARCHAR(100)  NOT NULL,
    author_unit_id BIGINT        NULL,
    created_at     TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_report_referral FOREIGN KEY (referral_id) REFERENCES referral (id),
    INDEX ix_report_referral (referral_id, id)
) ENGINE=InnoDB;
