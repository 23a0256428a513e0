//! The observatory's tables, built once and rendered as HTML, CSV or XLSX (every table on screen
//! can be exported). Suppressed figures stay suppressed in every format: « n.d. » and the reason.

use maud::{html, Markup};
use rust_xlsxwriter::Workbook;
use tremplin_observatory::indicators::DEFS;
use tremplin_observatory::portrait::{compare, Portrait};
use tremplin_observatory::rollup::FapRow;
use tremplin_observatory::secret::{fmt_fr, Figure};
use tremplin_observatory::TensionRow;

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A figure and its display decimals.
    Num(Figure, usize),
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
    fn opt(v: Option<f64>, d: usize, why: &str) -> Cell {
        Cell::Num(
            v.map(Figure::value)
                .unwrap_or_else(|| Figure::suppressed(why)),
            d,
        )
    }
    pub fn html(&self) -> Markup {
        match self {
            Cell::Text(s) => html! { td { (s) } },
            Cell::Num(f, d) => match (&f.value, &f.suppressed) {
                (Some(v), _) => html! { td.num { (fmt_fr(*v, *d)) } },
                (None, r) => {
                    let why = r.clone().unwrap_or_default();
                    html! { td.num { abbr title=(why) { "n.d." } span.visually-hidden { " (" (why) ")" } } }
                }
            },
        }
    }
    pub fn csv(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Num(f, d) => f.csv(*d),
        }
    }
}

/// A named table: its title, column headers and rows.
#[derive(Debug, Clone)]
pub struct Table {
    /// Short machine name (`tension`, `competences`…), used in export URLs and sheet names.
    pub name: &'static str,
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn html(&self) -> Markup {
        html! {
            div.table-wrap style="overflow-x:auto" tabindex="0" role="region" aria-label=(self.title) {
                table {
                    caption { (self.title) }
                    thead { tr { @for h in &self.headers { th scope="col" { (h) } } } }
                    tbody { @for r in &self.rows { tr { @for c in r { (c.html()) } } } }
                }
            }
        }
    }

    /// CSV with a header line; suppressed figures read `n.d.` and their reasons are listed in a
    /// last column.
    pub fn csv(&self) -> String {
        let mut out = String::new();
        let mut header = self.headers.clone();
        header.push("secret statistique".into());
        csv_line(&mut out, &header);
        for r in &self.rows {
            let mut rec: Vec<String> = r.iter().map(Cell::csv).collect();
            let reasons: Vec<String> = r
                .iter()
                .filter_map(|c| match c {
                    Cell::Num(f, _) => f.suppressed.clone(),
                    _ => None,
                })
                .collect();
            rec.push(reasons.first().cloned().unwrap_or_default());
            csv_line(&mut out, &rec);
        }
        out
    }
}

/// Appends one RFC 4180 record (fields quoted when they hold a comma, quote or line break).
fn csv_line(out: &mut String, fields: &[String]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push_str("\r\n");
}

/// An XLSX workbook with one sheet per table.
pub fn xlsx(tables: &[&Table]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    for t in tables {
        let ws = wb.add_worksheet();
        ws.set_name(t.name)?;
        ws.write_string(0, 0, &t.title)?;
        for (c, h) in t.headers.iter().enumerate() {
            ws.write_string(1, c as u16, h)?;
        }
        for (i, r) in t.rows.iter().enumerate() {
            let row = i as u32 + 2;
            for (c, cell) in r.iter().enumerate() {
                match cell {
                    Cell::Num(Figure { value: Some(v), .. }, _) => {
                        ws.write_number(row, c as u16, *v)?
                    }
                    Cell::Num(f, _) => ws.write_string(
                        row,
                        c as u16,
                        format!("n.d. ({})", f.suppressed.clone().unwrap_or_default()),
                    )?,
                    Cell::Text(s) => ws.write_string(row, c as u16, s)?,
                };
            }
        }
    }
    wb.save_to_buffer()
}

fn class_cell(r: &TensionRow) -> Cell {
    Cell::text(r.class.map(|c| c.label_fr()).unwrap_or(""))
}

/// Every fiche of a perimeter with its computed and published indicators and class.
pub fn tension(rows: &[&TensionRow], title: &str) -> Table {
    let mut headers: Vec<String> = [
        "Code ROME",
        "Métier",
        "Offres",
        "Demandeurs d'emploi ABC",
        "Offres / demandeur (calculé)",
        "Quintile (calculé)",
    ]
    .map(String::from)
    .to_vec();
    headers.extend(DEFS.iter().map(|d| format!("{} (publié)", d.label_fr)));
    headers.push("Classe (méthode Bretagne)".into());
    let rows = rows
        .iter()
        .map(|r| {
            let f = &r.fiche;
            let mut v = vec![
                Cell::text(&f.rome),
                Cell::text(&f.label),
                Cell::Num(f.offers.clone(), 0),
                Cell::Num(f.jobseekers.clone(), 0),
                Cell::Num(f.ratio.clone(), 2),
                Cell::opt(f.quintile.map(f64::from), 0, "ratio non publiable"),
            ];
            v.extend(
                f.published
                    .values()
                    .iter()
                    .map(|x| Cell::opt(*x, 1, "non publié par la DARES")),
            );
            v.push(class_cell(r));
            v
        })
        .collect();
    Table {
        name: "tension",
        title: title.to_string(),
        headers,
        rows,
    }
}

