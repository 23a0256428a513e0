//! French normalisation: words with their byte spans, folded (case, accents, ligatures),
//! elisions dropped, stop words marked, and stemmed with the Snowball French stemmer.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use tremplin_domain::text::fold_char;

/// A small, fast, non-cryptographic hasher (FxHash) for the vocabulary maps.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut v = [0u8; 8];
            v[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(v))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write_u64(i as u64);
    }
    fn write_u32(&mut self, i: u32) {
        self.write_u64(i as u64);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u128(&mut self, i: u128) {
        self.write_u64(i as u64);
        self.write_u64((i >> 64) as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// French function words (folded) that never carry a skill on their own; elided forms
/// (`l'`, `d'`, `qu'`...) are in the list as their one- or two-letter heads.
const STOP: &[&str] = &[
    "a", "au", "aux", "avec", "c", "ce", "ces", "cet", "cette", "d", "dans", "de", "des", "du",
    "elle", "en", "est", "et", "etre", "f", "h", "il", "ils", "j", "je", "l", "la", "le", "les",
    "leur", "leurs", "lui", "m", "ma", "mes", "mon", "n", "ne", "nos", "notre", "nous", "on", "ou",
    "par", "pas", "plus", "pour", "qu", "que", "qui", "s", "sa", "se", "ses", "si", "son", "sont",
    "sur", "t", "ta", "tes", "ton", "tous", "tout", "toute", "toutes", "un", "une", "vos", "votre",
    "vous", "y", "x", "ainsi", "afin", "etc", "tres", "bien", "comme",
];

/// Longest stop word, in bytes.
const STOP_MAX: usize = 6;

/// A word of at most [`STOP_MAX`] bytes packed into an integer, its length first: distinct
/// words give distinct integers.
fn pack(w: &[u8]) -> u64 {
    w.iter().fold(w.len() as u64, |h, &b| (h << 8) | b as u64)
}

pub fn is_stop(folded: &str) -> bool {
    static PACKED: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    if folded.len() > STOP_MAX {
        return false;
    }
    let packed = PACKED.get_or_init(|| {
        let mut v: Vec<u64> = STOP.iter().map(|w| pack(w.as_bytes())).collect();
        v.sort_unstable();
        v
    });
    packed.binary_search(&pack(folded.as_bytes())).is_ok()
}

/// One word of a text: its byte span in the original text and its folded form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    /// True at the first word after a line break or sentence punctuation.
    pub sentence_start: bool,
}

/// A folded copy of a text (case, accents, ligatures: [`fold_char`]) with, for each folded
/// byte, the byte offset of its character in the original.
pub struct Folded {
    pub text: String,
    pub offsets: Vec<u32>,
}

/// Folds a text once, for both the tokenizer and the variant search.
pub fn fold_with_offsets(text: &str) -> Folded {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len() + 1);
    let mut i = 0;
    while i < bytes.len() {
        // A run of ASCII characters, folded in bulk: `fold_char` of one is its lower case.
        let run = bytes[i..]
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(bytes.len() - i);
        if run > 0 {
            let from = out.len();
            out.push_str(&text[i..i + run]);
            out[from..].make_ascii_lowercase();
            offsets.extend(i as u32..(i + run) as u32);
            i += run;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or_default();
        match fold_char(c) {
            (a, None) if a.is_ascii() => {
                out.push(a);
                offsets.push(i as u32);
            }
            (a, b) => {
                for x in std::iter::once(a).chain(b) {
                    out.push(x);
                    offsets.extend(std::iter::repeat_n(i as u32, x.len_utf8()));
                }
            }
        }
        i += c.len_utf8().max(1);
    }
    offsets.push(text.len() as u32);
    Folded { text: out, offsets }
}

/// Calls `f(word, folded)` for each alphanumeric word of `text`, in order. Apostrophes and
/// hyphens split words, so elisions (`d'`, `l'`) become their own (stop) words.
pub fn for_each_word(text: &str, f: impl FnMut(Word, &str)) {
    for_each_folded_word(&fold_with_offsets(text), f)
}

/// [`for_each_word`] over an already folded text; spans are in the original text.
pub fn for_each_folded_word(folded: &Folded, mut f: impl FnMut(Word, &str)) {
    let (text, offsets) = (folded.text.as_str(), &folded.offsets);
    let bytes = text.as_bytes();
    let mut start = None;
    let mut boundary = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            start.get_or_insert(i);
            i += 1;
            continue;
        }
        let (c, len) = if b.is_ascii() {
            (b as char, 1)
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            (c, c.len_utf8().max(1))
        };
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else {
            if let Some(s) = start.take() {
                let w = Word {
                    start: offsets[s] as usize,
                    end: offsets[i] as usize,
                    sentence_start: boundary,
                };
                f(w, &text[s..i]);
                boundary = false;
            }
            if matches!(c, '\n' | '.' | ';' | '!' | '?' | '•' | ':' | '·' | '*') {
                boundary = true;
            }
        }
        i += len;
    }
    if let Some(s) = start {
        let w = Word {
            start: offsets[s] as usize,
            end: offsets[bytes.len()] as usize,
            sentence_start: boundary,
        };
        f(w, &text[s..]);
    }
}

