//! Reading an XLSForm workbook into a [`Form`] (see the module docs for the
//! supported subset).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::{
    Choice, Expr, Form, FormError, FormErrors, Group, Item, METADATA_TYPES, Question, QuestionType, Required,
    Translated,
};

/// One sheet as trimmed strings: parsed headers and the non-empty rows with
/// their spreadsheet row numbers.
struct Sheet {
    /// (base column name in lower case, language part if any)
    headers: Vec<(String, Option<String>)>,
    /// Original header texts.
    raw_headers: Vec<String>,
    rows: Vec<(u32, Vec<String>)>,
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// Splits `label::Arabic (ar)` into `("label", Some("ar"))`, `label::ar`
/// into `("label", Some("ar"))` and `label` into `("label", None)`.
fn split_header(h: &str) -> (String, Option<String>) {
    let Some((base, lang)) = h.split_once("::") else {
        return (h.trim().to_lowercase(), None);
    };
    let lang = lang.trim();
    let code = match (lang.rfind('('), lang.ends_with(')')) {
        (Some(open), true) => lang[open + 1..lang.len() - 1].trim(),
        _ => lang,
    };
    (base.trim().to_lowercase(), Some(code.to_string()))
}

fn read_sheet(wb: &mut Xlsx<Cursor<&[u8]>>, name: &'static str, errs: &mut Vec<FormError>) -> Option<Sheet> {
    let actual = wb.sheet_names().into_iter().find(|s| s.trim().eq_ignore_ascii_case(name))?;
    let range = match wb.worksheet_range(&actual) {
        Ok(r) => r,
        Err(e) => {
            errs.push(FormError { sheet: name.into(), row: None, message: format!("cannot read the sheet: {e}") });
            return None;
        }
    };
    let first_row = range.start().map_or(0, |(r, _)| r) + 1;
    let mut rows = range.rows().enumerate();
    let raw_headers: Vec<String> = rows.next().map(|(_, r)| r.iter().map(cell_text).collect()).unwrap_or_default();
    let headers = raw_headers.iter().map(|h| split_header(h)).collect();
    let rows = rows
        .filter_map(|(i, r)| {
            let cells: Vec<String> = r.iter().map(cell_text).collect();
            let row = first_row + u32::try_from(i).unwrap_or(u32::MAX - first_row);
            cells.iter().any(|c| !c.is_empty()).then_some((row, cells))
        })
        .collect();
    Some(Sheet { headers, raw_headers, rows })
}

/// Reads cells of one row by column name.
struct Row<'a> {
    sheet: &'a Sheet,
    cells: &'a [String],
    /// Language of columns without one.
    default_lang: &'a str,
}

impl Row<'_> {
    /// The first non-empty untranslated column among `names`.
    fn get(&self, names: &[&str]) -> Option<&str> {
        self.sheet.headers.iter().zip(self.cells).find_map(|((base, lang), v)| {
            (lang.is_none() && names.contains(&base.as_str()) && !v.is_empty()).then_some(v.as_str())
        })
    }

    /// All non-empty columns among `names`, by language.
    fn translated(&self, names: &[&str], langs: &mut BTreeSet<String>) -> Translated {
        let mut out = Translated::new();
        for ((base, lang), v) in self.sheet.headers.iter().zip(self.cells) {
            if names.contains(&base.as_str()) && !v.is_empty() {
                let lang = lang.as_deref().unwrap_or(self.default_lang).to_string();
                langs.insert(lang.clone());
                out.entry(lang).or_insert_with(|| v.clone());
            }
        }
        out
    }
}

/// Collects errors while reading.
struct Ctx {
    errs: Vec<FormError>,
    langs: BTreeSet<String>,
}

impl Ctx {
    fn err(&mut self, sheet: &str, row: u32, message: String) {
        self.errs.push(FormError { sheet: sheet.into(), row: Some(row), message });
    }

