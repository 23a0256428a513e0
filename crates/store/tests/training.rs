//! Training offer storage: LHEO import/export round trip, refused files, live seats and
//! concurrent reservations (SQLite; PostgreSQL too when TREMPLIN_TEST_PG_URL is set).

use std::io::Read;
use tremplin_store::training::{self, SeatUpdate, TrainingError};
use tremplin_store::Store;
use tremplin_training::model::SessionStatus;

fn example() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/training/lheo_example_bts_onisep.xml.gz"
    );
    let mut s = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_string(&mut s)
        .unwrap();
    s
}

async fn temp_store(_name: &str) -> Store {
    tremplin_store::testing::sqlite().await
}

async fn export(store: &Store) -> String {
    let mut out = Vec::new();
    training::export_lheo(store, &mut out, Some("test"), |_| {})
        .await
        .unwrap();
    String::from_utf8(out).unwrap()
}

#[tokio::test]
async fn import_export_reimport_is_identical() {
    // On every back-end, and across back-ends: the export of one re-imports into SQLite.
    for a in tremplin_store::testing::all().await {
        round_trip(a).await;
    }
}

async fn round_trip(a: Store) {
    let r = training::import_lheo(&a, example().as_bytes(), "test", |_| {})
        .await
        .unwrap();
    assert_eq!((r.formations, r.actions, r.sessions), (1, 1, 1));
    let first = export(&a).await;
    let b = temp_store("rt-b").await;
    training::import_lheo(&b, first.as_bytes(), "test", |_| {})
        .await
        .unwrap();
    assert_eq!(export(&b).await, first);
    let f = training::formation(&b, "9436_18706")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(f.provider.siret, "19290076900014");
    assert_eq!(
        f.actions[0].sessions[0].registration_address.city,
        "QUIMPERLÉ"
    );
    // Importing the same file again changes nothing and writes no history.
    // The example publishes no seat count: no reservation can be taken on it.
    assert!(matches!(
        training::reserve(&a, "9436_18706", "p", "c").await,
        Err(TrainingError::Invalid(_))
    ));
    let again = training::import_lheo(&a, example().as_bytes(), "test", |_| {})
        .await
        .unwrap();
    assert_eq!(again.seat_changes, 0);
    assert_eq!(a.count("training_seat_history").await.unwrap(), 1);
    assert_eq!(export(&a).await, first);
}

#[tokio::test]
async fn a_broken_file_leaves_the_base_unchanged() {
    for store in tremplin_store::testing::all().await {
        broken_file(store).await;
    }
}

async fn broken_file(store: Store) {
    training::import_lheo(&store, example().as_bytes(), "test", |_| {})
        .await
        .unwrap();
    let before = export(&store).await;
    let bad = example()
        .replace("9436_18706", "NEW_1")
        .replace("<debut>20150901</debut>", "<debut>20151341</debut>");
    match training::import_lheo(&store, bad.as_bytes(), "test", |_| {}).await {
        Err(TrainingError::Lheo(errors)) => {
            assert_eq!(errors.len(), 1);
            assert!(
                errors[0].xpath.ends_with("/session[1]/periode/debut"),
                "{}",
                errors[0]
            );
        }
        other => panic!("expected located errors, got {other:?}"),
    }
    let truncated = &example()[..3000];
    assert!(matches!(
        training::import_lheo(&store, truncated.as_bytes(), "test", |_| {}).await,
        Err(TrainingError::Lheo(_))
    ));
    assert_eq!(store.count("training_formation").await.unwrap(), 1);
    assert_eq!(export(&store).await, before);
}

/// An example whose session has `seats` seats left out of 20.
fn with_seats(seats: i64, numero: &str) -> String {
    example().replace("9436_18706", numero).replace(
        "</adresse-inscription>",
        &format!(
            "</adresse-inscription>\n<recrutement><modalite-recrutement>9</modalite-recrutement><nb-places>{seats}</nb-places></recrutement>\n\
             <extras info=\"tremplin-places\"><extra info=\"places-offertes\">20</extra></extras>"
        ),
    )
}

