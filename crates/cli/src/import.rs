//! `tremplin import <dataset> <path>`: parse a source file, report rejected records with file,
//! line and field, and write it to the store in one transaction.

use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::{Path, PathBuf};
use tremplin_ingest::{bundle, certif, geo, offers, rome, tension, IngestError, Parsed};
use tremplin_store::import::{self as si, checksum, DatasetMeta, ImportSummary, TableRows};
use tremplin_store::Store;

/// The datasets `tremplin import` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Dataset {
    /// ROME 4.0 release: a folder of `unix_*_v460_utf8.csv` files.
    Rome,
    /// Geography: a folder with communes.csv, commune_bassin.csv, commune_zone_emploi_2020.csv…
    Geo,
    /// DARES tension per ROME × bassin (dares_tension_2021_rome_bassin.csv).
    Dares,
    /// DARES tension per FAP (dares_tension_fap_2011_2019.csv).
    FapTension,
    /// FAP ↔ ROME (fap225_rome.csv).
    FapRome,
    /// Certif Info (certif_info.csv).
    CertifInfo,
    /// RNCP (rncp_info.csv).
    Rncp,
    /// RNCP → ROME (rncp_rome.csv).
    RncpRome,
    /// RNCP blocs de compétences (rncp_blocs_competences.csv).
    RncpBlocs,
    /// Formacode v12 (formacode_v12.csv).
    Formacode,
    /// ROME → Formacode (rome_formacode.csv).
    RomeFormacode,
    /// InserJeunes outcomes (inserjeunes_region.csv).
    Inserjeunes,
    /// Job offers, France Travail API JSON (array or JSON lines).
    Offers,
    /// Training offer in LHEO XML.
    Lheo,
}

impl Dataset {
    /// Every foundation dataset with its bundled source, in import order (LHEO excluded: the
    /// demo catalogue is generated).
    pub const BUNDLED: [(Dataset, &'static str); 13] = [
        (Dataset::Rome, "rome"),
        (Dataset::Geo, "geo"),
        (Dataset::Dares, "tension/dares_tension_2021_rome_bassin.csv"),
        (
            Dataset::FapTension,
            "tension/dares_tension_fap_2011_2019.csv",
        ),
        (Dataset::FapRome, "tension/fap225_rome.csv"),
        (Dataset::CertifInfo, "training/certif_info.csv"),
        (Dataset::Rncp, "training/rncp_info.csv"),
        (Dataset::RncpRome, "training/rncp_rome.csv"),
        (Dataset::RncpBlocs, "training/rncp_blocs_competences.csv"),
        (Dataset::Formacode, "training/formacode_v12.csv"),
        (Dataset::RomeFormacode, "training/rome_formacode.csv"),
        (Dataset::Inserjeunes, "outcomes/inserjeunes_region.csv"),
        (Dataset::Offers, "offers/france_travail_offers.json"),
    ];

    pub fn name(self) -> &'static str {
        match self {
            Dataset::Rome => "rome",
            Dataset::Geo => "geo",
            Dataset::Dares => "dares",
            Dataset::FapTension => "fap-tension",
            Dataset::FapRome => "fap-rome",
            Dataset::CertifInfo => "certif-info",
            Dataset::Rncp => "rncp",
            Dataset::RncpRome => "rncp-rome",
            Dataset::RncpBlocs => "rncp-blocs",
            Dataset::Formacode => "formacode",
            Dataset::RomeFormacode => "rome-formacode",
            Dataset::Inserjeunes => "inserjeunes",
            Dataset::Offers => "offers",
            Dataset::Lheo => "lheo",
        }
    }
}

/// Checksum of a file, or of every file of a folder.
pub fn source_checksum(path: &Path) -> Result<String> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        let mut all = String::new();
        for e in entries.iter().filter(|e| e.is_file()) {
            all.push_str(&checksum(&std::fs::read(e)?));
        }
        Ok(checksum(all.as_bytes()))
    } else {
        Ok(checksum(
            &std::fs::read(path).with_context(|| path.display().to_string())?,
        ))
    }
}

fn bar(len: u64, msg: &str) -> ProgressBar {
    let pb = ProgressBar::new(len);
    pb.set_style(
        ProgressStyle::with_template("{msg:>16} [{bar:30}] {pos}/{len} lignes ({elapsed})")
            .expect("static template")
            .progress_chars("=> "),
    );
    pb.set_message(msg.to_string());
    pb
}

/// How an import treats rejected records.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Refuse the whole batch when any record is rejected.
    pub strict: bool,
    /// Print each rejected record (the first 20), not just their count.
    pub verbose: bool,
}

/// Prints rejected records and refuses the batch in strict mode.
fn report<T>(p: &Parsed<T>, opts: Options) -> Result<()> {
    if opts.verbose {
        for e in p.errors.iter().take(20) {
            eprintln!("rejeté : {e}");
        }
        if p.errors.len() > 20 {
            eprintln!(
                "… et {} autres enregistrements rejetés",
                p.errors.len() - 20
            );
        }
    } else if let Some(first) = p.errors.first() {
        eprintln!(
            "{} enregistrement(s) rejeté(s), par ex. {first}",
            p.errors.len()
        );
    }
    let strict = opts.strict;
    if strict && !p.errors.is_empty() {
        bail!(
            "{} enregistrement(s) rejeté(s) : import refusé (--strict), rien n'a été écrit",
            p.errors.len()
        );
    }
    Ok(())
}

