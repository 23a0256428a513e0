//! Skill trends: per skill and period, the number and share of offers whose text supports it,
//! and a classification that rests on a two-proportion z-test rather than on raw ratios.
//!
//! Rule (also in ARCHITECTURE.md): the periods are split into a *recent* window (the last
//! third of the periods, at least one) and the *earlier* ones. With c₁/n₁ the offers asking the
//! skill / all offers earlier, c₂/n₂ recently, p̂ the pooled share and
//! z = (c₂/n₂ − c₁/n₁) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)):
//! - *occasionnelle*: fewer than [`MIN_OFFERS`] offers in all, too few to say anything;
//! - *émergente*: at most one offer earlier (share under 0.5 %), at least [`MIN_RECENT`] recently
//!   and z ≥ 1.96 (5 % two-sided);
//! - *en croissance*: z ≥ 1.96 and the recent share at least 1.25 × the earlier one;
//! - *en déclin*: z ≤ −1.96 and the recent share at most 0.8 × the earlier one;
//! - *stable*: otherwise.

use serde::Serialize;

/// Fewer offers than this in all periods: "occasionnelle".
pub const MIN_OFFERS: u32 = 5;
/// Offers needed in the recent window to call a skill "émergente".
pub const MIN_RECENT: u32 = 3;
/// Two-sided 5 % critical value of the normal law.
pub const Z_CRIT: f64 = 1.96;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Period {
    #[serde(rename = "month")]
    Month,
    #[serde(rename = "quarter")]
    Quarter,
}

impl Period {
    pub fn parse(s: &str) -> Option<Period> {
        match s {
            "month" | "mois" => Some(Period::Month),
            "quarter" | "trimestre" => Some(Period::Quarter),
            _ => None,
        }
    }

