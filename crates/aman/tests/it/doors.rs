//! The doors other systems use, driven with their own protocols' bodies
//! (recorded in `tests/fixtures/`, with their sources) against the real
//! server: RapidPro flows file concerns and follow them.

use crate::support::TestApp;
use aman_app::channels::{self, ChannelKind};
use aman_core::role::Role;
use reqwest::StatusCode;
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json")
}

async fn post(app: &TestApp, path: &str, token: Option<&str>, body: &Value) -> (StatusCode, Value) {
    let mut request = app.client.post(app.url(path)).json(body);
    if let Some(token) = token {
        request = request.header("authorization", format!("Token {token}"));
    }
    crate::support::json_of(request.send().await.expect("post")).await
}

both! {
/// A RapidPro flow files a concern from its results (category by menu
/// number, a place by its Arabic name, the contact's number sealed), gets
/// the receipt back in the contact's language, files nothing new when
/// RapidPro retries, and a second flow follows the receipt.
async fn a_rapidpro_flow_files_a_concern_and_follows_it(app: TestApp) {
    let (_, secret) = channels::add(&app.state, ChannelKind::RapidPro, "U-Report Iraq").await.expect("channel");
    let (_, sms_secret) = channels::add(&app.state, ChannelKind::SmsSync, "Basra gateway").await.expect("channel");
    let run = fixture("rapidpro/file_concern.json");
    let path = "/channels/rapidpro/concerns";
    for token in [None, Some("not-a-secret"), Some(sms_secret.as_str())] {
        assert_eq!(post(&app, path, token, &run).await.0, StatusCode::UNAUTHORIZED, "{token:?}");
    }
    let (status, filed) = post(&app, path, Some(&secret), &run).await;
    assert_eq!(status, StatusCode::CREATED, "{filed}");
    let receipt = filed["receipt"].as_str().expect("receipt").to_owned();
    assert_eq!(filed["status"], "submitted");
    assert!(filed["message"].as_str().is_some_and(|m| m.contains(&receipt) && m.contains("إيصال")), "{filed}");
    // RapidPro retries a webhook it did not hear back from: the same receipt, one concern.
    let (_, again) = post(&app, path, Some(&secret), &run).await;
    assert_eq!(again["receipt"], filed["receipt"]);
    assert_eq!(app.db.count_concerns().await.expect("count"), 1);

    let triage = app.staff(Role::TriageOfficer, "IQG02").await;
    let id = app.newest_concern_id(&triage).await;
    let (_, concern) = triage.get(&format!("/api/v1/concerns/{id}")).await;
    assert_eq!((concern["channel"].as_str(), concern["category"].as_str()), (Some("rapidpro"), Some("armed_groups_weapons")));
    assert_eq!(concern["area"]["name"]["en"], "Al-Zubair", "{concern}");
    assert_eq!(concern["contact"]["phone"], "+9647701234567", "the officer may call back: {concern}");
    assert!(!crate::support::contains(&app.stored_bytes().await, "9647701234567"), "the URN is sealed");
    let (_, listed) = triage.get("/api/v1/concerns").await;
    assert_eq!(listed["concerns"][0]["channel"], "rapidpro");

    // Something missing: nothing filed, the reason in the contact's language.
    let mut short = run.clone();
    short["run"]["uuid"] = "another-run-of-the-flow-0001".into();
    short["results"]["description"]["value"] = "نار".into();
    let (status, refused) = post(&app, path, Some(&secret), &short).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert!(refused["receipt"].is_null() && refused["message"].as_str().is_some_and(|m| m.contains("الوصف")), "{refused}");
    assert_eq!(app.db.count_concerns().await.expect("count"), 1);

    // Following it, in Kurmanji, with the news staff made public.
    triage.post(&format!("/api/v1/concerns/{id}/updates"), &serde_json::json!({"body": "The police visited the market."})).await;
    let mut follow = fixture("rapidpro/status.json");
    follow["input"]["text"] = receipt.clone().into();
    let (status, followed) = post(&app, "/channels/rapidpro/status", Some(&secret), &follow).await;
    assert_eq!(status, StatusCode::OK, "{followed}");
    assert_eq!(followed["status"], "submitted");
    let message = followed["message"].as_str().unwrap_or_default();
    assert!(message.starts_with("Rapora te:") && message.contains("The police visited the market."), "{followed}");
    follow["input"]["text"] = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF".into();
    let (status, unknown) = post(&app, "/channels/rapidpro/status", Some(&secret), &follow).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{unknown}");
    assert!(unknown["message"].as_str().is_some_and(|m| m.contains("wesl")), "{unknown}");
}
}

