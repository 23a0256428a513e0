//! Observatory pages: `/territoires/{kind}/{code}/portrait` and `/tension`, plus exports.

use super::tables::{self, Table};
use super::{charts, perimeter_param};
use crate::error::{ApiError, PageError, PageResult};
use crate::layout::{int, page};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use serde::Deserialize;
use std::sync::Arc;
use tremplin_domain::perimeter::PerimeterKind;
use tremplin_observatory::classify::TensionClass;
use tremplin_observatory::model::in_tension;
use tremplin_observatory::pdf::{self, Line};
use tremplin_observatory::Portrait;

#[derive(Debug, Deserialize, Default)]
pub struct PortraitParams {
    pub compare: Option<String>,
    pub table: Option<String>,
    pub format: Option<String>,
}

async fn portraits(
    st: &AppState,
    kind: &str,
    code: &str,
    compare: Option<&str>,
) -> Result<Vec<Arc<Portrait>>, ApiError> {
    let p = st.perimeter(kind, code).await?;
    let mut v = vec![st.observatory.portrait(&st.data, &p)?];
    v.extend(
        st.observatory
            .region
            .clone()
            .filter(|r| r.perimeter != v[0].perimeter),
    );
    if let Some(c) = compare.filter(|c| !c.trim().is_empty()) {
        v.push(
            st.observatory
                .portrait(&st.data, &perimeter_param(st, c.trim()).await?)?,
        );
    }
    Ok(v)
}

/// The portrait's content, shared by the page and the standalone HTML document.
pub fn portrait_body(
    all: &[&Portrait],
    map: Option<Markup>,
    export_base: Option<&str>,
    form: Markup,
) -> Markup {
    let p = all[0];
    let tabs = tables::portrait_tables(p, &all[1..]);
    let export = |name: &str| match export_base {
        Some(b) => {
            html! { p.hint { "Exporter : " a href={ (b) "?table=" (name) "&format=csv" } { "CSV" } " · " a href={ (b) "?table=" (name) "&format=xlsx" } { "XLSX" } } }
        }
        None => html! {},
    };
    let years: Vec<(String, tremplin_observatory::Figure)> = p.collected_by_year.clone();
    html! {
        h1 { "Portrait : " (p.name) }
        p.lead { (p.kind) " · " (p.perimeter) " · " (int(p.communes as i64)) " commune(s) · " (int(p.population)) " habitants" }
        p { "Chiffres du marché du travail : DARES 2021 (offres enregistrées, demandeurs d'emploi ABC), rapportés au périmètre au prorata de la population des bassins d'emploi. "
            "Les effectifs inférieurs à 5 ne sont pas publiés (secret statistique) : ils apparaissent « n.d. »." }
        (form)
        h2 { "Chiffres clés" }
        (tabs[0].html()) (export("comparaison"))
        @if let Some(m) = map { h2 { "Carte des tensions" } (m) }
        h2 { "Métiers en tension" }
        p { (int(p.class_a as i64)) " métier(s) en tension structurelle (classe A) et " (int(p.class_b as i64)) " en vigilance (classe B), classés par volume d'offres." }
        (charts::bars("Offres par demandeur d'emploi des principaux métiers en tension", &p.top_tension.iter().map(|t| (t.label.clone(), t.ratio.clone())).collect::<Vec<_>>(), 2))
        (tabs[1].html()) (export("metiers"))
        h2 { "Compétences les plus recherchées" }
        (tabs[2].html()) (export("competences"))
        h2 { "Formations et insertion" }
        @if p.training.is_empty() { p { "Aucune certification rattachée à ces métiers n'a de résultat InserJeunes dans la région." } }
        @else { (tabs[3].html()) (export("formations")) }
        h2 { "Offres collectées par Tremplin" }
        @if years.is_empty() { p { "Aucune offre collectée n'est localisée dans ce périmètre." } }
        @else { (charts::bars("Offres collectées par année de création", &years, 0)) }
        h2 { "Diagnostic (projet)" }
        p.hint { "Projet de diagnostic généré à partir des chiffres ci-dessus ; chaque constat cite son chiffre et sa source. À relire et compléter par les acteurs du territoire." }
        @for (title, list) in [("Forces", &p.swot.strengths), ("Faiblesses", &p.swot.weaknesses), ("Opportunités", &p.swot.opportunities), ("Menaces", &p.swot.threats)] {
            h3 { (title) }
            @if list.is_empty() { p { "Aucun constat chiffré." } }
            ul { @for s in list.iter() { li { (s.text) br; small { "Chiffre : " (s.figure) } } } }
        }
        (export("diagnostic"))
        h2 { "Méthode" }
        p { "Ratio offres / demandeurs et quintile : calculés par Tremplin (quintiles nationaux des cellules fiche ROME × bassin). "
            "Indicateurs complémentaires : publiés par la DARES (2021), moyenne pondérée par les demandeurs d'emploi quand le périmètre couvre plusieurs bassins. "
            "Classes A / B : méthode Bretagne appliquée aux séries annuelles DARES 2011-2019 des familles professionnelles (FAP)." }
    }
}

