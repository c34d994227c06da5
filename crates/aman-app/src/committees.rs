//! Joint community security committees in the server: the operations the
//! JSON API (routes below) and the pages share — committees of an area and
//! their composition, members, issues grouping concerns, meetings with
//! agenda, attendance (and quorum), minutes, ballots and the priority list
//! computed from them with each constituency's own ranking kept. Every
//! change is recorded in the audit log. The rules are `aman_core::committee`.

use crate::Actor;
use crate::App;
use crate::Error;
use crate::items;
use aman_core::area::Pcode;
use aman_core::committee::composition::{self, CompositionReport, CompositionRule, Constituency, Member, Sex};
use aman_core::committee::meeting::{self, Attendance, QuorumReport, QuorumRule};
use aman_core::committee::ranking::{self, Ballot, Method, Prioritisation};
use aman_core::lifecycle::Status;
use aman_core::role::Action;
use aman_core::text;
use aman_db::{CommitteeRecord, MeetingRecord, MemberRecord, OrganisationRecord};
use serde::Deserialize;

/// A committee the staff member may see (its area within their grant), for
/// `action`.
pub async fn load(state: &App, staff: &Actor, id: i64, action: Action) -> Result<CommitteeRecord, Error> {
    if !staff.user.role.may(Action::ViewCommittees) {
        return Err(Error::Forbidden);
    }
    let committee =
        state.db().committee(id).await?.filter(|c| staff.user.area.covers(&c.area)).ok_or(Error::NotFound)?;
    if !staff.user.role.may(action) {
        return Err(Error::Forbidden);
    }
    Ok(committee)
}

/// The area a listing asks for, kept within the actor's own: a request for
/// an area outside it (or for none, or for something that is no P-code) is
/// answered for the actor's area.
pub fn listing_area(actor: &Actor, requested: &str) -> Pcode {
    Pcode::parse(requested.trim())
        .filter(|area| actor.user.area.covers(area))
        .unwrap_or_else(|| actor.user.area.clone())
}

/// The committees of an area within the actor's, with their members.
pub async fn list(state: &App, actor: &Actor, area: &str) -> Result<Vec<(CommitteeRecord, Vec<MemberRecord>)>, Error> {
    if !actor.user.role.may(Action::ViewCommittees) {
        return Err(Error::Forbidden);
    }
    let mut list = Vec::new();
    for committee in state.db().committees(listing_area(actor, area).as_str()).await? {
        let members = state.db().members(committee.id).await?;
        list.push((committee, members));
    }
    Ok(list)
}

/// The organisations serving an area within the actor's (or above it: a
/// governorate directorate serves its districts); never another area's.
pub async fn organisations(state: &App, actor: &Actor, area: &str) -> Result<Vec<OrganisationRecord>, Error> {
    if !actor.user.role.may(Action::ViewCommittees) {
        return Err(Error::Forbidden);
    }
    Ok(state.db().organisations(listing_area(actor, area).as_str()).await?)
}

pub fn rule(committee: &CommitteeRecord) -> CompositionRule {
    serde_json::from_str(&committee.rule).unwrap_or_default()
}

fn member(record: &MemberRecord) -> Member {
    Member { constituency: record.constituency, sex: record.sex }
}

/// The composition of the active members against the committee's rule (a
/// warning, never a block).
pub fn composition(committee: &CommitteeRecord, members: &[MemberRecord]) -> CompositionReport {
    let active: Vec<Member> = members.iter().filter(|m| m.active).map(member).collect();
    composition::check(&rule(committee), &active)
}

pub fn quorum(members: &[MemberRecord], meeting: &MeetingRecord) -> QuorumReport {
    let attendance: Vec<Attendance> = members
        .iter()
        .filter(|m| m.active)
        .map(|m| Attendance {
            member: member(m),
            present: meeting.attendance.iter().any(|(id, present)| *id == m.id && *present),
        })
        .collect();
    meeting::quorum(&QuorumRule::default(), &attendance)
}

