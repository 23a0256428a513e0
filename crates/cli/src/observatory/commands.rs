//! `tremplin tension validate | bench | import`: the validation figures against DARES, the
//! recompute benchmark, and the import of jobseeker files per period.

use super::{snapshot, state_for};
use anyhow::{bail, Result};
use std::path::Path;
use tremplin_domain::rome::is_rome_code;
use tremplin_ingest::reader::{parse_csv, SEMICOLON};
use tremplin_ingest::{bundle, rome, tension};
use tremplin_observatory::inputs;
use tremplin_store::observatory::{replace_period, TensionInput};
use tremplin_store::Store;

pub(super) async fn validate(db: &str, json: bool) -> Result<()> {
    let (data, _) = snapshot(db).await?;
    let st = state_for(&data, None, &[])?;
    let v = st.validation();
    if json {
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(());
    }
    println!("Validation du calcul Tremplin (ratio offres / demandeurs ABC, quintiles nationaux des cellules ROME × bassin)");
    println!(
        "contre l'indicateur publié ind_tension_d (DARES {}).",
        st.obs.table.period
    );
    for x in &v {
        println!("\n{} — {} cellules ROME × bassin", x.scope, x.cells);
        println!(
            "  rho de Spearman (ratio calculé / quintile publié)   : {:.3}",
            x.rho_ratio
        );
        println!(
            "  rho de Spearman (quintile calculé / publié)         : {:.3}",
            x.rho_quintile
        );
        println!(
            "  accord exact des quintiles                          : {:.1} %",
            x.exact * 100.0
        );
        println!(
            "  accord à un quintile près                           : {:.1} %",
            x.within_one * 100.0
        );
        println!(
            "  accord exact, seuils calés sur les parts publiées   : {:.1} %",
            x.exact_matched_shares * 100.0
        );
        println!(
            "  borne : meilleur accord exact d'un classement monotone du ratio : {:.1} %",
            x.exact_upper_bound * 100.0
        );
        let s: Vec<String> = x
            .published_shares
            .iter()
            .map(|p| format!("{:.1} %", p * 100.0))
            .collect();
        println!("  parts publiées des quintiles 1..5 : {}", s.join(" / "));
        println!("  matrice (lignes : quintile calculé 1..5 ; colonnes : publié 1..5)");
        for r in &x.confusion {
            println!(
                "    {}",
                r.iter().map(|n| format!("{n:>6}")).collect::<String>()
            );
        }
    }
    Ok(())
}

pub(super) fn bench(n: usize, seed: u64, threads: usize) -> Result<()> {
    let rome = rome::load_bundled()?;
    let dares = tension::parse_dares_rome_bassin(&bundle::bundled(
        "tension/dares_tension_2021_rome_bassin.csv",
    ))?
    .records;
    let fiches: Vec<String> = rome.fiches.iter().map(|f| f.code.clone()).collect();
    let r = tremplin_observatory::bench::run(&dares, &fiches, n, seed, threads);
    println!("Données synthétiques (graine {seed}) tirées de la distribution DARES 2021 des offres par ROME × bassin.");
    println!(
        "{} offres, {} fiches × {} bassins × {} trimestres = {} cellules-trimestres, {} fil(s)",
        r.offers,
        r.fiches,
        r.bassins,
        r.quarters,
        r.cells * r.quarters,
        r.threads
    );
    println!(
        "génération        : {:>8.1} ms (hors mesure)",
        r.generate_ms
    );
    println!("comptage          : {:>8.1} ms", r.count_ms);
    println!("quintiles+classes : {:>8.1} ms", r.recompute_ms);
    println!(
        "recalcul complet  : {:>8.1} ms (objectif < 5 000 ms)",
        r.total_ms
    );
    println!(
        "{} cellules-trimestres publiables ; classe A : {} cellules, classe B : {}",
        r.observed_cell_quarters, r.class_a, r.class_b
    );
    for (rome, bassin, v) in &r.top_a {
        println!("  A  {rome} × bassin {bassin} : {v} offres sur 25 trimestres");
    }
    Ok(())
}

pub(super) async fn import(file: &Path, period: &str, db: &str) -> Result<()> {
    if !inputs::is_period(period) {
        bail!("--period « {period} » invalide : attendu AAAA ou AAAATn, par ex. 2024T1");
    }
    let store = Store::open(db).await?;
    let parsed = parse_csv(file, SEMICOLON, &["ROME", "cbassin", "defm_abc"], |r| {
        let rome = r.required("ROME")?;
        if !is_rome_code(rome) {
            return Err(("ROME".into(), format!("code ROME invalide « {rome} »")));
        }
        let jobseekers = r
            .f64_opt("defm_abc")?
            .ok_or(("defm_abc".to_string(), "absent".to_string()))?;
        let offers = r.f64_opt("oee")?;
        if jobseekers < 0.0 || offers.is_some_and(|o| o < 0.0) {
            return Err(("defm_abc".into(), "effectif négatif".into()));
        }
        Ok(Some(TensionInput {
            period: period.to_string(),
            rome: rome.to_string(),
            bassin: r.required("cbassin")?.to_string(),
            offers,
            jobseekers,
        }))
    })?;
    if let Some(first) = parsed.errors.first() {
        bail!(
            "{} ligne(s) rejetée(s), rien n'a été importé ; première : {first}",
            parsed.errors.len()
        );
    }
    let n = replace_period(&store, period, &parsed.records, &file.display().to_string()).await?;
    println!("{n} cellules ROME × bassin importées pour la période {period}");
    Ok(())
}
