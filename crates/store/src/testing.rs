//! Fresh stores for tests: a new SQLite file each time, and a new PostgreSQL database when
//! `TREMPLIN_TEST_PG_URL` points at a server (e.g. `postgres://postgres@127.0.0.1/postgres`).
//! The same test body runs on both, as production and the embedded default share migrations.

use crate::Store;
use sqlx::Connection;
use std::sync::atomic::{AtomicUsize, Ordering};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "{prefix}_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

/// A new, migrated SQLite store in the temporary directory.
pub async fn sqlite() -> Store {
    let path = std::env::temp_dir().join(format!("{}.db", unique("tremplin_test")));
    Store::open(&path.display().to_string())
        .await
        .expect("open SQLite test store")
}

/// A new, migrated PostgreSQL database, if `TREMPLIN_TEST_PG_URL` is set.
pub async fn postgres() -> Option<Store> {
    let admin = std::env::var("TREMPLIN_TEST_PG_URL").ok()?;
    sqlx::any::install_default_drivers();
    let name = unique("tremplin_test");
    let mut conn = sqlx::AnyConnection::connect(&admin)
        .await
        .expect("connect to TREMPLIN_TEST_PG_URL");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("create test database");
    let (base, _) = admin.rsplit_once('/').expect("URL with a database name");
    let (_, query) = admin.split_once('?').map_or(("", ""), |(a, q)| (a, q));
    let url = if query.is_empty() {
        format!("{base}/{name}")
    } else {
        format!("{base}/{name}?{query}")
    };
    Some(Store::open(&url).await.expect("open PostgreSQL test store"))
}

/// Every back-end available: SQLite always, PostgreSQL when configured.
pub async fn all() -> Vec<Store> {
    let mut v = vec![sqlite().await];
    v.extend(postgres().await);
    v
}
