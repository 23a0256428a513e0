//! Skills surfaces over the bundled referential and offers: extraction and trends APIs, offer
//! page with its evidence, territory skills and emerging skills pages.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use tokio::sync::OnceCell;
use tremplin_web::state::AppState;

mod common;
use common::rt;

async fn state() -> AppState {
    static S: OnceCell<AppState> = OnceCell::const_new();
    S.get_or_init(|| async {
        AppState::new(common::seeded_store(&["rome", "geo"], true).await)
            .await
            .unwrap()
    })
    .await
    .clone()
}

async fn call(req: Request<Body>) -> (StatusCode, Vec<u8>) {
    common::call(state().await, req).await
}

async fn get(uri: &str) -> (StatusCode, String) {
    let (s, b) = call(Request::get(uri).body(Body::empty()).unwrap()).await;
    (s, String::from_utf8(b).unwrap())
}

async fn post(uri: &str, body: &str) -> (StatusCode, serde_json::Value) {
    let req = Request::post(uri)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let (s, b) = call(req).await;
    (s, serde_json::from_slice(&b).unwrap())
}

#[test]
fn extraction_api_reads_text_and_rejects_empty_text() {
    rt().block_on(async {
        let body = r#"{"title":"Administrateur systèmes","text":"Administration des serveurs Linux, conteneurs Docker. Vous êtes rigoureux."}"#;
        let (s, v) = post("/api/v1/skills/extract", body).await;
        assert_eq!(s, StatusCode::OK);
        assert!(v["rome"]["code"].as_str().unwrap().starts_with('M'));
        let text = "Administrateur systèmes\nAdministration des serveurs Linux, conteneurs Docker. Vous êtes rigoureux.";
        let docker = v["skills"].as_array().unwrap().iter().find(|s| s["code"] == "403031").expect("Docker");
        assert_eq!(docker["evidence"], "text");
        // The name's span and the curated variant "conteneurs Docker" make one span.
        assert_eq!(docker["spans"].as_array().unwrap().len(), 1);
        let span = &docker["spans"][0];
        let (a, b) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
        assert_eq!(&text[a..b], "conteneurs Docker");
        // The gap to the fiche: its core items, none of them attested by the text.
        let gap = v["core_gap"].as_array().unwrap();
        assert!(!gap.is_empty());
        let attested: Vec<&serde_json::Value> = v["skills"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["evidence"] == "text")
            .map(|s| &s["code"])
            .collect();
        assert!(gap.iter().all(|g| !attested.contains(&&g["code"])), "{v}");
        let (s, v) = post("/api/v1/skills/extract", r#"{"text":"   "}"#).await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert!(v["error"].as_str().unwrap().contains("vide"));
        // A ROME code that does not exist is refused, not silently ignored.
        let (s, v) = post(
            "/api/v1/skills/extract",
            r#"{"text":"Vous êtes rigoureux.","rome":"Z9999"}"#,
        )
        .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert!(v["error"].as_str().unwrap().contains("Z9999"), "{v}");
        let (s, v) = post(
            "/api/v1/skills/extract",
            r#"{"text":"Vous êtes rigoureux.","rome":"m1805"}"#,
        )
        .await;
        assert_eq!((s, &v["rome"]["code"]), (StatusCode::OK, &"M1805".into()));
    })
}

#[test]
fn trends_api_gives_series_and_classes() {
    rt().block_on(async {
        let (s, body) =
            get("/api/v1/skills/trends?perimeter=region:44&period=quarter&limit=10").await;
        assert_eq!(s, StatusCode::OK);
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        let periods = v["periods"].as_array().unwrap().len();
        assert!(periods >= 2);
        assert_eq!(v["evidence"], "text");
        for sk in v["skills"].as_array().unwrap() {
            assert_eq!(sk["counts"].as_array().unwrap().len(), periods);
            let class = sk["trend"]["class"].as_str().unwrap();
            assert!([
                "emergente",
                "en-croissance",
                "stable",
                "en-declin",
                "occasionnelle"
            ]
            .contains(&class));
        }
        assert_eq!(
            get("/api/v1/skills/trends?perimeter=region:44&period=year")
                .await
                .0,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            get("/api/v1/skills/trends?perimeter=44").await.0,
            StatusCode::BAD_REQUEST
        );
    })
}

#[test]
fn pages_show_evidence_and_trends() {
    rt().block_on(async {
        let (s, html) = get("/offres/0001497").await;
        assert_eq!(s, StatusCode::OK);
        assert!(
            html.contains("preuve : texte")
                && html.contains("<mark class=\"span\">gestion de configuration</mark>")
        );
        assert!(html.contains("typique du métier"));
        assert_eq!(get("/offres/inconnue").await.0, StatusCode::NOT_FOUND);
        // An offer sent with its HTML escaped ("d&eacute;cisionnelles") shows its characters.
        let (_, html) = get("/offres/9614281").await;
        assert!(html.contains("décisionnelles") && !html.contains("&amp;eacute;"));
        // The employer's sections are set apart, and nothing in them is marked as evidence:
        // "un management de proximité" is a perk of JEMS, not a skill the job asks for.
        let (_, html) = get("/offres/184BMRM").await;
        let perks = html
            .split("<span class=\"employer\">")
            .nth(2)
            .and_then(|rest| rest.split("</span>").nth(1))
            .unwrap_or_default();
        assert!(html.contains("Section sur l'employeur : non lue pour les compétences"));
        assert!(
            perks.contains("management de proximité") && !perks.contains("<mark"),
            "{perks}"
        );
        let (s, html) = get("/territoires/region/44/competences").await;
        assert_eq!(s, StatusCode::OK);
        assert!(html.contains("<svg") && html.contains("Tendance"));
        // Each share is told with its base, in French ("2024-T3 : 60,0 % (3 sur 5)"), and the
        // offers read per period are given under the table's caption.
        assert!(html.contains("Offres lues par période : "), "{html}");
        let alt = html
            .split("role=\"img\" aria-label=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap();
        assert!(alt.contains(" % (") && alt.contains(" sur "), "{alt}");
        assert!(!alt.contains('.'), "decimal point in {alt}");
        // Troyes has 4 offers: every trend is *occasionnelle*, told without a z.
        let (s, html) = get("/territoires/bassin/4402/competences").await;
        assert_eq!(s, StatusCode::OK);
        assert!(html.contains("<td>occasionnelle</td>"), "{html}");
        assert!(!html.contains("occasionnelle<small>"), "{html}");
        let (s, html) = get("/competences/emergentes").await;
        assert_eq!(s, StatusCode::OK);
        assert!(html.contains("Grand Est"));
    })
}

async fn post_form(uri: &str, body: &str) -> (StatusCode, String) {
    let req = Request::post(uri)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(body.to_string()))
        .unwrap();
    let (s, b) = call(req).await;
    (s, String::from_utf8(b).unwrap())
}

#[test]
fn the_reader_page_reads_a_pasted_text_and_names_the_field_at_fault() {
    rt().block_on(async {
        let (s, html) = get("/competences/lire").await;
        assert_eq!(s, StatusCode::OK);
        assert!(html.contains("<textarea") && html.contains("for=\"text\""));
        // A CV-like description of experience, read without an offer around it.
        let text =
            "J'ai administré des serveurs Linux et des conteneurs Docker pendant trois ans. \
                    Je suis rigoureux et j'aime travailler en équipe.";
        let body = format!(
            "title=Administrateur+syst%C3%A8mes&text={}&rome=",
            urlencode(text)
        );
        let (s, html) = post_form("/competences/lire", &body).await;
        assert_eq!(s, StatusCode::OK);
        assert!(html.contains("Résultat de la lecture") && html.contains("preuve : texte"));
        assert!(
            html.contains("(savoir-être)") && html.contains("(savoir)"),
            "{html}"
        );
        assert!(
            html.contains("<mark class=\"span\">conteneurs Docker</mark>"),
            "{html}"
        );
        // The gap to the fiche read: its core items the text does not attest.
        let gap = html
            .split("Compétences clés du métier que le texte ne montre pas")
            .nth(1)
            .expect("gap section");
        assert!(
            gap.contains("cœur de métier") && gap.contains("<li>"),
            "{gap}"
        );
        // Each missing item leads to the sessions that train for it.
        assert!(gap.contains("href=\"/formations?competence="), "{gap}");
        // Each of those links says, to a screen reader, which skill it is for.
        assert!(
            gap.contains("<span class=\"visually-hidden\"> pour « "),
            "{gap}"
        );
        // The text is sent back in the form, escaped.
        assert!(html.contains("J&#39;ai administré") || html.contains("J'ai administré"));
        // The page says whether the engine reads the trade's everyday words: for a systems
        // administrator (the sixteenth session's fifth batch) and a hairdresser ("les
        // brushings"), not for an airline pilot.
        assert!(
            html.contains("le moteur lit aussi les mots courants"),
            "{html}"
        );
        let text = "J'ai piloté des Airbus A320 pendant dix ans, en long et moyen courrier.";
        let body = format!(
            "title={}&text={}&rome=",
            urlencode("Pilote de ligne"),
            urlencode(text)
        );
        let (_, html) = post_form("/competences/lire", &body).await;
        assert!(html.contains("/metiers/N2102"), "{html}");
        assert!(html.contains("le moteur ne lit que les libellés"), "{html}");
        let text = "J'ai travaillé six ans en salon : je faisais les shampoings et les brushings.";
        let body = format!("title=Coiffeuse&text={}&rome=", urlencode(text));
        let (_, html) = post_form("/competences/lire", &body).await;
        assert!(
            html.contains("le moteur lit aussi les mots courants"),
            "{html}"
        );
        assert!(
            html.contains("<mark class=\"span\">brushings</mark>"),
            "{html}"
        );
        // The gap's note counts the fiches whose everyday words the engine reads.
        let note = html
            .split("des ")
            .find(|p| p.contains(" fiches ROME dont il connaît"));
        let count = note.and_then(|p| p.split(' ').next()?.parse::<usize>().ok());
        assert!(count.is_some_and(|n| n >= 128), "{count:?}");
        // (form, status, what the page must say)
        let cases: [(&str, StatusCode, &[&str]); 3] = [
            (
                "title=&text=+++&rome=",
                StatusCode::BAD_REQUEST,
                &["role=\"alert\"", "le texte est vide", "id=\"erreur-text\""],
            ),
            (
                "title=&text=Gestion+de+projet&rome=Z9999",
                StatusCode::BAD_REQUEST,
                &["« Z9999 »", "id=\"erreur-rome\""],
            ),
            (
                "title=&text=Gestion+de+projet&rome=m1805",
                StatusCode::OK,
                &["Métier retenu : ", "M1805"],
            ),
        ];
        for (form, status, says) in cases {
            let (s, html) = post_form("/competences/lire", form).await;
            assert_eq!(s, status, "{form}");
            for x in says {
                assert!(html.contains(x), "{form}: « {x} » absent");
            }
        }
    })
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
