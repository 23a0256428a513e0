//! Training surfaces over a small generated catalogue (données synthétiques) on the bundled
//! reference data: search API and page, session/action/provider pages, seat updates (API and
//! form), reservations, carte des formations, and 400s on bad parameters.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use tokio::sync::OnceCell;
use tremplin_store::training as st;
use tremplin_store::Store;
use tremplin_training::date::Date;
use tremplin_training::generate::{generate, Input, Params};
use tremplin_training::geo::{epci_centroids, Locator};
use tremplin_training::lheo::LheoWriter;
use tremplin_web::observatory::bundled_snapshot;
use tremplin_web::state::AppState;

mod common;

async fn state() -> AppState {
    static S: OnceCell<AppState> = OnceCell::const_new();
    S.get_or_init(|| async {
        let store = common::seeded_store(
            &["rome", "geo", "dares", "certif-info", "inserjeunes"],
            false,
        )
        .await;
        let d = bundled_snapshot().unwrap();
        let topo = tremplin_ingest::reader::read_text(&tremplin_ingest::bundle::bundled(
            "geo/nodom_epci_2025.topojson",
        ))
        .unwrap();
        let locator = Locator::new(&d.geo, &epci_centroids(&topo).unwrap());
        let blocs = tremplin_ingest::certif::parse_rncp_blocs(&tremplin_ingest::bundle::bundled(
            "training/rncp_blocs_competences.csv",
        ))
        .unwrap()
        .records;
        let input = Input {
            certifications: &d.certifications,
            blocs: &blocs,
            geo: &d.geo,
            locator: &locator,
        };
        let mut w = LheoWriter::new(Vec::new(), None).unwrap();
        generate(
            &input,
            &Params::two_years("44", 3, Date::today(), 300),
            |f| w.write_formation(&f),
        )
        .unwrap();
        let xml = w.finish().unwrap();
        st::import_lheo(&store, xml.as_slice(), "test", |_| {})
            .await
            .unwrap();
        AppState::new(store).await.unwrap()
    })
    .await
    .clone()
}

async fn call(req: Request<Body>) -> (StatusCode, String) {
    let (status, body) = common::call(state().await, req).await;
    (status, String::from_utf8(body).unwrap())
}

