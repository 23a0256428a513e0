//! Curated surface variants of skills that stems alone cannot reach ("rigoureux" for "Faire
//! preuve de rigueur et de précision", "esprit d'équipe"), found in the folded text (case,
//! accents, ligatures), whole words only: walked word by word in a trie from the first words
//! the tokenizer marks, or with one Aho-Corasick automaton run from every word (the
//! reference).
//!
//! A line whose code is [`EXCLUSION`] followed by a skill's code (`-300460`) lists passages
//! that do not support that skill although its variant or label words occur in them ("perte
//! d'autonomie" for "Faire preuve d'autonomie", "façonnage routage" for the network's
//! "Routage"): a span of that skill overlapping one of them is dropped, here for variants, by
//! the engine for labels ([`Found::excludes`]).
//!
//! A line may end with a third column, the ROME fiches its variants are right in ("les
//! toilettes" for a care assistant, not for a cleaner): such *scoped* variants are found
//! apart ([`Scoped`]), only in a text the engine reads as one of those fiches.

use crate::catalog::Catalog;
use crate::norm::{fold_text, Folded, VariantStart, Vocab};
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::Anchored;
use scoped::scope_id;
pub use scoped::Scoped;
use trie::Trie;

mod scoped;
mod trie;

/// What starts the code of a line of exclusions in the variant file (`-300460`).
pub const EXCLUSION: &str = "-";

/// Marks a pattern as an exclusion of the skill in the other bits.
const EXCLUDES: u32 = 1 << 31;

/// A word's mark ([`Vocab::mark_variant_start`]) holds, below this, one more than its node in
/// the trie of the variants, and above, one more than its rank among the first words of the
/// scoped variants ([`Scoped`]).
const SCOPED_MARK: u32 = 1 << 16;

/// Variant file format: `code<TAB>variant|variant|…`, optionally `<TAB>FICHE FICHE…` (the
/// fiches the variants are scoped to), or `-code<TAB>passage|passage|…` for exclusions
/// ([`EXCLUSION`]), `#` comments. A line may name several codes, separated by commas
/// (`-106861,495678`): its variants or passages stand for each.
#[derive(Clone)]
pub struct Variants {
    /// The variants' automaton, run anchored from every word start (variants match whole
    /// words) when the word list does not mark the variants' first words: the reference the
    /// word walk is tested against. A contiguous NFA rather than a DFA: 87 KB instead of 1.4 MB
    /// for the 486 variants, so that the states a text visits stay in cache.
    nfa: Option<NFA>,
    /// The same variants as words and the bytes between them, walked word by word from the
    /// first words the tokenizer lists ([`Variants::mark`]): the same matches as the
    /// automaton, in one step per word instead of one per byte.
    trie: Trie,
    /// The first word of each variant, scoped or not (folded, as the tokenizer splits words),
    /// once each, with its mark: one more than its node in `trie` below [`SCOPED_MARK`], one
    /// more than its rank among the scoped variants' first words above.
    marks: Vec<(String, u32)>,
    /// The vocabulary whose word list marks every word of `marks`
    /// ([`Vocab::mark_variant_start`]), if any.
    marked_in: Option<u64>,
    /// Per pattern, its skill, with [`EXCLUDES`] set for an exclusion of that skill.
    skills: Vec<u32>,
    /// The variants scoped to some fiches, apart.
    pub scoped: Scoped,
}

/// Bytes of words: ASCII letters and digits, and all bytes of non-ASCII characters.
const WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric() || b >= 0x80;
        b += 1;
    }
    t
};

impl Variants {
    pub fn empty() -> Variants {
        Variants {
            nfa: None,
            trie: Trie::default(),
            marks: Vec::new(),
            marked_in: None,
            skills: Vec::new(),
            scoped: Scoped::default(),
        }
    }

