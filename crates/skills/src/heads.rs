//! Reduced forms of a skill label, which the matcher also reads for the fiche's own items
//! ([`crate::matcher`]): texts name a task and seldom the qualifier or the light verb that
//! ROME 4.0 labels add.
//! - The *head*: the label before its qualifier ("Conduire un chariot élévateur" of "… en
//!   respectant les normes de sécurité", "Utilisation d'engins de manutention non motorisés"
//!   of "… (transpalette, diable, ...)"), for "conduite de chariots élévateurs".
//! - The *halves* of a coordination: "préparer des commandes" of "Réceptionner et préparer
//!   des commandes", "éplucher des fruits" of "Eplucher des légumes et des fruits".
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
    " en utilisant",
    " en appliquant",
    " en tenant compte",
    " en assurant",
    " en garantissant",
    " à l'aide d",
    " au moyen d",
    " à partir d",
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

/// A reduced form of a label: its stems, and whether it counts only in the label's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub stems: Vec<u32>,
    /// Only generic words, a half of coordinated verbs ("préparer des commandes"): asserted
    /// only as a phrase, not from words scattered in a sentence ("projet … gestion").
    pub phrase_only: bool,
}

/// Per skill, its reduced forms (head, object, object of the head, coordinated halves), each
/// distinct from the label and from the others; none for certifications (only their full name
/// counts). `label_stems` are the labels' stems as the matcher reads them (`alias` applied), in
/// label order; `generic` tells a generic stem, `idf` weighs them. A form needs a word that is
/// not generic, except a half of coordinated verbs, which then counts only as a phrase
/// ("Collaborer dans un groupe" of "… pour réaliser un projet" is not read from "les
/// collaborateurs du groupe").
pub fn reduced_forms(
    cat: &Catalog,
    label_stems: &[Vec<u32>],
    alias: &[u32],
    generic: impl Fn(u32) -> bool,
    idf: &[f32],
) -> Vec<Vec<Form>> {
    let weight = |stems: &[u32]| stems.iter().map(|&x| idf[x as usize]).sum::<f32>();
    cat.skills
        .iter()
        .zip(label_stems)
        .map(|(s, full)| {
            if s.is_certification() || !s.matchable {
                return Vec::new();
            }
            // Distinct stems of a piece of the label, as the matcher reads them.
            let stems = |text: &str| -> Option<Vec<u32>> {
                let mut v: Vec<u32> = Vec::new();
                for t in cat.vocab.tokens(&cat.norm, text) {
                    let a = alias.get(t.stem as usize).copied()?;
                    if !v.contains(&a) {
                        v.push(a);
                    }
                }
                Some(v)
            };
            let head_text = head(&s.label);
            let head: Option<Vec<u32>> = head_text.and_then(stems).filter(|v| v.len() >= 2);
            // Without the light verb, its first stem.
            let light = light_verb_first(&s.label);
            let object = |stems: &[u32]| -> Option<Vec<u32>> {
                light.then(|| stems.get(1..).unwrap_or_default().to_vec())
            };
            let mut forms: Vec<Form> = Vec::new();
            let halves = coordinated(head_text.unwrap_or(&s.label), stems);
            let candidates = [head.clone(), object(full), head.as_deref().and_then(object)];
            let candidates = (candidates.into_iter().flatten().map(|f| (f, false))).chain(halves);
            for (f, verbs) in candidates {
                let specific = f.iter().any(|&x| !generic(x));
                let useful = !f.is_empty()
                    && f.len() < full.len()
                    && (specific || verbs)
                    && weight(&f) >= LEAST_SHARE * weight(full);
                if useful && !forms.iter().any(|g| g.stems == f) {
                    forms.push(Form {
                        stems: f,
                        phrase_only: !specific,
                    });
                }
            }
            forms
        })
        .collect()
}

/// The two halves of a label coordinated by "et" or "ou", as stems: "Réceptionner et préparer
/// des commandes" gives "préparer des commandes" and "réceptionner des commandes" (one verb
/// before the conjunction: verbs coordinated); "Eplucher des légumes et des fruits" gives
/// "éplucher des légumes" and "éplucher des fruits" (a verb and its object before it: objects
/// coordinated). `stems` reads a piece of the label. Each half comes with whether verbs are
/// coordinated.
fn coordinated(label: &str, stems: impl Fn(&str) -> Option<Vec<u32>>) -> Vec<(Vec<u32>, bool)> {
    let Some((left, right)) = [" et ", " ou "]
        .iter()
        .filter_map(|c| label.split_once(c))
        .min_by_key(|(l, _)| l.len())
    else {
        return Vec::new();
    };
    let (Some(l), Some(r)) = (stems(left), stems(right)) else {
        return Vec::new();
    };
    let join = |a: &[u32], b: &[u32]| -> Vec<u32> {
        let mut v = a.to_vec();
        v.extend(b.iter().filter(|x| !a.contains(x)));
        v
    };
    let (halves, verbs) = match (&l[..], &r[..]) {
        ([], _) | (_, []) => (Vec::new(), false),
        ([verb], [_, object @ ..]) => (vec![r.clone(), join(&[*verb], object)], true),
        ([verb, ..], _) => (vec![l.clone(), join(&[*verb], &r)], false),
    };
    (halves.into_iter())
        .filter(|h| h.len() >= 2)
        .map(|h| (h, verbs))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{coordinated, head};

    #[test]
    fn coordinated_labels_give_both_halves() {
        // One word, one stem: a stand-in for the vocabulary.
        let ids = [
            "receptionn",
            "prepar",
            "command",
            "eplucher",
            "legum",
            "fruit",
        ];
        let stems = |text: &str| -> Option<Vec<u32>> {
            let words = text.split(' ').filter(|w| !["des", "les"].contains(w));
            words
                .map(|w| ids.iter().position(|&i| i == w).map(|i| i as u32))
                .collect()
        };
        assert_eq!(
            coordinated("receptionn et prepar des command", stems),
            vec![(vec![1, 2], true), (vec![0, 2], true)]
        );
        assert_eq!(
            coordinated("eplucher des legum et des fruit", stems),
            vec![(vec![3, 4], false), (vec![3, 5], false)]
        );
        assert!(coordinated("prepar des command", stems).is_empty());
    }

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
            (
                "Monter les murs en utilisant les matériaux adaptés",
                Some("Monter les murs"),
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
