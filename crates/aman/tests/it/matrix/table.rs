//! The matrix's table: every route and method the web crate registers,
//! the rule it follows, and a request for it filled in with the fixture's
//! objects (see `matrix.rs`).

use super::concern_table::concern_requests;
use super::*;

pub(super) enum Body {
    None,
    Json(Value),
    Form(Vec<(&'static str, String)>),
    /// A file: its type and bytes.
    File(&'static str, Vec<u8>),
    /// A page form with a file: its text fields and a PNG as `photo`.
    WithPhoto(Vec<(&'static str, String)>),
}

/// One request of the matrix: a registered route, filled in.
pub(super) struct Request {
    pub(super) method: Method,
    /// The route as registered (with `/api/v1` for the API).
    pub(super) route: &'static str,
    pub(super) path: String,
    pub(super) rule: Rule,
    pub(super) body: Body,
}

/// The objects the matrix is tried on.
pub(super) struct Fixture {
    pub(super) plain: i64,
    pub(super) secret: i64,
    pub(super) receipt: String,
    /// A photo of each concern.
    pub(super) plain_photo: i64,
    pub(super) secret_photo: i64,
    pub(super) committee: i64,
    pub(super) member: i64,
    pub(super) meeting: i64,
    pub(super) action: i64,
    pub(super) organisation: i64,
    pub(super) referral: i64,
    pub(super) plain_alert: i64,
    pub(super) secret_alert: i64,
    pub(super) login: (String, String),
}

/// A page form's fields.
pub(super) fn form(fields: &[(&'static str, &str)]) -> Body {
    Body::Form(fields.iter().map(|(k, v)| (*k, (*v).to_owned())).collect())
}

/// The table: every route × method, the rule it follows, and a request for
/// it (two where a route names a concern or an alert: the ordinary and the
/// confidential one). Requests that end sessions come last.
pub(super) fn requests(f: &Fixture) -> Vec<Request> {
    use Action::*;
    use Rule::*;
    use Which::*;
    let mut out = Vec::new();
    let mut add = |method: Method, route: &'static str, path: String, rule: Rule, body: Body| {
        out.push(Request { method, route, path, rule, body });
    };
    let (c, m, a) = (f.committee, f.meeting, f.action);
    let new_concern =
        json!({"category": "crime", "description": "Shots fired near the market at night.", "area": PLAIN_PLACE});

    // Public.
    for route in [
        "/",
        "/report",
        "/track",
        "/surveys",
        "/accountability",
        "/index",
        "/staff/login",
        "/static/aman.css",
        "/static/challenge.js",
        "/static/exit.js",
        "/static/locate.js",
        "/static/receipt.js",
        "/about",
        "/dashboard",
        "/healthz",
        "/readyz",
    ] {
        add(Method::GET, route, route.to_owned(), Public, Body::None);
    }
    for route in [
        "/api/v1/surveys",
        "/api/v1/public/accountability",
        "/api/v1/public/aggregates",
        "/api/v1/areas",
        "/api/v1/areas/{pcode}",
        "/api/v1/areas/locate",
        "/api/v1/areas/geocode",
        "/api/v1/openapi.json",
    ] {
        let path = route
            .replace("{pcode}", "IQG02")
            .replace("locate", "locate?lat=30.5&lon=47.8")
            .replace("geocode", "geocode?q=%D8%A7%D9%84%D8%A8%D8%B5%D8%B1%D8%A9");
        add(Method::GET, route, path, Public, Body::None);
    }
    add(Method::GET, "/dashboard/{pcode}", format!("/dashboard/{PLAIN_PLACE}"), Public, Body::None);
    add(
        Method::GET,
        "/dashboard/{pcode}/sitrep/{month}",
        format!("/dashboard/{PLAIN_PLACE}/sitrep/2026-10"),
        Public,
        Body::None,
    );
    add(Method::GET, "/metrics", "/metrics".into(), Elsewhere, Body::None);
    for route in ["/open311/v2/discovery.json", "/open311/v2/services.json", "/open311/v2/services.xml"] {
        add(Method::GET, route, route.into(), Public, Body::None);
    }
    add(Method::GET, "/open311/v2/services/{file}", "/open311/v2/services/crime.json".into(), Public, Body::None);
    for route in ["/open311/v2/requests.json", "/open311/v2/requests.xml"] {
        add(Method::GET, route, route.into(), Public, Body::None);
        add(
            Method::POST,
            route,
            route.into(),
            ApiKey,
            form(&[
                ("service_code", "crime"),
                ("description", "Shots fired near the market at night."),
                ("address_string", PLAIN_PLACE),
            ]),
        );
    }
    for id in [f.plain, f.secret] {
        add(
            Method::GET,
            "/open311/v2/requests/{file}",
            format!("/open311/v2/requests/{id}.json"),
            NotOpen311,
            Body::None,
        );
    }
    add(Method::GET, "/openrosa/formList", "/openrosa/formList".into(), DevicePassword, Body::None);
    add(Method::GET, "/openrosa/forms/{file}", "/openrosa/forms/aman_concern.xml".into(), DevicePassword, Body::None);
    add(Method::HEAD, "/openrosa/submission", "/openrosa/submission".into(), DevicePassword, Body::None);
    add(
        Method::POST,
        "/openrosa/submission",
        "/openrosa/submission".into(),
        DevicePassword,
        Body::File("text/xml", b"<data id=\"aman_concern\"/>".to_vec()),
    );
    add(Method::GET, "/staff/assisted", "/staff/assisted".into(), Listing(FileAssisted), Body::None);
    add(
        Method::POST,
        "/staff/assisted",
        "/staff/assisted".into(),
        Listing(FileAssisted),
        form(&[
            ("category", "crime"),
            ("description", "Shots fired near the market at night."),
            ("area", PLAIN_PLACE),
            ("consent_method", "spoken"),
            ("consent_confirmed", "1"),
        ]),
    );
    add(Method::GET, "/staff/sitrep", "/staff/sitrep?area=IQG02&month=2026-10".into(), Signed, Body::None);
    add(Method::GET, "/api/v1/receipts/{receipt}", format!("/api/v1/receipts/{}", f.receipt), Public, Body::None);
    add(
        Method::GET,
        "/api/v1/surveys/{key}/estimates",
        "/api/v1/surveys/aman_perception/estimates?var=safe_night&value=very_safe".into(),
        Public,
        Body::None,
    );
    add(Method::GET, "/surveys/{key}", "/surveys/aman_perception".into(), Public, Body::None);
    add(
        Method::GET,
        "/surveys/{key}/results",
        "/surveys/aman_perception/results?var=safe_night&value=very_safe".into(),
        Public,
        Body::None,
    );
    add(
        Method::POST,
        "/surveys/{key}",
        "/surveys/aman_perception".into(),
        Public,
        form(&[("consent", "yes"), ("action", "continue")]),
    );
    add(Method::POST, "/api/v1/concerns", "/api/v1/concerns".into(), Public, Body::Json(new_concern));
    add(
        Method::POST,
        "/report",
        "/report".into(),
        Public,
        form(&[("category", "crime"), ("description", "Shots fired near the market at night."), ("area", PLAIN_PLACE)]),
    );
    add(Method::POST, "/receipt.txt", "/receipt.txt".into(), Public, form(&[("receipt", &f.receipt)]));
    let run = json!({"results": {"category": {"value": "7"}, "description": {"value": "Shots fired near the market at night."}, "place": {"value": PLAIN_PLACE}}, "input": {"text": f.receipt}});
    for route in ["/channels/rapidpro/concerns", "/channels/rapidpro/status"] {
        add(Method::POST, route, route.into(), ChannelSecret, Body::Json(run.clone()));
    }
    add(
        Method::POST,
        "/channels/rapidpro/surveys/{key}",
        "/channels/rapidpro/surveys/aman_perception".into(),
        ChannelSecret,
        Body::Json(run.clone()),
    );
    add(
        Method::POST,
        "/channels/smssync",
        "/channels/smssync".into(),
        ChannelSecret,
        form(&[("from", "+9647701234567"), ("message", &f.receipt), ("message_id", "matrix-1")]),
    );
    add(Method::POST, "/track", "/track".into(), Public, form(&[("receipt", &f.receipt)]));
    add(
        Method::POST,
        "/track/reply",
        "/track/reply".into(),
        Public,
        form(&[("receipt", &f.receipt), ("body", "Yes.")]),
    );
    add(
        Method::POST,
        "/track/photo",
        "/track/photo".into(),
        Public,
        Body::WithPhoto(vec![("receipt", f.receipt.clone())]),
    );
    add(
        Method::POST,
        "/api/v1/receipts/{receipt}/attachments",
        format!("/api/v1/receipts/{}/attachments", f.receipt),
        Public,
        Body::File("image/png", tiny_png()),
    );
    add(
        Method::POST,
        "/api/v1/receipts/{receipt}/messages",
        format!("/api/v1/receipts/{}/messages", f.receipt),
        Public,
        Body::Json(json!({"body": "Yes."})),
    );
    add(
        Method::POST,
        "/track/confirm",
        "/track/confirm".into(),
        Public,
        form(&[("receipt", &f.receipt), ("action", &a.to_string()), ("verdict", "better")]),
    );
    add(
        Method::POST,
        "/api/v1/receipts/{receipt}/confirmations",
        format!("/api/v1/receipts/{}/confirmations", f.receipt),
        Public,
        Body::Json(json!({"action_id": a, "verdict": "better"})),
    );
    add(
        Method::POST,
        "/api/v1/sessions",
        "/api/v1/sessions".into(),
        Public,
        Body::Json(json!({"email": f.login.0, "password": f.login.1})),
    );
    add(
        Method::POST,
        "/staff/login",
        "/staff/login".into(),
        Public,
        form(&[("email", &f.login.0), ("password", &f.login.1)]),
    );

    // Listings, each kept within one's area.
    add(Method::GET, "/api/v1/concerns", "/api/v1/concerns".into(), Listing(ViewConcerns), Body::None);
    add(Method::GET, "/staff", "/staff".into(), Listing(ViewConcerns), Body::None);
    add(Method::GET, "/staff/concerns.csv", "/staff/concerns.csv".into(), Listing(ViewConcerns), Body::None);
    add(Method::GET, "/api/v1/concerns", "/api/v1/concerns?format=csv".into(), Listing(ViewConcerns), Body::None);
    add(Method::GET, "/api/v1/alerts", "/api/v1/alerts".into(), Listing(ViewConcerns), Body::None);
    add(Method::GET, "/staff/alerts", "/staff/alerts".into(), Listing(ViewConcerns), Body::None);
    // The log, and the log asked about the confidential concern by name.
    for query in [String::new(), format!("?subject=concern:{}", f.secret)] {
        add(Method::GET, "/api/v1/audit", format!("/api/v1/audit{query}"), Listing(ViewAudit), Body::None);
        add(Method::GET, "/staff/audit", format!("/staff/audit{query}"), Listing(ViewAudit), Body::None);
    }
    add(Method::GET, "/api/v1/committees", "/api/v1/committees".into(), Listing(ViewCommittees), Body::None);
    add(Method::GET, "/staff/committees", "/staff/committees".into(), Listing(ViewCommittees), Body::None);
    add(Method::GET, "/api/v1/organisations", "/api/v1/organisations".into(), Listing(ViewCommittees), Body::None);
    add(Method::GET, "/api/v1/referrals", "/api/v1/referrals".into(), Inbox, Body::None);
    add(Method::GET, "/staff/referrals", "/staff/referrals".into(), Inbox, Body::None);
    add(
        Method::POST,
        "/api/v1/committees",
        "/api/v1/committees".into(),
        CreateCommittee,
        Body::Json(json!({"area": DISTRICT, "name": "Matrix committee"})),
    );
    add(
        Method::POST,
        "/staff/committees",
        "/staff/committees".into(),
        CreateCommittee,
        form(&[("area", DISTRICT), ("name", "Matrix committee")]),
    );

    // Concerns, the ordinary and the confidential one.
    for Request { method, route, path, rule, body } in [Plain, Secret].into_iter().flat_map(|w| concern_requests(f, w))
    {
        add(method, route, path, rule, body);
    }
    add(
        Method::POST,
        "/api/v1/referrals/{id}/answer",
        format!("/api/v1/referrals/{}/answer", f.referral),
        Answer,
        Body::Json(json!({"action": "acknowledge"})),
    );
    add(
        Method::POST,
        "/staff/referrals/{id}/answer",
        format!("/staff/referrals/{}/answer", f.referral),
        Answer,
        form(&[("action", "acknowledge")]),
    );

    // The committee and what it holds, all naming the confidential concern.
    let (plain_item, member) = (format!("concern:{}", f.plain), f.member.to_string());
    add(
        Method::GET,
        "/api/v1/committees/{id}",
        format!("/api/v1/committees/{c}"),
        Committee(ViewCommittees),
        Body::None,
    );
    add(Method::GET, "/staff/committees/{id}", format!("/staff/committees/{c}"), Committee(ViewCommittees), Body::None);
    add(
        Method::GET,
        "/api/v1/committees/{id}/actions",
        format!("/api/v1/committees/{c}/actions"),
        Committee(ViewCommittees),
        Body::None,
    );
    add(Method::GET, "/api/v1/meetings/{id}", format!("/api/v1/meetings/{m}"), Committee(ViewCommittees), Body::None);
    add(Method::GET, "/staff/meetings/{id}", format!("/staff/meetings/{m}"), Committee(ViewCommittees), Body::None);
    add(
        Method::GET,
        "/staff/meetings/{id}/print",
        format!("/staff/meetings/{m}/print"),
        Committee(ViewCommittees),
        Body::None,
    );
    add(Method::GET, "/api/v1/actions/{id}", format!("/api/v1/actions/{a}"), Committee(ViewCommittees), Body::None);
    let manage = Committee(ManageCommittees);
    add(
        Method::POST,
        "/api/v1/committees/{id}/members",
        format!("/api/v1/committees/{c}/members"),
        manage,
        Body::Json(json!({"name": "Um Ali", "constituency": "women", "sex": "female"})),
    );
    add(
        Method::POST,
        "/staff/committees/{id}/members",
        format!("/staff/committees/{c}/members"),
        manage,
        form(&[("name", "Um Ali"), ("constituency", "women"), ("sex", "female")]),
    );
    add(
        Method::POST,
        "/api/v1/committees/{id}/issues",
        format!("/api/v1/committees/{c}/issues"),
        manage,
        Body::Json(json!({"title": "Feud", "concerns": [f.plain]})),
    );
    add(
        Method::POST,
        "/api/v1/committees/{id}/issues",
        format!("/api/v1/committees/{c}/issues"),
        LinkSecret,
        Body::Json(json!({"title": "Violence at home", "concerns": [f.secret]})),
    );
    add(
        Method::POST,
        "/staff/committees/{id}/issues",
        format!("/staff/committees/{c}/issues"),
        manage,
        form(&[("title", "Feud"), ("concerns", &f.plain.to_string())]),
    );
    add(
        Method::POST,
        "/api/v1/committees/{id}/meetings",
        format!("/api/v1/committees/{c}/meetings"),
        manage,
        Body::Json(json!({"held_on": "2026-12-20", "place": "Hall", "agenda": [plain_item]})),
    );
    add(
        Method::POST,
        "/staff/committees/{id}/meetings",
        format!("/staff/committees/{c}/meetings"),
        manage,
        form(&[("held_on", "2026-12-20"), ("place", "Hall"), ("agenda", &plain_item)]),
    );
    let owner = f.organisation.to_string();
    add(
        Method::POST,
        "/api/v1/committees/{id}/actions",
        format!("/api/v1/committees/{c}/actions"),
        manage,
        Body::Json(
            json!({"title": "Patrols", "owner_id": f.organisation, "due_on": "2026-12-30", "items": [plain_item]}),
        ),
    );
    add(
        Method::POST,
        "/staff/committees/{id}/actions",
        format!("/staff/committees/{c}/actions"),
        manage,
        form(&[("title", "Patrols"), ("owner_id", &owner), ("due_on", "2026-12-30"), ("items", &plain_item)]),
    );
    add(
        Method::PUT,
        "/api/v1/meetings/{id}/attendance",
        format!("/api/v1/meetings/{m}/attendance"),
        manage,
        Body::Json(json!({"present": [f.member]})),
    );
    add(
        Method::POST,
        "/staff/meetings/{id}/attendance",
        format!("/staff/meetings/{m}/attendance"),
        manage,
        form(&[("present", &member)]),
    );
    add(
        Method::PUT,
        "/api/v1/meetings/{id}/minutes",
        format!("/api/v1/meetings/{m}/minutes"),
        manage,
        Body::Json(json!({"minutes": "Held.", "decisions": "None."})),
    );
    add(
        Method::POST,
        "/staff/meetings/{id}/minutes",
        format!("/staff/meetings/{m}/minutes"),
        manage,
        form(&[("minutes", "Held."), ("decisions", "None.")]),
    );
    add(
        Method::PUT,
        "/api/v1/meetings/{id}/ballots/{member}",
        format!("/api/v1/meetings/{m}/ballots/{}", f.member),
        manage,
        Body::Json(json!({"ranking": [plain_item]})),
    );
    add(
        Method::POST,
        "/staff/meetings/{id}/ballot",
        format!("/staff/meetings/{m}/ballot"),
        manage,
        form(&[("member", &member), ("ranking", &plain_item)]),
    );
    add(
        Method::POST,
        "/api/v1/meetings/{id}/priorities",
        format!("/api/v1/meetings/{m}/priorities"),
        manage,
        Body::Json(json!({"method": "schulze"})),
    );
    add(
        Method::POST,
        "/staff/meetings/{id}/priorities",
        format!("/staff/meetings/{m}/priorities"),
        manage,
        form(&[("method", "schulze")]),
    );
    add(
        Method::POST,
        "/api/v1/actions/{id}/progress",
        format!("/api/v1/actions/{a}/progress"),
        manage,
        Body::Json(json!({"status": "in_progress", "body": "Started."})),
    );
    add(
        Method::POST,
        "/staff/actions/{id}/progress",
        format!("/staff/actions/{a}/progress"),
        manage,
        form(&[("status", "in_progress"), ("body", "Started.")]),
    );
    add(
        Method::POST,
        "/api/v1/actions/{id}/confirmations",
        format!("/api/v1/actions/{a}/confirmations"),
        manage,
        Body::Json(json!({"member_id": f.member, "verdict": "better"})),
    );

    // Last: ending one's own sessions.
    add(Method::POST, "/staff/logout", "/staff/logout".into(), Signed, Body::Form(Vec::new()));
    add(Method::DELETE, "/api/v1/sessions", "/api/v1/sessions".into(), Signed, Body::None);
    add(Method::DELETE, "/api/v1/sessions/all", "/api/v1/sessions/all".into(), Signed, Body::None);
    out
}
