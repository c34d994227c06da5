//! Parser for UCDP Georeferenced Event Dataset (GED) exports, such as the HDX
//! file `data/events/conflict_data_irq.csv` (see its `PROVENANCE.md` for the
//! source, licence CC BY 4.0 and the attribution to ship).
//!
//! The input is a real CSV: a header row naming the columns (any order, extra
//! columns ignored), optionally an HXL hashtag row right after it (`#date+year`,
//! `#geo+lat`, … as HDX adds; skipped), then one event per record. Quoted fields
//! may contain commas, quotes and newlines. Pure: the caller reads the file.
//!
//! # Threat categories
//!
//! Each event gets one of Aman's threat-category codes (`docs/domain.md`,
//! `aman_core::Category`) by [`category_for`], from the UCDP type of violence
//! and the names of the two sides:
//!
//! | UCDP | condition | code |
//! |---|---|---|
//! | any type | a side is a jihadist group (IS, al-Qaida, Ansar al-Islam, Jamaat Jund al-Sahaba, …) | `terrorism` |
//! | 1 state-based | both sides are governments (interstate war: 1991, 2003) | `other` |
//! | 1 state-based | otherwise (government vs. militia, party or insurgents: Mahdi Army, PKK, SCIRI, …) | `armed_groups_weapons` |
//! | 2 non-state | a side's name says tribe or clan | `tribal_conflict` |
//! | 2 non-state | otherwise (KDP vs. PUK, …) | `armed_groups_weapons` |
//! | 3 one-sided | perpetrator (side A) is a government | `security_conduct` |
//! | 3 one-sided | otherwise (militias killing civilians) | `armed_groups_weapons` |
//!
//! Limits of this mapping: UCDP records *organised lethal* violence only (at
//! least 25 battle-related deaths per dyad and year), so it never yields
//! `crime`, `gbv`, `hate_speech`, `services_failure` and the other everyday
//! categories, and the counts are far from what residents would report. The
//! jihadist list is a fixed set of names seen in the Iraq data; an unknown
//! group falls to `armed_groups_weapons`. This export has no organisation
//! level column, so communal and tribal clashes are recognised only by the
//! words "tribe"/"clan" in a side name, which the Iraq file never uses: in
//! practice `tribal_conflict` stays empty. One-sided killings by state
//! forces become `security_conduct`, although an Aman committee would treat
//! such cases through its confidential channel, not as area statistics.

use std::fmt;

use crate::parse_date;

/// Category codes as in `docs/domain.md`.
pub mod category {
    /// Attacks and extortion by extremist groups.
    pub const TERRORISM: &str = "terrorism";
    /// Weapons outside state control, armed groups.
    pub const ARMED_GROUPS_WEAPONS: &str = "armed_groups_weapons";
    /// Tribal and clan disputes.
    pub const TRIBAL_CONFLICT: &str = "tribal_conflict";
    /// Misconduct by police or other security forces.
    pub const SECURITY_CONDUCT: &str = "security_conduct";
    /// Anything else.
    pub const OTHER: &str = "other";
}

/// UCDP type of violence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Violence {
    /// 1: state-based armed conflict (a government is a side).
    StateBased,
    /// 2: non-state conflict between organised groups.
    NonState,
    /// 3: one-sided violence against civilians.
    OneSided,
}

impl Violence {
    /// UCDP code 1, 2 or 3.
    pub fn code(self) -> u8 {
        match self {
            Violence::StateBased => 1,
            Violence::NonState => 2,
            Violence::OneSided => 3,
        }
    }

    /// Short English label.
    pub fn label(self) -> &'static str {
        match self {
            Violence::StateBased => "state-based",
            Violence::NonState => "non-state",
            Violence::OneSided => "one-sided",
        }
    }
}

