//! Transactional, idempotent imports. A reference dataset replaces its tables wholesale in one
//! transaction; offers are upserted by id. Each import records its source, version and time in
//! `dataset`.

use crate::sql::{insert_rows, Row, Val};
use crate::{Result, Store};
use sqlx::Connection;
use tremplin_domain::certif::{
    Certification, Formacode, Outcome, Rncp, RncpBloc, RncpRome, RomeFormacode,
};
use tremplin_domain::geo::Geography;
use tremplin_domain::offer::Offer;
use tremplin_domain::rome::Rome;
use tremplin_domain::tension::{DaresTension, FapRome, FapTension};

/// What is recorded about an imported dataset.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DatasetMeta {
    pub name: String,
    pub source: String,
    pub version: String,
    pub checksum: String,
}

/// Rows for one table.
pub struct TableRows {
    pub table: &'static str,
    pub columns: &'static [&'static str],
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ImportSummary {
    pub dataset: String,
    pub records: u64,
    pub rejected: u64,
}

/// FNV-1a 64 of some bytes, as hex: the checksum recorded for a source file.
pub fn checksum(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    crate::load::format_timestamp(secs)
}

/// Replaces the content of `tables` by the given rows and records the dataset, all in one
/// transaction. `progress` is called with the number of rows written so far.
pub async fn replace_dataset(
    store: &Store,
    meta: &DatasetMeta,
    tables: Vec<TableRows>,
    rejected: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<ImportSummary> {
    let mut conn = store.pool.acquire().await?;
    let mut tx = conn.begin().await?;
    let mut written = 0u64;
    for t in &tables {
        sqlx::query(&format!("DELETE FROM {}", t.table))
            .execute(&mut *tx)
            .await?;
    }
    for t in tables {
        for chunk in t.rows.chunks(2000) {
            written += insert_rows(&mut tx, t.table, t.columns, chunk.to_vec(), "").await?;
            progress(written);
        }
    }
    record_dataset(&mut tx, meta, written, rejected).await?;
    tx.commit().await?;
    Ok(ImportSummary {
        dataset: meta.name.clone(),
        records: written,
        rejected,
    })
}

async fn record_dataset(
    conn: &mut sqlx::AnyConnection,
    meta: &DatasetMeta,
    records: u64,
    rejected: u64,
) -> Result<()> {
    let row: Row = vec![
        meta.name.as_str().into(),
        meta.source.as_str().into(),
        meta.version.as_str().into(),
        now().into(),
        (records as i64).into(),
        (rejected as i64).into(),
        meta.checksum.as_str().into(),
    ];
    insert_rows(
        conn,
        "dataset",
        &[
            "name",
            "source",
            "version",
            "imported_at",
            "records",
            "rejected",
            "checksum",
        ],
        vec![row],
        "ON CONFLICT (name) DO UPDATE SET source = excluded.source, version = excluded.version, \
         imported_at = excluded.imported_at, records = excluded.records, \
         rejected = excluded.rejected, checksum = excluded.checksum",
    )
    .await?;
    Ok(())
}

const OFFER_COLUMNS: &[&str] = &[
    "id",
    "title",
    "description",
    "rome",
    "appellation_label",
    "commune",
    "place_label",
    "latitude",
    "longitude",
    "created",
    "contract_type",
    "experience",
    "qualification",
    "naf",
    "employer",
    "competences",
    "raw",
];

/// Upserts a batch of offers by id, in one transaction, and records the batch as dataset
/// `offers`. Re-importing the same batch changes nothing.
pub async fn upsert_offers(
    store: &Store,
    meta: &DatasetMeta,
    offers: &[Offer],
    rejected: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<ImportSummary> {
    let update: Vec<String> = OFFER_COLUMNS[1..]
        .iter()
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    let suffix = format!("ON CONFLICT (id) DO UPDATE SET {}", update.join(", "));
    let mut conn = store.pool.acquire().await?;
    let mut tx = conn.begin().await?;
    let mut written = 0;
    for chunk in offers.chunks(500) {
        let rows = chunk.iter().map(offer_row);
        written += insert_rows(&mut tx, "offer", OFFER_COLUMNS, rows, &suffix).await?;
        progress(written);
    }
    let total = crate::sql::query("SELECT COUNT(*) AS n FROM offer", vec![])
        .fetch_one(&mut *tx)
        .await
        .map(|r| crate::sql::int(&r, "n"))?;
    record_dataset(&mut tx, meta, total as u64, rejected).await?;
    tx.commit().await?;
    Ok(ImportSummary {
        dataset: meta.name.clone(),
        records: written,
        rejected,
    })
}

fn offer_row(o: &Offer) -> Row {
    let competences = serde_json::to_string(&o.competences).unwrap_or_else(|_| "[]".into());
    vec![
        (&o.id).into(),
        (&o.title).into(),
        (&o.description).into(),
        (&o.rome).into(),
        (&o.appellation_label).into(),
        (&o.commune).into(),
        (&o.place_label).into(),
        o.latitude.into(),
        o.longitude.into(),
        (&o.created).into(),
        (&o.contract_type).into(),
        (&o.experience).into(),
        (&o.qualification).into(),
        (&o.naf).into(),
        (&o.employer).into(),
        competences.into(),
        (&o.raw).into(),
    ]
}

/// Keeps the first record of each key (sources sometimes repeat a line).
fn dedup<T, K: std::hash::Hash + Eq>(items: &[T], key: impl Fn(&T) -> K) -> Vec<&T> {
    let mut seen = std::collections::HashSet::new();
    items.iter().filter(|t| seen.insert(key(t))).collect()
}

/// Table rows of a ROME release.
pub fn rome_tables(r: &Rome) -> Vec<TableRows> {
    vec![
        TableRows {
            table: "rome_fiche",
            columns: &[
                "code",
                "label",
                "domain_code",
                "domain_label",
                "grand_domain_code",
                "grand_domain_label",
                "transition_eco",
                "transition_num",
                "emploi_cadre",
                "emploi_reglemente",
            ],
            rows: r
                .fiches
                .iter()
                .map(|f| {
                    vec![
                        (&f.code).into(),
                        (&f.label).into(),
                        (&f.domain_code).into(),
                        (&f.domain_label).into(),
                        (&f.grand_domain_code).into(),
                        (&f.grand_domain_label).into(),
                        (&f.transition_eco).into(),
                        f.transition_num.into(),
                        f.emploi_cadre.into(),
                        f.emploi_reglemente.into(),
                    ]
                })
                .collect(),
        },
        TableRows {
            table: "rome_appellation",
            columns: &["code", "label", "label_short", "rome", "rare"],
            rows: dedup(&r.appellations, |a| a.code.clone())
                .into_iter()
                .map(|a| {
                    vec![
                        (&a.code).into(),
                        (&a.label).into(),
                        (&a.label_short).into(),
                        (&a.rome).into(),
                        a.rare.into(),
                    ]
                })
                .collect(),
        },
        TableRows {
            table: "rome_competence",
            columns: &[
                "code",
                "label",
                "kind",
                "macro_code",
                "category",
                "transition_eco",
                "transition_num",
            ],
            rows: dedup(&r.competences, |c| c.code.clone())
                .into_iter()
                .map(|c| {
                    vec![
                        (&c.code).into(),
                        (&c.label).into(),
                        c.kind.as_str().into(),
                        (&c.macro_code).into(),
                        (&c.category).into(),
                        c.transition_eco.into(),
                        c.transition_num.into(),
                    ]
                })
                .collect(),
        },
        TableRows {
            table: "rome_macro_competence",
            columns: &["code", "label"],
            rows: dedup(&r.macro_competences, |m| m.code.clone())
                .into_iter()
                .map(|m| vec![(&m.code).into(), (&m.label).into()])
                .collect(),
        },
        TableRows {
            table: "rome_savoir",
            columns: &[
                "code",
                "label",
                "category",
                "sub_category",
                "transition_eco",
                "transition_num",
            ],
            rows: dedup(&r.savoirs, |s| s.code.clone())
                .into_iter()
                .map(|s| {
                    vec![
                        (&s.code).into(),
                        (&s.label).into(),
                        (&s.category).into(),
                        (&s.sub_category).into(),
                        s.transition_eco.into(),
                        s.transition_num.into(),
                    ]
                })
                .collect(),
        },
        TableRows {
            table: "rome_item",
            columns: &["rome", "code", "kind", "core"],
            rows: dedup(&r.items, |i| (i.rome.clone(), i.code.clone()))
                .into_iter()
                .map(|i| {
                    vec![
                        (&i.rome).into(),
                        (&i.code).into(),
                        i.kind.as_str().into(),
                        i.core.into(),
                    ]
                })
                .collect(),
        },
        TableRows {
            table: "rome_mobility",
            columns: &["from_rome", "to_rome", "rank"],
            rows: dedup(&r.mobilities, |m| (m.from.clone(), m.to.clone()))
                .into_iter()
                .map(|m| vec![(&m.from).into(), (&m.to).into(), m.order.into()])
                .collect(),
        },
        TableRows {
            table: "rome_text",
            columns: &["rome", "kind", "position", "text"],
            rows: r
                .texts
                .iter()
                .map(|t| {
                    vec![
                        (&t.rome).into(),
                        (&t.kind).into(),
                        t.position.into(),
                        (&t.text).into(),
                    ]
                })
                .collect(),
        },
    ]
}

/// Table rows of the geography (communes and area names).
pub fn geo_tables(g: &Geography) -> Vec<TableRows> {
    let mut areas: Vec<Row> = Vec::new();
    for (kind, table) in [
        ("bassin", &g.bassins),
        ("zone-emploi", &g.zones_emploi),
        ("epci", &g.epcis),
        ("departement", &g.departements),
        ("region", &g.regions),
    ] {
        areas.extend(
            table
                .iter()
                .map(|(c, n)| vec![kind.into(), c.into(), n.into()]),
        );
    }
    vec![
        TableRows {
            table: "commune",
            columns: &[
                "code",
                "name",
                "departement",
                "region",
                "epci",
                "bassin",
                "zone_emploi",
                "population",
                "postcodes",
            ],
            rows: dedup(&g.communes, |c| c.code.clone())
                .into_iter()
                .map(|c| {
                    vec![
                        (&c.code).into(),
                        (&c.name).into(),
                        (&c.departement).into(),
                        (&c.region).into(),
                        (&c.epci).into(),
                        (&c.bassin).into(),
                        (&c.zone_emploi).into(),
                        c.population.into(),
                        c.postcodes.join(" ").into(),
                    ]
                })
                .collect(),
        },
        TableRows {
            table: "area",
            columns: &["kind", "code", "name"],
            rows: areas,
        },
    ]
}

pub fn dares_tables(rows: &[DaresTension]) -> Vec<TableRows> {
    vec![TableRows {
        table: "dares_tension",
        columns: &[
            "year",
            "rome",
            "bassin",
            "offers",
            "jobseekers",
            "tension",
            "hiring_intensity",
            "labour_shortage",
            "non_durable",
            "working_conditions",
            "geographic_mismatch",
            "training_link",
        ],
        rows: dedup(rows, |d| (d.year, d.rome.clone(), d.bassin.clone()))
            .into_iter()
            .map(|d| {
                vec![
                    d.year.into(),
                    (&d.rome).into(),
                    (&d.bassin).into(),
                    d.offers.into(),
                    d.jobseekers.into(),
                    d.tension.into(),
                    d.hiring_intensity.into(),
                    d.labour_shortage.into(),
                    d.non_durable.into(),
                    d.working_conditions.into(),
                    d.geographic_mismatch.into(),
                    d.training_link.into(),
                ]
            })
            .collect(),
    }]
}

pub fn fap_tension_tables(rows: &[FapTension]) -> Vec<TableRows> {
    vec![TableRows {
        table: "fap_tension",
        columns: &[
            "fap",
            "year",
            "level",
            "area",
            "employment",
            "tension",
            "tension_class",
            "hiring_intensity",
            "training_link",
            "labour_shortage",
            "non_durable",
            "working_conditions",
            "geographic_mismatch",
        ],
        rows: rows
            .iter()
            .map(|f| {
                vec![
                    (&f.fap).into(),
                    f.year.into(),
                    (&f.level).into(),
                    (&f.area).into(),
                    f.employment.into(),
                    f.tension.into(),
                    f.tension_class.into(),
                    f.hiring_intensity.into(),
                    f.training_link.into(),
                    f.labour_shortage.into(),
                    f.non_durable.into(),
                    f.working_conditions.into(),
                    f.geographic_mismatch.into(),
                ]
            })
            .collect(),
    }]
}

pub fn fap_rome_tables(rows: &[FapRome]) -> Vec<TableRows> {
    vec![TableRows {
        table: "fap_rome",
        columns: &["fap", "rome"],
        rows: dedup(rows, |r| (r.fap.clone(), r.rome.clone()))
            .into_iter()
            .map(|r| vec![(&r.fap).into(), (&r.rome).into()])
            .collect(),
    }]
}

pub fn certification_tables(rows: &[Certification]) -> Vec<TableRows> {
    vec![TableRows {
        table: "certification",
        columns: &[
            "code",
            "label",
            "type_label",
            "level",
            "formacode",
            "formacode_label",
            "romes",
            "nsf",
            "rncp",
            "certifier",
            "cfd",
        ],
        rows: dedup(rows, |c| c.code.clone())
            .into_iter()
            .map(|c| {
                vec![
                    (&c.code).into(),
                    (&c.label).into(),
                    (&c.type_label).into(),
                    (&c.level).into(),
                    (&c.formacode).into(),
                    (&c.formacode_label).into(),
                    c.romes.join(" ").into(),
                    (&c.nsf).into(),
                    (&c.rncp).into(),
                    (&c.certifier).into(),
                    (&c.cfd).into(),
                ]
            })
            .collect(),
    }]
}

pub fn rncp_tables(rows: &[Rncp]) -> Vec<TableRows> {
    vec![TableRows {
        table: "rncp",
        columns: &["code", "title", "active", "level", "type_label"],
        rows: dedup(rows, |r| r.code.clone())
            .into_iter()
            .map(|r| {
                vec![
                    (&r.code).into(),
                    (&r.title).into(),
                    r.active.into(),
                    (&r.level).into(),
                    (&r.type_label).into(),
                ]
            })
            .collect(),
    }]
}

pub fn rncp_rome_tables(rows: &[RncpRome]) -> Vec<TableRows> {
    vec![TableRows {
        table: "rncp_rome",
        columns: &["rncp", "rome"],
        rows: dedup(rows, |r| (r.rncp.clone(), r.rome.clone()))
            .into_iter()
            .map(|r| vec![(&r.rncp).into(), (&r.rome).into()])
            .collect(),
    }]
}

pub fn rncp_bloc_tables(rows: &[RncpBloc]) -> Vec<TableRows> {
    vec![TableRows {
        table: "rncp_bloc",
        columns: &["code", "rncp", "title"],
        rows: dedup(rows, |b| b.code.clone())
            .into_iter()
            .map(|b| vec![(&b.code).into(), (&b.rncp).into(), (&b.title).into()])
            .collect(),
    }]
}

pub fn formacode_tables(rows: &[Formacode]) -> Vec<TableRows> {
    vec![TableRows {
        table: "formacode",
        columns: &["code", "label", "field", "definition"],
        rows: dedup(rows, |f| f.code.clone())
            .into_iter()
            .map(|f| {
                vec![
                    (&f.code).into(),
                    (&f.label).into(),
                    (&f.field).into(),
                    (&f.definition).into(),
                ]
            })
            .collect(),
    }]
}

pub fn rome_formacode_tables(rows: &[RomeFormacode]) -> Vec<TableRows> {
    vec![TableRows {
        table: "rome_formacode",
        columns: &["rome_ogr", "rome_label", "formacode", "formacode_label"],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    (&r.rome_ogr).into(),
                    (&r.rome_label).into(),
                    (&r.formacode).into(),
                    (&r.formacode_label).into(),
                ]
            })
            .collect(),
    }]
}

