//! A minimal .xlsx writer for fixtures: inline-string cells only.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn col_name(mut i: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, (b'A' + (i % 26) as u8) as char);
        if i < 26 {
            return s;
        }
        i = i / 26 - 1;
    }
}

fn sheet_xml(rows: &[Vec<&str>]) -> String {
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        x += &format!(r#"<row r="{}">"#, r + 1);
        for (c, v) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            x += &format!(r#"<c r="{}{}" t="inlineStr"><is><t>{}</t></is></c>"#, col_name(c), r + 1, esc(v));
        }
        x += "</row>";
    }
    x + "</sheetData></worksheet>"
}

/// Builds a workbook from (sheet name, rows of cells); "" is an empty cell.
pub fn workbook(sheets: &[(&str, Vec<Vec<&str>>)]) -> Vec<u8> {
    let mut zw = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default();
    let mut put = |name: &str, body: String| {
        zw.start_file(name, opts).unwrap();
        zw.write_all(body.as_bytes()).unwrap();
    };
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    );
    let mut wb = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, (name, rows)) in sheets.iter().enumerate() {
        let n = i + 1;
        types += &format!(
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        );
        wb += &format!(r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#, esc(name));
        rels += &format!(
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        );
        put(&format!("xl/worksheets/sheet{n}.xml"), sheet_xml(rows));
    }
    put("[Content_Types].xml", types + "</Types>");
    put(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
    );
    put("xl/workbook.xml", wb + "</sheets></workbook>");
    put("xl/_rels/workbook.xml.rels", rels + "</Relationships>");
    zw.finish().unwrap().into_inner()
}

/// A settings sheet with `form_id` = `id`.
pub fn settings(id: &str) -> (&'static str, Vec<Vec<&str>>) {
    ("settings", vec![vec!["form_id", "form_title", "default_language"], vec![id, "Test", "en"]])
}
