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

thread_local! {
    /// One bit per stem feature, and one bit per word of those bits that is not zero; all
    /// clear between calls of [`features`].
    static SEEN: std::cell::RefCell<(Vec<u64>, Vec<u64>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

/// Distinct features of a tokenised offer whose title ends at byte `title_end`, in increasing
/// order: the stem features, then the title's word pairs ([`BIGRAM_BIT`]).
pub fn features(vocab: &Vocab, tokens: &[Token], title_end: usize) -> Vec<u32> {
    let in_title = tokens
        .iter()
        .take_while(|t| (t.start as usize) < title_end)
        .count();
    // Room for the title's word pairs too: no reallocation.
    let mut f = Vec::with_capacity(tokens.len() + in_title);
    // Stem features are set in a two-level bit set and read back in order: distinct and
    // sorted without sorting them.
    SEEN.with(|seen| {
        let (bits, words) = &mut *seen.borrow_mut();
        let n = (vocab.stems.len() * 2).div_ceil(64) + 1;
        if bits.len() < n {
            bits.resize(n, 0);
            words.resize(n.div_ceil(64), 0);
        }
        for t in tokens.iter().filter(|t| t.stem != UNKNOWN) {
            let x = feature(t.stem, (t.start as usize) < title_end) as usize;
            bits[x / 64] |= 1 << (x % 64);
            words[x / 4096] |= 1 << (x / 64 % 64);
        }
        for (i, summary) in words.iter_mut().enumerate() {
            let mut w = std::mem::take(summary);
            while w != 0 {
                let k = i * 64 + w.trailing_zeros() as usize;
                let mut b = std::mem::take(&mut bits[k]);
                while b != 0 {
                    f.push((k * 64) as u32 + b.trailing_zeros());
                    b &= b - 1;
                }
                w &= w - 1;
            }
        }
    });
    let pairs = f.len();
    for w in tokens.windows(2) {
        if (w[1].start as usize) < title_end && w[0].stem != UNKNOWN && w[1].stem != UNKNOWN {
            f.push(bigram(
                &vocab.stems[w[0].stem as usize],
                &vocab.stems[w[1].stem as usize],
            ));
        }
    }
    f[pairs..].sort_unstable();
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

    /// The bit set gives what sorting and deduplicating the features gives, call after call
    /// (it is left clear), whatever the stems' spread over the vocabulary.
    #[test]
    fn features_are_distinct_and_sorted_like_a_sort_would_make_them() {
        let mut vocab = Vocab::default();
        for i in 0..9000 {
            vocab.intern_stem(&format!("s{i}"));
        }
        let mut seed = 7u64;
        let mut next = move |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) % n
        };
        for round in 0..50 {
            let tokens: Vec<Token> = (0..(round * 7 % 300) as u32)
                .map(|k| Token {
                    stem: match next(20) {
                        0 => UNKNOWN,
                        1..=4 => next(40) as u32,
                        _ => next(9000) as u32,
                    },
                    start: k * 5,
                    end: k * 5 + 4,
                    sentence: 0,
                })
                .collect();
            let title_end = next(200) as usize;
            let mut want: Vec<u32> = tokens
                .iter()
                .filter(|t| t.stem != UNKNOWN)
                .map(|t| feature(t.stem, (t.start as usize) < title_end))
                .collect();
            want.sort_unstable();
            let mut pairs: Vec<u32> = tokens
                .windows(2)
                .filter(|w| (w[1].start as usize) < title_end)
                .filter(|w| w[0].stem != UNKNOWN && w[1].stem != UNKNOWN)
                .map(|w| {
                    bigram(
                        &vocab.stems[w[0].stem as usize],
                        &vocab.stems[w[1].stem as usize],
                    )
                })
                .collect();
            pairs.sort_unstable();
            want.extend(pairs);
            want.dedup();
            assert_eq!(features(&vocab, &tokens, title_end), want, "round {round}");
        }
    }

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
