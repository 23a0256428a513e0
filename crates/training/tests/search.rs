//! Search ranking and carte des formations on hand-built sessions.

use std::collections::{BTreeMap, HashMap, HashSet};
use tremplin_domain::geo::{Commune, Geography};
use tremplin_domain::tension::DaresTension;
use tremplin_training::carte::{carte, CarteInput, Dimension, Flag};
use tremplin_training::date::Date;
use tremplin_training::geo::Point;
use tremplin_training::model::{Modality, SessionStatus};
use tremplin_training::record::SessionRecord;
use tremplin_training::search::{Query, SessionIndex, SkillTarget};

const STRASBOURG: Point = Point {
    lat: 48.5734,
    lon: 7.7521,
};
const COLMAR: Point = Point {
    lat: 48.0794,
    lon: 7.3585,
};
const METZ: Point = Point {
    lat: 49.1193,
    lon: 6.1757,
};

fn rec(
    id: &str,
    romes: &[&str],
    commune: &str,
    point: Point,
    start: Date,
    seats: i64,
) -> SessionRecord {
    SessionRecord {
        session: id.into(),
        action: format!("A-{id}"),
        formation: format!("F-{id}"),
        provider: "P".into(),
        provider_name: "Organisme".into(),
        title: format!("Formation {id}"),
        romes: romes.iter().map(|s| s.to_string()).collect(),
        formacodes: vec!["22454".into()],
        rncp: "RNCP1".into(),
        certifinfo: "100".into(),
        commune: commune.into(),
        city: commune.into(),
        point: Some(point),
        modality: Modality::Presentiel,
        permanent: false,
        start,
        end: start.add_days(120),
        capacity: Some(12),
        seats_left: Some(seats),
        status: SessionStatus::Ouverte,
        cost: Some(5000.0),
        hours: Some(400),
        modular: false,
        synthetic: true,
    }
}

fn today() -> Date {
    Date::from_ymd(2026, 3, 1)
}

fn index() -> SessionIndex {
    let soon = today().add_days(10);
    let late = today().add_days(200);
    let mut full = rec("full", &["F1703"], "67482", STRASBOURG, soon, 0);
    full.status = SessionStatus::Complete;
    let mut past = rec(
        "past",
        &["F1703"],
        "67482",
        STRASBOURG,
        today().add_days(-30),
        4,
    );
    past.end = today().add_days(20);
    let mut remote = rec("remote", &["F1703"], "57463", METZ, soon, 3);
    remote.modality = Modality::Distance;
    SessionIndex::new(vec![
        rec("near-soon", &["F1703"], "67482", STRASBOURG, soon, 5),
        rec("near-late", &["F1703"], "67482", STRASBOURG, late, 5),
        rec(
            "secondary",
            &["H2909", "F1703"],
            "67482",
            STRASBOURG,
            soon,
            5,
        ),
        rec("colmar", &["F1703"], "68066", COLMAR, soon, 5),
        rec("metz", &["F1703"], "57463", METZ, soon, 5),
        rec("other-job", &["K2111"], "67482", STRASBOURG, soon, 5),
        full,
        past,
        remote,
    ])
}

fn ids(q: &Query, ix: &SessionIndex) -> Vec<String> {
    ix.search(q)
        .1
        .iter()
        .map(|h| h.record.session.clone())
        .collect()
}

#[test]
fn ranks_by_occupation_distance_and_start() {
    let ix = index();
    let mut q = Query::new(today());
    q.romes = vec!["F1703".into()];
    q.near = Some(("Strasbourg".into(), STRASBOURG));
    q.radius_km = Some(80.0);
    let got = ids(&q, &ix);
    // Full, already started and other-occupation sessions are out; Metz is beyond 80 km but
    // the distance-only session stays.
    assert_eq!(
        got,
        ["near-soon", "secondary", "near-late", "remote", "colmar"]
    );
    let (_, hits) = ix.search(&q);
    assert!(hits[0]
        .reasons
        .iter()
        .any(|r| r.contains("métier principal")));
    assert!(
        hits[4]
            .reasons
            .iter()
            .any(|r| r.contains("62 km de Strasbourg")),
        "{:?}",
        hits[4].reasons
    );
    assert!(hits[0].score > hits[1].score && hits[3].score > hits[4].score);
}

#[test]
fn filters_by_perimeter_modality_dates_and_seats() {
    let ix = index();
    let mut q = Query::new(today());
    q.communes = Some(HashSet::from(["68066".to_string()]));
    q.modality = Some(Modality::Presentiel);
    assert_eq!(ids(&q, &ix), ["colmar"]);
    let mut q = Query::new(today());
    q.from = Some(today().add_days(100));
    assert_eq!(ids(&q, &ix), ["near-late"]);
    let mut q = Query::new(today());
    q.include_full = true;
    q.certification = Some("RNCP1".into());
    assert!(ids(&q, &ix).contains(&"full".to_string()));
    let mut q = Query::new(today());
    q.min_seats = 4;
    q.romes = vec!["F1703".into()];
    q.modality = Some(Modality::Distance);
    assert!(ids(&q, &ix).is_empty(), "the remote session has 3 seats");
}

