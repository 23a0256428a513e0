//! JSON API `/api/v1` of the foundation: health, fiches, appellation search, perimeters, offers.

use crate::error::{ApiError, ApiResult};
use crate::search::Hit;
use crate::state::AppState;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::{request::Parts, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use tremplin_domain::perimeter::PerimeterKind;
use utoipa::{IntoParams, ToSchema};

/// A query string whose errors are JSON 400s naming the parameter.
pub struct ApiQuery<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let q = parts.uri.query().unwrap_or("");
        serde_urlencoded_compat(q).map(ApiQuery)
    }
}

fn serde_urlencoded_compat<T: serde::de::DeserializeOwned>(q: &str) -> Result<T, ApiError> {
    axum::extract::Query::<T>::try_from_uri(
        &format!("/?{q}")
            .parse()
            .map_err(|_| ApiError::bad_request("URL invalide"))?,
    )
    .map(|axum::extract::Query(t)| t)
    .map_err(|e| ApiError::bad_request(format!("paramètre invalide : {}", e.body_text())))
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/health", get(health))
        .route("/api/v1/fiches", get(fiches))
        .route("/api/v1/fiches/{code}", get(fiche))
        .route("/api/v1/appellations", get(appellations))
        .route("/api/v1/perimeters", get(perimeters))
        .route("/api/v1/perimeters/custom", post(create_custom))
        .route("/api/v1/perimeters/{kind}/{code}", get(perimeter))
        .route("/api/v1/offers", get(offers))
}

#[derive(Serialize, ToSchema)]
pub struct Health {
    status: &'static str,
    backend: String,
    fiches: usize,
    communes: usize,
    offers: usize,
}

/// Liveness and what is loaded.
#[utoipa::path(get, path = "/api/v1/health", responses((status = 200, body = Health)))]
pub async fn health(State(st): State<AppState>) -> Json<Health> {
    Json(Health {
        status: "ok",
        backend: format!("{:?}", st.store.backend).to_lowercase(),
        fiches: st.data.rome.fiches.len(),
        communes: st.data.geo.communes.len(),
        offers: st.data.offers.len(),
    })
}

#[derive(Deserialize, IntoParams)]
pub struct Page {
    /// Number of records (1..=500, default 50).
    limit: Option<usize>,
    /// Records to skip.
    offset: Option<usize>,
}

fn page_bounds(p: &Page) -> ApiResult<(usize, usize)> {
    let limit = p.limit.unwrap_or(50);
    if !(1..=500).contains(&limit) {
        return Err(ApiError::bad_request(
            "limit doit être compris entre 1 et 500",
        ));
    }
    Ok((p.offset.unwrap_or(0), limit))
}

#[derive(Serialize, ToSchema)]
pub struct FicheSummary {
    code: String,
    label: String,
    domain: String,
}

