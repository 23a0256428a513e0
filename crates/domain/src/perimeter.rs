//! A *perimeter* is any territory Tremplin can speak of: a commune, an EPCI, a bassin d'emploi,
//! a zone d'emploi, a département, a région, or a named user-defined set of communes.
//! Every territorial figure is computed at commune (or bassin) level and aggregated here.

use crate::geo::{Commune, Geography};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PerimeterKind {
    Commune,
    Epci,
    Bassin,
    ZoneEmploi,
    Departement,
    Region,
    Custom,
}

impl PerimeterKind {
    pub const ALL: [PerimeterKind; 7] = [
        PerimeterKind::Commune,
        PerimeterKind::Epci,
        PerimeterKind::Bassin,
        PerimeterKind::ZoneEmploi,
        PerimeterKind::Departement,
        PerimeterKind::Region,
        PerimeterKind::Custom,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PerimeterKind::Commune => "commune",
            PerimeterKind::Epci => "epci",
            PerimeterKind::Bassin => "bassin",
            PerimeterKind::ZoneEmploi => "zone-emploi",
            PerimeterKind::Departement => "departement",
            PerimeterKind::Region => "region",
            PerimeterKind::Custom => "custom",
        }
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            PerimeterKind::Commune => "Commune",
            PerimeterKind::Epci => "EPCI",
            PerimeterKind::Bassin => "Bassin d'emploi",
            PerimeterKind::ZoneEmploi => "Zone d'emploi",
            PerimeterKind::Departement => "Département",
            PerimeterKind::Region => "Région",
            PerimeterKind::Custom => "Périmètre personnalisé",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        PerimeterKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A perimeter: its kind and code (`bassin:4431`, `region:44`), or a custom set of communes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Perimeter {
    pub kind: PerimeterKind,
    pub code: String,
    /// Communes of a custom perimeter (empty for the other kinds).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub communes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PerimeterError {
    Syntax(String),
    UnknownKind(String),
    Unknown {
        kind: PerimeterKind,
        code: String,
        suggestions: Vec<String>,
    },
}

impl fmt::Display for PerimeterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PerimeterError::Syntax(s) => {
                write!(f, "périmètre « {s} » invalide : attendu TYPE:CODE, par ex. bassin:4431")
            }
            PerimeterError::UnknownKind(k) => write!(
                f,
                "type de périmètre inconnu « {k} » (attendus : commune, epci, bassin, zone-emploi, departement, region, custom)"
            ),
            PerimeterError::Unknown { kind, code, suggestions } => {
                write!(f, "{} inconnu(e) : « {code} »", kind.label_fr())?;
                if !suggestions.is_empty() {
                    write!(f, " ; codes proches : {}", suggestions.join(", "))?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for PerimeterError {}

impl fmt::Display for Perimeter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind.as_str(), self.code)
    }
}

impl Perimeter {
    pub fn new(kind: PerimeterKind, code: impl Into<String>) -> Self {
        Perimeter {
            kind,
            code: code.into(),
            communes: Vec::new(),
        }
    }

    pub fn custom(name: impl Into<String>, communes: Vec<String>) -> Self {
        Perimeter {
            kind: PerimeterKind::Custom,
            code: name.into(),
            communes,
        }
    }

    pub fn grand_est() -> Self {
        Perimeter::new(PerimeterKind::Region, "44")
    }

    /// Parses `kind:code` (e.g. `bassin:4431`). Custom perimeters are written
    /// `custom:NAME=67482,67218`.
    pub fn parse(s: &str) -> Result<Self, PerimeterError> {
        let (kind, code) = s
            .split_once(':')
            .ok_or_else(|| PerimeterError::Syntax(s.into()))?;
        let kind =
            PerimeterKind::parse(kind).ok_or_else(|| PerimeterError::UnknownKind(kind.into()))?;
        if code.is_empty() {
            return Err(PerimeterError::Syntax(s.into()));
        }
        if kind == PerimeterKind::Custom {
            let (name, list) = code
                .split_once('=')
                .ok_or_else(|| PerimeterError::Syntax(s.into()))?;
            let communes = list
                .split(',')
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect();
            return Ok(Perimeter::custom(name, communes));
        }
        Ok(Perimeter::new(kind, code))
    }

    /// Does this commune belong to the perimeter?
    pub fn contains(&self, c: &Commune) -> bool {
        match self.kind {
            PerimeterKind::Commune => c.code == self.code,
            PerimeterKind::Epci => c.epci == self.code,
            PerimeterKind::Bassin => c.bassin == self.code,
            PerimeterKind::ZoneEmploi => c.zone_emploi == self.code,
            PerimeterKind::Departement => c.departement == self.code,
            PerimeterKind::Region => c.region == self.code,
            PerimeterKind::Custom => self.communes.iter().any(|x| x == &c.code),
        }
    }
}

