//! Web surfaces of the skills work (owned by that work: replace freely).

use crate::state::AppState;
use axum::Router;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi()]
pub struct ApiDoc;

pub fn routes() -> Router<AppState> {
    Router::new()
}
