//! Variants scoped to some ROME fiches (the third column of a line of the variant file): right
//! in the texts of those trades only ("les toilettes" for a care assistant, not for a
//! cleaner), so looked for only in a text read as one of them: walked in that fiche's own
//! trie from the first words the tokenizer lists ([`super::SCOPED_MARK`]), which costs the
//! other texts nothing and a text of the trade only its own trade's words.

use super::trie::{self, Trie};
use super::{walk, Found, EXCLUDES, SCOPED_MARK, WORD};
use crate::catalog::Catalog;
use crate::norm::{Folded, FxMap, VariantStart};
use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::Anchored;
use std::sync::OnceLock;

#[derive(Clone, Default)]
pub struct Scoped {
    /// The reference automaton, run from every word start when the tokenizer does not list
    /// the first words: built from `patterns` when first needed (the tests), not at startup.
    nfa: OnceLock<Option<NFA>>,
    patterns: Vec<String>,
    /// The first word of each variant, once each: its rank is its mark's part above
    /// [`SCOPED_MARK`], less one.
    firsts: Vec<String>,
    /// Per fiche of `fiches`, the variants scoped to it, walked word by word from the listed
    /// first words: a text is walked only through its own fiche's words.
    tries: Vec<FicheTrie>,
    /// Per pattern, its skill and its scope in `scopes`.
    of: Vec<(u32, u32)>,
    /// The sorted fiche indices of each scope.
    scopes: Vec<Vec<u32>>,
    /// Every fiche of some scope, sorted.
    fiches: Vec<u32>,
}

/// The trie of the variants scoped to one fiche, and which first words (by rank) start one.
#[derive(Clone, Default)]
struct FicheTrie {
    trie: Trie,
    /// Bit `r` is set when the first word of rank `r` starts one of the fiche's variants.
    bits: Vec<u64>,
    /// Per 64 ranks, how many bits are set before them.
    before: Vec<u32>,
    /// One more than the node of each first word whose bit is set, in the order of ranks.
    nodes: Vec<u32>,
}

impl FicheTrie {
    fn new(trie: Trie, mut firsts: Vec<(u32, u32)>) -> FicheTrie {
        firsts.sort_unstable();
        let words = firsts.last().map_or(0, |&(r, _)| r as usize / 64 + 1);
        let (mut bits, mut before) = (vec![0u64; words], vec![0u32; words]);
        for &(r, _) in &firsts {
            bits[r as usize / 64] |= 1 << (r % 64);
        }
        for w in 1..words {
            before[w] = before[w - 1] + bits[w - 1].count_ones();
        }
        let nodes = firsts.into_iter().map(|(_, node)| node).collect();
        FicheTrie {
            trie,
            bits,
            before,
            nodes,
        }
    }

    /// One more than the node of the first word of rank `rank`, if it starts a variant here.
    fn node(&self, rank: u32) -> Option<u32> {
        let (w, bit) = (rank as usize / 64, rank % 64);
        let word = *self.bits.get(w)?;
        if word >> bit & 1 == 0 {
            return None;
        }
        let below = (word & ((1u64 << bit) - 1)).count_ones();
        Some(self.nodes[(self.before[w] + below) as usize])
    }
}

impl Scoped {
    /// The tries of folded `patterns`, the pattern `i` standing for the skill and scope
    /// `of[i]`.
    pub(super) fn build(patterns: &[String], of: Vec<(u32, u32)>, scopes: Vec<Vec<u32>>) -> Scoped {
        if patterns.is_empty() {
            return Scoped::default();
        }
        let mut fiches: Vec<u32> = scopes.iter().flatten().copied().collect();
        fiches.sort_unstable();
        fiches.dedup();
        // The patterns of each fiche, then its trie: one builder alive at a time.
        let mut own: Vec<Vec<u32>> = vec![Vec::new(); fiches.len()];
        for (i, &(_, scope)) in of.iter().enumerate() {
            for f in &scopes[scope as usize] {
                let at = fiches.binary_search(f).expect("a fiche of some scope");
                own[at].push(i as u32);
            }
        }
        let (mut firsts, mut rank) = (Vec::new(), FxMap::<String, u32>::default());
        let tries = (own.into_iter())
            .map(|ids| {
                let mut b = trie::Builder::default();
                for i in ids {
                    b.insert(&patterns[i as usize], i);
                }
                let (words, trie) = b.build();
                let own = (words.into_iter())
                    .map(|(w, node)| {
                        let r = match rank.get(&w) {
                            Some(&r) => r,
                            None => {
                                let r = firsts.len() as u32;
                                rank.insert(w.clone(), r);
                                firsts.push(w);
                                r
                            }
                        };
                        (r, node + 1)
                    })
                    .collect();
                FicheTrie::new(trie, own)
            })
            .collect();
        Scoped {
            nfa: OnceLock::new(),
            patterns: patterns.to_vec(),
            firsts,
            tries,
            of,
            scopes,
            fiches,
        }
    }

