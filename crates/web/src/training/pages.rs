//! Pages of an action, a session and a provider (with the seat update form).

use super::api::parse_status;
use crate::error::{ApiError, PageError};
use crate::layout::{dec, int, page, synthetic_badge};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use serde::Deserialize;
use tremplin_store::training::{self as st, SeatUpdate, SessionRow};
use tremplin_training::date::Date;
use tremplin_training::model::{
    parse_price, Action, Address, Formation, Modality, Session, SessionStatus,
};

fn place(a: &Address) -> String {
    format!("{} {}", a.postcode, a.city).trim().to_string()
}

fn seats(s: &Session) -> Markup {
    html! {
        @match (s.seats, s.capacity) {
            (Some(l), Some(c)) => { strong { (l) } " / " (c) }
            (Some(l), None) => strong { (l) },
            _ => "non communiqué",
        }
    }
}

fn status(s: SessionStatus) -> Markup {
    html! { span.badge { (s.label_fr()) } }
}

fn entries_label(a: &Action) -> &'static str {
    if a.entries == "1" {
        "entrées et sorties permanentes"
    } else {
        "entrées à dates fixes"
    }
}

fn sessions_table(caption: &str, rows: &[(&Session, String)]) -> Markup {
    html! {
        table {
            caption { (caption) }
            thead { tr { th { "Session" } th { "Début" } th { "Fin" } th.num { "Places restantes / offertes" } th { "Statut" } } }
            tbody {
                @for (s, label) in rows {
                    tr {
                        td { a href={ "/formations/sessions/" (s.numero) } { (label) } }
                        td { (s.start.fr()) } td { (s.end.fr()) }
                        td.num { (seats(s)) }
                        td { (status(s.effective_status())) }
                    }
                }
            }
        }
    }
}

pub async fn action(
    State(st): State<AppState>,
    Path(numero): Path<String>,
) -> Result<Markup, PageError> {
    let formation_id = st
        .store
        .fetch(
            "SELECT formation FROM training_action WHERE numero = $1",
            vec![numero.as_str().into()],
        )
        .await?
        .first()
        .map(|r| tremplin_store::sql::text(r, "formation"))
        .ok_or_else(|| ApiError::not_found(format!("action de formation inconnue « {numero} »")))?;
    let f = st::formation(&st.store, &formation_id)
        .await?
        .ok_or_else(|| ApiError::not_found(formation_id.clone()))?;
    let a = f
        .actions
        .iter()
        .find(|a| a.numero == numero)
        .ok_or_else(|| ApiError::not_found(numero.clone()))?;
    Ok(page(
        &f.title,
        "/formations",
        &[("/formations", "Formations"), ("", &f.title)],
        action_body(&f, a),
    ))
}

fn action_body(f: &Formation, a: &Action) -> Markup {
    let addr = a
        .places
        .iter()
        .find_map(|p| p.address.clone())
        .unwrap_or_default();
    let cert = f.certifications.first().cloned().unwrap_or_default();
    let rows: Vec<(&Session, String)> = a.sessions.iter().map(|s| (s, s.numero.clone())).collect();
    html! {
        h1 { (f.title) }
        @if f.synthetic { p.notice { (synthetic_badge()) " Cette action fait partie du catalogue de démonstration : organisme, dates, places et coûts sont fictifs." } }
        dl {
            dt { "Organisme responsable" } dd { a href={ "/formations/organismes/" (f.provider.key()) } { (f.provider.name) } }
            dt { "Lieu" } dd { (addr.lines.join(", ")) " — " (place(&addr)) }
            dt { "Certification" } dd { (cert.rncp) @if !cert.certifinfo.is_empty() { " (Certif Info " (cert.certifinfo) ")" } }
            @if !f.module_id.is_empty() { dt { "Parcours modulaire" } dd { "bloc de compétences " (f.module_id) } }
            dt { "Métiers visés (ROME)" } dd { @for r in &f.romes { a href={ "/metiers/" (r) } { (r) } " " } }
            dt { "Formacode" } dd { (f.formacodes.join(", ")) }
            dt { "Modalité" } dd { (Modality::from_key(&a.teaching_mode).label_fr()) ", " (entries_label(a)) }
            dt { "Durée" } dd { (a.duration) @if let Some(h) = a.hours_total { " — " (int(h)) " heures dont " (int(a.hours_company.unwrap_or(0))) " en entreprise" } }
            @if let Some(p) = parse_price(&a.total_price) { dt { "Coût" } dd { (int(p as i64)) " € TTC" } }
            @if !f.objective.is_empty() { dt { "Objectif" } dd { (f.objective) } }
            @if !f.content.is_empty() { dt { "Contenu" } dd { (f.content) } }
            @if !a.conditions.is_empty() { dt { "Conditions d'accès" } dd { (a.conditions) } }
        }
        h2 { "Sessions" }
        (sessions_table("Sessions de l'action, places en temps réel", &rows))
    }
}

