-- Privacy controls (issue 10):
-- 1. A consent is the record of a signed form (which form, its reference, who took it from whom) and
--    takes effect only after a second person at the prefecture center has checked it against the form.
-- 2. A registration whose possible duplicate lies outside the caller's view becomes a review item for
--    the center instead of a 409 that names the other child.
-- 3. The audit trail is read per prefecture (the prefecture of the actor's unit).
-- 4. Idempotent replays re-render from the stored reference; no response body is kept at rest.

ALTER TABLE consent
    ADD COLUMN state                      VARCHAR(16)  NOT NULL DEFAULT 'PENDING' AFTER child_id,
    ADD COLUMN form_name                  VARCHAR(100) NULL AFTER obtained_by_unit_id,
    ADD COLUMN obtained_by_person         VARCHAR(100) NULL AFTER form_name,
    ADD COLUMN obtained_from_name         VARCHAR(100) NULL AFTER obtained_by_person,
    ADD COLUMN obtained_from_relationship VARCHAR(16)  NULL AFTER obtained_from_name,
    ADD COLUMN recorded_by_unit_id        BIGINT       NULL AFTER recorded_by,
    ADD COLUMN reviewed_by                VARCHAR(100) NULL,
    ADD COLUMN reviewed_by_unit_id        BIGINT       NULL,
    ADD COLUMN reviewed_at                DATETIME(6)  NULL,
    ADD COLUMN review_note                VARCHAR(500) NULL,
    ADD COLUMN withdrawal_received_by     VARCHAR(100) NULL,
    ADD COLUMN withdrawn_by               VARCHAR(100) NULL,
    ADD COLUMN withdrawn_by_unit_id       BIGINT       NULL,
    ADD COLUMN withdrawn_at               DATETIME(6)  NULL;

-- Consents recorded before this version were one person's word: withdrawn ones stay withdrawn, the rest
-- wait on the center's review list like any new consent (identifying data stays off until then).
UPDATE consent SET state = CASE WHEN withdrawn_on IS NULL THEN 'PENDING' ELSE 'WITHDRAWN' END,
                   recorded_by_unit_id = obtained_by_unit_id;

ALTER TABLE consent
    MODIFY COLUMN recorded_by_unit_id BIGINT NOT NULL,
    ADD CONSTRAINT fk_consent_recorded_unit FOREIGN KEY (recorded_by_unit_id) REFERENCES org_unit (id),
    ADD CONSTRAINT fk_consent_reviewed_unit FOREIGN KEY (reviewed_by_unit_id) REFERENCES org_unit (id),
    ADD CONSTRAINT ck_consent_state CHECK (state IN ('PENDING', 'CONFIRMED', 'REJECTED', 'WITHDRAWN')),
    ADD CONSTRAINT ck_consent_relationship CHECK (obtained_from_relationship IS NULL
        OR obtained_from_relationship IN ('MOTHER', 'FATHER', 'GUARDIAN', 'SELF', 'OTHER')),
    -- four eyes, in the database: nobody confirms or rejects a consent they recorded themselves
    ADD CONSTRAINT ck_consent_four_eyes CHECK (reviewed_by IS NULL OR reviewed_by <> recorded_by),
    ADD CONSTRAINT ck_consent_confirmed_reviewed CHECK (state NOT IN ('CONFIRMED', 'REJECTED') OR reviewed_by IS NOT NULL),
    ADD CONSTRAINT ck_consent_withdrawn_dated CHECK (state <> 'WITHDRAWN' OR withdrawn_on IS NOT NULL),
    ADD INDEX ix_consent_state (state, child_id);

CREATE TABLE registration_review (
    id                    CHAR(36)     NOT NULL,
    pref_code             CHAR(2)      NOT NULL,
    state                 VARCHAR(16)  NOT NULL,
    -- the registration as submitted (identifying data: as protected as the child table)
    request_json          MEDIUMTEXT   NOT NULL,
    residence_lgcode      CHAR(6)      NOT NULL,
    requested_by          VARCHAR(100) NOT NULL,
    requested_by_unit_id  BIGINT       NOT NULL,
    created_by_client     VARCHAR(100) NULL,
    requested_at          DATETIME(6)  NOT NULL,
    resolved_by           VARCHAR(100) NULL,
    resolved_by_unit_id   BIGINT       NULL,
    resolved_at           DATETIME(6)  NULL,
    resolution_note       VARCHAR(500) NULL,
    -- the registered child (REGISTERED) or the existing child it matched (MATCHED_EXISTING)
    child_id              CHAR(36)     NULL,
    version               BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT fk_review_unit FOREIGN KEY (requested_by_unit_id) REFERENCES org_unit (id),
    CONSTRAINT fk_review_resolved_unit FOREIGN KEY (resolved_by_unit_id) REFERENCES org_unit (id),
    CONSTRAINT fk_review_child FOREIGN KEY (child_id) REFERENCES child (id),
    CONSTRAINT fk_review_municipality FOREIGN KEY (residence_lgcode) REFERENCES municipality (lgcode),
    CONSTRAINT ck_review_state CHECK (state IN ('PENDING', 'REGISTERED', 'MATCHED_EXISTING')),
    CONSTRAINT ck_review_resolved CHECK (state = 'PENDING' OR (resolved_by IS NOT NULL AND child_id IS NOT NULL)),
    INDEX ix_review_pref_state (pref_code, state, requested_at),
    INDEX ix_review_unit (requested_by_unit_id, requested_at),
    INDEX ix_review_client (created_by_client, requested_at)
) ENGINE=InnoDB;

CREATE TABLE registration_review_candidate (
    review_id  CHAR(36) NOT NULL,
    child_id   CHAR(36) NOT NULL,
    PRIMARY KEY (review_id, child_id),
    CONSTRAINT fk_review_candidate_review FOREIGN KEY (review_id) REFERENCES registration_review (id),
    CONSTRAINT fk_review_candidate_child FOREIGN KEY (child_id) REFERENCES child (id)
) ENGINE=InnoDB;

-- The trail is read per prefecture: a row belongs to the prefecture of the actor's unit (unit_code),
-- looked up through org_unit at read time, so the hashed content of no row changes.
ALTER TABLE audit_event ADD INDEX ix_audit_unit (unit_code, id);

-- Replays re-render from the Location; bodies with identifying data are not kept at rest.
UPDATE idempotency_record SET response_body = NULL;
