//! Carte des formations: per bassin d'emploi × occupation (principal ROME of the formation)
//! or × Formacode, the seats offered and taken, the labour market of the linked occupations
//! (DARES 2021 jobseekers, offers, tension) and the InserJeunes outcomes of the certifications,
//! with flags that feed the annual revision of the regional programme.
//!
//! Rules (documented in ARCHITECTURE.md):
//! - a session counts in the bassin of its place of training and under the first ROME /
//!   Formacode of its formation (no double counting); distance-only sessions are left out;
//! - occupancy = seats taken / seats offered over sessions of the period that have started;
//! - *sous-remplie*: occupancy < 60 % over at least 2 started sessions;
//! - *sur-demandée*: occupancy ≥ 95 % and (≥ 5 jobseekers per seat offered or tension ≥ 4/5);
//! - *métier en tension sans formation*: DARES tension ≥ 4/5 with ≥ 20 jobseekers in a bassin
//!   where no session of the period prepares that occupation.

use crate::date::Date;
use crate::model::Modality;
use crate::record::SessionRecord;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use tremplin_domain::certif::{Certification, Outcome};
use tremplin_domain::geo::Geography;
use tremplin_domain::tension::DaresTension;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    Rome,
    Formacode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    SousRemplie,
    SurDemandee,
}

