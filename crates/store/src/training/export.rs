//! LHEO export, streamed: formations are read 200 at a time in import order.

use super::read::formations;
use super::Result;
use crate::sql::text;
use crate::Store;
use sqlx::Row as _;
use std::io::Write;
use tremplin_training::lheo::LheoWriter;

/// Writes every stored formation as LHEO. `comment` is written at the top (e.g. the
/// "données synthétiques" notice); `progress` receives the count of formations written.
/// Returns that count.
pub async fn export_lheo<W: Write>(
    store: &Store,
    out: W,
    comment: Option<&str>,
    mut progress: impl FnMut(u64),
) -> Result<u64> {
    let mut w = LheoWriter::new(out, comment)?;
    let (mut position, mut numero) = (i64::MIN, String::new());
    loop {
        let rows = store
            .fetch(
                "SELECT numero, position FROM training_formation WHERE position > $1 OR (position = $1 AND numero > $2) \
                 ORDER BY position, numero LIMIT 200",
                vec![position.into(), numero.clone().into()],
            )
            .await?;
        let Some(last) = rows.last() else { break };
        position = last.try_get("position")?;
        numero = text(last, "numero");
        let numeros: Vec<String> = rows.iter().map(|r| text(r, "numero")).collect();
        for f in formations(store, &numeros).await? {
            w.write_formation(&f)?;
        }
        progress(w.formations());
    }
    let n = w.formations();
    w.finish()?;
    Ok(n)
}
