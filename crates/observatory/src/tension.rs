//! Tension per ROME fiche × perimeter for one period.
//!
//! Inputs per ROME × bassin cell: offers and jobseekers (for 2021 the DARES file's `oee` and
//! `defm_abc`), plus the seven published DARES quintiles. Tremplin computes the
//! offers / jobseekers ratio and its quintile against the national distribution of the ratio
//! over all ROME × bassin cells of the period (the DARES quintile method). A perimeter's figures
//! are the sums of its bassins' figures, each bassin weighted by the share of its population
//! inside the perimeter; published quintiles are averaged weighted by jobseekers.

use crate::indicators::Indicators;
use crate::secret::Figure;
use crate::stats::Quintiles;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use tremplin_domain::tension::DaresTension;

/// One ROME × bassin cell of a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub rome: String,
    pub bassin: String,
    pub offers: f64,
    pub jobseekers: f64,
    pub published: Indicators,
}

impl Cell {
    pub fn ratio(&self) -> Option<f64> {
        (self.jobseekers > 0.0).then(|| self.offers / self.jobseekers)
    }
}

/// All cells of one period and the national quintile cuts of their ratio.
#[derive(Debug, Clone)]
pub struct TensionTable {
    pub period: String,
    pub cells: Vec<Cell>,
    pub cuts: Option<Quintiles>,
    by_bassin: HashMap<String, Vec<usize>>,
}

/// The tension of one ROME fiche in a perimeter.
#[derive(Debug, Clone, Serialize)]
pub struct FicheTension {
    pub rome: String,
    pub label: String,
    /// Offers (DARES `oee` apportioned to the perimeter).
    pub offers: Figure,
    /// Jobseekers ABC (DARES `defm_abc` apportioned to the perimeter).
    pub jobseekers: Figure,
    /// Offers / jobseekers, computed by Tremplin.
    pub ratio: Figure,
    /// Quintile (1..5) of the ratio in the national distribution of ROME × bassin cells,
    /// computed by Tremplin; absent when the ratio is suppressed.
    pub quintile: Option<u8>,
    /// Published DARES quintiles, jobseeker-weighted mean over the perimeter's bassins.
    pub published: Indicators,
    /// Number of bassins contributing.
    pub bassins: usize,
    #[serde(skip)]
    pub raw_offers: f64,
    #[serde(skip)]
    pub raw_jobseekers: f64,
}

impl TensionTable {
    pub fn new(period: impl Into<String>, cells: Vec<Cell>) -> TensionTable {
        let cuts = Quintiles::from_values(cells.iter().filter_map(Cell::ratio));
        let mut by_bassin: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in cells.iter().enumerate() {
            by_bassin.entry(c.bassin.clone()).or_default().push(i);
        }
        TensionTable {
            period: period.into(),
            cells,
            cuts,
            by_bassin,
        }
    }

    /// The cells of one DARES year.
    pub fn from_dares(records: &[DaresTension], year: i64) -> TensionTable {
        let q = |x: Option<i64>| x.map(|v| v as f64);
        let cells = records
            .iter()
            .filter(|r| r.year == year)
            .map(|r| Cell {
                rome: r.rome.clone(),
                bassin: r.bassin.clone(),
                offers: r.offers,
                jobseekers: r.jobseekers,
                published: Indicators::from_values([
                    q(r.tension),
                    q(r.hiring_intensity),
                    q(r.labour_shortage),
                    q(r.non_durable),
                    q(r.working_conditions),
                    q(r.geographic_mismatch),
                    q(r.training_link),
                ]),
            })
            .collect();
        TensionTable::new(year.to_string(), cells)
    }

    /// The quintile Tremplin computes for a ratio.
    pub fn quintile_of(&self, ratio: f64) -> Option<u8> {
        self.cuts.map(|q| q.class_of(ratio))
    }

    pub fn bassins(&self) -> impl Iterator<Item = &str> {
        self.by_bassin.keys().map(String::as_str)
    }