/// A perimeter checked against the geography: its name and communes.
#[derive(Debug, Clone)]
pub struct ResolvedPerimeter<'g> {
    pub perimeter: Perimeter,
    pub name: String,
    pub communes: Vec<&'g Commune>,
}

impl<'g> ResolvedPerimeter<'g> {
    pub fn population(&self) -> i64 {
        self.communes.iter().map(|c| c.population).sum()
    }

    pub fn commune_codes(&self) -> HashSet<&'g str> {
        self.communes.iter().map(|c| c.code.as_str()).collect()
    }

    /// Sums a per-commune figure over the perimeter.
    pub fn sum_by_commune<F: Fn(&Commune) -> f64>(&self, value: F) -> f64 {
        self.communes.iter().map(|c| value(c)).sum()
    }

    /// Share of each bassin's population inside the perimeter: a bassin figure apportioned to a
    /// perimeter that cuts it (a commune, an EPCI) is multiplied by this share.
    pub fn bassin_shares(&self, geo: &Geography) -> BTreeMap<String, f64> {
        let mut inside: BTreeMap<String, i64> = BTreeMap::new();
        for c in &self.communes {
            if !c.bassin.is_empty() {
                *inside.entry(c.bassin.clone()).or_default() += c.population;
            }
        }
        let mut total: BTreeMap<&str, i64> = BTreeMap::new();
        for c in &geo.communes {
            if inside.contains_key(&c.bassin) {
                *total.entry(c.bassin.as_str()).or_default() += c.population;
            }
        }
        inside
            .into_iter()
            .map(|(b, p)| {
                let t = total.get(b.as_str()).copied().unwrap_or(0);
                let share = if t > 0 { p as f64 / t as f64 } else { 1.0 };
                (b, share)
            })
            .collect()
    }
}

