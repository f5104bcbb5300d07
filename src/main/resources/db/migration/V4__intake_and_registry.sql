-- Consultation intake (相談受付), the shared timeline (共有シート), the child registry with consent (同意書),
-- and the idempotency records of partner submissions.

CREATE TABLE child (
    id                       CHAR(36)     NOT NULL,
    pref_code                CHAR(2)      NOT NULL,
    family_name              VARCHAR(50)  NOT NULL,
    given_name               VARCHAR(50)  NOT NULL,
    family_name_kana         VARCHAR(100) NOT NULL,
    given_name_kana          VARCHAR(100) NOT NULL,
    -- hiragana, NFKC, no spaces: what the duplicate check compares
    name_kana_key            VARCHAR(200) NOT NULL,
    birth_date               DATE         NOT NULL,
    sex                      VARCHAR(16)  NOT NULL,
    residence_lgcode         CHAR(6)      NOT NULL,
    guardian_name            VARCHAR(100) NULL,
    guardian_phone           VARCHAR(20)  NULL,
    guardian_email           VARCHAR(200) NULL,
    mobile_with_care         BOOLEAN      NOT NULL DEFAULT FALSE,
    severe_disability        BOOLEAN      NOT NULL DEFAULT FALSE,
    ventilator_dependent     BOOLEAN      NOT NULL DEFAULT FALSE,
    primary_hospital         VARCHAR(200) NULL,
    registration_source      VARCHAR(32)  NOT NULL,
    registered_by_unit_id    BIGINT       NOT NULL,
    created_by               VARCHAR(100) NOT NULL,
    created_by_client        VARCHAR(100) NULL,
    version                  BIGINT       NOT NULL DEFAULT 0,
    created_at               TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at               TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    CONSTRAINT fk_child_municipality FOREIGN KEY (residence_lgcode) REFERENCES municipality (lgcode),
    CONSTRAINT fk_child_unit FOREIGN KEY (registered_by_unit_id) REFERENCES org_unit (id),
    INDEX ix_child_duplicate (name_kana_key, birth_date, residence_lgcode),
    INDEX ix_child_residence (residence_lgcode),
    INDEX ix_child_pref (pref_code),
    INDEX ix_child_client (created_by_client)
) ENGINE=InnoDB;

CREATE TABLE child_care_type (
    child_id   CHAR(36)    NOT NULL,
    care_code  VARCHAR(64) NOT NULL,
    PRIMARY KEY (child_id, care_code),
    CONSTRAINT fk_child_care_child FOREIGN KEY (child_id) REFERENCES child (id),
    INDEX ix_child_care_code (care_code)
) ENGINE=InnoDB;

CREATE TABLE consent (
    id                  BIGINT       NOT NULL AUTO_INCREMENT,
    child_id            CHAR(36)     NOT NULL,
    share_center        BOOLEAN      NOT NULL,
    share_residence     BOOLEAN      NOT NULL,
    share_referrals     BOOLEAN      NOT NULL,
    obtained_on         DATE         NOT NULL,
    obtained_by_unit_id BIGINT       NOT NULL,
    document_ref        VARCHAR(200) NULL,
    withdrawn_on        DATE         NULL,
    recorded_by         VARCHAR(100) NOT NULL,
    created_at          TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    CONSTRAINT fk_consent_child FOREIGN KEY (child_id) REFERENCES child (id),
    CONSTRAINT fk_consent_unit FOREIGN KEY (obtained_by_unit_id) REFERENCES org_unit (id),
    INDEX ix_consent_child (child_id, withdrawn_on)
) ENGINE=InnoDB;

