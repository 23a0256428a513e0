//! Ingestion: typed parsers of every source format Tremplin reads, into domain types.
//!
//! Invariants: parsers never touch the database; each bad record becomes a [`RecordError`]
//! naming the file, line and field, and is skipped, so a caller can count, report, or refuse
//! the whole batch. Files may be plain or gzip-compressed (`.gz`), UTF-8 or Latin-1.

pub mod bundle;
pub mod certif;
pub mod geo;
pub mod offers;
pub mod reader;
pub mod rome;
pub mod tension;

pub use reader::{Parsed, RecordError};

/// Error that stops a whole file: it cannot be opened or has no usable header.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{file}: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}: colonne(s) manquante(s) : {columns}")]
    MissingColumns { file: String, columns: String },
    #[error("{file}: {reason}")]
    Invalid { file: String, reason: String },
}
