//! Honest evaluation: k-fold cross-validation over labelled offers (the model of each fold
//! never sees the fold's offers), occupation top-1 / top-3, and micro precision / recall / F1
//! of the output skill codes against the employer-selected codes.

use crate::catalog::Catalog;
use crate::engine::{Engine, Evidence, Extraction};
use crate::matcher::LabelIndex;
use crate::model::{train, TrainingOffer};
use crate::occupation::NbParams;
use crate::variants::Variants;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use tremplin_domain::rome::Rome;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Prf {
    pub fn add(&mut self, want: &HashSet<&str>, got: &HashSet<&str>) {
        self.tp += want.intersection(got).count();
        self.fp += got.difference(want).count();
        self.fn_ += want.difference(got).count();
    }
    pub fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Out-of-fold extractions of every offer: from the text alone, and trusting its ROME code.
pub struct CvOutput {
    pub folds: usize,
    pub text: Vec<Extraction>,
    pub with_rome: Vec<Extraction>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct CvReport {
    pub folds: usize,
    pub offers: usize,
    pub top1: f64,
    pub top3: f64,
    /// All output skills vs employer labels, fiche from the text.
    pub labels_text: Prf,
    /// Same, trusting the offer's ROME code.
    pub labels_rome: Prf,
    /// Text-evidence skills only vs employer labels, fiche from the text.
    pub labels_text_evidence: Prf,
    /// Occupation-evidence skills only vs employer labels, fiche from the text.
    pub labels_occupation_evidence: Prf,
    /// Ceiling left by the text evidence: the employer's own codes plus the text-evidence
    /// skills, as if every other output skill were exactly right.
    pub labels_ceiling: Prf,
}

/// Which fold an offer falls in: a fixed interleaving by position, reproducible.
pub fn fold_of(i: usize, folds: usize) -> usize {
    (i * 7919) % folds
}

/// Extracts every offer with a model trained on the other folds only. The catalog vocabulary
/// must know the offers' words.
pub fn cross_validate(
    cat: Arc<Catalog>,
    labels: Arc<LabelIndex>,
    variants: &Variants,
    offers: &[TrainingOffer],
    folds: usize,
    nb: NbParams,
) -> CvOutput {
    let mut text = vec![None; offers.len()];
    let mut with_rome = vec![None; offers.len()];
    for k in 0..folds {
        let train_set: Vec<&TrainingOffer> = offers
            .iter()
            .enumerate()
            .filter(|(i, _)| fold_of(*i, folds) != k)
            .map(|(_, o)| o)
            .collect();
        let learned = train(&cat, &train_set);
        let engine =
            Engine::from_parts(cat.clone(), labels.clone(), &learned, nb, variants.clone());
        for (i, o) in offers
            .iter()
            .enumerate()
            .filter(|(i, _)| fold_of(*i, folds) == k)
        {
            text[i] = Some(engine.extract(&o.title, &o.description, None));
            with_rome[i] = Some(engine.extract(&o.title, &o.description, Some(&o.rome)));
        }
    }
    CvOutput {
        folds,
        text: text.into_iter().flatten().collect(),
        with_rome: with_rome.into_iter().flatten().collect(),
    }
}

/// Codes of the output skills: all of them, or those of one kind of evidence.
fn codes(ex: &Extraction, evidence: Option<Evidence>) -> HashSet<&str> {
    match evidence {
        Some(e) => ex.with_evidence(e).map(|s| s.code.as_str()).collect(),
        None => ex.skills.iter().map(|s| s.code.as_str()).collect(),
    }
}

/// Occupation accuracy and label figures of out-of-fold extractions.
pub fn report(offers: &[TrainingOffer], cv: &CvOutput) -> CvReport {
    let mut r = CvReport {
        folds: cv.folds,
        offers: offers.len(),
        ..Default::default()
    };
    let (mut ok1, mut ok3) = (0usize, 0usize);
    for ((o, ex), exr) in offers.iter().zip(&cv.text).zip(&cv.with_rome) {
        let mut ranked: Vec<&str> = ex.rome.iter().map(|g| g.code.as_str()).collect();
        ranked.extend(ex.runner_ups.iter().map(|g| g.code.as_str()));
        ok1 += (ranked.first() == Some(&o.rome.as_str())) as usize;
        ok3 += ranked.contains(&o.rome.as_str()) as usize;
        let want: HashSet<&str> = o.skills.iter().map(String::as_str).collect();
        if want.is_empty() {
            continue;
        }
        r.labels_text.add(&want, &codes(ex, None));
        let text = codes(ex, Some(Evidence::Text));
        r.labels_text_evidence.add(&want, &text);
        r.labels_ceiling
            .add(&want, &want.union(&text).copied().collect());
        r.labels_occupation_evidence
            .add(&want, &codes(ex, Some(Evidence::Occupation)));
        r.labels_rome.add(&want, &codes(exr, None));
    }
    r.top1 = ok1 as f64 / offers.len().max(1) as f64;
    r.top3 = ok3 as f64 / offers.len().max(1) as f64;
    r
}

/// One annotated offer: the codes a human found supported by quotes of its text.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldOffer {
    pub id: String,
    #[serde(rename = "romeCode", default)]
    pub rome: String,
    pub skills: Vec<GoldSkill>,
    /// The matcher's rules were tuned by looking at its errors on this offer.
    #[serde(default)]
    pub tuning: bool,
    /// Annotation round (see `data/skills/ANNOTATION.md`).
    #[serde(default = "first_round")]
    pub round: u32,
}

fn first_round() -> u32 {
    1
}

impl GoldOffer {
    /// The offer as first annotated, without the skills added by adjudication.
    pub fn first_pass(&self) -> GoldOffer {
        GoldOffer {
            skills: self
                .skills
                .iter()
                .filter(|s| !s.adjudicated)
                .cloned()
                .collect(),
            ..self.clone()
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldSkill {
    pub code: String,
    pub quote: String,
    /// Added in the adjudication pass (a system prediction re-read and found supported).
    #[serde(default)]
    pub adjudicated: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Grounded {
    pub offers: usize,
    pub precision: f64,
    pub recall: f64,
    /// Share of text-evidence predictions outside the candidate lists (not judged).
    pub unjudged_share: f64,
}

/// Text-evidence precision (over judged codes) and recall (over quotes), scored exactly as
/// `skills_eval.py grounded` does.
pub fn grounded(
    gold: &[GoldOffer],
    candidates: &HashMap<String, Vec<String>>,
    pred: &HashMap<&str, &Extraction>,
) -> Grounded {
    let (mut tp, mut fp, mut hit, mut all, mut unjudged) = (0usize, 0usize, 0usize, 0usize, 0usize);
    let empty = Vec::new();
    for o in gold {
        let want: HashSet<&str> = o.skills.iter().map(|s| s.code.as_str()).collect();
        let got_all: HashSet<&str> = pred
            .get(o.id.as_str())
            .map(|e| codes(e, Some(Evidence::Text)))
            .unwrap_or_default();
        let cands: HashSet<&str> = candidates
            .get(&o.id)
            .unwrap_or(&empty)
            .iter()
            .map(String::as_str)
            .collect();
        let got: HashSet<&str> = got_all.intersection(&cands).copied().collect();
        unjudged += got_all.len() - got.len();
        tp += want.intersection(&got).count();
        fp += got.difference(&want).count();
        let mut by_quote: HashMap<&str, HashSet<&str>> = HashMap::new();
        for s in &o.skills {
            by_quote
                .entry(s.quote.as_str())
                .or_default()
                .insert(s.code.as_str());
        }
        all += by_quote.len();
        hit += by_quote.values().filter(|cs| !cs.is_disjoint(&got)).count();
    }
    Grounded {
        offers: gold.len(),
        precision: tp as f64 / (tp + fp).max(1) as f64,
        recall: hit as f64 / all.max(1) as f64,
        unjudged_share: unjudged as f64 / (unjudged + tp + fp).max(1) as f64,
    }
}

/// A sector text (round 3 of the annotation, `data/skills/annotation/sector_texts.json`): a
/// fictional offer or description of experience written for a fiche the offers lack.
#[derive(Debug, Clone, Deserialize)]
pub struct SectorText {
    pub id: String,
    /// The fiche the writer wrote it for.
    pub fiche: String,
    /// `offre` or `experience`.
    pub kind: String,
    pub intitule: String,
    pub description: String,
}

/// The file of the sector texts.
#[derive(Debug, Clone, Deserialize)]
pub struct SectorTexts {
    pub texts: Vec<SectorText>,
}

/// The engine's reading of the sector texts, each with its extraction.
pub struct SectorReading<'a> {
    pub read: Vec<(&'a SectorText, Extraction)>,
}

impl<'a> SectorReading<'a> {
    pub fn new(engine: &Engine, texts: &'a [SectorText]) -> SectorReading<'a> {
        let read = texts
            .iter()
            .map(|t| (t, engine.extract(&t.intitule, &t.description, None)))
            .collect();
        SectorReading { read }
    }

    /// Texts whose fiche is the one read first.
    pub fn fiche_right(&self) -> usize {
        (self.read.iter())
            .filter(|(t, e)| e.rome.as_ref().is_some_and(|r| r.code == t.fiche))
            .count()
    }

    /// Extractions by text id, as [`grounded`] takes them.
    pub fn predictions(&self) -> HashMap<&str, &Extraction> {
        self.read.iter().map(|(t, e)| (t.id.as_str(), e)).collect()
    }

    /// Whether text `id` is a description of experience.
    pub fn is_experience(&self, id: &str) -> bool {
        self.read
            .iter()
            .any(|(t, _)| t.id == id && t.kind == "experience")
    }
}

/// A text-evidence prediction on a text outside the offers, judged by a reader
/// (`data/skills/annotation/cross_sector_*.json`).
#[derive(Debug, Clone, Deserialize)]
pub struct Verdict {
    /// The text's key (a ROME fiche code for the fiche texts).
    pub fiche: String,
    pub code: String,
    pub supported: bool,
    #[serde(default)]
    pub note: String,
}

/// Precision of the text evidence on judged texts: predictions the verdicts do not cover (made
/// by a later engine) are counted apart, not guessed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Judged {
    pub texts: usize,
    pub supported: usize,
    pub unsupported: usize,
    pub unjudged: usize,
}

impl Judged {
    pub fn precision(&self) -> f64 {
        self.supported as f64 / (self.supported + self.unsupported).max(1) as f64
    }

    pub fn unjudged_share(&self) -> f64 {
        let all = self.supported + self.unsupported + self.unjudged;
        self.unjudged as f64 / all.max(1) as f64
    }
}

/// The text of a ROME fiche as the cross-sector judging read it: its label as the title, its
/// definition and access texts, in the referential's order, one per line, as the body.
pub fn fiche_text<'a>(rome: &'a Rome, code: &str) -> Option<(&'a str, String)> {
    let fiche = rome.fiches.iter().find(|f| f.code == code)?;
    let body: Vec<&str> = rome
        .texts
        .iter()
        .filter(|t| t.rome == code)
        .map(|t| t.text.as_str())
        .collect();
    Some((&fiche.label, body.join("\n")))
}

/// Runs `engine` on the texts of the ROME fiches that `verdicts` judge ([`fiche_text`]) and
/// scores its text evidence; the error names a fiche the referential lacks.
pub fn judge_fiche_texts(
    engine: &Engine,
    rome: &Rome,
    verdicts: &[Verdict],
) -> Result<Judged, String> {
    let mut fiches: Vec<&str> = verdicts.iter().map(|v| v.fiche.as_str()).collect();
    fiches.sort_unstable();
    fiches.dedup();
    let mut extractions = Vec::with_capacity(fiches.len());
    for code in fiches {
        let (title, body) =
            fiche_text(rome, code).ok_or_else(|| format!("fiche ROME inconnue « {code} »"))?;
        extractions.push((code, engine.extract(title, &body, None)));
    }
    let pairs: Vec<(&str, &Extraction)> = extractions.iter().map(|(c, e)| (*c, e)).collect();
    Ok(judged(verdicts, &pairs))
}

/// Scores the text-evidence skills of `extractions` (text key, extraction) against `verdicts`.
pub fn judged(verdicts: &[Verdict], extractions: &[(&str, &Extraction)]) -> Judged {
    let verdict: HashMap<(&str, &str), bool> = verdicts
        .iter()
        .map(|v| ((v.fiche.as_str(), v.code.as_str()), v.supported))
        .collect();
    let mut j = Judged {
        texts: extractions.len(),
        ..Judged::default()
    };
    for (key, ex) in extractions {
        for code in codes(ex, Some(Evidence::Text)) {
            match verdict.get(&(*key, code)) {
                Some(true) => j.supported += 1,
                Some(false) => j.unsupported += 1,
                None => j.unjudged += 1,
            }
        }
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::SkillHit;

    fn hit(code: &str, evidence: Evidence) -> SkillHit {
        SkillHit {
            skill: 0,
            code: code.into(),
            label: String::new(),
            kind: "competence",
            evidence,
            score: 1.0,
            spans: Vec::new(),
            share: None,
        }
    }

    fn gold_skill(code: &str, quote: &str, adjudicated: bool) -> GoldSkill {
        GoldSkill {
            code: code.into(),
            quote: quote.into(),
            adjudicated,
        }
    }

    #[test]
    fn grounded_scores_codes_for_precision_and_quotes_for_recall() {
        // Two near-synonyms on one quote, a second quote, and one adjudicated addition.
        let gold = vec![GoldOffer {
            id: "o1".into(),
            rome: "M1805".into(),
            skills: vec![
                gold_skill("a", "Python", false),
                gold_skill("b", "Python", false),
                gold_skill("c", "rigoureux", false),
                gold_skill("d", "autonome", true),
            ],
            tuning: false,
            round: 1,
        }];
        let candidates = HashMap::from([(
            "o1".to_string(),
            ["a", "b", "c", "d", "e"].map(String::from).to_vec(),
        )]);
        let ex = Extraction {
            rome: None,
            appellation: None,
            runner_ups: Vec::new(),
            // a and d right, e wrong, x out of the candidates, c only as occupation evidence.
            skills: vec![
                hit("a", Evidence::Text),
                hit("d", Evidence::Text),
                hit("e", Evidence::Text),
                hit("x", Evidence::Text),
                hit("c", Evidence::Occupation),
            ],
            note: None,
        };
        let pred = HashMap::from([("o1", &ex)]);
        let g = grounded(&gold, &candidates, &pred);
        assert_eq!((g.precision, g.recall), (2.0 / 3.0, 2.0 / 3.0));
        assert_eq!(g.unjudged_share, 0.25);
        // Without the adjudicated skill, d counts against precision and its quote is gone.
        let first: Vec<GoldOffer> = gold.iter().map(GoldOffer::first_pass).collect();
        let g = grounded(&first, &candidates, &pred);
        assert_eq!((g.precision, g.recall), (1.0 / 3.0, 0.5));
    }

    #[test]
    fn judged_counts_text_evidence_by_verdict_and_leaves_the_rest_unjudged() {
        let verdict = |fiche: &str, code: &str, supported| Verdict {
            fiche: fiche.into(),
            code: code.into(),
            supported,
            note: String::new(),
        };
        let verdicts = vec![
            verdict("A1101", "a", true),
            verdict("A1101", "b", false),
            verdict("B1101", "a", false),
        ];
        let ex = |skills| Extraction {
            rome: None,
            appellation: None,
            runner_ups: Vec::new(),
            skills,
            note: None,
        };
        // a supported here, b not, c never judged, d only occupation evidence (not scored).
        let first = ex(vec![
            hit("a", Evidence::Text),
            hit("b", Evidence::Text),
            hit("c", Evidence::Text),
            hit("d", Evidence::Occupation),
        ]);
        // The same code on another text has that text's verdict.
        let second = ex(vec![hit("a", Evidence::Text)]);
        let j = judged(&verdicts, &[("A1101", &first), ("B1101", &second)]);
        assert_eq!(
            (j.texts, j.supported, j.unsupported, j.unjudged),
            (2, 1, 2, 1)
        );
        assert_eq!((j.precision(), j.unjudged_share()), (1.0 / 3.0, 0.25));
    }
}