impl Geography {
    /// Checks a perimeter and lists its communes; unknown codes get close suggestions.
    pub fn resolve(&self, p: &Perimeter) -> Result<ResolvedPerimeter<'_>, PerimeterError> {
        let communes: Vec<&Commune> = self.communes.iter().filter(|c| p.contains(c)).collect();
        if communes.is_empty() {
            return Err(PerimeterError::Unknown {
                kind: p.kind,
                code: p.code.clone(),
                suggestions: self.suggest(p.kind, &p.code),
            });
        }
        let name = self.name_of(p, &communes);
        Ok(ResolvedPerimeter {
            perimeter: p.clone(),
            name,
            communes,
        })
    }

    fn name_of(&self, p: &Perimeter, communes: &[&Commune]) -> String {
        let table = match p.kind {
            PerimeterKind::Commune => return communes[0].name.clone(),
            PerimeterKind::Custom => return p.code.clone(),
            PerimeterKind::Epci => &self.epcis,
            PerimeterKind::Bassin => &self.bassins,
            PerimeterKind::ZoneEmploi => &self.zones_emploi,
            PerimeterKind::Departement => &self.departements,
            PerimeterKind::Region => &self.regions,
        };
        table
            .get(&p.code)
            .cloned()
            .unwrap_or_else(|| format!("{} {}", p.kind.label_fr(), p.code))
    }

    /// All codes of a kind with their names.
    pub fn codes_of(&self, kind: PerimeterKind) -> Vec<(String, String)> {
        let table = match kind {
            PerimeterKind::Commune => {
                return self
                    .communes
                    .iter()
                    .map(|c| (c.code.clone(), c.name.clone()))
                    .collect()
            }
            PerimeterKind::Custom => return Vec::new(),
            PerimeterKind::Epci => &self.epcis,
            PerimeterKind::Bassin => &self.bassins,
            PerimeterKind::ZoneEmploi => &self.zones_emploi,
            PerimeterKind::Departement => &self.departements,
            PerimeterKind::Region => &self.regions,
        };
        table.iter().map(|(c, n)| (c.clone(), n.clone())).collect()
    }

    /// Up to five codes of the kind closest to `code` (shared prefix, then edit distance),
    /// or whose name contains it.
    pub fn suggest(&self, kind: PerimeterKind, code: &str) -> Vec<String> {
        let needle = crate::text::fold(code);
        let mut scored: Vec<(usize, String)> = self
            .codes_of(kind)
            .into_iter()
            .filter_map(|(c, n)| {
                let prefix = c
                    .chars()
                    .zip(code.chars())
                    .take_while(|(a, b)| a == b)
                    .count();
                let by_name = needle.len() >= 3 && crate::text::fold(&n).contains(&needle);
                (prefix >= 2 || by_name).then(|| {
                    let score = if by_name { 0 } else { 10 - prefix.min(9) };
                    (score, format!("{}:{c} ({n})", kind.as_str()))
                })
            })
            .collect();
        scored.sort();
        scored.into_iter().take(5).map(|(_, s)| s).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commune(code: &str, epci: &str, bassin: &str, dep: &str, pop: i64) -> Commune {
        Commune {
            code: code.into(),
            name: format!("C{code}"),
            departement: dep.into(),
            region: "44".into(),
            epci: epci.into(),
            bassin: bassin.into(),
            zone_emploi: "4410".into(),
            population: pop,
            postcodes: vec![],
        }
    }

    fn geo() -> Geography {
        Geography::new(
            vec![
                commune("67001", "E1", "4431", "67", 100),
                commune("67002", "E1", "4432", "67", 300),
                commune("67003", "E2", "4432", "67", 100),
                commune("68001", "E3", "4433", "68", 50),
            ],
            [
                ("4431".into(), "Strasbourg".into()),
                ("4432".into(), "Haguenau".into()),
            ]
            .into(),
            BTreeMap::new(),
            BTreeMap::new(),
            [("67".into(), "Bas-Rhin".into())].into(),
            [("44".into(), "Grand Est".into())].into(),
        )
    }

    #[test]
    fn parses_and_prints_perimeters() {
        let p = Perimeter::parse("bassin:4431").unwrap();
        assert_eq!(p, Perimeter::new(PerimeterKind::Bassin, "4431"));
        assert_eq!(p.to_string(), "bassin:4431");
        let c = Perimeter::parse("custom:Nord=67001, 67002").unwrap();
        assert_eq!(c.communes, vec!["67001", "67002"]);
        assert!(matches!(
            Perimeter::parse("bassin"),
            Err(PerimeterError::Syntax(_))
        ));
        assert!(matches!(
            Perimeter::parse("pays:FR"),
            Err(PerimeterError::UnknownKind(_))
        ));
    }

    #[test]
    fn aggregates_communes_to_every_kind() {
        let g = geo();
        let pop = |p: Perimeter| g.resolve(&p).unwrap().population();
        assert_eq!(pop(Perimeter::new(PerimeterKind::Commune, "67002")), 300);
        assert_eq!(pop(Perimeter::new(PerimeterKind::Epci, "E1")), 400);
        assert_eq!(pop(Perimeter::new(PerimeterKind::Bassin, "4432")), 400);
        assert_eq!(pop(Perimeter::new(PerimeterKind::ZoneEmploi, "4410")), 550);
        assert_eq!(pop(Perimeter::new(PerimeterKind::Departement, "67")), 500);
        assert_eq!(pop(Perimeter::grand_est()), 550);
        assert_eq!(
            pop(Perimeter::custom("x", vec!["67001".into(), "68001".into()])),
            150
        );
        assert_eq!(
            g.resolve(&Perimeter::new(PerimeterKind::Bassin, "4432"))
                .unwrap()
                .name,
            "Haguenau"
        );
    }

    #[test]
    fn locates_arrondissements_postcodes_and_departements() {
        use crate::geo::Location;
        let mut g = geo();
        g.communes
            .push(commune("75056", "E9", "1101", "75", 2_100_000));
        g.communes.last_mut().unwrap().postcodes = vec!["75009".into()];
        let g = Geography::new(
            g.communes.clone(),
            g.bassins.clone(),
            BTreeMap::new(),
            BTreeMap::new(),
            [
                ("67".into(), "Bas-Rhin".into()),
                ("94".into(), "Val-de-Marne".into()),
            ]
            .into(),
            g.regions.clone(),
        );
        let code = |l: Location| match l {
            Location::Commune(c) => c.code.clone(),
            Location::Departement(d) => format!("dep {d}"),
            Location::Unknown => "?".into(),
        };
        assert_eq!(code(g.locate("75109", "75009", "75 - PARIS 09")), "75056");
        assert_eq!(code(g.locate("", "75009", "75 - PARIS 09")), "75056");
        assert_eq!(code(g.locate("67001", "", "")), "67001");
        assert_eq!(code(g.locate("", "", "94 - Val de Marne")), "dep 94");
        assert_eq!(code(g.locate("", "", "Monde")), "?");
    }

    #[test]
    fn bassin_shares_apportion_cut_bassins() {
        let g = geo();
        let epci = g
            .resolve(&Perimeter::new(PerimeterKind::Epci, "E1"))
            .unwrap();
        let shares = epci.bassin_shares(&g);
        assert_eq!(shares["4431"], 1.0);
        assert!((shares["4432"] - 0.75).abs() < 1e-9);
    }

    #[test]
    fn unknown_code_suggests_close_ones() {
        let g = geo();
        let err = g
            .resolve(&Perimeter::new(PerimeterKind::Bassin, "4439"))
            .unwrap_err();
        match err {
            PerimeterError::Unknown { suggestions, .. } => {
                assert!(suggestions.iter().any(|s| s.starts_with("bassin:4431")))
            }
            e => panic!("unexpected {e:?}"),
        }
    }
}