/// `aman channel add` prints a secret once; the secret opens the door.
#[tokio::test]
async fn a_channel_is_added_from_the_command_line() {
    let app = TestApp::sqlite().await;
    let key = app.key_file();
    let db = app.database_url();
    let added = crate::cli::aman(
        &["channel", "add", "--kind", "rapidpro", "--name", "U-Report Iraq", "--db", &db, "--key-file", &key],
        None,
    );
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let out = String::from_utf8_lossy(&added.stdout);
    let secret =
        out.lines().find_map(|l| l.split("shown once; give it to the other system): ").nth(1)).expect("secret");
    let (status, _) =
        post(&app, "/channels/rapidpro/concerns", Some(secret.trim()), &fixture("rapidpro/file_concern.json")).await;
    assert_eq!(status, StatusCode::CREATED);
    let again = crate::cli::aman(
        &["channel", "add", "--kind", "rapidpro", "--name", "U-Report Iraq", "--db", &db, "--key-file", &key],
        None,
    );
    assert!(!again.status.success(), "a name is used once");
}

/// One text message as SMSSync forwards it.
async fn text(app: &TestApp, secret: &str, from: &str, message: &str, id: &str) -> (StatusCode, Value) {
    let form = [
        ("from", from),
        ("message", message),
        ("message_id", id),
        ("sent_to", "+9647800000000"),
        ("secret", secret),
        ("device_id", "1"),
        ("sent_timestamp", "1764406800000"),
    ];
    let response = app.client.post(app.url("/channels/smssync")).form(&form).send().await.expect("post");
    crate::support::json_of(response).await
}

/// The reply SMSSync is told to send, checked to go back to the sender.
fn reply(answer: &Value, to: &str) -> String {
    assert_eq!(answer["payload"]["success"], true, "{answer}");
    assert_eq!(
        (answer["payload"]["task"].as_str(), answer["payload"]["messages"][0]["to"].as_str()),
        (Some("send"), Some(to))
    );
    answer["payload"]["messages"][0]["message"].as_str().expect("message").to_owned()
}

