//! Approximate locations. The bundled geography has no commune coordinates, so a commune is
//! placed at the centroid of its EPCI (mean of the EPCI's boundary vertices in the bundled
//! TopoJSON) shifted by a fixed pseudo-random offset of at most about 5 km derived from its
//! INSEE code, so that communes of one EPCI do not collapse on one point. Distances computed
//! on these points are good to about 10 km, enough for "within 30 km" searches.

use std::collections::HashMap;
use tremplin_domain::geo::Geography;

/// A WGS84 point (degrees).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub lat: f64,
    pub lon: f64,
}

/// Great-circle distance in kilometres.
pub fn distance_km(a: Point, b: Point) -> f64 {
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dla = la2 - la1;
    let dlo = (b.lon - a.lon).to_radians();
    let h = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// Centroids of the EPCI of a TopoJSON (`objects.*.geometries[].properties.EPCI`), decoding
/// its quantised, delta-encoded arcs.
pub fn epci_centroids(topojson: &str) -> Result<HashMap<String, Point>, String> {
    let v: serde_json::Value =
        serde_json::from_str(topojson).map_err(|e| format!("TopoJSON illisible : {e}"))?;
    let (scale, translate) = match (&v["transform"]["scale"], &v["transform"]["translate"]) {
        (serde_json::Value::Array(s), serde_json::Value::Array(t))
            if s.len() == 2 && t.len() == 2 =>
        {
            (
                [s[0].as_f64().unwrap_or(1.0), s[1].as_f64().unwrap_or(1.0)],
                [t[0].as_f64().unwrap_or(0.0), t[1].as_f64().unwrap_or(0.0)],
            )
        }
        _ => ([1.0, 1.0], [0.0, 0.0]),
    };
    let quantised = v["transform"].is_object();
    let arcs: Vec<Vec<[f64; 2]>> = v["arcs"]
        .as_array()
        .ok_or("TopoJSON sans « arcs »")?
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0.0, 0.0);
            arc.as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| Some((p[0].as_f64()?, p[1].as_f64()?)))
                .map(|(dx, dy)| {
                    if quantised {
                        x += dx;
                        y += dy;
                        [x * scale[0] + translate[0], y * scale[1] + translate[1]]
                    } else {
                        [dx, dy]
                    }
                })
                .collect()
        })
        .collect();
    let mut out = HashMap::new();
    for o in v["objects"]
        .as_object()
        .ok_or("TopoJSON sans « objects »")?
        .values()
    {
        for g in o["geometries"].as_array().into_iter().flatten() {
            let Some(code) = g["properties"]["EPCI"].as_str() else {
                continue;
            };
            let (mut sx, mut sy, mut n) = (0.0, 0.0, 0usize);
            let mut add_ring = |ring: &serde_json::Value| {
                for i in ring
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|i| i.as_i64())
                {
                    let idx = if i < 0 { !i } else { i } as usize;
                    for p in arcs.get(idx).into_iter().flatten() {
                        sx += p[0];
                        sy += p[1];
                        n += 1;
                    }
                }
            };
            match g["type"].as_str() {
                Some("Polygon") => g["arcs"]
                    .as_array()
                    .and_then(|r| r.first())
                    .into_iter()
                    .for_each(&mut add_ring),
                Some("MultiPolygon") => g["arcs"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|poly| poly.as_array().and_then(|r| r.first()))
                    .for_each(&mut add_ring),
                _ => {}
            }
            if n > 0 {
                out.insert(
                    code.to_string(),
                    Point {
                        lon: sx / n as f64,
                        lat: sy / n as f64,
                    },
                );
            }
        }
    }
    Ok(out)
}

/// Approximate location of every commune that belongs to a located EPCI.
#[derive(Debug, Clone, Default)]
pub struct Locator {
    communes: HashMap<String, Point>,
}

impl Locator {
    pub fn new(geo: &Geography, centroids: &HashMap<String, Point>) -> Locator {
        let communes = geo
            .communes
            .iter()
            .filter_map(|c| {
                let base = centroids.get(&c.epci)?;
                let h = fnv(&c.code);
                let dy = ((h & 0xffff) as f64 / 65535.0 - 0.5) * 0.08;
                let dx = (((h >> 16) & 0xffff) as f64 / 65535.0 - 0.5) * 0.12;
                Some((
                    c.code.clone(),
                    Point {
                        lat: base.lat + dy,
                        lon: base.lon + dx,
                    },
                ))
            })
            .collect();
        Locator { communes }
    }

    pub fn commune(&self, insee: &str) -> Option<Point> {
        self.communes.get(insee).copied()
    }

    pub fn len(&self) -> usize {
        self.communes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.communes.is_empty()
    }
}

/// FNV-1a, a stable hash (std's hasher is randomised per process).
pub fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strasbourg_to_metz_is_about_130_km() {
        let d = distance_km(
            Point {
                lat: 48.5734,
                lon: 7.7521,
            },
            Point {
                lat: 49.1193,
                lon: 6.1757,
            },
        );
        assert!((d - 130.0).abs() < 5.0, "{d}");
    }

    #[test]
    fn decodes_quantised_arcs() {
        let topo = r#"{"type":"Topology","transform":{"scale":[0.5,0.5],"translate":[7,48]},
            "arcs":[[[0,0],[2,0],[0,2],[-2,0],[0,-2]]],
            "objects":{"e":{"type":"GeometryCollection","geometries":[
              {"type":"Polygon","arcs":[[0]],"properties":{"EPCI":"246700488"}}]}}}"#;
        let c = epci_centroids(topo).unwrap()["246700488"];
        assert!(
            (c.lon - 7.4).abs() < 1e-9 && (c.lat - 48.4).abs() < 1e-9,
            "{c:?}"
        );
    }
}
