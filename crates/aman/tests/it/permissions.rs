//! Least privilege by role and area, route by route: every staff route is
//! tried by every role, inside and outside its area, on an ordinary and on
//! confidential concerns, and each answer is compared with what the one
//! permission table (`Role::may`, `Grant`) says. Public routes answer
//! everyone. Field-level: only triage officers get identities.

use crate::support::TestApp;
use aman_core::area::Pcode;
use aman_core::category::Category;
use aman_core::role::{Action, Grant, Role};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// A staff member logged in both ways: a bearer token for the API and a
/// cookie (with its CSRF token) for pages.
struct Account {
    grant: Grant,
    token: String,
    cookie: String,
    csrf: String,
}

async fn account(app: &TestApp, role: Role, area: &str, confidential: bool) -> Account {
    let email = format!("{}.{}.{}@perm", role.as_str(), area.to_lowercase(), confidential);
    let password = app.add_user_with(&email, role, area, confidential).await;
    let (_, session) = app.post_json("/api/v1/sessions", &app.credentials(&email, &password)).await;
    let login =
        app.client.post(app.url("/staff/login")).form(&app.login_form(&email, &password)).send().await.expect("login");
    let cookie = login.headers()["set-cookie"].to_str().expect("cookie").split(';').next().expect("pair").to_owned();
    // The page session's CSRF token, found by the hash of its cookie.
    let token = cookie.split_once('=').expect("name=value").1;
    let token_hash = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(token.as_bytes()));
    let sessions = app.db.table_snapshot("sessions").await.expect("sessions");
    let csrf = sessions.iter().find(|row| row[0] == token_hash).map(|row| row[2].clone()).expect("csrf");
    Account {
        grant: Grant { role, area: Pcode::parse(area).expect("pcode"), confidential },
        token: session["token"].as_str().expect("token").to_owned(),
        cookie,
        csrf,
    }
}

/// What a route should answer: allowed, or refused with this status.
fn expected(grant: Option<&Grant>, action: Action, concern: Option<(&Pcode, Category)>) -> Result<(), u16> {
    let Some(grant) = grant else { return Err(401) };
    if !grant.role.may(action) {
        return Err(403);
    }
    match concern {
        Some((area, category)) if !grant.allows(Action::ViewConcerns, area, category) => Err(404),
        _ => Ok(()),
    }
}

fn outcome(status: StatusCode) -> Result<(), u16> {
    match status.as_u16() {
        // Allowed through; the request itself may still be refused on its
        // merits (409: that status change is illegal now).
        200..=399 | 409 => Ok(()),
        other => Err(other),
    }
}

