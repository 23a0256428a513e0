//! Errors: JSON bodies for the API, French HTML pages for the site. Never a bare 500 on bad
//! input: wrong parameters are 400, unknown codes 404.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use maud::html;

/// An API error: `{"error": "...", "suggestions": [...]}` with its status.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    pub suggestions: Vec<String>,
}

impl ApiError {
    pub fn bad_request(msg: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: msg.into(),
            suggestions: vec![],
        }
    }
    pub fn not_found(msg: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: msg.into(),
            suggestions: vec![],
        }
    }
    pub fn internal(msg: impl std::fmt::Display) -> Self {
        tracing::error!("{msg}");
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "erreur interne".into(),
            suggestions: vec![],
        }
    }
}

impl From<tremplin_domain::perimeter::PerimeterError> for ApiError {
    fn from(e: tremplin_domain::perimeter::PerimeterError) -> Self {
        use tremplin_domain::perimeter::PerimeterError as P;
        let (status, suggestions) = match &e {
            P::Unknown { suggestions, .. } => (StatusCode::NOT_FOUND, suggestions.clone()),
            _ => (StatusCode::BAD_REQUEST, vec![]),
        };
        ApiError {
            status,
            message: e.to_string(),
            suggestions,
        }
    }
}

impl From<tremplin_store::StoreError> for ApiError {
    fn from(e: tremplin_store::StoreError) -> Self {
        ApiError::internal(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = if self.suggestions.is_empty() {
            serde_json::json!({ "error": self.message })
        } else {
            serde_json::json!({ "error": self.message, "suggestions": self.suggestions })
        };
        (self.status, Json(body)).into_response()
    }
}

/// An error shown as a page.
#[derive(Debug)]
pub struct PageError(pub ApiError);

impl<E: Into<ApiError>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let e = self.0;
        let title = if e.status == StatusCode::NOT_FOUND {
            "Page introuvable"
        } else {
            "Requête invalide"
        };
        let body = html! {
            h1 { (title) }
            p.error role="alert" { (e.message) }
            @if !e.suggestions.is_empty() {
                p { "Vouliez-vous dire :" }
                ul { @for s in &e.suggestions { li { (s) } } }
            }
            p { a href="/" { "Retour à l'accueil" } }
        };
        (
            e.status,
            Html(crate::layout::page(title, "", &[], body).into_string()),
        )
            .into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
pub type PageResult = Result<maud::Markup, PageError>;
