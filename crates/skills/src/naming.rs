//! The fiche a title names: the longest appellation of the referential (one of its gender
//! forms, "Serveur de banquet" of "Serveur / Serveuse de banquet") whose words all occur in
//! the title's head and make at least half of it ("Commis de cuisine (H/F) - Restaurant
//! traditionnel" names G1602; "Architecte" does not name "Architecte réseaux et sécurité").
//! The logistic model only knows the fiches of the labelled offers: a title naming another
//! fiche tells what it cannot, when the model is unsure ([`crate::ranking`]).

use crate::catalog::Catalog;
use crate::norm::{Folded, FxMap, Token};

pub struct TitleNames {
    /// A stem → the gender forms of appellations for which it is the stem fewest forms hold:
    /// each form's distinct stems, sorted, and its fiche (`u32::MAX` when forms of several
    /// fiches have these stems). A form is looked at when that stem is in the title.
    by_stem: FxMap<u32, Vec<(Vec<u32>, u32)>>,
}

/// Where the head of a title ends: before its first qualifier ("Commis de cuisine" of
/// "Commis de cuisine (H/F) - Restaurant traditionnel").
pub fn title_head_end(title: &str) -> usize {
    const AFTER_SPACE: [&str; 6] = ["- ", "– ", "— ", "(", "| ", ": "];
    let bytes = title.as_bytes();
    (0..bytes.len())
        .find(|&i| match bytes[i] {
            b' ' => AFTER_SPACE.iter().any(|m| title[i + 1..].starts_with(m)),
            b',' => bytes.get(i + 1) == Some(&b' '),
            _ => false,
        })
        .unwrap_or(title.len())
}

/// Where a text without a title says its role, in its folded text: the words after "comme",
/// "en tant que", "j'ai été"… up to a place, a time or a punctuation ("caissière" of "J'ai
/// travaillé 3 ans comme caissière dans un hard-discount"); at most four words, the first
/// such phrase of the text's first 600 bytes.
pub fn role_phrase(folded: &str) -> Option<(usize, usize)> {
    const CUES: &[&str] = &[
        " comme ",
        " en tant que ",
        " en qualite de ",
        "j'ai ete ",
        "j'etais ",
        " je suis ",
        " poste de ",
        " poste d'",
    ];
    const ENDS: &[&str] = &[
        "dans", "chez", "pour", "a", "au", "aux", "en", "depuis", "pendant", "puis", "et", "sur",
        "avec", "un", "une", "le", "la", "les",
    ];
    let mut cut = folded.len().min(600);
    while !folded.is_char_boundary(cut) {
        cut -= 1;
    }
    let start = (CUES.iter())
        .filter_map(|c| folded[..cut].find(c).map(|i| i + c.len()))
        .min()?;
    let (mut pos, mut end) = (start, start);
    for (k, piece) in folded[start..].split_inclusive([' ', '\'']).enumerate() {
        let word = piece.trim_end_matches([' ', '\'']);
        let bare = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        // An article, a place or a time ends the role ("comme caissiere dans"), as do a
        // punctuation after a word and the fifth word.
        if k == 4 || bare.is_empty() || ENDS.contains(&bare) {
            break;
        }
        end = pos + bare.len();
        if bare.len() != word.len() {
            break;
        }
        pos += piece.len();
    }
    (end > start).then_some((start, end))
}

/// The fiche a title names ([`TitleNames::named`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named {
    pub fiche: usize,
    /// The appellation makes more than half of the title's head, not just half.
    pub most: bool,
}

/// The gender forms of an appellation's label: "Conducteur routier / Conductrice routière de
/// marchandises" gives "Conducteur routier de marchandises" and "Conductrice routière de
/// marchandises" (the feminine part has as many words as the masculine one).
pub fn gender_forms(label: &str) -> Vec<String> {
    let Some((masc, after)) = label.split_once(" / ") else {
        return vec![label.to_string()];
    };
    let n = masc.split_whitespace().count();
    let words: Vec<&str> = after.split_whitespace().collect();
    let (fem, rest) = words.split_at(n.min(words.len()));
    let rest = rest.join(" ");
    let with_rest = |w: String| {
        if rest.is_empty() {
            w
        } else {
            format!("{w} {rest}")
        }
    };
    vec![with_rest(masc.to_string()), with_rest(fem.join(" "))]
}

