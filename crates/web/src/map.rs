//! Server-side SVG maps of a region from the bundled TopoJSON (EPCI layer). Bassins d'emploi
//! have no published boundaries: each EPCI is given the bassin holding most of its population,
//! and bassin borders are the EPCI arcs that separate two bassins (an approximation, stated
//! under every map). No JavaScript is needed.

use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use tremplin_domain::geo::Geography;

/// One EPCI drawn on the map.
struct Shape {
    epci: String,
    name: String,
    bassin: String,
    path: String,
}

/// The drawable map of one region.
pub struct RegionMap {
    pub region: String,
    shapes: Vec<Shape>,
    borders: String,
    outline: String,
    width: f64,
    height: f64,
}

type Arc = Vec<(f64, f64)>;

fn decode_arcs(topo: &Value) -> Vec<Arc> {
    let scale = &topo["transform"]["scale"];
    let translate = &topo["transform"]["translate"];
    let (sx, sy) = (
        scale[0].as_f64().unwrap_or(1.0),
        scale[1].as_f64().unwrap_or(1.0),
    );
    let (tx, ty) = (
        translate[0].as_f64().unwrap_or(0.0),
        translate[1].as_f64().unwrap_or(0.0),
    );
    topo["arcs"]
        .as_array()
        .map(|arcs| {
            arcs.iter()
                .map(|arc| {
                    let (mut x, mut y) = (0.0, 0.0);
                    arc.as_array()
                        .into_iter()
                        .flatten()
                        .map(|p| {
                            x += p[0].as_f64().unwrap_or(0.0);
                            y += p[1].as_f64().unwrap_or(0.0);
                            (x * sx + tx, y * sy + ty)
                        })
                        .collect()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Rings (lists of arc indexes, `!i` meaning reversed) of a Polygon or MultiPolygon.
fn rings(geom: &Value) -> Vec<Vec<i64>> {
    let to_ring = |r: &Value| -> Vec<i64> {
        r.as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_i64)
            .collect()
    };
    match geom["type"].as_str() {
        Some("Polygon") => geom["arcs"]
            .as_array()
            .into_iter()
            .flatten()
            .map(to_ring)
            .collect(),
        Some("MultiPolygon") => geom["arcs"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|poly| poly.as_array().into_iter().flatten().map(to_ring))
            .collect(),
        _ => vec![],
    }
}

fn arc_index(i: i64) -> usize {
    if i < 0 {
        (!i) as usize
    } else {
        i as usize
    }
}

struct Projection {
    lon0: f64,
    lat1: f64,
    k: f64,
    cos: f64,
}

impl Projection {
    fn xy(&self, (lon, lat): (f64, f64)) -> (f64, f64) {
        (
            (lon - self.lon0) * self.cos * self.k,
            (self.lat1 - lat) * self.k,
        )
    }
}

impl RegionMap {
    /// Builds the map of `region` from the EPCI TopoJSON text.
    pub fn from_topojson(text: &str, geo: &Geography, region: &str) -> Option<RegionMap> {
        let topo: Value = serde_json::from_str(text).ok()?;
        let arcs = decode_arcs(&topo);
        // EPCI → bassin of largest population, for the region's EPCIs.
        let mut pop: HashMap<&str, BTreeMap<&str, i64>> = HashMap::new();
        for c in geo
            .communes
            .iter()
            .filter(|c| c.region == region && !c.epci.is_empty())
        {
            *pop.entry(c.epci.as_str())
                .or_default()
                .entry(c.bassin.as_str())
                .or_default() += c.population.max(1);
        }
        let bassin_of: HashMap<&str, &str> = pop
            .iter()
            .map(|(e, m)| {
                (
                    *e,
                    m.iter()
                        .max_by_key(|(_, p)| **p)
                        .map(|(b, _)| *b)
                        .unwrap_or(""),
                )
            })
            .collect();
        let geoms: Vec<&Value> = topo["objects"]
            .as_object()?
            .values()
            .flat_map(|o| o["geometries"].as_array().into_iter().flatten())
            .filter(|g| {
                g["properties"]["EPCI"]
                    .as_str()
                    .is_some_and(|e| bassin_of.contains_key(e))
            })
            .collect();
        if geoms.is_empty() {
            return None;
        }
        let (mut min_lon, mut max_lon, mut min_lat, mut max_lat) =
            (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        let mut used: HashMap<usize, Vec<&str>> = HashMap::new();
        for g in &geoms {
            let b = bassin_of[g["properties"]["EPCI"].as_str().unwrap_or("")];
            for ring in rings(g) {
                for i in ring {
                    let a = arc_index(i);
                    used.entry(a).or_default().push(b);
                    for &(lon, lat) in arcs.get(a).into_iter().flatten() {
                        min_lon = min_lon.min(lon);
                        max_lon = max_lon.max(lon);
                        min_lat = min_lat.min(lat);
                        max_lat = max_lat.max(lat);
                    }
                }
            }
        }
        let cos = ((min_lat + max_lat) / 2.0).to_radians().cos();
        let width = 800.0;
        let k = width / ((max_lon - min_lon) * cos);
        let proj = Projection {
            lon0: min_lon,
            lat1: max_lat,
            k,
            cos,
        };
        let height = (max_lat - min_lat) * k;
        let arc_path = |i: i64, out: &mut String, first: bool| {
            let Some(a) = arcs.get(arc_index(i)) else {
                return;
            };
            let pts: Box<dyn Iterator<Item = &(f64, f64)>> = if i < 0 {
                Box::new(a.iter().rev())
            } else {
                Box::new(a.iter())
            };
            for (j, p) in pts.enumerate() {
                if j == 0 && !first {
                    continue;
                }
                let (x, y) = proj.xy(*p);
                let _ = write!(out, "{}{x:.0},{y:.0}", if j == 0 { "M" } else { "L" });
            }
        };
        let shapes = geoms
            .iter()
            .map(|g| {
                let epci = g["properties"]["EPCI"].as_str().unwrap_or("").to_string();
                let mut path = String::new();
                for ring in rings(g) {
                    for (k, &i) in ring.iter().enumerate() {
                        arc_path(i, &mut path, k == 0);
                    }
                    path.push('Z');
                }
                Shape {
                    name: g["properties"]["EPCIlib"]
                        .as_str()
                        .unwrap_or("")
                        .to_string(),
                    bassin: bassin_of[epci.as_str()].to_string(),
                    epci,
                    path,
                }
            })
            .collect();
        let (mut borders, mut outline) = (String::new(), String::new());
        for (a, bs) in &used {
            let inner_border = bs.len() >= 2 && bs.iter().any(|b| *b != bs[0]);
            if inner_border || bs.len() == 1 {
                arc_path(
                    *a as i64,
                    if bs.len() == 1 {
                        &mut outline
                    } else {
                        &mut borders
                    },
                    true,
                );
            }
        }
        Some(RegionMap {
            region: region.to_string(),
            shapes,
            borders,
            outline,
            width,
            height,
        })
    }

    /// Renders the map: each bassin is a link to its page, filled by `fill(bassin)`;
    /// `highlight` draws one bassin on top with a thick outline.
    pub fn render(
        &self,
        title: &str,
        geo: &Geography,
        fill: &dyn Fn(&str) -> String,
        label: &dyn Fn(&str) -> String,
        highlight: Option<&str>,
    ) -> String {
        let mut s = String::new();
        let _ = write!(
            s,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="-5 -5 {:.0} {:.0}" role="img" aria-labelledby="map-title"><title id="map-title">{}</title>"#,
            self.width + 10.0,
            self.height + 10.0,
            escape(title)
        );
        let mut by_bassin: BTreeMap<&str, Vec<&Shape>> = BTreeMap::new();
        for sh in &self.shapes {
            by_bassin.entry(sh.bassin.as_str()).or_default().push(sh);
        }
        for (b, shapes) in &by_bassin {
            let name = geo.bassins.get(*b).map(String::as_str).unwrap_or(b);
            let _ = write!(
                s,
                r#"<a href="/territoires/bassin/{b}" aria-label="Bassin {}"><title>Bassin {} : {}</title>"#,
                escape(name),
                escape(name),
                escape(&label(b))
            );
            for sh in shapes {
                let dim = highlight.is_some_and(|h| h != *b);
                let _ = write!(
                    s,
                    r#"<path class="area" d="{}" fill="{}"{} data-epci="{}"><title>{} — bassin {}</title></path>"#,
                    sh.path,
                    fill(b),
                    if dim { r#" fill-opacity="0.35""# } else { "" },
                    sh.epci,
                    escape(&sh.name),
                    escape(name)
                );
            }
            s.push_str("</a>");
        }
        let _ = write!(
            s,
            r#"<path class="border" d="{}"/><path class="border" d="{}" style="stroke-width:1.6"/>"#,
            self.borders, self.outline
        );
        if let Some(h) = highlight {
            for sh in self.shapes.iter().filter(|sh| sh.bassin == h) {
                let _ = write!(
                    s,
                    r##"<path d="{}" fill="none" stroke="#b3541e" stroke-width="2.2"/>"##,
                    sh.path
                );
            }
        }
        s.push_str("</svg>");
        s
    }

    pub fn bassin_count(&self) -> usize {
        let mut b: Vec<&str> = self.shapes.iter().map(|s| s.bassin.as_str()).collect();
        b.sort_unstable();
        b.dedup();
        b.len()
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A sequential 5-class palette (light to dark teal) for choropleths, readable in grey too.
pub const PALETTE: [&str; 5] = ["#d7ece9", "#a3d2cb", "#5faea4", "#2a7f78", "#0d4f4a"];

/// Colour of `value` among class `breaks` (ascending upper bounds of the first 4 classes).
pub fn class_colour(value: f64, breaks: &[f64; 4]) -> &'static str {
    let i = breaks.iter().position(|b| value <= *b).unwrap_or(4);
    PALETTE[i]
}

/// Quantile breaks of values (for a 5-class choropleth).
pub fn quantile_breaks(values: &mut [f64]) -> [f64; 4] {
    values.sort_by(f64::total_cmp);
    let q = |p: f64| {
        if values.is_empty() {
            0.0
        } else {
            values[((values.len() - 1) as f64 * p).round() as usize]
        }
    };
    [q(0.2), q(0.4), q(0.6), q(0.8)]
}

/// A rendered map in a `figure` with its class legend (`fmt` writes a class bound) and a hint.
pub fn figure(
    svg: String,
    legend_label: &str,
    breaks: &[f64; 4],
    fmt: &dyn Fn(f64) -> String,
    hint: maud::Markup,
) -> maud::Markup {
    maud::html! {
        figure.map {
            (maud::PreEscaped(svg))
            figcaption {
                ul.legend aria-label=(legend_label) {
                    @for (i, colour) in PALETTE.iter().enumerate() {
                        li { span.sw style={ "background:" (colour) } {}
                            @if i < 4 { "≤ " (fmt(breaks[i])) } @else { "> " (fmt(breaks[3])) } }
                    }
                }
                p.hint { (hint) }
            }
        }
    }
}
