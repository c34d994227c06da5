//! Perception surveys end to end: the shipped item bank imported as a form,
//! a KoboToolbox-style export imported all or nothing, the web form with
//! skip logic on the server, and estimates (JSON, CSV, the results page)
//! equal to the weighted shares computed by hand, small groups suppressed.

use crate::cli::aman;
use crate::support::{TestApp, contains};
use aman_core::role::Role;
use reqwest::StatusCode;

pub fn item_bank() -> String {
    format!("{}/../../data/surveys/community-security-perception.xlsx", env!("CARGO_MANIFEST_DIR"))
}

const N: usize = 90;

/// Respondent `i` of the export: every required answer, in Kobo's
/// `group/question` columns, with a weight, stratum and cluster.
/// A stored response in Basra with these coded answers.
pub fn stored_response(external_id: &str, answers: &str, text_sealed: Option<Vec<u8>>) -> aman_db::NewResponse {
    aman_db::NewResponse {
        external_id: external_id.to_owned(),
        area: aman_core::area::Pcode::parse("IQG02").expect("pcode"),
        collected_on: chrono::NaiveDate::from_ymd_opt(2026, 10, 1).expect("date"),
        weight: 1.0,
        stratum: None,
        cluster: None,
        sex: None,
        age_group: None,
        displacement: None,
        answers: answers.to_owned(),
        source: "import",
        text_sealed,
    }
}

/// Respondent `i`'s answers as the web form's fields (without the action).
pub fn web_answers(i: usize) -> Vec<(String, String)> {
    row(i)
        .into_iter()
        .filter(|(k, _)| !k.starts_with('_') && !["w", "stratum", "cluster"].contains(&k.as_str()))
        .map(|(k, v)| (k.trim_start_matches("main/").to_owned(), v))
        .collect()
}

fn row(i: usize) -> Vec<(String, String)> {
    let main = [
        ("governorate", if i.is_multiple_of(2) { "IQG02" } else { "IQG15" }.to_owned()),
        ("district", "Zubair".to_owned()),
        ("sex", if i.is_multiple_of(3) { "female" } else { "male" }.to_owned()),
        ("age", (18 + i % 50).to_string()),
        ("displacement", if i.is_multiple_of(5) { "idp" } else { "resident" }.to_owned()),
        ("safe_night", if i.is_multiple_of(4) { "very_safe" } else { "a_bit_unsafe" }.to_owned()),
        ("trust_police", if i.is_multiple_of(2) { "a_lot" } else { "none" }.to_owned()),
        ("trust_courts", "some".to_owned()),
        ("trust_local_gov", "little".to_owned()),
        ("trust_cso", "some".to_owned()),
        ("group_relations", "good".to_owned()),
        ("report_crime", "very_likely".to_owned()),
        ("weapons", "very_common".to_owned()),
        ("youth_future", "agree".to_owned()),
        ("victim", "no".to_owned()),
        ("csc_aware", "no".to_owned()),
    ];
    let mut out = vec![("consent".to_owned(), "yes".to_owned())];
    out.extend(main.into_iter().map(|(k, v)| (format!("main/{k}"), v)));
    out.extend([
        ("_uuid".to_owned(), format!("uuid-{i}")),
        ("_submission_time".to_owned(), "2026-10-15T10:00:00".to_owned()),
        ("w".to_owned(), (1 + i % 3).to_string()),
        ("stratum".to_owned(), format!("S{}", i % 2)),
        ("cluster".to_owned(), format!("C{}", i % 9)),
    ]);
    out
}

fn csv(rows: &[Vec<(String, String)>]) -> String {
    let header: Vec<&str> = rows[0].iter().map(|(k, _)| k.as_str()).collect();
    let mut out = format!("{}\n", header.join(","));
    for row in rows {
        out.push_str(&format!("{}\n", row.iter().map(|(_, v)| v.as_str()).collect::<Vec<_>>().join(",")));
    }
    out
}