    /// Tension of every ROME fiche present in the perimeter whose bassin shares are given
    /// (`ResolvedPerimeter::bassin_shares`), sorted by decreasing offers. `labels` names fiches.
    pub fn for_shares(
        &self,
        shares: &BTreeMap<String, f64>,
        labels: &HashMap<String, String>,
    ) -> Vec<FicheTension> {
        #[derive(Default)]
        struct Acc {
            offers: f64,
            jobseekers: f64,
            weighted: [f64; 7],
            weights: [f64; 7],
            bassins: usize,
        }
        let mut acc: BTreeMap<&str, Acc> = BTreeMap::new();
        for (bassin, &share) in shares {
            for &i in self.by_bassin.get(bassin).map(Vec::as_slice).unwrap_or(&[]) {
                let c = &self.cells[i];
                let a = acc.entry(c.rome.as_str()).or_default();
                a.offers += share * c.offers;
                a.jobseekers += share * c.jobseekers;
                a.bassins += 1;
                let w = share * c.jobseekers.max(f64::MIN_POSITIVE);
                for (k, v) in c.published.values().iter().enumerate() {
                    if let Some(v) = v {
                        a.weighted[k] += w * v;
                        a.weights[k] += w;
                    }
                }
            }
        }
        let mut out: Vec<FicheTension> = acc
            .into_iter()
            .map(|(rome, a)| {
                let offers = Figure::count(a.offers);
                let jobseekers = Figure::count(a.jobseekers);
                let ratio = Figure::ratio(&offers, &jobseekers);
                let quintile = ratio.value.and_then(|r| self.quintile_of(r));
                let mean = std::array::from_fn(|k| {
                    (a.weights[k] > 0.0)
                        .then(|| (a.weighted[k] / a.weights[k] * 10.0).round() / 10.0)
                });
                FicheTension {
                    rome: rome.to_string(),
                    label: labels.get(rome).cloned().unwrap_or_default(),
                    offers,
                    jobseekers,
                    ratio,
                    quintile,
                    published: Indicators::from_values(mean),
                    bassins: a.bassins,
                    raw_offers: a.offers,
                    raw_jobseekers: a.jobseekers,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.raw_offers
                .total_cmp(&a.raw_offers)
                .then_with(|| a.rome.cmp(&b.rome))
        });
        out
    }
}

/// Totals of a perimeter over all fiches (before suppression of the total itself).
pub fn totals<'a>(rows: impl IntoIterator<Item = &'a FicheTension>) -> (f64, f64) {
    rows.into_iter().fold((0.0, 0.0), |(o, j), r| {
        (o + r.raw_offers, j + r.raw_jobseekers)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(rome: &str, bassin: &str, offers: f64, jobseekers: f64, t: f64) -> Cell {
        Cell {
            rome: rome.into(),
            bassin: bassin.into(),
            offers,
            jobseekers,
            published: Indicators {
                tension: Some(t),
                ..Default::default()
            },
        }
    }

    fn table() -> TensionTable {
        TensionTable::new(
            "2021",
            vec![
                cell("A1101", "0001", 10.0, 100.0, 1.0), // 0.1
                cell("A1101", "0002", 30.0, 100.0, 2.0), // 0.3
                cell("B1101", "0001", 50.0, 100.0, 3.0), // 0.5
                cell("B1101", "0002", 70.0, 100.0, 4.0), // 0.7
                cell("C1101", "0001", 90.0, 100.0, 5.0), // 0.9
                cell("C1101", "0002", 2.0, 1.0, 5.0),    // 2.0, tiny counts
            ],
        )
    }

    #[test]
    fn ratio_and_national_quintiles_of_cells() {
        let t = table();
        let cuts = t.cuts.unwrap();
        assert_eq!(cuts.cuts, [0.3, 0.5, 0.7, 0.9]);
        assert_eq!(t.quintile_of(0.1), Some(1));
        assert_eq!(t.quintile_of(0.95), Some(5));
    }

    #[test]
    fn single_bassin_reproduces_its_cells() {
        let t = table();
        let rows = t.for_shares(&[("0001".to_string(), 1.0)].into(), &HashMap::new());
        assert_eq!(
            rows.iter().map(|r| r.rome.as_str()).collect::<Vec<_>>(),
            ["C1101", "B1101", "A1101"]
        );
        let c = &rows[0];
        assert_eq!(c.offers.value, Some(90.0));
        assert_eq!(c.ratio.value, Some(0.9));
        assert_eq!(c.quintile, Some(4));
        assert_eq!(c.published.tension, Some(5.0));
    }

    #[test]
    fn perimeter_sums_apportioned_bassins_and_weights_published_by_jobseekers() {
        let t = table();
        // Whole bassin 0001, a quarter of bassin 0002.
        let shares = [("0001".to_string(), 1.0), ("0002".to_string(), 0.25)].into();
        let rows = t.for_shares(&shares, &HashMap::new());
        let b = rows.iter().find(|r| r.rome == "B1101").unwrap();
        assert!((b.raw_offers - (50.0 + 0.25 * 70.0)).abs() < 1e-9);
        assert!((b.raw_jobseekers - 125.0).abs() < 1e-9);
        assert!((b.ratio.value.unwrap() - 67.5 / 125.0).abs() < 1e-9);
        assert_eq!(b.quintile, Some(3));
        // (100*3 + 25*4) / 125 = 3.2
        assert_eq!(b.published.tension, Some(3.2));
        assert_eq!(b.bassins, 2);
    }

    #[test]
    fn small_cells_are_suppressed_not_zero() {
        let t = table();
        let rows = t.for_shares(&[("0002".to_string(), 1.0)].into(), &HashMap::new());
        let c = rows.iter().find(|r| r.rome == "C1101").unwrap();
        assert_eq!(c.offers.value, None);
        assert_eq!(c.ratio.value, None);
        assert_eq!(c.quintile, None);
        assert!(c
            .ratio
            .suppressed
            .as_deref()
            .unwrap()
            .contains("secret statistique"));
    }
}
