//! JSON API of the training offer.

use super::{build_query, SearchParams};
use crate::api::ApiQuery;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use tremplin_store::training::{self as st, SeatUpdate};
use tremplin_training::carte::{carte as compute_carte, Carte, CarteInput, Dimension};
use tremplin_training::date::Date;
use tremplin_training::model::SessionStatus;
use utoipa::{IntoParams, ToSchema};

#[derive(Serialize, ToSchema)]
pub struct SearchHit {
    /// The session (numero, dates, seats, place, occupation codes…).
    #[schema(value_type = Object)]
    session: serde_json::Value,
    score: f64,
    distance_km: Option<f64>,
    /// Why the session matches and ranks here, in French.
    reasons: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct SearchResult {
    total: usize,
    results: Vec<SearchHit>,
    /// Always "données synthétiques" for the generated catalogue.
    notice: &'static str,
}

pub const NOTICE: &str =
    "Catalogue de démonstration : sessions, places et organismes sont des données synthétiques.";

/// Searches sessions: filters, then a ranking explained by `reasons`.
#[utoipa::path(get, path = "/api/v1/formations/sessions", params(SearchParams),
    responses((status = 200, body = SearchResult), (status = 400, description = "paramètre invalide")))]
pub async fn search(
    State(st): State<AppState>,
    ApiQuery(p): ApiQuery<SearchParams>,
) -> ApiResult<Json<SearchResult>> {
    let q = build_query(&st, &p, Date::today()).await?;
    let ix = st.training.index.read().expect("index lock");
    let (total, hits) = ix.search(&q);
    let results = hits
        .into_iter()
        .map(|h| SearchHit {
            session: serde_json::to_value(h.record).unwrap_or_default(),
            score: h.score,
            distance_km: h.distance_km,
            reasons: h.reasons,
        })
        .collect();
    Ok(Json(SearchResult {
        total,
        results,
        notice: NOTICE,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct SessionDetail {
    #[schema(value_type = Object)]
    session: serde_json::Value,
    /// Every seat/status change, newest first, with who and when.
    #[schema(value_type = Vec<Object>)]
    history: serde_json::Value,
}

/// One session with its live seats and the history of its changes.
#[utoipa::path(get, path = "/api/v1/formations/sessions/{numero}", params(("numero" = String, Path, description = "Session number")),
    responses((status = 200, body = SessionDetail), (status = 404, description = "session inconnue")))]
pub async fn session(
    State(st): State<AppState>,
    Path(numero): Path<String>,
) -> ApiResult<Json<SessionDetail>> {
    let s = st::session(&st.store, &numero)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("session inconnue « {numero} »")))?;
    let h = st::history(&st.store, &numero).await?;
    Ok(Json(SessionDetail {
        session: serde_json::to_value(s).unwrap_or_default(),
        history: serde_json::to_value(h).unwrap_or_default(),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct SeatChange {
    /// Seats still available.
    seats_left: Option<i64>,
    /// Seats offered in total.
    capacity: Option<i64>,
    /// ouverte, complete, suspendue or annulee.
    status: Option<String>,
    /// Version read before the change; refused with 409 if the session changed since.
    expected_version: Option<i64>,
    /// Who makes the change (recorded in the history).
    author: String,
}

#[derive(Serialize, ToSchema)]
pub struct SeatResult {
    version: i64,
    seats_left: Option<i64>,
    capacity: Option<i64>,
    status: String,
}

pub(crate) fn parse_status(s: Option<&str>) -> ApiResult<Option<SessionStatus>> {
    s.filter(|s| !s.is_empty())
        .map(|s| {
            SessionStatus::parse(s).ok_or_else(|| {
                ApiError::bad_request(format!(
                    "status : « {s} » inconnu (ouverte, complete, suspendue, annulee)"
                ))
            })
        })
        .transpose()
}

/// A provider updates seats and/or status; the change is versioned with who and when.
#[utoipa::path(put, path = "/api/v1/formations/sessions/{numero}/places", request_body = SeatChange,
    params(("numero" = String, Path, description = "Session number")),
    responses((status = 200, body = SeatResult), (status = 400, description = "valeur invalide"),
        (status = 404, description = "session inconnue"), (status = 409, description = "modifiée entre-temps")))]
pub async fn update_seats(
    State(st): State<AppState>,
    Path(numero): Path<String>,
    Json(c): Json<SeatChange>,
) -> ApiResult<Json<SeatResult>> {
    let u = SeatUpdate {
        seats_left: c.seats_left,
        capacity: c.capacity,
        status: parse_status(c.status.as_deref())?,
        expected_version: c.expected_version,
    };
    let version = st::update_seats(&st.store, &numero, &u, &c.author).await?;
    st.training.refresh(&st.store, &numero).await?;
    let s = st::session(&st.store, &numero)
        .await?
        .ok_or_else(|| ApiError::not_found(numero.clone()))?;
    Ok(Json(SeatResult {
        version,
        seats_left: s.session.seats,
        capacity: s.session.capacity,
        status: s.session.status,
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct ReservationRequest {
    /// The prescription (or other) reference the seat is taken for.
    reference: String,
    author: String,
}

#[derive(Serialize, ToSchema)]
pub struct ReservationResult {
    id: String,
}

/// Takes one seat atomically (409 when none is left or the session is not open).
#[utoipa::path(post, path = "/api/v1/formations/sessions/{numero}/reservations", request_body = ReservationRequest,
    params(("numero" = String, Path, description = "Session number")),
    responses((status = 201, body = ReservationResult), (status = 404, description = "session inconnue"),
        (status = 409, description = "complète ou fermée")))]
pub async fn reserve(
    State(st): State<AppState>,
    Path(numero): Path<String>,
    Json(r): Json<ReservationRequest>,
) -> ApiResult<(StatusCode, Json<ReservationResult>)> {
    if r.reference.trim().is_empty() || r.author.trim().is_empty() {
        return Err(ApiError::bad_request(
            "reference et author sont obligatoires",
        ));
    }
    let id = st::reserve(&st.store, &numero, &r.reference, &r.author).await?;
    st.training.refresh(&st.store, &numero).await?;
    Ok((StatusCode::CREATED, Json(ReservationResult { id })))
}

#[derive(Deserialize, IntoParams)]
pub struct CarteParams {
    /// rome (default) or formacode.
    pub dimension: Option<String>,
    /// Only this bassin (BE19 code).
    pub bassin: Option<String>,
    /// Period start (AAAA-MM-JJ), default one year ago.
    pub du: Option<String>,
    /// Period end (AAAA-MM-JJ), default one year ahead.
    pub au: Option<String>,
}

pub(crate) fn compute(st: &AppState, p: &CarteParams) -> ApiResult<(Carte, Dimension)> {
    let dim = match p.dimension.as_deref().unwrap_or("rome") {
        "rome" | "" => Dimension::Rome,
        "formacode" => Dimension::Formacode,
        d => {
            return Err(ApiError::bad_request(format!(
                "dimension : « {d} » inconnue (rome, formacode)"
            )))
        }
    };
    let today = Date::today();
    let day = |name: &str, v: &Option<String>, default: Date| -> ApiResult<Date> {
        match v.as_deref().filter(|s| !s.is_empty()) {
            Some(s) => Date::parse(s).map_err(|e| ApiError::bad_request(format!("{name} : {e}"))),
            None => Ok(default),
        }
    };
    let (from, to) = (
        day("du", &p.du, today.add_days(-365))?,
        day("au", &p.au, today.add_days(365))?,
    );
    let ix = st.training.index.read().expect("index lock");
    let input = CarteInput {
        records: ix.records(),
        geo: &st.data.geo,
        dares: &st.data.dares,
        certifications: &st.data.certifications,
        outcomes: &st.data.outcomes,
        region: "44",
    };
    let mut c = compute_carte(&input, dim, from, to, today);
    if let Some(b) = p.bassin.as_deref().filter(|b| !b.is_empty()) {
        if !st.data.geo.bassins.contains_key(b) {
            return Err(ApiError::bad_request(format!(
                "bassin : code inconnu « {b} »"
            )));
        }
        c.rows.retain(|r| r.bassin == b);
        c.gaps.retain(|g| g.bassin == b);
    }
    Ok((c, dim))
}

/// Carte des formations: seats, occupancy, jobseekers, tension and outcomes per bassin ×
/// occupation (or Formacode), with flags and occupations in tension without training.
#[utoipa::path(get, path = "/api/v1/carte-des-formations", params(CarteParams),
    responses((status = 200, description = "lignes par bassin et métier, signalements"), (status = 400, description = "paramètre invalide")))]
pub async fn carte(
    State(st): State<AppState>,
    ApiQuery(p): ApiQuery<CarteParams>,
) -> ApiResult<Json<serde_json::Value>> {
    let (c, _) = compute(&st, &p)?;
    Ok(Json(serde_json::json!({ "notice": NOTICE, "carte": c })))
}
