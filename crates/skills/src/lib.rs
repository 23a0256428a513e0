//! Skills intelligence for Tremplin: reads French texts (job offers, CVs, descriptions of
//! experience) and finds the ROME 4.0 occupation and the compétences / savoirs they ask for,
//! each with its evidence, and computes skill trends. No database, no network: the referential
//! and the learned model are read from a data folder ([`bundle`]) or passed as text.
//!
//! Pipeline of [`Engine::extract`] on `title + "\n" + description`:
//! 1. [`norm`]: words with byte spans, folded (case, accents, ligatures), elisions and stop
//!    words dropped, Snowball French stems (with two sense splits: équipe/équipement,
//!    assurer/assurance).
//! 2. [`ranking`]: fiche = logistic regression over title/body stems and title bigrams (fiches
//!    seen in labelled offers) blended with a naive Bayes over all 1,584 fiches (appellations
//!    and fiche texts as pseudo-documents) and with the fiches of training offers with the same
//!    title; a text that the logistic model's *outside* class places outside the offers'
//!    fiches (a majority, or ahead of every offer fiche), or that it reads unsure of all of
//!    them, is left to the referential-only naive Bayes when that names another domain.
//! 3. [`matcher`]: every label whose content stems occur close together in one sentence
//!    (IDF-weighted coverage, phrase order), anchored on its rarest stem; [`variants`]: curated
//!    surface forms found by Aho-Corasick over the folded text.
//! 4. Assertion rules ([`engine`]): a full phrase match of several stems or of a name/tool; a full
//!    match of a fiche-context skill (items of the fiche, its runner-ups, its mobility fiches);
//!    a name with only generic words missing ("Linux" → "Système d'exploitation Linux"); a
//!    partial match (coverage ≥ 0.75, ≥ 2 stems) of an item of the fiche, or a full match of
//!    one of its reduced forms ([`heads`]: head before a qualifier, object of a light verb,
//!    halves of a coordination); certifications only
//!    as full phrases; never from a passage in a section about the employer ([`zones`]: "Qui
//!    sommes-nous ?", "Ce que nous offrons"). These are `"evidence": "text"` with spans. Skills asked by ≥ 30 % of the
//!    fiche's labelled offers are added as `"evidence": "occupation"` with that share, no span.
//!
//! Invariants: spans are byte offsets on char boundaries of `title + "\n" + description`;
//! trends count text evidence only; every figure of [`eval`] comes from models that never saw
//! the evaluated offer.

pub mod bundle;
pub mod catalog;
pub mod corpus_wide;
pub mod derivation;
pub mod engine;
pub mod entities;
pub mod eval;
pub mod gap;
pub mod heads;
pub mod linear;
pub mod lists;
pub mod matcher;
pub mod model;
pub mod naming;
pub mod norm;
pub mod occupation;
pub mod output;
pub mod ranking;
pub mod record;
pub mod stream;
pub mod trends;
pub mod variants;
mod wordmap;
pub mod zones;

pub use catalog::{macro_links, Catalog, Family, Skill};
pub use engine::{Engine, Evidence, Extraction, FicheGuess, SkillHit};
pub use model::{Learned, TrainingOffer};
