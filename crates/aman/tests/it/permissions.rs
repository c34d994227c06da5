//! Least privilege by role and area, route by route: every staff route is
//! tried by every role, inside and outside its area, on an ordinary and on
//! confidential concerns, and each answer is compared with what the one
//! permission table (`Role::may`, `Grant`) says. Public routes answer
//! everyone. Field-level: only triage officers get identities. Every route
//! and method, with a confidential concern linked into every object, is in
//! the generated matrix (`matrix.rs`).

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
