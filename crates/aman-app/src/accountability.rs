//! Public accountability, no login: per area (the chosen one and each area
//! directly below it) and per organisation, over a period — concerns
//! received, the share verified, the median days to a first response, the
//! share of referrals answered within their deadline, actions done and
//! overdue, and residents' confirmations. Small numbers are protected by
//! `aman_core::committee::disclosure`: a figure from fewer concerns than the
//! threshold (11 by default, never below 5) is shown as "<11", and the
//! received counts of the areas below are protected together with their
//! total so that none can be recovered by subtraction.

use crate::App;
use crate::Error;
use crate::index::Quarter;
use aman_core::committee::action::ActionStatus;
use aman_core::committee::disclosure::{
    Protected, ProtectedParts, Threshold, protect_count, protect_parts, protect_share,
};
use aman_db::{ActionFacts, ConcernFacts, ReferralFacts};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct AccountabilityQuery {
    pub area: String,
    pub from: String,
    pub to: String,
}

/// The figures of one area or organisation; every value is protected.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figures {
    pub id: String,
    pub received: Protected<u64>,
    pub verified_share: Protected<f64>,
    pub median_days_to_first_response: Protected<f64>,
    pub referrals_answered_on_time_share: Protected<f64>,
    pub actions_done: Protected<u64>,
    pub actions_overdue: Protected<u64>,
    pub confirmations_better: Protected<u64>,
    pub confirmations_disputed: Protected<u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Accountability {
    pub area: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub threshold: u64,
    /// The area itself first, then each area directly below it.
    pub areas: Vec<Figures>,
    pub organisations: Vec<Figures>,
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) { (values[mid - 1] + values[mid]) / 2.0 } else { values[mid] })
}

/// The figures of one group of concerns, referrals and actions; `received`
/// is passed in already protected (it may have been suppressed to protect a
/// neighbour).
fn figures(
    id: String,
    received: Protected<u64>,
    concerns: &[&ConcernFacts],
    referrals: &[&ReferralFacts],
    actions: &[&ActionFacts],
    today: NaiveDate,
    t: Threshold,
) -> Figures {
    let n = concerns.len() as u64;
    let verified = concerns.iter().filter(|c| c.status.was_verified()).count() as u64;
    let days: Vec<f64> = concerns
        .iter()
        .filter_map(|c| c.first_response_at.map(|r| (r - c.submitted_at) as f64 / 86_400_000.0))
        .collect();
    let responded = days.len() as u64;
    let on_time = referrals.iter().filter(|r| r.responded_at.is_some_and(|at| at <= r.deadline_at)).count() as u64;
    let done = actions.iter().filter(|a| a.status == ActionStatus::Done).count() as u64;
    let overdue = actions.iter().filter(|a| a.status.is_open() && a.due_on < today).count() as u64;
    let share = |part: u64, total: u64| {
        if received.is_suppressed() {
            Protected::Suppressed
        } else {
            protect_share(part, total, t).unwrap_or(Protected::Suppressed)
        }
    };
    // Counts tied to few concerns are hidden with the concerns themselves.
    let count = |value: u64| if received.is_suppressed() { Protected::Suppressed } else { protect_count(value, t) };
    Figures {
        id,
        received,
        verified_share: share(verified, n),
        median_days_to_first_response: match median(days) {
            Some(m) if !received.is_suppressed() && !t.hides(responded) => Protected::Shown((m * 10.0).round() / 10.0),
            _ => Protected::Suppressed,
        },
        referrals_answered_on_time_share: share(on_time, referrals.len() as u64),
        actions_done: count(done),
        actions_overdue: count(overdue),
        confirmations_better: count(actions.iter().map(|a| a.better.max(0) as u64).sum()),
        confirmations_disputed: count(actions.iter().map(|a| a.disputed.max(0) as u64).sum()),
    }
}

fn date(field: &str, text: &str, default: NaiveDate) -> Result<NaiveDate, Error> {
    if text.trim().is_empty() {
        return Ok(default);
    }
    aman_core::text::date(text).ok_or_else(|| Error::field(field, "invalid_date"))
}

/// The window of published figures: one calendar quarter that is over — the
/// one containing `to`, else the last complete one. Windows never overlap
/// and never move with the day, so comparing two answers reveals nothing
/// their own tables do not show (`from` only names a day in the same quarter).
fn window(query: &AccountabilityQuery, today: NaiveDate) -> Result<(NaiveDate, NaiveDate), Error> {
    let last_over = Quarter::containing(today).previous();
    let quarter = match query.to.trim() {
        "" => last_over,
        text => Quarter::containing(date("to", text, today)?),
    };
    let (first, last) = quarter.days();
    if last >= today {
        return Err(Error::field("to", "period_not_over"));
    }
    if !query.from.trim().is_empty() && Quarter::containing(date("from", &query.from, first)?) != quarter {
        return Err(Error::field("from", "not_one_quarter"));
    }
    Ok((first, last))
}

/// Concern counts by the area each concern was placed in.
pub(crate) type AreaCounts = BTreeMap<String, u64>;

/// The concerns of `counts` in `area` and below it.
fn within(counts: &AreaCounts, area: &str) -> u64 {
    counts.range(area.to_owned()..).take_while(|(placed, _)| placed.starts_with(area)).map(|(_, n)| n).sum()
}

