//! Lexical matching of skill labels in a tokenised text. A label matches where its content
//! stems occur close together in one sentence (any order, stop words and inflection ignored),
//! so paraphrases such as "administration des bases de données" match "Administrer une base
//! de données". Each match reports its IDF-weighted coverage of the label and its tokens.

use crate::catalog::Catalog;
use crate::norm::{Token, UNKNOWN};

/// Label-side statistics used by the matcher.
pub struct LabelIndex {
    /// Inverse document frequency of each stem among skill labels (0 for stems in none).
    pub idf: Vec<f32>,
    /// Number of labels holding each stem.
    pub df: Vec<u32>,
    /// Stem → range of `entries`: the skills for which it is the rarest stem, and whether one
    /// of them is a name's label ([`Entry::key`]: its labels compete for it).
    /// Indexed by stem id (empty range for stems that anchor nothing).
    anchors: Vec<(u32, u32, bool)>,
    entries: Vec<Entry>,
    /// Per stem, the stem it is read as (a verb form as its noun: [`crate::derivation`]),
    /// with [`NARROW_BIT`] set when that stem is also read as broader ones.
    alias: Vec<u32>,
    /// Stems also read as a broader word ("camion" as "véhicule": [`crate::derivation`]).
    broader: Broader,
    /// Stems of the entries, in entry order, next to each other in memory.
    flat: Vec<LabelStem>,
}

/// One stem of a candidate label, with what the matcher needs to know of it, in 8 bytes so
/// that the labels visited per text stay in cache.
#[derive(Clone, Copy)]
struct LabelStem {
    /// Stem id, with [`GENERIC_BIT`] set when used by at least [`GENERIC_DF`] labels.
    tagged: u32,
    idf: f32,
}

const GENERIC_BIT: u32 = 1 << 31;

impl LabelStem {
    fn stem(&self) -> u32 {
        self.tagged & !GENERIC_BIT
    }

    fn generic(&self) -> bool {
        self.tagged & GENERIC_BIT != 0
    }
}

/// A stem used by at most this many labels is a name (tool, language, product).
pub const KEY_DF: u32 = 6;
/// A stem used by at least this many labels is generic ("système", "technique").
pub const GENERIC_DF: u32 = 60;

/// A candidate label: its skill and its stems' range in `flat`.
struct Entry {
    skill: u32,
    start: u32,
    len: u32,
    total: f32,
    /// Rarest stem is a name ([`Match::key_match`] possible).
    key: bool,
    /// A certification: only its full phrase counts.
    cert: bool,
    /// Usable out of any context when all its stems occur: several stems, or one name.
    standalone: bool,
    /// A reduced form of the label ([`crate::heads`]): only all its stems count, for the
    /// fiche's items.
    reduced: bool,
    /// A reduced form that counts only as a phrase ([`crate::heads::Form`]).
    phrase_only: bool,
    /// A reduced form read only for the fiche's own items ([`crate::heads::Form`]).
    fiche_only: bool,
    /// Two stems of which one at least must occur for the label to reach [`MIN_COVERAGE`]
    /// (the same stem twice when one suffices). A name, or a label without such a pair, gets
    /// the pseudo-stem one past the vocabulary, present in every sentence.
    gate: [u32; 2],
}

/// Coverage of a full match: one missing stem weighs at least 1 (IDF ≥ 1), so "all present"
/// within 0.1 %.
const FULL: f32 = 0.999;

/// Matches covering less than this share of a label are never asserted (partial matches of the
/// fiche's skills need at least this much).
pub const MIN_COVERAGE: f32 = 0.75;

/// One label found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub skill: u32,
    /// The label's rarest stem, where it was looked for.
    pub anchor: u32,
    /// IDF-weighted share of the label's stems found (0..=1).
    pub coverage: f32,
    /// Number of label stems found.
    pub found: usize,
    /// Indices (into the token list) of the tokens that matched, in text order.
    pub tokens: Vec<u32>,
    /// All unmatched stems are generic and a name-like stem matched ("Linux" for
    /// "Système d'exploitation Linux").
    pub key_match: bool,
    /// All stems found in the label's order, at most one other word between two of them
    /// (stop words aside).
    pub phrase: bool,
    /// A match of a reduced form of the label ([`crate::heads`]); `coverage` is the form's.
    pub reduced: bool,
    /// That form counts only as a phrase.
    pub phrase_only: bool,
}

