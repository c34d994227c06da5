//! Reading concerns in bulk, as staff may see them: the triage queue with
//! its filters and search, its export, and the audit log.

use crate::{Actor, App, Error};
use aman_core::lifecycle::Status;
use aman_core::role::Action;
use aman_core::text;
use aman_db::ConcernRecord;

/// The triage queue's filters as they arrive in a query string.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct QueueQuery {
    pub area: Option<String>,
    pub category: Option<String>,
    pub status: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub page: Option<String>,
    /// Words the description holds (Arabic and Kurdish spellings folded).
    pub q: Option<String>,
    /// A staff member's id, or `me`.
    pub assignee: Option<String>,
    pub tag: Option<String>,
}

pub const PAGE_SIZE: i64 = 50;
/// The longest search accepted.
pub const MAX_QUERY_CHARS: usize = 200;

/// A query-string value, trimmed, or `None` when absent or empty.
fn present(value: &Option<String>) -> Option<String> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
}

/// The `page` parameter: 1 when absent.
fn page_number(value: &Option<String>) -> Result<i64, Error> {
    match present(value) {
        None => Ok(1),
        Some(p) => p.parse().ok().filter(|p| *p >= 1).ok_or_else(|| Error::field("page", "invalid_number")),
    }
}

/// Turns the query into a filter limited to what the staff member may see.
pub fn queue_filter(
    areas: &aman_geo::Areas,
    staff: &Actor,
    query: &QueueQuery,
) -> Result<(aman_db::QueueFilter, i64), Error> {
    use aman_core::category::Category;
    if !staff.user.role.may(Action::ViewConcerns) {
        return Err(Error::Forbidden);
    }
    let grant = staff.grant();
    let scope = match present(&query.area) {
        None => grant.area.clone(),
        Some(typed) => {
            // A P-code, or a name in any of the area's languages.
            let wanted = crate::places::resolve(areas, &typed).ok_or_else(|| Error::field("area", "unknown_area"))?;
            if grant.area.covers(&wanted) {
                wanted
            } else if wanted.covers(&grant.area) {
                grant.area.clone()
            } else {
                return Err(Error::Forbidden);
            }
        }
    };
    let category = present(&query.category)
        .map(|c| Category::from_code(&c).ok_or_else(|| Error::field("category", "unknown_category")))
        .transpose()?;
    let status = present(&query.status)
        .map(|s| Status::from_code(&s).ok_or_else(|| Error::field("status", "unknown_status")))
        .transpose()?;
    let date = |field: &'static str, value: Option<String>| {
        value.map(|v| text::date(&v).ok_or_else(|| Error::field(field, "invalid_date"))).transpose()
    };
    let page = page_number(&query.page)?;
    let hidden_categories = Category::ALL.into_iter().filter(|c| !grant.may_see_category(*c)).collect();
    let q = present(&query.q).unwrap_or_default();
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(Error::field("q", "too_long"));
    }
    let words: Vec<String> = text::normalise(&q).split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect();
    if words.len() > aman_db::MAX_SEARCH_WORDS {
        return Err(Error::field("q", "too_many_words"));
    }
    let assignee = match present(&query.assignee).as_deref() {
        None => None,
        Some("me") => Some(staff.user.id),
        Some(id) => Some(id.parse::<i64>().map_err(|_| Error::field("assignee", "invalid_number"))?),
    };
    let filter = aman_db::QueueFilter {
        scope,
        hidden_categories,
        category,
        status,
        from: date("from", present(&query.from))?,
        to: date("to", present(&query.to))?,
        words,
        assignee,
        tag: present(&query.tag).map(|t| tag_key(&t)),
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
    };
    Ok((filter, page))
}

/// The most rows one export holds.
pub const EXPORT_MAX: i64 = 10_000;

/// Every concern of the staff member's queue that matches the filters (up
/// to [`EXPORT_MAX`], newest first), for a spreadsheet; audited with how many.
pub async fn export(state: &App, staff: &Actor, query: &QueueQuery) -> Result<Vec<ConcernRecord>, Error> {
    let (mut filter, _) = queue_filter(state.areas(), staff, query)?;
    filter.limit = EXPORT_MAX;
    filter.offset = 0;
    let (records, counted) = state.db().queue(&filter).await?;
    let more = if counted.more { " or more" } else { "" };
    let detail = format!("{} of {}{more} concerns, scope={}", records.len(), counted.total, filter.scope);
    state.audit(Some(staff.user.id), "concern.export", "queue", &detail).await?;
    Ok(records)
}

/// A tag as stored: folded like search text (so "عشائري" and "عشايري" are one tag).
pub(crate) fn tag_key(tag: &str) -> String {
    text::normalise(tag)
}

/// The triage queue for a staff member (a page, how many match, the page's
/// number); the listing itself is audited.
pub async fn queue(
    state: &App,
    staff: &Actor,
    query: &QueueQuery,
) -> Result<(Vec<ConcernRecord>, aman_db::Counted, i64), Error> {
    let (filter, page) = queue_filter(state.areas(), staff, query)?;
    let detail = format!(
        "scope={} category={} status={} page={page}",
        filter.scope,
        filter.category.map_or("any", |c| c.as_str()),
        filter.status.map_or("any", |s| s.as_str())
    );
    state.audit(Some(staff.user.id), "concern.list", "queue", &detail).await?;
    let (records, counted) = state.db().queue(&filter).await?;
    Ok((records, counted, page))
}

/// The audit log's filters as they arrive in a query string.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct AuditQuery {
    pub action: Option<String>,
    pub actor: Option<String>,
    pub subject: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub page: Option<String>,
}

/// Audit entries for an administrator, newest first; browsing is audited too.
pub async fn audit_log(
    state: &App,
    staff: &Actor,
    query: &AuditQuery,
) -> Result<(Vec<aman_core::audit::AuditEntry>, i64, i64), Error> {
    if !staff.user.role.may(Action::ViewAudit) {
        return Err(Error::Forbidden);
    }
    let day_start = |field: &'static str, value: Option<String>, extra_days: i64| {
        value
            .map(|v| {
                text::date(&v)
                    .map(|d| (aman_db::day_number(d) + extra_days) * 86_400_000 - 3 * 3_600_000)
                    .ok_or_else(|| Error::field(field, "invalid_date"))
            })
            .transpose()
    };
    let actor_id = present(&query.actor)
        .map(|a| a.trim_start_matches("user:").parse::<i64>().map_err(|_| Error::field("actor", "invalid_number")))
        .transpose()?;
    let page = page_number(&query.page)?;
    let filter = aman_db::AuditFilter {
        action: present(&query.action),
        actor_id,
        subject: present(&query.subject),
        from_ms: day_start("from", present(&query.from), 0)?,
        to_ms: day_start("to", present(&query.to), 1)?,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
    };
    state.audit(Some(staff.user.id), "audit.view", "audit_log", "").await?;
    // Confidentiality follows the concern into the log: asking for a subject
    // one may not see finds nothing, and entries about one read as
    // "a confidential concern" (or alert), without its id.
    let mut reader = crate::items::Reader::new(state, staff);
    if let Some(subject) = &filter.subject
        && reader.hides(subject).await?
    {
        return Ok((Vec::new(), 0, page));
    }
    let (mut entries, total) = state.db().audit_entries(&filter).await?;
    for entry in &mut entries {
        entry.event.subject = reader.redact(std::slice::from_ref(&entry.event.subject)).await?.remove(0);
    }
    Ok((entries, total, page))
}
