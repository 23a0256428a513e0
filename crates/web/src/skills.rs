//! Skills surfaces: extraction API, trends API, offer page with its evidence, skills of a
//! territory with sparklines, emerging skills in Grand Est. Trends count text evidence only.

use crate::error::{ApiError, ApiResult, PageResult};
use crate::layout::{dec, page};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use maud::{html, Markup, PreEscaped};
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::{Arc, OnceLock};
use tremplin_skills::entities::unescape;
use tremplin_skills::trends::{classify, series, Period, Trend, TrendClass};
use tremplin_skills::zones::EmployerZones;
use tremplin_skills::{Engine, Evidence, Extraction};
use tremplin_store::Snapshot;
use utoipa::OpenApi;

mod reader;

#[derive(OpenApi)]
#[openapi(paths(api_extract, api_trends))]
pub struct ApiDoc;

/// The engine and the extraction of every stored offer, built on first use.
#[derive(Default)]
pub struct SkillsState {
    engine: OnceLock<Result<Arc<Engine>, String>>,
    offers: OnceLock<Vec<Extraction>>,
}

impl SkillsState {
    pub fn engine(&self) -> ApiResult<&Engine> {
        let e = self.engine.get_or_init(|| {
            tremplin_skills::bundle::engine(&tremplin_ingest::bundle::data_dir()).map(Arc::new)
        });
        e.as_deref()
            .map_err(|m| ApiError::internal(format!("moteur de compétences : {m}")))
    }

    /// Extractions of the snapshot's offers (same order), from their text alone.
    pub fn offers(&self, data: &Snapshot) -> ApiResult<&[Extraction]> {
        let engine = self.engine()?;
        Ok(self.offers.get_or_init(|| {
            let n = std::thread::available_parallelism().map_or(1, |c| c.get());
            let chunk = data.offers.len().div_ceil(n).max(1);
            std::thread::scope(|s| {
                let parts: Vec<_> = data
                    .offers
                    .chunks(chunk)
                    .map(|part| {
                        s.spawn(move || {
                            part.iter()
                                .map(|o| engine.extract(&o.title, &o.description, None))
                                .collect::<Vec<_>>()
                        })
                    })
                    .collect();
                parts
                    .into_iter()
                    .flat_map(|p| p.join().unwrap_or_default())
                    .collect()
            })
        }))
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/skills/extract", post(api_extract))
        .route("/api/v1/skills/trends", get(api_trends))
        .route("/offres/{id}", get(offer_page))
        .route(
            "/territoires/{kind}/{code}/competences",
            get(territory_page),
        )
        .route("/competences/emergentes", get(emerging_page))
        .route(reader::PATH, get(reader::show).post(reader::read))
}

#[derive(Deserialize)]
pub struct ExtractBody {
    /// Free text (offer description, CV, experience).
    text: String,
    #[serde(default)]
    title: String,
    /// A ROME code to trust instead of detecting the occupation.
    #[serde(default)]
    rome: Option<String>,
}

/// Reads a French text: occupation, then skills with their evidence (`text` with byte spans
/// into `title + "\n" + text`, or `occupation`), then `core_gap`: the core items (cœur de
/// métier) of the fiche that the text does not attest.
#[utoipa::path(post, path = "/api/v1/skills/extract", tag = "compétences",
    request_body(content = Value, description = "{\"text\": \"...\", \"title\": \"...\", \"rome\": \"M1805\"}"),
    responses((status = 200, description = "Extraction"), (status = 400, description = "Texte vide ou trop long, code ROME inconnu")))]
