//! `/formations`: the session search form and its ranked, explained results.

use super::{build_query, SearchParams};
use crate::error::PageError;
use crate::layout::{dec, int, synthetic_badge};
use crate::state::AppState;
use axum::extract::{Query, State};
use maud::{html, Markup};
use tremplin_training::date::Date;

fn field(id: &str, label: &str, value: &Option<String>, hint: &str) -> Markup {
    html! {
        p {
            label for=(id) { (label) }
            input type="text" id=(id) name=(id) value=[value.as_deref()] aria-describedby={ (id) "-aide" };
            br; span.hint id={ (id) "-aide" } { (hint) }
        }
    }
}

pub async fn page_(st: &AppState, p: &SearchParams) -> Result<Markup, PageError> {
    let asked = p.bassin.as_deref().is_some_and(|b| !b.is_empty())
        || p.metier.is_some()
        || p.competence.is_some()
        || p.certification.is_some()
        || p.formacode.is_some()
        || p.perimetre.is_some()
        || p.commune.is_some();
    let outcome = if asked {
        Some(build_query(st, p, Date::today()).await)
    } else {
        None
    };
    let total_sessions = st.training.index.read().expect("index lock").len();
    let body = html! {
        h1 { "Trouver une session de formation" }
        p.lead { "Sessions ouvertes et places restantes, mises à jour par les organismes. "
            (int(total_sessions as i64)) " sessions au catalogue. " (synthetic_badge()) }
        form.search method="get" action="/formations" role="search" {
            (field("metier", "Métier", &p.metier, "Code ROME (F1703) ou intitulé (maçon)"))
            (field("competence", "Compétence", &p.competence, "Mots de la compétence ou code ROME 4.0"))
            (field("certification", "Certification", &p.certification, "RNCP1234 ou code Certif Info"))
            (field("formacode", "Formacode", &p.formacode, "Domaine de formation, ex. 22454"))
            p { label for="bassin" { "Bassin d'emploi" }
                select id="bassin" name="bassin" {
                    option value="" { "tous" }
                    @for b in st.data.geo.bassins_of_region("44") {
                        option value=(b.code) selected[p.bassin.as_deref() == Some(b.code.as_str())] { (b.name) }
                    }
                }
            }
            (field("perimetre", "Autre périmètre", &p.perimetre, "TYPE:CODE, ex. epci:246700488, departement:67"))
            (field("commune", "Depuis la commune", &p.commune, "Nom ou code INSEE, ex. Strasbourg ou 67482"))
            p { label for="rayon" { "Rayon (km)" } input type="number" id="rayon" name="rayon" min="1" max="500" value=[p.rayon]; }
            p { label for="du" { "À partir du" } input type="date" id="du" name="du" value=[p.du.as_deref()]; }
            p { label for="au" { "Début au plus tard le" } input type="date" id="au" name="au" value=[p.au.as_deref()]; }
            p { label for="modalite" { "Modalité" }
                select id="modalite" name="modalite" {
                    option value="" { "toutes" }
                    @for (v, l) in [("presentiel", "présentiel"), ("mixte", "mixte"), ("distance", "à distance")] {
                        option value=(v) selected[p.modalite.as_deref() == Some(v)] { (l) }
                    }
                }
            }
            p { button type="submit" { "Rechercher" } }
        }
        @match outcome {
            None => p.hint { "Précisez au moins un métier, une compétence, une certification, un Formacode, un périmètre ou une commune." },
            Some(Err(e)) => p.error role="alert" { (e.message) },
            Some(Ok(q)) => {
                @let ix = st.training.index.read().expect("index lock");
                @let (total, hits) = ix.search(&q);
                h2 { (int(total as i64)) " session" @if total > 1 { "s" } " correspondante" @if total > 1 { "s" } }
                @if hits.is_empty() { p { "Aucune session ouverte ne correspond : élargissez le rayon ou les dates." } }
                ol {
                    @for h in &hits {
                        li {
                            h3 { a href={ "/formations/sessions/" (h.record.session) } { (h.record.title) } }
                            p { (h.record.provider_name) " — " (h.record.city) " — du " (h.record.start.fr()) " au " (h.record.end.fr())
                                @if let Some(l) = h.record.seats_left { " — " strong { (l) " place(s) restante(s)" } }
                                " — score " (dec(h.score, 1)) }
                            details { summary { "Pourquoi ce résultat ?" }
                                ul { @for r in &h.reasons { li { (r) } } } }
                        }
                    }
                }
            }
        }
    };
    Ok(crate::layout::page(
        "Formations",
        "/formations",
        &[("", "Formations")],
        body,
    ))
}

pub async fn page(
    State(st): State<AppState>,
    Query(p): Query<SearchParams>,
) -> Result<Markup, PageError> {
    page_(&st, &p).await
}
