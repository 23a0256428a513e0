//! What the labelled offers teach: the logistic occupation model and, per fiche, the share
//! of labelled offers asking each skill. Trained by [`train`], written as text by
//! [`Learned::to_text`] (shipped gzip-compressed in `data/skills/`), read back by
//! [`Learned::parse`].

use crate::catalog::Catalog;
use crate::linear::{Linear, LinearParams, OUTSIDE};
use crate::norm::FxMap;
use crate::occupation::{feature, features, BIGRAM_BIT};

/// A training offer: title, description, ROME code and employer-selected skill codes.
#[derive(Debug, Clone)]
pub struct TrainingOffer {
    pub id: String,
    pub title: String,
    pub description: String,
    pub rome: String,
    pub skills: Vec<String>,
}

/// Per fiche: how many offers carried skill labels, and the share of them asking each skill
/// (skill index, share), highest first.
#[derive(Debug, Clone, Default)]
pub struct FichePrior {
    pub labelled: u32,
    pub shares: Vec<(u32, f32)>,
}

/// The learned part of the engine.
#[derive(Debug, Clone, Default)]
pub struct Learned {
    pub prior: Vec<FichePrior>,
    pub offers: usize,
    /// Discriminative model of the fiches seen in training offers, plus the class
    /// [`OUTSIDE`] learned from the referential's other fiches.
    pub linear: Linear,
    /// Training titles (content stems) and their fiche.
    pub titles: Vec<(Vec<u32>, u32)>,
}

/// Learns from offers. The catalog vocabulary must already know the offers' words
/// ([`Catalog::learn_text`]).
pub fn train(cat: &Catalog, offers: &[&TrainingOffer]) -> Learned {
    let n = cat.fiches.len();
    let mut asked: Vec<FxMap<u32, u32>> = vec![FxMap::default(); n];
    let mut labelled = vec![0u32; n];
    let mut feats: Vec<(u32, Vec<u32>)> = Vec::new();
    let mut titles = Vec::new();
    for o in offers {
        let Some(&f) = cat.fiche_index.get(&o.rome) else {
            continue;
        };
        let text = format!("{}\n{}", o.title, o.description);
        let tokens = cat.vocab.tokens(&cat.norm, &text);
        let fs = features(&cat.vocab, &tokens, o.title.len());
        feats.push((f, fs));
        let title: Vec<u32> = tokens
            .iter()
            .take_while(|t| (t.start as usize) < o.title.len())
            .map(|t| t.stem)
            .collect();
        titles.push((title, f));
        let codes: Vec<u32> = o
            .skills
            .iter()
            .filter_map(|c| cat.skill_index.get(c).copied())
            .collect();
        if !codes.is_empty() {
            labelled[f as usize] += 1;
            for c in codes {
                *asked[f as usize].entry(c).or_default() += 1;
            }
        }
    }
    let prior = asked
        .into_iter()
        .zip(labelled)
        .map(|(m, l)| {
            let mut shares: Vec<(u32, f32)> = m
                .into_iter()
                .map(|(s, k)| (s, k as f32 / l.max(1) as f32))
                .collect();
            shares.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            FichePrior {
                labelled: l,
                shares,
            }
        })
        .collect();
    // Fiches never seen in offers teach the logistic model one more class, "outside", from
    // their appellations (as a title) and texts (as a body).
    let seen: std::collections::HashSet<u32> = feats.iter().map(|f| f.0).collect();
    for (i, fi) in cat.fiches.iter().enumerate() {
        if seen.contains(&(i as u32)) {
            continue;
        }
        let mut fs: Vec<u32> = fi
            .appellations
            .iter()
            .flat_map(|a| a.2.iter().map(|&s| feature(s, true)))
            .chain(fi.text_stems.iter().map(|&s| feature(s, false)))
            .collect();
        fs.sort_unstable();
        fs.dedup();
        feats.push((OUTSIDE, fs));
    }
    let linear = Linear::train(&feats, LinearParams::default());
    Learned {
        prior,
        offers: offers.len(),
        linear,
        titles,
    }
}

