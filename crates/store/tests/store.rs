//! Imports are transactional and idempotent, on SQLite and (when configured) PostgreSQL.

use tremplin_domain::offer::Offer;
use tremplin_domain::tension::FapRome;
use tremplin_store::import::{self, DatasetMeta, TableRows};
use tremplin_store::{testing, Store, Val};

fn meta(name: &str) -> DatasetMeta {
    DatasetMeta {
        name: name.into(),
        source: "test".into(),
        version: "v1".into(),
        checksum: "c1".into(),
    }
}

fn fap(n: usize) -> Vec<FapRome> {
    (0..n)
        .map(|i| FapRome {
            fap: format!("F{i:03}"),
            rome: "M1805".into(),
        })
        .collect()
}

async fn rows(store: &Store) -> Vec<(String, String)> {
    store
        .all("SELECT fap, rome FROM fap_rome ORDER BY fap", |r| {
            (
                tremplin_store::sql::text(r, "fap"),
                tremplin_store::sql::text(r, "rome"),
            )
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn replacing_a_dataset_twice_converges() {
    for store in testing::all().await {
        let data = fap(2500);
        import::replace_dataset(
            &store,
            &meta("fap-rome"),
            import::fap_rome_tables(&data),
            0,
            &|_| {},
        )
        .await
        .unwrap();
        let first = rows(&store).await;
        import::replace_dataset(
            &store,
            &meta("fap-rome"),
            import::fap_rome_tables(&data),
            0,
            &|_| {},
        )
        .await
        .unwrap();
        assert_eq!(rows(&store).await, first);
        assert_eq!(first.len(), 2500);
        // Reads keep the query's ORDER BY (rows come back through one JSON aggregate).
        assert!(first.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(first[0], ("F000".to_string(), "M1805".to_string()));
        let ds = import::datasets(&store).await.unwrap();
        assert_eq!(ds.len(), 1);
        assert_eq!((ds[0].0.as_str(), ds[0].4), ("fap-rome", 2500));
        assert_eq!(
            import::dataset_checksum(&store, "fap-rome")
                .await
                .unwrap()
                .as_deref(),
            Some("c1")
        );
    }
}

#[tokio::test]
async fn a_failing_import_leaves_the_previous_state_intact() {
    for store in testing::all().await {
        import::replace_dataset(
            &store,
            &meta("fap-rome"),
            import::fap_rome_tables(&fap(10)),
            0,
            &|_| {},
        )
        .await
        .unwrap();
        let before = rows(&store).await;
        // The second table's duplicate primary key fails after the first rows were written.
        let mut tables = import::fap_rome_tables(&fap(3000));
        tables.push(TableRows {
            table: "fap_rome",
            columns: &["fap", "rome"],
            rows: vec![vec![Val::from("F000"), Val::from("M1805")]],
        });
        let err = import::replace_dataset(&store, &meta("fap-rome"), tables, 0, &|_| {}).await;
        assert!(err.is_err());
        assert_eq!(rows(&store).await, before);
    }
}

fn offer(id: &str, title: &str) -> Offer {
    Offer {
        title: title.into(),
        description: "Description".into(),
        place_label: "67 - STRASBOURG".into(),
        latitude: Some(48.58),
        contract_type: "CDI".into(),
        raw: "{}".into(),
        ..Offer::located(id, "M1805", "67482", "2024-05-01T10:00:00Z")
    }
}

#[tokio::test]
async fn offers_are_upserted_by_id() {
    for store in testing::all().await {
        let batch = vec![offer("1", "Développeur"), offer("2", "Soudeur")];
        import::upsert_offers(&store, &meta("offers"), &batch, 0, &|_| {})
            .await
            .unwrap();
        import::upsert_offers(&store, &meta("offers"), &batch, 0, &|_| {})
            .await
            .unwrap();
        assert_eq!(store.count("offer").await.unwrap(), 2);
        import::upsert_offers(
            &store,
            &meta("offers"),
            &[offer("2", "Soudeur TIG"), offer("3", "Maçon")],
            0,
            &|_| {},
        )
        .await
        .unwrap();
        let offers = store.load_offers().await.unwrap();
        assert_eq!(offers.len(), 3);
        let two = offers.iter().find(|o| o.id == "2").unwrap();
        assert_eq!(two.title, "Soudeur TIG");
        assert_eq!(two.latitude, Some(48.58));
        assert_eq!(two.longitude, None);
    }
}

#[tokio::test]
async fn null_and_present_reals_mix_across_batches() {
    use tremplin_domain::tension::FapTension;
    for store in testing::all().await {
        // Alternate NULL and non-NULL reals so successive batches bind different types.
        let rows: Vec<FapTension> = (0..1000)
            .map(|i| FapTension {
                fap: format!("F{i}"),
                year: 2019,
                level: "nat".into(),
                area: String::new(),
                employment: (i % 2 == 0).then_some(i as f64),
                tension: (i % 3 == 0).then_some(-0.5),
                tension_class: (i >= 300).then_some(3.0),
                hiring_intensity: None,
                training_link: Some(1.0),
                labour_shortage: None,
                non_durable: None,
                working_conditions: None,
                geographic_mismatch: None,
            })
            .collect();
        import::replace_dataset(
            &store,
            &meta("fap-tension"),
            import::fap_tension_tables(&rows),
            0,
            &|_| {},
        )
        .await
        .unwrap();
        let back = store.load_fap_tension().await.unwrap();
        assert_eq!(back.len(), 1000);
        let f301 = back.iter().find(|f| f.fap == "F301").unwrap();
        assert_eq!((f301.employment, f301.tension_class), (None, Some(3.0)));
    }
}
