//! The authorisation matrix, generated from the router: every route the web
//! crate registers (found in its source, each method confirmed by asking
//! the running router, which answers 405 for a method it does not have) is
//! tried by every role, inside and outside its area, cleared and not
//! cleared for the confidential categories, an organisation's account and
//! nobody. The objects it is tried on all name a confidential (`gbv`)
//! concern: an issue, a meeting's agenda, an action plan, a referral and an
//! alert. Each answer is compared with the rule the table below gives the
//! route, and every answer an account not cleared for that concern receives
//! is searched for it (its id, its text, its place, its alert). A route
//! without a rule fails; so does a rule for a route that no longer exists.

use crate::support::*;
use aman_core::alert::{AlertMethod, Detector, SeriesSource};
use aman_core::area::Pcode;
use aman_core::category::Category;
use aman_core::role::{Action, Grant, Role};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use table::{Body, Fixture, requests};

mod concern_table;
mod table;

/// Where the committee and its objects are (a district of Basra).
const DISTRICT: &str = "IQG02Q03";
/// The confidential concern's sub-district; the ordinary one is elsewhere.
const SECRET_PLACE: &str = "IQG02Q03N01";
const PLAIN_PLACE: &str = "IQG02Q03N02";
/// Words only the confidential concern's description holds.
const SECRET_WORDS: &str = "matrix-secret-7f3a";

/// Who may use a route.
#[derive(Debug, Clone, Copy)]
enum Rule {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in account (its own session).
    Signed,
    /// A listing for roles that may `Action`; kept within one's own area.
    Listing(Action),
    /// Creating a committee in [`DISTRICT`]: managers whose area covers it.
    CreateCommittee,
    /// A concern (`Which`), for `Action`: hidden (404) outside one's area or
    /// clearance, forbidden (403) to roles without the action.
    Concern(Action, Which),
    /// Reading a concern: as `Concern(ViewConcerns, _)`, and also for the
    /// accounts of the organisation it was referred to (the confidential
    /// one), wherever they are, if cleared for it.
    ReadConcern(Which),
    /// The committee in [`DISTRICT`] or an object of it, for `Action`.
    Committee(Action),
    /// Linking the confidential concern into an issue: those who may not
    /// see it get the answer an unknown id gets (422).
    LinkSecret,
    /// Moving an alert on a concern category (`Which`).
    Alert(Which),
    /// Reading an alert and what raised it.
    AlertView(Which),
    /// The referrals sent to one's organisation: organisation accounts only.
    Inbox,
    /// Answering the referral of the confidential concern: the receiving
    /// organisation's accounts cleared for it only (wherever they are).
    Answer,
    /// Another system's door (RapidPro, an SMS gateway, Open311): only its
    /// channel's secret opens it; no staff account does.
    ChannelSecret,
    /// Served on a listener of its own (metrics), never by the public
    /// router: not found, for everyone.
    Elsewhere,
    /// Open311's posting: only a channel's API key opens it (403 to
    /// everyone else, as Open311 answers an invalid key).
    ApiKey,
    /// Open311's public request of a concern that did not come through
    /// Open311 (the fixture's, the confidential one among them): not found,
    /// for everyone.
    NotOpen311,
    /// Field devices' door (OpenRosa): only a device password opens it; no
    /// session or token does, and it asks for the password (401).
    DevicePassword,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    Plain,
    Secret,
}

impl Which {
    fn category(self) -> Category {
        match self {
            Which::Plain => Category::Crime,
            Which::Secret => Category::Gbv,
        }
    }

    fn place(self) -> Pcode {
        Pcode::parse(match self {
            Which::Plain => PLAIN_PLACE,
            Which::Secret => SECRET_PLACE,
        })
        .expect("pcode")
    }
}

/// One account of the matrix.
struct Account {
    grant: Grant,
    organisation: bool,
    token: String,
    /// A second API session, ended last by "end all my sessions".
    spare_token: String,
    cookie: String,
    csrf: String,
}

/// What an account should get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    /// Let through to the request's merits (2xx, 3xx, 409 or 422).
    Through,
    Refused(u16),
}

