-- Training offer (LHEO): providers, formations, actions, sessions with live seats, the
-- versioned history of every seat/status change, and reservations.
-- `doc` columns hold the JSON of the LHEO element (tremplin_training::model) minus what the
-- other columns and child tables carry, so that an export rebuilds the imported document.
-- Dates are LHEO dates AAAAMMJJ (sortable text).

CREATE TABLE training_provider (
    id TEXT PRIMARY KEY,
    siret TEXT NOT NULL,
    name TEXT NOT NULL,
    commune TEXT NOT NULL,
    city TEXT NOT NULL,
    doc TEXT NOT NULL
);

CREATE TABLE training_formation (
    numero TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    title TEXT NOT NULL,
    romes TEXT NOT NULL,
    formacodes TEXT NOT NULL,
    rncp TEXT NOT NULL,
    certifinfo TEXT NOT NULL,
    modular BIGINT NOT NULL,
    synthetic BIGINT NOT NULL,
    position BIGINT NOT NULL,
    doc TEXT NOT NULL
);
CREATE INDEX training_formation_provider ON training_formation (provider);

CREATE TABLE training_action (
    numero TEXT PRIMARY KEY,
    formation TEXT NOT NULL,
    position BIGINT NOT NULL,
    commune TEXT NOT NULL,
    city TEXT NOT NULL,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    modality TEXT NOT NULL,
    permanent BIGINT NOT NULL,
    hours BIGINT,
    cost DOUBLE PRECISION,
    doc TEXT NOT NULL
);
CREATE INDEX training_action_formation ON training_action (formation);

CREATE TABLE training_session (
    numero TEXT PRIMARY KEY,
    action TEXT NOT NULL,
    position BIGINT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    capacity BIGINT,
    seats_left BIGINT,
    status TEXT NOT NULL,
    version BIGINT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    doc TEXT NOT NULL
);
CREATE INDEX training_session_action ON training_session (action);

CREATE TABLE training_seat_history (
    session TEXT NOT NULL,
    version BIGINT NOT NULL,
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    reason TEXT NOT NULL,
    seats_left BIGINT,
    capacity BIGINT,
    status TEXT NOT NULL,
    PRIMARY KEY (session, version)
);

CREATE TABLE training_reservation (
    id TEXT PRIMARY KEY,
    session TEXT NOT NULL,
    reference TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    status TEXT NOT NULL
);
CREATE INDEX training_reservation_session ON training_reservation (session);
