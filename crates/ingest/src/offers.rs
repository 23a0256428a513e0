//! Job offers in the France Travail API JSON shape: a JSON array or JSON lines.

use crate::reader::{display_name, read_text, Parsed, RecordError};
use crate::IngestError;
use serde_json::Value;
use std::path::Path;
use tremplin_domain::offer::{Offer, OfferCompetence};
use tremplin_domain::rome::is_rome_code;

/// Parses one offer record. `id`, `intitule` and `description` are required; `romeCode`, when
/// present, must be a valid ROME code.
pub fn offer_from_json(v: &Value) -> Result<Offer, (String, String)> {
    let obj = v.as_object().ok_or((
        "(enregistrement)".to_string(),
        "objet JSON attendu".to_string(),
    ))?;
    let s = |k: &str| {
        obj.get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .trim()
            .to_string()
    };
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err(("id".into(), "identifiant absent".into())),
    };
    for k in ["intitule", "description"] {
        if !obj.get(k).is_some_and(Value::is_string) {
            return Err((k.into(), "texte obligatoire absent".into()));
        }
    }
    let rome = s("romeCode");
    if !rome.is_empty() && !is_rome_code(&rome) {
        return Err(("romeCode".into(), format!("code ROME invalide « {rome} »")));
    }
    let lieu = obj.get("lieuTravail").cloned().unwrap_or(Value::Null);
    let competences = obj
        .get("competences")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter(|c| c.is_object())
                .map(|c| {
                    OfferCompetence {
                        // Employers may write a free-text competence with no code.
                        code: c
                            .get("code")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_string(),
                        label: c
                            .get("libelle")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .into(),
                        exigence: c
                            .get("exigence")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .into(),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Offer {
        title: s("intitule"),
        description: obj["description"].as_str().unwrap_or("").to_string(),
        rome,
        appellation_label: s("appellationlibelle"),
        commune: lieu["commune"].as_str().unwrap_or("").to_string(),
        place_label: lieu["libelle"].as_str().unwrap_or("").to_string(),
        latitude: lieu["latitude"].as_f64(),
        longitude: lieu["longitude"].as_f64(),
        created: s("dateCreation"),
        contract_type: s("typeContrat"),
        experience: s("experienceExige"),
        qualification: s("qualificationCode"),
        naf: s("codeNAF"),
        employer: obj
            .get("entreprise")
            .and_then(|e| e.get("nom"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        competences,
        raw: v.to_string(),
        id,
    })
}

/// Parses offers from text: a JSON array, or one JSON object per line. A record that is not
/// an offer is reported (with its index, or line for JSON lines) and skipped.
pub fn parse_offers_str(file: &str, text: &str) -> Result<Parsed<Offer>, IngestError> {
    let mut out = Parsed {
        records: Vec::new(),
        errors: Vec::new(),
    };
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') {
        let v: Vec<Value> = serde_json::from_str(trimmed).map_err(|e| IngestError::Invalid {
            file: file.into(),
            reason: format!(
                "JSON invalide ligne {} colonne {} : {e}",
                e.line(),
                e.column()
            ),
        })?;
        for (i, rec) in v.iter().enumerate() {
            push(&mut out, file, (i + 1) as u64, offer_from_json(rec));
        }
    } else {
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let res = serde_json::from_str::<Value>(line)
                .map_err(|e| ("(ligne)".to_string(), format!("JSON invalide : {e}")))
                .and_then(|v| offer_from_json(&v));
            push(&mut out, file, (i + 1) as u64, res);
        }
    }
    Ok(out)
}

fn push(out: &mut Parsed<Offer>, file: &str, line: u64, r: Result<Offer, (String, String)>) {
    match r {
        Ok(o) => out.records.push(o),
        Err((field, reason)) => out.errors.push(RecordError {
            file: file.into(),
            line,
            field,
            reason,
        }),
    }
}

/// Parses an offers file (`.json`, `.jsonl`, optionally `.gz`).
pub fn parse_offers(path: &Path) -> Result<Parsed<Offer>, IngestError> {
    let text = read_text(path)?;
    parse_offers_str(&display_name(path), &text)
}

/// The offers shipped in `data/offers`.
pub fn bundled_path() -> std::path::PathBuf {
    crate::bundle::bundled("offers/france_travail_offers.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_non_offers_and_keeps_the_rest() {
        let text = r#"[{"id":"1","intitule":"Maçon","description":"x","romeCode":"F1703"},
            {"id":"2","intitule":"x"},
            {"id":"3","intitule":"x","description":"y","romeCode":"ZZ"},
            42]"#;
        let p = parse_offers_str("o.json", text).unwrap();
        assert_eq!(p.records.len(), 1);
        let fields: Vec<&str> = p.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["description", "romeCode", "(enregistrement)"]);
        assert_eq!(p.errors[1].line, 3);
    }

    #[test]
    fn reads_json_lines() {
        let text = "{\"id\":\"1\",\"intitule\":\"a\",\"description\":\"b\"}\nnot json\n";
        let p = parse_offers_str("o.jsonl", text).unwrap();
        assert_eq!(p.records.len(), 1);
        assert_eq!(p.errors[0].line, 2);
    }
}
