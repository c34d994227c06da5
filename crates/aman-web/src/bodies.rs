//! The JSON API's contract: every body a route answers (and the requests it
//! reads that are not the application's own input types) as a Rust type.
//! Handlers build these, never `json!` literals, so a renamed field is a
//! compile error; the black-box tests read every answer back into its type
//! and fail if the JSON holds anything the type does not describe.

use aman_app::accountability::Accountability;
use aman_core::alert::AlertMethod;
use aman_core::committee::action::ActionStatus;
use aman_core::committee::composition::{CompositionReport, CompositionRule, Constituency, Sex};
use aman_core::committee::meeting::QuorumReport;
use aman_core::committee::ranking::Prioritisation;
use aman_core::committee::referral::{EscalationLevel, ReferralStatus, Severity};
use aman_core::concern::Contact;
use aman_geo::Area;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A time as RFC 3339 (UTC), from unix milliseconds.
pub fn time(ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms).map(|t| t.to_rfc3339()).unwrap_or_default()
}

/// Arabic and English names of a place or an organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Names {
    pub ar: String,
    pub en: String,
    /// Sorani, where known (areas).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ckb: Option<String>,
    /// Kurmanji, where known (areas).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kmr: Option<String>,
}

impl Names {
    /// An organisation's names (Arabic and English).
    pub fn pair(ar: String, en: String) -> Names {
        Names { ar, en, ckb: None, kmr: None }
    }

    /// Every name of an area.
    pub fn of(area: &Area) -> Names {
        Names {
            ar: area.name_ar.clone(),
            en: area.name_en.clone(),
            ckb: area.name_ckb.clone(),
            kmr: area.name_kmr.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AreaBody {
    pub pcode: String,
    pub level: u8,
    pub parent: Option<String>,
    pub name: Names,
}

impl From<&Area> for AreaBody {
    fn from(area: &Area) -> AreaBody {
        AreaBody { pcode: area.pcode.clone(), level: area.level, parent: area.parent.clone(), name: Names::of(area) }
    }
}

/// `POST /concerns`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Submitted {
    pub receipt: String,
    pub status: String,
    pub area: AreaBody,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Update {
    pub at: String,
    pub text: String,
}

/// An action on the reporter's concern, as the reporter sees it.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReporterActionBody {
    pub id: i64,
    pub title: String,
    pub organisation: Names,
    pub due_on: NaiveDate,
    pub status: ActionStatus,
}

/// `GET /receipts/{receipt}`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReceiptStatus {
    pub status: String,
    pub category: String,
    pub area: Option<AreaBody>,
    pub submitted_at: String,
    pub updated_at: String,
    pub updates: Vec<Update>,
    pub actions: Vec<ReporterActionBody>,
    pub on_agenda: Vec<NaiveDate>,
    /// The conversation with staff, oldest first.
    pub messages: Vec<MessageBody>,
}

/// `GET /concerns/{id}/attachments`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AttachmentList {
    pub attachments: Vec<AttachmentBody>,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AttachmentBody {
    pub id: i64,
    pub content_type: String,
    pub size: i64,
}

/// One message between staff and the reporter.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MessageBody {
    pub at: String,
    /// `staff` or `reporter`.
    pub from: String,
    pub body: String,
}

/// `GET /areas`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AreaList {
    pub areas: Vec<AreaBody>,
}

/// `GET /areas/geocode`: the areas a text names, best first.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Geocoded {
    pub candidates: Vec<GeocodeCandidate>,
}

/// One area a text may name.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct GeocodeCandidate {
    #[schema(example = "IQG08Q05")]
    pub pcode: String,
    /// 1 governorate, 2 district, 3 sub-district.
    pub level: u8,
    /// The area's Arabic name.
    pub name: String,
    /// 0 to 1, higher is more certain.
    pub score: f64,
}

/// `GET /locate`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Located {
    pub area: AreaBody,
    pub path: Vec<AreaBody>,
}

/// `GET /areas/{pcode}`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AreaDetail {
    pub area: AreaBody,
    pub path: Vec<AreaBody>,
    pub children: Vec<AreaBody>,
}

/// `POST /sessions` (request).
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Credentials {
    pub email: String,
    pub password: String,
    /// The TOTP code, for accounts with a second factor.
    #[serde(default)]
    pub code: String,
}

