//! Reads behind the pages, the API, the export and the in-memory search index.

use super::{from_json, Result};
use crate::sql::{query, text, Val};
use crate::Store;
use sqlx::any::AnyRow;
use sqlx::Row as _;
use std::collections::HashMap;
use tremplin_training::date::Date;
use tremplin_training::geo::Point;
use tremplin_training::model::{Action, Formation, Modality, Provider, Session, SessionStatus};
use tremplin_training::record::SessionRecord;

/// A session with its live seats and where it belongs.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SessionRow {
    pub session: Session,
    pub action: String,
    pub formation: String,
    pub title: String,
    pub provider: String,
    pub provider_name: String,
    pub city: String,
    pub version: i64,
    pub updated_at: String,
    pub updated_by: String,
    pub synthetic: bool,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct HistoryRow {
    pub version: i64,
    pub changed_at: String,
    pub changed_by: String,
    pub reason: String,
    pub seats_left: Option<i64>,
    pub capacity: Option<i64>,
    pub status: String,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ReservationRow {
    pub id: String,
    pub reference: String,
    pub created_at: String,
    pub created_by: String,
    pub status: String,
}

/// Rows of `sql_head IN (…) sql_tail` over `ids`, 500 at a time.
pub(crate) async fn fetch_in(
    store: &Store,
    head: &str,
    ids: &[String],
    tail: &str,
) -> Result<Vec<AnyRow>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!("{head} IN ({}) {tail}", marks.join(", "));
        out.extend(
            query(&sql, chunk.iter().map(Val::from).collect())
                .fetch_all(&store.pool)
                .await?,
        );
    }
    Ok(out)
}

/// Rebuilds a session from its row: the stored document plus the live columns.
pub(crate) fn session_from_row(r: &AnyRow) -> Result<Session> {
    let mut s: Session = from_json(&text(r, "doc"), "session")?;
    s.seats = r.try_get("seats_left")?;
    s.capacity = r.try_get("capacity")?;
    let status = SessionStatus::parse(&text(r, "status")).unwrap_or(SessionStatus::Ouverte);
    s.status = status.as_str().into();
    s.recruitment_state = status.lheo_key().into();
    Ok(s)
}

const SESSION_SELECT: &str = "SELECT s.numero, s.action, s.capacity, s.seats_left, s.status, s.version, s.updated_at, \
    s.updated_by, s.doc, f.numero AS formation, f.title, f.synthetic, p.id AS provider, p.name AS provider_name, a.city \
    FROM training_session s JOIN training_action a ON a.numero = s.action \
    JOIN training_formation f ON f.numero = a.formation JOIN training_provider p ON p.id = f.provider";

fn session_row(r: &AnyRow) -> Result<SessionRow> {
    Ok(SessionRow {
        session: session_from_row(r)?,
        action: text(r, "action"),
        formation: text(r, "formation"),
        title: text(r, "title"),
        provider: text(r, "provider"),
        provider_name: text(r, "provider_name"),
        city: text(r, "city"),
        version: r.try_get("version")?,
        updated_at: text(r, "updated_at"),
        updated_by: text(r, "updated_by"),
        synthetic: r.try_get::<i64, _>("synthetic")? != 0,
    })
}

pub async fn session(store: &Store, numero: &str) -> Result<Option<SessionRow>> {
    let rows = store
        .fetch(
            &format!("{SESSION_SELECT} WHERE s.numero = $1"),
            vec![numero.into()],
        )
        .await?;
    rows.first().map(session_row).transpose()
}

pub async fn provider_sessions(store: &Store, provider: &str) -> Result<Vec<SessionRow>> {
    let rows = store
        .fetch(
            &format!("{SESSION_SELECT} WHERE p.id = $1 ORDER BY s.start_date, s.numero"),
            vec![provider.into()],
        )
        .await?;
    rows.iter().map(session_row).collect()
}

pub async fn provider(store: &Store, id: &str) -> Result<Option<Provider>> {
    let rows = store
        .fetch(
            "SELECT doc FROM training_provider WHERE id = $1",
            vec![id.into()],
        )
        .await?;
    rows.first()
        .map(|r| from_json(&text(r, "doc"), "organisme"))
        .transpose()
}

