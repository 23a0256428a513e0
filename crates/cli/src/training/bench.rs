//! `tremplin catalogue bench`: generation and import speed, peak memory of the streaming
//! import on two file sizes (constant memory shows as equal peaks), and search latency over
//! the larger catalogue.

use super::{generate_to, Reference};
use anyhow::Result;
use std::path::PathBuf;
use std::time::Instant;
use tremplin_store::training as st;
use tremplin_store::Store;
use tremplin_training::date::Date;
use tremplin_training::generate::Params;
use tremplin_training::model::Modality;
use tremplin_training::search::{Query, SessionIndex};

/// A field of /proc/self/status in MiB (Linux), `None` elsewhere.
fn proc_status_mib(field: &str) -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Resets the peak resident size (Linux: writing 5 to /proc/self/clear_refs).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn mib(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.0} Mio"))
        .unwrap_or_else(|| "n/d".into())
}

pub async fn run(sessions: usize, queries: usize, dir: Option<PathBuf>) -> Result<()> {
    let dir = dir
        .unwrap_or_else(std::env::temp_dir)
        .join(format!("tremplin-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let reference = Reference::load()?;
    let today = Date::today();
    let actions = (sessions / 8).max(100);
    println!(
        "Banc d'essai du catalogue (données synthétiques), dossier {}",
        dir.display()
    );
    let mut last_store = None;
    for (label, n) in [("quart", actions / 4), ("complet", actions)] {
        let path = dir.join(format!("catalogue-{label}.xml"));
        let t = Instant::now();
        let stats = generate_to(
            &reference,
            &Params::two_years("44", 7, today, n),
            std::io::BufWriter::new(std::fs::File::create(&path)?),
        )?;
        let generation = t.elapsed().as_secs_f64();
        let size = std::fs::metadata(&path)?.len() as f64 / 1_048_576.0;
        let db = dir.join(format!("bench-{label}.db"));
        let _ = std::fs::remove_file(&db);
        let store = Store::open(db.to_str().unwrap_or("bench.db")).await?;
        let (reader, _) = tremplin_training::lheo::open(&path)?;
        let before = proc_status_mib("VmRSS:");
        reset_peak();
        let t = Instant::now();
        st::import_lheo(&store, reader, "bench", |_| {}).await?;
        let import = t.elapsed().as_secs_f64();
        let peak = proc_status_mib("VmHWM:");
        println!(
            "  fichier {label} : {size:.1} Mio, {} actions, {} sessions ; génération {generation:.2} s ; import {import:.2} s \
             ({:.1} Mio/s, {:.0} sessions/s) ; mémoire résidente avant {} , pic pendant l'import {}",
            stats.actions,
            stats.sessions,
            size / import,
            stats.sessions as f64 / import,
            mib(before),
            mib(peak),
        );
        last_store = Some(store);
    }
    let store = last_store.expect("two runs");
    let t = Instant::now();
    let records = st::load_records(&store).await?;
    let ix = SessionIndex::new(records);
    println!(
        "  index de recherche : {} sessions chargées en {:.2} s",
        ix.len(),
        t.elapsed().as_secs_f64()
    );
    // xorshift64: a fixed, dependency-free sequence of sessions to query around.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut times = Vec::with_capacity(queries);
    let mut by_kind: Vec<Vec<f64>> = vec![Vec::new(); 5];
    let mut found = 0usize;
    for i in 0..queries {
        let r = &ix.records()[next(ix.len())];
        let mut q = Query::new(today);
        let here = r.point.map(|p| (r.city.clone(), p));
        match i % 5 {
            0 => {
                q.romes = r.romes.iter().take(1).cloned().collect();
                q.near = here;
                q.radius_km = Some(30.0);
            }
            1 => {
                q.formacode = r.formacodes.first().cloned();
                q.near = here;
                q.radius_km = Some(50.0);
            }
            2 => q.certification = Some(r.rncp.clone()),
            3 => {
                q.romes = r.romes.clone();
                q.modality = Some(Modality::Presentiel);
                q.from = Some(today);
                q.to = Some(today.add_days(180));
            }
            _ => {
                // No code criterion: every session is scored.
                q.near = here;
                q.radius_km = Some(20.0);
            }
        }
        let t = Instant::now();
        let (total, hits) = ix.search(&q);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        times.push(ms);
        by_kind[i % 5].push(ms);
        found += usize::from(total > 0 && !hits.is_empty());
    }
    fn pct(times: &mut [f64], p: f64) -> f64 {
        times.sort_by(f64::total_cmp);
        times
            .get(((times.len() as f64 * p).ceil() as usize).clamp(1, times.len().max(1)) - 1)
            .copied()
            .unwrap_or(0.0)
    }
    let (p50, p95, p99) = (
        pct(&mut times, 0.50),
        pct(&mut times, 0.95),
        pct(&mut times, 0.99),
    );
    println!(
        "  recherche sur {} sessions, {} requêtes ({} avec résultats) : p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms (objectif p99 < 20 ms)",
        ix.len(),
        times.len(),
        found,
        p50,
        p95,
        p99,
        times.last().copied().unwrap_or(0.0)
    );
    let kinds = [
        "métier à 30 km",
        "Formacode à 50 km",
        "certification",
        "métiers et dates",
        "tout à 20 km (sans code)",
    ];
    let detail: Vec<String> = kinds
        .iter()
        .zip(by_kind.iter_mut())
        .map(|(k, t)| format!("{k} {:.2} ms", pct(t, 0.99)))
        .collect();
    println!("  p99 par type de requête : {}", detail.join(", "));
    Ok(())
}
