//! The writer's output checked against the LHEO definition shipped in `data/training`: every
//! child is allowed by its parent's `<sequence>`, comes in the defined order, appears at least
//! `min` and at most `max` times (`max="0"` means unbounded).

use quick_xml::events::Event;
use std::collections::HashMap;
use std::io::Read;
use tremplin_training::lheo::{read_str, write_string};

/// definition name → its sequence of (child, min, max).
fn sequences() -> HashMap<String, Vec<(String, u32, u32)>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/training/lheo_definition_gml.xml.gz"
    );
    let mut xml = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_string(&mut xml)
        .unwrap();
    let mut r = quick_xml::Reader::from_str(&xml);
    let (mut out, mut current, mut depth_in_seq) = (HashMap::new(), None::<String>, 0usize);
    let attr = |e: &quick_xml::events::BytesStart, k: &str| {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == k.as_bytes())
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
    };
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == b"definition" => current = attr(&e, "name"),
            Event::Start(e) if e.name().as_ref() == b"sequence" => depth_in_seq += 1,
            Event::End(e) if e.name().as_ref() == b"sequence" => depth_in_seq -= 1,
            Event::Empty(e) if e.name().as_ref() == b"element" && depth_in_seq == 1 => {
                let name = attr(&e, "name").unwrap();
                let min = attr(&e, "min").map_or(1, |v| v.parse().unwrap());
                let max = attr(&e, "max").map_or(1, |v| v.parse().unwrap());
                out.entry(current.clone().unwrap())
                    .or_insert_with(Vec::new)
                    .push((name, min, max));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Checks every element of `xml` against the sequences; returns the problems.
fn check(xml: &str) -> Vec<String> {
    let seqs = sequences();
    let mut problems = Vec::new();
    let mut stack: Vec<(String, Vec<String>)> = Vec::new();
    let mut r = quick_xml::Reader::from_str(xml);
    let close = |name: String, children: Vec<String>, problems: &mut Vec<String>| {
        let Some(seq) = seqs.get(&name) else { return };
        let mut pos = 0;
        for c in &children {
            match seq.iter().position(|(n, ..)| n == c) {
                None => problems.push(format!("<{c}> interdit dans <{name}>")),
                Some(p) if p < pos => problems.push(format!("<{c}> hors d'ordre dans <{name}>")),
                Some(p) => pos = p,
            }
        }
        for (n, min, max) in seq {
            let k = children.iter().filter(|c| *c == n).count() as u32;
            if k < *min || (*max > 0 && k > *max) {
                problems.push(format!(
                    "<{name}> contient {k} <{n}> (attendu {min}..{max})"
                ));
            }
        }
    };
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) => {
                let n = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if let Some(p) = stack.last_mut() {
                    p.1.push(n.clone());
                }
                stack.push((n, vec![]));
            }
            Event::Empty(e) => {
                let n = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                stack.last_mut().unwrap().1.push(n.clone());
                close(n, vec![], &mut problems);
            }
            Event::End(_) => {
                let (n, children) = stack.pop().unwrap();
                close(n, children, &mut problems);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    problems
}

#[test]
fn definition_is_read() {
    let s = sequences();
    assert_eq!(s["session"][0].0, "periode");
    assert!(s["action"].iter().any(|(n, ..)| n == "session"));
}

#[test]
fn exported_real_example_follows_the_definition() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/training/lheo_example_bts_onisep.xml.gz"
    );
    let mut xml = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_string(&mut xml)
        .unwrap();
    let (mut formations, _) = read_str(&xml).unwrap();
    formations[0].actions[0].sessions[0].seats = Some(4);
    formations[0].actions[0].sessions[0].capacity = Some(20);
    formations[0].synthetic = true;
    let problems = check(&write_string(&formations, None));
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_checker_catches_misplaced_elements() {
    let bad = "<lheo><offres><formation><action><session><adresse-inscription/><periode/></session></action></formation></offres></lheo>";
    let problems = check(bad);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("hors d'ordre dans <session>")),
        "{problems:?}"
    );
}

#[test]
fn generated_catalogue_follows_the_definition() {
    use tremplin_ingest::{bundle::bundled, certif, geo, reader::read_text};
    use tremplin_training::generate::{generate, Input, Params};
    use tremplin_training::geo::{epci_centroids, Locator};
    let g = geo::load_bundled().unwrap();
    let locator = Locator::new(
        &g,
        &epci_centroids(&read_text(&bundled("geo/nodom_epci_2025.topojson")).unwrap()).unwrap(),
    );
    let certs = certif::parse_certif_info(&bundled("training/certif_info.csv"))
        .unwrap()
        .records;
    let blocs = certif::parse_rncp_blocs(&bundled("training/rncp_blocs_competences.csv"))
        .unwrap()
        .records;
    let input = Input {
        certifications: &certs,
        blocs: &blocs,
        geo: &g,
        locator: &locator,
    };
    let mut formations = Vec::new();
    let p = Params::two_years(
        "44",
        5,
        tremplin_training::date::Date::from_ymd(2026, 6, 1),
        80,
    );
    generate(&input, &p, |f| {
        formations.push(f);
        Ok::<(), ()>(())
    })
    .unwrap();
    assert!(
        formations
            .iter()
            .any(|f| !f.actions[0].sessions[0].blocs.is_empty()),
        "modular sessions are covered"
    );
    let problems = check(&write_string(&formations, Some("données synthétiques")));
    assert!(
        problems.is_empty(),
        "{:#?}",
        &problems[..problems.len().min(10)]
    );
}