    /// The first words of the variants, in the order of their marks.
    pub(super) fn firsts(&self) -> impl Iterator<Item = &str> {
        self.firsts.iter().map(String::as_str)
    }

    /// How many fiches some variant is scoped to.
    pub fn fiche_count(&self) -> usize {
        self.fiches.len()
    }

    /// Whether some variant is scoped to `fiche`.
    pub fn covers(&self, fiche: u32) -> bool {
        self.fiches.binary_search(&fiche).is_ok()
    }

    /// The skills whose variants scoped to `fiche` occur as whole words in `folded`, with
    /// their spans in the original text, in text order of their ends; those overlapping an
    /// exclusion of their skill in `found` are left out. `starts`: the words the tokenizer
    /// lists, marked by [`super::Variants::mark`]; without them the automaton runs from every
    /// word.
    pub fn find(
        &self,
        folded: &Folded,
        starts: Option<&[VariantStart]>,
        fiche: u32,
        found: &Found,
    ) -> Vec<(u32, [usize; 2])> {
        let Ok(at) = self.fiches.binary_search(&fiche) else {
            return Vec::new();
        };
        let bytes = folded.text.as_bytes();
        // Not glued to a non-ASCII symbol (a word byte here).
        let free = |from: usize| from == 0 || !WORD[bytes[from - 1] as usize];
        let mut hits = Vec::new();
        match starts {
            Some(starts) => {
                let own = &self.tries[at];
                for v in starts.iter().filter(|v| free(v.at as usize)) {
                    let Some(rank) = (v.mark / SCOPED_MARK).checked_sub(1) else {
                        continue;
                    };
                    if let Some(mark) = own.node(rank) {
                        (own.trie).walk(folded, &VariantStart { mark, ..*v }, &mut hits);
                    }
                }
            }
            None => {
                let nfa = self.nfa.get_or_init(|| NFA::new(&self.patterns).ok());
                let Some((nfa, start)) = nfa
                    .as_ref()
                    .and_then(|n| Some((n, n.start_state(Anchored::Yes).ok()?)))
                else {
                    return Vec::new();
                };
                for &from in folded.word_starts.iter().filter(|&&f| free(f as usize)) {
                    walk(nfa, bytes, from as usize, start, &mut hits);
                }
            }
        }
        hits.sort_unstable();
        (hits.into_iter())
            .filter_map(|(end, from, pattern)| {
                let (skill, scope) = self.of[pattern as usize];
                let span = [folded.orig(from), folded.orig(end)];
                // Always so for the fiche's own trie; the automaton holds every scope.
                let here = self.scopes[scope as usize].binary_search(&fiche).is_ok();
                (here && !found.excludes(skill, span)).then_some((skill, span))
            })
            .collect()
    }
}

/// The scope of the fiches listed in a line's third column (`fiches`, ROME codes separated by
/// spaces or commas), added to `scopes` unless already there; errors name the line `i`.
pub(super) fn scope_id(
    cat: &Catalog,
    scopes: &mut Vec<Vec<u32>>,
    fiches: &str,
    i: usize,
    flag: u32,
) -> Result<u32, String> {
    if flag == EXCLUDES {
        return Err(format!(
            "ligne {} : une exclusion vaut partout, sans fiches",
            i + 1
        ));
    }
    let mut scope = Vec::new();
    for code in fiches.split([' ', ',']).filter(|c| !c.is_empty()) {
        let &f = (cat.fiche_index.get(code))
            .ok_or(format!("ligne {} : fiche ROME inconnue « {code} »", i + 1))?;
        scope.push(f);
    }
    if scope.is_empty() {
        return Err(format!(
            "ligne {} : fiches ROME attendues après la seconde tabulation",
            i + 1
        ));
    }
    scope.sort_unstable();
    scope.dedup();
    Ok(match scopes.iter().position(|s| *s == scope) {
        Some(at) => at as u32,
        None => {
            scopes.push(scope);
            scopes.len() as u32 - 1
        }
    })
}
