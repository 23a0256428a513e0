//! `tremplin tension …` and `tremplin portrait …` (owned by the observatory work: replace freely).
use tremplin_store::Store;

#[derive(clap::Args)]
pub struct TensionArgs {}

#[derive(clap::Args)]
pub struct PortraitArgs {}

pub async fn run_tension(_args: TensionArgs, _db: &str) -> anyhow::Result<()> {
    anyhow::bail!("tension: not wired yet")
}

pub async fn run_portrait(_args: PortraitArgs, _db: &str) -> anyhow::Result<()> {
    anyhow::bail!("portrait: not wired yet")
}

pub async fn on_demo(_store: &Store) -> anyhow::Result<()> {
    Ok(())
}
