//! Benchmark of the full recompute: a seeded generator of offers drawn from the real DARES 2021
//! distribution (cells weighted by their offers, jobseekers from `defm_abc` with a per-cell
//! trend and quarterly noise), then counting, quintiles and classes of every fiche × bassin ×
//! quarter. The data are synthetic (données synthétiques).

use crate::classify::TensionClass;
use crate::series::{Grid, OfferEvent};
use rand::distributions::{Distribution, WeightedIndex};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::Serialize;
use std::collections::HashMap;
use std::time::Instant;
use tremplin_domain::tension::DaresTension;

#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    pub offers: usize,
    pub fiches: usize,
    pub bassins: usize,
    pub quarters: usize,
    pub cells: usize,
    pub threads: usize,
    pub generate_ms: f64,
    pub count_ms: f64,
    pub recompute_ms: f64,
    /// Counting + recompute: the full recompute from raw offers.
    pub total_ms: f64,
    pub observed_cell_quarters: usize,
    pub class_a: usize,
    pub class_b: usize,
    /// The five largest class-A cells: (ROME, bassin, offers over 25 quarters).
    pub top_a: Vec<(String, String, u64)>,
}

pub struct Synthetic {
    pub grid: Grid,
    pub events: Vec<OfferEvent>,
    pub fiches: Vec<String>,
    pub bassins: Vec<String>,
}

/// Draws `n` offers over `quarters` quarters for all `fiches` × the bassins of `dares`.
pub fn generate(
    dares: &[DaresTension],
    fiches: &[String],
    n: usize,
    quarters: usize,
    seed: u64,
) -> Synthetic {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut bassins: Vec<String> = dares.iter().map(|d| d.bassin.clone()).collect();
    bassins.sort();
    bassins.dedup();
    let bix: HashMap<&str, usize> = bassins
        .iter()
        .enumerate()
        .map(|(i, b)| (b.as_str(), i))
        .collect();
    let fix: HashMap<&str, usize> = fiches
        .iter()
        .enumerate()
        .map(|(i, f)| (f.as_str(), i))
        .collect();
    let cells = fiches.len() * bassins.len();
    let mut jobseekers = vec![0f32; cells * quarters];
    let mut source: Vec<(u32, f64)> = Vec::new();
    for d in dares {
        let (Some(&f), Some(&b)) = (fix.get(d.rome.as_str()), bix.get(d.bassin.as_str())) else {
            continue;
        };
        let cell = f * bassins.len() + b;
        source.push((cell as u32, d.offers));
        let trend: f64 = rng.gen_range(-0.04..0.04);
        for q in 0..quarters {
            let noise: f64 = rng.gen_range(0.85..1.15);
            let level = d.jobseekers * (1.0 + trend).powi(q as i32 - quarters as i32 / 2) * noise;
            jobseekers[q * cells + cell] = level as f32;
        }
    }
    let events = if source.is_empty() {
        Vec::new()
    } else {
        let pick =
            WeightedIndex::new(source.iter().map(|s| s.1.max(1e-9))).expect("positive weights");
        (0..n)
            .map(|_| OfferEvent {
                cell: source[pick.sample(&mut rng)].0,
                quarter: rng.gen_range(0..quarters) as u16,
            })
            .collect()
    };
    Synthetic {
        grid: Grid::new(cells, quarters, jobseekers),
        events,
        fiches: fiches.to_vec(),
        bassins,
    }
}

/// Generates, then times the full recompute on `threads` threads.
pub fn run(
    dares: &[DaresTension],
    fiches: &[String],
    n: usize,
    seed: u64,
    threads: usize,
) -> BenchReport {
    let quarters = 25;
    let t0 = Instant::now();
    let mut s = generate(dares, fiches, n, quarters, seed);
    let generate_ms = t0.elapsed().as_secs_f64() * 1e3;
    let t1 = Instant::now();
    s.grid.count(&s.events, threads);
    let count_ms = t1.elapsed().as_secs_f64() * 1e3;
    let t2 = Instant::now();
    let r = s.grid.recompute();
    let recompute_ms = t2.elapsed().as_secs_f64() * 1e3;
    let nb = s.bassins.len();
    let mut a: Vec<(usize, u64)> = r
        .classes
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == Some(TensionClass::A))
        .map(|(i, _)| (i, r.volume[i]))
        .collect();
    a.sort_by_key(|x| std::cmp::Reverse(x.1));
    BenchReport {
        offers: s.events.len(),
        fiches: s.fiches.len(),
        bassins: nb,
        quarters,
        cells: s.grid.cells,
        threads,
        generate_ms,
        count_ms,
        recompute_ms,
        total_ms: count_ms + recompute_ms,
        observed_cell_quarters: r.observed,
        class_a: a.len(),
        class_b: r
            .classes
            .iter()
            .filter(|c| **c == Some(TensionClass::B))
            .count(),
        top_a: a
            .iter()
            .take(5)
            .map(|(i, v)| (s.fiches[i / nb].clone(), s.bassins[i % nb].clone(), *v))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(rome: &str, bassin: &str, offers: f64, jobseekers: f64) -> DaresTension {
        DaresTension {
            year: 2021,
            rome: rome.into(),
            bassin: bassin.into(),
            offers,
            jobseekers,
            tension: None,
            hiring_intensity: None,
            labour_shortage: None,
            non_durable: None,
            working_conditions: None,
            geographic_mismatch: None,
            training_link: None,
        }
    }

    #[test]
    fn generator_is_seeded_and_follows_the_offer_distribution() {
        let dares = vec![
            d("A1101", "0001", 90.0, 50.0),
            d("B1101", "0002", 10.0, 50.0),
        ];
        let fiches = vec![
            "A1101".to_string(),
            "B1101".to_string(),
            "C1101".to_string(),
        ];
        let s1 = generate(&dares, &fiches, 10_000, 25, 7);
        let s2 = generate(&dares, &fiches, 10_000, 25, 7);
        assert_eq!(s1.events, s2.events);
        assert_eq!(s1.grid.cells, 6);
        let first = s1.events.iter().filter(|e| e.cell == 0).count() as f64 / 10_000.0;
        assert!((first - 0.9).abs() < 0.02, "{first}");
        let r = run(&dares, &fiches, 10_000, 7, 2);
        assert_eq!(r.offers, 10_000);
        // Two observed cells cannot make quintiles: no quarter is classified.
        assert_eq!((r.class_a, r.class_b), (0, 0));
        assert_eq!(r.cells, 6);
    }
}
