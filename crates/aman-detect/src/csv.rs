//! Pure CSV front end for `aman alerts detect`.
//!
//! Input: a header line naming the columns `series`, `date` and `count` (any
//! order, extra columns ignored), then one row per series and date. Dates
//! are ISO `YYYY-MM-DD`; rows may come in any order but each series must be
//! gap-free (consecutive days, or weeks 7 days apart) without duplicates.
//! Fields are separated by commas and trimmed; a field may be wrapped in
//! double quotes to contain commas, line breaks or quotes (doubled: `""`), as
//! in RFC 4180.
//!
//! Output: `series,date,count,expected,threshold,score,alarm`, series in
//! order of first appearance, dates ascending; empty cells where a value
//! cannot be computed; a series name is quoted only when it must be.

use std::collections::HashMap;
use std::fmt;

use ::csv::{Position, ReaderBuilder, StringRecord, Trim, WriterBuilder};
use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::{Frequency, Method, default_range, detect};

/// An input problem, with the 1-based line number it was found on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// 1-based line number (1 = header).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for InputError {}

fn err(line: usize, message: impl Into<String>) -> InputError {
    InputError { line, message: message.into() }
}

/// One parsed series: consecutive dates (days since 1970-01-01) and counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// Series name (e.g. `area/category`).
    pub name: String,
    /// Date of the first count, days since 1970-01-01.
    pub start: i64,
    /// Counts, one per day or week.
    pub counts: Vec<u64>,
}

/// Parses `YYYY-MM-DD` (exactly: four-digit year, two-digit month and day)
/// into days since 1970-01-01.
pub fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    if !shape {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(s[0..4].parse().ok()?, s[5..7].parse().ok()?, s[8..10].parse().ok()?)?;
    Some(i64::from(date.to_epoch_days()))
}

/// Formats days since 1970-01-01 as `YYYY-MM-DD`. Days beyond chrono's range
/// (about 262,000 years either way) are written as a plain day count.
pub fn format_date(days: i64) -> String {
    match i32::try_from(days).ok().and_then(NaiveDate::from_epoch_days) {
        Some(date) => format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()),
        None => format!("{days} days after 1970-01-01"),
    }
}

/// Physical 1-based line numbers of records, as `str::lines` counts them.
///
/// `csv`'s own `Position::line()` is one short after CRLF terminators and
/// after blank lines (BurntSushi/rust-csv issues 395 and 208), and a record's
/// `Position::byte()` may point at the previous record's terminator or at the
/// skipped blank lines. So the record starts at the first byte from there on
/// that is not a line break, and its line is one more than the line feeds
/// before it. Records come in order, so the feeds are counted only once.
struct LineNumbers<'a> {
    input: &'a [u8],
    /// Bytes before this offset have been counted ...
    offset: usize,
    /// ... and hold this many line feeds.
    feeds: usize,
}

impl<'a> LineNumbers<'a> {
    fn new(input: &'a str) -> Self {
        LineNumbers { input: input.as_bytes(), offset: 0, feeds: 0 }
    }

