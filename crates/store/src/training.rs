//! Training offer storage: LHEO import (streaming, one transaction), export, live seats with a
//! versioned history, atomic reservations, and the reads behind pages and the search index.
//!
//! Invariants: an import either stores every formation of the file or nothing (any located
//! error rolls back); a seat change always bumps the session's `version` and writes one
//! `training_seat_history` row in the same transaction; a reservation only succeeds through
//! one conditional `UPDATE … WHERE seats_left > 0`, so concurrent reservations never overbook.

mod export;
mod import;
mod read;
mod seats;

pub use export::export_lheo;
pub use import::{import_lheo, ImportReport};
pub use read::{
    formation, history, load_records, provider, provider_sessions, reservations, session,
    HistoryRow, ReservationRow, SessionRow,
};
pub use seats::{cancel_reservation, reserve, update_seats, SeatUpdate};

use tremplin_training::lheo::LheoError;

#[derive(Debug, thiserror::Error)]
pub enum TrainingError {
    #[error(transparent)]
    Store(#[from] crate::StoreError),
    #[error("{} erreur(s) dans le fichier LHEO, rien n'a été importé ; première : {}", .0.len(), .0.first().map(|e| e.to_string()).unwrap_or_default())]
    Lheo(Vec<LheoError>),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("session inconnue « {0} »")]
    UnknownSession(String),
    #[error("réservation inconnue ou déjà annulée « {0} »")]
    UnknownReservation(String),
    #[error("plus aucune place disponible sur la session « {0} »")]
    Full(String),
    #[error("la session « {0} » n'est pas ouverte aux inscriptions ({1})")]
    NotOpen(String, String),
    #[error("la session a été modifiée entre-temps (version {current}, attendue {expected}) : rechargez la page")]
    Conflict { expected: i64, current: i64 },
    #[error("{0}")]
    Invalid(String),
}

impl From<sqlx::Error> for TrainingError {
    fn from(e: sqlx::Error) -> Self {
        TrainingError::Store(crate::StoreError::Sql(e))
    }
}

pub type Result<T> = std::result::Result<T, TrainingError>;

/// Current UTC time, `AAAA-MM-JJTHH:MM:SSZ`.
pub(crate) fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    crate::load::format_timestamp(secs)
}

fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("model types serialise")
}

fn from_json<T: serde::de::DeserializeOwned>(s: &str, what: &str) -> Result<T> {
    serde_json::from_str(s)
        .map_err(|e| TrainingError::Invalid(format!("{what} : document stocké illisible ({e})")))
}
