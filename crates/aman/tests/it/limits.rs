//! Floods without locking people out: public submissions and receipt lookups
//! are limited per client and in total (429 with Retry-After), staff work is
//! not, and trusted gateways can be exempted.

use crate::support::TestApp;
use aman_core::role::Role;
use aman_web::Settings;
use aman_web::limits::IntakeLimits;
use reqwest::StatusCode;
use serde_json::json;

fn limits(submissions: u32, lookups: u32, global: u32) -> IntakeLimits {
    IntakeLimits {
        submissions_per_client_per_minute: submissions,
        lookups_per_client_per_minute: lookups,
        logins_per_client_per_minute: 3,
        global_per_second: global,
        ..Default::default()
    }
}

fn concern() -> serde_json::Value {
    json!({"category": "crime", "description": "Thefts of generators in the street.", "area": "IQG08"})
}

#[tokio::test]
async fn a_flooding_client_gets_429_and_staff_are_unaffected() {
    let app = TestApp::sqlite_with(Settings { intake_limits: Some(limits(3, 4, 1000)), ..Settings::default() }).await;
    for _ in 0..3 {
        assert_eq!(app.post_json("/api/v1/concerns", &concern()).await.0, StatusCode::CREATED);
    }
    let response = app.client.post(app.url("/api/v1/concerns")).json(&concern()).send().await.expect("request");
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = response.headers()["retry-after"].to_str().expect("ascii").parse().expect("seconds");
    assert!((1..=60).contains(&wait), "{wait}");
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["error"]["code"], "rate_limited");
    // The page form shares the submission budget.
    let form = [("category", "crime"), ("description", "Thefts near the bakery."), ("action", "submit")];
    assert_eq!(
        app.client.post(app.url("/report")).form(&form).send().await.expect("form").status(),
        StatusCode::TOO_MANY_REQUESTS
    );

    // Lookups have their own budget.
    for _ in 0..4 {
        assert_eq!(app.get_json("/api/v1/receipts/0000-0000-0000-0000-0000-0000").await.0, StatusCode::NOT_FOUND);
    }
    assert_eq!(app.get_json("/api/v1/receipts/0000-0000-0000-0000-0000-0000").await.0, StatusCode::TOO_MANY_REQUESTS);
    let tracked = app.client.post(app.url("/track")).form(&[("receipt", "x")]).send().await.expect("track");
    assert_eq!(tracked.status(), StatusCode::TOO_MANY_REQUESTS);

    // Pages, areas and staff work are not limited.
    let staff = app.staff(Role::TriageOfficer, "IQ").await;
    for _ in 0..20 {
        assert_eq!(staff.get("/api/v1/concerns").await.0, StatusCode::OK);
        assert_eq!(app.get_json("/api/v1/areas").await.0, StatusCode::OK);
    }
    assert_eq!(app.db.count_concerns().await.expect("count"), 3);
}

