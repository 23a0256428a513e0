//! The observatory on the real bundled data (`data/`): DARES validation figures, tension and
//! portraits of Grand Est perimeters of every kind.

use std::sync::OnceLock;
use tremplin_domain::geo::Geography;
use tremplin_domain::offer::Offer;
use tremplin_domain::perimeter::{Perimeter, PerimeterError, PerimeterKind};
use tremplin_ingest::{bundle, certif, geo, offers, reader, rome, tension};
use tremplin_observatory::fap::parse_evolution;
use tremplin_observatory::validate::validate;
use tremplin_observatory::{Observatory, Sources};

struct World {
    geo: Geography,
    fap_rome: Vec<tremplin_domain::tension::FapRome>,
    fap_tension: Vec<tremplin_domain::tension::FapTension>,
    offers: Vec<Offer>,
    obs: Observatory,
}

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        let rome = rome::load_bundled().unwrap();
        let dares = tension::parse_dares_rome_bassin(&bundle::bundled(
            "tension/dares_tension_2021_rome_bassin.csv",
        ))
        .unwrap()
        .records;
        let fap_rome = tension::parse_fap_rome(&bundle::bundled("tension/fap225_rome.csv"))
            .unwrap()
            .records;
        let evo = parse_evolution(
            &reader::read_text(&bundle::bundled("tension/dares_tension_evolution.csv")).unwrap(),
        )
        .unwrap();
        let certifications =
            certif::parse_certif_info(&bundle::bundled("training/certif_info.csv"))
                .unwrap()
                .records;
        let outcomes =
            certif::parse_inserjeunes(&bundle::bundled("outcomes/inserjeunes_region.csv"))
                .unwrap()
                .records;
        let obs = Observatory::new(&Sources {
            rome: &rome,
            dares: &dares,
            fap_rome: &fap_rome,
            evolution: &evo,
            certifications: &certifications,
            outcomes: &outcomes,
            year: 2021,
        });
        let offers = offers::parse_offers(&offers::bundled_path())
            .unwrap()
            .records;
        let fap_tension =
            tension::parse_dares_fap(&bundle::bundled("tension/dares_tension_fap_2011_2019.csv"))
                .unwrap()
                .records;
        World {
            geo: geo::load_bundled().unwrap(),
            fap_rome,
            fap_tension,
            offers,
            obs,
        }
    })
}

#[test]
fn validation_against_published_dares_quintiles() {
    let w = world();
    let all = validate(&w.obs.table, "France", |_| true).unwrap();
    let ge = validate(&w.obs.table, "Grand Est", |b| b.starts_with("44")).unwrap();
    println!("{}", serde_json::to_string_pretty(&all).unwrap());
    println!("{}", serde_json::to_string_pretty(&ge).unwrap());
    assert!(all.cells > 27_000);
    assert!(ge.cells > 2_000 && ge.cells < 2_400);
    // The ratio ranks cells in the published direction; see ARCHITECTURE.md for the figures.
    assert!(all.rho_ratio > 0.4, "{}", all.rho_ratio);
    assert!(all.within_one > all.exact);
}

#[test]
fn fap_classes_on_real_series() {
    let w = world();
    let a = w
        .obs
        .fap_classes
        .iter()
        .filter(|c| c.decision.class.is_some())
        .count();
    println!("classified FAP: {a} / {}", w.obs.fap_classes.len());
    assert!(a > 10 && a < w.obs.fap_classes.len());
    assert!(!w.obs.rome_classes.is_empty());
}

#[test]
fn tension_of_a_bassin_and_of_every_perimeter_kind() {
    let w = world();
    let b = w
        .obs
        .tension(&w.geo, &Perimeter::new(PerimeterKind::Bassin, "4431"))
        .unwrap();
    println!("{} {} rows", b.name, b.rows.len());
    assert!(b.rows.len() > 20);
    let strasbourg = w.geo.commune("67482").unwrap();
    let kinds = [
        Perimeter::new(PerimeterKind::Commune, "67482"),
        Perimeter::new(PerimeterKind::Epci, strasbourg.epci.clone()),
        Perimeter::new(PerimeterKind::Bassin, strasbourg.bassin.clone()),
        Perimeter::new(PerimeterKind::ZoneEmploi, strasbourg.zone_emploi.clone()),
        Perimeter::new(PerimeterKind::Departement, "67"),
        Perimeter::grand_est(),
        Perimeter::custom("Strasbourg-Colmar", vec!["67482".into(), "68066".into()]),
    ];
    let mut previous = 0.0;
    for p in &kinds[..6] {
        let t = w.obs.tension(&w.geo, p).unwrap();
        let js: f64 = t.rows.iter().map(|r| r.fiche.raw_jobseekers).sum();
        println!("{p}: {} fiches, {js:.0} jobseekers", t.rows.len());
        assert!(js >= previous - 1e-6, "nested perimeters grow: {p}");
        previous = js;
    }
    let custom = w.obs.tension(&w.geo, &kinds[6]).unwrap();
    assert!(!custom.rows.is_empty());
}

#[test]
fn unknown_perimeter_lists_close_matches() {
    let w = world();
    match w
        .obs
        .tension(&w.geo, &Perimeter::new(PerimeterKind::Bassin, "4499"))
    {
        Err(PerimeterError::Unknown { suggestions, .. }) => assert!(!suggestions.is_empty()),
        other => panic!("{:?}", other.map(|t| t.name)),
    }
}

#[test]
fn portrait_of_a_grand_est_bassin() {
    let w = world();
    let region = w
        .obs
        .portrait(&w.geo, &w.offers, &Perimeter::grand_est())
        .unwrap();
    let p = w
        .obs
        .portrait_vs(
            &w.geo,
            &w.offers,
            &Perimeter::new(PerimeterKind::Bassin, "4431"),
            &region,
        )
        .unwrap();
    println!("{}", serde_json::to_string_pretty(&p).unwrap());
    assert_eq!(p.region, "44");
    assert!(p.population > 100_000);
    assert!(p.jobseekers.value.unwrap() > 1000.0);
    assert!(!p.top_tension.is_empty());
    assert!(!p.skills.is_empty());
    let statements = p.swot.strengths.len()
        + p.swot.weaknesses.len()
        + p.swot.opportunities.len()
        + p.swot.threats.len();
    assert!(statements >= 3);
    assert!(p.swot.opportunities.iter().all(|s| !s.figure.is_empty()));
}

#[test]
fn fap_rows_sum_their_rome_fiches() {
    let w = world();
    let t = w.obs.tension(&w.geo, &Perimeter::grand_est()).unwrap();
    let faps = w.obs.fap_rows(&t.rows, &w.fap_rome, &w.fap_tension, "44");
    let g1z70 = faps.iter().find(|f| f.fap == "G1Z70").unwrap();
    let expected: f64 = t
        .rows
        .iter()
        .filter(|r| g1z70.romes.contains(&r.fiche.rome))
        .map(|r| r.fiche.raw_offers)
        .sum();
    assert!((g1z70.raw_offers - expected).abs() < 1e-6);
    assert!(
        g1z70.published_2019.is_some(),
        "regional 2019 score published for Grand Est"
    );
    // Class A families come first.
    assert_eq!(
        faps[0].class,
        Some(tremplin_observatory::classify::TensionClass::A)
    );
}
