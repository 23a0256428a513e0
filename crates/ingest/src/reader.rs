//! Low-level reading: decompression, encoding, CSV rows with named fields and located errors.

use crate::IngestError;
use flate2::read::GzDecoder;
use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::Path;

/// One rejected record: which file, which line, which field, why.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RecordError {
    pub file: String,
    pub line: u64,
    pub field: String,
    pub reason: String,
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: champ « {} » : {}",
            self.file, self.line, self.field, self.reason
        )
    }
}

/// Records parsed from a file, and those rejected.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    pub records: Vec<T>,
    pub errors: Vec<RecordError>,
}

impl<T> Parsed<T> {
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Parsed<U> {
        Parsed {
            records: self.records.into_iter().map(f).collect(),
            errors: self.errors,
        }
    }
}

/// Reads a whole file, gunzipping `.gz`, and decodes it as UTF-8 or, failing that, Latin-1.
pub fn read_text(path: &Path) -> Result<String, IngestError> {
    let file = path.display().to_string();
    let io = |source| IngestError::Io {
        file: file.clone(),
        source,
    };
    let mut bytes = Vec::new();
    let f = std::fs::File::open(path).map_err(io)?;
    if path.extension().is_some_and(|e| e == "gz") {
        GzDecoder::new(f).read_to_end(&mut bytes).map_err(io)?;
    } else {
        std::io::BufReader::new(f)
            .read_to_end(&mut bytes)
            .map_err(io)?;
    }
    Ok(decode(bytes))
}

/// UTF-8 (BOM stripped) or Latin-1.
pub fn decode(bytes: Vec<u8>) -> String {
    let s = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
    };
    s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s)
}

/// A source file in a folder: `name` if present, else `name.gz`.
pub fn source_file(dir: &Path, name: &str) -> std::path::PathBuf {
    let plain = dir.join(name);
    if plain.exists() {
        plain
    } else {
        dir.join(format!("{name}.gz"))
    }
}

/// Display name of a file in messages: its file name without `.gz`.
pub fn display_name(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.strip_suffix(".gz").map(str::to_string).unwrap_or(name)
}

/// A CSV row with access by column name.
pub struct Row<'a> {
    pub record: &'a csv::StringRecord,
    columns: &'a HashMap<String, usize>,
}

/// Why a field was rejected: (field, reason).
pub type FieldError = (String, String);

impl Row<'_> {
    /// The trimmed value of a column (empty if the line is short).
    pub fn get(&self, col: &str) -> &str {
        self.columns
            .get(col)
            .and_then(|&i| self.record.get(i))
            .unwrap_or("")
            .trim()
    }

    /// A value that must be present.
    pub fn required(&self, col: &str) -> Result<&str, FieldError> {
        let v = self.get(col);
        if v.is_empty() {
            Err((col.to_string(), "valeur obligatoire absente".to_string()))
        } else {
            Ok(v)
        }
    }

    /// An optional number, French (`3,5`) or English decimal.
    pub fn f64_opt(&self, col: &str) -> Result<Option<f64>, FieldError> {
        let v = self.get(col);
        if v.is_empty() || v == "NA" {
            return Ok(None);
        }
        v.replace(',', ".")
            .parse::<f64>()
            .map(Some)
            .map_err(|_| (col.to_string(), format!("nombre invalide « {v} »")))
    }

    /// An optional integer (accepts `3.0`).
    pub fn i64_opt(&self, col: &str) -> Result<Option<i64>, FieldError> {
        match self.f64_opt(col)? {
            Some(x) if x.fract() == 0.0 => Ok(Some(x as i64)),
            Some(_) => Err((
                col.to_string(),
                format!("entier attendu, lu « {} »", self.get(col)),
            )),
            None => Ok(None),
        }
    }

    pub fn flag(&self, col: &str) -> bool {
        matches!(self.get(col), "O" | "o" | "1" | "true" | "Oui" | "oui")
    }
}

