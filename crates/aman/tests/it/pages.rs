//! The server-rendered pages, as a resident and a staff member use them:
//! Arabic and right-to-left by default, no JavaScript, forms that keep what
//! was typed.

use crate::support::TestApp;
use aman_core::role::Role;
use reqwest::StatusCode;

pub fn form_value<'a>(html: &'a str, name: &str) -> &'a str {
    let field = html.find(&format!("name=\"{name}\"")).unwrap_or_else(|| panic!("no field {name}"));
    let start = field + html[field..].find("value=\"").expect("a value") + "value=\"".len();
    &html[start..start + html[start..].find('"').expect("closing quote")]
}

fn receipt_in(html: &str) -> String {
    form_value(html, "receipt").to_owned()
}

both! {
async fn pages_are_arabic_and_rtl_by_default_and_switch_language(app: TestApp) {
    let html = app
        .client
        .get(app.url("/"))
        .send()
        .await
        .expect("request")
        .text()
        .await
        .expect("body");
    assert!(html.contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(html.contains("أمان"));
    // Pages work without JavaScript; the only script is the quick exit's,
    // from this server (the CSP allows no inline script).
    let scripts: Vec<&str> = html.split("<script").skip(1).collect();
    assert!(scripts.iter().all(|s| s.starts_with(" src=\"/static/exit.js\"></script>")), "{scripts:?}");
    let response = app
        .client
        .get(app.url("/report?lang=en"))
        .send()
        .await
        .expect("request");
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(cookie.starts_with("lang=en"), "{cookie}");
    let csp = response
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"));
    let html = response.text().await.expect("body");
    assert!(html.contains(r#"<html lang="en" dir="ltr">"#));
    let html = app
        .client
        .get(app.url("/"))
        .header("cookie", "lang=ckb")
        .send()
        .await
        .expect("request")
        .text()
        .await
        .expect("body");
    assert!(html.contains(r#"<html lang="ckb" dir="rtl">"#));
    assert!(html.contains("CC BY-IGO"), "attribution in every footer");
    // Kurmanji: Latin script, left to right, places by their Kurmanji names.
    let (_, html) = app.get_text("/report?lang=kmr").await;
    assert!(html.contains(r#"<html lang="kmr" dir="ltr">"#), "{html}");
    assert!(html.contains("Hewlêr") && html.contains("Duhok"), "Kurmanji place names");
    let browser_says = app.client.get(app.url("/")).header("accept-language", "ku-Latn-IQ, en;q=0.5").send();
    let html = browser_says.await.expect("request").text().await.expect("body");
    assert!(html.contains(r#"<html lang="kmr" dir="ltr">"#), "ku-Latn is Kurmanji");
}

async fn a_resident_reports_with_the_pickers_and_follows_with_the_receipt(app: TestApp) {
    let (status, html) = app.get_text("/report").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        html.matches("<option value=\"IQG").count(),
        18,
        "governorates"
    );
    assert!(html.contains("السلاح المنفلت"));

    let description = "مسلحون يطلقون النار في الهواء قرب السوق كل ليلة.";
    let refine = [
        ("category", "armed_groups_weapons"),
        ("description", description),
        ("governorate", "IQG15"),
        ("action", "refine"),
    ];
    let html = app
        .client
        .post(app.url("/report"))
        .form(&refine)
        .send()
        .await
        .expect("request")
        .text()
        .await
        .expect("body");
    assert!(html.contains(description), "what was typed is kept");
    assert!(html.contains("name=\"district\""));
    assert!(html.contains("value=\"IQG15Q05\""));

    let refine = [
        ("category", "armed_groups_weapons"),
        ("description", description),
        ("governorate", "IQG15"),
        ("district", "IQG15Q05"),
        ("action", "refine"),
    ];
    let html = app
        .client
        .post(app.url("/report"))
        .form(&refine)
        .send()
        .await
        .expect("request")
        .text()
        .await
        .expect("body");
    assert!(html.contains("name=\"subdistrict\""));

    let submit = [
        ("category", "armed_groups_weapons"),
        ("description", description),
        ("governorate", "IQG15"),
        ("district", "IQG15Q05"),
        ("subdistrict", "IQG15Q05N04"),
        ("occurred_on", "2026-11-28"),
        ("action", "submit"),
    ];
    let response = app
        .client
        .post(app.url("/report"))
        .form(&submit)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.expect("body");
    assert!(html.contains("المحمداث"));
    let receipt = receipt_in(&html);
    assert_eq!(receipt.len(), 29);

    let saved = app
        .client
        .post(app.url("/receipt.txt"))
        .form(&[("receipt", receipt.as_str())])
        .send()
        .await
        .expect("request");
    assert!(saved.headers().get("content-disposition").is_some());
    assert!(saved.text().await.expect("body").contains(&receipt));

    let response = app
        .client
        .post(app.url("/track"))
        .form(&[("receipt", receipt.to_lowercase().as_str())])
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.expect("body");
    assert!(html.contains("data-status=\"submitted\""));
    let response = app
        .client
        .post(app.url("/track"))
        .form(&[("receipt", "0000-0000-0000-0000-0000-0000")])
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

async fn a_bad_form_comes_back_with_translated_messages_and_nothing_stored(app: TestApp) {
    let form = [
        ("category", ""),
        ("description", "قصير"),
        ("lat", "48.8"),
        ("lon", "2.3"),
        ("contact_phone", "abc"),
        ("action", "submit"),
    ];
    let response = app
        .client
        .post(app.url("/report"))
        .header("accept-language", "ar")
        .form(&form)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert!(
        html.contains("هذا الحقل مطلوب") || html.contains("مطلوب"),
        "category required in Arabic"
    );
    assert!(html.contains("class=\"error\""));
    assert_eq!(form_value(&html, "contact_phone"), "abc");
    assert_eq!(app.db.count_concerns().await.expect("count"), 0);
}

async fn staff_log_in_with_a_cookie_and_every_form_needs_the_csrf_token(app: TestApp) {
    app.submit("crime", "IQG02Q01").await;
    let response = app
        .client
        .get(app.url("/staff"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/staff/login");

    let password = app
        .add_user("basra@test", Role::TriageOfficer, "IQG02")
        .await;
    let response = app
        .client
        .post(app.url("/staff/login"))
        .form(&[("email", "basra@test"), ("password", "nope")])
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    // A form posted from another site cannot sign the visitor in (login CSRF).
    let host = app.base.trim_start_matches("http://").to_owned();
    for (name, value) in [("origin", "https://evil.example".to_owned()), ("sec-fetch-site", "cross-site".to_owned())] {
        let response = app
            .client
            .post(app.url("/staff/login"))
            .header(name, value)
            .form(&app.login_form("basra@test", &password))
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{name}");
        assert!(response.headers().get("set-cookie").is_none_or(|c| !c.to_str().unwrap_or("").contains("aman_session")));
    }
    // `Origin: null` (what a browser sends under our no-referrer policy) is
    // refused on its own, and accepted when the browser attests the form
    // is our own page's, as Chromium does (found by the browser journeys).
    let null_origin = |same_origin: bool| {
        let mut request = app.client.post(app.url("/staff/login")).header("origin", "null");
        if same_origin {
            request = request.header("sec-fetch-site", "same-origin");
        }
        request.form(&app.login_form("basra@test", &password)).send()
    };
    assert_eq!(null_origin(false).await.expect("request").status(), StatusCode::FORBIDDEN);
    assert_eq!(null_origin(true).await.expect("request").status(), StatusCode::SEE_OTHER);
    let response = app
        .client
        .post(app.url("/staff/login"))
        .header("origin", format!("http://{host}"))
        .header("sec-fetch-site", "same-origin")
        .form(&app.login_form("basra@test", &password))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let set_cookie = response.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Strict"),
        "{set_cookie}"
    );
    let cookie = set_cookie.split(';').next().expect("cookie").to_owned();

    let get = |path: String| {
        app.client
            .get(app.url(&path))
            .header("cookie", cookie.clone())
            .header("accept-language", "en")
            .send()
    };
    let html = get("/staff".into())
        .await
        .expect("request")
        .text()
        .await
        .expect("body");
    assert!(html.contains("One concern matches."), "{html}");
    let id: i64 = html
        .split("href=\"/staff/concerns/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .and_then(|s| s.parse().ok())
        .expect("a concern link");
    let html = get(format!("/staff/concerns/{id}"))
        .await
        .expect("request")
        .text()
        .await
        .expect("body");
    let csrf = form_value(&html, "csrf").to_owned();

    let post = |path: String, form: Vec<(&'static str, String)>| {
        app.client
            .post(app.url(&path))
            .header("cookie", cookie.clone())
            .form(&form)
            .send()
    };
    let forged = post(
        format!("/staff/concerns/{id}/move"),
        vec![("to", "under_review".into()), ("reason", "x".into())],
    )
    .await
    .expect("request");
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let moved = post(
        format!("/staff/concerns/{id}/move"),
        vec![
            ("csrf", csrf.clone()),
            ("to", "under_review".into()),
            ("reason", "checking".into()),
            ("public_note", "We are checking your report.".into()),
        ],
    )
    .await
    .expect("request");
    assert_eq!(moved.status(), StatusCode::SEE_OTHER);
    let stale = post(
        format!("/staff/concerns/{id}/move"),
        vec![("csrf", csrf.clone()), ("version", form_value(&html, "version").to_owned()), ("to", "rejected".into()), ("reason", "spam".into())],
    )
    .await
    .expect("request");
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let page = stale.text().await.expect("body");
    assert!(page.contains("data-code=\"edit_conflict\"") && page.contains("data-status=\"under_review\""));
    let noted = post(
        format!("/staff/concerns/{id}/note"),
        vec![
            ("csrf", csrf.clone()),
            ("body", "Called the mukhtar.".into()),
        ],
    )
    .await
    .expect("request");
    assert_eq!(noted.status(), StatusCode::SEE_OTHER);
    let html = get(format!("/staff/concerns/{id}"))
        .await
        .expect("request")
        .text()
        .await
        .expect("body");
    assert!(html.contains("data-status=\"under_review\""));
    assert!(html.contains("Called the mukhtar.") && html.contains("We are checking your report."));

    let out = post("/staff/logout".into(), vec![("csrf", csrf)])
        .await
        .expect("request");
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        get("/staff".into()).await.expect("request").status(),
        StatusCode::SEE_OTHER
    );
}

async fn error_pages_are_translated_html(app: TestApp) {
    let response = app
        .client
        .get(app.url("/no/such/page"))
        .header("accept-language", "en")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let html = response.text().await.expect("body");
    assert!(
        html.contains("This page or record does not exist.")
            && html.contains("data-code=\"not_found\"")
    );
}
}

/// A resident at risk can leave any public page at once, and can read who
/// runs the service, who sees what and how long it is kept, in their
/// language; staff pages carry no exit button.
#[tokio::test]
async fn every_public_page_has_a_quick_exit_and_the_service_explains_itself() {
    let settings = aman_web::Settings {
        operator: Some("Basra community security forum".into()),
        intake_limits: None,
        ..aman_web::Settings::default()
    };
    let app = TestApp::sqlite_with(settings).await;
    for path in ["/", "/report", "/track", "/surveys", "/accountability", "/index", "/about", "/staff/login"] {
        let (status, html) = app.get_text(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            html.contains("id=\"quick-exit\"") && html.contains("src=\"/static/exit.js\""),
            "{path}: no quick exit"
        );
        assert!(html.contains("href=\"/about\""), "{path}: no link to the page about the service");
    }
    let (_, script) = app.get_text("/static/exit.js").await;
    assert!(script.contains("location.replace"), "the exit replaces the history entry");

    let english = app.client.get(app.url("/about?lang=en")).send().await.expect("about").text().await.expect("html");
    for words in ["Basra community security forum", "never shown to the police", "erased 90 days after", "Escape twice"]
    {
        assert!(english.contains(words), "about (en) lacks {words:?}");
    }
    let (_, arabic) = app.get_text("/about?lang=ar").await;
    assert!(arabic.contains("لا تُعرض على الشرطة أبداً") && arabic.contains("dir=\"rtl\""), "about (ar)");

    let email = "exit@test";
    let password = app.add_user(email, Role::CommitteeMember, "IQG02").await;
    let cookie = app.page_login(email, &password).await;
    let staff_page = app.page_as(&cookie, "/staff/committees").await;
    assert!(!staff_page.contains("quick-exit"), "staff pages have no exit button");
}

both! {
/// A resident who writes the place in words ("near the vegetable market
/// in Sinjar") and picks nothing gets the form back with the pickers set to
/// that place and a note to check it: nothing is filed until they send it
/// as shown. The words are not stored.
async fn a_place_written_in_words_is_proposed_in_the_pickers(app: TestApp) {
    let description = "مسلحون يطلقون النار في الهواء كل ليلة والاطفال خائفون";
    let place = "قرب سوق الخضار في سنجار";
    let form = [("category", "armed_groups_weapons"), ("description", description), ("place", place), ("action", "refine")];
    let response = app.client.post(app.url("/report?lang=en")).form(&form).send().await.expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.expect("body");
    assert!(html.contains("We read the place you wrote"), "{html}");
    for selected in ["value=\"IQG15\" selected", "value=\"IQG15Q07\" selected"] {
        assert!(html.contains(selected), "{selected}: {html}");
    }
    assert_eq!(app.db.count_concerns().await.expect("count"), 0, "nothing filed yet");
    let sent = [
        ("category", "armed_groups_weapons"),
        ("description", description),
        ("place", place),
        ("governorate", "IQG15"),
        ("district", "IQG15Q07"),
        ("action", "submit"),
    ];
    let response = app.client.post(app.url("/report?lang=en")).form(&sent).send().await.expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(receipt_in(&response.text().await.expect("body")).len(), 29);
    assert_eq!(app.db.count_concerns().await.expect("count"), 1);
    assert!(!crate::support::contains(&app.stored_bytes().await, "سوق الخضار في سنجار"), "the words are not kept");
    // A place the gazetteer cannot find: asked to choose it in the lists.
    let unknown = [("category", "crime"), ("description", description), ("place", "xqzv"), ("action", "submit")];
    let response = app.client.post(app.url("/report?lang=en")).form(&unknown).send().await.expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.text().await.expect("body").contains("We could not find this place"));
    assert_eq!(app.db.count_concerns().await.expect("count"), 1);
}
}

both! {
/// Refreshing the receipt page (the browser sends the form again) or going
/// Back and sending it again shows the same receipt and files nothing new.
async fn sending_the_report_form_again_files_nothing_new(app: TestApp) {
    let form_page = app.get_text("/report").await.1;
    let key = form_value(&form_page, "idempotency").to_owned();
    assert_eq!(key.len(), 32, "a fresh key with the form");
    assert_ne!(form_value(&app.get_text("/report").await.1, "idempotency"), key, "each form its own key");
    let fields = [
        ("category", "crime"),
        ("description", "A shop owner is threatened every week near the bridge."),
        ("governorate", "IQG02"),
        ("action", "submit"),
        ("idempotency", key.as_str()),
    ];
    let mut receipts = Vec::new();
    for _ in 0..3 {
        let page = app.client.post(app.url("/report")).form(&fields).send().await.expect("post");
        assert_eq!(page.status(), StatusCode::OK);
        let html = page.text().await.expect("html");
        let receipt = receipt_in(&html);
        // Shown in groups that never break inside, with a break allowed between them.
        let shown = receipt.split('-').map(|g| format!("<span class=\"group\">{g}</span>")).collect::<Vec<_>>().join("-<wbr>");
        assert!(html.contains(&shown), "{html}");
        receipts.push(receipt);
    }
    assert!(receipts.iter().all(|r| *r == receipts[0]), "{receipts:?}");
    assert_eq!(app.db.count_concerns().await.expect("count"), 1);
}
}

both! {
/// On `/track` the reporter reads staff's question and answers it; an empty
/// answer comes back with the reason, and nothing is sent.
async fn the_reporter_answers_a_question_on_the_track_page(app: TestApp) {
    let receipt = app.submit("crime", "IQG02Q01").await;
    let email = "asker@test";
    let password = app.add_user(email, Role::TriageOfficer, "IQG02").await;
    let cookie = app.page_login(email, &password).await;
    let (_, list) = app.post_json("/api/v1/sessions", &app.credentials(email, &password)).await;
    let triage = crate::support::Staff::with_token(&app, list["token"].as_str().expect("token"));
    let id = app.newest_concern_id(&triage).await;
    let page = app.page_as(&cookie, &format!("/staff/concerns/{id}")).await;
    let csrf = form_value(&page, "csrf").to_owned();
    let asked = app
        .client
        .post(app.url(&format!("/staff/concerns/{id}/ask")))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.as_str()), ("body", "Were there children nearby?")])
        .send()
        .await
        .expect("ask");
    assert_eq!(asked.status(), StatusCode::SEE_OTHER);

    let track = |fields: Vec<(&'static str, String)>, path: &'static str| {
        let request = app.client.post(app.url(&format!("{path}?lang=en"))).form(&fields);
        async move {
            let response = request.send().await.expect("post");
            (response.status(), response.text().await.expect("html"))
        }
    };
    let (_, html) = track(vec![("receipt", receipt.clone())], "/track").await;
    assert!(html.contains("Were there children nearby?") && html.contains("action=\"/track/reply\""), "{html}");
    let (status, html) = track(vec![("receipt", receipt.clone()), ("body", "   ".into())], "/track/reply").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("role=\"alert\""), "the reason is shown");
    let (status, html) = track(vec![("receipt", receipt.clone()), ("body", "Yes, two boys.".into())], "/track/reply").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Your answer was sent.") && html.contains("Yes, two boys."), "{html}");
    let staff_page = app.page_as(&cookie, &format!("/staff/concerns/{id}")).await;
    assert!(staff_page.contains("Yes, two boys."), "staff read the answer on the concern");
}
}

both! {
/// A photo chosen on the report form comes with the report: checked before
/// anything is filed (a file that is not a photo files nothing and the form
/// comes back as typed), stored once however often the form is sent, and
/// a page shown again asks for it again.
async fn a_photo_comes_with_the_report_itself(app: TestApp) {
    let form_page = app.get_text("/report").await.1;
    assert!(form_page.contains("enctype=\"multipart/form-data\"") && form_page.contains("name=\"photo\""), "{form_page}");
    let key = form_value(&form_page, "idempotency").to_owned();
    let send = |action: &'static str, photo: Option<(&'static str, Vec<u8>)>| {
        let mut form = reqwest::multipart::Form::new()
            .text("category", "crime")
            .text("description", "Armed men burnt a car by the bridge last night.")
            .text("governorate", "IQG02")
            .text("action", action)
            .text("idempotency", key.clone());
        if let Some((content_type, bytes)) = photo {
            form = form.part("photo", reqwest::multipart::Part::bytes(bytes).file_name("car.png").mime_str(content_type).expect("mime"));
        }
        let request = app.client.post(app.url("/report?lang=en")).multipart(form);
        async move {
            let response = request.send().await.expect("post");
            (response.status(), response.text().await.expect("html"))
        }
    };
    // Not a photo: nothing filed, the words kept, the reason given.
    let (status, html) = send("submit", Some(("application/pdf", b"%PDF-1.4".to_vec()))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Only JPEG and PNG photos can be added.") && html.contains("burnt a car by the bridge"), "{html}");
    assert_eq!(app.db.count_concerns().await.expect("count"), 0);
    // Choosing a district shows the page again: the photo must be chosen again.
    let (status, html) = send("refine", Some(("image/png", crate::matrix::tiny_png()))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Choose your photo again"), "{html}");
    // Filed with its photo; sent again (a refresh), the same receipt and still one photo.
    let (status, html) = send("submit", Some(("image/png", crate::matrix::tiny_png()))).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Your photo was added."), "{html}");
    let receipt = receipt_in(&html);
    let (_, again) = send("submit", Some(("image/png", crate::matrix::tiny_png()))).await;
    assert_eq!(receipt_in(&again), receipt);
    let triage = app.staff(Role::TriageOfficer, "IQG02").await;
    let id = app.newest_concern_id(&triage).await;
    let (_, list) = triage.get(&format!("/api/v1/concerns/{id}/attachments")).await;
    assert_eq!(list["attachments"].as_array().map(Vec::len), Some(1), "{list}");
    assert_eq!(app.db.count_concerns().await.expect("count"), 1);
    // Without a photo the form works as before, URL-encoded too.
    let fields = [("category", "crime"), ("description", "Another car was burnt near the river."), ("governorate", "IQG02"), ("action", "submit")];
    assert_eq!(app.client.post(app.url("/report")).form(&fields).send().await.expect("post").status(), StatusCode::OK);
}
}
