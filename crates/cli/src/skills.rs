//! `tremplin skills …`: extraction (JSON lines), benchmark, cross-validated evaluation and
//! training of the skills engine. None of them needs the database: they read the bundled
//! referential and model from `data/`.

use anyhow::{bail, Context, Result};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;
use tremplin_ingest::bundle::data_dir;
use tremplin_skills::eval::{self, cross_validate};
use tremplin_skills::matcher::LabelIndex;
use tremplin_skills::stream::{for_each_record, process_record};
use tremplin_skills::variants::Variants;
use tremplin_skills::{bundle, model, Engine, Extraction, TrainingOffer};
use tremplin_store::Store;

mod sectors;

#[derive(clap::Subcommand)]
pub enum SkillsCmd {
    /// Reads offers (JSON array or JSON lines, `-` for stdin) and writes one JSON line per
    /// offer: detected fiche, skills with their evidence and spans.
    Extract {
        #[arg(long)]
        input: String,
        /// Trust the offer's `romeCode` when present instead of detecting the fiche.
        #[arg(long)]
        use_rome_code: bool,
    },
    /// Measures end-to-end extraction speed (JSON in, JSON lines out) on one core and all.
    Bench {
        #[arg(long)]
        input: String,
        /// Passes over the input per measure.
        #[arg(long, default_value_t = 3)]
        rounds: usize,
    },
    /// Cross-validated figures: occupation top-1/top-3, precision/recall/F1 against employer
    /// labels, and text-evidence precision/recall on the annotated sample.
    Eval {
        #[arg(long)]
        input: String,
        #[arg(long, default_value_t = 5)]
        folds: usize,
        /// Grounded annotation file (its `skills_grounded_candidates.json` lies beside it).
        #[arg(long, default_value = "data/skills/skills_grounded_gold.json")]
        gold: PathBuf,
        /// Writes the out-of-fold extractions (text alone) as JSON lines, for
        /// `skills_eval.py`.
        #[arg(long)]
        predictions: Option<PathBuf>,
    },
    /// Trains the model on labelled offers and writes it (gzip) for the engine to load.
    Train {
        #[arg(long)]
        input: String,
        #[arg(long)]
        output: Option<PathBuf>,
    },
}

pub async fn run(cmd: SkillsCmd, _db: &str) -> Result<()> {
    match cmd {
        SkillsCmd::Extract {
            input,
            use_rome_code,
        } => extract(&input, use_rome_code),
        SkillsCmd::Bench { input, rounds } => bench(&input, rounds),
        SkillsCmd::Eval {
            input,
            folds,
            gold,
            predictions,
        } => eval(&input, folds, &gold, predictions.as_deref()),
        SkillsCmd::Train { input, output } => train(&input, output),
    }
}

/// Loads the engine once so that later page views are fast, and says how long it took.
pub async fn on_demo(_store: &Store) -> Result<()> {
    let t = Instant::now();
    let e = load_engine()?;
    println!(
        "Moteur de compétences prêt : {} compétences et savoirs, {} fiches ({} ms)",
        e.cat.skills.len(),
        e.cat.fiches.len(),
        t.elapsed().as_millis()
    );
    Ok(())
}

pub fn load_engine() -> Result<Engine> {
    bundle::engine(&data_dir()).map_err(|e| anyhow::anyhow!("moteur de compétences : {e}"))
}

fn open_input(input: &str) -> Result<Box<dyn BufRead>> {
    if input == "-" {
        return Ok(Box::new(BufReader::new(std::io::stdin())));
    }
    let f =
        std::fs::File::open(input).with_context(|| format!("{input} : ouverture impossible"))?;
    if input.ends_with(".gz") {
        return Ok(Box::new(BufReader::new(flate2::read::GzDecoder::new(f))));
    }
    Ok(Box::new(BufReader::with_capacity(1 << 16, f)))
}

