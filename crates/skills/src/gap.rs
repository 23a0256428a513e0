//! The skills gap between a text and an occupation: the core items (*cœur de métier*) of a ROME
//! fiche that the text's evidence does not attest, what a person whose CV or description of
//! experience it is would still have to show or acquire for that job.

use crate::engine::{Engine, Evidence, Extraction};
use tremplin_domain::rome::SkillKind;

impl Engine {
    /// Whether the engine reads the everyday words of fiche `code`'s trade, beyond the
    /// referential's labels (curated variants scoped to it): what the gap's precision depends
    /// on.
    pub fn reads_trade_words(&self, code: &str) -> bool {
        let fiche = self.cat.fiche_index.get(code);
        fiche.is_some_and(|&f| self.variants.scoped.covers(f))
    }

    /// How many fiches the engine reads the everyday words of ([`Engine::reads_trade_words`]).
    pub fn trade_words_fiches(&self) -> usize {
        self.variants.scoped.fiche_count()
    }

    /// Core items of fiche `code` without text evidence in `ex`, as skill indices: savoir-faire,
    /// then savoir-être, then savoirs, each by label. Empty for an unknown fiche. (With `code`
    /// as the fiche of the extraction, its items are in context: the matcher asserts them on a
    /// partial paraphrase too, "gestion des stocks" for "Gérer les stocks".)
    pub fn core_gap(&self, code: &str, ex: &Extraction) -> Vec<u32> {
        let cat = &*self.cat;
        let Some(&fiche) = cat.fiche_index.get(code) else {
            return Vec::new();
        };
        let attested: Vec<u32> = ex.with_evidence(Evidence::Text).map(|h| h.skill).collect();
        let mut gap: Vec<u32> = cat.fiches[fiche as usize]
            .items
            .iter()
            .filter(|&(skill, &core)| core && !attested.contains(skill))
            .map(|(&skill, _)| skill)
            .collect();
        let rank = |kind: SkillKind| match kind {
            SkillKind::SavoirFaire => 0,
            SkillKind::SavoirEtre => 1,
            SkillKind::Savoir => 2,
        };
        gap.sort_by(|&a, &b| {
            let (a, b) = (&cat.skills[a as usize], &cat.skills[b as usize]);
            (rank(a.kind), &a.label).cmp(&(rank(b.kind), &b.label))
        });
        gap
    }
}
