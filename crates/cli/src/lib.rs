//! The `tremplin` command's library: imports, demo preparation, serving, and each area's
//! subcommands. `main.rs` only parses arguments and dispatches here.

pub mod import;
pub mod observatory;
pub mod skills;
pub mod training;

use anyhow::Result;
use tremplin_store::Store;

/// The default embedded store, shared by every command.
pub const DEFAULT_DB: &str = "tremplin.db";

/// Imports what is needed (bundled data, then each area's demo data).
pub async fn prepare_demo(store: &Store) -> Result<()> {
    let started = std::time::Instant::now();
    let n = import::import_bundled(store).await?;
    skills::on_demo(store).await?;
    observatory::on_demo(store).await?;
    training::on_demo(store).await?;
    if n > 0 {
        eprintln!(
            "Données importées en {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

pub async fn serve(store: Store, addr: &str) -> Result<()> {
    let started = std::time::Instant::now();
    let app = tremplin_web::App::build(store).await?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    eprintln!(
        "Tremplin prêt en {:.1} s : http://{} (Ctrl-C pour arrêter)",
        started.elapsed().as_secs_f64(),
        listener.local_addr()?
    );
    app.serve(listener).await
}