/// One UCDP GED event.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictEvent {
    /// UCDP event id (`id`).
    pub id: u64,
    /// First day (`date_start`), days since 1970-01-01.
    pub date_start: i64,
    /// Last day (`date_end`), days since 1970-01-01.
    pub date_end: i64,
    /// WGS84 latitude.
    pub latitude: f64,
    /// WGS84 longitude.
    pub longitude: f64,
    /// `type_of_violence`.
    pub violence: Violence,
    /// Best estimate of deaths (`best`).
    pub deaths_best: u64,
    /// Low estimate (`low`), if the column is there and filled.
    pub deaths_low: Option<u64>,
    /// High estimate (`high`), if the column is there and filled.
    pub deaths_high: Option<u64>,
    /// Location precision `where_prec`: 1 exact place, 2 within 25 km,
    /// 3 district, 4 province, 5 a line or area, 6 country, 7 at sea/abroad.
    pub where_prec: u8,
    /// UCDP first-order admin unit (`adm_1`, GeoNames spelling), may be empty.
    pub adm_1: String,
    /// Side A (`side_a`; in one-sided violence the perpetrator).
    pub side_a: String,
    /// Side B (`side_b`; "Civilians" in one-sided violence).
    pub side_b: String,
    /// Dyad name (`dyad_name`).
    pub dyad_name: String,
    /// Aman threat-category code, see the module docs.
    pub category: &'static str,
}

/// A problem in the input, with the 1-based line where its record starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventError {
    /// 1-based line number (1 = header).
    pub line: u64,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for EventError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for EventError {}

/// Jihadist groups (lower case) whose violence Aman files under `terrorism`.
const JIHADIST: [&str; 8] = [
    "is",
    "isi",
    "islamic state",
    "al-qaida",
    "al-qaida in iraq",
    "ansar al-islam",
    "jamaat jund al-sahaba",
    "tawhid wa'l-jihad",
];

fn is_jihadist(side: &str) -> bool {
    let side = side.trim().to_lowercase();
    JIHADIST.contains(&side.as_str()) || side.contains("al-qaida")
}

fn is_government(side: &str) -> bool {
    side.trim_start().starts_with("Government of")
}

fn is_tribal(side: &str) -> bool {
    let side = side.to_lowercase();
    side.contains("tribe") || side.contains("clan")
}

/// Aman threat category of an event (see the table in the module docs).
pub fn category_for(violence: Violence, side_a: &str, side_b: &str) -> &'static str {
    if is_jihadist(side_a) || is_jihadist(side_b) {
        return category::TERRORISM;
    }
    match violence {
        Violence::StateBased if is_government(side_a) && is_government(side_b) => category::OTHER,
        Violence::StateBased => category::ARMED_GROUPS_WEAPONS,
        Violence::NonState if is_tribal(side_a) || is_tribal(side_b) => category::TRIBAL_CONFLICT,
        Violence::NonState => category::ARMED_GROUPS_WEAPONS,
        Violence::OneSided if is_government(side_a) => category::SECURITY_CONDUCT,
        Violence::OneSided => category::ARMED_GROUPS_WEAPONS,
    }
}

/// Column positions in the header.
struct Columns {
    id: usize,
    date_start: usize,
    date_end: usize,
    latitude: usize,
    longitude: usize,
    violence: usize,
    best: usize,
    low: Option<usize>,
    high: Option<usize>,
    where_prec: usize,
    adm_1: Option<usize>,
    side_a: usize,
    side_b: usize,
    dyad_name: usize,
}

impl Columns {
    fn find(header: &::csv::StringRecord) -> Result<Columns, EventError> {
        let optional = |name: &str| header.iter().position(|h| h.trim().trim_start_matches('\u{feff}') == name);
        let required =
            |name: &str| optional(name).ok_or_else(|| EventError { line: 1, message: format!("no column `{name}`") });
        Ok(Columns {
            id: required("id")?,
            date_start: required("date_start")?,
            date_end: required("date_end")?,
            latitude: required("latitude")?,
            longitude: required("longitude")?,
            violence: required("type_of_violence")?,
            best: required("best")?,
            low: optional("low"),
            high: optional("high"),
            where_prec: required("where_prec")?,
            adm_1: optional("adm_1"),
            side_a: required("side_a")?,
            side_b: required("side_b")?,
            dyad_name: required("dyad_name")?,
        })
    }
}