async fn api_extract(
    State(st): State<AppState>,
    Json(body): Json<ExtractBody>,
) -> ApiResult<Json<Value>> {
    if let Some(problem) = text_problem(&body.title, &body.text) {
        return Err(ApiError::bad_request(format!("text : {problem}")));
    }
    let engine = st.skills.engine()?;
    let rome = target_fiche(engine, body.rome.as_deref().unwrap_or(""))
        .map_err(|e| ApiError::bad_request(format!("rome : {e}")))?;
    let ex = engine.extract(&body.title, &body.text, rome.as_deref());
    // The fiche's core items that the text does not attest (the gap to that job).
    let gap: Vec<Value> = ex
        .rome
        .as_ref()
        .map(|r| engine.core_gap(&r.code, &ex))
        .unwrap_or_default()
        .into_iter()
        .map(|s| {
            let s = &engine.cat.skills[s as usize];
            json!({"code": s.code, "label": s.label, "kind": s.kind.as_str()})
        })
        .collect();
    let mut out = serde_json::to_value(&ex).map_err(ApiError::internal)?;
    out["core_gap"] = Value::Array(gap);
    Ok(Json(out))
}

/// Why a text sent to be read cannot be: empty, or longer than the engine reads.
pub(crate) fn text_problem(title: &str, text: &str) -> Option<String> {
    let max = tremplin_skills::stream::MAX_TEXT;
    let len = title.len() + 1 + text.len();
    if text.trim().is_empty() && title.trim().is_empty() {
        Some("le texte est vide.".into())
    } else if len > max {
        Some(format!(
            "le texte fait {len} octets, au plus {max} sont lus."
        ))
    } else {
        None
    }
}

/// A ROME code given by a user, upper-cased (`None` when left empty), or why it is refused.
pub(crate) fn target_fiche(engine: &Engine, code: &str) -> Result<Option<String>, String> {
    let code = code.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Ok(None);
    }
    if !engine.cat.fiche_index.contains_key(&code) {
        return Err(format!(
            "le code ROME « {code} » n'existe pas dans le ROME 4.0."
        ));
    }
    Ok(Some(code))
}

#[derive(Deserialize)]
pub struct TrendsQuery {
    perimeter: String,
    #[serde(default)]
    period: Option<String>,
    /// `skill` (default) or `macro` (macro-compétences).
    #[serde(default)]
    level: Option<String>,
    #[serde(default)]
    limit: Option<usize>,
}

/// One skill's series in a perimeter: counts and shares of offers with text evidence.
struct SkillSeries {
    skill: u32,
    counts: Vec<u32>,
    trend: Trend,
}

struct TrendTable {
    name: String,
    periods: Vec<String>,
    offers: Vec<u32>,
    rows: Vec<SkillSeries>,
}

/// Trends of the skills with text evidence in the offers of a perimeter.
async fn trend_table(
    st: &AppState,
    perimeter: &str,
    period: Period,
    macros: bool,
) -> ApiResult<TrendTable> {
    let p = st.resolve_str(perimeter).await?;
    let idx = st.offers_in(&p);
    let extractions = st.skills.offers(&st.data)?;
    let engine = st.skills.engine()?;
    let per_offer: Vec<(&str, Vec<u32>)> = idx
        .iter()
        .map(|&i| {
            let mut s: Vec<u32> = extractions[i]
                .with_evidence(Evidence::Text)
                .filter_map(|h| {
                    let sk = &engine.cat.skills[h.skill as usize];
                    if macros {
                        engine.cat.skill_index.get(&sk.macro_code).copied()
                    } else {
                        Some(h.skill)
                    }
                })
                .collect();
            s.sort_unstable();
            s.dedup();
            (st.data.offers[i].created.as_str(), s)
        })
        .collect();
    let s = series(per_offer.iter().map(|(d, v)| (*d, &v[..])), period);
    let rows = s
        .counts
        .into_iter()
        .map(|(skill, counts)| SkillSeries {
            trend: classify(&counts, &s.offers),
            skill,
            counts,
        })
        .collect();
    Ok(TrendTable {
        name: p.name,
        periods: s.periods,
        offers: s.offers,
        rows,
    })
}

