//! Triage as staff, through the API: log in, the queue and its filters,
//! life-cycle moves (legal and illegal), duplicates, notes, updates that reach
//! the reporter, and the limits of role and area.

use crate::support::{START_MS, TestApp};
use aman_core::role::Role;
use reqwest::StatusCode;
use serde_json::json;

both! {
async fn login_needs_the_right_password(app: TestApp) {
    let password = app
        .add_user("officer@test", Role::TriageOfficer, "IQ")
        .await;
    let (status, body) = app
        .post_json(
            "/api/v1/sessions",
            &json!({"email": "officer@test", "password": "wrong"}),
        )
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalid_credentials"))
    );
    let (status, body) = app
        .post_json(
            "/api/v1/sessions",
            &json!({"email": "nobody@test", "password": password}),
        )
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalid_credentials"))
    );
    let (status, _) = app.post_json("/api/v1/sessions", &app.credentials("officer@test", &password)).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, body) = app.get_json("/api/v1/concerns").await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("unauthorized"))
    );
}

async fn sessions_expire_when_idle_and_end_at_logout(app: TestApp) {
    let staff = app.staff(Role::TriageOfficer, "IQ").await;
    let (status, body) = staff.get("/api/v1/concerns").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    app.advance_minutes(31);
    assert_eq!(
        staff.get("/api/v1/concerns").await.0,
        StatusCode::UNAUTHORIZED
    );

    let staff = app.staff(Role::TriageOfficer, "IQG02").await;
    let response = app
        .client
        .delete(app.url("/api/v1/sessions"))
        .bearer_auth(&staff.token)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        staff.get("/api/v1/concerns").await.0,
        StatusCode::UNAUTHORIZED
    );
}