pub fn outcome_tables(rows: &[Outcome]) -> Vec<TableRows> {
    vec![TableRows {
        table: "outcome",
        columns: &[
            "cohort",
            "region",
            "route",
            "cfd",
            "mefstat11",
            "leavers",
            "employed_6m",
            "employment_rate_6m",
            "employment_rate_12m",
            "employment_rate_24m",
            "further_study_rate",
        ],
        rows: rows
            .iter()
            .map(|o| {
                vec![
                    (&o.cohort).into(),
                    (&o.region).into(),
                    (&o.route).into(),
                    (&o.cfd).into(),
                    (&o.mefstat11).into(),
                    o.leavers.into(),
                    o.employed_6m.into(),
                    o.employment_rate_6m.into(),
                    o.employment_rate_12m.into(),
                    o.employment_rate_24m.into(),
                    o.further_study_rate.into(),
                ]
            })
            .collect(),
    }]
}

/// Dataset records, for the home page and `tremplin status`.
pub async fn datasets(store: &Store) -> Result<Vec<(String, String, String, String, i64, i64)>> {
    let rows = store
        .fetch(
            "SELECT name, source, version, imported_at, records, rejected FROM dataset ORDER BY name",
            vec![],
        )
        .await?;
    use crate::sql::{int, text};
    Ok(rows
        .iter()
        .map(|r| {
            (
                text(r, "name"),
                text(r, "source"),
                text(r, "version"),
                text(r, "imported_at"),
                int(r, "records"),
                int(r, "rejected"),
            )
        })
        .collect())
}

/// The checksum recorded for a dataset, if imported.
pub async fn dataset_checksum(store: &Store, name: &str) -> Result<Option<String>> {
    let rows = store
        .fetch(
            "SELECT checksum FROM dataset WHERE name = $1",
            vec![Val::from(name)],
        )
        .await?;
    Ok(rows.first().map(|r| crate::sql::text(r, "checksum")))
}
