//! Referrals: a concern goes to an organisation serving its area (the
//! confidential categories only to one cleared for them), its own staff
//! answer, the reporter follows it on /track, and an overdue referral rises
//! to the committee, then one level up, with a controllable clock.

use crate::support::{Staff, TestApp};
use aman_core::role::Role;
use reqwest::StatusCode;
use serde_json::json;

async fn organisation(app: &TestApp, kind: &str, name: &str, area: &str, confidential: &[&str]) -> i64 {
    let id = app.db.upsert_organisation(kind, name, name, area).await.expect("organisation");
    app.db.set_organisation_details(id, &[], confidential, "+964 770 000 0000").await.expect("details");
    id
}

/// A staff account that answers for an organisation.
async fn member_of(app: &TestApp, organisation: i64, role: Role, email: &str) -> Staff {
    let password = app.add_user(email, role, "IQG02").await;
    let user = app.db.user_by_email(email).await.expect("query").expect("user");
    app.db.set_user_organisation(user.id, Some(organisation)).await.expect("link");
    let (status, body) = app.post_json("/api/v1/sessions", &app.credentials(email, &password)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    Staff::with_token(app, body["token"].as_str().expect("token"))
}

async fn refer(staff: &Staff, concern: i64, organisation: i64) -> (StatusCode, serde_json::Value) {
    staff.post(&format!("/api/v1/concerns/{concern}/referrals"), &json!({"organisation_id": organisation})).await
}

async fn answer(staff: &Staff, referral: i64, body: serde_json::Value) -> (StatusCode, serde_json::Value) {
    staff.post(&format!("/api/v1/referrals/{referral}/answer"), &body).await
}

both! {
async fn referrals_are_routed_answered_followed_and_escalated(app: TestApp) {
    let police = organisation(&app, "police_station", "Abu Al-Khaseeb police", "IQG02Q03", &[]).await;
    let shelter = organisation(&app, "cso", "Basra women's shelter", "IQG02", &["gbv"]).await;
    let crime = app.submit("crime", "IQG02Q03N01").await;
    let (_, body) = app.post_json("/api/v1/concerns", &json!({"category": "gbv", "description": "A woman is beaten at home every week.", "area": "IQG02Q03N01", "language": "en"})).await;
    let gbv_receipt = body["receipt"].as_str().expect("receipt").to_owned();
    let triage = app.staff(Role::TriageOfficer, "IQG02").await;
    let (_, queue) = triage.get("/api/v1/concerns").await;
    let id_of = |category: &str| queue["concerns"].as_array().expect("list").iter().find(|c| c["category"] == category).and_then(|c| c["id"].as_i64()).expect("concern");
    let (crime_id, gbv_id) = (id_of("crime"), id_of("gbv"));

    let (status, body) = refer(&triage, crime_id, police).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let to_police = body["id"].as_i64().expect("id");
    let refused = refer(&triage, gbv_id, police).await;
    assert_eq!(refused.1["error"]["field_codes"]["organisation_id"], "not_cleared", "gbv never goes to the police");
    let (status, body) = refer(&triage, gbv_id, shelter).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let outside = organisation(&app, "police_station", "Mosul police", "IQG15", &[]).await;
    assert_eq!(refer(&triage, crime_id, outside).await.1["error"]["field_codes"]["organisation_id"], "unknown_organisation");
    let committee = app.staff(Role::CommitteeMember, "IQG02").await;
    assert_eq!(committee.post(&format!("/api/v1/concerns/{crime_id}/referrals"), &json!({"organisation_id": police})).await.0, StatusCode::FORBIDDEN);

    // The police station's own staff answer; nobody else can.
    let officer = member_of(&app, police, Role::PoliceLiaison, "liaison@police").await;
    let (_, mine) = officer.get("/api/v1/referrals").await;
    assert_eq!(mine["referrals"].as_array().map(Vec::len), Some(1));
    let worker = member_of(&app, shelter, Role::CsoCaseworker, "worker@shelter").await;
    assert_eq!(answer(&worker, to_police, json!({"action": "acknowledge"})).await.0, StatusCode::NOT_FOUND);
    assert_eq!(answer(&officer, to_police, json!({"action": "acknowledge"})).await.0, StatusCode::OK);
    let empty = answer(&officer, to_police, json!({"action": "respond"})).await;
    assert_eq!(empty.1["error"]["field_codes"]["response"], "required");
    let (status, done) = answer(&officer, to_police, json!({"action": "respond", "response": "A patrol now passes every evening."})).await;
    assert_eq!((status, done["status"].as_str()), (StatusCode::OK, Some("responded")), "{done}");
    assert_eq!(answer(&officer, to_police, json!({"action": "decline", "response": "x"})).await.1["error"]["code"], "illegal_transition");
    let (_, tracked) = app.get_json(&format!("/api/v1/receipts/{crime}")).await;
    let updates: Vec<&str> = tracked["updates"].as_array().expect("updates").iter().filter_map(|u| u["text"].as_str()).collect();
    assert!(updates.iter().any(|u| u.contains("أُحيل بلاغك إلى")) && updates.iter().any(|u| u.contains("ردّت")), "{updates:?}");

    // The shelter has not answered: after its deadline the committee sees it, later the next level.
    let (_, tracked) = app.get_json(&format!("/api/v1/receipts/{gbv_receipt}")).await;
    assert!(tracked["updates"].to_string().contains("Your report was passed to Basra women's shelter"), "{tracked}");
    assert_eq!(aman_app::referrals::escalate(&app.state).await.expect("job"), 0);
    app.advance_minutes(8 * 24 * 60);
    let triage = app.staff(Role::TriageOfficer, "IQG02Q03").await;
    assert_eq!(aman_app::referrals::escalate(&app.state).await.expect("job"), 1);
    let (_, list) = triage.get(&format!("/api/v1/concerns/{gbv_id}/referrals")).await;
    assert_eq!(list["referrals"][0]["escalation"], "committee", "{list}");
    app.advance_minutes(7 * 24 * 60);
    aman_app::referrals::escalate(&app.state).await.expect("job");
    let triage = app.staff(Role::TriageOfficer, "IQ").await;
    let (_, list) = triage.get(&format!("/api/v1/concerns/{gbv_id}/referrals")).await;
    assert_eq!(list["referrals"][0]["escalation"], "next_level", "{list}");
    let audit = app.db.table_snapshot("audit_log").await.expect("audit");
    for action in ["referral.create", "referral.answer", "referral.escalate"] {
        assert!(audit.iter().any(|row| row.iter().any(|cell| cell == action)), "{action} audited");
    }
}
}

/// Logs in through the login form; returns the session cookie.
fn csrf_in(html: &str) -> String {
    let start = html.find("name=\"csrf\" value=\"").expect("a form") + "name=\"csrf\" value=\"".len();
    html[start..].split('"').next().expect("token").to_owned()
}

#[tokio::test]
async fn referrals_are_sent_and_answered_from_the_pages() {
    let app = TestApp::sqlite().await;
    let police = organisation(&app, "police_station", "Abu Al-Khaseeb police", "IQG02Q03", &[]).await;
    app.submit("crime", "IQG02Q03N01").await;
    let password = app.add_user("desk@basra", Role::TriageOfficer, "IQG02").await;
    let desk = app.page_login("desk@basra", &password).await;
    let concern = app.staff(Role::TriageOfficer, "IQG02Q03").await.get("/api/v1/concerns").await.1["concerns"][0]["id"]
        .as_i64()
        .expect("id");
    let page = app
        .client
        .get(app.url(&format!("/staff/concerns/{concern}/referrals?lang=en")))
        .header("cookie", &desk)
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(page.contains("Abu Al-Khaseeb police") && page.contains("Refer to an organisation"), "{page}");
    let form = [("csrf", csrf_in(&page)), ("organisation_id", police.to_string()), ("severity", "urgent".to_owned())];
    let sent = app
        .client
        .post(app.url(&format!("/staff/concerns/{concern}/referrals")))
        .header("cookie", &desk)
        .form(&form)
        .send()
        .await
        .expect("refer");
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);

    let password = app.add_user("duty@police", Role::PoliceLiaison, "IQG02").await;
    let user = app.db.user_by_email("duty@police").await.expect("query").expect("user");
    app.db.set_user_organisation(user.id, Some(police)).await.expect("link");
    let duty = app.page_login("duty@police", &password).await;
    let inbox = app
        .client
        .get(app.url("/staff/referrals?lang=en"))
        .header("cookie", &duty)
        .send()
        .await
        .expect("inbox")
        .text()
        .await
        .expect("html");
    assert!(inbox.contains("Sent") && inbox.contains("Acknowledge receipt"), "{inbox}");
    let referral =
        inbox.split("/staff/referrals/").nth(1).and_then(|s| s.split('/').next()).expect("a referral").to_owned();
    let answer = [
        ("csrf", csrf_in(&inbox)),
        ("action", "respond".to_owned()),
        ("response", "Patrol sent the same night.".to_owned()),
    ];
    let answered = app
        .client
        .post(app.url(&format!("/staff/referrals/{referral}/answer")))
        .header("cookie", &duty)
        .form(&answer)
        .send()
        .await
        .expect("answer");
    assert_eq!(answered.status(), StatusCode::SEE_OTHER);
    let inbox = app
        .client
        .get(app.url("/staff/referrals?lang=en"))
        .header("cookie", &duty)
        .send()
        .await
        .expect("inbox")
        .text()
        .await
        .expect("html");
    assert!(inbox.contains("Responded") && inbox.contains("Patrol sent the same night."), "{inbox}");
    let others = app.client.get(app.url("/staff/referrals")).header("cookie", &desk).send().await.expect("inbox");
    assert_eq!(others.status(), StatusCode::FORBIDDEN, "the inbox is only for an organisation's staff");
}