both! {
/// A conversation by text message in Arabic and one in Kurmanji, each
/// ending with a receipt, then a status query; a message the gateway sends
/// twice is answered twice and taken once; the numbers are never stored in
/// the clear.
async fn a_text_message_conversation_ends_with_a_receipt(app: TestApp) {
    let (_, secret) = channels::add(&app.state, ChannelKind::SmsSync, "Basra gateway").await.expect("channel");
    let (status, refused) = text(&app, "wrong", "+9647701234567", "مرحبا", "m0").await;
    assert_eq!((status, refused["payload"]["success"].as_bool()), (StatusCode::UNAUTHORIZED, Some(false)));

    let arabic = "+9647701234567";
    let menu = reply(&text(&app, &secret, arabic, "السلام عليكم، أريد أن أبلغ عن شيء", "a1").await.1, arabic);
    assert!(menu.contains("أرسل الرقم") && menu.contains("\n7 "), "{menu}");
    let asked = reply(&text(&app, &secret, arabic, "٢", "a2").await.1, arabic);
    assert!(asked.contains("ماذا حدث"), "{asked}");
    let description = "رجال مسلحون يطلقون النار قرب السوق كل ليلة";
    let where_ = reply(&text(&app, &secret, arabic, description, "a3").await.1, arabic);
    // The gateway did not hear back and sends it again: the same answer, nothing moves on.
    assert_eq!(reply(&text(&app, &secret, arabic, description, "a3").await.1, arabic), where_);
    assert!(where_.contains("أين حدث"), "{where_}");
    let filed = reply(&text(&app, &secret, arabic, "الزبير", "a4").await.1, arabic);
    assert_eq!(reply(&text(&app, &secret, arabic, "الزبير", "a4").await.1, arabic), filed);
    let receipt = filed.split_whitespace().find(|w| w.len() == 29 && w.matches('-').count() == 5).unwrap_or_else(|| panic!("no receipt in {filed}")).to_owned();
    assert_eq!(app.db.count_concerns().await.expect("count"), 1);
    let triage = app.staff(Role::TriageOfficer, "IQG02").await;
    let id = app.newest_concern_id(&triage).await;
    let (_, concern) = triage.get(&format!("/api/v1/concerns/{id}")).await;
    assert_eq!((concern["channel"].as_str(), concern["category"].as_str()), (Some("sms"), Some("armed_groups_weapons")));
    assert_eq!((concern["description"].as_str(), concern["language"].as_str()), (Some(description), Some("ar")));
    assert_eq!(concern["contact"]["phone"], arabic);
    // Texting the receipt answers its status.
    let status = reply(&text(&app, &secret, arabic, &receipt, "a5").await.1, arabic);
    assert!(status.starts_with("بلاغك:"), "{status}");

    // Kurmanji, told by the letters; then a number alone asks for the language.
    let kurmanji = "+9647501112233";
    let menu = reply(&text(&app, &secret, kurmanji, "Silav, ez dixwazim tiştekî ragihînim", "k1").await.1, kurmanji);
    assert!(menu.contains("Hejmarê bişîne"), "{menu}");
    reply(&text(&app, &secret, kurmanji, "3", "k2").await.1, kurmanji);
    reply(&text(&app, &secret, kurmanji, "Du eşîr li ser erdê çem hevdu tehdît dikin.", "k3").await.1, kurmanji);
    // The place told in words, not as an area's name: the gazetteer reads it.
    let filed = reply(&text(&app, &secret, kurmanji, "li nêzîkî bazara Şingalê", "k4").await.1, kurmanji);
    assert!(filed.starts_with("Rapora te hate wergirtin"), "{filed}");
    let ninewa = app.staff(Role::TriageOfficer, "IQG15").await;
    let id = app.newest_concern_id(&ninewa).await;
    let (_, concern) = ninewa.get(&format!("/api/v1/concerns/{id}")).await;
    assert!(concern["area"]["pcode"].as_str().is_some_and(|p| p.starts_with("IQG15Q07")), "Shingal: {concern}");
    let ask = "+9647809998877";
    let which = reply(&text(&app, &secret, ask, "٣", "q1").await.1, ask);
    assert!(which.contains("Kurmancî") && which.contains("العربية"), "{which}");
    assert!(reply(&text(&app, &secret, ask, "3", "q2").await.1, ask).contains("Hejmarê bişîne"));
    // Idle for a day, the conversation is forgotten and starts anew.
    app.advance_minutes(25 * 60);
    let again = reply(&text(&app, &secret, ask, "Hello, I want to report something", "q3").await.1, ask);
    assert!(again.contains("Reply with the number"), "{again}");

    // What is said in a conversation not yet filed is sealed.
    let halfway = "+9647712223344";
    reply(&text(&app, &secret, halfway, "مرحبا", "h1").await.1, halfway);
    reply(&text(&app, &secret, halfway, "1", "h2").await.1, halfway);
    reply(&text(&app, &secret, halfway, "سيارة مفخخة متروكة قرب الجسر القديم", "h3").await.1, halfway);
    let stored = app.stored_bytes().await;
    for number in ["7701234567", "7501112233", "7809998877", "7712223344"] {
        assert!(!crate::support::contains(&stored, number), "{number} stored in the clear");
    }
    assert!(!crate::support::contains(&stored, "مفخخة"), "a conversation under way is sealed");
}
}