fn extract(input: &str, use_rome_code: bool) -> Result<()> {
    let t = Instant::now();
    let engine = load_engine()?;
    eprintln!("moteur chargé en {} ms", t.elapsed().as_millis());
    let out = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, out.lock());
    let (mut ok, mut bad) = (0usize, 0usize);
    let mut io_err = None;
    for_each_record(open_input(input)?, |rec| {
        let (line, is_err) = process_record(&engine, rec, use_rome_code);
        if is_err {
            bad += 1;
        } else {
            ok += 1;
        }
        if io_err.is_none() {
            io_err = out
                .write_all(&line)
                .and_then(|_| out.write_all(b"\n"))
                .err();
        }
    })
    .with_context(|| format!("{input} : lecture"))?;
    out.flush()?;
    if let Some(e) = io_err {
        return Err(e.into());
    }
    eprintln!(
        "{ok} offres lues, {bad} enregistrements en erreur, {:.2} s",
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Splits input into raw records (line, bytes) held in memory for the benchmark.
fn raw_records(input: &str) -> Result<Vec<(u64, Option<Vec<u8>>)>> {
    let mut recs = Vec::new();
    for_each_record(open_input(input)?, |(l, b)| {
        recs.push((l, b.map(<[u8]>::to_vec)))
    })?;
    Ok(recs)
}

fn run_batch(engine: &Engine, recs: &[(u64, Option<Vec<u8>>)]) -> usize {
    let mut bytes = 0;
    for (l, b) in recs {
        bytes += process_record(engine, (*l, b.as_deref()), false).0.len() + 1;
    }
    bytes
}

fn bench(input: &str, rounds: usize) -> Result<()> {
    let t = Instant::now();
    let engine = load_engine()?;
    let startup = t.elapsed();
    let recs = raw_records(input)?;
    if recs.is_empty() {
        bail!("{input} : aucune offre");
    }
    let n = recs.len() * rounds.max(1);
    run_batch(&engine, &recs);
    let t = Instant::now();
    for _ in 0..rounds.max(1) {
        run_batch(&engine, &recs);
    }
    let single = n as f64 / t.elapsed().as_secs_f64();
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let t = Instant::now();
    std::thread::scope(|s| {
        for k in 0..cores {
            let (engine, recs) = (&engine, &recs);
            s.spawn(move || {
                for _ in 0..rounds.max(1) {
                    let part: Vec<_> = recs.iter().skip(k).step_by(cores).cloned().collect();
                    run_batch(engine, &part);
                }
            });
        }
    });
    let all = n as f64 / t.elapsed().as_secs_f64();
    println!(
        "démarrage (référentiel + modèle) : {} ms",
        startup.as_millis()
    );
    println!("offres : {} × {} passes", recs.len(), rounds.max(1));
    println!("un cœur : {single:.0} offres/s");
    println!("{cores} cœurs : {all:.0} offres/s");
    Ok(())
}

fn training_offers(input: &str) -> Result<Vec<TrainingOffer>> {
    let mut text = String::new();
    open_input(input)?
        .read_to_string(&mut text)
        .with_context(|| format!("{input} : lecture"))?;
    let parsed = tremplin_ingest::offers::parse_offers_str(input, &text)?;
    for e in parsed.errors.iter().take(5) {
        eprintln!("ignoré : {e}");
    }
    Ok(parsed
        .records
        .into_iter()
        .map(|o| TrainingOffer {
            id: o.id,
            skills: o.competences.iter().map(|c| c.code.clone()).collect(),
            title: o.title,
            description: o.description,
            rome: o.rome,
        })
        .collect())
}

fn train(input: &str, output: Option<PathBuf>) -> Result<()> {
    let offers = training_offers(input)?;
    let mut cat = bundle::catalog(&data_dir()).map_err(anyhow::Error::msg)?;
    for o in &offers {
        cat.learn_text(&o.title);
        cat.learn_text(&o.description);
    }
    let refs: Vec<&TrainingOffer> = offers.iter().collect();
    let learned = model::train(&cat, &refs);
    let text = learned.to_text(&cat);
    let path = output.unwrap_or_else(|| bundle::model_path(&data_dir()));
    write_gz(&path, text.as_bytes())?;
    println!(
        "modèle appris sur {} offres écrit dans {}",
        offers.len(),
        path.display()
    );
    Ok(())
}

fn write_gz(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let f =
        std::fs::File::create(path).with_context(|| format!("{} : écriture", path.display()))?;
    let mut gz = flate2::write::GzEncoder::new(f, flate2::Compression::best());
    gz.write_all(bytes)?;
    gz.finish()?;
    Ok(())
}

fn eval(input: &str, folds: usize, gold: &Path, predictions: Option<&Path>) -> Result<()> {
    let offers = training_offers(input)?;
    let mut cat = bundle::catalog(&data_dir()).map_err(anyhow::Error::msg)?;
    for o in &offers {
        cat.learn_text(&o.title);
        cat.learn_text(&o.description);
    }
    let labels = Arc::new(LabelIndex::new(&cat));
    let text = bundle::variants_text(&data_dir()).map_err(anyhow::Error::msg)?;
    let mut variants = Variants::parse(&cat, &text).map_err(anyhow::Error::msg)?;
    // Marked before the catalog is shared: every fold then reads the tokenizer's list of the
    // variants' starts.
    variants.mark(&mut cat);
    let cat = Arc::new(cat);
    let cv = cross_validate(
        cat.clone(),
        labels,
        &variants,
        &offers,
        folds.max(2),
        Default::default(),
    );
    let r = eval::report(&offers, &cv);
    println!("Validation croisée en {} plis sur {} offres : chaque offre est lue par un modèle appris sans elle.", r.folds, r.offers);
    println!(
        "Métier (fiche ROME) depuis le texte : top-1 {:.3}, top-3 {:.3}",
        r.top1, r.top3
    );
    for (name, p) in [
        ("toutes compétences, texte seul", &r.labels_text),
        ("toutes compétences, avec romeCode", &r.labels_rome),
        (
            "preuves textuelles seules, texte seul",
            &r.labels_text_evidence,
        ),
        (
            "compétences typiques du métier seules, texte seul",
            &r.labels_occupation_evidence,
        ),
        (
            "plafond : preuves textuelles + exactement les codes de l'employeur",
            &r.labels_ceiling,
        ),
    ] {
        println!(
            "Étiquettes employeur ({name}) : précision {:.3}, rappel {:.3}, F1 {:.3}",
            p.precision(),
            p.recall(),
            p.f1()
        );
    }
    if let Some(path) = predictions {
        let mut out = BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("{} : écriture", path.display()))?,
        );
        for (o, ex) in offers.iter().zip(&cv.text) {
            out.write_all(&tremplin_skills::output::line(&cat, &o.id, ex))?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
    }
    if gold.exists() {
        let gold_offers: Vec<eval::GoldOffer> = read_json(gold)?;
        let cands: HashMap<String, Vec<String>> =
            read_json(&gold.with_file_name("skills_grounded_candidates.json"))?;
        let pred: HashMap<&str, &Extraction> =
            offers.iter().map(|o| o.id.as_str()).zip(&cv.text).collect();
        let score = |gold: &[eval::GoldOffer]| {
            let first_pass: Vec<eval::GoldOffer> = gold.iter().map(|o| o.first_pass()).collect();
            let g = eval::grounded(gold, &cands, &pred);
            (g, eval::grounded(&first_pass, &cands, &pred))
        };
        let (g, first) = score(&gold_offers);
        println!(
            "Preuves textuelles sur {} offres annotées ({}) : précision {:.3}, rappel {:.3} (hors liste de candidats : {:.1} %)",
            g.offers,
            gold.display(),
            g.precision,
            g.recall,
            100.0 * g.unjudged_share
        );
        println!(
            "  annotation de premier passage seule (sans adjudication) : précision {:.3}, rappel {:.3}",
            first.precision, first.recall
        );
        let mut rounds: Vec<u32> = gold_offers.iter().map(|o| o.round).collect();
        rounds.sort_unstable();
        rounds.dedup();
        let part = |keep: &dyn Fn(&eval::GoldOffer) -> bool| -> Vec<eval::GoldOffer> {
            gold_offers.iter().filter(|o| keep(o)).cloned().collect()
        };
        let mut subsets: Vec<(String, Vec<eval::GoldOffer>)> = rounds
            .iter()
            .map(|&r| (format!("tour d'annotation {r}"), part(&|o| o.round == r)))
            .collect();
        subsets.push((
            "offres non regardées pendant la mise au point des règles".into(),
            part(&|o| !o.tuning),
        ));
        // The most honest figure: offers nobody looked at, per way of reading them.
        subsets.extend(rounds.iter().map(|&r| {
            (
                format!("  dont tour d'annotation {r}"),
                part(&|o| !o.tuning && o.round == r),
            )
        }));
        for (name, offers) in subsets {
            let (g, first) = score(&offers);
            println!(
                "  {name} ({} offres) : précision {:.3}, rappel {:.3} (premier passage : {:.3}, {:.3})",
                g.offers, g.precision, g.recall, first.precision, first.recall
            );
        }
    } else {
        println!(
            "Pas d'annotation {} : précision des preuves textuelles non mesurée.",
            gold.display()
        );
    }
    // The judged samples and the sector texts score the shipped engine, loaded once.
    let shipped = load_engine()?;
    cross_sector(&shipped, &gold.with_file_name(CROSS_SECTOR_FILE))?;
    sectors::report(&shipped, gold.parent().unwrap_or(Path::new(".")))?;
    sectors::report_blind_rounds(&shipped, gold.parent().unwrap_or(Path::new(".")))?;
    corpus_wide(&shipped, &gold.with_file_name(CORPUS_WIDE_FILE), &offers)
}

