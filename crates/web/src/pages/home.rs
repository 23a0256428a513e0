//! Home page and sources page.

use crate::error::PageResult;
use crate::layout::{int, page};
use crate::state::AppState;
use axum::extract::State;
use maud::html;

pub async fn home(State(st): State<AppState>) -> PageResult {
    let d = &st.data;
    let ge_communes = d.geo.communes.iter().filter(|c| c.region == "44").count();
    let ge_bassins = d.geo.bassins_of_region("44").len();
    let perimeters = d.geo.communes.len()
        + d.geo.epcis.len()
        + d.geo.bassins.len()
        + d.geo.zones_emploi.len()
        + d.geo.departements.len()
        + d.geo.regions.len();
    let figures = [
        (d.rome.fiches.len(), "fiches métier ROME"),
        (d.rome.appellations.len(), "appellations"),
        (d.rome.competences.len(), "compétences"),
        (d.rome.savoirs.len(), "savoirs"),
        (d.offers.len(), "offres d'emploi"),
        (d.certifications.len(), "certifications"),
        (ge_communes, "communes du Grand Est"),
        (ge_bassins, "bassins d'emploi du Grand Est"),
        (
            perimeters,
            "périmètres (communes, EPCI, bassins, zones d'emploi, départements, régions)",
        ),
    ];
    let body = html! {
        h1 { "Tremplin" }
        p.lead { "Observer les besoins en compétences, connaître l'offre de formation et construire des parcours vers l'emploi, "
            "pour le Pacte régional d'investissement dans les compétences du Grand Est." }
        form.search role="search" action="/metiers" method="get" {
            div {
                label for="q" { "Rechercher un métier" }
                input #q type="search" name="q" placeholder="ex. soudeur, aide-soignant, développeur" autocomplete="off";
            }
            button type="submit" { "Rechercher" }
        }
        h2 { "Ce qui est chargé" }
        ul.figures {
            @for (n, label) in figures {
                li { span.n { (int(n as i64)) } (label) }
            }
        }
        h2 { "Par où commencer" }
        div.cols.four {
            div {
                h3 { a href="/territoires/region/44" { "Le Grand Est et ses 43 bassins" } }
                p { "Carte des bassins d'emploi, population, offres d'emploi ; portrait de chaque territoire." }
            }
            div {
                h3 { a href="/metiers" { "Les métiers (ROME 4.0)" } }
                p { "Compétences, savoirs, mobilités professionnelles, certifications et offres de chaque fiche." }
            }
            div {
                h3 { a href="/formations" { "L'offre de formation" } }
                p { "Sessions, dates, lieux et places disponibles ; carte des formations." }
            }
            div {
                h3 { a href="/competences/emergentes" { "Les compétences recherchées" } }
                p { "Compétences émergentes et en croissance dans les offres du Grand Est ; "
                    a href="/competences/lire" { "lire un texte" } " (CV, expérience, offre) et voir les compétences qu'il atteste." }
            }
        }
    };
    Ok(page("Accueil", "/", &[], body))
}

pub async fn about(State(st): State<AppState>) -> PageResult {
    let datasets = tremplin_store::import::datasets(&st.store).await?;
    let body = html! {
        h1 { "Sources et méthodes" }
        p { "Chaque jeu de données est importé dans une transaction ; un nouvel import remplace l'ancien en entier ou ne change rien. "
            "Les offres sont mises à jour par identifiant." }
        table {
            caption { "Jeux de données importés" }
            thead { tr { th scope="col" { "Jeu" } th scope="col" class="num" { "Lignes" } th scope="col" class="num" { "Rejetées" }
                th scope="col" { "Version" } th scope="col" { "Importé le" } th scope="col" { "Source" } } }
            tbody {
                @for (name, source, version, at, records, rejected) in &datasets {
                    tr { td { (name) } td.num { (int(*records)) } td.num { (int(*rejected)) } td { (version) } td { (at) } td { code { (source) } } }
                }
            }
        }
        h2 { "Provenance" }
        ul.plain {
            li { "ROME 4.0 v60 (septembre 2025), France Travail — Licence Ouverte 2.0." }
            li { "Tensions 2021 par métier et bassin d'emploi, DARES / France Travail ; tensions par FAP 2011-2019, DARES." }
            li { "Communes, EPCI, zones d'emploi : INSEE et découpage administratif (Licence Ouverte) ; bassins d'emploi BE19." }
            li { "Certif Info, RNCP et blocs de compétences, Formacode, InserJeunes." }
            li { "2 559 offres réelles de l'API Offres d'emploi de France Travail (coordonnées personnelles retirées)." }
        }
        p.notice { "Les personnes, parcours, sessions de formation et places affichées sont des données synthétiques, générées avec une graine fixe à partir des distributions réelles." }
    };
    Ok(page(
        "Sources et méthodes",
        "",
        &[("/a-propos", "Sources et méthodes")],
        body,
    ))
}