/// `POST /sessions`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SessionOpened {
    pub token: String,
    pub idle_timeout_minutes: i64,
    pub absolute_timeout_hours: i64,
}

/// A concern in the staff queue.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ConcernSummary {
    pub id: i64,
    pub category: String,
    pub status: String,
    pub area: Option<AreaBody>,
    pub description: String,
    pub occurred_on: NaiveDate,
    pub language: String,
    pub duplicate_of: Option<i64>,
    pub submitted_at: String,
    pub updated_at: String,
    pub version: i64,
    /// The staff member it is assigned to.
    pub assignee_id: Option<i64>,
    /// The door it came through: web, sms, rapidpro, odk, assisted, open311, import.
    pub channel: String,
    /// Filed on a resident's behalf: how they consented and to what
    /// (e.g. `spoken: contact, referral`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<String>,
}

/// `GET /concerns`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ConcernPage {
    /// How many concerns match, counted up to 10,000, or up to 1,000 for a
    /// search by words (see `more`).
    pub total: i64,
    /// More than `total` concerns match: the count stops there.
    pub more: bool,
    pub page: i64,
    pub page_size: i64,
    pub concerns: Vec<ConcernSummary>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Point {
    pub lat: f64,
    pub lon: f64,
}

/// The reporter's identity, present only for roles that may see it (both
/// keys are then present, each possibly null).
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct IdentityBody {
    #[serde(deserialize_with = "present")]
    pub contact: Option<Contact>,
    #[serde(deserialize_with = "present")]
    pub point: Option<Point>,
}

/// A nullable field that must be present.
fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    Option::deserialize(d)
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct HistoryEntry {
    pub kind: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub text: Option<String>,
    pub public: bool,
    pub by: Option<String>,
    pub at: String,
}

/// `GET /concerns/{id}`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ConcernDetail {
    #[serde(flatten)]
    pub concern: ConcernSummary,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub identity: Option<IdentityBody>,
    pub allowed_transitions: Vec<String>,
    pub history: Vec<HistoryEntry>,
    pub tags: Vec<String>,
    pub assignee: Option<Assignee>,
}

/// Who a concern is assigned to.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Assignee {
    pub id: i64,
    pub name: String,
}

/// `PUT /concerns/{id}/assignee`.
#[derive(Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AssigneeRequest {
    /// `null` to unassign.
    #[serde(default)]
    pub user_id: Option<i64>,
}

/// `PUT /concerns/{id}/tags`.
#[derive(Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TagsRequest {
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub actor: Option<i64>,
    pub action: String,
    pub subject: String,
    pub detail: String,
    pub hash: String,
}

/// `GET /audit`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AuditPage {
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
    pub entries: Vec<AuditEntry>,
}

/// An early-warning alert.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AlertBody {
    pub id: i64,
    pub source: String,
    pub area: String,
    pub category: String,
    pub method: AlertMethod,
    pub status: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub observed: i64,
    pub expected: Option<f64>,
    pub threshold: Option<f64>,
    pub score: Option<f64>,
    pub escalated_to: Option<String>,
    pub reason: Option<String>,
    pub allowed_transitions: Vec<String>,
    pub version: i64,
}

/// `GET /alerts/{id}`: the alert, the concerns that raised it, the alerts below it.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AlertDetailBody {
    #[serde(flatten)]
    pub alert: AlertBody,
    pub concerns: Vec<i64>,
    pub children: Vec<AlertBody>,
}

/// `GET /alerts`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AlertList {
    pub alerts: Vec<AlertBody>,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SurveySummary {
    pub id: String,
    pub version: String,
    pub title: String,
}

/// `GET /surveys`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SurveyList {
    pub surveys: Vec<SurveySummary>,
}

/// One group's estimate; a suppressed group carries no values.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct EstimateBody {
    pub domain: String,
    /// `None` for a hidden group: its size is not published either.
    pub n: Option<usize>,
    pub df: usize,
    pub suppressed: bool,
    pub estimate: Option<f64>,
    pub se: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
}

/// `GET /surveys/{id}/estimates`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Estimates {
    pub survey: String,
    pub var: String,
    pub value: String,
    pub by: String,
    pub estimates: Vec<EstimateBody>,
}

