//! Seeded synthetic catalogue of a region, built on real reference data: certifications from
//! Certif Info (with their ROME and Formacode), RNCP blocs de compétences (modular actions),
//! real communes weighted by population, approximate coordinates (see [`crate::geo`]).
//! Providers, dates, durations, costs, capacities and seats are drawn from fixed-seed random
//! generators: the output is fully determined by the inputs and [`Params`]. Every formation
//! is flagged `donnees-synthetiques`.

mod names;
mod sessions;

use crate::date::Date;
use crate::geo::{Locator, Point};
use crate::model::*;
use rand::distributions::WeightedIndex;
use rand::prelude::*;
use std::collections::HashMap;
use tremplin_domain::certif::{Certification, RncpBloc};
use tremplin_domain::geo::{Commune, Geography};

pub use names::{luhn_ok, slug};

/// Comment written at the top of every generated LHEO file.
pub fn banner(p: &Params) -> String {
    format!(
        "Données synthétiques générées par Tremplin (région {}, graine {}, sessions du {} au {}) : \
         organismes, sessions, places et coûts sont fictifs ; certifications, codes ROME/Formacode \
         et communes sont réels.",
        p.region,
        p.seed,
        p.start.fr(),
        p.start.add_days(p.days - 1).fr()
    )
}

#[derive(Debug, Clone)]
pub struct Params {
    pub region: String,
    pub seed: u64,
    /// First day of the generated period.
    pub start: Date,
    /// Length of the period in days (sessions start within it).
    pub days: i64,
    /// Reference day for seat filling: sessions before it are (mostly) filled.
    pub today: Date,
    /// Target number of actions.
    pub actions: usize,
}

impl Params {
    /// Two years from 1 January of `today`'s year.
    pub fn two_years(region: &str, seed: u64, today: Date, actions: usize) -> Params {
        Params {
            region: region.into(),
            seed,
            start: Date::from_ymd(today.year(), 1, 1),
            days: 730,
            today,
            actions,
        }
    }
}

pub struct Input<'a> {
    pub certifications: &'a [Certification],
    pub blocs: &'a [RncpBloc],
    pub geo: &'a Geography,
    pub locator: &'a Locator,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    pub providers: usize,
    pub formations: usize,
    pub actions: usize,
    pub sessions: usize,
    pub modular: usize,
    pub permanent: usize,
    pub seats_offered: i64,
}

/// How often each kind of certification appears in a continuing-education offer.
fn certification_weight(c: &Certification) -> f64 {
    let t = c.type_label.to_lowercase();
    if t.starts_with("titre professionnel") {
        8.0
    } else if t.contains("certificat d'aptitude professionnelle")
        || t.contains("qualification professionnelle")
    {
        5.0
    } else if t.contains("brevet de technicien supérieur") || t.contains("brevet professionnel") {
        3.0
    } else if t.contains("baccalauréat professionnel")
        || t.contains("niveau 3")
        || t.contains("niveau 4")
        || t.contains("niveau 5")
    {
        2.0
    } else if t.contains("master") || t.contains("ingénieur") || t.contains("niveau 7") {
        0.15
    } else {
        0.7
    }
}

struct ProviderDraft {
    provider: Provider,
    commune: usize,
    letters: Vec<char>,
    size: f64,
}

struct Gen<'a> {
    rng: StdRng,
    input: &'a Input<'a>,
    p: &'a Params,
    communes: Vec<&'a Commune>,
    by_population: WeightedIndex<f64>,
    pool: HashMap<char, (Vec<&'a Certification>, WeightedIndex<f64>)>,
    blocs: HashMap<&'a str, Vec<&'a RncpBloc>>,
    stats: Stats,
}

/// Generates the catalogue, handing each formation to `emit` (e.g. an LHEO writer) as soon as
/// it is built.
pub fn generate<E>(
    input: &Input,
    p: &Params,
    mut emit: impl FnMut(Formation) -> Result<(), E>,
) -> Result<Stats, GenError<E>> {
    let mut g = Gen::new(input, p)?;
    let providers = g.providers();
    let sizes = WeightedIndex::new(providers.iter().map(|d| d.size))
        .map_err(|e| GenError::Input(e.to_string()))?;
    let mut counts = vec![0usize; providers.len()];
    while g.stats.actions < p.actions {
        let i = sizes.sample(&mut g.rng);
        counts[i] += 1;
        let f = g.formation(&providers[i]);
        emit(f).map_err(GenError::Sink)?;
    }
    g.stats.providers = counts.iter().filter(|&&c| c > 0).count();
    Ok(g.stats)
}

