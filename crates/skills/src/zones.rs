//! The sections of an offer that speak of its employer rather than of the job: what follows a
//! heading such as "Qui sommes-nous ?", "Pourquoi nous rejoindre ?" or "Ce que nous offrons :".
//! A skill found only there ("une démarche innovante de gestion de la donnée", "conférences,
//! veille technologique", "un management de proximité") is the employer's business or a perk,
//! not a skill the job asks for, so it is not text evidence.
//!
//! A heading is a short line, read from its first letter (bullets and signs skipped), folded
//! (case, accents). Generic nouns ("L'entreprise", "Le groupe") open a section only as the whole
//! line. The section ends at the first line that speaks of the job: a heading of the job ("Vos
//! missions", "Tes missions", "Profil recherché"), any other short line ending with ":" or "?"
//! ("Les principales attributions du poste :", "Si tu rejoignais notre équipe ?"), or a line
//! addressing the candidate about the work ("vous serez en charge de", "nous recrutons"). An
//! unheaded presentation of the company, or a heading run into its paragraph on one line, is
//! not recognised: the rule errs on the side of reading the text.

use crate::norm::{fold_text, Folded};
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use std::sync::OnceLock;

/// Headings that open a section about the employer.
const EMPLOYER: &[&str] = &[
    "a propos de",
    "a propos d'",
    "qui sommes-nous",
    "qui sommes nous",
    "description de l'entreprise",
    "description de la societe",
    "description de l'employeur",
    "descriptif de l'entreprise",
    "presentation de l'entreprise",
    "presentation de la societe",
    "presentation du groupe",
    "presentation de la structure",
    "presentation de l'employeur",
    "pourquoi nous rejoindre",
    "pourquoi rejoindre",
    "pourquoi choisir",
    "pourquoi travailler",
    "pourquoi venir",
    "ce que nous offrons",
    "ce que nous vous offrons",
    "ce que nous proposons",
    "ce que nous vous proposons",
    "ce que l'on vous propose",
    "ce que l'on vous offre",
    "ce qu'on vous propose",
    "ce qu'on vous offre",
    "avantages",
    "les avantages",
    "vos avantages",
    "nos avantages",
    "carriere et developpement",
    "on fait les presentations",
    "nos engagements",
    "nos valeurs",
    "notre histoire",
    "notre ambition",
    "notre culture",
];

/// Generic nouns and phrases that open a section about the employer only as the whole line
/// ("Le groupe :", "Nous vous proposons :", but not "Nous vous proposons des missions variées").
const EMPLOYER_LINE: &[&str] = &[
    "l'entreprise",
    "entreprise",
    "notre entreprise",
    "la societe",
    "societe",
    "notre societe",
    "le groupe",
    "notre groupe",
    "l'employeur",
    "employeur",
    "la structure",
    "notre structure",
    "l'association",
    "notre association",
    "nous vous proposons",
    "nous vous offrons",
    "nous offrons",
    "on vous offre",
    "on vous propose",
    "remuneration",
    "package",
];

/// Headings of the job, which end a section about the employer.
const JOB: &[&str] = &[
    "a propos de moi",
    "a propos de toi",
    "a propos de vous",
    "a propos du poste",
    "a propos de la mission",
    "a propos du role",
    "a propos de l'offre",
    "missions",
    "mission",
    "poste",
    "profil",
    "competences",
    "qualifications",
    "prerequis",
    "pre-requis",
    "description du poste",
    "descriptif du poste",
    "description de la mission",
    "descriptif de la mission",
    "descriptif mission",
    "description du profil",
    "au quotidien",
    "environnement technique",
];

