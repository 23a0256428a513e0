//! The Bretagne method (seed 001): from the offers / jobseekers ratio, list the occupations in
//! *structural and permanent* tension over 25 quarters (class A) and those calling for
//! *vigilance* because tension appeared during the last two years (class B); rank them by volume
//! of offers.
//!
//! Tremplin's operational rules (a period is "in tension" when its tension quintile is 4 or 5):
//! - class A: over the last `structural` periods (25 quarters), at least 80 % of them observed
//!   and at least 80 % of them in tension (20 of 25 quarters);
//! - class B: not A, and at least 75 % of the last `recent` periods (8 quarters, 2 years) in
//!   tension (6 of 8 quarters);
//! - otherwise no class. On yearly series the windows are 6 years (≈ 25 quarters) and 2 years.

use serde::Serialize;
use std::cmp::Ordering;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum TensionClass {
    A,
    B,
}

impl TensionClass {
    pub fn label_fr(self) -> &'static str {
        match self {
            TensionClass::A => "A – tension structurelle",
            TensionClass::B => "B – vigilance",
        }
    }
}

/// Observation windows of the method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    pub structural: usize,
    pub recent: usize,
    /// "derniers trimestres" / "dernières années".
    pub last_fr: &'static str,
}

pub const QUARTERS: Window = Window {
    structural: 25,
    recent: 8,
    last_fr: "derniers trimestres",
};
pub const YEARS: Window = Window {
    structural: 6,
    recent: 2,
    last_fr: "dernières années",
};

/// Smallest count reaching `share` of `n`.
fn at_least(n: usize, share: f64) -> usize {
    (n as f64 * share - 1e-9).ceil() as usize
}

/// Why a series got its class: the counts the rules looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub class: Option<TensionClass>,
    pub structural_hits: usize,
    pub structural_observed: usize,
    pub recent_hits: usize,
    pub window: Window,
}

impl Decision {
    pub fn explain_fr(&self) -> String {
        let w = self.window;
        format!(
            "en tension {} des {} {} ({} observées), {} des {} {}",
            self.structural_hits,
            w.structural,
            w.last_fr,
            self.structural_observed,
            self.recent_hits,
            w.recent,
            w.last_fr
        )
    }
}

/// Classifies a chronological series of "in tension" flags (`None`: period not observed).
pub fn classify(flags: &[Option<bool>], window: Window) -> Decision {
    let tail = |n: usize| &flags[flags.len().saturating_sub(n)..];
    let structural = tail(window.structural);
    let structural_observed = structural.iter().filter(|f| f.is_some()).count();
    let structural_hits = structural.iter().filter(|f| **f == Some(true)).count();
    let recent_hits = tail(window.recent)
        .iter()
        .filter(|f| **f == Some(true))
        .count();
    let a = structural_observed >= at_least(window.structural, 0.8)
        && structural_hits >= at_least(window.structural, 0.8);
    let b = recent_hits >= at_least(window.recent, 0.75);
    let class = if a {
        Some(TensionClass::A)
    } else if b {
        Some(TensionClass::B)
    } else {
        None
    };
    Decision {
        class,
        structural_hits,
        structural_observed,
        recent_hits,
        window,
    }
}

/// Orders classified items: class A first, then B, each by decreasing volume of offers.
pub fn by_class_then_volume(
    a: (Option<TensionClass>, f64),
    b: (Option<TensionClass>, f64),
) -> Ordering {
    let rank = |c: Option<TensionClass>| c.map(|c| c as u8).unwrap_or(9);
    rank(a.0).cmp(&rank(b.0)).then_with(|| b.1.total_cmp(&a.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(hits: &[bool]) -> Vec<Option<bool>> {
        hits.iter().map(|&h| Some(h)).collect()
    }

    #[test]
    fn class_a_needs_twenty_of_twenty_five_quarters() {
        let mut s = series(&[true; 25]);
        for i in [0, 3, 7, 11, 15] {
            s[i] = Some(false);
        }
        assert_eq!(classify(&s, QUARTERS).class, Some(TensionClass::A));
        s[20] = Some(false); // 19 of 25
        let d = classify(&s, QUARTERS);
        assert_ne!(d.class, Some(TensionClass::A));
        assert_eq!(d.structural_hits, 19);
        // Last 8 quarters: 7 in tension -> vigilance.
        assert_eq!(d.class, Some(TensionClass::B));
    }

    #[test]
    fn class_a_needs_enough_observed_quarters() {
        let mut s: Vec<Option<bool>> = vec![None; 6];
        s.extend(series(&[true; 19]));
        let d = classify(&s, QUARTERS);
        assert_eq!(d.structural_observed, 19);
        assert_eq!(d.class, Some(TensionClass::B));
        // Longer history: only the last 25 quarters count.
        let mut long = series(&[false; 10]);
        long.extend(series(&[true; 25]));
        assert_eq!(classify(&long, QUARTERS).class, Some(TensionClass::A));
    }

    #[test]
    fn class_b_is_recent_tension_and_none_otherwise() {
        let mut s = series(&[false; 17]);
        s.extend(series(&[false, false, true, true, true, true, true, true]));
        assert_eq!(classify(&s, QUARTERS).class, Some(TensionClass::B));
        let mut s = series(&[false; 17]);
        s.extend(series(&[false, false, false, true, true, true, true, true]));
        assert_eq!(classify(&s, QUARTERS).class, None);
        // Yearly windows: 5 of the last 6 years, both of the last 2.
        assert_eq!(
            classify(&series(&[false, true, true, true, true, true]), YEARS).class,
            Some(TensionClass::A)
        );
        assert_eq!(
            classify(&series(&[true, false, false, false, true, true]), YEARS).class,
            Some(TensionClass::B)
        );
        assert_eq!(
            classify(&series(&[true, true, true, true, true, false]), YEARS).class,
            Some(TensionClass::A)
        );
        assert_eq!(
            classify(&series(&[true, true, true, true, false, false]), YEARS).class,
            None
        );
    }

    #[test]
    fn ranking_puts_a_then_b_by_volume() {
        let mut v = vec![
            (None, 500.0),
            (Some(TensionClass::B), 50.0),
            (Some(TensionClass::A), 10.0),
            (Some(TensionClass::A), 90.0),
        ];
        v.sort_by(|a, b| by_class_then_volume(*a, *b));
        assert_eq!(
            v,
            vec![
                (Some(TensionClass::A), 90.0),
                (Some(TensionClass::A), 10.0),
                (Some(TensionClass::B), 50.0),
                (None, 500.0)
            ]
        );
    }
}
