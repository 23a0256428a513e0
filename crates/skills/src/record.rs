//! The four fields `skills extract` reads from an offer record (`id`, `intitule`,
//! `description`, `romeCode`), taken from the record's bytes in one pass: strings are found
//! with `memchr` and borrowed when they hold no escape, the other fields are skipped (and
//! checked) without being built. Whatever this fast path does not take (an escaped key, a
//! field given twice, an id that is not a string or a plain integer, a surrogate escape,
//! malformed JSON) goes to serde_json, which gives the same fields or the error to report.

use std::borrow::Cow;

/// The offer's `id` as the stream reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Id<'a> {
    /// Absent or `null`.
    Missing,
    Text(Cow<'a, str>),
    /// A number, written as serde_json writes it.
    Number(Cow<'a, str>),
    /// Any other JSON value.
    Other,
}

/// The fields of an offer record that `skills extract` reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields<'a> {
    pub id: Id<'a>,
    pub intitule: Option<Cow<'a, str>>,
    pub description: Option<Cow<'a, str>>,
    pub rome_code: Option<Cow<'a, str>>,
}

#[derive(serde::Deserialize)]
struct RawOffer {
    id: Option<serde_json::Value>,
    intitule: Option<String>,
    description: Option<String>,
    #[serde(rename = "romeCode")]
    rome_code: Option<String>,
}

/// Reads a record (one JSON value): the fields, or serde_json's error.
pub fn read(json: &str) -> Result<Fields<'_>, serde_json::Error> {
    if let Some(f) = fast(json) {
        return Ok(f);
    }
    with_serde(json)
}

/// The same fields through serde_json alone (the reference the fast path is tested against).
pub fn with_serde(json: &str) -> Result<Fields<'static>, serde_json::Error> {
    let o: RawOffer = serde_json::from_str(json)?;
    Ok(Fields {
        id: match o.id {
            None | Some(serde_json::Value::Null) => Id::Missing,
            Some(serde_json::Value::String(s)) => Id::Text(Cow::Owned(s)),
            Some(serde_json::Value::Number(n)) => Id::Number(Cow::Owned(n.to_string())),
            Some(_) => Id::Other,
        },
        intitule: o.intitule.map(Cow::Owned),
        description: o.description.map(Cow::Owned),
        rome_code: o.rome_code.map(Cow::Owned),
    })
}

/// Deepest nesting the fast path skips (serde_json's own limit is 128).
const MAX_DEPTH: usize = 64;

/// The fast path: `None` for anything it leaves to serde_json.
pub fn fast(json: &str) -> Option<Fields<'_>> {
    let b = json.as_bytes();
    // Without control bytes in the record, no string can hold one: the string scans then
    // need not look for them.
    let controls = b.iter().fold(false, |acc, &c| acc | (c < 0x20));
    let mut p = Parser {
        b,
        s: json,
        i: 0,
        controls,
    };
    let mut f = Fields {
        id: Id::Missing,
        intitule: None,
        description: None,
        rome_code: None,
    };
    let mut seen = [false; 4];
    p.ws();
    p.eat(b'{')?;
    p.ws();
    if p.peek()? == b'}' {
        p.i += 1;
    } else {
        loop {
            p.eat(b'"')?;
            let key = p.string_raw()?;
            p.ws();
            p.eat(b':')?;
            p.ws();
            let field = match key {
                "id" => 0,
                "intitule" => 1,
                "description" => 2,
                "romeCode" => 3,
                _ => 4,
            };
            if field < 4 {
                if seen[field] {
                    return None;
                }
                seen[field] = true;
            }
            match field {
                0 => f.id = p.id()?,
                1 => f.intitule = p.optional_string()?,
                2 => f.description = p.optional_string()?,
                3 => f.rome_code = p.optional_string()?,
                _ => p.skip(0)?,
            }
            p.ws();
            match p.next()? {
                b',' => p.ws(),
                b'}' => break,
                _ => return None,
            }
        }
    }
    p.ws();
    (p.i == b.len()).then_some(f)
}

/// Where the first `"` or `\\` of `b` is: the first 32 bytes read eight at a time, inline
/// (most strings of a record are short), the rest with `memchr`.
#[inline(always)]
fn quote_or_backslash(b: &[u8]) -> Option<usize> {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Per byte, the high bit is set for a zero byte, and possibly above one (never below).
    let zero = |v: u64| v.wrapping_sub(LOW) & !v & HIGH;
    let head = b.len().min(32) / 8 * 8;
    for (k, chunk) in b[..head].chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let hit = zero(x ^ (LOW * b'"' as u64)) | zero(x ^ (LOW * b'\\' as u64));
        if hit != 0 {
            return Some(k * 8 + (hit.trailing_zeros() / 8) as usize);
        }
    }
    memchr::memchr2(b'"', b'\\', &b[head..]).map(|n| head + n)
}

