//! Territorial portrait of any perimeter: population, jobseekers, offers and their trend, the
//! occupations in tension explained in words, the most-sought skills, training outcomes, and a
//! draft diagnostic (see [`crate::swot`]).

use crate::classify::TensionClass;
use crate::model::{in_tension, Observatory, TensionRow, TrainingOutcome};
use crate::offers::OfferCounts;
use crate::secret::{fmt_fr, Figure};
use crate::swot::{swot, Swot};
use crate::tension::totals;
use serde::Serialize;
use std::collections::HashMap;
use tremplin_domain::geo::Geography;
use tremplin_domain::offer::Offer;
use tremplin_domain::perimeter::{Perimeter, PerimeterError};

#[derive(Debug, Clone, Serialize)]
pub struct BassinShare {
    pub code: String,
    pub name: String,
    /// Share of the bassin's population inside the perimeter.
    pub share: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopFiche {
    pub rome: String,
    pub label: String,
    pub offers: Figure,
    pub jobseekers: Figure,
    pub ratio: Figure,
    pub quintile: Option<u8>,
    pub class: Option<TensionClass>,
    pub class_reason: Option<String>,
    /// The published complementary indicators in words.
    pub explanation: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SkillCount {
    pub code: String,
    pub label: String,
    pub weight: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Portrait {
    pub perimeter: String,
    pub kind: String,
    pub name: String,
    pub region: String,
    pub communes: usize,
    pub population: i64,
    pub bassins: Vec<BassinShare>,
    pub period: String,
    pub jobseekers: Figure,
    pub offers: Figure,
    pub ratio: Figure,
    pub jobseekers_per_1000: Figure,
    pub offers_per_1000: Figure,
    /// Share of published fiches whose computed quintile is 4 or 5.
    pub share_in_tension: Figure,
    pub class_a: usize,
    pub class_b: usize,
    /// Offers collected in the store located in the perimeter, by year.
    pub collected_by_year: Vec<(String, Figure)>,
    pub collected_trend: Option<(String, String, f64)>,
    pub top_tension: Vec<TopFiche>,
    pub skills_source: String,
    pub skills: Vec<SkillCount>,
    pub training: Vec<TrainingOutcome>,
    pub swot: Swot,
    #[serde(skip)]
    pub rows: Vec<TensionRow>,
}

const TOP: usize = 10;

impl Observatory {
    /// The portrait of a perimeter; unknown perimeters give the error with close matches.
    pub fn portrait(
        &self,
        geo: &Geography,
        offers: &[Offer],
        p: &Perimeter,
    ) -> Result<Portrait, PerimeterError> {
        let r = geo.resolve(p)?;
        let tension = self.tension_of(geo, &r);
        let population = r.population();
        let (o, j) = totals(tension.rows.iter().map(|r| &r.fiche));
        let offers_f = Figure::count(o);
        let jobseekers = Figure::count(j);
        let per_1000 = |f: &Figure| match f.value {
            Some(v) if population > 0 => Figure::value(v / population as f64 * 1000.0),
            _ => f.clone(),
        };
        let published: Vec<&TensionRow> = tension
            .rows
            .iter()
            .filter(|r| r.fiche.quintile.is_some())
            .collect();
        let hot = in_tension(&tension.rows);
        let share_in_tension = if published.len() >= 5 {
            Figure::value(hot.len() as f64 / published.len() as f64)
        } else {
            Figure::suppressed("moins de 5 métiers publiables dans le périmètre")
        };
        let counts = OfferCounts::new(offers, &r.commune_codes());
        let region = majority(r.communes.iter().map(|c| c.region.as_str()));
        let top_tension: Vec<TopFiche> = hot.iter().take(TOP).map(|r| top_fiche(r)).collect();
        let mut training: Vec<TrainingOutcome> = Vec::new();
        for t in &top_tension {
            training.extend(self.training_for(&t.rome, &region).into_iter().take(3));
        }
        let (skills_source, skills) = self.skills(&counts, &tension.rows);
        let shares = r.bassin_shares(geo);
        let mut p = Portrait {
            perimeter: tension.perimeter,
            kind: tension.kind,
            name: tension.name,
            region,
            communes: r.communes.len(),
            population,
            bassins: shares
                .iter()
                .map(|(b, s)| BassinShare {
                    code: b.clone(),
                    name: geo.bassins.get(b).cloned().unwrap_or_default(),
                    share: *s,
                })
                .collect(),
            period: tension.period,
            jobseekers_per_1000: per_1000(&jobseekers),
            offers_per_1000: per_1000(&offers_f),
            ratio: Figure::ratio(&offers_f, &jobseekers),
            jobseekers,
            offers: offers_f,
            share_in_tension,
            class_a: hot
                .iter()
                .filter(|r| r.class == Some(TensionClass::A))
                .count(),
            class_b: hot
                .iter()
                .filter(|r| r.class == Some(TensionClass::B))
                .count(),
            collected_by_year: counts
                .by_year
                .iter()
                .map(|(y, n)| (y.clone(), Figure::count(*n as f64)))
                .collect(),
            collected_trend: counts.trend(),
            top_tension,
            skills_source,
            skills,
            training,
            swot: Swot::default(),
            rows: tension.rows,
        };
        p.swot = swot(&p, None);
        Ok(p)
    }

    /// The portrait with its diagnostic compared to a reference perimeter (the region).
    pub fn portrait_vs(
        &self,
        geo: &Geography,
        offers: &[Offer],
        p: &Perimeter,
        reference: &Portrait,
    ) -> Result<Portrait, PerimeterError> {
        let mut out = self.portrait(geo, offers, p)?;
        out.swot = swot(&out, Some(reference));
        Ok(out)
    }

    /// Most-sought skills: the competences employers selected on the perimeter's offers when
    /// there are enough, else the core savoir-faire of the fiches weighted by their offers.
    fn skills(&self, counts: &OfferCounts, rows: &[TensionRow]) -> (String, Vec<SkillCount>) {
        let mut selected: Vec<SkillCount> = counts
            .competences
            .iter()
            .filter(|(_, (_, n))| *n as f64 >= crate::secret::MIN_COUNT)
            .map(|(c, (l, n))| SkillCount {
                code: c.clone(),
                label: l.clone(),
                weight: *n as f64,
            })
            .collect();
        let (source, mut v) = if selected.len() >= MIN_SKILLS {
            let s = format!(
                "compétences choisies par les employeurs sur {} offres collectées",
                counts.total
            );
            (s, std::mem::take(&mut selected))
        } else {
            let mut acc: HashMap<&str, (&str, f64)> = HashMap::new();
            for r in rows.iter().filter(|r| r.fiche.offers.is_published()) {
                for (code, label) in self
                    .core_skills
                    .get(&r.fiche.rome)
                    .map(Vec::as_slice)
                    .unwrap_or(&[])
                {
                    acc.entry(code).or_insert((label, 0.0)).1 += r.fiche.raw_offers;
                }
            }
            let v = acc
                .into_iter()
                .map(|(c, (l, w))| SkillCount {
                    code: c.into(),
                    label: l.into(),
                    weight: w.round(),
                })
                .collect();
            (
                "compétences principales des fiches ROME, pondérées par les offres 2021 (DARES)"
                    .to_string(),
                v,
            )
        };
        v.sort_by(|a, b| {
            b.weight
                .total_cmp(&a.weight)
                .then_with(|| a.code.cmp(&b.code))
        });
        v.truncate(15);
        (source, v)
    }
}

/// Fewest employer-selected competences (each on 5 offers or more) to list them instead of the
/// ROME-derived ones.
const MIN_SKILLS: usize = 5;

fn top_fiche(r: &TensionRow) -> TopFiche {
    let f = &r.fiche;
    TopFiche {
        rome: f.rome.clone(),
        label: f.label.clone(),
        offers: f.offers.clone(),
        jobseekers: f.jobseekers.clone(),
        ratio: f.ratio.clone(),
        quintile: f.quintile,
        class: r.class,
        class_reason: r.class_reason.clone(),
        explanation: f.published.explain_fr(),
    }
}

fn majority<'a>(it: impl Iterator<Item = &'a str>) -> String {
    let mut m: HashMap<&str, usize> = HashMap::new();
    for x in it {
        *m.entry(x).or_default() += 1;
    }
    m.into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|x| x.0.to_string())
        .unwrap_or_default()
}

/// One line of a comparison table.
#[derive(Debug, Clone, Serialize)]
pub struct CompareRow {
    pub indicator: String,
    pub values: Vec<String>,
}

/// Key figures of several portraits side by side.
pub fn compare(portraits: &[&Portrait]) -> Vec<CompareRow> {
    type Getter = fn(&Portrait) -> String;
    let lines: [(&str, Getter); 8] = [
        ("Population", |p| fmt_fr(p.population as f64, 0)),
        ("Demandeurs d'emploi ABC (2021)", |p| p.jobseekers.fr(0)),
        ("Offres d'emploi (2021)", |p| p.offers.fr(0)),
        ("Offres par demandeur d'emploi", |p| p.ratio.fr(2)),
        ("Demandeurs d'emploi pour 1 000 habitants", |p| {
            p.jobseekers_per_1000.fr(1)
        }),
        ("Offres pour 1 000 habitants", |p| p.offers_per_1000.fr(1)),
        ("Part des métiers en tension (quintiles 4-5)", |p| {
            pct(&p.share_in_tension)
        }),
        ("Métiers en tension structurelle (classe A)", |p| {
            p.class_a.to_string()
        }),
    ];
    lines
        .iter()
        .map(|(l, g)| CompareRow {
            indicator: l.to_string(),
            values: portraits.iter().map(|p| g(p)).collect(),
        })
        .collect()
}

/// A share as a French percentage.
pub fn pct(f: &Figure) -> String {
    match f.value {
        Some(v) => format!("{} %", fmt_fr(v * 100.0, 1)),
        None => f.fr(0),
    }
}
