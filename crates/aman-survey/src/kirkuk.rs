//! The Kirkuk deliberative poll (April–May 2017; O'Flynn, Sood, Mistaffa &
//! Saeed, "What future for Kirkuk?"): the wide questionnaire table of its
//! first wave (`data/surveys/kirkuk/sheet_1.csv`, one row per respondent,
//! one column per question) turned into respondent rows for the estimator.
//!
//! Columns used, from the questionnaire and the authors' recode script
//! (`qno_lab_cats.csv` names the recoded variables):
//!
//! | column | meaning | coding |
//! |---|---|---|
//! | `ID Manually` | respondent id | |
//! | `A1` | age in years | blank = unknown |
//! | `A2` | sex | `Male` / `Female`, blank = unknown |
//! | `A6` | ethnicity | 1 Kurd, 2 Arab, 3 Turkman, 4 Other, 9 refused |
//! | `A9b-A`, `A9b-K`, `A9b-T` | "trust Arabs' / Kurds' / Turkmen's views" | 0 (none) – 10 (complete), 99 = don't know |
//! | `D3-3`, `D3-7`, `D3-8`, `D3-9` | trust in the provincial council, judiciary, police, army | 0 – 10, 99 = don't know |
//!
//! Anything outside 0–10 (99, blank) is missing. The poll has **no sampling
//! weights, strata or clusters** (a convenience sample of young Kirkukis,
//! ages 17–28): estimates are unweighted, each respondent their own PSU,
//! and describe these respondents, not Kirkuk's population.

use csv::{ReaderBuilder, StringRecord, Trim, WriterBuilder};

use crate::lines::LineNumbers;

/// Self-reported ethnicity (`A6`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ethnicity {
    Kurd,
    Arab,
    Turkman,
    Other,
}

impl Ethnicity {
    /// The English label (also the domain label).
    pub fn as_str(self) -> &'static str {
        match self {
            Ethnicity::Kurd => "Kurd",
            Ethnicity::Arab => "Arab",
            Ethnicity::Turkman => "Turkman",
            Ethnicity::Other => "Other",
        }
    }
}

/// Sex (`A2`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sex {
    Female,
    Male,
}

impl Sex {
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Female => "Female",
            Sex::Male => "Male",
        }
    }
}

/// One respondent of wave 1. Trust scores are 0–10, `None` when missing.
#[derive(Debug, Clone, PartialEq)]
pub struct KirkukRespondent {
    pub id: u32,
    pub age: Option<f64>,
    pub sex: Option<Sex>,
    pub ethnicity: Option<Ethnicity>,
    /// `A9b-A`: trust in Arabs' views.
    pub trust_arabs: Option<f64>,
    /// `A9b-K`: trust in Kurds' views.
    pub trust_kurds: Option<f64>,
    /// `A9b-T`: trust in Turkmen's views.
    pub trust_turkmen: Option<f64>,
    /// `D3-3`: trust in the provincial council.
    pub trust_council: Option<f64>,
    /// `D3-7`: trust in the judiciary.
    pub trust_judiciary: Option<f64>,
    /// `D3-8`: trust in the police.
    pub trust_police: Option<f64>,
    /// `D3-9`: trust in the army.
    pub trust_army: Option<f64>,
}

