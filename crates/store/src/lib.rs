//! Storage of Tremplin: one set of migrations for SQLite (embedded default) and PostgreSQL
//! (production), reached through `sqlx`'s `Any` driver.
//!
//! Invariants: every import runs in one transaction (an interrupted import leaves the previous
//! state intact) and converges (re-running it gives the same rows); SQL stays portable (see
//! `migrations/`); this crate knows the domain types but computes nothing on them.

pub mod import;
pub mod load;
pub mod observatory;
pub mod sql;
pub mod testing;
pub mod training;

pub use load::Snapshot;
pub use sql::{Row as SqlRow, Val};

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor, Row};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("base de données : {0}")]
    Sql(#[from] sqlx::Error),
    #[error("migrations : {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A connection pool to the store, migrated.
#[derive(Clone, Debug)]
pub struct Store {
    pub pool: AnyPool,
    pub backend: Backend,
    pub url: String,
}

/// The migrations shared by both back-ends: `migrations/NNNN_name.sql`, embedded at build time.
pub const MIGRATIONS: &[(i64, &str, &str)] = include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

fn migrator() -> sqlx::migrate::Migrator {
    use sqlx::migrate::{Migration, MigrationType, Migrator};
    use std::borrow::Cow;
    let migrations: Vec<Migration> = MIGRATIONS
        .iter()
        .map(|&(version, desc, sql)| {
            Migration::new(
                version,
                Cow::Borrowed(desc),
                MigrationType::Simple,
                Cow::Borrowed(sql),
                false,
            )
        })
        .collect();
    Migrator {
        migrations: Cow::Owned(migrations),
        ignore_missing: false,
        locking: true,
        no_tx: false,
    }
}

/// Turns a `--db` value into a URL: `postgres://…` and `sqlite:…` pass through, anything else is
/// a SQLite file path (created if missing).
pub fn database_url(db: &str) -> String {
    if db.starts_with("postgres://") || db.starts_with("postgresql://") {
        db.to_string()
    } else if db.starts_with("sqlite:") {
        if db.contains('?') || db.contains(":memory:") {
            db.to_string()
        } else {
            format!("{db}?mode=rwc")
        }
    } else {
        format!("sqlite://{db}?mode=rwc")
    }
}

impl Store {
    /// Opens (creating a SQLite file if needed) and migrates the store.
    pub async fn open(db: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let url = database_url(db);
        let backend = if url.starts_with("postgres") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        };
        let max = if url.contains(":memory:") { 1 } else { 8 };
        let pool = AnyPoolOptions::new()
            .max_connections(max)
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA busy_timeout = 10000").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await?;
        migrator().run(&pool).await?;
        Ok(Store { pool, backend, url })
    }

    /// A transaction that will write after reading. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`, waiting up to the busy timeout): a deferred transaction that read
    /// first fails at its first write with "database is locked" whenever another connection
    /// wrote since its read, which no timeout cures.
    pub async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }

    /// Rows of a query with positional parameters.
    pub async fn fetch(&self, sql: &str, params: Vec<Val>) -> Result<Vec<AnyRow>> {
        Ok(sql::query(sql, params).fetch_all(&self.pool).await?)
    }

    /// Count of rows in a table.
    pub async fn count(&self, table: &str) -> Result<i64> {
        let row = sqlx::query(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get::<i64, _>(0)?)
    }
}