#[derive(Debug)]
pub enum GenError<E> {
    /// The reference data cannot support a catalogue (no commune, no certification…).
    Input(String),
    Sink(E),
}

impl<E: std::fmt::Display> std::fmt::Display for GenError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GenError::Input(s) => write!(f, "génération impossible : {s}"),
            GenError::Sink(e) => write!(f, "écriture : {e}"),
        }
    }
}

impl<'a> Gen<'a> {
    fn new<E>(input: &'a Input<'a>, p: &'a Params) -> Result<Self, GenError<E>> {
        let communes: Vec<&Commune> = input
            .geo
            .communes
            .iter()
            .filter(|c| {
                c.region == p.region && c.population > 0 && input.locator.commune(&c.code).is_some()
            })
            .collect();
        if communes.is_empty() {
            return Err(GenError::Input(format!(
                "aucune commune localisée dans la région {}",
                p.region
            )));
        }
        let by_population = WeightedIndex::new(communes.iter().map(|c| c.population as f64))
            .map_err(|e| GenError::Input(e.to_string()))?;
        let mut grouped: HashMap<char, Vec<&Certification>> = HashMap::new();
        for c in input.certifications {
            if c.romes.is_empty() || c.formacode.is_empty() || c.rncp.is_empty() {
                continue;
            }
            if let Some(letter) = c.romes[0].chars().next() {
                grouped.entry(letter).or_default().push(c);
            }
        }
        if grouped.is_empty() {
            return Err(GenError::Input(
                "aucune certification avec ROME, Formacode et RNCP".into(),
            ));
        }
        let mut pool = HashMap::new();
        for (letter, mut certs) in grouped {
            certs.sort_by(|a, b| a.code.cmp(&b.code));
            let w = WeightedIndex::new(certs.iter().map(|c| certification_weight(c)))
                .map_err(|e| GenError::Input(e.to_string()))?;
            pool.insert(letter, (certs, w));
        }
        let mut blocs: HashMap<&str, Vec<&RncpBloc>> = HashMap::new();
        for b in input.blocs {
            blocs.entry(b.rncp.as_str()).or_default().push(b);
        }
        Ok(Gen {
            rng: StdRng::seed_from_u64(p.seed),
            input,
            p,
            communes,
            by_population,
            pool,
            blocs,
            stats: Stats::default(),
        })
    }

    fn point(&self, c: &Commune) -> Point {
        self.input
            .locator
            .commune(&c.code)
            .expect("communes are filtered on location")
    }

    fn address(&mut self, c: &Commune) -> Address {
        let pt = self.point(c);
        Address {
            lines: vec![names::street(&mut self.rng)],
            postcode: c.postcodes.first().cloned().unwrap_or_default(),
            city: c.name.clone(),
            departement: c.departement.clone(),
            insee: c.code.clone(),
            region: c.region.clone(),
            country: "FR".into(),
            lat: Some((pt.lat * 1e5).round() / 1e5),
            lon: Some((pt.lon * 1e5).round() / 1e5),
            ..Address::default()
        }
    }