pub async fn portrait_page(
    State(st): State<AppState>,
    Path((kind, code)): Path<(String, String)>,
    Query(q): Query<PortraitParams>,
) -> PageResult {
    let all = portraits(&st, &kind, &code, q.compare.as_deref()).await?;
    let refs: Vec<&Portrait> = all.iter().map(|a| a.as_ref()).collect();
    let p = refs[0];
    let in_ge = p.region == "44";
    let highlight = (kind == PerimeterKind::Bassin.as_str()).then_some(code.as_str());
    let map = in_ge.then(|| {
        charts::tension_map(
            st.map.as_ref().as_ref(),
            &st.data.geo,
            &st.observatory.bassin_ratio,
            highlight,
        )
    });
    let base = format!("/territoires/{kind}/{code}/portrait");
    let form = html! {
        form.search method="get" action=(base) {
            label for="compare" { "Comparer avec un autre périmètre (TYPE:CODE, par ex. bassin:4402)" }
            input id="compare" name="compare" value=(q.compare.clone().unwrap_or_default());
            button type="submit" { "Comparer" }
        }
    };
    let body = portrait_body(&refs, map, Some(&format!("{base}/export")), form);
    let back = format!("/territoires/{kind}/{code}");
    Ok(page(
        &format!("Portrait — {}", p.name),
        "",
        &[
            ("/territoires", "Territoires"),
            (&back, &p.name),
            ("", "Portrait"),
        ],
        body,
    ))
}

pub async fn portrait_export(
    State(st): State<AppState>,
    Path((kind, code)): Path<(String, String)>,
    Query(q): Query<PortraitParams>,
) -> Result<Response, PageError> {
    let all = portraits(&st, &kind, &code, q.compare.as_deref()).await?;
    let refs: Vec<&Portrait> = all.iter().map(|a| a.as_ref()).collect();
    let tabs = tables::portrait_tables(refs[0], &refs[1..]);
    let chosen: Vec<&Table> = match q.table.as_deref() {
        None | Some("") => tabs.iter().collect(),
        Some(name) => tabs.iter().filter(|t| t.name == name).collect(),
    };
    if chosen.is_empty() {
        return Err(ApiError::bad_request(
            "table inconnue : attendu comparaison, metiers, competences, formations ou diagnostic",
        )
        .into());
    }
    export(
        &chosen,
        &format!("portrait-{kind}-{code}"),
        q.format.as_deref(),
    )
}

/// A CSV (one table) or XLSX (one sheet per table) download.
fn export(chosen: &[&Table], stem: &str, format: Option<&str>) -> Result<Response, PageError> {
    match format.unwrap_or("csv") {
        "csv" if chosen.len() == 1 => Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{stem}-{}.csv\"", chosen[0].name),
                ),
            ],
            chosen[0].csv(),
        )
            .into_response()),
        "csv" => Err(ApiError::bad_request("CSV : choisir une table (paramètre table)").into()),
        "xlsx" => {
            let bytes = tables::xlsx(chosen).map_err(ApiError::internal)?;
            Ok((
                [
                    (
                        header::CONTENT_TYPE,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                            .to_string(),
                    ),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{stem}.xlsx\""),
                    ),
                ],
                bytes,
            )
                .into_response())
        }
        other => Err(ApiError::bad_request(format!(
            "format « {other} » invalide : attendu csv ou xlsx"
        ))
        .into()),
    }
}

#[derive(Debug, Deserialize, Default)]
pub struct TensionFilter {
    pub perimeter: Option<String>,
    pub by: Option<String>,
    pub quintile: Option<String>,
    pub class: Option<String>,
    pub q: Option<String>,
    pub period: Option<String>,
    pub format: Option<String>,
}

