//! Publication rule (secret statistique): no figure is shown on too few observations.
//!
//! A count below [`MIN_COUNT`] is never published, nor shown as zero: it becomes a suppressed
//! [`Figure`] carrying the reason. Any figure derived from a suppressed count (a ratio, a class)
//! is suppressed with the same reason.

use serde::Serialize;

/// Smallest count Tremplin publishes (France Travail and INSEE practice for small cells).
pub const MIN_COUNT: f64 = 5.0;

/// A published figure, or the reason why it is not shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<String>,
}

impl Figure {
    pub fn value(x: f64) -> Figure {
        Figure {
            value: Some(x),
            suppressed: None,
        }
    }

    pub fn suppressed(reason: impl Into<String>) -> Figure {
        Figure {
            value: None,
            suppressed: Some(reason.into()),
        }
    }

    /// A count, suppressed when below [`MIN_COUNT`] (zero included: it is not shown either).
    pub fn count(x: f64) -> Figure {
        if x < MIN_COUNT {
            Figure::suppressed(format!(
                "secret statistique : effectif inférieur à {MIN_COUNT:.0}"
            ))
        } else {
            Figure::value(x)
        }
    }

    /// `num / den` when both are published; otherwise the first reason.
    pub fn ratio(num: &Figure, den: &Figure) -> Figure {
        match (num.value, den.value) {
            (Some(a), Some(b)) if b > 0.0 => Figure::value(a / b),
            _ => Figure::suppressed(
                num.suppressed
                    .clone()
                    .or_else(|| den.suppressed.clone())
                    .unwrap_or_else(|| "dénominateur nul".into()),
            ),
        }
    }

    pub fn is_published(&self) -> bool {
        self.value.is_some()
    }

    /// French display: the value with `decimals`, or « n.d. (reason) ».
    pub fn fr(&self, decimals: usize) -> String {
        match (self.value, &self.suppressed) {
            (Some(v), _) => fmt_fr(v, decimals),
            (None, Some(r)) => format!("n.d. ({r})"),
            (None, None) => "n.d.".into(),
        }
    }

    /// CSV cell: the value, or `n.d.` (the reason goes in its own column).
    pub fn csv(&self, decimals: usize) -> String {
        self.value
            .map(|v| format!("{v:.decimals$}"))
            .unwrap_or_else(|| "n.d.".into())
    }
}

/// French number formatting: thousands separated by a narrow space, decimal comma.
pub fn fmt_fr(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('\u{202f}');
        }
        grouped.push(ch);
    }
    let sign = if v < 0.0 && s.chars().any(|c| c != '0' && c != '.') {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_are_suppressed_with_reason_never_zero() {
        let f = Figure::count(3.0);
        assert_eq!(f.value, None);
        assert!(f
            .suppressed
            .as_deref()
            .unwrap()
            .contains("secret statistique"));
        assert!(f.fr(0).starts_with("n.d."));
        assert_eq!(f.csv(0), "n.d.");
        let zero = Figure::count(0.0);
        assert_eq!(zero.value, None, "zero is not published either");
        assert_eq!(Figure::count(5.0).value, Some(5.0));
    }

    #[test]
    fn ratio_inherits_suppression() {
        let r = Figure::ratio(&Figure::count(12.0), &Figure::count(2.0));
        assert_eq!(r.value, None);
        assert!(r.suppressed.unwrap().contains("inférieur à 5"));
        let ok = Figure::ratio(&Figure::count(12.0), &Figure::count(8.0));
        assert_eq!(ok.value, Some(1.5));
    }

    #[test]
    fn french_number_format() {
        assert_eq!(fmt_fr(1234567.891, 1), "1\u{202f}234\u{202f}567,9");
        assert_eq!(fmt_fr(12.0, 0), "12");
        assert_eq!(fmt_fr(-0.5, 2), "-0,50");
    }
}
