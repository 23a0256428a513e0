//! `tremplin tension …` and `tremplin portrait …`: tension per ROME fiche (or FAP) × perimeter,
//! its validation against DARES, the recompute benchmark, and territorial portraits.

mod commands;

use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use std::io::Write;
use std::path::PathBuf;
use tremplin_domain::perimeter::Perimeter;
use tremplin_observatory::inputs::InputCell;
use tremplin_observatory::model::in_tension;
use tremplin_observatory::Portrait;
use tremplin_store::observatory::load_inputs;
use tremplin_store::{Snapshot, Store, Val};
use tremplin_web::observatory::{
    bundled_snapshot, document_map, input_cells, portrait_document, portrait_pdf, tables,
    ObservatoryState,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Json,
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Level {
    Rome,
    Fap,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PortraitFormat {
    Html,
    Json,
    Pdf,
}

/// `tremplin tension`: one record per fiche with its indicators and class, or a subcommand.
#[derive(clap::Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct TensionArgs {
    #[command(subcommand)]
    pub cmd: Option<TensionCmd>,
    #[command(flatten)]
    pub query: TensionQuery,
}

#[derive(clap::Args, Debug)]
pub struct TensionQuery {
    /// Perimeter TYPE:CODE (commune, epci, bassin, zone-emploi, departement, region, custom:NOM).
    #[arg(long)]
    pub perimeter: Option<String>,
    /// Period: a DARES year (default: the latest in the store) or an imported period
    /// (`2024`, `2024T1`, see `tremplin tension import`).
    #[arg(long)]
    pub period: Option<String>,
    /// One record per ROME fiche or per FAP family.
    #[arg(long, value_enum, default_value_t = Level::Rome)]
    pub by: Level,
    /// Only fiches in tension (computed quintile 4 or 5), class A then B by volume of offers.
    #[arg(long)]
    pub in_tension: bool,
    #[arg(long, value_enum, default_value_t = TableFormat::Json)]
    pub format: TableFormat,
    /// Output file (default: standard output).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Store: SQLite path or URL (default: the global one).
    #[arg(long)]
    pub db: Option<String>,
}

#[derive(clap::Subcommand, Debug)]
pub enum TensionCmd {
    /// Spearman rho and quintile agreement of Tremplin's computation with DARES `ind_tension_d`.
    Validate {
        #[arg(long)]
        json: bool,
        #[arg(long)]
        db: Option<String>,
    },
    /// Imports jobseekers (and optionally offers) per ROME × bassin for one period from a CSV
    /// with `;` and columns ROME, cbassin, defm_abc [, oee] (the DARES file's layout). Without
    /// `oee`, offers are counted from the store's offers of the period.
    Import {
        file: PathBuf,
        /// `YYYY` or `YYYYTq`, e.g. 2024T1.
        #[arg(long)]
        period: String,
        #[arg(long)]
        db: Option<String>,
    },
    /// Full recompute of all fiches × bassins × 25 quarters on seeded synthetic offers.
    Bench {
        #[arg(long, default_value_t = 1_000_000)]
        offers: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        #[arg(long, default_value_t = 2)]
        threads: usize,
    },
}

/// `tremplin portrait`.
#[derive(clap::Args, Debug)]
pub struct PortraitArgs {
    /// Perimeter TYPE:CODE, e.g. bassin:4431.
    #[arg(long)]
    pub perimeter: String,
    /// Another perimeter to compare with (Grand Est is always included).
    #[arg(long)]
    pub compare: Option<String>,
    #[arg(long, value_enum, default_value_t = PortraitFormat::Html)]
    pub format: PortraitFormat,
    /// Output file (default: standard output; required for pdf).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Store: SQLite path or URL (default: the global one).
    #[arg(long)]
    pub db: Option<String>,
}

/// The store's snapshot, or the bundled reference data when the store holds no DARES rows.
pub(super) async fn snapshot(db: &str) -> Result<(Snapshot, Store)> {
    let store = Store::open(db)
        .await
        .with_context(|| format!("ouverture du magasin {db}"))?;
    let snap = store.snapshot().await?;
    if !snap.dares.is_empty() {
        return Ok((snap, store));
    }
    eprintln!("Magasin sans données DARES : lecture des données embarquées (data/).");
    Ok((bundled_snapshot()?, store))
}

/// Parses a perimeter; `custom:NAME` without communes is read from the store.
async fn perimeter(store: &Store, s: &str) -> Result<Perimeter> {
    let p = match s.strip_prefix("custom:") {
        Some(name) if !name.contains('=') => {
            let rows = store
                .fetch(
                    "SELECT communes FROM custom_perimeter WHERE name = $1",
                    vec![Val::from(name)],
                )
                .await?;
            let Some(row) = rows.first() else {
                bail!("périmètre personnalisé inconnu « {name} »")
            };
            let communes = tremplin_store::sql::text(row, "communes")
                .split(',')
                .map(str::to_string)
                .collect();
            Perimeter::custom(name, communes)
        }
        _ => Perimeter::parse(s)?,
    };
    Ok(p)
}

fn write_out(output: &Option<PathBuf>, bytes: &[u8]) -> Result<()> {
    match output {
        Some(path) => {
            std::fs::write(path, bytes).with_context(|| format!("écriture de {}", path.display()))
        }
        None => match std::io::stdout().write_all(bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            r => Ok(r?),
        },
    }
}

/// DARES years and imported periods, for error messages.
fn known_periods(data: &Snapshot, imported: &[InputCell]) -> String {
    let mut known: Vec<String> = data.dares.iter().map(|d| d.year.to_string()).collect();
    known.extend(imported.iter().map(|i| i.period.clone()));
    known.sort_unstable();
    known.dedup();
    known.join(", ")
}

pub(super) fn state_for(
    data: &Snapshot,
    period: Option<i64>,
    imported: &[InputCell],
) -> Result<ObservatoryState> {
    let year = period.unwrap_or_else(|| tremplin_web::observatory::latest_year(data));
    if !data.dares.iter().any(|d| d.year == year) {
        bail!(
            "période {year} : aucune donnée d'offres et de demandeurs d'emploi ; périodes disponibles : {}",
            known_periods(data, imported)
        );
    }
    Ok(ObservatoryState::build_for(data, year))
}

pub async fn run_tension(args: TensionArgs, db: &str) -> Result<()> {
    match args.cmd {
        Some(TensionCmd::Validate { json, db: own }) => {
            commands::validate(own.as_deref().unwrap_or(db), json).await
        }
        Some(TensionCmd::Import {
            file,
            period,
            db: own,
        }) => commands::import(&file, &period, own.as_deref().unwrap_or(db)).await,
        Some(TensionCmd::Bench {
            offers,
            seed,
            threads,
        }) => commands::bench(offers, seed, threads),
        None => tension(args.query, db).await,
    }
}

async fn tension(q: TensionQuery, db: &str) -> Result<()> {
    let Some(per) = q.perimeter.as_deref() else {
        bail!("--perimeter requis, par ex. --perimeter bassin:4431 (ou une sous-commande : validate, import, bench)")
    };
    let (data, store) = snapshot(q.db.as_deref().unwrap_or(db)).await?;
    let p = perimeter(&store, per).await?;
    let imported = input_cells(load_inputs(&store).await?);
    let period = q.period.as_deref();
    let imported_t = match period {
        Some(x) => {
            let st = state_for(&data, None, &imported)?;
            st.obs
                .tension_imported(&data.geo, &data.offers, &p, &imported, x)?
                .map(|t| (st, t))
        }
        None => None,
    };
    let (st, t) = match imported_t {
        Some(pair) => pair,
        None => {
            let year = period
                .map(|x| {
                    x.parse::<i64>().map_err(|_| {
                        anyhow::anyhow!(
                            "période « {x} » inconnue ; périodes disponibles : {}",
                            known_periods(&data, &imported)
                        )
                    })
                })
                .transpose()?;
            let st = state_for(&data, year, &imported)?;
            let t = st.obs.tension(&data.geo, &p)?;
            (st, t)
        }
    };
    let rows: Vec<_> = if q.in_tension {
        in_tension(&t.rows)
    } else {
        t.rows.iter().collect()
    };
    let title = format!(
        "Tension par métier — {} ({}), {}",
        t.name, t.perimeter, t.period
    );
    let bytes = match q.by {
        Level::Rome => match q.format {
            TableFormat::Json => serde_json::to_vec_pretty(&serde_json::json!({
                "perimeter": t.perimeter, "name": t.name, "kind": t.kind, "period": t.period, "rows": rows,
            }))?,
            TableFormat::Csv => tables::tension(&rows, &title).csv().into_bytes(),
        },
        Level::Fap => {
            let owned: Vec<_> = rows.into_iter().cloned().collect();
            let region = st
                .region
                .as_ref()
                .map(|r| r.region.clone())
                .unwrap_or_else(|| "44".into());
            let fr = st
                .obs
                .fap_rows(&owned, &data.fap_rome, &data.fap_tension, &region);
            match q.format {
                TableFormat::Json => serde_json::to_vec_pretty(&serde_json::json!({
                    "perimeter": t.perimeter, "name": t.name, "period": t.period, "rows": fr,
                }))?,
                TableFormat::Csv => tables::fap(&fr, &title).csv().into_bytes(),
            }
        }
    };
    write_out(&q.output, &bytes)
}

pub async fn run_portrait(args: PortraitArgs, db: &str) -> Result<()> {
    let (data, store) = snapshot(args.db.as_deref().unwrap_or(db)).await?;
    let st = state_for(&data, None, &[])?;
    let mut all = vec![st.portrait(&data, &perimeter(&store, &args.perimeter).await?)?];
    all.extend(
        st.region
            .clone()
            .filter(|r| r.perimeter != all[0].perimeter),
    );
    if let Some(c) = &args.compare {
        all.push(st.portrait(&data, &perimeter(&store, c).await?)?);
    }
    let refs: Vec<&Portrait> = all.iter().map(|a| a.as_ref()).collect();
    let bytes = match args.format {
        PortraitFormat::Html => {
            portrait_document(&refs, document_map(&st, &data.geo, refs[0])).into_bytes()
        }
        PortraitFormat::Json => serde_json::to_vec_pretty(&serde_json::json!({
            "portrait": refs[0],
            "comparison": tremplin_observatory::portrait::compare(&refs),
        }))?,
        PortraitFormat::Pdf => {
            if args.output.is_none() {
                bail!("--format pdf : indiquer le fichier de sortie avec --output portrait.pdf");
            }
            portrait_pdf(&refs)
        }
    };
    write_out(&args.output, &bytes)
}

/// After the demo import: checks the observatory's inputs are present and computable.
pub async fn on_demo(store: &Store) -> Result<()> {
    let n = store.count("dares_tension").await?;
    if n == 0 {
        eprintln!("Observatoire : aucune donnée DARES importée, les tensions seront vides.");
    }
    Ok(())
}