both! {
async fn every_route_answers_every_role_as_the_table_says(app: TestApp) {
    let basra = Pcode::parse("IQG02Q01").expect("pcode");
    let mut concerns = Vec::new();
    for category in [Category::Crime, Category::Gbv, Category::SecurityConduct] {
        let body = json!({"category": category.as_str(), "description": "A concern for the permission walk.",
            "area": basra.as_str(), "contact": {"name": "Walk Reporter", "phone": "07701234567"}});
        assert_eq!(app.post_json("/api/v1/concerns", &body).await.0, StatusCode::CREATED);
        concerns.push(category);
    }
    let national = account(&app, Role::TriageOfficer, "IQ", true).await;
    let list = app.client.get(app.url("/api/v1/concerns")).bearer_auth(&national.token).send().await.expect("list");
    let (_, body) = crate::support::json_of(list).await;
    let everyone: Vec<(i64, String)> = body["concerns"]
        .as_array()
        .expect("concerns")
        .iter()
        .map(|c| (c["id"].as_i64().expect("id"), c["category"].as_str().expect("category").to_owned()))
        .collect();
    assert_eq!(everyone.len(), 3);

    let mut accounts: Vec<Option<Account>> = vec![None];
    for role in Role::ALL {
        for area in ["IQG02", "IQG15"] {
            accounts.push(Some(account(&app, role, area, true).await));
        }
        accounts.push(Some(account(&app, role, "IQG02", false).await));
    }

    let mut checked = 0;
    let mut mismatches = Vec::new();
    let mut identity_problems = Vec::new();
    for account in &accounts {
        let grant = account.as_ref().map(|a| &a.grant);
        let api = |method: reqwest::Method, path: String| {
            let request = app.client.request(method, app.url(&path));
            match account {
                Some(a) => request.bearer_auth(&a.token),
                None => request,
            }
        };
        let page = |method: reqwest::Method, path: String| {
            let request = app.client.request(method, app.url(&path));
            match account {
                Some(a) => request.header("cookie", a.cookie.clone()),
                None => request,
            }
        };
        let csrf = account.as_ref().map_or(String::new(), |a| a.csrf.clone());
        let mut check = |name: String, status: StatusCode, want: Result<(), u16>, page_route: bool| {
            checked += 1;
            // Pages send anonymous visitors to the login form.
            let want = if page_route && want == Err(401) { Ok(()) } else { want };
            if outcome(status) != want {
                mismatches.push(format!("{name} as {:?}: got {status}, expected {want:?}", grant.map(|g| (g.role, g.area.to_string(), g.confidential))));
            }
        };

        for (id, category) in &everyone {
            let category = Category::from_code(category).expect("category");
            let scope = Some((&basra, category));
            let view = api(reqwest::Method::GET, format!("/api/v1/concerns/{id}")).send().await.expect("request");
            let status = view.status();
            let body: Value = view.json().await.unwrap_or(Value::Null);
            check(format!("GET concern {category:?}"), status, expected(grant, Action::ViewConcerns, scope), false);
            if status == StatusCode::OK {
                let sees_identity = body.get("contact").is_some();
                let should = grant.is_some_and(|g| g.allows(Action::ViewIdentity, &basra, category));
                if sees_identity != should {
                    identity_problems.push(format!("identity of {category:?} for {:?}: {sees_identity}", grant.map(|g| g.role)));
                }
            }
            let r = api(reqwest::Method::POST, format!("/api/v1/concerns/{id}/notes")).json(&json!({"body": "n"})).send().await.expect("request");
            check(format!("POST note {category:?}"), r.status(), expected(grant, Action::AddNote, scope), false);
            let r = api(reqwest::Method::POST, format!("/api/v1/concerns/{id}/updates")).json(&json!({"body": "u"})).send().await.expect("request");
            check(format!("POST update {category:?}"), r.status(), expected(grant, Action::PublicUpdate, scope), false);
            let r = api(reqwest::Method::POST, format!("/api/v1/concerns/{id}/transitions"))
                .json(&json!({"to": "closed", "reason": "walk"}))
                .send()
                .await
                .expect("request");
            check(format!("POST transition {category:?}"), r.status(), expected(grant, Action::Triage, scope), false);
            let r = page(reqwest::Method::GET, format!("/staff/concerns/{id}")).send().await.expect("request");
            check(format!("page concern {category:?}"), r.status(), expected(grant, Action::ViewConcerns, scope), true);
            let r = page(reqwest::Method::POST, format!("/staff/concerns/{id}/note")).form(&[("csrf", csrf.as_str()), ("body", "n")]).send().await.expect("request");
            let want = expected(grant, Action::AddNote, scope);
            check(format!("page note {category:?}"), r.status(), want, false);
        }
        let r = api(reqwest::Method::GET, "/api/v1/concerns".into()).send().await.expect("request");
        check("GET queue".into(), r.status(), expected(grant, Action::ViewConcerns, None), false);
        let r = api(reqwest::Method::GET, "/api/v1/audit".into()).send().await.expect("request");
        check("GET audit".into(), r.status(), expected(grant, Action::ViewAudit, None), false);
        let r = page(reqwest::Method::GET, "/staff".into()).send().await.expect("request");
        check("page queue".into(), r.status(), expected(grant, Action::ViewConcerns, None), true);
        let r = page(reqwest::Method::GET, "/staff/audit".into()).send().await.expect("request");
        check("page audit".into(), r.status(), expected(grant, Action::ViewAudit, None), true);
        let r = api(reqwest::Method::GET, "/api/v1/alerts".into()).send().await.expect("request");
        check("GET alerts".into(), r.status(), expected(grant, Action::ViewConcerns, None), false);
        let r = page(reqwest::Method::GET, "/staff/alerts".into()).send().await.expect("request");
        check("page alerts".into(), r.status(), expected(grant, Action::ViewConcerns, None), true);
        let r = api(reqwest::Method::GET, "/api/v1/committees".into()).send().await.expect("request");
        check("GET committees".into(), r.status(), expected(grant, Action::ViewCommittees, None), false);
        let r = page(reqwest::Method::GET, "/staff/committees".into()).send().await.expect("request");
        check("page committees".into(), r.status(), expected(grant, Action::ViewCommittees, None), true);
        let r = api(reqwest::Method::POST, "/api/v1/committees".into())
            .json(&json!({"area": "IQG02Q01", "name": "walk"}))
            .send()
            .await
            .expect("request");
        let want = match expected(grant, Action::ManageCommittees, None) {
            Ok(()) if grant.is_some_and(|g| g.area.as_str() != "IQG02") => Err(403),
            other => other,
        };
        check("POST committee".into(), r.status(), want, false);
        for path in ["/", "/report", "/track", "/surveys", "/api/v1/surveys", "/accountability", "/api/v1/public/accountability", "/api/v1/areas", "/api/v1/areas/locate?lat=30.5&lon=47.8", "/api/v1/areas/IQG02", "/healthz", "/static/aman.css"] {
            let r = page(reqwest::Method::GET, path.into()).send().await.expect("request");
            check(format!("public {path}"), r.status(), Ok(()), false);
        }
    }
    assert!(identity_problems.is_empty(), "{}", identity_problems.join("\n"));
    assert!(mismatches.is_empty(), "{} of {checked} answers differ from the table:\n{}", mismatches.len(), mismatches.join("\n"));
    assert!(checked > 500, "walked {checked} route × account pairs");
}
}