fn want(rule: Rule, account: Option<&Account>) -> Want {
    use Want::*;
    let district = Pcode::parse(DISTRICT).expect("pcode");
    let Some(account) = account else {
        return match rule {
            Rule::Public => Through,
            Rule::Elsewhere => Refused(404),
            Rule::ApiKey => Refused(403),
            Rule::NotOpen311 => Refused(404),
            _ => Refused(401),
        };
    };

    let grant = &account.grant;
    let sees = |which: Which| grant.allows(Action::ViewConcerns, &which.place(), which.category());
    match rule {
        Rule::Public | Rule::Signed => Through,
        Rule::ChannelSecret | Rule::DevicePassword => Refused(401),
        Rule::Elsewhere => Refused(404),
        Rule::ApiKey => Refused(403),
        Rule::NotOpen311 => Refused(404),
        Rule::Listing(action) => {
            if grant.role.may(action) {
                Through
            } else {
                Refused(403)
            }
        }
        Rule::CreateCommittee => {
            if grant.role.may(Action::ManageCommittees) && grant.area.covers(&district) {
                Through
            } else {
                Refused(403)
            }
        }
        Rule::ReadConcern(Which::Secret) if account.organisation && grant.may_see_category(Category::Gbv) => Through,
        Rule::ReadConcern(which) => want(Rule::Concern(Action::ViewConcerns, which), Some(account)),
        Rule::Concern(action, which) => {
            if !grant.role.may(action) {
                Refused(403)
            } else if !sees(which) {
                Refused(404)
            } else {
                Through
            }
        }
        Rule::Committee(_) | Rule::LinkSecret if !grant.area.covers(&district) => Refused(404),
        Rule::Committee(action) => {
            if grant.role.may(action) {
                Through
            } else {
                Refused(403)
            }
        }
        Rule::LinkSecret => {
            if !grant.role.may(Action::ManageCommittees) {
                Refused(403)
            } else if !sees(Which::Secret) {
                Refused(422)
            } else {
                Through
            }
        }
        Rule::AlertView(which) => {
            if !grant.role.may(Action::ViewConcerns) {
                Refused(403)
            } else if !sees(which) {
                Refused(404)
            } else {
                Through
            }
        }
        Rule::Alert(which) => {
            if !sees(which) {
                Refused(404)
            } else if !grant.role.may(Action::RespondToAlerts) {
                Refused(403)
            } else {
                Through
            }
        }
        Rule::Inbox => {
            if account.organisation {
                Through
            } else {
                Refused(403)
            }
        }
        Rule::Answer => {
            // The referral is of the confidential concern.
            if account.organisation && grant.may_see_category(Category::Gbv) { Through } else { Refused(404) }
        }
    }
}

/// What an answer was, in the terms of [`Want`]. A page that sends the
/// visitor to the login form refused them (401).
fn got(status: StatusCode, location: Option<&str>) -> Want {
    if location.is_some_and(|l| l.starts_with("/staff/login")) {
        return Want::Refused(401);
    }
    match status.as_u16() {
        200..=399 | 409 | 422 => Want::Through,
        other => Want::Refused(other),
    }
}

/// Every route the web crate registers with its methods, as written in its
/// source (`.route("/path", get(…).post(…))`, and the API's handlers'
/// `#[utoipa::path(get, path = "/path", …)]` from which `routes!` registers
/// them; the API's under `/api/v1`).
pub fn registered_routes() -> BTreeSet<(String, String)> {
    let mut routes = BTreeSet::new();
    let root = std::path::PathBuf::from(format!("{}/../aman-web/src", env!("CARGO_MANIFEST_DIR")));
    for path in crate::support::rust_files(&root) {
        let prefix = if path.starts_with(root.join("api")) { "/api/v1" } else { "" };
        let text = std::fs::read_to_string(&path).expect("source");
        for (at, _) in text.match_indices("#[utoipa::path(") {
            let rest = &text[at + "#[utoipa::path(".len()..];
            let method = rest.split(',').next().expect("method").trim().to_uppercase();
            let route = rest.split("path = \"").nth(1).and_then(|r| r.split('"').next()).expect("path = \"…\"");
            routes.insert((method, format!("{prefix}{route}")));
        }
        for (at, _) in text.match_indices(".route(") {
            // The path may sit on the next line when the call is long.
            let Some(rest) = text[at + ".route(".len()..].trim_start().strip_prefix('"') else { continue };
            let end = rest.find('"').expect("closing quote");
            let route = format!("{prefix}{}", &rest[..end]);
            // The handlers, up to the end of this `.route(…)` call.
            let mut depth = 1;
            let call: String = rest[end..]
                .chars()
                .take_while(|&ch| {
                    depth += match ch {
                        '(' => 1,
                        ')' => -1,
                        _ => 0,
                    };
                    depth > 0
                })
                .collect();
            for method in ["get", "post", "put", "patch", "delete", "head"] {
                let named = call
                    .match_indices(&format!("{method}("))
                    .any(|(i, _)| i == 0 || !call[..i].ends_with(|ch: char| ch.is_alphanumeric() || ch == '_'));
                if named {
                    routes.insert((method.to_uppercase(), route.clone()));
                }
            }
        }
    }
    routes
}