#[test]
fn skill_search_goes_through_the_occupations_that_expect_it() {
    let ix = index();
    let mut q = Query::new(today());
    q.skill = Some(SkillTarget {
        label: "Soins d'hygiène".into(),
        romes: HashMap::from([("K2111".to_string(), true)]),
    });
    let (total, hits) = ix.search(&q);
    assert_eq!(total, 1);
    assert!(hits[0].reasons[0].contains("au cœur du métier K2111"));
}

#[test]
fn seat_updates_reach_the_index() {
    let mut ix = index();
    ix.update_seats("near-soon", Some(12), Some(0), SessionStatus::Complete);
    let mut q = Query::new(today());
    q.romes = vec!["F1703".into()];
    assert!(!ids(&q, &ix).contains(&"near-soon".to_string()));
}

#[test]
fn carte_flags_underfilled_overdemanded_and_gaps() {
    let t = Date::from_ymd(2026, 9, 1);
    let start = Date::from_ymd(2026, 1, 15);
    let commune = |code: &str, bassin: &str| Commune {
        code: code.into(),
        name: code.into(),
        departement: "67".into(),
        region: "44".into(),
        epci: String::new(),
        bassin: bassin.into(),
        zone_emploi: String::new(),
        population: 1000,
        postcodes: vec![],
    };
    let geo = Geography::new(
        vec![commune("67482", "4401"), commune("68066", "4402")],
        BTreeMap::from([
            ("4401".into(), "Strasbourg".into()),
            ("4402".into(), "Colmar".into()),
        ]),
        BTreeMap::new(),
        BTreeMap::new(),
        BTreeMap::new(),
        BTreeMap::new(),
    );
    let mut records = Vec::new();
    for i in 0..3 {
        records.push(rec(
            &format!("u{i}"),
            &["F1703"],
            "67482",
            STRASBOURG,
            start.add_days(i * 30),
            8,
        )); // 4/12 taken
        records.push(rec(
            &format!("o{i}"),
            &["K2111"],
            "68066",
            COLMAR,
            start.add_days(i * 30),
            0,
        )); // full
    }
    let dares = |rome: &str, bassin: &str, js: f64, t: i64| DaresTension {
        year: 2021,
        rome: rome.into(),
        bassin: bassin.into(),
        offers: 10.0,
        jobseekers: js,
        tension: Some(t),
        hiring_intensity: None,
        labour_shortage: None,
        non_durable: None,
        working_conditions: None,
        geographic_mismatch: None,
        training_link: None,
    };
    let dares = vec![
        dares("F1703", "4401", 100.0, 2),
        dares("K2111", "4402", 300.0, 5),
        dares("N1101", "4401", 80.0, 5),
    ];
    let input = CarteInput {
        records: &records,
        geo: &geo,
        dares: &dares,
        certifications: &[],
        outcomes: &[],
        region: "44",
    };
    let c = carte(
        &input,
        Dimension::Rome,
        Date::from_ymd(2026, 1, 1),
        Date::from_ymd(2026, 12, 31),
        t,
    );
    assert_eq!(c.rows.len(), 2);
    let under = c.rows.iter().find(|r| r.code == "F1703").unwrap();
    assert_eq!(
        (under.seats_offered, under.occupancy),
        (36, Some(12.0 / 36.0))
    );
    assert_eq!(under.flags, [Flag::SousRemplie]);
    let over = c.rows.iter().find(|r| r.code == "K2111").unwrap();
    assert_eq!((over.jobseekers, over.tension), (Some(300.0), Some(5)));
    assert_eq!(over.flags, [Flag::SurDemandee]);
    assert_eq!(c.gaps.len(), 1);
    assert_eq!(
        (c.gaps[0].rome.as_str(), c.gaps[0].bassin_name.as_str()),
        ("N1101", "Strasbourg")
    );
}

#[test]
fn an_action_with_monthly_entries_shows_once() {
    let mut a = rec(
        "m1",
        &["F1703"],
        "67482",
        STRASBOURG,
        today().add_days(5),
        5,
    );
    let mut b = rec(
        "m2",
        &["F1703"],
        "67482",
        STRASBOURG,
        today().add_days(35),
        5,
    );
    a.action = "A-monthly".into();
    b.action = "A-monthly".into();
    let ix = SessionIndex::new(vec![
        a,
        b,
        rec(
            "other",
            &["F1703"],
            "67482",
            STRASBOURG,
            today().add_days(90),
            5,
        ),
    ]);
    let mut q = Query::new(today());
    q.romes = vec!["F1703".into()];
    let (total, hits) = ix.search(&q);
    assert_eq!(total, 2);
    assert_eq!(
        hits[0].record.session, "m1",
        "the action's soonest entry stands for it"
    );
}
