//! Multinomial logistic regression over binary TF-IDF features (L2-normalised), trained by
//! stochastic gradient descent with a fixed seed: the discriminative occupation model of the
//! fiches seen in labelled offers.

use crate::norm::FxMap;

#[derive(Debug, Clone, Copy)]
pub struct LinearParams {
    pub epochs: usize,
    pub rate: f32,
    /// L2 decay applied per update to the touched weights.
    pub l2: f32,
    pub title_weight: f32,
}

impl Default for LinearParams {
    fn default() -> Self {
        LinearParams {
            epochs: 30,
            rate: 2.0,
            l2: 1e-5,
            title_weight: 3.0,
        }
    }
}

/// Class of the referential's pseudo-documents of fiches never seen in offers: "outside the
/// offers' domain".
pub const OUTSIDE: u32 = u32::MAX;

/// Weights per feature: dense over the model's classes.
#[derive(Debug, Clone, Default)]
pub struct Linear {
    /// Fiche index of each class of the model.
    pub classes: Vec<u32>,
    pub idf: FxMap<u32, f32>,
    pub weights: FxMap<u32, Vec<f32>>,
    pub bias: Vec<f32>,
    pub title_weight: f32,
}

impl Linear {
    /// The model in the form read per text: one lookup per feature, weights in one block
    /// (rows of [`LANES`] weights when the classes fit, so a text's scores stay in registers).
    pub fn scorer(&self) -> Scorer {
        let k = self.classes.len();
        let stride = if k <= LANES { LANES } else { k };
        let (mut index, mut matrix) = (FxMap::default(), Vec::new());
        for (&f, &idf) in &self.idf {
            let row = match self.weights.get(&f) {
                Some(w) => {
                    let row = (matrix.len() / stride.max(1)) as u32;
                    matrix.extend_from_slice(w);
                    matrix.resize(matrix.len() + stride - k, 0.0);
                    row
                }
                None => NO_ROW,
            };
            index.insert(f, (input_weight(f, idf, self.title_weight), row));
        }
        Scorer {
            classes: self.classes.clone(),
            index,
            matrix,
            stride,
            bias: self.bias.clone(),
        }
    }

    /// Trains on (fiche, distinct features) examples.
    pub fn train(examples: &[(u32, Vec<u32>)], p: LinearParams) -> Linear {
        let mut classes: Vec<u32> = examples.iter().map(|e| e.0).collect();
        classes.sort_unstable();
        classes.dedup();
        let class_of: FxMap<u32, usize> =
            classes.iter().enumerate().map(|(i, &c)| (c, i)).collect();
        let idf = idf(&examples.iter().map(|e| &e.1[..]).collect::<Vec<_>>());
        let k = classes.len();
        let mut m = Linear {
            classes,
            idf,
            weights: FxMap::default(),
            bias: vec![0.0; k],
            title_weight: p.title_weight,
        };
        let xs: Vec<(usize, Vec<(u32, f32)>)> = examples
            .iter()
            .map(|(c, f)| (class_of[c], input(f, &m.idf, p.title_weight)))
            .collect();
        let mut order: Vec<usize> = (0..xs.len()).collect();
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut z = vec![0f32; k];
        for epoch in 0..p.epochs {
            for i in (1..order.len()).rev() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                order.swap(i, (seed % (i as u64 + 1)) as usize);
            }
            let rate = p.rate / (1.0 + epoch as f32);
            for &i in &order {
                let (y, x) = &xs[i];
                z.copy_from_slice(&m.bias);
                for &(f, v) in x {
                    if let Some(w) = m.weights.get(&f) {
                        for (zc, wc) in z.iter_mut().zip(w) {
                            *zc += v * wc;
                        }
                    }
                }
                softmax(&mut z);
                z[*y] -= 1.0;
                for (b, g) in m.bias.iter_mut().zip(&z) {
                    *b -= rate * g;
                }
                for &(f, v) in x {
                    let w = m.weights.entry(f).or_insert_with(|| vec![0.0; k]);
                    for (wc, g) in w.iter_mut().zip(&z) {
                        *wc -= rate * (g * v + p.l2 * *wc);
                    }
                }
            }
        }
        m
    }
}

/// Document frequencies → IDF, over the distinct features of each example.
pub fn idf(docs: &[&[u32]]) -> FxMap<u32, f32> {
    let mut df: FxMap<u32, u32> = FxMap::default();
    for d in docs {
        for &f in d.iter() {
            *df.entry(f).or_default() += 1;
        }
    }
    let n = docs.len() as f32 + 1.0;
    df.into_iter()
        .map(|(f, d)| (f, (n / d as f32).ln()))
        .collect()
}

/// A [`Linear`] model ready for scoring (see [`Linear::scorer`]).
pub struct Scorer {
    /// Fiche index of each class of the model.
    pub classes: Vec<u32>,
    /// Feature → (input weight before normalisation, row of `matrix` or [`NO_ROW`]).
    index: FxMap<u32, (f32, u32)>,
    /// Weights, one row per feature: the classes' weights, then zeros up to `stride`.
    matrix: Vec<f32>,
    stride: usize,
    bias: Vec<f32>,
}

