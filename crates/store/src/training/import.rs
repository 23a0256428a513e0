//! Streaming LHEO import: formations are read one at a time and written in batches inside one
//! transaction, committed only if the whole file is free of errors.

use super::{now, to_json, Result, TrainingError};
use crate::sql::{insert_rows, query, Row, Val};
use crate::Store;
use sqlx::{AnyConnection, Row as _};
use std::collections::HashMap;
use std::io::BufRead;
use tremplin_training::lheo::LheoReader;
use tremplin_training::model::{parse_price, Action, Formation, Modality, Provider, Session};

const BATCH: usize = 200;

/// What an import stored.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct ImportReport {
    pub formations: u64,
    pub actions: u64,
    pub sessions: u64,
    pub providers: u64,
    pub synthetic: u64,
    /// Sessions created or whose seats/status changed (one history row each).
    pub seat_changes: u64,
}

struct SessionIn {
    action: String,
    position: i64,
    session: Session,
}

#[derive(Default)]
struct Batch {
    providers: HashMap<String, Row>,
    formations: HashMap<String, Row>,
    actions: HashMap<String, Row>,
    sessions: HashMap<String, SessionIn>,
}

fn upsert(key: &str, columns: &[&str]) -> String {
    let set: Vec<String> = columns
        .iter()
        .filter(|c| **c != key)
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    format!("ON CONFLICT ({key}) DO UPDATE SET {}", set.join(", "))
}

const PROVIDER_COLS: &[&str] = &["id", "siret", "name", "commune", "city", "doc"];
const FORMATION_COLS: &[&str] = &[
    "numero",
    "provider",
    "title",
    "romes",
    "formacodes",
    "rncp",
    "certifinfo",
    "modular",
    "synthetic",
    "position",
    "doc",
];
const ACTION_COLS: &[&str] = &[
    "numero",
    "formation",
    "position",
    "commune",
    "city",
    "latitude",
    "longitude",
    "modality",
    "permanent",
    "hours",
    "cost",
    "doc",
];
const SESSION_COLS: &[&str] = &[
    "numero",
    "action",
    "position",
    "start_date",
    "end_date",
    "capacity",
    "seats_left",
    "status",
    "version",
    "updated_at",
    "updated_by",
    "doc",
];
const HISTORY_COLS: &[&str] = &[
    "session",
    "version",
    "changed_at",
    "changed_by",
    "reason",
    "seats_left",
    "capacity",
    "status",
];

impl Batch {
    fn add(&mut self, f: Formation, position: i64, report: &mut ImportReport) {
        let Formation {
            actions, provider, ..
        } = &f;
        let provider_key = provider.key();
        self.providers
            .insert(provider_key.clone(), provider_row(provider));
        for (i, a) in actions.iter().enumerate() {
            for (j, s) in a.sessions.iter().enumerate() {
                self.sessions.insert(
                    s.numero.clone(),
                    SessionIn {
                        action: a.numero.clone(),
                        position: j as i64,
                        session: s.clone(),
                    },
                );
                report.sessions += 1;
            }
            self.actions
                .insert(a.numero.clone(), action_row(a, &f.numero, i as i64));
            report.actions += 1;
        }
        report.formations += 1;
        report.synthetic += u64::from(f.synthetic);
        let cert = f.certifications.first().cloned().unwrap_or_default();
        let doc = Formation {
            actions: vec![],
            provider: Provider::default(),
            ..f.clone()
        };
        self.formations.insert(
            f.numero.clone(),
            vec![
                f.numero.clone().into(),
                provider_key.into(),
                f.title.clone().into(),
                f.romes.join(" ").into(),
                f.formacodes.join(" ").into(),
                cert.rncp.into(),
                cert.certifinfo.into(),
                (f.path_type == "3" || !f.module_id.is_empty()).into(),
                f.synthetic.into(),
                position.into(),
                to_json(&doc).into(),
            ],
        );
    }

    fn len(&self) -> usize {
        self.formations.len()
    }