/// Name of a feature in the model text: `stem:T` / `stem:B`, or `#id:T` for a title bigram
/// (its id is a hash of the stems' text, stable across vocabularies).
fn feature_name(cat: &Catalog, feat: u32) -> String {
    let side = if feat & 1 == 1 { "T" } else { "B" };
    if feat & BIGRAM_BIT != 0 {
        format!("#{feat}:{side}")
    } else {
        format!("{}:{side}", cat.vocab.stems[(feat / 2) as usize])
    }
}

/// Reads a feature name, interning its stem.
fn parse_feature(cat: &mut Catalog, s: &str) -> Option<u32> {
    let (stem, side) = s.rsplit_once(':')?;
    if let Some(id) = stem.strip_prefix('#') {
        return id.parse().ok();
    }
    Some(feature(cat.vocab.intern_stem(stem), side == "T"))
}

impl Learned {
    /// Title key → (fiche, number of training offers).
    pub fn titles(&self) -> FxMap<u64, Vec<(u32, u32)>> {
        let mut m: FxMap<u64, Vec<(u32, u32)>> = FxMap::default();
        for (t, f) in &self.titles {
            let v = m.entry(crate::ranking::title_key(t)).or_default();
            match v.iter_mut().find(|x| x.0 == *f) {
                Some(x) => x.1 += 1,
                None => v.push((*f, 1)),
            }
        }
        m
    }

    /// Tab-separated text, one fact a line: `N - offers` (training offers), `P fiche labelled
    /// code:share,...` (skill shares), `T fiche count stems...` (training titles), `L -
    /// fiches...` (`*` for the class outside the offers' fiches), `B - biases...`, `I - feature
    /// idf class:weight,...` (logistic model, weights under 0.005 dropped).
    pub fn to_text(&self, cat: &Catalog) -> String {
        use std::fmt::Write;
        let mut out = format!(
            "# tremplin-skills learned model: {} training offers\nN\t-\t{}\n",
            self.offers, self.offers
        );
        let fiche = |i: u32| &cat.fiches[i as usize].code;
        for (i, p) in self.prior.iter().enumerate() {
            if p.labelled > 0 {
                let shares: Vec<String> = p
                    .shares
                    .iter()
                    .map(|(s, v)| format!("{}:{v:.4}", cat.skills[*s as usize].code))
                    .collect();
                let _ = writeln!(
                    out,
                    "P\t{}\t{}\t{}",
                    fiche(i as u32),
                    p.labelled,
                    shares.join(",")
                );
            }
        }
        for (key, seen) in self.titles() {
            let stems = self
                .titles
                .iter()
                .find(|t| crate::ranking::title_key(&t.0) == key)
                .map(|t| &t.0);
            let words: Vec<&str> = stems
                .into_iter()
                .flatten()
                .map(|&s| cat.vocab.stems.get(s as usize).map_or("?", |s| s.as_str()))
                .collect();
            for (f, n) in seen {
                let _ = writeln!(out, "T\t{}\t{n}\t{}", fiche(f), words.join(" "));
            }
        }
        let lin = &self.linear;
        let classes: Vec<&str> = lin
            .classes
            .iter()
            .map(|&c| if c == OUTSIDE { "*" } else { fiche(c).as_str() })
            .collect();
        let _ = writeln!(out, "L\t-\t{}", classes.join(" "));
        let bias: Vec<String> = lin.bias.iter().map(|b| format!("{b:.4}")).collect();
        let _ = writeln!(out, "B\t-\t{}", bias.join(" "));
        let mut feats: Vec<_> = lin
            .idf
            .iter()
            .filter(|(f, _)| lin.weights.contains_key(f))
            .collect();
        feats.sort_by_key(|(f, _)| **f);
        for (&f, idf) in feats {
            let w: Vec<String> = lin.weights[&f]
                .iter()
                .enumerate()
                .filter(|(_, w)| w.abs() >= 0.005)
                .map(|(c, w)| format!("{c}:{w:.3}"))
                .collect();
            if !w.is_empty() {
                let _ = writeln!(
                    out,
                    "I\t-\t{}\t{idf:.4}\t{}",
                    feature_name(cat, f),
                    w.join(",")
                );
            }
        }
        out
    }

