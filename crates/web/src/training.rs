//! Training offer surfaces: session search `/formations`, pages for an action, a session and a
//! provider (with its seat update form), the carte des formations, and the JSON API
//! (search, session, seat update, reservation, carte). The sessions live in an in-memory
//! [`SessionIndex`] built at start and updated after every seat change.

mod api;
mod carte_page;
mod pages;
mod search_page;

use crate::error::ApiError;
use crate::state::AppState;
use axum::routing::{get, post, put};
use axum::Router;
use serde::Deserialize;
use std::collections::HashSet;
use std::sync::RwLock;
use tremplin_store::training::{self as st, TrainingError};
use tremplin_store::Store;
use tremplin_training::date::Date;
use tremplin_training::geo::{epci_centroids, Locator};
use tremplin_training::model::Modality;
use tremplin_training::search::{skill_target, Query, SessionIndex};
use utoipa::{IntoParams, OpenApi};

#[derive(OpenApi)]
#[openapi(paths(api::search, api::session, api::update_seats, api::reserve, api::carte))]
pub struct ApiDoc;

/// The training offer's in-memory state (one field of `AppState`).
pub struct TrainingState {
    pub index: RwLock<SessionIndex>,
    /// Approximate commune locations (EPCI centroids), for distance searches.
    pub locator: Locator,
}

impl TrainingState {
    pub async fn load(
        store: &Store,
        geo: &tremplin_domain::geo::Geography,
    ) -> anyhow::Result<TrainingState> {
        let records = st::load_records(store).await?;
        let topo = tremplin_ingest::reader::read_text(&tremplin_ingest::bundle::bundled(
            "geo/nodom_epci_2025.topojson",
        ))?;
        let centroids = epci_centroids(&topo).map_err(anyhow::Error::msg)?;
        Ok(TrainingState {
            index: RwLock::new(SessionIndex::new(records)),
            locator: Locator::new(geo, &centroids),
        })
    }

    /// Re-reads one session's seats from the store into the index.
    pub async fn refresh(&self, store: &Store, numero: &str) -> Result<(), TrainingError> {
        if let Some(s) = st::session(store, numero).await? {
            let status = s.session.effective_status();
            self.index.write().expect("index lock").update_seats(
                numero,
                s.session.capacity,
                s.session.seats,
                status,
            );
        }
        Ok(())
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/formations", get(search_page::page))
        .route("/formations/actions/{numero}", get(pages::action))
        .route("/formations/sessions/{numero}", get(pages::session))
        .route("/formations/organismes/{id}", get(pages::provider))
        .route(
            "/formations/organismes/{id}/places",
            post(pages::provider_update),
        )
        .route("/carte-des-formations", get(carte_page::page))
        .route("/api/v1/formations/sessions", get(api::search))
        .route("/api/v1/formations/sessions/{numero}", get(api::session))
        .route(
            "/api/v1/formations/sessions/{numero}/places",
            put(api::update_seats),
        )
        .route(
            "/api/v1/formations/sessions/{numero}/reservations",
            post(api::reserve),
        )
        .route("/api/v1/carte-des-formations", get(api::carte))
}

impl From<TrainingError> for ApiError {
    fn from(e: TrainingError) -> Self {
        use axum::http::StatusCode;
        let status = match &e {
            TrainingError::UnknownSession(_) | TrainingError::UnknownReservation(_) => {
                StatusCode::NOT_FOUND
            }
            TrainingError::Full(_)
            | TrainingError::NotOpen(..)
            | TrainingError::Conflict { .. } => StatusCode::CONFLICT,
            TrainingError::Invalid(_) | TrainingError::Lheo(_) => StatusCode::BAD_REQUEST,
            TrainingError::Store(_) | TrainingError::Io(_) => return ApiError::internal(e),
        };
        ApiError {
            status,
            message: e.to_string(),
            suggestions: vec![],
        }
    }
}

/// Search parameters shared by the page and the API (French names, as in the URL).
#[derive(Debug, Default, Clone, Deserialize, IntoParams)]
pub struct SearchParams {
    /// Occupation: ROME code (`F1703`) or words of a job title.
    pub metier: Option<String>,
    /// Skill: ROME 4.0 competence or savoir code (sessions of occupations that expect it).
    pub competence: Option<String>,
    /// Certification: RNCP (`RNCP1234`) or Certif Info code.
    pub certification: Option<String>,
    /// Formacode.
    pub formacode: Option<String>,
    /// Perimeter `TYPE:CODE` (e.g. `bassin:4431`, `departement:67`).
    pub perimetre: Option<String>,
    /// Bassin d'emploi (BE19 code), a shortcut for `perimetre=bassin:CODE`.
    pub bassin: Option<String>,
    /// INSEE code or name of the commune distances are measured from.
    pub commune: Option<String>,
    /// Maximum distance in km from `commune`.
    pub rayon: Option<f64>,
    /// Sessions from this date (AAAA-MM-JJ).
    pub du: Option<String>,
    /// Sessions starting by this date (AAAA-MM-JJ).
    pub au: Option<String>,
    /// presentiel, mixte or distance.
    pub modalite: Option<String>,
    /// Minimum seats left (default 1).
    pub places: Option<i64>,
    /// Include full, suspended and cancelled sessions (`oui`).
    pub toutes: Option<String>,
    /// Number of results (1..=200, default 20).
    pub limite: Option<usize>,
}

fn some(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A skill from its ROME 4.0 code, or the shortest competence / savoir label containing the
/// words typed (accents and case ignored).
fn find_skill(st: &AppState, input: &str) -> Option<(String, String)> {
    if let Some(s) = st.data.rome.skill(&st.ix.rome, input) {
        return Some((input.to_string(), s.label().to_string()));
    }
    let wanted = tremplin_domain::text::fold(input);
    let rome = &st.data.rome;
    let labels = rome
        .competences
        .iter()
        .map(|c| (&c.code, &c.label))
        .chain(rome.savoirs.iter().map(|s| (&s.code, &s.label)));
    labels
        .filter(|(_, l)| tremplin_domain::text::fold(l).contains(&wanted))
        .min_by_key(|(_, l)| l.len())
        .map(|(c, l)| (c.clone(), l.clone()))
}

/// A commune from its INSEE code or its name (accents and case ignored; Grand Est first).
fn find_commune<'g>(
    geo: &'g tremplin_domain::geo::Geography,
    input: &str,
) -> Option<&'g tremplin_domain::geo::Commune> {
    geo.commune(input).or_else(|| {
        let wanted = tremplin_domain::text::fold(input);
        let mut matches = geo
            .communes
            .iter()
            .filter(|c| tremplin_domain::text::fold(&c.name) == wanted);
        let first = matches.next()?;
        Some(if first.region == "44" {
            first
        } else {
            matches.find(|c| c.region == "44").unwrap_or(first)
        })
    })
}

