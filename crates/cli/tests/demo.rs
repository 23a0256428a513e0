//! End to end on the real bundled data: the demo import (and its idempotence), the API, and the
//! main pages in headless Chromium.
//!
//! One test binary, one store: the import is the expensive part and is done once.
//! Chromium is looked up as `chromium` (or `$CHROMIUM`); without it the browser part is skipped,
//! unless `TREMPLIN_REQUIRE_BROWSER=1` (as in CI), which makes its absence a failure.

use std::process::Command;
use tremplin_store::{testing, Store};

async fn get(base: &str, path: &str) -> (u16, String) {
    curl(base, path, &[]).await
}

/// `curl` with extra arguments (e.g. a POST body); returns status and body.
async fn curl(base: &str, path: &str, extra: &[&str]) -> (u16, String) {
    let mut args: Vec<String> = vec!["-s".into(), "-w".into(), "\n%{http_code}".into()];
    args.extend(extra.iter().map(|s| s.to_string()));
    args.push(format!("{base}{path}"));
    let out = tokio::task::spawn_blocking(move || Command::new("curl").args(&args).output())
        .await
        .unwrap()
        .expect("curl");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (body, code) = text.rsplit_once('\n').unwrap_or(("", "0"));
    (code.trim().parse().unwrap_or(0), body.to_string())
}

fn chromium() -> Option<String> {
    let bin = std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".into());
    Command::new(&bin)
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| bin)
}

/// The DOM of a page after load, as Chromium renders it.
fn dump_dom(bin: &str, url: &str) -> String {
    let profile = std::env::temp_dir().join(format!("tremplin-chromium-{}", std::process::id()));
    let out = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            &format!("--user-data-dir={}", profile.display()),
            "--dump-dom",
            url,
        ])
        .output()
        .expect("run chromium");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

async fn check_pages(base: &str) {
    let Some(bin) = chromium() else {
        assert!(
            std::env::var("TREMPLIN_REQUIRE_BROWSER").is_err(),
            "TREMPLIN_REQUIRE_BROWSER is set but chromium is not installed"
        );
        eprintln!("chromium absent: browser checks skipped");
        return;
    };
    let pages: &[(&str, &[&str])] = &[
        (
            "/",
            &[
                "Tremplin",
                "fiches métier ROME",
                "1\u{202f}584",
                "Aller au contenu",
                "Les compétences recherchées",
            ],
        ),
        (
            "/metiers/M1805",
            &[
                "Développeur / Développeuse informatique",
                "Savoir-faire",
                "Savoirs",
                "Mobilités professionnelles",
            ],
        ),
        (
            "/territoires/region/44",
            &["Grand Est", "5\u{202f}132", "43", "<svg", "Strasbourg"],
        ),
        ("/metiers?q=soudeur", &["Soudeur / Soudeuse", "H2913"]),
        (
            "/competences/lire",
            &[
                "Lire les compétences d'un texte",
                "Texte à lire",
                "<textarea",
            ],
        ),
        (
            "/competences/emergentes",
            &["Grand Est", "Tendance", "Offres lues par période"],
        ),
    ];
    let bin2 = bin.clone();
    for (path, expected) in pages {
        let url = format!("{base}{path}");
        let b = bin2.clone();
        let dom = tokio::task::spawn_blocking(move || dump_dom(&b, &url))
            .await
            .unwrap();
        for e in *expected {
            assert!(
                dom.contains(e),
                "{path}: « {e} » absent from the rendered page ({} bytes)",
                dom.len()
            );
        }
        assert!(dom.contains("lang=\"fr\""), "{path}: no lang attribute");
    }
}

