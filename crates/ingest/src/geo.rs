//! Geography: communes (`communes.csv`), communes → bassins BE19 (`commune_bassin.csv`),
//! communes → zones d'emploi 2020, département and region names, EPCI names from the TopoJSON.

use crate::reader::{
    parse_csv, read_text, source_file as file, Parsed, RecordError, COMMA, SEMICOLON,
};
use crate::IngestError;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use tremplin_domain::geo::{Commune, Geography};

/// Source files of the geography, relative to its folder.
pub const COMMUNES: &str = "communes.csv";
pub const COMMUNE_BASSIN: &str = "commune_bassin.csv";
pub const COMMUNE_ZONE: &str = "commune_zone_emploi_2020.csv";
pub const DEPARTEMENTS: &str = "departements.csv";
pub const REGIONS: &str = "regions.json";
pub const EPCI_TOPO: &str = "nodom_epci_2025.topojson";

fn insee(v: &str, col: &str) -> Result<String, (String, String)> {
    let ok = v.len() == 5 && v.bytes().all(|b| b.is_ascii_alphanumeric());
    if ok {
        Ok(v.to_string())
    } else {
        Err((
            col.to_string(),
            format!("code INSEE de commune invalide « {v} »"),
        ))
    }
}

/// Loads the whole geography from a folder (plain or `.gz` files).
pub fn load(dir: &Path) -> Result<Parsed<Geography>, IngestError> {
    let mut errors: Vec<RecordError> = Vec::new();
    let mut bassins = BTreeMap::new();
    let mut historical = Vec::new();
    let bassin_of: HashMap<String, String> = {
        let p = parse_csv(
            &file(dir, COMMUNE_BASSIN),
            COMMA,
            &["CODE_COMMUNE_INSEE", "BE19", "NOMBE19"],
            |r| {
                let c = insee(r.get("CODE_COMMUNE_INSEE"), "CODE_COMMUNE_INSEE")?;
                let be = r.required("BE19")?.to_string();
                bassins.insert(be.clone(), title_case(r.get("NOMBE19")));
                historical.push((
                    c.clone(),
                    r.get("NOMCOM").replace("' ", "'"),
                    r.get("DEP").to_string(),
                    r.get("REG").to_string(),
                ));
                Ok(Some((c, be)))
            },
        )?;
        errors.extend(p.errors);
        p.records.into_iter().collect()
    };
    let mut zones_emploi = BTreeMap::new();
    let zone_of: HashMap<String, String> = {
        let p = parse_csv(
            &file(dir, COMMUNE_ZONE),
            COMMA,
            &["CODGEO", "ZE2020"],
            |r| {
                let c = insee(r.get("CODGEO"), "CODGEO")?;
                let ze = r.required("ZE2020")?.to_string();
                zones_emploi.insert(ze.clone(), r.get("LIBZE2020").to_string());
                Ok(Some((c, ze)))
            },
        )?;
        errors.extend(p.errors);
        p.records.into_iter().collect()
    };
    let communes = {
        let p = parse_csv(
            &file(dir, COMMUNES),
            COMMA,
            &[
                "code_insee",
                "nom",
                "departement",
                "region",
                "epci",
                "population",
            ],
            |r| {
                let code = insee(r.get("code_insee"), "code_insee")?;
                Ok(Some(Commune {
                    name: r.required("nom")?.to_string(),
                    departement: r.required("departement")?.to_string(),
                    region: r.required("region")?.to_string(),
                    epci: r.get("epci").to_string(),
                    bassin: bassin_of.get(&code).cloned().unwrap_or_default(),
                    zone_emploi: zone_of.get(&code).cloned().unwrap_or_default(),
                    population: r.i64_opt("population")?.unwrap_or(0),
                    postcodes: r
                        .get("codes_postaux")
                        .split(['|', ' ', ','])
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect(),
                    code,
                }))
            },
        )?;
        errors.extend(p.errors);
        p.records
    };
    let departements = {
        let p = parse_csv(
            &file(dir, DEPARTEMENTS),
            SEMICOLON,
            &["code", "name"],
            |r| {
                Ok(Some((
                    r.required("code")?.to_string(),
                    r.required("name")?.to_string(),
                )))
            },
        )?;
        errors.extend(p.errors);
        p.records.into_iter().collect()
    };
    // Communes of the bassin file absent from the current COG (merged since) are kept with no
    // population, so that records located at their code still reach their bassin.
    let mut communes = communes;
    let current: std::collections::HashSet<String> =
        communes.iter().map(|c| c.code.clone()).collect();
    communes.extend(
        historical
            .into_iter()
            .filter(|c| !current.contains(&c.0))
            .map(|(code, name, dep, reg)| Commune {
                bassin: bassin_of.get(&code).cloned().unwrap_or_default(),
                zone_emploi: zone_of.get(&code).cloned().unwrap_or_default(),
                name,
                departement: dep,
                region: reg,
                epci: String::new(),
                population: 0,
                postcodes: vec![],
                code,
            }),
    );
    let regions = parse_regions(&file(dir, REGIONS))?;
    let epcis = parse_topo_names(&file(dir, EPCI_TOPO), "EPCI", "EPCIlib")?;
    let geo = Geography::new(
        communes,
        bassins,
        zones_emploi,
        epcis,
        departements,
        regions,
    );
    Ok(Parsed {
        records: vec![geo],
        errors,
    })
}

/// `"STRASBOURG"` → `"Strasbourg"`, `"ST DIE DES VOSGES"` → `"St Die Des Vosges"`.
fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn parse_regions(path: &Path) -> Result<BTreeMap<String, String>, IngestError> {
    let text = read_text(path)?;
    let invalid = |reason: String| IngestError::Invalid {
        file: path.display().to_string(),
        reason,
    };
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| invalid(e.to_string()))?;
    let arr = v
        .as_array()
        .ok_or_else(|| invalid("tableau JSON attendu".into()))?;
    Ok(arr
        .iter()
        .filter_map(|r| {
            let code = match &r["code"] {
                serde_json::Value::Number(n) => format!("{:02}", n.as_i64()?),
                serde_json::Value::String(s) => s.clone(),
                _ => return None,
            };
            Some((code, r["name"].as_str()?.to_string()))
        })
        .collect())
}

/// Names from the properties of a TopoJSON layer (`key` → `name`).
pub fn parse_topo_names(
    path: &Path,
    key: &str,
    name: &str,
) -> Result<BTreeMap<String, String>, IngestError> {
    let text = read_text(path)?;
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| IngestError::Invalid {
        file: path.display().to_string(),
        reason: e.to_string(),
    })?;
    let mut out = BTreeMap::new();
    if let Some(objects) = v["objects"].as_object() {
        for o in objects.values() {
            for g in o["geometries"].as_array().into_iter().flatten() {
                if let (Some(k), Some(n)) = (
                    g["properties"][key].as_str(),
                    g["properties"][name].as_str(),
                ) {
                    out.insert(k.to_string(), n.to_string());
                }
            }
        }
    }
    Ok(out)
}

/// The geography shipped in `data/geo`.
pub fn load_bundled() -> Result<Geography, IngestError> {
    let mut p = load(&crate::bundle::data_dir().join("geo"))?;
    Ok(p.records.pop().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    #[test]
    fn title_cases_bassin_names() {
        assert_eq!(super::title_case("ST DIE DES VOSGES"), "St Die Des Vosges");
    }
}
