//! The staff side's pages in a real server: the queue kept across its
//! pages, a concern's photos and tags, and changes made to several concerns
//! at once.

use crate::pages::form_value;
use crate::support::TestApp;
use aman_core::role::Role;
use reqwest::StatusCode;

both! {
async fn the_queue_pages_keep_their_filters(app: TestApp) {
    for _ in 0..51 {
        app.submit("crime", "IQG08").await;
    }
    app.submit("tribal_conflict", "IQG08").await;
    let password = app.add_user("pager@test", Role::TriageOfficer, "IQ").await;
    let login = app.client.post(app.url("/staff/login")).form(&app.login_form("pager@test", &password)).send().await.expect("login");
    let cookie = login.headers()["set-cookie"].to_str().expect("ascii").split(';').next().expect("pair").to_owned();
    let page = |path: &'static str| app.client.get(app.url(path)).header("cookie", cookie.clone()).header("accept-language", "en").send();
    let first = page("/staff?category=crime").await.expect("page").text().await.expect("body");
    assert!(first.contains("51 concerns match.") && first.contains("Page 1 of 2"), "{first}");
    assert!(first.contains("href=\"/staff?page=2&#38;category=crime\""), "{first}");
    let second = page("/staff?page=2&category=crime").await.expect("page").text().await.expect("body");
    assert_eq!(second.matches("href=\"/staff/concerns/").count(), 1);
    assert!(second.contains("Page 2 of 2"));
    // The search box keeps its words from page to page.
    let searched = page("/staff?q=MARKET&tag=").await.expect("page").text().await.expect("body");
    assert!(searched.contains("52 concerns match.") && searched.contains("value=\"MARKET\""), "{searched}");
    assert!(searched.contains("q=MARKET"), "the next page searches too");
    let none = page("/staff?q=bridge").await.expect("page").text().await.expect("body");
    assert!(none.contains("No concerns match."), "{none}");
}
}

both! {
/// The concern page shows the reporter's photos (opened through the page,
/// cookie-authenticated) and lets staff tag it, commas in Arabic too.
async fn the_concern_page_shows_photos_and_takes_tags(app: TestApp) {
    let (_, submitted) = app.post_json("/api/v1/concerns", &serde_json::json!({"category": "crime", "description": "Cars burnt near the bridge last night.", "area": "IQG02Q01"})).await;
    let receipt = submitted["receipt"].as_str().expect("receipt").to_owned();
    app.add_photo(&receipt).await;
    let email = "pages.photo@test";
    let password = app.add_user(email, Role::TriageOfficer, "IQG02").await;
    let cookie = app.page_login(email, &password).await;
    let (_, session) = app.post_json("/api/v1/sessions", &app.credentials(email, &password)).await;
    let triage = crate::support::Staff::with_token(&app, session["token"].as_str().expect("token"));
    let id = app.newest_concern_id(&triage).await;
    let page = app.page_as(&cookie, &format!("/staff/concerns/{id}?lang=en")).await;
    let link = page.split("href=\"/staff/concerns/").find(|s| s.contains("/photos/")).map(|s| format!("/staff/concerns/{}", s.split('"').next().unwrap_or_default())).expect("a photo link");
    let opened = app.client.get(app.url(&link)).header("cookie", &cookie).send().await.expect("photo");
    assert_eq!((opened.status(), opened.headers()["content-type"].to_str().ok()), (StatusCode::OK, Some("image/png")));
    let csrf = form_value(&page, "csrf").to_owned();
    let saved = app.client.post(app.url(&format!("/staff/concerns/{id}/tags"))).header("cookie", &cookie).form(&[("csrf", csrf.as_str()), ("body", "جسر، Fire")]).send().await.expect("tags");
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let (_, detail) = triage.get(&format!("/api/v1/concerns/{id}")).await;
    assert_eq!(detail["tags"], serde_json::json!(["fire", "جسر"]));

    // Assigned from the page, to someone who may see it; nobody else is offered.
    app.add_user("colleague.page@test", Role::CommitteeMember, "IQG02").await;
    app.add_user("far.away@test", Role::CommitteeMember, "IQG15").await;
    let page = app.page_as(&cookie, &format!("/staff/concerns/{id}?lang=en")).await;
    assert!(page.contains("colleague.page@test") && !page.contains("far.away@test"), "{page}");
    let colleague = app.db.user_by_email("colleague.page@test").await.expect("query").expect("user").id;
    let assigned = app
        .client
        .post(app.url(&format!("/staff/concerns/{id}/assign")))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.clone()), ("user_id", colleague.to_string())])
        .send()
        .await
        .expect("assign");
    assert_eq!(assigned.status(), StatusCode::SEE_OTHER);
    let (_, detail) = triage.get(&format!("/api/v1/concerns/{id}")).await;
    assert_eq!(detail["assignee"]["id"], colleague);
}
}

