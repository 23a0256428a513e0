//! Ranking of fiches for a text: the logistic model of the fiches seen in offers, which also
//! knows a class "outside" learned from the referential's other fiches; when that class wins
//! (a majority, or ahead of every offer fiche), or when the model is unsure of all its fiches,
//! the referential's naive Bayes names the fiche, if it names one of another professional
//! domain (and, for an unsure model, surely). So does the title, when it names such a fiche
//! through an appellation ([`crate::naming`]) and the model is unsure, or when no training
//! title names that fiche (the model never learned how such titles are labelled) and the
//! model is not sure. The fiches of training offers with the same title are blended in.

use crate::engine::Engine;
use crate::linear::OUTSIDE;
use crate::naming::Named;
use crate::occupation::Ranked;

/// The logistic model's probability of "outside the offers' fiches" from which the text is
/// left to the referential's naive Bayes.
const OUTSIDE_SHARE: f32 = 0.5;
/// Below this probability of its best fiche, the logistic model is unsure of all its fiches.
const SEEN_UNSURE: f32 = 0.3;
/// Least renormalised confidence of the naive Bayes in its fiche, to name it when the logistic
/// model is unsure.
const REFERENTIAL_SURE: f32 = 0.6;
/// Fiches of the referential's naive Bayes over which its confidence is renormalised.
const REFERENTIAL_TOP: usize = 10;
/// Below this probability of its best fiche, a title naming another fiche is believed.
const NAMED_UNSURE: f32 = 0.5;
/// Below this probability of its best fiche, a title naming a fiche that no training title
/// names is believed, whatever its domain: the model never learned how such titles are coded.
const UNTITLED_UNSURE: f32 = 0.7;
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
    /// The three best fiches: the logistic model (or, for a text outside the offers' fiches or
    /// without a learned model, the referential's naive Bayes), then blended with the fiches of
    /// training offers with the same title.
    pub(crate) fn rank(&self, feats: &[u32], title: &[u32], named: Option<Named>) -> Vec<Ranked> {
        let p = self.linear.probabilities(feats);
        let outside = self.linear.classes.iter().position(|&c| c == OUTSIDE);
        let p_outside = outside.map_or(0.0, |o| p[o]);
        let referential = || {
            let mut r = self.rome_nb.rank(feats, REFERENTIAL_TOP);
            let total: f32 = r.iter().map(|r| r.score).sum::<f32>().max(1e-9);
            r.truncate(3);
            for x in &mut r {
                x.score /= total;
            }
            r
        };
        // The best of the offers' fiches, and its probability.
        let (seen_class, seen_best) = p
            .iter()
            .enumerate()
            .filter(|&(i, _)| Some(i) != outside)
            .fold(
                (0usize, 0.0f32),
                |b, (i, &x)| if x > b.1 { (i, x) } else { b },
            );
        let known = |c: usize| self.linear.classes.iter().any(|&x| x as usize == c);
        if self.linear.classes.is_empty() || p_outside >= OUTSIDE_SHARE {
            // A title naming a fiche the model does not know goes first ([`crate::naming`]).
            let mut r = referential();
            let most = named.filter(|n| n.most).map(|n| n.fiche);
            if let Some(class) = most.filter(|&c| !known(c)) {
                // As sure as "outside", or as the naive Bayes if it reads that fiche too.
                let nb = r.iter().find(|x| x.class == class).map_or(0.0, |x| x.score);
                let score = nb.max(p_outside);
                r.retain(|x| x.class != class);
                r.insert(0, Ranked { class, score });
                r.truncate(3);
            }
            return r;
        }
        // "Outside" more likely than any of the offers' fiches (though not a majority), or
        // none of them likely: the naive Bayes names the fiche when it is of another
        // professional domain (`M18` of `M1801`) than the model's best, and, in the second
        // case, when it is sure of it.
        let outside_ahead = p_outside >= seen_best;
        let outside_first = (outside_ahead || seen_best < SEEN_UNSURE)
            .then(referential)
            .and_then(|r| r.into_iter().next())
            .filter(|t| {
                let domain = |c: usize| self.cat.fiches[c].code.get(..3);
                let best = self
                    .linear
                    .classes
                    .get(seen_class)
                    .map(|&x| domain(x as usize));
                best.is_some_and(|b| b != domain(t.class))
                    && (outside_ahead || t.score >= REFERENTIAL_SURE)
            });
        // A title naming a fiche the model does not know (an appellation's words), of another
        // professional domain than the model's best, the model being unsure: that fiche
        // first ("Commis de cuisine" is no "Agent de propreté urbaine"), before the naive
        // Bayes' reading of the whole text. So does a title naming a fiche that no training
        // title names, the model not sure ("Secrétaire administratif(ve)" is no systems
        // administrator).
        let named_first = named
            .filter(|n| {
                let domain = |c: usize| self.cat.fiches[c].code.get(..3);
                let best = self.linear.classes.get(seen_class).map(|&x| x as usize);
                let other_domain = best.is_some_and(|b| domain(b) != domain(n.fiche));
                !known(n.fiche)
                    && ((!self.titled[n.fiche] && seen_best < UNTITLED_UNSURE)
                        || (n.most && seen_best < NAMED_UNSURE && other_domain))
            })
            .map(|n| n.fiche);
        let outside_first = (named_first.map(|class| Ranked {
            class,
            score: 1.0 - seen_best,
        }))
        .or(outside_first);
        let mut r: Vec<Ranked> = p
            .into_iter()
            .enumerate()
            .filter(|&(i, _)| Some(i) != outside)
            .map(|(i, score)| Ranked {
                class: self.linear.classes[i] as usize,
                score,
            })
            .collect();
        if let Some(seen) = self.titles.get(&title_key(title)) {
            let n: f32 = seen.iter().map(|x| x.1 as f32).sum();
            let w = TITLE_BLEND * n / (n + 1.0);
            blend(&mut r, w, seen.iter().map(|&(c, k)| (c, k as f32 / n)));
        }
        match outside_first {
            // The model's best two others stay as runner-ups.
            Some(first) => {
                r.retain(|x| x.class != first.class);
                std::iter::once(first).chain(best(r, 2)).collect()
            }
            None => best(r, 3),
        }
    }
}

