//! Open data: the concerns received in one month that is over, per area of
//! one level and per category, for others to map and compare (HXL-tagged
//! CSV, GeoJSON). Each cell is protected as the dashboard's trends are
//! (`crate::dashboard`): hidden below the threshold, rounded to 5 otherwise,
//! so that cells added up across areas, months or categories never give a
//! hidden one away; a hidden cell is left out.

use crate::dashboard::ROUNDING;
use crate::{App, Error};
use aman_core::category::Category;
use aman_core::committee::disclosure::protect_rounded;
use chrono::{Months, NaiveDate};

/// One area's published counts: each category shown, with its count.
#[derive(Debug, Clone)]
pub struct AreaCounts {
    pub pcode: String,
    pub counts: Vec<(Category, u64)>,
}

/// The counts of every area of `level` (1–3) for the month starting `month`.
pub async fn aggregates(state: &App, level: u8, month: NaiveDate) -> Result<Vec<AreaCounts>, Error> {
    if !(1..=3).contains(&level) {
        return Err(Error::field("level", "out_of_range"));
    }
    let next = month.checked_add_months(Months::new(1)).ok_or_else(|| Error::field("month", "invalid_month"))?;
    if next > state.today() {
        return Err(Error::field("month", "month_not_over"));
    }
    let ms = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp_millis());
    let counts = state.published().counts(state, &[ms(month), ms(next)]).await?;
    let t = state.settings().small_numbers;
    let mut areas: Vec<AreaCounts> = state
        .areas()
        .at_level(level)
        .map(|area| {
            let counts = Category::ALL
                .into_iter()
                .filter_map(|category| {
                    let n = counts
                        .iter()
                        .filter(|c| c.category == category && c.area.starts_with(area.pcode.as_str()))
                        .map(|c| c.count)
                        .sum();
                    protect_rounded(n, t, ROUNDING).shown().map(|shown| (category, shown))
                })
                .collect();
            AreaCounts { pcode: area.pcode.clone(), counts }
        })
        .collect();
    areas.sort_by(|a, b| a.pcode.cmp(&b.pcode));
    Ok(areas)
}