both! {
/// Bulk changes from the queue: a triage officer ticks concerns and assigns
/// them to a colleague, or marks them duplicates of one; each is checked as
/// the single change is, and either all change or none does.
async fn the_queue_changes_ticked_concerns_together_or_not_at_all(app: TestApp) {
    let email = "pages.bulk@test";
    let password = app.add_user(email, Role::TriageOfficer, "IQG02").await;
    let cookie = app.page_login(email, &password).await;
    let (_, session) = app.post_json("/api/v1/sessions", &app.credentials(email, &password)).await;
    let triage = crate::support::Staff::with_token(&app, session["token"].as_str().expect("token"));
    let mut ids = Vec::new();
    for _ in 0..4 {
        app.submit("crime", "IQG02Q01").await;
        ids.push(app.newest_concern_id(&triage).await);
    }
    app.submit("crime", "IQG15").await;
    let elsewhere = crate::support::Staff::with_token(&app, &{
        let password = app.add_user("bulk.mosul@test", Role::TriageOfficer, "IQG15").await;
        let (_, s) = app.post_json("/api/v1/sessions", &app.credentials("bulk.mosul@test", &password)).await;
        s["token"].as_str().expect("token").to_owned()
    });
    let outside = app.newest_concern_id(&elsewhere).await;
    app.add_user("bulk.colleague@test", Role::CommitteeMember, "IQG02Q01").await;
    let colleague = app.db.user_by_email("bulk.colleague@test").await.expect("query").expect("user").id;

    let page = app.page_as(&cookie, "/staff?lang=en&q=market").await;
    assert!(page.contains("name=\"concern\"") && page.contains("bulk.colleague@test"), "{page}");
    let csrf = form_value(&page, "csrf").to_owned();
    let back = form_value(&page, "back").replace("&amp;", "&");
    let post = |fields: Vec<(&'static str, String)>| {
        let request = app.client.post(app.url("/staff/concerns/bulk?lang=en")).header("cookie", &cookie).form(&fields);
        async move {
            let response = request.send().await.expect("bulk");
            let location = response.headers().get("location").map(|l| l.to_str().expect("ascii").to_owned());
            (response.status(), location, response.text().await.expect("html"))
        }
    };
    let ticked = |chosen: &[i64], rest: &[(&'static str, &str)]| {
        let mut fields: Vec<(&'static str, String)> = vec![("csrf", csrf.clone()), ("back", back.clone())];
        fields.extend(chosen.iter().map(|id| ("concern", id.to_string())));
        fields.extend(rest.iter().map(|(k, v)| (*k, (*v).to_owned())));
        fields
    };
    let assignee = |id: i64| {
        let triage = &triage;
        async move { triage.get(&format!("/api/v1/concerns/{id}")).await.1["assignee"]["id"].clone() }
    };

    // Assigned together; the queue comes back as it was, saying how many.
    let (status, location, _) =
        post(ticked(&ids[..3], &[("change", "assign"), ("user_id", &colleague.to_string())])).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = location.expect("redirect");
    assert!(location.starts_with("/staff?") && location.contains("q=market") && location.ends_with("changed=3"), "{location}");
    assert!(app.page_as(&cookie, &format!("{location}&lang=en")).await.contains("3 concerns changed."));
    for id in &ids[..3] {
        assert_eq!(assignee(*id).await, colleague);
    }
    let (_, listed) = triage.get(&format!("/api/v1/concerns?assignee={colleague}")).await;
    assert_eq!(listed["concerns"].as_array().map(Vec::len), Some(3), "{listed}");

    // One concern outside the officer's area: refused as for one, nothing changes.
    let (status, _, _) = post(ticked(&[ids[3], outside], &[("change", "assign"), ("user_id", &colleague.to_string())])).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(assignee(ids[3]).await.is_null(), "nothing half-done");

    // A duplicate of one of the ticked concerns itself: the queue again, the
    // ticks and words kept, the concern named, nothing changed.
    let original = ids[0].to_string();
    let (status, _, html) = post(ticked(
        &[ids[0], ids[1], ids[2]],
        &[("change", "duplicate"), ("duplicate_of", &original), ("reason", "Same shooting")],
    ))
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(&format!("#{} —", ids[0])) && html.contains("value=\"Same shooting\""), "{html}");
    assert!(html.contains(&format!("value=\"{}\" class=\"pick\" aria-label=\"Choose concern #{}\" checked", ids[1], ids[1])), "{html}");
    for id in &ids[1..3] {
        let (_, detail) = triage.get(&format!("/api/v1/concerns/{id}")).await;
        assert_eq!(detail["status"], "submitted", "nothing half-done");
    }
    // Without a reason: said so, nothing changed.
    let (status, _, html) = post(ticked(&ids[1..3], &[("change", "duplicate"), ("duplicate_of", &original)])).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Reason"), "{html}");
    // Then right: both point to the original, each audited.
    let (status, _, _) = post(ticked(
        &ids[1..3],
        &[("change", "duplicate"), ("duplicate_of", &format!("#{original}")), ("reason", "Same shooting")],
    ))
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    for id in &ids[1..3] {
        let (_, detail) = triage.get(&format!("/api/v1/concerns/{id}")).await;
        assert_eq!((detail["status"].as_str(), detail["duplicate_of"].as_i64()), (Some("duplicate"), Some(ids[0])), "{detail}");
    }
    // Nothing ticked, a stranger's form, a role that does not triage.
    let (status, _, html) = post(ticked(&[], &[("change", "assign"), ("user_id", "")])).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    let forged = app.client.post(app.url("/staff/concerns/bulk")).header("cookie", &cookie).form(&[("csrf", "x"), ("concern", &ids[3].to_string()), ("change", "assign")]).send().await.expect("post");
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let member_password = app.add_user("bulk.member@test", Role::CommitteeMember, "IQG02").await;
    let member = app.page_login("bulk.member@test", &member_password).await;
    let page = app.page_as(&member, "/staff?lang=en").await;
    assert!(!page.contains("/staff/concerns/bulk"), "offered only to those who triage");
}
}
