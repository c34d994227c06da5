//! Early warning in the server: counting new concerns and events into the
//! daily series of every area level × category, running the detection
//! method over the latest days, raising or continuing alerts (one per
//! episode), escalating alerts nobody acknowledged, and the operations the
//! API and pages share to list and move alerts.

use crate::Actor;
use crate::App;
use crate::Error;
use aman_core::alert::{self, AlertMethod, AlertStatus, Detector, Episode, SeriesSource};
use aman_core::area::Pcode;
use aman_core::category::Category;
use aman_core::role::Action;
use aman_core::text;
use aman_db::{AlarmRecord, AlertFilter, AlertRecord, Audit, DailyCount, DbError};
use aman_detect::{Frequency, Method, presets};
use std::collections::BTreeMap;

/// How the server looks for rises. Each daily series gets Aman's count
/// CUSUM (`aman_detect::presets`) when the year before the monitored weeks
/// holds enough reports to fit its in-control mean, and EARS C2 with a floor
/// on the standard deviation otherwise (a new deployment, a very quiet
/// series); docs/early-warning.md gives the measured trade-offs.
#[derive(Debug, Clone)]
pub struct AlertSettings {
    /// Days the CUSUM monitors after its year of in-control data.
    pub monitor_days: i64,
    /// Reports the in-control year needs for the CUSUM to be used.
    pub min_phase1_reports: u64,
    /// The latest days whose alarms are raised at each run: concerns often
    /// arrive a day or two after the event they describe.
    pub lookback_days: i64,
    /// An alarm within this many days of an open alert's last one continues it.
    pub episode_gap_days: i64,
    /// An alert nobody acknowledged within this time goes one level up, and
    /// again after as long.
    pub escalate_after_hours: i64,
}

impl Default for AlertSettings {
    fn default() -> AlertSettings {
        AlertSettings {
            monitor_days: 28,
            min_phase1_reports: 12,
            lookback_days: 3,
            episode_gap_days: 7,
            escalate_after_hours: 48,
        }
    }
}

/// What one run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AlertRun {
    pub counted: u64,
    pub series: u64,
    pub new_alerts: u64,
    pub continued: u64,
    pub escalated: u64,
}

impl std::fmt::Display for AlertRun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "counted {} records; evaluated {} series; {} new alerts, {} continued, {} escalated",
            self.counted, self.series, self.new_alerts, self.continued, self.escalated
        )
    }
}

/// One full run: count, detect, escalate. Safe to repeat and to run on
/// several servers at once (counting is guarded by the watermark).
pub async fn run(state: &App) -> Result<AlertRun, DbError> {
    let mut outcome = AlertRun::default();
    for source in SeriesSource::ALL {
        outcome.counted += count_new(state, source).await?;
        detect(state, source, &mut outcome).await?;
    }
    outcome.escalated = escalate(state).await?;
    Ok(outcome)
}

/// Records counted in one transaction.
const COUNT_PAGE: i64 = 2000;
/// The pause between two pages of a backlog (the first count of a large
/// database). SQLite lets one writer at a time, and a writer kept waiting
/// retries every 100 ms at most; without the pause the next page takes the
/// lock again first, and the audit entry of a staff member's queue listing
/// waits for the whole backlog.
const COUNT_PAUSE: std::time::Duration = std::time::Duration::from_millis(100);

/// Adds records that arrived since the watermark to the daily counts of
/// their area and every area above it, up to the whole country.
async fn count_new(state: &App, source: SeriesSource) -> Result<u64, DbError> {
    let mut counted = 0;
    loop {
        let after = state.db().series_watermark(source).await?;
        let page = state.db().uncounted(source, after, COUNT_PAGE).await?;
        let Some(last) = page.last().map(|c| c.id) else { return Ok(counted) };
        let mut increments: BTreeMap<(String, String, i64), i64> = BTreeMap::new();
        for record in &page {
            for area in state.areas().ancestry(&record.area) {
                *increments.entry((area, record.category.clone(), record.day)).or_default() += 1;
            }
        }
        let increments: Vec<DailyCount> = increments
            .into_iter()
            .map(|((area, category, day), count)| DailyCount { area, category, day, count })
            .collect();
        // Another run may have moved the watermark meanwhile: then read again.
        if state.db().add_counts(source, &increments, after, last).await? {
            counted += page.len() as u64;
            if (page.len() as i64) < COUNT_PAGE {
                return Ok(counted);
            }
            tokio::time::sleep(COUNT_PAUSE).await;
        }
    }
}

/// An alarm found in one series: the index of its point (day or week), the
/// count there, the detector's figures and the method's name.
struct Found {
    index: usize,
    observed: u64,
    point: aman_detect::Point,
    method: AlertMethod,
}