pub fn fap(rows: &[FapRow], title: &str) -> Table {
    let headers = [
        "FAP",
        "Fiches ROME",
        "Offres",
        "Demandeurs d'emploi ABC",
        "Offres / demandeur (calculé)",
        "Quintile (calculé)",
        "Classe (méthode Bretagne)",
        "Tension régionale 2019 (publié, score)",
        "Catégorie 2019 (publié)",
    ];
    let rows = rows
        .iter()
        .map(|r| {
            vec![
                Cell::text(&r.fap),
                Cell::text(r.romes.join(" ")),
                Cell::Num(r.offers.clone(), 0),
                Cell::Num(r.jobseekers.clone(), 0),
                Cell::Num(r.ratio.clone(), 2),
                Cell::opt(r.quintile.map(f64::from), 0, "ratio non publiable"),
                Cell::text(r.class.map(|c| c.label_fr()).unwrap_or("")),
                Cell::opt(r.published_2019, 2, "non publié pour la région"),
                Cell::opt(r.published_2019_class, 0, "non publié pour la région"),
            ]
        })
        .collect();
    Table {
        name: "fap",
        title: title.to_string(),
        headers: headers.map(String::from).to_vec(),
        rows,
    }
}

/// The top occupations in tension of a portrait, explained in words.
pub fn top_tension(p: &Portrait) -> Table {
    let headers = [
        "Code ROME",
        "Métier",
        "Offres",
        "Demandeurs d'emploi",
        "Offres / demandeur",
        "Quintile",
        "Classe",
        "Ce que disent les indicateurs DARES",
    ];
    let rows = p
        .top_tension
        .iter()
        .map(|t| {
            vec![
                Cell::text(&t.rome),
                Cell::text(&t.label),
                Cell::Num(t.offers.clone(), 0),
                Cell::Num(t.jobseekers.clone(), 0),
                Cell::Num(t.ratio.clone(), 2),
                Cell::opt(t.quintile.map(f64::from), 0, "ratio non publiable"),
                Cell::text(t.class.map(|c| c.label_fr()).unwrap_or("")),
                Cell::text(&t.explanation),
            ]
        })
        .collect();
    Table {
        name: "metiers",
        title: format!("Métiers en tension — {}", p.name),
        headers: headers.map(String::from).to_vec(),
        rows,
    }
}

pub fn skills(p: &Portrait) -> Table {
    let rows = p
        .skills
        .iter()
        .map(|s| {
            vec![
                Cell::text(&s.code),
                Cell::text(&s.label),
                Cell::Num(Figure::value(s.weight), 0),
            ]
        })
        .collect();
    Table {
        name: "competences",
        title: format!(
            "Compétences les plus recherchées — {} ({})",
            p.name, p.skills_source
        ),
        headers: ["Code", "Compétence", "Poids (offres)"]
            .map(String::from)
            .to_vec(),
        rows,
    }
}

pub fn training(p: &Portrait) -> Table {
    let rows = p
        .training
        .iter()
        .map(|o| {
            vec![
                Cell::text(&o.rome),
                Cell::text(&o.certification),
                Cell::text(&o.level),
                Cell::text(&o.route),
                Cell::text(&o.cohort),
                Cell::Num(o.leavers.clone(), 0),
                Cell::Num(o.employment_12m.clone(), 0),
            ]
        })
        .collect();
    Table {
        name: "formations",
        title: format!(
            "Formations vers les métiers en tension et insertion (InserJeunes, région {})",
            p.region
        ),
        headers: [
            "ROME",
            "Certification",
            "Niveau",
            "Voie",
            "Cohorte",
            "Sortants",
            "Taux d'emploi à 12 mois (%)",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    }
}

pub fn comparison(portraits: &[&Portrait]) -> Table {
    let mut headers = vec!["Indicateur".to_string()];
    headers.extend(portraits.iter().map(|p| p.name.clone()));
    let rows = compare(portraits)
        .into_iter()
        .map(|r| {
            std::iter::once(Cell::Text(r.indicator))
                .chain(r.values.into_iter().map(Cell::Text))
                .collect()
        })
        .collect();
    Table {
        name: "comparaison",
        title: "Chiffres clés comparés".into(),
        headers,
        rows,
    }
}

pub fn swot(p: &Portrait) -> Table {
    let s = &p.swot;
    let parts = [
        ("Force", &s.strengths),
        ("Faiblesse", &s.weaknesses),
        ("Opportunité", &s.opportunities),
        ("Menace", &s.threats),
    ];
    let rows = parts
        .iter()
        .flat_map(|(k, v)| {
            v.iter()
                .map(move |st| vec![Cell::text(*k), Cell::text(&st.text), Cell::text(&st.figure)])
        })
        .collect();
    Table {
        name: "diagnostic",
        title: format!(
            "Diagnostic (projet généré à partir des chiffres) — {}",
            p.name
        ),
        headers: ["Rubrique", "Constat", "Chiffre cité et source"]
            .map(String::from)
            .to_vec(),
        rows,
    }
}

/// All tables of a portrait, in page order.
pub fn portrait_tables(p: &Portrait, others: &[&Portrait]) -> Vec<Table> {
    let mut all = vec![p];
    all.extend_from_slice(others);
    vec![
        comparison(&all),
        top_tension(p),
        skills(p),
        training(p),
        swot(p),
    ]
}
