//! French normalisation: words with their byte spans, folded (case, accents, ligatures),
//! elisions dropped, stop words marked, and stemmed with the Snowball French stemmer.

use crate::wordmap::{FoldedWord, WordMap, PAD};
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

/// A folded copy of a text (case, accents, ligatures: [`fold_char`]), and where its
/// non-ASCII characters were (folding changes byte lengths only there).
pub struct Folded {
    pub text: String,
    /// Where each word starts in `text`.
    pub word_starts: Vec<u32>,
    /// Per non-ASCII character, in order: its start in the folded and in the original text,
    /// and its length in each.
    shifts: Vec<Shift>,
}

#[derive(Clone, Copy)]
struct Shift {
    folded: u32,
    orig: u32,
    folded_len: u32,
    orig_len: u32,
}

impl Folded {
    /// Offset in the original text of folded byte `pos` (of the character it belongs to).
    pub fn orig(&self, pos: usize) -> usize {
        let pos = pos as u32;
        let k = self.shifts.partition_point(|s| s.folded <= pos);
        let Some(s) = k.checked_sub(1).map(|k| self.shifts[k]) else {
            return pos as usize;
        };
        let past = pos - s.folded;
        let orig = if past < s.folded_len {
            s.orig
        } else {
            s.orig + s.orig_len + past - s.folded_len
        };
        orig as usize
    }
}

/// What a byte is to the tokenizer: part of an ASCII word, an ASCII sentence end, or another
/// ASCII byte.
const OTHER: u8 = 0;
const ALNUM: u8 = 1;
const SENTENCE_END: u8 = 2;

const CLASS: [u8; 128] = {
    let mut t = [OTHER; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = ALNUM;
        } else if matches!(c, b'\n' | b'.' | b';' | b'!' | b'?' | b':' | b'*') {
            t[b] = SENTENCE_END;
        }
        b += 1;
    }
    t
};

fn ends_sentence(c: char) -> bool {
    matches!(c, '\n' | '.' | ';' | '!' | '?' | '•' | ':' | '·' | '*')
}

/// Appends the lower case of the ASCII bytes other than `&` that start `bytes` to `out`, eight
/// at a time where it can; returns how many there were. (An `&` may start a character
/// reference: [`crate::entities`].)
fn fold_ascii_run(bytes: &[u8], out: &mut Vec<u8>) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut n = 0;
    for chunk in bytes.chunks_exact(8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // A zero byte of `x ^ b'&'…` (high bit of `(v - 1) & !v`, exact below the first).
        let amp = x ^ (ONES * b'&' as u64);
        if (x | (amp.wrapping_sub(ONES) & !amp)) & HIGH != 0 {
            break;
        }
        // Per byte, the high bit of `b + 0x3f` is `b >= b'A'`, of `b + 0x25` is `b > b'Z'`
        // (no carry between bytes below 0x80); an upper-case letter gains 0x20.
        let upper = (x + 0x3f3f_3f3f_3f3f_3f3f) & !(x + 0x2525_2525_2525_2525) & HIGH;
        out.extend_from_slice(&(x | upper >> 2).to_le_bytes());
        n += 8;
    }
    let tail = (bytes[n..].iter())
        .take_while(|&&b| b.is_ascii() && b != b'&')
        .count();
    out.extend(bytes[n..n + tail].iter().map(u8::to_ascii_lowercase));
    n + tail
}