impl LabelIndex {
    pub fn new(cat: &Catalog) -> LabelIndex {
        let n = cat.vocab.stems.len();
        assert!(
            n < GENERIC_BIT as usize,
            "too many stems for the label index"
        );
        let mut alias = crate::derivation::aliases(cat);
        let broader = Broader(crate::derivation::broader(cat, &alias));
        // Labels' stems as the matcher reads them.
        let label_stems: Vec<Vec<u32>> = cat
            .skills
            .iter()
            .map(|s| {
                let mut v: Vec<u32> = Vec::with_capacity(s.stems.len());
                for &t in &s.stems {
                    let a = alias[t as usize];
                    if !v.contains(&a) {
                        v.push(a);
                    }
                }
                v
            })
            .collect();
        let mut df = vec![0u32; n];
        for stems in &label_stems {
            for &t in stems {
                df[t as usize] += 1;
            }
        }
        let total = cat.skills.len() as f32;
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| {
                if d == 0 {
                    0.0
                } else {
                    (total / d as f32).ln() + 1.0
                }
            })
            .collect();
        let (mut total, mut key, mut by_anchor) = (Vec::new(), Vec::new(), Vec::new());
        for (i, (s, stems)) in cat.skills.iter().zip(&label_stems).enumerate() {
            let rarest = stems
                .iter()
                .copied()
                .max_by(|a, b| idf[*a as usize].total_cmp(&idf[*b as usize]).then(b.cmp(a)));
            if let Some(t) = rarest.filter(|_| s.matchable) {
                by_anchor.push((t, i as u32, 0));
            }
            total.push(stems.iter().map(|&t| idf[t as usize]).sum());
            let name = |t: u32| s.names.iter().any(|&x| alias[x as usize] == t);
            key.push(rarest.is_some_and(|t| df[t as usize] <= KEY_DF && name(t)));
        }
        // The labels' reduced forms ([`crate::heads`]), anchored on their own rarest stems.
        let generic = |x: u32| df[x as usize] >= GENERIC_DF;
        let reduced_forms = crate::heads::reduced_forms(cat, &label_stems, &alias, generic, &idf);
        for (i, forms) in reduced_forms.iter().enumerate() {
            for (k, form) in forms.iter().enumerate() {
                let rarest =
                    form.stems.iter().copied().max_by(|a, b| {
                        idf[*a as usize].total_cmp(&idf[*b as usize]).then(b.cmp(a))
                    });
                if let Some(t) = rarest {
                    by_anchor.push((t, i as u32, k as u32 + 1));
                }
            }
        }
        // Candidates of one anchor, and their stems with IDF, lie next to each other in memory.
        by_anchor.sort_unstable();
        let (mut anchors, mut entries, mut flat) =
            (vec![(0u32, 0u32, false); n], Vec::new(), Vec::new());
        for (k, &(t, skill, form)) in by_anchor.iter().enumerate() {
            if k == 0 || by_anchor[k - 1].0 != t {
                anchors[t as usize] = (entries.len() as u32, 0u32, false);
            }
            anchors[t as usize].1 += 1;
            let reduced = form > 0;
            let key = key[skill as usize] && !reduced;
            anchors[t as usize].2 |= key;
            let reduced_form =
                (form.checked_sub(1)).map(|f| &reduced_forms[skill as usize][f as usize]);
            let stems = match reduced_form {
                Some(f) => &f.stems,
                None => &label_stems[skill as usize],
            };
            let (start, len) = (flat.len() as u32, stems.len() as u32);
            let total = if reduced {
                stems.iter().map(|&x| idf[x as usize]).sum()
            } else {
                total[skill as usize]
            };
            let sk = &cat.skills[skill as usize];
            let cert = sk.is_certification();
            let standalone = sk.stems.len() >= 2 || sk.names.len() == 1 || sk.is_tool();
            entries.push(Entry {
                skill,
                start,
                len,
                total,
                key,
                cert,
                standalone,
                reduced,
                phrase_only: reduced_form.is_some_and(|f| f.phrase_only),
                fiche_only: reduced_form.is_some_and(|f| f.fiche_only),
                gate: match gate(stems, t, &idf, total * (1.0 - MIN_COVERAGE)) {
                    g if !key && g[0] != UNKNOWN => g,
                    _ => [n as u32; 2],
                },
            });
            flat.extend(stems.iter().map(|&x| LabelStem {
                tagged: x | if df[x as usize] >= GENERIC_DF {
                    GENERIC_BIT
                } else {
                    0
                },
                idf: idf[x as usize],
            }));
        }
        // Stems read as a narrower word carry the mark, read with the alias for free.
        for a in alias.iter_mut() {
            if broader.0.binary_search_by_key(a, |p| p.0).is_ok() {
                *a |= NARROW_BIT;
            }
        }
        LabelIndex {
            idf,
            df,
            anchors,
            entries,
            alias,
            broader,
            flat,
        }
    }

    /// IDF among skill labels of a stem of the vocabulary, read as the matcher reads it (0 for a
    /// stem in no label or outside the vocabulary).
    pub fn idf_of(&self, stem: u32) -> f32 {
        let read = (self.alias.get(stem as usize)).map_or(stem, |&a| a & !NARROW_BIT);
        self.idf.get(read as usize).copied().unwrap_or(0.0)
    }

    /// All labels found in `tokens`, at most one match (the best) per skill. Labels are looked
    /// for when their rarest stem is a name, or when all their stems occur
    /// (certifications, labels of several stems or of one name), or else when
    /// `in_context(skill, full_possible)` allows a match of all (or enough of) their stems.
    pub fn find(&self, tokens: &[Token], in_context: impl Fn(u32, bool) -> bool) -> Vec<Match> {
        let occ = Occurrences::of(tokens, self.idf.len(), &self.alias, &self.broader);
        let positions = |stem: u32| occ.positions(stem);
        let is_present = |s: u32| occ.present(s);
        let mut out = Vec::with_capacity(32);
        let (mut scratch, mut lists) = (Vec::new(), Vec::new());
        for &s in &occ.distinct {
            // Each label is anchored on its rarest stem only, so it is visited once.
            let (from, n, shared_name) = self.anchors[s as usize];
            let entries = &self.entries[from as usize..(from + n) as usize];
            // A name's labels compete for it (see `key_match`): all are measured, with the stems
            // present anywhere. Others need enough of their stems in one sentence.
            let anchor_sentences = occ.sentences_of(s);
            let within = if shared_name {
                u64::MAX
            } else {
                anchor_sentences
            };
            for e in entries {
                let skill = e.skill;
                // Without a stem of its gate (in a sentence of the anchor, unless names compete),
                // a label cannot reach the minimum coverage. Names and labels without a gate are
                // gated on the pseudo-stem present in every sentence.
                let gate = occ.sentences_of(e.gate[0]) | occ.sentences_of(e.gate[1]);
                if gate & within == 0 {
                    continue;
                }
                let label = &self.flat[e.start as usize..(e.start + e.len) as usize];
                // Share of the label that can be asserted: out of the fiche's neighbourhood
                // only a full match, and only of a certification or a standalone label; a
                // partial one for the fiche's own skills.
                let least = if e.reduced {
                    // Some forms in the fiche's own items only; others in its neighbourhood too.
                    if !in_context(skill, !e.fiche_only) {
                        continue;
                    }
                    FULL
                } else if e.key {
                    0.0
                } else if e.cert || !in_context(skill, true) {
                    if !(e.cert || e.standalone) {
                        continue;
                    }
                    FULL
                } else if in_context(skill, false) {
                    MIN_COVERAGE
                } else {
                    FULL
                };
                // Anchor sentences where enough of the label occurs (all when names compete:
                // then the stems present anywhere count).
                let sentences = if shared_name {
                    let found: f32 = label
                        .iter()
                        .filter(|x| is_present(x.stem()))
                        .map(|x| x.idf)
                        .sum();
                    if found < e.total * least {
                        continue;
                    }
                    u64::MAX
                } else if least == FULL {
                    // All stems (each weighs at least 1) in one sentence of the anchor.
                    label
                        .iter()
                        .fold(anchor_sentences, |m, x| m & occ.sentences_of(x.stem()))
                } else {
                    occ.sentences_covering(label, s, e.total * (least - 1e-3))
                };
                if sentences == 0 {
                    continue;
                }
                let near = Near {
                    tokens,
                    positions: &positions,
                    present: &is_present,
                };
                if let Some(m) = near.best_match(label, s, e, sentences, &mut scratch, &mut lists) {
                    out.push(m);
                }
            }
        }
        occ.release();
        out
    }
}

