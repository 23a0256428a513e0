//! Observatory surfaces over the bundled data: API, pages, exports, 404 with suggestions, and a
//! headless-browser check of the portrait of a Grand Est bassin (skipped without Chromium).

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tokio::sync::OnceCell;
use tower::ServiceExt;
use tremplin_web::state::AppState;

mod common;
use common::rt;

/// A store holding the bundled reference data the observatory reads, then the app's state.
async fn state() -> AppState {
    static S: OnceCell<AppState> = OnceCell::const_new();
    S.get_or_init(|| async {
        let sets = [
            "rome",
            "geo",
            "dares",
            "fap-tension",
            "fap-rome",
            "certif-info",
            "inserjeunes",
        ];
        AppState::new(common::seeded_store(&sets, true).await)
            .await
            .unwrap()
    })
    .await
    .clone()
}

async fn get(uri: &str) -> (StatusCode, String, Vec<u8>) {
    let app = tremplin_web::router(state().await);
    let res = app
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let ctype = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (
        status,
        ctype,
        res.into_body().collect().await.unwrap().to_bytes().to_vec(),
    )
}

#[test]
fn tension_api_gives_computed_and_published_figures() {
    rt().block_on(async {
        let (s, _, body) = get("/api/v1/tension?perimeter=bassin:4431").await;
        assert_eq!(s, StatusCode::OK);
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["name"], "Metz");
        let rows = v["rows"].as_array().unwrap();
        let comptable = rows.iter().find(|r| r["rome"] == "M1203").unwrap();
        assert_eq!(comptable["quintile"], 5);
        assert!(comptable["published"]["tension"].as_f64().is_some());
        assert_eq!(comptable["class"], "A");
        let (s, _, body) = get("/api/v1/tension?perimeter=region:44&by=fap").await;
        assert_eq!(s, StatusCode::OK);
        assert!(String::from_utf8(body).unwrap().contains("\"fap\""));
    })
}

#[test]
fn unknown_perimeter_is_404_with_suggestions() {
    rt().block_on(async {
        let (s, _, body) = get("/api/v1/portrait?perimeter=bassin:4499").await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert!(!v["suggestions"].as_array().unwrap().is_empty());
        let (s, _, body) = get("/territoires/bassin/4499/portrait").await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        assert!(String::from_utf8(body).unwrap().contains("bassin:44"));
        let (s, _, _) = get("/api/v1/tension?perimeter=bassin").await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
    })
}

#[test]
fn tension_page_filters_and_exports() {
    rt().block_on(async {
        let (s, _, body) = get("/tension?perimeter=bassin:4431&quintile=5&class=A").await;
        assert_eq!(s, StatusCode::OK);
        let html = String::from_utf8(body).unwrap();
        assert!(html.contains("Comptable"));
        assert!(
            !html.contains("Préparateur / Préparatrice de commandes"),
            "quintile 4, filtered out"
        );
        let (s, ctype, body) = get("/tension?perimeter=bassin:4431&format=csv").await;
        assert_eq!(s, StatusCode::OK);
        assert!(ctype.starts_with("text/csv"));
        let csv = String::from_utf8(body).unwrap();
        assert!(csv.starts_with("Code ROME,Métier,"));
        assert!(csv.lines().count() > 100);
        let (s, ctype, body) = get("/tension?perimeter=commune:57463&format=xlsx").await;
        assert_eq!(s, StatusCode::OK);
        assert!(ctype.contains("spreadsheetml"));
        assert_eq!(&body[..2], b"PK");
    })
}

#[test]
fn portrait_exports_every_table() {
    rt().block_on(async {
        for t in [
            "comparaison",
            "metiers",
            "competences",
            "formations",
            "diagnostic",
        ] {
            let (s, _, body) = get(&format!(
                "/territoires/bassin/4431/portrait/export?table={t}&format=csv"
            ))
            .await;
            assert_eq!(s, StatusCode::OK, "{t}");
            assert!(String::from_utf8(body).unwrap().lines().count() > 1, "{t}");
        }
        let (s, _, body) = get("/territoires/bassin/4431/portrait/export?format=xlsx").await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(&body[..2], b"PK");
        let (s, _, _) = get("/territoires/bassin/4431/portrait/export?table=nope").await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
    })
}