/// Words that, anywhere in a line of an employer's section, show that the line speaks of the
/// job and end the section.
const JOB_CUES: &[&str] = &[
    "vos missions",
    "tes missions",
    "votre mission",
    "ta mission",
    "les missions",
    "la mission",
    "le poste",
    "du poste",
    "ce poste",
    "profil",
    "vous serez",
    "tu seras",
    "tu serais",
    "vous aurez pour",
    "tu auras pour",
    "en charge de",
    "en charge des",
    "en charge du",
    "recherchons",
    "recrutons",
    "recrute",
    "vous etes",
    "tu es",
    "vous maitrisez",
    "tu maitrises",
    "vous avez",
    "tu as",
    "vous disposez",
    "tu disposes",
    "vous interviendrez",
    "tu interviendras",
    "vous contribuerez",
    "vous participerez",
    "vous assurerez",
    "vous realiserez",
    "vous assurez",
    "vous gerez",
    "vous realisez",
    "vous participez",
    "vous intervenez",
    "vous attendent",
    "en tant qu",
    "h/f",
    "f/h",
    "taches",
    "attributions",
    "responsabilites",
];

/// The longest line (bytes, bullets and trailing spaces trimmed) that can be a heading.
const HEADING_MAX: usize = 80;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    /// A heading that opens a section about the employer.
    Employer,
    /// A line that is a field about the employer ("Avantages : tickets restaurant, mutuelle"):
    /// the line alone, the section (if any) going on.
    Field,
    Job,
}

/// The longest line (bytes) that can be a field about the employer: a longer one runs the
/// heading into the rest of the offer.
const FIELD_MAX: usize = 300;

/// The most words after an employer's heading phrase on a line that opens a section
/// ("Avantages à travailler chez JEMS"); more make the line a field.
const HEADING_WORDS_AFTER: usize = 4;

struct Headings {
    /// All headings, anchored at a line's first letter.
    start: AhoCorasick,
    /// Per heading: its side, and whether it must be the whole line.
    kinds: Vec<(Side, bool)>,
    cues: AhoCorasick,
    /// The first [`KEY`] bytes of every heading of the employer, sorted: outside a section,
    /// only a line starting with one of them is read further.
    employer_keys: Vec<u64>,
}

/// Bytes of a folded line's start compared with [`Headings::employer_keys`] (no heading of
/// the employer is shorter).
const KEY: usize = 7;

/// The first [`KEY`] bytes of `folded` as one integer (zero-padded).
fn key(folded: &str) -> u64 {
    let mut k = [0u8; 8];
    let b = folded.as_bytes();
    let n = b.len().min(KEY);
    k[..n].copy_from_slice(&b[..n]);
    u64::from_be_bytes(k)
}

fn headings() -> &'static Headings {
    static HEADINGS: OnceLock<Headings> = OnceLock::new();
    HEADINGS.get_or_init(|| {
        let lists = [
            (EMPLOYER, Side::Employer, false),
            (EMPLOYER_LINE, Side::Employer, true),
            (JOB, Side::Job, false),
        ];
        let kinds = lists
            .iter()
            .flat_map(|&(l, side, whole)| l.iter().map(move |_| (side, whole)))
            .collect();
        // The lists above are constant, short and valid.
        let start = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(lists.iter().flat_map(|(l, _, _)| l.iter()))
            .expect("heading automaton");
        let cues = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(JOB_CUES)
            .expect("cue automaton");
        let mut employer_keys: Vec<u64> = EMPLOYER
            .iter()
            .chain(EMPLOYER_LINE)
            .map(|p| key(p))
            .collect();
        employer_keys.sort_unstable();
        employer_keys.dedup();
        Headings {
            start,
            kinds,
            cues,
            employer_keys,
        }
    })
}