thread_local! {
    /// Per-thread arrays of [`Occurrences`], empty between two texts.
    static OCCURRENCES: std::cell::RefCell<Occurrences> = std::cell::RefCell::new(Occurrences::default());
}

/// Where each stem of a text occurs: token indices grouped by stem, in text order. Built by
/// counting into arrays indexed by stem id (no sort), borrowed from the thread and reset by
/// [`Occurrences::release`], so a text costs its tokens, not the vocabulary.
#[derive(Default)]
struct Occurrences {
    /// Per stem id: start in `pos` and number of occurrences (0 for absent stems).
    slots: Vec<(u32, u32)>,
    /// Token indices, grouped by stem, each group in text order.
    pos: Vec<u32>,
    /// Stems present, in order of first occurrence.
    distinct: Vec<u32>,
    /// Per stem id: the sentences it occurs in, as bits of sentence number modulo 64; one more
    /// slot, the pseudo-stem of ungated labels, in every sentence.
    sentences: Vec<u64>,
}

impl Occurrences {
    /// Occurrences of the stems below `stems` (others, [`UNKNOWN`] included, are ignored), each
    /// read as its `alias` (itself where `alias` ends), and also as its `broader` words.
    fn of(tokens: &[Token], stems: usize, alias: &[u32], broader: &Broader) -> Occurrences {
        let read = |t: &Token| alias.get(t.stem as usize).copied().unwrap_or(t.stem);
        let narrow = |stem: u32| stem & NARROW_BIT != 0;
        let broad = |stem: u32| broader.of(stem & !NARROW_BIT);
        let mut o = OCCURRENCES.with(|c| std::mem::take(&mut *c.borrow_mut()));
        o.slots.resize(stems, (0, 0));
        // One more: the pseudo-stem of ungated labels, in every sentence.
        o.sentences.resize(stems + 1, 0);
        o.sentences[stems] = u64::MAX;
        for t in tokens {
            let stem = read(t);
            let mut count = |stem: u32| {
                if let Some(slot) = o.slots.get_mut(stem as usize) {
                    if slot.1 == 0 {
                        o.distinct.push(stem);
                    }
                    slot.1 += 1;
                    o.sentences[stem as usize] |= 1 << (t.sentence % 64);
                }
            };
            count(stem & !NARROW_BIT);
            if narrow(stem) {
                broad(stem).for_each(count);
            }
        }
        // Each group's end, then filled backwards so that its start is left in the slot.
        let mut end = 0;
        for &s in &o.distinct {
            let slot = &mut o.slots[s as usize];
            end += slot.1;
            slot.0 = end;
        }
        o.pos.resize(end as usize, 0);
        for (i, t) in tokens.iter().enumerate().rev() {
            let stem = read(t);
            let mut place = |stem: u32| {
                if let Some(slot) = o.slots.get_mut(stem as usize) {
                    slot.0 -= 1;
                    o.pos[slot.0 as usize] = i as u32;
                }
            };
            place(stem & !NARROW_BIT);
            if narrow(stem) {
                broad(stem).for_each(place);
            }
        }
        o
    }