    fn line(&mut self, position: Option<&Position>) -> usize {
        let Some(position) = position else { return self.feeds + 1 };
        let mut start = usize::try_from(position.byte()).unwrap_or(usize::MAX).min(self.input.len());
        while matches!(self.input.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start < self.offset {
            (self.offset, self.feeds) = (0, 0);
        }
        self.feeds += self.input[self.offset..start].iter().filter(|&&b| b == b'\n').count();
        self.offset = start;
        self.feeds + 1
    }
}

/// A line with nothing but white space.
fn is_blank(record: &StringRecord) -> bool {
    record.len() == 1 && record[0].is_empty()
}

/// The largest input read, series or events (UCDP's events for Iraq take
/// 3 MB; the whole world's, about 300 MB, should be cut to a country first).
pub const MAX_INPUT_BYTES: usize = 256 << 20;

/// Refuses input over [`MAX_INPUT_BYTES`] before it is parsed.
pub(crate) fn check_size(input: &str) -> Result<(), InputError> {
    match input.len() {
        n if n > MAX_INPUT_BYTES => Err(err(0, format!("the input is {n} bytes; at most {MAX_INPUT_BYTES} are read"))),
        _ => Ok(()),
    }
}

/// Parses the input CSV into gap-free series.
pub fn parse_series(input: &str, frequency: Frequency) -> Result<Vec<Series>, InputError> {
    check_size(input)?;
    let reader = ReaderBuilder::new().has_headers(false).flexible(true).trim(Trim::All).from_reader(input.as_bytes());
    let mut lines = LineNumbers::new(input);
    let mut records = reader.into_records().filter(|r| !r.as_ref().is_ok_and(is_blank)).map(|r| match r {
        Ok(record) => Ok((lines.line(record.position()), record)),
        Err(e) => Err(err(lines.line(e.position()), e.to_string())),
    });
    let (header_line, header) =
        records.next().ok_or_else(|| err(1, "empty input: a header `series,date,count` is required"))??;
    let names: Vec<String> = header
        .iter()
        .enumerate()
        .map(|(i, f)| if i == 0 { f.trim_start_matches('\u{feff}') } else { f })
        .map(str::to_ascii_lowercase)
        .collect();
    let col = |name: &str| {
        names
            .iter()
            .position(|n| n == name)
            .ok_or_else(|| err(header_line, format!("missing column `{name}` in header")))
    };
    let (cs, cd, cc) = (col("series")?, col("date")?, col("count")?);
    let ncol = names.len();
    // Per series: rows of (date, count, line).
    let mut order: Vec<String> = Vec::new();
    let mut rows: HashMap<String, Vec<(i64, u64, usize)>> = HashMap::new();
    for record in records {
        let (no, cells) = record?;
        if cells.len() != ncol {
            return Err(err(no, format!("expected {ncol} fields, found {}", cells.len())));
        }
        let name = &cells[cs];
        if name.is_empty() {
            return Err(err(no, "empty series name"));
        }
        let date = parse_date(&cells[cd])
            .ok_or_else(|| err(no, format!("unparsable date `{}` (expected YYYY-MM-DD)", &cells[cd])))?;
        let raw = &cells[cc];
        let count: u64 = raw.parse().map_err(|_| {
            let what = if raw.starts_with('-') && raw[1..].parse::<f64>().is_ok() {
                "negative count"
            } else if !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) {
                return err(no, format!("count `{raw}` is too large (at most {})", u64::MAX));
            } else if raw.parse::<f64>().is_ok() {
                "non-integer count"
            } else {
                "unparsable count"
            };
            err(no, format!("{what} `{raw}` (expected a non-negative integer)"))
        })?;
        if !rows.contains_key(name) {
            order.push(name.to_string());
        }
        rows.entry(name.to_string()).or_default().push((date, count, no));
    }
    let step = match frequency {
        Frequency::Day => 1,
        Frequency::Week => 7,
    };
    let mut out = Vec::with_capacity(order.len());
    for name in order {
        let mut r = rows.remove(&name).unwrap_or_default();
        r.sort_by_key(|&(d, _, no)| (d, no));
        for pair in r.windows(2) {
            let ((d0, _, l0), (d1, _, l1)) = (pair[0], pair[1]);
            if d1 == d0 {
                return Err(err(
                    l0.max(l1),
                    format!("duplicate date {} in series `{name}` (also on line {})", format_date(d1), l0.min(l1)),
                ));
            }
            if d1 - d0 != step {
                let unit = if step == 1 { "day" } else { "week" };
                let msg = if (d1 - d0) % step != 0 {
                    format!(
                        "date {} in series `{name}` is not a whole number of weeks after {}",
                        format_date(d1),
                        format_date(d0)
                    )
                } else {
                    format!(
                        "gap in series `{name}`: missing {unit}(s) between {} and {}",
                        format_date(d0),
                        format_date(d1)
                    )
                };
                return Err(err(l1, msg));
            }
        }
        let start = r.first().map_or(0, |x| x.0);
        out.push(Series { name, start, counts: r.into_iter().map(|x| x.1).collect() });
    }
    Ok(out)
}

