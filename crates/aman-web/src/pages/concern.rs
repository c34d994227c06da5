//! A concern's staff page: its details (the identity only for roles that
//! may see it), history, and the forms that move it through its life-cycle,
//! add notes and write updates for the reporter.

use super::layout::{Choice, Nav, format_time, render};
use super::staff::{PageStaff, nav};
use crate::auth::Staff;
use crate::concerns::{self, MoveRequest};
use crate::error::{AppError, ErrorCode};
use crate::i18n::Tr;
use crate::state::AppState;
use aman_core::lifecycle::Status;
use aman_core::role::Action;
use aman_db::EventKind;
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/concerns/{id}", get(concern_page))
        .route("/staff/concerns/{id}/move", post(move_submit))
        .route("/staff/concerns/{id}/note", post(note_submit))
        .route("/staff/concerns/{id}/update", post(update_submit))
        .route("/staff/concerns/{id}/ask", post(ask_submit))
        .route("/staff/concerns/{id}/tags", post(tags_submit))
        .route("/staff/concerns/{id}/assign", post(assign_submit))
        .route("/staff/concerns/{id}/photos/{attachment}", get(photo))
}

#[derive(Template)]
#[template(path = "concern.html")]
struct ConcernPage {
    t: Tr,
    nav: Nav,
    title: String,
    id: i64,
    csrf: String,
    status_code: &'static str,
    status: String,
    category: String,
    duplicate_text: Option<String>,
    description: String,
    area_path: String,
    area_code: String,
    occurred: String,
    received: String,
    language: String,
    identity: Option<IdentityText>,
    history: Vec<HistoryRow>,
    may_triage: bool,
    may_update: bool,
    moves: Vec<Choice>,
    version: i64,
    /// Set when a move was refused because someone changed the concern first.
    conflict: bool,
    tags: Vec<String>,
    assignee: Option<String>,
    /// May change the tags.
    may_tag: bool,
    /// The photos: link and label.
    photos: Vec<(String, String)>,
    /// Who it may be assigned to (for those who may assign it).
    assignees: Vec<Choice>,
    /// What its words suggest, for those who triage it.
    reading: Option<ReadingText>,
    /// The original a similar concern's link proposed, filled into the move
    /// form (with the "duplicate" status chosen) for the officer to confirm.
    duplicate_of: String,
}

/// `aman_app::reading::Reading` in the reader's language.
struct ReadingText {
    /// The flag and its reasons, when flagged.
    flag: Option<(String, Vec<String>)>,
    /// Link and label of each similar concern, and the link that fills the
    /// move form to mark this one its duplicate.
    similar: Vec<(String, String, String)>,
    places: Vec<String>,
    category: Option<String>,
}

fn reading_text(t: &Tr, id: i64, reading: &aman_app::reading::Reading) -> ReadingText {
    use aman_text::flag::Reason;
    let percent = |x: f64| format!("{:.0}", (x * 100.0).clamp(0.0, 100.0));
    let flag = reading.flag.flagged.then(|| {
        let reasons = reading
            .flag
            .reasons
            .iter()
            .map(|reason| match reason {
                Reason::Term { term, kind } => t.text(
                    "concern-flag-term",
                    &[("term", term), ("kind", &t.get(&format!("concern-flag-kind-{}", kind.name())))],
                ),
                Reason::Pattern { ngram, .. } => t.text("concern-flag-pattern", &[("ngram", ngram)]),
            })
            .collect();
        (t.text("concern-flagged", &[("score", &format!("{:.2}", reading.flag.score))]), reasons)
    });
    ReadingText {
        flag,
        similar: reading
            .similar
            .iter()
            .map(|s| {
                let label = t.text(
                    "concern-similar-row",
                    &[
                        ("id", &s.id.to_string()),
                        ("percent", &percent(s.similarity)),
                        ("status", &t.status(s.status.as_str())),
                        ("date", &s.occurred_on.to_string()),
                    ],
                );
                let mark = format!("/staff/concerns/{id}?duplicate_of={}#move", s.id);
                (format!("/staff/concerns/{}", s.id), label, mark)
            })
            .collect(),
        places: reading
            .places
            .iter()
            .map(|p| {
                t.text("concern-place-row", &[("name", &p.name), ("pcode", &p.pcode), ("percent", &percent(p.score))])
            })
            .collect(),
        category: reading.category.as_ref().map(|c| {
            t.text(
                "concern-category-suggested",
                &[("category", &t.category(c.category.as_str())), ("terms", &c.terms.join("، "))],
            )
        }),
    }
}

