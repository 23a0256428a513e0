//! Certifications: Certif Info, RNCP (+ ROME links, blocs de compétences), Formacode,
//! ROME → Formacode, InserJeunes outcomes.

use crate::reader::{parse_csv, CsvFormat, Parsed, SEMICOLON};
use crate::IngestError;
use std::path::Path;
use tremplin_domain::certif::{
    Certification, Formacode, Outcome, Rncp, RncpBloc, RncpRome, RomeFormacode,
};
use tremplin_domain::rome::is_rome_code;

/// `certif_info.csv`.
pub fn parse_certif_info(path: &Path) -> Result<Parsed<Certification>, IngestError> {
    parse_csv(
        path,
        SEMICOLON,
        &["Code_Diplome", "Libelle_Diplome", "Code_Rome_1"],
        |r| {
            let mut romes = Vec::new();
            for i in 1..=5 {
                let col = format!("Code_Rome_{i}");
                let v = r.get(&col);
                if v.is_empty() {
                    continue;
                }
                if !is_rome_code(v) {
                    return Err((col, format!("code ROME invalide « {v} »")));
                }
                romes.push(v.to_string());
            }
            Ok(Some(Certification {
                code: r.required("Code_Diplome")?.to_string(),
                label: r.required("Libelle_Diplome")?.to_string(),
                type_label: r.get("Libelle_Type_Diplome").to_string(),
                level: r.get("Code_Niveau_Europeen").to_string(),
                formacode: r.get("Code_FormaCode").to_string(),
                formacode_label: r.get("Libelle_FormaCode").to_string(),
                romes,
                nsf: r.get("Code_Nsf").to_string(),
                rncp: normalise_rncp(r.get("Code_RNCP")),
                certifier: r.get("certificateur").to_string(),
                cfd: r.get("Code_Scolarité").to_string(),
            }))
        },
    )
}

/// `1234` or `RNCP1234` → `RNCP1234`; empty stays empty.
pub fn normalise_rncp(v: &str) -> String {
    let v = v.trim();
    if v.is_empty() || v.starts_with("RNCP") {
        v.to_string()
    } else {
        format!("RNCP{v}")
    }
}

/// `rncp_info.csv`.
pub fn parse_rncp(path: &Path) -> Result<Parsed<Rncp>, IngestError> {
    parse_csv(
        path,
        SEMICOLON,
        &["Numero_Fiche", "Intitule", "Actif"],
        |r| {
            Ok(Some(Rncp {
                code: normalise_rncp(r.required("Numero_Fiche")?),
                title: r.required("Intitule")?.to_string(),
                active: r.get("Actif") == "ACTIVE",
                level: r.get("Nomenclature_Europe_Intitule").to_string(),
                type_label: r.get("Abrege_Intitule").to_string(),
            }))
        },
    )
}

/// `rncp_rome.csv`.
pub fn parse_rncp_rome(path: &Path) -> Result<Parsed<RncpRome>, IngestError> {
    parse_csv(path, SEMICOLON, &["CodeRNCP", "Rome"], |r| {
        let rome = r.required("Rome")?;
        if !is_rome_code(rome) {
            return Err(("Rome".into(), format!("code ROME invalide « {rome} »")));
        }
        Ok(Some(RncpRome {
            rncp: normalise_rncp(r.required("CodeRNCP")?),
            rome: rome.to_string(),
        }))
    })
}

/// `rncp_blocs_competences.csv`.
pub fn parse_rncp_blocs(path: &Path) -> Result<Parsed<RncpBloc>, IngestError> {
    parse_csv(
        path,
        SEMICOLON,
        &["CodeRNCP", "numero_bloc", "intitule"],
        |r| {
            Ok(Some(RncpBloc {
                rncp: normalise_rncp(r.required("CodeRNCP")?),
                code: r.required("numero_bloc")?.to_string(),
                title: r.required("intitule")?.to_string(),
            }))
        },
    )
}

const FORMACODE_COLUMNS: &[&str] = &[
    "code",
    "libelle_maj",
    "libelle",
    "type",
    "champ",
    "c5",
    "generique",
    "c7",
    "associe",
    "definition",
    "c10",
    "c11",
    "nsf",
    "c13",
    "code_libelle",
];

/// `formacode_v12.csv` (no header line).
pub fn parse_formacode(path: &Path) -> Result<Parsed<Formacode>, IngestError> {
    let format = CsvFormat {
        delimiter: b';',
        headers: Some(FORMACODE_COLUMNS),
    };
    parse_csv(path, format, &[], |r| {
        let code = r.required("code")?;
        if code.len() != 5 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(("code".into(), format!("Formacode invalide « {code} »")));
        }
        let label = match r.get("libelle") {
            "" => r.required("libelle_maj")?,
            l => l,
        };
        Ok(Some(Formacode {
            code: code.to_string(),
            label: label.to_string(),
            field: r.get("champ").to_string(),
            definition: r.get("definition").to_string(),
        }))
    })
}

/// `rome_formacode.csv` (no header: ROME v3 OGR; label; `LABEL CODE$LABEL CODE`).
pub fn parse_rome_formacode(path: &Path) -> Result<Parsed<RomeFormacode>, IngestError> {
    let format = CsvFormat {
        delimiter: b';',
        headers: Some(&["ogr", "libelle", "formacodes"]),
    };
    let parsed = parse_csv(path, format, &[], |r| {
        let ogr = r.required("ogr")?.to_string();
        let label = r.get("libelle").to_string();
        let mut out = Vec::new();
        for part in r
            .get("formacodes")
            .split('$')
            .filter(|p| !p.trim().is_empty())
        {
            let (name, code) = part.trim().rsplit_once(' ').ok_or_else(|| {
                (
                    "formacodes".to_string(),
                    format!("attendu « LIBELLE CODE », lu « {part} »"),
                )
            })?;
            out.push(RomeFormacode {
                rome_ogr: ogr.clone(),
                rome_label: label.clone(),
                formacode: code.to_string(),
                formacode_label: name.to_string(),
            });
        }
        Ok(Some(out))
    })?;
    Ok(Parsed {
        records: parsed.records.into_iter().flatten().collect(),
        errors: parsed.errors,
    })
}

/// `inserjeunes_region.csv`.
pub fn parse_inserjeunes(path: &Path) -> Result<Parsed<Outcome>, IngestError> {
    parse_csv(
        path,
        SEMICOLON,
        &["millesime", "code_region", "voie", "taux_emploi_6_mois"],
        |r| {
            Ok(Some(Outcome {
                cohort: r.required("millesime")?.to_string(),
                region: r.required("code_region")?.to_string(),
                route: r.get("voie").to_string(),
                cfd: r.get("cfd").to_string(),
                mefstat11: r.get("mefstat11").to_string(),
                leavers: r.i64_opt("nb_sortant")?,
                employed_6m: r.i64_opt("nb_en_emploi_6_mois")?,
                employment_rate_6m: r.f64_opt("taux_emploi_6_mois")?,
                employment_rate_12m: r.f64_opt("taux_emploi_12_mois")?,
                employment_rate_24m: r.f64_opt("taux_emploi_24_mois")?,
                further_study_rate: r.f64_opt("taux_poursuite_etudes")?,
            }))
        },
    )
}
