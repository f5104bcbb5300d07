-- Home-care support plans at hospital discharge (在宅生活支援プラン, issue 21): a hospital partner drafts one for a registered
-- child, the center completes it and hands it to the municipality through a referral. Items are what has to be arranged
-- before the child goes home, each with who arranges it (a unit, or an external party named in text) and by when.
-- No timestamp columns: who did what when is in the audit trail.

CREATE TABLE discharge_plan (
    id                    CHAR(36)     NOT NULL,
    pref_code             CHAR(2)      NOT NULL,
    child_id              CHAR(36)     NOT NULL,
    state                 VARCHAR(16)  NOT NULL DEFAULT 'DRAFT',
    planned_discharge_on  DATE         NOT NULL,
    hospital              VARCHAR(200) NOT NULL,
    ward                  VARCHAR(100) NULL,
    submitted_by          VARCHAR(200) NOT NULL,
    submitted_by_unit_id  BIGINT       NOT NULL,
    created_by_client     VARCHAR(200) NULL,
    referral_id           CHAR(36)     NULL,
    version               BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT fk_discharge_plan_child FOREIGN KEY (child_id) REFERENCES child (id),
    CONSTRAINT fk_discharge_plan_unit FOREIGN KEY (submitted_by_unit_id) REFERENCES org_unit (id),
    CONSTRAINT fk_discharge_plan_referral FOREIGN KEY (referral_id) REFERENCES referral (id),
    CONSTRAINT ck_discharge_plan_state CHECK (state IN ('DRAFT', 'COMPLETED', 'HANDED_OFF')),
    CONSTRAINT ck_discharge_plan_handed_off CHECK ((state = 'HANDED_OFF') = (referral_id IS NOT NULL)),
    INDEX ix_discharge_plan_pref (pref_code, planned_discharge_on),
    INDEX ix_discharge_plan_client (created_by_client),
    INDEX ix_discharge_plan_referral (referral_id)
) ENGINE=InnoDB;

CREATE TABLE discharge_plan_care_type (
    plan_id  CHAR(36)    NOT NULL,
    code     VARCHAR(64) NOT NULL,
    PRIMARY KEY (plan_id, code),
    CONSTRAINT fk_discharge_care_plan FOREIGN KEY (plan_id) REFERENCES discharge_plan (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE discharge_item (
    id                    BIGINT       NOT NULL AUTO_INCREMENT,
    plan_id               CHAR(36)     NOT NULL,
    kind                  VARCHAR(32)  NOT NULL,
    responsible_unit_id   BIGINT       NULL,
    responsible_external  VARCHAR(200) NULL,
    due_on                DATE         NOT NULL,
    status                VARCHAR(16)  NOT NULL DEFAULT 'OPEN',
    note                  VARCHAR(500) NULL,
    version               BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT fk_discharge_item_plan FOREIGN KEY (plan_id) REFERENCES discharge_plan (id),
    CONSTRAINT fk_discharge_item_unit FOREIGN KEY (responsible_unit_id) REFERENCES org_unit (id),
    CONSTRAINT ck_discharge_item_kind CHECK (kind IN ('HOME_NURSING', 'EQUIPMENT_SUPPLIES', 'PUBLIC_HEALTH_NURSE_VISIT', 'RESPITE',
        'NURSERY_SCHOOL', 'WELFARE_SERVICES', 'DAILY_LIVING_EQUIPMENT')),
    CONSTRAINT ck_discharge_item_responsible CHECK ((responsible_unit_id IS NULL) <> (responsible_external IS NULL)),
    CONSTRAINT ck_discharge_item_status CHECK (status IN ('OPEN', 'ARRANGED', 'DONE', 'NOT_NEEDED')),
    INDEX ix_discharge_item_plan (plan_id),
    INDEX ix_discharge_item_due (status, due_on)
) ENGINE=InnoDB;