/// Stems a folded word.
pub struct Normaliser {
    stemmer: Stemmer,
}

impl Default for Normaliser {
    fn default() -> Self {
        Normaliser {
            stemmer: Stemmer::create(Algorithm::French),
        }
    }
}

impl Normaliser {
    /// Stem of a folded word. Words of 3 letters or less, and words holding digits, are kept
    /// whole (acronyms, versions: `sql`, `sap`, `iso9001`).
    pub fn stem(&self, folded: &str) -> String {
        if folded.len() <= 3 || folded.bytes().any(|b| b.is_ascii_digit()) {
            return folded.to_string();
        }
        // Stems the Snowball stemmer merges although their senses differ in job offers.
        if folded.starts_with("equipement") {
            return "equipement".into();
        }
        if folded.starts_with("assur") && !folded.starts_with("assuranc") {
            return "assurer".into();
        }
        let s = self.stemmer.stem(folded);
        // Snowball keeps some feminine/plural endings apart; fold them for robustness.
        let s = s.trim_end_matches('e');
        s.to_string()
    }

    /// Content stems of a phrase (stop words dropped), e.g. a skill label.
    pub fn content_stems(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_word(text, |_, w| {
            if !is_stop(w) {
                out.push(self.stem(w));
            }
        });
        out
    }
}

/// Folded word → stem id. Words of at most 15 bytes are keyed by an integer (compared without
/// a string comparison), longer ones by their text.
#[derive(Default)]
struct WordMap {
    short: FxMap<u128, u32>,
    long: FxMap<String, u32>,
}

impl WordMap {
    /// The word packed into an integer, its length first (distinct words, distinct keys).
    fn key(w: &str) -> Option<u128> {
        (w.len() < 16).then(|| w.bytes().fold(w.len() as u128, |h, b| (h << 8) | b as u128))
    }

    fn get(&self, w: &str) -> Option<&u32> {
        match Self::key(w) {
            Some(k) => self.short.get(&k),
            None => self.long.get(w),
        }
    }

    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    fn insert(&mut self, w: String, id: u32) {
        match Self::key(&w) {
            Some(k) => self.short.insert(k, id),
            None => self.long.insert(w, id),
        };
    }
}

/// Interned stems: folded word → stem id, stem string → id.
pub struct Vocab {
    /// Unique per vocabulary (keys the per-thread stem cache).
    id: u64,
    word_to_stem: WordMap,
    stem_ids: FxMap<String, u32>,
    pub stems: Vec<String>,
}

/// A word of a text mapped to the vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub stem: u32,
    pub start: u32,
    pub end: u32,
    pub sentence: u32,
}

pub const UNKNOWN: u32 = u32::MAX;

/// What the word list maps a French stop word to: one lookup tells a stop word, a known word
/// and a word to stem apart.
const STOP_ID: u32 = u32::MAX - 1;

/// Words outside the vocabulary's word list, stemmed once per thread (bounded).
const CACHE_MAX: usize = 200_000;

thread_local! {
    static STEM_CACHE: std::cell::RefCell<(usize, WordMap)> = std::cell::RefCell::new((0, WordMap::default()));
}

impl Default for Vocab {
    fn default() -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let mut word_to_stem = WordMap::default();
        for w in STOP {
            word_to_stem.insert(w.to_string(), STOP_ID);
        }
        Vocab {
            id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            word_to_stem,
            stem_ids: FxMap::default(),
            stems: Vec::new(),
        }
    }
}

