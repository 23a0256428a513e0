//! Curated surface variants of skills that stems alone cannot reach ("rigoureux" for "Faire
//! preuve de rigueur et de précision", "esprit d'équipe"), found with one Aho-Corasick
//! automaton over the folded text (case, accents, ligatures), whole words only.

use crate::catalog::Catalog;
use crate::norm::{fold_text, Folded};
use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::Anchored;

/// Variant file format: `code<TAB>variant|variant|…`, `#` comments.
pub struct Variants {
    /// The variants' automaton, run anchored from word starts only, since variants match whole
    /// words. A contiguous NFA rather than a DFA: 87 KB instead of 1.4 MB for the 486 variants,
    /// so that the states a text visits stay in cache (one core: 12 % faster in 8 alternating runs).
    nfa: Option<NFA>,
    /// Bit [`oct`] of its first eight bytes is set for each variant of eight bytes or more: a
    /// word start passes one of these filters before the automaton runs from it.
    octs: Vec<u64>,
    /// Bit [`quad`] of its first four bytes is set for each variant of four to seven bytes.
    quads: Vec<u64>,
    /// Bit `256 * first + second` is set when a variant shorter than four bytes starts with
    /// these two bytes (any second byte for a one-byte variant).
    pairs: Vec<u64>,
    skills: Vec<u32>,
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

/// A 16-bit hash of four bytes.
fn quad(b: &[u8; 4]) -> usize {
    (u32::from_le_bytes(*b).wrapping_mul(0x9e37_79b1) >> 16) as usize
}

/// A 16-bit hash of eight bytes.
fn oct(b: &[u8; 8]) -> usize {
    (u64::from_le_bytes(*b).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 48) as usize
}

/// Whether eight bytes may hold two spaces in a row (never false when they do).
fn may_hold_double_space(b: &[u8; 8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // High bit of each byte that is a space (and possibly of bytes above one).
    let s = u64::from_le_bytes(*b) ^ 0x2020_2020_2020_2020;
    let spaces = s.wrapping_sub(ONES) & !s & (ONES << 7);
    spaces & spaces >> 8 != 0
}

fn set(bits: &mut [u64], i: usize) {
    bits[i / 64] |= 1 << (i % 64);
}

fn get(bits: &[u64], i: usize) -> bool {
    bits[i / 64] & 1 << (i % 64) != 0
}

impl Variants {
    pub fn empty() -> Variants {
        Variants {
            nfa: None,
            octs: Vec::new(),
            quads: Vec::new(),
            pairs: Vec::new(),
            skills: Vec::new(),
        }
    }

    /// Reads the variant file; unknown codes and malformed lines are errors naming the line.
    pub fn parse(cat: &Catalog, text: &str) -> Result<Variants, String> {
        let (mut patterns, mut skills) = (Vec::new(), Vec::new());
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (code, vars) = line
                .split_once('\t')
                .ok_or(format!("ligne {} : code<TAB>variantes attendu", i + 1))?;
            let &skill = cat
                .skill_index
                .get(code.trim())
                .ok_or(format!("ligne {} : code inconnu « {code} »", i + 1))?;
            for v in vars.split('|').map(str::trim).filter(|v| !v.is_empty()) {
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
                patterns.push(folded);
                skills.push(skill);
            }
        }
        Variants::build(patterns, skills)
    }

    /// The automaton of folded `patterns`, the pattern `i` standing for
    /// `skills[i]`.
    fn build(patterns: Vec<String>, skills: Vec<u32>) -> Result<Variants, String> {
        let nfa = NFA::builder()
            .build(&patterns)
            .map_err(|e| format!("automate des variantes : {e}"))?;
        let table = || vec![0u64; 65536 / 64];
        let (mut octs, mut quads, mut pairs) = (table(), table(), table());
        for p in patterns.iter().map(String::as_bytes) {
            // (A variant's own runs of spaces would not compare byte for byte: none is
            // written, but such a variant would go to the four-byte filter.)
            if let Some(first) = p.first_chunk::<8>().filter(|f| !may_hold_double_space(f)) {
                set(&mut octs, oct(first));
                continue;
            }
            if let Some(first) = p.first_chunk::<4>() {
                set(&mut quads, quad(first));
                continue;
            }
            let seconds = match p {
                [] => 0..0,
                [_] => 0..256,
                [_, b, ..] => *b as usize..*b as usize + 1,
            };
            for second in seconds {
                set(&mut pairs, 256 * p[0] as usize + second);
            }
        }
        Ok(Variants {
            nfa: Some(nfa),
            octs,
            quads,
            pairs,
            skills,
        })
    }

    /// Skills whose variants occur as whole words in `folded`, with their byte spans in the
    /// original text.
    pub fn find(&self, folded: &Folded) -> Vec<(u32, [usize; 2])> {
        let mut out = Vec::new();
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
        for &from in &folded.word_starts {
            let from = from as usize;
            if from > 0 && word(bytes[from - 1]) {
                continue;
            }
            // A text whose first eight bytes hold a run of spaces may still match a long
            // variant: such a (rare) start always passes.
            let long = bytes[from..]
                .first_chunk::<8>()
                .is_some_and(|o| get(&self.octs, oct(o)) || may_hold_double_space(o));
            let mid = || {
                bytes[from..]
                    .first_chunk::<4>()
                    .is_some_and(|q| get(&self.quads, quad(q)))
            };
            let short = || {
                let second = bytes.get(from + 1).map_or(0, |&b| b as usize);
                get(&self.pairs, 256 * bytes[from] as usize + second)
            };
            if !long && !mid() && !short() {
                continue;
            }
            let (mut sid, mut read) = (start, 0);
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
                let end = to + 1;
                if nfa.is_match(sid) && (end == bytes.len() || !word(bytes[end])) {
                    // A state also holds the patterns that are suffixes of its own: those are
                    // found from their own start.
                    for i in 0..nfa.match_len(sid) {
                        let pattern = nfa.match_pattern(sid, i);
                        if nfa.pattern_len(pattern) == read {
                            found.push((end, from, pattern.as_u32()));
                        }
                    }
                }
            }
        }
        // In text order of their ends, the longer first, as a search over the whole text
        // reports them.
        found.sort_unstable();
        out.extend(found.into_iter().map(|(end, from, pattern)| {
            let span = [folded.orig(from), folded.orig(end)];
            (self.skills[pattern as usize], span)
        }));
        out
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
        let found = v.find(&fold_text(t));
        let got: Vec<(u32, &str)> = found.iter().map(|&(s, [a, b])| (s, &t[a..b])).collect();
        assert_eq!(
            got,
            vec![(1, "TRAVAILLER en autonomie"), (2, "autonomie"), (4, "C++")]
        );
        assert!(Variants::empty().find(&fold_text(t)).is_empty());
    }

