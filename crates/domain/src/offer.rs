//! Job offers (offres d'emploi) in the France Travail "Offres d'emploi v2" shape.

use serde::{Deserialize, Serialize};

/// A competence code the employer selected on the offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferCompetence {
    pub code: String,
    pub label: String,
    /// `E` (exigée) or `S` (souhaitée).
    pub exigence: String,
}

/// A job offer. The typed fields are those Tremplin computes on; `raw` keeps the whole
/// record exactly as the API gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Offer {
    pub id: String,
    pub title: String,
    pub description: String,
    pub rome: String,
    pub appellation_label: String,
    /// INSEE code of the commune of the workplace (may be empty for offers abroad).
    pub commune: String,
    pub place_label: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// `dateCreation`, ISO 8601.
    pub created: String,
    pub contract_type: String,
    pub experience: String,
    pub qualification: String,
    pub naf: String,
    pub employer: String,
    pub competences: Vec<OfferCompetence>,
    /// The whole JSON record, unchanged.
    pub raw: String,
}

impl Offer {
    /// An offer with only its identity, occupation, place and date set (the rest empty):
    /// what computations on counts need, and what tests build.
    pub fn located(id: &str, rome: &str, commune: &str, created: &str) -> Offer {
        Offer {
            id: id.into(),
            title: String::new(),
            description: String::new(),
            rome: rome.into(),
            appellation_label: String::new(),
            commune: commune.into(),
            place_label: String::new(),
            latitude: None,
            longitude: None,
            created: created.into(),
            contract_type: String::new(),
            experience: String::new(),
            qualification: String::new(),
            naf: String::new(),
            employer: String::new(),
            competences: vec![],
            raw: String::new(),
        }
    }

    /// The text the skills engine reads: `intitule + "\n" + description`.
    pub fn text(&self) -> String {
        format!("{}\n{}", self.title, self.description)
    }

    /// `YYYY-MM` of creation.
    pub fn month(&self) -> &str {
        self.created.get(..7).unwrap_or("")
    }
}
