//! `skills eval`, sector texts (round 3 of the annotation): offers and descriptions of
//! experience written for the evaluation in sixteen trades that the bundled offers do not hold
//! (logistics, care, retail, building, industry, catering, transport, office work,
//! horticulture), annotated by readers blind to the engine. Scored on the shipped engine, which
//! never saw them: recall and precision of its text evidence, and the fiche it reads. Then
//! the rounds annotated blind to the engine for trades it was tuned on afterwards (rounds 4 to
//! 13: texts written blind, and bundled offers for round 9).

use super::read_json;
use anyhow::Result;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use tremplin_skills::eval::{self, GoldOffer, SectorReading, SectorTexts};
use tremplin_skills::{Engine, Extraction};

/// The texts, beside the gold's annotation folder.
pub const TEXTS_FILE: &str = "annotation/sector_texts.json";
/// The readers' annotation and its candidate lists, beside the main gold.
pub const GOLD_FILE: &str = "skills_sectors_gold.json";
pub const CANDIDATES_FILE: &str = "skills_sectors_candidates.json";
/// Verdicts on predictions outside the candidate lists, which the gold does not score.
pub const JUDGED_FILE: &str = "annotation/sector_judged.json";

#[derive(Deserialize)]
struct Judged {
    items: Vec<JudgedItem>,
}

#[derive(Deserialize)]
struct JudgedItem {
    set: String,
    id: String,
    code: String,
    verdict: String,
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
    let texts: SectorTexts = read_json(&texts_path)?;
    let gold: Vec<GoldOffer> = read_json(&gold_path)?;
    let cands: HashMap<String, Vec<String>> = read_json(&dir.join(CANDIDATES_FILE))?;
    let reading = SectorReading::new(engine, &texts.texts);
    let pred = reading.predictions();
    let mut fiches: Vec<&str> = texts.texts.iter().map(|t| t.fiche.as_str()).collect();
    fiches.sort_unstable();
    fiches.dedup();
    println!(
        "Textes sectoriels fictifs ({} textes de {} métiers hors des secteurs des offres, {}) : métier lu juste {} fois sur {}",
        texts.texts.len(),
        fiches.len(),
        gold_path.display(),
        reading.fiche_right(),
        texts.texts.len()
    );
    let part = |keep: &dyn Fn(&GoldOffer) -> bool| -> Vec<GoldOffer> {
        gold.iter().filter(|o| keep(o)).cloned().collect()
    };
    let experience = |o: &GoldOffer| reading.is_experience(&o.id);
    outside_candidates(dir, &reading, &cands)?;
    for (name, subset) in [
        ("tous", part(&|_| true)),
        ("  dont offres", part(&|o| !experience(o))),
        ("  dont descriptions d'expérience", part(&|o| experience(o))),
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
        print_grounded(name, &subset, &cands, &pred);
    }
    Ok(())
}

/// One line of text-evidence figures on `gold`.
fn print_grounded(
    name: &str,
    gold: &[GoldOffer],
    cands: &HashMap<String, Vec<String>>,
    pred: &HashMap<&str, &Extraction>,
) {
    let g = eval::grounded(gold, cands, pred);
    println!(
        "  {name} ({} textes) : précision {:.3}, rappel {:.3} (hors liste de candidats : {:.1} %)",
        g.offers,
        g.precision,
        g.recall,
        100.0 * g.unjudged_share
    );
}

/// Rounds of texts annotated blind to the engine after it was tuned on their trades
/// (`annotation/<folder>/`: texts, gold, candidates), and what they measure: texts written
/// blind for rounds 4 to 8 and 10 to 13, bundled offers for round 9.
const BLIND_ROUNDS: [(&str, &str); 10] = [
    (
        "round4",
        "tour 4, les huit métiers des mots de métier de la quatorzième session",
    ),
    (
        "round5",
        "tour 5, huit des 32 métiers du premier lot de variantes par fiche de la quinzième session",
    ),
    (
        "round6",
        "tour 6, huit des 32 métiers du deuxième lot de variantes par fiche de la quinzième session",
    ),
    (
        "round7",
        "tour 7, huit des 32 métiers du troisième lot de variantes par fiche de la quinzième session",
    ),
    (
        "round8",
        "tour 8, huit des 32 métiers du quatrième lot de variantes par fiche de la quinzième session",
    ),
    (
        "round9",
        "tour 9, 16 offres fournies des 32 fiches du cinquième lot (seizième session), annotées à l'aveugle",
    ),
    (
        "round10",
        "tour 10, huit des 32 métiers du sixième lot de variantes par fiche (seizième session)",
    ),
    (
        "round11",
        "tour 11, huit des 32 métiers du septième lot de variantes par fiche (seizième session)",
    ),
    (
        "round12",
        "tour 12, huit des 32 métiers du huitième lot de variantes par fiche (seizième session)",
    ),
    (
        "round13",
        "tour 13, huit des 32 métiers du neuvième lot de variantes par fiche (seizième session)",
    ),
];