pub async fn tension_page(
    State(st): State<AppState>,
    Query(f): Query<TensionFilter>,
) -> Result<Response, PageError> {
    let per = f
        .perimeter
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "region:44".into());
    let p = perimeter_param(&st, per.trim()).await?;
    let t = super::tension_for(&st, &p, f.period.as_deref()).await?;
    let min_q: u8 = f
        .quintile
        .as_deref()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let class = match f.class.as_deref() {
        Some("A") => Some(TensionClass::A),
        Some("B") => Some(TensionClass::B),
        _ => None,
    };
    let needle = tremplin_domain::text::fold(f.q.as_deref().unwrap_or(""));
    let by_fap = f.by.as_deref() == Some("fap");
    let rows: Vec<_> = (if min_q >= 4 {
        in_tension(&t.rows)
    } else {
        t.rows.iter().collect()
    })
    .into_iter()
    .filter(|r| r.fiche.quintile.unwrap_or(0) >= min_q)
    .filter(|r| class.is_none() || r.class == class)
    .filter(|r| {
        needle.is_empty()
            || tremplin_domain::text::fold(&r.fiche.label).contains(&needle)
            || r.fiche.rome.to_lowercase().contains(&needle)
    })
    .collect();
    let title = format!(
        "Tension par métier — {} ({}), {}",
        t.name, t.perimeter, t.period
    );
    let table = if by_fap {
        let owned: Vec<_> = rows.iter().map(|r| (*r).clone()).collect();
        let fr = st
            .observatory
            .obs
            .fap_rows(&owned, &st.data.fap_rome, &st.data.fap_tension, "44");
        tables::fap(&fr, &title)
    } else {
        tables::tension(&rows, &title)
    };
    if let Some(fmt) = f
        .format
        .as_deref()
        .filter(|s| !s.is_empty() && *s != "html")
    {
        return export(
            &[&table],
            &format!("tension-{}", t.perimeter.replace(':', "-")),
            Some(fmt),
        );
    }
    let qs = |fmt: &str| {
        format!(
            "/tension?perimeter={}&period={}&by={}&quintile={}&class={}&q={}&format={fmt}",
            enc(per.trim()),
            enc(&t.period),
            enc(f.by.as_deref().unwrap_or_default()),
            min_q,
            enc(f.class.as_deref().unwrap_or_default()),
            enc(f.q.as_deref().unwrap_or_default())
        )
    };
    let body = html! {
        h1 { "Tensions sur le marché du travail" }
        p.lead { "Offres et demandeurs d'emploi par métier et par territoire (DARES 2021 ou périodes importées), ratio et quintile calculés par Tremplin, indicateurs complémentaires publiés, classes A (tension structurelle) et B (vigilance)." }
        form.search method="get" action="/tension" {
            label for="perimeter" { "Périmètre (TYPE:CODE)" } input id="perimeter" name="perimeter" value=(per);
            label for="period" { "Période" } input id="period" name="period" size="7" value=(t.period);
            label for="by" { "Niveau" }
            select id="by" name="by" { option value="rome" selected[!by_fap] { "Fiche ROME" } option value="fap" selected[by_fap] { "Famille professionnelle (FAP)" } }
            label for="quintile" { "Quintile minimal" }
            select id="quintile" name="quintile" { @for k in 0..=5u8 { option value=(k) selected[k == min_q] { @if k == 0 { "tous" } @else { (k) } } } }
            label for="class" { "Classe" }
            select id="class" name="class" { option value="" { "toutes" } option value="A" selected[class == Some(TensionClass::A)] { "A – structurelle" } option value="B" selected[class == Some(TensionClass::B)] { "B – vigilance" } }
            label for="q" { "Métier contient" } input id="q" name="q" value=(f.q.clone().unwrap_or_default());
            button type="submit" { "Filtrer" }
        }
        @if let Some(note) = &st.observatory.classes_note { p.notice { (note) } }
        p { (int(table.rows.len() as i64)) " ligne(s). Exporter : " a href=(qs("csv")) { "CSV" } " · " a href=(qs("xlsx")) { "XLSX" }
            " · " a href={ "/territoires/" (p.kind.as_str()) "/" (p.code) "/portrait" } { "Portrait du territoire" } }
        p.hint { "« n.d. » : effectif inférieur à 5 (secret statistique) ou indicateur non publié — survoler pour la raison." }
        (table.html())
        (method(&st.observatory.validation))
    };
    Ok(page("Tensions", "/tension", &[("", "Tensions")], body).into_response())
}

/// A self-contained HTML portrait (inline stylesheet), for `tremplin portrait --format html`;
/// `map` is the Grand Est choropleth when the perimeter is in the region.
pub fn portrait_document(all: &[&Portrait], map: Option<Markup>) -> String {
    let body = portrait_body(all, map, None, html! {});
    html! {
        (DOCTYPE)
        html lang="fr" {
            head { meta charset="utf-8"; title { "Portrait — " (all[0].name) " — Tremplin" } style { (PreEscaped(crate::layout::STYLE)) } }
            body { main id="contenu" { (body) } }
        }
    }
    .into_string()
}