    /// Reads the variant file; unknown codes and malformed lines are errors naming the line.
    pub fn parse(cat: &Catalog, text: &str) -> Result<Variants, String> {
        let (mut patterns, mut skills) = (Vec::new(), Vec::new());
        // Those scoped to some fiches: patterns, their skill and scope, the scopes.
        let (mut scoped, mut of, mut scopes) = (Vec::new(), Vec::new(), Vec::new());
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (code, vars) = line
                .split_once('\t')
                .ok_or(format!("ligne {} : code<TAB>variantes attendu", i + 1))?;
            let (codes, flag) = match code.trim().strip_prefix(EXCLUSION) {
                Some(codes) => (codes, EXCLUDES),
                None => (code.trim(), 0),
            };
            let (vars, scope) = match vars.split_once('\t') {
                Some((vars, fiches)) => (vars, Some(scope_id(cat, &mut scopes, fiches, i, flag)?)),
                None => (vars, None),
            };
            let skills_of_line = (codes.split(',').map(str::trim))
                .map(|code| match cat.skill_index.get(code) {
                    Some(&skill) => Ok(skill | flag),
                    None => Err(format!("ligne {} : code inconnu « {code} »", i + 1)),
                })
                .collect::<Result<Vec<u32>, String>>()?;
            let variants = vars.split('|').map(str::trim).filter(|v| !v.is_empty());
            for (v, &skill) in variants.flat_map(|v| skills_of_line.iter().map(move |s| (v, s))) {
                let folded = fold_text(v).text;
                // Variants are searched from the starts of words.
                if !folded
                    .as_bytes()
                    .first()
                    .is_some_and(u8::is_ascii_alphanumeric)
                {
                    return Err(format!(
                        "ligne {} : la variante « {v} » doit commencer par une lettre ou un chiffre",
                        i + 1
                    ));
                }
                match scope {
                    Some(scope) => {
                        scoped.push(folded);
                        of.push((skill, scope));
                    }
                    None => {
                        patterns.push(folded);
                        skills.push(skill);
                    }
                }
            }
        }
        let mut v = Variants::build(patterns, skills)?;
        v.scoped = Scoped::build(&scoped, of, scopes);
        v.marks = with_scoped_marks(&v.marks, &v.scoped)?;
        let vocab = &cat.vocab;
        if vocab.variant_starts_marked() == v.marks.len()
            && v.marks
                .iter()
                .all(|(w, m)| vocab.variant_start_mark(w) == *m)
        {
            v.marked_in = Some(cat.vocab.id());
        }
        Ok(v)
    }

    /// Marks the variants' first words in the catalog's word list (and only them), so that its
    /// tokenizer lists where variants may start and the node they lead to ([`Variants::find`]).
    pub fn mark(&mut self, cat: &mut Catalog) {
        cat.vocab.clear_variant_starts();
        for (w, m) in &self.marks {
            cat.vocab.mark_variant_start(&cat.norm, w, *m);
        }
        self.marked_in = Some(cat.vocab.id());
    }

    /// Whether the tokenizer of `vocab` lists the words where these variants may start.
    pub fn marked_in(&self, vocab: &Vocab) -> bool {
        self.marked_in == Some(vocab.id())
    }

    /// The automaton of folded `patterns`, the pattern `i` standing for
    /// `skills[i]`.
    fn build(patterns: Vec<String>, skills: Vec<u32>) -> Result<Variants, String> {
        let nfa = NFA::builder()
            .build(&patterns)
            .map_err(|e| format!("automate des variantes : {e}"))?;
        let mut trie = trie::Builder::default();
        for (i, p) in patterns.iter().enumerate() {
            trie.insert(p, i as u32);
        }
        let (firsts, trie) = trie.build();
        let marks = firsts.into_iter().map(|(w, node)| (w, node + 1)).collect();
        Ok(Variants {
            nfa: Some(nfa),
            trie,
            marks,
            marked_in: None,
            skills,
            scoped: Scoped::default(),
        })
    }

    /// Skills whose variants occur as whole words in `folded` outside the exclusions, with
    /// their byte spans in the original text ([`Variants::find_all`]).
    pub fn find(&self, folded: &Folded, starts: Option<&[VariantStart]>) -> Vec<(u32, [usize; 2])> {
        self.find_all(folded, starts).hits
    }

    /// The variants and the exclusions that occur as whole words in `folded`, with their byte
    /// spans in the original text; a variant overlapping an exclusion of its skill is left
    /// out. `starts`: the
    /// words where variants may start, as the tokenizer listed them with the node each leads
    /// to (see [`Variants::marked_in`]); without it the automaton runs from every word.
    pub fn find_all(&self, folded: &Folded, starts: Option<&[VariantStart]>) -> Found {
        let mut out = Found::default();
        let Some(nfa) = &self.nfa else {
            return out;
        };
        let Ok(start) = nfa.start_state(Anchored::Yes) else {
            return out;
        };
        let bytes = folded.text.as_bytes();
        let word = |b: u8| WORD[b as usize];
        let mut found = Vec::new();
        // Variants start with a letter or a digit: at a word start of the tokenizer, unless
        // glued to a non-ASCII symbol (a word byte here).
        let glued = |from: usize| from > 0 && word(bytes[from - 1]);
        match starts {
            Some(starts) => {
                for v in starts.iter().filter(|v| !glued(v.at as usize)) {
                    // The word was read: go on from its node, if it starts a variant here.
                    let mark = v.mark % SCOPED_MARK;
                    if mark != 0 {
                        self.trie
                            .walk(folded, &VariantStart { mark, ..*v }, &mut found);
                    }
                }
            }
            None => {
                for &from in folded.word_starts.iter().filter(|&&f| !glued(f as usize)) {
                    let from = from as usize;
                    walk(nfa, bytes, from, start, &mut found);
                }
            }
        }
        // In text order of their ends, the longer first, as a search over the whole text
        // reports them.
        found.sort_unstable();
        let skill = |pattern: u32| self.skills[pattern as usize];
        let span = |from: usize, end: usize| [folded.orig(from), folded.orig(end)];
        out.excluded.extend(
            found
                .iter()
                .filter(|f| skill(f.2) & EXCLUDES != 0)
                .map(|&(end, from, pattern)| (skill(pattern) & !EXCLUDES, span(from, end))),
        );
        for (end, from, pattern) in found {
            let (skill, s) = (skill(pattern), span(from, end));
            if skill & EXCLUDES == 0 && !out.excludes(skill, s) {
                out.hits.push((skill, s));
            }
        }
        out
    }
}

