//! Imports are transactional and idempotent, on SQLite and (when configured) PostgreSQL.

use tremplin_domain::offer::Offer;
use tremplin_domain::tension::FapRome;
use tremplin_store::import::{self, DatasetMeta, TableRows};
use tremplin_store::{testing, Store, Val};

fn meta(name: &str) -> DatasetMeta {
    DatasetMeta { name: name.into(), source: "test".into(), version: "v1".into(), checksum: "c1".into() }
}

fn fap(n: usize) -> Vec<FapRome> {
    (0..n).map(|i| FapRome { fap: format!("F{i:03}"), rome: "M1805".into() }).collect()
}

async fn rows(store: &Store) -> Vec<(String, String)> {
    store
        .all("SELECT fap, rome FROM fap_rome ORDER BY fap", |r| {
            (tremplin_store::sql::text(r, "fap"), tremplin_store::sql::text(r, "rome"))
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn replacing_a_dataset_twice_converges() {
    for store in testing::all().await {
        let data = fap(2500);
        import::replace_dataset(&store, &meta("fap-rome"), import::fap_rome_tables(&data), 0, &|_| {}).await.unwrap();
        let first = rows(&store).await;
        import::replace_dataset(&store, &meta("fap-rome"), import::fap_rome_tables(&data), 0, &|_| {}).await.unwrap();
        assert_eq!(rows(&store).await, first);
        assert_eq!(first.len(), 2500);
        let ds = import::datasets(&store).await.unwrap();
        assert_eq!(ds.len(), 1);
        assert_eq!((ds[0].0.as_str(), ds[0].4), ("fap-rome", 2500));
        assert_eq!(import::dataset_checksum(&store, "fap-rome").await.unwrap().as_deref(), Some("c1"));
    }
}

#[tokio::test]
async fn a_failing_import_leaves_the_previous_state_intact() {
    for store in testing::all().await {
        import::replace_dataset(&store, &meta("fap-rome"), import::fap_rome_tables(&fap(10)), 0, &|_| {}).await.unwrap();
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
        id: id.into(),
        title: title.into(),
        description: "Description".into(),
        rome: "M1805".into(),
        appellation_label: String::new(),
        commune: "67482".into(),
        place_label: "67 - STRASBOURG".into(),
        latitude: Some(48.58),
        longitude: None,
        created: "2024-05-01T10:00:00Z".into(),
        contract_type: "CDI".into(),
        experience: "D".into(),
        qualification: String::new(),
        naf: String::new(),
        employer: String::new(),
        competences: vec![],
        raw: "{}".into(),
    }
}

#[tokio::test]
async fn offers_are_upserted_by_id() {
    for store in testing::all().await {
        let batch = vec![offer("1", "Développeur"), offer("2", "Soudeur")];
        import::upsert_offers(&store, &meta("offers"), &batch, 0, &|_| {}).await.unwrap();
        import::upsert_offers(&store, &meta("offers"), &batch, 0, &|_| {}).await.unwrap();
        assert_eq!(store.count("offer").await.unwrap(), 2);
        import::upsert_offers(&store, &meta("offers"), &[offer("2", "Soudeur TIG"), offer("3", "Maçon")], 0, &|_| {})
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