/// The choropleth of a standalone portrait: the bundled Grand Est map, `None` outside the region.
pub fn document_map(
    st: &super::ObservatoryState,
    geo: &tremplin_domain::geo::Geography,
    p: &Portrait,
) -> Option<Markup> {
    if p.region != "44" {
        return None;
    }
    let topo = tremplin_ingest::reader::read_text(&tremplin_ingest::bundle::bundled(
        "geo/nodom_epci_2025.topojson",
    ))
    .ok()?;
    let map = crate::map::RegionMap::from_topojson(&topo, geo, "44");
    let highlight = p.perimeter.strip_prefix("bassin:");
    Some(charts::tension_map(
        map.as_ref(),
        geo,
        &st.bassin_ratio,
        highlight,
    ))
}

/// A printable PDF portrait, for `tremplin portrait --format pdf`.
pub fn portrait_pdf(all: &[&Portrait]) -> Vec<u8> {
    let p = all[0];
    let mut lines = vec![
        Line::Title(format!("Portrait : {}", p.name)),
        Line::Text(format!("{} - {} - {} commune(s), {} habitants", p.kind, p.perimeter, p.communes, int(p.population))),
        Line::Text("Sources : DARES 2021, InserJeunes, ROME 4.0 ; effectifs inférieurs à 5 non publiés (n.d.).".into()),
    ];
    for t in tables::portrait_tables(p, &all[1..]) {
        lines.push(Line::Blank);
        lines.push(Line::Heading(t.title.clone()));
        for r in &t.rows {
            let cells: Vec<String> = t
                .headers
                .iter()
                .zip(r)
                .map(|(h, c)| format!("{h} : {}", c.csv()))
                .collect();
            lines.push(Line::Text(cells.join(" ; ")));
        }
    }
    pdf::render(&format!("Portrait {}", p.name), &lines)
}

/// How the tension figures are made, with the validation figures against DARES.
fn method(validation: &[tremplin_observatory::validate::Validation]) -> Markup {
    let pct = |x: f64| tremplin_observatory::secret::fmt_fr(x * 100.0, 1);
    html! {
        h2 { "Méthode" }
        ul {
            li { strong { "Calculé par Tremplin : " } "offres / demandeurs d'emploi ABC par fiche ROME et bassin (entrées DARES 2021 : offres enregistrées « oee », demandeurs « defm_abc »), puis quintile de ce ratio parmi toutes les cellules fiche × bassin de France. Un périmètre reçoit la part de chaque bassin au prorata de sa population." }
            li { strong { "Publié par la DARES : " } "indicateur synthétique de tension et six indicateurs complémentaires (quintiles 1 à 5) ; moyenne pondérée par les demandeurs d'emploi quand le périmètre couvre plusieurs bassins." }
            li { strong { "Classes (méthode Bretagne) : " } "A = en tension (quintile 4-5) au moins 80 % des 25 derniers trimestres ; B = au moins 75 % des 8 derniers trimestres ; sur les séries annuelles DARES 2011-2019 des familles professionnelles : 5 des 6 dernières années (A), les 2 dernières (B). Classement par volume d'offres." }
            li { strong { "Secret statistique : " } "aucun effectif inférieur à 5 n'est publié, ni aucun chiffre qui en dérive ; il apparaît « n.d. » avec sa raison." }
        }
        @if !validation.is_empty() {
            table {
                caption { "Validation du calcul Tremplin contre l'indicateur publié (ind_tension_d)" }
                thead { tr { th scope="col" { "Champ" } th scope="col" class="num" { "Cellules" } th scope="col" class="num" { "ρ de Spearman" }
                    th scope="col" class="num" { "Accord exact (%)" } th scope="col" class="num" { "Accord à ±1 (%)" } th scope="col" class="num" { "Borne d'accord exact (%)" } } }
                tbody { @for v in validation { tr {
                    td { (v.scope) } td.num { (int(v.cells as i64)) } td.num { (tremplin_observatory::secret::fmt_fr(v.rho_ratio, 2)) }
                    td.num { (pct(v.exact)) } td.num { (pct(v.within_one)) } td.num { (pct(v.exact_upper_bound)) }
                } } }
            }
            p.hint { "La borne est le meilleur accord exact que pourrait atteindre n'importe quel classement du seul ratio offres / demandeurs : l'indicateur publié ne se déduit donc pas de ces deux effectifs seuls : la méthode DARES s'appuie sur d'autres entrées, absentes des données ouvertes embarquées." }
        }
    }
}

/// Percent-encodes a query-string value.
fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.:~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
