//! Observatory surfaces: portraits of territories, the tension table with filters, their CSV and
//! XLSX exports, and the JSON API. The figures come from `tremplin-observatory`, computed once at
//! start ([`ObservatoryState`]) and per perimeter on demand (portraits are cached).

mod charts;
mod pages;
pub use pages::{document_map, portrait_document, portrait_pdf};
pub mod tables;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tremplin_domain::perimeter::{Perimeter, PerimeterError};
use tremplin_observatory::fap::parse_evolution;
use tremplin_observatory::inputs::{is_period, InputCell};
use tremplin_observatory::secret::Figure;
use tremplin_observatory::validate::{validate, Validation};
use tremplin_observatory::{Observatory, PerimeterTension, Portrait, Sources};
use tremplin_store::observatory::{load_inputs, TensionInput};
use tremplin_store::Snapshot;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(paths(api_tension, api_portrait, api_validation))]
pub struct ApiDoc;

/// The observatory's precomputed state (one field of `AppState`).
pub struct ObservatoryState {
    pub obs: Observatory,
    /// Portrait of Grand Est, the reference every portrait is compared to.
    pub region: Option<Arc<Portrait>>,
    /// Offers / jobseekers per bassin (2021), for the map.
    pub bassin_ratio: HashMap<String, Figure>,
    /// Why the Bretagne classes are missing, if they are.
    pub classes_note: Option<String>,
    /// Validation against the published DARES quintiles (France, Grand Est), computed once.
    pub validation: Vec<Validation>,
    cache: Mutex<HashMap<String, Arc<Portrait>>>,
}

/// The observatory's inputs read straight from the bundled reference data (`data/`), for a
/// store that holds no DARES rows yet (CLI on a fresh checkout, tests).
pub fn bundled_snapshot() -> anyhow::Result<Snapshot> {
    use tremplin_ingest::{bundle::bundled, certif, geo, offers, rome, tension};
    Ok(Snapshot {
        rome: rome::load_bundled()?,
        geo: geo::load_bundled()?,
        offers: offers::parse_offers(&offers::bundled_path())?.records,
        dares: tension::parse_dares_rome_bassin(&bundled(
            "tension/dares_tension_2021_rome_bassin.csv",
        ))?
        .records,
        fap_tension: tension::parse_dares_fap(&bundled("tension/dares_tension_fap_2011_2019.csv"))?
            .records,
        fap_rome: tension::parse_fap_rome(&bundled("tension/fap225_rome.csv"))?.records,
        certifications: certif::parse_certif_info(&bundled("training/certif_info.csv"))?.records,
        outcomes: certif::parse_inserjeunes(&bundled("outcomes/inserjeunes_region.csv"))?.records,
        ..Snapshot::default()
    })
}

/// The latest DARES year in the store (2021 for the bundled file).
pub fn latest_year(data: &Snapshot) -> i64 {
    data.dares.iter().map(|d| d.year).max().unwrap_or(2021)
}

/// Reads the bundled DARES yearly FAP series (`data/tension/dares_tension_evolution.csv.gz`).
pub fn load_evolution() -> Result<Vec<(String, i64, f64)>, String> {
    let path = tremplin_ingest::bundle::bundled("tension/dares_tension_evolution.csv");
    let text = tremplin_ingest::reader::read_text(&path).map_err(|e| e.to_string())?;
    parse_evolution(&text)
}

impl ObservatoryState {
    pub fn build(data: &Snapshot) -> ObservatoryState {
        Self::build_for(data, latest_year(data))
    }

