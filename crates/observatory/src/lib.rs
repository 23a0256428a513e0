//! Tremplin's observatory: labour-market tension per ROME fiche (and FAP family) × perimeter ×
//! period, the Bretagne classes (structural tension A, vigilance B), the secret-statistique
//! publication rule, the validation against DARES, and territorial portraits with a draft
//! diagnostic. Pure: no database, no network, no file access — callers pass domain values.

pub mod bench;
pub mod classify;
pub mod fap;
pub mod indicators;
pub mod inputs;
pub mod model;
pub mod offers;
pub mod pdf;
pub mod portrait;
pub mod rollup;
pub mod secret;
pub mod series;
pub mod stats;
pub mod swot;
pub mod tension;
pub mod validate;

pub use model::{Observatory, PerimeterTension, Sources, TensionRow};
pub use portrait::Portrait;
pub use secret::Figure;