pub async fn session(
    State(st): State<AppState>,
    Path(numero): Path<String>,
) -> Result<Markup, PageError> {
    let s = st::session(&st.store, &numero)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("session inconnue « {numero} »")))?;
    let history = st::history(&st.store, &numero).await?;
    let reservations = st::reservations(&st.store, &numero).await?;
    let title = format!("Session du {} — {}", s.session.start.fr(), s.title);
    let body = html! {
        h1 { (title) }
        @if s.synthetic { p.notice { (synthetic_badge()) " Session du catalogue de démonstration." } }
        ul.figures {
            li { span.n { (seats(&s.session)) } "places restantes / offertes" }
            li { span.n { (s.session.effective_status().label_fr()) } "statut" }
            li { span.n { (reservations.iter().filter(|r| r.status == "confirmee").count()) } "réservations confirmées" }
        }
        dl {
            dt { "Action" } dd { a href={ "/formations/actions/" (s.action) } { (s.title) } }
            dt { "Organisme" } dd { a href={ "/formations/organismes/" (s.provider) } { (s.provider_name) } }
            dt { "Dates" } dd { "du " (s.session.start.fr()) " au " (s.session.end.fr()) }
            dt { "Inscription" } dd { (s.session.registration_address.lines.join(", ")) " " (place(&s.session.registration_address)) }
            dt { "Dernière mise à jour" } dd { (s.updated_at) " par " (s.updated_by) " (version " (s.version) ")" }
        }
        p { a.button href={ "/formations/organismes/" (s.provider) "?session=" (s.session.numero) "#maj" } { "Mettre à jour les places (organisme)" } }
        h2 { "Historique des places" }
        table {
            caption { "Chaque modification, avec son auteur et sa date" }
            thead { tr { th.num { "Version" } th { "Date" } th { "Par" } th { "Motif" } th.num { "Restantes" } th.num { "Offertes" } th { "Statut" } } }
            tbody {
                @for h in &history {
                    tr { td.num { (h.version) } td { (h.changed_at) } td { (h.changed_by) } td { (h.reason) }
                        td.num { (h.seats_left.map(|v| v.to_string()).unwrap_or_default()) }
                        td.num { (h.capacity.map(|v| v.to_string()).unwrap_or_default()) } td { (h.status) } }
                }
            }
        }
    };
    Ok(page(
        &title,
        "/formations",
        &[("/formations", "Formations"), ("", &title)],
        body,
    ))
}

#[derive(Deserialize, Default)]
pub struct ProviderQuery {
    session: Option<String>,
    ok: Option<String>,
}

#[derive(Deserialize)]
pub struct SeatForm {
    session: String,
    places_restantes: Option<String>,
    places_offertes: Option<String>,
    statut: Option<String>,
    auteur: String,
    version: Option<i64>,
}

pub async fn provider(
    State(st): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<ProviderQuery>,
) -> Result<Markup, PageError> {
    provider_page(&st, &id, q.session.as_deref(), q.ok.is_some(), None).await
}