impl Vocab {
    /// Stem id of a folded word not in the word list, through a per-thread cache keyed by the
    /// vocabulary's id and size (so two vocabularies, or one that grew, never share entries).
    fn stem_cached(&self, norm: &Normaliser, folded: &str) -> u32 {
        let me = (self.id as usize) << 24 ^ self.stems.len();
        STEM_CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.0 != me {
                *c = (me, WordMap::default());
            }
            if let Some(&id) = c.1.get(folded) {
                return id;
            }
            let id = self.stem_id(&norm.stem(folded)).unwrap_or(UNKNOWN);
            if c.1.len() < CACHE_MAX {
                c.1.insert(folded.to_string(), id);
            }
            id
        })
    }

    /// Id of a stem, interning it.
    pub fn intern_stem(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.stem_ids.get(stem) {
            return id;
        }
        let id = self.stems.len() as u32;
        self.stems.push(stem.to_string());
        self.stem_ids.insert(stem.to_string(), id);
        id
    }

    pub fn stem_id(&self, stem: &str) -> Option<u32> {
        self.stem_ids.get(stem).copied()
    }

    /// Interns every content word of `text` (remembering word → stem) and returns their ids.
    pub fn learn(&mut self, norm: &Normaliser, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        let mut words = Vec::new();
        for_each_word(text, |_, w| {
            if !is_stop(w) {
                words.push(w.to_string());
            }
        });
        for w in words {
            let id = match self.word_to_stem.get(&w) {
                Some(&id) => id,
                None => {
                    let id = self.intern_stem(&norm.stem(&w));
                    self.word_to_stem.insert(w, id);
                    id
                }
            };
            out.push(id);
        }
        out
    }

    /// Content tokens of a text (stop words dropped). Words never seen by [`Vocab::learn`] are
    /// stemmed on the fly; stems outside the vocabulary get [`UNKNOWN`].
    pub fn tokens(&self, norm: &Normaliser, text: &str) -> Vec<Token> {
        self.tokens_counted(norm, &fold_with_offsets(text)).0
    }

    /// [`Vocab::tokens`] of an already folded text, with the number of words and of French
    /// stop words seen.
    pub fn tokens_counted(&self, norm: &Normaliser, text: &Folded) -> (Vec<Token>, usize, usize) {
        let mut out = Vec::with_capacity(text.text.len() / 6);
        let mut sentence = 0u32;
        let (mut words, mut stops) = (0, 0);
        for_each_folded_word(text, |w, folded| {
            words += 1;
            if w.sentence_start {
                sentence += 1;
            }
            let stem = match self.word_to_stem.get(folded) {
                Some(&STOP_ID) => {
                    stops += 1;
                    return;
                }
                Some(&id) => id,
                None => self.stem_cached(norm, folded),
            };
            out.push(Token {
                stem,
                start: w.start as u32,
                end: w.end as u32,
                sentence,
            });
        });
        (out, words, stops)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_map_keeps_short_and_long_words_apart() {
        let mut m = WordMap::default();
        let words = [
            "",
            "a",
            "\0a",
            "ab",
            "ba",
            "abcdefghijklmno",
            "abcdefghijklmnop",
        ];
        for (i, w) in words.iter().enumerate() {
            m.insert(w.to_string(), i as u32);
        }
        assert_eq!(m.len(), words.len());
        for (i, w) in words.iter().enumerate() {
            assert_eq!(m.get(w), Some(&(i as u32)), "{w}");
        }
        assert_eq!(m.get("abc"), None);
    }

    #[test]
    fn stop_words_are_exactly_the_list() {
        assert!(STOP.iter().all(|w| is_stop(w) && w.len() <= STOP_MAX));
        for w in ["", "ab", "dest", "etres", "toutesx", "leu", "vo", "comment"] {
            assert_eq!(is_stop(w), STOP.contains(&w), "{w}");
        }
    }

    #[test]
    fn words_keep_byte_spans_and_fold() {
        let text = "Ingénieur d’études Œnologie";
        let mut got = Vec::new();
        for_each_word(text, |w, f| {
            got.push((&text[w.start..w.end], f.to_string()))
        });
        assert_eq!(
            got,
            vec![
                ("Ingénieur", "ingenieur".to_string()),
                ("d", "d".to_string()),
                ("études", "etudes".to_string()),
                ("Œnologie", "oenologie".to_string())
            ]
        );
    }

    #[test]
    fn stems_merge_plural_feminine_and_accents() {
        let n = Normaliser::default();
        assert_eq!(
            n.content_stems("Bases de données"),
            n.content_stems("BASE DE DONNEES")
        );
        assert_eq!(n.stem("administration"), n.stem("administrer"));
        assert_eq!(n.stem("informatiques"), n.stem("informatique"));
        assert_eq!(n.content_stems("l'équipe"), vec![n.stem("equipe")]);
        assert_eq!(n.stem("equipement"), n.stem("equipements"));
        assert_eq!(n.stem("sql"), "sql");
        assert_ne!(n.stem("equipe"), n.stem("equipements"));
        assert_ne!(n.stem("assurer"), n.stem("assurances"));
    }

    #[test]
    fn tokens_mark_sentences_and_unknown_stems() {
        let n = Normaliser::default();
        let mut v = Vocab::default();
        v.learn(&n, "gestion de projet");
        let t = v.tokens(&n, "Gestion des projets.\nZyxw gestion");
        assert_eq!(t.len(), 4);
        assert_eq!(t[0].stem, t[3].stem);
        assert_eq!(t[2].stem, UNKNOWN);
        assert!(t[2].sentence > t[0].sentence);
        assert_eq!((t[1].start, t[1].end), (12, 19));
    }
}