both! {
/// A caseworker files for a resident: consent recorded, the receipt handed
/// over, the concern marked `assisted`, the audit log naming who filed it;
/// only in their own area, only roles that may, never without consent.
async fn a_caseworker_files_for_a_resident_with_consent(app: TestApp) {
    let password = app.add_user("caseworker@test", Role::CsoCaseworker, "IQG02").await;
    let cookie = app.page_login("caseworker@test", &password).await;
    let page = app.page_as(&cookie, "/staff/assisted?lang=en").await;
    assert!(page.contains("Read this to them") && page.contains("href=\"/staff/assisted\""), "{page}");
    let start = page.find("name=\"csrf\" value=\"").expect("csrf") + "name=\"csrf\" value=\"".len();
    let csrf = page[start..].split('"').next().expect("token").to_owned();
    let send = |fields: Vec<(&'static str, &'static str)>| {
        let mut form: Vec<(&str, String)> = vec![("csrf", csrf.clone())];
        form.extend(fields.into_iter().map(|(k, v)| (k, v.to_owned())));
        let request = app.client.post(app.url("/staff/assisted?lang=en")).header("cookie", &cookie).form(&form);
        async move {
            let response = request.send().await.expect("post");
            (response.status(), response.text().await.expect("html"))
        }
    };
    let concern = vec![
        ("category", "gbv"),
        ("description", "Her husband's brother beats her when she goes to the clinic."),
        ("area", "Abu Al-Khaseeb"),
        ("contact_phone", "07705556677"),
        ("consent_method", "spoken"),
        ("consent_contact", "1"),
    ];
    // Without the consent confirmed: nothing filed, the words kept.
    let (status, html) = send(concern.clone()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("husband&#39;s brother") || html.contains("husband's brother"), "{html}");
    assert_eq!(app.db.count_concerns().await.expect("count"), 0);
    let mut outside = concern.clone();
    outside.push(("consent_confirmed", "1"));
    outside[2] = ("area", "Mosul");
    let (status, html) = send(outside).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("outside your area"), "{html}");
    let mut confirmed = concern.clone();
    confirmed.push(("consent_confirmed", "1"));
    let (status, html) = send(confirmed).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Give the resident this receipt"), "{html}");
    let triage = app.staff_with(Role::TriageOfficer, "IQG02", true).await;
    let id = app.newest_concern_id(&triage).await;
    let (_, filed) = triage.get(&format!("/api/v1/concerns/{id}")).await;
    assert_eq!((filed["channel"].as_str(), filed["consent"].as_str()), (Some("assisted"), Some("spoken: contact")), "{filed}");
    assert_eq!(filed["area"]["pcode"], "IQG02Q01");
    let filter = aman_db::AuditFilter { action: Some("concern.assisted".into()), limit: 10, ..Default::default() };
    let (audit, _) = app.db.audit_entries(&filter).await.expect("audit");
    let caseworker = app.db.user_by_email("caseworker@test").await.expect("query").expect("user").id;
    assert!(
        audit.iter().any(|e| e.event.subject == format!("concern:{id}") && e.event.actor_id == Some(caseworker)),
        "who filed it is audited"
    );
    // A police liaison may not file for residents.
    let password = app.add_user("liaison@test", Role::PoliceLiaison, "IQG02").await;
    let liaison = app.page_login("liaison@test", &password).await;
    let refused = app.client.get(app.url("/staff/assisted")).header("cookie", &liaison).send().await.expect("get");
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}
}