    fn expr(&mut self, row: u32, column: &str, text: Option<&str>) -> Option<Expr> {
        match Expr::parse(text?) {
            Ok(e) => Some(e),
            Err(e) => {
                let text = text.unwrap_or_default();
                let shown: String = text.chars().take(80).collect();
                let more = if shown.len() < text.len() { "…" } else { "" };
                self.err("survey", row, format!("{column} '{shown}{more}' does not parse: {e}"));
                None
            }
        }
    }
}

fn valid_name(n: &str) -> bool {
    let mut chars = n.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

enum RowType {
    Begin,
    End,
    Question(QuestionType),
    Metadata(String),
}

fn row_type(t: &str) -> Result<RowType, String> {
    let words: Vec<&str> = t.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let lw: Vec<&str> = lower.iter().map(String::as_str).collect();
    let select = |rest: &[&str], multi: bool| match rest {
        [list] => Ok(RowType::Question(if multi {
            QuestionType::SelectMultiple((*list).to_string())
        } else {
            QuestionType::SelectOne((*list).to_string())
        })),
        [] => Err(format!("type '{t}' names no choice list")),
        _ => Err(format!("unsupported type '{t}' (only 'select_one LIST' / 'select_multiple LIST')")),
    };
    Ok(match lw.as_slice() {
        ["begin_group"] | ["begin", "group"] => RowType::Begin,
        ["end_group"] | ["end", "group"] => RowType::End,
        ["select_one", ..] => return select(&words[1..], false),
        ["select", "one", ..] => return select(&words[2..], false),
        ["select_multiple", ..] => return select(&words[1..], true),
        ["select", "multiple", ..] => return select(&words[2..], true),
        ["integer"] | ["int"] => RowType::Question(QuestionType::Integer),
        ["decimal"] => RowType::Question(QuestionType::Decimal),
        ["text"] | ["string"] => RowType::Question(QuestionType::Text),
        ["date"] => RowType::Question(QuestionType::Date),
        ["geopoint"] => RowType::Question(QuestionType::Geopoint),
        ["note"] => RowType::Question(QuestionType::Note),
        [m] if METADATA_TYPES.contains(m) => RowType::Metadata((*m).to_string()),
        ["begin_repeat"] | ["begin", "repeat"] | ["end_repeat"] | ["end", "repeat"] => {
            return Err(format!("unsupported type '{t}': repeats are not supported"));
        }
        _ => return Err(format!("unsupported type '{t}'")),
    })
}

fn parse_required(text: Option<&str>, row: u32, ctx: &mut Ctx) -> Required {
    let Some(t) = text else { return Required::No };
    match t.to_lowercase().as_str() {
        "yes" | "true" | "true()" | "1" => Required::Yes,
        "no" | "false" | "false()" | "0" => Required::No,
        _ => ctx.expr(row, "required", Some(t)).map_or(Required::No, Required::When),
    }
}

/// A yes/no column: blank is no.
fn parse_flag(text: Option<&str>, row: u32, ctx: &mut Ctx) -> bool {
    match text.map(str::to_lowercase).as_deref() {
        None | Some("" | "no" | "false" | "0") => false,
        Some("yes" | "true" | "1") => true,
        Some(other) => {
            ctx.err("survey", row, format!("interviewer_only must be yes or no, not '{other}'"));
            false
        }
    }
}

/// What a name denotes, for checking references.
enum NameKind {
    Question,
    Group,
    Metadata,
}

/// An expression whose references are checked once all names are known.
struct Pending {
    row: u32,
    column: &'static str,
    expr: Expr,
    /// The list filtered, for `choice_filter`.
    list: Option<String>,
}

/// Parses an XLSForm `.xlsx` workbook given as bytes. Either the whole form
/// or every problem found (see the module docs).
/// The most an uploaded workbook may unpack to: a form is a few sheets of
/// text, and a small zip can expand to gigabytes.
pub const MAX_UNPACKED_BYTES: u64 = 32 * 1024 * 1024;
/// The largest workbook file read (the item bank takes 30 kB).
pub const MAX_WORKBOOK_BYTES: usize = 16 << 20;
/// The most parts (files) a workbook may hold.
pub const MAX_PARTS: usize = 1000;

/// Refuses a workbook whose parts would unpack past the limits, reading only
/// the sizes its zip directory declares (the reader never yields more than
/// an entry declares).
fn check_unpacked_size(bytes: &[u8]) -> Result<(), String> {
    if bytes.len() > MAX_WORKBOOK_BYTES {
        return Err(format!("the workbook is {} bytes (at most {MAX_WORKBOOK_BYTES})", bytes.len()));
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not an .xlsx workbook: {e}"))?;
    if archive.len() > MAX_PARTS {
        return Err(format!("the workbook holds {} parts (at most {MAX_PARTS})", archive.len()));
    }
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let part = archive.by_index_raw(index).map_err(|e| format!("not an .xlsx workbook: {e}"))?;
        total = total.saturating_add(part.size());
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(format!("the workbook unpacks to {total} bytes (at most {MAX_UNPACKED_BYTES})"));
    }
    Ok(())
}

pub fn parse_xlsform(bytes: &[u8]) -> Result<Form, FormErrors> {
    check_unpacked_size(bytes)
        .map_err(|message| FormErrors(vec![FormError { sheet: String::new(), row: None, message }]))?;
    let mut wb = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        FormErrors(vec![FormError { sheet: String::new(), row: None, message: format!("not an .xlsx workbook: {e}") }])
    })?;
    let mut ctx = Ctx { errs: Vec::new(), langs: BTreeSet::new() };
    let survey = read_sheet(&mut wb, "survey", &mut ctx.errs);
    let choices_sheet = read_sheet(&mut wb, "choices", &mut ctx.errs);
    let settings = read_sheet(&mut wb, "settings", &mut ctx.errs);

    let setting = |key: &str| {
        let s = settings.as_ref()?;
        let (_, cells) = s.rows.first()?;
        let row = Row { sheet: s, cells, default_lang: "" };
        row.get(&[key]).map(str::to_string)
    };
    let id = setting("form_id");
    let default_language = setting("default_language");
    let default_lang = default_language.clone().unwrap_or_else(|| "default".into());
    if id.is_none() {
        ctx.errs.push(FormError { sheet: "settings".into(), row: None, message: "form_id is required".into() });
    }

    let choices = choices_sheet.as_ref().map(|s| read_choices(s, &default_lang, &mut ctx)).unwrap_or_default();

    let mut names: BTreeMap<String, (u32, NameKind)> = BTreeMap::new();
    let mut pending = Vec::new();
    let mut metadata = Vec::new();
    let mut root: Vec<Item> = Vec::new();
    let mut stack: Vec<Group> = Vec::new();
    match &survey {
        None => ctx.errs.push(FormError {
            sheet: String::new(),
            row: None,
            message: "the workbook has no 'survey' sheet".into(),
        }),
        Some(s) => {
            for col in ["type", "name"] {
                if !s.headers.iter().any(|(b, l)| b == col && l.is_none()) {
                    ctx.errs.push(FormError {
                        sheet: "survey".into(),
                        row: Some(1),
                        message: format!("no '{col}' column"),
                    });
                }
            }
            for (row, cells) in &s.rows {
                let (row, r) = (*row, Row { sheet: s, cells, default_lang: &default_lang });
                let Some(ty) = r.get(&["type"]) else {
                    if r.get(&["name"]).is_some() || !r.translated(&["label"], &mut BTreeSet::new()).is_empty() {
                        ctx.err("survey", row, "row has a name or label but no type".into());
                    }
                    continue;
                };
                let kind = match row_type(ty) {
                    Ok(k) => k,
                    Err(e) => {
                        ctx.err("survey", row, e);
                        continue;
                    }
                };
                if let RowType::End = kind {
                    match stack.pop() {
                        Some(g) => stack.last_mut().map_or(&mut root, |p| &mut p.items).push(Item::Group(g)),
                        None => ctx.err("survey", row, "end_group without a matching begin_group".into()),
                    }
                    continue;
                }
                let name = r.get(&["name"]).unwrap_or_default().to_string();
                if name.is_empty() {
                    ctx.err("survey", row, format!("'{ty}' row has no name"));
                } else if !valid_name(&name) {
                    ctx.err(
                        "survey",
                        row,
                        format!("invalid name '{name}' (letters, digits, _ - . ; not starting with a digit)"),
                    );
                }
                let name_kind = match &kind {
                    RowType::Question(_) => NameKind::Question,
                    RowType::Metadata(_) => NameKind::Metadata,
                    _ => NameKind::Group,
                };
                if !name.is_empty() {
                    if let Some((first, _)) = names.get(&name) {
                        ctx.err("survey", row, format!("duplicate name '{name}' (first used on row {first})"));
                    } else {
                        names.insert(name.clone(), (row, name_kind));
                    }
                }
                let label = r.translated(&["label"], &mut ctx.langs);
                let relevant = ctx.expr(row, "relevant", r.get(&["relevant"]));
                if let Some(e) = &relevant {
                    pending.push(Pending { row, column: "relevant", expr: e.clone(), list: None });
                }
                match kind {
                    RowType::End => {}
                    RowType::Metadata(t) => metadata.push((name, t)),
                    RowType::Begin => stack.push(Group {
                        name,
                        label,
                        relevant,
                        appearance: r.get(&["appearance"]).map(str::to_string),
                        items: Vec::new(),
                        row,
                    }),
                    RowType::Question(qt) => {
                        let q = read_question(&r, row, name, qt, label, relevant, &choices, &mut ctx, &mut pending);
                        stack.last_mut().map_or(&mut root, |p| &mut p.items).push(Item::Question(q));
                    }
                }
            }
        }
    }
    for g in &stack {
        ctx.err("survey", g.row, format!("begin_group '{}' is never closed by end_group", g.name));
    }
    check_refs(&pending, &names, &choices, &mut ctx);
    if !ctx.errs.is_empty() {
        ctx.errs.sort_by(|a, b| (&a.sheet, a.row).cmp(&(&b.sheet, b.row)));
        return Err(FormErrors(ctx.errs));
    }
    let id = id.unwrap_or_default();
    Ok(Form {
        title: setting("form_title").unwrap_or_else(|| id.clone()),
        id,
        version: setting("version"),
        default_language,
        languages: ctx.langs,
        items: root,
        choices,
        metadata,
    })
}

