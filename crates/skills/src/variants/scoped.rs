//! Variants scoped to some ROME fiches (the third column of a line of the variant file): right
//! in the texts of those trades only ("les toilettes" for a care assistant, not for a
//! cleaner), so looked for only in a text read as one of them. The automaton runs from every
//! word start of such a text, which costs the other texts nothing.

use super::{walk, Found, EXCLUDES, WORD};
use crate::catalog::Catalog;
use crate::norm::Folded;
use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::Anchored;

#[derive(Clone, Default)]
pub struct Scoped {
    nfa: Option<NFA>,
    /// Per pattern, its skill and its scope in `scopes`.
    patterns: Vec<(u32, u32)>,
    /// The sorted fiche indices of each scope.
    scopes: Vec<Vec<u32>>,
    /// Every fiche of some scope, sorted.
    fiches: Vec<u32>,
}

impl Scoped {
    /// The automaton of folded `patterns`, the pattern `i` standing for the skill and scope
    /// `of[i]`.
    pub(super) fn build(
        patterns: &[String],
        of: Vec<(u32, u32)>,
        scopes: Vec<Vec<u32>>,
    ) -> Result<Scoped, String> {
        if patterns.is_empty() {
            return Ok(Scoped::default());
        }
        let nfa = NFA::builder()
            .build(patterns)
            .map_err(|e| format!("automate des variantes par fiche : {e}"))?;
        let mut fiches: Vec<u32> = scopes.iter().flatten().copied().collect();
        fiches.sort_unstable();
        fiches.dedup();
        Ok(Scoped {
            nfa: Some(nfa),
            patterns: of,
            scopes,
            fiches,
        })
    }

    /// Whether some variant is scoped to `fiche`.
    pub fn covers(&self, fiche: u32) -> bool {
        self.fiches.binary_search(&fiche).is_ok()
    }

    /// The skills whose variants scoped to `fiche` occur as whole words in `folded`, with
    /// their spans in the original text, in text order of their ends; those overlapping an
    /// exclusion of their skill in `found` are left out.
    pub fn find(&self, folded: &Folded, fiche: u32, found: &Found) -> Vec<(u32, [usize; 2])> {
        let Some(nfa) = self.nfa.as_ref().filter(|_| self.covers(fiche)) else {
            return Vec::new();
        };
        let Ok(start) = nfa.start_state(Anchored::Yes) else {
            return Vec::new();
        };
        let bytes = folded.text.as_bytes();
        let mut hits = Vec::new();
        for &from in &folded.word_starts {
            let from = from as usize;
            // Not glued to a non-ASCII symbol (a word byte here).
            if from == 0 || !WORD[bytes[from - 1] as usize] {
                walk(nfa, bytes, from, start, &mut hits);
            }
        }
        hits.sort_unstable();
        (hits.into_iter())
            .filter_map(|(end, from, pattern)| {
                let (skill, scope) = self.patterns[pattern as usize];
                let span = [folded.orig(from), folded.orig(end)];
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
