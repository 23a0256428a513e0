//! "Lire un texte": any French text (a CV, a free description of an experience, an offer)
//! pasted in a form and read by the skills engine, with the passages that support each skill
//! marked. Nothing is stored.

use super::{evidence_sections, target_fiche, text_problem};
use crate::error::PageError;
use crate::layout::page;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::Form;
use maud::{html, Markup};
use serde::Deserialize;
use tremplin_skills::{Engine, Extraction, FicheGuess};

pub const PATH: &str = "/competences/lire";

#[derive(Deserialize, Default)]
pub struct ReadForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    text: String,
    /// A ROME code to keep instead of detecting the occupation (may be empty).
    #[serde(default)]
    rome: String,
}

/// The form, filled with what was sent; `error` names the field at fault.
fn form(f: &ReadForm, error: Option<(&str, String)>) -> Markup {
    let err = |field: &str| error.as_ref().filter(|e| e.0 == field).map(|e| e.1.clone());
    let described = |field: &str, hint: &str| match err(field) {
        Some(_) => format!("{hint} erreur-{field}"),
        None => hint.to_string(),
    };
    html! {
        @if let Some((_, message)) = &error {
            p.error role="alert" { "Le texte n'a pas été lu : " (message) }
        }
        form.reader method="post" action=(PATH) {
            p {
                label for="title" { "Intitulé (facultatif)" }
                input type="text" id="title" name="title" value=(f.title) maxlength="300"
                    aria-describedby="aide-title";
                span.hint id="aide-title" { "Un intitulé de poste ou de métier aide à reconnaître le métier." }
            }
            p {
                label for="text" { "Texte à lire" }
                @if let Some(m) = err("text") { span.field-error id="erreur-text" { (m) } }
                textarea id="text" name="text" rows="12" required
                    aria-invalid=[err("text").map(|_| "true")]
                    aria-describedby=(described("text", "aide-text")) { (f.text) }
                span.hint id="aide-text" { "Un CV, la description libre d'une expérience ou une offre d'emploi, en français. Le texte n'est pas enregistré." }
            }
            p {
                label for="rome" { "Code ROME du métier visé (facultatif)" }
                @if let Some(m) = err("rome") { span.field-error id="erreur-rome" { (m) } }
                input type="text" id="rome" name="rome" value=(f.rome) maxlength="5" size="6"
                    pattern="[A-Na-n][0-9]{4}" aria-invalid=[err("rome").map(|_| "true")]
                    aria-describedby=(described("rome", "aide-rome"));
                span.hint id="aide-rome" { "Par exemple M1805 : le texte est lu pour ce métier, et ses compétences clés que le texte ne montre pas sont listées. Vide : le métier est reconnu d'après le texte." }
            }
            p { button type="submit" { "Lire le texte" } }
        }
    }
}

fn reader_page(body: Markup) -> Markup {
    let title = "Lire les compétences d'un texte";
    page(
        title,
        PATH,
        &[("", title)],
        html! {
            h1 { (title) }
            p { "Tremplin repère dans le texte les compétences et savoirs du ROME 4.0 qu'il atteste, "
                "en montrant pour chacun le passage qui l'appuie, puis le métier le plus proche." }
            (body)
        },
    )
}

pub async fn show() -> Markup {
    reader_page(form(&ReadForm::default(), None))
}

/// Checks the form: the ROME code to keep (upper case; `None` when left empty), or the field
/// at fault and why.
fn check(engine: &Engine, f: &ReadForm) -> Result<Option<String>, (&'static str, String)> {
    if let Some(problem) = text_problem(&f.title, &f.text) {
        return Err(("text", problem));
    }
    target_fiche(engine, &f.rome).map_err(|e| ("rome", e))
}

