//! LHEO writer: one element per line, in the order of the LHEO 2.3 definition, required
//! elements always present (possibly empty). Tremplin's own data (synthetic flag, seats
//! offered, live status) goes into `extras`, LHEO's extension point.

use super::map::{EXTRAS_SEATS, EXTRAS_TREMPLIN};
use crate::model::*;
use quick_xml::escape::{escape, partial_escape};
use std::io::{self, Write};

pub const NAMESPACE: &str = "http://lheo.gouv.fr/2.3";

pub struct LheoWriter<W: Write> {
    out: W,
    formations: u64,
}

/// Element builder over a byte sink.
struct X<'a, W: Write>(&'a mut W);

impl<W: Write> X<'_, W> {
    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        write!(self.0, "<{name}")?;
        for (k, v) in attrs.iter().filter(|(_, v)| !v.is_empty()) {
            write!(self.0, " {k}=\"{}\"", escape(*v))?;
        }
        writeln!(self.0, ">")
    }

    fn close(&mut self, name: &str) -> io::Result<()> {
        writeln!(self.0, "</{name}>")
    }

    /// Always written, even empty (required elements).
    fn leaf(&mut self, name: &str, text: &str) -> io::Result<()> {
        writeln!(self.0, "<{name}>{}</{name}>", partial_escape(text))
    }

    fn leaf_attr(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> io::Result<()> {
        write!(self.0, "<{name}")?;
        for (k, v) in attrs.iter().filter(|(_, v)| !v.is_empty()) {
            write!(self.0, " {k}=\"{}\"", escape(*v))?;
        }
        writeln!(self.0, ">{}</{name}>", partial_escape(text))
    }

    /// Written only when non-empty (optional elements).
    fn opt(&mut self, name: &str, text: &str) -> io::Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        self.leaf(name, text)
    }

    fn opt_int(&mut self, name: &str, v: Option<i64>) -> io::Result<()> {
        match v {
            Some(v) => self.leaf(name, &v.to_string()),
            None => Ok(()),
        }
    }

    fn each(&mut self, name: &str, values: &[String]) -> io::Result<()> {
        values.iter().try_for_each(|v| self.leaf(name, v))
    }

    fn urls(&mut self, wrapper: &str, urls: &[String]) -> io::Result<()> {
        if urls.is_empty() {
            return Ok(());
        }
        self.open(wrapper, &[])?;
        self.each("urlweb", urls)?;
        self.close(wrapper)
    }

    fn phones(&mut self, wrapper: &str, numbers: &[String]) -> io::Result<()> {
        if numbers.is_empty() {
            return Ok(());
        }
        self.open(wrapper, &[])?;
        self.each("numtel", numbers)?;
        self.close(wrapper)
    }

    fn address(&mut self, a: &Address) -> io::Result<()> {
        self.open("adresse", &[("numero", &a.numero)])?;
        self.opt("denomination", &a.denomination)?;
        if a.lines.is_empty() {
            self.leaf("ligne", "")?;
        }
        self.each("ligne", &a.lines)?;
        self.leaf("codepostal", &a.postcode)?;
        self.leaf("ville", &a.city)?;
        self.opt("departement", &a.departement)?;
        self.opt("code-INSEE-commune", &a.insee)?;
        self.opt("region", &a.region)?;
        self.opt("pays", &a.country)?;
        if let (Some(lat), Some(lon)) = (a.lat, a.lon) {
            self.open("geolocalisation", &[])?;
            self.leaf("latitude", &lat.to_string())?;
            self.leaf("longitude", &lon.to_string())?;
            self.close("geolocalisation")?;
        }
        self.close("adresse")
    }

    fn contact(&mut self, c: &Contact) -> io::Result<()> {
        self.open("coordonnees", &[("numero", &c.numero)])?;
        self.opt("civilite", &c.civilite)?;
        self.opt("nom", &c.nom)?;
        self.opt("prenom", &c.prenom)?;
        self.each("ligne", &c.lines)?;
        if let Some(a) = &c.address {
            self.address(a)?;
        }
        self.phones("telfixe", &c.phones)?;
        self.phones("portable", &c.mobiles)?;
        self.opt("courriel", &c.email)?;
        self.urls("web", &c.web)?;
        self.close("coordonnees")
    }

    /// `wrapper/coordonnees` for each contact, or one empty one when the element is required.
    fn contacts(&mut self, wrapper: &str, contacts: &[Contact], required: bool) -> io::Result<()> {
        if contacts.is_empty() && required {
            self.open(wrapper, &[])?;
            self.contact(&Contact::default())?;
            return self.close(wrapper);
        }
        for c in contacts {
            self.open(wrapper, &[])?;
            self.contact(c)?;
            self.close(wrapper)?;
        }
        Ok(())
    }

    fn extras(&mut self, extras: &[Extras]) -> io::Result<()> {
        for e in extras {
            self.open("extras", &[("info", &e.info)])?;
            for x in &e.items {
                self.leaf_attr("extra", &[("info", &x.info)], &x.value)?;
            }
            self.close("extras")?;
        }
        Ok(())
    }
}

