//! Streaming LHEO reader: walks the document with `quick-xml`, builds the tree of one
//! `formation` at a time and maps it to the model. Memory stays bounded by the largest
//! formation, whatever the file size.
//!
//! Problems that leave the document readable (unknown element, invalid date, negative seats…)
//! are collected in [`LheoReader::take_errors`]; those that stop reading (malformed or
//! truncated XML, wrong encoding) are returned as `Err`.

use super::dom::Node;
use super::{is_known_element, map, LheoError};
use crate::model::Formation;
use quick_xml::events::{BytesRef, BytesStart, Event};
use std::io::{BufRead, Read};

/// Counts the newlines of the bytes quick-xml has consumed, so errors can name a line.
pub struct LineCounter<R> {
    inner: R,
    newlines: u64,
}

impl<R: BufRead> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.newlines += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for LineCounter<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let n = amt.min(buf.len());
            self.newlines += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
        }
        self.inner.consume(amt);
    }
}

pub struct LheoReader<R: BufRead> {
    xml: quick_xml::Reader<LineCounter<R>>,
    buf: Vec<u8>,
    /// Open elements above the current formation (`lheo`, `offres`).
    path: Vec<String>,
    formations: usize,
    seen_root: bool,
    errors: Vec<LheoError>,
}

fn local(name: &[u8]) -> Result<String, String> {
    let name = match name.iter().position(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    };
    std::str::from_utf8(name)
        .map(str::to_string)
        .map_err(|_| "nom d'élément mal encodé (le fichier doit être en UTF-8)".to_string())
}

impl<R: BufRead> LheoReader<R> {
    pub fn new(input: R) -> Self {
        let mut xml = quick_xml::Reader::from_reader(LineCounter {
            inner: input,
            newlines: 0,
        });
        xml.config_mut().trim_text(false);
        LheoReader {
            xml,
            buf: Vec::with_capacity(8192),
            path: Vec::new(),
            formations: 0,
            seen_root: false,
            errors: Vec::new(),
        }
    }

    /// Current line (1-based).
    pub fn line(&self) -> u64 {
        self.xml.get_ref().newlines + 1
    }

    /// Bytes read so far (for progress bars).
    pub fn position(&self) -> u64 {
        self.xml.buffer_position()
    }

    /// The recoverable problems found so far.
    pub fn errors(&self) -> &[LheoError] {
        &self.errors
    }

    pub fn take_errors(&mut self) -> Vec<LheoError> {
        std::mem::take(&mut self.errors)
    }

    fn xpath(&self) -> String {
        format!("/{}", self.path.join("/"))
    }

    fn fail(&self, xpath: String, reason: impl Into<String>) -> LheoError {
        LheoError {
            line: self.line(),
            xpath,
            reason: reason.into(),
        }
    }

    /// The next formation, `None` at the end of the document.
    pub fn next_formation(&mut self) -> Result<Option<Formation>, LheoError> {
        loop {
            self.buf.clear();
            let ev = match self.xml.read_event_into(&mut self.buf) {
                Ok(ev) => ev.into_owned(),
                Err(e) => return Err(self.fail(self.xpath(), xml_error(&e.to_string()))),
            };
            match ev {
                Event::Decl(d) => {
                    if let Some(Ok(enc)) = d.encoding() {
                        let enc = String::from_utf8_lossy(&enc).to_ascii_lowercase();
                        if enc != "utf-8" && enc != "utf8" {
                            return Err(self.fail(
                                "/".into(),
                                format!("encodage « {enc} » non pris en charge : convertir le fichier en UTF-8"),
                            ));
                        }
                    }
                }
                Event::Start(e) => {
                    if let Some(f) = self.start(&e, false)? {
                        return Ok(Some(f));
                    }
                }
                Event::Empty(e) => {
                    if let Some(f) = self.start(&e, true)? {
                        return Ok(Some(f));
                    }
                }
                Event::End(_) => {
                    self.path.pop();
                }
                Event::Text(t) if t.decode().is_err() => {
                    return Err(self.fail(self.xpath(), ENCODING));
                }
                Event::Eof => {
                    if !self.path.is_empty() {
                        return Err(self.fail(
                            self.xpath(),
                            format!(
                                "fichier tronqué : <{}> n'est pas refermé",
                                self.path.last().unwrap()
                            ),
                        ));
                    }
                    if !self.seen_root {
                        return Err(
                            self.fail("/".into(), "document vide : élément racine <lheo> attendu")
                        );
                    }
                    return Ok(None);
                }
                _ => {}
            }
        }
    }

    fn start(&mut self, e: &BytesStart, empty: bool) -> Result<Option<Formation>, LheoError> {
        let name = local(e.name().as_ref()).map_err(|r| self.fail(self.xpath(), r))?;
        let depth = self.path.len();
        if depth == 0 {
            if name != "lheo" {
                return Err(self.fail(
                    format!("/{name}"),
                    format!("élément racine <lheo> attendu, <{name}> trouvé"),
                ));
            }
            self.seen_root = true;
        } else if name == "formation" && self.path == ["lheo", "offres"] {
            self.formations += 1;
            let xpath = format!("{}/formation[{}]", self.xpath(), self.formations);
            let node = self.read_tree(e, empty, &xpath)?;
            return Ok(Some(map::formation(&node, &xpath, &mut self.errors)));
        } else if !(name == "offres" && depth == 1) {
            let xpath = format!("{}/{name}", self.xpath());
            if name != "extras" {
                let reason = if is_known_element(&name) {
                    format!("élément <{name}> mal placé (ignoré)")
                } else {
                    format!("élément inconnu <{name}> (absent de la définition LHEO)")
                };
                self.errors.push(LheoError {
                    line: self.line(),
                    xpath: xpath.clone(),
                    reason,
                });
            }
            if !empty {
                self.skip(e, &xpath)?;
            }
            return Ok(None);
        }
        if !empty {
            self.path.push(name);
        }
        Ok(None)
    }

