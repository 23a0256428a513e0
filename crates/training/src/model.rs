//! The training offer as LHEO describes it: a *formation* (what is taught, by which provider),
//! its *actions* (where and how it is delivered) and their *sessions* (when, with how many
//! seats). Fields keep LHEO's codes as text so that an import followed by an export gives back
//! the same document; typed views (`SessionStatus`, `Modality`, costs) are derived from them.

use crate::date::Date;
use serde::{Deserialize, Serialize};

/// One `<extra info="…">value</extra>` of an `<extras>` container (LHEO's third circle).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Extra {
    pub info: String,
    pub value: String,
}

/// An `<extras info="…">` container.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Extras {
    pub info: String,
    pub items: Vec<Extra>,
}

/// LHEO `adresse`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Address {
    pub numero: String,
    pub denomination: String,
    pub lines: Vec<String>,
    pub postcode: String,
    pub city: String,
    pub departement: String,
    /// INSEE commune code.
    pub insee: String,
    pub region: String,
    pub country: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// LHEO `coordonnees`: a named contact with an address, phones, e-mail and web site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Contact {
    pub numero: String,
    pub civilite: String,
    pub nom: String,
    pub prenom: String,
    pub lines: Vec<String>,
    pub address: Option<Address>,
    pub phones: Vec<String>,
    pub mobiles: Vec<String>,
    pub email: String,
    pub web: Vec<String>,
}

impl Contact {
    pub fn is_empty(&self) -> bool {
        *self
            == Contact {
                numero: self.numero.clone(),
                ..Contact::default()
            }
    }
}

/// A certification prepared (`certification`): RNCP, Certif Info and/or RS code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CertificationCode {
    /// `RNCP1234` form (LHEO files may write `1234`; the importer normalises).
    pub rncp: String,
    pub certifinfo: String,
    pub rs: String,
}

/// A bloc de compétences prepared by a session (`blocs-competences/bloc-competences`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Bloc {
    pub code: String,
    pub label: String,
}

/// `organisme-financeur`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Funder {
    pub code: String,
    pub seats: Option<i64>,
}

/// `organisme-formation-responsable`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Provider {
    pub numero: String,
    pub numero_activite: String,
    pub siret: String,
    pub name: String,
    pub raison_sociale: String,
    pub coordinates: Contact,
    pub contacts: Vec<Contact>,
    pub renseignements: String,
    pub potentiel: Vec<String>,
    pub uai: String,
    pub extras: Vec<Extras>,
}

impl Provider {
    /// The provider's key in the store: its SIRET, else its LHEO number.
    pub fn key(&self) -> String {
        if self.siret.is_empty() {
            format!("N{}", self.numero)
        } else {
            self.siret.clone()
        }
    }
}

/// `session`. Seats and status live here; `capacity` and `status` are carried in an
/// `extras info="tremplin-places"` container so that they survive an export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Session {
    pub numero: String,
    pub start: Date,
    pub end: Date,
    pub registration_address: Address,
    pub registration_terms: String,
    /// `etat-recrutement` key: 1 ouvert, 2 fermé, 3 suspendu (empty when absent).
    pub recruitment_state: String,
    /// `recrutement/modalite-recrutement` key (empty when there is no `recrutement`).
    pub recruitment_method: String,
    /// `recrutement/nb-places`: seats still available.
    pub seats: Option<i64>,
    /// Seats offered in total (Tremplin extra `places-offertes`).
    pub capacity: Option<i64>,
    /// Tremplin status (`ouverte`, `complete`, `suspendue`, `annulee`), extra `statut`.
    pub status: String,
    pub blocs: Vec<Bloc>,
    pub blocs_rncp: String,
    pub extras: Vec<Extras>,
}

/// `action`: one delivery of a formation (place, rhythm, modality, cost).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Action {
    pub numero: String,
    pub rhythm: String,
    pub public_codes: Vec<String>,
    pub public_info: String,
    pub entry_level_required: String,
    pub alternance: String,
    /// `modalites-enseignement`: 0 présentiel, 1 mixte, 2 à distance.
    pub teaching_mode: String,
    pub conditions: String,
    pub funding_possible: String,
    pub places: Vec<Contact>,
    /// `modalites-entrees-sorties`: 0 dates fixes, 1 entrées/sorties permanentes.
    pub entries: String,
    pub urls: Vec<String>,
    pub sessions: Vec<Session>,
    pub restauration: String,
    pub hebergement: String,
    pub transport: String,
    pub accessibility: String,
    pub languages: Vec<String>,
    pub recruitment_terms: String,
    pub pedagogy: String,
    pub hourly_price: String,
    pub total_price: String,
    pub duration: String,
    pub hours_centre: Option<i64>,
    pub hours_company: Option<i64>,
    pub hours_total: Option<i64>,
    pub funding_details: String,
    pub funders: Vec<Funder>,
    pub extras: Vec<Extras>,
}