/// Prints the figures on the blind rounds of the folder `dir` (that of the main gold).
pub fn report_blind_rounds(engine: &Engine, dir: &Path) -> Result<()> {
    for (folder, what) in BLIND_ROUNDS {
        let at = dir.join("annotation").join(folder);
        let (texts_path, gold_path) = (at.join("texts.json"), at.join("gold.json"));
        if !texts_path.exists() || !gold_path.exists() {
            println!(
                "Pas de textes annotés dans {} : {what} non mesuré.",
                at.display()
            );
            continue;
        }
        let texts: SectorTexts = read_json(&texts_path)?;
        let gold: Vec<GoldOffer> = read_json(&gold_path)?;
        let cands: HashMap<String, Vec<String>> =
            read_json(&at.join("skills_grounded_candidates.json"))?;
        let reading = SectorReading::new(engine, &texts.texts);
        let pred = reading.predictions();
        println!(
            "Textes à l'aveugle ({what}, {}) : métier lu juste {} fois sur {}",
            gold_path.display(),
            reading.fiche_right(),
            texts.texts.len()
        );
        let experience = |o: &&GoldOffer| reading.is_experience(&o.id);
        let (exp, offers): (Vec<GoldOffer>, Vec<GoldOffer>) =
            gold.iter().cloned().partition(|o| experience(&o));
        print_grounded("tous", &gold, &cands, &pred);
        if gold.iter().any(|o| o.skills.iter().any(|s| s.adjudicated)) {
            let first: Vec<GoldOffer> = gold.iter().map(|o| o.first_pass()).collect();
            print_grounded(
                "  annotation de premier passage seule",
                &first,
                &cands,
                &pred,
            );
        }
        if !exp.is_empty() {
            print_grounded("  dont offres", &offers, &cands, &pred);
            print_grounded("  dont descriptions d'expérience", &exp, &cands, &pred);
        }
    }
    Ok(())
}

/// Precision of the predictions outside the candidate lists, from the readers' verdicts:
/// supported, not, borderline, and those no verdict covers (predictions the engine makes now
/// and did not when they were judged).
fn outside_candidates(
    dir: &Path,
    reading: &SectorReading,
    cands: &HashMap<String, Vec<String>>,
) -> Result<()> {
    let path = dir.join(JUDGED_FILE);
    if !path.exists() {
        return Ok(());
    }
    let judged: Judged = read_json(&path)?;
    let verdict: HashMap<(&str, &str), &str> = (judged.items.iter())
        .filter(|j| j.set == "sector")
        .map(|j| ((j.id.as_str(), j.code.as_str()), j.verdict.as_str()))
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (t, ex) in &reading.read {
        let listed = cands.get(&t.id);
        for h in ex.with_evidence(tremplin_skills::Evidence::Text) {
            if listed.is_some_and(|c| c.contains(&h.code)) {
                continue;
            }
            let v = verdict.get(&(t.id.as_str(), h.code.as_str()));
            *counts.entry(v.copied().unwrap_or("non jugée")).or_default() += 1;
        }
    }
    let n = |k: &str| counts.get(k).copied().unwrap_or(0);
    let judged = n("supported") + n("not") + n("borderline");
    println!(
        "  hors liste de candidats, jugées par un lecteur ({}) : {} appuyées, {} non, {} cas limites sur {} (précision {:.3}), {} non jugées",
        path.display(),
        n("supported"),
        n("not"),
        n("borderline"),
        judged,
        n("supported") as f64 / judged.max(1) as f64,
        n("non jugée")
    );
    Ok(())
}