/// An Ushahidi deployment moves to Aman: its post export imports through
/// the mapping (channel `import`, counted when Ushahidi received each
/// post; a post without a point placed by the place its words name), rows
/// that cannot be used are listed with the reason, and importing the same
/// file again adds nothing.
#[tokio::test]
async fn an_ushahidi_export_imports_once() {
    let app = TestApp::sqlite().await;
    let key = app.key_file();
    let db = app.database_url();
    let fixture = |name: &str| format!("{}/tests/fixtures/ushahidi/{name}", env!("CARGO_MANIFEST_DIR"));
    let (posts, mapping) = (fixture("posts.csv"), fixture("mapping.csv"));
    let run = || {
        crate::cli::aman(&["import", "ushahidi", &posts, "--mapping", &mapping, "--db", &db, "--key-file", &key], None)
    };
    let first = run();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let out = String::from_utf8_lossy(&first.stdout);
    assert!(out.contains("read 6 posts: 4 imported, 0 already imported, 2 left out"), "{out}");
    assert!(
        out.contains("line 5 (post 104): no location, and its words name no place")
            && out.contains("line 6 (post 105): no category maps"),
        "{out}"
    );
    let again = run();
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("read 6 posts: 0 imported, 4 already imported, 2 left out")
    );
    assert_eq!(app.db.count_concerns().await.expect("count"), 4);

    let triage = app.staff(Role::TriageOfficer, "IQ").await;
    let (_, listed) = triage.get("/api/v1/concerns").await;
    let concerns = listed["concerns"].as_array().expect("concerns");
    assert!(concerns.iter().all(|c| c["channel"] == "import"), "{listed}");
    let in_area =
        |prefix: &str| concerns.iter().find(|c| c["area"]["pcode"].as_str().is_some_and(|p| p.starts_with(prefix)));
    let basra = in_area("IQG02").expect("the Basra post, located by its point");
    assert_eq!(basra["category"], "armed_groups_weapons");
    assert_eq!((basra["occurred_on"].as_str(), basra["language"].as_str()), (Some("2026-09-03"), Some("ar")));
    assert!(
        basra["submitted_at"].as_str().is_some_and(|t| t.starts_with("2026-09-03T08:10")),
        "received when Ushahidi did: {basra}"
    );
    assert!(!crate::support::contains(&app.stored_bytes().await, "9647701234500"), "the contact is sealed");
    let sinjar = in_area("IQG15Q07").unwrap_or_else(|| panic!("the Sinjar post, placed by its words: {listed}"));
    assert_eq!(
        (sinjar["category"].as_str(), sinjar["point"].as_str()),
        (Some("armed_groups_weapons"), None),
        "{sinjar}"
    );
}

