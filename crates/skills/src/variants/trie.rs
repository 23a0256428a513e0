//! The curated variants as words (as the tokenizer splits them) and the bytes between them: a
//! trie walked word by word from a marked first word. It finds exactly what the byte
//! automaton finds from the same word (a run of spaces in the text reads as one space, a
//! match must end a whole word), in one step per word instead of one per byte. Nodes, edges
//! and bytes lie in three flat arrays, so that a walk reads few cache lines.

use super::WORD;
use crate::norm::{for_each_word, Folded, FxMap, VariantStart};

/// Bytes of the trie's words and separators: `(start, len)` in [`Trie::bytes`].
type Bytes = (u32, u32);

#[derive(Clone, Copy)]
struct Edge {
    /// The next word's first byte (read before its other bytes).
    first: u8,
    word: Bytes,
    /// The bytes before the word.
    sep: Bytes,
    child: u32,
}

/// A node: its edges and the variants ending there, as ranges of [`Trie::edges`] and
/// [`Trie::ends`].
#[derive(Clone, Copy, Default)]
struct Node {
    edges: (u32, u32),
    ends: (u32, u32),
}

/// A node being built: its edges (word, separator, child) and the variants ending there (the
/// bytes after their last word, and the pattern).
type BuildNode = (Vec<(Vec<u8>, Vec<u8>, u32)>, Vec<(Vec<u8>, u32)>);

/// A trie being built.
#[derive(Default)]
pub(super) struct Builder {
    nodes: Vec<BuildNode>,
    /// Each edge's child by its node, word and separator: the root has thousands of edges.
    children: FxMap<(usize, Vec<u8>, Vec<u8>), u32>,
}

#[derive(Clone, Default)]
pub(super) struct Trie {
    /// Node 0 is the root; its edges are the variants' first words (without separator).
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    /// The bytes after a variant's last word, and the pattern.
    ends: Vec<(Bytes, u32)>,
    bytes: Vec<u8>,
}

/// `at` moved past the spaces before `limit` that follow a space: a run of spaces reads as one.
fn past_run(bytes: &[u8], mut at: usize, limit: usize) -> usize {
    while at < limit && at > 0 && bytes[at] == b' ' && bytes[at - 1] == b' ' {
        at += 1;
    }
    at
}

/// Reads `want` in `bytes` from `at` (runs of spaces read as one): where the reading ends, if
/// all of `want` was read.
fn follow(bytes: &[u8], mut at: usize, want: &[u8]) -> Option<usize> {
    for &w in want {
        at = past_run(bytes, at, bytes.len());
        if bytes.get(at) != Some(&w) {
            return None;
        }
        at += 1;
    }
    Some(at)
}

impl Builder {
    /// Adds a folded variant as pattern `pattern`.
    pub(super) fn insert(&mut self, folded: &str, pattern: u32) {
        if self.nodes.is_empty() {
            self.nodes.push(Default::default());
        }
        let mut words: Vec<(usize, usize, String)> = Vec::new();
        for_each_word(folded, |w, f| words.push((w.start, w.end, f.to_string())));
        let (mut node, mut prev_end) = (0usize, 0usize);
        for (start, end, word) in words {
            let sep = folded.as_bytes()[prev_end..start].to_vec();
            let word = word.into_bytes();
            let key = (node, word, sep);
            node = match self.children.get(&key) {
                Some(&child) => child as usize,
                None => {
                    let child = self.nodes.len() as u32;
                    self.nodes.push(Default::default());
                    let (parent, word, sep) = key.clone();
                    self.nodes[parent].0.push((word, sep, child));
                    self.children.insert(key, child);
                    child as usize
                }
            };
            prev_end = end;
        }
        let tail = folded.as_bytes()[prev_end..].to_vec();
        self.nodes[node].1.push((tail, pattern));
    }

    /// The first words (the root's edges) with their nodes, and the trie in its flat form.
    pub(super) fn build(self) -> (Vec<(String, u32)>, Trie) {
        let mut t = Trie::default();
        let keep = |bytes: &mut Vec<u8>, b: &[u8]| -> Bytes {
            let at = bytes.len() as u32;
            bytes.extend_from_slice(b);
            (at, b.len() as u32)
        };
        let firsts = self.nodes.first().map_or(Vec::new(), |root| {
            root.0
                .iter()
                .map(|(w, _, child)| (String::from_utf8_lossy(w).into_owned(), *child))
                .collect()
        });
        for (edges, ends) in &self.nodes {
            let node = Node {
                edges: (t.edges.len() as u32, edges.len() as u32),
                ends: (t.ends.len() as u32, ends.len() as u32),
            };
            for (word, sep, child) in edges {
                let edge = Edge {
                    first: word.first().copied().unwrap_or(0),
                    word: keep(&mut t.bytes, word),
                    sep: keep(&mut t.bytes, sep),
                    child: *child,
                };
                t.edges.push(edge);
            }
            for (tail, pattern) in ends {
                let tail = keep(&mut t.bytes, tail);
                t.ends.push((tail, *pattern));
            }
            t.nodes.push(node);
        }
        (firsts, t)
    }
}

impl Trie {
    fn slice(&self, (at, len): Bytes) -> &[u8] {
        &self.bytes[at as usize..(at + len) as usize]
    }

    /// Records in `found` the variants that start at the marked word `v` of `folded` (its
    /// mark is one more than its node), as `(end, start, pattern)`.
    pub(super) fn walk(
        &self,
        folded: &Folded,
        v: &VariantStart,
        found: &mut Vec<(usize, usize, u32)>,
    ) {
        let (text, bytes) = (folded.text.as_str(), folded.text.as_bytes());
        let from = v.at as usize;
        let (mut node, mut end) = (v.mark as usize - 1, v.end as usize);
        while let Some(n) = self.nodes.get(node) {
            let (e0, ne) = n.ends;
            for &(tail, pattern) in &self.ends[e0 as usize..(e0 + ne) as usize] {
                if let Some(e) = follow(bytes, end, self.slice(tail)) {
                    if e == bytes.len() || !WORD[bytes[e] as usize] {
                        found.push((e, from, pattern));
                    }
                }
            }
            let (d0, nd) = n.edges;
            if nd == 0 {
                return;
            }
            // The next word of the text, as the tokenizer splits words.
            let mut a = end;
            while a < bytes.len() && !word_at(text, a) {
                a += 1;
            }
            let Some(&first) = bytes.get(a) else {
                return;
            };
            let rest = &bytes[a..];
            let edge = self.edges[d0 as usize..(d0 + nd) as usize]
                .iter()
                .find(|e| {
                    // The whole next word (its first byte, all its bytes, then the word's
                    // end)…
                    let w = self.slice(e.word);
                    e.first == first
                        && rest.starts_with(w)
                        && (a + w.len() == bytes.len() || !word_at(text, a + w.len()))
                        // … after the separator, then only spaces that follow a space.
                        && follow(bytes, end, self.slice(e.sep))
                            .is_some_and(|at| past_run(bytes, at, a) == a)
                });
            let Some(edge) = edge else {
                return;
            };
            (node, end) = (edge.child as usize, a + edge.word.1 as usize);
        }
    }
}

/// Whether the byte at `at` of a folded text belongs to a word as the tokenizer splits words
/// (an ASCII letter or digit, or any byte of an alphanumeric character).
fn word_at(text: &str, at: usize) -> bool {
    let b = text.as_bytes()[at];
    if b.is_ascii() {
        return b.is_ascii_alphanumeric();
    }
    // Back to the start of the character.
    let mut s = at;
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    text[s..].chars().next().is_some_and(char::is_alphanumeric)
}
