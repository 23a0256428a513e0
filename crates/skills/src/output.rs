//! The JSON line of one extraction, written directly: the same bytes as serialising it with
//! serde (checked by a test), without escaping the skills' codes and labels again for every
//! offer (they are escaped once per catalog, [`skill_fields`]).

use crate::catalog::{Catalog, Skill};
use crate::engine::{Extraction, SkillHit};
use serde::Serialize;

/// A skill's `"code":…,"label":…,"kind":…` fields, as serde writes them.
pub fn skill_fields(s: &Skill) -> Box<str> {
    let mut out = Vec::with_capacity(s.label.len() + 48);
    out.extend_from_slice(b"\"code\":");
    value(&mut out, &s.code);
    out.extend_from_slice(b",\"label\":");
    value(&mut out, &s.label);
    out.extend_from_slice(b",\"kind\":");
    value(&mut out, s.output_kind());
    String::from_utf8(out).unwrap_or_default().into_boxed_str()
}

/// One JSON value as serde_json writes it (a string escaped, a float shortest, `null`).
fn value<T: Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) {
    // Writing into a Vec cannot fail, and these values always serialise.
    let _ = serde_json::to_writer(&mut *out, v);
}

fn key(out: &mut Vec<u8>, name: &str) {
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"\":");
}

fn skill(out: &mut Vec<u8>, cat: &Catalog, h: &SkillHit) {
    let fields = cat.skill_json.get(h.skill as usize).filter(|_| {
        cat.skills
            .get(h.skill as usize)
            .is_some_and(|s| s.code == h.code)
    });
    let Some(fields) = fields else {
        // A hit that does not come from this catalog: written field by field.
        return value(out, h);
    };
    out.push(b'{');
    out.extend_from_slice(fields.as_bytes());
    out.extend_from_slice(b",\"evidence\":");
    value(out, &h.evidence);
    out.extend_from_slice(b",\"score\":");
    value(out, &h.score);
    out.extend_from_slice(b",\"spans\":[");
    let mut num = itoa::Buffer::new();
    for (i, [a, b]) in h.spans.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'[');
        out.extend_from_slice(num.format(*a).as_bytes());
        out.push(b',');
        out.extend_from_slice(num.format(*b).as_bytes());
        out.push(b']');
    }
    out.push(b']');
    if let Some(share) = h.share {
        out.extend_from_slice(b",\"share\":");
        value(out, &share);
    }
    out.push(b'}');
}

/// The output JSON line (without newline) of one extraction of offer `id`, as UTF-8 bytes:
/// `{"id":…,"rome":…,"appellation":…,"runner_ups":[…],"skills":[…]}` (and `"note"` when set).
pub fn line(cat: &Catalog, id: &str, ex: &Extraction) -> Vec<u8> {
    let mut out = Vec::with_capacity(512 + 192 * ex.skills.len());
    out.push(b'{');
    key(&mut out, "id");
    value(&mut out, id);
    out.push(b',');
    key(&mut out, "rome");
    value(&mut out, &ex.rome);
    out.push(b',');
    key(&mut out, "appellation");
    value(&mut out, &ex.appellation);
    out.push(b',');
    key(&mut out, "runner_ups");
    value(&mut out, &ex.runner_ups);
    out.push(b',');
    key(&mut out, "skills");
    out.push(b'[');
    for (i, h) in ex.skills.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        skill(&mut out, cat, h);
    }
    out.push(b']');
    if let Some(note) = ex.note {
        out.push(b',');
        key(&mut out, "note");
        value(&mut out, note);
    }
    out.push(b'}');
    // Only valid UTF-8 was written (serde's output and ASCII punctuation): written out as
    // bytes, without checking it again.
    out
}