/// The `k` best of `r` in decreasing score, ties in their order in `r`: what a stable sort
/// then a truncation give, in one pass over the ~50 classes instead of sorting them all.
fn best(r: Vec<Ranked>, k: usize) -> Vec<Ranked> {
    let mut top: Vec<Ranked> = Vec::with_capacity(k + 1);
    if k == 0 {
        return top;
    }
    for x in r {
        // No better than the k-th kept: out (most classes, once k are kept).
        if top.len() == k && top[k - 1].score.total_cmp(&x.score).is_ge() {
            continue;
        }
        // After every kept one at least as good: a tie keeps its place in `r`.
        let at = top.partition_point(|t| t.score.total_cmp(&x.score).is_ge());
        if at < k {
            top.insert(at, x);
            top.truncate(k);
        }
    }
    top
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass selection keeps what a stable sort then a truncation keep, ties included.
    #[test]
    fn best_is_a_stable_sort_truncated() {
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as u32
        };
        assert!(best(
            vec![Ranked {
                class: 0,
                score: 1.0
            }],
            0
        )
        .is_empty());
        for n in [0, 1, 2, 3, 4, 10, 50] {
            for _ in 0..200 {
                // Few distinct scores, so that ties are frequent.
                let r: Vec<Ranked> = (0..n)
                    .map(|class| Ranked {
                        class,
                        score: (next() % 5) as f32 / 4.0,
                    })
                    .collect();
                let mut want = r.clone();
                want.sort_by(|a, b| b.score.total_cmp(&a.score));
                want.truncate(3);
                assert_eq!(best(r, 3), want);
            }
        }
    }
}
