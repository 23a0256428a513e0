//! French text normalisation shared by search and skill extraction.

/// Folds one character: lower case, accents removed, ligatures expanded.
/// Returns up to two characters (for `œ` → `oe`, `æ` → `ae`).
pub fn fold_char(c: char) -> (char, Option<char>) {
    let c = match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'Ç' | 'ç' => 'c',
        'È' | 'É' | 'Ê' | 'Ë' | 'è' | 'é' | 'ê' | 'ë' => 'e',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'ì' | 'í' | 'î' | 'ï' => 'i',
        'Ñ' | 'ñ' => 'n',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'ù' | 'ú' | 'û' | 'ü' => 'u',
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' => 'y',
        'Œ' | 'œ' => return ('o', Some('e')),
        'Æ' | 'æ' => return ('a', Some('e')),
        '’' | 'ʼ' | '‘' => '\'',
        // No-break and thin spaces (French typography puts them before « : ; ! ? »).
        '\u{a0}' | '\u{202f}' | '\u{2009}' => ' ',
        c => c.to_ascii_lowercase(),
    };
    (c.to_lowercase().next().unwrap_or(c), None)
}

/// Lower-cases and strips accents: `"Électricien(ne)"` → `"electricien(ne)"`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let (a, b) = fold_char(c);
        out.push(a);
        if let Some(b) = b {
            out.push(b);
        }
    }
    out
}

/// Splits folded text into alphanumeric words, dropping French elisions (`l'`, `d'`, `qu'`...).
pub fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .flat_map(|w| {
            let w = w.trim_matches('\'');
            match w.split_once('\'') {
                Some((head, tail)) if head.len() <= 3 => vec![tail.to_string()],
                Some((head, tail)) => vec![head.to_string(), tail.to_string()],
                None => vec![w.to_string()],
            }
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// French function words ignored by search.
pub const STOP_WORDS: &[&str] = &[
    "a", "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "en", "et", "la", "le",
    "les", "leur", "leurs", "ou", "par", "pour", "sa", "se", "ses", "son", "sur", "un", "une", "h",
    "f",
];

pub fn is_stop_word(w: &str) -> bool {
    STOP_WORDS.contains(&w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_ligatures() {
        assert_eq!(fold("Électricien Œuvre À"), "electricien oeuvre a");
        assert_eq!(fold("Maçon"), "macon");
    }

    #[test]
    fn words_drop_elisions_and_punctuation() {
        assert_eq!(
            words("Conducteur d'engins / l’Agent (H/F)"),
            vec!["conducteur", "engins", "agent", "h", "f"]
        );
    }
}
