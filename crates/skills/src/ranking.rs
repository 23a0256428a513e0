//! Ranking of fiches for a text: the logistic model of the fiches seen in offers, blended with
//! the naive Bayes over all fiches and with the fiches of training offers of the same title;
//! texts outside the offers' domain are left to the referential's naive Bayes.

use crate::engine::Engine;
use crate::occupation::Ranked;

/// When none of the referential model's best fiches was seen in offers, the text is outside
/// the offers' domain and the referential model decides.
const OUTSIDE_TOP: usize = 10;
/// ...provided its best fiche stands out: at least this many times the second's score.
const OUTSIDE_MARGIN: f32 = 2.0;
/// ...and the logistic model is not itself sure (its best probability below this).
const LINEAR_SURE: f32 = 0.8;
/// Weight of the logistic model against the naive Bayes.
const LINEAR_BLEND: f32 = 0.85;
/// Weight of the fiches of training offers with the same title (scaled by n / (n + 1)).
const TITLE_BLEND: f32 = 0.5;

/// Mixes `(1 - w) · current + w · other` over the union of classes.
fn blend(r: &mut Vec<Ranked>, w: f32, other: impl Iterator<Item = (u32, f32)>) {
    for x in r.iter_mut() {
        x.score *= 1.0 - w;
    }
    for (c, p) in other {
        match r.iter_mut().find(|x| x.class == c as usize) {
            Some(x) => x.score += w * p,
            None => r.push(Ranked {
                class: c as usize,
                score: w * p,
            }),
        }
    }
}

/// Key of a title: its sequence of content stems.
pub fn title_key(stems: &[u32]) -> u64 {
    stems.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &s| {
        (h ^ s as u64).wrapping_mul(0x100_0000_01b3)
    })
}

impl Engine {
    /// The three best fiches: the logistic model of the fiches seen in offers blended with
    /// the naive Bayes over all fiches, then with the fiches of training offers with the same
    /// title.
    pub(crate) fn rank(&self, feats: &[u32], title: &[u32]) -> Vec<Ranked> {
        // The logistic model only knows the fiches seen in offers: when the naive Bayes over the
        // referential alone (uniform prior) names none of them among its best fiches, the text
        // is outside that domain and the referential decides (confidence renormalised over its
        // best fiches).
        let p = self.linear.probabilities(feats);
        let sure = p.iter().cloned().fold(0.0, f32::max) >= LINEAR_SURE;
        if !self.linear.classes.is_empty() && !sure {
            let mut referential = self.rome_nb.rank(feats, OUTSIDE_TOP);
            let known = |r: &Ranked| self.linear.classes.contains(&(r.class as u32));
            let clear = referential.len() > 1
                && referential[0].score >= OUTSIDE_MARGIN * referential[1].score;
            if clear && !referential.iter().any(known) {
                let total: f32 = referential.iter().map(|r| r.score).sum::<f32>().max(1e-9);
                referential.truncate(3);
                for r in &mut referential {
                    r.score /= total;
                }
                return referential;
            }
        }
        // A sure logistic model (best ≥ 0.8, weighted 0.85) cannot be overturned by the naive
        // Bayes (weighted 0.15): skip it.
        let mut r = if sure {
            Vec::new()
        } else {
            self.nb.rank(feats, 8)
        };
        if !self.linear.classes.is_empty() {
            blend(
                &mut r,
                if sure { 1.0 } else { LINEAR_BLEND },
                p.into_iter()
                    .enumerate()
                    .map(|(i, p)| (self.linear.classes[i], p)),
            );
        }
        if let Some(seen) = self.titles.get(&title_key(title)) {
            let n: f32 = seen.iter().map(|x| x.1 as f32).sum();
            let w = TITLE_BLEND * n / (n + 1.0);
            blend(&mut r, w, seen.iter().map(|&(c, k)| (c, k as f32 / n)));
        }
        r.sort_by(|a, b| b.score.total_cmp(&a.score));
        r.truncate(3);
        r
    }
}