    fn present(&self, stem: u32) -> bool {
        self.slots.get(stem as usize).is_some_and(|s| s.1 != 0)
    }

    /// Sentences of `anchor` (bits of sentence number modulo 64) where the stems of `label`
    /// weigh at least `least`: a superset of those where a match around `anchor` reaches it.
    fn sentences_covering(&self, label: &[LabelStem], anchor: u32, least: f32) -> u64 {
        let (mut bits, mut out) = (self.sentences_of(anchor), 0);
        while bits != 0 {
            let bit = bits & bits.wrapping_neg();
            bits &= bits - 1;
            let cover: f32 = label
                .iter()
                .filter(|x| self.sentences_of(x.stem()) & bit != 0)
                .map(|x| x.idf)
                .sum();
            if cover >= least {
                out |= bit;
            }
        }
        out
    }

    /// Sentences where `stem` occurs, as bits of sentence number modulo 64 (none for stems
    /// outside the vocabulary).
    fn sentences_of(&self, stem: u32) -> u64 {
        self.sentences.get(stem as usize).copied().unwrap_or(0)
    }

    fn positions(&self, stem: u32) -> &[u32] {
        match self.slots.get(stem as usize) {
            Some(&(start, n)) => &self.pos[start as usize..(start + n) as usize],
            None => &[],
        }
    }

