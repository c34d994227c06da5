//! The situation report of an area for one month that is over, for decision
//! makers: concerns received (this month and the one before, by category),
//! where in the area, the early-warning alerts raised, and how institutions
//! answered. Every count goes through the same protection as the public
//! dashboard (`crate::dashboard`): the areas below protected together and
//! rounded, category cells hidden below the threshold and rounded
//! otherwise; alerts of the confidential categories are left out. The
//! report is the same whoever asks for it, so it can be printed and shared.

use crate::accountability::{self, AreaCounts, Figures};
use crate::dashboard::{ROUNDING, protected_map};
use crate::{App, Error};
use aman_core::alert::AlertStatus;
use aman_core::alert::SeriesSource;
use aman_core::category::Category;
use aman_core::committee::disclosure::{Protected, Threshold, protect_rounded};
use aman_db::AlertFilter;
use chrono::{Datelike, Months, NaiveDate};

/// One category's count this month and the month before (both protected).
#[derive(Debug, Clone)]
pub struct CategoryRow {
    pub category: Category,
    pub this_month: Protected<u64>,
    pub last_month: Protected<u64>,
}

/// An early-warning alert raised during the month, as the report shows it.
#[derive(Debug, Clone)]
pub struct AlertLine {
    pub id: i64,
    pub area: String,
    pub category: Category,
    pub source: SeriesSource,
    pub first_day: NaiveDate,
    pub status: AlertStatus,
}

#[derive(Debug, Clone)]
pub struct Sitrep {
    pub area: String,
    /// The first day of the month reported on.
    pub month: NaiveDate,
    pub threshold: Threshold,
    pub received: Protected<u64>,
    pub received_last_month: Protected<u64>,
    /// Each area directly below, this month (the map).
    pub children: Vec<(String, Protected<u64>)>,
    /// Categories with a figure shown in either month.
    pub categories: Vec<CategoryRow>,
    pub alerts: Vec<AlertLine>,
    /// How institutions answered the concerns of the month.
    pub figures: Figures,
}

/// Reads `YYYY-MM` as the first day of that month.
pub fn parse_month(text: &str) -> Option<NaiveDate> {
    let (year, month) = text.trim().split_once('-')?;
    let (year, month) = (year.parse().ok()?, month.parse().ok()?);
    NaiveDate::from_ymd_opt(year, month, 1).filter(|d| (2000..=2200).contains(&d.year()))
}

pub async fn compute(state: &App, area: &str, month: NaiveDate) -> Result<Sitrep, Error> {
    if state.areas().get(area).is_none() {
        return Err(Error::NotFound);
    }
    let month = month.with_day(1).unwrap_or(month);
    let next = month.checked_add_months(Months::new(1)).ok_or_else(|| Error::field("month", "invalid_month"))?;
    let before = month.checked_sub_months(Months::new(1)).ok_or_else(|| Error::field("month", "invalid_month"))?;
    if next > state.today() {
        return Err(Error::field("month", "month_not_over"));
    }
    let t = state.settings().small_numbers;
    let ms = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp_millis());
    let counts = state.published().counts(state, &[ms(before), ms(month), ms(next)]).await?;
    let mut everywhere = AreaCounts::new();
    let mut cells = vec![[0u64; 2]; Category::ALL.len()];
    let mut last_month_total = 0;
    for c in counts.iter().filter(|c| c.period < 2) {
        let inside = c.area.starts_with(area);
        if c.period == 1 {
            *everywhere.entry(c.area.clone()).or_default() += c.count;
        } else if inside {
            last_month_total += c.count;
        }
        if inside {
            let row = Category::ALL.iter().position(|k| *k == c.category).unwrap_or_default();
            cells[row][c.period] += c.count;
        }
    }
    let (children, table, hidden) = protected_map(state, area, &everywhere, t)?;
    let cell = |n: u64| if hidden { Protected::Suppressed } else { protect_rounded(n, t, ROUNDING) };
    let categories = Category::ALL
        .iter()
        .zip(cells)
        .map(|(category, [last, this])| CategoryRow {
            category: *category,
            this_month: cell(this),
            last_month: cell(last),
        })
        .filter(|row| !row.this_month.is_suppressed() || !row.last_month.is_suppressed())
        .collect();
    let filter = AlertFilter { area_prefix: area.to_owned(), open_only: false, limit: 200, ..Default::default() };
    let last_day = next.pred_opt().unwrap_or(next);
    let alerts = state
        .db()
        .alerts(&filter)
        .await?
        .into_iter()
        .filter(|a| !a.category.is_confidential() && a.first_day >= month && a.first_day <= last_day)
        .map(|a| AlertLine {
            id: a.id,
            area: a.area.to_string(),
            category: a.category,
            source: a.source,
            first_day: a.first_day,
            status: a.status,
        })
        .collect();
    let figures = accountability::area_figures(state, area, (month, last_day), table.total).await?;
    Ok(Sitrep {
        area: area.to_owned(),
        month,
        threshold: t,
        received: table.total,
        received_last_month: cell(last_month_total),
        children: children.into_iter().zip(table.parts).collect(),
        categories,
        alerts,
        figures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_read_as_year_dash_month() {
        assert_eq!(parse_month("2026-11"), NaiveDate::from_ymd_opt(2026, 11, 1));
        assert_eq!(parse_month(" 2026-1 "), NaiveDate::from_ymd_opt(2026, 1, 1));
        for bad in ["2026-13", "2026", "11-2026x", "", "1800-01", "2026-00"] {
            assert_eq!(parse_month(bad), None, "{bad}");
        }
    }
}
