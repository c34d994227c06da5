//! The operations on concerns that pages and the API share: submitting one
//! (validate, locate, seal the identity, store durably, hand out a receipt),
//! reading it back as a reporter or as staff, and triage.

use crate::Actor;
use crate::App;
use crate::Error;
use crate::random;
use aman_core::area::Pcode;
use aman_core::concern::{self, Channel, ConcernInput, Contact, NewConcern, Place};
use aman_core::lifecycle::Status;
use aman_core::receipt::{self, Receipt};
use aman_core::role::Action;
use aman_core::text;
use aman_db::{ConcernEvent, ConcernRecord, DbError, EventKind, NewEvent, StoredConcern, Transition};
use aman_geo::Area;

pub const NOTE_MAX_CHARS: usize = 2000;

/// What the reporter is told after submitting.
pub struct Submitted {
    pub receipt: Receipt,
    pub area: Area,
}

/// The longest idempotency key accepted; the shortest is 16 characters, so
/// that a key is not guessed (its receipt is the concern's only key).
pub const IDEMPOTENCY_KEY_CHARS: std::ops::RangeInclusive<usize> = 16..=200;

/// How a concern arrives beside what it says: its door, the idempotency key
/// the door sent, and for one filed on a resident's behalf their consent.
#[derive(Debug, Clone, Copy)]
pub struct Arrival<'a> {
    pub channel: Channel,
    pub idempotency: Option<&'a str>,
    pub consent: Option<&'a str>,
}

impl<'a> Arrival<'a> {
    /// Through the web form or the API.
    pub fn web(idempotency: Option<&'a str>) -> Arrival<'a> {
        Arrival { channel: Channel::Web, idempotency, consent: None }
    }
}

/// The content of a concern as sent, for keyed receipts.
fn content_hash(input: &ConcernInput) -> Result<[u8; 32], Error> {
    use sha2::Digest;
    let bytes = serde_json::to_vec(input).map_err(Error::internal)?;
    Ok(<[u8; 32]>::from(sha2::Sha256::digest(&bytes)))
}

/// Checks a concern as sent and places it in its area.
fn checked(state: &App, input: &ConcernInput) -> Result<(NewConcern, Area), Error> {
    let areas = state.areas();
    let concern = concern::parse(input, state.today(), |place| match place {
        Place::Area(pcode) => areas.get(pcode.as_str()).map(|_| pcode.clone()).ok_or("unknown_area"),
        Place::Point { lat, lon } => {
            areas.locate(*lat, *lon).and_then(|area| Pcode::parse(&area.pcode)).ok_or("outside_iraq")
        }
    })
    .map_err(|errors| Error::validation(&errors))?;
    let area = areas.get(concern.area.as_str()).ok_or_else(|| Error::internal("located area vanished"))?.clone();
    Ok((concern, area))
}

/// Validates and stores a concern; answers only once it is durably
/// committed. With an idempotency key, the same key and content within a
/// day answer the same receipt and file one concern.
pub async fn submit(state: &App, input: &ConcernInput, arrival: Arrival<'_>) -> Result<Submitted, Error> {
    let (concern, area) = checked(state, input)?;
    file(state, input, concern, area, arrival).await
}

async fn file(
    state: &App,
    input: &ConcernInput,
    concern: NewConcern,
    area: Area,
    arrival: Arrival<'_>,
) -> Result<Submitted, Error> {
    if let Some(key) = arrival.idempotency {
        return submit_once(state, input, &concern, key, area, arrival).await;
    }
    // A receipt collision (2^-120) is retried rather than reported.
    for _ in 0..3 {
        let receipt = Receipt::from_entropy(random::<{ receipt::ENTROPY_BYTES }>());
        match state.intake().submit(seal(state, &concern, &receipt, arrival, state.now_ms())).await {
            Ok(_) => return Ok(Submitted { receipt, area }),
            Err(DbError::Duplicate) => continue,
            Err(error) => return Err(error.into()),
        }
    }
    Err(Error::internal("three receipt collisions in a row"))
}

/// Files a concern whose receipt was fixed in advance from a key another
/// system gave it: filed the first time, found every time after. True if
/// it is new.
async fn file_keyed(
    state: &App,
    concern: &NewConcern,
    receipt: &Receipt,
    arrival: Arrival<'_>,
    received_at: i64,
) -> Result<bool, Error> {
    if state.db().track(&receipt.keyed_hash(state.keys().receipt_key())).await?.is_some() {
        return Ok(false);
    }
    match state.intake().submit(seal(state, concern, receipt, arrival, received_at)).await {
        Ok(()) => Ok(true),
        Err(DbError::Duplicate) => Ok(false),
        Err(error) => Err(error.into()),
    }
}

/// Files a concern brought from another system's export, once: the same
/// record (its key there and its content) always gets the same receipt, so
/// importing a file again adds nothing. `received_at` is when the other
/// system received it (the concern counts in that month). True if it is new.
pub async fn import(state: &App, input: &ConcernInput, key: &str, received_at: i64) -> Result<bool, Error> {
    let (concern, _) = checked(state, input)?;
    let content = content_hash(input)?;
    let receipt = Receipt::from_entropy(state.keys().idempotent_entropy(key, 0, &content));
    let arrival = Arrival { channel: Channel::Import, idempotency: None, consent: None };
    file_keyed(state, &concern, &receipt, arrival, received_at).await
}

/// How a resident agreed to a caseworker filing for them.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct Consent {
    /// `spoken`, `written` or `thumbprint`.
    pub method: String,
    /// The resident may be contacted by the staff handling the concern.
    pub contact: bool,
    /// The concern may be referred to an organisation that can help.
    pub referral: bool,
    /// The caseworker read the consent text to the resident.
    pub confirmed: bool,
}

