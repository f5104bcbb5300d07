-- Resource directory (社会資源), aligned with Open Referral HSDS 3.0: organization -> service, each service with
-- its location, service areas (municipalities served), contacts, schedules and the medical-care types it accepts
-- (codes of the taxonomy's medical_care kind). Ids are UUIDs, as in HSDS, so an export can be imported elsewhere.
-- Every change is kept in directory_change with the entry as it was written.

CREATE TABLE directory_organization (
    id                 CHAR(36)      NOT NULL,
    pref_code          CHAR(2)       NOT NULL,
    name               VARCHAR(200)  NOT NULL,
    description        VARCHAR(2000) NULL,
    website            VARCHAR(500)  NULL,
    email              VARCHAR(200)  NULL,
    phone              VARCHAR(20)   NULL,
    maintainer_unit_id BIGINT        NOT NULL,
    version            BIGINT        NOT NULL DEFAULT 0,
    created_at         DATETIME(6)   NOT NULL DEFAULT (UTC_TIMESTAMP(6)),
    updated_at         DATETIME(6)   NOT NULL DEFAULT (UTC_TIMESTAMP(6)),
    PRIMARY KEY (id),
    CONSTRAINT fk_dir_org_maintainer FOREIGN KEY (maintainer_unit_id) REFERENCES org_unit (id),
    INDEX ix_dir_org_pref_name (pref_code, name)
) ENGINE=InnoDB;

CREATE TABLE directory_service (
    id                   CHAR(36)      NOT NULL,
    organization_id      CHAR(36)      NOT NULL,
    pref_code            CHAR(2)       NOT NULL,
    service_type         VARCHAR(32)   NOT NULL,
    name                 VARCHAR(200)  NOT NULL,
    description          VARCHAR(2000) NULL,
    url                  VARCHAR(500)  NULL,
    email                VARCHAR(200)  NULL,
    phone                VARCHAR(20)   NULL,
    min_age              INT           NULL,
    max_age              INT           NULL,
    mobile_accepted      BOOLEAN       NOT NULL,
    capacity             INT           NULL,
    vacancy              INT           NULL,
    vacancy_confirmed_on DATE          NULL,
    languages            VARCHAR(100)  NOT NULL,
    location_name        VARCHAR(200)  NULL,
    address              VARCHAR(300)  NULL,
    postal_code          CHAR(8)       NULL,
    location_lgcode      CHAR(6)       NULL,
    latitude             DECIMAL(11,8) NULL,
    longitude            DECIMAL(11,8) NULL,
    maintainer_unit_id   BIGINT        NOT NULL,
    confirmed_on         DATE          NOT NULL,
    version              BIGINT        NOT NULL DEFAULT 0,
    created_at           DATETIME(6)   NOT NULL DEFAULT (UTC_TIMESTAMP(6)),
    updated_at           DATETIME(6)   NOT NULL DEFAULT (UTC_TIMESTAMP(6)),
    PRIMARY KEY (id),
    CONSTRAINT fk_dir_service_org FOREIGN KEY (organization_id) REFERENCES directory_organization (id),
    CONSTRAINT fk_dir_service_maintainer FOREIGN KEY (maintainer_unit_id) REFERENCES org_unit (id),
    CONSTRAINT fk_dir_service_location FOREIGN KEY (location_lgcode) REFERENCES municipality (lgcode),
    CONSTRAINT ck_dir_service_type CHECK (service_type IN ('SHORT_STAY_MEDICAL', 'RESPITE', 'CHILD_DEVELOPMENT_SUPPORT',
        'AFTER_SCHOOL_DAY_SERVICE', 'HOME_NURSING', 'NURSERY', 'KINDERGARTEN', 'SCHOOL', 'HOSPITAL_RESPITE_BEDS', 'EQUIPMENT_SUPPLIER')),
    CONSTRAINT ck_dir_service_ages CHECK ((min_age IS NULL OR min_age BETWEEN 0 AND 30) AND (max_age IS NULL OR max_age BETWEEN 0 AND 30)
        AND (min_age IS NULL OR max_age IS NULL OR min_age <= max_age)),
    CONSTRAINT ck_dir_service_places CHECK ((capacity IS NULL OR capacity >= 0) AND (vacancy IS NULL OR vacancy >= 0)
        AND (capacity IS NULL OR vacancy IS NULL OR vacancy <= capacity)),
    -- a vacancy is a figure somebody confirmed on a day
    CONSTRAINT ck_dir_service_vacancy_date CHECK (vacancy IS NULL OR vacancy_confirmed_on IS NOT NULL),
    INDEX ix_dir_service_pref_type (pref_code, service_type, name),
    INDEX ix_dir_service_org (organization_id),
    INDEX ix_dir_service_maintainer_confirmed (maintainer_unit_id, confirmed_on),
    INDEX ix_dir_service_pref_confirmed (pref_code, confirmed_on)
) ENGINE=InnoDB;

-- The medical-care types a service accepts (taxonomy kind medical_care; checked by the service on write).
CREATE TABLE directory_service_care_type (
    service_id CHAR(36)    NOT NULL,
    care_code  VARCHAR(64) NOT NULL,
    PRIMARY KEY (service_id, care_code),
    CONSTRAINT fk_dir_care_service FOREIGN KEY (service_id) REFERENCES directory_service (id) ON DELETE CASCADE,
    INDEX ix_dir_care_code (care_code, service_id)
) ENGINE=InnoDB;

-- HSDS service_area: the municipalities a service serves.
CREATE TABLE directory_service_area (
    service_id CHAR(36) NOT NULL,
    lgcode     CHAR(6)  NOT NULL,
    PRIMARY KEY (service_id, lgcode),
    CONSTRAINT fk_dir_area_service FOREIGN KEY (service_id) REFERENCES directory_service (id) ON DELETE CASCADE,
    CONSTRAINT fk_dir_area_municipality FOREIGN KEY (lgcode) REFERENCES municipality (lgcode),
    INDEX ix_dir_area_lgcode (lgcode, service_id)
) ENGINE=InnoDB;

-- HSDS schedule: weekly opening hours (weekday 1 = Monday .. 7 = Sunday).
CREATE TABLE directory_schedule (
    service_id CHAR(36)     NOT NULL,
    weekday    INT          NOT NULL,
    opens_at   TIME         NOT NULL,
    closes_at  TIME         NOT NULL,
    PRIMARY KEY (service_id, weekday, opens_at),
    CONSTRAINT fk_dir_schedule_service FOREIGN KEY (service_id) REFERENCES directory_service (id) ON DELETE CASCADE,
    CONSTRAINT ck_dir_schedule CHECK (weekday BETWEEN 1 AND 7 AND opens_at < closes_at)
) ENGINE=InnoDB;

-- HSDS contact of a service.
CREATE TABLE directory_contact (
    service_id CHAR(36)     NOT NULL,
    position   INT          NOT NULL,
    name       VARCHAR(100) NOT NULL,
    title      VARCHAR(100) NULL,
    email      VARCHAR(200) NULL,
    phone      VARCHAR(20)  NULL,
    PRIMARY KEY (service_id, position),
    CONSTRAINT fk_dir_contact_service FOREIGN KEY (service_id) REFERENCES directory_service (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Every change of an entry, with the entry as written (JSON), who wrote it and for which unit. Append-only.
CREATE TABLE directory_change (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    organization_id CHAR(36)     NOT NULL,
    service_id      CHAR(36)     NULL,
    action          VARCHAR(32)  NOT NULL,
    changed_by      VARCHAR(100) NOT NULL,
    changed_by_unit_id BIGINT    NOT NULL,
    changed_at      DATETIME(6)  NOT NULL DEFAULT (UTC_TIMESTAMP(6)),
    snapshot        MEDIUMTEXT   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_dir_change_action CHECK (action IN ('ORGANIZATION_CREATE', 'ORGANIZATION_UPDATE', 'SERVICE_CREATE', 'SERVICE_UPDATE',
        'SERVICE_CONFIRM', 'IMPORT_CREATE', 'IMPORT_UPDATE')),
    INDEX ix_dir_change_service (service_id, id),
    INDEX ix_dir_change_org (organization_id, id)
) ENGINE=InnoDB;
