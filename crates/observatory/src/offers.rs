//! Offers collected in the store, counted for a perimeter (by the commune of the workplace).

use crate::secret::Figure;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use tremplin_domain::offer::Offer;

/// Offers of a perimeter counted by ROME fiche and by period.
#[derive(Debug, Clone, Default, Serialize)]
pub struct OfferCounts {
    /// Offers located in the perimeter, all periods.
    pub total: usize,
    /// By year (`YYYY`).
    pub by_year: BTreeMap<String, usize>,
    /// By ROME fiche for each year.
    #[serde(skip)]
    pub by_year_rome: HashMap<(String, String), usize>,
    /// Competence codes selected by employers on the offers of the perimeter.
    #[serde(skip)]
    pub competences: HashMap<String, (String, usize)>,
}

impl OfferCounts {
    /// Counts the offers whose workplace commune is in `communes`.
    pub fn new(offers: &[Offer], communes: &HashSet<&str>) -> OfferCounts {
        let mut c = OfferCounts::default();
        for o in offers
            .iter()
            .filter(|o| communes.contains(o.commune.as_str()))
        {
            c.total += 1;
            let year = o.created.get(..4).unwrap_or("").to_string();
            *c.by_year.entry(year.clone()).or_default() += 1;
            *c.by_year_rome.entry((year, o.rome.clone())).or_default() += 1;
            for k in &o.competences {
                c.competences
                    .entry(k.code.clone())
                    .or_insert_with(|| (k.label.clone(), 0))
                    .1 += 1;
            }
        }
        c
    }

    /// Offers of a fiche in a year, under the publication rule.
    pub fn of(&self, year: &str, rome: &str) -> Figure {
        let n = self
            .by_year_rome
            .get(&(year.to_string(), rome.to_string()))
            .copied()
            .unwrap_or(0);
        Figure::count(n as f64)
    }

    /// Year-on-year change of the last two complete years present, when both are published.
    pub fn trend(&self) -> Option<(String, String, f64)> {
        let mut years: Vec<(&String, &usize)> = self
            .by_year
            .iter()
            .filter(|(_, &n)| n as f64 >= crate::secret::MIN_COUNT)
            .collect();
        years.sort();
        let [.., (y0, n0), (y1, n1)] = years.as_slice() else {
            return None;
        };
        Some((
            (*y0).clone(),
            (*y1).clone(),
            (**n1 as f64 - **n0 as f64) / **n0 as f64,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer(commune: &str, created: &str, rome: &str) -> Offer {
        Offer::located(&format!("{commune}{created}{rome}"), rome, commune, created)
    }

    #[test]
    fn counts_perimeter_offers_by_year_and_fiche() {
        let mut offers: Vec<Offer> = (0..6)
            .map(|_| offer("67482", "2023-02-01", "M1805"))
            .collect();
        offers.extend((0..9).map(|_| offer("67482", "2024-05-01", "M1805")));
        offers.push(offer("75056", "2024-01-01", "M1805"));
        let c = OfferCounts::new(&offers, &["67482"].into());
        assert_eq!(c.total, 15);
        assert_eq!(c.of("2024", "M1805").value, Some(9.0));
        assert_eq!(c.of("2024", "K2111").value, None);
        let (y0, y1, t) = c.trend().unwrap();
        assert_eq!((y0.as_str(), y1.as_str()), ("2023", "2024"));
        assert!((t - 0.5).abs() < 1e-9);
    }
}
