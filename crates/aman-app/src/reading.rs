//! What triage is shown about a concern's words, never applied by itself:
//! other concerns that look like reports of the same event (suggested
//! duplicates, which staff confirm with "mark duplicate"), the places its text
//! names, whether it was flagged for hate speech or incitement and why, and
//! the category its words suggest.

use crate::queue::{QueueQuery, queue_filter};
use crate::{Actor, App, Error};
use aman_db::ConcernRecord;
use aman_text::flag::Assessment;
use aman_text::geocode::Candidate;
use chrono::Days;

/// Concerns compared: those of the same district, within this many days of
/// its date, at most [`COMPARED`] of them (the newest).
const WINDOW_DAYS: u64 = 14;
const COMPARED: i64 = 500;
/// Suggestions shown of each kind.
const SHOWN: usize = 5;

/// A concern that reads like the same event.
#[derive(Debug, Clone)]
pub struct Similar {
    pub id: i64,
    /// Estimated similarity of the two texts, 0..=1.
    pub similarity: f64,
    pub status: aman_core::lifecycle::Status,
    pub occurred_on: chrono::NaiveDate,
}

/// Everything the text suggests, for the triage page.
#[derive(Debug, Clone)]
pub struct Reading {
    pub similar: Vec<Similar>,
    pub places: Vec<Candidate>,
    pub flag: Assessment,
    pub category: Option<aman_text::suggest::Suggestion>,
}

/// What a concern's text suggests to a triage officer who has loaded it (so
/// may see it): the similar concerns are only those they may see too, and
/// comparing them is recorded in the audit log.
pub async fn read(state: &App, staff: &Actor, concern: &ConcernRecord) -> Result<Reading, Error> {
    let district: String = concern.area.as_str().chars().take(8).collect();
    let query = QueueQuery {
        area: Some(district),
        from: concern.occurred_on.checked_sub_days(Days::new(WINDOW_DAYS)).map(|d| d.to_string()),
        to: concern.occurred_on.checked_add_days(Days::new(WINDOW_DAYS)).map(|d| d.to_string()),
        ..QueueQuery::default()
    };
    let (mut filter, _) = queue_filter(state.areas(), staff, &query)?;
    filter.limit = COMPARED;
    let (neighbours, _) = state.db().queue(&filter).await?;
    let mut index = aman_text::near_dup::NearDuplicates::with_reference_background();
    for other in neighbours.iter().filter(|c| c.id != concern.id) {
        index.insert(other.id as u64, &other.description);
    }
    let similar: Vec<Similar> = index
        .similar(&concern.description, SHOWN)
        .into_iter()
        .filter_map(|(id, similarity)| {
            neighbours.iter().find(|c| c.id as u64 == id).map(|c| Similar {
                id: c.id,
                similarity,
                status: c.status,
                occurred_on: c.occurred_on,
            })
        })
        .collect();
    let detail = format!("compared with {} concerns of {}", neighbours.len().saturating_sub(1), filter.scope);
    state.audit(Some(staff.user.id), "concern.similar", &format!("concern:{}", concern.id), &detail).await?;
    // Only a kind other than the one chosen is worth showing.
    let category = aman_text::suggest::suggest(&concern.description).filter(|s| s.category != concern.category);
    Ok(Reading {
        similar,
        places: state.gazetteer().candidates(&concern.description, 3),
        flag: state.flagger().assess(&concern.description),
        category,
    })
}
