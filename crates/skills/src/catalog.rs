//! The skills catalog: every ROME compétence, macro-compétence and savoir with its content
//! stems, the fiches with their items, appellations and mobility targets, and the vocabulary.

use crate::norm::{for_each_word, FxMap, Normaliser, Vocab};
use serde::Serialize;
use tremplin_domain::rome::{Rome, SkillKind};

/// Which ROME family a skill code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Competence,
    Macro,
    Savoir,
}

#[derive(Debug, Clone)]
pub struct Skill {
    pub code: String,
    pub label: String,
    pub family: Family,
    pub kind: SkillKind,
    /// Macro-compétence of a compétence (its own code for a macro, empty for a savoir).
    pub macro_code: String,
    pub transition_eco: bool,
    pub transition_num: bool,
    /// Distinct content stems of the label, in label order.
    pub stems: Vec<u32>,
    /// Stems of proper names and acronyms in the label ("Linux", "SQL"): capitalised words
    /// after the first, or words in capitals.
    pub names: Vec<u32>,
    /// False when the label holds a word the stemmer cannot carry ("C++", "C#", a lone letter),
    /// so matching its stems would over-generalise.
    pub matchable: bool,
    /// Savoir category (`Certifications et habilitations`, `Domaines d'expertise`…) and
    /// sub-category (`Logiciels, progiciels`…); compétence category for the others.
    pub category: String,
    pub sub_category: String,
}

impl Skill {
    /// A certification or habilitation: only its full name in the text supports it.
    pub fn is_certification(&self) -> bool {
        self.category.starts_with("Certifications")
    }

    /// A tool or language (Docker, Java): its name alone supports it.
    pub fn is_tool(&self) -> bool {
        matches!(
            self.sub_category.as_str(),
            "Logiciels, progiciels" | "Langages informatiques"
        )
    }
}

impl Skill {
    /// `"competence"` or `"savoir"`, the kind written in the extraction output.
    pub fn output_kind(&self) -> &'static str {
        match self.family {
            Family::Savoir => "savoir",
            _ => "competence",
        }
    }
}

/// An appellation of a fiche: code, label, distinct content stems.
pub type Appellation = (String, String, Vec<u32>);

#[derive(Debug, Clone)]
pub struct FicheInfo {
    pub code: String,
    pub label: String,
    /// Items of the fiche: skill index → core (coeur de métier).
    pub items: FxMap<u32, bool>,
    /// Fiches reachable by mobility, closest first.
    pub mobility: Vec<u32>,
    pub appellations: Vec<Appellation>,
    /// Content stems of the fiche texts (definition, access), for the occupation model.
    pub text_stems: Vec<u32>,
}

/// Everything derived from the referential alone.
pub struct Catalog {
    pub norm: Normaliser,
    pub vocab: Vocab,
    pub skills: Vec<Skill>,
    pub skill_index: FxMap<String, u32>,
    pub fiches: Vec<FicheInfo>,
    pub fiche_index: FxMap<String, u32>,
    /// Per skill, its `"code":…,"label":…,"kind":…` JSON fields, escaped once for the
    /// output lines of [`crate::output`].
    pub skill_json: Vec<Box<str>>,
}

fn distinct(mut v: Vec<u32>) -> Vec<u32> {
    let mut seen = Vec::with_capacity(v.len());
    v.retain(|x| {
        let new = !seen.contains(x);
        seen.push(*x);
        new
    });
    v
}

/// Stems of the capitalised words after the first, and of words in capitals.
fn label_names(norm: &Normaliser, vocab: &mut Vocab, label: &str) -> Vec<u32> {
    let mut words = Vec::new();
    for_each_word(label, |w, folded| {
        let raw = &label[w.start..w.end];
        let caps = raw
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
            && raw.len() >= 2;
        let capitalised = w.start > 0 && raw.chars().next().is_some_and(char::is_uppercase);
        if (caps || capitalised) && !crate::norm::is_stop(folded) {
            words.push(raw.to_string());
        }
    });
    words.iter().flat_map(|w| vocab.learn(norm, w)).collect()
}