/// A date `YYYY-MM-DD`, optionally followed by a time (`2014-01-24 00:00:00`).
fn date(field: &str) -> Option<i64> {
    let field = field.trim();
    let day = field.get(..10)?;
    let rest = &field[10..];
    (rest.is_empty() || rest.starts_with([' ', 'T'])).then(|| parse_date(day)).flatten()
}

/// A whole number, also written as `8.0` (some exports store counts as floats).
fn count(field: &str) -> Option<u64> {
    let field = field.trim();
    field.parse().ok().or_else(|| field.strip_suffix(".0").and_then(|f| f.parse().ok()))
}

/// True for an HXL hashtag row: every non-empty field starts with `#`.
fn is_hxl(record: &::csv::StringRecord) -> bool {
    let mut fields = record.iter().map(str::trim).filter(|f| !f.is_empty()).peekable();
    fields.peek().is_some() && fields.all(|f| f.starts_with('#'))
}

/// Parses a UCDP GED CSV export (see the module docs). Errors name the line
/// on which the offending record starts.
pub fn parse_ucdp(text: &str) -> Result<Vec<ConflictEvent>, EventError> {
    crate::csv::check_size(text).map_err(|e| EventError { line: 0, message: e.message })?;
    let mut reader = ::csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| EventError { line: 1, message: e.to_string() })?.clone();
    let columns = Columns::find(&header)?;
    let mut events = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            EventError { line, message: e.to_string() }
        })?;
        let line = record.position().map_or(0, |p| p.line());
        if index == 0 && is_hxl(&record) {
            continue;
        }
        events.push(event(&record, &columns).map_err(|message| EventError { line, message })?);
    }
    Ok(events)
}