    /// About one provider per twelve actions, in towns of 2,000+ inhabitants when possible.
    fn providers(&mut self) -> Vec<ProviderDraft> {
        let n = (self.p.actions / 12).max(5);
        let letters_all: Vec<char> = {
            let mut v: Vec<char> = self.pool.keys().copied().collect();
            v.sort_unstable();
            v
        };
        (0..n)
            .map(|i| {
                let mut ci = self.by_population.sample(&mut self.rng);
                for _ in 0..20 {
                    if self.communes[ci].population >= 2000 {
                        break;
                    }
                    ci = self.by_population.sample(&mut self.rng);
                }
                let c = self.communes[ci];
                let (kind, kind_letters) = names::KINDS[self.rng.gen_range(0..names::KINDS.len())];
                let mut letters: Vec<char> = kind_letters
                    .iter()
                    .copied()
                    .filter(|l| self.pool.contains_key(l))
                    .collect();
                if letters.is_empty() {
                    letters = letters_all.clone();
                }
                let name = format!("{kind} {}", c.name);
                let domain = format!("{}.invalid", names::slug(&name));
                let address = self.address(c);
                let provider = Provider {
                    numero: format!("SYN-O{:04}", i + 1),
                    numero_activite: format!("44{:09}", self.rng.gen_range(0..1_000_000_000u64)),
                    siret: names::siret(&mut self.rng),
                    raison_sociale: name.clone(),
                    name,
                    coordinates: Contact {
                        address: Some(address),
                        email: format!("contact@{domain}"),
                        web: vec![format!("https://{domain}")],
                        ..Contact::default()
                    },
                    contacts: vec![Contact {
                        nom: "Accueil formation".into(),
                        email: format!("formation@{domain}"),
                        ..Contact::default()
                    }],
                    ..Provider::default()
                };
                // A few large providers, many small ones.
                let size = 0.3 + 6.0 * self.rng.gen::<f64>().powi(3);
                ProviderDraft {
                    provider,
                    commune: ci,
                    letters,
                    size,
                }
            })
            .collect()
    }

    fn formation(&mut self, d: &ProviderDraft) -> Formation {
        let letter = d.letters[self.rng.gen_range(0..d.letters.len())];
        let (certs, w) = &self.pool[&letter];
        let c = certs[w.sample(&mut self.rng)];
        let bloc = match self.blocs.get(c.rncp.as_str()) {
            Some(bs) if self.rng.gen_bool(0.45) => Some(bs[self.rng.gen_range(0..bs.len())]),
            _ => None,
        };
        self.stats.formations += 1;
        let numero = format!("SYN-F{:06}", self.stats.formations);
        let level = c.level.trim().to_string();
        let (title, path_type, module_id) = match bloc {
            Some(b) => {
                self.stats.modular += 1;
                (
                    format!("{} — bloc de compétences : {}", c.label, b.title),
                    "3",
                    b.code.clone(),
                )
            }
            None => (
                c.label.clone(),
                if self.rng.gen_bool(0.2) { "4" } else { "1" },
                String::new(),
            ),
        };
        let bloc_titles: Vec<&str> = self
            .blocs
            .get(c.rncp.as_str())
            .into_iter()
            .flatten()
            .map(|b| b.title.as_str())
            .take(8)
            .collect();
        let content = match bloc {
            Some(b) => format!("Bloc {} : {}.", b.code, b.title),
            None if !bloc_titles.is_empty() => format!(
                "Blocs de compétences préparés : {}.",
                bloc_titles.join(" ; ")
            ),
            None => format!("Parcours complet préparant « {} ».", c.label),
        };
        let n_actions = if self.rng.gen_bool(0.2) { 2 } else { 1 };
        let actions = (0..n_actions)
            .map(|k| {
                let commune = if k == 0 {
                    d.commune
                } else {
                    self.by_population.sample(&mut self.rng)
                };
                self.action(c, bloc, commune)
            })
            .collect();
        Formation {
            numero,
            formacodes: vec![c.formacode.clone()],
            nsf: if c.nsf.is_empty() {
                vec![]
            } else {
                vec![c.nsf.clone()]
            },
            romes: c.romes.iter().take(5).cloned().collect(),
            title,
            objective: format!(
                "Acquérir les compétences attendues et se présenter à la certification « {} »{}.",
                c.label,
                if level.is_empty() {
                    String::new()
                } else {
                    format!(" (niveau {level})")
                }
            ),
            results: format!(
                "Certification {} — {} ; certificateur : {}.",
                c.rncp,
                c.type_label,
                if c.certifier.is_empty() {
                    "non précisé"
                } else {
                    &c.certifier
                }
            ),
            content,
            certifying: "1".into(),
            contacts: d.provider.contacts.clone(),
            path_type: path_type.into(),
            entry_level: "0".into(),
            general_objective: "6".into(),
            certifications: vec![CertificationCode {
                rncp: c.rncp.clone(),
                certifinfo: c.code.clone(),
                rs: String::new(),
            }],
            exit_level: match level.as_str() {
                l @ ("3" | "4" | "5" | "6" | "7" | "8") => format!("1{l}"),
                _ => "0".into(),
            },
            urls: vec![],
            actions,
            provider: d.provider.clone(),
            module_id,
            synthetic: true,
            extras: vec![],
        }
    }
}