async fn get(uri: &str) -> (StatusCode, String) {
    call(Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn json(method: &str, uri: &str, body: serde_json::Value) -> (StatusCode, serde_json::Value) {
    let req = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let (s, b) = call(req).await;
    (
        s,
        serde_json::from_str(&b).unwrap_or(serde_json::Value::Null),
    )
}

/// The `nth` open, upcoming session with seats, its action and provider (each test takes its
/// own, as tests share one store).
async fn open_session(store: &Store, nth: i64) -> (String, String, String) {
    let today = Date::today().lheo();
    let rows = store
        .fetch(
            "SELECT s.numero, a.numero AS action, f.provider FROM training_session s JOIN training_action a ON a.numero = s.action \
             JOIN training_formation f ON f.numero = a.formation WHERE s.status = 'ouverte' AND s.seats_left >= 3 AND s.start_date > $1 \
             ORDER BY s.numero LIMIT 1 OFFSET $2",
            vec![today.into(), nth.into()],
        )
        .await
        .unwrap();
    let t = |c: &str| tremplin_store::sql::text(&rows[0], c);
    (t("numero"), t("action"), t("provider"))
}

#[tokio::test]
async fn search_api_ranks_and_explains() {
    let (s, b) = get("/api/v1/formations/sessions?commune=67482&rayon=60&limite=5").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let v: serde_json::Value = serde_json::from_str(&b).unwrap();
    assert!(v["notice"]
        .as_str()
        .unwrap()
        .contains("données synthétiques"));
    let results = v["results"].as_array().unwrap();
    assert!(!results.is_empty());
    let scores: Vec<f64> = results
        .iter()
        .map(|r| r["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    for r in results {
        assert!(r["reasons"].as_array().unwrap().len() >= 2);
        let remote = r["session"]["modality"] == "distance";
        assert!(remote || r["distance_km"].as_f64().unwrap() <= 60.0);
    }
    assert!(
        results[0]["session"]["start"]
            .as_str()
            .unwrap()
            .contains('-'),
        "ISO dates"
    );
}

#[tokio::test]
async fn bad_parameters_are_400_with_a_message() {
    for (uri, word) in [
        ("/api/v1/formations/sessions?rayon=30", "commune"),
        ("/api/v1/formations/sessions?modalite=avion", "modalite"),
        ("/api/v1/formations/sessions?du=2026-13-01", "du"),
        ("/api/v1/formations/sessions?commune=00000", "commune"),
        ("/api/v1/formations/sessions?places=-1", "places"),
        ("/api/v1/carte-des-formations?dimension=nsf", "dimension"),
    ] {
        let (s, b) = get(uri).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{uri}");
        assert!(b.contains(word), "{uri}: {b}");
    }
    assert_eq!(
        get("/api/v1/formations/sessions/INCONNUE").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get("/formations/organismes/INCONNU").await.0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn seats_updates_and_reservations_through_the_api() {
    let store = state().await.store.clone();
    let (numero, _, _) = open_session(&store, 0).await;
    let (_, before) = json(
        "GET",
        &format!("/api/v1/formations/sessions/{numero}"),
        serde_json::Value::Null,
    )
    .await;
    let seats = before["session"]["session"]["seats"].as_i64().unwrap();
    let version = before["session"]["version"].as_i64().unwrap();
    let (s, r) = json(
        "POST",
        &format!("/api/v1/formations/sessions/{numero}/reservations"),
        serde_json::json!({"reference": "P-1", "author": "conseiller"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    let (_, after) = json(
        "GET",
        &format!("/api/v1/formations/sessions/{numero}"),
        serde_json::Value::Null,
    )
    .await;
    assert_eq!(
        after["session"]["session"]["seats"].as_i64().unwrap(),
        seats - 1
    );
    assert_eq!(after["history"][0]["reason"], "reservation");
    // A stale version is refused; a valid change is versioned.
    let stale = serde_json::json!({"seats_left": 1, "expected_version": version, "author": "of"});
    assert_eq!(
        json(
            "PUT",
            &format!("/api/v1/formations/sessions/{numero}/places"),
            stale
        )
        .await
        .0,
        StatusCode::CONFLICT
    );
    let bad = serde_json::json!({"seats_left": 1000, "author": "of"});
    assert_eq!(
        json(
            "PUT",
            &format!("/api/v1/formations/sessions/{numero}/places"),
            bad
        )
        .await
        .0,
        StatusCode::BAD_REQUEST
    );
    let ok = serde_json::json!({"seats_left": 0, "author": "organisme"});
    let (s, v) = json(
        "PUT",
        &format!("/api/v1/formations/sessions/{numero}/places"),
        ok,
    )
    .await;
    assert_eq!(
        (s, v["status"].as_str()),
        (StatusCode::OK, Some("complete"))
    );
    // The index follows: the session no longer shows in searches for open seats.
    let ix = state().await.training.clone();
    assert_eq!(
        ix.index.read().unwrap().get(&numero).unwrap().seats_left,
        Some(0)
    );
    let full = json(
        "POST",
        &format!("/api/v1/formations/sessions/{numero}/reservations"),
        serde_json::json!({"reference": "P-2", "author": "c"}),
    )
    .await;
    assert_eq!(full.0, StatusCode::CONFLICT);
}

#[tokio::test]
async fn pages_and_provider_form() {
    let store = state().await.store.clone();
    let (numero, action, provider) = open_session(&store, 10).await;
    for uri in [
        format!("/formations/sessions/{numero}"),
        format!("/formations/actions/{action}"),
        format!("/formations/organismes/{provider}?session={numero}"),
        "/formations?commune=67482&rayon=80".to_string(),
        "/carte-des-formations".to_string(),
    ] {
        let (s, b) = get(&uri).await;
        assert_eq!(s, StatusCode::OK, "{uri}");
        assert!(b.contains("données synthétiques"), "{uri}");
    }
    assert!(get("/carte-des-formations")
        .await
        .1
        .contains("Métiers en tension sans formation"));
    let form = |body: String| {
        Request::post(format!("/formations/organismes/{provider}/places"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap()
    };
    let (s, b) = call(form(format!(
        "session={numero}&places_restantes=abc&auteur=moi"
    )))
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(b.contains("nombre entier attendu") && b.contains("role=\"alert\""));
    let (s, _) = call(form(format!(
        "session={numero}&places_restantes=1&statut=ouverte&auteur=organisme%40exemple"
    )))
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let h = st::history(&store, &numero).await.unwrap();
    assert_eq!(
        (h[0].changed_by.as_str(), h[0].seats_left),
        ("organisme@exemple", Some(1))
    );
}

#[tokio::test]
async fn seat_changes_survive_export_and_reimport() {
    let store = state().await.store.clone();
    let (numero, _, _) = open_session(&store, 20).await;
    let up = st::SeatUpdate {
        seats_left: Some(2),
        status: Some(tremplin_training::model::SessionStatus::Suspendue),
        ..Default::default()
    };
    st::update_seats(&store, &numero, &up, "organisme")
        .await
        .unwrap();
    let mut first = Vec::new();
    st::export_lheo(&store, &mut first, None, |_| {})
        .await
        .unwrap();
    let fresh = tremplin_store::testing::sqlite().await;
    let report = st::import_lheo(&fresh, first.as_slice(), "test", |_| {})
        .await
        .unwrap();
    assert!(report.synthetic > 0 && report.sessions > 1000, "{report:?}");
    let s = st::session(&fresh, &numero).await.unwrap().unwrap();
    assert_eq!(
        (s.session.seats, s.session.status.as_str()),
        (Some(2), "suspendue")
    );
    let mut second = Vec::new();
    st::export_lheo(&fresh, &mut second, None, |_| {})
        .await
        .unwrap();
    assert!(first == second, "export → import → export is identical");
}

#[tokio::test]
async fn communes_are_found_by_name_too() {
    let (s, b) = get("/api/v1/formations/sessions?commune=strasbourg&rayon=40").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (s, b) = get("/api/v1/formations/sessions?commune=Nulle-Part-Sur-Mer").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(b.contains("inconnue"));
}

#[tokio::test]
async fn skills_by_words_and_bassin_shortcut() {
    let (s, b) =
        get("/api/v1/formations/sessions?competence=ma%C3%A7onnerie&bassin=4431&toutes=oui").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let v: serde_json::Value = serde_json::from_str(&b).unwrap();
    for r in v["results"].as_array().unwrap() {
        assert!(
            r["reasons"][0].as_str().unwrap().contains("compétence"),
            "{r}"
        );
    }
    assert_eq!(
        get("/api/v1/formations/sessions?competence=zzzqqq").await.0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        get("/api/v1/formations/sessions?bassin=9999").await.0,
        StatusCode::NOT_FOUND
    );
    let (s, page) = get("/carte-des-formations?bassin=4431").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        page.contains("Nancy") || page.contains("<td>"),
        "labels and bassin names"
    );
}
