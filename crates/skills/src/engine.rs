//! The extraction engine: occupation (fiche, appellation, runner-ups) then skills with their
//! evidence, the detected fiche serving as context.

use crate::catalog::{Catalog, FicheInfo, Skill};
use crate::lists::CategoryLists;
use crate::matcher::{spans, LabelIndex, Match, MIN_COVERAGE};
use crate::model::{FichePrior, Learned};
use crate::norm::{Token, Tokenized};
use crate::occupation::{feature, features, NbCounts, NbModel, NbParams};
use crate::variants::Variants;
use crate::zones::EmployerZones;
use serde::Serialize;
use std::borrow::Cow;
use std::sync::Arc;

/// Why a skill is in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Evidence {
    /// Supported by passages of the text (`spans`).
    Text,
    /// Only typical of the detected fiche (`share` of its labelled offers ask for it).
    Occupation,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FicheGuess {
    pub code: String,
    pub label: String,
    pub score: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppellationGuess {
    pub code: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillHit {
    /// Index in the catalog.
    #[serde(skip)]
    pub skill: u32,
    pub code: String,
    pub label: String,
    /// `competence` or `savoir`.
    pub kind: &'static str,
    pub evidence: Evidence,
    pub score: f32,
    /// Byte spans into `title + "\n" + description`; empty for occupation evidence.
    pub spans: Vec<[usize; 2]>,
    /// For occupation evidence: share of the fiche's labelled offers asking this skill.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<f32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extraction {
    pub rome: Option<FicheGuess>,
    pub appellation: Option<AppellationGuess>,
    pub runner_ups: Vec<FicheGuess>,
    pub skills: Vec<SkillHit>,
    /// Why the result is empty, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'static str>,
}

impl Extraction {
    /// The output skills carrying one kind of evidence, in output order.
    pub fn with_evidence(&self, evidence: Evidence) -> impl Iterator<Item = &SkillHit> {
        self.skills.iter().filter(move |s| s.evidence == evidence)
    }
}

/// Below this share of French function words, a text of at least [`MIN_WORDS_LANG`] words is
/// not read as French.
pub const MIN_FRENCH_STOP_SHARE: f32 = 0.12;
pub const MIN_WORDS_LANG: usize = 20;

/// Thresholds of the skill assertion rules.
#[derive(Debug, Clone, Copy)]
pub struct ExtractParams {
    /// Minimum share among the fiche's labelled offers for an occupation-evidence skill.
    pub occupation_share: f32,
    /// Minimum number of labelled offers of the fiche before occupation evidence is given.
    pub occupation_min_offers: u32,
}

impl Default for ExtractParams {
    fn default() -> Self {
        ExtractParams {
            occupation_share: 0.3,
            occupation_min_offers: 3,
        }
    }
}

thread_local! {
    /// Per-thread array of context levels, stamped with the extraction that wrote them.
    static LEVELS: std::cell::RefCell<(u16, Vec<u16>)> = const { std::cell::RefCell::new((0, Vec::new())) };
}

/// Context level of every skill for one extraction: 2 for the fiche's items, 1 for its
/// neighbours' items, 0 elsewhere. Each entry of the thread's array holds a level (2 bits) and
/// the stamp of the extraction that wrote it (14 bits): a level from another extraction reads
/// as 0, so an extraction costs the fiches' items, not the whole skill list, and nothing is
/// reset after it (only the whole array, once every 16,383 extractions).
struct ContextLevels {
    stamp: u16,
    levels: Vec<u16>,
}

impl ContextLevels {
    fn new(skills: usize, fiche: &FicheInfo, near: &[&FicheInfo]) -> ContextLevels {
        let (last, mut levels) = LEVELS.with(|l| std::mem::take(&mut *l.borrow_mut()));
        let stamp = if last >= (1 << 14) - 1 {
            levels.iter_mut().for_each(|l| *l = 0);
            1
        } else {
            last + 1
        };
        levels.resize(skills, 0);
        for (f, level) in near.iter().map(|f| (f, 1)).chain([(&fiche, 2)]) {
            for &s in f.items.keys() {
                levels[s as usize] = stamp << 2 | level;
            }
        }
        ContextLevels { stamp, levels }
    }

    fn get(&self, skill: u32) -> u8 {
        let l = self.levels[skill as usize];
        if l >> 2 == self.stamp {
            (l & 3) as u8
        } else {
            0
        }
    }
}

impl Drop for ContextLevels {
    fn drop(&mut self) {
        let levels = std::mem::take(&mut self.levels);
        LEVELS.with(|l| *l.borrow_mut() = (self.stamp, levels));
    }
}

/// Adds `span` to spans in text order that do not overlap, merged with those it overlaps
/// ("conteneurs Docker" found as a variant where the name matched "Docker").
fn add_span(spans: &mut Vec<[usize; 2]>, [mut a, mut b]: [usize; 2]) {
    spans.retain(|&[x, y]| {
        let overlaps = x < b && a < y;
        if overlaps {
            (a, b) = (a.min(x), b.max(y));
        }
        !overlaps
    });
    let at = spans.partition_point(|s| s[0] < a);
    spans.insert(at, [a, b]);
}

pub struct Engine {
    pub cat: Arc<Catalog>,
    pub labels: Arc<LabelIndex>,
    /// Naive Bayes over the referential's pseudo-documents only, all fiches equally likely.
    pub(crate) rome_nb: NbModel,
    pub(crate) linear: crate::linear::Scorer,
    pub(crate) titles: crate::norm::FxMap<u64, Vec<(u32, u32)>>,
    prior: Vec<FichePrior>,
    /// Per skill: (is a certification, a phrase match of it suffices out of context).
    shape: Vec<(bool, bool)>,
    pub(crate) variants: Variants,
    /// Categories listed after a certification's name ("CACES 1, 3 et 5").
    lists: CategoryLists,
    /// The fiche an offer's title (or a titleless text's role) names through an appellation.
    pub(crate) names: crate::naming::TitleNames,
    /// Per fiche: whether a training offer's title names it ([`crate::naming`]), so that the
    /// model learned how such titles are labelled.
    pub(crate) titled: Vec<bool>,
    pub params: ExtractParams,
}

/// Counts of the ROME pseudo-documents: each appellation and the fiche label as a title,
/// the fiche texts as a body.
pub fn rome_counts(cat: &Catalog) -> NbCounts {
    let mut c = NbCounts::new(cat.fiches.len());
    for (i, f) in cat.fiches.iter().enumerate() {
        for (_, _, stems) in &f.appellations {
            let feats: Vec<u32> = stems.iter().map(|&s| feature(s, true)).collect();
            c.add(i, &feats, 1.0, 0.0);
        }
        let body: Vec<u32> = f.text_stems.iter().map(|&s| feature(s, false)).collect();
        c.add(i, &body, 1.0, 0.0);
    }
    c
}

impl Engine {
    /// Builds an engine from a catalog, its label index, the learned model and curated
    /// variants.
    pub fn from_parts(
        cat: Arc<Catalog>,
        labels: Arc<LabelIndex>,
        learned: &Learned,
        nb: NbParams,
        variants: Variants,
    ) -> Engine {
        let rome_nb = NbModel::train(&rome_counts(&cat), nb);
        // A label of one word stands alone in a phrase only as a name (tool, language).
        let name = |s: &Skill| s.stems.len() == 1 && (s.names.len() == 1 || s.is_tool());
        let shape = cat
            .skills
            .iter()
            .map(|s| (s.is_certification(), s.stems.len() >= 2 || name(s)))
            .collect();
        let names = crate::naming::TitleNames::new(&cat);
        let mut titled = vec![false; cat.fiches.len()];
        for (stems, _) in &learned.titles {
            names.fiches_within(stems).for_each(|f| titled[f] = true);
        }
        Engine {
            shape,
            lists: CategoryLists::new(&variants),
            names,
            titled,
            rome_nb,
            linear: learned.linear.scorer(),
            titles: learned.titles(),
            prior: learned.prior.clone(),
            variants,
            cat,
            labels,
            params: ExtractParams::default(),
        }
    }

    /// Builds the engine from the catalog, the learned model text (see [`Learned::to_text`])
    /// and the curated variants text (see [`Variants::parse`]).
    pub fn new(mut cat: Catalog, model_text: &str, variants_text: &str) -> Result<Engine, String> {
        let learned = Learned::parse(&mut cat, model_text)?;
        let mut variants =
            Variants::parse(&cat, variants_text).map_err(|e| format!("variantes : {e}"))?;
        variants.mark(&mut cat);
        let labels = LabelIndex::new(&cat);
        let (cat, labels) = (Arc::new(cat), Arc::new(labels));
        Ok(Engine::from_parts(
            cat,
            labels,
            &learned,
            NbParams::default(),
            variants,
        ))
    }

    fn guess(&self, f: usize, score: f32) -> FicheGuess {
        let fi = &self.cat.fiches[f];
        FicheGuess {
            code: fi.code.clone(),
            label: fi.label.clone(),
            score,
        }
    }

    /// Reads an offer (or any text: leave `title` empty). With `rome_hint` (a valid ROME
    /// code) the fiche is taken as given.
    pub fn extract(&self, title: &str, description: &str, rome_hint: Option<&str>) -> Extraction {
        let text = format!("{title}\n{description}");
        let cat = &*self.cat;
        let Tokenized {
            folded,
            tokens,
            words,
            stops,
            variant_starts,
        } = cat.vocab.tokenize(&cat.norm, &text);
        let empty = |note| Extraction {
            rome: None,
            appellation: None,
            runner_ups: Vec::new(),
            skills: Vec::new(),
            note: Some(note),
        };
        if tokens.is_empty() {
            return empty("aucun mot porteur de sens");
        }
        if words >= MIN_WORDS_LANG && (stops as f32) < MIN_FRENCH_STOP_SHARE * words as f32 {
            return empty("texte non reconnu comme du français");
        }
        let title_stems: Vec<u32> = tokens
            .iter()
            .take_while(|t| (t.start as usize) < title.len())
            .map(|t| t.stem)
            .collect();
        let named = self.names.named(title, &folded, &tokens);
        let ranked = self.rank(
            &features(&cat.vocab, &tokens, title.len()),
            &title_stems,
            named,
        );
        let hinted = rome_hint
            .and_then(|c| cat.fiche_index.get(c))
            .map(|&f| f as usize);
        let (fiche, confidence) = match hinted {
            Some(f) => (f, 1.0),
            None => (ranked[0].class, ranked[0].score),
        };
        let runner_ups: Vec<FicheGuess> = ranked
            .iter()
            .filter(|r| r.class != fiche)
            .take(2)
            .map(|r| self.guess(r.class, r.score))
            .collect();
        let appellation = self.appellation(fiche, &title_stems);
        let fi = &cat.fiches[fiche];
        let near: Vec<&FicheInfo> = ranked
            .iter()
            .map(|r| r.class)
            .filter(|&c| c != fiche)
            .take(2)
            .chain(fi.mobility.iter().take(6).map(|&m| m as usize))
            .map(|c| &cat.fiches[c])
            .collect();
        // Context of every skill, as one array read many times below: 2 for the fiche's
        // items, 1 for its neighbours' items, 0 elsewhere.
        let level = ContextLevels::new(cat.skills.len(), fi, &near);
        let context = |skill: u32| -> f32 { [0.4, 0.7, 1.0][level.get(skill) as usize] };
        let mut skills: Vec<SkillHit> = Vec::with_capacity(32);
        // Context needed by the assertion rules below: a full match of one common word needs
        // the fiche's neighbourhood, a partial match the fiche itself.
        let in_context = |skill: u32, full: bool| context(skill) >= if full { 0.7 } else { 1.0 };
        // Labels are matched on the words outside the sections about the employer, so that
        // the same words in the missions are found there.
        let employer = EmployerZones::of(&folded);
        let read: Cow<[Token]> = if employer.ranges().is_empty() {
            Cow::Borrowed(&tokens)
        } else {
            let outside = |t: &&Token| !employer.holds([t.start as usize, t.end as usize]);
            Cow::Owned(tokens.iter().filter(outside).copied().collect())
        };
        let matches = self.labels.find(&read, in_context);
        let starts = (self.variants.marked_in(&cat.vocab)).then_some(&variant_starts[..]);
        let variants = self.variants.find_all(&folded, starts);
        // Categories listed after "CACES", under the variants' exclusions as their own hits.
        let listed = (self.lists.find(&folded, starts).into_iter())
            .filter(|&(skill, span)| !variants.excludes(skill, span));
        // A name alone ("Python") asserts, among the labels it anchors, only those it explains
        // best: not "Programmation en Python pour analyses climatiques" when "Programmation
        // en Python" covers more of itself.
        let best_of_anchor = |m: &Match| {
            !matches
                .iter()
                .any(|o| !o.reduced && o.anchor == m.anchor && o.coverage > m.coverage)
        };
        // Labels first, then the reduced forms of those not found ([`crate::heads`]).
        let labels = matches.iter().filter(|m| !m.reduced);
        for m in labels.chain(matches.iter().filter(|m| m.reduced)) {
            let (cert, phrase_alone) = self.shape[m.skill as usize];
            let ctx = context(m.skill);
            let full = m.coverage >= 0.999;
            let ok = if m.reduced {
                // All of the form, of one of the fiche's items (`find` keeps no other).
                full && (m.phrase || (!m.phrase_only && ctx >= 1.0))
                    && !skills.iter().any(|h| h.skill == m.skill)
            } else if cert {
                full && m.phrase
            } else {
                (full && ((m.phrase && phrase_alone) || ctx >= 0.7))
                    || (m.key_match && best_of_anchor(m))
                    || (m.coverage >= MIN_COVERAGE && m.found >= 2 && ctx >= 1.0)
            };
            if !ok {
                continue;
            }
            // A label whose words occur in an exclusion of its skill ("façonnage routage" for
            // "Routage", "intégrez la Direction des Systèmes…" for "Intégration de systèmes")
            // is not read there: those words are in another sense, and the others alone do not
            // make the label.
            let found = spans(&read, &m.tokens);
            if !found.iter().any(|&s| variants.excludes(m.skill, s)) {
                let form = if m.phrase { 1.0 } else { 0.85 };
                // A reduced form weighs as a partial match of the label.
                let coverage = if m.reduced { MIN_COVERAGE } else { m.coverage };
                let score = form * (0.5 + 0.5 * coverage) * (0.55 + 0.45 * ctx);
                skills.push(self.hit(
                    m.skill,
                    &cat.skills[m.skill as usize],
                    crate::engine::Evidence::Text,
                    score,
                    found,
                    None,
                ));
            }
        }
        // Variants scoped to some trades, where the text is read as one of them.
        let scoped = (self.variants.scoped).find(&folded, starts, fiche as u32, &variants);
        for (skill, span) in variants.hits.iter().copied().chain(scoped).chain(listed) {
            // Nor does a span in a section about the employer ("Qui sommes-nous ?").
            if employer.holds(span) {
                continue;
            }
            match skills.iter_mut().find(|h| h.skill == skill) {
                Some(h) => add_span(&mut h.spans, span),
                None => {
                    let score = 0.55 + 0.45 * context(skill);
                    skills.push(self.hit(
                        skill,
                        &cat.skills[skill as usize],
                        Evidence::Text,
                        score,
                        vec![span],
                        None,
                    ));
                }
            }
        }
        let prior = &self.prior[fiche];
        if prior.labelled >= self.params.occupation_min_offers {
            for &(skill, share) in &prior.shares {
                if share < self.params.occupation_share {
                    break;
                }
                if skills.iter().any(|h| h.skill == skill) {
                    continue;
                }
                let s = &cat.skills[skill as usize];
                skills.push(self.hit(
                    skill,
                    s,
                    Evidence::Occupation,
                    share * confidence,
                    Vec::new(),
                    Some(share),
                ));
            }
        }
        // Codes are unique among the hits: an unstable sort gives the same order.
        skills.sort_unstable_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.code.cmp(&b.code))
        });
        Extraction {
            rome: Some(self.guess(fiche, confidence)),
            appellation,
            runner_ups,
            skills,
            note: None,
        }
    }

    fn hit(
        &self,
        skill: u32,
        s: &Skill,
        evidence: Evidence,
        score: f32,
        spans: Vec<[usize; 2]>,
        share: Option<f32>,
    ) -> SkillHit {
        SkillHit {
            skill,
            code: s.code.clone(),
            label: s.label.clone(),
            kind: s.output_kind(),
            evidence,
            score: (score * 1000.0).round() / 1000.0,
            spans,
            share,
        }
    }

    /// The fiche's appellation sharing the most (IDF-weighted) title stems, if any.
    fn appellation(&self, fiche: usize, title: &[u32]) -> Option<AppellationGuess> {
        let idf = |s: u32| self.labels.idf_of(s).max(1.0);
        let mut best: Option<(f32, &crate::catalog::Appellation)> = None;
        for a in &self.cat.fiches[fiche].appellations {
            let hit: f32 =
                a.2.iter()
                    .filter(|s| title.contains(s))
                    .map(|&s| idf(s))
                    .sum();
            let all: f32 = a.2.iter().map(|&s| idf(s)).sum::<f32>().max(1e-3);
            let score = hit / all + hit / 100.0;
            if hit > 0.0 && best.is_none_or(|(b, _)| score > b) {
                best = Some((score, a));
            }
        }
        best.map(|(_, a)| AppellationGuess {
            code: a.0.clone(),
            label: a.1.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fiche(items: &[u32]) -> FicheInfo {
        FicheInfo {
            code: String::new(),
            label: String::new(),
            items: items.iter().map(|&s| (s, true)).collect(),
            mobility: Vec::new(),
            appellations: Vec::new(),
            text_stems: Vec::new(),
        }
    }

    #[test]
    fn context_levels_are_those_of_the_current_extraction_across_stamp_wraps() {
        // More extractions than stamps, each with other items: a level written by an earlier
        // extraction (or before the array was cleared) must read as 0.
        // Skill 10 is the first extraction's only: its stamp comes round again after the wrap.
        for k in 0..(1u32 << 14) + 40 {
            let mut items = vec![k % 10];
            if k == 0 {
                items.push(10);
            }
            let (own, near) = (fiche(&items), fiche(&[(k + 1) % 10, (k + 2) % 10]));
            let levels = ContextLevels::new(11, &own, &[&near]);
            let got: Vec<u8> = (0..11).map(|s| levels.get(s)).collect();
            let want: Vec<u8> = (0..11)
                .map(|s| match (s, (s + 10 - k % 10) % 10) {
                    (10, _) => 2 * (k == 0) as u8,
                    (_, 0) => 2,
                    (_, 1 | 2) => 1,
                    _ => 0,
                })
                .collect();
            assert_eq!(got, want, "extraction {k}");
        }
    }

    /// Spans stay in text order and disjoint: one that overlaps others absorbs them.
    #[test]
    fn added_spans_merge_with_those_they_overlap() {
        let mut spans = vec![[0, 5], [8, 10], [20, 25]];
        add_span(&mut spans, [12, 14]);
        assert_eq!(spans, [[0, 5], [8, 10], [12, 14], [20, 25]]);
        add_span(&mut spans, [4, 9]);
        assert_eq!(spans, [[0, 10], [12, 14], [20, 25]]);
        add_span(&mut spans, [20, 25]);
        add_span(&mut spans, [14, 16]);
        assert_eq!(spans, [[0, 10], [12, 14], [14, 16], [20, 25]]);
        add_span(&mut spans, [13, 30]);
        assert_eq!(spans, [[0, 10], [12, 30]]);
    }
}