/// CSV options of a source.
#[derive(Clone, Copy)]
pub struct CsvFormat {
    pub delimiter: u8,
    /// Column names when the file has no header line.
    pub headers: Option<&'static [&'static str]>,
}

pub const COMMA: CsvFormat = CsvFormat {
    delimiter: b',',
    headers: None,
};
pub const SEMICOLON: CsvFormat = CsvFormat {
    delimiter: b';',
    headers: None,
};

/// Parses a CSV file row by row. Columns in `required_columns` must exist in the header;
/// a row that `parse` rejects (or that the CSV reader cannot read) is skipped and reported.
pub fn parse_csv<T>(
    path: &Path,
    format: CsvFormat,
    required_columns: &[&str],
    mut parse: impl FnMut(&Row) -> Result<Option<T>, FieldError>,
) -> Result<Parsed<T>, IngestError> {
    let text = read_text(path)?;
    parse_csv_str(
        &display_name(path),
        &text,
        format,
        required_columns,
        &mut parse,
    )
}

/// Same as [`parse_csv`] over text already in memory (`file` names it in errors).
pub fn parse_csv_str<T>(
    file: &str,
    text: &str,
    format: CsvFormat,
    required_columns: &[&str],
    parse: &mut dyn FnMut(&Row) -> Result<Option<T>, FieldError>,
) -> Result<Parsed<T>, IngestError> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(format.delimiter)
        .has_headers(format.headers.is_none())
        .flexible(true)
        .from_reader(text.as_bytes());
    let names: Vec<String> = match format.headers {
        Some(h) => h.iter().map(|s| s.to_string()).collect(),
        None => rdr
            .headers()
            .map_err(|e| IngestError::Invalid {
                file: file.into(),
                reason: e.to_string(),
            })?
            .iter()
            .map(|s| s.trim().trim_matches('`').to_string())
            .collect(),
    };
    let columns: HashMap<String, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.clone(), i))
        .collect();
    let missing: Vec<&str> = required_columns
        .iter()
        .copied()
        .filter(|c| !columns.contains_key(*c))
        .collect();
    if !missing.is_empty() {
        return Err(IngestError::MissingColumns {
            file: file.into(),
            columns: missing.join(", "),
        });
    }
    let mut out = Parsed {
        records: Vec::new(),
        errors: Vec::new(),
    };
    let mut record = csv::StringRecord::new();
    loop {
        let line = rdr.position().line();
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map(|p| p.line()).unwrap_or(line);
                match parse(&Row {
                    record: &record,
                    columns: &columns,
                }) {
                    Ok(Some(t)) => out.records.push(t),
                    Ok(None) => {}
                    Err((field, reason)) => out.errors.push(RecordError {
                        file: file.into(),
                        line,
                        field,
                        reason,
                    }),
                }
            }
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(line);
                out.errors.push(RecordError {
                    file: file.into(),
                    line,
                    field: "(ligne)".into(),
                    reason: format!("ligne CSV illisible : {e}"),
                });
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_file_line_and_field() {
        let text = "code;n\nA;1\nB;x\nC;3\n";
        let p = parse_csv_str("t.csv", text, SEMICOLON, &["code", "n"], &mut |r| {
            Ok(Some((r.required("code")?.to_string(), r.i64_opt("n")?)))
        })
        .unwrap();
        assert_eq!(p.records.len(), 2);
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.errors[0].line, 3);
        assert_eq!(p.errors[0].field, "n");
        assert!(p.errors[0].to_string().contains("t.csv:3"));
    }

    #[test]
    fn missing_column_fails_whole_file() {
        let err = parse_csv_str("t.csv", "a;b\n1;2\n", SEMICOLON, &["code"], &mut |_| {
            Ok(Some(()))
        })
        .unwrap_err();
        assert!(err.to_string().contains("code"));
    }

    #[test]
    fn latin1_is_decoded() {
        assert_eq!(decode(vec![b'a', 0xe9]), "aé");
        assert_eq!(decode("\u{feff}x".as_bytes().to_vec()), "x");
    }
}
