//! Verbs and the nouns that name their action ("gérer" / "gestion", "mettre à jour" / "mise à
//! jour"): the label matcher reads them as one stem, since offers say "vous gérez les accès"
//! where the referential says "Gestion des accès". The French stemmer leaves these pairs apart,
//! and the forms of irregular verbs apart from each other ("mettre", "mettez", "mis").
//!
//! Only pairs whose words have no other frequent sense in job offers are listed: not "former"
//! ("sous forme de"), "entretenir" ("entretien d'embauche") or "stocker" ("les stocks").

use crate::catalog::Catalog;

/// Groups of folded words: the noun first, then forms of its verb.
const GROUPS: &[&[&str]] = &[
    &[
        "gestion", "gerer", "gere", "gerent", "gerez", "gerons", "gerant",
    ],
    &[
        "mise", "mettre", "mettez", "mettons", "met", "mettent", "mis",
    ],
    &["securite", "securiser", "securisez", "securisation"],
    &["planification", "planifier", "planifiez", "planifie"],
    &["conception", "concevoir", "concevez", "concoit", "concu"],
    &["redaction", "rediger", "redigez", "redige"],
    &["suivi", "suivre", "suivez", "suivent"],
    &["nettoyage", "nettoyer", "nettoyez", "nettoie"],
    &["pilotage", "piloter", "pilotez", "pilote"],
    &["coordination", "coordonner", "coordonnez", "coordonne"],
    &["parametrage", "parametrer", "parametrez"],
    &[
        "diagnostic",
        "diagnostiquer",
        "diagnostiquez",
        "diagnostique",
    ],
    &["conduite", "conduire", "conduisez"],
    &["vente", "vendre", "vendez", "vend"],
    &["achat", "acheter", "achetez"],
    &["verification", "verifier", "verifiez", "verifie"],
    &["identification", "identifier", "identifiez", "identifie"],
    &["modification", "modifier", "modifiez", "modifie"],
    &["production", "produire", "produisez"],
    &["fabrication", "fabriquer", "fabriquez", "fabrique"],
    &["resolution", "resoudre", "resolvez"],
];

/// Per stem id of the catalog's vocabulary, the stem the matcher reads it as: the noun's stem
/// for a verb form of [`GROUPS`], itself otherwise.
pub fn aliases(cat: &Catalog) -> Vec<u32> {
    let mut alias: Vec<u32> = (0..cat.vocab.stems.len() as u32).collect();
    let id = |w: &str| cat.vocab.stem_id(&cat.norm.stem(w));
    for group in GROUPS {
        let Some(head) = id(group[0]) else {
            continue;
        };
        for &w in &group[1..] {
            if let Some(s) = id(w) {
                alias[s as usize] = head;
            }
        }
    }
    alias
}
