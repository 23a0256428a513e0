//! Territory pages: any perimeter, with its map, population, sub-areas and offers.

use crate::error::PageResult;
use crate::layout::{int, page};
use crate::map::{class_colour, quantile_breaks};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use maud::{html, Markup};
use std::collections::BTreeMap;
use tremplin_domain::perimeter::{PerimeterKind, ResolvedPerimeter};

/// Population, commune count and offers per bassin, for the communes of a perimeter.
fn by_bassin(st: &AppState, p: &ResolvedPerimeter<'_>) -> BTreeMap<String, (i64, usize, usize)> {
    let mut m: BTreeMap<String, (i64, usize, usize)> = BTreeMap::new();
    for c in &p.communes {
        let e = m.entry(c.bassin.clone()).or_default();
        e.0 += c.population;
        e.1 += 1;
        e.2 += st.ix.offers_by_commune.get(&c.code).map_or(0, Vec::len);
    }
    m
}

/// The region map with bassins coloured by population (5 quantile classes).
pub fn population_map(st: &AppState, highlight: Option<&str>) -> Markup {
    let Some(map) = st.map.as_ref() else {
        return html! { p.notice { "Carte indisponible : fond TopoJSON introuvable." } };
    };
    let Ok(region) = st
        .data
        .geo
        .resolve(&tremplin_domain::Perimeter::grand_est())
    else {
        return html! {};
    };
    let stats = by_bassin(st, &region);
    let mut pops: Vec<f64> = stats.values().map(|v| v.0 as f64).collect();
    let breaks = quantile_breaks(&mut pops);
    let fill =
        |b: &str| class_colour(stats.get(b).map_or(0.0, |v| v.0 as f64), &breaks).to_string();
    let label = |b: &str| format!("{} habitants", int(stats.get(b).map_or(0, |v| v.0)));
    let svg = map.render(
        "Bassins d'emploi du Grand Est, colorés selon la population",
        &st.data.geo,
        &fill,
        &label,
        highlight,
    );
    crate::map::figure(
        svg,
        "Légende : population du bassin",
        &breaks,
        &|x| format!("{} hab.", int(x as i64)),
        html! { (map.bassin_count()) " bassins d'emploi ; limites approchées par les EPCI (chaque EPCI est rattaché au bassin qui en regroupe la plus grande population). Cliquez sur un bassin pour l'ouvrir." },
    )
}

pub async fn index(
    State(st): State<AppState>,
    Query(q): Query<super::find::FindQuery>,
) -> PageResult {
    let geo = &st.data.geo;
    let deps: Vec<(String, String)> = {
        let mut d: Vec<&str> = geo
            .communes
            .iter()
            .filter(|c| c.region == "44")
            .map(|c| c.departement.as_str())
            .collect();
        d.sort_unstable();
        d.dedup();
        d.into_iter()
            .map(|c| {
                (
                    c.to_string(),
                    geo.departements.get(c).cloned().unwrap_or_default(),
                )
            })
            .collect()
    };
    let body = html! {
        h1 { "Territoires" }
        p { "Tout chiffre territorial est calculé à la commune ou au bassin puis agrégé au périmètre demandé : commune, EPCI, bassin d'emploi, zone d'emploi, département, région ou ensemble de communes choisi." }
        (super::find::search_form(&q.q, geo))
        h2 { a href="/territoires/region/44" { "Région Grand Est" } }
        h2 { "Départements" }
        ul.plain { @for (c, n) in &deps { li { a href={ "/territoires/departement/" (c) } { (n) " (" (c) ")" } } } }
        h2 { "Bassins d'emploi" }
        ul.plain { @for a in geo.bassins_of_region("44") { li { a href={ "/territoires/bassin/" (a.code) } { (a.name) } } } }
        (super::find::custom_form("", "", None))
    };
    Ok(page(
        "Territoires",
        "",
        &[("/territoires", "Territoires")],
        body,
    ))
}

pub async fn territory(
    State(st): State<AppState>,
    Path((kind, code)): Path<(String, String)>,
) -> PageResult {
    let perimeter = st.perimeter(&kind, &code).await?;
    let p = st.data.geo.resolve(&perimeter)?;
    let offers = st.offers_in(&p);
    let stats = by_bassin(&st, &p);
    let title = format!("{} — {}", p.name, perimeter.kind.label_fr());
    let in_ge = p.communes.iter().any(|c| c.region == "44");
    let highlight = (perimeter.kind == PerimeterKind::Bassin).then_some(code.as_str());
    let base = format!(
        "/territoires/{}/{}",
        perimeter.kind.as_str(),
        perimeter.code
    );
    let body = html! {
        h1 { (p.name) }
        p.lead { (perimeter.kind.label_fr()) " · code " (perimeter.code) }
        ul.figures {
            li { span.n { (int(p.population())) } "habitants" }
            li { span.n { (int(p.communes.len() as i64)) } "communes" }
            li { span.n { (int(stats.len() as i64)) } "bassin(s) d'emploi" }
            li { span.n { (int(offers.len() as i64)) } "offres d'emploi localisées" }
        }
        p { a.button href={ (base) "/portrait" } { "Portrait du territoire" } " " a.button href={ (base) "/competences" } { "Compétences recherchées" } }
        @if in_ge { h2 { "Carte" } (population_map(&st, highlight)) }
        h2 { "Bassins d'emploi du périmètre" }
        table {
            caption.visually-hidden { "Bassins d'emploi" }
            thead { tr { th scope="col" { "Bassin" } th scope="col" class="num" { "Communes" } th scope="col" class="num" { "Population" } th scope="col" class="num" { "Offres" } } }
            tbody {
                @for (b, (pop, n, o)) in &stats {
                    tr {
                        td { a href={ "/territoires/bassin/" (b) } { (st.data.geo.bassins.get(b).cloned().unwrap_or_else(|| b.clone())) } }
                        td.num { (int(*n as i64)) } td.num { (int(*pop)) } td.num { (int(*o as i64)) }
                    }
                }
            }
        }
        @if p.communes.len() <= 600 {
            details {
                summary { "Communes (" (p.communes.len()) ")" }
                p { @for (i, c) in p.communes.iter().enumerate() { @if i > 0 { ", " } a href={ "/territoires/commune/" (c.code) } { (c.name) } } }
            }
        }
        h2 { "Dernières offres d'emploi" }
        @if offers.is_empty() { p { "Aucune offre localisée dans ce périmètre parmi les offres chargées." } }
        ul.plain {
            @for &i in offers.iter().take(25) {
                @let o = &st.data.offers[i];
                li { a href={ "/offres/" (o.id) } { (tremplin_skills::entities::unescape(&o.title)) } " — " (o.place_label) " — " a href={ "/metiers/" (o.rome) } { (o.rome) } }
            }
        }
    };
    Ok(page(
        &title,
        if perimeter.kind == PerimeterKind::Region && code == "44" {
            "/territoires/region/44"
        } else {
            ""
        },
        &[("/territoires", "Territoires"), ("", &p.name)],
        body,
    ))
}
