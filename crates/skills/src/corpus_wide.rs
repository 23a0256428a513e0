//! Precision of the text evidence over a whole corpus, estimated from a judged sample
//! (`data/skills/annotation/corpus_wide_judged_session11.json`, drawn by `corpus_wide.py`; the
//! design is in `data/skills/ANNOTATION.md`, "Corpus-wide judging"). An assertion is a
//! text-evidence skill of an offer, keyed with its first quote. The sample holds two
//! occurrences of each of the most frequent (skill, quote) pairs (*head*) and random
//! assertions among the others (*tail*); the estimate weights each head pair by its count in
//! the extractions scored, and the tail by its share of them. Judged items that the scored
//! extractions no longer assert are left out (and counted).

use crate::engine::{Evidence, Extraction};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// One judged extraction of the sample.
#[derive(Debug, Clone, Deserialize)]
pub struct SampledVerdict {
    /// "head" or "tail".
    pub part: String,
    pub code: String,
    pub offer: String,
    /// The passage in its context, the quote between ⟦ and ⟧.
    pub context: String,
    /// "supported", "not" or "borderline".
    pub verdict: String,
}

/// The judged sample file.
#[derive(Debug, Clone, Deserialize)]
pub struct Sample {
    pub items: Vec<SampledVerdict>,
}

/// Estimated precision, borderline verdicts counted as not supported, as half, as supported.
#[derive(Debug, Clone, Default)]
pub struct Estimate {
    pub head: [f64; 3],
    pub tail: [f64; 3],
    pub all: [f64; 3],
    /// Judged items still asserted by the scored extractions, and those no longer asserted.
    pub kept: usize,
    pub dropped: usize,
}

/// A quote as a key: folded, spaces collapsed.
fn key(quote: &str) -> String {
    tremplin_domain::text::fold(quote)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The value of a verdict when borderline ones count `borderline`.
fn value(verdict: &str, borderline: f64) -> f64 {
    match verdict {
        "supported" => 1.0,
        "borderline" => borderline,
        _ => 0.0,
    }
}

/// Estimates the precision of the text evidence of `extractions` (offer id, its text
/// `intitule + "\n" + description`, its extraction) from the judged `sample`.
pub fn estimate(sample: &[SampledVerdict], extractions: &[(&str, &str, &Extraction)]) -> Estimate {
    let mut count: HashMap<(String, String), usize> = HashMap::new();
    let mut asserted: HashSet<(&str, &str)> = HashSet::new();
    for &(id, text, ex) in extractions {
        for s in ex.with_evidence(Evidence::Text) {
            let quote = s.spans.first().and_then(|&[a, b]| text.get(a..b));
            *count
                .entry((s.code.clone(), key(quote.unwrap_or_default())))
                .or_default() += 1;
            asserted.insert((id, s.code.as_str()));
        }
    }
    let total: usize = count.values().sum();
    let mut head: HashMap<(String, String), Vec<&str>> = HashMap::new();
    let mut tail: Vec<&str> = Vec::new();
    let mut e = Estimate::default();
    for item in sample {
        if !asserted.contains(&(item.offer.as_str(), item.code.as_str())) {
            e.dropped += 1;
            continue;
        }
        e.kept += 1;
        let quote = item
            .context
            .split_once('⟦')
            .and_then(|(_, rest)| rest.split_once('⟧'))
            .map_or("", |(q, _)| q);
        match item.part.as_str() {
            "head" => head
                .entry((item.code.clone(), key(quote)))
                .or_default()
                .push(&item.verdict),
            _ => tail.push(&item.verdict),
        }
    }
    let in_head: usize = head
        .keys()
        .map(|k| count.get(k).copied().unwrap_or(0))
        .sum();
    for (i, borderline) in [0.0, 0.5, 1.0].into_iter().enumerate() {
        let mean = |vs: &[&str]| {
            vs.iter().map(|v| value(v, borderline)).sum::<f64>() / vs.len().max(1) as f64
        };
        let weighted: f64 = head
            .iter()
            .map(|(k, vs)| mean(vs) * count.get(k).copied().unwrap_or(0) as f64)
            .sum();
        e.head[i] = weighted / in_head.max(1) as f64;
        e.tail[i] = mean(&tail);
        e.all[i] =
            (weighted + e.tail[i] * total.saturating_sub(in_head) as f64) / total.max(1) as f64;
    }
    e
}
