//! The DARES indicators, their provenance in Tremplin and their meaning in words.

use serde::Serialize;

/// Where a figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Provenance {
    /// Computed by Tremplin from counts of offers and jobseekers.
    Computed,
    /// Imported from the DARES 2021 publication (quintiles per ROME × bassin), averaged over
    /// the bassins of a perimeter weighted by jobseekers.
    Published,
}

impl Provenance {
    pub fn label_fr(self) -> &'static str {
        match self {
            Provenance::Computed => "calculé par Tremplin",
            Provenance::Published => "publié par la DARES (2021)",
        }
    }
}

/// The seven published DARES indicators (quintiles 1..5), possibly averaged over bassins.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Indicators {
    pub tension: Option<f64>,
    pub hiring_intensity: Option<f64>,
    pub labour_shortage: Option<f64>,
    pub non_durable: Option<f64>,
    pub working_conditions: Option<f64>,
    pub geographic_mismatch: Option<f64>,
    pub training_link: Option<f64>,
}

/// Identifies one indicator, for tables and explanations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndicatorDef {
    pub key: &'static str,
    pub label_fr: &'static str,
    pub high_fr: &'static str,
    pub low_fr: &'static str,
}

pub const DEFS: [IndicatorDef; 7] = [
    IndicatorDef {
        key: "tension",
        label_fr: "Tension (indicateur synthétique)",
        high_fr: "recrutements très difficiles",
        low_fr: "peu de difficultés de recrutement",
    },
    IndicatorDef {
        key: "hiring_intensity",
        label_fr: "Intensité d'embauches",
        high_fr: "les employeurs embauchent beaucoup au regard de l'emploi existant",
        low_fr: "peu d'embauches au regard de l'emploi existant",
    },
    IndicatorDef {
        key: "labour_shortage",
        label_fr: "Manque de main-d'œuvre disponible",
        high_fr: "peu de demandeurs d'emploi disponibles pour ce métier",
        low_fr: "une main-d'œuvre disponible abondante",
    },
    IndicatorDef {
        key: "non_durable",
        label_fr: "Non-durabilité de l'emploi",
        high_fr: "des emplois souvent courts (CDD, intérim), qui se renouvellent",
        low_fr: "des emplois majoritairement durables",
    },
    IndicatorDef {
        key: "working_conditions",
        label_fr: "Conditions de travail contraignantes",
        high_fr: "des conditions de travail contraignantes (horaires, pénibilité)",
        low_fr: "des conditions de travail peu contraignantes",
    },
    IndicatorDef {
        key: "geographic_mismatch",
        label_fr: "Inadéquation géographique",
        high_fr: "les demandeurs d'emploi sont loin des offres",
        low_fr: "offres et demandeurs d'emploi proches",
    },
    IndicatorDef {
        key: "training_link",
        label_fr: "Lien formation-emploi",
        high_fr: "un diplôme ou une formation spécifique est souvent exigé",
        low_fr: "le métier est accessible sans formation spécifique",
    },
];

impl Indicators {
    pub fn values(&self) -> [Option<f64>; 7] {
        [
            self.tension,
            self.hiring_intensity,
            self.labour_shortage,
            self.non_durable,
            self.working_conditions,
            self.geographic_mismatch,
            self.training_link,
        ]
    }

    pub fn from_values(v: [Option<f64>; 7]) -> Indicators {
        Indicators {
            tension: v[0],
            hiring_intensity: v[1],
            labour_shortage: v[2],
            non_durable: v[3],
            working_conditions: v[4],
            geographic_mismatch: v[5],
            training_link: v[6],
        }
    }

    /// The complementary indicators (all but the synthetic one) explained in words: those at
    /// 4 or more (a cause of tension) and at 2 or less, the three most marked first.
    pub fn explain_fr(&self) -> String {
        let mut parts: Vec<(f64, String)> = DEFS
            .iter()
            .zip(self.values())
            .skip(1)
            .filter_map(|(d, v)| {
                let v = v?;
                let shown = crate::secret::fmt_fr(v, 1);
                if v >= 4.0 {
                    Some((v, format!("{} ({} : {shown}/5)", d.high_fr, d.label_fr)))
                } else if v <= 2.0 {
                    Some((
                        6.0 - v - 1.0,
                        format!("{} ({} : {shown}/5)", d.low_fr, d.label_fr),
                    ))
                } else {
                    None
                }
            })
            .collect();
        parts.sort_by(|a, b| b.0.total_cmp(&a.0));
        parts.truncate(3);
        if parts.is_empty() {
            return "indicateurs complémentaires dans la moyenne".into();
        }
        let mut s: String = parts
            .into_iter()
            .map(|(_, p)| p)
            .collect::<Vec<_>>()
            .join(" ; ");
        if let Some(c) = s.get(..1) {
            s = c.to_uppercase() + &s[1..];
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explanation_names_strong_and_weak_factors() {
        let i = Indicators {
            tension: Some(5.0),
            labour_shortage: Some(5.0),
            working_conditions: Some(1.0),
            training_link: Some(3.0),
            ..Default::default()
        };
        let s = i.explain_fr();
        assert!(s.starts_with("Peu de demandeurs"), "{s}");
        assert!(s.contains("conditions de travail peu contraignantes (Conditions de travail contraignantes : 1,0/5)"), "{s}");
        assert!(!s.contains("Lien formation"));
    }
}
