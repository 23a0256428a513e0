//! The observatory's precomputed state: the 2021 tension table, the Bretagne classes, and the
//! lookups the portraits need. Built once from the store's snapshot, then queried per perimeter.

use crate::classify::TensionClass;
use crate::fap::{fap_classes, rome_classes, FapClass, RomeClass};
use crate::indicators::Indicators;
use crate::secret::Figure;
use crate::tension::{FicheTension, TensionTable};
use serde::Serialize;
use std::collections::HashMap;
use tremplin_domain::certif::{Certification, Outcome};
use tremplin_domain::geo::Geography;
use tremplin_domain::perimeter::{Perimeter, PerimeterError, ResolvedPerimeter};
use tremplin_domain::rome::{Rome, SkillKind};
use tremplin_domain::tension::{DaresTension, FapRome};

/// What the observatory is built from (borrowed from the snapshot).
pub struct Sources<'a> {
    pub rome: &'a Rome,
    pub dares: &'a [DaresTension],
    pub fap_rome: &'a [FapRome],
    /// Parsed `dares_tension_evolution.csv` (FAP, year, score).
    pub evolution: &'a [(String, i64, f64)],
    pub certifications: &'a [Certification],
    pub outcomes: &'a [Outcome],
    /// The DARES year whose cells are the period's inputs.
    pub year: i64,
}

/// A certification leading to a fiche, with its latest InserJeunes outcome in a region.
#[derive(Debug, Clone, Serialize)]
pub struct TrainingOutcome {
    pub rome: String,
    pub certification: String,
    pub level: String,
    pub cfd: String,
    pub route: String,
    pub cohort: String,
    pub leavers: Figure,
    /// Employment rate 12 months after leaving, in percent (suppressed with the leavers).
    pub employment_12m: Figure,
}

/// One row of a perimeter's tension table: the computed and published figures and the class.
#[derive(Debug, Clone, Serialize)]
pub struct TensionRow {
    #[serde(flatten)]
    pub fiche: FicheTension,
    pub class: Option<TensionClass>,
    pub class_reason: Option<String>,
}

/// The tension of every fiche of a perimeter.
#[derive(Debug, Clone, Serialize)]
pub struct PerimeterTension {
    pub perimeter: String,
    pub kind: String,
    pub name: String,
    pub period: String,
    pub rows: Vec<TensionRow>,
}

pub struct Observatory {
    pub table: TensionTable,
    pub labels: HashMap<String, String>,
    pub fap_classes: Vec<FapClass>,
    pub rome_classes: HashMap<String, RomeClass>,
    /// Core savoir-faire of each fiche: (code, label).
    pub core_skills: HashMap<String, Vec<(String, String)>>,
    certifications_of: HashMap<String, Vec<Certification>>,
    outcomes_of: HashMap<(String, String), Vec<Outcome>>,
}

impl Observatory {
    pub fn new(s: &Sources) -> Observatory {
        let labels = s
            .rome
            .fiches
            .iter()
            .map(|f| (f.code.clone(), f.label.clone()))
            .collect();
        let fap_classes = fap_classes(s.evolution);
        let rome_classes = rome_classes(&fap_classes, s.fap_rome);
        let ix = s.rome.index();
        let mut core_skills: HashMap<String, Vec<(String, String)>> = HashMap::new();
        for it in s
            .rome
            .items
            .iter()
            .filter(|i| i.core && i.kind == SkillKind::SavoirFaire)
        {
            if let Some(sk) = s.rome.skill(&ix, &it.code) {
                core_skills
                    .entry(it.rome.clone())
                    .or_default()
                    .push((it.code.clone(), sk.label().to_string()));
            }
        }
        let mut certifications_of: HashMap<String, Vec<Certification>> = HashMap::new();
        for c in s.certifications.iter().filter(|c| !c.cfd.is_empty()) {
            for r in &c.romes {
                certifications_of
                    .entry(r.clone())
                    .or_default()
                    .push(c.clone());
            }
        }
        let mut outcomes_of: HashMap<(String, String), Vec<Outcome>> = HashMap::new();
        for o in s.outcomes.iter().filter(|o| !o.cfd.is_empty()) {
            outcomes_of
                .entry((o.cfd.clone(), o.region.clone()))
                .or_default()
                .push(o.clone());
        }
        Observatory {
            table: TensionTable::from_dares(s.dares, s.year),
            labels,
            fap_classes,
            rome_classes,
            core_skills,
            certifications_of,
            outcomes_of,
        }
    }

