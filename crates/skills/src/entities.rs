//! HTML character references in offer texts ("d&eacute;cisionnelles", "l&rsquo;équipe",
//! "&#233;"): some job boards send their offers' HTML escaped (211 of the 2,559 bundled offers
//! hold some). [`crate::norm::fold_words`] reads each as the character it stands for, its span
//! staying that of the reference in the original text; pages show them through [`unescape`].

use std::borrow::Cow;

/// Named references (case matters), sorted by name for a binary search.
const NAMED: [(&str, char); 66] = [
    ("AElig", 'Æ'),
    ("Aacute", 'Á'),
    ("Acirc", 'Â'),
    ("Agrave", 'À'),
    ("Auml", 'Ä'),
    ("Ccedil", 'Ç'),
    ("Eacute", 'É'),
    ("Ecirc", 'Ê'),
    ("Egrave", 'È'),
    ("Euml", 'Ë'),
    ("Icirc", 'Î'),
    ("Iuml", 'Ï'),
    ("OElig", 'Œ'),
    ("Ocirc", 'Ô'),
    ("Ouml", 'Ö'),
    ("Ucirc", 'Û'),
    ("Ugrave", 'Ù'),
    ("Uuml", 'Ü'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("aelig", 'æ'),
    ("agrave", 'à'),
    ("amp", '&'),
    ("apos", '\''),
    ("auml", 'ä'),
    ("bull", '•'),
    ("ccedil", 'ç'),
    ("copy", '©'),
    ("deg", '°'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("egrave", 'è'),
    ("euml", 'ë'),
    ("euro", '€'),
    ("gt", '>'),
    ("hellip", '…'),
    ("iacute", 'í'),
    ("icirc", 'î'),
    ("iuml", 'ï'),
    ("laquo", '«'),
    ("ldquo", '“'),
    ("lsquo", '‘'),
    ("lt", '<'),
    ("mdash", '—'),
    ("middot", '·'),
    ("nbsp", '\u{a0}'),
    ("ndash", '–'),
    ("ntilde", 'ñ'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("oelig", 'œ'),
    ("ouml", 'ö'),
    ("quot", '"'),
    ("raquo", '»'),
    ("rdquo", '”'),
    ("reg", '®'),
    ("rsquo", '’'),
    ("shy", '\u{ad}'),
    ("times", '×'),
    ("trade", '™'),
    ("uacute", 'ú'),
    ("ucirc", 'û'),
    ("ugrave", 'ù'),
    ("uuml", 'ü'),
    ("yacute", 'ý'),
    ("yuml", 'ÿ'),
];

/// The character that a reference at the start of `bytes` stands for, and the reference's
/// length in bytes (`&` to `;`); `None` when `bytes` does not start with a reference this
/// reader knows (a named one of [`NAMED`], or a decimal or hexadecimal one that is not a
/// control character other than a line break or a tab).
pub fn decode(bytes: &[u8]) -> Option<(char, usize)> {
    if bytes.first() != Some(&b'&') {
        return None;
    }
    let end = bytes.iter().take(10).position(|&b| b == b';')?;
    let name = &bytes[1..end];
    let c = match name.strip_prefix(b"#") {
        Some(num) => {
            let (digits, radix) = match num {
                [b'x' | b'X', rest @ ..] => (rest, 16),
                _ => (num, 10),
            };
            if digits.is_empty() || !digits.iter().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            let c = char::from_u32(
                u32::from_str_radix(std::str::from_utf8(digits).ok()?, radix).ok()?,
            )?;
            if c.is_control() && !matches!(c, '\n' | '\t') {
                return None;
            }
            c
        }
        None => {
            let at = NAMED
                .binary_search_by(|(n, _)| n.as_bytes().cmp(name))
                .ok()?;
            NAMED[at].1
        }
    };
    Some((c, end + 1))
}

/// `s` with the references [`decode`] knows read as their characters (to show a text).
pub fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let (c, len) = decode(&rest.as_bytes()[i..]).unwrap_or(('&', 1));
        out.push(c);
        rest = &rest[i + len..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_references_are_sorted_for_the_search() {
        assert!(NAMED.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(NAMED
            .iter()
            .all(|&(n, c)| decode(format!("&{n};x").as_bytes()) == Some((c, n.len() + 2))));
    }

    #[test]
    fn texts_unescape_for_display() {
        assert_eq!(
            unescape("d&eacute;cision R&D &amp; l&rsquo;&#233;t&eacute;"),
            "décision R&D & l’été"
        );
        assert!(matches!(unescape("sans référence"), Cow::Borrowed(_)));
    }

    #[test]
    fn references_decode_to_their_character_and_length() {
        assert_eq!(decode(b"&eacute;cisionnelles"), Some(('é', 8)));
        assert_eq!(decode(b"&#233;t"), Some(('é', 6)));
        assert_eq!(decode(b"&#xE9;"), Some(('é', 6)));
        assert_eq!(decode(b"&#39;"), Some(('\'', 5)));
        assert_eq!(decode(b"&#10;"), Some(('\n', 5)));
        for bad in [
            &b"& co"[..],
            b"&eacute",
            b"&unknown;",
            b"&#;",
            b"&#x;",
            b"&#12a;",
            b"&#0;",
            b"&#1114112;",
            b"&#xD800;",
            b"R&D ; x",
            b"eacute;",
        ] {
            assert_eq!(decode(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }
}