impl Flag {
    pub fn label_fr(self) -> &'static str {
        match self {
            Flag::SousRemplie => "section sous-remplie",
            Flag::SurDemandee => "section sur-demandée",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CarteRow {
    pub bassin: String,
    pub bassin_name: String,
    pub code: String,
    pub sessions: usize,
    pub seats_offered: i64,
    pub started_sessions: usize,
    pub occupancy: Option<f64>,
    pub jobseekers: Option<f64>,
    pub offers: Option<f64>,
    pub tension: Option<i64>,
    pub employment_rate_6m: Option<f64>,
    pub flags: Vec<Flag>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Gap {
    pub bassin: String,
    pub bassin_name: String,
    pub rome: String,
    pub jobseekers: f64,
    pub tension: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Carte {
    pub from: Date,
    pub to: Date,
    pub today: Date,
    pub rows: Vec<CarteRow>,
    pub gaps: Vec<Gap>,
}

pub struct CarteInput<'a> {
    pub records: &'a [SessionRecord],
    pub geo: &'a Geography,
    pub dares: &'a [DaresTension],
    pub certifications: &'a [Certification],
    pub outcomes: &'a [Outcome],
    pub region: &'a str,
}

#[derive(Default)]
struct Acc {
    sessions: usize,
    offered: i64,
    started: usize,
    started_offered: i64,
    started_taken: i64,
    romes: HashSet<String>,
    certifinfo: HashSet<String>,
}

/// Employment rate at 6 months per CFD in the region, weighted by leavers over cohorts.
fn rates_by_cfd<'a>(outcomes: &'a [Outcome], region: &str) -> HashMap<&'a str, f64> {
    let mut acc: HashMap<&str, (f64, f64)> = HashMap::new();
    for o in outcomes
        .iter()
        .filter(|o| o.region == region && !o.cfd.is_empty())
    {
        if let Some(rate) = o.employment_rate_6m {
            let w = o.leavers.unwrap_or(1).max(1) as f64;
            let e = acc.entry(o.cfd.as_str()).or_default();
            e.0 += rate * w;
            e.1 += w;
        }
    }
    acc.into_iter().map(|(k, (s, w))| (k, s / w)).collect()
}

pub fn carte(input: &CarteInput, dim: Dimension, from: Date, to: Date, today: Date) -> Carte {
    let bassin_of: HashMap<&str, &str> = input
        .geo
        .communes
        .iter()
        .map(|c| (c.code.as_str(), c.bassin.as_str()))
        .collect();
    let mut groups: BTreeMap<(String, String), Acc> = BTreeMap::new();
    let mut trained: HashSet<(String, String)> = HashSet::new();
    for r in input
        .records
        .iter()
        .filter(|r| r.start >= from && r.start <= to && r.modality != Modality::Distance)
    {
        let Some(bassin) = bassin_of.get(r.commune.as_str()).filter(|b| !b.is_empty()) else {
            continue;
        };
        for rome in &r.romes {
            trained.insert((bassin.to_string(), rome.clone()));
        }
        let code = match dim {
            Dimension::Rome => r.romes.first(),
            Dimension::Formacode => r.formacodes.first(),
        };
        let Some(code) = code else { continue };
        let a = groups
            .entry((bassin.to_string(), code.clone()))
            .or_default();
        a.sessions += 1;
        a.offered += r.capacity.unwrap_or(0);
        if r.start <= today {
            if let (Some(c), Some(t)) = (r.capacity, r.taken()) {
                a.started += 1;
                a.started_offered += c;
                a.started_taken += t;
            }
        }
        a.romes.extend(
            r.romes
                .iter()
                .take(if dim == Dimension::Rome { 1 } else { 5 })
                .cloned(),
        );
        if !r.certifinfo.is_empty() {
            a.certifinfo.insert(r.certifinfo.clone());
        }
    }
    let dares: HashMap<(&str, &str), &DaresTension> = input
        .dares
        .iter()
        .map(|d| ((d.bassin.as_str(), d.rome.as_str()), d))
        .collect();
    let cfd_of: HashMap<&str, &str> = input
        .certifications
        .iter()
        .filter(|c| !c.cfd.is_empty())
        .map(|c| (c.code.as_str(), c.cfd.as_str()))
        .collect();
    let rates = rates_by_cfd(input.outcomes, input.region);
    let rows = groups
        .into_iter()
        .map(|((bassin, code), a)| {
            let linked: Vec<&DaresTension> = a
                .romes
                .iter()
                .filter_map(|r| dares.get(&(bassin.as_str(), r.as_str())).copied())
                .collect();
            let jobseekers =
                (!linked.is_empty()).then(|| linked.iter().map(|d| d.jobseekers).sum::<f64>());
            let offers = (!linked.is_empty()).then(|| linked.iter().map(|d| d.offers).sum::<f64>());
            let tension = linked.iter().filter_map(|d| d.tension).max();
            let rs: Vec<f64> = a
                .certifinfo
                .iter()
                .filter_map(|c| cfd_of.get(c.as_str()))
                .filter_map(|cfd| rates.get(cfd).copied())
                .collect();
            let occupancy =
                (a.started_offered > 0).then(|| a.started_taken as f64 / a.started_offered as f64);
            let mut flags = Vec::new();
            if a.started >= 2 && occupancy.is_some_and(|o| o < 0.6) {
                flags.push(Flag::SousRemplie);
            }
            let pressure = jobseekers.is_some_and(|j| a.offered > 0 && j / a.offered as f64 >= 5.0)
                || tension.is_some_and(|t| t >= 4);
            if occupancy.is_some_and(|o| o >= 0.95) && pressure {
                flags.push(Flag::SurDemandee);
            }
            CarteRow {
                bassin_name: input.geo.bassins.get(&bassin).cloned().unwrap_or_default(),
                bassin,
                code,
                sessions: a.sessions,
                seats_offered: a.offered,
                started_sessions: a.started,
                occupancy,
                jobseekers,
                offers,
                tension,
                employment_rate_6m: (!rs.is_empty())
                    .then(|| rs.iter().sum::<f64>() / rs.len() as f64),
                flags,
            }
        })
        .collect();
    let region_bassins: HashSet<&str> = input
        .geo
        .communes
        .iter()
        .filter(|c| c.region == input.region)
        .map(|c| c.bassin.as_str())
        .collect();
    let mut gaps: Vec<Gap> = input
        .dares
        .iter()
        .filter(|d| region_bassins.contains(d.bassin.as_str()))
        .filter(|d| d.tension.is_some_and(|t| t >= 4) && d.jobseekers >= 20.0)
        .filter(|d| !trained.contains(&(d.bassin.clone(), d.rome.clone())))
        .map(|d| Gap {
            bassin: d.bassin.clone(),
            bassin_name: input
                .geo
                .bassins
                .get(&d.bassin)
                .cloned()
                .unwrap_or_default(),
            rome: d.rome.clone(),
            jobseekers: d.jobseekers,
            tension: d.tension.unwrap_or(0),
        })
        .collect();
    gaps.sort_by(|a, b| {
        b.jobseekers
            .total_cmp(&a.jobseekers)
            .then(a.bassin.cmp(&b.bassin))
    });
    Carte {
        from,
        to,
        today,
        rows,
        gaps,
    }
}