struct Parser<'a> {
    b: &'a [u8],
    s: &'a str,
    i: usize,
    /// The record holds bytes below 0x20 (which strings may not hold raw).
    controls: bool,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.next()? == c).then_some(())
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }

    /// From just after an opening quote to the next quote or backslash: the text before it,
    /// `None` on a raw control byte or an unterminated string.
    fn run(&mut self) -> Option<&'a str> {
        let rest = &self.b[self.i..];
        let n = quote_or_backslash(rest)?;
        if self.controls && rest[..n].iter().any(|&c| c < 0x20) {
            return None;
        }
        // Quotes and backslashes are ASCII: the cut is on a character boundary.
        let s = self.s.get(self.i..self.i + n)?;
        self.i += n;
        Some(s)
    }

    /// A string without escapes, from just after its opening quote (a key).
    fn string_raw(&mut self) -> Option<&'a str> {
        let s = self.run()?;
        self.eat(b'"')?;
        Some(s)
    }

    /// A string from just after its opening quote: borrowed when it holds no escape.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        let first = self.run()?;
        if self.next()? == b'"' {
            return Some(Cow::Borrowed(first));
        }
        let mut out = String::with_capacity(first.len() + 64);
        out.push_str(first);
        loop {
            out.push(self.escape()?);
            out.push_str(self.run()?);
            if self.next()? == b'"' {
                return Some(Cow::Owned(out));
            }
        }
    }

    /// The character of an escape, from just after its backslash; surrogates are left to
    /// serde_json.
    fn escape(&mut self) -> Option<char> {
        Some(match self.next()? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hex = self.b.get(self.i..self.i + 4)?;
                self.i += 4;
                let mut n = 0u32;
                for &h in hex {
                    n = n * 16 + (h as char).to_digit(16)?;
                }
                char::from_u32(n)?
            }
            _ => return None,
        })
    }

    fn optional_string(&mut self) -> Option<Option<Cow<'a, str>>> {
        match self.next()? {
            b'"' => Some(Some(self.string()?)),
            b'n' => self.literal(b"ull").map(|_| None),
            _ => None,
        }
    }

    fn id(&mut self) -> Option<Id<'a>> {
        match self.peek()? {
            b'"' => {
                self.i += 1;
                Some(Id::Text(self.string()?))
            }
            b'n' => {
                self.i += 1;
                self.literal(b"ull").map(|_| Id::Missing)
            }
            // A plain integer (one that fits in an i64 is written back unchanged).
            b'0'..=b'9' | b'-' => {
                let start = self.i;
                self.number()?;
                let s = &self.s[start..self.i];
                let digits = s.trim_start_matches('-');
                let plain = digits.bytes().all(|c| c.is_ascii_digit()) && digits.len() <= 18;
                (plain && s != "-0").then_some(Id::Number(Cow::Borrowed(s)))
            }
            b'{' | b'[' | b't' | b'f' => {
                self.skip(0)?;
                Some(Id::Other)
            }
            _ => None,
        }
    }

    fn literal(&mut self, rest: &[u8]) -> Option<()> {
        let got = self.b.get(self.i..self.i + rest.len())?;
        self.i += rest.len();
        (got == rest).then_some(())
    }

    /// A JSON number: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    fn number(&mut self) -> Option<()> {
        let digits = |p: &mut Self| {
            let start = p.i;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.i += 1;
            }
            (p.i > start).then_some(())
        };
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        if self.peek() == Some(b'0') {
            self.i += 1;
        } else {
            digits(self)?;
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            digits(self)?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            digits(self)?;
        }
        Some(())
    }

    /// Skips one value, checking it as serde_json would.
    fn skip(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.next()? {
            b'"' => loop {
                self.run()?;
                if self.next()? == b'"' {
                    return Some(());
                }
                self.escape()?;
            },
            b'{' => self.skip_items(depth, b'}', true),
            b'[' => self.skip_items(depth, b']', false),
            b't' => self.literal(b"rue"),
            b'f' => self.literal(b"alse"),
            b'n' => self.literal(b"ull"),
            b'-' | b'0'..=b'9' => {
                self.i -= 1;
                self.number()
            }
            _ => None,
        }
    }

    /// The members of an object or the elements of an array, from just after its opening.
    fn skip_items(&mut self, depth: usize, close: u8, object: bool) -> Option<()> {
        self.ws();
        if self.peek()? == close {
            self.i += 1;
            return Some(());
        }
        loop {
            if object {
                self.eat(b'"')?;
                self.string()?;
                self.ws();
                self.eat(b':')?;
                self.ws();
            }
            self.skip(depth + 1)?;
            self.ws();
            match self.next()? {
                b',' => self.ws(),
                c if c == close => return Some(()),
                _ => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator of JSON records, valid or nearly so.
    struct Gen(u64);

    impl Gen {
        fn next(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }

        fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
            xs[self.next(xs.len() as u64) as usize]
        }

        fn string(&mut self) -> String {
            let parts = [
                "abc",
                "é",
                "œuvre",
                " ",
                "\\n",
                "\\\"",
                "\\\\",
                "\\/",
                "\\t",
                "\\u00e9",
                "\\u20ac",
                "\\ud83d\\ude00",
                "\\ud83d",
                "\\x",
                "\n",
                "\u{1}",
                "\\u12",
                "日本",
            ];
            let n = self.next(5);
            (0..n).map(|_| self.pick(&parts)).collect()
        }

        fn value(&mut self, depth: u32) -> String {
            let scalars: Vec<&str> =
                "0 -0 12 -7 1.5 1e3 2E-2 01 1. - true false null nul tru 123456789012345678901 9007199254740993"
                    .split(' ')
                    .collect();
            match self.next(if depth > 2 { 2 } else { 4 }) {
                0 => format!("\"{}\"", self.string()),
                1 => self.pick(&scalars).to_string(),
                2 => {
                    let n = self.next(3);
                    let items: Vec<String> = (0..n).map(|_| self.value(depth + 1)).collect();
                    format!("[{}]", items.join(self.pick(&[",", " , ", ",,"])))
                }
                _ => self.object(depth + 1),
            }
        }

        fn object(&mut self, depth: u32) -> String {
            let keys: Vec<&str> = "id intitule description romeCode lieu romeCod\\u0065 x"
                .split(' ')
                .collect();
            let n = self.next(6);
            let members: Vec<String> = (0..n)
                .map(|_| {
                    let k = self.pick(&keys);
                    let v = self.value(depth);
                    format!("\"{k}\"{}{v}", self.pick(&[":", " : ", ":\n", "="]))
                })
                .collect();
            format!(
                "{{{}}}{}",
                members.join(","),
                self.pick(&["", "", " ", "x"])
            )
        }
    }

    #[test]
    fn the_fast_path_reads_what_serde_reads_or_leaves_the_record_to_it() {
        let mut g = Gen(0x9e37_79b9_7f4a_7c15);
        let (mut taken, mut left, mut valid) = (0, 0, 0);
        for _ in 0..20_000 {
            let json = g.object(0);
            let reference = with_serde(&json).map_err(|e| e.to_string());
            valid += reference.is_ok() as usize;
            match fast(&json) {
                Some(f) => {
                    taken += 1;
                    assert_eq!(Ok(f), reference, "{json}");
                }
                None => left += 1,
            }
            assert_eq!(read(&json).map_err(|e| e.to_string()), reference);
        }
        // Both paths are exercised, on valid and invalid records.
        assert!(
            taken > 2_000 && left > 2_000 && valid > 2_000,
            "{taken} {left} {valid}"
        );
    }

    #[test]
    fn the_first_quote_or_backslash_is_found_at_any_position() {
        for len in 0..80 {
            for at in 0..=len {
                for c in [b'"', b'\\'] {
                    let mut b = vec![b'a'; len];
                    // Bytes that differ from a quote or a backslash by one bit or borrow.
                    for (k, x) in b.iter_mut().enumerate() {
                        *x = [b'a', b'#', b'!', b']', 0, 0xe9][k % 6];
                    }
                    let want = (at < len).then(|| {
                        b[at] = c;
                        at
                    });
                    if let Some(w) = want {
                        b[w + 1..].iter_mut().for_each(|x| *x = b'"');
                    }
                    assert_eq!(quote_or_backslash(&b), want, "{len} {at}");
                }
            }
        }
    }

    #[test]
    fn fields_without_escapes_are_borrowed() {
        let json = r#"{"id": 42, "intitule": "Maçon", "description": "Bâtir\ndes murs", "x": [1, {"a": null}], "romeCode": null}"#;
        let f = fast(json).unwrap();
        assert_eq!(f.id, Id::Number(Cow::Borrowed("42")));
        assert!(matches!(f.intitule, Some(Cow::Borrowed("Maçon"))));
        assert_eq!(f.description.as_deref(), Some("Bâtir\ndes murs"));
        assert!(matches!(f.description, Some(Cow::Owned(_))));
        assert_eq!(f.rome_code, None);
        assert_eq!(fast(r#"{"id": "a", "id": "b"}"#), None);
        assert_eq!(fast(r#"{"id": 1.5}"#), None);
    }
}
