//! `tremplin tension …` and `tremplin portrait …`: tension per ROME fiche (or FAP) × perimeter,
//! its validation against DARES, the recompute benchmark, and territorial portraits.

use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use std::io::Write;
use std::path::{Path, PathBuf};
use tremplin_domain::perimeter::Perimeter;
use tremplin_domain::rome::is_rome_code;
use tremplin_ingest::reader::{parse_csv, SEMICOLON};
use tremplin_ingest::{bundle, rome, tension};
use tremplin_observatory::inputs::{self, InputCell};
use tremplin_observatory::model::in_tension;
use tremplin_observatory::Portrait;
use tremplin_store::observatory::{load_inputs, replace_period, TensionInput};
use tremplin_store::{Snapshot, Store, Val};
use tremplin_web::observatory::{
    bundled_snapshot, input_cells, portrait_document, portrait_pdf, tables, ObservatoryState,
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
async fn snapshot(db: &str) -> Result<(Snapshot, Store)> {
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

fn state_for(
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
            validate(own.as_deref().unwrap_or(db), json).await
        }
        Some(TensionCmd::Import {
            file,
            period,
            db: own,
        }) => import(&file, &period, own.as_deref().unwrap_or(db)).await,
        Some(TensionCmd::Bench {
            offers,
            seed,
            threads,
        }) => bench(offers, seed, threads),
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

async fn validate(db: &str, json: bool) -> Result<()> {
    let (data, _) = snapshot(db).await?;
    let st = state_for(&data, None, &[])?;
    let v = st.validation();
    if json {
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(());
    }
    println!("Validation du calcul Tremplin (ratio offres / demandeurs ABC, quintiles nationaux des cellules ROME × bassin)");
    println!(
        "contre l'indicateur publié ind_tension_d (DARES {}).",
        st.obs.table.period
    );
    for x in &v {
        println!("\n{} — {} cellules ROME × bassin", x.scope, x.cells);
        println!(
            "  rho de Spearman (ratio calculé / quintile publié)   : {:.3}",
            x.rho_ratio
        );
        println!(
            "  rho de Spearman (quintile calculé / publié)         : {:.3}",
            x.rho_quintile
        );
        println!(
            "  accord exact des quintiles                          : {:.1} %",
            x.exact * 100.0
        );
        println!(
            "  accord à un quintile près                           : {:.1} %",
            x.within_one * 100.0
        );
        println!(
            "  accord exact, seuils calés sur les parts publiées   : {:.1} %",
            x.exact_matched_shares * 100.0
        );
        println!(
            "  borne : meilleur accord exact d'un classement monotone du ratio : {:.1} %",
            x.exact_upper_bound * 100.0
        );
        let s: Vec<String> = x
            .published_shares
            .iter()
            .map(|p| format!("{:.1} %", p * 100.0))
            .collect();
        println!("  parts publiées des quintiles 1..5 : {}", s.join(" / "));
        println!("  matrice (lignes : quintile calculé 1..5 ; colonnes : publié 1..5)");
        for r in &x.confusion {
            println!(
                "    {}",
                r.iter().map(|n| format!("{n:>6}")).collect::<String>()
            );
        }
    }
    Ok(())
}

fn bench(n: usize, seed: u64, threads: usize) -> Result<()> {
    let rome = rome::load_bundled()?;
    let dares = tension::parse_dares_rome_bassin(&bundle::bundled(
        "tension/dares_tension_2021_rome_bassin.csv",
    ))?
    .records;
    let fiches: Vec<String> = rome.fiches.iter().map(|f| f.code.clone()).collect();
    let r = tremplin_observatory::bench::run(&dares, &fiches, n, seed, threads);
    println!("Données synthétiques (graine {seed}) tirées de la distribution DARES 2021 des offres par ROME × bassin.");
    println!(
        "{} offres, {} fiches × {} bassins × {} trimestres = {} cellules-trimestres, {} fil(s)",
        r.offers,
        r.fiches,
        r.bassins,
        r.quarters,
        r.cells * r.quarters,
        r.threads
    );
    println!(
        "génération        : {:>8.1} ms (hors mesure)",
        r.generate_ms
    );
    println!("comptage          : {:>8.1} ms", r.count_ms);
    println!("quintiles+classes : {:>8.1} ms", r.recompute_ms);
    println!(
        "recalcul complet  : {:>8.1} ms (objectif < 5 000 ms)",
        r.total_ms
    );
    println!(
        "{} cellules-trimestres publiables ; classe A : {} cellules, classe B : {}",
        r.observed_cell_quarters, r.class_a, r.class_b
    );
    for (rome, bassin, v) in &r.top_a {
        println!("  A  {rome} × bassin {bassin} : {v} offres sur 25 trimestres");
    }
    Ok(())
}

async fn import(file: &Path, period: &str, db: &str) -> Result<()> {
    if !inputs::is_period(period) {
        bail!("--period « {period} » invalide : attendu AAAA ou AAAATn, par ex. 2024T1");
    }
    let store = Store::open(db).await?;
    let parsed = parse_csv(file, SEMICOLON, &["ROME", "cbassin", "defm_abc"], |r| {
        let rome = r.required("ROME")?;
        if !is_rome_code(rome) {
            return Err(("ROME".into(), format!("code ROME invalide « {rome} »")));
        }
        let jobseekers = r
            .f64_opt("defm_abc")?
            .ok_or(("defm_abc".to_string(), "absent".to_string()))?;
        let offers = r.f64_opt("oee")?;
        if jobseekers < 0.0 || offers.is_some_and(|o| o < 0.0) {
            return Err(("defm_abc".into(), "effectif négatif".into()));
        }
        Ok(Some(TensionInput {
            period: period.to_string(),
            rome: rome.to_string(),
            bassin: r.required("cbassin")?.to_string(),
            offers,
            jobseekers,
        }))
    })?;
    if let Some(first) = parsed.errors.first() {
        bail!(
            "{} ligne(s) rejetée(s), rien n'a été importé ; première : {first}",
            parsed.errors.len()
        );
    }
    let n = replace_period(&store, period, &parsed.records, &file.display().to_string()).await?;
    println!("{n} cellules ROME × bassin importées pour la période {period}");
    Ok(())
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
        PortraitFormat::Html => portrait_document(&refs).into_bytes(),
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
