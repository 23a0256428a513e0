//! Loading the engine from Tremplin's bundled data folder (`data/`): the ROME release, its
//! fiche ↔ macro-compétence links and the learned model `skills/model.tsv.gz`.

use crate::catalog::{macro_links, Catalog};
use crate::engine::Engine;
use std::path::{Path, PathBuf};
use tremplin_ingest::reader::read_text;

/// Relative path (in the data folder) of the learned model.
pub const MODEL_FILE: &str = "skills/model.tsv.gz";

/// Relative path (in the data folder) of the curated variants.
pub const VARIANTS_FILE: &str = "skills/variants.tsv";

/// The curated variants text of a data folder.
pub fn variants_text(data_dir: &Path) -> Result<String, String> {
    read_text(&data_dir.join(VARIANTS_FILE)).map_err(|e| e.to_string())
}

/// Path of the learned model in a data folder.
pub fn model_path(data_dir: &Path) -> PathBuf {
    data_dir.join(MODEL_FILE)
}

/// The catalog of the ROME release in `data_dir/rome`.
pub fn catalog(data_dir: &Path) -> Result<Catalog, String> {
    let rome_dir = data_dir.join("rome");
    let parsed = tremplin_ingest::rome::load(&rome_dir).map_err(|e| e.to_string())?;
    let rome = parsed.records.into_iter().next().unwrap_or_default();
    let links_file = rome_dir.join("unix_liens_rome_referentiels_v460_utf8.csv.gz");
    let links = read_text(&links_file).map_err(|e| e.to_string())?;
    Ok(Catalog::new(&rome, &macro_links(&links)))
}

/// The engine built from a data folder.
pub fn engine(data_dir: &Path) -> Result<Engine, String> {
    let cat = catalog(data_dir)?;
    let path = model_path(data_dir);
    let model = read_text(&path).map_err(|e| e.to_string())?;
    Engine::new(cat, &model, &variants_text(data_dir)?)
        .map_err(|e| format!("{} : {e}", path.display()))
}
