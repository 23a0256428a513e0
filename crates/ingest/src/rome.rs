//! ROME 4.0 CSV files (`unix_*_v460_utf8.csv`) → [`Rome`].

use crate::reader::{parse_csv, source_file as file, Parsed, RecordError, COMMA};
use crate::IngestError;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use tremplin_domain::rome::{
    is_rome_code, Appellation, Competence, Fiche, FicheItem, FicheText, MacroCompetence, Mobility,
    Rome, Savoir, SkillKind,
};

/// File names of a ROME release, relative to its folder.
pub const FILES: [&str; 9] = [
    "unix_referentiel_code_rome_v460_utf8.csv",
    "unix_cr_gd_dp_v460_utf8.csv",
    "unix_referentiel_appellation_v460_utf8.csv",
    "unix_referentiel_competence_v460_utf8.csv",
    "unix_referentiel_savoir_v460_utf8.csv",
    "unix_liens_rome_referentiels_v460_utf8.csv",
    "unix_coherence_item_v460_utf8.csv",
    "unix_rubrique_mobilite_v460_utf8.csv",
    "unix_texte_v460_utf8.csv",
];

fn rome_code(v: &str, col: &str) -> Result<String, (String, String)> {
    if is_rome_code(v) {
        Ok(v.to_string())
    } else {
        Err((col.to_string(), format!("code ROME invalide « {v} »")))
    }
}

fn keep<T>(errors: &mut Vec<RecordError>, p: Parsed<T>) -> Vec<T> {
    errors.extend(p.errors);
    p.records
}