    /// Clears what this text set and gives the arrays back to the thread. (Without it, as
    /// after a panic, the thread only starts over with new arrays.)
    fn release(mut self) {
        for &s in &self.distinct {
            self.slots[s as usize] = (0, 0);
            self.sentences[s as usize] = 0;
        }
        self.distinct.clear();
        self.pos.clear();
        self.sentences[self.slots.len()] = 0;
        OCCURRENCES.with(|c| *c.borrow_mut() = self);
    }
}

/// Marks, in [`LabelIndex::alias`], a stem also read as broader ones.
const NARROW_BIT: u32 = 1 << 31;

/// Stems also read as broader ones: the (narrow, broad) pairs, sorted.
#[derive(Default)]
struct Broader(Vec<(u32, u32)>);

impl Broader {
    /// The broader stems of `stem` (looked for only for stems marked [`NARROW_BIT`]).
    fn of(&self, stem: u32) -> impl Iterator<Item = u32> + '_ {
        let from = self.0.partition_point(|p| p.0 < stem);
        self.0[from..]
            .iter()
            .take_while(move |p| p.0 == stem)
            .map(|p| p.1)
    }
}

/// The gate of a label anchored on `anchor`: its two rarest other stems when missing both
/// would miss more than `most_missing` of its IDF weight.
fn gate(stems: &[u32], anchor: u32, idf: &[f32], most_missing: f32) -> [u32; 2] {
    let mut others: Vec<u32> = stems.iter().copied().filter(|&s| s != anchor).collect();
    others.sort_by(|a, b| idf[*b as usize].total_cmp(&idf[*a as usize]));
    let weight = |s: &[u32]| s.iter().map(|&x| idf[x as usize]).sum::<f32>();
    match others[..] {
        [a, ..] if weight(&[a]) > most_missing => [a, a],
        [a, b, ..] if weight(&[a, b]) > most_missing => [a, b],
        _ => [UNKNOWN; 2],
    }
}

/// The offer's side of a match: its tokens and where each stem occurs.
struct Near<'a, P, Q> {
    tokens: &'a [Token],
    positions: &'a P,
    present: &'a Q,
}

