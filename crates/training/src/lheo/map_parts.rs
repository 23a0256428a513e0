//! Mapping of `session` and `organisme-formation-responsable` (see [`super::map`]).

use super::dom::Node;
use super::map::{extra_value, extras, normalise_rncp, Ctx, EXTRAS_SEATS};
use crate::date::Date;
use crate::model::*;

pub(super) fn session(cx: &mut Ctx, n: &Node, xp: &str, default_id: &str) -> Session {
    let pxp = format!("{xp}/periode");
    let (start, end) = match n.child("periode") {
        Some(p) => (cx.date(p, "debut", &pxp), cx.date(p, "fin", &pxp)),
        None => {
            cx.err(n, &pxp, "élément obligatoire <periode> absent");
            (Date::UNKNOWN, Date::UNKNOWN)
        }
    };
    if start.is_known() && end.is_known() && end < start {
        let p = n.child("periode").expect("dates come from it");
        cx.err(
            p,
            &pxp,
            format!("la fin ({}) précède le début ({})", end.fr(), start.fr()),
        );
    }
    let registration_address = match n.at("adresse-inscription/adresse") {
        Some(a) => cx.address(a, &format!("{xp}/adresse-inscription/adresse")),
        None => Address::default(),
    };
    let recruitment = n.child("recrutement");
    let seats = recruitment.and_then(|r| cx.count(r, "nb-places", &format!("{xp}/recrutement")));
    let capacity = extra_value(n, EXTRAS_SEATS, "places-offertes").and_then(|x| {
        let at = format!("{xp}/extras/extra[@info='places-offertes']");
        match x.text.trim().parse::<i64>() {
            Ok(v) if v >= 0 => Some(v),
            _ => {
                cx.err(
                    x,
                    &at,
                    format!("nombre de places offertes invalide « {} »", x.text.trim()),
                );
                None
            }
        }
    });
    let status = match extra_value(n, EXTRAS_SEATS, "statut") {
        Some(x) => match SessionStatus::parse(x.text.trim()) {
            Some(s) => s.as_str().to_string(),
            None => {
                cx.err(
                    x,
                    &format!("{xp}/extras/extra[@info='statut']"),
                    format!(
                        "statut inconnu « {} » (ouverte, complete, suspendue, annulee)",
                        x.text.trim()
                    ),
                );
                String::new()
            }
        },
        None => String::new(),
    };
    if let (Some(s), Some(c)) = (seats, capacity) {
        if s > c {
            cx.err(
                n,
                xp,
                format!("{s} places restantes pour {c} places offertes"),
            );
        }
    }
    let blocs_node = n.child("blocs-competences");
    Session {
        numero: match n.attr("numero") {
            "" => default_id.to_string(),
            v => v.to_string(),
        },
        start,
        end,
        registration_address,
        registration_terms: n.text_of("modalites-inscription"),
        recruitment_state: cx.key(n, "etat-recrutement", xp, &["1", "2", "3"]),
        recruitment_method: recruitment
            .map(|r| r.text_of("modalite-recrutement"))
            .unwrap_or_default(),
        seats,
        capacity,
        status,
        blocs: blocs_node
            .map(|b| {
                b.all("bloc-competences")
                    .map(|c| Bloc {
                        code: c.text_of("code-bloc"),
                        label: c.text_of("libelle-bloc"),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        blocs_rncp: blocs_node
            .map(|b| normalise_rncp(&b.text_at("reference-certification/reference-code-RNCP")))
            .unwrap_or_default(),
        extras: extras(n, Some(EXTRAS_SEATS)),
    }
}

pub(super) fn provider(cx: &mut Ctx, n: &Node, xp: &str) -> Provider {
    Provider {
        numero: n.attr("numero").to_string(),
        numero_activite: n.text_of("numero-activite"),
        siret: n.text_at("SIRET-organisme-formation/SIRET"),
        name: n.text_of("nom-organisme"),
        raison_sociale: n.text_of("raison-sociale"),
        coordinates: n
            .at("coordonnees-organisme/coordonnees")
            .map(|c| cx.contact(c, &format!("{xp}/coordonnees-organisme/coordonnees")))
            .unwrap_or_default(),
        contacts: cx.contacts(n, "contact-organisme", xp),
        renseignements: n.text_of("renseignements-specifiques"),
        potentiel: n
            .child("potentiel")
            .map(|p| p.texts_of("code-FORMACODE"))
            .unwrap_or_default(),
        uai: n.text_at("code-UAI-organisme-formation/code-UAI"),
        extras: extras(n, None),
    }
}
