//! `tremplin`: one binary, several roles as subcommands.

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use tremplin_cli::{import, observatory, prepare_demo, serve, skills, training, DEFAULT_DB};
use tremplin_store::Store;

/// mimalloc: the skills engine makes many short-lived allocations per offer; glibc's allocator
/// spent about 33,000 instructions per offer on them, mimalloc 20,000 fewer (ARCHITECTURE.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "tremplin",
    version,
    about = "Tremplin : observer les compétences, connaître l'offre de formation, construire les parcours (Grand Est)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct DbArg {
    /// Store: a SQLite file path, or a sqlite:// or postgres:// URL.
    #[arg(long, global = true, env = "TREMPLIN_DB", default_value = DEFAULT_DB)]
    db: String,
}

#[derive(Subcommand)]
enum Command {
    /// Imports all bundled data on first run (or when it changed), then serves the app.
    Demo {
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// Serves the web app and API on an existing store.
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// Imports one dataset from a file (or folder for rome and geo).
    Import {
        dataset: import::Dataset,
        path: PathBuf,
        /// Refuse the whole batch if any record is rejected.
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        db: DbArg,
    },
    /// Lists imported datasets with source, version and import time.
    Status {
        #[command(flatten)]
        db: DbArg,
    },
    /// Exports data (LHEO).
    Export {
        #[command(subcommand)]
        what: training::ExportCmd,
    },
    /// Skills intelligence: extraction, evaluation, benchmark.
    Skills {
        #[command(subcommand)]
        cmd: skills::SkillsCmd,
    },
    /// Labour-market tension per occupation × perimeter.
    Tension(observatory::TensionArgs),
    /// Portrait of a territory.
    Portrait(observatory::PortraitArgs),
    /// Synthetic training catalogue: generation and benchmark.
    Catalogue {
        #[command(subcommand)]
        cmd: training::CatalogueCmd,
    },
}

#[tokio::main]
async fn main() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "warn,sqlx=error".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match Cli::parse().command {
        Command::Demo { addr, db } => {
            let store = Store::open(&db.db).await?;
            prepare_demo(&store).await?;
            serve(store, &addr).await
        }
        Command::Serve { addr, db } => serve(Store::open(&db.db).await?, &addr).await,
        Command::Import {
            dataset,
            path,
            strict,
            db,
        } => {
            let store = Store::open(&db.db).await?;
            let s = import::import(
                &store,
                dataset,
                &path,
                import::Options {
                    strict,
                    verbose: true,
                },
            )
            .await?;
            // LHEO imports print their own, richer summary.
            if dataset != import::Dataset::Lheo {
                println!(
                    "{} : {} enregistrements écrits, {} rejetés",
                    s.dataset, s.records, s.rejected
                );
            }
            Ok(())
        }
        Command::Status { db } => {
            let store = Store::open(&db.db).await?;
            for (name, source, version, at, records, rejected) in
                tremplin_store::import::datasets(&store).await?
            {
                println!("{name:<16} {records:>8} lignes  {rejected:>4} rejetées  {at}  {version}  {source}");
            }
            Ok(())
        }
        Command::Export { what } => training::run_export(what, DEFAULT_DB).await,
        Command::Skills { cmd } => skills::run(cmd, DEFAULT_DB).await,
        Command::Tension(args) => observatory::run_tension(args, DEFAULT_DB).await,
        Command::Portrait(args) => observatory::run_portrait(args, DEFAULT_DB).await,
        Command::Catalogue { cmd } => training::run(cmd, DEFAULT_DB).await,
    }
}