/// A series too short for the method: not one of its points was evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortSeries {
    /// Series name.
    pub name: String,
    /// Points (days or weeks) the series has.
    pub points: usize,
    /// Points the method needs before it evaluates the first one.
    pub needed: usize,
    /// `day` or `week`.
    pub unit: &'static str,
}

impl fmt::Display for ShortSeries {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = self.unit;
        write!(
            f,
            "series `{}` has {} {unit}(s) of data; the method needs at least {} to evaluate one {unit} ({} more): nothing evaluated",
            self.name,
            self.points,
            self.needed,
            self.needed - self.points
        )
    }
}

/// What [`detect_csv`] produced: the output CSV, and the series it could not
/// evaluate at all (their rows are in the CSV with empty results).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    /// `series,date,count,expected,threshold,score,alarm`.
    pub csv: String,
    /// Series shorter than the method's history.
    pub short: Vec<ShortSeries>,
    /// Number of series read.
    pub series: usize,
}

impl Detection {
    /// Whether no series could be evaluated at all (every one too short).
    pub fn nothing_evaluated(&self) -> bool {
        !self.short.is_empty() && self.short.len() == self.series
    }
}

/// Runs `method` on every series of the CSV `input` and returns the output
/// CSV. Each series is evaluated over [`default_range`].
pub fn detect_csv(input: &str, frequency: Frequency, method: &Method) -> Result<Detection, InputError> {
    detect_csv_with(input, frequency, |_| *method)
}

/// The same with a method chosen per series from its number of points (a
/// [`Preset`](crate::presets::Preset) adapts to the history there is). The
/// series are evaluated in parallel on rayon's pool (the output does not
/// depend on how many threads it has).
pub fn detect_csv_with(
    input: &str,
    frequency: Frequency,
    choose: impl Fn(usize) -> Method,
) -> Result<Detection, InputError> {
    let series = parse_series(input, frequency)?;
    let (step, unit) = match frequency {
        Frequency::Day => (1, "day"),
        Frequency::Week => (7, "week"),
    };
    let mut short = Vec::new();
    let methods: Vec<Method> = series.iter().map(|s| choose(s.counts.len())).collect();
    for (s, method) in series.iter().zip(&methods) {
        let needed = default_range(method, frequency, usize::MAX).start.saturating_add(1);
        if s.counts.len() < needed {
            short.push(ShortSeries { name: s.name.clone(), points: s.counts.len(), needed, unit });
        }
    }
    // Writing to memory cannot fail, and every field is UTF-8.
    const IN_MEMORY: &str = "writing CSV to memory";
    let mut writer = WriterBuilder::new().from_writer(Vec::new());
    writer.write_record(["series", "date", "count", "expected", "threshold", "score", "alarm"]).expect(IN_MEMORY);
    let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let results: Vec<_> = series
        .par_iter()
        .zip(&methods)
        .map(|(s, method)| {
            let range = default_range(method, frequency, s.counts.len());
            let points = detect(&s.counts, frequency, method, range.clone());
            (range, points)
        })
        .collect();
    for (s, (range, points)) in series.iter().zip(results) {
        for (i, &c) in s.counts.iter().enumerate() {
            let date = format_date(s.start + step * i as i64);
            let [expected, threshold, score, alarm] = match range.contains(&i).then(|| points[i - range.start]) {
                Some(p) => [
                    number(p.expected),
                    number(p.threshold),
                    number(p.score),
                    p.alarm.map(|a| a.to_string()).unwrap_or_default(),
                ],
                None => Default::default(),
            };
            writer
                .write_record([s.name.as_str(), &date, &c.to_string(), &expected, &threshold, &score, &alarm])
                .expect(IN_MEMORY);
        }
    }
    let bytes = writer.into_inner().expect(IN_MEMORY);
    Ok(Detection { csv: String::from_utf8(bytes).expect(IN_MEMORY), short, series: series.len() })
}