/// Whether `s` is the acronym of the words that end `before`: 2 to 8 capitals whose letters
/// are, in order, initials of its last words ("BPL" after "Bonnes Pratiques de Laboratoire").
fn is_acronym_of(s: &str, before: &str) -> bool {
    if !(2..=8).contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    let initials: Vec<char> = before
        .split(|c: char| !c.is_alphanumeric())
        .filter_map(|w| w.chars().next())
        .map(|c| tremplin_domain::text::fold_char(c).0)
        .collect();
    let recent = &initials[initials.len().saturating_sub(2 * s.len() + 2)..];
    // Initials are folded (lower case); the acronym is ASCII capitals.
    let mut letters = s.chars().map(|c| c.to_ascii_lowercase()).peekable();
    for &c in recent {
        if letters.peek() == Some(&c) {
            letters.next();
        }
    }
    letters.peek().is_none()
}

/// The words of a label that a text must hold: without an acronym that only repeats the
/// words before it, in brackets or between dashes ("Bonnes Pratiques de Laboratoire -BPL-",
/// "Gestion prévisionnelle des Emplois et des Compétences (GPEC)"), which texts often leave
/// out.
pub fn matched_words(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut rest = label;
    while let Some(open) = rest.find(['(', '-']) {
        let close = if rest[open..].starts_with('(') {
            ')'
        } else {
            '-'
        };
        let inner_end = rest[open + 1..].find(close).map(|k| open + 1 + k);
        match inner_end {
            Some(end) if is_acronym_of(rest[open + 1..end].trim(), &rest[..open]) => {
                out.push_str(&rest[..open]);
                rest = &rest[end + 1..];
            }
            _ => {
                out.push_str(&rest[..open + 1]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether a label can be matched by its stems (see [`Skill::matchable`]): not when it holds
/// "C++"-like words, or when one content word is left of several words ("Ingénieur du son").
fn matchable(label: &str) -> bool {
    let mut ok = !label.contains('+') && !label.contains('#');
    let (mut words, mut content) = (0, 0);
    for_each_word(label, |w, folded| {
        let raw = &label[w.start..w.end];
        if raw.len() == 1 && raw.chars().all(|c| c.is_ascii_uppercase()) {
            ok = false;
        }
        words += 1;
        content += !crate::norm::is_stop(folded) as usize;
    });
    ok && !(content == 1 && words > 1)
}

/// Fiche ↔ macro-compétence links (`code_compo_bloc` 5, rubrique 1 savoir-faire or 2
/// savoir-être) read from the text of `unix_liens_rome_referentiels_*.csv`: returns
/// (fiche, code, savoir-être). Lines that are not such links are skipped.
pub fn macro_links(liens_csv: &str) -> Vec<(String, String, bool)> {
    liens_csv
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').map(|s| s.trim().trim_matches('"')).collect();
            (f.len() == 4 && f[1] == "5" && (f[2] == "1" || f[2] == "2"))
                .then(|| (f[0].to_string(), f[3].to_string(), f[2] == "2"))
        })
        .collect()
}

impl Catalog {
    /// Builds the catalog from the referential. `macro_links` adds the fiche ↔
    /// macro-compétence links (see [`macro_links`]); links to unknown codes are ignored.
    pub fn new(rome: &Rome, macro_links: &[(String, String, bool)]) -> Catalog {
        let norm = Normaliser::default();
        let mut vocab = Vocab::default();
        let mut skills = Vec::new();
        let learn =
            |label: &str, vocab: &mut Vocab| distinct(vocab.learn(&norm, &matched_words(label)));
        let names =
            |label: &str, vocab: &mut Vocab| label_names(&norm, vocab, &matched_words(label));
        for m in &rome.macro_competences {
            skills.push(Skill {
                code: m.code.clone(),
                label: m.label.clone(),
                family: Family::Macro,
                kind: SkillKind::SavoirFaire,
                macro_code: m.code.clone(),
                transition_eco: false,
                transition_num: false,
                stems: learn(&m.label, &mut vocab),
                names: names(&m.label, &mut vocab),
                matchable: matchable(&m.label),
                category: String::new(),
                sub_category: String::new(),
            });
        }
        for c in &rome.competences {
            skills.push(Skill {
                code: c.code.clone(),
                label: c.label.clone(),
                family: Family::Competence,
                kind: c.kind,
                macro_code: c.macro_code.clone(),
                transition_eco: c.transition_eco,
                transition_num: c.transition_num,
                stems: learn(&c.label, &mut vocab),
                names: names(&c.label, &mut vocab),
                matchable: matchable(&c.label),
                category: c.category.clone(),
                sub_category: String::new(),
            });
        }
        for s in &rome.savoirs {
            skills.push(Skill {
                code: s.code.clone(),
                label: s.label.clone(),
                family: Family::Savoir,
                kind: SkillKind::Savoir,
                macro_code: String::new(),
                transition_eco: s.transition_eco,
                transition_num: s.transition_num,
                stems: learn(&s.label, &mut vocab),
                names: names(&s.label, &mut vocab),
                matchable: matchable(&s.label),
                category: s.category.clone(),
                sub_category: s.sub_category.clone(),
            });
        }
        let mut seen = std::collections::HashSet::new();
        skills.retain(|s| seen.insert(s.code.clone()));
        let skill_index: FxMap<String, u32> = skills
            .iter()
            .enumerate()
            .map(|(i, s)| (s.code.clone(), i as u32))
            .collect();
        let fiche_index: FxMap<String, u32> = rome
            .fiches
            .iter()
            .enumerate()
            .map(|(i, f)| (f.code.clone(), i as u32))
            .collect();
        let mut fiches: Vec<FicheInfo> = rome
            .fiches
            .iter()
            .map(|f| FicheInfo {
                code: f.code.clone(),
                label: f.label.clone(),
                items: FxMap::default(),
                mobility: Vec::new(),
                appellations: Vec::new(),
                text_stems: Vec::new(),
            })
            .collect();
        for it in &rome.items {
            if let (Some(&f), Some(&s)) = (fiche_index.get(&it.rome), skill_index.get(&it.code)) {
                fiches[f as usize].items.insert(s, it.core);
            }
        }
        for (rome_code, code, etre) in macro_links {
            if let (Some(&f), Some(&s)) = (fiche_index.get(rome_code), skill_index.get(code)) {
                fiches[f as usize].items.entry(s).or_insert(false);
                if *etre {
                    skills[s as usize].kind = SkillKind::SavoirEtre;
                }
            }
        }
        let mut mob: Vec<_> = rome.mobilities.iter().collect();
        mob.sort_by_key(|m| m.order);
        for m in mob {
            if let (Some(&a), Some(&b)) = (fiche_index.get(&m.from), fiche_index.get(&m.to)) {
                fiches[a as usize].mobility.push(b);
            }
        }
        for a in &rome.appellations {
            if let Some(&f) = fiche_index.get(&a.rome) {
                let stems = distinct(vocab.learn(&norm, &a.label));
                fiches[f as usize]
                    .appellations
                    .push((a.code.clone(), a.label.clone(), stems));
            }
        }
        for t in &rome.texts {
            if let Some(&f) = fiche_index.get(&t.rome) {
                let stems = vocab.learn(&norm, &t.text);
                fiches[f as usize].text_stems.extend(stems);
            }
        }
        for f in &mut fiches {
            f.text_stems = distinct(std::mem::take(&mut f.text_stems));
        }
        for f in &rome.fiches {
            vocab.learn(&norm, &f.label);
        }
        let skill_json = skills.iter().map(crate::output::skill_fields).collect();
        Catalog {
            norm,
            vocab,
            skills,
            skill_index,
            fiches,
            fiche_index,
            skill_json,
        }
    }

    /// Extends the vocabulary with the words of a text (e.g. training offers).
    pub fn learn_text(&mut self, text: &str) {
        self.vocab.learn(&self.norm, text);
    }

    pub fn skill(&self, code: &str) -> Option<&Skill> {
        self.skill_index
            .get(code)
            .map(|&i| &self.skills[i as usize])
    }
}
#[cfg(test)]
mod tests {
    use super::matched_words;

    #[test]
    fn acronyms_repeating_the_words_are_left_out() {
        assert_eq!(
            matched_words("Bonnes Pratiques de Laboratoire -BPL-"),
            "Bonnes Pratiques de Laboratoire "
        );
        assert_eq!(
            matched_words("Intégrer un Système de Gestion de Base de Données - SGBD -"),
            "Intégrer un Système de Gestion de Base de Données "
        );
        assert_eq!(
            matched_words("Procéder à des examens d'Imagerie à résonance magnétique (IRM) selon"),
            "Procéder à des examens d'Imagerie à résonance magnétique  selon"
        );
        // Words in brackets, an acronym of something else, a hyphenated word, a lone dash: kept.
        for kept in [
            "Installer une unité (Air Start Unit - ASU)",
            "Techniques de contrôle non-destructif",
            "Règlement (CE) n° 1907/2006 - REACH",
            "Langage C (H/F)",
        ] {
            let out = matched_words(kept);
            assert_eq!(out, kept, "{kept}");
        }
    }
}
