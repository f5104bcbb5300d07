-- 災害時個別支援計画: one plan per registered child. Its contents (evacuation site, helpers, contacts, medications)
-- are identifying and shown under the child's consent rules. A plan is current while its review is not due and the
-- child's care types are those it was reviewed for (care_types_reviewed: sorted codes, comma-separated).

CREATE TABLE disaster_plan (
    id                        BIGINT        NOT NULL AUTO_INCREMENT,
    child_id                  CHAR(36)      NOT NULL,
    pref_code                 CHAR(2)       NOT NULL,
    power_failure_actions     VARCHAR(2000) NULL,
    power_company             VARCHAR(100)  NULL,
    power_company_registered  BOOLEAN       NOT NULL,
    evacuation_site           VARCHAR(200)  NULL,
    transport                 VARCHAR(200)  NULL,
    helpers                   VARCHAR(1000) NULL,
    support_register_listed   BOOLEAN       NOT NULL,
    hospital_contact          VARCHAR(300)  NULL,
    home_nursing_contact      VARCHAR(300)  NULL,
    medications               VARCHAR(2000) NULL,
    supply_days               INT           NULL,
    care_types_reviewed       VARCHAR(1000) NOT NULL,
    reviewed_on               DATE          NOT NULL,
    review_due_on             DATE          NOT NULL,
    written_by                VARCHAR(100)  NOT NULL,
    written_by_unit_id        BIGINT        NOT NULL,
    version                   BIGINT        NOT NULL DEFAULT 0,
    created_at                DATETIME(6)   NOT NULL DEFAULT (UTC_TIMESTAMP(6)),
    updated_at                DATETIME(6)   NOT NULL DEFAULT (UTC_TIMESTAMP(6)),
    PRIMARY KEY (id),
    CONSTRAINT uq_disaster_plan_child UNIQUE (child_id),
    CONSTRAINT fk_disaster_plan_child FOREIGN KEY (child_id) REFERENCES child (id),
    CONSTRAINT fk_disaster_plan_unit FOREIGN KEY (written_by_unit_id) REFERENCES org_unit (id),
    CONSTRAINT ck_disaster_plan_review CHECK (review_due_on > reviewed_on),
    CONSTRAINT ck_disaster_plan_supply CHECK (supply_days IS NULL OR supply_days BETWEEN 0 AND 60),
    INDEX ix_disaster_plan_due (pref_code, review_due_on)
) ENGINE=InnoDB;

-- Power-dependent devices of the plan: one per medical-care type it serves, with battery hours and backup power.
CREATE TABLE disaster_plan_device (
    plan_id       BIGINT        NOT NULL,
    care_code     VARCHAR(64)   NOT NULL,
    device        VARCHAR(100)  NOT NULL,
    battery_hours DECIMAL(4,1)  NULL,
    backup_power  VARCHAR(200)  NULL,
    PRIMARY KEY (plan_id, care_code),
    CONSTRAINT fk_disaster_device_plan FOREIGN KEY (plan_id) REFERENCES disaster_plan (id) ON DELETE CASCADE,
    CONSTRAINT ck_disaster_device_battery CHECK (battery_hours IS NULL OR battery_hours BETWEEN 0 AND 240)
) ENGINE=InnoDB;

