//! Draft diagnostic (forces, faiblesses, opportunités, menaces) generated from a portrait's
//! figures. Every statement carries the figure it rests on, with its source; nothing is said
//! about a suppressed figure.

use crate::classify::TensionClass;
use crate::portrait::{pct, Portrait};
use crate::secret::fmt_fr;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    pub text: String,
    /// The figure cited, with its source.
    pub figure: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Swot {
    pub strengths: Vec<Statement>,
    pub weaknesses: Vec<Statement>,
    pub opportunities: Vec<Statement>,
    pub threats: Vec<Statement>,
}

fn st(text: impl Into<String>, figure: impl Into<String>) -> Statement {
    Statement {
        text: text.into(),
        figure: figure.into(),
    }
}

/// Compares a per-inhabitant figure with the reference's; `None` if either is suppressed or the
/// gap is under 5 %.
fn gap(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    let (a, b) = (a?, b?);
    let g = (a - b) / b;
    (b > 0.0 && g.abs() >= 0.05).then_some(g)
}

pub fn swot(p: &Portrait, reference: Option<&Portrait>) -> Swot {
    let mut s = Swot::default();
    if let Some(r) = reference.filter(|r| r.perimeter != p.perimeter) {
        if let Some(g) = gap(p.offers_per_1000.value, r.offers_per_1000.value) {
            let fig = format!(
                "{} offres pour 1 000 habitants contre {} ({}) — DARES 2021",
                p.offers_per_1000.fr(1),
                r.offers_per_1000.fr(1),
                r.name
            );
            if g > 0.0 {
                s.strengths.push(st(format!("Un marché du travail actif : {} % d'offres par habitant de plus que la référence.", fmt_fr(g * 100.0, 0)), fig));
            } else {
                s.weaknesses.push(st(
                    format!(
                        "Moins d'offres d'emploi par habitant que la référence ({} %).",
                        fmt_fr(g * 100.0, 0)
                    ),
                    fig,
                ));
            }
        }
        if let Some(g) = gap(p.jobseekers_per_1000.value, r.jobseekers_per_1000.value) {
            let fig = format!(
                "{} demandeurs d'emploi ABC pour 1 000 habitants contre {} ({}) — DARES 2021",
                p.jobseekers_per_1000.fr(1),
                r.jobseekers_per_1000.fr(1),
                r.name
            );
            if g > 0.0 {
                s.weaknesses.push(st(
                    format!(
                        "Une demande d'emploi plus élevée que la référence (+{} %).",
                        fmt_fr(g * 100.0, 0)
                    ),
                    fig,
                ));
            } else {
                s.strengths.push(st(
                    format!(
                        "Une demande d'emploi plus faible que la référence ({} %).",
                        fmt_fr(g * 100.0, 0)
                    ),
                    fig,
                ));
            }
        }
        if let (Some(a), Some(b)) = (p.share_in_tension.value, r.share_in_tension.value) {
            if a > b + 0.02 {
                s.threats.push(st(
                    "Une part de métiers en tension plus forte que la référence : des recrutements plus difficiles.",
                    format!("{} des métiers en quintile 4-5 contre {} ({}) — calcul Tremplin", pct(&p.share_in_tension), pct(&r.share_in_tension), r.name),
                ));
            }
        }
    }
    for t in p
        .top_tension
        .iter()
        .filter(|t| t.offers.is_published() && t.jobseekers.is_published())
        .take(2)
    {
        s.opportunities.push(st(
            format!("Le métier « {} » recrute : des débouchés pour les demandeurs d'emploi qui s'y forment.", t.label),
            format!("{} offres pour {} demandeurs d'emploi (ratio {}, quintile {}) — DARES 2021, calcul Tremplin",
                t.offers.fr(0), t.jobseekers.fr(0), t.ratio.fr(2), t.quintile.unwrap_or(0)),
        ));
    }
    let a: Vec<&str> = p
        .top_tension
        .iter()
        .filter(|t| t.class == Some(TensionClass::A))
        .map(|t| t.label.as_str())
        .take(3)
        .collect();
    if p.class_a > 0 {
        s.threats.push(st(
            format!("{} métier(s) en tension structurelle (classe A) : un risque durable de postes non pourvus ({}).", p.class_a, a.join(", ")),
            format!("{} métiers en classe A parmi les métiers en tension du périmètre — méthode Bretagne sur les séries DARES 2011-2019", p.class_a),
        ));
    }
    for t in p.top_tension.iter().take(TOP_FACTORS) {
        if let Some(w) = t.explanation.split(" ; ").find(|e| {
            e.contains("contraignantes (") && !e.starts_with("des conditions de travail peu")
        }) {
            s.threats.push(st(
                format!("« {} » souffre d'un déficit d'attractivité.", t.label),
                format!("{w} — DARES 2021"),
            ));
            break;
        }
    }
    for o in p
        .training
        .iter()
        .filter(|o| o.employment_12m.value.is_some_and(|v| v >= 70.0))
        .take(2)
    {
        s.opportunities.push(st(
            format!(
                "La formation « {} » ({}) insère bien vers un métier en tension ({}).",
                o.certification, o.route, o.rome
            ),
            format!(
                "{} % en emploi 12 mois après la sortie, {} sortants — InserJeunes {}",
                o.employment_12m.fr(0),
                o.leavers.fr(0),
                o.cohort
            ),
        ));
    }
    if let Some(o) = p
        .training
        .iter()
        .find(|o| o.employment_12m.value.is_some_and(|v| v < 40.0))
    {
        s.weaknesses.push(st(
            format!(
                "La formation « {} » ({}) insère peu malgré la tension sur le métier ({}).",
                o.certification, o.route, o.rome
            ),
            format!(
                "{} % en emploi à 12 mois — InserJeunes {}",
                o.employment_12m.fr(0),
                o.cohort
            ),
        ));
    }
    if let Some((y0, y1, t)) = &p.collected_trend {
        let fig = format!("{} % d'offres collectées entre {y0} et {y1} — offres France Travail du magasin Tremplin", fmt_fr(t * 100.0, 0));
        if *t < -0.05 {
            s.threats
                .push(st("Les offres collectées sur le territoire reculent.", fig));
        } else if *t > 0.05 {
            s.opportunities.push(st(
                "Les offres collectées sur le territoire progressent.",
                fig,
            ));
        }
    }
    s
}

const TOP_FACTORS: usize = 5;