async fn provider_page(
    st: &AppState,
    id: &str,
    selected: Option<&str>,
    ok: bool,
    error: Option<String>,
) -> Result<Markup, PageError> {
    let p = st::provider(&st.store, id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("organisme inconnu « {id} »")))?;
    let sessions = st::provider_sessions(&st.store, id).await?;
    let today = Date::today();
    let current: Vec<&SessionRow> = sessions.iter().filter(|s| s.session.end >= today).collect();
    let chosen = selected
        .and_then(|n| current.iter().find(|s| s.session.numero == n))
        .copied();
    let rows: Vec<(&Session, String)> = current
        .iter()
        .map(|s| (&s.session, format!("{} ({})", s.title, s.city)))
        .collect();
    let addr = p.coordinates.address.clone().unwrap_or_default();
    let synthetic = sessions.iter().any(|s| s.synthetic);
    let body = html! {
        h1 { (p.name) }
        @if synthetic { p.notice { (synthetic_badge()) " Organisme fictif du catalogue de démonstration." } }
        dl {
            dt { "SIRET" } dd { (p.siret) }
            dt { "Adresse" } dd { (addr.lines.join(", ")) " " (place(&addr)) }
            @if !p.coordinates.email.is_empty() { dt { "Courriel" } dd { (p.coordinates.email) } }
            dt { "Sessions en cours ou à venir" } dd { (current.len()) " sur " (sessions.len()) }
        }
        h2 id="maj" { "Mettre à jour les places d'une session" }
        @if ok { p.notice role="status" { "Modification enregistrée et historisée." } }
        @if let Some(e) = &error { p.error role="alert" id="erreur-maj" { (e) } }
        form method="post" action={ "/formations/organismes/" (id) "/places" } aria-describedby=[error.as_ref().map(|_| "erreur-maj")] {
            p { label for="session" { "Session" }
                select id="session" name="session" required {
                    @for s in &current {
                        option value=(s.session.numero) selected[chosen.is_some_and(|c| c.session.numero == s.session.numero)] {
                            (s.session.start.fr()) " — " (s.title) " (" (s.city) ")"
                        }
                    }
                }
            }
            @if let Some(c) = chosen { input type="hidden" name="version" value=(c.version); }
            p { label for="places_restantes" { "Places restantes" }
                input type="number" min="0" id="places_restantes" name="places_restantes" value=[chosen.and_then(|c| c.session.seats)]; }
            p { label for="places_offertes" { "Places offertes" }
                input type="number" min="0" id="places_offertes" name="places_offertes" value=[chosen.and_then(|c| c.session.capacity)]; }
            p { label for="statut" { "Statut" }
                select id="statut" name="statut" {
                    option value="" { "inchangé" }
                    @for s in SessionStatus::ALL { option value=(s.as_str()) { (s.label_fr()) } }
                }
            }
            p { label for="auteur" { "Votre nom ou courriel (obligatoire, conservé dans l'historique)" }
                input type="text" id="auteur" name="auteur" required autocomplete="email"; }
            p { button type="submit" { "Enregistrer" } }
        }
        h2 { "Sessions en cours ou à venir" }
        (sessions_table("Places en temps réel", &rows))
        p.hint { "Taux de remplissage moyen des sessions commencées : "
            @let started: Vec<&&SessionRow> = current.iter().filter(|s| s.session.start <= today).collect();
            @let (taken, offered) = started.iter().fold((0i64, 0i64), |(t, o), s| match (s.session.capacity, s.session.seats) {
                (Some(c), Some(l)) => (t + c - l, o + c), _ => (t, o) });
            @if offered > 0 { (dec(100.0 * taken as f64 / offered as f64, 0)) " %" } @else { "sans objet" } }
    };
    Ok(page(
        &p.name,
        "/formations",
        &[("/formations", "Formations"), ("", &p.name)],
        body,
    ))
}

fn number(field: &str, v: &Option<String>) -> Result<Option<i64>, String> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s
            .parse::<i64>()
            .map(Some)
            .map_err(|_| format!("{field} : nombre entier attendu, « {s} » reçu")),
    }
}

pub async fn provider_update(
    State(st): State<AppState>,
    Path(id): Path<String>,
    Form(f): Form<SeatForm>,
) -> Result<Response, PageError> {
    let parsed = (|| -> Result<SeatUpdate, String> {
        Ok(SeatUpdate {
            seats_left: number("Places restantes", &f.places_restantes)?,
            capacity: number("Places offertes", &f.places_offertes)?,
            status: parse_status(f.statut.as_deref()).map_err(|e| e.message)?,
            expected_version: f.version,
        })
    })();
    let result = match parsed {
        Ok(u) => st::update_seats(&st.store, &f.session, &u, &f.auteur)
            .await
            .map_err(|e| {
                let e: ApiError = e.into();
                (e.status, e.message)
            }),
        Err(m) => Err((StatusCode::BAD_REQUEST, m)),
    };
    match result {
        Ok(_) => {
            st.training
                .refresh(&st.store, &f.session)
                .await
                .map_err(ApiError::from)?;
            Ok(Redirect::to(&format!(
                "/formations/organismes/{id}?session={}&ok=1#maj",
                f.session
            ))
            .into_response())
        }
        Err((status, message)) => {
            let page = provider_page(&st, &id, Some(&f.session), false, Some(message)).await?;
            Ok((status, page).into_response())
        }
    }
}