/// What [`Variants::find_all`] finds in a text.
#[derive(Debug, Default, PartialEq)]
pub struct Found {
    /// Skills whose variants occur outside their exclusions, with their spans, in text order
    /// of their ends (the longer first).
    pub hits: Vec<(u32, [usize; 2])>,
    /// The exclusions that occur: a skill and a passage that does not support it.
    pub excluded: Vec<(u32, [usize; 2])>,
}

impl Found {
    /// Whether `span`, asserting `skill`, overlaps a passage excluded for that skill.
    pub fn excludes(&self, skill: u32, [from, end]: [usize; 2]) -> bool {
        self.excluded
            .iter()
            .any(|&(s, [a, b])| s == skill && a < end && from < b)
    }
}

/// The marks of the main trie's first words (`firsts`, each one more than its node) merged
/// with the scoped variants' first words (one more than their rank, above [`SCOPED_MARK`]).
fn with_scoped_marks(
    firsts: &[(String, u32)],
    scoped: &Scoped,
) -> Result<Vec<(String, u32)>, String> {
    let mut marks: std::collections::BTreeMap<&str, u32> = Default::default();
    for (w, m) in firsts {
        if *m >= SCOPED_MARK {
            return Err("automate des variantes : trop de nœuds".into());
        }
        *marks.entry(w).or_default() |= m;
    }
    for (rank, w) in scoped.firsts().enumerate() {
        let m = u32::try_from(rank + 1).ok().filter(|&m| m < SCOPED_MARK);
        let m = m.ok_or("variantes par fiche : trop de premiers mots")?;
        *marks.entry(w).or_default() |= m * SCOPED_MARK;
    }
    Ok(marks.into_iter().map(|(w, m)| (w.to_string(), m)).collect())
}