/// Full formations (actions, sessions with live seats, provider) for some numbers, in the
/// order given.
pub(crate) async fn formations(store: &Store, numeros: &[String]) -> Result<Vec<Formation>> {
    let rows = fetch_in(
        store,
        "SELECT numero, provider, doc FROM training_formation WHERE numero",
        numeros,
        "",
    )
    .await?;
    let mut by_numero = HashMap::new();
    let mut provider_ids = Vec::new();
    for r in &rows {
        let f: Formation = from_json(&text(r, "doc"), "formation")?;
        provider_ids.push(text(r, "provider"));
        by_numero.insert(text(r, "numero"), (f, text(r, "provider")));
    }
    provider_ids.sort_unstable();
    provider_ids.dedup();
    let mut providers = HashMap::new();
    for r in fetch_in(
        store,
        "SELECT id, doc FROM training_provider WHERE id",
        &provider_ids,
        "",
    )
    .await?
    {
        providers.insert(
            text(&r, "id"),
            from_json::<Provider>(&text(&r, "doc"), "organisme")?,
        );
    }
    let actions = fetch_in(
        store,
        "SELECT numero, formation, doc FROM training_action WHERE formation",
        numeros,
        "ORDER BY formation, position, numero",
    )
    .await?;
    let action_ids: Vec<String> = actions.iter().map(|r| text(r, "numero")).collect();
    let mut sessions: HashMap<String, Vec<Session>> = HashMap::new();
    for r in fetch_in(
        store,
        "SELECT numero, action, capacity, seats_left, status, doc FROM training_session WHERE action",
        &action_ids,
        "ORDER BY action, position, numero",
    )
    .await?
    {
        sessions.entry(text(&r, "action")).or_default().push(session_from_row(&r)?);
    }
    for r in &actions {
        let mut a: Action = from_json(&text(r, "doc"), "action")?;
        a.sessions = sessions.remove(&a.numero).unwrap_or_default();
        if let Some((f, _)) = by_numero.get_mut(&text(r, "formation")) {
            f.actions.push(a);
        }
    }
    Ok(numeros
        .iter()
        .filter_map(|n| by_numero.remove(n))
        .map(|(mut f, p)| {
            f.provider = providers.get(&p).cloned().unwrap_or_default();
            f
        })
        .collect())
}

pub async fn formation(store: &Store, numero: &str) -> Result<Option<Formation>> {
    Ok(formations(store, &[numero.to_string()]).await?.pop())
}

pub async fn history(store: &Store, session: &str) -> Result<Vec<HistoryRow>> {
    let rows = store
        .fetch(
            "SELECT version, changed_at, changed_by, reason, seats_left, capacity, status FROM training_seat_history \
             WHERE session = $1 ORDER BY version DESC",
            vec![session.into()],
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(HistoryRow {
                version: r.try_get("version")?,
                changed_at: text(r, "changed_at"),
                changed_by: text(r, "changed_by"),
                reason: text(r, "reason"),
                seats_left: r.try_get("seats_left")?,
                capacity: r.try_get("capacity")?,
                status: text(r, "status"),
            })
        })
        .collect()
}

pub async fn reservations(store: &Store, session: &str) -> Result<Vec<ReservationRow>> {
    let rows = store
        .fetch(
            "SELECT id, reference, created_at, created_by, status FROM training_reservation WHERE session = $1 \
             ORDER BY created_at, id",
            vec![session.into()],
        )
        .await?;
    Ok(rows
        .iter()
        .map(|r| ReservationRow {
            id: text(r, "id"),
            reference: text(r, "reference"),
            created_at: text(r, "created_at"),
            created_by: text(r, "created_by"),
            status: text(r, "status"),
        })
        .collect())
}

fn words(s: String) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

/// Every session as a flat record, for the in-memory search index and the carte.
pub async fn load_records(store: &Store) -> Result<Vec<SessionRecord>> {
    use crate::sql::{int, opt_int, opt_real};
    Ok(store
        .all(
            "SELECT s.numero, s.action, s.start_date, s.end_date, s.capacity, s.seats_left, s.status, \
             a.formation, a.commune, a.city, a.latitude, a.longitude, a.modality, a.permanent, a.hours, a.cost, \
             f.provider, f.title, f.romes, f.formacodes, f.rncp, f.certifinfo, f.modular, f.synthetic, p.name AS provider_name \
             FROM training_session s JOIN training_action a ON a.numero = s.action \
             JOIN training_formation f ON f.numero = a.formation JOIN training_provider p ON p.id = f.provider \
             ORDER BY s.start_date, s.numero",
            |r| SessionRecord {
                session: text(r, "numero"),
                action: text(r, "action"),
                formation: text(r, "formation"),
                provider: text(r, "provider"),
                provider_name: text(r, "provider_name"),
                title: text(r, "title"),
                romes: words(text(r, "romes")),
                formacodes: words(text(r, "formacodes")),
                rncp: text(r, "rncp"),
                certifinfo: text(r, "certifinfo"),
                commune: text(r, "commune"),
                city: text(r, "city"),
                point: opt_real(r, "latitude")
                    .zip(opt_real(r, "longitude"))
                    .map(|(lat, lon)| Point { lat, lon }),
                modality: Modality::parse(&text(r, "modality")).unwrap_or(Modality::Presentiel),
                permanent: int(r, "permanent") != 0,
                start: Date::parse(&text(r, "start_date")).unwrap_or_default(),
                end: Date::parse(&text(r, "end_date")).unwrap_or_default(),
                capacity: opt_int(r, "capacity"),
                seats_left: opt_int(r, "seats_left"),
                status: SessionStatus::parse(&text(r, "status")).unwrap_or(SessionStatus::Ouverte),
                cost: opt_real(r, "cost"),
                hours: opt_int(r, "hours"),
                modular: int(r, "modular") != 0,
                synthetic: int(r, "synthetic") != 0,
            },
        )
        .await?)
}