impl Headings {
    /// What a folded line (signs before its first letter and spaces after its end trimmed)
    /// is: a heading of the employer (`Some(Employer)`), a field about the employer
    /// (`Some(Field)`), a heading of the job or a line about the job when `open` (a section of
    /// the employer being read; `Some(Job)`), or neither.
    fn read(&self, line: &str, open: bool) -> Option<Side> {
        let short = line.len() <= HEADING_MAX;
        // Anchored, the search stops where no heading can go on: a heading's length in.
        let found = self
            .start
            .find(Input::new(line).anchored(Anchored::Yes))
            .filter(|m| whole_word(line, 0, m.end()));
        if let Some(m) = found {
            let (side, whole) = self.kinds[m.pattern().as_usize()];
            // Words of the line after the heading's phrase.
            let after = word_count(line).saturating_sub(word_count(&line[..m.end()]));
            let field = line
                .split_once(':')
                .is_some_and(|(_, v)| v.bytes().any(is_word_byte))
                || after > HEADING_WORDS_AFTER;
            match side {
                Side::Employer if short && (after == 0 || !whole) && !field => {
                    return Some(Side::Employer)
                }
                Side::Employer if !whole && line.len() <= FIELD_MAX => return Some(Side::Field),
                Side::Job => return Some(Side::Job),
                _ => {}
            }
        }
        let about_job = (short && line.ends_with(':'))
            || line.ends_with('?')
            || self
                .cues
                .find_iter(line)
                .any(|m| whole_word(line, m.start(), m.end()));
        (open && about_job).then_some(Side::Job)
    }
}

/// A byte of a word: an ASCII letter or digit, or part of another character (a folded text's
/// other characters are mostly letters).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || !b.is_ascii()
}

/// Whether `text[at..end]` starts and ends on word boundaries.
fn whole_word(text: &str, at: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let before = at.checked_sub(1).map(|i| b[i]);
    !before.is_some_and(is_word_byte) && !b.get(end).copied().is_some_and(is_word_byte)
}

/// A line without the signs before its first letter or digit (spaces, bullets) and the
/// spaces after its end.
fn trim_line(line: &str) -> &str {
    let b = line.as_bytes();
    let skip = b.iter().position(|&c| is_word_byte(c)).unwrap_or(b.len());
    let line = &line[skip..];
    let line = match line.as_bytes().first() {
        // A bullet ("•", "➢") or an emoji: read as characters.
        Some(c) if !c.is_ascii() => line.trim_start_matches(|c: char| !c.is_alphanumeric()),
        _ => line,
    };
    line.trim_end()
}

/// Words of `s` (runs without spaces holding a letter or digit: "sommes-nous" is one).
fn word_count(s: &str) -> usize {
    s.split_ascii_whitespace()
        .filter(|w| w.bytes().any(is_word_byte))
        .count()
}

/// Byte ranges of a text that speak of the employer (see the module's documentation).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct EmployerZones(Vec<[usize; 2]>);