/// Runs the automaton from `from` in its start state `sid` (runs of spaces read as one), and
/// records in `found` the variants that end a whole word: `(end, from, pattern)`.
fn walk(
    nfa: &NFA,
    bytes: &[u8],
    from: usize,
    mut sid: StateID,
    found: &mut Vec<(usize, usize, u32)>,
) {
    let mut record = |sid: StateID, end: usize, read: usize| {
        if nfa.is_match(sid) && (end == bytes.len() || !WORD[bytes[end] as usize]) {
            // A state also holds the patterns that are suffixes of its own: those are
            // found from their own start.
            for i in 0..nfa.match_len(sid) {
                let pattern = nfa.match_pattern(sid, i);
                if nfa.pattern_len(pattern) == read {
                    found.push((end, from, pattern.as_u32()));
                }
            }
        }
    };
    let mut read = 0;
    for (to, &b) in bytes.iter().enumerate().skip(from) {
        // A run of spaces reads as one ("anglais  courant").
        if b == b' ' && bytes[to - 1] == b' ' {
            continue;
        }
        sid = nfa.next_state(Anchored::Yes, sid, b);
        read += 1;
        if nfa.is_dead(sid) {
            break;
        }
        record(sid, to + 1, read);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Variants match whole words only, overlapping ones included, each with its own span
    /// (a variant that ends another one is not reported from the longer one's start).
    #[test]
    fn variants_match_whole_words_with_their_own_spans() {
        let patterns = ["travailler en autonomie", "autonomie", "autonome", "c++"];
        let v = Variants::build(patterns.map(String::from).to_vec(), vec![1, 2, 3, 4]).unwrap();
        // A word glued to a non-ASCII symbol ("€autonomie") is no whole word here.
        let t = "Savoir TRAVAILLER en autonomie ; autonomes, hétéronomie, C++. €autonomie";
        let found = v.find(&fold_text(t), None);
        let got: Vec<(u32, &str)> = found.iter().map(|&(s, [a, b])| (s, &t[a..b])).collect();
        assert_eq!(
            got,
            vec![(1, "TRAVAILLER en autonomie"), (2, "autonomie"), (4, "C++")]
        );
        assert!(Variants::empty().find(&fold_text(t), None).is_empty());
    }

    #[test]
    fn a_variant_overlapping_its_skill_s_exclusion_is_dropped_and_only_there() {
        let patterns = [
            "autonomie",
            "perte d'autonomie",
            "autonomie stratégique",
            "travailler en autonomie",
            "politique de sécurité",
            "sécurité routière",
        ];
        let skills = vec![2, 2 | EXCLUDES, 2 | EXCLUDES, 1, 3, 3 | EXCLUDES];
        let v = Variants::build(patterns.map(|p| fold_text(p).text).to_vec(), skills).unwrap();
        let t = "Aide aux personnes en perte d'autonomie. Autonomie stratégique du groupe. \
                 Vous savez travailler en autonomie ; autonomie exigée. La politique de \
                 sécurité routière et la politique de sécurité du SI.";
        let found = v.find_all(&fold_text(t), None);
        let got: Vec<(u32, &str)> = found
            .hits
            .iter()
            .map(|&(s, [a, b])| (s, &t[a..b]))
            .collect();
        // The exclusion of skill 2 does not touch skill 1's span inside it; skill 3's span
        // overlaps its exclusion without lying inside it.
        assert_eq!(
            got,
            vec![
                (1, "travailler en autonomie"),
                (2, "autonomie"),
                (2, "autonomie"),
                (3, "politique de sécurité")
            ]
        );
        assert_eq!(found.excluded.len(), 3);
        assert!(found.excludes(2, found.excluded[0].1) && !found.excludes(1, found.excluded[0].1));
    }

    #[test]
    fn variants_sharing_their_first_bytes_are_each_found_whole() {
        // Short and long variants sharing their first bytes ("sq", "sql", "sqlite"; "pow",
        // "power bi") are each found where they are whole words, and only there.
        let patterns = ["bi", "sql", "sqlite", "sq", "power bi", "pow"];
        let v =
            Variants::build(patterns.map(String::from).to_vec(), vec![1, 2, 3, 4, 5, 6]).unwrap();
        let t = "BI, sql; SQLite, sq power bi pow powerbi sqlx";
        let found: Vec<u32> = v.find(&fold_text(t), None).iter().map(|f| f.0).collect();
        assert_eq!(found, vec![1, 2, 3, 4, 5, 1, 6]);
    }

    #[test]
    fn spaces_in_a_variant_match_no_break_spaces_and_runs_of_spaces() {
        let v = Variants::build(vec!["anglais courant".into()], vec![7]).unwrap();
        for t in [
            "Anglais\u{a0}courant.",
            "anglais  courant",
            "anglais\u{202f} courant",
        ] {
            let found = v.find(&fold_text(t), None);
            let spans: Vec<&str> = found.iter().map(|&(_, [a, b])| &t[a..b]).collect();
            assert_eq!(spans, [t.trim_end_matches('.')], "{t:?}");
        }
        assert!(v.find(&fold_text("anglais\ncourant"), None).is_empty());
        // A run of spaces anywhere in the variant, its first bytes included.
        let v = Variants::build(vec!["bac + 5 en informatique".into()], vec![8]).unwrap();
        for t in [
            "Bac + 5 en informatique",
            "BAC  + 5 en informatique",
            "bac +\u{a0} 5 en   informatique",
        ] {
            assert_eq!(
                v.find(&fold_text(t), None),
                vec![(8, [0, t.len()])],
                "{t:?}"
            );
        }
        assert!(v
            .find(&fold_text("bac + 3 en informatique"), None)
            .is_empty());
    }

    #[test]
    fn folded_offsets_map_back_to_the_original() {
        let t = "Être rigoureux, Œuvre";
        let f = fold_text(t);
        assert_eq!(f.text, "etre rigoureux, oeuvre");
        let i = f.text.find("rigoureux").unwrap();
        let (a, b) = (f.orig(i), f.orig(i + "rigoureux".len()));
        assert_eq!(&t[a..b], "rigoureux");
        let j = f.text.find("oeuvre").unwrap();
        assert_eq!(&t[f.orig(j)..], "Œuvre");
        // Both bytes of "oe" belong to "Œ"; the end maps to the end.
        assert_eq!((f.orig(j + 1), f.orig(f.text.len())), (f.orig(j), t.len()));
    }

    #[test]
    fn folded_text_is_the_domain_fold() {
        let t = "SQL, C++ & Ça: Ærø — l’ÉTÉ 2024\tİ ß";
        let f = fold_text(t);
        assert_eq!(f.text, tremplin_domain::text::fold(t));
        // Every character start of the folded text maps to a character start of the original.
        for (p, _) in f.text.char_indices() {
            assert!(t.is_char_boundary(f.orig(p)), "{p}");
        }
    }
}
