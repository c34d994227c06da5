//! The public dashboard of an area (the country, a governorate, a district
//! or a sub-district), no login: the concerns received over the last twelve
//! complete months in each area directly below it (for the map), the
//! monthly count of each category (for the trends), and the area's
//! accountability figures for the last complete quarter.
//!
//! Every number goes through `aman_core::committee::disclosure`. The map's
//! counts are protected like the accountability page's (the areas below
//! and their total together, and nothing about an area hidden among its
//! neighbours), then rounded to [`ROUNDING`]: twelve months are sometimes
//! exactly four of accountability's quarters, and an exact total beside
//! exact quarters would give a hidden quarter away. The trend cells add up
//! along months, categories and areas at once, so each is hidden under the
//! threshold and otherwise rounded: subtraction then leaves a range, never
//! a hidden cell.
//! Only complete months are counted, by the day concerns were received, so
//! the figures of a month never change once published and comparing two
//! visits reveals nothing.

use crate::accountability::{self, AccountabilityQuery, AreaCounts, Figures, hidden_above, partition};
use crate::{App, Error};
use aman_core::category::Category;
use aman_core::committee::disclosure::{Protected, ProtectedParts, Threshold, protect_rounded};
use chrono::{Datelike, Months, NaiveDate};

/// How many complete months the dashboard covers.
pub const MONTHS: usize = 12;
/// Trend counts are published rounded to a multiple of this.
pub const ROUNDING: u64 = 5;

/// One category's monthly counts, oldest month first.
#[derive(Debug, Clone)]
pub struct Trend {
    pub category: Category,
    pub monthly: Vec<Protected<u64>>,
}

#[derive(Debug, Clone)]
pub struct Dashboard {
    pub area: String,
    /// The first day of each month covered, oldest first.
    pub months: Vec<NaiveDate>,
    pub threshold: Threshold,
    /// Concerns received in the area over the months covered.
    pub total: Protected<u64>,
    /// The same for each area directly below it (the map).
    pub children: Vec<(String, Protected<u64>)>,
    /// Every kind of threat together, each month (protected like the trends).
    pub all: Vec<Protected<u64>>,
    /// Categories with at least one month shown.
    pub trends: Vec<Trend>,
    /// The accountability figures of the area for the last complete quarter.
    pub figures: Figures,
}

/// The first days of the [`MONTHS`] complete months before `today`'s month,
/// and the first day of `today`'s month after them.
pub fn months(today: NaiveDate) -> Vec<NaiveDate> {
    let this_month = today.with_day(1).unwrap_or(today);
    (0..=MONTHS as u32).rev().filter_map(|back| this_month.checked_sub_months(Months::new(back))).collect()
}

pub async fn compute(state: &App, area: &str) -> Result<Dashboard, Error> {
    if state.areas().get(area).is_none() {
        return Err(Error::NotFound);
    }
    let t = state.settings().small_numbers;
    let bounds = months(state.today());
    let ms = |d: &NaiveDate| d.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp_millis());
    let instants: Vec<i64> = bounds.iter().map(ms).collect();
    // The whole country's counts: the map's tables above this area need them.
    let counts = state.published().counts(state, &instants).await?;
    let mut everywhere = AreaCounts::new();
    let mut cells = vec![vec![0u64; MONTHS]; Category::ALL.len()];
    for c in counts.iter() {
        *everywhere.entry(c.area.clone()).or_default() += c.count;
        if c.area.starts_with(area) {
            let row = Category::ALL.iter().position(|k| *k == c.category).unwrap_or_default();
            if let Some(cell) = cells[row].get_mut(c.period) {
                *cell += c.count;
            }
        }
    }
    let (children, table, hidden) = protected_map(state, area, &everywhere, t)?;
    let cell = |n: u64| {
        if hidden || table.total.is_suppressed() { Protected::Suppressed } else { protect_rounded(n, t, ROUNDING) }
    };
    // Every kind together, month by month: larger counts, shown where single
    // kinds are too few to show.
    let all = (0..MONTHS).map(|m| cell(cells.iter().map(|row| row[m]).sum())).collect();
    let trends = Category::ALL
        .iter()
        .zip(cells)
        .map(|(category, monthly)| Trend { category: *category, monthly: monthly.into_iter().map(cell).collect() })
        .filter(|trend| trend.monthly.iter().any(|m| !m.is_suppressed()))
        .collect();
    let quarter =
        accountability::compute(state, &AccountabilityQuery { area: area.to_owned(), ..Default::default() }).await?;
    let figures = quarter.areas.into_iter().next().ok_or_else(|| Error::internal("no figures for the area"))?;
    Ok(Dashboard {
        area: area.to_owned(),
        months: bounds[..MONTHS].to_vec(),
        threshold: t,
        total: table.total,
        children: children.into_iter().zip(table.parts).collect(),
        all,
        trends,
        figures,
    })
}

/// The counts of an area and of the areas directly below it, protected
/// together (and hidden when the area is hidden above), then rounded; and
/// whether the area's total is hidden.
pub(crate) fn protected_map(
    state: &App,
    area: &str,
    everywhere: &AreaCounts,
    t: Threshold,
) -> Result<(Vec<String>, ProtectedParts, bool), Error> {
    let (children, mut table) = partition(state, area, everywhere, t)?;
    if hidden_above(state, area, everywhere, t)? {
        table.total = Protected::Suppressed;
        table.parts.iter_mut().for_each(|p| *p = Protected::Suppressed);
    }
    table.total = rounded(table.total, t);
    table.parts = table.parts.into_iter().map(|p| rounded(p, t)).collect();
    let hidden = table.total.is_suppressed();
    Ok((children, table, hidden))
}

/// A count that survived suppression, rounded to [`ROUNDING`].
fn rounded(count: Protected<u64>, t: Threshold) -> Protected<u64> {
    count.shown().map_or(Protected::Suppressed, |n| protect_rounded(n, t, ROUNDING))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_months_covered_are_the_twelve_complete_ones_before_today() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let bounds = months(day(2026, 12, 7));
        assert_eq!(bounds.len(), MONTHS + 1);
        assert_eq!(
            (bounds[0], bounds[MONTHS - 1], bounds[MONTHS]),
            (day(2025, 12, 1), day(2026, 11, 1), day(2026, 12, 1))
        );
        // Any day of a month gives the same window.
        assert_eq!(months(day(2026, 12, 31)), bounds);
        assert_eq!(months(day(2026, 1, 1))[0], day(2025, 1, 1));
    }
}
