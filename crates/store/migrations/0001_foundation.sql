-- Foundation: reference datasets (ROME, geography, tension, certifications) and job offers.
-- Portable between SQLite and PostgreSQL: TEXT, BIGINT, DOUBLE PRECISION only.

CREATE TABLE dataset (
    name TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    version TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    records BIGINT NOT NULL,
    rejected BIGINT NOT NULL,
    checksum TEXT NOT NULL
);

CREATE TABLE rome_fiche (
    code TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    domain_code TEXT NOT NULL,
    domain_label TEXT NOT NULL,
    grand_domain_code TEXT NOT NULL,
    grand_domain_label TEXT NOT NULL,
    transition_eco TEXT NOT NULL,
    transition_num BIGINT NOT NULL,
    emploi_cadre BIGINT NOT NULL,
    emploi_reglemente BIGINT NOT NULL
);

CREATE TABLE rome_appellation (
    code TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    label_short TEXT NOT NULL,
    rome TEXT NOT NULL,
    rare BIGINT NOT NULL
);
CREATE INDEX rome_appellation_rome ON rome_appellation (rome);

CREATE TABLE rome_competence (
    code TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    kind TEXT NOT NULL,
    macro_code TEXT NOT NULL,
    category TEXT NOT NULL,
    transition_eco BIGINT NOT NULL,
    transition_num BIGINT NOT NULL
);

CREATE TABLE rome_macro_competence (
    code TEXT PRIMARY KEY,
    label TEXT NOT NULL
);

CREATE TABLE rome_savoir (
    code TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    category TEXT NOT NULL,
    sub_category TEXT NOT NULL,
    transition_eco BIGINT NOT NULL,
    transition_num BIGINT NOT NULL
);

CREATE TABLE rome_item (
    rome TEXT NOT NULL,
    code TEXT NOT NULL,
    kind TEXT NOT NULL,
    core BIGINT NOT NULL,
    PRIMARY KEY (rome, code)
);

CREATE TABLE rome_mobility (
    from_rome TEXT NOT NULL,
    to_rome TEXT NOT NULL,
    rank BIGINT NOT NULL,
    PRIMARY KEY (from_rome, to_rome)
);

CREATE TABLE rome_text (
    rome TEXT NOT NULL,
    kind TEXT NOT NULL,
    position BIGINT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX rome_text_rome ON rome_text (rome);

CREATE TABLE commune (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    departement TEXT NOT NULL,
    region TEXT NOT NULL,
    epci TEXT NOT NULL,
    bassin TEXT NOT NULL,
    zone_emploi TEXT NOT NULL,
    population BIGINT NOT NULL,
    postcodes TEXT NOT NULL
);

-- Names of the areas communes belong to: kind is bassin, zone-emploi, epci, departement, region.
CREATE TABLE area (
    kind TEXT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (kind, code)
);

-- User-defined perimeters: a named set of communes (comma-separated INSEE codes).
CREATE TABLE custom_perimeter (
    name TEXT PRIMARY KEY,
    communes TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE dares_tension (
    year BIGINT NOT NULL,
    rome TEXT NOT NULL,
    bassin TEXT NOT NULL,
    offers DOUBLE PRECISION NOT NULL,
    jobseekers DOUBLE PRECISION NOT NULL,
    tension BIGINT,
    hiring_intensity BIGINT,
    labour_shortage BIGINT,
    non_durable BIGINT,
    working_conditions BIGINT,
    geographic_mismatch BIGINT,
    training_link BIGINT,
    PRIMARY KEY (year, rome, bassin)
);

CREATE TABLE fap_tension (
    fap TEXT NOT NULL,
    year BIGINT NOT NULL,
    level TEXT NOT NULL,
    area TEXT NOT NULL,
    employment DOUBLE PRECISION,
    tension DOUBLE PRECISION,
    tension_class DOUBLE PRECISION,
    hiring_intensity DOUBLE PRECISION,
    training_link DOUBLE PRECISION,
    labour_shortage DOUBLE PRECISION,
    non_durable DOUBLE PRECISION,
    working_conditions DOUBLE PRECISION,
    geographic_mismatch DOUBLE PRECISION
);

CREATE TABLE fap_rome (
    fap TEXT NOT NULL,
    rome TEXT NOT NULL,
    PRIMARY KEY (fap, rome)
);

CREATE TABLE certification (
    code TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    type_label TEXT NOT NULL,
    level TEXT NOT NULL,
    formacode TEXT NOT NULL,
    formacode_label TEXT NOT NULL,
    romes TEXT NOT NULL,
    nsf TEXT NOT NULL,
    rncp TEXT NOT NULL,
    certifier TEXT NOT NULL,
    cfd TEXT NOT NULL
);

CREATE TABLE rncp (
    code TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    active BIGINT NOT NULL,
    level TEXT NOT NULL,
    type_label TEXT NOT NULL
);

CREATE TABLE rncp_rome (
    rncp TEXT NOT NULL,
    rome TEXT NOT NULL,
    PRIMARY KEY (rncp, rome)
);

CREATE TABLE rncp_bloc (
    code TEXT PRIMARY KEY,
    rncp TEXT NOT NULL,
    title TEXT NOT NULL
);

CREATE TABLE formacode (
    code TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    field TEXT NOT NULL,
    definition TEXT NOT NULL
);

CREATE TABLE rome_formacode (
    rome_ogr TEXT NOT NULL,
    rome_label TEXT NOT NULL,
    formacode TEXT NOT NULL,
    formacode_label TEXT NOT NULL
);

CREATE TABLE outcome (
    cohort TEXT NOT NULL,
    region TEXT NOT NULL,
    route TEXT NOT NULL,
    cfd TEXT NOT NULL,
    mefstat11 TEXT NOT NULL,
    leavers BIGINT,
    employed_6m BIGINT,
    employment_rate_6m DOUBLE PRECISION,
    employment_rate_12m DOUBLE PRECISION,
    employment_rate_24m DOUBLE PRECISION,
    further_study_rate DOUBLE PRECISION
);

CREATE TABLE offer (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    rome TEXT NOT NULL,
    appellation_label TEXT NOT NULL,
    commune TEXT NOT NULL,
    place_label TEXT NOT NULL,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    created TEXT NOT NULL,
    contract_type TEXT NOT NULL,
    experience TEXT NOT NULL,
    qualification TEXT NOT NULL,
    naf TEXT NOT NULL,
    employer TEXT NOT NULL,
    competences TEXT NOT NULL,
    raw TEXT NOT NULL
);
CREATE INDEX offer_rome ON offer (rome);
CREATE INDEX offer_commune ON offer (commune);
