//! Verbs and the nouns that name their action ("gérer" / "gestion", "mettre à jour" / "mise à
//! jour"; the imperfect of irregular verbs, as descriptions of experience use it: "je
//! conduisais"): the label matcher reads them as one stem, since offers say "vous gérez les accès"
//! where the referential says "Gestion des accès". The French stemmer leaves these pairs apart,
//! and the forms of irregular verbs apart from each other ("mettre", "mettez", "mis").
//!
//! Only pairs whose words have no other frequent sense in job offers are listed: not "former"
//! ("sous forme de"), "entretenir" ("entretien d'embauche"), "stocker" ("les stocks") or
//! "livrer" (its stem is that of "livres").

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
    &[
        "conception",
        "concevoir",
        "concevez",
        "concoit",
        "concu",
        "concevais",
    ],
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
    &[
        "conduite",
        "conduire",
        "conduisez",
        "conduisais",
        "conduisait",
    ],
    &["vente", "vendre", "vendez", "vend", "vendu"],
    &["achat", "acheter", "achetez"],
    &["verification", "verifier", "verifiez", "verifie"],
    &["identification", "identifier", "identifiez", "identifie"],
    &["modification", "modifier", "modifiez", "modifie"],
    &["production", "produire", "produisez", "produisais"],
    &["fabrication", "fabriquer", "fabriquez", "fabrique"],
    &["resolution", "resoudre", "resolvez", "resolvais"],
    &["reception", "receptionner", "receptionnez", "receptionne"],
    &["manutention", "manutentionner", "manutentionnez"],
    &["encaissement", "encaisser", "encaissez", "encaissais"],
    &["lecture", "lire", "lisez", "lisant", "lisais"],
    &["reduction", "reduire", "reduisez", "reduisant"],
    &["extraction", "extraire", "extrayez"],
    &["traduction", "traduire", "traduisez"],
    &["transmission", "transmettre", "transmettez", "transmettais"],
    &["satisfaction", "satisfaire"],
    &["migration", "migrer", "migrez"],
    &["cartographie", "cartographier", "cartographiez"],
    &["reponse", "repondre", "repondez", "repondant", "repondais"],
    &["definition", "definir", "definissez", "definissant"],
    &["tenue", "tenir", "tenez", "tenais"],
    &["ouverture", "ouvrir", "ouvrez", "ouvrais"],
    &["fermeture", "fermer", "fermez", "fermais"],
];

/// Nouns of a trade's action in "-age" (folded) read as their verb in "-er" ("coffrage" as
/// "coffrer", "épluchage" as "éplucher"): the stemmer keeps "coffrag" apart from "coffr".
/// Not those whose verb's stem is also a noun of another sense: "montage" ("montant"),
/// "réglage" ("règle"), "élevage" ("élève"), "stockage" ("stocks"), "soudage" ("une équipe
/// soudée"), "passage", "dosage" ("dos"),
/// "marquage" ("marque"), "ménage" ("mener"), "surfaçage" ("surface"), "vernissage".
const AGE_NOUNS: &[&str] = &[
    "assemblage",
    "recyclage",
    "demontage",
    "moulage",
    "lavage",
    "repassage",
    "usinage",
    "bobinage",
    "sechage",
    "depannage",
    "emballage",
    "collage",
    "cablage",
    "percage",
    "pliage",
    "calibrage",
    "prototypage",
    "dressage",
    "coulage",
    "affichage",
    "affutage",
    "sciage",
    "decoupage",
    "coffrage",
    "decoffrage",
    "entreposage",
    "remorquage",
    "archivage",
    "soufflage",
    "demarrage",
    "balisage",
    "chiffrage",
    "tracage",
    "poncage",
    "degraissage",
    "decapage",
    "compactage",
    "brancardage",
    "carrelage",
    "tressage",
    "demoulage",
    "ajustage",
    "lissage",
    "lustrage",
    "depistage",
    "accrochage",
    "tissage",
    "ciblage",
    "vissage",
    "pesage",
    "tricotage",
    "filtrage",
    "epluchage",
    "reperage",
    "cerclage",
    "filmage",
    "rincage",
    "ragreage",
    "encollage",
    "empilage",
    "arrimage",
    "taillage",
    "desossage",
    "talochage",
    "ecaillage",
    "dessoudage",
    "depoussierage",
    "desherbage",
    "debroussaillage",
    "creusage",
    "ligaturage",
    "debardage",
    "enrobage",
    "ferraillage",
    "etiquetage",
    "gerbage",
];