impl<'a, P: Fn(u32) -> &'a [u32], Q: Fn(u32) -> bool> Near<'a, P, Q> {
    /// The best match of one label around the first occurrences of its anchor stem.
    fn best_match(
        &self,
        label: &[LabelStem],
        anchor: u32,
        e: &Entry,
        sentences: u64,
        found: &mut Vec<u32>,
        lists: &mut Vec<&'a [u32]>,
    ) -> Option<Match> {
        let tokens = self.tokens;
        // Occurrences of each label stem (none for absent stems; the anchor is not read).
        lists.clear();
        lists.extend(label.iter().map(|x| {
            let s = x.stem();
            if s != anchor && (self.present)(s) {
                (self.positions)(s)
            } else {
                &[]
            }
        }));
        let window = label.len() as i64 + 2;
        // Where the anchor stands in the label: on a tie, a stem after it in the label is
        // looked for after it in the text, one before it before.
        let anchor_at = label.iter().position(|x| x.stem() == anchor);
        let mut best: Option<Match> = None;
        for &at in (self.positions)(anchor).iter().take(16) {
            let sentence = tokens[at as usize].sentence;
            if sentences & 1 << (sentence % 64) == 0 {
                continue;
            }
            found.clear();
            let mut cov = 0.0;
            let mut unmatched_generic = true;
            for (k, (x, list)) in label.iter().zip(lists.iter()).enumerate() {
                let near = if x.stem() == anchor {
                    Some(at)
                } else {
                    // Occurrences are in text order, and so are sentences: the nearest
                    // usable one is the last before `at` or the first after it (on a tie, the
                    // one on the label's side).
                    let i = list.partition_point(|&p| p < at);
                    let ok = |&p: &u32| {
                        tokens[p as usize].sentence == sentence
                            && (p as i64 - at as i64).abs() <= window
                    };
                    let before = i.checked_sub(1).map(|j| list[j]).filter(ok);
                    let after = list.get(i).copied().filter(ok);
                    let later = anchor_at.is_some_and(|i| k > i);
                    match (before, after) {
                        (Some(b), Some(a)) if a - at < at - b || (later && a - at == at - b) => {
                            Some(a)
                        }
                        (Some(b), _) => Some(b),
                        (None, a) => a,
                    }
                };
                match near {
                    Some(p) => {
                        found.push(p);
                        cov += x.idf;
                    }
                    None => unmatched_generic &= x.generic(),
                }
            }
            let coverage = cov / e.total;
            let phrase = found.len() == label.len()
                && found.windows(2).all(|w| w[1] > w[0] && w[1] - w[0] <= 2);
            // A later occurrence replaces a match by covering more, or as much in the label's
            // order ("Monitoring et outils" then "outils de monitoring").
            if best
                .as_ref()
                .is_some_and(|b| b.coverage > coverage || (b.coverage == coverage && !phrase))
            {
                continue;
            }
            found.sort_unstable();
            found.dedup();
            best = Some(Match {
                skill: e.skill,
                anchor,
                coverage,
                found: found.len(),
                tokens: found.clone(),
                key_match: e.key && unmatched_generic,
                phrase,
                reduced: e.reduced,
                phrase_only: e.phrase_only,
            });
            // None can beat a phrase of the whole label.
            if coverage >= 1.0 && phrase {
                break;
            }
        }
        best
    }
}

