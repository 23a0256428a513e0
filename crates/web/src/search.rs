//! Occupation search over ROME fiche labels and appellations: accent- and case-insensitive,
//! tolerant to prefixes and typos (edit distance 1 from 5 letters, 2 from 9).

use tremplin_domain::rome::Rome;
use tremplin_domain::text::{is_stop_word, words};

struct Entry {
    rome: String,
    label: String,
    words: Vec<String>,
    is_fiche: bool,
}

/// One hit: a fiche, with the label that matched best.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct Hit {
    pub rome: String,
    pub fiche_label: String,
    pub matched: String,
    pub score: f64,
}

pub struct OccupationSearch {
    entries: Vec<Entry>,
}

fn content_words(s: &str) -> Vec<String> {
    words(s).into_iter().filter(|w| !is_stop_word(w)).collect()
}

/// How well a query word matches a label word: 1 exact, 0.85 prefix, 0.7 typo, 0 none.
fn word_match(q: &str, w: &str) -> f64 {
    if q == w {
        return 1.0;
    }
    if q.len() >= 3 && w.starts_with(q) {
        return 0.85;
    }
    let max = match q.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    };
    if max > 0 && q.len().abs_diff(w.len()) <= max {
        // Compare with the label word cut to the query's length too, for typos in a prefix.
        let d = strsim::levenshtein(q, w);
        let cut: String = w.chars().take(q.chars().count()).collect();
        if d <= max || (w.len() > q.len() && strsim::levenshtein(q, &cut) <= max.min(1)) {
            return 0.7;
        }
    }
    0.0
}

impl OccupationSearch {
    pub fn new(rome: &Rome) -> Self {
        let fiche_label: std::collections::HashMap<&str, &str> = rome
            .fiches
            .iter()
            .map(|f| (f.code.as_str(), f.label.as_str()))
            .collect();
        let mut entries: Vec<Entry> = rome
            .fiches
            .iter()
            .map(|f| Entry {
                rome: f.code.clone(),
                label: f.label.clone(),
                words: content_words(&format!("{} {}", f.label, f.code)),
                is_fiche: true,
            })
            .collect();
        entries.extend(
            rome.appellations
                .iter()
                .filter(|a| fiche_label.contains_key(a.rome.as_str()))
                .map(|a| Entry {
                    rome: a.rome.clone(),
                    label: a.label.clone(),
                    words: content_words(&a.label),
                    is_fiche: false,
                }),
        );
        OccupationSearch { entries }
    }

    /// Up to `limit` fiches, best first.
    pub fn search(&self, rome: &Rome, query: &str, limit: usize) -> Vec<Hit> {
        let q = content_words(query);
        if q.is_empty() {
            return vec![];
        }
        let mut best: std::collections::HashMap<&str, (f64, &Entry)> = Default::default();
        for e in &self.entries {
            let mut total = 0.0;
            for qw in &q {
                let m = e
                    .words
                    .iter()
                    .map(|w| word_match(qw, w))
                    .fold(0.0, f64::max);
                if m == 0.0 {
                    total = 0.0;
                    break;
                }
                total += m;
            }
            if total == 0.0 {
                continue;
            }
            // Prefer labels that say little else than the query, and fiche labels.
            let coverage = q.len() as f64 / e.words.len().max(q.len()) as f64;
            let score = total / q.len() as f64 * (0.8 + 0.2 * coverage)
                + if e.is_fiche { 0.02 } else { 0.0 };
            let slot = best.entry(e.rome.as_str()).or_insert((0.0, e));
            if score > slot.0 {
                *slot = (score, e);
            }
        }
        let labels: std::collections::HashMap<&str, &str> = rome
            .fiches
            .iter()
            .map(|f| (f.code.as_str(), f.label.as_str()))
            .collect();
        let mut hits: Vec<Hit> = best
            .into_iter()
            .map(|(code, (score, e))| Hit {
                rome: code.to_string(),
                fiche_label: labels.get(code).copied().unwrap_or("").to_string(),
                matched: e.label.clone(),
                score: (score * 1000.0).round() / 1000.0,
            })
            .collect();
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.rome.cmp(&b.rome))
        });
        hits.truncate(limit);
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tremplin_domain::rome::{Appellation, Fiche};

    fn rome() -> Rome {
        let fiche = |code: &str, label: &str| Fiche {
            code: code.into(),
            label: label.into(),
            domain_code: String::new(),
            domain_label: String::new(),
            grand_domain_code: String::new(),
            grand_domain_label: String::new(),
            transition_eco: String::new(),
            transition_num: false,
            emploi_cadre: false,
            emploi_reglemente: false,
        };
        Rome {
            fiches: vec![
                fiche("F1703", "Maçon / Maçonne"),
                fiche("H2913", "Soudeur / Soudeuse"),
                fiche("M1805", "Développeur / Développeuse informatique"),
            ],
            appellations: vec![Appellation {
                code: "1".into(),
                label: "Développeur / Développeuse web".into(),
                label_short: String::new(),
                rome: "M1805".into(),
                rare: false,
            }],
            ..Default::default()
        }
    }

    #[test]
    fn finds_without_accents_case_or_with_typos() {
        let r = rome();
        let s = OccupationSearch::new(&r);
        assert_eq!(s.search(&r, "MACON", 3)[0].rome, "F1703");
        assert_eq!(s.search(&r, "soudeur", 3)[0].rome, "H2913");
        assert_eq!(s.search(&r, "devlopeur web", 3)[0].rome, "M1805");
        assert_eq!(
            s.search(&r, "devlopeur web", 3)[0].matched,
            "Développeur / Développeuse web"
        );
        assert_eq!(s.search(&r, "soud", 3)[0].rome, "H2913");
        assert!(s.search(&r, "astronaute", 3).is_empty());
        assert!(s.search(&r, "de la", 3).is_empty());
    }
}
