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
    assert_eq!(aman_web::referrals::escalate(&app.state).await.expect("job"), 0);
    app.advance_minutes(8 * 24 * 60);
    let triage = app.staff(Role::TriageOfficer, "IQG02Q03").await;
    assert_eq!(aman_web::referrals::escalate(&app.state).await.expect("job"), 1);
    let (_, list) = triage.get(&format!("/api/v1/concerns/{gbv_id}/referrals")).await;
    assert_eq!(list["referrals"][0]["escalation"], "committee", "{list}");
    app.advance_minutes(7 * 24 * 60);
    aman_web::referrals::escalate(&app.state).await.expect("job");
    let triage = app.staff(Role::TriageOfficer, "IQ").await;
    let (_, list) = triage.get(&format!("/api/v1/concerns/{gbv_id}/referrals")).await;
    assert_eq!(list["referrals"][0]["escalation"], "next_level", "{list}");
    let audit = app.db.table_snapshot("audit_log").await.expect("audit");
    for action in ["referral.create", "referral.answer", "referral.escalate"] {
        assert!(audit.iter().any(|row| row.iter().any(|cell| cell == action)), "{action} audited");
    }
}
}
