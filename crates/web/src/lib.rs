//! The HTTP application: server-rendered French pages and the JSON API `/api/v1`, over a
//! [`tremplin_store::Store`] and an in-memory [`tremplin_store::Snapshot`].
//!
//! Invariant: handlers stay thin (parse, call the domain / store, render); computations live in
//! the domain crates. Wrong parameters get a 400 with a JSON body, never a 500.

pub mod api;
pub mod api_doc;
pub mod error;
pub mod layout;
pub mod map;
pub mod observatory;
pub mod pages;
pub mod search;
pub mod skills;
pub mod state;
pub mod training;

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
pub use state::AppState;

/// The assembled application.
pub struct App {
    pub router: Router,
    pub state: AppState,
}

async fn openapi() -> impl IntoResponse {
    Json(api_doc::document())
}

async fn style() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        layout::STYLE,
    )
}

async fn not_found() -> error::PageError {
    error::PageError(error::ApiError::not_found("Cette page n'existe pas."))
}

/// All routes over a state.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(pages::routes())
        .merge(api::routes())
        .merge(skills::routes())
        .merge(observatory::routes())
        .merge(training::routes())
        .route("/api/openapi.json", get(openapi))
        .route("/static/style.css", get(style))
        .fallback(not_found)
        .with_state(state)
}

impl App {
    /// Loads the snapshot and indexes from the store and builds the routes.
    pub async fn build(store: tremplin_store::Store) -> anyhow::Result<App> {
        let state = AppState::new(store).await?;
        Ok(App {
            router: router(state.clone()),
            state,
        })
    }

    pub async fn serve(self, listener: tokio::net::TcpListener) -> anyhow::Result<()> {
        axum::serve(listener, self.router)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    }
}
