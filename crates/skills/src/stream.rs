//! Streaming input and output of `skills extract`: offers in the France Travail API shape, as
//! one JSON array or as JSON lines, read one record at a time (memory independent of input
//! size); one JSON line out per record, an error line for a bad record.

use crate::engine::Engine;
use crate::record::{self, Id};
use serde::Serialize;
use std::io::{self, BufRead};

/// Longest `intitule + "\n" + description` read (bytes); longer texts get an error line.
pub const MAX_TEXT: usize = 1 << 20;
/// Longest JSON record buffered (bytes); longer records are skipped with an error line.
pub const MAX_RECORD: usize = 32 << 20;

/// One raw record: the line it starts on and its bytes, or `None` when it was too large.
pub type RawRecord<'a> = (u64, Option<&'a [u8]>);

/// Calls `f` for each record of a JSON array or of JSON lines (detected from the first
/// non-blank byte).
pub fn for_each_record<R: BufRead>(mut r: R, mut f: impl FnMut(RawRecord)) -> io::Result<()> {
    let first = loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => break buf[i],
            None => {
                let n = buf.len();
                r.consume(n);
            }
        }
    };
    if first == b'[' {
        split_array(r, f)
    } else {
        let mut line = Vec::new();
        let mut n = 0u64;
        loop {
            line.clear();
            if r.read_until(b'\n', &mut line)? == 0 {
                return Ok(());
            }
            n += 1;
            if !line.iter().all(u8::is_ascii_whitespace) {
                f((n, (line.len() <= MAX_RECORD).then_some(&line[..])));
            }
        }
    }
}

/// Splits a JSON array into its top-level elements without parsing them.
fn split_array<R: BufRead>(mut r: R, mut f: impl FnMut(RawRecord)) -> io::Result<()> {
    let (mut line, mut start_line) = (1u64, 1u64);
    let (mut depth, mut in_str, mut esc, mut opened, mut too_big) =
        (0i64, false, false, false, false);
    let mut elem: Vec<u8> = Vec::new();
    let mut in_elem = false;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            if in_elem {
                f((start_line, (!too_big).then_some(&elem[..])));
            }
            return Ok(());
        }
        let n = buf.len();
        for &b in buf {
            if b == b'\n' {
                line += 1;
            }
            if !opened {
                opened = b == b'[';
                continue;
            }
            if in_elem {
                if in_str {
                    if esc {
                        esc = false;
                    } else if b == b'\\' {
                        esc = true;
                    } else if b == b'"' {
                        in_str = false;
                    }
                } else if depth == 0 && (b == b',' || b == b']') {
                    f((start_line, (!too_big).then_some(&elem[..])));
                    elem.clear();
                    (in_elem, too_big) = (false, false);
                    if b == b']' {
                        return Ok(());
                    }
                    continue;
                } else {
                    match b {
                        b'"' => in_str = true,
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => depth -= 1,
                        _ => {}
                    }
                }
                if elem.len() < MAX_RECORD {
                    elem.push(b);
                } else {
                    too_big = true;
                }
            } else if b == b']' {
                return Ok(());
            } else if !b.is_ascii_whitespace() && b != b',' {
                (in_elem, start_line, depth) = (true, line, 0);
                in_str = b == b'"';
                if b == b'{' || b == b'[' {
                    depth = 1;
                }
                elem.push(b);
            }
        }
        r.consume(n);
    }
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    line: u64,
    error: String,
}

/// Reads one record and returns its output JSON line (UTF-8, without newline) and whether it
/// is an error line. Never panics on bad input.
pub fn process_record(engine: &Engine, rec: RawRecord, use_rome_code: bool) -> (Vec<u8>, bool) {
    let (line, bytes) = rec;
    let err = |id: Option<&str>, error: String| {
        (
            serde_json::to_vec(&ErrorLine { id, line, error }).unwrap_or_default(),
            true,
        )
    };
    let Some(bytes) = bytes else {
        return err(
            None,
            format!("enregistrement de plus de {MAX_RECORD} octets ignoré"),
        );
    };
    let trimmed = bytes.trim_ascii();
    if !trimmed.starts_with(b"{") {
        return err(
            None,
            "l'enregistrement n'est pas un objet JSON (offre attendue)".into(),
        );
    }
    // Checked at once, with SIMD: the record reader then takes its strings as they are.
    let trimmed = match simdutf8::compat::from_utf8(trimmed) {
        Ok(t) => t,
        Err(e) => {
            return err(
                None,
                format!(
                    "JSON invalide : UTF-8 invalide à l'octet {} de l'enregistrement",
                    e.valid_up_to() + 1
                ),
            )
        }
    };
    let o = match record::read(trimmed) {
        Ok(o) => o,
        Err(e) => {
            return err(
                None,
                format!("JSON invalide (colonne {}) : {e}", e.column()),
            )
        }
    };
    let id_str = match &o.id {
        Id::Text(s) if !s.trim().is_empty() => &**s,
        Id::Number(n) => &**n,
        _ => return err(None, "champ « id » absent ou vide".into()),
    };
    let id = Some(id_str);
    let (Some(title), Some(description)) = (&o.intitule, &o.description) else {
        return err(
            id,
            "champs « intitule » et « description » obligatoires".into(),
        );
    };
    let len = title.len() + 1 + description.len();
    if title.trim().is_empty() && description.trim().is_empty() {
        return err(id, "texte vide (« intitule » et « description »)".into());
    }
    if len > MAX_TEXT {
        return err(
            id,
            format!("texte trop long : {len} octets (maximum {MAX_TEXT})"),
        );
    }
    let hint = if use_rome_code {
        o.rome_code.as_deref()
    } else {
        None
    };
    let ex = engine.extract(title, description, hint);
    (crate::output::line(&engine.cat, id_str, &ex), false)
}