/// Words that only link the words of an appellation (folded).
const LINKS: &[&str] = &[
    "de", "du", "des", "d", "la", "le", "les", "l", "en", "et", "a", "au", "aux",
];

/// Whether a form holds a stop word that carries its meaning ("son" of "Ingénieur du son"),
/// which a title's stems would not show: such a form is not looked for.
fn carries_a_stop_word(form: &str) -> bool {
    let folded = tremplin_domain::text::fold(form);
    (folded.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .any(|w| crate::norm::is_stop(w) && !LINKS.contains(&w))
}

impl TitleNames {
    pub fn new(cat: &Catalog) -> TitleNames {
        let mut forms: FxMap<Vec<u32>, u32> = FxMap::default();
        for (f, fiche) in cat.fiches.iter().enumerate() {
            for (_, label, _) in &fiche.appellations {
                for form in gender_forms(label) {
                    if carries_a_stop_word(&form) {
                        continue;
                    }
                    let mut stems: Vec<u32> = (cat.vocab.tokens(&cat.norm, &form).iter())
                        .map(|t| t.stem)
                        .collect();
                    stems.sort_unstable();
                    stems.dedup();
                    if stems.is_empty() {
                        continue;
                    }
                    let e = forms.entry(stems).or_insert(f as u32);
                    if *e != f as u32 {
                        *e = u32::MAX;
                    }
                }
            }
        }
        // Each form is looked at through its stem that fewest forms hold.
        let mut held: FxMap<u32, u32> = FxMap::default();
        for stems in forms.keys() {
            for &x in stems {
                *held.entry(x).or_default() += 1;
            }
        }
        let mut by_stem: FxMap<u32, Vec<(Vec<u32>, u32)>> = FxMap::default();
        for (stems, &f) in &forms {
            let rarest = stems.iter().min_by_key(|&x| (held[x], *x)).copied();
            if let Some(r) = rarest {
                by_stem.entry(r).or_default().push((stems.clone(), f));
            }
        }
        for v in by_stem.values_mut() {
            v.sort_unstable();
        }
        TitleNames { by_stem }
    }

    /// The fiche a text names: by its title's head, or without a title by the role it states
    /// ([`role_phrase`]); `folded` and `tokens` are those of `title + "\n" + description`.
    pub fn named(&self, title: &str, folded: &Folded, tokens: &[Token]) -> Option<Named> {
        let head_end = title_head_end(title);
        let mut head: Vec<u32> = (tokens.iter())
            .take_while(|t| (t.end as usize) <= head_end)
            .map(|t| t.stem)
            .collect();
        if head.is_empty() {
            let (a, b) = role_phrase(&folded.text)?;
            let (a, b) = (folded.orig(a), folded.orig(b));
            head.extend(
                (tokens.iter())
                    .filter(|t| a <= t.start as usize && t.end as usize <= b)
                    .map(|t| t.stem),
            );
        }
        self.fiche(&head)
    }

    /// The fiches of all forms whose stems all occur in `stems`, however long (forms of
    /// several fiches left out).
    pub fn fiches_within<'a>(&'a self, stems: &'a [u32]) -> impl Iterator<Item = usize> + 'a {
        (stems.iter())
            .filter_map(|s| self.by_stem.get(s))
            .flatten()
            .filter(|(form, f)| *f != u32::MAX && form.iter().all(|x| stems.contains(x)))
            .map(|&(_, f)| f as usize)
    }

    /// The fiche of the longest form whose stems all occur in a title's `head` and make at
    /// least half of them; none when no form, or forms of that length of several fiches, do.
    fn fiche(&self, head: &[u32]) -> Option<Named> {
        let mut best: Option<(usize, u32)> = None;
        for s in head {
            for (stems, f) in self.by_stem.get(s).map_or(&[][..], |v| v.as_slice()) {
                if !stems.iter().all(|x| head.contains(x)) {
                    continue;
                }
                best = match best {
                    Some((n, g)) if n == stems.len() && g != *f => Some((n, u32::MAX)),
                    Some((n, _)) if n >= stems.len() => best,
                    _ => Some((stems.len(), *f)),
                };
            }
        }
        // The form must say half of the head ("Architecte" does not name "Architecte réseaux
        // et sécurité"), and more than half to be believed against an unsure model.
        let mut distinct = head.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        best.filter(|&(n, f)| 2 * n >= distinct.len() && f != u32::MAX)
            .map(|(n, f)| Named {
                fiche: f as usize,
                most: 2 * n > distinct.len(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::{gender_forms, Named, TitleNames};

    /// Forms {1, 2} of fiche 7, {1} of fiche 8, {3} of several fiches, each under its rarest
    /// stem.
    fn names() -> TitleNames {
        let mut by_stem = crate::norm::FxMap::default();
        by_stem.insert(2, vec![(vec![1, 2], 7)]);
        by_stem.insert(1, vec![(vec![1], 8)]);
        by_stem.insert(3, vec![(vec![3], u32::MAX)]);
        TitleNames { by_stem }
    }

    #[test]
    fn a_head_is_named_by_its_longest_form_making_half_of_it() {
        let n = names();
        let named = |head: &[u32]| n.fiche(head);
        assert_eq!(
            named(&[1, 2, 5]),
            Some(Named {
                fiche: 7,
                most: true
            })
        );
        assert_eq!(
            named(&[1, 2, 5, 6]),
            Some(Named {
                fiche: 7,
                most: false
            })
        );
        assert_eq!(
            named(&[1, 5]),
            Some(Named {
                fiche: 8,
                most: false
            })
        );
        assert_eq!(named(&[1, 5, 6]), None);
        // A form of several fiches names none.
        assert_eq!(named(&[3]), None);
        // Every form held, however short, and none of several fiches.
        let mut within: Vec<usize> = n.fiches_within(&[3, 1, 2, 9]).collect();
        within.sort_unstable();
        assert_eq!(within, [7, 8]);
        assert_eq!(n.fiches_within(&[2, 9]).count(), 0);
    }

    #[test]
    fn an_appellation_has_two_gender_forms() {
        assert_eq!(
            gender_forms("Conducteur routier / Conductrice routière de transport de marchandises"),
            [
                "Conducteur routier de transport de marchandises",
                "Conductrice routière de transport de marchandises"
            ]
        );
        assert_eq!(gender_forms("Serveur / Serveuse"), ["Serveur", "Serveuse"]);
        assert_eq!(gender_forms("Cariste d'entrepôt"), ["Cariste d'entrepôt"]);
        assert!(super::carries_a_stop_word("Ingénieur du son"));
        assert!(!super::carries_a_stop_word("Commis de cuisine"));
    }

    #[test]
    fn a_title_s_head_ends_at_its_first_qualifier() {
        fn head(t: &str) -> &str {
            &t[..super::title_head_end(t)]
        }
        assert_eq!(
            head("Commis de cuisine (H/F) - Restaurant"),
            "Commis de cuisine"
        );
        assert_eq!(
            head("Employé(e) de commerce – Vendeur"),
            "Employé(e) de commerce"
        );
        assert_eq!(head("Maçon, coffreur"), "Maçon");
        assert_eq!(head("Cariste"), "Cariste");
    }

    #[test]
    fn a_role_is_read_after_its_cue() {
        fn role(t: &str) -> Option<&str> {
            super::role_phrase(t).map(|(a, b)| &t[a..b])
        }
        let t = "j'ai travaille 3 ans comme caissiere dans un hard-discount a troyes";
        assert_eq!(role(t), Some("caissiere"));
        let t = "puis je suis passee conductrice de ligne. je demarrais la trancheuse";
        assert_eq!(role(t), Some("passee conductrice de ligne"));
        let t = "j'ai ete aide-soignante, puis infirmiere";
        assert_eq!(role(t), Some("aide-soignante"));
        assert_eq!(role("je travaille comme un fou"), None);
        assert_eq!(role("rien a signaler"), None);
    }
}