impl EmployerZones {
    /// The employer's sections of a folded text (its first line, the title, is never one), as
    /// ranges of the original text.
    pub fn of(folded: &Folded) -> EmployerZones {
        let text = folded.text.as_str();
        let h = headings();
        let mut zones = Vec::new();
        let mut open: Option<usize> = None;
        let mut ends = memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1);
        let mut start = ends.next().unwrap_or(text.len());
        for end in ends.chain(std::iter::once(text.len())) {
            let (line_start, line) = (start, trim_line(&text[start..end]));
            start = end;
            // Outside a section only a heading or a field matters: the start of a line that
            // is not too long.
            if open.is_none()
                && (line.len() > FIELD_MAX || h.employer_keys.binary_search(&key(line)).is_err())
            {
                continue;
            }
            match h.read(line, open.is_some()) {
                Some(Side::Employer) => {
                    open.get_or_insert(line_start);
                }
                Some(Side::Job) => zones.extend(open.take().map(|s| [s, line_start])),
                Some(Side::Field) if open.is_none() => zones.push([line_start, end]),
                _ => {}
            }
        }
        zones.extend(open.map(|s| [s, text.len()]));
        for z in &mut zones {
            *z = z.map(|p| folded.orig(p));
        }
        EmployerZones(zones)
    }

    /// [`EmployerZones::of`] a text not yet folded.
    pub fn of_text(text: &str) -> EmployerZones {
        EmployerZones::of(&fold_text(text))
    }

    /// Whether the span `[a, b)` lies inside one of the employer's sections.
    pub fn holds(&self, [a, b]: [usize; 2]) -> bool {
        self.0.iter().any(|&[s, e]| s <= a && b <= e)
    }

    /// The sections, as byte ranges in text order.
    pub fn ranges(&self) -> &[[usize; 2]] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The employer's sections of an offer titled "Titre" with this body.
    fn zones_of(body: &str) -> Vec<String> {
        let text = format!("Titre\n{body}");
        EmployerZones::of_text(&text)
            .ranges()
            .iter()
            .map(|&[a, b]| text[a..b].to_string())
            .collect()
    }

    #[test]
    fn a_heading_about_the_employer_opens_a_section_that_a_job_heading_closes() {
        let body = "Qui sommes-nous ?\nUne ESN experte en gestion de la donnée.\n\
                    Vos missions :\n- Administrer les serveurs\n\
                    Ce que nous offrons :\n- Conférences, veille technologique\n\
                    Votre profil :\n- Rigoureux\n";
        assert_eq!(
            zones_of(body),
            [
                "Qui sommes-nous ?\nUne ESN experte en gestion de la donnée.\n",
                "Ce que nous offrons :\n- Conférences, veille technologique\n",
            ]
        );
    }

    #[test]
    fn a_section_left_open_runs_to_the_end_and_bullets_are_skipped() {
        let body = "Profil : autonome\n👉 Les avantages :\n* Tickets restaurant";
        assert_eq!(zones_of(body), ["👉 Les avantages :\n* Tickets restaurant"]);
    }

    #[test]
    fn a_line_about_the_job_ends_a_section() {
        let body = "Pourquoi rejoindre cette entreprise ?\nUne entreprise familiale.\n\
                    En tant qu'agent de collecte (F/H), vous assurez le tri.\n\
                    Tri sélectif";
        assert_eq!(
            zones_of(body),
            ["Pourquoi rejoindre cette entreprise ?\nUne entreprise familiale.\n"]
        );
    }

    #[test]
    fn generic_nouns_open_a_section_only_as_a_whole_line() {
        assert_eq!(
            zones_of("L'entreprise :\nLeader du recyclage.\nMissions\nTri"),
            ["L'entreprise :\nLeader du recyclage.\n"]
        );
        assert!(zones_of("La société X recrute un technicien\nGestion des stocks").is_empty());
        assert!(zones_of("Le groupement recrute\nx").is_empty());
    }

    #[test]
    fn words_that_only_begin_like_a_heading_do_not_count() {
        assert!(zones_of("Avantageux : salaire\nx").is_empty());
        assert!(zones_of("À propos de moi\nDéveloppeur Java").is_empty());
    }

    #[test]
    fn sections_are_ranges_of_the_original_text_whatever_its_accents() {
        assert_eq!(
            zones_of("Éé\nÀ PROPOS DE SOCIÉTÉ GÉNÉRALE\nLeader.\nÀ propos du poste\nJava"),
            ["À PROPOS DE SOCIÉTÉ GÉNÉRALE\nLeader.\n"]
        );
    }

    #[test]
    fn spans_inside_a_section_are_held_and_the_title_is_never_read() {
        let text = "Titre\nAvantages\nTicket\nMissions\nTri";
        let z = EmployerZones::of_text(text);
        assert_eq!(z.ranges(), [[6, 23]]);
        assert!(z.holds([16, 22]));
        assert!(!z.holds([21, 26]));
        assert!(!z.holds([32, 35]));
        assert!(EmployerZones::of_text("Avantages\nTicket")
            .ranges()
            .is_empty());
    }

    #[test]
    fn a_heading_with_content_on_its_line_is_a_field_of_that_line_only() {
        let text = "Titre\nAvantages : tickets restaurant, mutuelle\nGestion des stocks\n";
        assert_eq!(EmployerZones::of_text(text).ranges(), [[6, 47]]);
    }

    #[test]
    fn every_heading_of_the_employer_is_long_enough_for_its_key() {
        assert!(EMPLOYER.iter().chain(EMPLOYER_LINE).all(|p| p.len() >= KEY));
    }
}