impl Consent {
    /// As recorded with the concern, e.g. `spoken: contact, referral`.
    fn record(&self) -> Result<String, Error> {
        if !matches!(self.method.as_str(), "spoken" | "written" | "thumbprint") {
            return Err(Error::field("consent_method", "required"));
        }
        if !self.confirmed {
            return Err(Error::field("consent_confirmed", "required"));
        }
        let agreed: Vec<&str> = [("contact", self.contact), ("referral", self.referral)]
            .into_iter()
            .filter_map(|(what, yes)| yes.then_some(what))
            .collect();
        Ok(format!("{}: {}", self.method, if agreed.is_empty() { "none".to_owned() } else { agreed.join(", ") }))
    }
}

/// How an assisted concern came in, and what keeps it from being filed twice.
#[derive(Debug, Clone, Copy)]
pub enum AssistedBy<'a> {
    /// The staff page: an idempotency key, as the web form's (the same key
    /// and content within a day file one concern).
    Page(Option<&'a str>),
    /// A field device (OpenRosa): the instance id the device gave the
    /// filled-in form names one concern for good, whatever is sent with it.
    Device(&'a str),
}

/// A caseworker or field team member files a concern for a resident who
/// cannot (or would rather not) do it themselves, in their own area, with
/// the resident's consent recorded; the resident gets the receipt. The
/// concern's channel is `assisted` (or `odk` from a device), and the audit
/// log names who filed it.
pub async fn submit_assisted(
    state: &App,
    staff: &Actor,
    input: &ConcernInput,
    consent: &Consent,
    by: AssistedBy<'_>,
) -> Result<Submitted, Error> {
    if !staff.user.role.may(Action::FileAssisted) {
        return Err(Error::Forbidden);
    }
    let consent = consent.record()?;
    let (concern, area) = checked(state, input)?;
    if !staff.user.area.covers(&concern.area) {
        let field = if input.area.is_some() { "area" } else { "lat" };
        return Err(Error::field(field, "outside_your_area"));
    }
    let (submitted, new) = match by {
        AssistedBy::Page(idempotency) => {
            let arrival = Arrival { channel: Channel::Assisted, idempotency, consent: Some(&consent) };
            (file(state, input, concern, area, arrival).await?, true)
        }
        AssistedBy::Device(instance) => {
            let receipt =
                Receipt::from_entropy(state.keys().idempotent_entropy(&format!("odk:{instance}"), 0, &[0; 32]));
            let arrival = Arrival { channel: Channel::Odk, idempotency: None, consent: Some(&consent) };
            let new = file_keyed(state, &concern, &receipt, arrival, state.now_ms()).await?;
            (Submitted { receipt, area }, new)
        }
    };
    if new {
        let tracked = track(state, &submitted.receipt.grouped()).await?;
        state.audit(Some(staff.user.id), "concern.assisted", &format!("concern:{}", tracked.id), &consent).await?;
    }
    Ok(submitted)
}

/// Files a concern sent with an idempotency key once: its receipt comes from
/// the key, the day and the content, so a retry finds the concern filed
/// before (yesterday's too, if less than a day old) instead of filing again.
async fn submit_once(
    state: &App,
    input: &ConcernInput,
    concern: &NewConcern,
    key: &str,
    area: aman_geo::Area,
    arrival: Arrival<'_>,
) -> Result<Submitted, Error> {
    let key = key.trim();
    if !IDEMPOTENCY_KEY_CHARS.contains(&key.chars().count()) || key.chars().any(|c| c.is_control()) {
        return Err(Error::field("idempotency_key", "invalid_idempotency_key"));
    }
    // The content as sent (not as completed: a date left out means "today",
    // which changes at midnight).
    let content = content_hash(input)?;
    let receipt_on = |day: i64| Receipt::from_entropy(state.keys().idempotent_entropy(key, day, &content));
    let today = aman_db::day_number(state.today());
    let earlier = receipt_on(today - 1);
    let filed = state.db().track(&earlier.keyed_hash(state.keys().receipt_key())).await?;
    if filed.is_some_and(|f| f.submitted_at > state.now_ms() - 86_400_000) {
        return Ok(Submitted { receipt: earlier, area });
    }
    let receipt = receipt_on(today);
    match state.intake().submit(seal(state, concern, &receipt, arrival, state.now_ms())).await {
        // Stored now, or by the first of these requests.
        Ok(()) | Err(DbError::Duplicate) => Ok(Submitted { receipt, area }),
        Err(error) => Err(error.into()),
    }
}

fn seal(
    state: &App,
    concern: &NewConcern,
    receipt: &Receipt,
    arrival: Arrival<'_>,
    submitted_at: i64,
) -> StoredConcern {
    let keys = state.keys();
    let receipt_hash = receipt.keyed_hash(keys.receipt_key());
    StoredConcern {
        contact_sealed: concern.contact.as_ref().map(|c| keys.seal_contact(&receipt_hash, c, random())),
        point_sealed: concern.point.map(|p| keys.seal_point(&receipt_hash, p, random())),
        receipt_hash,
        category: concern.category,
        description: concern.description.clone(),
        area: concern.area.clone(),
        occurred_on: concern.occurred_on,
        language: concern.language.as_str().to_owned(),
        submitted_at,
        channel: arrival.channel,
        consent: arrival.consent.map(str::to_owned),
        flagged: state.flagger().assess(&concern.description).flagged,
    }
}

/// Looks a receipt up as its holder typed it.
pub async fn track(state: &App, typed: &str) -> Result<aman_db::TrackRecord, Error> {
    let receipt = Receipt::parse(typed).ok_or_else(|| Error::field("receipt", "invalid_receipt"))?;
    state.db().track(&receipt.keyed_hash(state.keys().receipt_key())).await?.ok_or(Error::NotFound)
}

/// A concern as one staff member may see it.
pub struct StaffView {
    pub record: ConcernRecord,
    pub tags: Vec<String>,
    /// The staff member it is assigned to: id and name.
    pub assignee: Option<(i64, String)>,
    pub area: Area,
    /// `None` when the viewer may not see identities.
    pub identity: Option<Identity>,
    pub events: Vec<ConcernEvent>,
    pub may_triage: bool,
    pub may_update: bool,
}

pub struct Identity {
    pub contact: Option<Contact>,
    pub point: Option<(f64, f64)>,
}

/// Fetches a concern the staff member may act on with `action`. A concern
/// outside their area or category scope is "not found", so its existence is
/// not revealed; a role without the action at all is "forbidden".
pub async fn load(state: &App, staff: &Actor, id: i64, action: Action) -> Result<ConcernRecord, Error> {
    if !staff.user.role.may(action) {
        return Err(Error::Forbidden);
    }
    let record = state.db().concern(id).await?.ok_or(Error::NotFound)?;
    if !staff.grant().allows(Action::ViewConcerns, &record.area, record.category) {
        return Err(Error::NotFound);
    }
    if !staff.grant().allows(action, &record.area, record.category) {
        return Err(Error::Forbidden);
    }
    Ok(record)
}

/// A concern as one staff member may see it: within their role, area and
/// clearance, or, for an organisation's account, a concern referred to that
/// organisation (then without internal notes).
pub async fn staff_view(state: &App, staff: &Actor, id: i64) -> Result<StaffView, Error> {
    let (record, referred_only) = match load(state, staff, id, Action::ViewConcerns).await {
        Ok(record) => (record, false),
        Err(refused @ (Error::NotFound | Error::Forbidden)) => {
            (referred_concern(state, staff, id).await?.ok_or(refused)?, true)
        }
        Err(error) => return Err(error),
    };
    let grant = staff.grant();
    let subject = format!("concern:{id}");
    state.audit(Some(staff.user.id), "concern.view", &subject, "").await?;
    let identity = if grant.allows(Action::ViewIdentity, &record.area, record.category) {
        if record.contact_sealed.is_some() || record.point_sealed.is_some() {
            state.audit(Some(staff.user.id), "identity.view", &subject, "contact and exact point decrypted").await?;
        }
        Some(open_identity(state, &record)?)
    } else {
        None
    };
    let area =
        state.areas().get(record.area.as_str()).cloned().ok_or_else(|| Error::internal("unknown stored area"))?;
    let mut events = state.db().concern_events(id).await?;
    if referred_only {
        // What the reporter was told and where the concern stands; not the
        // staff's own notes, reasons or names.
        events.retain(|e| matches!(e.kind, EventKind::Transition | EventKind::PublicUpdate));
        for event in events.iter_mut().filter(|e| e.kind == EventKind::Transition) {
            event.body = None;
            event.actor_name = None;
        }
    }
    let assignee = match record.assignee_id {
        Some(user) => state.db().user(user).await?.map(|u| (u.id, u.display_name)),
        None => None,
    };
    Ok(StaffView {
        tags: state.db().concern_tags(id).await?,
        assignee,
        may_triage: grant.allows(Action::Triage, &record.area, record.category),
        may_update: grant.allows(Action::PublicUpdate, &record.area, record.category),
        record,
        area,
        identity,
        events,
    })
}

/// Whether an account of the organisation a concern was referred to may see
/// it: wherever the concern is, if its clearance covers the category (a
/// confidential concern only to accounts cleared for it).
pub(crate) fn receiver_sees(staff: &Actor, concern: &ConcernRecord) -> bool {
    staff.grant().may_see_category(concern.category)
}

/// A concern referred to the caller's organisation, if it is one and the
/// caller may see it.
async fn referred_concern(state: &App, staff: &Actor, id: i64) -> Result<Option<ConcernRecord>, Error> {
    let Some(organisation) = staff.user.organisation_id else { return Ok(None) };
    if !state.db().referrals(Some(id), Some(organisation)).await?.is_empty()
        && let Some(concern) = state.db().concern(id).await?
        && receiver_sees(staff, &concern)
    {
        return Ok(Some(concern));
    }
    Ok(None)
}

fn open_identity(state: &App, record: &ConcernRecord) -> Result<Identity, Error> {
    let keys = state.keys();
    let hash = &record.receipt_hash;
    Ok(Identity {
        contact: record
            .contact_sealed
            .as_ref()
            .map(|s| keys.open_contact(hash, s))
            .transpose()
            .map_err(Error::internal)?,
        point: record.point_sealed.as_ref().map(|s| keys.open_point(hash, s)).transpose().map_err(Error::internal)?,
    })
}

/// A request to move a concern along its life-cycle.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoveRequest {
    pub to: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub duplicate_of: Option<String>,
    #[serde(default)]
    pub public_note: Option<String>,
    /// The concern's `version` when the editor read it. When given and no
    /// longer current, the move is refused with `edit_conflict` instead of
    /// silently overriding someone else's decision.
    #[serde(default)]
    pub version: Option<i64>,
}