/// `formation`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Formation {
    pub numero: String,
    pub formacodes: Vec<String>,
    pub nsf: Vec<String>,
    pub romes: Vec<String>,
    pub title: String,
    pub objective: String,
    pub results: String,
    pub content: String,
    pub certifying: String,
    pub contacts: Vec<Contact>,
    /// `parcours-de-formation`: 1 groupe, 2 individualisé, 3 modularisé, 4 mixte.
    pub path_type: String,
    pub entry_level: String,
    pub general_objective: String,
    pub certifications: Vec<CertificationCode>,
    pub exit_level: String,
    pub urls: Vec<String>,
    pub actions: Vec<Action>,
    pub provider: Provider,
    pub module_id: String,
    /// Marked `donnees-synthetiques` by the Tremplin generator.
    pub synthetic: bool,
    pub extras: Vec<Extras>,
}

/// Live status of a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SessionStatus {
    Ouverte,
    Complete,
    Suspendue,
    Annulee,
}

impl SessionStatus {
    pub const ALL: [SessionStatus; 4] = [
        SessionStatus::Ouverte,
        SessionStatus::Complete,
        SessionStatus::Suspendue,
        SessionStatus::Annulee,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Ouverte => "ouverte",
            SessionStatus::Complete => "complete",
            SessionStatus::Suspendue => "suspendue",
            SessionStatus::Annulee => "annulee",
        }
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            SessionStatus::Ouverte => "ouverte",
            SessionStatus::Complete => "complète",
            SessionStatus::Suspendue => "suspendue",
            SessionStatus::Annulee => "annulée",
        }
    }

    pub fn parse(s: &str) -> Option<SessionStatus> {
        match s {
            "ouverte" => Some(SessionStatus::Ouverte),
            "complete" | "complète" => Some(SessionStatus::Complete),
            "suspendue" => Some(SessionStatus::Suspendue),
            "annulee" | "annulée" => Some(SessionStatus::Annulee),
            _ => None,
        }
    }

    /// The LHEO `etat-recrutement` key of this status.
    pub fn lheo_key(self) -> &'static str {
        match self {
            SessionStatus::Ouverte => "1",
            SessionStatus::Complete | SessionStatus::Annulee => "2",
            SessionStatus::Suspendue => "3",
        }
    }
}

impl Session {
    /// The effective status: the Tremplin extra when present, else LHEO's `etat-recrutement`,
    /// else `complete` when no seat is left and `ouverte` otherwise.
    pub fn effective_status(&self) -> SessionStatus {
        if let Some(s) = SessionStatus::parse(&self.status) {
            return s;
        }
        match self.recruitment_state.as_str() {
            "2" => SessionStatus::Complete,
            "3" => SessionStatus::Suspendue,
            _ if self.seats == Some(0) => SessionStatus::Complete,
            _ => SessionStatus::Ouverte,
        }
    }
}

/// How a training is delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    Presentiel,
    Mixte,
    Distance,
}

impl Modality {
    pub fn from_key(k: &str) -> Modality {
        match k {
            "1" => Modality::Mixte,
            "2" => Modality::Distance,
            _ => Modality::Presentiel,
        }
    }

    pub fn parse(s: &str) -> Option<Modality> {
        match s {
            "presentiel" | "0" => Some(Modality::Presentiel),
            "mixte" | "1" => Some(Modality::Mixte),
            "distance" | "2" => Some(Modality::Distance),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Presentiel => "presentiel",
            Modality::Mixte => "mixte",
            Modality::Distance => "distance",
        }
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            Modality::Presentiel => "en présentiel",
            Modality::Mixte => "mixte (présentiel et distance)",
            Modality::Distance => "à distance",
        }
    }
}

/// Parses an LHEO price (`basic_text`): `1234.5`, `1 234,50 €`… → euros.
pub fn parse_price(s: &str) -> Option<f64> {
    let cleaned: String = s
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    cleaned.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_falls_back_on_lheo_state_and_seats() {
        let mut s = Session {
            seats: Some(3),
            ..Session::default()
        };
        assert_eq!(s.effective_status(), SessionStatus::Ouverte);
        s.seats = Some(0);
        assert_eq!(s.effective_status(), SessionStatus::Complete);
        s.recruitment_state = "3".into();
        assert_eq!(s.effective_status(), SessionStatus::Suspendue);
        s.status = "annulee".into();
        assert_eq!(s.effective_status(), SessionStatus::Annulee);
    }

    #[test]
    fn prices_accept_french_notation() {
        assert_eq!(parse_price("1 234,50 €"), Some(1234.5));
        assert_eq!(parse_price("980"), Some(980.0));
        assert_eq!(parse_price("-"), None);
    }
}