/// The id of what a `POST` created.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Created {
    pub id: i64,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MemberBody {
    pub id: i64,
    pub name: String,
    pub constituency: Constituency,
    pub sex: Sex,
    pub organisation_id: Option<i64>,
    pub active: bool,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CommitteeBody {
    pub id: i64,
    pub area: String,
    pub name: String,
    pub rule: CompositionRule,
    pub composition: CompositionReport,
    pub members: Vec<MemberBody>,
}

/// `GET /committees`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CommitteeList {
    pub committees: Vec<CommitteeBody>,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MeetingSummary {
    pub id: i64,
    pub held_on: NaiveDate,
    pub place: String,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct IssueBody {
    pub id: i64,
    pub title: String,
    /// The concerns the reader may see.
    pub concerns: Vec<i64>,
    /// How many more concerns, confidential to the reader, the issue groups.
    pub confidential_concerns: usize,
}

/// `GET /committees/{id}`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CommitteeDetail {
    #[serde(flatten)]
    pub committee: CommitteeBody,
    pub meetings: Vec<MeetingSummary>,
    pub issues: Vec<IssueBody>,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AttendanceBody {
    pub member_id: i64,
    pub present: bool,
}

/// The stored priority list of a meeting.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PrioritiesBody {
    pub method: String,
    pub result: Option<Prioritisation<String>>,
}

/// `GET /meetings/{id}`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MeetingBody {
    pub id: i64,
    pub committee_id: i64,
    pub held_on: NaiveDate,
    pub place: String,
    pub agenda: Vec<String>,
    pub attendance: Vec<AttendanceBody>,
    pub quorum: QuorumReport,
    pub minutes: String,
    pub decisions: String,
    pub version: i64,
    pub priorities: Option<PrioritiesBody>,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OrganisationBody {
    pub id: i64,
    pub kind: String,
    pub name: Names,
    pub area: String,
    pub categories: Vec<String>,
    pub confidential: Vec<String>,
    pub contact: String,
}

/// `GET /organisations`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OrganisationList {
    pub organisations: Vec<OrganisationBody>,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ActionBody {
    pub id: i64,
    pub committee_id: i64,
    pub title: String,
    pub owner_id: i64,
    pub partners: Vec<i64>,
    pub due_on: NaiveDate,
    pub status: ActionStatus,
    pub items: Vec<String>,
    pub version: i64,
}

/// `GET /committees/{id}/actions`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ActionList {
    pub actions: Vec<ActionBody>,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ActionUpdateBody {
    pub status: ActionStatus,
    pub body: String,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Confirmations {
    pub better: i64,
    pub disputed: i64,
}

/// `GET /actions/{id}`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ActionDetail {
    #[serde(flatten)]
    pub action: ActionBody,
    pub updates: Vec<ActionUpdateBody>,
    pub confirmations: Confirmations,
}

/// A verdict on an action (`recorded` is false when this receipt or member
/// had already given one).
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct VerdictRecorded {
    pub recorded: bool,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReferralBody {
    pub id: i64,
    pub concern_id: i64,
    pub organisation_id: i64,
    pub severity: Severity,
    pub sent_at: String,
    pub deadline_at: String,
    pub status: ReferralStatus,
    pub acknowledged_at: Option<String>,
    pub responded_at: Option<String>,
    pub response: String,
    pub escalation: EscalationLevel,
    pub version: i64,
    /// In an organisation's inbox: what it needs to act.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concern: Option<ReferredConcern>,
}

/// The concern a referral is about, as the receiving organisation reads it
/// (never the reporter's identity or exact point).
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReferredConcern {
    pub id: i64,
    pub description: String,
    pub category: String,
    /// The area (to sub-district) as a P-code, and its name.
    pub area: String,
    pub area_name: Names,
    /// The referral's severity: `urgent` or `normal`.
    pub urgency: Severity,
    /// The day the answer is due (Iraq time).
    pub due_on: NaiveDate,
}

/// `GET /referrals`, `GET /concerns/{id}/referrals`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReferralList {
    pub referrals: Vec<ReferralBody>,
}

/// `GET /public/accountability`.
pub type AccountabilityBody = Accountability;

/// Every error: `{"error": {...}}`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
    /// Field → translated message.
    pub fields: std::collections::BTreeMap<String, String>,
    /// Field → stable field error code.
    pub field_codes: std::collections::BTreeMap<String, String>,
}