/// The judged sample of the shipped engine's text evidence over the bundled offers.
const CORPUS_WIDE_FILE: &str = "annotation/corpus_wide_judged_session11.json";

/// Precision of the shipped engine's text evidence over all `offers`, estimated from the
/// judged sample in `path` (when it was drawn from these offers).
fn corpus_wide(engine: &Engine, path: &Path, offers: &[TrainingOffer]) -> Result<()> {
    let Some(sample) = judged_file::<tremplin_skills::corpus_wide::Sample>(
        path,
        "Pas d'échantillon jugé {} : précision sur tout le corpus non mesurée.",
    )?
    else {
        return Ok(());
    };
    let read: Vec<(&str, String, Extraction)> = offers
        .iter()
        .map(|o| {
            let text = format!("{}\n{}", o.title, o.description);
            (
                o.id.as_str(),
                text,
                engine.extract(&o.title, &o.description, None),
            )
        })
        .collect();
    let refs: Vec<(&str, &str, &Extraction)> =
        read.iter().map(|(id, t, e)| (*id, t.as_str(), e)).collect();
    let e = tremplin_skills::corpus_wide::estimate(&sample.items, &refs);
    if e.kept == 0 {
        println!(
            "Échantillon jugé {} : tiré d'autres offres, non applicable.",
            path.display()
        );
        return Ok(());
    }
    println!(
        "Preuves textuelles sur tout le corpus ({} extractions jugées encore lues, {} plus lues ; {}) : précision {:.3} (cas limites comptés faux), {:.3} (pour moitié), {:.3} (comptés justes)",
        e.kept, e.dropped, path.display(), e.all[0], e.all[1], e.all[2]
    );
    Ok(())
}

