//! Imported periods: tables built from jobseeker counts per ROME × bassin × period (a year
//! `2024` or a quarter `2024T1`), with offers either imported or counted from the store's offers
//! of the period; and the Bretagne classes of a perimeter on these series.

use crate::classify::{classify, Decision, QUARTERS, YEARS};
use crate::model::{Observatory, PerimeterTension, TensionRow};
use crate::tension::{Cell, TensionTable};
use std::collections::{BTreeMap, HashMap};
use tremplin_domain::geo::Geography;
use tremplin_domain::offer::Offer;
use tremplin_domain::perimeter::{Perimeter, PerimeterError};

/// One imported cell.
#[derive(Debug, Clone, PartialEq)]
pub struct InputCell {
    pub period: String,
    pub rome: String,
    pub bassin: String,
    /// `None`: count the offers of the period located in the bassin.
    pub offers: Option<f64>,
    pub jobseekers: f64,
}

/// Is `s` a period label: `YYYY` or `YYYYTq` (q in 1..=4)?
pub fn is_period(s: &str) -> bool {
    let b = s.as_bytes();
    let year = |x: &[u8]| x.len() == 4 && x.iter().all(u8::is_ascii_digit);
    match b.len() {
        4 => year(b),
        6 => year(&b[..4]) && b[4] == b'T' && (b'1'..=b'4').contains(&b[5]),
        _ => false,
    }
}

/// The period of an ISO date, yearly (`2024`) or quarterly (`2024T2`).
pub fn period_of(date: &str, quarterly: bool) -> Option<String> {
    let year = date.get(..4)?;
    if !quarterly {
        return Some(year.to_string());
    }
    let month: u32 = date.get(5..7)?.parse().ok()?;
    (1..=12)
        .contains(&month)
        .then(|| format!("{year}T{}", (month - 1) / 3 + 1))
}

/// One table per imported period, in chronological order.
pub fn tables(inputs: &[InputCell], offers: &[Offer], geo: &Geography) -> Vec<TensionTable> {
    let mut counted: HashMap<(String, &str, &str), f64> = HashMap::new();
    for o in offers {
        let Some(c) = geo.commune(&o.commune) else {
            continue;
        };
        for quarterly in [false, true] {
            if let Some(p) = period_of(&o.created, quarterly) {
                *counted
                    .entry((p, o.rome.as_str(), c.bassin.as_str()))
                    .or_default() += 1.0;
            }
        }
    }
    let mut by_period: BTreeMap<&str, Vec<Cell>> = BTreeMap::new();
    for i in inputs {
        let offers = i.offers.unwrap_or_else(|| {
            counted
                .get(&(i.period.clone(), i.rome.as_str(), i.bassin.as_str()))
                .copied()
                .unwrap_or(0.0)
        });
        by_period.entry(&i.period).or_default().push(Cell {
            rome: i.rome.clone(),
            bassin: i.bassin.clone(),
            offers,
            jobseekers: i.jobseekers,
            published: Default::default(),
        });
    }
    by_period
        .into_iter()
        .map(|(p, cells)| TensionTable::new(p, cells))
        .collect()
}

/// Classes A / B of every fiche of a perimeter from its series over `tables` (chronological):
/// a period is in tension when the perimeter's quintile that period is 4 or 5.
pub fn perimeter_classes(
    tables: &[TensionTable],
    shares: &BTreeMap<String, f64>,
) -> HashMap<String, Decision> {
    let quarterly = tables.iter().all(|t| t.period.len() == 6);
    let window = if quarterly { QUARTERS } else { YEARS };
    let mut flags: HashMap<String, Vec<Option<bool>>> = HashMap::new();
    let none = HashMap::new();
    for (k, t) in tables.iter().enumerate() {
        for r in t.for_shares(shares, &none) {
            let series = flags
                .entry(r.rome)
                .or_insert_with(|| vec![None; tables.len()]);
            series[k] = r.quintile.map(|q| q >= 4);
        }
    }
    flags
        .into_iter()
        .map(|(rome, f)| (rome, classify(&f, window)))
        .collect()
}

