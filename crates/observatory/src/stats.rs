//! Small statistics: average ranks, Spearman's rho, quintile cuts.

use serde::Serialize;

/// Ranks (1-based) with ties given their average rank.
pub fn ranks(xs: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..xs.len()).collect();
    idx.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
    let mut out = vec![0.0; xs.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && xs[idx[j + 1]] == xs[idx[i]] {
            j += 1;
        }
        let r = (i + j) as f64 / 2.0 + 1.0;
        for &k in &idx[i..=j] {
            out[k] = r;
        }
        i = j + 1;
    }
    out
}

/// Pearson correlation; `None` when a series is constant or the lengths differ.
pub fn pearson(a: &[f64], b: &[f64]) -> Option<f64> {
    if a.len() != b.len() || a.len() < 2 {
        return None;
    }
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let (mut c, mut va, mut vb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        c += (x - ma) * (y - mb);
        va += (x - ma).powi(2);
        vb += (y - mb).powi(2);
    }
    (va > 0.0 && vb > 0.0).then(|| c / (va * vb).sqrt())
}

/// Spearman's rank correlation (Pearson on average ranks).
pub fn spearman(a: &[f64], b: &[f64]) -> Option<f64> {
    pearson(&ranks(a), &ranks(b))
}

/// The four cut points splitting a distribution into five classes of (nearly) equal size.
/// A value `x` is in class `1 + #{cuts < x}`: class 1 holds the lowest fifth.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Quintiles {
    pub cuts: [f64; 4],
}

impl Quintiles {
    /// Cuts at the 20th, 40th, 60th and 80th percentiles (the largest value of each fifth).
    /// `None` for fewer than five finite values.
    pub fn from_values(values: impl IntoIterator<Item = f64>) -> Option<Self> {
        let mut v: Vec<f64> = values.into_iter().filter(|x| x.is_finite()).collect();
        Self::from_shares(&mut v, [0.2, 0.4, 0.6, 0.8])
    }

    /// Cuts at arbitrary cumulative shares (used to match a published class distribution).
    pub fn from_shares(v: &mut [f64], shares: [f64; 4]) -> Option<Self> {
        if v.len() < 5 {
            return None;
        }
        v.sort_by(f64::total_cmp);
        let n = v.len();
        let at = |s: f64| v[((s * n as f64 - 1e-9).ceil() as usize).clamp(1, n) - 1];
        Some(Quintiles {
            cuts: shares.map(at),
        })
    }

    /// The class (1..=5) of a value.
    pub fn class_of(&self, x: f64) -> u8 {
        1 + self.cuts.iter().filter(|&&c| c < x).count() as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_average_ties() {
        assert_eq!(ranks(&[10.0, 20.0, 20.0, 5.0]), vec![2.0, 3.5, 3.5, 1.0]);
    }

    #[test]
    fn spearman_of_monotone_and_reversed_series() {
        let a = [1.0, 2.0, 3.0, 4.0, 5.0];
        let b = [1.0, 4.0, 9.0, 16.0, 25.0];
        assert!((spearman(&a, &b).unwrap() - 1.0).abs() < 1e-12);
        let r: Vec<f64> = b.iter().rev().copied().collect();
        assert!((spearman(&a, &r).unwrap() + 1.0).abs() < 1e-12);
        // Hand-computed: ranks (1,2,3,4,5) vs (2,1,4,3,5): d² = 4, rho = 1 - 6*4/(5*24) = 0.8.
        assert!((spearman(&a, &[2.0, 1.0, 4.0, 3.0, 5.0]).unwrap() - 0.8).abs() < 1e-12);
        assert_eq!(spearman(&a, &[1.0; 5]), None);
    }

    #[test]
    fn quintiles_split_ten_values_two_by_two() {
        let q = Quintiles::from_values((1..=10).map(f64::from)).unwrap();
        assert_eq!(q.cuts, [2.0, 4.0, 6.0, 8.0]);
        let classes: Vec<u8> = (1..=10).map(|x| q.class_of(f64::from(x))).collect();
        assert_eq!(classes, vec![1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
        assert_eq!(q.class_of(100.0), 5);
        assert_eq!(q.class_of(0.0), 1);
        assert!(Quintiles::from_values([1.0, 2.0]).is_none());
    }
}