/// Runs the series' method and keeps the alarms from `raised_from` on: the
/// count CUSUM when the in-control period (`phase1` points) holds enough
/// reports, EARS C2 on the latest points otherwise.
fn alarms(
    counts: &[u64],
    frequency: Frequency,
    phase1: usize,
    raised_from: usize,
    settings: &AlertSettings,
) -> Vec<Found> {
    let n = counts.len();
    let phase1_reports = counts[..phase1.min(n)].iter().sum::<u64>();
    let detector = Detector::for_series(phase1_reports, settings.min_phase1_reports);
    let name = AlertMethod { detector, weekly: frequency == Frequency::Week };
    let (method, evaluated) = match detector {
        Detector::Cusum => (Method::Cusum(presets::cusum()), phase1..n),
        Detector::EarsC2 => (Method::EarsC2(presets::ears()), raised_from..n),
    };
    let points = aman_detect::detect(counts, frequency, &method, evaluated.clone());
    points
        .into_iter()
        .enumerate()
        .map(|(offset, point)| (evaluated.start + offset, point))
        .filter(|(index, point)| point.alarm == Some(true) && *index >= raised_from)
        .map(|(index, point)| Found { index, observed: counts[index], point, method: name })
        .collect()
}

/// Evaluates every daily series with a report in the latest days, and its
/// weekly sums (complete weeks ending today; only the current week raises).
async fn detect(state: &App, source: SeriesSource, outcome: &mut AlertRun) -> Result<(), DbError> {
    let settings = &state.settings().alerts;
    let phase1 = presets::CUSUM_PHASE1_DAYS;
    let n = phase1 + settings.monitor_days as usize;
    let today = aman_db::day_number(state.today());
    let first = today - n as i64 + 1;
    let mut series: BTreeMap<(String, String), Vec<u64>> = BTreeMap::new();
    for c in state.db().daily_counts(source, first, today).await? {
        let counts = series.entry((c.area, c.category)).or_insert_with(|| vec![0; n]);
        counts[(c.day - first) as usize] = c.count.max(0) as u64;
    }
    let raised_from = n.saturating_sub(settings.lookback_days as usize);
    let mut raised: Vec<(&str, &str, i64, Found)> = Vec::new();
    for ((area, category), counts) in &series {
        if counts[raised_from..].iter().all(|&c| c == 0) {
            continue;
        }
        outcome.series += 1;
        let mut found: Vec<(i64, Found)> = alarms(counts, Frequency::Day, phase1, raised_from, settings)
            .into_iter()
            .map(|f| (first + f.index as i64, f))
            .collect();
        // The weekly sums speak only when no single day did.
        if found.is_empty() {
            let week_start = n % 7;
            let weekly: Vec<u64> = counts[week_start..].chunks(7).map(|week| week.iter().sum()).collect();
            let weeks = weekly.len();
            for f in alarms(&weekly, Frequency::Week, 52, weeks - 1, settings) {
                found.push((first + (week_start + f.index * 7 + 6) as i64, f));
            }
        }
        raised.extend(found.into_iter().map(|(day, f)| (area.as_str(), category.as_str(), day, f)));
    }
    // One cluster raises one alert, at the deepest level that explains it:
    // an area's alarm on a day when an area below it alarms for the same
    // category is that one's, seen again in the sums above it (the alert
    // below is listed among the area's `children`).
    let explained: Vec<bool> = raised
        .iter()
        .map(|(area, category, day, _)| {
            raised.iter().any(|(below, c, d, _)| {
                c == category && d == day && below.len() > area.len() && below.starts_with(area)
            })
        })
        .collect();
    for ((area, category, day, f), explained) in raised.into_iter().zip(explained) {
        if explained {
            continue;
        }
        let alarm = AlarmRecord {
            source,
            area,
            category,
            method: f.method,
            day,
            observed: f.observed as i64,
            expected: f.point.expected,
            threshold: f.point.threshold,
            score: f.point.score,
        };
        let open = state.db().open_alert(source, area, category).await?;
        match alert::episode(open, alarm.day, settings.episode_gap_days) {
            Episode::Continue(id) => {
                state.db().continue_alert(id, &alarm, state.now_ms()).await?;
                outcome.continued += 1;
            }
            Episode::Start => {
                let mut tx = state.db().begin().await?;
                let id = tx.insert_alert(&alarm, state.now_ms()).await?;
                let detail = format!("{source} {category} in {area}", source = source.as_str());
                state.audit_in(&mut tx, None, "alert.raise", &format!("alert:{id}"), &detail).await?;
                tx.commit().await?;
                outcome.new_alerts += 1;
            }
        }
    }
    Ok(())
}

/// Sends each alert nobody acknowledged in time one level up.
async fn escalate(state: &App) -> Result<u64, DbError> {
    let settings = &state.settings().alerts;
    let cutoff = state.now_ms() - settings.escalate_after_hours * 3_600_000;
    let mut escalated = 0;
    for alert in state.db().alerts_to_escalate(cutoff).await? {
        let current = alert.escalated_to.as_ref().unwrap_or(&alert.area);
        let Some(parent) = state.areas().get(current.as_str()).and_then(|a| a.parent.clone()) else { continue };
        let Some(parent) = Pcode::parse(&parent) else { continue };
        let mut tx = state.db().begin().await?;
        if tx.escalate_alert(alert.id, &parent, state.now_ms()).await? {
            let subject = format!("alert:{}", alert.id);
            state.audit_in(&mut tx, None, "alert.escalate", &subject, &format!("to {parent}")).await?;
            tx.commit().await?;
            escalated += 1;
        }
    }
    Ok(escalated)
}