/// Length of the run of ASCII letters and digits that starts `ascii` (all ASCII), read eight
/// bytes at a time where it can.
fn alnum_prefix(ascii: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Per byte below 0x80: high bit set when the byte is at least `c`.
    let at_least = |x: u64, c: u8| x + u64::from_le_bytes([0x80 - c; 8]);
    let mut n = 0;
    for chunk in ascii.chunks_exact(8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let digit = at_least(x, b'0') & !at_least(x, b'9' + 1);
        // `| 0x20` lower-cases letters and maps no other byte onto a lower-case letter.
        let y = x | 0x2020_2020_2020_2020;
        let letter = at_least(y, b'a') & !at_least(y, b'z' + 1);
        let other = !(digit | letter) & HIGH;
        if other != 0 {
            return n + (other.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + ascii[n..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count()
}

/// The word being read, and where the words read started in the folded text.
struct Scan {
    starts: Vec<u32>,
    /// The current word's start in the folded and in the original text.
    word: Option<(usize, usize)>,
    /// The next word starts a sentence.
    boundary: bool,
}

impl Scan {
    /// Ends the current word, if any, at `folded_end` in `out` and `end` in the original.
    #[inline(always)]
    fn end_word(
        &mut self,
        out: &[u8],
        folded_end: usize,
        end: usize,
        f: &mut impl FnMut(Word, FoldedWord),
    ) {
        if let Some((folded, start)) = self.word.take() {
            let w = Word {
                start,
                end,
                sentence_start: self.boundary,
            };
            f(w, FoldedWord::new(out, folded, folded_end));
            self.starts.push(folded as u32);
            self.boundary = false;
        }
    }
}

/// Zeros kept past the folded text while it is written, so that every word has [`PAD`] bytes
/// from its start ([`FoldedWord`]).
const ZEROS: [u8; PAD] = [0; PAD];

/// Folds `text` ([`fold_char`]) and calls `f(word, folded)` for each alphanumeric word, in
/// order, in one pass. Apostrophes and hyphens split words, so elisions (`d'`, `l'`) become
/// their own (stop) words. Word spans are in the original text; the folded word is UTF-8.
pub fn fold_words(text: &str, mut f: impl FnMut(Word, FoldedWord)) -> Folded {
    let bytes = text.as_bytes();
    // Always ends with `ZEROS`, past the folded text written so far.
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len() + PAD + 8);
    out.extend_from_slice(&ZEROS);
    // One shift per non-ASCII character: a few per hundred bytes of French.
    let mut shifts = Vec::with_capacity(bytes.len() / 16);
    let mut s = Scan {
        starts: Vec::with_capacity(bytes.len() / 4),
        word: None,
        boundary: true,
    };
    let mut i = 0;
    while i < bytes.len() {
        // A run of ASCII, folded in bulk, then read for words.
        let from = out.len() - PAD;
        out.truncate(from);
        let end = i + fold_ascii_run(&bytes[i..], &mut out);
        out.extend_from_slice(&ZEROS);
        let folded = |j: usize| from + j - i;
        let mut j = i;
        while j < end {
            // (`& 127`: an ASCII run, and no bounds check.)
            let class = CLASS[bytes[j] as usize & 127];
            if class == ALNUM {
                s.word.get_or_insert((folded(j), j));
                j += alnum_prefix(&bytes[j..end]);
                continue;
            }
            s.end_word(&out, folded(j), j, &mut f);
            s.boundary |= class == SENTENCE_END;
            j += 1;
        }
        i = end;
        // A character reference reads as its character, else one character.
        let Some((c, orig_len)) = crate::entities::decode(&bytes[i..])
            .or_else(|| text[i..].chars().next().map(|c| (c, c.len_utf8())))
        else {
            break;
        };
        let (a, b) = fold_char(c);
        let at = out.len() - PAD;
        for x in std::iter::once(a).chain(b) {
            let len = out.len() - PAD;
            if x.is_alphanumeric() {
                s.word.get_or_insert((len, i));
            } else {
                s.end_word(&out, len, i, &mut f);
                s.boundary |= ends_sentence(x);
            }
            out.truncate(len);
            out.extend_from_slice(x.encode_utf8(&mut [0; 4]).as_bytes());
            out.extend_from_slice(&ZEROS);
        }
        shifts.push(Shift {
            folded: at as u32,
            orig: i as u32,
            folded_len: (out.len() - PAD - at) as u32,
            orig_len: orig_len as u32,
        });
        i += orig_len;
    }
    s.end_word(&out, out.len() - PAD, text.len(), &mut f);
    out.truncate(out.len() - PAD);
    Folded {
        // Whole characters were written.
        text: String::from_utf8(out).unwrap_or_default(),
        word_starts: s.starts,
        shifts,
    }
}

/// The folded text, with its word starts and its map back to the original ([`fold_words`]).
pub fn fold_text(text: &str) -> Folded {
    fold_words(text, |_, _| {})
}

/// Calls `f(word, folded)` for each alphanumeric word of `text`, in order ([`fold_words`]).
pub fn for_each_word(text: &str, mut f: impl FnMut(Word, &str)) {
    fold_words(text, |w, folded| {
        f(w, std::str::from_utf8(folded.bytes()).unwrap_or_default())
    });
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

/// Acronyms of ROME labels (kept whole, being 3 letters or less) that the stems of frequent
/// longer French words equal: "savez" / SAV (service après-vente), "accès" / ACC, "après" /
/// APR, "aisé" / AIS, "même" / MEM, "paie" / PAI, "armées" / ARM, "débit" / DEB, "ceci" / CEC,
/// "pose" / POS, "semi" / SEM.
const ACRONYM_STEMS: [&str; 11] = [
    "sav", "acc", "apr", "ais", "mem", "pai", "arm", "deb", "cec", "pos", "sem",
];

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
        // A word the stemmer cuts down to a label's acronym ("savez" to "sav", "accès" to
        // "acc") is not that acronym ("SAV", "ACC"), kept whole above.
        if ACRONYM_STEMS.contains(&s) {
            return format!("{s}~");
        }
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
    fn stem_cached(&self, norm: &Normaliser, word: FoldedWord) -> u32 {
        let me = (self.id as usize) << 24 ^ self.stems.len();
        STEM_CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.0 != me {
                *c = (me, WordMap::default());
            }
            if let Some(id) = c.1.get_word(word) {
                return id;
            }
            let folded = std::str::from_utf8(word.bytes()).unwrap_or_default();
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

    /// Unique per vocabulary.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Marks a folded word as one a curated variant starts with, with `mark` (not 0: what
    /// [`crate::variants::Variants`] needs to go on from the word's end): [`Vocab::tokenize`]
    /// then lists where it occurs. A word outside the word list joins it with the stem it
    /// would be read as anyway, so tokens do not change.
    pub fn mark_variant_start(&mut self, norm: &Normaliser, folded: &str, mark: u32) {
        if self.word_to_stem.get(folded.as_bytes()).is_none() {
            let id = self.stem_id(&norm.stem(folded)).unwrap_or(UNKNOWN);
            self.word_to_stem.insert(folded.to_string(), id);
        }
        self.word_to_stem.mark(folded, mark);
    }

    /// The mark [`Vocab::mark_variant_start`] gave this folded word (0 for none).
    pub fn variant_start_mark(&self, folded: &str) -> u32 {
        self.word_to_stem
            .get_marked(folded.as_bytes())
            .map_or(0, |(_, mark)| mark)
    }

    /// Number of words marked as variant starts.
    pub fn variant_starts_marked(&self) -> usize {
        self.word_to_stem.marked()
    }

    /// Removes every variant-start mark.
    pub fn clear_variant_starts(&mut self) {
        self.word_to_stem.clear_marks();
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
            // (A word marked as a variant start may be there without a stem of its own.)
            let id = match self
                .word_to_stem
                .get(w.as_bytes())
                .filter(|&id| id != UNKNOWN)
            {
                Some(id) => id,
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
        self.tokenize(norm, text).tokens
    }

    /// Folds and tokenizes a text in one pass ([`fold_words`]).
    pub fn tokenize(&self, norm: &Normaliser, text: &str) -> Tokenized {
        let mut tokens = Vec::with_capacity(text.len() / 6);
        let mut sentence = 0u32;
        let (mut words, mut stops) = (0, 0);
        let mut marked = Vec::with_capacity(16);
        let folded = fold_words(text, |w, folded| {
            words += 1;
            if w.sentence_start {
                sentence += 1;
            }
            let found = self.word_to_stem.get_word_marked(folded);
            if let Some((_, mark)) = found.filter(|&(_, mark)| mark != 0) {
                marked.push(VariantStart {
                    at: words as u32 - 1,
                    end: folded.bytes().len() as u32,
                    mark,
                });
            }
            let stem = match found.map(|(id, _)| id) {
                Some(STOP_ID) => {
                    stops += 1;
                    return;
                }
                Some(id) => id,
                None => self.stem_cached(norm, folded),
            };
            tokens.push(Token {
                stem,
                start: w.start as u32,
                end: w.end as u32,
                sentence,
            });
        });
        // Word numbers and lengths become their spans in the folded text, in place.
        for v in &mut marked {
            v.at = folded.word_starts[v.at as usize];
            v.end += v.at;
        }
        Tokenized {
            folded,
            tokens,
            words,
            stops,
            variant_starts: marked,
        }
    }
}

/// A text read by [`Vocab::tokenize`].
pub struct Tokenized {
    pub folded: Folded,
    pub tokens: Vec<Token>,
    /// Words seen, and French stop words among them.
    pub words: usize,
    pub stops: usize,
    /// The words marked by [`Vocab::mark_variant_start`], in text order.
    pub variant_starts: Vec<VariantStart>,
}

/// A word marked by [`Vocab::mark_variant_start`]: its span in the folded text and its mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VariantStart {
    pub at: u32,
    pub end: u32,
    pub mark: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_exactly_the_list() {
        assert!(STOP.iter().all(|w| is_stop(w) && w.len() <= STOP_MAX));
        for w in ["", "ab", "dest", "etres", "toutesx", "leu", "vo", "comment"] {
            assert_eq!(is_stop(w), STOP.contains(&w), "{w}");
        }
    }

    #[test]
    fn ascii_runs_fold_eight_bytes_at_a_time_like_one_by_one() {
        let ascii: Vec<u8> = (0..128u8).chain(0..128).filter(|&b| b != b'&').collect();
        for cut in [0, 1, 7, 8, 9, 64, 200, 253] {
            for stop in [0xc3, b'&'] {
                let mut bytes = ascii.clone();
                bytes.insert(cut, stop);
                let mut out = Vec::new();
                assert_eq!(fold_ascii_run(&bytes, &mut out), cut);
                assert_eq!(out, bytes[..cut].to_ascii_lowercase());
            }
        }
    }

    #[test]
    fn alnum_runs_read_eight_bytes_at_a_time_like_one_by_one() {
        for b in 0..128u8 {
            for at in [0, 3, 7, 8, 12] {
                let mut bytes = b"Az09zZ9aAz09zZ9aAz".to_vec();
                bytes[at] = b;
                let want = bytes
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                assert_eq!(alnum_prefix(&bytes), want, "{b} at {at}");
            }
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
    fn character_references_read_as_their_characters_with_original_spans() {
        let text = "Solutions d&eacute;cisionnelles &amp; l&rsquo;&Eacute;quipe R&D &#233;t&#xE9;";
        let mut got = Vec::new();
        let folded = fold_words(text, |w, f| {
            let f = std::str::from_utf8(f.bytes())
                .unwrap_or_default()
                .to_string();
            got.push((&text[w.start..w.end], f))
        });
        let words: Vec<(&str, &str)> = got.iter().map(|(a, b)| (*a, b.as_str())).collect();
        assert_eq!(
            words,
            vec![
                ("Solutions", "solutions"),
                ("d&eacute;cisionnelles", "decisionnelles"),
                ("l", "l"),
                ("&Eacute;quipe", "equipe"),
                ("R", "r"),
                ("D", "d"),
                ("&#233;t&#xE9;", "ete"),
            ]
        );
        assert_eq!(folded.text, "solutions decisionnelles & l'equipe r&d ete");
        // Every folded byte maps back into the reference it was read from.
        let at = folded.text.find("equipe").unwrap_or_default();
        assert_eq!(&text[folded.orig(at)..folded.orig(at + 1)], "&Eacute;");
        assert_eq!(
            &text[folded.orig(at + 1)..],
            &text[text.find("quipe").unwrap_or(0)..]
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
        // "Vous savez" is not the after-sales service (SAV).
        assert_ne!(n.stem("savez"), n.stem("SAV".to_lowercase().as_str()));
        assert_eq!(n.stem("savez"), n.stem("saviez"));
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