    /// The state for one DARES year (`tremplin tension --period`).
    pub fn build_for(data: &Snapshot, year: i64) -> ObservatoryState {
        let (evolution, classes_note) = match load_evolution() {
            Ok(e) => (e, None),
            Err(e) => {
                tracing::warn!("séries DARES 2011-2019 indisponibles : {e}");
                (Vec::new(), Some(format!("classes A/B indisponibles : {e}")))
            }
        };
        let obs = Observatory::new(&Sources {
            rome: &data.rome,
            dares: &data.dares,
            fap_rome: &data.fap_rome,
            evolution: &evolution,
            certifications: &data.certifications,
            outcomes: &data.outcomes,
            year,
        });
        let mut sums: HashMap<String, (f64, f64)> = HashMap::new();
        for c in &obs.table.cells {
            let s = sums.entry(c.bassin.clone()).or_default();
            s.0 += c.offers;
            s.1 += c.jobseekers;
        }
        let bassin_ratio = sums
            .into_iter()
            .map(|(b, (o, j))| (b, Figure::ratio(&Figure::count(o), &Figure::count(j))))
            .collect();
        let region = obs
            .portrait(&data.geo, &data.offers, &Perimeter::grand_est())
            .ok()
            .map(Arc::new);
        let t = &obs.table;
        let validation = [
            validate(t, "France", |_| true),
            validate(t, "Grand Est", |b| b.starts_with("44")),
        ]
        .into_iter()
        .flatten()
        .collect();
        ObservatoryState {
            obs,
            region,
            bassin_ratio,
            classes_note,
            validation,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The portrait of a perimeter compared to Grand Est, computed once then cached.
    pub fn portrait(
        &self,
        data: &Snapshot,
        p: &Perimeter,
    ) -> Result<Arc<Portrait>, PerimeterError> {
        let key = format!("{p}={}", p.communes.join(","));
        if let Some(hit) = self.cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return Ok(hit);
        }
        let out = Arc::new(match &self.region {
            Some(r) => self.obs.portrait_vs(&data.geo, &data.offers, p, r)?,
            None => self.obs.portrait(&data.geo, &data.offers, p)?,
        });
        if let Ok(mut c) = self.cache.lock() {
            if c.len() > 2_000 {
                c.clear();
            }
            c.insert(key, out.clone());
        }
        Ok(out)
    }

    /// Validation of Tremplin's computation against the published DARES quintiles.
    pub fn validation(&self) -> Vec<Validation> {
        self.validation.clone()
    }
}

/// Imported cells as the observatory reads them.
pub fn input_cells(v: Vec<TensionInput>) -> Vec<InputCell> {
    v.into_iter()
        .map(|i| InputCell {
            period: i.period,
            rome: i.rome,
            bassin: i.bassin,
            offers: i.offers,
            jobseekers: i.jobseekers,
        })
        .collect()
}

/// Tension of a perimeter for the DARES period (default) or an imported one.
pub(crate) async fn tension_for(
    st: &AppState,
    p: &Perimeter,
    period: Option<&str>,
) -> ApiResult<PerimeterTension> {
    let obs = &st.observatory.obs;
    let Some(x) = period
        .map(str::trim)
        .filter(|x| !x.is_empty() && *x != obs.table.period)
    else {
        return Ok(obs.tension(&st.data.geo, p)?);
    };
    if !is_period(x) {
        return Err(ApiError::bad_request(format!(
            "période « {x} » invalide : attendu AAAA ou AAAATn"
        )));
    }
    let inputs = input_cells(load_inputs(&st.store).await?);
    obs.tension_imported(&st.data.geo, &st.data.offers, p, &inputs, x)?
        .ok_or_else(|| {
            let mut known: Vec<&str> = inputs.iter().map(|i| i.period.as_str()).collect();
            known.push(&obs.table.period);
            known.sort_unstable();
            known.dedup();
            ApiError::not_found(format!(
                "période « {x} » inconnue ; périodes disponibles : {}",
                known.join(", ")
            ))
        })
}

/// Parses `kind:code` (custom perimeters are looked up in the store).
pub(crate) async fn perimeter_param(st: &AppState, s: &str) -> ApiResult<Perimeter> {
    let (kind, code) = s.split_once(':').ok_or_else(|| {
        ApiError::bad_request(format!(
            "périmètre « {s} » invalide : attendu TYPE:CODE, par ex. bassin:4431"
        ))
    })?;
    st.perimeter(kind, code).await
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct TensionQuery {
    /// Perimeter `kind:code`, e.g. `bassin:4431`, `region:44`.
    pub perimeter: String,
    /// `rome` (default) or `fap`.
    pub by: Option<String>,
    /// DARES year (default) or an imported period (`2024`, `2024T1`).
    pub period: Option<String>,
}

/// Tension of every ROME fiche (or FAP family) of a perimeter, 2021.
#[utoipa::path(get, path = "/api/v1/tension", params(TensionQuery),
    responses((status = 200, description = "Une ligne par fiche ROME : offres, demandeurs, ratio et quintile calculés, indicateurs DARES publiés, classe A/B"),
        (status = 400, description = "Paramètre invalide"), (status = 404, description = "Périmètre inconnu, avec suggestions")))]
