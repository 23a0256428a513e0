//! Parsers on the real bundled data (`data/`).

use tremplin_ingest::{bundle, certif, geo, offers, rome, tension};

#[test]
fn rome_bundle_loads_completely() {
    let p = rome::load(&bundle::data_dir().join("rome")).unwrap();
    assert!(p.errors.is_empty(), "{:?}", &p.errors[..p.errors.len().min(3)]);
    let r = &p.records[0];
    assert_eq!(r.fiches.len(), 1584);
    assert_eq!(r.appellations.len(), 13120);
    assert_eq!(r.competences.len(), 18317);
    assert_eq!(r.macro_competences.len(), 507);
    assert_eq!(r.savoirs.len(), 15354);
    assert!(r.items.len() > 80_000);
    assert!(r.mobilities.len() > 14_000);
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
    let d = tension::parse_dares_rome_bassin(&bundle::bundled("tension/dares_tension_2021_rome_bassin.csv")).unwrap();
    assert_eq!(d.records.len() + d.errors.len(), 27135);
    assert!(d.errors.len() < 10, "{:?}", &d.errors[..d.errors.len().min(3)]);
    let f = tension::parse_fap_rome(&bundle::bundled("tension/fap225_rome.csv")).unwrap();
    assert!(f.records.len() > 500);
    let c = certif::parse_certif_info(&bundle::bundled("training/certif_info.csv")).unwrap();
    assert!(c.records.len() > 10_000);
    let b = certif::parse_rncp_blocs(&bundle::bundled("training/rncp_blocs_competences.csv")).unwrap();
    assert!(b.records.len() > 16_000);
    let fc = certif::parse_formacode(&bundle::bundled("training/formacode_v12.csv")).unwrap();
    assert!(fc.records.len() > 2900, "{}", fc.records.len());
    let rf = certif::parse_rome_formacode(&bundle::bundled("training/rome_formacode.csv")).unwrap();
    assert!(rf.records.len() > 400);
    let ij = certif::parse_inserjeunes(&bundle::bundled("outcomes/inserjeunes_region.csv")).unwrap();
    assert!(ij.records.iter().filter(|o| o.region == "44").count() > 3000);
}

#[test]
fn all_real_offers_parse() {
    let p = offers::parse_offers(&offers::bundled_path()).unwrap();
    assert_eq!(p.records.len(), 2559);
    assert!(p.errors.is_empty());
    assert_eq!(p.records.iter().filter(|o| !o.competences.is_empty()).count(), 486);
}