#[allow(clippy::too_many_arguments)]
fn read_question(
    r: &Row<'_>,
    row: u32,
    name: String,
    kind: QuestionType,
    label: Translated,
    relevant: Option<Expr>,
    choices: &BTreeMap<String, Vec<Choice>>,
    ctx: &mut Ctx,
    pending: &mut Vec<Pending>,
) -> Question {
    if label.is_empty() {
        ctx.err("survey", row, format!("question '{name}' has no label"));
    }
    let list = match &kind {
        QuestionType::SelectOne(l) | QuestionType::SelectMultiple(l) => Some(l.clone()),
        _ => None,
    };
    if let Some(l) = &list
        && !choices.contains_key(l)
    {
        ctx.err("survey", row, format!("select list '{l}' does not exist in the choices sheet"));
    }
    let required = parse_required(r.get(&["required"]), row, ctx);
    if let Required::When(e) = &required {
        pending.push(Pending { row, column: "required", expr: e.clone(), list: None });
    }
    let constraint = ctx.expr(row, "constraint", r.get(&["constraint"]));
    if let Some(e) = &constraint {
        pending.push(Pending { row, column: "constraint", expr: e.clone(), list: None });
    }
    let choice_filter = ctx.expr(row, "choice_filter", r.get(&["choice_filter"]));
    if let Some(e) = &choice_filter {
        if list.is_none() {
            ctx.err("survey", row, "choice_filter on a question that is not a select".into());
        }
        pending.push(Pending { row, column: "choice_filter", expr: e.clone(), list: list.clone() });
    }
    Question {
        name,
        kind,
        label,
        hint: r.translated(&["hint"], &mut ctx.langs),
        required,
        required_message: r.translated(&["required_message", "required message", "jr:requiredmsg"], &mut ctx.langs),
        relevant,
        constraint,
        constraint_message: r
            .translated(&["constraint_message", "constraint message", "jr:constraintmsg"], &mut ctx.langs),
        choice_filter,
        appearance: r.get(&["appearance"]).map(str::to_string),
        default: r.get(&["default"]).map(str::to_string),
        interviewer_only: parse_flag(r.get(&["interviewer_only"]), row, ctx),
        row,
    }
}