#[test]
fn portrait_page_is_fast_once_computed() {
    rt().block_on(async {
        let (s, _, _) = get("/territoires/bassin/4408/portrait").await;
        assert_eq!(s, StatusCode::OK);
        let t = std::time::Instant::now();
        let (s, _, body) = get("/territoires/bassin/4408/portrait").await;
        let ms = t.elapsed().as_millis();
        assert_eq!(s, StatusCode::OK);
        assert!(String::from_utf8(body)
            .unwrap()
            .contains("Diagnostic (projet)"));
        println!("portrait page served in {ms} ms once computed");
    })
}

/// Serves the app on a local port and loads the portrait in headless Chromium.
#[test]
fn browser_renders_the_portrait_of_a_grand_est_bassin() {
    rt().block_on(async {
        let bin = std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".into());
        let found = std::process::Command::new(&bin)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !found {
            assert!(
                std::env::var("TREMPLIN_REQUIRE_BROWSER").as_deref() != Ok("1"),
                "Chromium requis ({bin})"
            );
            eprintln!("Chromium absent : test navigateur ignoré");
            return;
        }
        let chromium = bin;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = tremplin_web::router(state().await);
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let url = format!("http://{addr}/territoires/bassin/4431/portrait?compare=bassin:4402");
        let out = tokio::task::spawn_blocking(move || {
            std::process::Command::new(chromium)
                .args([
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--virtual-time-budget=3000",
                    "--dump-dom",
                    &url,
                ])
                .output()
                .unwrap()
        })
        .await
        .unwrap();
        let dom = String::from_utf8_lossy(&out.stdout);
        assert!(
            dom.contains("<h1>Portrait : Metz</h1>"),
            "{}",
            &dom[..dom.len().min(500)]
        );
        for needle in [
            "Chiffres clés comparés",
            "Troyes",
            "Grand Est",
            "Métiers en tension",
            "Comptable",
            "<svg",
            "Forces",
            "Menaces",
            "Chiffre :",
            "n.d.",
            "InserJeunes",
        ] {
            assert!(dom.contains(needle), "missing {needle}");
        }
    })
}

#[test]
fn imported_periods_are_served_and_unknown_ones_listed() {
    rt().block_on(async {
        let st = state().await;
        let cells: Vec<tremplin_store::observatory::TensionInput> =
            ["A1101", "D1106", "G1602", "K1302", "M1203"]
                .iter()
                .enumerate()
                .map(|(k, rome)| tremplin_store::observatory::TensionInput {
                    period: "2024T1".into(),
                    rome: rome.to_string(),
                    bassin: "4431".into(),
                    offers: Some(10.0 * (k as f64 + 1.0)),
                    jobseekers: 100.0,
                })
                .collect();
        tremplin_store::observatory::replace_period(&st.store, "2024T1", &cells, "test")
            .await
            .unwrap();
        let (s, _, body) = get("/api/v1/tension?perimeter=bassin:4431&period=2024T1").await;
        assert_eq!(s, StatusCode::OK);
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["period"], "2024T1");
        assert_eq!(v["rows"].as_array().unwrap().len(), 5);
        let (s, _, body) = get("/api/v1/tension?perimeter=bassin:4431&period=2030T1").await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let msg = String::from_utf8(body).unwrap();
        assert!(msg.contains("2021") && msg.contains("2024T1"), "{msg}");
        let (s, _, _) = get("/api/v1/tension?perimeter=bassin:4431&period=20x").await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
    })
}

#[test]
fn openapi_documents_the_observatory_endpoints() {
    rt().block_on(async {
        let (s, _, body) = get("/api/openapi.json").await;
        assert_eq!(s, StatusCode::OK);
        let doc = String::from_utf8(body).unwrap();
        for path in [
            "/api/v1/tension",
            "/api/v1/portrait",
            "/api/v1/tension/validation",
        ] {
            assert!(doc.contains(&format!("\"{path}\"")), "{path}");
        }
    })
}