/// ROME 4.0 fiches métier.
#[utoipa::path(get, path = "/api/v1/fiches", params(Page), responses((status = 200, body = [FicheSummary]), (status = 400)))]
pub async fn fiches(
    State(st): State<AppState>,
    ApiQuery(p): ApiQuery<Page>,
) -> ApiResult<Json<Vec<FicheSummary>>> {
    let (offset, limit) = page_bounds(&p)?;
    Ok(Json(
        st.data
            .rome
            .fiches
            .iter()
            .skip(offset)
            .take(limit)
            .map(|f| FicheSummary {
                code: f.code.clone(),
                label: f.label.clone(),
                domain: f.domain_label.clone(),
            })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct SkillOut {
    code: String,
    label: String,
    /// savoir-faire, savoir-etre or savoir.
    kind: String,
    core: bool,
    transition_eco: bool,
    transition_num: bool,
}

#[derive(Serialize, ToSchema)]
pub struct FicheDetail {
    code: String,
    label: String,
    domain: String,
    appellations: Vec<String>,
    skills: Vec<SkillOut>,
    mobilities: Vec<String>,
    certifications: usize,
    offers: usize,
}

/// One fiche with its appellations, compétences and savoirs, and mobility targets.
#[utoipa::path(get, path = "/api/v1/fiches/{code}", params(("code" = String, Path, description = "ROME code, e.g. M1805")),
    responses((status = 200, body = FicheDetail), (status = 404)))]
pub async fn fiche(
    State(st): State<AppState>,
    Path(code): Path<String>,
) -> ApiResult<Json<FicheDetail>> {
    let d = &st.data;
    let ix = &st.ix;
    let f = st.fiche(&code)?;
    let skills = ix
        .rome
        .items_of
        .get(&code)
        .into_iter()
        .flatten()
        .filter_map(|&k| {
            let it = &d.rome.items[k];
            d.rome.skill(&ix.rome, &it.code).map(|s| SkillOut {
                code: s.code().to_string(),
                label: s.label().to_string(),
                kind: it.kind.as_str().to_string(),
                core: it.core,
                transition_eco: s.transition_eco(),
                transition_num: s.transition_num(),
            })
        })
        .collect();
    Ok(Json(FicheDetail {
        code: f.code.clone(),
        label: f.label.clone(),
        domain: f.domain_label.clone(),
        appellations: ix
            .rome
            .appellations_of
            .get(&code)
            .into_iter()
            .flatten()
            .map(|&a| d.rome.appellations[a].label.clone())
            .collect(),
        skills,
        mobilities: d
            .rome
            .mobilities
            .iter()
            .filter(|m| m.from == code)
            .map(|m| m.to.clone())
            .collect(),
        certifications: ix.certifications_by_rome.get(&code).map_or(0, Vec::len),
        offers: ix.offers_by_rome.get(&code).map_or(0, Vec::len),
    }))
}

#[derive(Deserialize, IntoParams)]
pub struct SearchParams {
    /// Words of a job title; accents, case and typos are tolerated.
    q: String,
    /// Maximum hits (1..=100, default 10).
    limit: Option<usize>,
}

/// Occupation search over fiche labels and the 13,120 appellations.
#[utoipa::path(get, path = "/api/v1/appellations", params(SearchParams), responses((status = 200, body = [Hit]), (status = 400)))]
pub async fn appellations(
    State(st): State<AppState>,
    ApiQuery(p): ApiQuery<SearchParams>,
) -> ApiResult<Json<Vec<Hit>>> {
    let limit = p.limit.unwrap_or(10);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::bad_request(
            "limit doit être compris entre 1 et 100",
        ));
    }
    if p.q.trim().is_empty() {
        return Err(ApiError::bad_request("q ne doit pas être vide"));
    }
    Ok(Json(st.ix.search.search(&st.data.rome, &p.q, limit)))
}

