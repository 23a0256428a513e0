//! Reduced forms of a skill label, which the matcher also reads for the fiche's own items
//! ([`crate::matcher`]): texts name a task and seldom the qualifier or the light verb that
//! ROME 4.0 labels add.
//! - The *head*: the label before its qualifier ("Conduire un chariot élévateur" of "… en
//!   respectant les normes de sécurité", "Utilisation d'engins de manutention non motorisés"
//!   of "… (transpalette, diable, ...)"), for "conduite de chariots élévateurs".
//! - The *object*: the label without its light verb ("plonge" of "Réaliser la plonge",
//!   "encaissement" of "Procéder à l'encaissement"), for "je faisais la plonge". Only verbs
//!   that add nothing to their object are light: not "Organiser", "Gérer" or "Conduire".
//!
//! A reduced form must carry at least half of its label's weight (IDF among labels), so that
//! "Proposer des solutions" is not read for "… pour optimiser les coûts d'exploitation".

use crate::catalog::Catalog;

/// Least share of its label's IDF weight that a reduced form must carry.
const LEAST_SHARE: f32 = 0.5;

/// Verbs that add nothing to their object (folded), when they start a label.
const LIGHT_VERBS: &[&str] = &[
    "realiser",
    "effectuer",
    "proceder",
    "assurer",
    "pratiquer",
    "executer",
    "faire",
];

/// Whether a label starts with a light verb ([`LIGHT_VERBS`]).
fn light_verb_first(label: &str) -> bool {
    let first = label.split([' ', '\'']).next().unwrap_or_default();
    let folded = tremplin_domain::text::fold(first);
    LIGHT_VERBS.contains(&folded.as_str())
}

/// Where a qualifier starts: purpose, manner, occasion, condition, examples, a second clause.
/// Not "en", "sur", "dans", "avec" alone: they often start the object itself ("mise en
/// place", "intervenir sur une installation").
const QUALIFIERS: &[&str] = &[
    " pour ",
    " selon ",
    " lors d",
    " en respectant",
    " en veillant",
    " afin d",
    " dans le respect",
    " dans le cadre",
    " en fonction",
    " conformément",
    " en cas d",
    " en vue d",
    " en lien avec",
    " par rapport",
    " (",
    ", ",
    " : ",
];

/// The label up to its first qualifier, trimmed; `None` when it has none.
pub fn head(label: &str) -> Option<&str> {
    let cut = QUALIFIERS.iter().filter_map(|q| label.find(q)).min()?;
    let head = label[..cut].trim_end();
    (!head.is_empty()).then_some(head)
}

/// Per skill, the stems of its reduced forms (head, object, object of the head), each distinct
/// from the label and from the others; none for certifications (only their full name counts).
/// `label_stems` are the labels' stems as the matcher reads them (`alias` applied), in label
/// order; `generic` tells a generic stem, `idf` weighs them.
pub fn reduced_forms(
    cat: &Catalog,
    label_stems: &[Vec<u32>],
    alias: &[u32],
    generic: impl Fn(u32) -> bool,
    idf: &[f32],
) -> Vec<Vec<Vec<u32>>> {
    let weight = |stems: &[u32]| stems.iter().map(|&x| idf[x as usize]).sum::<f32>();
    cat.skills
        .iter()
        .zip(label_stems)
        .map(|(s, full)| {
            if s.is_certification() || !s.matchable {
                return Vec::new();
            }
            let head: Option<Vec<u32>> = head(&s.label).and_then(|h| {
                let mut v: Vec<u32> = Vec::new();
                for t in cat.vocab.tokens(&cat.norm, h) {
                    let a = alias.get(t.stem as usize).copied()?;
                    if !v.contains(&a) {
                        v.push(a);
                    }
                }
                (v.len() >= 2).then_some(v)
            });
            // Without the light verb, its first stem.
            let light = light_verb_first(&s.label);
            let object = |stems: &[u32]| -> Option<Vec<u32>> {
                light.then(|| stems.get(1..).unwrap_or_default().to_vec())
            };
            let mut forms: Vec<Vec<u32>> = Vec::new();
            let candidates = [head.clone(), object(full), head.as_deref().and_then(object)];
            for f in candidates.into_iter().flatten() {
                let useful = !f.is_empty()
                    && f.len() < full.len()
                    && f.iter().any(|&x| !generic(x))
                    && weight(&f) >= LEAST_SHARE * weight(full);
                if useful && !forms.contains(&f) {
                    forms.push(f);
                }
            }
            forms
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::head;

    #[test]
    fn the_head_stops_at_the_first_qualifier() {
        let cases = [
            (
                "Conduire un chariot élévateur en respectant les normes de sécurité",
                Some("Conduire un chariot élévateur"),
            ),
            (
                "Utilisation d'engins de manutention non motorisés (transpalette, diable, ...)",
                Some("Utilisation d'engins de manutention non motorisés"),
            ),
            (
                "Organiser le chargement du véhicule selon le plan de tournée",
                Some("Organiser le chargement du véhicule"),
            ),
            (
                "Respecter les procédures de sécurité lors de la manutention des charges",
                Some("Respecter les procédures de sécurité"),
            ),
            (
                "Réaliser ou contrôler les soins d'hygiène, de confort et apporter une aide",
                Some("Réaliser ou contrôler les soins d'hygiène"),
            ),
            // The object itself is kept: "en" and "sur" do not cut.
            ("Mettre en place des indicateurs de performance", None),
            ("Réaliser un dépannage sur installations thermiques", None),
            ("Gestes et postures de manutention", None),
        ];
        for (label, want) in cases {
            assert_eq!(head(label), want, "{label}");
        }
    }
}
