//! The curated variants as words (as the tokenizer splits them) and the bytes between them: a
//! trie walked word by word from a marked first word. It finds exactly what the byte
//! automaton finds from the same word (a run of spaces in the text reads as one space, a
//! match must end a whole word), in one step per word instead of one per byte.

use super::WORD;
use crate::norm::{for_each_word, Folded, VariantStart};

#[derive(Clone, Default)]
pub(super) struct Trie {
    /// Node 0 is the root; its edges are the variants' first words (without separator).
    pub(super) nodes: Vec<Node>,
}

#[derive(Clone, Default)]
pub(super) struct Node {
    /// The bytes before the next word, the word, and the node it leads to.
    pub(super) edges: Vec<Edge>,
    /// Variants ending here: the bytes after their last word, and the pattern.
    ends: Vec<(Box<[u8]>, u32)>,
}

#[derive(Clone)]
pub(super) struct Edge {
    pub(super) word: Box<[u8]>,
    sep: Box<[u8]>,
    pub(super) child: u32,
}

/// Reads `want` in `bytes` from `at`, a space of the text that follows a space being skipped:
/// where the reading ends, if all of `want` was read.
fn follow(bytes: &[u8], mut at: usize, want: &[u8]) -> Option<usize> {
    for &w in want {
        while at < bytes.len() && bytes[at] == b' ' && at > 0 && bytes[at - 1] == b' ' {
            at += 1;
        }
        if bytes.get(at) != Some(&w) {
            return None;
        }
        at += 1;
    }
    Some(at)
}

impl Trie {
    /// A trie of no variant: its root alone.
    pub(super) fn new() -> Trie {
        Trie {
            nodes: vec![Node::default()],
        }
    }

    /// Adds a folded variant as pattern `pattern`.
    pub(super) fn insert(&mut self, folded: &str, pattern: u32) {
        let mut words: Vec<(usize, usize, String)> = Vec::new();
        for_each_word(folded, |w, f| words.push((w.start, w.end, f.to_string())));
        let (mut node, mut prev_end) = (0usize, 0usize);
        for (start, end, word) in words {
            let sep = &folded.as_bytes()[prev_end..start];
            let edges = &self.nodes[node].edges;
            let found = edges
                .iter()
                .find(|e| *e.word == *word.as_bytes() && *e.sep == *sep);
            node = match found {
                Some(e) => e.child as usize,
                None => {
                    let child = self.nodes.len() as u32;
                    self.nodes.push(Node::default());
                    let edges = &mut self.nodes[node].edges;
                    edges.push(Edge {
                        word: word.as_bytes().into(),
                        sep: sep.into(),
                        child,
                    });
                    child as usize
                }
            };
            prev_end = end;
        }
        let tail = &folded.as_bytes()[prev_end..];
        self.nodes[node].ends.push((tail.into(), pattern));
    }

    /// Records in `found` the variants that start at the marked word `v` of `folded`, as
    /// `(end, start, pattern)`.
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
            for (tail, pattern) in &n.ends {
                if let Some(e) = follow(bytes, end, tail) {
                    if e == bytes.len() || !WORD[bytes[e] as usize] {
                        found.push((e, from, *pattern));
                    }
                }
            }
            if n.edges.is_empty() {
                return;
            }
            // The next word of the text, as the tokenizer splits words.
            let mut a = end;
            while a < bytes.len() && !word_at(text, a) {
                a += 1;
            }
            if a == bytes.len() {
                return;
            }
            let rest = &bytes[a..];
            let edge = n.edges.iter().find(|e| {
                // The whole next word (a first byte, then all bytes, then the word's end)…
                let w = &*e.word;
                rest[0] == w[0]
                    && rest.starts_with(w)
                    && (a + w.len() == bytes.len() || !word_at(text, a + w.len()))
                    // … after the separator, then only spaces that follow a space.
                    && follow(bytes, end, &e.sep).is_some_and(|mut at| {
                        while at < a && bytes[at] == b' ' && bytes[at - 1] == b' ' {
                            at += 1;
                        }
                        at == a
                    })
            });
            let Some(edge) = edge else {
                return;
            };
            (node, end) = (edge.child as usize, a + edge.word.len());
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
