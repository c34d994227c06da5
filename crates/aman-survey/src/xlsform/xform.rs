//! A [`Form`] as an ODK XForm (<https://getodk.github.io/xforms-spec/>), the
//! document ODK Collect, KoboCollect and Enketo download and fill in (what
//! they send back is read in `instance.rs`).
//!
//! The XForm carries what the server checks: types, `required` (with its
//! message), `relevant`, `constraint` (with its message), choice filters
//! (as an itemset over a secondary instance) and every translation of
//! labels, hints and messages. The instance holds each question under its
//! group's element, and `meta/instanceID`, which the device fills with a
//! UUID: a submission sent twice has the same one.

use std::collections::{BTreeMap, BTreeSet};
use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesText, Event};

use super::expr::{BinOp, Func, Node};
use super::{Expr, Form, Item, Question, QuestionType, Required, Translated};

/// The instance's root element; its `id` attribute names the form.
const ROOT: &str = "data";

/// The language a translation is shown as on the device: the code with its
/// own name, as pyxform writes `Language (code)`.
fn language_label(code: &str) -> String {
    match code {
        "ar" => "العربية (ar)".to_owned(),
        "ckb" => "کوردیی ناوەندی (ckb)".to_owned(),
        "kmr" => "Kurmancî (kmr)".to_owned(),
        "en" => "English (en)".to_owned(),
        other => other.to_owned(),
    }
}

/// Writes the form as an XForm document.
pub fn to_xform(form: &Form) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 1);
    // Writing to memory cannot fail.
    write_form(&mut writer, form).expect("writing to memory");
    String::from_utf8(writer.into_inner()).expect("the writer writes UTF-8 text")
}

/// Every question's and group's absolute path in the instance.
fn paths(items: &[Item], parent: &str, out: &mut BTreeMap<String, String>) {
    for item in items {
        match item {
            Item::Question(q) => {
                out.insert(q.name.clone(), format!("{parent}/{}", q.name));
            }
            Item::Group(g) => {
                let path = format!("{parent}/{}", g.name);
                paths(&g.items, &path, out);
                out.insert(g.name.clone(), path);
            }
        }
    }
}

/// The lists shown through a choice filter: these are written as secondary
/// instances and chosen from with an itemset.
fn filtered_lists(form: &Form) -> BTreeSet<String> {
    form.questions()
        .into_iter()
        .filter(|q| q.choice_filter.is_some())
        .filter_map(|q| q.list_name().map(str::to_owned))
        .collect()
}

/// The texts of the form by language, each by its itext id.
struct Texts {
    languages: Vec<String>,
    by_id: BTreeMap<String, Translated>,
}

impl Texts {
    fn add(&mut self, id: String, text: &Translated) -> Option<String> {
        if text.is_empty() {
            return None;
        }
        let reference = format!("jr:itext('{id}')");
        self.by_id.insert(id, text.clone());
        Some(reference)
    }

    /// A text in one language, or else in the first language it has.
    fn get<'a>(text: &'a Translated, language: &str) -> &'a str {
        text.get(language).or_else(|| text.values().next()).map(String::as_str).unwrap_or("")
    }
}

fn write_form<W: io::Write>(w: &mut Writer<W>, form: &Form) -> io::Result<()> {
    let mut path_of = BTreeMap::new();
    paths(&form.items, &format!("/{ROOT}"), &mut path_of);
    let default = form
        .default_language
        .clone()
        .filter(|l| form.languages.contains(l))
        .or_else(|| form.languages.contains("ar").then(|| "ar".to_owned()))
        .or_else(|| form.languages.iter().next().cloned())
        .unwrap_or_else(|| "default".to_owned());
    let mut languages = vec![default.clone()];
    languages.extend(form.languages.iter().filter(|l| **l != default).cloned());
    let mut texts = Texts { languages, by_id: BTreeMap::new() };
    let filtered = filtered_lists(form);

    // The body first, into its own buffer: it names the texts the model holds.
    let mut body = Writer::new_with_indent(Vec::new(), b' ', 1);
    body.create_element("h:body").write_inner_content(|b| write_items(b, form, &form.items, &path_of, &mut texts))?;
    let mut binds = Vec::new();
    collect_binds(form, &form.items, &path_of, &mut texts, &mut binds);
    for (list, choices) in &form.choices {
        if filtered.contains(list) {
            for (i, choice) in choices.iter().enumerate() {
                texts.add(format!("{list}-{i}"), &choice.label);
            }
        }
    }

    w.write_event(Event::Decl(quick_xml::events::BytesDecl::new("1.0", Some("utf-8"), None)))?;
    w.create_element("h:html")
        .with_attributes([
            ("xmlns", "http://www.w3.org/2002/xforms"),
            ("xmlns:h", "http://www.w3.org/1999/xhtml"),
            ("xmlns:jr", "http://openrosa.org/javarosa"),
            ("xmlns:orx", "http://openrosa.org/xforms"),
            ("xmlns:odk", "http://www.opendatakit.org/xforms"),
        ])
        .write_inner_content(|w| {
            w.create_element("h:head").write_inner_content(|w| {
                w.create_element("h:title").write_text_content(BytesText::new(&form.title))?;
                w.create_element("model").with_attribute(("odk:xforms-version", "1.0.0")).write_inner_content(|w| {
                    write_itext(w, &texts)?;
                    write_primary_instance(w, form)?;
                    for list in &filtered {
                        write_list_instance(w, form, list)?;
                    }
                    for bind in &binds {
                        w.create_element("bind")
                            .with_attributes(bind.iter().map(|(k, v)| (*k, v.as_str())))
                            .write_empty()?;
                    }
                    Ok(())
                })?;
                Ok(())
            })?;
            w.write_indent()?;
            w.get_mut().write_all(&body.into_inner())
        })?;
    Ok(())
}