/// The core items of the fiche read or kept that the text does not attest: the gap to work on
/// in a path towards that job.
fn gap_section(engine: &Engine, fiche: &FicheGuess, ex: &Extraction) -> Markup {
    let gap = engine.core_gap(&fiche.code, ex);
    html! {
        h2 { "Compétences clés du métier que le texte ne montre pas" }
        @if gap.is_empty() {
            p { "Le texte atteste toutes les compétences « cœur de métier » de la fiche " (fiche.code) "." }
        } @else {
            p { "Compétences « cœur de métier » de la fiche " a href={ "/metiers/" (fiche.code) } { (fiche.code) " " (fiche.label) }
                " (ROME 4.0) qu'aucun passage du texte n'atteste : ce que la personne aurait à faire valoir "
                "ou à acquérir pour ce métier (" (gap.len()) "). C'est une liste à vérifier avec la personne, "
                "pas un verdict : le texte peut dire certaines de ces compétences en d'autres mots que le "
                "moteur ne reconnaît pas (sur une lecture complète, il en trouve environ un tiers dans "
                "les offres informatiques et dans les textes, offres ou expériences, des "
                (engine.trade_words_fiches()) " fiches ROME dont il connaît le vocabulaire courant ; un "
                "cinquième dans les offres des autres métiers et d'un "
                "dixième à un quart dans leurs descriptions d'expérience), ou une compétence voisine lue "
                "plus haut peut en couvrir une partie." }
            ul.gap { @for &s in &gap {
                @let skill = &engine.cat.skills[s as usize];
                li { (skill.label) " (" (skill.kind.label_fr()) ") — "
                     a href={ "/formations?competence=" (skill.code) } {
                         "formations" span.visually-hidden { " pour « " (skill.label) " »" } } }
            } }
            p { a href={ "/formations?metier=" (fiche.code) } { "Sessions de formation vers le métier " (fiche.code) } }
        }
    }
}

/// Reads the text sent: the form again with the field at fault (400), or the result (an
/// engine that cannot load gives an error page, as on the other pages).
pub async fn read(
    State(st): State<AppState>,
    Form(f): Form<ReadForm>,
) -> Result<Response, PageError> {
    let engine = st.skills.engine()?;
    let rome = match check(engine, &f) {
        Ok(rome) => rome,
        Err((field, message)) => {
            let html = reader_page(form(&f, Some((field, message))));
            return Ok((StatusCode::BAD_REQUEST, Html(html.into_string())).into_response());
        }
    };
    let ex = engine.extract(&f.title, &f.text, rome.as_deref());
    let text = format!("{}\n{}", f.title, f.text);
    let body = html! {
        section aria-labelledby="resultat" {
            h2 id="resultat" { "Résultat de la lecture" }
            @if let Some(note) = ex.note {
                p.notice { "Rien n'a été lu : " (note) "." }
            }
            @if let Some(r) = &ex.rome {
                p { @if rome.is_none() { "Métier le plus proche : " } @else { "Métier retenu : " }
                    a href={ "/metiers/" (r.code) } { (r.code) " " (r.label) }
                    @if rome.is_none() { " (confiance " (format!("{:.0}", r.score * 100.0)) " %)" } }
                p.hint { @if engine.reads_trade_words(&r.code) {
                    "Pour ce métier, le moteur lit aussi les mots courants du métier, au-delà des libellés du référentiel."
                } @else {
                    "Pour ce métier, le moteur ne lit que les libellés du référentiel et les mots courants communs à tous les métiers : il en trouve moins."
                } }
                @if !ex.runner_ups.is_empty() {
                    p { "Autres métiers proches : "
                        @for (i, g) in ex.runner_ups.iter().enumerate() {
                            @if i > 0 { ", " }
                            a href={ "/metiers/" (g.code) } { (g.code) " " (g.label) }
                        } }
                }
                (evidence_sections(engine, &text, &ex, "lu", gap_section(engine, r, &ex)))
            }
        }
        h2 { "Modifier le texte ou en lire un autre" }
        (form(&f, None))
    };
    Ok(reader_page(body).into_response())
}