fn event(record: &::csv::StringRecord, c: &Columns) -> Result<ConflictEvent, String> {
    let get = |i: usize| record.get(i).unwrap_or("");
    let parse_count = |i: usize, name: &str| count(get(i)).ok_or_else(|| format!("bad {name} `{}`", get(i)));
    let optional_count = |i: Option<usize>, name: &str| match i.map(get).map(str::trim) {
        None | Some("") => Ok(None),
        Some(_) => i.map(|i| parse_count(i, name)).transpose(),
    };
    let coordinate = |i: usize, name: &str, limit: f64| {
        get(i)
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && v.abs() <= limit)
            .ok_or_else(|| format!("bad {name} `{}`", get(i)))
    };
    let id = parse_count(c.id, "id")?;
    let date_start = date(get(c.date_start)).ok_or_else(|| format!("bad date_start `{}`", get(c.date_start)))?;
    let date_end = date(get(c.date_end)).ok_or_else(|| format!("bad date_end `{}`", get(c.date_end)))?;
    if date_end < date_start {
        return Err(format!("date_end {} before date_start {}", get(c.date_end), get(c.date_start)));
    }
    let violence = match get(c.violence).trim() {
        "1" => Violence::StateBased,
        "2" => Violence::NonState,
        "3" => Violence::OneSided,
        other => return Err(format!("bad type_of_violence `{other}` (1, 2 or 3)")),
    };
    let where_prec = match count(get(c.where_prec)) {
        Some(p @ 1..=7) => p as u8,
        _ => return Err(format!("bad where_prec `{}` (1 to 7)", get(c.where_prec))),
    };
    let side_a = get(c.side_a).trim().to_owned();
    let side_b = get(c.side_b).trim().to_owned();
    Ok(ConflictEvent {
        id,
        date_start,
        date_end,
        latitude: coordinate(c.latitude, "latitude", 90.0)?,
        longitude: coordinate(c.longitude, "longitude", 180.0)?,
        violence,
        deaths_best: parse_count(c.best, "best")?,
        deaths_low: optional_count(c.low, "low")?,
        deaths_high: optional_count(c.high, "high")?,
        where_prec,
        adm_1: c.adm_1.map(get).unwrap_or("").trim().to_owned(),
        category: category_for(violence, &side_a, &side_b),
        side_a,
        side_b,
        dyad_name: get(c.dyad_name).trim().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id,type_of_violence,dyad_name,side_a,side_b,source_article,where_prec,adm_1,latitude,longitude,date_start,date_end,low,best,high\n";

    #[test]
    fn parses_quoted_newlines_and_skips_hxl() {
        let text = format!(
            "{HEADER},,,#group+name+first,#group+name+second,#meta+source,,#adm1+name,#geo+lat,#geo+lon,#date+start,#date+end,,#affected+killed,\n\
             7,3,\"IS - Civilians\",IS,Civilians,\"\"\"AFP,2014\"\"\nsecond line, with comma\",1,Nīnawá province,36.3,43.1,2014-06-10,2014-06-11,2,3,4\n\
             8,1,Government of Iraq - al-Mahdi Army,Government of Iraq,al-Mahdi Army,,2,,33.3,44.4,2008-03-25 00:00:00.000,2008-03-25,,5,\n"
        );
        let events = parse_ucdp(&text).expect("parses");
        assert_eq!(events.len(), 2);
        let e = &events[0];
        assert_eq!((e.id, e.violence, e.where_prec, e.category), (7, Violence::OneSided, 1, "terrorism"));
        assert_eq!((e.deaths_low, e.deaths_best, e.deaths_high), (Some(2), 3, Some(4)));
        assert_eq!(e.date_start, parse_date("2014-06-10").expect("date"));
        assert_eq!(e.date_end - e.date_start, 1);
        assert_eq!(e.adm_1, "Nīnawá province");
        let e = &events[1];
        assert_eq!((e.deaths_low, e.deaths_best, e.deaths_high), (None, 5, None));
        assert_eq!(e.category, "armed_groups_weapons");
        assert_eq!(e.date_start, parse_date("2008-03-25").expect("date"));
    }

    #[test]
    fn errors_name_the_line_of_the_record() {
        // The first record spans lines 2-3, so the bad one starts on line 4.
        let text = format!(
            "{HEADER}1,1,d,Government of Iraq,IS,\"a\nb\",1,,33,44,2014-01-01,2014-01-01,1,1,1\n\
             2,4,d,Government of Iraq,IS,,1,,33,44,2014-01-01,2014-01-01,1,1,1\n"
        );
        let error = parse_ucdp(&text).expect_err("bad type");
        assert_eq!(error.line, 4, "{error}");
        assert!(error.message.contains("type_of_violence"), "{error}");

        let text = format!("{HEADER}1,1,d,a,b,,1,,33,44,2014-02-30,2014-03-01,1,1,1\n");
        let error = parse_ucdp(&text).expect_err("bad date");
        assert_eq!(error.line, 2);
        assert!(error.message.contains("date_start"), "{error}");

        let error = parse_ucdp("id,latitude\n1,2\n").expect_err("missing column");
        assert_eq!(error.line, 1);
        assert!(error.message.contains("date_start"), "{error}");

        let text = format!("{HEADER}1,1,d,a,b,,1,,33,44,2014-01-01,2014-01-01,1,1\n");
        let error = parse_ucdp(&text).expect_err("short record");
        assert_eq!(error.line, 2, "{error}");
    }

    #[test]
    fn category_mapping() {
        use Violence::*;
        assert_eq!(category_for(StateBased, "Government of Iraq", "IS"), "terrorism");
        assert_eq!(category_for(StateBased, "Government of Iraq", "Ansar al-Islam"), "terrorism");
        assert_eq!(category_for(StateBased, "Government of Turkey", "PKK"), "armed_groups_weapons");
        assert_eq!(category_for(StateBased, "Government of Iraq", "Government of Kuwait"), "other");
        assert_eq!(category_for(NonState, "KDP", "PUK"), "armed_groups_weapons");
        assert_eq!(category_for(NonState, "IS", "JRTN"), "terrorism");
        assert_eq!(category_for(NonState, "Albu Nimr tribe", "Albu Fahd tribe"), "tribal_conflict");
        assert_eq!(category_for(OneSided, "Government of Iraq", "Civilians"), "security_conduct");
        assert_eq!(category_for(OneSided, "al-Mahdi Army", "Civilians"), "armed_groups_weapons");
        assert_eq!(category_for(OneSided, "Jamaat Jund al-Sahaba", "Civilians"), "terrorism");
    }
}
