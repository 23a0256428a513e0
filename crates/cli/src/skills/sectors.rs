//! `skills eval`, sector texts (round 3 of the annotation): offers and descriptions of
//! experience written for the evaluation in sixteen trades that the bundled offers do not hold
//! (logistics, care, retail, building, industry, catering, transport, office work,
//! horticulture), annotated by readers blind to the engine. Scored on the shipped engine, which
//! never saw them: recall and precision of its text evidence, and the fiche it reads.

use anyhow::{Context, Result};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use tremplin_skills::eval::{self, GoldOffer};
use tremplin_skills::{Engine, Extraction};

/// The texts, beside the gold's annotation folder.
pub const TEXTS_FILE: &str = "annotation/sector_texts.json";
/// The readers' annotation and its candidate lists, beside the main gold.
pub const GOLD_FILE: &str = "skills_sectors_gold.json";
pub const CANDIDATES_FILE: &str = "skills_sectors_candidates.json";

#[derive(Deserialize)]
struct Texts {
    texts: Vec<SectorText>,
}

#[derive(Deserialize)]
struct SectorText {
    id: String,
    /// The fiche the writer wrote it for.
    fiche: String,
    /// `offre` or `experience`.
    kind: String,
    intitule: String,
    description: String,
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("{} : lecture", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} : JSON invalide", path.display()))
}

/// Prints the figures on the sector texts of the folder `dir` (that of the main gold), or a
/// line saying they are not there.
pub fn report(engine: &Engine, dir: &Path) -> Result<()> {
    let (texts_path, gold_path) = (dir.join(TEXTS_FILE), dir.join(GOLD_FILE));
    if !texts_path.exists() || !gold_path.exists() {
        println!(
            "Pas de textes sectoriels annotés ({}) : rappel hors des secteurs des offres non mesuré.",
            gold_path.display()
        );
        return Ok(());
    }
    let texts: Texts = read_json(&texts_path)?;
    let gold: Vec<GoldOffer> = read_json(&gold_path)?;
    let cands: HashMap<String, Vec<String>> = read_json(&dir.join(CANDIDATES_FILE))?;
    let read: Vec<(&SectorText, Extraction)> = texts
        .texts
        .iter()
        .map(|t| (t, engine.extract(&t.intitule, &t.description, None)))
        .collect();
    let pred: HashMap<&str, &Extraction> = read.iter().map(|(t, e)| (t.id.as_str(), e)).collect();
    let kind: HashMap<&str, &str> = read
        .iter()
        .map(|(t, _)| (t.id.as_str(), t.kind.as_str()))
        .collect();
    let right = read
        .iter()
        .filter(|(t, e)| e.rome.as_ref().is_some_and(|r| r.code == t.fiche))
        .count();
    println!(
        "Textes sectoriels fictifs ({} textes de {} métiers hors des secteurs des offres, {}) : métier lu juste {} fois sur {}",
        read.len(),
        {
            let mut f: Vec<&str> = read.iter().map(|(t, _)| t.fiche.as_str()).collect();
            f.sort_unstable();
            f.dedup();
            f.len()
        },
        gold_path.display(),
        right,
        read.len()
    );
    let part = |keep: &dyn Fn(&GoldOffer) -> bool| -> Vec<GoldOffer> {
        gold.iter().filter(|o| keep(o)).cloned().collect()
    };
    let experience = |o: &GoldOffer| kind.get(o.id.as_str()) == Some(&"experience");
    for (name, subset) in [
        ("tous", part(&|_| true)),
        (
            "métiers regardés pendant la mise au point",
            part(&|o| o.tuning),
        ),
        ("métiers jamais regardés", part(&|o| !o.tuning)),
        ("  dont offres", part(&|o| !o.tuning && !experience(o))),
        (
            "  dont descriptions d'expérience",
            part(&|o| !o.tuning && experience(o)),
        ),
    ] {
        let g = eval::grounded(&subset, &cands, &pred);
        println!(
            "  {name} ({} textes) : précision {:.3}, rappel {:.3} (hors liste de candidats : {:.1} %)",
            g.offers,
            g.precision,
            g.recall,
            100.0 * g.unjudged_share
        );
    }
    Ok(())
}