pub async fn api_tension(
    State(st): State<AppState>,
    Query(q): Query<TensionQuery>,
) -> ApiResult<Json<serde_json::Value>> {
    let p = perimeter_param(&st, &q.perimeter).await?;
    let t = tension_for(&st, &p, q.period.as_deref()).await?;
    let json = match q.by.as_deref().unwrap_or("rome") {
        "rome" => serde_json::to_value(&t),
        "fap" => {
            let region = st
                .observatory
                .region
                .as_ref()
                .map(|r| r.region.clone())
                .unwrap_or_else(|| "44".into());
            let rows = st.observatory.obs.fap_rows(
                &t.rows,
                &st.data.fap_rome,
                &st.data.fap_tension,
                &region,
            );
            Ok(
                serde_json::json!({ "perimeter": t.perimeter, "name": t.name, "period": t.period, "rows": rows }),
            )
        }
        other => {
            return Err(ApiError::bad_request(format!(
                "by « {other} » invalide : attendu rome ou fap"
            )))
        }
    };
    json.map(Json).map_err(ApiError::internal)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct PortraitQuery {
    /// Perimeter `kind:code`.
    pub perimeter: String,
    /// Another perimeter to compare with.
    pub compare: Option<String>,
}

/// Portrait of a perimeter, with its comparison to Grand Est (and to another perimeter).
#[utoipa::path(get, path = "/api/v1/portrait", params(PortraitQuery),
    responses((status = 200, description = "Portrait : population, demandeurs, offres, métiers en tension expliqués, compétences, formations, diagnostic"),
        (status = 404, description = "Périmètre inconnu, avec suggestions")))]
pub async fn api_portrait(
    State(st): State<AppState>,
    Query(q): Query<PortraitQuery>,
) -> ApiResult<Json<serde_json::Value>> {
    let p = perimeter_param(&st, &q.perimeter).await?;
    let portrait = st.observatory.portrait(&st.data, &p)?;
    let mut all: Vec<Arc<Portrait>> = vec![portrait.clone()];
    all.extend(st.observatory.region.clone());
    if let Some(c) = q.compare.as_deref().filter(|c| !c.is_empty()) {
        all.push(
            st.observatory
                .portrait(&st.data, &perimeter_param(&st, c).await?)?,
        );
    }
    let refs: Vec<&Portrait> = all.iter().map(|a| a.as_ref()).collect();
    Ok(Json(serde_json::json!({
        "portrait": portrait.as_ref(),
        "comparison": tremplin_observatory::portrait::compare(&refs),
        "compared": refs.iter().map(|p| &p.perimeter).collect::<Vec<_>>(),
    })))
}

/// Spearman correlation and quintile agreement of Tremplin's computation with DARES 2021.
#[utoipa::path(get, path = "/api/v1/tension/validation", responses((status = 200, description = "Validation France et Grand Est")))]
pub async fn api_validation(State(st): State<AppState>) -> Json<Vec<Validation>> {
    Json(st.observatory.validation())
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/tension", get(api_tension))
        .route("/api/v1/tension/validation", get(api_validation))
        .route("/api/v1/portrait", get(api_portrait))
        .route("/tension", get(pages::tension_page))
        .route(
            "/territoires/{kind}/{code}/portrait",
            get(pages::portrait_page),
        )
        .route(
            "/territoires/{kind}/{code}/portrait/export",
            get(pages::portrait_export),
        )
}
