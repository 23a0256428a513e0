//! Session search over an in-memory index: filters (occupation, skill, certification,
//! Formacode, perimeter, distance, dates, modality, seats) then a score whose every part is
//! explained in French. Built once from the store, updated in place when seats change.

use crate::date::Date;
use crate::geo::{distance_km, Point};
use crate::model::{Modality, SessionStatus};
use crate::record::SessionRecord;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use tremplin_domain::rome::Rome;

/// A skill turned into the occupations that expect it.
#[derive(Debug, Clone, Default)]
pub struct SkillTarget {
    pub label: String,
    /// ROME codes expecting the skill, with whether it is core (« principale ») there.
    pub romes: HashMap<String, bool>,
}

/// The occupations (ROME fiches) whose items include a skill code.
pub fn skill_target(rome: &Rome, code: &str, label: &str) -> SkillTarget {
    let romes = rome
        .items
        .iter()
        .filter(|i| i.code == code)
        .map(|i| (i.rome.clone(), i.core))
        .collect();
    SkillTarget {
        label: label.to_string(),
        romes,
    }
}

#[derive(Debug, Clone)]
pub struct Query {
    pub romes: Vec<String>,
    pub skill: Option<SkillTarget>,
    /// RNCP code (`RNCP1234`) or Certif Info code.
    pub certification: Option<String>,
    pub formacode: Option<String>,
    /// INSEE codes of a perimeter.
    pub communes: Option<HashSet<String>>,
    pub near: Option<(String, Point)>,
    pub radius_km: Option<f64>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub modality: Option<Modality>,
    pub min_seats: i64,
    pub include_full: bool,
    pub today: Date,
    pub limit: usize,
}