both! {
/// The loop closes: the receiving organisation finds the referral with what
/// it needs to act, opens the concern referred to it (and no other, and
/// without staff notes or the reporter's identity) even outside its area,
/// answers in words the reporter then reads on their receipt; the concern
/// follows the action the committee plans on it, to resolved and back.
async fn the_referral_loop_closes_and_the_concern_follows_its_action(app: TestApp) {
    let ngo = organisation(&app, "cso", "Tigris legal aid", "IQG02Q03", &[]).await;
    let body = json!({"category": "crime", "description": "Men take money from the fishermen at the river every week.",
        "area": "IQG02Q03N01", "language": "en", "contact": {"name": "Loop Reporter", "phone": "07701112233"}});
    let (_, submitted) = app.post_json("/api/v1/concerns", &body).await;
    let receipt = submitted["receipt"].as_str().expect("receipt").to_owned();
    let other = app.submit("crime", "IQG02Q03N01").await;
    assert!(!other.is_empty());
    let triage = app.staff(Role::TriageOfficer, "IQG02").await;
    let (_, queue) = triage.get("/api/v1/concerns").await;
    let ids: Vec<i64> = queue["concerns"].as_array().expect("list").iter().filter_map(|c| c["id"].as_i64()).collect();
    let (id, not_referred) = (*ids.iter().min().expect("id"), *ids.iter().max().expect("id"));
    for to in ["under_review", "verified"] {
        assert_eq!(triage.post(&format!("/api/v1/concerns/{id}/transitions"), &json!({"to": to, "reason": "checked"})).await.0, StatusCode::OK);
    }
    triage.post(&format!("/api/v1/concerns/{id}/notes"), &json!({"body": "Internal: the caller sounded afraid."})).await;
    let (status, _) = triage.post(&format!("/api/v1/concerns/{id}/referrals"), &json!({"organisation_id": ngo, "severity": "urgent"})).await;
    assert_eq!(status, StatusCode::CREATED);

    // The organisation's caseworker sits in another governorate.
    let email = "caseworker@tigris";
    let password = app.add_user_with(email, Role::CsoCaseworker, "IQG15", false).await;
    let user = app.db.user_by_email(email).await.expect("query").expect("user");
    app.db.set_user_organisation(user.id, Some(ngo)).await.expect("link");
    let (_, session) = app.post_json("/api/v1/sessions", &app.credentials(email, &password)).await;
    let caseworker = Staff::with_token(&app, session["token"].as_str().expect("token"));
    let (_, inbox) = caseworker.get("/api/v1/referrals").await;
    let referral = &inbox["referrals"][0];
    let concern = &referral["concern"];
    assert_eq!(concern["id"], id);
    assert_eq!(concern["description"], "Men take money from the fishermen at the river every week.");
    assert_eq!((concern["category"].as_str(), concern["area"].as_str()), (Some("crime"), Some("IQG02Q03N01")));
    assert_eq!(concern["urgency"], "urgent");
    assert!(concern["due_on"].as_str().is_some_and(|d| d.len() == 10), "{concern}");
    let (status, seen) = caseworker.get(&format!("/api/v1/concerns/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    let seen_text = seen.to_string();
    assert!(seen.get("contact").is_none() && !seen_text.contains("Loop Reporter") && !seen_text.contains("sounded afraid"), "{seen}");
    assert_eq!(caseworker.get(&format!("/api/v1/concerns/{not_referred}")).await.0, StatusCode::NOT_FOUND, "only what was referred");
    assert_eq!(caseworker.post(&format!("/api/v1/concerns/{id}/notes"), &json!({"body": "x"})).await.0, StatusCode::NOT_FOUND, "reading, not working on it");

    // Its answer, marked public, reaches the reporter in its own words.
    let referral_id = referral["id"].as_i64().expect("id");
    let words = "We will meet the fishermen on Sunday and go with them to the court.";
    let (status, _) = answer(&caseworker, referral_id, json!({"action": "respond", "response": words, "public": true})).await;
    assert_eq!(status, StatusCode::OK);
    let (_, tracked) = app.get_json(&format!("/api/v1/receipts/{receipt}")).await;
    assert!(tracked["updates"].to_string().contains(words), "{tracked}");
    let (_, shown) = caseworker.get(&format!("/api/v1/concerns/{id}")).await;
    assert!(shown.to_string().contains(words), "the concern carries the answer: {shown}");

    // The committee plans an action on it; the concern follows.
    let secretary = app.staff(Role::CommitteeMember, "IQG02").await;
    let (_, committee) = secretary.post("/api/v1/committees", &json!({"area": "IQG02Q03", "name": "River committee"})).await;
    let committee = committee["id"].as_i64().expect("id");
    let (_, member) = secretary.post(&format!("/api/v1/committees/{committee}/members"), &json!({"name": "Abu Karim", "constituency": "residents", "sex": "male"})).await;
    let member = member["id"].as_i64().expect("id");
    let plan = json!({"title": "Escort to court", "owner_id": ngo, "due_on": "2026-12-20", "items": [format!("concern:{id}")]});
    let (_, action) = secretary.post(&format!("/api/v1/committees/{committee}/actions"), &plan).await;
    let action = action["id"].as_i64().expect("id");
    let status_of = || async { app.get_json(&format!("/api/v1/receipts/{receipt}")).await.1["status"].as_str().map(str::to_owned) };
    assert_eq!(status_of().await.as_deref(), Some("verified"));
    let path = format!("/api/v1/actions/{action}/progress");
    let progress = |status: &'static str| {
        let (secretary, path) = (&secretary, &path);
        async move { secretary.post(path, &json!({"status": status, "body": "step"})).await }
    };
    assert_eq!(progress("in_progress").await.0, StatusCode::OK);
    assert_eq!(status_of().await.as_deref(), Some("in_action"), "work started");
    assert_eq!(progress("done").await.0, StatusCode::OK);
    let verdict = json!({"action_id": action, "verdict": "better"});
    assert_eq!(app.post_json(&format!("/api/v1/receipts/{receipt}/confirmations"), &verdict).await.0, StatusCode::CREATED);
    assert_eq!(status_of().await.as_deref(), Some("resolved"), "the reporter confirmed");
    let dispute = json!({"member_id": member, "verdict": "disputed"});
    assert_eq!(secretary.post(&format!("/api/v1/actions/{action}/confirmations"), &dispute).await.0, StatusCode::CREATED);
    assert_eq!(status_of().await.as_deref(), Some("in_action"), "a dispute reopens it");
    let audit = app.db.table_snapshot("audit_log").await.expect("audit");
    assert!(audit.iter().any(|row| row.iter().any(|cell| cell == &format!("verified -> in_action (action:{action})"))), "audited");
}
}
