//! ROME 4.0: the French referential of occupations (fiches métier), job titles (appellations),
//! skills (compétences: savoir-faire and savoir-être) and knowledge (savoirs).

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A ROME code such as `M1805`: one letter, four digits.
pub fn is_rome_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 5 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit)
}

/// A fiche métier (occupation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fiche {
    pub code: String,
    pub label: String,
    /// Domaine professionnel, e.g. `M18`.
    pub domain_code: String,
    pub domain_label: String,
    /// Grand domaine letter, e.g. `M`.
    pub grand_domain_code: String,
    pub grand_domain_label: String,
    /// "Emploi Blanc", "Emploi Vert", "Emploi Brun", "Emploi stratégique pour la Transition écologique".
    pub transition_eco: String,
    pub transition_num: bool,
    pub emploi_cadre: bool,
    pub emploi_reglemente: bool,
}

/// An appellation: one of the 13,120 job titles, attached to one fiche.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Appellation {
    pub code: String,
    pub label: String,
    pub label_short: String,
    pub rome: String,
    pub rare: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkillKind {
    SavoirFaire,
    SavoirEtre,
    Savoir,
}

impl SkillKind {
    pub fn label_fr(self) -> &'static str {
        match self {
            SkillKind::SavoirFaire => "savoir-faire",
            SkillKind::SavoirEtre => "savoir-être",
            SkillKind::Savoir => "savoir",
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            SkillKind::SavoirFaire => "savoir-faire",
            SkillKind::SavoirEtre => "savoir-etre",
            SkillKind::Savoir => "savoir",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "savoir-faire" => Some(SkillKind::SavoirFaire),
            "savoir-etre" => Some(SkillKind::SavoirEtre),
            "savoir" => Some(SkillKind::Savoir),
            _ => None,
        }
    }
}

/// A compétence (savoir-faire or savoir-être), with its macro-compétence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Competence {
    pub code: String,
    pub label: String,
    pub kind: SkillKind,
    pub macro_code: String,
    pub category: String,
    pub transition_eco: bool,
    pub transition_num: bool,
}

/// A macro-compétence groups compétences (e.g. "Gérer un budget").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MacroCompetence {
    pub code: String,
    pub label: String,
}

/// A savoir (knowledge item, e.g. "Techniques de soudage").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Savoir {
    pub code: String,
    pub label: String,
    pub category: String,
    pub sub_category: String,
    pub transition_eco: bool,
    pub transition_num: bool,
}

/// Link between a fiche and one of its items (compétence or savoir).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FicheItem {
    pub rome: String,
    pub code: String,
    pub kind: SkillKind,
    /// "Principale" items are core to the occupation (coeur de métier).
    pub core: bool,
}

/// A mobility link from one fiche to another (career move), with its order of closeness.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mobility {
    pub from: String,
    pub to: String,
    pub order: i64,
}

/// Free text of a fiche: definition or access to the job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FicheText {
    pub rome: String,
    /// `definition` or `acces_metier`.
    pub kind: String,
    pub position: i64,
    pub text: String,
}

/// The whole referential, indexed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Rome {
    pub fiches: Vec<Fiche>,
    pub appellations: Vec<Appellation>,
    pub competences: Vec<Competence>,
    pub macro_competences: Vec<MacroCompetence>,
    pub savoirs: Vec<Savoir>,
    pub items: Vec<FicheItem>,
    pub mobilities: Vec<Mobility>,
    pub texts: Vec<FicheText>,
}

/// A skill of either family, as seen from a fiche.
#[derive(Debug, Clone, Copy)]
pub enum SkillRef<'a> {
    Competence(&'a Competence),
    Savoir(&'a Savoir),
}

impl SkillRef<'_> {
    pub fn code(&self) -> &str {
        match self {
            SkillRef::Competence(c) => &c.code,
            SkillRef::Savoir(s) => &s.code,
        }
    }
    pub fn label(&self) -> &str {
        match self {
            SkillRef::Competence(c) => &c.label,
            SkillRef::Savoir(s) => &s.label,
        }
    }
    pub fn kind(&self) -> SkillKind {
        match self {
            SkillRef::Competence(c) => c.kind,
            SkillRef::Savoir(_) => SkillKind::Savoir,
        }
    }
    pub fn transition_eco(&self) -> bool {
        match self {
            SkillRef::Competence(c) => c.transition_eco,
            SkillRef::Savoir(s) => s.transition_eco,
        }
    }
    pub fn transition_num(&self) -> bool {
        match self {
            SkillRef::Competence(c) => c.transition_num,
            SkillRef::Savoir(s) => s.transition_num,
        }
    }
}

/// Lookup maps over a [`Rome`], built once.
#[derive(Debug, Default)]
pub struct RomeIndex {
    pub fiche: HashMap<String, usize>,
    pub competence: HashMap<String, usize>,
    pub savoir: HashMap<String, usize>,
    pub items_of: HashMap<String, Vec<usize>>,
    pub appellations_of: HashMap<String, Vec<usize>>,
}

impl Rome {
    pub fn index(&self) -> RomeIndex {
        let mut ix = RomeIndex::default();
        for (i, f) in self.fiches.iter().enumerate() {
            ix.fiche.insert(f.code.clone(), i);
        }
        for (i, c) in self.competences.iter().enumerate() {
            ix.competence.insert(c.code.clone(), i);
        }
        for (i, s) in self.savoirs.iter().enumerate() {
            ix.savoir.insert(s.code.clone(), i);
        }
        for (i, it) in self.items.iter().enumerate() {
            ix.items_of.entry(it.rome.clone()).or_default().push(i);
        }
        for (i, a) in self.appellations.iter().enumerate() {
            ix.appellations_of
                .entry(a.rome.clone())
                .or_default()
                .push(i);
        }
        ix
    }

    /// Finds a skill (compétence or savoir) by its OGR code.
    pub fn skill<'a>(&'a self, ix: &RomeIndex, code: &str) -> Option<SkillRef<'a>> {
        if let Some(&i) = ix.competence.get(code) {
            return Some(SkillRef::Competence(&self.competences[i]));
        }
        ix.savoir
            .get(code)
            .map(|&i| SkillRef::Savoir(&self.savoirs[i]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rome_codes_are_letter_and_four_digits() {
        assert!(is_rome_code("M1805"));
        assert!(!is_rome_code("m1805"));
        assert!(!is_rome_code("M180"));
        assert!(!is_rome_code("M18O5"));
    }
}