    /// Reads [`Learned::to_text`] output, interning its stems into the catalog vocabulary.
    /// Errors name the line.
    pub fn parse(cat: &mut Catalog, text: &str) -> Result<Learned, String> {
        let n = cat.fiches.len();
        let mut l = Learned {
            prior: vec![FichePrior::default(); n],
            ..Default::default()
        };
        l.linear.title_weight = LinearParams::default().title_weight;
        for (i, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |why: &str| format!("ligne {} : {why}", i + 1);
            let f: Vec<&str> = line.split('\t').collect();
            let num = |k: usize| {
                f.get(k)
                    .and_then(|v| v.parse::<f32>().ok())
                    .ok_or_else(|| err("nombre attendu"))
            };
            let fiche_of = |code: &str| {
                cat.fiche_index
                    .get(code)
                    .copied()
                    .ok_or_else(|| err("fiche ROME inconnue"))
            };
            match (f[0], f.len()) {
                ("N", 3) => l.offers = num(2)? as usize,
                ("P", 4) => {
                    let p = &mut l.prior[fiche_of(f[1])? as usize];
                    p.labelled = num(2)? as u32;
                    for pair in f[3].split(',').filter(|s| !s.is_empty()) {
                        let (code, share) = pair
                            .split_once(':')
                            .ok_or_else(|| err("code:part attendu"))?;
                        let share: f32 = share.parse().map_err(|_| err("part invalide"))?;
                        if let Some(&s) = cat.skill_index.get(code) {
                            p.shares.push((s, share));
                        }
                    }
                }
                ("T", 4) => {
                    let c = fiche_of(f[1])?;
                    let stems: Vec<u32> = f[3]
                        .split(' ')
                        .filter(|s| !s.is_empty())
                        .map(|s| cat.vocab.intern_stem(s))
                        .collect();
                    for _ in 0..num(2)? as usize {
                        l.titles.push((stems.clone(), c));
                    }
                }
                ("L", 3) => {
                    l.linear.classes = f[2]
                        .split(' ')
                        .map(|c| if c == "*" { Ok(OUTSIDE) } else { fiche_of(c) })
                        .collect::<Result<_, _>>()?;
                }
                ("B", 3) => {
                    l.linear.bias = f[2]
                        .split(' ')
                        .map(|v| v.parse().map_err(|_| err("biais invalide")))
                        .collect::<Result<_, _>>()?;
                }
                ("I", 5) => {
                    let feat =
                        parse_feature(cat, f[2]).ok_or_else(|| err("caractéristique invalide"))?;
                    l.linear.idf.insert(feat, num(3)?);
                    let mut row = vec![0f32; l.linear.classes.len()];
                    for pair in f[4].split(',') {
                        let (c, w) = pair
                            .split_once(':')
                            .ok_or_else(|| err("classe:poids attendu"))?;
                        let c: usize = c.parse().map_err(|_| err("classe invalide"))?;
                        *row.get_mut(c).ok_or_else(|| err("classe hors liste"))? =
                            w.parse().map_err(|_| err("poids invalide"))?;
                    }
                    l.linear.weights.insert(feat, row);
                }
                _ => return Err(err("ligne non reconnue")),
            }
        }
        if l.linear.bias.len() != l.linear.classes.len() {
            return Err("modèle : biais et classes de tailles différentes".into());
        }
        Ok(l)
    }
}
