//! Curated surface variants of skills that stems alone cannot reach ("rigoureux" for "Faire
//! preuve de rigueur et de précision", "esprit d'équipe"), found with one Aho-Corasick
//! automaton over the folded text (case, accents, ligatures), whole words only.

use crate::catalog::Catalog;
use crate::norm::{fold_with_offsets, Folded};
use aho_corasick::AhoCorasick;

/// Variant file format: `code<TAB>variant|variant|…`, `#` comments.
pub struct Variants {
    ac: Option<AhoCorasick>,
    skills: Vec<u32>,
}

impl Variants {
    pub fn empty() -> Variants {
        Variants {
            ac: None,
            skills: Vec::new(),
        }
    }

    /// Reads the variant file; unknown codes and malformed lines are errors naming the line.
    pub fn parse(cat: &Catalog, text: &str) -> Result<Variants, String> {
        let (mut patterns, mut skills) = (Vec::new(), Vec::new());
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (code, vars) = line
                .split_once('\t')
                .ok_or(format!("ligne {} : code<TAB>variantes attendu", i + 1))?;
            let &skill = cat
                .skill_index
                .get(code.trim())
                .ok_or(format!("ligne {} : code inconnu « {code} »", i + 1))?;
            for v in vars.split('|').map(str::trim).filter(|v| !v.is_empty()) {
                patterns.push(fold_with_offsets(v).text);
                skills.push(skill);
            }
        }
        let ac =
            AhoCorasick::new(&patterns).map_err(|e| format!("automate des variantes : {e}"))?;
        Ok(Variants {
            ac: Some(ac),
            skills,
        })
    }

    /// Skills whose variants occur as whole words in `folded`, with their byte spans in the
    /// original text.
    pub fn find(&self, folded: &Folded) -> Vec<(u32, [usize; 2])> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let bytes = folded.text.as_bytes();
        let word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
        ac.find_overlapping_iter(&folded.text)
            .filter(|m| {
                (m.start() == 0 || !word(bytes[m.start() - 1]))
                    && (m.end() == bytes.len() || !word(bytes[m.end()]))
            })
            .map(|m| {
                let span = [
                    folded.offsets[m.start()] as usize,
                    folded.offsets[m.end()] as usize,
                ];
                (self.skills[m.pattern().as_usize()], span)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_offsets_map_back_to_the_original() {
        let t = "Être rigoureux, Œuvre";
        let f = fold_with_offsets(t);
        assert_eq!(f.text, "etre rigoureux, oeuvre");
        let i = f.text.find("rigoureux").unwrap();
        let (a, b) = (
            f.offsets[i] as usize,
            f.offsets[i + "rigoureux".len()] as usize,
        );
        assert_eq!(&t[a..b], "rigoureux");
        let j = f.text.find("oeuvre").unwrap();
        assert_eq!(&t[f.offsets[j] as usize..], "Œuvre");
    }

    #[test]
    fn folded_text_is_the_domain_fold() {
        let t = "SQL, C++ & Ça: Ærø — l’ÉTÉ 2024\tİ ß";
        let f = fold_with_offsets(t);
        assert_eq!(f.text, tremplin_domain::text::fold(t));
        assert_eq!(f.offsets.len(), f.text.len() + 1);
    }
}
