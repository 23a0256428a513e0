//! Occupation search and the fiche métier page.

use crate::error::PageResult;
use crate::layout::{int, page};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use maud::{html, Markup};
use serde::Deserialize;
use std::collections::BTreeMap;
use tremplin_domain::rome::{SkillKind, SkillRef};

#[derive(Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

pub async fn search(State(st): State<AppState>, Query(q): Query<SearchQuery>) -> PageResult {
    let hits = st.ix.search.search(&st.data.rome, &q.q, 30);
    let body = html! {
        h1 { "Métiers" }
        form.search role="search" action="/metiers" method="get" {
            div {
                label for="q" { "Intitulé de métier ou appellation" }
                input #q type="search" name="q" value=(q.q) autocomplete="off";
            }
            button type="submit" { "Rechercher" }
        }
        @if !q.q.trim().is_empty() {
            p role="status" { (hits.len()) " fiche(s) pour « " (q.q) " »" }
            @if !hits.is_empty() {
                table {
                    caption { "Résultats" }
                    thead { tr { th scope="col" { "Code" } th scope="col" { "Fiche métier" } th scope="col" { "Appellation trouvée" } } }
                    tbody {
                        @for h in &hits {
                            tr { td { (h.rome) } td { a href={ "/metiers/" (h.rome) } { (h.fiche_label) } } td { (h.matched) } }
                        }
                    }
                }
            }
        } @else {
            p.hint { "La recherche ignore accents et majuscules et tolère les fautes de frappe." }
        }
    };
    Ok(page(
        "Métiers",
        "/metiers",
        &[("/metiers", "Métiers")],
        body,
    ))
}

fn skill_list(items: &[(SkillRef<'_>, bool)]) -> Markup {
    html! {
        ul.plain {
            @for (s, core) in items {
                li {
                    (s.label())
                    @if *core { " " span.badge.core { "cœur de métier" } }
                    @if s.transition_eco() { " " span.badge.eco { "transition écologique" } }
                    @if s.transition_num() { " " span.badge.num { "transition numérique" } }
                }
            }
        }
    }
}

pub async fn fiche(State(st): State<AppState>, Path(code): Path<String>) -> PageResult {
    let d = &st.data;
    let ix = &st.ix;
    let f = st.fiche(&code)?;
    let texts = |kind: &str| {
        d.rome
            .texts
            .iter()
            .filter(|t| t.rome == code && t.kind == kind)
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
    };
    let mut by_kind: BTreeMap<u8, Vec<(SkillRef<'_>, bool)>> = BTreeMap::new();
    for &k in ix.rome.items_of.get(&code).into_iter().flatten() {
        let it = &d.rome.items[k];
        if let Some(s) = d.rome.skill(&ix.rome, &it.code) {
            let order = match it.kind {
                SkillKind::SavoirFaire => 0,
                SkillKind::SavoirEtre => 1,
                SkillKind::Savoir => 2,
            };
            by_kind.entry(order).or_default().push((s, it.core));
        }
    }
    let appellations: Vec<&str> = ix
        .rome
        .appellations_of
        .get(&code)
        .into_iter()
        .flatten()
        .map(|&a| d.rome.appellations[a].label.as_str())
        .collect();
    let mobilities: Vec<(&str, &str)> = d
        .rome
        .mobilities
        .iter()
        .filter(|m| m.from == code)
        .filter_map(|m| {
            ix.rome
                .fiche
                .get(&m.to)
                .map(|&j| (m.to.as_str(), d.rome.fiches[j].label.as_str()))
        })
        .collect();
    let certs: Vec<_> = ix
        .certifications_by_rome
        .get(&code)
        .into_iter()
        .flatten()
        .map(|&c| &d.certifications[c])
        .collect();
    let offers: Vec<_> = ix
        .offers_by_rome
        .get(&code)
        .into_iter()
        .flatten()
        .map(|&o| &d.offers[o])
        .collect();
    let title = format!("{} ({})", f.label, f.code);
    let body = html! {
        h1 { (f.label) " " span.badge { (f.code) } }
        p.lead { (f.grand_domain_label) " › " (f.domain_label) }
        p {
            @if !f.transition_eco.is_empty() && f.transition_eco != "Emploi Blanc" { span.badge.eco { (f.transition_eco) } " " }
            @if f.transition_num { span.badge.num { "Transition numérique" } " " }
            @if f.emploi_cadre { span.badge { "Emploi cadre" } " " }
            @if f.emploi_reglemente { span.badge { "Emploi réglementé" } }
        }
        @let def = texts("definition");
        @if !def.is_empty() { h2 { "Définition" } @for t in def { p { (t) } } }
        @let acces = texts("acces_metier");
        @if !acces.is_empty() { h2 { "Accès au métier" } @for t in acces { p { (t) } } }
        h2 { "Appellations (" (appellations.len()) ")" }
        p { (appellations.join(" · ")) }
        div.cols {
            @for (k, title) in [(0u8, "Savoir-faire"), (1, "Savoir-être professionnels"), (2, "Savoirs")] {
                @if let Some(items) = by_kind.get(&k) {
                    section { h2 { (title) " (" (items.len()) ")" } (skill_list(items)) }
                }
            }
        }
        h2 { "Mobilités professionnelles (" (mobilities.len()) ")" }
        ul.plain { @for (c, l) in &mobilities { li { a href={ "/metiers/" (c) } { (l) } " (" (c) ")" } } }
        h2 { "Certifications qui y mènent (" (certs.len()) ")" }
        @if certs.is_empty() { p { "Aucune certification référencée vers cette fiche." } } @else {
            table {
                caption.visually-hidden { "Certifications" }
                thead { tr { th scope="col" { "Certification" } th scope="col" { "Type" } th scope="col" { "Niveau" } th scope="col" { "RNCP" } } }
                tbody { @for c in certs.iter().take(40) { tr { td { (c.label) } td { (c.type_label) } td { (c.level) } td { (c.rncp) } } } }
            }
            @if certs.len() > 40 { p.hint { "… et " (certs.len() - 40) " autres." } }
        }
        h2 { "Offres d'emploi (" (int(offers.len() as i64)) ")" }
        ul.plain {
            @for o in offers.iter().take(20) {
                li { a href={ "/offres/" (o.id) } { (tremplin_skills::entities::unescape(&o.title)) } " — " (o.place_label) " — " (o.created.get(..10).unwrap_or("")) }
            }
        }
    };
    Ok(page(
        &title,
        "/metiers",
        &[("/metiers", "Métiers"), ("", &title)],
        body,
    ))
}
