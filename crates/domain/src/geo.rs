//! French territories: communes and the areas they belong to (EPCI, bassin d'emploi BE19,
//! zone d'emploi 2020, département, région).

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Commune {
    /// INSEE code (COG), e.g. `67482` for Strasbourg.
    pub code: String,
    pub name: String,
    pub departement: String,
    pub region: String,
    /// SIREN of the EPCI, empty when the commune belongs to none.
    pub epci: String,
    /// Bassin d'emploi BE19 code, empty when unknown.
    pub bassin: String,
    /// Zone d'emploi 2020 code, empty when unknown.
    pub zone_emploi: String,
    pub population: i64,
    pub postcodes: Vec<String>,
}

/// Result of [`Geography::locate`].
#[derive(Debug, Clone, PartialEq)]
pub enum Location<'g> {
    Commune(&'g Commune),
    Departement(String),
    Unknown,
}

/// A named area (bassin, EPCI, zone d'emploi, département, région).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Area {
    pub code: String,
    pub name: String,
}

/// All communes and the names of the areas they belong to.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Geography {
    pub communes: Vec<Commune>,
    pub bassins: BTreeMap<String, String>,
    pub zones_emploi: BTreeMap<String, String>,
    pub epcis: BTreeMap<String, String>,
    pub departements: BTreeMap<String, String>,
    pub regions: BTreeMap<String, String>,
    #[serde(skip)]
    by_code: HashMap<String, usize>,
}

impl Geography {
    pub fn new(
        communes: Vec<Commune>,
        bassins: BTreeMap<String, String>,
        zones_emploi: BTreeMap<String, String>,
        epcis: BTreeMap<String, String>,
        departements: BTreeMap<String, String>,
        regions: BTreeMap<String, String>,
    ) -> Self {
        let by_code = communes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.code.clone(), i))
            .collect();
        Geography {
            communes,
            bassins,
            zones_emploi,
            epcis,
            departements,
            regions,
            by_code,
        }
    }

    pub fn commune(&self, code: &str) -> Option<&Commune> {
        self.by_code.get(code).map(|&i| &self.communes[i])
    }

    /// Finds a commune from an INSEE code or, failing that, a postcode.
    pub fn commune_by_insee_or_postcode(&self, insee: &str, postcode: &str) -> Option<&Commune> {
        self.commune(insee).or_else(|| {
            (!postcode.is_empty())
                .then(|| {
                    self.communes
                        .iter()
                        .find(|c| c.postcodes.iter().any(|p| p == postcode))
                })
                .flatten()
        })
    }

    /// Where a record located by the France Travail API shape lies: its commune (municipal
    /// arrondissements of Paris, Lyon and Marseille are folded into their commune; an unknown
    /// INSEE code falls back on the postcode), or, for records located only by département
    /// (`"94 - Val de Marne"`), that département.
    pub fn locate(&self, insee: &str, postcode: &str, label: &str) -> Location<'_> {
        let folded = match insee.parse::<u32>() {
            Ok(75101..=75120) => "75056",
            Ok(69381..=69389) => "69123",
            Ok(13201..=13216) => "13055",
            _ => insee,
        };
        if let Some(c) = self.commune_by_insee_or_postcode(folded, postcode) {
            return Location::Commune(c);
        }
        let dep = label.split(" - ").next().unwrap_or("").trim();
        if !dep.is_empty() && dep.len() <= 3 && self.departements.contains_key(dep) {
            return Location::Departement(dep.to_string());
        }
        Location::Unknown
    }

    /// The bassins of a region, sorted by code.
    pub fn bassins_of_region(&self, region: &str) -> Vec<Area> {
        let mut codes: Vec<&str> = self
            .communes
            .iter()
            .filter(|c| c.region == region && !c.bassin.is_empty())
            .map(|c| c.bassin.as_str())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes
            .into_iter()
            .map(|c| Area {
                code: c.to_string(),
                name: self.bassins.get(c).cloned().unwrap_or_default(),
            })
            .collect()
    }
}
