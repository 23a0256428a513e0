//! Shared by the web test binaries: one runtime, a store seeded with chosen bundled datasets,
//! and requests through the router.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;
use tremplin_store::import as si;
use tremplin_store::Store;
use tremplin_web::state::AppState;

/// One runtime for every test of a binary: the store's pool outlives each test body.
pub fn rt() -> &'static tokio::runtime::Runtime {
    static RT: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap()
    })
}

pub fn meta(name: &str) -> si::DatasetMeta {
    si::DatasetMeta {
        name: name.into(),
        source: "data/ (test)".into(),
        version: "test".into(),
        checksum: String::new(),
    }
}

/// A fresh SQLite store holding the named bundled datasets (and the offers if `offers`).
pub async fn seeded_store(datasets: &[&str], offers: bool) -> Store {
    let store = tremplin_store::testing::sqlite().await;
    let d = tremplin_web::observatory::bundled_snapshot().unwrap();
    for name in datasets {
        let tables = match *name {
            "rome" => si::rome_tables(&d.rome),
            "geo" => si::geo_tables(&d.geo),
            "dares" => si::dares_tables(&d.dares),
            "fap-tension" => si::fap_tension_tables(&d.fap_tension),
            "fap-rome" => si::fap_rome_tables(&d.fap_rome),
            "certif-info" => si::certification_tables(&d.certifications),
            "inserjeunes" => si::outcome_tables(&d.outcomes),
            other => panic!("unknown test dataset {other}"),
        };
        si::replace_dataset(&store, &meta(name), tables, 0, &|_| {})
            .await
            .unwrap();
    }
    if offers {
        si::upsert_offers(&store, &meta("offers"), &d.offers, 0, &|_| {})
            .await
            .unwrap();
    }
    store
}

/// Status and body of a request through the app's router.
pub async fn call(state: AppState, req: Request<Body>) -> (StatusCode, Vec<u8>) {
    let res = tremplin_web::router(state).oneshot(req).await.unwrap();
    let status = res.status();
    (
        status,
        res.into_body().collect().await.unwrap().to_bytes().to_vec(),
    )
}