fn parse_period(p: Option<&str>) -> ApiResult<Period> {
    p.map_or(Ok(Period::Quarter), |p| {
        Period::parse(p).ok_or_else(|| {
            ApiError::bad_request(format!("period : « {p} » inconnu (month ou quarter)"))
        })
    })
}

/// Per skill × period in a perimeter: offers with text evidence, their share, and the trend
/// class (z-test, see ARCHITECTURE.md), with ecological / digital transition flags.
#[utoipa::path(get, path = "/api/v1/skills/trends", tag = "compétences",
    params(("perimeter" = String, Query, description = "TYPE:CODE, par ex. region:44"),
           ("period" = Option<String>, Query, description = "month ou quarter (défaut)"),
           ("level" = Option<String>, Query, description = "skill (défaut) ou macro"),
           ("limit" = Option<usize>, Query, description = "nombre de compétences (défaut 50, max 1000)")),
    responses((status = 200, description = "Séries et tendances"), (status = 400, description = "Paramètre invalide")))]
async fn api_trends(
    State(st): State<AppState>,
    Query(q): Query<TrendsQuery>,
) -> ApiResult<Json<Value>> {
    let period = parse_period(q.period.as_deref())?;
    let macros = match q.level.as_deref() {
        None | Some("skill") => false,
        Some("macro") => true,
        Some(l) => {
            return Err(ApiError::bad_request(format!(
                "level : « {l} » inconnu (skill ou macro)"
            )))
        }
    };
    let t = trend_table(&st, &q.perimeter, period, macros).await?;
    let engine = st.skills.engine()?;
    let skills: Vec<Value> = t
        .rows
        .iter()
        .take(q.limit.unwrap_or(50).min(1000))
        .map(|r| {
            let s = &engine.cat.skills[r.skill as usize];
            let shares: Vec<f64> = r.counts.iter().zip(&t.offers).map(|(&c, &n)| c as f64 / n.max(1) as f64).collect();
            json!({"code": s.code, "label": s.label, "kind": s.output_kind(), "sub_kind": s.kind.as_str(),
                   "transition_eco": s.transition_eco, "transition_num": s.transition_num,
                   "counts": r.counts, "shares": shares, "total": r.counts.iter().sum::<u32>(),
                   "trend": {"class": r.trend.class, "z": r.trend.z, "share_before": r.trend.share_before,
                             "share_recent": r.trend.share_recent}})
        })
        .collect();
    Ok(Json(
        json!({"perimeter": q.perimeter, "name": t.name, "period": period, "evidence": "text",
                   "periods": t.periods, "offers": t.offers, "skills": skills}),
    ))
}

/// The text with the passages that support a skill marked, and the sections about the employer
/// (which the engine does not read for skills: "Qui sommes-nous ?", "Ce que nous offrons")
/// set apart and labelled.
fn highlighted(text: &str, ex: &Extraction) -> Markup {
    let mut spans: Vec<[usize; 2]> = ex
        .with_evidence(Evidence::Text)
        .flat_map(|s| s.spans.iter().copied())
        .collect();
    spans.sort_unstable();
    let mut merged: Vec<[usize; 2]> = Vec::new();
    for s in spans {
        match merged.last_mut() {
            Some(m) if s[0] <= m[1] => m[1] = m[1].max(s[1]),
            _ => merged.push(s),
        }
    }
    // The text cut at the employer's sections: (from, to, about the employer).
    let mut cuts: Vec<(usize, usize, bool)> = Vec::new();
    let mut at = 0;
    for &[a, b] in EmployerZones::of_text(text).ranges() {
        cuts.extend((a > at).then_some((at, a, false)));
        cuts.push((a, b, true));
        at = b;
    }
    cuts.extend((at < text.len()).then_some((at, text.len(), false)));
    html! {
        @for (from, to, employer) in cuts {
            @if employer {
                span.employer { span.badge { "Section sur l'employeur : non lue pour les compétences" } " "
                    (marked(text, from, to, &merged)) }
            } @else {
                (marked(text, from, to, &merged))
            }
        }
    }
}

