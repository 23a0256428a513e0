//! Reduced forms of a skill label, which the matcher also reads for the fiche's own items
//! ([`crate::matcher`]): texts name a task and seldom the qualifier or the light verb that
//! ROME 4.0 labels add.
//! - The *head*: the label before its qualifier ("Conduire un chariot élévateur" of "… en
//!   respectant les normes de sécurité", "Utilisation d'engins de manutention non motorisés"
//!   of "… (transpalette, diable, ...)"), for "conduite de chariots élévateurs".
//! - The *halves* of a coordination: "préparer des commandes" of "Réceptionner et préparer
//!   des commandes", "éplucher des fruits" of "Eplucher des légumes et des fruits".
//! - The *object*: the label without its light verb ("plonge" of "Réaliser la plonge",
//!   "encaissement" of "Procéder à l'encaissement"), for "je faisais la plonge"; or without
//!   the light noun that heads a savoir ("ferraillage" of "Techniques de ferraillage"). Only
//!   verbs that add nothing to their object are light: not "Organiser", "Gérer" or "Conduire".
//!
//! A reduced form must carry at least half of its label's weight (IDF among labels), so that
//! "Proposer des solutions" is not read for "… pour optimiser les coûts d'exploitation".

use crate::catalog::Catalog;
use aho_corasick::{AhoCorasick, MatchKind};

/// Least share of its label's IDF weight that a reduced form must carry.
const LEAST_SHARE: f32 = 0.5;

/// Verbs (and nouns heading a savoir) that add nothing to their object (folded), when they
/// start a label.
const LIGHT_VERBS: &[&str] = &[
    "realiser",
    "effectuer",
    "proceder",
    "assurer",
    "pratiquer",
    "executer",
    "faire",
    // Nouns that head a savoir as a light verb heads a task: "ferraillage" says "Techniques
    // de ferraillage", "outils bureautiques" "Utilisation d'outils bureautiques".
    "techniques",
    "technique",
    "utilisation",
    "connaissance",
    "connaissances",
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

/// The label up to its first qualifier, trimmed; `None` when it has none. (One automaton over
/// the qualifiers, built once: every label of the referential is read at start-up.)
pub fn head(label: &str) -> Option<&str> {
    static FIRST: std::sync::OnceLock<Option<AhoCorasick>> = std::sync::OnceLock::new();
    let first = FIRST.get_or_init(|| {
        (AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst))
            .build(QUALIFIERS)
            .ok()
    });
    let cut = first.as_ref()?.find(label)?.start();
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
    /// Read only for the fiche's own items, not its neighbours': a form of generic words
    /// only, or one cut before a qualifier, which the fiche's context supplies
    /// ("Développement de scripts" of "… pour l'automatisation réseau").
    pub fiche_only: bool,
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
            let head_text = head(&s.label);
            let light = light_verb_first(&s.label);
            let split = coordination(head_text.unwrap_or(&s.label));
            if head_text.is_none() && split.is_none() && !light {
                return Vec::new();
            }
            // Distinct stems of the label's words within a byte range, as the matcher reads
            // them (the label read once: pieces are cut at spaces, so their words are its).
            let tokens = if head_text.is_some() || split.is_some() {
                cat.vocab.tokens(&cat.norm, &s.label)
            } else {
                Vec::new()
            };
            let stems = |from: usize, to: usize| -> Option<Vec<u32>> {
                let mut v: Vec<u32> = Vec::new();
                for t in tokens
                    .iter()
                    .filter(|t| from <= t.start as usize && t.end as usize <= to)
                {
                    let a = alias.get(t.stem as usize).copied()?;
                    if !v.contains(&a) {
                        v.push(a);
                    }
                }
                Some(v)
            };
            let head: Option<Vec<u32>> =
                (head_text.and_then(|h| stems(0, h.len()))).filter(|v| v.len() >= 2);
            // Without the light verb, its first stem.
            let object = |stems: &[u32]| -> Option<Vec<u32>> {
                light.then(|| stems.get(1..).unwrap_or_default().to_vec())
            };
            let mut forms: Vec<Form> = Vec::new();
            let halves = split.map_or_else(Vec::new, |(left, right)| {
                match (stems(left.0, left.1), stems(right.0, right.1)) {
                    (Some(l), Some(r)) => coordinated(&l, &r),
                    _ => Vec::new(),
                }
            });
            // Each candidate with whether verbs are coordinated and whether a qualifier was cut.
            let cut = head_text.is_some();
            let candidates = [
                (head.clone(), true),
                (object(full), false),
                (head.as_deref().and_then(object), true),
            ];
            let candidates = (candidates.into_iter())
                .filter_map(|(f, cut)| Some((f?, false, cut)))
                .chain(halves.into_iter().map(|(f, verbs)| (f, verbs, cut)));
            for (f, verbs, cut) in candidates {
                let specific = f.iter().any(|&x| !generic(x));
                let useful = !f.is_empty()
                    && f.len() < full.len()
                    && (specific || verbs)
                    && weight(&f) >= LEAST_SHARE * weight(full);
                if useful && !forms.iter().any(|g| g.stems == f) {
                    forms.push(Form {
                        stems: f,
                        phrase_only: !specific,
                        fiche_only: !specific || cut,
                    });
                }
            }
            forms
        })
        .collect()
}