    /// `2024-03` (month) or `2024-T1` (quarter) of an ISO date; `None` when not a date.
    pub fn key(self, date: &str) -> Option<String> {
        let (y, m) = (date.get(..4)?, date.get(5..7)?);
        let month: u32 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
        if !y.bytes().all(|b| b.is_ascii_digit()) || date.as_bytes().get(4) != Some(&b'-') {
            return None;
        }
        Some(match self {
            Period::Month => format!("{y}-{m}"),
            Period::Quarter => format!("{y}-T{}", (month - 1) / 3 + 1),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TrendClass {
    Emergente,
    EnCroissance,
    Stable,
    EnDeclin,
    Occasionnelle,
}

impl TrendClass {
    pub fn label_fr(self) -> &'static str {
        match self {
            TrendClass::Emergente => "émergente",
            TrendClass::EnCroissance => "en croissance",
            TrendClass::Stable => "stable",
            TrendClass::EnDeclin => "en déclin",
            TrendClass::Occasionnelle => "occasionnelle",
        }
    }
}

/// The test behind a classification.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Trend {
    pub class: TrendClass,
    pub z: f64,
    pub share_before: f64,
    pub share_recent: f64,
    pub count_before: u32,
    pub count_recent: u32,
}

/// Classifies a series: `counts[i]` offers asking the skill among `offers[i]` in period `i`
/// (periods in time order).
pub fn classify(counts: &[u32], offers: &[u32]) -> Trend {
    let k = counts.len().min(offers.len());
    let recent = (k / 3).max(1).min(k);
    let split = k - recent;
    let sum = |v: &[u32]| v.iter().map(|&x| x as u64).sum::<u64>();
    let (c1, n1) = (sum(&counts[..split]), sum(&offers[..split]));
    let (c2, n2) = (sum(&counts[split..k]), sum(&offers[split..k]));
    let share = |c: u64, n: u64| if n == 0 { 0.0 } else { c as f64 / n as f64 };
    let (p1, p2) = (share(c1, n1), share(c2, n2));
    let z = if n1 == 0 || n2 == 0 {
        0.0
    } else {
        let p = (c1 + c2) as f64 / (n1 + n2) as f64;
        let se = (p * (1.0 - p) * (1.0 / n1 as f64 + 1.0 / n2 as f64)).sqrt();
        if se > 0.0 {
            (p2 - p1) / se
        } else {
            0.0
        }
    };
    let class = if c1 + c2 < MIN_OFFERS as u64 {
        TrendClass::Occasionnelle
    } else if n1 > 0 && c1 <= 1 && p1 < 0.005 && c2 >= MIN_RECENT as u64 && z >= Z_CRIT {
        TrendClass::Emergente
    } else if z >= Z_CRIT && p2 >= 1.25 * p1 {
        TrendClass::EnCroissance
    } else if z <= -Z_CRIT && p2 <= 0.8 * p1 {
        TrendClass::EnDeclin
    } else {
        TrendClass::Stable
    };
    Trend {
        class,
        z,
        share_before: p1,
        share_recent: p2,
        count_before: c1 as u32,
        count_recent: c2 as u32,
    }
}

/// Per-period counts: the sorted period keys, offers per period, and for each skill its
/// number of offers per period. `offers` yields each offer's date and skill indices (each
/// skill once per offer); offers without a valid date are skipped.
pub struct Series {
    pub periods: Vec<String>,
    pub offers: Vec<u32>,
    pub counts: Vec<(u32, Vec<u32>)>,
}

pub fn series<'a>(offers: impl Iterator<Item = (&'a str, &'a [u32])>, period: Period) -> Series {
    use std::collections::BTreeMap;
    let mut per: BTreeMap<String, (u32, Vec<u32>)> = BTreeMap::new();
    for (date, skills) in offers {
        let Some(k) = period.key(date) else { continue };
        let e = per.entry(k).or_default();
        e.0 += 1;
        e.1.extend_from_slice(skills);
    }
    let periods: Vec<String> = per.keys().cloned().collect();
    let offers: Vec<u32> = per.values().map(|v| v.0).collect();
    let mut counts: std::collections::HashMap<u32, Vec<u32>> = std::collections::HashMap::new();
    for (i, (_, (_, skills))) in per.iter().enumerate() {
        for &s in skills {
            counts.entry(s).or_insert_with(|| vec![0; periods.len()])[i] += 1;
        }
    }
    let mut counts: Vec<(u32, Vec<u32>)> = counts.into_iter().collect();
    counts.sort_by(|a, b| {
        b.1.iter()
            .sum::<u32>()
            .cmp(&a.1.iter().sum::<u32>())
            .then(a.0.cmp(&b.0))
    });
    Series {
        periods,
        offers,
        counts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const N: [u32; 6] = [200, 200, 200, 200, 200, 200];

    #[test]
    fn periods_are_months_or_quarters() {
        assert_eq!(
            Period::Month.key("2024-03-15T10:00:00Z").as_deref(),
            Some("2024-03")
        );
        assert_eq!(
            Period::Quarter.key("2024-11-02").as_deref(),
            Some("2024-T4")
        );
        assert_eq!(Period::Quarter.key("2024-13-02"), None);
        assert_eq!(Period::Month.key("hier"), None);
    }

    #[test]
    fn new_skill_asked_recently_is_emerging() {
        let t = classify(&[0, 0, 0, 1, 9, 12], &N);
        assert_eq!(t.class, TrendClass::Emergente, "{t:?}");
    }

    #[test]
    fn significant_rise_is_growth_and_fall_is_decline() {
        assert_eq!(
            classify(&[10, 12, 11, 10, 30, 34], &N).class,
            TrendClass::EnCroissance
        );
        assert_eq!(
            classify(&[40, 38, 42, 41, 12, 10], &N).class,
            TrendClass::EnDeclin
        );
    }

    #[test]
    fn noise_is_stable_and_rare_is_occasional() {
        assert_eq!(
            classify(&[20, 22, 19, 21, 20, 23], &N).class,
            TrendClass::Stable
        );
        // Doubling from 1 to 2 offers is not significant: no raw-ratio verdict.
        assert_eq!(
            classify(&[0, 1, 0, 0, 1, 1], &N).class,
            TrendClass::Occasionnelle
        );
        // Large relative rise on small numbers stays "stable" without significance.
        assert_eq!(classify(&[1, 2, 1, 2, 3, 3], &N).class, TrendClass::Stable);
    }

    #[test]
    fn series_counts_offers_and_skills_per_period() {
        let a = [1u32, 2];
        let b = [2u32];
        let offers = vec![
            ("2024-01-05", &a[..]),
            ("2024-02-01", &b[..]),
            ("2024-04-01", &b[..]),
            ("bad", &a[..]),
        ];
        let s = series(offers.into_iter(), Period::Quarter);
        assert_eq!(s.periods, vec!["2024-T1", "2024-T2"]);
        assert_eq!(s.offers, vec![2, 1]);
        assert_eq!(s.counts[0], (2, vec![2, 1]));
        assert_eq!(s.counts[1], (1, vec![1, 0]));
    }
}
