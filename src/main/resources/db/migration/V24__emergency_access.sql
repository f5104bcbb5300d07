-- Break-the-glass (緊急時アクセス): a staff member in scope of a child whom no consent covers reads the child's
-- identifying data in an emergency (APPI art. 27(1)(ii): to protect life or health when consent cannot be obtained).
-- Granted at once to that person only, for a short time; every read under it is recorded; the prefecture center
-- reviews each grant afterwards and marks it justified or not.
CREATE TABLE emergency_access (
    id                  BIGINT        NOT NULL AUTO_INCREMENT,
    child_id            CHAR(36)      NOT NULL,
    -- the child's prefecture: whose center reviews it
    pref_code           CHAR(2)       NOT NULL,
    grantee             VARCHAR(100)  NOT NULL,
    grantee_unit_id     BIGINT        NOT NULL,
    reason_code         VARCHAR(32)   NOT NULL,
    reason_text         VARCHAR(1000) NOT NULL,
    granted_at          DATETIME(6)   NOT NULL,
    expires_at          DATETIME(6)   NOT NULL,
    -- set when the grantee ends it early, or to expires_at when it is closed after expiry
    ended_at            DATETIME(6)   NULL,
    ended_early         BOOLEAN       NOT NULL DEFAULT FALSE,
    review_state        VARCHAR(16)   NOT NULL DEFAULT 'UNREVIEWED',
    reviewed_by         VARCHAR(100)  NULL,
    reviewed_by_unit_id BIGINT        NULL,
    reviewed_at         DATETIME(6)   NULL,
    review_note         VARCHAR(1000) NULL,
    version             BIGINT        NOT NULL DEFAULT 0,
    -- One open grant per person and child, held by the database: the marker is 1 while the grant is not closed and NULL
    -- after, and a unique key over (grantee, child_id, open_marker) refuses a second open one, whichever request comes
    -- second. (MariaDB refuses CHAR columns and string literals in a generated column's expression, hence a number.)
    open_marker         TINYINT       AS (CASE WHEN ended_at IS NULL THEN 1 ELSE NULL END) PERSISTENT,
    PRIMARY KEY (id),
    UNIQUE INDEX ux_emergency_one_open_per_person_child (grantee, child_id, open_marker),
    CONSTRAINT fk_emergency_child FOREIGN KEY (child_id) REFERENCES child (id),
    CONSTRAINT fk_emergency_unit FOREIGN KEY (grantee_unit_id) REFERENCES org_unit (id),
    CONSTRAINT fk_emergency_reviewer_unit FOREIGN KEY (reviewed_by_unit_id) REFERENCES org_unit (id),
    CONSTRAINT ck_emergency_reason CHECK (reason_code IN ('LIFE_OR_HEALTH', 'DISASTER', 'EMERGENCY_TRANSPORT', 'CHILD_PROTECTION')),
    CONSTRAINT ck_emergency_reason_text CHECK (CHAR_LENGTH(TRIM(reason_text)) > 0),
    CONSTRAINT ck_emergency_period CHECK (expires_at > granted_at AND (ended_at IS NULL OR (ended_at >= granted_at AND ended_at <= expires_at))),
    CONSTRAINT ck_emergency_review_state CHECK (review_state IN ('UNREVIEWED', 'JUSTIFIED', 'NOT_JUSTIFIED')),
    -- a decided review names its reviewer and time, and the reviewer is not the person who used the access
    CONSTRAINT ck_emergency_reviewed CHECK (review_state = 'UNREVIEWED'
        OR (reviewed_by IS NOT NULL AND reviewed_at IS NOT NULL AND reviewed_by_unit_id IS NOT NULL AND reviewed_by <> grantee)),
    INDEX ix_emergency_review (pref_code, review_state, granted_at),
    INDEX ix_emergency_child (child_id, granted_at)
) ENGINE=InnoDB;

-- What was read under a grant, one row per read (append-only for the service, like the audit trail it mirrors).
CREATE TABLE emergency_access_read (
    id         BIGINT      NOT NULL AUTO_INCREMENT,
    access_id  BIGINT      NOT NULL,
    read_at    DATETIME(6) NOT NULL,
    what       VARCHAR(64) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_emergency_read_access FOREIGN KEY (access_id) REFERENCES emergency_access (id),
    INDEX ix_emergency_read_access (access_id, read_at)
) ENGINE=InnoDB;