async fn no_overbooking(store: Store, numero: &str) {
    training::import_lheo(&store, with_seats(7, numero).as_bytes(), "test", |_| {})
        .await
        .unwrap();
    let tasks: Vec<_> = (0..60)
        .map(|i| {
            let (store, numero) = (store.clone(), numero.to_string());
            tokio::spawn(async move {
                training::reserve(&store, &numero, &format!("prescription-{i}"), "conseiller").await
            })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => ok += 1,
            Err(TrainingError::Full(_)) => {}
            Err(e) => panic!("unexpected error {e}"),
        }
    }
    assert_eq!(ok, 7, "exactly the seats left are taken");
    let s = training::session(&store, numero).await.unwrap().unwrap();
    assert_eq!(s.session.seats, Some(0));
    assert_eq!(s.session.effective_status(), SessionStatus::Complete);
    assert_eq!(
        training::reservations(&store, numero).await.unwrap().len(),
        7
    );
    let history = training::history(&store, numero).await.unwrap();
    assert_eq!(history.len(), 8, "import + one row per reservation");
    assert_eq!(history[0].version, s.version);
    // Cancelling gives the seat back and reopens the session.
    let id = training::reservations(&store, numero).await.unwrap()[0]
        .id
        .clone();
    training::cancel_reservation(&store, &id, "conseiller")
        .await
        .unwrap();
    let s = training::session(&store, numero).await.unwrap().unwrap();
    assert_eq!(
        (s.session.seats, s.session.effective_status()),
        (Some(1), SessionStatus::Ouverte)
    );
}

#[tokio::test]
async fn concurrent_reservations_never_overbook_sqlite() {
    no_overbooking(temp_store("seats").await, "SEATS_1").await;
}

#[tokio::test]
async fn concurrent_reservations_never_overbook_postgres() {
    let Some(store) = tremplin_store::testing::postgres().await else {
        eprintln!("TREMPLIN_TEST_PG_URL absent : test PostgreSQL ignoré");
        return;
    };
    no_overbooking(store, "PG_1").await;
}

#[tokio::test]
async fn provider_updates_are_checked_and_versioned() {
    let store = temp_store("update").await;
    training::import_lheo(&store, with_seats(5, "UPD_1").as_bytes(), "test", |_| {})
        .await
        .unwrap();
    let v1 = training::session(&store, "UPD_1")
        .await
        .unwrap()
        .unwrap()
        .version;
    let up = SeatUpdate {
        seats_left: Some(3),
        expected_version: Some(v1),
        ..SeatUpdate::default()
    };
    let v2 = training::update_seats(&store, "UPD_1", &up, "organisme@exemple")
        .await
        .unwrap();
    assert_eq!(v2, v1 + 1);
    // The same form submitted twice: the second is refused (stale version).
    assert!(matches!(
        training::update_seats(
            &store,
            "UPD_1",
            &SeatUpdate {
                seats_left: Some(2),
                ..up.clone()
            },
            "x"
        )
        .await,
        Err(TrainingError::Conflict { .. })
    ));
    let too_many = SeatUpdate {
        seats_left: Some(25),
        ..SeatUpdate::default()
    };
    assert!(matches!(
        training::update_seats(&store, "UPD_1", &too_many, "x").await,
        Err(TrainingError::Invalid(_))
    ));
    let cancel = SeatUpdate {
        status: Some(SessionStatus::Annulee),
        ..SeatUpdate::default()
    };
    training::update_seats(&store, "UPD_1", &cancel, "organisme@exemple")
        .await
        .unwrap();
    assert!(matches!(
        training::reserve(&store, "UPD_1", "p", "c").await,
        Err(TrainingError::NotOpen(..))
    ));
    let h = training::history(&store, "UPD_1").await.unwrap();
    assert_eq!(h.len(), 3);
    assert_eq!(
        (h[0].changed_by.as_str(), h[0].status.as_str()),
        ("organisme@exemple", "annulee")
    );
    assert!(export(&store)
        .await
        .contains("<extra info=\"statut\">annulee</extra>"));
}
