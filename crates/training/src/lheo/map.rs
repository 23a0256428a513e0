//! Maps the tree of one `formation` to the model, checking values on the way (dates, seats,
//! codes, coordinates). Each problem is recorded with its line and XPath; the value is then
//! left empty so that reading can go on and report every problem of the file.

use super::dom::Node;
use super::LheoError;
use crate::date::Date;
use crate::model::*;

/// Extras container used by Tremplin on a formation (`donnees-synthetiques`).
pub const EXTRAS_TREMPLIN: &str = "tremplin";
/// Extras container used by Tremplin on a session (`places-offertes`, `statut`).
pub const EXTRAS_SEATS: &str = "tremplin-places";

pub(super) struct Ctx<'a> {
    pub(super) errors: &'a mut Vec<LheoError>,
}

impl Ctx<'_> {
    pub(super) fn err(&mut self, node: &Node, xpath: &str, reason: impl Into<String>) {
        self.errors.push(LheoError {
            line: node.line,
            xpath: xpath.to_string(),
            reason: reason.into(),
        });
    }

    /// Optional non-negative integer child.
    pub(super) fn count(&mut self, parent: &Node, name: &str, xp: &str) -> Option<i64> {
        let n = parent.child(name)?;
        let t = n.text.trim();
        let at = format!("{xp}/{name}");
        match t.parse::<i64>() {
            Ok(v) if v < 0 => {
                self.err(
                    n,
                    &at,
                    format!("nombre négatif « {t} » (attendu : entier positif ou nul)"),
                );
                None
            }
            Ok(v) => Some(v),
            Err(_) => {
                self.err(n, &at, format!("nombre entier attendu, « {t} » trouvé"));
                None
            }
        }
    }

    pub(super) fn date(&mut self, parent: &Node, name: &str, xp: &str) -> Date {
        let at = format!("{xp}/{name}");
        match parent.child(name) {
            None => {
                self.err(parent, &at, format!("élément obligatoire <{name}> absent"));
                Date::UNKNOWN
            }
            Some(n) => Date::parse(&n.text).unwrap_or_else(|reason| {
                self.err(n, &at, reason);
                Date::UNKNOWN
            }),
        }
    }

    /// A key child whose value must be one of `allowed` (or empty).
    pub(super) fn key(&mut self, parent: &Node, name: &str, xp: &str, allowed: &[&str]) -> String {
        let v = parent.text_of(name);
        if !v.is_empty() && !allowed.contains(&v.as_str()) {
            let n = parent.child(name).expect("text comes from this child");
            self.err(
                n,
                &format!("{xp}/{name}"),
                format!(
                    "valeur « {v} » hors dictionnaire (attendu : {})",
                    allowed.join(", ")
                ),
            );
            return String::new();
        }
        v
    }

    pub(super) fn coordinate(
        &mut self,
        parent: &Node,
        name: &str,
        xp: &str,
        limit: f64,
    ) -> Option<f64> {
        let n = parent.child(name)?;
        let t = n.text.trim().replace(',', ".");
        match t.parse::<f64>() {
            Ok(v) if v.is_finite() && v.abs() <= limit => Some(v),
            _ => {
                self.err(
                    n,
                    &format!("{xp}/{name}"),
                    format!("coordonnée invalide « {} »", n.text.trim()),
                );
                None
            }
        }
    }

    pub(super) fn address(&mut self, n: &Node, xp: &str) -> Address {
        let geo = n.child("geolocalisation");
        let gxp = format!("{xp}/geolocalisation");
        Address {
            numero: n.attr("numero").to_string(),
            denomination: n.text_of("denomination"),
            lines: non_empty(n.texts_of("ligne")),
            postcode: n.text_of("codepostal"),
            city: n.text_of("ville"),
            departement: n.text_of("departement"),
            insee: n.text_of("code-INSEE-commune"),
            region: n.text_of("region"),
            country: n.text_of("pays"),
            lat: geo.and_then(|g| self.coordinate(g, "latitude", &gxp, 90.0)),
            lon: geo.and_then(|g| self.coordinate(g, "longitude", &gxp, 180.0)),
        }
    }

    pub(super) fn contact(&mut self, n: &Node, xp: &str) -> Contact {
        let phones = |name: &str| {
            n.child(name)
                .map(|t| t.texts_of("numtel"))
                .unwrap_or_default()
        };
        Contact {
            numero: n.attr("numero").to_string(),
            civilite: n.text_of("civilite"),
            nom: n.text_of("nom"),
            prenom: n.text_of("prenom"),
            lines: n.texts_of("ligne"),
            address: n
                .child("adresse")
                .map(|a| self.address(a, &format!("{xp}/adresse"))),
            phones: phones("telfixe"),
            mobiles: phones("portable"),
            email: n.text_of("courriel"),
            web: n
                .child("web")
                .map(|w| w.texts_of("urlweb"))
                .unwrap_or_default(),
        }
    }

    /// Contacts of every `wrapper/coordonnees` child, empty ones dropped.
    pub(super) fn contacts(&mut self, n: &Node, wrapper: &str, xp: &str) -> Vec<Contact> {
        let mut out = Vec::new();
        for (i, w) in n.all(wrapper).enumerate() {
            if let Some(c) = w.child("coordonnees") {
                let c = self.contact(c, &format!("{xp}/{wrapper}[{}]/coordonnees", i + 1));
                if !c.is_empty() {
                    out.push(c);
                }
            }
        }
        out
    }
}