pub(crate) fn bounded_text(field: &str, value: &str, required: bool) -> Result<Option<String>, Error> {
    let value = text::clean(value);
    if value.is_empty() {
        return if required { Err(Error::field(field, "required")) } else { Ok(None) };
    }
    if value.chars().count() > NOTE_MAX_CHARS {
        return Err(Error::field(field, "too_long"));
    }
    Ok(Some(value))
}

pub async fn move_concern(state: &App, staff: &Actor, id: i64, request: &MoveRequest) -> Result<(), Error> {
    let planned = check_move(state, staff, id, &request.to, request.duplicate_of.as_deref(), request.version).await?;
    let reason = bounded_text("reason", &request.reason, true)?.unwrap_or_default();
    let public_note = bounded_text("public_note", request.public_note.as_deref().unwrap_or_default(), false)?;
    let mut tx = state.db().begin().await?;
    apply_move(state, &mut tx, staff, &planned, &reason, public_note.as_deref()).await?;
    Ok(tx.commit().await?)
}

/// A move checked against the concern as it stands, ready to apply.
pub(crate) struct PlannedMove {
    id: i64,
    from: Status,
    to: Status,
    duplicate_of: Option<i64>,
    version: i64,
}

/// Checks that `staff` may move concern `id` to `to` now: they may triage
/// it, nobody changed it since they read `seen_version` (when given), the
/// life-cycle allows the move, and a duplicate names an original they see.
pub(crate) async fn check_move(
    state: &App,
    staff: &Actor,
    id: i64,
    to: &str,
    duplicate_of: Option<&str>,
    seen_version: Option<i64>,
) -> Result<PlannedMove, Error> {
    let record = load(state, staff, id, Action::Triage).await?;
    if seen_version.is_some_and(|seen| seen != record.version) {
        return Err(Error::EditConflict);
    }
    let to = Status::from_code(to.trim()).ok_or_else(|| Error::field("to", "unknown_status"))?;
    if !record.status.can_move_to(to) {
        return Err(Error::IllegalTransition);
    }
    let duplicate_of =
        if to == Status::Duplicate { Some(canonical_original(state, staff, id, duplicate_of).await?) } else { None };
    Ok(PlannedMove { id, from: record.status, to, duplicate_of, version: seen_version.unwrap_or(record.version) })
}

