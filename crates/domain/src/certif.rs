//! Certifications and training nomenclatures: Certif Info, RNCP and its blocs de compétences,
//! Formacode, and InserJeunes outcomes.

use serde::{Deserialize, Serialize};

/// A certification from Certif Info.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Certification {
    pub code: String,
    pub label: String,
    pub type_label: String,
    /// European level (3..8), empty when unknown.
    pub level: String,
    pub formacode: String,
    pub formacode_label: String,
    pub romes: Vec<String>,
    pub nsf: String,
    pub rncp: String,
    pub certifier: String,
    /// Code of the diploma in the education system (CFD), links to InserJeunes.
    pub cfd: String,
}

/// An RNCP record (Répertoire national des certifications professionnelles).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rncp {
    pub code: String,
    pub title: String,
    pub active: bool,
    pub level: String,
    pub type_label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RncpRome {
    pub rncp: String,
    pub rome: String,
}

/// A bloc de compétences: a modular, separately certifiable part of an RNCP certification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RncpBloc {
    pub rncp: String,
    pub code: String,
    pub title: String,
}

/// A Formacode (training domain).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Formacode {
    pub code: String,
    pub label: String,
    pub field: String,
    pub definition: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RomeFormacode {
    /// The ROME v3 OGR code used by the source file.
    pub rome_ogr: String,
    pub rome_label: String,
    pub formacode: String,
    pub formacode_label: String,
}

/// InserJeunes: what becomes of learners after a diploma, per region and cohort.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub cohort: String,
    pub region: String,
    /// `scolaire` or `apprentissage`.
    pub route: String,
    pub cfd: String,
    pub mefstat11: String,
    pub leavers: Option<i64>,
    pub employed_6m: Option<i64>,
    pub employment_rate_6m: Option<f64>,
    pub employment_rate_12m: Option<f64>,
    pub employment_rate_24m: Option<f64>,
    pub further_study_rate: Option<f64>,
}
