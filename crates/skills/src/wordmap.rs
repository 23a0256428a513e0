//! Folded word → id, the tokenizer's hottest lookup (one per word of every offer).
//!
//! Words of at most 15 bytes (nearly all) are packed into two integers with a few overlapping
//! loads, and kept in an open-addressing table probed linearly: one multiply to hash, one or
//! two slots read. Longer words go to an ordinary map.

use crate::norm::FxMap;

/// A packed word: its bytes little-endian in `lo` and the low 7 bytes of `hi`, its length in
/// byte 7 of `hi`, and the top bit set so that no key is all zero (the empty slot).
#[derive(Clone, Copy, PartialEq, Eq, Default)]
struct Key {
    lo: u64,
    hi: u64,
}

const OCCUPIED: u64 = 1 << 63;

/// Longest word packed into a [`Key`].
const SHORT_MAX: usize = 15;

/// Bytes a [`FoldedWord`] can read from its start: its key is one 16-byte load.
pub(crate) const PAD: usize = 16;

/// A folded word (UTF-8 bytes) inside a buffer that holds at least [`PAD`] bytes from its
/// start, so that its key is read without a branch on its length.
#[derive(Clone, Copy)]
pub struct FoldedWord<'a> {
    tail: &'a [u8],
    len: usize,
}

impl<'a> FoldedWord<'a> {
    /// The word `buf[start..end]`; reads from `start` on are bounded by `buf`.
    #[inline(always)]
    pub(crate) fn new(buf: &'a [u8], start: usize, end: usize) -> Self {
        FoldedWord {
            tail: &buf[start..],
            len: end - start,
        }
    }

    pub fn bytes(&self) -> &'a [u8] {
        &self.tail[..self.len]
    }
}

// (`len & SHORT_MAX` below indexes it without a bounds check.)
const _: () = assert!((SHORT_MAX + 1).is_power_of_two());

/// Per length up to [`SHORT_MAX`], the masks of a word's bytes in the two halves of a window.
const WINDOW_MASK: [[u64; 2]; SHORT_MAX + 1] = {
    let mut t = [[0u64; 2]; SHORT_MAX + 1];
    let mut len = 0;
    while len <= SHORT_MAX {
        t[len] = if len < 8 {
            [(1u64 << (8 * len)) - 1, 0]
        } else {
            [u64::MAX, (1u64 << (8 * (len - 8))) - 1]
        };
        len += 1;
    }
    t
};

impl Key {
    /// Packs `w` with a few overlapping loads (no copy into a buffer).
    fn of(w: &[u8]) -> Option<Key> {
        let len = w.len();
        let u64_at = |i: usize| u64::from_le_bytes(w[i..i + 8].try_into().unwrap_or_default());
        let u32_at = |i: usize| u32::from_le_bytes(w[i..i + 4].try_into().unwrap_or_default());
        let (lo, hi) = match len {
            0 => (0, 0),
            1..=3 => {
                let b = |i: usize| (w[i] as u64) << (8 * i);
                (b(0) | b(len / 2) | b(len - 1), 0)
            }
            4..=7 => {
                let last = (u32_at(len - 4) as u64) << (8 * (len - 4));
                (u32_at(0) as u64 | last, 0)
            }
            8 => (u64_at(0), 0),
            9..=SHORT_MAX => (u64_at(0), u64_at(len - 8) >> (8 * (16 - len))),
            _ => return None,
        };
        Some(Key {
            lo,
            hi: hi | (len as u64) << 56 | OCCUPIED,
        })
    }

