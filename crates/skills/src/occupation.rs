//! Occupation features (title and body stems kept apart, title word pairs) and the naive Bayes
//! over the referential's pseudo-documents (appellations as titles, fiche texts as bodies) that
//! names the fiche of texts outside the offers' domain.

use crate::norm::{FxMap, Token, Vocab, UNKNOWN};

/// Feature id of a stem seen in the title or in the body.
pub fn feature(stem: u32, title: bool) -> u32 {
    stem * 2 + title as u32
}

/// Feature id of a pair of consecutive title stems: a hash of their text (so it does not
/// depend on the vocabulary's numbering) in the top half of the id space.
pub fn bigram(a: &str, b: &str) -> u32 {
    let h = a
        .bytes()
        .chain([b' '])
        .chain(b.bytes())
        .fold(0xcbf2_9ce4_8422_2325u64, |h, x| {
            (h ^ x as u64).wrapping_mul(0x100_0000_01b3)
        });
    BIGRAM_BIT | ((h >> 32) as u32 & !BIGRAM_BIT) | 1
}

pub const BIGRAM_BIT: u32 = 1 << 31;

/// Distinct features of a tokenised offer whose title ends at byte `title_end`.
pub fn features(vocab: &Vocab, tokens: &[Token], title_end: usize) -> Vec<u32> {
    let in_title = tokens
        .iter()
        .take_while(|t| (t.start as usize) < title_end)
        .count();
    // Room for the title's word pairs too: no reallocation.
    let mut f = Vec::with_capacity(tokens.len() + in_title);
    f.extend(
        tokens
            .iter()
            .filter(|t| t.stem != UNKNOWN)
            .map(|t| feature(t.stem, (t.start as usize) < title_end)),
    );
    for w in tokens.windows(2) {
        if (w[1].start as usize) < title_end && w[0].stem != UNKNOWN && w[1].stem != UNKNOWN {
            f.push(bigram(
                &vocab.stems[w[0].stem as usize],
                &vocab.stems[w[1].stem as usize],
            ));
        }
    }
    f.sort_unstable();
    f.dedup();
    f
}

/// Hyper-parameters, chosen by cross-validation on the labelled offers (see `eval`).
#[derive(Debug, Clone, Copy)]
pub struct NbParams {
    pub alpha: f32,
    /// Weight of a title feature relative to a body feature when scoring.
    pub title_weight: f32,
    /// Pseudo-count of documents added to every fiche's prior.
    pub prior_docs: f32,
    /// Softmax temperature applied to the log-scores for the confidence.
    pub temperature: f32,
}

impl Default for NbParams {
    fn default() -> Self {
        NbParams {
            alpha: 0.1,
            title_weight: 3.0,
            prior_docs: 0.5,
            temperature: 4.0,
        }
    }
}

/// Counts accumulated from training documents.
#[derive(Debug, Clone, Default)]
pub struct NbCounts {
    pub counts: FxMap<(u32, u32), f32>,
    pub class_tokens: Vec<f32>,
    pub class_docs: Vec<f32>,
}

impl NbCounts {
    pub fn new(classes: usize) -> Self {
        NbCounts {
            counts: FxMap::default(),
            class_tokens: vec![0.0; classes],
            class_docs: vec![0.0; classes],
        }
    }

    /// Adds a document of class `class` with distinct `features`, counted `weight` times;
    /// `doc_weight` is its weight in the class prior.
    pub fn add(&mut self, class: usize, features: &[u32], weight: f32, doc_weight: f32) {
        for &f in features {
            *self.counts.entry((f, class as u32)).or_default() += weight;
        }
        self.class_tokens[class] += weight * features.len() as f32;
        self.class_docs[class] += doc_weight;
    }
}

/// A trained classifier, stored sparsely: per feature, the classes where it was seen.
pub struct NbModel {
    postings: FxMap<u32, Vec<(u32, f32)>>,
    /// log prior − log(class tokens + α·features), per class.
    base: Vec<f32>,
    /// log(class tokens + α·features) per class, multiplied by the document weight at scoring.
    norm: Vec<f32>,
    params: NbParams,
}

/// Classes ranked by score, with softmax confidences.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub class: usize,
    pub score: f32,
}

impl NbModel {
    pub fn train(c: &NbCounts, params: NbParams) -> NbModel {
        let n_features = c.counts.len().max(1) as f32;
        let total_docs: f32 =
            c.class_docs.iter().sum::<f32>() + params.prior_docs * c.class_docs.len() as f32;
        let norm: Vec<f32> = c
            .class_tokens
            .iter()
            .map(|&t| (t + params.alpha * n_features).ln())
            .collect();
        let base = c
            .class_docs
            .iter()
            .map(|&d| ((d + params.prior_docs) / total_docs).ln())
            .collect();
        let mut postings: FxMap<u32, Vec<(u32, f32)>> = FxMap::default();
        for (&(f, class), &n) in &c.counts {
            let gain = ((n + params.alpha) / params.alpha).ln();
            postings.entry(f).or_default().push((class, gain));
        }
        NbModel {
            postings,
            base,
            norm,
            params,
        }
    }

    /// The `k` best classes for a document's distinct features, with confidences summing to at
    /// most 1 over all classes.
    pub fn rank(&self, features: &[u32], k: usize) -> Vec<Ranked> {
        let mut scores = vec![0f32; self.base.len()];
        let mut weight = 0f32;
        for &f in features {
            let Some(p) = self.postings.get(&f) else {
                continue;
            };
            let w = if f & 1 == 1 {
                self.params.title_weight
            } else {
                1.0
            };
            weight += w;
            for &(c, g) in p {
                scores[c as usize] += w * g;
            }
        }
        for (i, s) in scores.iter_mut().enumerate() {
            *s += self.base[i] - weight * self.norm[i];
        }
        let t = self.params.temperature;
        let max = scores.iter().cloned().fold(f32::MIN, f32::max);
        let z: f32 = scores.iter().map(|s| ((s - max) / t).exp()).sum();
        let mut idx: Vec<usize> = (0..scores.len()).collect();
        let k = k.min(idx.len());
        if k == 0 {
            return Vec::new();
        }
        idx.select_nth_unstable_by(k - 1, |&a, &b| scores[b].total_cmp(&scores[a]));
        idx.truncate(k);
        idx.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
        idx.into_iter()
            .map(|c| Ranked {
                class: c,
                score: ((scores[c] - max) / t).exp() / z,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_the_class_that_shares_the_features() {
        let mut c = NbCounts::new(3);
        c.add(0, &[feature(1, true), feature(2, false)], 1.0, 1.0);
        c.add(1, &[feature(3, true), feature(4, false)], 1.0, 1.0);
        c.add(2, &[feature(5, false)], 1.0, 5.0);
        let m = NbModel::train(&c, NbParams::default());
        let r = m.rank(&[feature(3, true), feature(9, false)], 2);
        assert_eq!(r[0].class, 1);
        assert!(r[0].score > r[1].score && r[0].score <= 1.0);
        // Without any known feature the prior decides.
        assert_eq!(m.rank(&[], 1)[0].class, 2);
    }
}
