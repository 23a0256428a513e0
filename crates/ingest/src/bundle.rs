//! The reference data shipped with Tremplin in `data/` (gzip-compressed copies of the public
//! sources; see `data/PROVENANCE.md`).

use std::path::{Path, PathBuf};

/// Where the bundled data lives: `$TREMPLIN_DATA_DIR`, else the `data/` folder of the source
/// tree Tremplin was built from.
pub fn data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("TREMPLIN_DATA_DIR") {
        return PathBuf::from(d);
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    dir.canonicalize().unwrap_or(dir)
}

/// Path of one bundled file, e.g. `bundled("rome/unix_referentiel_code_rome_v460_utf8.csv")`
/// (the `.gz` suffix is added).
pub fn bundled(rel: &str) -> PathBuf {
    data_dir().join(format!("{rel}.gz"))
}