/// A file of judged extractions, or `None` (and `missing`, its `{}` the path, printed) when
/// there is none; an unreadable or malformed file is an error naming it.
fn judged_file<T: serde::de::DeserializeOwned>(path: &Path, missing: &str) -> Result<Option<T>> {
    if !path.exists() {
        println!("{}", missing.replace("{}", &path.display().to_string()));
        return Ok(None);
    }
    read_json(path).map(Some)
}

/// A JSON file; an unreadable or malformed file is an error naming it.
fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("{} : lecture", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} : JSON invalide", path.display()))
}

/// Judged text evidence on ROME fiche texts of every sector, beside the gold.
const CROSS_SECTOR_FILE: &str = "skills_cross_sector_judged.json";

/// Precision of the shipped engine's text evidence on the texts (title, definition, access) of
/// the ROME fiches judged in `path`: sectors the offers barely hold.
fn cross_sector(engine: &Engine, path: &Path) -> Result<()> {
    let Some(verdicts) = judged_file::<Vec<eval::Verdict>>(
        path,
        "Pas de jugements {} : précision hors informatique non mesurée.",
    )?
    else {
        return Ok(());
    };
    let rome = tremplin_ingest::rome::load_bundled()?;
    let j = eval::judge_fiche_texts(engine, &rome, &verdicts)
        .map_err(|e| anyhow::anyhow!("{} : {e}", path.display()))?;
    println!(
        "Preuves textuelles sur {} textes de fiches ROME hors informatique ({}) : précision {:.3} ({} jugées, non jugées : {:.1} %)",
        j.texts,
        path.display(),
        j.precision(),
        j.supported + j.unsupported,
        100.0 * j.unjudged_share()
    );
    Ok(())
}