async fn check_api(base: &str) {
    let (code, body) = get(base, "/api/v1/health").await;
    assert_eq!(code, 200);
    assert!(body.contains("\"fiches\":1584"), "{body}");
    let (code, body) = get(base, "/api/v1/appellations?q=aide%20soignant&limit=3").await;
    assert_eq!(code, 200);
    assert!(body.contains("J1501"), "{body}");
    let (code, body) = get(base, "/api/v1/perimeters?kind=bassin&region=44").await;
    assert_eq!(code, 200);
    assert_eq!(body.matches("\"perimeter\"").count(), 43, "{body}");
    let (code, body) = get(base, "/api/v1/offers?limit=abc").await;
    assert_eq!(code, 400);
    assert!(body.contains("\"error\""), "{body}");
    let (code, body) = get(base, "/api/v1/perimeters/bassin/4499").await;
    assert_eq!(code, 404);
    assert!(body.contains("\"suggestions\""), "{body}");
    let json = [
        "-H",
        "content-type: application/json",
        "-d",
        r#"{"name":"nord-alsace","communes":["67482","67447"]}"#,
    ];
    let (code, body) = curl(base, "/api/v1/perimeters/custom", &json).await;
    assert_eq!(code, 201, "{body}");
    assert!(
        body.contains("\"perimeter\":\"custom:nord-alsace\""),
        "{body}"
    );
    let bad = [
        "-H",
        "content-type: application/json",
        "-d",
        r#"{"name":"x","communes":["00000"]}"#,
    ];
    let (code, body) = curl(base, "/api/v1/perimeters/custom", &bad).await;
    assert_eq!(code, 400);
    assert!(body.contains("00000"), "{body}");
    let form = ["-d", "name=deux-villes&communes=Strasbourg%2C%2067447"];
    let (code, _) = curl(base, "/territoires/personnalise", &form).await;
    assert_eq!(code, 303);
    let (code, body) = get(base, "/territoires/custom/deux-villes").await;
    assert_eq!(code, 200);
    assert!(
        body.contains("Strasbourg") && body.contains("Schiltigheim"),
        "custom page lacks its communes"
    );
    let (code, body) = curl(
        base,
        "/territoires/personnalise",
        &["-d", "name=z&communes=Atlantide"],
    )
    .await;
    assert_eq!(code, 400);
    assert!(
        body.contains("Atlantide"),
        "form error does not name the token"
    );
    let (code, body) = get(base, "/api/openapi.json").await;
    assert_eq!(code, 200);
    assert!(
        body.contains("\"openapi\":\"3.1"),
        "{}",
        &body[..100.min(body.len())]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_imports_serves_and_renders() {
    let store: Store = testing::sqlite().await;
    tremplin_cli::prepare_demo(&store)
        .await
        .expect("first import");
    assert_eq!(store.count("rome_fiche").await.unwrap(), 1584);
    assert_eq!(store.count("rome_appellation").await.unwrap(), 13120);
    assert_eq!(store.count("offer").await.unwrap(), 2559);
    let snapshot_counts = (
        store.count("commune").await.unwrap(),
        store.count("rome_item").await.unwrap(),
    );
    // A second run imports nothing and changes nothing.
    assert_eq!(
        tremplin_cli::import::import_bundled(&store).await.unwrap(),
        0
    );
    assert_eq!(
        (
            store.count("commune").await.unwrap(),
            store.count("rome_item").await.unwrap()
        ),
        snapshot_counts
    );

    let app = tremplin_web::App::build(store).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum_serve(app, listener).await });
    check_api(&base).await;
    check_pages(&base).await;
}

async fn axum_serve(app: tremplin_web::App, listener: tokio::net::TcpListener) {
    app.serve(listener).await.unwrap();
}

/// A batch with bad records: skipped and counted by default, refused whole with `--strict`,
/// and in both cases nothing already stored is lost.
#[tokio::test]
async fn bad_offers_are_reported_skipped_or_refused() {
    use tremplin_cli::import::{import, Dataset, Options};
    let dir = std::env::temp_dir().join(format!("tremplin-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.json");
    std::fs::write(
        &good,
        r#"[{"id":"A1","intitule":"Maçon","description":"Maçonnerie","romeCode":"F1703"}]"#,
    )
    .unwrap();
    let bad = dir.join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"id\":\"B1\",\"intitule\":\"Soudeur\",\"description\":\"TIG\",\"romeCode\":\"H2913\"}\n\
         {\"id\":\"B2\",\"intitule\":\"Sans description\"}\n\
         {\"id\":\"B3\",\"intitule\":\"x\",\"description\":\"y\",\"romeCode\":\"ZZZ\"}\n",
    )
    .unwrap();
    for store in testing::all().await {
        let loud = Options {
            strict: false,
            verbose: false,
        };
        import(&store, Dataset::Offers, &good, loud).await.unwrap();
        let strict = Options {
            strict: true,
            verbose: false,
        };
        let err = import(&store, Dataset::Offers, &bad, strict)
            .await
            .unwrap_err();
        assert!(
            err.to_string().contains("2 enregistrement(s) rejeté(s)"),
            "{err}"
        );
        assert_eq!(
            store.count("offer").await.unwrap(),
            1,
            "strict import wrote something"
        );
        let s = import(&store, Dataset::Offers, &bad, loud).await.unwrap();
        assert_eq!((s.records, s.rejected), (1, 2));
        assert_eq!(store.count("offer").await.unwrap(), 2);
        let missing = import(&store, Dataset::Offers, &dir.join("absent.json"), loud)
            .await
            .unwrap_err();
        assert!(missing.to_string().contains("absent.json"), "{missing}");
    }
}