both! {
/// An Open311 client lists the services, posts a request with its API key
/// (an id at once, not the receipt; the receipt in the notice for the
/// resident), and lists requests — which say only the kind, the status,
/// when, and the sub-district: never the words, the point or the sender.
async fn an_open311_client_posts_and_lists(app: TestApp) {
    let (_, key) = channels::add(&app.state, ChannelKind::Open311, "City app").await.expect("channel");
    let (status, services) = app.get_json("/open311/v2/services.json?lang=en").await;
    assert_eq!(status, StatusCode::OK);
    let codes: Vec<&str> = services.as_array().expect("services").iter().filter_map(|s| s["service_code"].as_str()).collect();
    assert!(codes.contains(&"crime") && !codes.contains(&"gbv") && !codes.contains(&"security_conduct"), "{services}");
    let (_, xml) = app.get_text("/open311/v2/services.xml").await;
    assert!(xml.starts_with("<?xml") && xml.contains("<service_code>crime</service_code>"), "{xml}");
    assert_eq!(app.get_json("/open311/v2/discovery.json").await.0, StatusCode::OK);

    let post = |fields: Vec<(&'static str, String)>| {
        let request = app.client.post(app.url("/open311/v2/requests.json?lang=en")).form(&fields);
        async move { crate::support::json_of(request.send().await.expect("post")).await }
    };
    let request = |api_key: &str, code: &str| {
        vec![
            ("api_key", api_key.to_owned()),
            ("service_code", code.to_owned()),
            ("description", "Stolen cars are stripped every night behind the petrol station.".to_owned()),
            ("lat", "30.5085".to_owned()),
            ("long", "47.8100".to_owned()),
            ("first_name", "Ali".to_owned()),
            ("phone", "07712345678".to_owned()),
        ]
    };
    let (status, refused) = post(request("wrong", "crime")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(refused[0]["code"], 403, "Open311's error array: {refused}");
    let (status, refused) = post(request(&key, "gbv")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "confidential kinds are not offered: {refused}");
    let (status, created) = post(request(&key, "crime")).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created[0]["service_request_id"].as_str().expect("an id at once").to_owned();
    let notice = created[0]["service_notice"].as_str().expect("notice");
    let receipt = notice.split_whitespace().find(|w| w.len() == 29).expect("the receipt in the notice");
    assert_ne!(id, receipt, "the id is not the receipt");

    // Listed at once, saying nothing that identifies.
    let (_, listed) = app.get_json("/open311/v2/requests.json").await;
    assert_eq!(listed[0]["service_request_id"], id.as_str());
    assert_eq!((listed[0]["status"].as_str(), listed[0]["service_code"].as_str()), (Some("open"), Some("crime")));
    let text = listed.to_string();
    for private in ["Stolen cars", "30.5085", "07712345678", "Ali", receipt] {
        assert!(!text.contains(private), "{private} in the public list: {text}");
    }
    let (_, one) = app.get_text(&format!("/open311/v2/requests/{id}.xml")).await;
    assert!(one.contains(&format!("<service_request_id>{id}</service_request_id>")), "{one}");

    // Staff see it came through Open311, with the sender's number sealed.
    let triage = app.staff(Role::TriageOfficer, "IQG02").await;
    let (_, concern) = triage.get(&format!("/api/v1/concerns/{id}")).await;
    assert_eq!((concern["channel"].as_str(), concern["contact"]["phone"].as_str()), (Some("open311"), Some("07712345678")));
    triage.post(&format!("/api/v1/concerns/{id}/transitions"), &serde_json::json!({"to": "rejected", "reason": "Not a security matter"})).await;
    let (_, closed) = app.get_json(&format!("/open311/v2/requests/{id}.json")).await;
    assert_eq!(closed[0]["status"], "closed");
    // A concern that did not come through Open311 is not listed.
    app.submit("crime", "IQG02Q01").await;
    let web = app.newest_concern_id(&triage).await;
    assert_eq!(app.get_json(&format!("/open311/v2/requests/{web}.json")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get_json("/open311/v2/requests.json").await.1.as_array().map(Vec::len), Some(1));
}
}

both! {
/// A youth poll run in RapidPro (U-Report style) lands as a survey
/// response: result names are the form's question names, the form's checks
/// apply (alone on a phone: no interviewer questions), the run is stored
/// once however often RapidPro sends it, and it counts in the estimates.
async fn a_rapidpro_poll_becomes_a_survey_response(app: TestApp) {
    let workbook = std::fs::read(crate::surveys::item_bank()).expect("item bank");
    app.db.insert_survey_form("aman_perception", "1", "Community safety", &workbook, 0).await.expect("form");
    let (_, secret) = channels::add(&app.state, ChannelKind::RapidPro, "U-Report Iraq").await.expect("channel");
    let mut run = fixture("rapidpro/file_concern.json");
    let mut results = serde_json::Map::new();
    for (name, value) in crate::surveys::web_answers(0) {
        if name != "district" {
            results.insert(name, serde_json::json!({"name": "", "value": value, "category": value}));
        }
    }
    run["results"] = Value::Object(results.clone());
    let path = "/channels/rapidpro/surveys/aman_perception";
    let (status, stored) = post(&app, path, Some(&secret), &run).await;
    assert_eq!(status, StatusCode::CREATED, "{stored}");
    assert_eq!(stored["status"], "recorded");
    assert!(stored["message"].as_str().is_some_and(|m| !m.is_empty()), "{stored}");
    assert_eq!(post(&app, path, Some(&secret), &run).await.0, StatusCode::CREATED, "sent again");
    let responses = app.db.survey_responses("aman_perception", "IQ").await.expect("responses");
    assert_eq!(responses.len(), 1, "stored once");
    assert_eq!((responses[0].source.as_str(), responses[0].area.as_str()), ("rapidpro", "IQG02"));

    // An answer the form refuses: the reason, in the contact's language, nothing stored.
    let mut bad = run.clone();
    bad["run"]["uuid"] = "another-poll-run-000000000001".into();
    bad["results"]["age"] = serde_json::json!({"value": "7"});
    let (status, refused) = post(&app, path, Some(&secret), &bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert!(refused["message"].as_str().is_some_and(|m| m.contains("age")), "{refused}");
    assert_eq!(post(&app, "/channels/rapidpro/surveys/no_such_form", Some(&secret), &run).await.0, StatusCode::NOT_FOUND);
}
}