#[tokio::test]
async fn a_kobo_export_is_imported_all_or_nothing_and_estimated_honestly() {
    let app = TestApp::sqlite().await;
    let db = app.database_url();
    let key = app.dir.path().join("k.key");
    std::fs::write(&key, aman_core::secrets::Keys::generate([7; 64]).to_json()).expect("key");
    let key = key.display().to_string();
    let form = aman(&["survey", "import-form", &item_bank(), "--db", &db, "--key-file", &key], None);
    assert!(
        String::from_utf8_lossy(&form.stdout).contains("imported form aman_perception"),
        "{}",
        String::from_utf8_lossy(&form.stderr)
    );
    let again = aman(&["survey", "import-form", &item_bank(), "--db", &db, "--key-file", &key], None);
    assert!(String::from_utf8_lossy(&again.stderr).contains("already imported"));
    let not_a_workbook = app.dir.path().join("bad.xlsx");
    std::fs::write(&not_a_workbook, "not a workbook").expect("file");
    let bad =
        aman(&["survey", "import-form", &not_a_workbook.display().to_string(), "--db", &db, "--key-file", &key], None);
    assert!(!bad.status.success() && String::from_utf8_lossy(&bad.stderr).contains("nothing imported"));

    let mut rows: Vec<Vec<(String, String)>> = (0..N).map(row).collect();
    let import = |rows: &[Vec<(String, String)>]| {
        let file = app.dir.path().join("export.csv");
        std::fs::write(&file, csv(rows)).expect("export");
        let file = file.display().to_string();
        let args = [
            "survey",
            "import-responses",
            "--form",
            "aman_perception",
            "--input",
            &file,
            "--weight",
            "w",
            "--stratum",
            "stratum",
            "--cluster",
            "cluster",
            "--db",
            &db,
            "--key-file",
            &key,
        ];
        aman(&args, None)
    };
    rows[7][4].1 = "7".to_owned(); // age 7: fails the constraint (15–99)
    rows[8][5].1 = "maybe".to_owned(); // not a choice of the displacement list
    let refused = import(&rows);
    let report = String::from_utf8_lossy(&refused.stderr).into_owned();
    assert!(report.contains("2 of 90 rows have problems; nothing imported"), "{report}");
    assert!(
        report.contains("row 9: age: constraint") && report.contains("row 10: displacement: unknown_choice"),
        "{report}"
    );
    assert_eq!(app.db.table_snapshot("survey_responses").await.expect("rows").len(), 0, "nothing half-written");
    rows[7] = row(7);
    rows[8] = row(8);
    let imported = import(&rows);
    assert!(
        String::from_utf8_lossy(&imported.stdout).contains("imported 90 responses"),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );

    // The weighted share feeling very safe, by hand and from the API.
    let weight = |i: usize| (1 + i % 3) as f64;
    let safe: f64 = (0..N).filter(|i| i.is_multiple_of(4)).map(weight).sum::<f64>() / (0..N).map(weight).sum::<f64>();
    let (status, body) = app.get_json("/api/v1/surveys/aman_perception/estimates?var=safe_night&value=very_safe").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let all = &body["estimates"][0];
    assert_eq!((all["domain"].as_str(), all["n"].as_u64()), (Some("all"), Some(N as u64)));
    assert!((all["estimate"].as_f64().expect("estimate") - safe).abs() < 1e-12, "{all}");
    let (low, high) = (all["ci_low"].as_f64().expect("low"), all["ci_high"].as_f64().expect("high"));
    assert!(low < safe && safe < high && all["se"].as_f64().expect("se") > 0.0, "{all}");

    // By displacement: 18 IDPs are too few to show, and the 72 residents are
    // hidden with them: the overall figure minus theirs would give the IDPs'
    // away. Hidden groups publish no size either.
    let (_, body) =
        app.get_json("/api/v1/surveys/aman_perception/estimates?var=safe_night&value=very_safe&by=displacement").await;
    let groups: Vec<(String, bool)> = body["estimates"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| (r["domain"].as_str().expect("domain").to_owned(), r["suppressed"].as_bool().expect("flag")))
        .collect();
    assert_eq!(groups, [("idp".to_owned(), true), ("resident".to_owned(), true)]);
    for row in body["estimates"].as_array().expect("rows") {
        assert!(row["estimate"].is_null() && row["n"].is_null(), "a hidden group carries no value and no size: {row}");
    }
    // Restricted to Basra (the even respondents).
    let (_, body) =
        app.get_json("/api/v1/surveys/aman_perception/estimates?var=trust_police&value=a_lot&area=IQG02").await;
    assert_eq!(body["estimates"][0]["n"], 45);
    assert!((body["estimates"][0]["estimate"].as_f64().expect("share") - 1.0).abs() < 1e-12);
    let csv = app
        .client
        .get(app.url("/api/v1/surveys/aman_perception/estimates?var=age&format=csv"))
        .send()
        .await
        .expect("csv");
    let csv = csv.text().await.expect("text");
    assert!(csv.starts_with("domain,n,estimate,se,ci_low,ci_high,df\nall,90,"), "{csv}");
    let (status, body) = app.get_json("/api/v1/surveys/aman_perception/estimates?var=nonsense").await;
    assert_eq!(
        (status, body["error"]["field_codes"]["var"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_question"))
    );

    // The public results page draws the intervals, and hides the small group
    // (with the one that would give it away).
    let page = app.get_text("/surveys/aman_perception/results?var=safe_night&value=very_safe&lang=en").await.1;
    assert!(page.contains("<svg class=\"interval\""), "{page}");
    let page =
        app.get_text("/surveys/aman_perception/results?var=safe_night&value=very_safe&by=displacement&lang=en").await.1;
    assert!(page.contains("Fewer than 30 respondents") && !page.contains("<svg class=\"interval\""), "{page}");
}

#[tokio::test]
async fn the_web_form_follows_the_skip_logic_and_keeps_what_was_typed() {
    let app = TestApp::sqlite().await;
    let workbook = std::fs::read(item_bank()).expect("item bank");
    app.db.insert_survey_form("aman_perception", "1", "Community safety", &workbook, 0).await.expect("form");
    let list = app.get_text("/surveys").await.1;
    assert!(list.contains("/surveys/aman_perception"));
    let page = app.get_text("/surveys/aman_perception?lang=en").await.1;
    assert!(
        page.contains("name=\"consent\"") && !page.contains("name=\"trust_police\""),
        "only consent before it is given"
    );
    let post =
        |fields: Vec<(&str, &str)>| app.client.post(app.url("/surveys/aman_perception?lang=en")).form(&fields).send();
    let shown = post(vec![("consent", "yes"), ("action", "continue")]).await.expect("post");
    let shown = shown.text().await.expect("page");
    assert!(
        shown.contains("name=\"trust_police\"") && !shown.contains("name=\"victim_type\""),
        "the main questions appear"
    );
    let missing = post(vec![("consent", "yes"), ("governorate", "IQG02"), ("age", "7"), ("action", "submit")])
        .await
        .expect("post");
    assert_eq!(missing.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let missing = missing.text().await.expect("page");
    assert!(missing.contains("value=\"7\"") && missing.contains("This is required."), "kept as typed, errors shown");
    // Alone, the respondent is never asked what the enumerator fills in,
    // and nothing typed for it is kept.
    assert!(!shown.contains("name=\"district\"") && !shown.contains("Filled in by the enumerator"), "{shown}");
    let mut answers = web_answers(0);
    answers.push(("victim".to_owned(), "yes".to_owned()));
    answers.push(("victim_type".to_owned(), "theft".to_owned()));
    answers.retain(|(k, v)| !(k == "victim" && v == "no"));
    answers.retain(|(k, _)| k != "district");
    answers.push(("action".to_owned(), "submit".to_owned()));
    let done = app.client.post(app.url("/surveys/aman_perception")).form(&answers).send().await.expect("post");
    assert_eq!(done.status(), StatusCode::OK, "{}", done.text().await.unwrap_or_default());
    let stored = app.db.survey_responses("aman_perception", "IQ").await.expect("responses");
    assert_eq!(stored.len(), 1);
    assert_eq!(
        (stored[0].area.as_str(), stored[0].sex.as_deref(), stored[0].age_group.as_deref()),
        ("IQG02", Some("female"), Some("15-29"))
    );
    assert!(stored[0].answers.contains("\"victim_type\":\"theft\""), "{}", stored[0].answers);
    assert_eq!(stored[0].source, "web");
    assert!(app.db.sealed_survey_texts(0, 10).await.expect("sealed").is_empty(), "nothing typed was asked");
}

/// A field team member signed in interviews someone on the web form
/// (`?mode=interview`): the enumerator's questions appear, the form carries
/// the session's CSRF token, and the answer is stored as an interview with
/// its free text (the district typed) sealed. Without a session the mode is
/// refused; the public list offers it only to staff.
#[tokio::test]
async fn an_interviewer_fills_in_what_a_respondent_alone_is_not_asked() {
    let app = TestApp::sqlite().await;
    let workbook = std::fs::read(item_bank()).expect("item bank");
    app.db.insert_survey_form("aman_perception", "1", "Community safety", &workbook, 0).await.expect("form");
    let (status, _) = app.get_text("/surveys/aman_perception?mode=interview").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "interview mode needs a session");
    assert!(!app.get_text("/surveys?lang=en").await.1.contains("mode=interview"));
    let password = app.add_user("enumerator@example.org", Role::CommitteeMember, "IQG02").await;
    let cookie = app.page_login("enumerator@example.org", &password).await;
    assert!(app.page_as(&cookie, "/surveys?lang=en").await.contains("/surveys/aman_perception?mode=interview"));
    let post = |fields: Vec<(String, String)>| {
        app.client
            .post(app.url("/surveys/aman_perception?mode=interview&lang=en"))
            .header("cookie", &cookie)
            .form(&fields)
            .send()
    };
    let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
    let page = post(vec![pair("consent", "yes"), pair("action", "continue")]).await.expect("post");
    assert_eq!(page.status(), StatusCode::FORBIDDEN, "a form without the CSRF token is refused");
    let page = app.page_as(&cookie, "/surveys/aman_perception?mode=interview&lang=en").await;
    let start = page.find("name=\"csrf\" value=\"").expect("csrf field") + "name=\"csrf\" value=\"".len();
    let csrf = page[start..].split('"').next().expect("token").to_owned();
    assert!(page.contains("Interview mode"), "{page}");
    let page = post(vec![pair("csrf", &csrf), pair("consent", "yes"), pair("action", "continue")]).await.expect("post");
    let page = page.text().await.expect("page");
    assert!(page.contains("name=\"district\"") && page.contains("Filled in by the enumerator"), "{page}");
    let mut answers = web_answers(0);
    // Free text (the district is typed) is stored only sealed.
    const TYPED: &str = "Zubair, the quarter behind the old cinema";
    answers.iter_mut().filter(|(k, _)| k == "district").for_each(|(_, v)| *v = TYPED.to_owned());
    let mut without_district = answers.clone();
    without_district.retain(|(k, _)| k != "district");
    without_district.extend([pair("csrf", &csrf), pair("action", "submit")]);
    let missing = post(without_district).await.expect("post");
    assert_eq!(missing.status(), StatusCode::UNPROCESSABLE_ENTITY, "the interview needs the district");
    answers.extend([pair("csrf", &csrf), pair("action", "submit")]);
    let done = post(answers).await.expect("post");
    assert_eq!(done.status(), StatusCode::OK, "{}", done.text().await.unwrap_or_default());
    let stored = app.db.survey_responses("aman_perception", "IQ").await.expect("responses");
    assert_eq!((stored.len(), stored[0].source.as_str()), (1, "interview"));
    assert!(!stored[0].answers.contains("district"), "{}", stored[0].answers);
    assert!(!contains(&app.stored_bytes().await, "behind the old cinema"), "free text is not stored in the clear");
    let sealed = app.db.sealed_survey_texts(0, 10).await.expect("sealed");
    assert_eq!(sealed.len(), 1);
    let context = aman_core::secrets::survey_text_context(sealed[0].form_id, &sealed[0].external_id);
    let opened = app.state.keys().open(&context, &sealed[0].sealed).expect("opens with the data key");
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&opened).expect("json")["district"], TYPED);
    let elsewhere = aman_core::secrets::survey_text_context(sealed[0].form_id, "another-response");
    assert!(app.state.keys().open(&elsewhere, &sealed[0].sealed).is_err(), "bound to its response");
}