    #[test]
    fn short_and_long_variants_pass_their_filters() {
        // Below four bytes the two-byte filter decides; from four, the four-byte one; from
        // eight ("power bi"), the eight-byte one; a variant sharing its first two bytes with
        // another is still found.
        let patterns = ["bi", "sql", "sqlite", "sq", "power bi", "pow"];
        let v =
            Variants::build(patterns.map(String::from).to_vec(), vec![1, 2, 3, 4, 5, 6]).unwrap();
        let t = "BI, sql; SQLite, sq power bi pow powerbi sqlx";
        let found: Vec<u32> = v.find(&fold_text(t)).iter().map(|f| f.0).collect();
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
            let found = v.find(&fold_text(t));
            let spans: Vec<&str> = found.iter().map(|&(_, [a, b])| &t[a..b]).collect();
            assert_eq!(spans, [t.trim_end_matches('.')], "{t:?}");
        }
        assert!(v.find(&fold_text("anglais\ncourant")).is_empty());
        // A run of spaces within the first eight bytes, which the eight-byte filter cannot
        // compare, lets the automaton decide.
        let v = Variants::build(vec!["bac + 5 en informatique".into()], vec![8]).unwrap();
        for t in [
            "Bac + 5 en informatique",
            "BAC  + 5 en informatique",
            "bac +\u{a0} 5 en   informatique",
        ] {
            assert_eq!(v.find(&fold_text(t)), vec![(8, [0, t.len()])], "{t:?}");
        }
        assert!(v.find(&fold_text("bac + 3 en informatique")).is_empty());
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