/// Whether a staff member may see an alert: its area is within their grant
/// and its category visible to them.
fn visible(staff: &Actor, alert: &AlertRecord) -> bool {
    staff.grant().allows(Action::ViewConcerns, &alert.area, alert.category)
}

/// The filters a list accepts.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct AlertQuery {
    pub area: String,
    pub category: String,
    pub status: String,
    pub source: String,
    /// `1` (or `true`): open alerts only.
    pub open: String,
}

pub async fn list(state: &App, staff: &Actor, query: &AlertQuery) -> Result<Vec<AlertRecord>, Error> {
    if !staff.user.role.may(Action::ViewConcerns) {
        return Err(Error::Forbidden);
    }
    let own = staff.user.area.as_str();
    let area = query.area.trim();
    let prefix = if area.is_empty() || !area.starts_with(own) { own.to_owned() } else { area.to_owned() };
    let pick = |value: &str, valid: bool| (!value.is_empty() && valid).then(|| value.to_owned());
    let filter = AlertFilter {
        area_prefix: prefix,
        category: pick(&query.category, Category::from_code(&query.category).is_some()),
        status: pick(&query.status, AlertStatus::from_code(&query.status).is_some()),
        source: pick(&query.source, SeriesSource::from_code(&query.source).is_some()),
        open_only: matches!(query.open.as_str(), "1" | "true"),
        limit: 200,
    };
    let alerts = state.db().alerts(&filter).await?;
    Ok(alerts.into_iter().filter(|a| visible(staff, a)).collect())
}

/// An alert with what raised it: the concerns in its series over its days
/// (for an alert on imported events, none), and the alerts raised below it
/// in the same days and category.
pub struct AlertDetail {
    pub alert: AlertRecord,
    pub concerns: Vec<i64>,
    pub children: Vec<AlertRecord>,
}

pub async fn detail(state: &App, staff: &Actor, id: i64) -> Result<AlertDetail, Error> {
    if !staff.user.role.may(Action::ViewConcerns) {
        return Err(Error::Forbidden);
    }
    let alert = state.db().alert(id).await?.filter(|a| visible(staff, a)).ok_or(Error::NotFound)?;
    let (first, last) = (aman_db::day_number(alert.first_day), aman_db::day_number(alert.last_day));
    // A weekly alarm is dated by the last day of its week.
    let first = if alert.method.weekly { first - 6 } else { first };
    let concerns = match alert.source {
        SeriesSource::Concerns | SeriesSource::Flagged => {
            state.db().concerns_counted(alert.source, alert.area.as_str(), alert.category, first, last).await?
        }
        SeriesSource::Events => Vec::new(),
    };
    let filter = AlertFilter {
        area_prefix: alert.area.as_str().to_owned(),
        category: Some(alert.category.as_str().to_owned()),
        status: None,
        source: Some(alert.source.as_str().to_owned()),
        open_only: false,
        limit: 200,
    };
    let children = state
        .db()
        .alerts(&filter)
        .await?
        .into_iter()
        .filter(|a| {
            a.id != alert.id && a.area != alert.area && a.first_day <= alert.last_day && a.last_day >= alert.first_day
        })
        .filter(|a| visible(staff, a))
        .collect();
    Ok(AlertDetail { alert, concerns, children })
}

/// A requested move of an alert.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlertMove {
    pub to: String,
    pub reason: String,
    /// The version the staff member saw; a newer one answers `edit_conflict`.
    pub version: Option<i64>,
}

pub async fn move_alert(state: &App, staff: &Actor, id: i64, request: &AlertMove) -> Result<AlertRecord, Error> {
    let alert = state.db().alert(id).await?.filter(|a| visible(staff, a)).ok_or(Error::NotFound)?;
    if !staff.user.role.may(Action::RespondToAlerts) {
        return Err(Error::Forbidden);
    }
    if request.version.is_some_and(|seen| seen != alert.version) {
        return Err(Error::EditConflict);
    }
    let to = AlertStatus::from_code(request.to.trim()).ok_or_else(|| Error::field("to", "unknown_status"))?;
    let reason = text::clean(&request.reason);
    if to.needs_reason() && reason.is_empty() {
        return Err(Error::field("reason", "required"));
    }
    if !alert.status.next().contains(&to) {
        return Err(Error::IllegalTransition);
    }
    let key = state.keys().audit_key();
    let detail = format!("{} -> {}", alert.status.as_str(), to.as_str());
    let event = state.audit_event(Some(staff.user.id), "alert.transition", &format!("alert:{id}"), &detail);
    let reason = (!reason.is_empty()).then_some(reason.as_str());
    state.db().move_alert(&alert, to, reason, state.now_ms(), Audit { key: &key, event }).await?;
    state.db().alert(id).await?.ok_or(Error::NotFound)
}