/// Every route the web crate registers is accounted for: walked above for
/// every role × area × clearance, or checked for who may use it by the named
/// test. A route added without an entry here fails, so the next one cannot
/// slip past the permission review. (A matrix generated for every route is
/// still to come; this list says where each one stands.)
#[test]
fn every_route_has_its_permission_check() {
    const WALKED: &str = "permissions::every_route_answers_every_role_as_the_table_says";
    let checked: &[(&str, &str)] = &[
        ("/", WALKED),
        ("/accountability", WALKED),
        ("/actions/{id}", "confidential::confidential_concerns_stay_hidden_behind_committee_objects"),
        ("/actions/{id}/confirmations", "committees::the_reporter_confirms_on_the_track_page"),
        ("/actions/{id}/progress", "committees::the_reporter_confirms_on_the_track_page"),
        ("/alerts", WALKED),
        ("/alerts/{id}/transitions", "alerts::a_spike_raises_alerts_that_committees_answer"),
        ("/areas", WALKED),
        ("/areas/locate", WALKED),
        ("/areas/{pcode}", WALKED),
        ("/audit", WALKED),
        ("/committees", WALKED),
        ("/committees/{id}", "confidential::listings_stay_within_ones_own_area"),
        ("/committees/{id}/actions", "confidential::confidential_concerns_stay_hidden_behind_committee_objects"),
        ("/committees/{id}/issues", "confidential::confidential_concerns_stay_hidden_behind_committee_objects"),
        ("/committees/{id}/meetings", "confidential::confidential_concerns_stay_hidden_behind_committee_objects"),
        ("/committees/{id}/members", "committees::a_committee_runs_from_members_to_priorities"),
        ("/concerns", WALKED),
        ("/concerns/{id}", WALKED),
        ("/concerns/{id}/notes", WALKED),
        ("/concerns/{id}/referrals", "referrals::referrals_are_routed_answered_followed_and_escalated"),
        ("/concerns/{id}/transitions", WALKED),
        ("/concerns/{id}/updates", WALKED),
        ("/healthz", WALKED),
        ("/index", "index::governorates_are_ranked_with_intervals_and_missing_data_flagged"),
        ("/meetings/{id}", "confidential::confidential_concerns_stay_hidden_behind_committee_objects"),
        ("/meetings/{id}/attendance", "committees::a_committee_runs_from_members_to_priorities"),
        ("/meetings/{id}/ballots/{member}", "hostile::committee_input_is_kept_within_sense"),
        ("/meetings/{id}/minutes", "committees::a_committee_runs_from_members_to_priorities"),
        ("/meetings/{id}/priorities", "committees::a_committee_runs_from_members_to_priorities"),
        ("/organisations", "confidential::listings_stay_within_ones_own_area"),
        ("/public/accountability", WALKED),
        ("/readyz", "api::health_and_readiness"),
        ("/receipt.txt", "pages::a_resident_reports_with_the_pickers_and_follows_with_the_receipt"),
        ("/receipts/{receipt}", "api::unknown_and_malformed_receipts"),
        ("/receipts/{receipt}/confirmations", "committees::the_reporter_confirms_on_the_track_page"),
        ("/referrals", "referrals::referrals_are_routed_answered_followed_and_escalated"),
        ("/referrals/{id}/answer", "referrals::referrals_are_routed_answered_followed_and_escalated"),
        ("/report", WALKED),
        ("/sessions", "staff::login_needs_the_right_password"),
        ("/sessions/all", "staff::logout_everywhere_and_disabling_end_every_session"),
        ("/staff", WALKED),
        ("/staff/actions/{id}/progress", "committees::a_secretary_runs_a_meeting_from_the_pages_in_arabic"),
        ("/staff/alerts", WALKED),
        ("/staff/alerts/{id}", "alerts::the_alerts_page_lists_alerts_and_moves_them_with_csrf"),
        ("/staff/audit", WALKED),
        ("/staff/committees", WALKED),
        ("/staff/committees/{id}", "committees::a_secretary_runs_a_meeting_from_the_pages_in_arabic"),
        ("/staff/committees/{id}/actions", "committees::a_secretary_runs_a_meeting_from_the_pages_in_arabic"),
        ("/staff/committees/{id}/issues", "committees::a_secretary_runs_a_meeting_from_the_pages_in_arabic"),
        ("/staff/committees/{id}/meetings", "committees::a_secretary_runs_a_meeting_from_the_pages_in_arabic"),
        ("/staff/committees/{id}/members", "committees::a_secretary_runs_a_meeting_from_the_pages_in_arabic"),
        ("/staff/concerns/{id}", WALKED),
        ("/staff/concerns/{id}/move", "pages::staff_log_in_with_a_cookie_and_every_form_needs_the_csrf_token"),
        ("/staff/concerns/{id}/note", WALKED),
        ("/staff/concerns/{id}/referrals", "referrals::referrals_are_sent_and_answered_from_the_pages"),
        ("/staff/concerns/{id}/update", "pages::staff_log_in_with_a_cookie_and_every_form_needs_the_csrf_token"),
        ("/staff/login", "pages::staff_log_in_with_a_cookie_and_every_form_needs_the_csrf_token"),
        ("/staff/logout", "staff::sessions_expire_when_idle_and_end_at_logout"),
        ("/staff/meetings/{id}", "confidential::the_meeting_page_names_a_confidential_concern_only_as_such"),
        ("/staff/meetings/{id}/attendance", "committees::a_secretary_runs_a_meeting_from_the_pages_in_arabic"),
        ("/staff/meetings/{id}/ballot", "committees::a_secretary_runs_a_meeting_from_the_pages_in_arabic"),
        ("/staff/meetings/{id}/minutes", "committees::a_secretary_runs_a_meeting_from_the_pages_in_arabic"),
        ("/staff/meetings/{id}/print", "committees::a_secretary_runs_a_meeting_from_the_pages_in_arabic"),
        ("/staff/meetings/{id}/priorities", "committees::a_secretary_runs_a_meeting_from_the_pages_in_arabic"),
        ("/staff/referrals", "referrals::referrals_are_sent_and_answered_from_the_pages"),
        ("/staff/referrals/{id}/answer", "referrals::referrals_are_sent_and_answered_from_the_pages"),
        ("/static/aman.css", WALKED),
        ("/static/challenge.js", "limits::the_challenge_script_is_served_under_a_csp_without_inline_script"),
        ("/surveys", WALKED),
        ("/surveys/{key}", "surveys::the_web_form_follows_the_skip_logic_and_keeps_what_was_typed"),
        ("/surveys/{key}/estimates", "surveys::a_kobo_export_is_imported_all_or_nothing_and_estimated_honestly"),
        ("/surveys/{key}/results", "surveys::a_kobo_export_is_imported_all_or_nothing_and_estimated_honestly"),
        ("/track", "pages::a_resident_reports_with_the_pickers_and_follows_with_the_receipt"),
        ("/track/confirm", "committees::the_reporter_confirms_on_the_track_page"),
    ];
    let mut registered = std::collections::BTreeSet::new();
    let mut folders = vec![std::path::PathBuf::from(format!("{}/../aman-web/src", env!("CARGO_MANIFEST_DIR")))];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).expect("src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("source");
            for (at, _) in text.match_indices(".route(\"") {
                let rest = &text[at + ".route(\"".len()..];
                registered.insert(rest[..rest.find('"').expect("closing quote")].to_owned());
            }
        }
    }
    let listed: std::collections::BTreeSet<String> = checked.iter().map(|(route, _)| (*route).to_owned()).collect();
    let unlisted: Vec<&String> = registered.difference(&listed).collect();
    assert!(unlisted.is_empty(), "routes with no permission check named: {unlisted:?}");
    // Each named test exists (a renamed or deleted test breaks the list).
    for (route, test) in checked {
        let (module, name) = test.split_once("::").expect("module::test");
        let source =
            std::fs::read_to_string(format!("{}/tests/it/{module}.rs", env!("CARGO_MANIFEST_DIR"))).expect("module");
        assert!(source.contains(&format!("fn {name}(")), "{route}: no test {test}");
    }
    let gone: Vec<&String> = listed.difference(&registered).collect();
    assert!(gone.is_empty(), "listed routes that no longer exist: {gone:?}");
}
