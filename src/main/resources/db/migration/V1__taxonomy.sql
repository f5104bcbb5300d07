-- Consultation taxonomy: codes with Japanese and English labels.
-- Source: ../shared/reference/consultation-taxonomy.csv (Tokyo council papers 2022-12; national 医療的ケア判定スコア items).

CREATE TABLE taxonomy_kind (
    kind       VARCHAR(32)  NOT NULL,
    label_ja   VARCHAR(100) NOT NULL,
    label_en   VARCHAR(100) NOT NULL,
    sort_order INT          NOT NULL,
    PRIMARY KEY (kind)
) ENGINE=InnoDB;

CREATE TABLE taxonomy_term (
    kind       VARCHAR(32)  NOT NULL,
    code       VARCHAR(64)  NOT NULL,
    label_ja   VARCHAR(200) NOT NULL,
    label_en   VARCHAR(200) NOT NULL,
    sort_order INT          NOT NULL,
    active     BOOLEAN      NOT NULL DEFAULT TRUE,
    PRIMARY KEY (kind, code),
    CONSTRAINT fk_taxonomy_term_kind FOREIGN KEY (kind) REFERENCES taxonomy_kind (kind)
) ENGINE=InnoDB;

INSERT INTO taxonomy_kind (kind, label_ja, label_en, sort_order) VALUES
    ('requester_type', '相談者種別', 'Requester type', 1),
    ('topic', '相談内容', 'Topic', 2),
    ('channel', '受付経路', 'Channel', 3),
    ('medical_care', '医療的ケアの種類', 'Medical-care type', 4);

INSERT INTO taxonomy_term (kind, code, label_ja, label_en, sort_order) VALUES
    ('requester_type', 'FAMILY', '家族', 'Family', 10),
    ('requester_type', 'SUPPORT_SPECIALIST', '相談支援専門員（相談支援事業所）', 'Consultation support specialist', 20),
    ('requester_type', 'WELFARE_PROVIDER', '障害福祉事業所等', 'Disability welfare provider', 30),
    ('requester_type', 'MUNICIPALITY', '自治体', 'Municipality', 40),
    ('requester_type', 'SCHOOL_NURSERY', '学校・保育所等', 'School or nursery', 50),
    ('requester_type', 'MEDICAL_INSTITUTION', '医療機関等', 'Medical institution', 60),
    ('requester_type', 'OTHER', 'その他', 'Other', 70),
    ('topic', 'NURSERY_KINDERGARTEN', '保育園、幼稚園', 'Nursery or kindergarten', 10),
    ('topic', 'RESPITE_RESIDENTIAL', 'レスパイト（入所・入院）', 'Respite (residential or hospital)', 20),
    ('topic', 'SCHOOLING_EDUCATION', '就学、教育', 'Schooling and education', 30),
    ('topic', 'SYSTEMS_SERVICES_INFO', '制度・サービスに関する情報', 'Information on systems and services', 40),
    ('topic', 'CONSULTATION_SUPPORT', '相談支援（相談支援センター・事業所・医療的ケア児コーディネーター等）', 'Consultation support (centers, providers, coordinators)', 50),
    ('topic', 'MEDICAL_CARE', '医療的ケア', 'Medical care', 60),
    ('topic', 'HOME_NURSING', '訪問看護', 'Home-visit nursing', 70),
    ('topic', 'THERAPY_FACILITY', '療育機関', 'Developmental support facility', 80),
    ('topic', 'HOSPITAL_VISIT_ADMISSION', '受診相談、入院相談、セカンドオピニオン', 'Outpatient, admission, second opinion', 90),
    ('topic', 'DAILY_LIFE_ANXIETY', '生活上の不安（心身の健康、家事など）', 'Anxieties in daily life (health, housework)', 100),
    ('topic', 'MUNICIPAL_WINDOW', '自治体（相談窓口）', 'Municipal consultation window', 110),
    ('topic', 'RESPITE_AT_HOME', '在宅レスパイト', 'In-home respite', 120),
    ('topic', 'ABUSE_DV', '虐待・DV相談', 'Abuse or domestic violence', 130),
    ('topic', 'EMPLOYMENT', '就労', 'Employment', 140),
    ('topic', 'FINANCIAL_BURDEN', '経済的負担', 'Financial burden', 150),
    ('topic', 'FAMILY_SIBLINGS', '家族、きょうだいとの関わり', 'Family and sibling relations', 160),
    ('topic', 'DISASTER_PREPAREDNESS', '災害時の対応（支援、備え等）', 'Disaster response and preparedness', 170),
    ('topic', 'OTHER', 'その他', 'Other', 180),
    ('channel', 'PHONE', '専用電話', 'Dedicated phone line', 10),
    ('channel', 'WEB_FORM', 'WEBお問合せフォーム', 'Web inquiry form', 20),
    ('channel', 'VISIT', '来所', 'In-person visit', 30),
    ('channel', 'OUTREACH', 'アウトリーチ（訪問）', 'Outreach visit', 40),
    ('channel', 'EMAIL', 'メール', 'Email', 50),
    ('channel', 'PARTNER_SYSTEM', '連携システム', 'Partner system', 60),
    ('medical_care', 'VENTILATOR', '人工呼吸器', 'Ventilator', 10),
    ('medical_care', 'TRACHEOSTOMY', '気管切開', 'Tracheostomy', 20),
    ('medical_care', 'NASOPHARYNGEAL_AIRWAY', '鼻咽頭エアウェイ', 'Nasopharyngeal airway', 30),
    ('medical_care', 'OXYGEN', '酸素療法', 'Oxygen therapy', 40),
    ('medical_care', 'SUCTION', '吸引', 'Suctioning', 50),
    ('medical_care', 'NEBULIZER', 'ネブライザー', 'Nebulizer', 60),
    ('medical_care', 'TUBE_FEEDING', '経管栄養（経鼻胃管・胃ろう・腸ろう等）', 'Tube feeding (NG tube, gastrostomy, jejunostomy)', 70),
    ('medical_care', 'CENTRAL_VENOUS_CATHETER', '中心静脈カテーテル', 'Central venous catheter', 80),
    ('medical_care', 'SUBCUTANEOUS_INJECTION', '皮下注射', 'Subcutaneous injection', 90),
    ('medical_care', 'BLOOD_GLUCOSE', '血糖測定', 'Blood glucose monitoring', 100),
    ('medical_care', 'DIALYSIS', '継続的な透析', 'Continuous dialysis', 110),
    ('medical_care', 'URINARY_CATHETERIZATION', '導尿', 'Urinary catheterization', 120),
    ('medical_care', 'BOWEL_MANAGEMENT', '排便管理（人工肛門・摘便・浣腸等）', 'Bowel management (stoma, enema)', 130),
    ('medical_care', 'SEIZURE_MANAGEMENT', '痙攣時の対応（坐剤挿入・吸引・酸素投与等）', 'Seizure management', 140);
