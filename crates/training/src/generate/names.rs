//! Names and identifiers for synthetic providers. Every name is built from a generic kind of
//! provider and a real commune name; e-mails use the reserved `.invalid` domain so that none
//! can reach a real address.

use rand::Rng;

/// Kinds of training providers found in a regional offer, with the ROME letters (grands
/// domaines) they mostly teach. An empty list means any domain.
pub const KINDS: &[(&str, &[char])] = &[
    (
        "Centre de formation professionnelle pour adultes de",
        &['F', 'H', 'I', 'N'],
    ),
    ("GRETA — lycée des métiers de", &['D', 'G', 'H', 'I', 'M']),
    ("CFA interprofessionnel de", &['D', 'F', 'G', 'H', 'I']),
    (
        "Institut de formation aux métiers de la santé de",
        &['J', 'K'],
    ),
    ("École de la deuxième chance de", &[]),
    ("Institut régional du travail social de", &['K']),
    ("Centre de formation du bâtiment de", &['F']),
    ("Campus des métiers de l'industrie de", &['H', 'I']),
    ("Institut du numérique de", &['E', 'M']),
    (
        "Centre de formation au transport et à la logistique de",
        &['N'],
    ),
    ("Maison familiale rurale de", &['A']),
    ("Organisme de formation continue de", &[]),
    (
        "Centre de formation commerce et services de",
        &['C', 'D', 'M'],
    ),
    ("Institut hôtelier de", &['G']),
];

const STREETS: &[&str] = &[
    "rue de la Gare",
    "avenue de la République",
    "rue des Écoles",
    "rue du Général-Leclerc",
    "rue de l'Industrie",
    "boulevard de Lorraine",
    "rue des Artisans",
    "allée des Tilleuls",
    "rue du Moulin",
    "zone d'activités des Sablons",
];

pub fn street<R: Rng>(rng: &mut R) -> String {
    format!(
        "{} {}",
        rng.gen_range(1..120),
        STREETS[rng.gen_range(0..STREETS.len())]
    )
}

/// A 14-digit SIRET whose digits pass the Luhn check, prefixed `9` (a range not used by
/// INSEE for companies) so that it matches no real establishment.
pub fn siret<R: Rng>(rng: &mut R) -> String {
    let mut digits: Vec<u32> = vec![9];
    digits.extend((0..12).map(|_| rng.gen_range(0..10)));
    for check in 0..10 {
        let mut all = digits.clone();
        all.push(check);
        if luhn_ok(&all) {
            return all
                .iter()
                .map(|d| char::from_digit(*d, 10).expect("digit"))
                .collect();
        }
    }
    unreachable!("one of ten check digits satisfies Luhn")
}

pub fn luhn_ok(digits: &[u32]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                if d * 2 > 9 {
                    d * 2 - 9
                } else {
                    d * 2
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// `Saint-Dié-des-Vosges` → `saint-die-des-vosges`.
pub fn slug(s: &str) -> String {
    let folded = tremplin_domain::text::fold(s);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn sirets_pass_luhn() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        for _ in 0..50 {
            let s = siret(&mut rng);
            assert_eq!(s.len(), 14);
            assert!(luhn_ok(
                &s.chars()
                    .map(|c| c.to_digit(10).unwrap())
                    .collect::<Vec<_>>()
            ));
        }
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slug("Saint-Dié-des-Vosges"), "saint-die-des-vosges");
    }
}
