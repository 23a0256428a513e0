//! LHEO 2.x XML: a streaming reader (one `formation` in memory at a time) and a writer that
//! follows the element order of the LHEO definition, so that `write` then `read` gives back
//! the same [`Formation`](crate::model::Formation)s.

mod dom;
mod map;
mod map_parts;
pub mod names;
mod read;
mod write;

pub use read::LheoReader;
pub use write::LheoWriter;

use std::fmt;

/// A problem in an LHEO file, located by line (1-based) and XPath.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LheoError {
    pub line: u64,
    pub xpath: String,
    pub reason: String,
}

impl fmt::Display for LheoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ligne {}, {} : {}", self.line, self.xpath, self.reason)
    }
}

impl std::error::Error for LheoError {}

/// Is `name` an element of the LHEO definition?
pub fn is_known_element(name: &str) -> bool {
    names::ELEMENTS.binary_search(&name).is_ok()
}

/// Reads a whole document held in memory (tests, small files): the formations and every
/// problem found, or the first fatal error.
pub fn read_str(xml: &str) -> Result<(Vec<crate::model::Formation>, Vec<LheoError>), LheoError> {
    let mut r = LheoReader::new(xml.as_bytes());
    let mut out = Vec::new();
    while let Some(f) = r.next_formation()? {
        out.push(f);
    }
    Ok((out, r.take_errors()))
}

/// Writes formations to a string (tests, small exports).
pub fn write_string(formations: &[crate::model::Formation], comment: Option<&str>) -> String {
    let mut buf = Vec::new();
    let mut w = LheoWriter::new(&mut buf, comment).expect("writing to memory");
    for f in formations {
        w.write_formation(f).expect("writing to memory");
    }
    w.finish().expect("writing to memory");
    String::from_utf8(buf).expect("the writer emits UTF-8")
}

/// Opens an LHEO file for streaming, gunzipping `*.gz`. Returns the reader and the file size
/// in bytes (compressed size for `.gz`).
pub fn open(path: &std::path::Path) -> std::io::Result<(Box<dyn std::io::BufRead + Send>, u64)> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    let reader: Box<dyn std::io::BufRead + Send> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(std::io::BufReader::with_capacity(
            1 << 16,
            flate2::read::GzDecoder::new(file),
        ))
    } else {
        Box::new(std::io::BufReader::with_capacity(1 << 16, file))
    };
    Ok((reader, size))
}