/// Where a label is coordinated by "et" or "ou": the byte ranges of what comes before and after
/// the first conjunction.
type Split = ((usize, usize), (usize, usize));

fn coordination(label: &str) -> Option<Split> {
    [" et ", " ou "]
        .iter()
        .filter_map(|c| label.find(c).map(|i| (i, i + c.len())))
        .min()
        .map(|(i, j)| ((0, i), (j, label.len())))
}

/// The two halves of a coordinated label, from the stems before (`l`) and after (`r`) the
/// conjunction: "Réceptionner et préparer des commandes" gives "préparer des commandes" and
/// "réceptionner des commandes" (one verb before the conjunction: verbs coordinated);
/// "Eplucher des légumes et des fruits" gives "éplucher des légumes" and "éplucher des fruits"
/// (a verb and its object before it: objects coordinated). Each half comes with whether verbs
/// are coordinated.
fn coordinated(l: &[u32], r: &[u32]) -> Vec<(Vec<u32>, bool)> {
    let join = |a: &[u32], b: &[u32]| -> Vec<u32> {
        let mut v = a.to_vec();
        v.extend(b.iter().filter(|x| !a.contains(x)));
        v
    };
    let (halves, verbs) = match (l, r) {
        ([], _) | (_, []) => (Vec::new(), false),
        ([verb], [_, object @ ..]) => (vec![r.to_vec(), join(&[*verb], object)], true),
        ([verb, ..], _) => (vec![l.to_vec(), join(&[*verb], r)], false),
    };
    (halves.into_iter())
        .filter(|h| h.len() >= 2)
        .map(|h| (h, verbs))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{coordinated, coordination, head};

    #[test]
    fn coordinated_labels_give_both_halves() {
        let label = "Réceptionner et préparer des commandes";
        let ((a, b), (c, d)) = coordination(label).expect("coordinated");
        assert_eq!(
            (&label[a..b], &label[c..d]),
            ("Réceptionner", "préparer des commandes")
        );
        let label = "Eplucher des légumes ou des fruits et des racines";
        let ((_, b), (c, _)) = coordination(label).expect("coordinated");
        assert_eq!(
            (&label[..b], &label[c..]),
            ("Eplucher des légumes", "des fruits et des racines")
        );
        assert!(coordination("Préparer des commandes").is_none());
        // Stems as numbers: réceptionner 0, préparer 1, commande 2, éplucher 3, légume 4, fruit 5.
        assert_eq!(
            coordinated(&[0], &[1, 2]),
            vec![(vec![1, 2], true), (vec![0, 2], true)]
        );
        assert_eq!(
            coordinated(&[3, 4], &[5]),
            vec![(vec![3, 4], false), (vec![3, 5], false)]
        );
        assert!(coordinated(&[0], &[1]).is_empty());
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
