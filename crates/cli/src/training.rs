//! `tremplin import lheo`, `tremplin export lheo`, `tremplin catalogue …` (owned by the training
//! work: replace freely).
use std::path::Path;
use tremplin_store::Store;

#[derive(clap::Subcommand)]
pub enum ExportCmd {}

#[derive(clap::Subcommand)]
pub enum CatalogueCmd {}

pub async fn import_lheo(_store: &Store, _path: &Path) -> anyhow::Result<()> {
    anyhow::bail!("lheo: not wired yet")
}

pub async fn run_export(cmd: ExportCmd, _db: &str) -> anyhow::Result<()> {
    match cmd {}
}

pub async fn run(cmd: CatalogueCmd, _db: &str) -> anyhow::Result<()> {
    match cmd {}
}

pub async fn on_demo(_store: &Store) -> anyhow::Result<()> {
    Ok(())
}