pub(super) fn extras(n: &Node, skip: Option<&str>) -> Vec<Extras> {
    n.all("extras")
        .filter(|e| Some(e.attr("info")) != skip)
        .map(|e| Extras {
            info: e.attr("info").to_string(),
            items: e
                .all("extra")
                .map(|x| Extra {
                    info: x.attr("info").to_string(),
                    value: x.text.trim().to_string(),
                })
                .collect(),
        })
        .collect()
}

pub(super) fn extra_value<'a>(n: &'a Node, container: &str, info: &str) -> Option<&'a Node> {
    n.all("extras")
        .filter(|e| e.attr("info") == container)
        .flat_map(|e| e.all("extra"))
        .find(|x| x.attr("info") == info)
}

pub(super) fn non_empty(mut v: Vec<String>) -> Vec<String> {
    v.retain(|s| !s.is_empty());
    v
}

fn urls(n: &Node, name: &str) -> Vec<String> {
    n.child(name)
        .map(|u| u.texts_of("urlweb"))
        .unwrap_or_default()
}

/// `474` or `RNCP474` → `RNCP474`.
pub fn normalise_rncp(v: &str) -> String {
    let v = v.trim();
    if v.is_empty() || v.starts_with("RNCP") {
        v.to_string()
    } else {
        format!("RNCP{v}")
    }
}

pub fn formation(n: &Node, xp: &str, errors: &mut Vec<LheoError>) -> Formation {
    let mut cx = Ctx { errors };
    let numero = match n.attr("numero") {
        "" => xp
            .rsplit('/')
            .next()
            .unwrap_or("formation")
            .replace(['[', ']'], "-")
            .trim_end_matches('-')
            .to_string(),
        v => v.to_string(),
    };
    let domain = n.child("domaine-formation");
    let codes = |name: &str| domain.map(|d| d.texts_of(name)).unwrap_or_default();
    let romes = codes("code-ROME");
    for (i, r) in romes.iter().enumerate() {
        if !tremplin_domain::rome::is_rome_code(r) {
            let node = domain
                .and_then(|d| d.all("code-ROME").nth(i))
                .expect("code read from it");
            cx.err(
                node,
                &format!("{xp}/domaine-formation/code-ROME[{}]", i + 1),
                format!("code ROME invalide « {r} »"),
            );
        }
    }
    let certifications = n
        .all("certification")
        .map(|c| CertificationCode {
            rncp: normalise_rncp(&c.text_of("code-RNCP")),
            certifinfo: c.text_of("code-CERTIFINFO"),
            rs: c.text_of("code-RS"),
        })
        .collect();
    let actions = n
        .all("action")
        .enumerate()
        .map(|(i, a)| {
            action(
                &mut cx,
                a,
                &format!("{xp}/action[{}]", i + 1),
                &format!("{numero}-A{}", i + 1),
            )
        })
        .collect::<Vec<_>>();
    if actions.is_empty() {
        cx.err(n, xp, "une formation doit contenir au moins une <action>");
    }
    let provider = match n.child("organisme-formation-responsable") {
        Some(o) => {
            super::map_parts::provider(&mut cx, o, &format!("{xp}/organisme-formation-responsable"))
        }
        None => {
            cx.err(
                n,
                &format!("{xp}/organisme-formation-responsable"),
                "élément obligatoire <organisme-formation-responsable> absent",
            );
            Provider::default()
        }
    };
    let synthetic = extra_value(n, EXTRAS_TREMPLIN, "donnees-synthetiques")
        .is_some_and(|x| x.text.trim() == "oui");
    Formation {
        contacts: cx.contacts(n, "contact-formation", xp),
        numero,
        formacodes: codes("code-FORMACODE"),
        nsf: codes("code-NSF"),
        romes,
        title: n.text_of("intitule-formation"),
        objective: n.text_of("objectif-formation"),
        results: n.text_of("resultats-attendus"),
        content: n.text_of("contenu-formation"),
        certifying: n.text_of("certifiante"),
        path_type: n.text_of("parcours-de-formation"),
        entry_level: n.text_of("code-niveau-entree"),
        general_objective: n.text_of("objectif-general-formation"),
        certifications,
        exit_level: n.text_of("code-niveau-sortie"),
        urls: urls(n, "url-formation"),
        actions,
        provider,
        module_id: n.text_of("identifiant-module"),
        synthetic,
        extras: extras(n, Some(EXTRAS_TREMPLIN)),
    }
}