impl Query {
    pub fn new(today: Date) -> Query {
        Query {
            romes: vec![],
            skill: None,
            certification: None,
            formacode: None,
            communes: None,
            near: None,
            radius_km: None,
            from: None,
            to: None,
            modality: None,
            min_seats: 1,
            include_full: false,
            today,
            limit: 20,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit<'a> {
    pub record: &'a SessionRecord,
    pub score: f64,
    pub distance_km: Option<f64>,
    pub reasons: Vec<String>,
}

#[derive(Debug, Default)]
pub struct SessionIndex {
    records: Vec<SessionRecord>,
    hot: Vec<Hot>,
    /// Action of each session, as a small integer (one hit per action).
    action_of: Vec<u32>,
    by_id: HashMap<String, usize>,
    by_rome: HashMap<String, Vec<u32>>,
    by_formacode: HashMap<String, Vec<u32>>,
    by_certification: HashMap<String, Vec<u32>>,
}

fn push(map: &mut HashMap<String, Vec<u32>>, key: &str, i: usize) {
    if !key.is_empty() {
        map.entry(key.to_string()).or_default().push(i as u32);
    }
}

impl SessionIndex {
    pub fn new(mut records: Vec<SessionRecord>) -> SessionIndex {
        // Index order is (start, session): ties in score rank by it.
        records.sort_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then_with(|| a.session.cmp(&b.session))
        });
        let mut ix = SessionIndex::default();
        let mut actions: HashMap<&str, u32> = HashMap::new();
        for (i, r) in records.iter().enumerate() {
            ix.by_id.insert(r.session.clone(), i);
            r.romes.iter().for_each(|c| push(&mut ix.by_rome, c, i));
            r.formacodes
                .iter()
                .for_each(|c| push(&mut ix.by_formacode, c, i));
            push(&mut ix.by_certification, &r.rncp, i);
            push(&mut ix.by_certification, &r.certifinfo, i);
            let next = actions.len() as u32;
            ix.action_of
                .push(*actions.entry(r.action.as_str()).or_insert(next));
        }
        ix.hot = records.iter().map(Hot::of).collect();
        ix.records = records;
        ix
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    pub fn records(&self) -> &[SessionRecord] {
        &self.records
    }

    pub fn get(&self, session: &str) -> Option<&SessionRecord> {
        self.by_id.get(session).map(|&i| &self.records[i])
    }

    /// Applies a seat change made in the store.
    pub fn update_seats(
        &mut self,
        session: &str,
        capacity: Option<i64>,
        seats_left: Option<i64>,
        status: SessionStatus,
    ) {
        if let Some(&i) = self.by_id.get(session) {
            let r = &mut self.records[i];
            r.capacity = capacity;
            r.seats_left = seats_left;
            r.status = status;
            self.hot[i] = Hot::of(r);
        }
    }

    /// Candidates from the most selective code criterion, or every session.
    fn candidates(&self, q: &Query) -> Vec<u32> {
        let mut lists: Vec<Vec<u32>> = Vec::new();
        let union = |map: &HashMap<String, Vec<u32>>, keys: &mut dyn Iterator<Item = &String>| {
            let mut v: Vec<u32> = keys
                .flat_map(|k| map.get(k).into_iter().flatten().copied())
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        if !q.romes.is_empty() {
            lists.push(union(&self.by_rome, &mut q.romes.iter()));
        }
        if let Some(s) = &q.skill {
            lists.push(union(&self.by_rome, &mut s.romes.keys()));
        }
        if let Some(c) = &q.certification {
            lists.push(union(&self.by_certification, &mut std::iter::once(c)));
        }
        if let Some(f) = &q.formacode {
            lists.push(union(&self.by_formacode, &mut std::iter::once(f)));
        }
        match lists.into_iter().reduce(|a, b| {
            let b: HashSet<u32> = b.into_iter().collect();
            a.into_iter().filter(|i| b.contains(i)).collect()
        }) {
            Some(v) => v,
            None => (0..self.records.len() as u32).collect(),
        }
    }

    /// Matching sessions, best first, one per action (its best-ranked session: an action
    /// with monthly entries shows once); the count is of those actions.
    pub fn search(&self, q: &Query) -> (usize, Vec<Hit<'_>>) {
        // First pass on the packed fields (and codes only when asked): best (score, index)
        // per action; explanations are written for the hits returned only.
        let mut best: HashMap<u32, (f64, u32)> = HashMap::new();
        for i in self.candidates(q) {
            let (h, r) = (&self.hot[i as usize], &self.records[i as usize]);
            if !passes(h, q) {
                continue;
            }
            let Some(hit) = score(h, r, q, false) else {
                continue;
            };
            let e = best
                .entry(self.action_of[i as usize])
                .or_insert((hit.score, i));
            if hit.score > e.0 || (hit.score == e.0 && i < e.1) {
                *e = (hit.score, i);
            }
        }
        let mut ranked: Vec<(f64, u32)> = best.into_values().collect();
        let total = ranked.len();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.truncate(q.limit);
        let hits = ranked
            .into_iter()
            .filter_map(|(_, i)| score(&self.hot[i as usize], &self.records[i as usize], q, true))
            .collect();
        (total, hits)
    }
}

/// The fields every query filters on, packed for a cache-friendly scan of all sessions.
#[derive(Debug, Clone, Copy)]
struct Hot {
    start: Date,
    end: Date,
    seats: i64,
    lat: f32,
    lon: f32,
    status: SessionStatus,
    modality: Modality,
    permanent: bool,
    located: bool,
}

impl Hot {
    fn of(r: &SessionRecord) -> Hot {
        Hot {
            start: r.start,
            end: r.end,
            seats: r.seats_left.unwrap_or(i64::MAX),
            lat: r.point.map_or(0.0, |p| p.lat as f32),
            lon: r.point.map_or(0.0, |p| p.lon as f32),
            status: r.status,
            modality: r.modality,
            permanent: r.permanent,
            located: r.point.is_some(),
        }
    }
}

/// The filters on status, seats, dates, modality and (by bounding box) distance.
fn passes(h: &Hot, q: &Query) -> bool {
    if !q.include_full && (h.status != SessionStatus::Ouverte || h.seats < q.min_seats) {
        return false;
    }
    // Still joinable: not started yet, or permanent entry and not over.
    if !(h.start >= q.today || (h.permanent && h.end >= q.today)) {
        return false;
    }
    if q.from
        .is_some_and(|f| h.end < f || (!h.permanent && h.start < f))
        || q.to.is_some_and(|t| h.start > t)
    {
        return false;
    }
    if q.modality.is_some_and(|m| m != h.modality) {
        return false;
    }
    if let (Some((_, p)), Some(max)) = (&q.near, q.radius_km) {
        if h.modality != Modality::Distance {
            let dlat = (h.lat as f64 - p.lat).abs() * 111.2;
            let dlon = (h.lon as f64 - p.lon).abs() * 111.2 * p.lat.to_radians().cos();
            return h.located && dlat <= max * 1.01 && dlon <= max * 1.05;
        }
    }
    true
}

/// Score and reasons of a session that passed [`passes`], or `None` if the perimeter or the
/// exact distance rule it out.
fn score<'a>(h: &Hot, r: &'a SessionRecord, q: &Query, explain: bool) -> Option<Hit<'a>> {
    let remote = h.modality == Modality::Distance;
    if let Some(c) = &q.communes {
        if !remote && !c.contains(&r.commune) {
            return None;
        }
    }
    let distance = q.near.as_ref().filter(|_| h.located).map(|(_, p)| {
        distance_km(
            *p,
            Point {
                lat: h.lat as f64,
                lon: h.lon as f64,
            },
        )
    });
    if let (Some(max), false) = (q.radius_km, remote) {
        if distance.is_none_or(|d| d > max) {
            return None;
        }
    }
    let mut score = 0.0;
    let mut reasons = Vec::new();
    // Reasons are written only for the hits shown (formatting is most of the cost).
    let mut say = |f: &dyn Fn() -> String| {
        if explain {
            reasons.push(f())
        }
    };
    // Code criteria read the record only when the query asks for them.
    let rome_pos = (!q.romes.is_empty()).then(|| r.romes.iter().position(|c| q.romes.contains(c)));
    if let Some(pos) = rome_pos.flatten() {
        score += if pos == 0 { 40.0 } else { 30.0 };
        say(&|| {
            format!(
                "prépare au métier {}{}",
                r.romes[pos],
                if pos == 0 {
                    " (métier principal de la formation)"
                } else {
                    ""
                }
            )
        });
    }
    if let Some(s) = &q.skill {
        if let Some((rome, core)) = r
            .romes
            .iter()
            .find_map(|c| s.romes.get(c).map(|core| (c, *core)))
        {
            score += if core { 30.0 } else { 20.0 };
            say(&|| {
                format!(
                    "la compétence « {} » est {} du métier {rome}",
                    s.label,
                    if core { "au cœur" } else { "attendue" }
                )
            });
        }
    }
    if let Some(c) = &q.certification {
        if *c == r.rncp || *c == r.certifinfo {
            score += 30.0;
            say(&|| format!("prépare la certification {c}"));
        }
    }
    if let Some(f) = &q.formacode {
        if let Some(pos) = r.formacodes.iter().position(|x| x == f) {
            score += if pos == 0 { 25.0 } else { 15.0 };
            say(&|| format!("domaine Formacode {f}"));
        }
    }
    if remote {
        score += 10.0;
        say(&|| String::from("formation entièrement à distance"));
    } else if let (Some(d), Some((name, _))) = (distance, &q.near) {
        let near = match q.radius_km {
            Some(max) if max > 0.0 => 25.0 * (1.0 - d / max).max(0.0),
            _ => 25.0 * (-d / 30.0).exp(),
        };
        score += near;
        say(&|| format!("à {:.0} km de {name}", d));
    }
    let wait = (h.start.days() - q.today.days()).max(0);
    if h.permanent && h.start <= q.today {
        score += 15.0;
        say(&|| String::from("entrée permanente : démarrage possible dès maintenant"));
    } else {
        score += 15.0 * (-(wait as f64) / 60.0).exp();
        say(&|| format!("démarre le {} (dans {wait} jours)", h.start.fr()));
    }
    if let Some(s) = Some(h.seats).filter(|s| *s != i64::MAX) {
        score += 10.0 * (s.min(5) as f64 / 5.0);
        say(&|| {
            format!(
                "{s} place{} restante{}",
                if s > 1 { "s" } else { "" },
                if s > 1 { "s" } else { "" }
            )
        });
    }
    Some(Hit {
        record: r,
        score: (score * 10.0).round() / 10.0,
        distance_km: distance.map(|d| (d * 10.0).round() / 10.0),
        reasons,
    })
}
