//! FAP rows: ROME rows of a perimeter summed per FAP family (via FAP ↔ ROME), with the family's
//! Bretagne class and, where published, the DARES 2019 regional tension of the family.

use crate::classify::TensionClass;
use crate::model::{Observatory, TensionRow};
use crate::secret::Figure;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use tremplin_domain::tension::{FapRome, FapTension};

#[derive(Debug, Clone, Serialize)]
pub struct FapRow {
    pub fap: String,
    pub romes: Vec<String>,
    pub offers: Figure,
    pub jobseekers: Figure,
    pub ratio: Figure,
    /// Quintile of the family's ratio against the national ROME × bassin cuts (calculé).
    pub quintile: Option<u8>,
    pub class: Option<TensionClass>,
    /// Published DARES 2019 standardised tension score of the family in the region (publié).
    pub published_2019: Option<f64>,
    /// Published DARES 2019 tension category (1..5) in the region (publié).
    pub published_2019_class: Option<f64>,
    #[serde(skip)]
    pub raw_offers: f64,
}

impl Observatory {
    /// Sums `rows` per FAP family (a ROME linked to several families counts in each).
    pub fn fap_rows(
        &self,
        rows: &[TensionRow],
        fap_rome: &[FapRome],
        published: &[FapTension],
        region: &str,
    ) -> Vec<FapRow> {
        let by_rome: HashMap<&str, &TensionRow> =
            rows.iter().map(|r| (r.fiche.rome.as_str(), r)).collect();
        let mut acc: BTreeMap<&str, (Vec<String>, f64, f64)> = BTreeMap::new();
        for l in fap_rome {
            if let Some(r) = by_rome.get(l.rome.as_str()) {
                let a = acc.entry(l.fap.as_str()).or_default();
                a.0.push(l.rome.clone());
                a.1 += r.fiche.raw_offers;
                a.2 += r.fiche.raw_jobseekers;
            }
        }
        let class: HashMap<&str, Option<TensionClass>> = self
            .fap_classes
            .iter()
            .map(|c| (c.fap.as_str(), c.decision.class))
            .collect();
        let pubd: HashMap<&str, &FapTension> = published
            .iter()
            .filter(|p| p.level == "reg" && p.area == region)
            .map(|p| (p.fap.as_str(), p))
            .collect();
        let mut out: Vec<FapRow> = acc
            .into_iter()
            .map(|(fap, (romes, o, j))| {
                let offers = Figure::count(o);
                let jobseekers = Figure::count(j);
                let ratio = Figure::ratio(&offers, &jobseekers);
                FapRow {
                    fap: fap.to_string(),
                    romes,
                    quintile: ratio.value.and_then(|r| self.table.quintile_of(r)),
                    offers,
                    jobseekers,
                    ratio,
                    class: class.get(fap).copied().flatten(),
                    published_2019: pubd.get(fap).and_then(|p| p.tension),
                    published_2019_class: pubd.get(fap).and_then(|p| p.tension_class),
                    raw_offers: o,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            crate::classify::by_class_then_volume((a.class, a.raw_offers), (b.class, b.raw_offers))
        });
        out
    }
}
