//! The common page layout: skip link, header with navigation, breadcrumb, footer.

use maud::{html, Markup, PreEscaped, DOCTYPE};

/// Stylesheet, served at `/static/style.css`.
pub const STYLE: &str = include_str!("../assets/style.css");

const NAV: [(&str, &str); 7] = [
    ("/", "Accueil"),
    ("/metiers", "Métiers"),
    ("/territoires/region/44", "Grand Est"),
    ("/tension", "Tensions"),
    ("/formations", "Formations"),
    ("/competences/emergentes", "Compétences émergentes"),
    ("/competences/lire", "Lire un texte"),
];

/// A full HTML page. `crumbs` are (href, label) pairs after "Accueil"; `current` is the path of
/// the navigation entry to mark as current.
pub fn page(title: &str, current: &str, crumbs: &[(&str, &str)], body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="fr" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — Tremplin" }
                link rel="stylesheet" href="/static/style.css";
            }
            body {
                a.skip-link href="#contenu" { "Aller au contenu" }
                header.site {
                    div.inner {
                        a.brand href="/" { "Trem" span { "plin" } }
                        nav.main aria-label="Navigation principale" {
                            ul {
                                @for (href, label) in NAV {
                                    li { a href=(href) aria-current=[(href == current).then_some("page")] { (label) } }
                                }
                            }
                        }
                    }
                }
                main id="contenu" tabindex="-1" {
                    @if !crumbs.is_empty() {
                        nav.breadcrumb aria-label="Fil d'Ariane" {
                            ol {
                                li { a href="/" { "Accueil" } }
                                @for (i, (href, label)) in crumbs.iter().enumerate() {
                                    @if i + 1 == crumbs.len() {
                                        li aria-current="page" { (label) }
                                    } @else {
                                        li { a href=(href) { (label) } }
                                    }
                                }
                            }
                        }
                    }
                    (body)
                }
                footer {
                    div.inner {
                        p { "Tremplin — système d'information du Pacte régional d'investissement dans les compétences (Grand Est). "
                            "Référentiels publics : ROME 4.0 (France Travail), DARES, INSEE, Certif Info, RNCP, InserJeunes. "
                            "Les personnes, parcours, sessions et places sont des " strong { "données synthétiques" } "." }
                        p { a href="/api/openapi.json" { "API (OpenAPI 3.1)" } " · " a href="/a-propos" { "Sources et méthodes" } }
                    }
                }
            }
        }
    }
}

/// French number formatting with a thin non-breaking space as thousands separator.
pub fn int(n: i64) -> String {
    let s = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// A decimal with a French comma.
pub fn dec(x: f64, digits: usize) -> String {
    format!("{x:.digits$}").replace('.', ",")
}

/// Marks a block as synthetic data.
pub fn synthetic_badge() -> Markup {
    html! { span.badge.synth title="Générées avec une graine fixe à partir des distributions réelles" { "données synthétiques" } }
}

/// Raw SVG or other pre-rendered markup.
pub fn raw(s: String) -> Markup {
    PreEscaped(s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_french_numbers() {
        assert_eq!(super::int(5132), "5\u{202f}132");
        assert_eq!(super::int(999), "999");
        assert_eq!(super::int(-1234567), "-1\u{202f}234\u{202f}567");
        assert_eq!(super::dec(0.456, 2), "0,46");
    }
}