struct IdentityText {
    contact: Option<String>,
    point: Option<String>,
}

struct HistoryRow {
    class: &'static str,
    when: String,
    what: String,
    body: Option<String>,
    by: String,
}

/// `?duplicate_of=N`: a similar concern's "same event" link.
#[derive(Deserialize, Default)]
#[serde(default)]
struct PageQuery {
    duplicate_of: Option<i64>,
}

async fn concern_page(
    State(state): State<AppState>,
    t: Tr,
    PageStaff(staff): PageStaff,
    Path(id): Path<i64>,
    Query(query): Query<PageQuery>,
) -> Response {
    // A concern cannot be its own duplicate: such a link proposes nothing.
    let duplicate_of = query.duplicate_of.filter(|&original| original != id);
    concern_response(&state, t, &staff, id, false, duplicate_of).await
}

/// The concern page; with `conflict`, explains (status 409) that a change was
/// refused because someone else changed the concern first, and shows what is
/// there now.
async fn concern_response(
    state: &AppState,
    t: Tr,
    staff: &Staff,
    id: i64,
    conflict: bool,
    duplicate_of: Option<i64>,
) -> Response {
    let view = match concerns::staff_view(state, staff, id).await.map_err(AppError::from) {
        Ok(view) => view,
        Err(error) => return error.into_response(),
    };
    let record = &view.record;
    // Photos are listed for those who may see the concern in their own
    // right (not for a receiving organisation's staff).
    let photos = match aman_app::attachments::list(state, staff, id).await {
        Ok(list) => list
            .iter()
            .enumerate()
            .map(|(n, a)| {
                let label = t.text(
                    "concern-photo",
                    &[("n", &(n + 1).to_string()), ("kb", &((a.size + 1023) / 1024).to_string())],
                );
                (format!("/staff/concerns/{id}/photos/{}", a.id), label)
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    let assignees = if view.may_triage {
        let current = view.assignee.as_ref().map(|(id, _)| id.to_string()).unwrap_or_default();
        match aman_app::casework::assignees(state, staff, id).await {
            Ok(list) => std::iter::once(Choice::new("", t.get("concern-assignee-none"), &current))
                .chain(list.into_iter().map(|(user, name)| Choice::new(&user.to_string(), name, &current)))
                .collect(),
            Err(error) => return AppError::from(error).into_response(),
        }
    } else {
        Vec::new()
    };
    let reading = if view.may_triage {
        match aman_app::reading::read(state, staff, record).await {
            Ok(reading) => Some(reading_text(&t, id, &reading)),
            Err(error) => return AppError::from(error).into_response(),
        }
    } else {
        None
    };
    let mut path = vec![t.area_name(&view.area).to_owned()];
    let mut parent = view.area.parent.clone();
    while let Some(code) = parent {
        match state.areas().get(&code) {
            Some(area) if area.level > 0 => {
                path.push(t.area_name(area).to_owned());
                parent = area.parent.clone();
            }
            _ => break,
        }
    }
    path.reverse();
    let history = view
        .events
        .iter()
        .map(|e| HistoryRow {
            class: match e.kind {
                EventKind::Transition => "transition",
                EventKind::Note => "note",
                EventKind::PublicUpdate => "public",
                EventKind::Question => "question",
                EventKind::Reply => "reply",
            },
            when: format_time(e.created_at),
            what: match (e.kind, e.from_status, e.to_status) {
                (EventKind::Transition, Some(from), Some(to)) => t.text(
                    "concern-event-transition",
                    &[("from", &t.status(from.as_str())), ("to", &t.status(to.as_str()))],
                ),
                (EventKind::PublicUpdate, ..) => t.get("concern-event-public_update"),
                (EventKind::Question, ..) => t.get("concern-event-question"),
                (EventKind::Reply, ..) => t.get("concern-event-reply"),
                _ => t.get("concern-event-note"),
            },
            body: e.body.clone(),
            by: e.actor_name.as_ref().map(|n| t.text("concern-by", &[("name", n)])).unwrap_or_default(),
        })
        .collect();
    let identity = view.identity.as_ref().map(|identity| IdentityText {
        contact: identity
            .contact
            .as_ref()
            .map(|c| [c.name.as_deref(), c.phone.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" · ")),
        point: identity.point.map(|(lat, lon)| format!("{lat:.5}, {lon:.5}")),
    });
    let mut response = render(&ConcernPage {
        t,
        nav: nav(staff, &format!("/staff/concerns/{id}")),
        title: t.num("concern-title", "id", id),
        id,
        csrf: staff.session.csrf_token.clone(),
        status_code: record.status.as_str(),
        status: t.status(record.status.as_str()),
        category: t.category(record.category.as_str()),
        duplicate_text: record.duplicate_of.map(|d| t.num("concern-duplicate-of", "id", d)),
        description: record.description.clone(),
        area_path: path.join(" › "),
        area_code: record.area.to_string(),
        occurred: record.occurred_on.to_string(),
        received: format_time(record.submitted_at),
        language: record.language.clone(),
        identity,
        history,
        may_triage: view.may_triage,
        may_update: view.may_update,
        version: record.version,
        conflict,
        tags: view.tags.clone(),
        assignee: view.assignee.as_ref().map(|(_, name)| name.clone()),
        may_tag: staff.grant().allows(Action::AddNote, &record.area, record.category),
        photos,
        assignees,
        reading,
        moves: {
            let proposed = if duplicate_of.is_some() { Status::Duplicate.as_str() } else { "" };
            record.status.next().iter().map(|s| Choice::new(s.as_str(), t.status(s.as_str()), proposed)).collect()
        },
        duplicate_of: duplicate_of.map(|d| d.to_string()).unwrap_or_default(),
    });
    if conflict {
        *response.status_mut() = StatusCode::CONFLICT;
    }
    response
}

#[derive(Deserialize)]
struct MoveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    duplicate_of: String,
    #[serde(default)]
    public_note: String,
    #[serde(default)]
    version: Option<i64>,
}

fn back_to(id: i64) -> Response {
    Redirect::to(&format!("/staff/concerns/{id}")).into_response()
}

async fn move_submit(
    State(state): State<AppState>,
    t: Tr,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<MoveForm>,
) -> Result<Response, AppError> {
    staff.check_csrf(&form.csrf)?;
    let request = MoveRequest {
        to: form.to,
        reason: form.reason,
        duplicate_of: Some(form.duplicate_of),
        public_note: Some(form.public_note),
        version: form.version,
    };
    match concerns::move_concern(&state, &staff, id, &request).await.map_err(AppError::from) {
        Ok(()) => Ok(back_to(id)),
        Err(error) if error.code == ErrorCode::EditConflict => {
            Ok(concern_response(&state, t, &staff, id, true, None).await)
        }
        Err(error) => Err(error),
    }
}

#[derive(Deserialize)]
struct TextForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    body: String,
}

async fn note_submit(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<TextForm>,
) -> Result<Response, AppError> {
    staff.check_csrf(&form.csrf)?;
    concerns::add_event(&state, &staff, id, EventKind::Note, &form.body).await?;
    Ok(back_to(id))
}

async fn ask_submit(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<TextForm>,
) -> Result<Response, AppError> {
    staff.check_csrf(&form.csrf)?;
    aman_app::casework::ask(&state, &staff, id, &form.body).await?;
    Ok(back_to(id))
}

#[derive(Deserialize)]
struct AssignForm {
    #[serde(default)]
    csrf: String,
    /// Empty: nobody.
    #[serde(default)]
    user_id: String,
}

async fn assign_submit(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<AssignForm>,
) -> Result<Response, AppError> {
    staff.check_csrf(&form.csrf)?;
    let user = match form.user_id.trim() {
        "" => None,
        text => Some(text.parse::<i64>().map_err(|_| aman_app::Error::field("user_id", "not_eligible"))?),
    };
    aman_app::casework::assign(&state, &staff, id, user).await?;
    Ok(back_to(id))
}

async fn tags_submit(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<TextForm>,
) -> Result<Response, AppError> {
    staff.check_csrf(&form.csrf)?;
    let tags: Vec<String> = form.body.split([',', '،']).map(str::to_owned).collect();
    aman_app::casework::set_tags(&state, &staff, id, &tags).await?;
    Ok(back_to(id))
}

/// A photo of the concern, opened from its page (audited like the API's).
async fn photo(
    State(state): State<AppState>,
    PageStaff(staff): PageStaff,
    Path((id, attachment)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let (content_type, bytes) = aman_app::attachments::open(&state, &staff, id, attachment).await?;
    Ok(([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "no-store".to_owned())], bytes).into_response())
}

async fn update_submit(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<TextForm>,
) -> Result<Response, AppError> {
    staff.check_csrf(&form.csrf)?;
    concerns::add_event(&state, &staff, id, EventKind::PublicUpdate, &form.body).await?;
    Ok(back_to(id))
}
