//! Validation of Tremplin's own tension computation against the published DARES quintiles.

use crate::stats::{spearman, Quintiles};
use crate::tension::TensionTable;
use serde::Serialize;

/// Agreement between Tremplin's quintile of the offers / jobseekers ratio and the published
/// `ind_tension_d`, over the cells where both exist.
#[derive(Debug, Clone, Serialize)]
pub struct Validation {
    pub scope: String,
    pub cells: usize,
    /// Spearman's rho between Tremplin's ratio and the published quintile.
    pub rho_ratio: f64,
    /// Spearman's rho between Tremplin's quintile and the published quintile.
    pub rho_quintile: f64,
    /// Share of cells where both quintiles are equal.
    pub exact: f64,
    /// Share of cells where they differ by at most one.
    pub within_one: f64,
    /// Exact agreement when Tremplin's cuts reproduce the published class shares instead of
    /// equal fifths (the published classes are not equal fifths of these cells).
    pub exact_matched_shares: f64,
    /// Best exact agreement any non-decreasing mapping of the ratio to classes could reach: an
    /// upper bound for every method that uses only offers and jobseekers.
    pub exact_upper_bound: f64,
    /// Published class shares (1..5).
    pub published_shares: [f64; 5],
    /// confusion[tremplin - 1][published - 1].
    pub confusion: [[usize; 5]; 5],
}

/// Validates the cells of `table` whose bassin code passes `keep` (e.g. `|b| b.starts_with("44")`).
pub fn validate(
    table: &TensionTable,
    scope: &str,
    keep: impl Fn(&str) -> bool,
) -> Option<Validation> {
    let pairs: Vec<(f64, u8)> = table
        .cells
        .iter()
        .filter(|c| keep(&c.bassin))
        .filter_map(|c| Some((c.ratio()?, c.published.tension? as u8)))
        .collect();
    if pairs.len() < 5 {
        return None;
    }
    let cuts = table.cuts?;
    let ours: Vec<u8> = pairs.iter().map(|p| cuts.class_of(p.0)).collect();
    let n = pairs.len() as f64;
    let published: Vec<f64> = pairs.iter().map(|p| f64::from(p.1)).collect();
    let mut confusion = [[0usize; 5]; 5];
    for (o, p) in ours.iter().zip(&pairs) {
        confusion[*o as usize - 1][p.1 as usize - 1] += 1;
    }
    let agree = |d: i32| {
        ours.iter()
            .zip(&pairs)
            .filter(|(o, p)| (**o as i32 - p.1 as i32).abs() <= d)
            .count() as f64
            / n
    };
    let mut shares = [0.0; 5];
    for p in &pairs {
        shares[p.1 as usize - 1] += 1.0 / n;
    }
    let cumulative = [
        shares[0],
        shares[0] + shares[1],
        shares[0] + shares[1] + shares[2],
        1.0 - shares[4],
    ];
    let mut all: Vec<f64> = table
        .cells
        .iter()
        .filter(|c| keep(&c.bassin))
        .filter_map(|c| c.ratio())
        .collect();
    let matched = Quintiles::from_shares(&mut all, cumulative)?;
    let exact_matched_shares = pairs
        .iter()
        .filter(|p| matched.class_of(p.0) == p.1)
        .count() as f64
        / n;
    Some(Validation {
        scope: scope.to_string(),
        cells: pairs.len(),
        rho_ratio: spearman(&pairs.iter().map(|p| p.0).collect::<Vec<_>>(), &published)?,
        rho_quintile: spearman(
            &ours.iter().map(|&q| f64::from(q)).collect::<Vec<_>>(),
            &published,
        )?,
        exact: agree(0),
        within_one: agree(1),
        exact_matched_shares,
        exact_upper_bound: monotone_bound(&pairs) as f64 / n,
        published_shares: shares,
        confusion,
    })
}

/// Most cells a non-decreasing step function of the ratio can classify exactly (dynamic
/// programming over cells sorted by ratio; ties kept together by sorting on the class too).
fn monotone_bound(pairs: &[(f64, u8)]) -> usize {
    let mut v = pairs.to_vec();
    v.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut best = [0usize; 6];
    for (_, class) in v {
        for k in 1..=5 {
            let hit = usize::from(class as usize == k);
            best[k] = (best[k] + hit).max(best[k - 1]);
        }
    }
    best[5]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::Indicators;
    use crate::tension::Cell;

    #[test]
    fn perfect_agreement_when_published_is_the_ratio_quintile() {
        let cells: Vec<Cell> = (1..=10u32)
            .map(|i| Cell {
                rome: format!("A{i:04}"),
                bassin: "4401".into(),
                offers: f64::from(i),
                jobseekers: 10.0,
                published: Indicators {
                    tension: Some(f64::from(i.div_ceil(2))),
                    ..Default::default()
                },
            })
            .collect();
        let t = TensionTable::new("2021", cells);
        let v = validate(&t, "test", |_| true).unwrap();
        assert_eq!(v.cells, 10);
        assert!((v.rho_quintile - 1.0).abs() < 1e-9);
        assert!(
            v.rho_ratio > 0.9 && v.rho_ratio < 1.0,
            "ties in the published classes"
        );
        assert_eq!(v.exact, 1.0);
        assert_eq!(v.exact_matched_shares, 1.0);
        assert_eq!(v.confusion[4][4], 2);
        assert_eq!(v.exact_upper_bound, 1.0);
        // 1,3,2 in ratio order: a monotone map gets at most two right.
        assert_eq!(monotone_bound(&[(0.1, 1), (0.2, 3), (0.3, 2)]), 2);
        assert!(validate(&t, "none", |b| b == "9999").is_none());
    }
}