#[tokio::test]
async fn gateways_can_be_exempted_and_proxies_trusted() {
    let exempt = IntakeLimits { exempt: vec!["127.0.0.1".parse().expect("ip")], ..limits(1, 1, 1000) };
    let app = TestApp::sqlite_with(Settings { intake_limits: Some(exempt), ..Settings::default() }).await;
    for _ in 0..5 {
        assert_eq!(app.post_json("/api/v1/concerns", &concern()).await.0, StatusCode::CREATED);
    }

    let behind_proxy = IntakeLimits { trust_forwarded_for: true, ..limits(1, 1, 1000) };
    let app = TestApp::sqlite_with(Settings { intake_limits: Some(behind_proxy), ..Settings::default() }).await;
    let from = |address: &'static str| {
        app.client.post(app.url("/api/v1/concerns")).header("x-forwarded-for", address).json(&concern()).send()
    };
    assert_eq!(from("198.51.100.1").await.expect("request").status(), StatusCode::CREATED);
    assert_eq!(from("198.51.100.2").await.expect("request").status(), StatusCode::CREATED);
    assert_eq!(from("198.51.100.1").await.expect("request").status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn the_global_limit_holds_whoever_asks() {
    let global = IntakeLimits { trust_forwarded_for: true, ..limits(100, 100, 2) };
    let app = TestApp::sqlite_with(Settings { intake_limits: Some(global), ..Settings::default() }).await;
    let mut statuses = Vec::new();
    for i in 0..6 {
        let response = app
            .client
            .post(app.url("/api/v1/concerns"))
            .header("x-forwarded-for", format!("198.51.100.{i}"))
            .json(&concern())
            .send()
            .await
            .expect("request");
        statuses.push(response.status());
    }
    assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");
}

#[tokio::test]
async fn login_attempts_are_limited_per_client() {
    let app =
        TestApp::sqlite_with(Settings { intake_limits: Some(limits(100, 100, 1000)), ..Settings::default() }).await;
    let mut statuses = Vec::new();
    for i in 0..4 {
        let body = json!({"email": format!("nobody{i}@test"), "password": "guess"});
        statuses.push(app.post_json("/api/v1/sessions", &body).await.0.as_u16());
    }
    assert_eq!(statuses, [401, 401, 401, 429]);
    let form = [("email", "someone@test"), ("password", "guess")];
    assert_eq!(
        app.client.post(app.url("/staff/login")).form(&form).send().await.expect("form").status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn https_deployments_get_hsts_and_secure_cookies() {
    let app = TestApp::sqlite_with(Settings { secure_cookies: true, intake_limits: None, ..Settings::default() }).await;
    let response = app.client.get(app.url("/")).send().await.expect("request");
    assert_eq!(response.headers()["strict-transport-security"], "max-age=31536000; includeSubDomains");
    let password = app.add_user("tls@test", Role::Analyst, "IQ").await;
    let login = app
        .client
        .post(app.url("/staff/login"))
        .form(&[("email", "tls@test"), ("password", password.as_str())])
        .send()
        .await
        .expect("login");
    let cookie = login.headers()["set-cookie"].to_str().expect("ascii").to_owned();
    assert!(cookie.contains("; Secure") && cookie.contains("HttpOnly"), "{cookie}");
    let plain = TestApp::sqlite().await;
    let response = plain.client.get(plain.url("/")).send().await.expect("request");
    assert!(response.headers().get("strict-transport-security").is_none());
}

/// Pulls the challenge out of the report form's address.
fn form_challenge(page: &str) -> Option<String> {
    let start = page.find("action=\"/report?challenge=")? + "action=\"/report?challenge=".len();
    Some(page[start..].split('"').next()?.to_owned())
}

#[tokio::test]
async fn a_surge_needs_a_challenge_answered_by_work_or_by_waiting() {
    let surge = IntakeLimits {
        calm_submissions_per_minute: 3,
        challenge_difficulty: 8,
        challenge_wait_seconds: 5,
        waited_per_minute: 1,
        ..limits(100, 100, 1000)
    };
    let app = TestApp::sqlite_with(Settings { intake_limits: Some(surge), ..Settings::default() }).await;
    let page = app.get_text("/report").await.1;
    assert!(form_challenge(&page).is_none() && !page.contains("challenge.js"), "calm: no challenge");
    for _ in 0..3 {
        assert_eq!(app.post_json("/api/v1/concerns", &concern()).await.0, StatusCode::CREATED);
    }
    // Above the calm rate: the API answers 428 with a challenge, storing nothing.
    let response = app.client.post(app.url("/api/v1/concerns")).json(&concern()).send().await.expect("request");
    assert_eq!(response.status(), StatusCode::PRECONDITION_REQUIRED);
    let token = response.headers()["aman-challenge"].to_str().expect("ascii").to_owned();
    assert_eq!(response.headers()["aman-challenge-difficulty"], "8");
    assert_eq!(response.headers()["retry-after"], "5");
    assert_eq!(response.json::<serde_json::Value>().await.expect("json")["error"]["code"], "challenge_required");
    assert_eq!(app.db.count_concerns().await.expect("count"), 3);

    // Work answers it, once.
    let solution = aman_web::challenge::solve(&token, 8).to_string();
    let answered = |token: String, solution: String| {
        app.client
            .post(app.url("/api/v1/concerns"))
            .header("aman-challenge", token)
            .header("aman-solution", solution)
            .json(&concern())
            .send()
    };
    assert_eq!(answered(token.clone(), solution.clone()).await.expect("request").status(), StatusCode::CREATED);
    assert_eq!(answered(token, solution).await.expect("request").status(), StatusCode::PRECONDITION_REQUIRED);

    // The page form carries a challenge and its script; sent at once without
    // the script's work, the report comes back as typed…
    let page = app.get_text("/report").await.1;
    let token = form_challenge(&page).expect("a challenge in the form");
    assert!(page.contains(r#"<script src="/static/challenge.js" defer></script>"#));
    let form = [
        ("category", "crime"),
        ("description", "Thefts near the bakery, every night."),
        ("governorate", "IQG08"),
        ("action", "submit"),
    ];
    let response =
        app.client.post(app.url(&format!("/report?challenge={token}"))).form(&form).send().await.expect("form");
    assert_eq!(response.status(), StatusCode::PRECONDITION_REQUIRED);
    let page = response.text().await.expect("page");
    assert!(page.contains("Thefts near the bakery, every night."), "nothing typed is lost");
    // …and is accepted once the person has waited, within the waiting budget.
    let token = form_challenge(&page).expect("a new challenge");
    app.clock.fetch_add(5_000, std::sync::atomic::Ordering::SeqCst);
    let waited =
        app.client.post(app.url(&format!("/report?challenge={token}"))).form(&form).send().await.expect("form");
    assert_eq!(waited.status(), StatusCode::OK);
    let text = waited.text().await.expect("page");
    assert!(text.contains("class=\"receipt\""), "the receipt page: {text}");
    let page = app.get_text("/report").await.1;
    let token = form_challenge(&page).expect("a challenge");
    app.clock.fetch_add(5_000, std::sync::atomic::Ordering::SeqCst);
    let over_budget =
        app.client.post(app.url(&format!("/report?challenge={token}"))).form(&form).send().await.expect("form");
    assert_eq!(over_budget.status(), StatusCode::PRECONDITION_REQUIRED, "the waiting budget is spent");

    // Staff work is unaffected by the surge.
    let staff = app.staff(Role::TriageOfficer, "IQ").await;
    assert_eq!(staff.get("/api/v1/concerns").await.0, StatusCode::OK);
    // The surge ends ten minutes after the rate calms down.
    app.advance_minutes(11);
    assert!(form_challenge(&app.get_text("/report").await.1).is_none());
}

#[tokio::test]
async fn the_challenge_script_is_served_under_a_csp_without_inline_script() {
    let app = TestApp::sqlite().await;
    let response = app.client.get(app.url("/static/challenge.js")).send().await.expect("request");
    let csp = response.headers()["content-security-policy"].to_str().expect("ascii").to_owned();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
    assert!(response.text().await.expect("script").contains("crypto.subtle.digest"));
}

/// The report page in a real headless Chromium during a surge: its script
/// finds an answer the server accepts and puts it in the form's address.
#[tokio::test]
async fn the_page_script_finds_a_valid_answer_in_a_browser() {
    let Some(chromium) = crate::support::chromium() else { return };
    let surge = IntakeLimits { calm_submissions_per_minute: 1, challenge_difficulty: 8, ..limits(100, 100, 1000) };
    let app = TestApp::sqlite_with(Settings { intake_limits: Some(surge), ..Settings::default() }).await;
    for _ in 0..2 {
        app.post_json("/api/v1/concerns", &concern()).await;
    }
    let dom = crate::support::browser_dom(&chromium, &app.url("/report?lang=en")).await;
    let action = form_action(&dom).expect("the report form");
    let (token, solution) = action
        .strip_prefix("/report?challenge=")
        .and_then(|rest| rest.split_once("&amp;solution="))
        .unwrap_or_else(|| panic!("the script answered the challenge: {action}"));
    assert!(aman_web::challenge::is_solution(token, solution, 8), "{action}");
}

/// The `action` of the report form in a page's HTML.
fn form_action(page: &str) -> Option<String> {
    let start = page.find("action=\"/report?challenge=")? + "action=\"".len();
    Some(page[start..].split('"').next()?.to_owned())
}

/// A survey's pages are steps (the lookup budget); the answers sent are a
/// submission, counted per client like a concern, so one client cannot fill
/// a poll with its own answers.
#[tokio::test]
async fn survey_submissions_are_limited_per_client_like_concerns() {
    let app = TestApp::sqlite_with(Settings { intake_limits: Some(limits(2, 100, 1000)), ..Settings::default() }).await;
    let workbook = std::fs::read(crate::surveys::item_bank()).expect("item bank");
    app.db.insert_survey_form("aman_perception", "1", "Community safety", &workbook, 0).await.expect("form");
    let post = |i: usize, action: &str| {
        let mut fields = crate::surveys::web_answers(i);
        fields.push(("action".to_owned(), action.to_owned()));
        app.client.post(app.url("/surveys/aman_perception?lang=en")).form(&fields).send()
    };
    for i in 0..5 {
        assert_eq!(post(i, "continue").await.expect("step").status(), StatusCode::OK, "steps are not submissions");
    }
    for i in 0..2 {
        assert_eq!(post(i, "submit").await.expect("submit").status(), StatusCode::OK);
    }
    let refused = post(2, "submit").await.expect("submit");
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers().contains_key("retry-after"));
    assert_eq!(
        app.db.survey_responses("aman_perception", "IQ").await.expect("responses").len(),
        2,
        "the third is not stored"
    );
    // Concerns share the same budget: it is spent.
    assert_eq!(app.post_json("/api/v1/concerns", &concern()).await.0, StatusCode::TOO_MANY_REQUESTS);
}
