//! Observatory storage: jobseeker (and optionally offer) counts per ROME × bassin × period,
//! imported one period at a time, transactionally and idempotently.

use crate::sql::{insert_rows, opt_real, real, text, Row, Val};
use crate::{Result, Store};
use sqlx::Connection;

/// One imported cell.
#[derive(Debug, Clone, PartialEq)]
pub struct TensionInput {
    pub period: String,
    pub rome: String,
    pub bassin: String,
    /// `None`: offers are counted from the store's offers of the period.
    pub offers: Option<f64>,
    pub jobseekers: f64,
}

const COLUMNS: &[&str] = &[
    "period",
    "rome",
    "bassin",
    "offers",
    "jobseekers",
    "source",
    "imported_at",
];

/// Replaces the cells of `period` by `rows` in one transaction; returns the rows written.
pub async fn replace_period(
    store: &Store,
    period: &str,
    rows: &[TensionInput],
    source: &str,
) -> Result<u64> {
    let at = crate::load::format_timestamp(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0),
    );
    let mut conn = store.pool.acquire().await?;
    let mut tx = conn.begin().await?;
    crate::sql::query(
        "DELETE FROM tension_input WHERE period = $1",
        vec![Val::from(period)],
    )
    .execute(&mut *tx)
    .await?;
    let values: Vec<Row> = rows
        .iter()
        .map(|r| {
            vec![
                Val::from(period),
                Val::from(&r.rome),
                Val::from(&r.bassin),
                Val::OptReal(r.offers),
                Val::Real(r.jobseekers),
                Val::from(source),
                Val::from(&at),
            ]
        })
        .collect();
    let n = insert_rows(&mut tx, "tension_input", COLUMNS, values, "").await?;
    tx.commit().await?;
    Ok(n)
}

/// All imported cells, ordered by period.
pub async fn load_inputs(store: &Store) -> Result<Vec<TensionInput>> {
    let rows = store
        .fetch("SELECT period, rome, bassin, offers, jobseekers FROM tension_input ORDER BY period, rome, bassin", vec![])
        .await?;
    Ok(rows
        .iter()
        .map(|r| TensionInput {
            period: text(r, "period"),
            rome: text(r, "rome"),
            bassin: text(r, "bassin"),
            offers: opt_real(r, "offers"),
            jobseekers: real(r, "jobseekers"),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(period: &str, rome: &str, jobseekers: f64) -> TensionInput {
        TensionInput {
            period: period.into(),
            rome: rome.into(),
            bassin: "4431".into(),
            offers: None,
            jobseekers,
        }
    }

    #[tokio::test]
    async fn replaces_one_period_idempotently() {
        for store in crate::testing::all().await {
            let q1 = vec![cell("2024T1", "M1203", 10.0), cell("2024T1", "G1602", 20.0)];
            assert_eq!(
                replace_period(&store, "2024T1", &q1, "a.csv")
                    .await
                    .unwrap(),
                2
            );
            replace_period(&store, "2024T2", &[cell("2024T2", "M1203", 12.0)], "b.csv")
                .await
                .unwrap();
            // Re-importing a period replaces it and leaves the others.
            replace_period(&store, "2024T1", &q1[..1], "a.csv")
                .await
                .unwrap();
            replace_period(&store, "2024T1", &q1[..1], "a.csv")
                .await
                .unwrap();
            let all = load_inputs(&store).await.unwrap();
            assert_eq!(all.len(), 2);
            assert_eq!(all[0], q1[0]);
            assert_eq!(all[1].period, "2024T2");
            let mut with_offers = cell("2023", "M1203", 3.0);
            with_offers.offers = Some(7.5);
            replace_period(&store, "2023", &[with_offers.clone()], "c.csv")
                .await
                .unwrap();
            assert_eq!(load_inputs(&store).await.unwrap()[0], with_offers);
        }
    }
}