async fn account(app: &TestApp, role: Role, area: &str, confidential: bool, organisation: Option<i64>) -> Account {
    let email = format!("{}.{}.{}.{}@matrix", role.as_str(), area.to_lowercase(), confidential, organisation.is_some());
    let password = app.add_user_with(&email, role, area, confidential).await;
    if let Some(organisation) = organisation {
        let user = app.db.user_by_email(&email).await.expect("query").expect("user");
        app.db.set_user_organisation(user.id, Some(organisation)).await.expect("link");
    }
    // Only accounts with a second factor need the clock moved on between
    // logins (a code is accepted once); the others keep it still, so that
    // the first sessions are not idle by the time the walk begins.
    let credentials = || {
        if role.requires_second_factor() {
            app.credentials(&email, &password)
        } else {
            json!({"email": email, "password": password})
        }
    };
    let mut tokens = Vec::new();
    for _ in 0..2 {
        let (status, session) = app.post_json("/api/v1/sessions", &credentials()).await;
        assert_eq!(status, StatusCode::CREATED, "{session}");
        tokens.push(session["token"].as_str().expect("token").to_owned());
    }
    let fields = credentials();
    let form: Vec<(&str, &str)> =
        ["email", "password", "code"].iter().map(|k| (*k, fields[*k].as_str().unwrap_or_default())).collect();
    let login = app.client.post(app.url("/staff/login")).form(&form).send().await.expect("login");
    let cookie = login.headers()["set-cookie"].to_str().expect("ascii").split(';').next().expect("pair").to_owned();
    let page = app.page_as(&cookie, "/staff/committees").await;
    let csrf = page.split("name=\"csrf\" value=\"").nth(1).and_then(|s| s.split('"').next()).expect("csrf").to_owned();
    Account {
        grant: Grant { role, area: Pcode::parse(area).expect("pcode"), confidential },
        organisation: organisation.is_some(),
        spare_token: tokens.pop().expect("token"),
        token: tokens.pop().expect("token"),
        cookie,
        csrf,
    }
}

async fn fixture(app: &TestApp) -> Fixture {
    let triage = app.staff(Role::TriageOfficer, "IQ").await;
    let secretary = app.staff(Role::Administrator, "IQ").await;
    let receipt = app.submit("crime", PLAIN_PLACE).await;
    let secret = json!({"category": "gbv", "description": format!("At home, {SECRET_WORDS}."), "area": SECRET_PLACE});
    let (status, secret_submitted) = app.post_json("/api/v1/concerns", &secret).await;
    assert_eq!(status, StatusCode::CREATED);
    let secret_receipt = secret_submitted["receipt"].as_str().expect("receipt").to_owned();
    let (plain_photo, secret_photo) = (app.add_photo(&receipt).await, app.add_photo(&secret_receipt).await);
    let (_, queue) = triage.get("/api/v1/concerns").await;
    let id_of = |category: &str| {
        queue["concerns"].as_array().expect("list").iter().find(|c| c["category"] == category).expect("concern")["id"]
            .as_i64()
            .expect("id")
    };
    let (plain, secret) = (id_of("crime"), id_of("gbv"));
    let organisation =
        app.db.upsert_organisation("cso", "مركز النساء", "Women's centre", DISTRICT).await.expect("organisation");
    app.db.set_organisation_details(organisation, &[], &["gbv"], "+964 770 000 0000").await.expect("details");
    let created = |(status, body): (StatusCode, Value)| {
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["id"].as_i64().expect("id")
    };
    let referral = created(
        triage.post(&format!("/api/v1/concerns/{secret}/referrals"), &json!({"organisation_id": organisation})).await,
    );
    let committee =
        created(secretary.post("/api/v1/committees", &json!({"area": DISTRICT, "name": "Joint committee"})).await);
    let member = created(
        secretary
            .post(
                &format!("/api/v1/committees/{committee}/members"),
                &json!({"name": "Abu Hassan", "constituency": "tribal_religious_leaders", "sex": "male"}),
            )
            .await,
    );
    let issue = created(
        secretary
            .post(
                &format!("/api/v1/committees/{committee}/issues"),
                &json!({"title": "Violence at home", "concerns": [secret, plain]}),
            )
            .await,
    );
    let agenda = json!({"held_on": "2026-11-20", "place": "Hall", "agenda": [format!("concern:{secret}"), format!("concern:{plain}"), format!("issue:{issue}")]});
    let meeting = created(secretary.post(&format!("/api/v1/committees/{committee}/meetings"), &agenda).await);
    let attendance = app
        .client
        .put(app.url(&format!("/api/v1/meetings/{meeting}/attendance")))
        .bearer_auth(&secretary.token)
        .json(&json!({"present": [member]}))
        .send()
        .await
        .expect("attendance");
    assert_eq!(attendance.status(), StatusCode::OK);
    let plan = json!({"title": "Safe house", "owner_id": organisation, "due_on": "2026-12-15", "items": [format!("concern:{secret}"), format!("concern:{plain}")]});
    let action = created(secretary.post(&format!("/api/v1/committees/{committee}/actions"), &plan).await);
    let mut alerts = Vec::new();
    for (which, place) in [("crime", PLAIN_PLACE), ("gbv", SECRET_PLACE)] {
        let mut tx = app.db.begin().await.expect("begin");
        let alarm = aman_db::AlarmRecord {
            source: SeriesSource::Concerns,
            area: place,
            category: which,
            method: AlertMethod { detector: Detector::Cusum, weekly: false },
            day: 20_785,
            observed: 5,
            expected: Some(1.0),
            threshold: Some(3.0),
            score: Some(4.0),
        };
        alerts.push(tx.insert_alert(&alarm, START_MS).await.expect("alert"));
        tx.commit().await.expect("commit");
    }
    let workbook = std::fs::read(crate::surveys::item_bank()).expect("item bank");
    app.db.insert_survey_form("aman_perception", "1", "Community safety", &workbook, 0).await.expect("form");
    let login_email = "someone@matrix";
    let login_password = app.add_user_with(login_email, Role::Analyst, "IQG02", false).await;
    Fixture {
        plain,
        secret,
        receipt,
        plain_photo,
        secret_photo,
        committee,
        member,
        meeting,
        action,
        organisation,
        referral,
        plain_alert: alerts[0],
        secret_alert: alerts[1],
        login: (login_email.to_owned(), login_password),
    }
}

