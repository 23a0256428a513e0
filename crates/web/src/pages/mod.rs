//! Server-rendered pages of the foundation: home, sources, occupations, territories.

pub mod fiche;
pub mod find;
pub mod home;
pub mod territory;

use crate::state::AppState;
use axum::routing::get;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::home))
        .route("/a-propos", get(home::about))
        .route("/metiers", get(fiche::search))
        .route("/metiers/{code}", get(fiche::fiche))
        .route("/territoires", get(territory::index))
        .route(
            "/territoires/personnalise",
            axum::routing::post(find::create),
        )
        .route("/territoires/{kind}/{code}", get(territory::territory))
}