async fn a_concern_moves_through_its_life_and_the_reporter_sees_the_updates(app: TestApp) {
    let receipt = app.submit("armed_groups_weapons", "IQG15Q05N04").await;
    let staff = app.staff(Role::TriageOfficer, "IQG15").await;
    let id = app.newest_concern_id(&staff).await;

    let (status, body) = staff
        .post(
            &format!("/api/v1/concerns/{id}/transitions"),
            &json!({"to": "verified", "reason": "skip review"}),
        )
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("illegal_transition"))
    );

    for (to, note) in [
        ("under_review", None),
        (
            "verified",
            Some("Verified; on the committee's agenda for the 14th."),
        ),
        ("prioritised", None),
    ] {
        let (status, body) = staff
            .post(
                &format!("/api/v1/concerns/{id}/transitions"),
                &json!({"to": to, "reason": "checked with two residents", "public_note": note}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{to}: {body}");
        assert_eq!(body["status"], to);
    }
    let (status, body) = staff
        .post(
            &format!("/api/v1/concerns/{id}/transitions"),
            &json!({"to": "in_action"}),
        )
        .await;
    assert_eq!(
        (status, body["error"]["field_codes"]["reason"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("required"))
    );

    let (status, _) = staff
        .post(
            &format!("/api/v1/concerns/{id}/notes"),
            &json!({"body": "Internal: the shooter is known to the mukhtar."}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = staff
        .post(
            &format!("/api/v1/concerns/{id}/updates"),
            &json!({"body": "Police and council agreed night patrols."}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);

    let (_, view) = staff.get(&format!("/api/v1/concerns/{id}")).await;
    let history = view["history"].as_array().expect("history");
    assert_eq!(
        history.iter().filter(|e| e["kind"] == "transition").count(),
        3
    );
    assert!(
        history
            .iter()
            .all(|e| e["by"].is_string() && e["at"].is_string())
    );
    assert_eq!(view["allowed_transitions"], json!(["in_action"]));

    let (_, tracked) = app.get_json(&format!("/api/v1/receipts/{receipt}")).await;
    assert_eq!(tracked["status"], "prioritised");
    let texts: Vec<&str> = tracked["updates"]
        .as_array()
        .expect("updates")
        .iter()
        .filter_map(|u| u["text"].as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "Verified; on the committee's agenda for the 14th.",
            "Police and council agreed night patrols."
        ]
    );
    let everything = tracked.to_string();
    assert!(!everything.contains("mukhtar") && !everything.contains("checked with two residents"));
}

async fn duplicates_point_at_the_original(app: TestApp) {
    app.submit("crime", "IQG02Q01").await;
    app.submit("crime", "IQG02Q01").await;
    app.submit("crime", "IQG02Q01").await;
    let staff = app.staff(Role::TriageOfficer, "IQG02").await;
    let (_, queue) = staff.get("/api/v1/concerns").await;
    let ids: Vec<i64> = queue["concerns"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|c| c["id"].as_i64())
        .collect();
    let (newest, middle, oldest) = (ids[0], ids[1], ids[2]);
    let mark = |id: i64, original: serde_json::Value| {
        let staff = &staff;
        async move {
            staff
                .post(
                    &format!("/api/v1/concerns/{id}/transitions"),
                    &json!({"to": "duplicate", "reason": "same shop", "duplicate_of": original}),
                )
                .await
        }
    };
    let (status, body) = mark(middle, json!(middle.to_string())).await;
    assert_eq!(
        body["error"]["field_codes"]["duplicate_of"], "same_concern",
        "{status} {body}"
    );
    let (status, body) = mark(middle, json!("999999")).await;
    assert_eq!(
        body["error"]["field_codes"]["duplicate_of"], "not_found",
        "{status} {body}"
    );
    let (status, body) = mark(middle, json!(oldest.to_string())).await;
    assert_eq!(
        (status, body["duplicate_of"].as_i64()),
        (StatusCode::OK, Some(oldest))
    );
    // Marking a duplicate of a duplicate points at the original.
    let (status, body) = mark(newest, json!(middle.to_string())).await;
    assert_eq!(
        (status, body["duplicate_of"].as_i64()),
        (StatusCode::OK, Some(oldest))
    );
    let (_, body) = staff
        .post(
            &format!("/api/v1/concerns/{newest}/transitions"),
            &json!({"to": "under_review", "reason": "oops"}),
        )
        .await;
    assert_eq!(body["error"]["code"], "illegal_transition");
}

async fn the_queue_filters_and_respects_area_and_role(app: TestApp) {
    app.submit("crime", "IQG02Q01").await;
    app.submit("tribal_conflict", "IQG02Q02").await;
    app.submit("security_conduct", "IQG15Q05").await;
    app.submit("crime", "IQG15Q05N04").await;

    let national = app.staff(Role::TriageOfficer, "IQ").await;
    let total = |body: &serde_json::Value| body["total"].as_i64().expect("total");
    assert_eq!(total(&national.get("/api/v1/concerns").await.1), 4);
    assert_eq!(
        total(&national.get("/api/v1/concerns?area=IQG02").await.1),
        2
    );
    assert_eq!(
        total(&national.get("/api/v1/concerns?category=crime").await.1),
        2
    );
    assert_eq!(
        total(
            &national
                .get("/api/v1/concerns?status=submitted&from=2026-11-29&to=2026-11-29")
                .await
                .1
        ),
        4
    );
    assert_eq!(
        total(&national.get("/api/v1/concerns?to=2026-11-01").await.1),
        0
    );
    let (status, body) = national.get("/api/v1/concerns?category=bogus").await;
    assert_eq!(
        (status, body["error"]["field_codes"]["category"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_category"))
    );

    let basra = app.staff(Role::TriageOfficer, "IQG02").await;
    let (_, body) = basra.get("/api/v1/concerns").await;
    assert_eq!(total(&body), 2);
    assert!(body["concerns"].as_array().expect("list").iter().all(|c| {
        c["area"]["pcode"]
            .as_str()
            .is_some_and(|p| p.starts_with("IQG02"))
    }));
    assert_eq!(
        basra.get("/api/v1/concerns?area=IQG15").await.0,
        StatusCode::FORBIDDEN
    );
    // A concern outside the area does not exist for this officer.
    let mosul_id = national.get("/api/v1/concerns?area=IQG15Q05N04").await.1["concerns"][0]["id"]
        .as_i64()
        .expect("id");
    assert_eq!(
        basra.get(&format!("/api/v1/concerns/{mosul_id}")).await.0,
        StatusCode::NOT_FOUND
    );

    // Police never see concerns about police conduct, nor identities.
    let police = app.staff(Role::PoliceLiaison, "IQG15").await;
    let (_, body) = police.get("/api/v1/concerns").await;
    assert_eq!(total(&body), 1);
    assert_eq!(body["concerns"][0]["category"], "crime");
    let (_, view) = police
        .get(&format!("/api/v1/concerns/{}", body["concerns"][0]["id"]))
        .await;
    assert!(view.get("contact").is_none() && view.get("point").is_none());
    assert_eq!(view["allowed_transitions"], json!([]));
    let (status, _) = police
        .post(
            &format!("/api/v1/concerns/{mosul_id}/transitions"),
            &json!({"to": "under_review", "reason": "x"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Analysts see aggregates elsewhere, never the queue.
    let analyst = app.staff(Role::Analyst, "IQ").await;
    assert_eq!(
        analyst.get("/api/v1/concerns").await.0,
        StatusCode::FORBIDDEN
    );
}

async fn triage_officers_see_the_identity_others_do_not(app: TestApp) {
    let body = json!({"category": "crime", "description": "Thefts of generators in the street.", "lat": 36.34, "lon": 43.13,
        "contact": {"name": "Zainab", "phone": "07701234567"}});
    assert_eq!(
        app.post_json("/api/v1/concerns", &body).await.0,
        StatusCode::CREATED
    );
    let triage = app.staff(Role::TriageOfficer, "IQG15").await;
    let id = app.newest_concern_id(&triage).await;
    let (_, view) = triage.get(&format!("/api/v1/concerns/{id}")).await;
    assert_eq!(
        view["contact"],
        json!({"name": "Zainab", "phone": "07701234567"})
    );
    assert_eq!(view["point"], json!({"lat": 36.34, "lon": 43.13}));
    let admin = app.staff(Role::Administrator, "IQ").await;
    let (_, view) = admin.get(&format!("/api/v1/concerns/{id}")).await;
    assert!(view.get("contact").is_none(), "{view}");
    assert!(
        view["submitted_at"]
            .as_str()
            .is_some_and(|t| t.starts_with("2026-11-29")),
        "clock is {START_MS}"
    );
}

async fn stale_edits_are_refused_not_overwritten(app: TestApp) {
    app.submit("crime", "IQG02Q01").await;
    let first = app.staff(Role::TriageOfficer, "IQG02").await;
    let second = app.staff(Role::TriageOfficer, "IQ").await;
    let id = app.newest_concern_id(&first).await;
    let path = format!("/api/v1/concerns/{id}/transitions");
    let (_, seen) = first.get(&format!("/api/v1/concerns/{id}")).await;
    let version = seen["version"].as_i64().expect("version");

    let (status, _) = first.post(&path, &json!({"to": "under_review", "reason": "mine", "version": version})).await;
    assert_eq!(status, StatusCode::OK);
    // under_review → rejected would be legal, but it was decided on a stale view.
    let (status, body) = second.post(&path, &json!({"to": "rejected", "reason": "spam", "version": version})).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("edit_conflict")));
    assert_eq!(first.get(&format!("/api/v1/concerns/{id}")).await.1["status"], "under_review");

    // Two editors racing from the same version: exactly one wins.
    let version = version + 1;
    let (verify, reject) = (
        json!({"to": "verified", "reason": "a", "version": version}),
        json!({"to": "rejected", "reason": "b", "version": version}),
    );
    let (a, b) = tokio::join!(first.post(&path, &verify), second.post(&path, &reject));
    let mut statuses = [a.0.as_u16(), b.0.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409]);
}

async fn logout_everywhere_and_disabling_end_every_session(app: TestApp) {
    let password = app.add_user("two.devices@test", Role::TriageOfficer, "IQ").await;
    let credentials = || app.credentials("two.devices@test", &password);
    let (_, phone) = app.post_json("/api/v1/sessions", &credentials()).await;
    let (_, laptop) = app.post_json("/api/v1/sessions", &credentials()).await;
    let get = |token: &serde_json::Value| {
        app.client.get(app.url("/api/v1/concerns")).bearer_auth(token.as_str().expect("token")).send()
    };
    assert_eq!(get(&phone["token"]).await.expect("request").status(), StatusCode::OK);
    let response =
        app.client.delete(app.url("/api/v1/sessions/all")).bearer_auth(laptop["token"].as_str().expect("token")).send().await.expect("request");
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(get(&phone["token"]).await.expect("request").status(), StatusCode::UNAUTHORIZED);
    assert_eq!(get(&laptop["token"]).await.expect("request").status(), StatusCode::UNAUTHORIZED);

    let (_, again) = app.post_json("/api/v1/sessions", &credentials()).await;
    assert_eq!(get(&again["token"]).await.expect("request").status(), StatusCode::OK);
    let user = app.db.user_by_email("two.devices@test").await.expect("query").expect("user");
    app.db.set_disabled(user.id, true).await.expect("disable");
    assert_eq!(get(&again["token"]).await.expect("request").status(), StatusCode::UNAUTHORIZED);
    let (status, body) = app.post_json("/api/v1/sessions", &credentials()).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("invalid_credentials")));
}

async fn two_factor_codes_are_required_and_single_use(app: TestApp) {
    let password = app.add_user("second@test", Role::TriageOfficer, "IQ").await;
    let app = &app;
    let login = |body: serde_json::Value| async move {
        let (status, body) = app.post_json("/api/v1/sessions", &body).await;
        (status.as_u16(), body["error"]["code"].as_str().unwrap_or("").to_owned())
    };
    let refused = (401, "invalid_credentials".to_owned());
    assert_eq!(login(json!({"email": "second@test", "password": password})).await, refused, "no code");
    assert_eq!(login(app.wrong_code_credentials("second@test", &password)).await, refused, "wrong code");
    let right = app.credentials("second@test", &password);
    assert_eq!(login(right.clone()).await.0, 201);
    assert_eq!(login(right).await, refused, "the same code again is a replay");
    // A code from the previous step is within the skew, but older than the one used.
    let mut previous = app.credentials("second@test", &password);
    previous["code"] = json!(aman_core::totp::code_at(&crate::support::TOTP_SECRET, app.clock.load(std::sync::atomic::Ordering::SeqCst) / 1000 - 60));
    assert_eq!(login(previous).await, refused, "an older code after a newer one");
    assert_eq!(login(app.credentials("second@test", &password)).await.0, 201, "the next step's code works");
    let audit = app.db.table_snapshot("audit_log").await.expect("audit");
    for reason in ["second factor missing", "wrong second factor", "second factor replayed"] {
        assert!(audit.iter().any(|row| row.iter().any(|cell| cell == reason)), "{reason} audited");
    }

    // Roles that see identities cannot log in at all without a second factor;
    // others need none unless they enrolled.
    let hash = aman_core::secrets::hash_password("a long unenrolled password", [2; 16]);
    let area = aman_core::area::Pcode::parse("IQ").expect("pcode");
    let user = aman_db::NewUser { email: "bare@test", display_name: "bare", password_hash: &hash, role: Role::TriageOfficer, area: &area, confidential: false };
    app.db.create_user(&user, START_MS).await.expect("user");
    let bare = login(json!({"email": "bare@test", "password": "a long unenrolled password"})).await;
    assert_eq!(bare, (403, "second_factor_not_enrolled".to_owned()));
    let member = app.add_user("member@test", Role::CommitteeMember, "IQ").await;
    assert_eq!(login(json!({"email": "member@test", "password": member})).await.0, 201);
}

async fn wrong_codes_count_toward_the_lockout(app: TestApp) {
    let password = app.add_user("coded@test", Role::Administrator, "IQ").await;
    for _ in 0..5 {
        let body = app.wrong_code_credentials("coded@test", &password);
        assert_eq!(app.post_json("/api/v1/sessions", &body).await.0, StatusCode::UNAUTHORIZED);
    }
    let (status, body) = app.post_json("/api/v1/sessions", &app.credentials("coded@test", &password)).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("invalid_credentials")));
}

async fn an_account_is_locked_after_repeated_failures(app: TestApp) {
    let password = app.add_user("guessed@test", Role::CommitteeMember, "IQG02").await;
    for _ in 0..5 {
        let (status, _) = app.post_json("/api/v1/sessions", &json!({"email": "guessed@test", "password": "wrong guess"})).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let right = json!({"email": "Guessed@Test", "password": password});
    // Locked, the right password gets the answer a wrong one gets (no oracle).
    let (status, locked) = app.post_json("/api/v1/sessions", &right).await;
    let (_, unknown) = app.post_json("/api/v1/sessions", &json!({"email": "nobody@test", "password": "wrong guess"})).await;
    assert_eq!((status, &locked), (StatusCode::UNAUTHORIZED, &unknown));
    app.advance_minutes(16);
    assert_eq!(app.post_json("/api/v1/sessions", &right).await.0, StatusCode::CREATED, "unlocked after the window");
}

// Forty guesses at once get exactly five password checks: the attempt is
// counted before the password is, in one statement.
async fn parallel_guesses_are_counted_exactly(app: TestApp) {
    app.add_user("raced@test", Role::CommitteeMember, "IQG02").await;
    let mut guesses = tokio::task::JoinSet::new();
    for n in 0..40 {
        let body = json!({"email": "raced@test", "password": format!("wrong guess {n}")});
        let request = app.client.post(app.url("/api/v1/sessions")).json(&body);
        guesses.spawn(async move { request.send().await.expect("request").status() });
    }
    let answers = guesses.join_all().await;
    assert!(answers.iter().all(|s| *s == StatusCode::UNAUTHORIZED), "{answers:?}");
    let user = app.db.user_by_email("raced@test").await.expect("query").expect("user");
    let (entries, _) = app.db.audit_chain().await.expect("chain");
    let subject = format!("user:{}", user.id);
    let count = |action: &str| entries.iter().filter(|e| e.event.action == action && e.event.subject == subject).count();
    assert_eq!((count("session.login_failed"), count("session.login_locked")), (5, 35));
}
}
