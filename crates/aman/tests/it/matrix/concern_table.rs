//! The matrix's requests on one concern (the ordinary or the confidential
//! one) and what hangs from it: its pages, moves, notes and updates, the
//! conversation with its reporter, tags, assignment, photos, referral and
//! alert (see `table.rs` for the rest of the table).

use super::table::{Body, Fixture, Request, form};
use super::*;

pub(super) fn concern_requests(f: &Fixture, which: Which) -> Vec<Request> {
    use Action::*;
    use Rule::*;
    use Which::*;
    let mut out = Vec::new();
    let mut add = |method: Method, route: &'static str, path: String, rule: Rule, body: Body| {
        out.push(Request { method, route, path, rule, body });
    };
    let (id, alert) = match which {
        Plain => (f.plain, f.plain_alert),
        Secret => (f.secret, f.secret_alert),
    };
    add(Method::GET, "/api/v1/concerns/{id}", format!("/api/v1/concerns/{id}"), ReadConcern(which), Body::None);
    add(Method::GET, "/staff/concerns/{id}", format!("/staff/concerns/{id}"), ReadConcern(which), Body::None);
    add(
        Method::GET,
        "/api/v1/concerns/{id}/referrals",
        format!("/api/v1/concerns/{id}/referrals"),
        Concern(ViewConcerns, which),
        Body::None,
    );
    add(
        Method::GET,
        "/staff/concerns/{id}/referrals",
        format!("/staff/concerns/{id}/referrals"),
        Concern(ViewConcerns, which),
        Body::None,
    );
    add(
        Method::POST,
        "/api/v1/concerns/{id}/notes",
        format!("/api/v1/concerns/{id}/notes"),
        Concern(AddNote, which),
        Body::Json(json!({"body": "A note."})),
    );
    add(
        Method::POST,
        "/staff/concerns/{id}/note",
        format!("/staff/concerns/{id}/note"),
        Concern(AddNote, which),
        form(&[("body", "A note.")]),
    );
    add(
        Method::POST,
        "/api/v1/concerns/{id}/updates",
        format!("/api/v1/concerns/{id}/updates"),
        Concern(PublicUpdate, which),
        Body::Json(json!({"body": "An update."})),
    );
    add(
        Method::POST,
        "/staff/concerns/{id}/update",
        format!("/staff/concerns/{id}/update"),
        Concern(PublicUpdate, which),
        form(&[("body", "An update.")]),
    );
    add(
        Method::PUT,
        "/api/v1/concerns/{id}/assignee",
        format!("/api/v1/concerns/{id}/assignee"),
        Concern(Triage, which),
        Body::Json(json!({"user_id": null})),
    );
    add(
        Method::PUT,
        "/api/v1/concerns/{id}/tags",
        format!("/api/v1/concerns/{id}/tags"),
        Concern(AddNote, which),
        Body::Json(json!({"tags": ["river"]})),
    );
    let photo = match which {
        Plain => f.plain_photo,
        Secret => f.secret_photo,
    };
    add(
        Method::GET,
        "/api/v1/concerns/{id}/attachments",
        format!("/api/v1/concerns/{id}/attachments"),
        Concern(ViewConcerns, which),
        Body::None,
    );
    add(
        Method::GET,
        "/staff/concerns/{id}/photos/{attachment}",
        format!("/staff/concerns/{id}/photos/{photo}"),
        Concern(ViewConcerns, which),
        Body::None,
    );
    add(
        Method::POST,
        "/staff/concerns/{id}/assign",
        format!("/staff/concerns/{id}/assign"),
        Concern(Triage, which),
        form(&[("user_id", "")]),
    );
    add(
        Method::POST,
        "/staff/concerns/bulk",
        "/staff/concerns/bulk".into(),
        Concern(Triage, which),
        form(&[("concern", &id.to_string()), ("change", "assign"), ("user_id", "")]),
    );
    add(
        Method::POST,
        "/staff/concerns/{id}/tags",
        format!("/staff/concerns/{id}/tags"),
        Concern(AddNote, which),
        form(&[("body", "river, bridge")]),
    );
    add(
        Method::GET,
        "/api/v1/concerns/{id}/attachments/{attachment}",
        format!("/api/v1/concerns/{id}/attachments/{photo}"),
        Concern(ViewConcerns, which),
        Body::None,
    );
    add(
        Method::POST,
        "/api/v1/concerns/{id}/messages",
        format!("/api/v1/concerns/{id}/messages"),
        Concern(PublicUpdate, which),
        Body::Json(json!({"body": "Did you see their faces?"})),
    );
    add(
        Method::POST,
        "/staff/concerns/{id}/ask",
        format!("/staff/concerns/{id}/ask"),
        Concern(PublicUpdate, which),
        form(&[("body", "Did you see their faces?")]),
    );
    add(
        Method::POST,
        "/api/v1/concerns/{id}/transitions",
        format!("/api/v1/concerns/{id}/transitions"),
        Concern(Triage, which),
        Body::Json(json!({"to": "triaged", "reason": "checked"})),
    );
    add(
        Method::POST,
        "/staff/concerns/{id}/move",
        format!("/staff/concerns/{id}/move"),
        Concern(Triage, which),
        form(&[("to", "triaged"), ("reason", "checked")]),
    );
    let organisation = f.organisation.to_string();
    add(
        Method::POST,
        "/api/v1/concerns/{id}/referrals",
        format!("/api/v1/concerns/{id}/referrals"),
        Concern(Triage, which),
        Body::Json(json!({"organisation_id": f.organisation})),
    );
    add(
        Method::POST,
        "/staff/concerns/{id}/referrals",
        format!("/staff/concerns/{id}/referrals"),
        Concern(Triage, which),
        form(&[("organisation_id", &organisation)]),
    );
    add(Method::GET, "/api/v1/alerts/{id}", format!("/api/v1/alerts/{alert}"), AlertView(which), Body::None);
    add(
        Method::POST,
        "/api/v1/alerts/{id}/transitions",
        format!("/api/v1/alerts/{alert}/transitions"),
        Alert(which),
        Body::Json(json!({"to": "acknowledged"})),
    );
    add(
        Method::POST,
        "/staff/alerts/{id}",
        format!("/staff/alerts/{alert}"),
        Alert(which),
        form(&[("to", "acknowledged")]),
    );
    out
}