/// `text[from..to]` with the (sorted, disjoint) passages of `marks` inside it marked.
fn marked(text: &str, from: usize, to: usize, marks: &[[usize; 2]]) -> Markup {
    // (plain text before, marked text) pieces, then the tail.
    let mut pieces: Vec<(&str, &str)> = Vec::new();
    let mut at = from;
    for &[a, b] in marks {
        if a >= at && b <= to && text.is_char_boundary(a) && text.is_char_boundary(b) {
            pieces.push((&text[at..a], &text[a..b]));
            at = b;
        }
    }
    // Shown with their character references read ("d&eacute;cision": spans never cut one).
    html! {
        @for (plain, marked) in pieces { (unescape(plain)) mark.span { (unescape(marked)) } }
        (unescape(text.get(at..to).unwrap_or_default()))
    }
}

async fn offer_page(State(st): State<AppState>, Path(id): Path<String>) -> PageResult {
    let i = st
        .data
        .offers
        .iter()
        .position(|o| o.id == id)
        .ok_or_else(|| ApiError::not_found(format!("offre inconnue « {id} »")))?;
    let o = &st.data.offers[i];
    let ex = &st.skills.offers(&st.data)?[i];
    let text = o.text();
    let rome = ex.rome.as_ref();
    let body = html! {
        h1 { (unescape(&o.title)) }
        p { (o.place_label) " — publiée le " (o.created.get(..10).unwrap_or("")) " — ROME déclaré : "
            a href={ "/metiers/" (o.rome) } { (o.rome) } }
        @if let Some(r) = rome {
            p { "Métier détecté depuis le texte : " a href={ "/metiers/" (r.code) } { (r.code) " " (r.label) }
                " (confiance " (format!("{:.0}", r.score * 100.0)) " %)" }
        }
        (evidence_sections(st.skills.engine()?, &text, ex, "de l'offre", html! {}))
    };
    let title = unescape(&o.title);
    Ok(page(&title, "", &[("", &title)], body))
}

/// A skill's supporting passages, each distinct one once (case aside) with how often it occurs:
/// "gestion de configuration (×7) … mener des audits".
fn quotes(text: &str, spans: &[[usize; 2]]) -> String {
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for q in spans.iter().filter_map(|[a, b]| text.get(*a..*b)) {
        match seen
            .iter_mut()
            .find(|(s, _)| s.to_lowercase() == q.to_lowercase())
        {
            Some((_, n)) => *n += 1,
            None => seen.push((q, 1)),
        }
    }
    let shown: Vec<String> = seen
        .iter()
        .map(|&(q, n)| {
            let q = unescape(q);
            if n > 1 {
                format!("{q} (×{n})")
            } else {
                q.to_string()
            }
        })
        .collect();
    shown.join(" … ")
}

/// The skills of an extraction, text evidence first (with their quotes), then occupation
/// evidence, then `more` (sections of the caller), then the text (`title + "\n" + body`) with
/// the supporting passages marked. `of` names the text ("de l'offre", "lu").
pub(crate) fn evidence_sections(
    engine: &Engine,
    text: &str,
    ex: &Extraction,
    of: &str,
    more: Markup,
) -> Markup {
    // The finer kind of the referential: savoir-faire, savoir-être or savoir.
    let kind = |s: &tremplin_skills::SkillHit| {
        engine
            .cat
            .skills
            .get(s.skill as usize)
            .filter(|k| k.code == s.code)
            .map_or(s.kind, |k| k.kind.label_fr())
    };
    html! {
        h2 { "Compétences lues dans le texte" }
        @if ex.with_evidence(Evidence::Text).next().is_none() {
            p { "Aucune compétence du ROME n'est attestée par ce texte." }
        } @else {
            p { "Chaque compétence ci-dessous est appuyée par un passage " mark.span { "surligné" } " du texte " (of) "." }
        }
        ul { @for s in ex.with_evidence(Evidence::Text) {
            li { span.badge { "preuve : texte" } " " (s.label) " (" (kind(s)) ") — « " (quotes(text, &s.spans)) " »" }
        } }
        h2 { "Compétences typiques du métier (non lues dans le texte)" }
        @if ex.with_evidence(Evidence::Occupation).next().is_none() {
            p { "Pas assez d'offres étiquetées de ce métier pour dire quelles compétences lui sont typiques." }
        } @else {
            p { "Part des offres de ce métier dont l'employeur a coché la compétence ; rien dans ce texte ne l'atteste." }
        }
        ul { @for s in ex.with_evidence(Evidence::Occupation) {
            li { span.badge { "typique du métier" } " " (s.label) " — " (format!("{:.0}", s.share.unwrap_or(0.0) * 100.0)) " % des offres" }
        } }
        (more)
        h2 { "Texte " (of) }
        div.offer-text style="white-space: pre-wrap" { (highlighted(text, ex)) }
    }
}