/// When every respondent answered alike the share is 100% and its interval
/// cannot be computed by the method: the page says so with a dash, never
/// "NaN", and draws no bar out of nothing.
#[tokio::test]
async fn a_unanimous_answer_reads_as_a_share_not_as_nan() {
    let app = TestApp::sqlite().await;
    let workbook = std::fs::read(item_bank()).expect("item bank");
    let form = app.db.insert_survey_form("aman_perception", "1", "Community safety", &workbook, 0).await.expect("form");
    let responses: Vec<aman_db::NewResponse> =
        (0..40).map(|i| stored_response(&format!("same-{i}"), r#"{"safe_night":"very_safe"}"#, None)).collect();
    app.db.insert_responses(form, &responses).await.expect("responses");
    let (status, page) = app.get_text("/surveys/aman_perception/results?var=safe_night&value=very_safe&lang=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("100%"), "{page}");
    assert!(!page.contains("NaN"), "{page}");
}

/// A poll that is over takes no answers: its page says since when and
/// links the results; answers sent anyway get 410 and nothing is stored;
/// `aman survey close` closes one (audited) and `--reopen` opens it again.
#[tokio::test]
async fn a_closed_survey_takes_no_answers() {
    let app = TestApp::sqlite().await;
    let workbook = std::fs::read(item_bank()).expect("item bank");
    app.db.insert_survey_form("aman_perception", "1", "Community safety", &workbook, 0).await.expect("form");
    let dir = tempfile::TempDir::new().expect("dir");
    let key = dir.path().join("k.key");
    std::fs::write(&key, aman_core::secrets::Keys::generate([7; 64]).to_json()).expect("key file");
    let key = key.display().to_string();
    let db = app.database_url();
    let closed = aman(
        &["survey", "close", "--form", "aman_perception", "--on", "2026-06-30", "--db", &db, "--key-file", &key],
        None,
    );
    assert!(closed.status.success(), "{}", String::from_utf8_lossy(&closed.stderr));
    let (status, page) = app.get_text("/surveys/aman_perception?lang=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("This survey closed on 2026-06-30") && !page.contains("name=\"consent\""), "{page}");
    let (_, list) = app.get_text("/surveys?lang=en").await;
    assert!(list.contains("closed on 2026-06-30"), "{list}");
    let mut answers = web_answers(1);
    answers.push(("action".to_owned(), "submit".to_owned()));
    let sent = app.client.post(app.url("/surveys/aman_perception?lang=en")).form(&answers).send().await.expect("post");
    assert_eq!(sent.status(), StatusCode::GONE);
    assert!(app.db.survey_responses("aman_perception", "IQ").await.expect("responses").is_empty(), "nothing stored");
    let reopened =
        aman(&["survey", "close", "--form", "aman_perception", "--reopen", "--db", &db, "--key-file", &key], None);
    assert!(reopened.status.success());
    assert!(app.get_text("/surveys/aman_perception?lang=en").await.1.contains("name=\"consent\""), "open again");
    let (entries, _) = app.db.audit_chain().await.expect("chain");
    assert!(entries.iter().any(|e| e.event.action == "survey.close"), "audited");
}
