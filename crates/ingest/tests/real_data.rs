//! Parsers on the real bundled data (`data/`).

use tremplin_ingest::{bundle, certif, geo, offers, rome, tension};

#[test]
fn rome_bundle_loads_completely() {
    let p = rome::load(&bundle::data_dir().join("rome")).unwrap();
    assert!(
        p.errors.is_empty(),
        "{:?}",
        &p.errors[..p.errors.len().min(3)]
    );
    let r = &p.records[0];
    assert_eq!(r.fiches.len(), 1584);
    assert_eq!(r.appellations.len(), 13120);
    assert_eq!(r.competences.len(), 18317);
    assert_eq!(r.macro_competences.len(), 507);
    assert_eq!(r.savoirs.len(), 15354);
    assert!(r.items.len() > 80_000);
    assert!(r.mobilities.len() > 14_000);
    assert_eq!(
        rome::release(&bundle::data_dir().join("rome")).unwrap(),
        "ROME 4.0 v60 (18/09/2025)"
    );
    let m1805 = r.fiches.iter().find(|f| f.code == "M1805").unwrap();
    assert!(m1805.label.contains("informatique"), "{}", m1805.label);
}

#[test]
fn geography_has_grand_est_with_43_bassins() {
    let g = geo::load_bundled().unwrap();
    assert!(g.communes.len() >= 34969);
    let ge: Vec<_> = g.communes.iter().filter(|c| c.region == "44").collect();
    assert_eq!(ge.len(), 5132);
    assert_eq!(g.bassins_of_region("44").len(), 43);
    assert_eq!(g.regions["44"], "Grand Est");
    assert_eq!(g.commune("67482").unwrap().name, "Strasbourg");
}

#[test]
fn tension_and_certification_files_parse() {
    let d = tension::parse_dares_rome_bassin(&bundle::bundled(
        "tension/dares_tension_2021_rome_bassin.csv",
    ))
    .unwrap();
    assert_eq!(d.records.len() + d.errors.len(), 27135);
    assert!(
        d.errors.len() < 10,
        "{:?}",
        &d.errors[..d.errors.len().min(3)]
    );
    let f = tension::parse_fap_rome(&bundle::bundled("tension/fap225_rome.csv")).unwrap();
    assert!(f.records.len() > 500);
    let c = certif::parse_certif_info(&bundle::bundled("training/certif_info.csv")).unwrap();
    assert!(c.records.len() > 10_000);
    let b =
        certif::parse_rncp_blocs(&bundle::bundled("training/rncp_blocs_competences.csv")).unwrap();
    assert!(b.records.len() > 16_000);
    let fc = certif::parse_formacode(&bundle::bundled("training/formacode_v12.csv")).unwrap();
    assert!(fc.records.len() > 2900, "{}", fc.records.len());
    let rf = certif::parse_rome_formacode(&bundle::bundled("training/rome_formacode.csv")).unwrap();
    assert!(rf.records.len() > 400);
    let ij =
        certif::parse_inserjeunes(&bundle::bundled("outcomes/inserjeunes_region.csv")).unwrap();
    assert!(ij.records.iter().filter(|o| o.region == "44").count() > 3000);
}

#[test]
fn all_real_offers_parse() {
    let p = offers::parse_offers(&offers::bundled_path()).unwrap();
    assert_eq!(p.records.len(), 2559);
    assert!(p.errors.is_empty());
    assert_eq!(
        p.records
            .iter()
            .filter(|o| !o.competences.is_empty())
            .count(),
        486
    );
}

/// A ROME folder with broken lines: each one is reported with file, line and field, the rest loads.
#[test]
fn broken_rome_lines_are_located() {
    let dir = std::env::temp_dir().join(format!("tremplin-rome-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = bundle::data_dir().join("rome");
    for name in rome::FILES {
        let text = tremplin_ingest::reader::read_text(&src.join(format!("{name}.gz"))).unwrap();
        let text = match name {
            // Line 3 gets an invalid ROME code, line 5 an unknown (well-formed) one.
            "unix_referentiel_appellation_v460_utf8.csv" => {
                let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
                lines[2] = lines[2].replace("\"I1601\"", "\"I16O1\"");
                lines[4] = lines[4].replace("\"L1503\"", "\"Z9999\"");
                lines.join("\n")
            }
            _ => text,
        };
        std::fs::write(dir.join(name), text).unwrap();
    }
    let p = rome::load(&dir).unwrap();
    let app_errors: Vec<_> = p
        .errors
        .iter()
        .filter(|e| e.file == "unix_referentiel_appellation_v460_utf8.csv")
        .collect();
    assert!(!app_errors.is_empty());
    let first = app_errors[0];
    assert_eq!((first.line, first.field.as_str()), (3, "code_rome"));
    assert!(first.reason.contains("I16O1"), "{}", first.reason);
    assert_eq!(app_errors.len(), 2);
    assert_eq!(app_errors[1].line, 5);
    assert!(
        app_errors[1].reason.contains("inconnue"),
        "{}",
        app_errors[1].reason
    );
    assert_eq!(p.records[0].appellations.len(), 13120 - app_errors.len());
}