/// A respondent table that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KirkukError {
    #[error("malformed CSV at line {line}: {message}")]
    Malformed { line: u64, message: String },
    #[error("column `{0}` is missing")]
    MissingColumn(&'static str),
    #[error("line {line}: bad {column} value `{value}`")]
    BadValue { line: u64, column: &'static str, value: String },
}

const COLUMNS: [&str; 11] =
    ["ID Manually", "A1", "A2", "A6", "A9b-A", "A9b-K", "A9b-T", "D3-3", "D3-7", "D3-8", "D3-9"];

/// Reads the wave-1 table (`sheet_1.csv`) into respondent rows, in file order.
pub fn parse_wave1(csv: &str) -> Result<Vec<KirkukRespondent>, KirkukError> {
    let mut reader = ReaderBuilder::new().trim(Trim::All).from_reader(csv.as_bytes());
    let mut lines = LineNumbers::new(csv);
    let malformed = |e: csv::Error, lines: &mut LineNumbers| KirkukError::Malformed {
        line: lines.line(e.position()),
        message: e.to_string(),
    };
    let header = reader.headers().map_err(|e| malformed(e, &mut lines))?.clone();
    let mut at = [0usize; 11];
    for (slot, name) in at.iter_mut().zip(COLUMNS) {
        *slot = header.iter().position(|h| h == name).ok_or(KirkukError::MissingColumn(name))?;
    }
    let mut out = Vec::new();
    let mut record = StringRecord::new();
    while reader.read_record(&mut record).map_err(|e| malformed(e, &mut lines))? {
        let line = lines.line(record.position());
        let field = |k: usize| record.get(at[k]).unwrap_or("");
        let bad = |k: usize| KirkukError::BadValue { line, column: COLUMNS[k], value: field(k).to_string() };
        let number = |k: usize| -> Result<Option<f64>, KirkukError> {
            match field(k) {
                "" => Ok(None),
                s => s.parse::<f64>().map(Some).map_err(|_| bad(k)),
            }
        };
        let score =
            |k: usize| -> Result<Option<f64>, KirkukError> { Ok(number(k)?.filter(|v| (0.0..=10.0).contains(v))) };
        let id = field(0).parse::<u32>().map_err(|_| bad(0))?;
        let sex = match field(2) {
            "Male" => Some(Sex::Male),
            "Female" => Some(Sex::Female),
            "" => None,
            _ => return Err(bad(2)),
        };
        let ethnicity = match number(3)? {
            Some(1.0) => Some(Ethnicity::Kurd),
            Some(2.0) => Some(Ethnicity::Arab),
            Some(3.0) => Some(Ethnicity::Turkman),
            Some(4.0) => Some(Ethnicity::Other),
            Some(9.0) | None => None,
            Some(_) => return Err(bad(3)),
        };
        out.push(KirkukRespondent {
            id,
            age: number(1)?,
            sex,
            ethnicity,
            trust_arabs: score(4)?,
            trust_kurds: score(5)?,
            trust_turkmen: score(6)?,
            trust_council: score(7)?,
            trust_judiciary: score(8)?,
            trust_police: score(9)?,
            trust_army: score(10)?,
        });
    }
    Ok(out)
}

/// A 0–10 score as an estimator variable: the score itself (NaN if missing).
pub fn scores(values: impl IntoIterator<Item = Option<f64>>) -> Vec<f64> {
    values.into_iter().map(|v| v.unwrap_or(f64::NAN)).collect()
}

/// A 0–10 score as a 0/1 indicator of "trusts": 1 when the score is at least
/// `threshold` (we use 6, above the scale's midpoint), NaN if missing.
pub fn trusts(values: impl IntoIterator<Item = Option<f64>>, threshold: f64) -> Vec<f64> {
    values.into_iter().map(|v| v.map_or(f64::NAN, |v| f64::from(u8::from(v >= threshold)))).collect()
}

/// The rows as a tidy CSV for `aman survey estimate` ([`crate::estimate_csv`]):
/// `id,age,sex,ethnicity,trust_arabs,...`, empty fields for missing values.
pub fn to_csv(rows: &[KirkukRespondent]) -> String {
    // Writing to memory cannot fail, and every field is UTF-8.
    const IN_MEMORY: &str = "writing CSV to memory";
    let mut writer = WriterBuilder::new().from_writer(Vec::new());
    writer
        .write_record([
            "id",
            "age",
            "sex",
            "ethnicity",
            "trust_arabs",
            "trust_kurds",
            "trust_turkmen",
            "trust_council",
            "trust_judiciary",
            "trust_police",
            "trust_army",
        ])
        .expect(IN_MEMORY);
    let num = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    for r in rows {
        let fields = [
            r.id.to_string(),
            num(r.age),
            r.sex.map(Sex::as_str).unwrap_or_default().to_string(),
            r.ethnicity.map(Ethnicity::as_str).unwrap_or_default().to_string(),
            num(r.trust_arabs),
            num(r.trust_kurds),
            num(r.trust_turkmen),
            num(r.trust_council),
            num(r.trust_judiciary),
            num(r.trust_police),
            num(r.trust_army),
        ];
        writer.write_record(&fields).expect(IN_MEMORY);
    }
    String::from_utf8(writer.into_inner().expect(IN_MEMORY)).expect(IN_MEMORY)
}