#[derive(Deserialize, IntoParams)]
pub struct PerimeterList {
    /// commune, epci, bassin, zone-emploi, departement, region.
    kind: String,
    /// Keep only areas having communes in this region (e.g. 44).
    region: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PerimeterRef {
    /// `kind:code`, usable as the `perimeter` parameter elsewhere.
    perimeter: String,
    name: String,
}

/// Perimeters of a kind.
#[utoipa::path(get, path = "/api/v1/perimeters", params(PerimeterList), responses((status = 200, body = [PerimeterRef]), (status = 400)))]
pub async fn perimeters(
    State(st): State<AppState>,
    ApiQuery(p): ApiQuery<PerimeterList>,
) -> ApiResult<Json<Vec<PerimeterRef>>> {
    let kind = PerimeterKind::parse(&p.kind)
        .filter(|k| *k != PerimeterKind::Custom)
        .ok_or_else(|| ApiError::bad_request(format!("kind inconnu « {} »", p.kind)))?;
    let geo = &st.data.geo;
    let keep: Option<std::collections::HashSet<String>> = p.region.as_ref().map(|r| {
        geo.communes
            .iter()
            .filter(|c| &c.region == r)
            .map(|c| match kind {
                PerimeterKind::Commune => c.code.clone(),
                PerimeterKind::Epci => c.epci.clone(),
                PerimeterKind::Bassin => c.bassin.clone(),
                PerimeterKind::ZoneEmploi => c.zone_emploi.clone(),
                PerimeterKind::Departement => c.departement.clone(),
                _ => c.region.clone(),
            })
            .collect()
    });
    Ok(Json(
        geo.codes_of(kind)
            .into_iter()
            .filter(|(c, _)| keep.as_ref().is_none_or(|k| k.contains(c)))
            .map(|(c, n)| PerimeterRef {
                perimeter: format!("{}:{c}", kind.as_str()),
                name: n,
            })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct PerimeterDetail {
    perimeter: String,
    name: String,
    population: i64,
    communes: usize,
    bassins: Vec<String>,
    offers: usize,
}

/// One perimeter, aggregated from its communes.
#[utoipa::path(get, path = "/api/v1/perimeters/{kind}/{code}", params(("kind" = String, Path), ("code" = String, Path)),
    responses((status = 200, body = PerimeterDetail), (status = 400), (status = 404)))]
pub async fn perimeter(
    State(st): State<AppState>,
    Path((kind, code)): Path<(String, String)>,
) -> ApiResult<Json<PerimeterDetail>> {
    let p = st.perimeter(&kind, &code).await?;
    let r = st.data.geo.resolve(&p)?;
    let mut bassins: Vec<String> = r
        .communes
        .iter()
        .map(|c| c.bassin.clone())
        .filter(|b| !b.is_empty())
        .collect();
    bassins.sort();
    bassins.dedup();
    Ok(Json(PerimeterDetail {
        perimeter: p.to_string(),
        name: r.name.clone(),
        population: r.population(),
        communes: r.communes.len(),
        bassins,
        offers: st.offers_in(&r).len(),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct CustomPerimeter {
    /// Name of the set (letters, digits, `-` and `_`).
    name: String,
    /// INSEE codes of its communes.
    communes: Vec<String>,
}

/// Creates or replaces a user-defined perimeter (a named set of communes).
#[utoipa::path(post, path = "/api/v1/perimeters/custom", request_body = CustomPerimeter,
    responses((status = 201, body = PerimeterDetail), (status = 400)))]
pub async fn create_custom(
    State(st): State<AppState>,
    body: Result<Json<CustomPerimeter>, axum::extract::rejection::JsonRejection>,
) -> ApiResult<(StatusCode, Json<PerimeterDetail>)> {
    let Json(c) = body
        .map_err(|e| ApiError::bad_request(format!("corps JSON invalide : {}", e.body_text())))?;
    st.save_custom_perimeter(&c.name, &c.communes).await?;
    let Json(d) = perimeter(State(st), Path(("custom".into(), c.name))).await?;
    Ok((StatusCode::CREATED, Json(d)))
}

#[derive(Deserialize, IntoParams)]
pub struct OfferQuery {
    /// `kind:code`, e.g. `region:44`.
    perimeter: Option<String>,
    /// ROME code.
    rome: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

#[derive(Serialize, ToSchema)]
pub struct OfferSummary {
    id: String,
    title: String,
    rome: String,
    commune: String,
    place: String,
    created: String,
    contract_type: String,
}

/// Job offers, newest first, filtered by perimeter and ROME code.
#[utoipa::path(get, path = "/api/v1/offers", params(OfferQuery), responses((status = 200, body = [OfferSummary]), (status = 400), (status = 404)))]
pub async fn offers(
    State(st): State<AppState>,
    ApiQuery(q): ApiQuery<OfferQuery>,
) -> ApiResult<Json<Vec<OfferSummary>>> {
    let (offset, limit) = page_bounds(&Page {
        limit: q.limit,
        offset: q.offset,
    })?;
    if let Some(r) = &q.rome {
        if !st.ix.rome.fiche.contains_key(r) {
            return Err(ApiError::bad_request(format!(
                "rome : code ROME inconnu « {r} »"
            )));
        }
    }
    let idx: Vec<usize> = match &q.perimeter {
        Some(p) => st.offers_in(&st.resolve_str(p).await?),
        None => (0..st.data.offers.len()).collect(),
    };
    Ok(Json(
        idx.into_iter()
            .map(|i| &st.data.offers[i])
            .filter(|o| q.rome.as_ref().is_none_or(|r| &o.rome == r))
            .skip(offset)
            .take(limit)
            .map(|o| OfferSummary {
                id: o.id.clone(),
                title: o.title.clone(),
                rome: o.rome.clone(),
                commune: o.commune.clone(),
                place: o.place_label.clone(),
                created: o.created.clone(),
                contract_type: o.contract_type.clone(),
            })
            .collect(),
    ))
}