fn action(cx: &mut Ctx, n: &Node, xp: &str, default_id: &str) -> Action {
    let numero = match n.attr("numero") {
        "" => default_id.to_string(),
        v => v.to_string(),
    };
    let places = n
        .all("lieu-de-formation")
        .enumerate()
        .filter_map(|(i, l)| {
            Some(cx.contact(
                l.child("coordonnees")?,
                &format!("{xp}/lieu-de-formation[{}]/coordonnees", i + 1),
            ))
        })
        .collect();
    let sessions = n
        .all("session")
        .enumerate()
        .map(|(i, s)| {
            super::map_parts::session(
                cx,
                s,
                &format!("{xp}/session[{}]", i + 1),
                &format!("{numero}-S{}", i + 1),
            )
        })
        .collect::<Vec<_>>();
    if sessions.is_empty() {
        cx.err(n, xp, "une action doit contenir au moins une <session>");
    }
    let funders = n
        .all("organisme-financeur")
        .enumerate()
        .map(|(i, f)| Funder {
            code: f.text_of("code-financeur"),
            seats: cx.count(
                f,
                "nb-places-financees",
                &format!("{xp}/organisme-financeur[{}]", i + 1),
            ),
        })
        .collect();
    Action {
        rhythm: n.text_of("rythme-formation"),
        public_codes: non_empty(n.texts_of("code-public-vise")),
        public_info: n.text_of("info-public-vise"),
        entry_level_required: n.text_of("niveau-entree-obligatoire"),
        alternance: n.text_of("modalites-alternance"),
        teaching_mode: cx.key(n, "modalites-enseignement", xp, &["0", "1", "2"]),
        conditions: n.text_of("conditions-specifiques"),
        funding_possible: n.text_of("prise-en-charge-frais-possible"),
        places,
        entries: cx.key(n, "modalites-entrees-sorties", xp, &["0", "1"]),
        urls: urls(n, "url-action"),
        sessions,
        restauration: n.text_of("restauration"),
        hebergement: n.text_of("hebergement"),
        transport: n.text_of("transport"),
        accessibility: n.text_of("acces-handicapes"),
        languages: n.texts_of("langue-formation"),
        recruitment_terms: n.text_of("modalites-recrutement"),
        pedagogy: n.text_of("modalites-pedagogiques"),
        hourly_price: n.text_of("prix-horaire-TTC"),
        total_price: n.text_of("prix-total-TTC"),
        duration: n.text_of("duree-indicative"),
        hours_centre: cx.count(n, "nombre-heures-centre", xp),
        hours_company: cx.count(n, "nombre-heures-entreprise", xp),
        hours_total: cx.count(n, "nombre-heures-total", xp),
        funding_details: n.text_of("detail-conditions-prise-en-charge"),
        funders,
        extras: extras(n, None),
        numero,
    }
}
