//! The synthetic catalogue on the real bundled reference data.

use std::collections::HashSet;
use tremplin_ingest::{bundle::bundled, certif, geo, reader::read_text};
use tremplin_training::date::Date;
use tremplin_training::generate::{banner, generate, Input, Params};
use tremplin_training::geo::{epci_centroids, Locator};
use tremplin_training::lheo::{read_str, LheoWriter};

fn catalogue(seed: u64, actions: usize) -> (String, tremplin_training::generate::Stats) {
    let geo = geo::load_bundled().unwrap();
    let centroids =
        epci_centroids(&read_text(&bundled("geo/nodom_epci_2025.topojson")).unwrap()).unwrap();
    let locator = Locator::new(&geo, &centroids);
    let certs = certif::parse_certif_info(&bundled("training/certif_info.csv"))
        .unwrap()
        .records;
    let blocs = certif::parse_rncp_blocs(&bundled("training/rncp_blocs_competences.csv"))
        .unwrap()
        .records;
    let input = Input {
        certifications: &certs,
        blocs: &blocs,
        geo: &geo,
        locator: &locator,
    };
    let p = Params::two_years("44", seed, Date::from_ymd(2026, 6, 15), actions);
    let mut w = LheoWriter::new(Vec::new(), Some(&banner(&p))).unwrap();
    let stats = generate(&input, &p, |f| w.write_formation(&f)).unwrap();
    (String::from_utf8(w.finish().unwrap()).unwrap(), stats)
}

#[test]
fn generated_catalogue_is_valid_lheo_and_deterministic() {
    let (xml, stats) = catalogue(7, 400);
    assert!(xml.contains("Données synthétiques"));
    let (formations, errors) = read_str(&xml).unwrap();
    assert!(errors.is_empty(), "{:?}", &errors[..errors.len().min(3)]);
    assert_eq!(formations.len(), stats.formations);
    assert!(stats.actions >= 400 && stats.sessions > 2000, "{stats:?}");
    assert!(stats.modular > 0 && stats.permanent > 0, "{stats:?}");
    let (start, end) = (Date::from_ymd(2026, 1, 1), Date::from_ymd(2027, 12, 31));
    let mut communes = HashSet::new();
    for f in &formations {
        assert!(f.synthetic);
        assert!(!f.romes.is_empty() && !f.formacodes.is_empty());
        assert!(f.certifications[0].rncp.starts_with("RNCP"));
        for a in &f.actions {
            let place = a.places[0].address.as_ref().unwrap();
            assert_eq!(place.region, "44");
            assert!(
                (47.4..50.2).contains(&place.lat.unwrap())
                    && (3.3..8.4).contains(&place.lon.unwrap())
            );
            communes.insert(place.insee.clone());
            for s in &a.sessions {
                assert!(s.start >= start && s.start <= end, "{:?}", s.start);
                assert!(s.end > s.start);
                assert!(s.seats.unwrap() <= s.capacity.unwrap());
            }
        }
        if f.path_type == "3" {
            assert!(!f.module_id.is_empty());
            assert!(f.actions[0].sessions[0].blocs[0]
                .code
                .starts_with(&f.certifications[0].rncp));
        }
    }
    assert!(communes.len() > 20, "actions spread over many communes");
    assert_eq!(catalogue(7, 400).0, xml, "same seed, same catalogue");
    assert_ne!(catalogue(8, 400).0, xml);
}