/// Turns parameters into a query, with a 400 naming the parameter on bad values.
pub(crate) async fn build_query(
    st: &AppState,
    p: &SearchParams,
    today: Date,
) -> Result<Query, ApiError> {
    let mut q = Query::new(today);
    if let Some(m) = some(&p.metier) {
        if tremplin_domain::rome::is_rome_code(m) {
            q.romes = vec![m.to_string()];
        } else {
            let hits = st.ix.search.search(&st.data.rome, m, 3);
            let best = hits.first().ok_or_else(|| {
                ApiError::bad_request(format!("metier : aucun métier ne correspond à « {m} »"))
            })?;
            q.romes = vec![best.rome.clone()];
        }
    }
    if let Some(c) = some(&p.competence) {
        let (code, label) = find_skill(st, c).ok_or_else(|| {
            ApiError::bad_request(format!(
                "competence : aucune compétence ROME ne correspond à « {c} »"
            ))
        })?;
        q.skill = Some(skill_target(&st.data.rome, &code, &label));
    }
    q.certification = some(&p.certification).map(str::to_uppercase);
    q.formacode = some(&p.formacode).map(str::to_string);
    let bassin = some(&p.bassin).map(|b| format!("bassin:{b}"));
    if let Some(per) = bassin.as_deref().or(some(&p.perimetre)) {
        let r = st.resolve_str(per).await?;
        q.communes = Some(
            r.communes
                .iter()
                .map(|c| c.code.clone())
                .collect::<HashSet<_>>(),
        );
    }
    if let Some(input) = some(&p.commune) {
        let c = find_commune(&st.data.geo, input).ok_or_else(|| {
            ApiError::bad_request(format!(
                "commune : « {input} » inconnue (code INSEE ou nom exact)"
            ))
        })?;
        let pt = st.training.locator.commune(&c.code).ok_or_else(|| {
            ApiError::bad_request(format!(
                "commune : « {} » n'a pas de position connue",
                c.name
            ))
        })?;
        q.near = Some((c.name.clone(), pt));
    }
    if let Some(r) = p.rayon {
        if !(r > 0.0 && r <= 500.0) {
            return Err(ApiError::bad_request("rayon : entre 1 et 500 km"));
        }
        if q.near.is_none() {
            return Err(ApiError::bad_request(
                "rayon : précisez aussi la commune de départ (commune=CODE_INSEE)",
            ));
        }
        q.radius_km = Some(r);
    }
    let date = |name: &str, v: &Option<String>| -> Result<Option<Date>, ApiError> {
        some(v)
            .map(|s| Date::parse(s).map_err(|e| ApiError::bad_request(format!("{name} : {e}"))))
            .transpose()
    };
    q.from = date("du", &p.du)?;
    q.to = date("au", &p.au)?;
    if let Some(m) = some(&p.modalite) {
        q.modality = Some(Modality::parse(m).ok_or_else(|| {
            ApiError::bad_request(format!(
                "modalite : « {m} » inconnue (presentiel, mixte, distance)"
            ))
        })?);
    }
    if let Some(n) = p.places {
        if n < 0 {
            return Err(ApiError::bad_request("places : nombre positif attendu"));
        }
        q.min_seats = n;
    }
    q.include_full = some(&p.toutes) == Some("oui");
    q.limit = p.limite.unwrap_or(20).clamp(1, 200);
    Ok(q)
}
