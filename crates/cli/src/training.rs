//! `tremplin import lheo`, `tremplin export lheo`, `tremplin catalogue generate|bench`, and the
//! demo's synthetic catalogue.

mod bench;

use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::{Path, PathBuf};
use tremplin_ingest::{bundle::bundled, certif, geo, reader::read_text};
use tremplin_store::training::{self as st, TrainingError};
use tremplin_store::Store;
use tremplin_training::date::Date;
use tremplin_training::generate::{self, banner, Input, Params};
use tremplin_training::geo::{epci_centroids, Locator};
use tremplin_training::lheo::LheoWriter;

/// Seed of the demo catalogue.
pub const DEMO_SEED: u64 = 44;
/// Actions in the demo catalogue (about 30,000 sessions).
pub const DEMO_ACTIONS: usize = 4000;

#[derive(clap::Subcommand)]
pub enum ExportCmd {
    /// Exports the training offer as LHEO 2.3 XML (re-importable as is).
    Lheo {
        #[arg(long)]
        output: PathBuf,
        /// Store: a SQLite file path, or a sqlite:// or postgres:// URL.
        #[arg(long, env = "TREMPLIN_DB", default_value = "tremplin.db")]
        db: String,
    },
}

#[derive(clap::Subcommand)]
pub enum CatalogueCmd {
    /// Generates the seeded synthetic catalogue of a region as LHEO (données synthétiques).
    Generate {
        #[arg(long, default_value = "44")]
        region: String,
        #[arg(long, default_value_t = DEMO_SEED)]
        seed: u64,
        #[arg(long)]
        output: PathBuf,
        /// Number of actions to generate (about 8 sessions each).
        #[arg(long, default_value_t = DEMO_ACTIONS)]
        actions: usize,
        /// Reference day for seat filling (AAAA-MM-JJ), default today; sessions span the two
        /// years from 1 January of that year.
        #[arg(long)]
        today: Option<String>,
    },
    /// Measures generation, import (speed, peak memory) and search latency (p50/p95/p99).
    Bench {
        /// Sessions in the benchmark catalogue.
        #[arg(long, default_value_t = 100_000)]
        sessions: usize,
        /// Search queries to time.
        #[arg(long, default_value_t = 2000)]
        queries: usize,
        /// Folder for the generated files and stores (default: system temp folder).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

/// Reference data the generator draws from, read from the bundled files.
pub struct Reference {
    pub geo: tremplin_domain::geo::Geography,
    pub certifications: Vec<tremplin_domain::certif::Certification>,
    pub blocs: Vec<tremplin_domain::certif::RncpBloc>,
    pub locator: Locator,
}

impl Reference {
    pub fn load() -> Result<Reference> {
        let geo = geo::load_bundled()?;
        let topo = read_text(&bundled("geo/nodom_epci_2025.topojson"))?;
        let centroids = epci_centroids(&topo).map_err(anyhow::Error::msg)?;
        let locator = Locator::new(&geo, &centroids);
        let certifications =
            certif::parse_certif_info(&bundled("training/certif_info.csv"))?.records;
        let blocs =
            certif::parse_rncp_blocs(&bundled("training/rncp_blocs_competences.csv"))?.records;
        Ok(Reference {
            geo,
            certifications,
            blocs,
            locator,
        })
    }

    pub fn input(&self) -> Input<'_> {
        Input {
            certifications: &self.certifications,
            blocs: &self.blocs,
            geo: &self.geo,
            locator: &self.locator,
        }
    }
}

/// Writes a generated catalogue as LHEO to `out`.
pub fn generate_to<W: std::io::Write>(
    r: &Reference,
    p: &Params,
    out: W,
) -> Result<generate::Stats> {
    let mut w = LheoWriter::new(out, Some(&banner(p)))?;
    let stats = generate::generate(&r.input(), p, |f| w.write_formation(&f))
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    w.finish()?;
    Ok(stats)
}

fn parse_day(s: Option<&str>) -> Result<Date> {
    match s {
        Some(s) => Date::parse(s).map_err(|e| anyhow::anyhow!("--today : {e}")),
        None => Ok(Date::today()),
    }
}

fn bar(len: u64, template: &str) -> ProgressBar {
    let pb = ProgressBar::new(len);
    pb.set_style(
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    pb
}

/// Imports an LHEO file (plain or `.gz`) in one transaction, with a progress bar. On errors,
/// prints each with its line and XPath and stores nothing.
pub async fn import_lheo(store: &Store, path: &Path) -> Result<()> {
    let (reader, size) =
        tremplin_training::lheo::open(path).with_context(|| format!("{}", path.display()))?;
    let gz = path.extension().is_some_and(|e| e == "gz");
    let pb = if gz {
        bar(0, "{spinner} {bytes} décompressés lus ({elapsed})")
    } else {
        bar(size, "{bar:40} {bytes}/{total_bytes} ({eta})")
    };
    let who = format!(
        "import:{}",
        path.file_name()
            .map(|f| f.to_string_lossy())
            .unwrap_or_default()
    );
    let started = std::time::Instant::now();
    let result = st::import_lheo(store, reader, &who, |pos| pb.set_position(pos)).await;
    pb.finish_and_clear();
    match result {
        Ok(r) => {
            println!(
                "{} : {} formations, {} actions, {} sessions importées en {:.1} s ({} sessions nouvelles ou modifiées{})",
                path.display(),
                r.formations,
                r.actions,
                r.sessions,
                started.elapsed().as_secs_f64(),
                r.seat_changes,
                if r.synthetic > 0 { ", données synthétiques" } else { "" }
            );
            Ok(())
        }
        Err(TrainingError::Lheo(errors)) => {
            for e in errors.iter().take(100) {
                eprintln!("{}: {e}", path.display());
            }
            if errors.len() > 100 {
                eprintln!("… et {} autres erreurs", errors.len() - 100);
            }
            bail!(
                "{} : {} erreur(s), rien n'a été importé (la base est inchangée)",
                path.display(),
                errors.len()
            )
        }
        Err(e) => Err(e.into()),
    }
}

/// Exports every stored formation as LHEO, with a progress bar.
pub async fn export_lheo(store: &Store, path: &Path) -> Result<()> {
    let total = store.count("training_formation").await? as u64;
    let synthetic = store
        .fetch(
            "SELECT COUNT(*) AS n FROM training_formation WHERE synthetic = 1",
            vec![],
        )
        .await?
        .first()
        .map(|r| tremplin_store::sql::int(r, "n"))
        .unwrap_or(0);
    let comment = format!(
        "Export LHEO 2.3 de Tremplin ({total} formations{})",
        if synthetic > 0 {
            format!(", dont {synthetic} en données synthétiques")
        } else {
            String::new()
        }
    );
    let file = std::fs::File::create(path).with_context(|| format!("{}", path.display()))?;
    let pb = bar(total, "{bar:40} {pos}/{len} formations ({eta})");
    let n = st::export_lheo(store, std::io::BufWriter::new(file), Some(&comment), |n| {
        pb.set_position(n)
    })
    .await?;
    pb.finish_and_clear();
    println!("{} : {n} formations exportées", path.display());
    Ok(())
}

pub async fn run_export(cmd: ExportCmd, _default_db: &str) -> Result<()> {
    match cmd {
        ExportCmd::Lheo { output, db } => export_lheo(&Store::open(&db).await?, &output).await,
    }
}

pub async fn run(cmd: CatalogueCmd, _default_db: &str) -> Result<()> {
    match cmd {
        CatalogueCmd::Generate {
            region,
            seed,
            output,
            actions,
            today,
        } => {
            let today = parse_day(today.as_deref())?;
            let p = Params::two_years(&region, seed, today, actions);
            let r = Reference::load()?;
            let file =
                std::fs::File::create(&output).with_context(|| format!("{}", output.display()))?;
            let s = generate_to(&r, &p, std::io::BufWriter::new(file))?;
            println!(
                "{} : données synthétiques, {} organismes, {} formations ({} modulaires), {} actions ({} en entrées permanentes), {} sessions, {} places",
                output.display(),
                s.providers,
                s.formations,
                s.modular,
                s.actions,
                s.permanent,
                s.sessions,
                s.seats_offered
            );
            Ok(())
        }
        CatalogueCmd::Bench {
            sessions,
            queries,
            dir,
        } => bench::run(sessions, queries, dir).await,
    }
}

/// On the demo's first start, generates (fixed seed) and imports the synthetic catalogue.
pub async fn on_demo(store: &Store) -> Result<()> {
    if store.count("training_formation").await? > 0 {
        return Ok(());
    }
    let started = std::time::Instant::now();
    let r = Reference::load()?;
    let p = Params::two_years("44", DEMO_SEED, Date::today(), DEMO_ACTIONS);
    let mut xml = Vec::new();
    let s = generate_to(&r, &p, &mut xml)?;
    st::import_lheo(store, xml.as_slice(), "demo:catalogue-synthetique", |_| {}).await?;
    eprintln!(
        "Catalogue de formation synthétique (données synthétiques, graine {DEMO_SEED}) : {} actions, {} sessions en {:.1} s",
        s.actions,
        s.sessions,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
