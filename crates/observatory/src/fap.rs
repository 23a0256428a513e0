//! FAP families: the Bretagne classes on the DARES yearly tension series 2011–2019
//! (`dares_tension_evolution.csv`, national), carried to ROME fiches through FAP ↔ ROME, and the
//! roll-up of ROME rows to FAP rows.

use crate::classify::{classify, Decision, TensionClass, YEARS};
use crate::stats::Quintiles;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use tremplin_domain::tension::FapRome;

/// A FAP family's yearly synthetic tension scores and its class.
#[derive(Debug, Clone, Serialize)]
pub struct FapClass {
    pub fap: String,
    /// (year, standardised score, quintile of the score among FAP families that year).
    pub years: Vec<(i64, f64, u8)>,
    pub decision: Decision,
}

/// Parses `dares_tension_evolution.csv` (`fap,Tension ,Année`). Errors name the line.
pub fn parse_evolution(text: &str) -> Result<Vec<(String, i64, f64)>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split(',').map(str::trim).collect();
        let err = |field: &str| {
            format!(
                "dares_tension_evolution.csv, ligne {}, champ {field} : valeur invalide",
                n + 1
            )
        };
        if f.len() < 3 {
            return Err(err("nombre de colonnes"));
        }
        let score: f64 = f[1].parse().map_err(|_| err("Tension"))?;
        let year: i64 = f[2].parse().map_err(|_| err("Année"))?;
        out.push((f[0].to_string(), year, score));
    }
    Ok(out)
}

/// Classes A / B of every FAP family from its yearly scores: a year is "in tension" when the
/// family's score is in the top two quintiles of that year's scores.
pub fn fap_classes(scores: &[(String, i64, f64)]) -> Vec<FapClass> {
    let mut by_year: BTreeMap<i64, Vec<f64>> = BTreeMap::new();
    for (_, y, s) in scores {
        by_year.entry(*y).or_default().push(*s);
    }
    let cuts: BTreeMap<i64, Quintiles> = by_year
        .into_iter()
        .filter_map(|(y, v)| Some((y, Quintiles::from_values(v)?)))
        .collect();
    let years: Vec<i64> = cuts.keys().copied().collect();
    let mut by_fap: BTreeMap<&str, BTreeMap<i64, f64>> = BTreeMap::new();
    for (f, y, s) in scores {
        by_fap.entry(f.as_str()).or_default().insert(*y, *s);
    }
    by_fap
        .into_iter()
        .map(|(fap, series)| {
            let detail: Vec<(i64, f64, u8)> = series
                .iter()
                .map(|(y, s)| (*y, *s, cuts[y].class_of(*s)))
                .collect();
            let flags: Vec<Option<bool>> = years
                .iter()
                .map(|y| series.get(y).map(|s| cuts[y].class_of(*s) >= 4))
                .collect();
            FapClass {
                fap: fap.to_string(),
                years: detail,
                decision: classify(&flags, YEARS),
            }
        })
        .collect()
}

/// The class a ROME fiche inherits: the strongest class among its FAP families.
#[derive(Debug, Clone, Serialize)]
pub struct RomeClass {
    pub class: TensionClass,
    pub fap: String,
    pub reason: String,
}

pub fn rome_classes(classes: &[FapClass], fap_rome: &[FapRome]) -> HashMap<String, RomeClass> {
    let by_fap: HashMap<&str, &FapClass> = classes.iter().map(|c| (c.fap.as_str(), c)).collect();
    let mut out: HashMap<String, RomeClass> = HashMap::new();
    for link in fap_rome {
        let Some(fc) = by_fap.get(link.fap.as_str()) else {
            continue;
        };
        let Some(class) = fc.decision.class else {
            continue;
        };
        let better = out.get(&link.rome).is_none_or(|old| class < old.class);
        if better {
            let reason = format!("FAP {} : {}", fc.fap, fc.decision.explain_fr());
            out.insert(
                link.rome.clone(),
                RomeClass {
                    class,
                    fap: fc.fap.clone(),
                    reason,
                },
            );
        }
    }
    out
}

/// Groups of ROME fiches per FAP family (a ROME linked to several families counts in each).
pub fn romes_by_fap(fap_rome: &[FapRome]) -> BTreeMap<String, Vec<String>> {
    let mut m: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for l in fap_rome {
        m.entry(l.fap.clone()).or_default().push(l.rome.clone());
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_classifies_yearly_series() {
        let mut text = String::from("fap,Tension ,Année\n");
        // Five families over 2014..2019: F5 always highest, F4 high only in 2018-2019.
        for y in 2014..=2019 {
            for (f, base) in [
                ("F1", -1.0),
                ("F2", -0.5),
                ("F3", 0.0),
                ("F4", 0.5),
                ("F5", 1.0),
            ] {
                let s = if f == "F4" && y < 2018 { -2.0 } else { base };
                text.push_str(&format!("{f},{s},{y}\n"));
            }
        }
        let scores = parse_evolution(&text).unwrap();
        assert_eq!(scores.len(), 30);
        let classes = fap_classes(&scores);
        let get = |f: &str| classes.iter().find(|c| c.fap == f).unwrap().decision.class;
        assert_eq!(get("F5"), Some(TensionClass::A));
        assert_eq!(get("F4"), Some(TensionClass::B));
        assert_eq!(get("F1"), None);
        let links = vec![
            FapRome {
                fap: "F4".into(),
                rome: "H2913".into(),
            },
            FapRome {
                fap: "F5".into(),
                rome: "H2913".into(),
            },
        ];
        let rc = rome_classes(&classes, &links);
        assert_eq!(rc["H2913"].class, TensionClass::A);
        assert_eq!(rc["H2913"].fap, "F5");
        assert!(parse_evolution("fap,Tension ,Année\nX,abc,2019")
            .unwrap_err()
            .contains("ligne 2"));
    }
}