    fn skip(&mut self, e: &BytesStart, xpath: &str) -> Result<(), LheoError> {
        let end = e.to_end().into_owned();
        let mut buf = Vec::new();
        self.xml
            .read_to_end_into(end.name(), &mut buf)
            .map_err(|err| self.fail(xpath.to_string(), xml_error(&err.to_string())))?;
        Ok(())
    }

    /// Reads the subtree of `start` into a [`Node`]. Unknown elements (outside `extras`) are
    /// reported and skipped.
    fn read_tree(
        &mut self,
        start: &BytesStart,
        empty: bool,
        xpath: &str,
    ) -> Result<Node, LheoError> {
        let root = self.node(start, xpath)?;
        if empty {
            return Ok(root);
        }
        let mut stack = vec![root];
        let mut extras_depth = 0usize;
        loop {
            self.buf.clear();
            let ev = match self.xml.read_event_into(&mut self.buf) {
                Ok(ev) => ev.into_owned(),
                Err(err) => {
                    return Err(self.fail(stack_path(xpath, &stack), xml_error(&err.to_string())))
                }
            };
            match ev {
                Event::Start(e) if extras_depth == 0 && !known(&e) => {
                    self.unknown(&e, &stack_path(xpath, &stack), true)?
                }
                Event::Empty(e) if extras_depth == 0 && !known(&e) => {
                    self.unknown(&e, &stack_path(xpath, &stack), false)?
                }
                Event::Start(e) => {
                    let n = self.node(&e, xpath)?;
                    if n.name == "extras" || extras_depth > 0 {
                        extras_depth += 1;
                    }
                    stack.push(n);
                }
                Event::Empty(e) => {
                    let n = self.node(&e, xpath)?;
                    stack
                        .last_mut()
                        .expect("stack holds the root")
                        .children
                        .push(n);
                }
                Event::Text(_) | Event::CData(_) => {
                    let decoded = match &ev {
                        Event::Text(t) => t.decode().map_err(|_| ()),
                        Event::CData(t) => t.decode().map_err(|_| ()),
                        _ => unreachable!("matched as text or CDATA"),
                    };
                    let s = decoded.map_err(|_| self.fail(stack_path(xpath, &stack), ENCODING))?;
                    stack
                        .last_mut()
                        .expect("stack holds the root")
                        .text
                        .push_str(&s);
                }
                Event::GeneralRef(r) => {
                    let s = resolve_ref(&r)
                        .map_err(|reason| self.fail(stack_path(xpath, &stack), reason))?;
                    stack
                        .last_mut()
                        .expect("stack holds the root")
                        .text
                        .push_str(&s);
                }
                Event::End(_) => {
                    extras_depth = extras_depth.saturating_sub(1);
                    let done = stack.pop().expect("stack holds the root");
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(done),
                        None => return Ok(done),
                    }
                }
                Event::Eof => {
                    let open = stack.last().map(|n| n.name.clone()).unwrap_or_default();
                    return Err(self.fail(
                        stack_path(xpath, &stack),
                        format!("fichier tronqué : <{open}> n'est pas refermé"),
                    ));
                }
                _ => {}
            }
        }
    }

    /// Reports an element absent from the LHEO definition and skips its content.
    fn unknown(&mut self, e: &BytesStart, parent: &str, open: bool) -> Result<(), LheoError> {
        let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
        let at = format!("{parent}/{name}");
        self.errors.push(LheoError {
            line: self.line(),
            xpath: at.clone(),
            reason: format!("élément inconnu <{name}> (absent de la définition LHEO)"),
        });
        if open {
            self.skip(e, &at)?;
        }
        Ok(())
    }

    fn node(&self, e: &BytesStart, xpath: &str) -> Result<Node, LheoError> {
        let name = local(e.name().as_ref()).map_err(|r| self.fail(xpath.to_string(), r))?;
        let mut attrs = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|err| self.fail(xpath.to_string(), xml_error(&err.to_string())))?;
            let key = local(a.key.as_ref()).map_err(|r| self.fail(xpath.to_string(), r))?;
            let value = a
                .unescape_value()
                .map_err(|_| self.fail(xpath.to_string(), ENCODING))?
                .into_owned();
            attrs.push((key, value));
        }
        Ok(Node {
            name,
            attrs,
            text: String::new(),
            children: Vec::new(),
            line: self.line(),
        })
    }
}

const ENCODING: &str = "encodage invalide : le fichier n'est pas en UTF-8";

fn known(e: &BytesStart) -> bool {
    local(e.name().as_ref())
        .map(|n| is_known_element(&n))
        .unwrap_or(false)
}

fn xml_error(e: &str) -> String {
    if e.contains("utf-8") || e.contains("UTF-8") || e.contains("Utf8") {
        ENCODING.to_string()
    } else {
        format!("XML mal formé : {e}")
    }
}

fn resolve_ref(r: &BytesRef) -> Result<String, String> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Ok(c.to_string());
    }
    let name = r.decode().map_err(|_| ENCODING.to_string())?;
    quick_xml::escape::resolve_predefined_entity(&name)
        .map(str::to_string)
        .ok_or_else(|| format!("entité inconnue &{name};"))
}

/// XPath of the innermost open element, with positions among same-named siblings.
fn stack_path(xpath: &str, stack: &[Node]) -> String {
    let mut p = xpath.to_string();
    for w in stack.windows(2) {
        let pos = w[0].children.iter().filter(|c| c.name == w[1].name).count() + 1;
        p.push_str(&format!("/{}[{pos}]", w[1].name));
    }
    p
}