impl<W: Write> LheoWriter<W> {
    /// Starts a document; `comment` (e.g. "données synthétiques …") is written as an XML
    /// comment before the root.
    pub fn new(mut out: W, comment: Option<&str>) -> io::Result<Self> {
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        if let Some(c) = comment {
            writeln!(out, "<!-- {} -->", c.replace("--", "—"))?;
        }
        writeln!(out, "<lheo xmlns=\"{NAMESPACE}\">")?;
        writeln!(out, "<offres>")?;
        Ok(LheoWriter { out, formations: 0 })
    }

    pub fn formations(&self) -> u64 {
        self.formations
    }

    pub fn write_formation(&mut self, f: &Formation) -> io::Result<()> {
        self.formations += 1;
        let mut x = X(&mut self.out);
        x.open("formation", &[("numero", &f.numero)])?;
        x.open("domaine-formation", &[])?;
        x.each("code-FORMACODE", &f.formacodes)?;
        x.each("code-NSF", &f.nsf)?;
        x.each("code-ROME", &f.romes)?;
        x.close("domaine-formation")?;
        x.leaf("intitule-formation", &f.title)?;
        x.leaf("objectif-formation", &f.objective)?;
        x.leaf("resultats-attendus", &f.results)?;
        x.leaf("contenu-formation", &f.content)?;
        x.leaf("certifiante", &f.certifying)?;
        x.contacts("contact-formation", &f.contacts, true)?;
        x.leaf("parcours-de-formation", &f.path_type)?;
        x.leaf("code-niveau-entree", &f.entry_level)?;
        x.opt("objectif-general-formation", &f.general_objective)?;
        for c in &f.certifications {
            x.open("certification", &[])?;
            x.opt("code-RNCP", c.rncp.trim_start_matches("RNCP"))?;
            x.opt("code-CERTIFINFO", &c.certifinfo)?;
            x.opt("code-RS", &c.rs)?;
            x.close("certification")?;
        }
        x.opt("code-niveau-sortie", &f.exit_level)?;
        x.urls("url-formation", &f.urls)?;
        for a in &f.actions {
            write_action(&mut x, a)?;
        }
        write_provider(&mut x, &f.provider)?;
        x.opt("identifiant-module", &f.module_id)?;
        if f.synthetic {
            x.extras(&[Extras {
                info: EXTRAS_TREMPLIN.into(),
                items: vec![Extra {
                    info: "donnees-synthetiques".into(),
                    value: "oui".into(),
                }],
            }])?;
        }
        x.extras(&f.extras)?;
        x.close("formation")
    }