fn read_choices(s: &Sheet, default_lang: &str, ctx: &mut Ctx) -> BTreeMap<String, Vec<Choice>> {
    const KNOWN: &[&str] = &["list_name", "list name", "name", "label", "media", "image", "audio", "video"];
    let mut out: BTreeMap<String, Vec<Choice>> = BTreeMap::new();
    let mut first_row: BTreeMap<(String, String), u32> = BTreeMap::new();
    for (row, cells) in &s.rows {
        let (row, r) = (*row, Row { sheet: s, cells, default_lang });
        let list = r.get(&["list_name", "list name"]).unwrap_or_default().to_string();
        let name = r.get(&["name"]).unwrap_or_default().to_string();
        if list.is_empty() || name.is_empty() {
            ctx.err("choices", row, "choice row needs both list_name and name".into());
            continue;
        }
        if let Some(first) = first_row.insert((list.clone(), name.clone()), row) {
            ctx.err("choices", row, format!("duplicate choice '{name}' in list '{list}' (first on row {first})"));
            continue;
        }
        let label = r.translated(&["label"], &mut ctx.langs);
        if label.is_empty() {
            ctx.err("choices", row, format!("choice '{name}' of list '{list}' has no label"));
        }
        let columns = s
            .headers
            .iter()
            .zip(&s.raw_headers)
            .zip(cells)
            .filter(|(((base, lang), raw), v)| {
                lang.is_none() && !KNOWN.contains(&base.as_str()) && !raw.is_empty() && !v.is_empty()
            })
            .map(|((_, raw), v)| (raw.trim().to_string(), v.clone()))
            .collect();
        out.entry(list).or_default().push(Choice { name, label, columns });
    }
    out
}

fn check_refs(
    pending: &[Pending],
    names: &BTreeMap<String, (u32, NameKind)>,
    choices: &BTreeMap<String, Vec<Choice>>,
    ctx: &mut Ctx,
) {
    for p in pending {
        for f in p.expr.field_refs() {
            let problem = match names.get(&f) {
                None => "refers to no field",
                Some((_, NameKind::Group)) => "refers to a group, not a question",
                Some((_, NameKind::Metadata)) => "refers to a metadata field, which the server does not evaluate",
                Some((_, NameKind::Question)) => continue,
            };
            ctx.err("survey", p.row, format!("${{{f}}} in {} {problem}", p.column));
        }
        for c in p.expr.column_refs() {
            let known = match (&p.list, p.column) {
                (Some(list), "choice_filter") => {
                    c == "name" || choices.get(list).is_some_and(|cs| cs.iter().any(|ch| ch.columns.contains_key(&c)))
                }
                _ => {
                    ctx.err("survey", p.row, format!("bare name '{c}' in {}: write ${{{c}}}", p.column));
                    continue;
                }
            };
            if !known {
                ctx.err("survey", p.row, format!("choice_filter uses '{c}', which is not a column of the list"));
            }
        }
    }
}
