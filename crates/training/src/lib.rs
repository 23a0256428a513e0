//! Training offer of Tremplin: the LHEO 2.x format (streaming reader and writer), the seeded
//! synthetic Grand Est catalogue, live seats rules, session search and the carte des
//! formations.
//!
//! Invariant: this crate does no database or network I/O; the LHEO reader and writer work on
//! any `BufRead` / `Write`. The store (`tremplin-store::training`) persists what it produces.

pub mod carte;
pub mod date;
pub mod generate;
pub mod geo;
pub mod lheo;
pub mod model;
pub mod record;
pub mod search;

pub use date::Date;
pub use model::{Action, Formation, Modality, Provider, Session, SessionStatus};
