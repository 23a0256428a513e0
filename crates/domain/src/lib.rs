//! Pure domain of Tremplin: the French employment and training vocabulary as Rust types,
//! and the rules that need no I/O (text normalisation, perimeter aggregation).
//!
//! Invariant: this crate does no I/O, no SQL, no HTTP. Everything here can be unit-tested on
//! hand-built values.

pub mod certif;
pub mod geo;
pub mod offer;
pub mod perimeter;
pub mod rome;
pub mod tension;
pub mod text;

pub use geo::{Commune, Geography};
pub use perimeter::{Perimeter, PerimeterKind};
pub use rome::{Appellation, Competence, Fiche, Rome, Savoir, SkillKind};
