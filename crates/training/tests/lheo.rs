//! LHEO reader and writer on the real example shipped in `data/training` and on broken files.

use std::io::Read;
use tremplin_training::date::Date;
use tremplin_training::lheo::{read_str, write_string, LheoReader};
use tremplin_training::model::SessionStatus;

fn example() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/training/lheo_example_bts_onisep.xml.gz"
    );
    let mut s = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).expect("bundled LHEO example"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

#[test]
fn reads_the_real_onisep_example() {
    let (formations, errors) = read_str(&example()).unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(formations.len(), 1);
    let f = &formations[0];
    assert_eq!(f.numero, "9436_18706");
    assert_eq!(f.title, "BTS négociation et relation client");
    assert_eq!(f.formacodes, ["34582", "34076"]);
    assert_eq!(f.romes, ["D1402", "D1403", "D1408"]);
    assert_eq!(f.certifications[0].rncp, "RNCP474");
    assert_eq!(f.certifications[0].certifinfo, "19004");
    assert!(
        f.objective.starts_with("<p>A la fois vendeur"),
        "entities are unescaped"
    );
    assert!(!f.synthetic);
    let a = &f.actions[0];
    assert_eq!(a.rhythm, "Temps plein");
    assert_eq!(a.entries, "0");
    assert_eq!(a.places[0].address.as_ref().unwrap().insee, "29233");
    let s = &a.sessions[0];
    assert_eq!(
        (s.start, s.end),
        (Date::from_ymd(2015, 9, 1), Date::from_ymd(2017, 8, 31))
    );
    assert_eq!(s.registration_address.lat, Some(47.882108));
    assert_eq!(s.effective_status(), SessionStatus::Ouverte);
    assert_eq!(f.provider.siret, "19290076900014");
    assert_eq!(f.provider.coordinates.phones, ["02 98 96 48 00"]);
    assert_eq!(f.provider.potentiel.len(), 5);
    assert_eq!(f.extras[0].items[1].value, "9436");
}

#[test]
fn export_then_import_gives_back_the_same_offer() {
    let (mut formations, _) = read_str(&example()).unwrap();
    let s = &mut formations[0].actions[0].sessions[0];
    s.capacity = Some(24);
    s.seats = Some(3);
    s.status = SessionStatus::Ouverte.as_str().into();
    formations[0].synthetic = true;
    let xml = write_string(&formations, Some("données synthétiques"));
    let (again, errors) = read_str(&xml).unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(again, formations);
    // A second pass is byte-identical.
    assert_eq!(write_string(&again, Some("données synthétiques")), xml);
    // The output keeps the definition's order inside an action.
    let a = xml.find("<rythme-formation>").unwrap();
    let b = xml.find("<session numero").unwrap();
    let c = xml.find("<hebergement>").unwrap();
    assert!(a < b && b < c);
}

fn session_doc(session_body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<lheo xmlns=\"http://lheo.gouv.fr/2.3\">\n<offres>\n\
<formation numero=\"F1\">\n<intitule-formation>Test</intitule-formation>\n<action numero=\"A1\">\n\
<session numero=\"S1\">\n{session_body}\n</session>\n</action>\n\
<organisme-formation-responsable><SIRET-organisme-formation><SIRET>1</SIRET></SIRET-organisme-formation></organisme-formation-responsable>\n\
</formation>\n</offres>\n</lheo>\n"
    )
}

#[test]
fn invalid_date_and_negative_seats_are_located() {
    let xml = session_doc(
        "<periode>\n<debut>20250231</debut>\n<fin>20250601</fin>\n</periode>\n<recrutement><modalite-recrutement>0</modalite-recrutement>\n<nb-places>-3</nb-places></recrutement>",
    );
    let (formations, errors) = read_str(&xml).unwrap();
    assert_eq!(formations.len(), 1, "reading goes on after a bad value");
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(
        errors[0].xpath,
        "/lheo/offres/formation[1]/action[1]/session[1]/periode/debut"
    );
    assert_eq!(errors[0].line, 9);
    assert!(errors[0].reason.contains("date invalide"));
    assert_eq!(
        errors[1].xpath,
        "/lheo/offres/formation[1]/action[1]/session[1]/recrutement/nb-places"
    );
    assert_eq!(errors[1].line, 13);
    assert!(errors[1].reason.contains("négatif"));
}

#[test]
fn unknown_elements_are_reported_and_skipped() {
    let xml = session_doc(
        "<periode><debut>20250101</debut><fin>20250601</fin></periode>\n<places-libres>4<sous>x</sous></places-libres>",
    );
    let (formations, errors) = read_str(&xml).unwrap();
    assert_eq!(
        formations[0].actions[0].sessions[0].start,
        Date::from_ymd(2025, 1, 1)
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].xpath,
        "/lheo/offres/formation[1]/action[1]/session[1]/places-libres"
    );
    assert_eq!(errors[0].line, 9);
    assert!(errors[0].reason.contains("inconnu"));
}

#[test]
fn truncated_file_is_fatal_with_location() {
    let xml = example();
    let cut = &xml[..xml.find("</session>").unwrap()];
    let err = read_str(cut).unwrap_err();
    assert!(err.reason.contains("tronqué"), "{err}");
    assert!(
        err.xpath
            .starts_with("/lheo/offres/formation[1]/action[1]/session[1]"),
        "{err}"
    );
    assert_eq!(
        err.line,
        cut.matches('\n').count() as u64 + 1,
        "end of the cut file"
    );
}

#[test]
fn wrong_encodings_are_fatal() {
    let declared = example().replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"");
    let err = read_str(&declared).unwrap_err();
    assert!(
        err.reason.contains("ISO-8859-1") || err.reason.contains("iso-8859-1"),
        "{err}"
    );

    // Latin-1 bytes in a file that claims UTF-8.
    let mut bytes =
        session_doc("<periode><debut>20250101</debut><fin>20250601</fin></periode>").into_bytes();
    let at = bytes.windows(4).position(|w| w == b"Test").unwrap();
    bytes[at + 1] = 0xE9; // "Tést" in Latin-1
    let mut r = LheoReader::new(&bytes[..]);
    let err = r.next_formation().unwrap_err();
    assert!(err.reason.contains("UTF-8"), "{err}");
    assert_eq!(err.line, 5);
}

#[test]
fn not_lheo_is_refused() {
    assert!(read_str("<?xml version=\"1.0\"?><html></html>")
        .unwrap_err()
        .reason
        .contains("<lheo>"));
    assert!(read_str("").unwrap_err().reason.contains("vide"));
}