/// A two-pixel PNG.
pub fn tiny_png() -> Vec<u8> {
    let mut png = Vec::new();
    let picture = image::DynamicImage::ImageRgb8(image::RgbImage::new(2, 1));
    picture.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).expect("png");
    png
}

/// What an answer must not hold for someone not cleared for the
/// confidential concern.
fn leaks(f: &Fixture, json: bool, text: &str) -> Vec<String> {
    let mut marks = vec![
        SECRET_WORDS.to_owned(),
        format!("concern:{}", f.secret),
        format!("concerns/{}\"", f.secret),
        format!("concerns/{}/", f.secret),
        format!("alert:{}", f.secret_alert),
        format!("alerts/{}\"", f.secret_alert),
    ];
    if json {
        // Pages offer every place in their pickers; answers of the API name
        // only the places of what they return.
        marks.push(SECRET_PLACE.to_owned());
        marks.push("\"category\":\"gbv\"".to_owned());
        marks.push(format!("\"concern_id\":{}", f.secret));
        marks.push(format!("[{},", f.secret));
        marks.push(format!(",{}]", f.secret));
        marks.push(format!("[{}]", f.secret));
    }
    marks.into_iter().filter(|mark| text.contains(mark.as_str())).collect()
}

both! {
async fn the_generated_matrix_allows_nothing_unexpected(app: TestApp) {
    let f = fixture(&app).await;
    let mut accounts: Vec<Option<Account>> = vec![None];
    for role in Role::ALL {
        accounts.push(Some(account(&app, role, "IQG02", true, None).await));
        accounts.push(Some(account(&app, role, "IQG02", false, None).await));
        accounts.push(Some(account(&app, role, "IQG15", true, None).await));
    }
    accounts.push(Some(account(&app, Role::CsoCaseworker, "IQG02", true, Some(f.organisation)).await));
    accounts.push(Some(account(&app, Role::CsoCaseworker, "IQG02", false, Some(f.organisation)).await));
    accounts.push(Some(account(&app, Role::CsoCaseworker, "IQG15", true, Some(f.organisation)).await));

    let table = requests(&f);
    // The table and the router agree: each registered route and method has a
    // rule, each rule a registered route, and the running router has exactly
    // those methods (405 for the others).
    let registered = registered_routes();
    let listed: BTreeSet<(String, String)> = table.iter().map(|r| (r.method.to_string(), r.route.to_owned())).collect();
    let unlisted: Vec<_> = registered.difference(&listed).collect();
    assert!(unlisted.is_empty(), "routes with no rule in the matrix: {unlisted:?}");
    let gone: Vec<_> = listed.difference(&registered).collect();
    assert!(gone.is_empty(), "rules for routes that are not registered: {gone:?}");
    // (A route served elsewhere is not on this router at all: it is checked below to be not found.)
    for request in table.iter().filter(|r| !matches!(r.rule, Rule::Elsewhere)) {
        for method in [Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE] {
            let has = listed.contains(&(method.to_string(), request.route.to_owned()));
            let answer = app.client.request(method.clone(), app.url(&request.path)).send().await.expect("probe");
            assert_eq!(answer.status() != StatusCode::METHOD_NOT_ALLOWED, has, "{method} {}", request.route);
        }
    }

    let mut checked = 0;
    let mut problems = Vec::new();
    let mut unexpected_allows = 0;
    for request in &table {
        for account in &accounts {
            let is_api = request.route.starts_with("/api/");
            let mut builder = app.client.request(request.method.clone(), app.url(&request.path));
            if let Some(a) = account {
                builder = if is_api {
                    let token = if request.route == "/api/v1/sessions/all" { &a.spare_token } else { &a.token };
                    builder.bearer_auth(token)
                } else {
                    builder.header("cookie", a.cookie.clone())
                };
            }
            builder = match &request.body {
                Body::None => builder,
                Body::Json(body) => builder.json(body),
                Body::File(content_type, bytes) => builder.header("content-type", *content_type).body(bytes.clone()),
                Body::WithPhoto(fields) => {
                    let mut form = reqwest::multipart::Form::new();
                    for (name, value) in fields {
                        form = form.text(*name, value.clone());
                    }
                    let photo = reqwest::multipart::Part::bytes(tiny_png()).file_name("photo.png").mime_str("image/png");
                    builder.multipart(form.part("photo", photo.expect("mime")))
                }
                Body::Form(fields) => {
                    let mut fields = fields.clone();
                    fields.push(("csrf", account.as_ref().map_or(String::new(), |a| a.csrf.clone())));
                    builder.form(&fields)
                }
            };
            let response = builder.send().await.expect("request");
            let status = response.status();
            let location = response.headers().get("location").and_then(|l| l.to_str().ok()).map(str::to_owned);
            let text = response.text().await.expect("body");
            checked += 1;
            let expected = want(request.rule, account.as_ref());
            let answered = match got(status, location.as_deref()) {
                // What an unknown id gets: refused, in this rule's terms.
                Want::Through if expected == Want::Refused(422) && status == StatusCode::UNPROCESSABLE_ENTITY => Want::Refused(422),
                other => other,
            };
            let who = account.as_ref().map_or("nobody".to_owned(), |a| {
                format!("{} of {}{}{}", a.grant.role.as_str(), a.grant.area, if a.grant.confidential { " cleared" } else { "" }, if a.organisation { " (organisation)" } else { "" })
            });
            if answered != expected {
                if answered == Want::Through {
                    unexpected_allows += 1;
                }
                problems.push(format!("{} {} as {who}: got {status} ({answered:?}), expected {expected:?}", request.method, request.path));
                continue;
            }
            // Cleared as committee objects see it (`aman_app::items`): area and
            // clearance, whatever the role.
            // The receiving organisation's accounts read the referred concern
            // wherever they are.
            let cleared = account.as_ref().is_some_and(|a| {
                a.grant.may_see_category(Category::Gbv) && (a.grant.area.covers(&Which::Secret.place()) || a.organisation)
            });
            let own_submission = request.route == "/api/v1/concerns" && request.method == Method::POST;
            if answered == Want::Through && !cleared && !own_submission {
                // What the request itself said may be echoed (a filter kept in its box).
                let found: Vec<String> = leaks(&f, is_api, &text).into_iter().filter(|mark| !request.path.contains(mark.as_str())).collect();
                if !found.is_empty() {
                    problems.push(format!("{} {} as {who} names the confidential concern: {found:?}", request.method, request.path));
                }
            }
        }
    }
    eprintln!(
        "authorisation matrix: {} routes × methods, {} requests × {} accounts = {checked} answers; {unexpected_allows} unexpected allows, {} problems",
        listed.len(),
        table.len(),
        accounts.len(),
        problems.len()
    );
    assert!(problems.is_empty(), "{} of {checked} answers are wrong:\n{}", problems.len(), problems.join("\n"));
    assert!(checked > 2_000, "the matrix tried {checked} answers");
}
}