async fn replace(
    store: &Store,
    meta: DatasetMeta,
    tables: Vec<TableRows>,
    rejected: usize,
) -> Result<ImportSummary> {
    let total: usize = tables.iter().map(|t| t.rows.len()).sum();
    let pb = bar(total as u64, &meta.name);
    let s = si::replace_dataset(store, &meta, tables, rejected as u64, &|n| {
        pb.set_position(n)
    })
    .await;
    pb.finish();
    Ok(s?)
}

fn one<T>(p: Result<Parsed<T>, IngestError>, opts: Options) -> Result<Parsed<T>> {
    let p = p?;
    report(&p, opts)?;
    Ok(p)
}

/// Parses a one-table source and replaces its table.
async fn tabular<T>(
    store: &Store,
    meta: DatasetMeta,
    parsed: Result<Parsed<T>, IngestError>,
    opts: Options,
    tables: fn(&[T]) -> Vec<TableRows>,
) -> Result<ImportSummary> {
    let p = one(parsed, opts)?;
    replace(store, meta, tables(&p.records), p.errors.len()).await
}

/// Imports one dataset from `path` (a file, or a folder for `rome` and `geo`).
pub async fn import(
    store: &Store,
    dataset: Dataset,
    path: &Path,
    opts: Options,
) -> Result<ImportSummary> {
    if !path.exists() {
        bail!("{} : fichier introuvable", path.display());
    }
    let meta = DatasetMeta {
        name: dataset.name().to_string(),
        source: path.display().to_string(),
        version: match dataset {
            Dataset::Rome => rome::release(path).unwrap_or_else(|| "ROME 4.0".into()),
            _ => tremplin_ingest::reader::display_name(path),
        },
        checksum: source_checksum(path)?,
    };
    let s = match dataset {
        Dataset::Rome => {
            let mut p = one(rome::load(path), opts)?;
            let r = p.records.pop().unwrap_or_default();
            if r.fiches.is_empty() {
                bail!("{} : aucune fiche ROME lue", path.display());
            }
            replace(store, meta, si::rome_tables(&r), p.errors.len()).await?
        }
        Dataset::Geo => {
            let mut p = one(geo::load(path), opts)?;
            let g = p.records.pop().unwrap_or_default();
            replace(store, meta, si::geo_tables(&g), p.errors.len()).await?
        }
        Dataset::Dares => {
            tabular(
                store,
                meta,
                tension::parse_dares_rome_bassin(path),
                opts,
                si::dares_tables,
            )
            .await?
        }
        Dataset::FapTension => {
            tabular(
                store,
                meta,
                tension::parse_dares_fap(path),
                opts,
                si::fap_tension_tables,
            )
            .await?
        }
        Dataset::FapRome => {
            tabular(
                store,
                meta,
                tension::parse_fap_rome(path),
                opts,
                si::fap_rome_tables,
            )
            .await?
        }
        Dataset::CertifInfo => {
            tabular(
                store,
                meta,
                certif::parse_certif_info(path),
                opts,
                si::certification_tables,
            )
            .await?
        }
        Dataset::Rncp => {
            tabular(store, meta, certif::parse_rncp(path), opts, si::rncp_tables).await?
        }
        Dataset::RncpRome => {
            tabular(
                store,
                meta,
                certif::parse_rncp_rome(path),
                opts,
                si::rncp_rome_tables,
            )
            .await?
        }
        Dataset::RncpBlocs => {
            tabular(
                store,
                meta,
                certif::parse_rncp_blocs(path),
                opts,
                si::rncp_bloc_tables,
            )
            .await?
        }
        Dataset::Formacode => {
            tabular(
                store,
                meta,
                certif::parse_formacode(path),
                opts,
                si::formacode_tables,
            )
            .await?
        }
        Dataset::RomeFormacode => {
            tabular(
                store,
                meta,
                certif::parse_rome_formacode(path),
                opts,
                si::rome_formacode_tables,
            )
            .await?
        }
        Dataset::Inserjeunes => {
            tabular(
                store,
                meta,
                certif::parse_inserjeunes(path),
                opts,
                si::outcome_tables,
            )
            .await?
        }
        Dataset::Offers => {
            let p = one(offers::parse_offers(path), opts)?;
            let pb = bar(p.records.len() as u64, "offers");
            let s = si::upsert_offers(store, &meta, &p.records, p.errors.len() as u64, &|n| {
                pb.set_position(n)
            })
            .await;
            pb.finish();
            s?
        }
        Dataset::Lheo => {
            crate::training::import_lheo(store, path).await?;
            return Ok(ImportSummary {
                dataset: "lheo".into(),
                records: 0,
                rejected: 0,
            });
        }
    };
    Ok(s)
}

/// Imports every bundled dataset whose source changed since the last import (all of them on
/// a fresh store). Returns how many were imported.
pub async fn import_bundled(store: &Store) -> Result<usize> {
    let mut n = 0;
    for (dataset, rel) in Dataset::BUNDLED {
        let path = if matches!(dataset, Dataset::Rome | Dataset::Geo) {
            bundle::data_dir().join(rel)
        } else {
            bundle::bundled(rel)
        };
        let sum = source_checksum(&path)?;
        if si::dataset_checksum(store, dataset.name())
            .await?
            .as_deref()
            == Some(sum.as_str())
        {
            continue;
        }
        let s = import(
            store,
            dataset,
            &path,
            Options {
                strict: false,
                verbose: false,
            },
        )
        .await?;
        tracing::info!(
            dataset = s.dataset,
            records = s.records,
            rejected = s.rejected,
            "imported"
        );
        n += 1;
    }
    Ok(n)
}
