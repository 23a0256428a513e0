-- Observatory: offers and jobseekers per ROME fiche x bassin d'emploi for a period (a year
-- `2024` or a quarter `2024T1`), imported from jobseeker files. `offers` NULL means "count the
-- store's offers of the period". Imports replace one period at a time.
CREATE TABLE tension_input (
    period TEXT NOT NULL,
    rome TEXT NOT NULL,
    bassin TEXT NOT NULL,
    offers DOUBLE PRECISION,
    jobseekers DOUBLE PRECISION NOT NULL,
    source TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (period, rome, bassin)
);
