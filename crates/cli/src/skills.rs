//! `tremplin skills …` (owned by the skills work: replace freely).
use tremplin_store::Store;

#[derive(clap::Subcommand)]
pub enum SkillsCmd {}

pub async fn run(cmd: SkillsCmd, _db: &str) -> anyhow::Result<()> {
    match cmd {}
}

pub async fn on_demo(_store: &Store) -> anyhow::Result<()> {
    Ok(())
}
