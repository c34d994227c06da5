//! CSV answers: text cells a spreadsheet would run as a formula are
//! neutralised (the caller marks which cells are text), and the file is
//! never cached.

use crate::bodies::time;
use crate::error::AppError;
use crate::state::AppState;
use aman_db::ConcernRecord;
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// A text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab
/// or carriage return first) is written with a leading apostrophe.
pub fn spreadsheet_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() }
}

/// A CSV file of a header and rows; pass text cells through
/// [`spreadsheet_safe`] (numbers, which may start with `-`, stay as they are).
pub fn csv_response<const N: usize>(
    header: [&str; N],
    rows: impl IntoIterator<Item = [String; N]>,
) -> Result<Response, AppError> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(header).map_err(AppError::internal)?;
    for row in rows {
        csv.write_record(row).map_err(AppError::internal)?;
    }
    let body = csv.into_inner().map_err(AppError::internal)?;
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], body).into_response())
}

/// Concerns as CSV: what the queue shows, never an identity; text cells
/// spreadsheet-safe.
pub fn concerns(state: &AppState, records: &[ConcernRecord]) -> Result<Response, AppError> {
    let rows = records.iter().map(|r| {
        let area = state.areas().get(r.area.as_str());
        [
            r.id.to_string(),
            time(r.submitted_at),
            r.occurred_on.to_string(),
            r.category.as_str().to_owned(),
            r.status.as_str().to_owned(),
            r.area.to_string(),
            spreadsheet_safe(area.map_or("", |a| a.name_ar.as_str())),
            spreadsheet_safe(area.map_or("", |a| a.name_en.as_str())),
            spreadsheet_safe(&r.description),
            r.assignee_id.map(|a| a.to_string()).unwrap_or_default(),
            r.channel.as_str().to_owned(),
        ]
    });
    let header = [
        "id",
        "received",
        "occurred_on",
        "category",
        "status",
        "area",
        "area_ar",
        "area_en",
        "description",
        "assignee_id",
        "channel",
    ];
    csv_response(header, rows)
}

#[cfg(test)]
mod tests {
    #[test]
    fn formulas_are_neutralised() {
        for formula in ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"] {
            assert_eq!(super::spreadsheet_safe(formula), format!("'{formula}"));
        }
        assert_eq!(super::spreadsheet_safe("idp"), "idp");
        assert_eq!(super::spreadsheet_safe("نازح"), "نازح");
    }
}