/// An inline SVG sparkline of shares (no script), with a text alternative.
fn sparkline(shares: &[f64], alt: &str) -> Markup {
    let (w, h) = (120.0, 24.0);
    let max = shares.iter().cloned().fold(0.0, f64::max).max(1e-9);
    let step = if shares.len() > 1 {
        w / (shares.len() - 1) as f64
    } else {
        0.0
    };
    let pts: Vec<String> = shares
        .iter()
        .enumerate()
        .map(|(i, s)| {
            format!(
                "{:.1},{:.1}",
                i as f64 * step,
                h - 2.0 - s / max * (h - 4.0)
            )
        })
        .collect();
    html! {
        svg width="120" height="24" viewBox="0 0 120 24" role="img" aria-label=(alt) {
            polyline points=(pts.join(" ")) fill="none" stroke="currentColor" stroke-width="1.5" {}
        }
    }
}

/// The number of offers read in each period ("2024-T3 : 5 · 2024-T4 : 125"): the base of
/// every share, so that a share of a small period is read as such.
fn period_bases(t: &TrendTable) -> String {
    let bases: Vec<String> = t
        .periods
        .iter()
        .zip(&t.offers)
        .map(|(p, n)| format!("{p} : {n}"))
        .collect();
    bases.join(" · ")
}

fn trend_rows(
    st: &AppState,
    t: &TrendTable,
    filter: impl Fn(&SkillSeries) -> bool,
    limit: usize,
) -> ApiResult<Markup> {
    let engine = st.skills.engine()?;
    Ok(html! {
        div.table-scroll { table {
            caption { "Offres dont le texte atteste la compétence, par période (" (t.periods.first().map_or("", |s| s.as_str())) " – " (t.periods.last().map_or("", |s| s.as_str())) ")"
                br; small { "Offres lues par période : " (period_bases(t)) } }
            thead { tr { th scope="col" { "Compétence" } th scope="col" { "Offres" } th scope="col" { "Évolution de la part" }
                        th scope="col" { "Tendance" } th scope="col" { "Transition" } } }
            tbody { @for r in t.rows.iter().filter(|r| filter(r)).take(limit) {
                @let s = &engine.cat.skills[r.skill as usize];
                @let shares: Vec<f64> = r.counts.iter().zip(&t.offers).map(|(&c, &n)| c as f64 / n.max(1) as f64).collect();
                @let alt = r.counts.iter().zip(&shares).zip(&t.periods).zip(&t.offers)
                    .map(|(((c, v), p), n)| format!("{p} : {} % ({c} sur {n})", dec(v * 100.0, 1))).collect::<Vec<_>>().join(", ");
                tr { th scope="row" { (s.label) " " small { "(" (s.kind.label_fr()) ")" } }
                     td { (r.counts.iter().sum::<u32>()) }
                     td { (sparkline(&shares, &alt)) }
                     // (Below 5 offers, a z says nothing: *occasionnelle* goes without it.)
                     td { (r.trend.class.label_fr()) @if r.trend.class != TrendClass::Occasionnelle {
                         small { " (z\u{a0}=\u{a0}" (dec(r.trend.z, 1)) ")" } } }
                     td { @if s.transition_eco { span.badge.eco { "écologique" } " " } @if s.transition_num { span.badge.num { "numérique" } } } }
            } }
        } }
    })
}

