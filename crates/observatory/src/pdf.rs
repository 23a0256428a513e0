//! A minimal PDF 1.4 writer for text documents (Helvetica, WinAnsi encoding): enough for a
//! printable portrait. Lines longer than the page are wrapped; pages break automatically.

/// A text line with its style.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    Title(String),
    Heading(String),
    Text(String),
    Blank,
}

const WIDTH: f64 = 595.0;
const HEIGHT: f64 = 842.0;
const MARGIN: f64 = 50.0;

fn style(l: &Line) -> (&'static str, f64, usize) {
    match l {
        Line::Title(_) => ("F2", 16.0, 60),
        Line::Heading(_) => ("F2", 12.0, 80),
        Line::Text(_) | Line::Blank => ("F1", 9.5, 105),
    }
}

/// Latin-1 bytes of a string (the WinAnsi subset French needs), escaped for a PDF string.
fn encode(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for ch in s.chars() {
        let b = match ch {
            '(' | ')' | '\\' => {
                out.push(b'\\');
                ch as u8
            }
            '\u{2019}' => b'\'',
            '\u{2013}' | '\u{2014}' => b'-',
            '\u{202f}' | '\u{a0}' => b' ',
            '\u{153}' => 0x9c,
            '\u{152}' => 0x8c,
            '\u{20ac}' => 0x80,
            c if (c as u32) < 256 => c as u8,
            _ => b'?',
        };
        out.push(b);
    }
    out
}

fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for w in s.split_whitespace() {
        let cur = lines.last_mut().expect("one line");
        if !cur.is_empty() && cur.chars().count() + 1 + w.chars().count() > width {
            lines.push(w.to_string());
        } else {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(w);
        }
    }
    lines
}

/// Renders lines into a PDF document.
pub fn render(title: &str, lines: &[Line]) -> Vec<u8> {
    let mut pages: Vec<Vec<u8>> = vec![Vec::new()];
    let mut y = HEIGHT - MARGIN;
    for l in lines {
        let (font, size, width) = style(l);
        let text = match l {
            Line::Title(t) | Line::Heading(t) | Line::Text(t) => t.as_str(),
            Line::Blank => "",
        };
        for part in wrap(text, width) {
            let lead = size * 1.35;
            if y - lead < MARGIN {
                pages.push(Vec::new());
                y = HEIGHT - MARGIN;
            }
            y -= lead;
            let page = pages.last_mut().expect("one page");
            page.extend_from_slice(format!("BT /{font} {size} Tf {MARGIN} {y:.1} Td (").as_bytes());
            page.extend(encode(&part));
            page.extend_from_slice(b") Tj ET\n");
        }
    }
    let mut objects: Vec<Vec<u8>> = Vec::new();
    let n = pages.len();
    // 1 catalog, 2 pages, 3-4 fonts, 5 info, then (page, content) pairs.
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 6 + 2 * i)).collect();
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes());
    for base in ["Helvetica", "Helvetica-Bold"] {
        objects.push(
            format!(
                "<< /Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding /WinAnsiEncoding >>"
            )
            .into_bytes(),
        );
    }
    let mut info = b"<< /Producer (Tremplin) /Title (".to_vec();
    info.extend(encode(title));
    info.extend_from_slice(b") >>");
    objects.push(info);
    for (i, content) in pages.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {WIDTH} {HEIGHT}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                7 + 2 * i
            )
            .into_bytes(),
        );
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend_from_slice(content);
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
    }
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_valid_skeleton_with_french_text_and_page_breaks() {
        let mut lines = vec![Line::Title("Portrait (Épinal)".into())];
        lines.extend((0..120).map(|i| Line::Text(format!("Ligne {i} : main-d’œuvre"))));
        let pdf = render("Portrait", &lines);
        let s = String::from_utf8_lossy(&pdf);
        assert!(s.starts_with("%PDF-1.4"));
        assert!(s.trim_end().ends_with("%%EOF"));
        assert!(s.contains("/Count 3"), "120 lines need three pages");
        let raw = pdf.windows(3).any(|w| w == [b'\\', b'(', 0xc9]);
        assert!(raw, "parenthesis escaped and É in Latin-1");
        // The xref offsets point at the objects.
        let xref_at: usize = s
            .rsplit("startxref\n")
            .next()
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(&pdf[xref_at..xref_at + 4], b"xref");
        // Every xref entry points at its object.
        let table = String::from_utf8_lossy(&pdf[xref_at..]).to_string();
        let entries: Vec<&str> = table
            .lines()
            .skip(3)
            .take_while(|l| l.ends_with(" n "))
            .collect();
        assert_eq!(
            entries.len(),
            5 + 2 * 3,
            "catalog, pages, 2 fonts, info, 3 × (page, content)"
        );
        for (i, line) in entries.into_iter().enumerate() {
            let off: usize = line[..10].parse().unwrap();
            let head = format!("{} 0 obj", i + 1);
            assert_eq!(&pdf[off..off + head.len()], head.as_bytes());
        }
        assert!(
            pdf.windows(3).any(|w| w == [b'd', b'\'', 0x9c]),
            "’ and œ in WinAnsi"
        );
    }
}
