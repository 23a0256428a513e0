//! The OpenAPI 3.1 document, served at `/api/openapi.json`: the foundation's paths merged with
//! each area's own `ApiDoc`.

use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Tremplin API",
        version = "1",
        description = "Compétences, territoires, tensions et offre de formation (Grand Est). Les personnes, sessions et places sont des données synthétiques."
    ),
    paths(
        crate::api::health,
        crate::api::fiches,
        crate::api::fiche,
        crate::api::appellations,
        crate::api::perimeters,
        crate::api::perimeter,
        crate::api::create_custom,
        crate::api::offers,
    )
)]
struct CoreDoc;

pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = CoreDoc::openapi();
    doc.merge(crate::skills::ApiDoc::openapi());
    doc.merge(crate::observatory::ApiDoc::openapi());
    doc.merge(crate::training::ApiDoc::openapi());
    doc
}
