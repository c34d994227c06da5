//! Joint committees through the API: creation within one's area, members and
//! the composition rule (a warning, not a block), issues grouping concerns,
//! meetings with agenda, attendance and quorum, minutes guarded against
//! stale edits, ballots and the priority list with each constituency's own.

use crate::support::TestApp;
use aman_core::committee::composition::Constituency;
use aman_core::committee::ranking::{self, Ballot, Method};
use aman_core::role::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

const AREA: &str = "IQG02Q03";

both! {
async fn a_committee_runs_from_members_to_priorities(app: TestApp) {
    let secretary = app.staff(Role::CommitteeMember, "IQG02").await;
    let code = |r: &(StatusCode, Value)| (r.0.as_u16(), r.1["error"]["code"].as_str().unwrap_or("").to_owned());
    let outside = secretary.post("/api/v1/committees", &json!({"area": "IQG15", "name": "Mosul"})).await;
    assert_eq!(code(&outside), (403, "forbidden".into()));
    let analyst = app.staff(Role::Analyst, "IQ").await;
    assert_eq!(analyst.post("/api/v1/committees", &json!({"area": AREA, "name": "x"})).await.0, StatusCode::FORBIDDEN);
    let (status, body) = secretary.post("/api/v1/committees", &json!({"area": AREA, "name": "Abu Al-Khaseeb joint committee"})).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let committee = body["id"].as_i64().expect("id");

    let seats = [
        ("Captain Hana", "police", "female"),
        ("Abbas", "residents", "male"),
        ("Karim", "residents", "male"),
        ("Sami", "youth", "male"),
        ("Sheikh Jabbar", "tribal_religious_leaders", "male"),
    ];
    let mut ids = Vec::new();
    for (name, constituency, sex) in seats {
        let (status, body) = secretary
            .post(&format!("/api/v1/committees/{committee}/members"), &json!({"name": name, "constituency": constituency, "sex": sex}))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        ids.push(body["id"].as_i64().expect("id"));
    }
    let bad = secretary.post(&format!("/api/v1/committees/{committee}/members"), &json!({"name": "X", "constituency": "army", "sex": "male"})).await;
    assert_eq!((bad.0, bad.1["error"]["field_codes"]["constituency"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_constituency")));
    let (_, body) = secretary.get(&format!("/api/v1/committees/{committee}")).await;
    assert_eq!(body["composition"]["met"], false, "1 woman of 5 and no local authority: {body}");
    assert!(body["composition"]["findings"].as_array().expect("findings").len() >= 2, "{body}");
    for (name, constituency, sex) in [("Umm Ali", "women", "female"), ("Dr. Layla", "local_authority", "female")] {
        let (_, body) = secretary
            .post(&format!("/api/v1/committees/{committee}/members"), &json!({"name": name, "constituency": constituency, "sex": sex}))
            .await;
        ids.push(body["id"].as_i64().expect("id"));
    }
    let (_, body) = secretary.get(&format!("/api/v1/committees/{committee}")).await;
    assert_eq!(body["composition"]["met"], true, "{body}");

    // Concerns, an issue grouping two of them, and a meeting.
    let mut concerns = Vec::new();
    for category in ["tribal_conflict", "tribal_conflict", "services_failure"] {
        let (_, created) = app.post_json("/api/v1/concerns", &json!({"category": category, "description": "A concern for the committee.", "area": "IQG02Q03N01"})).await;
        assert!(created["receipt"].is_string());
    }
    let triage = app.staff(Role::TriageOfficer, "IQ").await;
    let (_, queue) = triage.get("/api/v1/concerns").await;
    for c in queue["concerns"].as_array().expect("concerns") {
        concerns.push(c["id"].as_i64().expect("id"));
    }
    concerns.sort();
    let (status, issue) = secretary.post(&format!("/api/v1/committees/{committee}/issues"), &json!({"title": "Feud between two clans", "concerns": [concerns[0], concerns[1]]})).await;
    assert_eq!(status, StatusCode::CREATED, "{issue}");
    let issue = issue["id"].as_i64().expect("id");
    let agenda = vec![format!("issue:{issue}"), format!("concern:{}", concerns[2])];
    let elsewhere = app.post_json("/api/v1/concerns", &json!({"category": "crime", "description": "A concern far away.", "area": "IQG15"})).await;
    assert_eq!(elsewhere.0, StatusCode::CREATED);
    let wrong = secretary.post(&format!("/api/v1/committees/{committee}/meetings"), &json!({"held_on": "2026-11-20", "place": "Hall", "agenda": ["concern:99999"]})).await;
    assert_eq!(wrong.1["error"]["field_codes"]["agenda"], "unknown_item");
    let (status, meeting) = secretary.post(&format!("/api/v1/committees/{committee}/meetings"), &json!({"held_on": "2026-11-20", "place": "Abu Al-Khaseeb town hall", "agenda": agenda})).await;
    assert_eq!(status, StatusCode::CREATED, "{meeting}");
    let meeting = meeting["id"].as_i64().expect("id");
    let path = |tail: &str| format!("/api/v1/meetings/{meeting}{tail}");

    // Attendance and quorum: two of seven is not a quorum; five with women and residents is.
    let put = |p: String, body: Value| {
        let request = app.client.put(app.url(&p)).bearer_auth(&secretary.token).json(&body);
        async move { crate::support::json_of(request.send().await.expect("request")).await }
    };
    let (_, shown) = put(path("/attendance"), json!({"present": [ids[0], ids[1]]})).await;
    assert_eq!(shown["quorum"]["met"], false, "{shown}");
    let (_, shown) = put(path("/attendance"), json!({"present": [ids[0], ids[1], ids[2], ids[3], ids[5]]})).await;
    assert_eq!(shown["quorum"]["met"], true, "{shown}");
    let version = shown["version"].as_i64().expect("version");
    let (status, _) = put(path("/minutes"), json!({"minutes": "Both sheikhs attended.", "decisions": "Mediation on Thursday.", "version": version})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, stale) = put(path("/minutes"), json!({"minutes": "Overwritten?", "decisions": "", "version": version})).await;
    assert_eq!((status, stale["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("edit_conflict")));

    // Only verified concerns are ranked: the services concern is verified first.
    let unverified = put(path(&format!("/ballots/{}", ids[0])), json!({"ranking": [format!("concern:{}", concerns[2])]})).await;
    assert_eq!(unverified.1["error"]["field_codes"]["ranking"], "invalid_ranking", "an unverified concern is not ranked");
    for to in ["under_review", "verified"] {
        let (status, _) = triage.post(&format!("/api/v1/concerns/{}/transitions", concerns[2]), &json!({"to": to, "reason": "checked"})).await;
        assert_eq!(status, StatusCode::OK);
    }
    // Ballots, and the priority list with each constituency's own ranking.
    let (issue_key, concern_key) = (format!("issue:{issue}"), format!("concern:{}", concerns[2]));
    let invalid = put(path(&format!("/ballots/{}", ids[0])), json!({"ranking": ["concern:1234567"]})).await;
    assert_eq!(invalid.1["error"]["field_codes"]["ranking"], "invalid_ranking");
    // Every member came in the end (only those present may vote).
    put(path("/attendance"), json!({"present": ids})).await;
    let votes = [(0, true), (1, true), (2, false), (3, false), (4, true), (5, false), (6, false)];
    for (seat, issue_first) in votes {
        let ranking = if issue_first { vec![&issue_key, &concern_key] } else { vec![&concern_key, &issue_key] };
        let (status, _) = put(path(&format!("/ballots/{}", ids[seat])), json!({"ranking": ranking})).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
    }
    let (status, result) = secretary.post(&path("/priorities"), &json!({"method": "schulze"})).await;
    assert_eq!(status, StatusCode::OK, "{result}");
    let all_seats = ["police", "residents", "residents", "youth", "tribal_religious_leaders", "women", "local_authority"];
    let constituency = |seat: usize| Constituency::from_code(all_seats[seat]).expect("constituency");
    let ballots: Vec<Ballot<String>> = votes
        .iter()
        .map(|(seat, issue_first)| Ballot {
            constituency: constituency(*seat),
            ranking: if *issue_first { vec![issue_key.clone(), concern_key.clone()] } else { vec![concern_key.clone(), issue_key.clone()] },
        })
        .collect();
    let expected = ranking::prioritise(Method::Schulze, &[issue_key.clone(), concern_key.clone()], &ballots).expect("count");
    assert_eq!(result, serde_json::to_value(&expected).expect("json"));
    assert_eq!(result["committee"][0]["item"], concern_key, "four of seven put the services concern first");
    let residents = result["constituencies"].as_array().expect("list").iter().find(|c| c["constituency"] == "residents").expect("residents");
    // The two residents split: a tie, broken by agenda order, and recorded as
    // a full disagreement with the committee's order.
    assert_eq!(residents["ranking"][0]["tied_with_next"], true, "{residents}");
    assert_eq!(residents["dissent"]["distance"], 1.0, "{residents}");
    let (_, shown) = secretary.get(&path("")).await;
    assert_eq!(shown["priorities"]["method"], "schulze");
    // A ranked concern found to duplicate another leaves the agenda's
    // rankable items: counted again, the ballots rank what is left.
    let original = concerns[0];
    let (status, body) = triage
        .post(&format!("/api/v1/concerns/{}/transitions", concerns[2]), &json!({"to": "duplicate", "reason": "same", "duplicate_of": original.to_string()}))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, recount) = secretary.post(&path("/priorities"), &json!({"method": "borda"})).await;
    assert_eq!(status, StatusCode::OK, "{recount}");
    let listed: Vec<&Value> = recount["committee"].as_array().expect("list").iter().map(|s| &s["item"]).collect();
    assert_eq!(listed, [&Value::from(issue_key.clone())], "{recount}");

    // Who sees and who runs it.
    let police = app.staff(Role::PoliceLiaison, "IQG02").await;
    assert_eq!(police.get(&format!("/api/v1/committees/{committee}")).await.0, StatusCode::OK);
    assert_eq!(police.post(&format!("/api/v1/committees/{committee}/members"), &json!({"name": "P", "constituency": "police", "sex": "male"})).await.0, StatusCode::FORBIDDEN);
    let ninewa = app.staff(Role::CommitteeMember, "IQG15").await;
    assert_eq!(ninewa.get(&format!("/api/v1/committees/{committee}")).await.0, StatusCode::NOT_FOUND);
    let (_, list) = ninewa.get("/api/v1/committees").await;
    assert_eq!(list["committees"].as_array().map(Vec::len), Some(0));
    let audit = app.db.table_snapshot("audit_log").await.expect("audit");
    for action in ["committee.create", "committee.member_add", "meeting.create", "meeting.attendance", "meeting.ballot", "meeting.prioritise"] {
        assert!(audit.iter().any(|row| row.iter().any(|cell| cell == action)), "{action} audited");
    }
}
}

/// Finds `name="csrf" value="…"` in a page.
fn csrf_of(html: &str) -> String {
    let start = html.find("name=\"csrf\" value=\"").expect("a form") + "name=\"csrf\" value=\"".len();
    html[start..].split('"').next().expect("token").to_owned()
}

#[tokio::test]
async fn a_secretary_runs_a_meeting_from_the_pages_in_arabic() {
    let app = TestApp::sqlite().await;
    for category in ["tribal_conflict", "tribal_conflict"] {
        let body = json!({"category": category, "description": "نزاع بين عشيرتين قرب النهر.", "area": "IQG02Q03N01"});
        assert_eq!(app.post_json("/api/v1/concerns", &body).await.0, StatusCode::CREATED);
    }
    let password = app.add_user("secretary@pages", Role::CommitteeMember, "IQG02").await;
    let login = app
        .client
        .post(app.url("/staff/login"))
        .form(&app.login_form("secretary@pages", &password))
        .send()
        .await
        .expect("login");
    let cookie = login.headers()["set-cookie"].to_str().expect("ascii").split(';').next().expect("pair").to_owned();
    let get = |path: String| {
        let request = app.client.get(app.url(&path)).header("cookie", &cookie);
        async move { request.send().await.expect("page").text().await.expect("html") }
    };
    let post = |path: String, fields: Vec<(String, String)>| {
        let request = app.client.post(app.url(&path)).header("cookie", &cookie).form(&fields);
        async move { request.send().await.expect("post") }
    };
    // The secretary creates the committee from the list page.
    let list = get("/staff/committees".to_owned()).await;
    assert!(list.contains("إنشاء اللجنة"), "{list}");
    let fields = vec![
        ("csrf".to_owned(), csrf_of(&list)),
        ("name".to_owned(), "لجنة أبي الخصيب".to_owned()),
        ("area".to_owned(), AREA.to_owned()),
    ];
    let created = post("/staff/committees".to_owned(), fields).await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let location = created.headers()["location"].to_str().expect("ascii").to_owned();
    let committee: i64 = location.rsplit('/').next().and_then(|id| id.parse().ok()).expect("the new committee");
    let page = get(format!("/staff/committees/{committee}")).await;
    assert!(page.contains("قاعدة التشكيل غير مستوفاة"), "an empty committee fails its rule: {page}");
    assert!(page.contains("لا أعضاء في اللجنة بعد."), "the finding is in Arabic: {page}");
    let csrf = csrf_of(&page);
    let forged = post(
        format!("/staff/committees/{committee}/members"),
        vec![("csrf".into(), "x".into()), ("name".into(), "X".into())],
    )
    .await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let f = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        std::iter::once(("csrf".to_owned(), csrf.clone()))
            .chain(pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())))
            .collect()
    };
    for (name, constituency, sex) in [
        ("أم علي", "women", "female"),
        ("النقيب هناء", "police", "female"),
        ("د. ليلى", "local_authority", "female"),
        ("سامي", "youth", "male"),
    ] {
        let added = post(
            format!("/staff/committees/{committee}/members"),
            f(&[("name", name), ("constituency", constituency), ("sex", sex)]),
        )
        .await;
        assert_eq!(added.status(), StatusCode::SEE_OTHER);
    }
    let page = get(format!("/staff/committees/{committee}")).await;
    assert!(page.contains("قاعدة التشكيل مستوفاة") && page.contains("النقيب هناء"), "{page}");
    let concern_ids: Vec<String> = page
        .match_indices("name=\"concern\" value=\"")
        .map(|(i, m)| page[i + m.len()..].split('"').next().expect("id").to_owned())
        .collect();
    assert!(concern_ids.len() >= 2, "open concerns are offered: {page}");
    let issue = post(
        format!("/staff/committees/{committee}/issues"),
        f(&[("title", "الثأر بين العشيرتين"), ("concern", &concern_ids[0]), ("concern", &concern_ids[1])]),
    )
    .await;
    assert_eq!(issue.status(), StatusCode::SEE_OTHER);
    let page = get(format!("/staff/committees/{committee}")).await;
    let issue_id = page
        .split("name=\"issue\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("issue offered")
        .to_owned();
    let meeting = post(
        format!("/staff/committees/{committee}/meetings"),
        f(&[("held_on", "2026-11-26"), ("place", "قاعة البلدية"), ("issue", &issue_id), ("concern", &concern_ids[0])]),
    )
    .await;
    assert_eq!(meeting.status(), StatusCode::SEE_OTHER);
    let location = meeting.headers()["location"].to_str().expect("ascii").to_owned();
    let page = get(location.clone()).await;
    let member_ids: Vec<String> = page
        .match_indices("name=\"present\" value=\"")
        .map(|(i, m)| page[i + m.len()..].split('"').next().expect("id").to_owned())
        .collect();
    assert_eq!(member_ids.len(), 4);
    let mut attendance = f(&[]);
    attendance.extend(member_ids.iter().take(3).map(|id| ("present".to_owned(), id.clone())));
    assert_eq!(post(format!("{location}/attendance"), attendance).await.status(), StatusCode::SEE_OTHER);
    let version = get(location.clone())
        .await
        .split("name=\"version\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("version")
        .to_owned();
    let saved = post(
        format!("{location}/minutes"),
        f(&[("version", &version), ("minutes", "حضر الشيخان."), ("decisions", "جلسة صلح يوم الخميس.")]),
    )
    .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let triage = app.staff(Role::TriageOfficer, "IQG02").await;
    for to in ["under_review", "verified"] {
        let (status, _) = triage
            .post(&format!("/api/v1/concerns/{}/transitions", concern_ids[0]), &json!({"to": to, "reason": "checked"}))
            .await;
        assert_eq!(status, StatusCode::OK);
    }
    for (member, issue_rank) in member_ids.iter().take(3).zip(["1", "1", "2"]) {
        let other = if issue_rank == "1" { "2" } else { "1" };
        let ballot = post(
            format!("{location}/ballot"),
            f(&[
                ("member", member),
                (&format!("rank:issue:{issue_id}"), issue_rank),
                (&format!("rank:concern:{}", concern_ids[0]), other),
            ]),
        )
        .await;
        assert_eq!(ballot.status(), StatusCode::SEE_OTHER);
    }
    assert_eq!(post(format!("{location}/priorities"), f(&[("method", "borda")])).await.status(), StatusCode::SEE_OTHER);
    let page = get(location.clone()).await;
    assert!(page.contains("النصاب مكتمل") && page.contains("قائمة اللجنة (عدّ بوردا)"), "{page}");
    let committee_list = page.split("قائمة اللجنة").nth(1).expect("the committee's list");
    assert!(
        committee_list.find("الثأر بين العشيرتين").expect("issue")
            < committee_list.find(&format!("#{}", concern_ids[0])).expect("concern"),
        "two of three ranked the issue first"
    );
    let print = get(format!("{location}/print")).await;
    assert!(print.contains("جلسة صلح يوم الخميس.") && !print.contains("/minutes\""), "the printable page has no forms");
    // The action plan, from the committee's page.
    let police = app
        .db
        .upsert_organisation("police_station", "مركز شرطة أبي الخصيب", "Abu Al-Khaseeb police", "IQG02Q03")
        .await
        .expect("organisation");
    let police = police.to_string();
    let action = post(
        format!("/staff/committees/{committee}/actions"),
        f(&[
            ("title", "جلسة صلح بين العشيرتين"),
            ("owner_id", &police),
            ("due_on", "2026-12-10"),
            ("issue", &issue_id),
        ]),
    )
    .await;
    assert_eq!(action.status(), StatusCode::SEE_OTHER);
    let page = get(format!("/staff/committees/{committee}")).await;
    assert!(
        page.contains("جلسة صلح بين العشيرتين") && page.contains("مركز شرطة أبي الخصيب") && page.contains(">مخطط<"),
        "{page}"
    );
    let action_id =
        page.split("/staff/actions/").nth(1).and_then(|s| s.split('/').next()).expect("a progress form").to_owned();
    let moved =
        post(format!("/staff/actions/{action_id}/progress"), f(&[("status", "in_progress"), ("body", "بدأت الوساطة")]))
            .await;
    assert_eq!(moved.status(), StatusCode::SEE_OTHER);
    assert!(get(format!("/staff/committees/{committee}")).await.contains(">قيد التنفيذ<"));
}

both! {
async fn actions_are_planned_done_and_confirmed_by_reporters(app: TestApp) {
    let secretary = app.staff(Role::CommitteeMember, "IQG02").await;
    let (_, body) = secretary.post("/api/v1/committees", &json!({"area": AREA, "name": "Committee"})).await;
    let committee = body["id"].as_i64().expect("id");
    let (_, member) = secretary.post(&format!("/api/v1/committees/{committee}/members"), &json!({"name": "Umm Ali", "constituency": "women", "sex": "female"})).await;
    let member = member["id"].as_i64().expect("member");
    let police = app.db.upsert_organisation("police_station", "مركز شرطة الزبير", "Zubair police", "IQG02Q03").await.expect("organisation");
    let receipt = app.submit("armed_groups_weapons", "IQG02Q03N01").await;
    let triage = app.staff(Role::TriageOfficer, "IQG02").await;
    let (_, queue) = triage.get("/api/v1/concerns").await;
    let concern = queue["concerns"][0]["id"].as_i64().expect("concern");
    let (_, issue) = secretary.post(&format!("/api/v1/committees/{committee}/issues"), &json!({"title": "Shooting at weddings", "concerns": [concern]})).await;
    let issue = issue["id"].as_i64().expect("issue");
    let create = |owner: i64| {
        let secretary = &secretary;
        async move {
            let body = json!({"title": "Agreement with the clans to stop celebratory shooting", "owner_id": owner,
                "due_on": "2026-12-31", "items": [format!("issue:{issue}")]});
            secretary.post(&format!("/api/v1/committees/{committee}/actions"), &body).await
        }
    };
    let elsewhere = app.db.upsert_organisation("police_station", "شرطة الموصل", "Mosul police", "IQG15").await.expect("organisation");
    assert_eq!(create(elsewhere).await.1["error"]["field_codes"]["owner_id"], "unknown_organisation");
    let (status, body) = create(police).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let action = body["id"].as_i64().expect("id");
    let progress = |status: &'static str| {
        let secretary = &secretary;
        async move {
            let body = json!({"status": status, "body": "Meeting held with both sheikhs."});
            secretary.post(&format!("/api/v1/actions/{action}/progress"), &body).await
        }
    };
    assert_eq!(progress("done").await.1["error"]["code"], "illegal_transition", "start before finishing");
    let verdict = |verdict: &'static str| {
        let (app, receipt) = (&app, &receipt);
        async move {
            let body = json!({"action_id": action, "verdict": verdict});
            app.post_json(&format!("/api/v1/receipts/{receipt}/confirmations"), &body).await
        }
    };
    assert_eq!(verdict("better").await.1["error"]["code"], "illegal_transition", "nothing to confirm before it is done");
    assert_eq!(progress("in_progress").await.0, StatusCode::OK);
    let (status, done) = progress("done").await;
    assert_eq!((status, done["status"].as_str()), (StatusCode::OK, Some("done")), "{done}");
    let (_, tracked) = app.get_json(&format!("/api/v1/receipts/{receipt}")).await;
    assert_eq!(tracked["actions"][0]["status"], "done", "the reporter sees the action: {tracked}");
    assert_eq!(tracked["actions"][0]["organisation"]["en"], "Zubair police");
    // The reporter disputes it: it reopens; a second verdict from the same receipt is not counted.
    assert_eq!(verdict("disputed").await.0, StatusCode::CREATED);
    let (_, shown) = secretary.get(&format!("/api/v1/actions/{action}")).await;
    assert_eq!((shown["status"].as_str(), shown["confirmations"]["disputed"].as_i64()), (Some("in_progress"), Some(1)), "{shown}");
    assert_eq!(progress("done").await.0, StatusCode::OK);
    assert_eq!(verdict("better").await.1["recorded"], false, "one verdict per receipt");
    let (status, _) = secretary.post(&format!("/api/v1/actions/{action}/confirmations"), &json!({"member_id": member, "verdict": "better"})).await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, shown) = secretary.get(&format!("/api/v1/actions/{action}")).await;
    assert_eq!(shown["confirmations"]["better"], 1);
    assert!(shown["updates"].as_array().expect("updates").len() >= 4, "every move is a dated update: {shown}");
}
}

#[tokio::test]
async fn the_reporter_confirms_on_the_track_page() {
    let app = TestApp::sqlite().await;
    let secretary = app.staff(Role::CommitteeMember, "IQG02").await;
    let (_, body) = secretary.post("/api/v1/committees", &json!({"area": AREA, "name": "Committee"})).await;
    let committee = body["id"].as_i64().expect("id");
    let police = app
        .db
        .upsert_organisation("police_station", "مركز شرطة الزبير", "Zubair police", "IQG02Q03")
        .await
        .expect("organisation");
    let receipt = app.submit("services_failure", "IQG02Q03N01").await;
    let triage = app.staff(Role::TriageOfficer, "IQG02").await;
    let concern = triage.get("/api/v1/concerns").await.1["concerns"][0]["id"].as_i64().expect("concern");
    let (_, body) = secretary.post(&format!("/api/v1/committees/{committee}/actions"), &json!({"title": "إصلاح المولدة", "owner_id": police, "due_on": "2026-12-15", "items": [format!("concern:{concern}")]})).await;
    let action = body["id"].as_i64().expect("id");
    for status in ["in_progress", "done"] {
        secretary.post(&format!("/api/v1/actions/{action}/progress"), &json!({"status": status})).await;
    }
    let meeting = json!({"held_on": "2026-11-20", "place": "Hall", "agenda": [format!("concern:{concern}")]});
    assert_eq!(
        secretary.post(&format!("/api/v1/committees/{committee}/meetings"), &meeting).await.0,
        StatusCode::CREATED
    );
    let page = app
        .client
        .post(app.url("/track"))
        .form(&[("receipt", receipt.as_str())])
        .send()
        .await
        .expect("track")
        .text()
        .await
        .expect("html");
    assert!(
        page.contains("إصلاح المولدة")
            && page.contains("مركز شرطة الزبير")
            && page.contains("هل تحسّن الوضع الآن؟")
            && page.contains("على جدول أعمال اللجنة في 2026-11-20"),
        "{page}"
    );
    let action = action.to_string();
    let confirmed = app
        .client
        .post(app.url("/track/confirm"))
        .form(&[("receipt", receipt.as_str()), ("action", &action), ("verdict", "better")])
        .send()
        .await
        .expect("confirm");
    assert!(confirmed.text().await.expect("html").contains("شكراً لك: سُجّل جوابك."));
    let again = app
        .client
        .post(app.url("/track/confirm"))
        .form(&[("receipt", receipt.as_str()), ("action", &action), ("verdict", "better")])
        .send()
        .await
        .expect("confirm");
    assert!(again.text().await.expect("html").contains("سبق أن أجبت"));
}
