//! Aggregation of bassin cells to every perimeter kind on a hand-built geography: a perimeter
//! gets each bassin's figures times the share of the bassin's population inside it.

use std::collections::HashMap;
use tremplin_domain::geo::{Commune, Geography};
use tremplin_domain::perimeter::{Perimeter, PerimeterKind};
use tremplin_observatory::indicators::Indicators;
use tremplin_observatory::tension::{Cell, TensionTable};

fn commune(code: &str, epci: &str, bassin: &str, ze: &str, dep: &str, pop: i64) -> Commune {
    Commune {
        code: code.into(),
        name: format!("Commune {code}"),
        departement: dep.into(),
        region: "44".into(),
        epci: epci.into(),
        bassin: bassin.into(),
        zone_emploi: ze.into(),
        population: pop,
        postcodes: vec![],
    }
}

fn geo() -> Geography {
    // Bassin B1: communes 1 (100 hab.) and 2 (300 hab.); bassin B2: commune 3 (400 hab.).
    Geography::new(
        vec![
            commune("10001", "E1", "B1", "Z1", "10", 100),
            commune("10002", "E2", "B1", "Z1", "10", 300),
            commune("52001", "E2", "B2", "Z2", "52", 400),
        ],
        [
            ("B1".into(), "Bassin un".into()),
            ("B2".into(), "Bassin deux".into()),
        ]
        .into(),
        [
            ("Z1".into(), "Zone un".into()),
            ("Z2".into(), "Zone deux".into()),
        ]
        .into(),
        [
            ("E1".into(), "EPCI un".into()),
            ("E2".into(), "EPCI deux".into()),
        ]
        .into(),
        [
            ("10".into(), "Aube".into()),
            ("52".into(), "Haute-Marne".into()),
        ]
        .into(),
        [("44".into(), "Grand Est".into())].into(),
    )
}

fn table() -> TensionTable {
    let cell = |bassin: &str, offers: f64, jobseekers: f64, t: f64| Cell {
        rome: "J1501".into(),
        bassin: bassin.into(),
        offers,
        jobseekers,
        published: Indicators {
            tension: Some(t),
            ..Default::default()
        },
    };
    TensionTable::new(
        "2021",
        vec![cell("B1", 80.0, 40.0, 5.0), cell("B2", 20.0, 60.0, 2.0)],
    )
}

/// (offers, jobseekers, published tension) of J1501 in a perimeter.
fn figures(p: Perimeter) -> (f64, f64, Option<f64>) {
    let g = geo();
    let r = g.resolve(&p).unwrap();
    let rows = table().for_shares(&r.bassin_shares(&g), &HashMap::new());
    let f = &rows[0];
    (f.raw_offers, f.raw_jobseekers, f.published.tension)
}

#[test]
fn every_perimeter_kind_apportions_bassin_figures() {
    let close = |a: (f64, f64, Option<f64>), b: (f64, f64, Option<f64>)| {
        assert!(
            (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9,
            "{a:?} != {b:?}"
        );
        assert_eq!(a.2, b.2);
    };
    // Commune 10001 holds a quarter of B1.
    close(
        figures(Perimeter::new(PerimeterKind::Commune, "10001")),
        (20.0, 10.0, Some(5.0)),
    );
    // EPCI E2 = three quarters of B1 + all of B2; tension weighted by jobseekers:
    // (30*5 + 60*2) / 90 = 3.0.
    close(
        figures(Perimeter::new(PerimeterKind::Epci, "E2")),
        (80.0, 90.0, Some(3.0)),
    );
    close(
        figures(Perimeter::new(PerimeterKind::Bassin, "B1")),
        (80.0, 40.0, Some(5.0)),
    );
    close(
        figures(Perimeter::new(PerimeterKind::ZoneEmploi, "Z2")),
        (20.0, 60.0, Some(2.0)),
    );
    close(
        figures(Perimeter::new(PerimeterKind::Departement, "10")),
        (80.0, 40.0, Some(5.0)),
    );
    // Region: (40*5 + 60*2) / 100 = 3.2.
    close(figures(Perimeter::grand_est()), (100.0, 100.0, Some(3.2)));
    close(
        figures(Perimeter::custom(
            "Deux communes",
            vec!["10002".into(), "52001".into()],
        )),
        (80.0, 90.0, Some(3.0)),
    );
}

#[test]
fn perimeter_totals_add_up_to_the_region() {
    let sum = |kind: PerimeterKind, codes: &[&str]| -> f64 {
        codes
            .iter()
            .map(|c| figures(Perimeter::new(kind, *c)).1)
            .sum()
    };
    let region = figures(Perimeter::grand_est()).1;
    assert!((sum(PerimeterKind::Commune, &["10001", "10002", "52001"]) - region).abs() < 1e-9);
    assert!((sum(PerimeterKind::Epci, &["E1", "E2"]) - region).abs() < 1e-9);
    assert!((sum(PerimeterKind::Departement, &["10", "52"]) - region).abs() < 1e-9);
}