/// An area's received count and those of the areas directly below it
/// (concerns placed at the area itself are a part too), protected together.
pub(crate) fn partition(
    state: &App,
    area: &str,
    counts: &AreaCounts,
    t: Threshold,
) -> Result<(Vec<String>, ProtectedParts), Error> {
    let children: Vec<String> = state.areas().children(area).map(|a| a.pcode.clone()).collect();
    let total = within(counts, area);
    let mut parts: Vec<u64> = children.iter().map(|child| within(counts, child)).collect();
    parts.push(total - parts.iter().sum::<u64>());
    let table = protect_parts(total, &parts, t).map_err(Error::internal)?;
    Ok((children, table))
}

/// Whether the area, or an area above it, is hidden among its siblings in
/// its parent's table: then everything about it stays hidden, or its own
/// total (or its children's, summed) would give the hidden sibling away.
/// `everywhere` holds the counts of the whole country for the period.
pub(crate) fn hidden_above(state: &App, area: &str, everywhere: &AreaCounts, t: Threshold) -> Result<bool, Error> {
    let mut child = area.to_owned();
    while let Some(parent) = state.areas().get(&child).and_then(|a| a.parent.clone()) {
        let (children, table) = partition(state, &parent, everywhere, t)?;
        let position = children.iter().position(|c| *c == child);
        if table.total.is_suppressed() || position.is_some_and(|i| table.parts[i].is_suppressed()) {
            return Ok(true);
        }
        child = parent;
    }
    Ok(false)
}

/// The figures of one area over the days `from..=to` (a period that is
/// over), with `received` as the caller protected it.
pub(crate) async fn area_figures(
    state: &App,
    area: &str,
    (from, to): (NaiveDate, NaiveDate),
    received: Protected<u64>,
) -> Result<Figures, Error> {
    let ms = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp_millis());
    let (from_ms, to_ms) = (ms(from), ms(to) + 86_400_000);
    let facts = state.published().facts(state, from_ms, to_ms).await?;
    let t = state.settings().small_numbers;
    Ok(figures(
        area.to_owned(),
        received,
        &facts.concerns.iter().filter(|c| c.area.starts_with(area)).collect::<Vec<_>>(),
        &facts.referrals.iter().filter(|r| r.area.starts_with(area)).collect::<Vec<_>>(),
        &facts.actions.iter().filter(|a| a.area.starts_with(area)).collect::<Vec<_>>(),
        to.min(state.today()),
        t,
    ))
}

pub async fn compute(state: &App, query: &AccountabilityQuery) -> Result<Accountability, Error> {
    let area = if query.area.trim().is_empty() { "IQ" } else { query.area.trim() };
    if state.areas().get(area).is_none() {
        return Err(Error::field("area", "unknown_area"));
    }
    let today = state.today();
    let (from, to) = window(query, today)?;
    let ms = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp_millis());
    let (from_ms, to_ms) = (ms(from), ms(to) + 86_400_000);
    // One read of the country's facts serves the area and every level above it.
    let facts = state.published().facts(state, from_ms, to_ms).await?;
    let concerns: Vec<&ConcernFacts> = facts.concerns.iter().filter(|c| c.area.starts_with(area)).collect();
    let mut counts = AreaCounts::new();
    for c in &facts.concerns {
        *counts.entry(c.area.clone()).or_default() += 1;
    }
    let referrals: Vec<&ReferralFacts> = facts.referrals.iter().filter(|r| r.area.starts_with(area)).collect();
    let actions: Vec<&ActionFacts> = facts.actions.iter().filter(|a| a.area.starts_with(area)).collect();
    let t = state.settings().small_numbers;

    let (children, mut table) = partition(state, area, &counts, t)?;
    if hidden_above(state, area, &counts, t)? {
        table.total = Protected::Suppressed;
        table.parts.iter_mut().for_each(|p| *p = Protected::Suppressed);
    }
    let within = |c: &str, child: &str| c.starts_with(child);
    let mut areas = vec![figures(area.to_owned(), table.total, &concerns, &referrals, &actions, today, t)];
    for (child, received) in children.iter().zip(&table.parts) {
        areas.push(figures(
            child.clone(),
            *received,
            &concerns.iter().copied().filter(|c| within(&c.area, child)).collect::<Vec<_>>(),
            &referrals.iter().copied().filter(|r| within(&r.area, child)).collect::<Vec<_>>(),
            &actions.iter().copied().filter(|a| within(&a.area, child)).collect::<Vec<_>>(),
            today,
            t,
        ));
    }

    // Organisations: the referrals they received and the actions they own.
    let mut by_org: BTreeMap<i64, (Vec<&ReferralFacts>, Vec<&ActionFacts>)> = BTreeMap::new();
    for r in referrals {
        by_org.entry(r.organisation_id).or_default().0.push(r);
    }
    for a in actions {
        by_org.entry(a.owner_id).or_default().1.push(a);
    }
    let mut organisations = Vec::new();
    for (id, (refs, acts)) in by_org {
        let received = protect_count(refs.len() as u64, t);
        organisations.push(figures(format!("organisation:{id}"), received, &[], &refs, &acts, today, t));
    }
    Ok(Accountability { area: area.to_owned(), from, to, threshold: t.get(), areas, organisations })
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn the_median_of_odd_and_even_counts() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(vec![4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }
}