/// Applies a checked move in `tx`, audited; refused if the concern changed
/// since it was checked.
pub(crate) async fn apply_move(
    state: &App,
    tx: &mut aman_db::Tx,
    staff: &Actor,
    planned: &PlannedMove,
    reason: &str,
    public_note: Option<&str>,
) -> Result<(), Error> {
    let change = Transition {
        from: planned.from,
        to: planned.to,
        duplicate_of: planned.duplicate_of,
        reason,
        public_note,
        actor_id: Some(staff.user.id),
        now_ms: state.now_ms(),
        expected_version: planned.version,
    };
    tx.transition(planned.id, &change).await?;
    let detail = format!("{} -> {}", planned.from.as_str(), planned.to.as_str());
    let subject = format!("concern:{}", planned.id);
    Ok(state.audit_in(tx, Some(staff.user.id), "concern.transition", &subject, &detail).await?)
}

/// The concern a duplicate points to: one the staff member can see, not the
/// concern itself, and never itself a duplicate (chains are followed).
async fn canonical_original(state: &App, staff: &Actor, id: i64, given: Option<&str>) -> Result<i64, Error> {
    let given =
        given.map(str::trim).filter(|s| !s.is_empty()).ok_or_else(|| Error::field("duplicate_of", "required"))?;
    let mut original: i64 = text::ascii_digits(given)
        .trim_start_matches('#')
        .parse()
        .map_err(|_| Error::field("duplicate_of", "invalid_number"))?;
    for _ in 0..16 {
        if original == id {
            return Err(Error::field("duplicate_of", "same_concern"));
        }
        let record = match load(state, staff, original, Action::ViewConcerns).await {
            Ok(record) => record,
            Err(Error::NotFound) => {
                return Err(Error::field("duplicate_of", "not_found"));
            }
            Err(error) => return Err(error),
        };
        match (record.status, record.duplicate_of) {
            (Status::Duplicate, Some(next)) => original = next,
            _ => return Ok(original),
        }
    }
    Err(Error::field("duplicate_of", "not_found"))
}

/// Adds an internal note or an update for the reporter.
pub async fn add_event(state: &App, staff: &Actor, id: i64, kind: EventKind, body: &str) -> Result<(), Error> {
    let action = if kind == EventKind::PublicUpdate { Action::PublicUpdate } else { Action::AddNote };
    load(state, staff, id, action).await?;
    let body = bounded_text("body", body, true)?.unwrap_or_default();
    let event = NewEvent { kind, body: &body, actor_id: Some(staff.user.id), now_ms: state.now_ms() };
    let action = if kind == EventKind::PublicUpdate { "concern.public_update" } else { "concern.note" };
    let mut tx = state.db().begin().await?;
    tx.add_event(id, event).await?;
    state.audit_in(&mut tx, Some(staff.user.id), action, &format!("concern:{id}"), "").await?;
    Ok(tx.commit().await?)
}
