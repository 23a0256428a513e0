//! Skills intelligence for Tremplin: reads French texts (job offers, CVs, descriptions of
//! experience) and finds the ROME 4.0 occupation and the compétences / savoirs they ask for,
//! each with its evidence (supporting text spans, or typical of the occupation), and computes
//! skill trends. Pure: no database, no network; bundled files are read by the caller and passed
//! as text.

pub mod bundle;
pub mod catalog;
pub mod engine;
pub mod eval;
pub mod linear;
pub mod matcher;
pub mod model;
pub mod norm;
pub mod occupation;
pub mod ranking;
pub mod stream;
pub mod trends;
pub mod variants;

pub use catalog::{macro_links, Catalog, Family, Skill};
pub use engine::{Engine, Evidence, Extraction, FicheGuess, SkillHit};
pub use model::{Learned, TrainingOffer};
