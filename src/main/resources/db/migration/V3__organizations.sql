-- The three tiers as data: organization units, which unit covers which municipality from when to
-- when, and the coordinators (医療的ケア児等コーディネーター) with their municipalities and training.

CREATE TABLE org_unit (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    code           VARCHAR(64)  NOT NULL,
    kind           VARCHAR(32)  NOT NULL,
    pref_code      CHAR(2)      NOT NULL,
    parent_id      BIGINT       NULL,
    name_ja        VARCHAR(100) NOT NULL,
    name_kana      VARCHAR(200) NULL,
    -- the municipality a municipal office or a designated city's window belongs to
    lgcode         CHAR(6)      NULL,
    phone          VARCHAR(20)  NULL,
    web_form_url   VARCHAR(500) NULL,
    opening_hours  VARCHAR(100) NULL,
    active_from    DATE         NOT NULL,
    active_to      DATE         NULL,
    version        BIGINT       NOT NULL DEFAULT 0,
    created_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    CONSTRAINT uq_org_unit_code UNIQUE (code),
    CONSTRAINT fk_org_unit_parent FOREIGN KEY (parent_id) REFERENCES org_unit (id),
    CONSTRAINT fk_org_unit_municipality FOREIGN KEY (lgcode) REFERENCES municipality (lgcode),
    CONSTRAINT ck_org_unit_kind CHECK (kind IN ('CENTER', 'CENTER_SITE', 'BRANCH', 'DESIGNATED_CITY_WINDOW', 'MUNICIPAL_OFFICE')),
    CONSTRAINT ck_org_unit_period CHECK (active_to IS NULL OR active_to > active_from),
    INDEX ix_org_unit_parent (parent_id),
    INDEX ix_org_unit_pref_kind (pref_code, kind),
    INDEX ix_org_unit_lgcode (lgcode)
) ENGINE=InnoDB;

-- Half-open periods [valid_from, valid_to): "which unit covered municipality X on date D" is
-- one index range read on (lgcode, valid_from).
CREATE TABLE coverage (
    id          BIGINT   NOT NULL AUTO_INCREMENT,
    unit_id     BIGINT   NOT NULL,
    lgcode      CHAR(6)  NOT NULL,
    valid_from  DATE     NOT NULL,
    valid_to    DATE     NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_coverage_start UNIQUE (lgcode, valid_from),
    CONSTRAINT fk_coverage_unit FOREIGN KEY (unit_id) REFERENCES org_unit (id),
    CONSTRAINT fk_coverage_municipality FOREIGN KEY (lgcode) REFERENCES municipality (lgcode),
    CONSTRAINT ck_coverage_period CHECK (valid_to IS NULL OR valid_to > valid_from),
    INDEX ix_coverage_unit (unit_id, valid_from)
) ENGINE=InnoDB;

CREATE TABLE coordinator (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    unit_id     BIGINT       NOT NULL,
    name        VARCHAR(100) NOT NULL,
    name_kana   VARCHAR(200) NOT NULL,
    profession  VARCHAR(32)  NOT NULL,
    role        VARCHAR(32)  NOT NULL,
    phone       VARCHAR(20)  NULL,
    email       VARCHAR(200) NULL,
    active      BOOLEAN      NOT NULL DEFAULT TRUE,
    version     BIGINT       NOT NULL DEFAULT 0,
    created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    CONSTRAINT fk_coordinator_unit FOREIGN KEY (unit_id) REFERENCES org_unit (id),
    INDEX ix_coordinator_unit (unit_id, active),
    INDEX ix_coordinator_profession (profession, active)
) ENGINE=InnoDB;

CREATE TABLE coordinator_municipality (
    coordinator_id BIGINT  NOT NULL,
    lgcode         CHAR(6) NOT NULL,
    PRIMARY KEY (coordinator_id, lgcode),
    CONSTRAINT fk_coordmuni_coordinator FOREIGN KEY (coordinator_id) REFERENCES coordinator (id) ON DELETE CASCADE,
    CONSTRAINT fk_coordmuni_municipality FOREIGN KEY (lgcode) REFERENCES municipality (lgcode),
    INDEX ix_coordinator_municipality_lgcode (lgcode)
) ENGINE=InnoDB;

CREATE TABLE coordinator_training (
    coordinator_id BIGINT       NOT NULL,
    course         VARCHAR(100) NOT NULL,
    fiscal_year    SMALLINT     NOT NULL,
    PRIMARY KEY (coordinator_id, course, fiscal_year),
    CONSTRAINT fk_coordtrain_coordinator FOREIGN KEY (coordinator_id) REFERENCES coordinator (id) ON DELETE CASCADE
) ENGINE=InnoDB;
