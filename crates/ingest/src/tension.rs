//! DARES tension files: 2021 per ROME × bassin, FAP 2011–2019, FAP ↔ ROME.

use crate::reader::{parse_csv, Parsed, COMMA, SEMICOLON};
use crate::IngestError;
use std::path::Path;
use tremplin_domain::rome::is_rome_code;
use tremplin_domain::tension::{DaresTension, FapRome, FapTension};

fn quintile(r: &crate::reader::Row, col: &str) -> Result<Option<i64>, (String, String)> {
    match r.i64_opt(col)? {
        Some(q) if !(1..=5).contains(&q) => {
            Err((col.to_string(), format!("quintile hors de 1..5 : {q}")))
        }
        q => Ok(q),
    }
}

/// `dares_tension_2021_rome_bassin.csv` (`;`, French decimals).
pub fn parse_dares_rome_bassin(path: &Path) -> Result<Parsed<DaresTension>, IngestError> {
    parse_csv(
        path,
        SEMICOLON,
        &[
            "annee",
            "ROME",
            "cbassin",
            "oee",
            "defm_abc",
            "ind_tension_d",
        ],
        |r| {
            let rome = r.required("ROME")?;
            if !is_rome_code(rome) {
                return Err(("ROME".into(), format!("code ROME invalide « {rome} »")));
            }
            Ok(Some(DaresTension {
                year: r
                    .i64_opt("annee")?
                    .ok_or(("annee".to_string(), "absente".to_string()))?,
                rome: rome.to_string(),
                bassin: r.required("cbassin")?.to_string(),
                offers: r.f64_opt("oee")?.unwrap_or(0.0),
                jobseekers: r.f64_opt("defm_abc")?.unwrap_or(0.0),
                tension: quintile(r, "ind_tension_d")?,
                hiring_intensity: quintile(r, "ind_int_emb_d")?,
                labour_shortage: quintile(r, "ind_main_oeuvre_d")?,
                non_durable: quintile(r, "ind_dur_empl_d")?,
                working_conditions: quintile(r, "ind_cond_travail_d")?,
                geographic_mismatch: quintile(r, "ind_mismatch_geo_d")?,
                training_link: quintile(r, "ind_specif_form_empl_d")?,
            }))
        },
    )
}

/// `dares_tension_fap_2011_2019.csv`.
pub fn parse_dares_fap(path: &Path) -> Result<Parsed<FapTension>, IngestError> {
    parse_csv(
        path,
        COMMA,
        &["fap", "Tension", "Année", "niveau_geo"],
        |r| {
            let level = r.required("niveau_geo")?.to_string();
            let area = match level.as_str() {
                "reg" => r.get("reg"),
                "dep" => r.get("dep"),
                _ => "",
            };
            let area = area.strip_suffix(".0").unwrap_or(area).to_string();
            Ok(Some(FapTension {
                fap: r.required("fap")?.to_string(),
                year: r
                    .i64_opt("Année")?
                    .ok_or(("Année".to_string(), "absente".to_string()))?,
                level,
                area,
                employment: r.f64_opt("Emploi moyen")?,
                tension: r.f64_opt("Tension")?,
                tension_class: r.f64_opt("Catégorie Tension")?,
                hiring_intensity: r.f64_opt("Intensité d'embauches")?,
                training_link: r.f64_opt("Lien formation-emploi")?,
                labour_shortage: r.f64_opt("Manque de main-d'œuvre disponible")?,
                non_durable: r.f64_opt("Non-durabilité de l'emploi")?,
                working_conditions: r.f64_opt("Conditions de travail contraignantes")?,
                geographic_mismatch: r.f64_opt("Inadéquation géographique")?,
            }))
        },
    )
}

/// `fap225_rome.csv` (Latin-1; `NA` rows are FAP without ROME and are skipped silently).
pub fn parse_fap_rome(path: &Path) -> Result<Parsed<FapRome>, IngestError> {
    parse_csv(path, SEMICOLON, &["Fap", "Rome"], |r| {
        let rome = r.get("Rome");
        if rome == "NA" || rome.is_empty() {
            return Ok(None);
        }
        if !is_rome_code(rome) {
            return Err(("Rome".into(), format!("code ROME invalide « {rome} »")));
        }
        Ok(Some(FapRome {
            fap: r.required("Fap")?.to_string(),
            rome: rome.to_string(),
        }))
    })
}
