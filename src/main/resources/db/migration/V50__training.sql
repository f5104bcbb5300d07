-- Coordinator training (issue 21): courses of a prefecture (養成研修, フォローアップ研修, ...), their sessions, and who
-- attended. A session's fiscal year (April..March, Japan's calendar) is computed by the database from its first day,
-- so no path can store a session under the wrong year. An attendee is either a coordinator of the register or an
-- external person with profession and organisation; the profession is kept as it was at enrolment, so statistics
-- of past years do not move when a coordinator changes job. Who changed what when is in the audit trail (no
-- timestamp columns here).

CREATE TABLE training_course (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    pref_code   CHAR(2)      NOT NULL,
    code        VARCHAR(64)  NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    title_ja    VARCHAR(100) NOT NULL,
    title_en    VARCHAR(200) NULL,
    version     BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uq_training_course_code UNIQUE (pref_code, code),
    CONSTRAINT ck_training_course_kind CHECK (kind IN ('BASIC', 'FOLLOW_UP', 'OTHER'))
) ENGINE=InnoDB;

CREATE TABLE training_session (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    course_id    BIGINT       NOT NULL,
    label        VARCHAR(100) NOT NULL,
    starts_on    DATE         NOT NULL,
    ends_on      DATE         NOT NULL,
    fiscal_year  SMALLINT AS (YEAR(starts_on) - IF(MONTH(starts_on) < 4, 1, 0)) PERSISTENT,
    version      BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT fk_training_session_course FOREIGN KEY (course_id) REFERENCES training_course (id),
    CONSTRAINT ck_training_session_days CHECK (ends_on >= starts_on),
    INDEX ix_training_session_course_year (course_id, fiscal_year)
) ENGINE=InnoDB;

CREATE TABLE training_attendee (
    id                     BIGINT       NOT NULL AUTO_INCREMENT,
    session_id             BIGINT       NOT NULL,
    coordinator_id         BIGINT       NULL,
    external_name          VARCHAR(100) NULL,
    external_organisation  VARCHAR(200) NULL,
    profession             VARCHAR(32)  NOT NULL,
    status                 VARCHAR(16)  NOT NULL DEFAULT 'REGISTERED',
    completed_on           DATE         NULL,
    version                BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT fk_training_attendee_session FOREIGN KEY (session_id) REFERENCES training_session (id),
    CONSTRAINT fk_training_attendee_coordinator FOREIGN KEY (coordinator_id) REFERENCES coordinator (id),
    -- a coordinator is enrolled in a session once (NULLs of external attendees do not collide)
    CONSTRAINT uq_training_attendee_coordinator UNIQUE (session_id, coordinator_id),
    CONSTRAINT ck_training_attendee_who CHECK ((coordinator_id IS NOT NULL AND external_name IS NULL AND external_organisation IS NULL)
        OR (coordinator_id IS NULL AND external_name IS NOT NULL AND external_organisation IS NOT NULL)),
    CONSTRAINT ck_training_attendee_status CHECK (status IN ('REGISTERED', 'ATTENDED', 'ABSENT', 'COMPLETED', 'INCOMPLETE')),
    CONSTRAINT ck_training_attendee_completed CHECK ((status = 'COMPLETED') = (completed_on IS NOT NULL)),
    CONSTRAINT ck_training_attendee_profession CHECK (profession IN ('SUPPORT_SPECIALIST', 'PUBLIC_HEALTH_NURSE', 'NURSE',
        'SOCIAL_WORKER', 'PSYCHIATRIC_SOCIAL_WORKER', 'CHILDCARE_WORKER', 'MEDICAL_SOCIAL_WORKER', 'ADMINISTRATIVE', 'OTHER')),
    INDEX ix_training_attendee_coordinator (coordinator_id, status),
    INDEX ix_training_attendee_status (status, completed_on)
) ENGINE=InnoDB;