/// Byte spans covering matched tokens: neighbours at most two words apart are joined.
pub fn spans(tokens: &[Token], matched: &[u32]) -> Vec<[usize; 2]> {
    let mut out: Vec<[usize; 2]> = Vec::new();
    let mut prev: Option<u32> = None;
    for &i in matched {
        let t = tokens[i as usize];
        match (prev, out.last_mut()) {
            (Some(p), Some(last)) if i - p <= 3 && tokens[p as usize].sentence == t.sentence => {
                last[1] = t.end as usize
            }
            _ => out.push([t.start as usize, t.end as usize]),
        }
        prev = Some(i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_group_token_indices_by_stem_in_text_order() {
        let token = |stem| Token {
            stem,
            start: 0,
            end: 0,
            sentence: 0,
        };
        let tokens: Vec<Token> = [4, 2, UNKNOWN, 4, 9, 2, 4].map(token).to_vec();
        let occ = Occurrences::of(&tokens, 8, &[], &Broader::default());
        assert_eq!(occ.distinct, vec![4, 2]);
        assert_eq!(occ.positions(4), &[0, 3, 6]);
        assert_eq!(occ.positions(2), &[1, 5]);
        assert!(occ.positions(9).is_empty() && occ.positions(UNKNOWN).is_empty());
        assert!(occ.present(2) && !occ.present(3) && !occ.present(9));
        occ.release();
        // The thread's arrays come back cleared for the next text.
        let next = Occurrences::of(&[token(3)], 8, &[], &Broader::default());
        assert_eq!(next.distinct, vec![3]);
        assert!(!next.present(4) && next.positions(2).is_empty());
        assert_eq!(next.positions(3), &[0]);
    }

    /// A label covers an anchor's sentence with the stems it shares with it; sentences 64
    /// apart fold together (a superset, never less).
    #[test]
    fn sentences_covering_keeps_the_anchor_sentences_with_enough_of_the_label() {
        let token = |stem, sentence| Token {
            stem,
            start: 0,
            end: 0,
            sentence,
        };
        let label = |stems: &[(u32, f32)]| -> Vec<LabelStem> {
            stems
                .iter()
                .map(|&(tagged, idf)| LabelStem { tagged, idf })
                .collect()
        };
        // Anchor 1 in sentences 0 and 2; stem 2 with it in sentence 0, stem 3 in sentence 2,
        // stem 4 alone in sentence 1.
        let tokens = [
            token(1, 0),
            token(2, 0),
            token(4, 1),
            token(1, 2),
            token(3, 2),
        ];
        let occ = Occurrences::of(&tokens, 8, &[], &Broader::default());
        let covering =
            |stems: &[(u32, f32)], least| occ.sentences_covering(&label(stems), 1, least);
        let both = [(1, 1.0), (2, 2.0), (3, 4.0)];
        assert_eq!(covering(&both, 5.0), 0b100);
        assert_eq!(covering(&both, 3.0), 0b101);
        assert_eq!(covering(&both, 5.5), 0);
        assert_eq!(covering(&[(1, 1.0), (4, 2.0)], 1.5), 0);
        assert_eq!(covering(&[(1, 1.0), (5, 2.0)], 1.0), 0b101);
        assert_eq!(occ.sentences_of(4), 0b010);
        assert_eq!(occ.sentences_of(UNKNOWN), 0);
        occ.release();
        let far = Occurrences::of(&[token(1, 0), token(2, 64)], 8, &[], &Broader::default());
        assert_eq!(
            far.sentences_covering(&label(&[(1, 1.0), (2, 2.0)]), 1, 3.0),
            1
        );
        far.release();
        // Released arrays hold no sentence of the previous text.
        let next = Occurrences::of(&[token(1, 5)], 8, &[], &Broader::default());
        assert_eq!(next.sentences_of(2), 0);
        assert_eq!(
            next.sentences_covering(&label(&[(1, 1.0), (2, 2.0)]), 1, 3.0),
            0
        );
        // The pseudo-stem one past the stems is in every sentence, and only while in use.
        assert_eq!(next.sentences_of(8), u64::MAX);
        next.release();
        let smaller = Occurrences::of(&[token(1, 5)], 6, &[], &Broader::default());
        assert_eq!(
            (smaller.sentences_of(6), smaller.sentences_of(8)),
            (u64::MAX, 0)
        );
        smaller.release();
        let larger = Occurrences::of(&[token(1, 5)], 8, &[], &Broader::default());
        assert_eq!(
            (larger.sentences_of(6), larger.sentences_of(8)),
            (0, u64::MAX)
        );
        larger.release();
    }

    /// Missing both stems of a gate always leaves a label below the minimum coverage, so the
    /// gate never skips a label the coverage rule would want.
    #[test]
    fn a_gate_only_skips_labels_below_the_minimum_coverage() {
        let idf: Vec<f32> = (0..8).map(|i| 1.0 + i as f32 * 0.7).collect();
        let labels: [&[u32]; 5] = [
            &[7, 5, 4],
            &[7, 6, 5, 0],
            &[7, 1, 2, 3, 4, 5],
            &[7, 6],
            &[7, 6, 6],
        ];
        let mut gated = 0;
        for stems in labels {
            let total: f32 = stems.iter().map(|&s| idf[s as usize]).sum();
            let g = gate(stems, 7, &idf, total * (1.0 - MIN_COVERAGE));
            if g[0] == UNKNOWN {
                continue;
            }
            gated += 1;
            let left: f32 = stems
                .iter()
                .filter(|s| !g.contains(s))
                .map(|&s| idf[s as usize])
                .sum();
            assert!(left < total * MIN_COVERAGE, "{stems:?} gate {g:?}");
        }
        assert_eq!(gated, 5, "the examples exercise the gate");
    }
}