    /// Packs the word of `len` ≤ [`SHORT_MAX`] bytes that starts `window`, whatever bytes follow
    /// it there: one load and one mask, no branch on the length (the same key as [`Key::of`]).
    #[inline(always)]
    fn of_window(window: &[u8; PAD], len: usize) -> Key {
        let [lo_mask, hi_mask] = WINDOW_MASK[len & SHORT_MAX];
        let (lo, hi) = window.split_at(8);
        let word = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or_default());
        Key {
            lo: word(lo) & lo_mask,
            hi: word(hi) & hi_mask | (len as u64) << 56 | OCCUPIED,
        }
    }

    fn hash(self) -> u64 {
        (self.lo ^ self.hi.rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

#[derive(Clone, Copy, Default)]
struct Slot {
    key: Key,
    id: u32,
    /// A mark kept with the word (in the slot's padding), 0 for none: see [`WordMap::mark`].
    mark: u32,
}

/// Folded word → id, and a mark per word (a number, 0 for none).
pub(crate) struct WordMap {
    slots: Vec<Slot>,
    /// log2 of the number of slots.
    bits: u32,
    short: usize,
    long: FxMap<String, (u32, u32)>,
}

impl Default for WordMap {
    fn default() -> Self {
        WordMap {
            slots: vec![Slot::default(); 16],
            bits: 4,
            short: 0,
            long: FxMap::default(),
        }
    }
}

impl WordMap {
    /// Slot of `key`: where it is, or the empty slot where it would go.
    fn slot(&self, key: Key) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = (key.hash() >> (64 - self.bits)) as usize;
        loop {
            let s = &self.slots[i];
            if s.key == key || s.key.hi == 0 {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// Id of a folded word, given as UTF-8 bytes.
    #[inline]
    pub(crate) fn get(&self, w: &[u8]) -> Option<u32> {
        self.get_marked(w).map(|(id, _)| id)
    }

    /// Id of a folded word, given as UTF-8 bytes, and its mark (0 for none).
    pub(crate) fn get_marked(&self, w: &[u8]) -> Option<(u32, u32)> {
        match Key::of(w) {
            Some(key) => self.get_key(key),
            None => self.long.get(std::str::from_utf8(w).ok()?).copied(),
        }
    }

    /// Id of a folded word; one load for its key when the buffer after it allows.
    #[inline(always)]
    pub(crate) fn get_word(&self, w: FoldedWord) -> Option<u32> {
        self.get_word_marked(w).map(|(id, _)| id)
    }

    /// Id of a folded word and its mark (0 for none), in the same lookup.
    #[inline(always)]
    pub(crate) fn get_word_marked(&self, w: FoldedWord) -> Option<(u32, u32)> {
        match w.tail.first_chunk::<PAD>() {
            Some(window) if w.len <= SHORT_MAX => self.get_key(Key::of_window(window, w.len)),
            _ => self.get_marked(w.bytes()),
        }
    }

    #[inline(always)]
    fn get_key(&self, key: Key) -> Option<(u32, u32)> {
        let mask = self.slots.len() - 1;
        let mut i = (key.hash() >> (64 - self.bits)) as usize;
        loop {
            let s = &self.slots[i & mask];
            if s.key == key {
                return Some((s.id, s.mark));
            }
            if s.key.hi == 0 {
                return None;
            }
            i += 1;
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.short + self.long.len()
    }

    /// Sets the id of a word (keeping its mark, if any).
    pub(crate) fn insert(&mut self, w: String, id: u32) {
        let Some(key) = Key::of(w.as_bytes()) else {
            self.long.entry(w).or_default().0 = id;
            return;
        };
        // At most half full, so that probes stay short.
        if 2 * (self.short + 1) > self.slots.len() {
            self.grow();
        }
        let i = self.slot(key);
        let s = &mut self.slots[i];
        if s.key.hi == 0 {
            self.short += 1;
            s.mark = 0;
        }
        (s.key, s.id) = (key, id);
    }

    /// Gives a word already in the map the mark `mark` (0 removes it); false when the word is
    /// not there.
    pub(crate) fn mark(&mut self, w: &str, mark: u32) -> bool {
        match Key::of(w.as_bytes()) {
            Some(key) => {
                let i = self.slot(key);
                let s = &mut self.slots[i];
                if s.key == key {
                    s.mark = mark;
                }
                s.key == key
            }
            None => self.long.get_mut(w).map(|e| e.1 = mark).is_some(),
        }
    }

    /// Number of marked words.
    pub(crate) fn marked(&self) -> usize {
        self.slots.iter().filter(|s| s.mark != 0).count()
            + self.long.values().filter(|e| e.1 != 0).count()
    }

    /// Removes every mark.
    pub(crate) fn clear_marks(&mut self) {
        self.slots.iter_mut().for_each(|s| s.mark = 0);
        self.long.values_mut().for_each(|e| e.1 = 0);
    }

    fn grow(&mut self) {
        let bigger = vec![Slot::default(); self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, bigger);
        self.bits += 1;
        for s in old.into_iter().filter(|s| s.key.hi != 0) {
            let i = self.slot(s.key);
            self.slots[i] = s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_short_and_long_words_apart() {
        let mut m = WordMap::default();
        let words = [
            "",
            "a",
            "\0a",
            "a\0",
            "ab",
            "ba",
            "abcdefgh",
            "abcdefgh\0",
            "abcdefghijklmno",
            "abcdefghijklmnop",
        ];
        for (i, w) in words.iter().enumerate() {
            m.insert(w.to_string(), i as u32);
        }
        assert_eq!(m.len(), words.len());
        for (i, w) in words.iter().enumerate() {
            assert_eq!(m.get(w.as_bytes()), Some(i as u32), "{w}");
        }
        assert_eq!(m.get(b"abc"), None);
        m.insert("ab".into(), 99);
        assert_eq!((m.get(b"ab"), m.len()), (Some(99), words.len()));
    }

    #[test]
    fn a_word_read_from_its_window_has_the_key_of_its_bytes() {
        let text = b"abcdefghijklmnopqrstuvwxyz\xc3\xa9\xc3\xa8 0123456789";
        for start in 0..text.len() {
            for end in start..=(start + SHORT_MAX).min(text.len()) {
                let mut buf = text.to_vec();
                buf.extend_from_slice(&[0xff; PAD]);
                let w = FoldedWord::new(&buf, start, end);
                let window = w.tail.first_chunk::<PAD>().unwrap();
                let of = Key::of(&text[start..end]);
                assert!(
                    of == Some(Key::of_window(window, end - start)),
                    "{start}..{end}"
                );
            }
        }
        let mut m = WordMap::default();
        m.insert("abc".into(), 7);
        let buf = b"xabcdefghijklmnopq";
        assert_eq!(m.get_word(FoldedWord::new(buf, 1, 4)), Some(7));
        // Near the end of a buffer too short for the load, the bytes alone are read.
        assert_eq!(m.get_word(FoldedWord::new(b"xabc", 1, 4)), Some(7));
        assert_eq!(m.get_word(FoldedWord::new(buf, 1, 5)), None);
    }

    #[test]
    fn marks_stay_with_their_words_through_updates_and_growth() {
        let mut m = WordMap::default();
        let long = "anticonstitutionnellement";
        for w in ["ab", long] {
            m.insert(w.into(), 1);
        }
        assert!(m.mark("ab", 5) && m.mark(long, 6) && !m.mark("abc", 7));
        m.insert("ab".into(), 2);
        m.insert(long.into(), 3);
        for i in 0..5000u32 {
            m.insert(format!("w{i}"), i);
        }
        let buf = b"ab ab\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
        assert_eq!(m.get_word_marked(FoldedWord::new(buf, 0, 2)), Some((2, 5)));
        assert_eq!(m.get_marked(long.as_bytes()), Some((3, 6)));
        assert_eq!(m.get_marked(b"w7"), Some((7, 0)));
        assert_eq!(m.marked(), 2);
        m.clear_marks();
        assert_eq!(m.marked(), 0);
        assert_eq!(m.get_marked(b"ab"), Some((2, 0)));
        assert_eq!(m.get_marked(long.as_bytes()), Some((3, 0)));
    }

    #[test]
    fn grows_without_losing_words() {
        let mut m = WordMap::default();
        for i in 0..5000u32 {
            m.insert(format!("w{i}"), i);
        }
        assert_eq!(m.len(), 5000);
        assert!((0..5000u32).all(|i| m.get(format!("w{i}").as_bytes()) == Some(i)));
        assert_eq!(m.get(b"w5000"), None);
    }
}