CREATE TABLE consultation (
    id                      CHAR(36)      NOT NULL,
    pref_code               CHAR(2)       NOT NULL,
    received_at             TIMESTAMP(3)  NOT NULL,
    -- the receiving day in Japan (Asia/Tokyo): what periods and fiscal years count
    received_on             DATE          NOT NULL,
    receiving_unit_id       BIGINT        NOT NULL,
    owner_unit_id           BIGINT        NOT NULL,
    channel                 VARCHAR(64)   NOT NULL,
    requester_type          VARCHAR(64)   NOT NULL,
    kind                    VARCHAR(16)   NOT NULL,
    residence_lgcode        CHAR(6)       NULL,
    child_id                CHAR(36)      NULL,
    anonymous               BOOLEAN       NOT NULL DEFAULT FALSE,
    chief_complaint         VARCHAR(2000) NOT NULL,
    urgency                 VARCHAR(16)   NOT NULL,
    status                  VARCHAR(16)   NOT NULL,
    closure_reason          VARCHAR(32)   NULL,
    coordinator_id          BIGINT        NULL,
    created_by              VARCHAR(100)  NOT NULL,
    created_by_client       VARCHAR(100)  NULL,
    version                 BIGINT        NOT NULL DEFAULT 0,
    created_at              TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at              TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    CONSTRAINT fk_consultation_receiving FOREIGN KEY (receiving_unit_id) REFERENCES org_unit (id),
    CONSTRAINT fk_consultation_owner FOREIGN KEY (owner_unit_id) REFERENCES org_unit (id),
    CONSTRAINT fk_consultation_municipality FOREIGN KEY (residence_lgcode) REFERENCES municipality (lgcode),
    CONSTRAINT fk_consultation_child FOREIGN KEY (child_id) REFERENCES child (id),
    CONSTRAINT fk_consultation_coordinator FOREIGN KEY (coordinator_id) REFERENCES coordinator (id),
    CONSTRAINT ck_consultation_kind CHECK (kind IN ('INDIVIDUAL', 'COMMUNITY')),
    CONSTRAINT ck_consultation_status CHECK (status IN ('OPEN', 'IN_PROGRESS', 'CLOSED')),
    INDEX ix_consultation_pref_received (pref_code, received_on),
    INDEX ix_consultation_receiving (receiving_unit_id, received_on),
    INDEX ix_consultation_owner (owner_unit_id, status),
    INDEX ix_consultation_residence (residence_lgcode, received_on),
    INDEX ix_consultation_status (status, received_on),
    INDEX ix_consultation_child (child_id),
    INDEX ix_consultation_client (created_by_client, received_at),
    INDEX ix_consultation_coordinator (coordinator_id, status)
) ENGINE=InnoDB;

CREATE TABLE consultation_topic (
    consultation_id CHAR(36)    NOT NULL,
    topic           VARCHAR(64) NOT NULL,
    PRIMARY KEY (consultation_id, topic),
    CONSTRAINT fk_consultation_topic FOREIGN KEY (consultation_id) REFERENCES consultation (id),
    INDEX ix_consultation_topic (topic, consultation_id)
) ENGINE=InnoDB;

CREATE TABLE consultation_status_change (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    consultation_id  CHAR(36)      NOT NULL,
    from_status      VARCHAR(16)   NULL,
    to_status        VARCHAR(16)   NOT NULL,
    closure_reason   VARCHAR(32)   NULL,
    note             VARCHAR(1000) NULL,
    changed_by       VARCHAR(100)  NOT NULL,
    unit_id          BIGINT        NULL,
    changed_at       TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_status_change_consultation FOREIGN KEY (consultation_id) REFERENCES consultation (id),
    INDEX ix_status_change_consultation (consultation_id, id)
) ENGINE=InnoDB;

-- Append-only: corrections are new entries pointing at the corrected one.
CREATE TABLE timeline_entry (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    consultation_id  CHAR(36)      NOT NULL,
    entry_type       VARCHAR(32)   NOT NULL,
    body             VARCHAR(4000) NOT NULL,
    corrects_id      BIGINT        NULL,
    author           VARCHAR(100)  NOT NULL,
    author_unit_id   BIGINT        NULL,
    created_at       TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_timeline_consultation FOREIGN KEY (consultation_id) REFERENCES consultation (id),
    CONSTRAINT fk_timeline_corrects FOREIGN KEY (corrects_id) REFERENCES timeline_entry (id),
    INDEX ix_timeline_consultation (consultation_id, id)
) ENGINE=InnoDB;

-- Idempotency-Key records of partner submissions (IETF httpapi-idempotency-key-header), per client.
CREATE TABLE idempotency_record (
    client_id        VARCHAR(100)  NOT NULL,
    idem_key         VARCHAR(255)  NOT NULL,
    request_hash     CHAR(64)      NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    response_status  INT           NULL,
    response_body    MEDIUMTEXT    NULL,
    location         VARCHAR(300)  NULL,
    created_at       TIMESTAMP(3)  NOT NULL,
    expires_at       TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (client_id, idem_key),
    INDEX ix_idempotency_expiry (expires_at)
) ENGINE=InnoDB;