/// Row of a feature that has an IDF but no weight.
const NO_ROW: u32 = u32::MAX;

/// Classes scored in a fixed-size block (the ~50 fiches of the labelled offers and *outside*
/// fit): the block's sums are kept in vector registers across a text's features.
pub const LANES: usize = 52;

thread_local! {
    /// Per-thread input vector of [`Scorer::probabilities`].
    static INPUT: std::cell::RefCell<Vec<(f32, u32)>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Scorer {
    /// Class probabilities (per model class) of a text's distinct features.
    pub fn probabilities(&self, features: &[u32]) -> Vec<f32> {
        let mut z = INPUT.with(|x| {
            let x = &mut *x.borrow_mut();
            x.clear();
            x.extend(features.iter().filter_map(|f| self.index.get(f).copied()));
            let n = x.iter().map(|v| v.0 * v.0).sum::<f32>().sqrt().max(1e-6);
            let rows = x
                .iter()
                .filter(|v| v.1 != NO_ROW)
                .map(|&(w, row)| (w / n, row as usize * self.stride));
            if self.stride == LANES {
                sums::<LANES>(&self.bias, &self.matrix, rows)
            } else {
                sums_any(&self.bias, &self.matrix, rows)
            }
        });
        softmax(&mut z);
        z
    }
}

/// `bias + Σ v · row` over `(v, row start)`, the sums held in a fixed-size block. Each class's
/// sum takes its terms in the same order as [`sums_any`]: the results are the same bits.
fn sums<const K: usize>(
    bias: &[f32],
    matrix: &[f32],
    rows: impl Iterator<Item = (f32, usize)>,
) -> Vec<f32> {
    let mut z = [0f32; K];
    z[..bias.len()].copy_from_slice(bias);
    for (v, at) in rows {
        for (zc, wc) in z.iter_mut().zip(&matrix[at..at + K]) {
            *zc += v * wc;
        }
    }
    z[..bias.len()].to_vec()
}

/// [`sums`] for any number of classes.
fn sums_any(bias: &[f32], matrix: &[f32], rows: impl Iterator<Item = (f32, usize)>) -> Vec<f32> {
    let k = bias.len();
    let mut z = bias.to_vec();
    for (v, at) in rows {
        for (zc, wc) in z.iter_mut().zip(&matrix[at..at + k]) {
            *zc += v * wc;
        }
    }
    z
}

/// Weight of a feature in the input vector before normalisation: its IDF, times
/// `title_weight` for a title feature (odd id).
fn input_weight(f: u32, idf: f32, title_weight: f32) -> f32 {
    if f & 1 == 1 {
        idf * title_weight
    } else {
        idf
    }
}

fn input(features: &[u32], idf: &FxMap<u32, f32>, title_weight: f32) -> Vec<(u32, f32)> {
    let mut v: Vec<(u32, f32)> = features
        .iter()
        .filter_map(|&f| idf.get(&f).map(|&w| (f, input_weight(f, w, title_weight))))
        .collect();
    let n = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-6);
    for x in &mut v {
        x.1 /= n;
    }
    v
}

fn softmax(z: &mut [f32]) {
    let max = z.iter().cloned().fold(f32::MIN, f32::max);
    let mut sum = 0.0;
    for v in z.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    for v in z.iter_mut() {
        *v /= sum;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fixed_block_sums_are_the_same_bits_as_the_loop() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut rnd = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 40) as f32 / (1u64 << 24) as f32 * 2.0 - 1.0
        };
        for k in [1, 7, 50, LANES] {
            let bias: Vec<f32> = (0..k).map(|_| rnd()).collect();
            let (rows, mut padded, mut tight) = (300, Vec::new(), Vec::new());
            for _ in 0..rows {
                let w: Vec<f32> = (0..k).map(|_| rnd() * 3.0).collect();
                tight.extend_from_slice(&w);
                padded.extend_from_slice(&w);
                padded.resize(padded.len() + LANES - k, 0.0);
            }
            let picks: Vec<(f32, usize)> = (0..200).map(|i| (rnd(), (i * 7919) % rows)).collect();
            let fixed = sums::<LANES>(&bias, &padded, picks.iter().map(|&(v, r)| (v, r * LANES)));
            let loop_ = sums_any(&bias, &tight, picks.iter().map(|&(v, r)| (v, r * k)));
            let bits = |z: &[f32]| z.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&fixed), bits(&loop_), "{k} classes");
        }
    }

    #[test]
    fn learns_separable_classes() {
        let ex = vec![
            (7, vec![2, 4]),
            (7, vec![2, 6]),
            (9, vec![8, 10]),
            (9, vec![8, 12]),
        ];
        let m = Linear::train(&ex, LinearParams::default());
        let p = m.scorer().probabilities(&[8, 14]);
        assert_eq!(
            m.classes[p
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.total_cmp(b.1))
                .unwrap()
                .0],
            9
        );
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-4);
    }
}
