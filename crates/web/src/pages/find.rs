//! Finding a territory by name, and creating a user-defined perimeter from a form.

use crate::error::PageResult;
use crate::layout::page;
use crate::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use serde::Deserialize;
use tremplin_domain::geo::Geography;
use tremplin_domain::perimeter::PerimeterKind;
use tremplin_domain::text::fold;

#[derive(Deserialize, Default)]
pub struct FindQuery {
    #[serde(default)]
    pub q: String,
}

/// Areas whose name contains the folded query: Grand Est first, then by kind, at most 30.
pub fn find(geo: &Geography, query: &str) -> Vec<(PerimeterKind, String, String, bool)> {
    let q = fold(query.trim());
    if q.chars().count() < 2 {
        return vec![];
    }
    let ge: std::collections::HashSet<(&str, &str)> = geo
        .communes
        .iter()
        .filter(|c| c.region == "44")
        .flat_map(|c| {
            [
                ("commune", c.code.as_str()),
                ("epci", c.epci.as_str()),
                ("bassin", c.bassin.as_str()),
                ("zone-emploi", c.zone_emploi.as_str()),
                ("departement", c.departement.as_str()),
                ("region", "44"),
            ]
        })
        .collect();
    let mut out: Vec<_> = PerimeterKind::ALL
        .into_iter()
        .flat_map(|k| geo.codes_of(k).into_iter().map(move |(c, n)| (k, c, n)))
        .filter(|(_, c, n)| fold(n).contains(&q) || c == query.trim())
        .map(|(k, c, n)| {
            let in_ge = ge.contains(&(k.as_str(), c.as_str()));
            (k, c, n, in_ge)
        })
        .collect();
    out.sort_by(|a, b| {
        b.3.cmp(&a.3)
            .then(a.0.cmp(&b.0).reverse())
            .then(a.2.cmp(&b.2))
    });
    out.truncate(30);
    out
}

pub fn search_form(q: &str, geo: &Geography) -> Markup {
    let hits = find(geo, q);
    html! {
        form.search role="search" action="/territoires" method="get" {
            div {
                label for="tq" { "Trouver un territoire" }
                input #tq type="search" name="q" value=(q) placeholder="commune, EPCI, bassin, département";
            }
            button type="submit" { "Chercher" }
        }
        @if !q.trim().is_empty() {
            p role="status" { (hits.len()) " territoire(s) pour « " (q) " »" }
            ul.plain {
                @for (k, c, n, in_ge) in &hits {
                    li { a href={ "/territoires/" (k.as_str()) "/" (c) } { (n) } " — " (k.label_fr()) " " (c)
                        @if !in_ge { " (hors Grand Est)" } }
                }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct CustomForm {
    name: String,
    communes: String,
}

/// Resolves each token (INSEE code, or exact commune name in Grand Est) to a code.
fn resolve_tokens(geo: &Geography, text: &str) -> Result<Vec<String>, String> {
    let mut codes = Vec::new();
    for token in text
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if geo.commune(token).is_some() {
            codes.push(token.to_string());
            continue;
        }
        let f = fold(token);
        let matches: Vec<&str> = geo
            .communes
            .iter()
            .filter(|c| c.region == "44" && fold(&c.name) == f)
            .map(|c| c.code.as_str())
            .collect();
        match matches.as_slice() {
            [one] => codes.push(one.to_string()),
            [] => {
                return Err(format!(
                    "« {token} » n'est ni un code INSEE ni une commune du Grand Est"
                ))
            }
            many => {
                return Err(format!(
                    "« {token} » désigne plusieurs communes ({}) : indiquez le code INSEE",
                    many.join(", ")
                ))
            }
        }
    }
    Ok(codes)
}

pub fn custom_form(name: &str, communes: &str, error: Option<&str>) -> Markup {
    html! {
        h2 #personnalise { "Créer un périmètre personnalisé" }
        form method="post" action="/territoires/personnalise" {
            @if let Some(e) = error { p.error #custom-error role="alert" { (e) } }
            p {
                label for="cname" { "Nom du périmètre" }
                input #cname type="text" name="name" value=(name) required pattern="[A-Za-z0-9_-]+" aria-describedby="cname-hint";
                span.hint #cname-hint { " lettres, chiffres, - et _" }
            }
            p {
                label for="ccommunes" { "Communes" }
                textarea #ccommunes name="communes" rows="3" cols="60" required aria-describedby="ccommunes-hint" { (communes) }
                br;
                span.hint #ccommunes-hint { "Codes INSEE ou noms de communes du Grand Est, séparés par des virgules ou des retours à la ligne." }
            }
            button type="submit" { "Créer et afficher" }
        }
    }
}

pub async fn create(
    State(st): State<AppState>,
    Form(f): Form<CustomForm>,
) -> Result<Response, crate::error::PageError> {
    let outcome = match resolve_tokens(&st.data.geo, &f.communes) {
        Ok(codes) => st
            .save_custom_perimeter(f.name.trim(), &codes)
            .await
            .map_err(|e| e.message),
        Err(e) => Err(e),
    };
    match outcome {
        Ok(()) => {
            Ok(Redirect::to(&format!("/territoires/custom/{}", f.name.trim())).into_response())
        }
        Err(message) => {
            let body: PageResult = Ok(html! {
                h1 { "Créer un périmètre personnalisé" }
                (custom_form(&f.name, &f.communes, Some(&message)))
            });
            let markup = page(
                "Périmètre personnalisé",
                "",
                &[
                    ("/territoires", "Territoires"),
                    ("", "Périmètre personnalisé"),
                ],
                body?,
            );
            Ok((
                axum::http::StatusCode::BAD_REQUEST,
                axum::response::Html(markup.into_string()),
            )
                .into_response())
        }
    }
}