/// Words of the texts (folded) that also stand for a broader word of the labels, the broader
/// first: a "camion" is a "véhicule", so "décharger les camions" reads "Décharger un
/// véhicule"; a label that names the "camion" still needs it. Only words with one sense in
/// offers and a stem of their own: not "article" (of a law, of a paper), "presse", "bureau"
/// (a desk), "bois" (a wood), nor "résident", "usager", "clientèle" and "devis", whose stems
/// are those of "résidence", "usage", "client" ("en clientèle ou à distance") and "dev".
const BROADER: &[(&str, &[&str])] = &[
    (
        "vehicule",
        &[
            "camion",
            "camionnette",
            "fourgon",
            "voiture",
            "remorque",
            "autocar",
        ],
    ),
    ("produit", &["marchandise", "denree"]),
    ("personne", &["patient", "beneficiaire"]),
    (
        "engin",
        &[
            "chariot",
            "nacelle",
            "grue",
            "chargeuse",
            "pelleteuse",
            "tractopelle",
            "transpalette",
            "gerbeur",
        ],
    ),
    ("charge", &["palette", "colis"]),
    ("document", &["facture", "courrier", "formulaire"]),
    ("aliment", &["legume", "fruit", "viande", "poisson"]),
    ("materiau", &["beton", "brique", "parpaing", "platre"]),
    ("metal", &["acier", "inox", "aluminium", "cuivre"]),
    ("logement", &["appartement"]),
    // A trade's name for its activity ("électricien" says "électricité"); not "comptable"
    // ("données comptables") nor "boucher" (a verb).
    ("electricite", &["electricien"]),
    ("maconnerie", &["macon"]),
    ("horticulture", &["horticulteur", "horticultrice"]),
    ("plomberie", &["plombier"]),
    ("menuiserie", &["menuisier"]),
    ("carrelage", &["carreleur"]),
    ("boulangerie", &["boulanger"]),
    ("patisserie", &["patissier"]),
    ("coiffure", &["coiffeur", "coiffeuse"]),
    ("secretariat", &["secretaire"]),
    ("serrurerie", &["serrurier"]),
    ("metallerie", &["metallier"]),
    ("chaudronnerie", &["chaudronnier"]),
    ("soudage", &["soudeur", "soudeuse"]),
    ("vente", &["vendeur", "vendeuse"]),
];

/// Pairs of stems as the matcher reads them ([`aliases`] applied): a narrower word's and a
/// broader word's ([`BROADER`]), sorted.
pub fn broader(cat: &Catalog, alias: &[u32]) -> Vec<(u32, u32)> {
    let id = |w: &str| {
        let s = cat.vocab.stem_id(&cat.norm.stem(w))?;
        alias.get(s as usize).copied()
    };
    let mut pairs: Vec<(u32, u32)> = BROADER
        .iter()
        .filter_map(|(broad, narrow)| Some((id(broad)?, *narrow)))
        .flat_map(|(b, narrow)| narrow.iter().filter_map(move |w| Some((id(w)?, b))))
        .filter(|(n, b)| n != b)
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Per stem id of the catalog's vocabulary, the stem the matcher reads it as: the noun's stem
/// for a verb form of [`GROUPS`], the verb's for a noun of [`AGE_NOUNS`], itself otherwise.
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
    for noun in AGE_NOUNS {
        let Some(verb) = noun.strip_suffix("age").map(|r| format!("{r}er")) else {
            continue;
        };
        if let (Some(n), Some(v)) = (id(noun), id(&verb)) {
            if alias[n as usize] == n {
                alias[n as usize] = alias[v as usize];
            }
        }
    }
    alias
}