/// Loads a whole ROME release from a folder holding its CSV files (plain or `.gz`).
/// Links to unknown fiches or items are rejected and reported.
pub fn load(dir: &Path) -> Result<Parsed<Rome>, IngestError> {
    let mut errors: Vec<RecordError> = Vec::new();
    let domains: HashMap<String, [String; 4]> = keep(
        &mut errors,
        parse_csv(
            &file(dir, FILES[1]),
            COMMA,
            &["code_rome", "code_grand_domaine", "libelle_grand_domaine"],
            |r| {
                Ok(Some((
                    r.required("code_rome")?.to_string(),
                    [
                        r.get("code_domaine_professionel").to_string(),
                        r.get("libelle_domaine_professionel").to_string(),
                        r.get("code_grand_domaine").to_string(),
                        r.get("libelle_grand_domaine").to_string(),
                    ],
                )))
            },
        )?,
    )
    .into_iter()
    .collect();
    let fiches: Vec<Fiche> = keep(
        &mut errors,
        parse_csv(
            &file(dir, FILES[0]),
            COMMA,
            &["code_rome", "libelle_rome"],
            |r| {
                let code = rome_code(r.get("code_rome"), "code_rome")?;
                let d = domains.get(&code).cloned().unwrap_or_default();
                Ok(Some(Fiche {
                    label: r.required("libelle_rome")?.to_string(),
                    domain_code: d[0].clone(),
                    domain_label: d[1].clone(),
                    grand_domain_code: d[2].clone(),
                    grand_domain_label: d[3].clone(),
                    transition_eco: r.get("transition_eco").to_string(),
                    transition_num: r.flag("transition_num"),
                    emploi_cadre: r.flag("emploi_cadre"),
                    emploi_reglemente: r.flag("emploi_reglemente"),
                    code,
                }))
            },
        )?,
    );
    let fiche_codes: HashSet<String> = fiches.iter().map(|f| f.code.clone()).collect();
    let known_fiche = |v: &str, col: &str| -> Result<String, (String, String)> {
        let c = rome_code(v, col)?;
        if fiche_codes.contains(&c) {
            Ok(c)
        } else {
            Err((col.to_string(), format!("fiche ROME inconnue « {c} »")))
        }
    };
    let appellations = keep(
        &mut errors,
        parse_csv(
            &file(dir, FILES[2]),
            COMMA,
            &["code_ogr", "libelle_appellation_long", "code_rome"],
            |r| {
                Ok(Some(Appellation {
                    code: r.required("code_ogr")?.to_string(),
                    label: r.required("libelle_appellation_long")?.to_string(),
                    label_short: r.get("libelle_appellation_court").to_string(),
                    rome: known_fiche(r.get("code_rome"), "code_rome")?,
                    rare: r.flag("peu_usite"),
                }))
            },
        )?,
    );
    let mut macro_competences = Vec::new();
    let competences_all = keep(
        &mut errors,
        parse_csv(
            &file(dir, FILES[3]),
            COMMA,
            &["code_ogr", "nature", "libelle_competence", "cat_comp"],
            |r| {
                let code = r.required("code_ogr")?.to_string();
                let label = r.required("libelle_competence")?.to_string();
                let kind = if r.get("cat_comp").starts_with("Savoir-être") {
                    SkillKind::SavoirEtre
                } else {
                    SkillKind::SavoirFaire
                };
                let is_macro = r.get("nature") == "Macro-compétence";
                Ok(Some((
                    is_macro,
                    Competence {
                        code,
                        label,
                        kind,
                        macro_code: r.get("code_ogr_macro_comp").to_string(),
                        category: r.get("sous_cat_comp").to_string(),
                        transition_eco: r.flag("transition_eco"),
                        transition_num: r.flag("transition_num"),
                    },
                )))
            },
        )?,
    );
    // Macro-compétences are items of fiches too (mostly savoir-être): they stay in the
    // competence list and are also listed as macro-compétences.
    let mut competences = Vec::new();
    for (is_macro, c) in competences_all {
        if is_macro {
            macro_competences.push(MacroCompetence {
                code: c.code.clone(),
                label: c.label.clone(),
            });
        }
        competences.push(c);
    }
    let savoirs = keep(
        &mut errors,
        parse_csv(
            &file(dir, FILES[4]),
            COMMA,
            &["code_ogr_savoir", "libelle_savoir"],
            |r| {
                Ok(Some(Savoir {
                    code: r.required("code_ogr_savoir")?.to_string(),
                    label: r.required("libelle_savoir")?.to_string(),
                    category: r.get("categorie_savoir").to_string(),
                    sub_category: r.get("sous_categorie_savoir").to_string(),
                    transition_eco: r.flag("transition_eco"),
                    transition_num: r.flag("transition_num"),
                }))
            },
        )?,
    );
    let core: HashSet<(String, String)> = keep(
        &mut errors,
        parse_csv(
            &file(dir, FILES[6]),
            COMMA,
            &["code_rome", "code_ogr", "coeur_metier"],
            |r| {
                Ok((r.get("coeur_metier") == "Principale").then(|| {
                    (
                        r.get("code_rome").to_string(),
                        r.get("code_ogr").to_string(),
                    )
                }))
            },
        )?,
    )
    .into_iter()
    .collect();
    let comp_codes: HashSet<&str> = competences.iter().map(|c| c.code.as_str()).collect();
    let savoir_codes: HashSet<&str> = savoirs.iter().map(|s| s.code.as_str()).collect();
    let mut savoir_etre: HashSet<String> = HashSet::new();
    let items: Vec<FicheItem> = keep(
        &mut errors,
        parse_csv(
            &file(dir, FILES[5]),
            COMMA,
            &["code_rome", "code_compo_bloc", "code_rubrique", "code_ogr"],
            |r| {
                if r.get("code_compo_bloc") != "5" {
                    return Ok(None);
                }
                let rome = known_fiche(r.get("code_rome"), "code_rome")?;
                let code = r.required("code_ogr")?.to_string();
                let kind = match r.get("code_rubrique") {
                    "3" if savoir_codes.contains(code.as_str()) => SkillKind::Savoir,
                    "1" | "2" if comp_codes.contains(code.as_str()) => {
                        if r.get("code_rubrique") == "2" {
                            savoir_etre.insert(code.clone());
                            SkillKind::SavoirEtre
                        } else {
                            SkillKind::SavoirFaire
                        }
                    }
                    _ => return Err(("code_ogr".into(), format!("item inconnu « {code} »"))),
                };
                let core = core.contains(&(rome.clone(), code.clone()));
                Ok(Some(FicheItem {
                    rome,
                    code,
                    kind,
                    core,
                }))
            },
        )?,
    );
    for c in &mut competences {
        if savoir_etre.contains(&c.code) {
            c.kind = SkillKind::SavoirEtre;
        }
    }
    let mobilities = keep(
        &mut errors,
        parse_csv(
            &file(dir, FILES[7]),
            COMMA,
            &["code_rome", "code_rome_cible", "numero_ordre"],
            |r| {
                Ok(Some(Mobility {
                    from: known_fiche(r.get("code_rome"), "code_rome")?,
                    to: known_fiche(r.get("code_rome_cible"), "code_rome_cible")?,
                    order: r.i64_opt("numero_ordre")?.unwrap_or(0),
                }))
            },
        )?,
    );
    let texts = keep(
        &mut errors,
        parse_csv(
            &file(dir, FILES[8]),
            COMMA,
            &[
                "code_rome",
                "libelle_type_texte",
                "position_phrase",
                "libelle_texte",
            ],
            |r| {
                Ok(Some(FicheText {
                    rome: known_fiche(r.get("code_rome"), "code_rome")?,
                    kind: r.required("libelle_type_texte")?.to_string(),
                    position: r.i64_opt("position_phrase")?.unwrap_or(0),
                    // The source escapes apostrophes SQL-style (`l''analyse`).
                    text: r.required("libelle_texte")?.replace("''", "'"),
                }))
            },
        )?,
    );
    let rome = Rome {
        fiches,
        appellations,
        competences,
        macro_competences,
        savoirs,
        items,
        mobilities,
        texts,
    };
    Ok(Parsed {
        records: vec![rome],
        errors,
    })
}

/// The ROME shipped in `data/rome`.
pub fn load_bundled() -> Result<Rome, IngestError> {
    let mut p = load(&crate::bundle::data_dir().join("rome"))?;
    Ok(p.records.pop().unwrap_or_default())
}

/// The release described by `version.txt` in a ROME folder, e.g. `ROME 4.0 v60 (18/09/2025)`.
pub fn release(dir: &Path) -> Option<String> {
    let text = crate::reader::read_text(&file(dir, "version.txt")).ok()?;
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim_start_matches([' ', ':']).trim().to_string())
    };
    let number = field("Numero de version")?;
    let date = field("Date de publication").unwrap_or_default();
    Some(format!("ROME 4.0 v{number} ({date})"))
}
