//! Free text read by machine, through the fixed doors: `aman geocode`,
//! `GET /api/v1/areas/geocode`, `aman text near-duplicates|flag`, and what
//! the triage page shows of a concern's words (suggested duplicates, places,
//! flags with their reasons, a suggested kind), with flagged concerns
//! counted as an early-warning series.

use crate::cli::aman;
use crate::support::TestApp;
use aman_core::alert::SeriesSource;
use aman_core::role::Role;
use reqwest::StatusCode;
use serde_json::Value;

fn stdout(output: &std::process::Output) -> String {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

fn csv_file(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    path.display().to_string()
}

fn pcodes(answer: &Value) -> Vec<String> {
    answer["candidates"]
        .as_array()
        .expect("candidates")
        .iter()
        .map(|c| c["pcode"].as_str().expect("pcode").to_owned())
        .collect()
}

/// Places written in words, in Arabic, Kurmanji and Sorani, are found by the
/// command and by the API alike; bad questions get a field error each.
#[tokio::test]
async fn places_named_in_words_are_found_by_the_command_and_the_api() {
    let app = TestApp::sqlite().await;
    for (text, district) in [
        ("قرب جسر الائمة في الاعظمية ببغداد", "IQG08Q01"),
        ("li Şingalê", "IQG15Q07"),
        ("لە شارۆچکەی چەمچەماڵ", "IQG06Q02"),
    ] {
        let printed: Value = serde_json::from_str(&stdout(&aman(&["geocode", text], None))).expect("JSON");
        let best = &printed["candidates"][0];
        assert!(best["pcode"].as_str().is_some_and(|p| p.starts_with(district)), "{text}: {printed}");
        let score = best["score"].as_f64().expect("score");
        assert!(score > 0.0 && score <= 1.0, "{printed}");
        assert!(best["level"].as_u64().is_some() && best["name"].as_str().is_some(), "{printed}");
        let (status, answered) =
            app.get_json(&format!("/api/v1/areas/geocode?q={}", crate::api::urlencode(text))).await;
        assert_eq!(status, StatusCode::OK, "{answered}");
        assert_eq!(pcodes(&answered), pcodes(&printed), "the API answers as the command does: {text}");
    }
    let (_, none) = app.get_json("/api/v1/areas/geocode?q=xyzzy%20plugh").await;
    assert_eq!(none["candidates"], serde_json::json!([]), "no place named: {none}");
    for (query, field, code) in [
        ("", "q", "required"),
        ("?q=%20", "q", "required"),
        ("?q=Basra&limit=0", "limit", "out_of_range"),
        ("?q=Basra&limit=many", "limit", "out_of_range"),
    ] {
        let (status, body) = app.get_json(&format!("/api/v1/areas/geocode{query}")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}: {body}");
        assert_eq!(body["error"]["field_codes"][field], code, "{query}: {body}");
    }
    let long = "بغداد ".repeat(300);
    let (status, body) = app.get_json(&format!("/api/v1/areas/geocode?q={}", crate::api::urlencode(&long))).await;
    assert_eq!(
        (status, body["error"]["field_codes"]["q"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("too_long"))
    );

    // A file of texts: the best candidate of each row, in order.
    let dir = tempfile::TempDir::new().expect("dir");
    let input = csv_file(&dir, "places.csv", "id,text\nr1,\"Bayji town, Salah al-Din\"\nr2,nothing here at all\n");
    let rows = stdout(&aman(&["geocode", "--input", &input], None));
    let lines: Vec<&str> = rows.lines().collect();
    assert_eq!(lines[0], "id,pcode,score");
    assert!(lines[1].starts_with("r1,IQG16Q03"), "Bayji, Salah al-Din: {rows}");
    assert_eq!(lines[2], "r2,,", "{rows}");
    assert_eq!(lines.len(), 3, "{rows}");
    let refused = aman(&["geocode"], None);
    assert!(!refused.status.success());
}

/// Reports of one event written differently share a group; another event
/// does not; every row is answered, in order, quoted commas and all.
#[test]
fn near_duplicate_reports_share_a_group() {
    let dir = tempfile::TempDir::new().expect("dir");
    let input = csv_file(
        &dir,
        "reports.csv",
        "id,text\n\
         a,\"مسلحون يطلقون النار في الهواء قرب سوق الخضار في حي الجهاد كل ليلة, والاطفال خائفون\"\n\
         b,مسلحين يطلقون النار بالهواء قرب سوق الخضار في حي الجهاد كل ليله والاطفال خايفين\n\
         c,انقطاع الماء عن مدرسة البنات في الزبير منذ اسبوعين والطالبات يشربن من الشارع\n\
         d,\"مسلحون يطلقون النار في الهواء قرب سوق الخضار في حي الجهاد كل ليلة، الاطفال خائفون جدا\"\n\
         e,\n",
    );
    let rows = stdout(&aman(&["text", "near-duplicates", "--input", &input], None));
    let groups: Vec<(&str, &str)> = rows.lines().skip(1).filter_map(|l| l.split_once(',')).collect();
    assert_eq!(rows.lines().next(), Some("id,group"));
    assert_eq!(groups.iter().map(|(id, _)| *id).collect::<Vec<_>>(), ["a", "b", "c", "d", "e"], "{rows}");
    let group = |id: &str| groups.iter().find(|(i, _)| *i == id).map(|(_, g)| *g).expect("row");
    assert_eq!((group("b"), group("d")), (group("a"), group("a")), "one event: {rows}");
    assert_ne!(group("c"), group("a"), "another event: {rows}");
    assert_ne!(group("e"), group("a"));

    let bad = csv_file(&dir, "bad.csv", "id,body\n1,text\n");
    let refused = aman(&["text", "near-duplicates", "--input", &bad], None);
    assert!(!refused.status.success() && String::from_utf8_lossy(&refused.stderr).contains("text"));
}

/// Incitement is flagged, ordinary reports are not; each row gets a score.
#[test]
fn hate_speech_is_flagged_for_review() {
    let dir = tempfile::TempDir::new().expect("dir");
    let input = csv_file(
        &dir,
        "posts.csv",
        "id,text\n\
         1,اقتلوهم كلهم واطردوهم من المدينة هؤلاء الروافض خنازير\n\
         2,انقطاع الكهرباء عن حي الزهراء منذ يومين والمولدة متوقفة\n\
         3,The generator in our street has been broken for a week.\n",
    );
    let rows = stdout(&aman(&["text", "flag", "--input", &input], None));
    let lines: Vec<Vec<&str>> = rows.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(lines[0], ["id", "score", "flagged"]);
    assert_eq!(lines[1][2], "true", "{rows}");
    assert_eq!((lines[2][2], lines[3][2]), ("false", "false"), "{rows}");
    for line in &lines[1..] {
        let score: f64 = line[1].parse().expect("a score");
        assert!((0.0..=1.0).contains(&score), "{rows}");
    }
}

both! {
/// The triage page shows what a concern's words suggest: the report of the
/// same event filed before it, the place its text names, and the flag with
/// its reasons; flagged concerns are counted into their own series.
async fn triage_sees_what_the_words_suggest(app: TestApp) {
    for description in [
        "مسلحون يطلقون النار في الهواء قرب سوق الخضار في ابي الخصيب كل ليلة والاطفال خائفون",
        "مسلحين يطلقون النار بالهواء قرب سوق الخضار في ابي الخصيب كل ليله والاطفال خايفين",
        "اقتلوهم كلهم واطردوهم من ابي الخصيب هؤلاء الروافض خنازير",
    ] {
        let body = serde_json::json!({"category": "armed_groups_weapons", "description": description, "area": "IQG02Q01"});
        assert_eq!(app.post_json("/api/v1/concerns", &body).await.0, StatusCode::CREATED);
    }
    let email = "text.triage@test";
    let password = app.add_user(email, Role::TriageOfficer, "IQG02").await;
    let cookie = app.page_login(email, &password).await;
    let (_, session) = app.post_json("/api/v1/sessions", &app.credentials(email, &password)).await;
    let triage = crate::support::Staff::with_token(&app, session["token"].as_str().expect("token"));
    let (_, list) = triage.get("/api/v1/concerns").await;
    let mut ids: Vec<i64> =
        list["concerns"].as_array().expect("list").iter().map(|c| c["id"].as_i64().expect("id")).collect();
    // Numbered in the order they were filed.
    ids.sort_unstable();
    let [first, second, hateful] = ids[..] else { panic!("three concerns: {list}") };

    let page = app.page_as(&cookie, &format!("/staff/concerns/{second}?lang=en")).await;
    assert!(page.contains("What the words suggest"), "{page}");
    assert!(page.contains(&format!("href=\"/staff/concerns/{first}\"")), "the earlier report of the same event: {page}");
    assert!(page.contains("IQG02Q01"), "the place named: {page}");
    assert!(!page.contains("data-flagged"), "nothing hateful here: {page}");

    // "Same event": the link fills the move form; the officer confirms it.
    let mark = format!("/staff/concerns/{second}?duplicate_of={first}#move");
    assert!(page.contains(&format!("href=\"{mark}\"")), "{page}");
    let form = app.page_as(&cookie, &format!("/staff/concerns/{second}?duplicate_of={first}&lang=en")).await;
    assert!(form.contains(&format!("name=\"duplicate_of\" inputmode=\"numeric\" dir=\"ltr\" value=\"{first}\"")), "{form}");
    assert!(form.contains("<option value=\"duplicate\" selected>"), "{form}");
    // A link naming the concern itself proposes nothing.
    let own = app.page_as(&cookie, &format!("/staff/concerns/{second}?duplicate_of={second}&lang=en")).await;
    assert!(!own.contains("<option value=\"duplicate\" selected>"), "{own}");
    assert!(own.contains("name=\"duplicate_of\" inputmode=\"numeric\" dir=\"ltr\" value=\"\""), "{own}");
    let field = |name: &str| crate::pages::form_value(&form, name).to_owned();
    let confirmed = app
        .client
        .post(app.url(&format!("/staff/concerns/{second}/move")))
        .header("cookie", &cookie)
        .form(&[
            ("csrf", field("csrf")),
            ("version", field("version")),
            ("to", "duplicate".to_owned()),
            ("reason", "same event".to_owned()),
            ("duplicate_of", field("duplicate_of")),
        ])
        .send()
        .await
        .expect("move");
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER);
    let (_, moved) = triage.get(&format!("/api/v1/concerns/{second}")).await;
    assert_eq!((moved["status"].as_str(), moved["duplicate_of"].as_i64()), (Some("duplicate"), Some(first)), "{moved}");

    let page = app.page_as(&cookie, &format!("/staff/concerns/{hateful}?lang=ar")).await;
    assert!(page.contains("data-flagged=\"true\"") && page.contains("مؤشَّر للمراجعة"), "{page}");
    assert!(page.contains("تحريض") || page.contains("وصف طائفي"), "with its reasons: {page}");

    // Comparing concerns reads them: recorded.
    let (audit, _) = app.db.audit_chain().await.expect("audit");
    assert!(audit.iter().any(|e| e.event.action == "concern.similar" && e.event.subject == format!("concern:{second}")));

    // The flagged one is counted into the flagged series of its area and those above.
    aman_app::alerts::run(&app.state).await.expect("alerts");
    let today = aman_db::day_number(app.state.today());
    let counts = app.db.daily_counts(SeriesSource::Flagged, today - 30, today).await.expect("counts");
    let total = |area: &str| counts.iter().filter(|c| c.area == area).map(|c| c.count).sum::<i64>();
    assert_eq!((total("IQG02Q01"), total("IQG02"), total("IQ")), (1, 1, 1), "{counts:?}");
}
}