impl Observatory {
    /// Tension of a perimeter for an imported period, with the perimeter's own classes on the
    /// imported series up to that period; `Ok(None)` when `period` was not imported.
    pub fn tension_imported(
        &self,
        geo: &Geography,
        offers: &[Offer],
        p: &Perimeter,
        inputs: &[InputCell],
        period: &str,
    ) -> Result<Option<PerimeterTension>, PerimeterError> {
        if !inputs.iter().any(|i| i.period == period) {
            return Ok(None);
        }
        let r = geo.resolve(p)?;
        let all = tables(inputs, offers, geo);
        let Some(k) = all.iter().position(|t| t.period == period) else {
            return Ok(None);
        };
        let mut t = self.tension_in(&all[k], geo, &r);
        let decisions = perimeter_classes(&all[..=k], &r.bassin_shares(geo));
        apply_classes(&mut t.rows, &decisions, "séries importées du périmètre");
        Ok(Some(t))
    }
}

/// Replaces the classes of `rows` by those of the perimeter's own series.
pub fn apply_classes(rows: &mut [TensionRow], decisions: &HashMap<String, Decision>, source: &str) {
    for r in rows {
        let d = decisions.get(&r.fiche.rome);
        r.class = d.and_then(|d| d.class);
        r.class_reason = d
            .filter(|d| d.class.is_some())
            .map(|d| format!("{source} : {}", d.explain_fr()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::TensionClass;

    #[test]
    fn period_labels_and_dates() {
        assert!(is_period("2024") && is_period("2024T4"));
        assert!(!is_period("2024T5") && !is_period("24T1") && !is_period("2024-T1"));
        assert_eq!(
            period_of("2024-05-17T10:00:00Z", true).as_deref(),
            Some("2024T2")
        );
        assert_eq!(period_of("2024-12-01", true).as_deref(), Some("2024T4"));
        assert_eq!(period_of("2024-12-01", false).as_deref(), Some("2024"));
        assert_eq!(period_of("2024", true), None);
    }

    /// 25 quarters, 5 fiches in one bassin; fiche F5 always has the highest ratio, F4 only in
    /// the last 8 quarters.
    #[test]
    fn quarterly_series_give_perimeter_classes() {
        let mut inputs = Vec::new();
        for q in 0..25 {
            let period = format!("{}T{}", 2019 + q / 4, q % 4 + 1);
            for (k, rome) in ["F1001", "F1002", "F1003", "F1004", "F1005"]
                .iter()
                .enumerate()
            {
                let mut offers = 10.0 * (k as f64 + 1.0);
                if *rome == "F1004" && q < 17 {
                    offers = 5.0;
                }
                inputs.push(InputCell {
                    period: period.clone(),
                    rome: rome.to_string(),
                    bassin: "4431".into(),
                    offers: Some(offers),
                    jobseekers: 100.0,
                });
            }
        }
        let geo = Geography::default();
        let t = tables(&inputs, &[], &geo);
        assert_eq!(t.len(), 25);
        assert_eq!(t[0].period, "2019T1");
        let d = perimeter_classes(&t, &[("4431".to_string(), 1.0)].into());
        assert_eq!(d["F1005"].class, Some(TensionClass::A));
        assert_eq!(d["F1004"].class, Some(TensionClass::B));
        assert_eq!(d["F1001"].class, None);
    }

    #[test]
    fn missing_offers_are_counted_from_the_store_offers_of_the_period() {
        use tremplin_domain::geo::Commune;
        let commune = Commune {
            code: "57463".into(),
            name: "Metz".into(),
            departement: "57".into(),
            region: "44".into(),
            epci: String::new(),
            bassin: "4431".into(),
            zone_emploi: String::new(),
            population: 1,
            postcodes: vec![],
        };
        let geo = Geography::new(
            vec![commune],
            BTreeMap::new(),
            BTreeMap::new(),
            BTreeMap::new(),
            BTreeMap::new(),
            BTreeMap::new(),
        );
        let offer = |created: &str| Offer::located(created, "M1203", "57463", created);
        let offers = vec![
            offer("2024-01-05"),
            offer("2024-02-05"),
            offer("2024-04-05"),
        ];
        let cell = |period: &str| InputCell {
            period: period.into(),
            rome: "M1203".into(),
            bassin: "4431".into(),
            offers: None,
            jobseekers: 10.0,
        };
        let t = tables(
            &[cell("2024T1"), cell("2024T2"), cell("2024")],
            &offers,
            &geo,
        );
        let offers_of = |p: &str| t.iter().find(|t| t.period == p).unwrap().cells[0].offers;
        assert_eq!(offers_of("2024T1"), 2.0);
        assert_eq!(offers_of("2024T2"), 1.0);
        assert_eq!(offers_of("2024"), 3.0);
    }
}
