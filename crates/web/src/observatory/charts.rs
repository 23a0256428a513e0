//! Inline SVG charts and the choropleth map of the observatory (no JavaScript).

use crate::layout::{dec, raw};
use crate::map::{class_colour, quantile_breaks, RegionMap};
use maud::{html, Markup};
use std::collections::HashMap;
use std::fmt::Write;
use tremplin_domain::geo::Geography;
use tremplin_observatory::secret::{fmt_fr, Figure};

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Horizontal bars: one per (label, figure); suppressed figures are drawn as a hatched note.
pub fn bars(title: &str, items: &[(String, Figure)], decimals: usize) -> Markup {
    let max = items
        .iter()
        .filter_map(|i| i.1.value)
        .fold(0.0_f64, f64::max)
        .max(1e-9);
    let (row, label_w, bar_w) = (26.0, 330.0, 300.0);
    let h = row * items.len() as f64 + 10.0;
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-labelledby="c-{id}"><title id="c-{id}">{t}</title>"#,
        w = label_w + bar_w + 90.0,
        id = title.len(),
        t = escape(title)
    );
    for (i, (label, f)) in items.iter().enumerate() {
        let y = i as f64 * row + 5.0;
        let short: String = label.chars().take(48).collect();
        let _ = write!(
            s,
            r##"<text x="{x}" y="{ty}" text-anchor="end" font-size="12" fill="#1f2933">{l}</text>"##,
            x = label_w - 8.0,
            ty = y + 15.0,
            l = escape(&short)
        );
        match f.value {
            Some(v) => {
                let w = v / max * bar_w;
                let _ = write!(
                    s,
                    r##"<rect x="{label_w}" y="{y}" width="{w:.1}" height="18" fill="#2a7f78"/><text x="{tx:.1}" y="{ty}" font-size="12" fill="#1f2933">{v}</text>"##,
                    tx = label_w + w + 5.0,
                    ty = y + 14.0,
                    v = fmt_fr(v, decimals)
                );
            }
            None => {
                let _ = write!(
                    s,
                    r##"<text x="{label_w}" y="{ty}" font-size="12" fill="#52606d">n.d. (secret statistique)</text>"##,
                    ty = y + 14.0
                );
            }
        }
    }
    s.push_str("</svg>");
    html! { figure.chart { (raw(s)) } }
}

/// Grand Est bassins coloured by the offers / jobseekers ratio computed by Tremplin (2021).
pub fn tension_map(
    map: Option<&RegionMap>,
    geo: &Geography,
    ratios: &HashMap<String, Figure>,
    highlight: Option<&str>,
) -> Markup {
    let Some(map) = map else {
        return html! { p.notice { "Carte indisponible : fond TopoJSON introuvable." } };
    };
    let mut values: Vec<f64> = ratios
        .iter()
        .filter(|(b, _)| b.starts_with("44"))
        .filter_map(|(_, f)| f.value)
        .collect();
    let breaks = quantile_breaks(&mut values);
    let fill = |b: &str| match ratios.get(b).and_then(|f| f.value) {
        Some(v) => class_colour(v, &breaks).to_string(),
        None => "#ffffff".to_string(),
    };
    let label = |b: &str| match ratios.get(b) {
        Some(f) => format!("{} offre(s) par demandeur d'emploi (2021)", f.fr(2)),
        None => "pas de donnée".into(),
    };
    let svg = map.render(
        "Bassins d'emploi du Grand Est selon le nombre d'offres par demandeur d'emploi (2021)",
        geo,
        &fill,
        &label,
        highlight,
    );
    crate::map::figure(
        svg,
        "Légende : offres par demandeur d'emploi",
        &breaks,
        &|x| dec(x, 2),
        html! { "Offres d'emploi enregistrées / demandeurs d'emploi ABC par bassin (DARES 2021), calcul Tremplin. "
        "Limites des bassins approchées par les EPCI. Cliquez sur un bassin pour l'ouvrir." },
    )
}