pub(crate) fn required(field: &str, value: &str, max: usize) -> Result<String, Error> {
    let value = text::clean(value);
    if value.is_empty() {
        return Err(Error::field(field, "required"));
    }
    if value.chars().count() > max {
        return Err(Error::field(field, "too_long"));
    }
    Ok(value)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewCommittee {
    pub area: String,
    pub name: String,
    pub rule: Option<CompositionRule>,
}

pub async fn create(state: &App, staff: &Actor, input: &NewCommittee) -> Result<i64, Error> {
    if !staff.user.role.may(Action::ManageCommittees) {
        return Err(Error::Forbidden);
    }
    let area = Pcode::parse(input.area.trim())
        .filter(|p| state.areas().get(p.as_str()).is_some())
        .ok_or_else(|| Error::field("area", "unknown_area"))?;
    if !staff.user.area.covers(&area) {
        return Err(Error::Forbidden);
    }
    let name = required("name", &input.name, 200)?;
    let rule = input.rule.clone().unwrap_or_default();
    if !rule.is_valid() {
        return Err(Error::field("rule", "out_of_range"));
    }
    let rule = serde_json::to_string(&rule).map_err(Error::internal)?;
    let mut tx = state.db().begin().await?;
    let id = tx.create_committee(&area, &name, &rule, state.now_ms()).await?;
    state.audit_in(&mut tx, Some(staff.user.id), "committee.create", &format!("committee:{id}"), area.as_str()).await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMember {
    pub name: String,
    pub constituency: String,
    pub sex: String,
    pub organisation_id: Option<i64>,
}

pub async fn add_member(state: &App, staff: &Actor, committee: i64, input: &NewMember) -> Result<i64, Error> {
    load(state, staff, committee, Action::ManageCommittees).await?;
    let name = required("name", &input.name, 200)?;
    let constituency = Constituency::from_code(input.constituency.trim())
        .ok_or_else(|| Error::field("constituency", "unknown_constituency"))?;
    let sex = Sex::from_code(input.sex.trim()).ok_or_else(|| Error::field("sex", "unknown_sex"))?;
    if let Some(organisation) = input.organisation_id
        && state.db().organisation(organisation).await?.is_none()
    {
        return Err(Error::field("organisation_id", "unknown_organisation"));
    }
    let mut tx = state.db().begin().await?;
    let id = tx.add_member(committee, &name, constituency, sex, input.organisation_id, state.now_ms()).await?;
    let detail = format!("{} ({})", constituency.as_str(), sex.as_str());
    let subject = format!("committee:{committee}");
    state.audit_in(&mut tx, Some(staff.user.id), "committee.member_add", &subject, &detail).await?;
    tx.commit().await?;
    Ok(id)
}

/// Checks item keys (`concern:ID`, `issue:ID`, `alert:ID`): each must exist
/// within the committee's area (an issue: of this committee) and be one the
/// actor may see (`crate::items`); anything else is `unknown_item` on `field`,
/// whether it exists or not.
pub(crate) async fn check_items(
    state: &App,
    actor: &Actor,
    committee: &CommitteeRecord,
    items: &[String],
    field: &str,
) -> Result<(), Error> {
    let issues = state.db().issues(committee.id).await?;
    for item in items {
        let known = match item.strip_prefix("issue:") {
            Some(id) => id.parse::<i64>().is_ok_and(|id| issues.iter().any(|i| i.id == id)),
            None => items::may_link(state, actor, &committee.area, item).await?,
        };
        if !known {
            return Err(Error::field(field, "unknown_item"));
        }
    }
    Ok(())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewIssue {
    pub title: String,
    pub concerns: Vec<i64>,
}

pub async fn create_issue(state: &App, staff: &Actor, committee: i64, input: &NewIssue) -> Result<i64, Error> {
    let record = load(state, staff, committee, Action::ManageCommittees).await?;
    let title = required("title", &input.title, 300)?;
    let keys: Vec<String> = input.concerns.iter().map(|c| format!("concern:{c}")).collect();
    check_items(state, staff, &record, &keys, "concerns").await?;
    let mut tx = state.db().begin().await?;
    let id = tx.create_issue(committee, &title, &input.concerns, state.now_ms()).await?;
    state.audit_in(&mut tx, Some(staff.user.id), "committee.issue_create", &format!("issue:{id}"), &title).await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMeeting {
    pub held_on: String,
    pub place: String,
    /// Item keys, in order: `concern:ID`, `issue:ID`, `alert:ID`.
    pub agenda: Vec<String>,
}

pub async fn create_meeting(state: &App, staff: &Actor, committee: i64, input: &NewMeeting) -> Result<i64, Error> {
    let record = load(state, staff, committee, Action::ManageCommittees).await?;
    let held_on = text::date(&input.held_on).ok_or_else(|| Error::field("held_on", "invalid_date"))?;
    let place = required("place", &input.place, 300)?;
    check_items(state, staff, &record, &input.agenda, "agenda").await?;
    let mut tx = state.db().begin().await?;
    let id = tx.create_meeting(committee, held_on, &place, &input.agenda, state.now_ms()).await?;
    let detail = format!("committee:{committee}");
    state.audit_in(&mut tx, Some(staff.user.id), "meeting.create", &format!("meeting:{id}"), &detail).await?;
    tx.commit().await?;
    Ok(id)
}

/// A meeting with its committee (checked like the committee).
pub async fn load_meeting(
    state: &App,
    staff: &Actor,
    id: i64,
    action: Action,
) -> Result<(CommitteeRecord, MeetingRecord), Error> {
    let meeting = state.db().meeting(id).await?.ok_or(Error::NotFound)?;
    let committee = load(state, staff, meeting.committee_id, action).await?;
    Ok((committee, meeting))
}

pub async fn set_attendance(state: &App, staff: &Actor, id: i64, present: &[i64]) -> Result<(), Error> {
    let (committee, _) = load_meeting(state, staff, id, Action::ManageCommittees).await?;
    let members = state.db().members(committee.id).await?;
    if present.iter().any(|p| !members.iter().any(|m| m.id == *p)) {
        return Err(Error::field("present", "unknown_member"));
    }
    let attendance: Vec<(i64, bool)> =
        members.iter().filter(|m| m.active).map(|m| (m.id, present.contains(&m.id))).collect();
    let mut tx = state.db().begin().await?;
    tx.set_attendance(id, &attendance).await?;
    let detail = format!("{} of {} present", present.len(), attendance.len());
    state.audit_in(&mut tx, Some(staff.user.id), "meeting.attendance", &format!("meeting:{id}"), &detail).await?;
    Ok(tx.commit().await?)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Minutes {
    pub minutes: String,
    pub decisions: String,
    pub version: Option<i64>,
}

pub async fn set_minutes(state: &App, staff: &Actor, id: i64, input: &Minutes) -> Result<(), Error> {
    let (_, meeting) = load_meeting(state, staff, id, Action::ManageCommittees).await?;
    let (minutes, decisions) = (text::clean(&input.minutes), text::clean(&input.decisions));
    if minutes.chars().count() > 20_000 || decisions.chars().count() > 20_000 {
        return Err(Error::field("minutes", "too_long"));
    }
    let mut tx = state.db().begin().await?;
    tx.set_minutes(id, input.version.unwrap_or(meeting.version), &minutes, &decisions).await?;
    state.audit_in(&mut tx, Some(staff.user.id), "meeting.minutes", &format!("meeting:{id}"), "").await?;
    Ok(tx.commit().await?)
}

/// The items a meeting ranks: its agenda's concerns and issues.
pub fn rankable(meeting: &MeetingRecord) -> Vec<String> {
    meeting.agenda.iter().filter(|i| i.starts_with("concern:") || i.starts_with("issue:")).cloned().collect()
}

/// Of the agenda's rankable items, those members may rank: issues, and
/// concerns verified and still open (verified, prioritised or in action).
async fn verified(state: &App, items: Vec<String>) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    for item in items {
        let rankable = match item.strip_prefix("concern:").and_then(|id| id.parse::<i64>().ok()) {
            Some(id) => state
                .db()
                .concern(id)
                .await?
                .is_some_and(|c| matches!(c.status, Status::Verified | Status::Prioritised | Status::InAction)),
            None => true,
        };
        if rankable {
            out.push(item);
        }
    }
    Ok(out)
}

pub async fn set_ballot(state: &App, staff: &Actor, id: i64, member: i64, ranking: &[String]) -> Result<(), Error> {
    let (committee, meeting) = load_meeting(state, staff, id, Action::ManageCommittees).await?;
    let members = state.db().members(committee.id).await?;
    if !members.iter().any(|m| m.id == member && m.active) {
        return Err(Error::field("member", "unknown_member"));
    }
    if !meeting.attendance.iter().any(|&(m, present)| m == member && present) {
        return Err(Error::field("member", "not_present"));
    }
    let items = verified(state, rankable(&meeting)).await?;
    let mut seen = std::collections::BTreeSet::new();
    if ranking.is_empty() || !ranking.iter().all(|r| items.contains(r) && seen.insert(r)) {
        return Err(Error::field("ranking", "invalid_ranking"));
    }
    let ranking = serde_json::to_string(ranking).map_err(Error::internal)?;
    let mut tx = state.db().begin().await?;
    tx.set_ballot(id, member, &ranking).await?;
    let detail = format!("member:{member}");
    state.audit_in(&mut tx, Some(staff.user.id), "meeting.ballot", &format!("meeting:{id}"), &detail).await?;
    Ok(tx.commit().await?)
}

/// Counts the ballots with `method` and stores the committee's list and each
/// constituency's own ranking.
pub async fn prioritise(state: &App, staff: &Actor, id: i64, method: &str) -> Result<Prioritisation<String>, Error> {
    let (committee, meeting) = load_meeting(state, staff, id, Action::ManageCommittees).await?;
    let method = Method::from_code(method.trim()).ok_or_else(|| Error::field("method", "unknown_method"))?;
    let members = state.db().members(committee.id).await?;
    // What may be ranked now: a concern ranked on a ballot may since have
    // been found a duplicate, or closed; the ballots rank what is left.
    let items = verified(state, rankable(&meeting)).await?;
    let mut ballots = Vec::new();
    for (member_id, ranking) in state.db().ballots(id).await? {
        let Some(m) = members.iter().find(|m| m.id == member_id) else { continue };
        let mut ranking: Vec<String> = serde_json::from_str(&ranking).map_err(Error::internal)?;
        ranking.retain(|item| items.contains(item));
        ballots.push(Ballot { constituency: member(m).constituency, ranking });
    }
    if ballots.is_empty() {
        return Err(Error::field("ballots", "required"));
    }
    let result = ranking::prioritise(method, &items, &ballots).map_err(Error::internal)?;
    let stored = serde_json::to_string(&result).map_err(Error::internal)?;
    let mut tx = state.db().begin().await?;
    tx.set_priorities(id, method.as_str(), &stored, state.now_ms()).await?;
    let detail = format!("{} from {} ballots", method.as_str(), result.ballots);
    state.audit_in(&mut tx, Some(staff.user.id), "meeting.prioritise", &format!("meeting:{id}"), &detail).await?;
    tx.commit().await?;
    Ok(result)
}

// ---- JSON API ----
