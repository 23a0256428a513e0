//! Live seats: provider updates (optimistic, versioned) and reservations (conditional
//! decrement). Each change writes one history row in the same transaction.

use super::{now, Result, TrainingError};
use crate::sql::{query, Val};
use crate::Store;
use sqlx::{AnyConnection, Row as _};
use tremplin_training::model::SessionStatus;

/// A provider's change to a session; `None` keeps the current value.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
pub struct SeatUpdate {
    pub seats_left: Option<i64>,
    pub capacity: Option<i64>,
    pub status: Option<SessionStatus>,
    /// The version the provider saw; the update is refused if the session changed since.
    pub expected_version: Option<i64>,
}

struct Current {
    capacity: Option<i64>,
    seats_left: Option<i64>,
    status: String,
    version: i64,
}

async fn current(conn: &mut AnyConnection, session: &str) -> Result<Current> {
    let row = query(
        "SELECT capacity, seats_left, status, version FROM training_session WHERE numero = $1",
        vec![Val::from(session)],
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| TrainingError::UnknownSession(session.to_string()))?;
    Ok(Current {
        capacity: row.try_get("capacity")?,
        seats_left: row.try_get("seats_left")?,
        status: row.try_get("status")?,
        version: row.try_get("version")?,
    })
}

async fn record(
    conn: &mut AnyConnection,
    session: &str,
    who: &str,
    reason: &str,
    at: &str,
) -> Result<i64> {
    let c = current(conn, session).await?;
    query(
        "INSERT INTO training_seat_history (session, version, changed_at, changed_by, reason, seats_left, capacity, status) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        vec![
            session.into(),
            c.version.into(),
            at.into(),
            who.into(),
            reason.into(),
            c.seats_left.into(),
            c.capacity.into(),
            c.status.into(),
        ],
    )
    .execute(&mut *conn)
    .await?;
    Ok(c.version)
}

/// Applies a provider's update. Seats must stay within 0..=capacity; a session with no seat
/// left and status `ouverte` becomes `complete`. Returns the new version.
pub async fn update_seats(store: &Store, session: &str, u: &SeatUpdate, who: &str) -> Result<i64> {
    if who.trim().is_empty() {
        return Err(TrainingError::Invalid(
            "l'auteur de la modification est obligatoire".into(),
        ));
    }
    let mut tx = store.begin_write().await?;
    let cur = current(&mut tx, session).await?;
    if let Some(expected) = u.expected_version {
        if expected != cur.version {
            return Err(TrainingError::Conflict {
                expected,
                current: cur.version,
            });
        }
    }
    let capacity = u.capacity.or(cur.capacity);
    let seats = u.seats_left.or(cur.seats_left);
    if let Some(s) = seats.filter(|s| *s < 0) {
        return Err(TrainingError::Invalid(format!(
            "places restantes négatives ({s})"
        )));
    }
    if let Some(c) = capacity.filter(|c| *c < 0) {
        return Err(TrainingError::Invalid(format!(
            "places offertes négatives ({c})"
        )));
    }
    if let (Some(s), Some(c)) = (seats, capacity) {
        if s > c {
            return Err(TrainingError::Invalid(format!(
                "{s} places restantes pour {c} places offertes"
            )));
        }
    }
    let mut status = u
        .status
        .map(|s| s.as_str().to_string())
        .unwrap_or(cur.status.clone());
    if seats == Some(0) && status == SessionStatus::Ouverte.as_str() {
        status = SessionStatus::Complete.as_str().into();
    }
    if seats == cur.seats_left && capacity == cur.capacity && status == cur.status {
        return Ok(cur.version);
    }
    let at = now();
    let done = query(
        "UPDATE training_session SET capacity = $1, seats_left = $2, status = $3, version = version + 1, \
         updated_at = $4, updated_by = $5 WHERE numero = $6 AND version = $7",
        vec![capacity.into(), seats.into(), status.into(), at.clone().into(), who.into(), session.into(), cur.version.into()],
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        let now_v = current(&mut tx, session).await?.version;
        return Err(TrainingError::Conflict {
            expected: cur.version,
            current: now_v,
        });
    }
    let v = record(&mut tx, session, who, "mise-a-jour", &at).await?;
    tx.commit().await?;
    Ok(v)
}

/// Takes one seat on an open session. The decrement is a single conditional `UPDATE`: under
/// any number of concurrent calls, at most `seats_left` of them succeed.
pub async fn reserve(store: &Store, session: &str, reference: &str, who: &str) -> Result<String> {
    let at = now();
    let mut tx = store.begin_write().await?;
    let done = query(
        "UPDATE training_session SET seats_left = seats_left - 1, version = version + 1, \
         status = CASE WHEN seats_left = 1 THEN 'complete' ELSE status END, updated_at = $1, updated_by = $2 \
         WHERE numero = $3 AND status = 'ouverte' AND seats_left > 0",
        vec![at.clone().into(), who.into(), session.into()],
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        let cur = current(&mut tx, session).await?;
        if cur.seats_left.is_none() {
            return Err(TrainingError::Invalid(format!(
                "la session « {session} » ne publie pas son nombre de places : réservation impossible"
            )));
        }
        return Err(
            if cur.status != SessionStatus::Ouverte.as_str() && cur.seats_left != Some(0) {
                TrainingError::NotOpen(session.to_string(), cur.status)
            } else {
                TrainingError::Full(session.to_string())
            },
        );
    }
    let version = record(&mut tx, session, who, "reservation", &at).await?;
    let id = format!("R-{session}-{version}");
    query(
        "INSERT INTO training_reservation (id, session, reference, created_at, created_by, status) \
         VALUES ($1, $2, $3, $4, $5, 'confirmee')",
        vec![id.clone().into(), session.into(), reference.into(), at.into(), who.into()],
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Cancels a confirmed reservation and gives its seat back (reopening a full session).
pub async fn cancel_reservation(store: &Store, id: &str, who: &str) -> Result<()> {
    let at = now();
    let mut tx = store.begin_write().await?;
    let row = query(
        "UPDATE training_reservation SET status = 'annulee' WHERE id = $1 AND status = 'confirmee' RETURNING session",
        vec![id.into()],
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| TrainingError::UnknownReservation(id.to_string()))?;
    let session: String = row.try_get("session")?;
    query(
        "UPDATE training_session SET seats_left = seats_left + 1, version = version + 1, \
         status = CASE WHEN status = 'complete' THEN 'ouverte' ELSE status END, updated_at = $1, updated_by = $2 \
         WHERE numero = $3",
        vec![at.clone().into(), who.into(), session.clone().into()],
    )
    .execute(&mut *tx)
    .await?;
    record(&mut tx, &session, who, "annulation-reservation", &at).await?;
    tx.commit().await?;
    Ok(())
}