#[derive(Deserialize)]
pub struct PeriodQuery {
    #[serde(default)]
    period: Option<String>,
}

async fn territory_page(
    State(st): State<AppState>,
    Path((kind, code)): Path<(String, String)>,
    Query(q): Query<PeriodQuery>,
) -> PageResult {
    let period = parse_period(q.period.as_deref())?;
    let t = trend_table(&st, &format!("{kind}:{code}"), period, false).await?;
    let total: u32 = t.offers.iter().sum();
    let title = format!("Compétences recherchées — {}", t.name);
    let back = format!("/territoires/{kind}/{code}");
    let body = html! {
        h1 { (title) }
        p { (total) " offres localisées dans le périmètre. Seules les compétences " strong { "attestées par le texte" }
            " des offres sont comptées ; la tendance compare la part récente (dernier tiers des périodes) à la part antérieure par un test z (seuil 1,96)." }
        p { "Période : " a href="?period=quarter" { "trimestre" } " · " a href="?period=month" { "mois" } }
        @if t.rows.is_empty() { p.notice { "Aucune offre avec compétences attestées dans ce périmètre." } }
        @else { (trend_rows(&st, &t, |_| true, 40)?) }
    };
    Ok(page(
        &title,
        "",
        &[(&back, &t.name), ("", "Compétences")],
        body,
    ))
}

async fn emerging_page(State(st): State<AppState>) -> PageResult {
    let t = trend_table(&st, "region:44", Period::Quarter, false).await?;
    let up = |r: &SkillSeries| {
        matches!(
            r.trend.class,
            TrendClass::Emergente | TrendClass::EnCroissance
        )
    };
    let n = t.rows.iter().filter(|r| up(r)).count();
    let body = html! {
        h1 { "Compétences émergentes et en croissance — Grand Est" }
        p { "Compétences attestées par le texte des offres localisées en Grand Est, par trimestre. "
            "« Émergente » : quasi absente avant (au plus une offre), au moins 3 offres récentes et hausse significative (z ≥ 1,96). "
            "« En croissance » : hausse significative et part récente ≥ 1,25 fois la part antérieure." }
        @if n == 0 {
            p.notice { "Aucune compétence n'est significativement émergente ou en croissance sur les "
                (t.offers.iter().sum::<u32>()) " offres du Grand Est disponibles : le volume d'offres est trop faible pour conclure." }
            h2 { "Compétences les plus demandées" }
            (trend_rows(&st, &t, |_| true, 20)?)
        } @else {
            (trend_rows(&st, &t, up, 60)?)
        }
        p { (PreEscaped("Données&nbsp;: ")) a href="/api/v1/skills/trends?perimeter=region:44&period=quarter" { "API des tendances (JSON)" } }
    };
    Ok(page(
        "Compétences émergentes",
        "/competences/emergentes",
        &[("", "Compétences émergentes")],
        body,
    ))
}

#[cfg(test)]
mod tests {
    use super::quotes;

    #[test]
    fn a_passage_found_several_times_is_quoted_once_with_its_count() {
        let t =
            "Gestion de configuration. Vous menez des audits ; gestion de configuration, encore.";
        let spans = [[0, 24], [31, 47], [50, 74]];
        assert_eq!(
            quotes(t, &spans),
            "Gestion de configuration (×2) … menez des audits"
        );
        // A span outside the text (or not on character boundaries) is left out.
        assert_eq!(quotes(t, &[[0, 8], [200, 210]]), "Gestion ");
    }
}
