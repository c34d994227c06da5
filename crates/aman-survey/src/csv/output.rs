//! The output CSV of `aman survey estimate`.

use csv::WriterBuilder;

use super::args::CsvError;
use crate::general::Detailed;

fn fmt(x: f64) -> String {
    if x.is_nan() { "NA".to_string() } else { x.to_string() }
}

/// `domain,n,estimate,se,ci_low,ci_high,df` (and `deff` when `deff`), one
/// row per estimate.
pub(super) fn write_output(labels: &[String], estimates: &[Detailed], deff: bool) -> Result<String, CsvError> {
    let mut writer = WriterBuilder::new().flexible(true).from_writer(Vec::new());
    let io = |e: csv::Error| CsvError::Malformed { line: 0, message: e.to_string() };
    let mut header = vec!["domain", "n", "estimate", "se", "ci_low", "ci_high", "df"];
    if deff {
        header.push("deff");
    }
    writer.write_record(&header).map_err(io)?;
    for (label, d) in labels.iter().zip(estimates) {
        let e = &d.estimate;
        let values = match &e.values {
            Some(v) => [fmt(v.estimate), fmt(v.se), fmt(v.ci_low), fmt(v.ci_high)],
            None => Default::default(),
        };
        let [estimate, se, lo, hi] = values;
        let mut row = vec![label.clone(), e.n.to_string(), estimate, se, lo, hi, e.df.to_string()];
        if deff {
            row.push(match (&e.values, d.deff) {
                (None, _) => String::new(),
                (Some(_), Some(v)) => fmt(v),
                (Some(_), None) => "NA".to_string(),
            });
        }
        writer.write_record(&row).map_err(io)?;
    }
    let bytes = writer.into_inner().map_err(|e| CsvError::Malformed { line: 0, message: e.to_string() })?;
    String::from_utf8(bytes).map_err(|e| CsvError::Malformed { line: 0, message: e.to_string() })
}