    async fn flush(
        &mut self,
        conn: &mut AnyConnection,
        who: &str,
        report: &mut ImportReport,
    ) -> Result<()> {
        let providers = std::mem::take(&mut self.providers);
        let n = providers.len() as u64;
        insert_rows(
            conn,
            "training_provider",
            PROVIDER_COLS,
            providers.into_values(),
            &upsert("id", PROVIDER_COLS),
        )
        .await?;
        report.providers += n;
        let formations = std::mem::take(&mut self.formations).into_values();
        insert_rows(
            conn,
            "training_formation",
            FORMATION_COLS,
            formations,
            &upsert("numero", FORMATION_COLS),
        )
        .await?;
        let actions = std::mem::take(&mut self.actions).into_values();
        insert_rows(
            conn,
            "training_action",
            ACTION_COLS,
            actions,
            &upsert("numero", ACTION_COLS),
        )
        .await?;
        let sessions: Vec<(String, SessionIn)> =
            std::mem::take(&mut self.sessions).into_iter().collect();
        let mut previous: HashMap<String, (Option<i64>, Option<i64>, String, i64)> = HashMap::new();
        for chunk in sessions.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT numero, capacity, seats_left, status, version FROM training_session WHERE numero IN ({})",
                marks.join(", ")
            );
            let params = chunk.iter().map(|(k, _)| Val::from(k.as_str())).collect();
            for r in query(&sql, params).fetch_all(&mut *conn).await? {
                previous.insert(
                    r.try_get("numero")?,
                    (
                        r.try_get("capacity")?,
                        r.try_get("seats_left")?,
                        r.try_get("status")?,
                        r.try_get("version")?,
                    ),
                );
            }
        }
        let at = now();
        let mut rows = Vec::with_capacity(sessions.len());
        let mut history = Vec::new();
        for (numero, s) in sessions {
            let status = s.session.effective_status().as_str().to_string();
            let capacity = s.session.capacity.or(s.session.seats);
            let seats = s.session.seats;
            let version = match previous.get(&numero) {
                Some((c, l, st, v)) if *c == capacity && *l == seats && *st == status => *v,
                Some((.., v)) => v + 1,
                None => 1,
            };
            if previous.get(&numero).map(|p| p.3) != Some(version) {
                report.seat_changes += 1;
                history.push(vec![
                    numero.clone().into(),
                    version.into(),
                    at.clone().into(),
                    who.into(),
                    "import".into(),
                    seats.into(),
                    capacity.into(),
                    status.clone().into(),
                ]);
            }
            let doc = Session {
                seats: None,
                capacity: None,
                status: String::new(),
                recruitment_state: String::new(),
                ..s.session.clone()
            };
            rows.push(vec![
                numero.into(),
                s.action.into(),
                s.position.into(),
                s.session.start.lheo().into(),
                s.session.end.lheo().into(),
                capacity.into(),
                seats.into(),
                status.into(),
                version.into(),
                at.clone().into(),
                who.into(),
                to_json(&doc).into(),
            ]);
        }
        insert_rows(
            conn,
            "training_session",
            SESSION_COLS,
            rows,
            &upsert("numero", SESSION_COLS),
        )
        .await?;
        insert_rows(conn, "training_seat_history", HISTORY_COLS, history, "").await?;
        Ok(())
    }
}

fn provider_row(p: &Provider) -> Row {
    let address = p.coordinates.address.clone().unwrap_or_default();
    vec![
        p.key().into(),
        p.siret.clone().into(),
        p.name.clone().into(),
        address.insee.into(),
        address.city.into(),
        to_json(p).into(),
    ]
}

fn action_row(a: &Action, formation: &str, position: i64) -> Row {
    let place = a
        .places
        .iter()
        .find_map(|p| p.address.clone())
        .or_else(|| a.sessions.first().map(|s| s.registration_address.clone()))
        .unwrap_or_default();
    let hours = a.hours_total.or(a.hours_centre);
    let cost =
        parse_price(&a.total_price).or_else(|| Some(parse_price(&a.hourly_price)? * hours? as f64));
    let doc = Action {
        sessions: vec![],
        ..a.clone()
    };
    vec![
        a.numero.clone().into(),
        formation.into(),
        position.into(),
        place.insee.into(),
        place.city.into(),
        place.lat.into(),
        place.lon.into(),
        Modality::from_key(&a.teaching_mode).as_str().into(),
        (a.entries == "1").into(),
        hours.into(),
        cost.into(),
        to_json(&doc).into(),
    ]
}

/// Imports an LHEO document. Every formation is stored, or — at the first fatal error, or when
/// any located error was found — nothing is (the transaction is rolled back) and the errors
/// are returned. `progress` receives the number of bytes read so far.
pub async fn import_lheo<R: BufRead>(
    store: &Store,
    input: R,
    who: &str,
    mut progress: impl FnMut(u64),
) -> Result<ImportReport> {
    let mut reader = LheoReader::new(input);
    let mut report = ImportReport::default();
    let mut batch = Batch::default();
    let mut tx = store.begin_write().await?;
    let base: i64 =
        sqlx::query("SELECT CAST(COALESCE(MAX(position), 0) AS BIGINT) FROM training_formation")
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
    let mut position = base;
    loop {
        let next = match reader.next_formation() {
            Ok(n) => n,
            Err(fatal) => {
                let mut errors = reader.take_errors();
                errors.push(fatal);
                return Err(TrainingError::Lheo(errors));
            }
        };
        let Some(f) = next else { break };
        if !reader.errors().is_empty() {
            // Keep reading to report every problem, but store nothing more.
            continue;
        }
        position += 1;
        batch.add(f, position, &mut report);
        if batch.len() >= BATCH {
            batch.flush(&mut tx, who, &mut report).await?;
            progress(reader.position());
        }
    }
    let errors = reader.take_errors();
    if !errors.is_empty() {
        return Err(TrainingError::Lheo(errors));
    }
    batch.flush(&mut tx, who, &mut report).await?;
    tx.commit().await?;
    progress(reader.position());
    Ok(report)
}