fn write_itext<W: io::Write>(w: &mut Writer<W>, texts: &Texts) -> io::Result<()> {
    if texts.by_id.is_empty() {
        return Ok(());
    }
    w.create_element("itext").write_inner_content(|w| {
        for (i, language) in texts.languages.iter().enumerate() {
            let label = language_label(language);
            let mut translation = w.create_element("translation").with_attribute(("lang", label.as_str()));
            if i == 0 {
                translation = translation.with_attribute(("default", "true()"));
            }
            translation.write_inner_content(|w| {
                for (id, text) in &texts.by_id {
                    w.create_element("text").with_attribute(("id", id.as_str())).write_inner_content(|w| {
                        w.create_element("value").write_text_content(BytesText::new(Texts::get(text, language)))?;
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        }
        Ok(())
    })?;
    Ok(())
}

fn write_primary_instance<W: io::Write>(w: &mut Writer<W>, form: &Form) -> io::Result<()> {
    fn nodes<W: io::Write>(w: &mut Writer<W>, items: &[Item]) -> io::Result<()> {
        for item in items {
            match item {
                Item::Question(q) => match &q.default {
                    Some(value) => {
                        w.create_element(q.name.as_str()).write_text_content(BytesText::new(value))?;
                    }
                    None => {
                        w.create_element(q.name.as_str()).write_empty()?;
                    }
                },
                Item::Group(g) => {
                    w.create_element(g.name.as_str()).write_inner_content(|w| nodes(w, &g.items))?;
                }
            }
        }
        Ok(())
    }
    w.create_element("instance").write_inner_content(|w| {
        let mut root = w.create_element(ROOT).with_attribute(("id", form.id.as_str()));
        if let Some(version) = &form.version {
            root = root.with_attribute(("version", version.as_str()));
        }
        root.write_inner_content(|w| {
            nodes(w, &form.items)?;
            w.create_element("meta").write_inner_content(|w| {
                w.create_element("instanceID").write_empty()?;
                Ok(())
            })?;
            Ok(())
        })?;
        Ok(())
    })?;
    Ok(())
}

/// A choice list as a secondary instance: each item its name, its text's
/// id, and the extra columns its filters read.
fn write_list_instance<W: io::Write>(w: &mut Writer<W>, form: &Form, list: &str) -> io::Result<()> {
    let choices = form.choices.get(list).map(Vec::as_slice).unwrap_or_default();
    w.create_element("instance").with_attribute(("id", list)).write_inner_content(|w| {
        w.create_element("root").write_inner_content(|w| {
            for (i, choice) in choices.iter().enumerate() {
                w.create_element("item").write_inner_content(|w| {
                    w.create_element("name").write_text_content(BytesText::new(&choice.name))?;
                    w.create_element("itextId").write_text_content(BytesText::new(&format!("{list}-{i}")))?;
                    for (column, value) in choice.columns.iter().filter(|(c, _)| is_xml_name(c)) {
                        w.create_element(column.as_str()).write_text_content(BytesText::new(value))?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
        Ok(())
    })?;
    Ok(())
}

/// Whether `name` can be an element name (the ASCII subset XLSForm names use).
fn is_xml_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && !name.to_ascii_lowercase().starts_with("xml")
}

type Bind = Vec<(&'static str, String)>;

fn bind_type(kind: &QuestionType) -> &'static str {
    match kind {
        QuestionType::Integer => "int",
        QuestionType::Decimal => "decimal",
        QuestionType::Date => "date",
        QuestionType::Geopoint => "geopoint",
        QuestionType::Image => "binary",
        QuestionType::SelectOne(_) | QuestionType::SelectMultiple(_) | QuestionType::Text | QuestionType::Note => {
            "string"
        }
    }
}

fn collect_binds(
    form: &Form,
    items: &[Item],
    path_of: &BTreeMap<String, String>,
    texts: &mut Texts,
    out: &mut Vec<Bind>,
) {
    let xpath = |e: &Expr| xpath(&e.node, path_of);
    for item in items {
        match item {
            Item::Group(g) => {
                if let Some(relevant) = &g.relevant {
                    out.push(vec![("nodeset", path_of[&g.name].clone()), ("relevant", xpath(relevant))]);
                }
                collect_binds(form, &g.items, path_of, texts, out);
            }
            Item::Question(q) => {
                let path = path_of[&q.name].clone();
                let mut bind: Bind = vec![("nodeset", path.clone()), ("type", bind_type(&q.kind).to_owned())];
                match &q.required {
                    Required::No => {}
                    Required::Yes => bind.push(("required", "true()".to_owned())),
                    Required::When(e) => bind.push(("required", xpath(e))),
                }
                if let Some(message) = texts.add(format!("{path}:requiredMsg"), &q.required_message) {
                    bind.push(("jr:requiredMsg", message));
                }
                if let Some(relevant) = &q.relevant {
                    bind.push(("relevant", xpath(relevant)));
                }
                if let Some(constraint) = &q.constraint {
                    bind.push(("constraint", xpath(constraint)));
                }
                if let Some(message) = texts.add(format!("{path}:constraintMsg"), &q.constraint_message) {
                    bind.push(("jr:constraintMsg", message));
                }
                if q.kind == QuestionType::Note {
                    bind.push(("readonly", "true()".to_owned()));
                }
                out.push(bind);
            }
        }
    }
    if items.as_ptr() == form.items.as_ptr() {
        out.push(vec![
            ("nodeset", format!("/{ROOT}/meta/instanceID")),
            ("type", "string".to_owned()),
            ("readonly", "true()".to_owned()),
            ("jr:preload", "uid".to_owned()),
        ]);
    }
}

fn write_items<W: io::Write>(
    w: &mut Writer<W>,
    form: &Form,
    items: &[Item],
    path_of: &BTreeMap<String, String>,
    texts: &mut Texts,
) -> io::Result<()> {
    for item in items {
        match item {
            Item::Group(g) => {
                let path = path_of[&g.name].clone();
                let label = texts.add(format!("{path}:label"), &g.label);
                let mut element = w.create_element("group").with_attribute(("ref", path.as_str()));
                if let Some(appearance) = &g.appearance {
                    element = element.with_attribute(("appearance", appearance.as_str()));
                }
                element.write_inner_content(|w| {
                    if let Some(label) = &label {
                        w.create_element("label").with_attribute(("ref", label.as_str())).write_empty()?;
                    }
                    write_items(w, form, &g.items, path_of, texts)
                })?;
            }
            Item::Question(q) => write_control(w, form, q, path_of, texts)?,
        }
    }
    Ok(())
}

fn write_control<W: io::Write>(
    w: &mut Writer<W>,
    form: &Form,
    q: &Question,
    path_of: &BTreeMap<String, String>,
    texts: &mut Texts,
) -> io::Result<()> {
    let path = path_of[&q.name].clone();
    let tag = match q.kind {
        QuestionType::SelectOne(_) => "select1",
        QuestionType::SelectMultiple(_) => "select",
        QuestionType::Image => "upload",
        _ => "input",
    };
    let label = texts.add(format!("{path}:label"), &q.label);
    let hint = texts.add(format!("{path}:hint"), &q.hint);
    let mut element = w.create_element(tag).with_attribute(("ref", path.as_str()));
    if q.kind == QuestionType::Image {
        element = element.with_attribute(("mediatype", "image/*"));
    }
    if let Some(appearance) = &q.appearance {
        element = element.with_attribute(("appearance", appearance.as_str()));
    }
    element.write_inner_content(|w| {
        for (tag, reference) in [("label", &label), ("hint", &hint)] {
            if let Some(reference) = reference {
                w.create_element(tag).with_attribute(("ref", reference.as_str())).write_empty()?;
            }
        }
        let Some(list) = q.list_name() else { return Ok(()) };
        if let Some(filter) = &q.choice_filter {
            let nodeset = format!("instance('{list}')/root/item[{}]", xpath(&filter.node, path_of));
            return w
                .create_element("itemset")
                .with_attribute(("nodeset", nodeset.as_str()))
                .write_inner_content(|w| {
                    w.create_element("value").with_attribute(("ref", "name")).write_empty()?;
                    w.create_element("label").with_attribute(("ref", "jr:itext(itextId)")).write_empty()?;
                    Ok(())
                })
                .map(|_| ());
        }
        for choice in form.choices.get(list).map(Vec::as_slice).unwrap_or_default() {
            let label = texts.add(format!("{path}/{}:label", choice.name), &choice.label);
            w.create_element("item").write_inner_content(|w| {
                if let Some(label) = &label {
                    w.create_element("label").with_attribute(("ref", label.as_str())).write_empty()?;
                }
                w.create_element("value").write_text_content(BytesText::new(&choice.name))?;
                Ok(())
            })?;
        }
        Ok(())
    })?;
    Ok(())
}

/// An XPath string literal (XPath 1.0 has no escapes: a text holding both
/// quotes is joined with `concat`).
fn literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

/// An expression as XPath: `${name}` becomes the question's path, `.` the
/// answer itself, bare names the filtered item's columns; every operation is
/// bracketed, so precedence is XPath's no matter how it was written.
fn xpath(node: &Node, path_of: &BTreeMap<String, String>) -> String {
    let go = |n: &Node| xpath(n, path_of);
    match node {
        Node::Num(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        Node::Num(n) => format!("{n}"),
        Node::Str(s) => literal(s),
        Node::Field(name) => path_of.get(name).cloned().unwrap_or_else(|| format!("/{ROOT}/{name}")),
        Node::Current => ".".to_owned(),
        Node::Column(c) => c.clone(),
        Node::Neg(a) => format!("-({})", go(a)),
        Node::Bin(op, a, b) => {
            let op = match op {
                BinOp::Or => "or",
                BinOp::And => "and",
                BinOp::Eq => "=",
                BinOp::Ne => "!=",
                BinOp::Lt => "<",
                BinOp::Le => "<=",
                BinOp::Gt => ">",
                BinOp::Ge => ">=",
                BinOp::Add => "+",
                BinOp::Sub => "-",
                BinOp::Mul => "*",
                BinOp::Div => "div",
                BinOp::Mod => "mod",
            };
            format!("({} {op} {})", go(a), go(b))
        }
        Node::Call(func, args) => {
            let name = match func {
                Func::Not => "not",
                Func::Selected => "selected",
                Func::CountSelected => "count-selected",
                Func::StringLength => "string-length",
                Func::Today => "today",
                Func::Int => "int",
                Func::Number => "number",
                Func::Str => "string",
                Func::Coalesce => "coalesce",
                Func::If => "if",
                Func::Concat => "concat",
                Func::Contains => "contains",
                Func::True => "true",
                Func::False => "false",
            };
            let args: Vec<String> = args.iter().map(go).collect();
            format!("{name}({})", args.join(", "))
        }
        Node::Regex(subject, pattern) => format!("regex({}, {})", go(subject), literal(pattern.as_str())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x(source: &str) -> String {
        let paths: BTreeMap<String, String> =
            [("age", "/data/person/age"), ("kinds", "/data/kinds")].map(|(k, v)| (k.into(), v.into())).into();
        xpath(&Expr::parse(source).unwrap().node, &paths)
    }

    #[test]
    fn expressions_become_xpath_over_the_instance() {
        assert_eq!(
            x("${age} >= 18 and selected(${kinds}, 'crime')"),
            "((/data/person/age >= 18) and selected(/data/kinds, 'crime'))"
        );
        assert_eq!(x(". > 0 or -${age} < 2.5"), "((. > 0) or (-(/data/person/age) < 2.5))");
        assert_eq!(x("1 + 2 * 3"), "(1 + (2 * 3))", "precedence is kept by brackets");
        assert_eq!(x("adm1 = ${age}"), "(adm1 = /data/person/age)", "bare names are the item's columns");
        assert_eq!(x("regex(., '^[0-9]{4}$')"), "regex(., '^[0-9]{4}$')");
        assert_eq!(x("count-selected(${kinds}) div 2 mod 3"), "((count-selected(/data/kinds) div 2) mod 3)");
    }

    #[test]
    fn literals_survive_any_quote() {
        assert_eq!(literal("plain"), "'plain'");
        assert_eq!(literal("it's"), "\"it's\"");
        assert_eq!(literal(r#"it's "x""#), r#"concat('it', "'", 's "x"')"#);
    }
}