    /// Tension of every fiche in a perimeter (period 2021), with classes.
    pub fn tension(
        &self,
        geo: &Geography,
        p: &Perimeter,
    ) -> Result<PerimeterTension, PerimeterError> {
        let r = geo.resolve(p)?;
        Ok(self.tension_of(geo, &r))
    }

    /// Tension of the resolved perimeter with the period's table.
    pub fn tension_of(&self, geo: &Geography, r: &ResolvedPerimeter) -> PerimeterTension {
        self.tension_in(&self.table, geo, r)
    }

    /// Tension of the resolved perimeter with any table (an imported period).
    pub fn tension_in(
        &self,
        table: &TensionTable,
        geo: &Geography,
        r: &ResolvedPerimeter,
    ) -> PerimeterTension {
        let rows = table
            .for_shares(&r.bassin_shares(geo), &self.labels)
            .into_iter()
            .map(|fiche| {
                let c = self.rome_classes.get(&fiche.rome);
                TensionRow {
                    class: c.map(|c| c.class),
                    class_reason: c.map(|c| c.reason.clone()),
                    fiche,
                }
            })
            .collect();
        PerimeterTension {
            perimeter: r.perimeter.to_string(),
            kind: r.perimeter.kind.label_fr().to_string(),
            name: r.name.clone(),
            period: table.period.clone(),
            rows,
        }
    }

    /// Certifications leading to a fiche and their latest outcome in `region`, best first.
    pub fn training_for(&self, rome: &str, region: &str) -> Vec<TrainingOutcome> {
        let mut out = Vec::new();
        for c in self
            .certifications_of
            .get(rome)
            .map(Vec::as_slice)
            .unwrap_or(&[])
        {
            let Some(outs) = self.outcomes_of.get(&(c.cfd.clone(), region.to_string())) else {
                continue;
            };
            let Some(latest) = outs.iter().map(|o| o.cohort.as_str()).max() else {
                continue;
            };
            for o in outs.iter().filter(|o| o.cohort == latest) {
                let leavers = Figure::count(o.leavers.unwrap_or(0) as f64);
                let employment_12m = match (&leavers.value, o.employment_rate_12m) {
                    (Some(_), Some(r)) => Figure::value(r),
                    (Some(_), None) => Figure::suppressed("taux non publié par InserJeunes"),
                    (None, _) => leavers.clone(),
                };
                out.push(TrainingOutcome {
                    rome: rome.to_string(),
                    certification: c.label.clone(),
                    level: c.level.clone(),
                    cfd: c.cfd.clone(),
                    route: o.route.clone(),
                    cohort: o.cohort.clone(),
                    leavers,
                    employment_12m,
                });
            }
        }
        out.sort_by(|a, b| {
            b.employment_12m
                .value
                .unwrap_or(-1.0)
                .total_cmp(&a.employment_12m.value.unwrap_or(-1.0))
        });
        out.dedup_by(|a, b| a.cfd == b.cfd && a.route == b.route);
        out
    }
}

/// Rows in tension (computed quintile 4 or 5), ranked: class A, then B, then the others, each
/// by decreasing offers.
pub fn in_tension(rows: &[TensionRow]) -> Vec<&TensionRow> {
    let mut v: Vec<&TensionRow> = rows
        .iter()
        .filter(|r| r.fiche.quintile.is_some_and(|q| q >= 4))
        .collect();
    v.sort_by(|a, b| {
        crate::classify::by_class_then_volume(
            (a.class, a.fiche.raw_offers),
            (b.class, b.fiche.raw_offers),
        )
    });
    v
}

/// Jobseeker-weighted mean of the published indicators over rows (for a perimeter summary).
pub fn mean_published(rows: &[TensionRow]) -> Indicators {
    let mut s = [0.0; 7];
    let mut w = [0.0; 7];
    for r in rows {
        for (k, v) in r.fiche.published.values().iter().enumerate() {
            if let Some(v) = v {
                s[k] += v * r.fiche.raw_jobseekers;
                w[k] += r.fiche.raw_jobseekers;
            }
        }
    }
    Indicators::from_values(std::array::from_fn(|k| {
        (w[k] > 0.0).then(|| (s[k] / w[k] * 10.0).round() / 10.0)
    }))
}
