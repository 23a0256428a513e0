//! `/carte-des-formations`: seats, occupancy, labour market and outcomes per bassin ×
//! occupation, the flagged sections, and the occupations in tension with no training.

use super::api::{compute, CarteParams};
use crate::error::PageError;
use crate::layout::{dec, int, raw, synthetic_badge};
use crate::map::{class_colour, quantile_breaks, PALETTE};
use crate::state::AppState;
use axum::extract::{Query, State};
use maud::{html, Markup};
use std::collections::HashMap;
use tremplin_training::carte::{Carte, Dimension, Flag};

fn pct(v: Option<f64>) -> String {
    v.map(|v| format!("{} %", dec(100.0 * v, 0)))
        .unwrap_or_else(|| "—".into())
}

fn map(st: &AppState, c: &Carte) -> Markup {
    let Some(m) = st.map.as_ref() else {
        return html! {};
    };
    let mut seats: HashMap<&str, (i64, usize)> = HashMap::new();
    for r in &c.rows {
        let e = seats.entry(r.bassin.as_str()).or_default();
        e.0 += r.seats_offered;
        e.1 += r.flags.len();
    }
    let mut values: Vec<f64> = seats.values().map(|v| v.0 as f64).collect();
    let breaks = quantile_breaks(&mut values);
    let fill =
        |b: &str| class_colour(seats.get(b).map_or(0.0, |v| v.0 as f64), &breaks).to_string();
    let label = |b: &str| {
        let (s, f) = seats.get(b).copied().unwrap_or_default();
        format!("{} places offertes, {f} section(s) signalée(s)", int(s))
    };
    let svg = m.render(
        "Places offertes par bassin d'emploi (données synthétiques)",
        &st.data.geo,
        &fill,
        &label,
        None,
    );
    html! {
        figure.map {
            (raw(svg))
            figcaption { ul.legend aria-label="Légende : places offertes sur la période" {
                @for (i, colour) in PALETTE.iter().enumerate() {
                    li { span.sw style={ "background:" (colour) } {}
                        @if i < 4 { "≤ " (int(breaks[i] as i64)) } @else { "> " (int(breaks[3] as i64)) } " places" }
                }
            } }
        }
    }
}

pub async fn page(
    State(st): State<AppState>,
    Query(p): Query<CarteParams>,
) -> Result<Markup, PageError> {
    let (c, dim) = compute(&st, &p)?;
    let flag = |f: Flag| c.rows.iter().filter(|r| r.flags.contains(&f)).count();
    let names = labels(&st, dim);
    let rome_names = labels(&st, Dimension::Rome);
    let code_label = if dim == Dimension::Rome {
        "Métier (ROME)"
    } else {
        "Formacode"
    };
    let body = html! {
        h1 { "Carte des formations" }
        p.lead { "Pour chaque bassin d'emploi et chaque " (if dim == Dimension::Rome { "métier préparé" } else { "domaine Formacode" })
            " : places offertes, taux de remplissage, demandeurs d'emploi et tension (DARES 2021), insertion InserJeunes. "
            "Sessions commençant du " (c.from.fr()) " au " (c.to.fr()) ". " (synthetic_badge()) }
        form.search method="get" action="/carte-des-formations" {
            p { label for="dimension" { "Regrouper par" }
                select id="dimension" name="dimension" {
                    option value="rome" selected[dim == Dimension::Rome] { "métier (ROME)" }
                    option value="formacode" selected[dim == Dimension::Formacode] { "Formacode" }
                } }
            p { label for="bassin" { "Bassin d'emploi" }
                select id="bassin" name="bassin" {
                    option value="" { "tous les bassins du Grand Est" }
                    @for b in st.data.geo.bassins_of_region("44") {
                        option value=(b.code) selected[p.bassin.as_deref() == Some(b.code.as_str())] { (b.name) }
                    }
                } }
            p { button type="submit" { "Afficher" } }
        }
        ul.figures {
            li { span.n { (int(c.rows.len() as i64)) } "sections (bassin × " (code_label) ")" }
            li { span.n { (flag(Flag::SousRemplie)) } "sections sous-remplies" }
            li { span.n { (flag(Flag::SurDemandee)) } "sections sur-demandées" }
            li { span.n { (c.gaps.len()) } "métiers en tension sans formation dans le bassin" }
        }
        (map(&st, &c))
        h2 { "Sections signalées" }
        p.hint { "Sous-remplie : moins de 60 % des places prises sur au moins deux sessions commencées. "
            "Sur-demandée : au moins 95 % des places prises et au moins 5 demandeurs d'emploi par place, ou tension ≥ 4/5." }
        (table(&c, &names, code_label, true))
        h2 { "Métiers en tension sans formation dans le bassin" }
        table {
            caption { "Tension DARES ≥ 4/5 et au moins 20 demandeurs d'emploi, aucune session sur la période" }
            thead { tr { th { "Bassin" } th { "Métier" } th.num { "Demandeurs d'emploi" } th.num { "Tension (1–5)" } } }
            tbody { @for g in c.gaps.iter().take(100) {
                tr { td { (g.bassin_name) } td { a href={ "/metiers/" (g.rome) } { (g.rome) " " (rome_names.get(g.rome.as_str()).copied().unwrap_or("")) } } td.num { (int(g.jobseekers.round() as i64)) } td.num { (g.tension) } }
            } }
        }
        h2 { "Toutes les sections" }
        (table(&c, &names, code_label, false))
    };
    Ok(crate::layout::page(
        "Carte des formations",
        "/formations",
        &[("/formations", "Formations"), ("", "Carte des formations")],
        body,
    ))
}

/// Label of an occupation (ROME fiche) or a Formacode.
fn labels(st: &AppState, dim: Dimension) -> HashMap<&str, &str> {
    match dim {
        Dimension::Rome => st
            .data
            .rome
            .fiches
            .iter()
            .map(|f| (f.code.as_str(), f.label.as_str()))
            .collect(),
        Dimension::Formacode => st
            .data
            .formacodes
            .iter()
            .map(|f| (f.code.as_str(), f.label.as_str()))
            .collect(),
    }
}

fn table(c: &Carte, labels: &HashMap<&str, &str>, code_label: &str, flagged: bool) -> Markup {
    html! {
        table {
            caption { @if flagged { "Sections à revoir lors de la révision annuelle" } @else { "Par bassin, places offertes décroissantes (500 premières)" } }
            thead { tr { th { "Bassin" } th { (code_label) } th.num { "Sessions" } th.num { "Places offertes" } th.num { "Remplissage" }
                th.num { "Demandeurs d'emploi" } th.num { "Tension" } th.num { "Emploi à 6 mois" } th { "Signalement" } } }
            tbody {
                @for r in c.rows.iter().filter(|r| !flagged || !r.flags.is_empty()).take(500) {
                    tr {
                        td { (r.bassin_name) }
                        td { (r.code) " " (labels.get(r.code.as_str()).copied().unwrap_or("")) }
                        td.num { (r.sessions) }
                        td.num { (int(r.seats_offered)) }
                        td.num { (pct(r.occupancy)) }
                        td.num { (r.jobseekers.map(|j| int(j.round() as i64)).unwrap_or_else(|| "—".into())) }
                        td.num { (r.tension.map(|t| format!("{t}/5")).unwrap_or_else(|| "—".into())) }
                        td.num { (pct(r.employment_rate_6m.map(|v| v / 100.0))) }
                        td { @for f in &r.flags { span.badge { (f.label_fr()) } " " } }
                    }
                }
            }
        }
    }
}