    /// Closes the document and returns the sink.
    pub fn finish(mut self) -> io::Result<W> {
        writeln!(self.out, "</offres>")?;
        writeln!(self.out, "</lheo>")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

fn write_action<W: Write>(x: &mut X<W>, a: &Action) -> io::Result<()> {
    x.open("action", &[("numero", &a.numero)])?;
    x.leaf("rythme-formation", &a.rhythm)?;
    if a.public_codes.is_empty() {
        x.leaf("code-public-vise", "")?;
    }
    x.each("code-public-vise", &a.public_codes)?;
    x.opt("info-public-vise", &a.public_info)?;
    x.leaf("niveau-entree-obligatoire", &a.entry_level_required)?;
    x.leaf("modalites-alternance", &a.alternance)?;
    x.leaf("modalites-enseignement", &a.teaching_mode)?;
    x.leaf("conditions-specifiques", &a.conditions)?;
    x.leaf("prise-en-charge-frais-possible", &a.funding_possible)?;
    for p in &a.places {
        x.open("lieu-de-formation", &[])?;
        x.contact(p)?;
        x.close("lieu-de-formation")?;
    }
    x.leaf("modalites-entrees-sorties", &a.entries)?;
    x.urls("url-action", &a.urls)?;
    for s in &a.sessions {
        write_session(x, s)?;
    }
    x.opt("restauration", &a.restauration)?;
    x.opt("hebergement", &a.hebergement)?;
    x.opt("transport", &a.transport)?;
    x.opt("acces-handicapes", &a.accessibility)?;
    x.each("langue-formation", &a.languages)?;
    x.opt("modalites-recrutement", &a.recruitment_terms)?;
    x.opt("modalites-pedagogiques", &a.pedagogy)?;
    x.opt("prix-horaire-TTC", &a.hourly_price)?;
    x.opt("prix-total-TTC", &a.total_price)?;
    x.opt("duree-indicative", &a.duration)?;
    x.opt_int("nombre-heures-centre", a.hours_centre)?;
    x.opt_int("nombre-heures-entreprise", a.hours_company)?;
    x.opt_int("nombre-heures-total", a.hours_total)?;
    x.opt("detail-conditions-prise-en-charge", &a.funding_details)?;
    for f in &a.funders {
        x.open("organisme-financeur", &[])?;
        x.leaf("code-financeur", &f.code)?;
        x.opt_int("nb-places-financees", f.seats)?;
        x.close("organisme-financeur")?;
    }
    x.extras(&a.extras)?;
    x.close("action")
}

fn write_session<W: Write>(x: &mut X<W>, s: &Session) -> io::Result<()> {
    x.open("session", &[("numero", &s.numero)])?;
    x.open("periode", &[])?;
    x.leaf("debut", &s.start.lheo())?;
    x.leaf("fin", &s.end.lheo())?;
    x.close("periode")?;
    x.open("adresse-inscription", &[])?;
    x.address(&s.registration_address)?;
    x.close("adresse-inscription")?;
    x.opt("modalites-inscription", &s.registration_terms)?;
    x.opt("etat-recrutement", &s.recruitment_state)?;
    if s.seats.is_some() || !s.recruitment_method.is_empty() {
        x.open("recrutement", &[])?;
        x.leaf("modalite-recrutement", &s.recruitment_method)?;
        x.opt_int("nb-places", s.seats)?;
        x.close("recrutement")?;
    }
    if !s.blocs.is_empty() {
        x.open("blocs-competences", &[])?;
        x.leaf("validation-blocs", "1")?;
        x.open("reference-certification", &[])?;
        x.leaf(
            "reference-code-RNCP",
            s.blocs_rncp.trim_start_matches("RNCP"),
        )?;
        x.close("reference-certification")?;
        for b in &s.blocs {
            x.open("bloc-competences", &[])?;
            x.leaf("libelle-bloc", &b.label)?;
            x.leaf("code-bloc", &b.code)?;
            x.close("bloc-competences")?;
        }
        x.close("blocs-competences")?;
    }
    let mut seats = Vec::new();
    if let Some(c) = s.capacity {
        seats.push(Extra {
            info: "places-offertes".into(),
            value: c.to_string(),
        });
    }
    if !s.status.is_empty() {
        seats.push(Extra {
            info: "statut".into(),
            value: s.status.clone(),
        });
    }
    if !seats.is_empty() {
        x.extras(&[Extras {
            info: EXTRAS_SEATS.into(),
            items: seats,
        }])?;
    }
    x.extras(&s.extras)?;
    x.close("session")
}

fn write_provider<W: Write>(x: &mut X<W>, p: &Provider) -> io::Result<()> {
    x.open("organisme-formation-responsable", &[("numero", &p.numero)])?;
    x.leaf("numero-activite", &p.numero_activite)?;
    x.open("SIRET-organisme-formation", &[])?;
    x.leaf("SIRET", &p.siret)?;
    x.close("SIRET-organisme-formation")?;
    x.leaf("nom-organisme", &p.name)?;
    x.leaf("raison-sociale", &p.raison_sociale)?;
    x.open("coordonnees-organisme", &[])?;
    x.contact(&p.coordinates)?;
    x.close("coordonnees-organisme")?;
    x.contacts("contact-organisme", &p.contacts, true)?;
    x.opt("renseignements-specifiques", &p.renseignements)?;
    if !p.potentiel.is_empty() {
        x.open("potentiel", &[])?;
        x.each("code-FORMACODE", &p.potentiel)?;
        x.close("potentiel")?;
    }
    if !p.uai.is_empty() {
        x.open("code-UAI-organisme-formation", &[])?;
        x.leaf("code-UAI", &p.uai)?;
        x.close("code-UAI-organisme-formation")?;
    }
    x.extras(&p.extras)?;
    x.close("organisme-formation-responsable")
}
