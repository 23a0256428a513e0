//! The flat view of a session that search and the carte des formations work on: one row per
//! session with what its action, formation and provider say about it.

use crate::date::Date;
use crate::geo::Point;
use crate::model::{Modality, SessionStatus};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionRecord {
    pub session: String,
    pub action: String,
    pub formation: String,
    pub provider: String,
    pub provider_name: String,
    pub title: String,
    pub romes: Vec<String>,
    pub formacodes: Vec<String>,
    pub rncp: String,
    pub certifinfo: String,
    /// INSEE code of the place of training.
    pub commune: String,
    pub city: String,
    #[serde(skip)]
    pub point: Option<Point>,
    pub modality: Modality,
    pub permanent: bool,
    pub start: Date,
    pub end: Date,
    pub capacity: Option<i64>,
    pub seats_left: Option<i64>,
    pub status: SessionStatus,
    pub cost: Option<f64>,
    pub hours: Option<i64>,
    pub modular: bool,
    pub synthetic: bool,
}

impl SessionRecord {
    /// Seats taken, when capacity and seats left are both known.
    pub fn taken(&self) -> Option<i64> {
        Some((self.capacity? - self.seats_left?).max(0))
    }
}
