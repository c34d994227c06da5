//! The JSON API contract: intake, receipts, areas, health, and errors.

use crate::support::{TestApp, contains};
use aman_core::role::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Text as a URL's query value: every byte but letters and digits escaped.
pub fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

fn concern(overrides: Value) -> Value {
    let mut body = json!({
        "category": "armed_groups_weapons",
        "description": "Armed men fire in the air near the market every night.",
        "area": "IQG15Q05N04",
        "occurred_on": "2026-11-20",
        "language": "ar",
    });
    for (key, value) in overrides.as_object().expect("object") {
        if value.is_null() {
            body.as_object_mut().expect("object").remove(key);
        } else {
            body[key] = value.clone();
        }
    }
    body
}

both! {
async fn a_concern_by_area_gets_a_receipt_and_can_be_followed(app: TestApp) {
    let (status, body) = app.post_json("/api/v1/concerns", &concern(json!({}))).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["status"], "submitted");
    assert_eq!(body["area"]["pcode"], "IQG15Q05N04");
    assert_eq!(body["area"]["level"], 3);
    assert_eq!(body["area"]["name"]["en"], "Al-Muhamadath");
    assert_eq!(body["area"]["name"]["ar"], "المحمداث");
    let receipt = body["receipt"].as_str().expect("receipt");
    assert_eq!(receipt.len(), 29, "six groups of four: {receipt}");
    assert!(
        receipt
            .chars()
            .all(|c| c == '-' || "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(c))
    );

    let (status, tracked) = app.get_json(&format!("/api/v1/receipts/{receipt}")).await;
    assert_eq!(status, StatusCode::OK, "{tracked}");
    assert_eq!(tracked["status"], "submitted");
    assert_eq!(tracked["updates"], json!([]));
    // Typed back in lower case without dashes, it still works.
    let sloppy = receipt.replace('-', "").to_lowercase();
    assert_eq!(
        app.get_json(&format!("/api/v1/receipts/{sloppy}")).await.0,
        StatusCode::OK
    );
    // The receipt is stored only as a keyed hash.
    assert!(!contains(&app.stored_bytes().await, &receipt.replace('-', "")));
}

async fn a_point_is_placed_in_its_deepest_area_and_sealed(app: TestApp) {
    let body = concern(
        json!({"area": null, "lat": 30.508, "lon": 47.78, "contact": {"name": "Planted Name Qx7", "phone": "07709998877"}}),
    );
    let (status, body) = app.post_json("/api/v1/concerns", &body).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["area"]["pcode"], "IQG02Q02N02");
    let bytes = app.stored_bytes().await;
    assert!(!contains(&bytes, "Planted Name Qx7"));
    assert!(!contains(&bytes, "07709998877"));
    assert!(!contains(&bytes, "30.508"));
}

async fn every_bad_field_is_refused_with_its_code_and_nothing_is_written(app: TestApp) {
    let cases = [
        (
            json!({"category": "weapons"}),
            "category",
            "unknown_category",
        ),
        (json!({"category": null}), "category", "required"),
        (json!({"description": "short"}), "description", "too_short"),
        (
            json!({"description": "x".repeat(4001)}),
            "description",
            "too_long",
        ),
        (json!({"description": "   "}), "description", "required"),
        (json!({"area": "IQG99"}), "area", "unknown_area"),
        (json!({"area": "Mosul"}), "area", "unknown_area"),
        (json!({"area": null}), "area", "required"),
        (
            json!({"area": null, "lat": 33.51, "lon": 36.28}),
            "lat",
            "outside_iraq",
        ),
        (
            json!({"area": null, "lat": 95.0, "lon": 44.0}),
            "lat",
            "out_of_range",
        ),
        (json!({"area": null, "lat": 33.3}), "lon", "required"),
        (
            json!({"occurred_on": "2026-12-25"}),
            "occurred_on",
            "in_future",
        ),
        (
            json!({"occurred_on": "1980-01-01"}),
            "occurred_on",
            "too_old",
        ),
        (
            json!({"occurred_on": "yesterday"}),
            "occurred_on",
            "invalid_date",
        ),
        (json!({"language": "fr"}), "language", "unknown_language"),
        (
            json!({"contact": {"phone": "12"}}),
            "contact_phone",
            "invalid_phone",
        ),
    ];
    for (overrides, field, code) in cases {
        let (status, body) = app
            .post_json("/api/v1/concerns", &concern(overrides.clone()))
            .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{overrides}: {body}"
        );
        assert_eq!(body["error"]["code"], "validation_failed", "{overrides}");
        assert_eq!(
            body["error"]["field_codes"][field], code,
            "{overrides}: {body}"
        );
        assert!(
            body["error"]["fields"][field]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
    assert_eq!(app.db.count_concerns().await.expect("count"), 0);
}

async fn malformed_requests_get_stable_codes(app: TestApp) {
    let url = app.url("/api/v1/concerns");
    let send = |request: reqwest::RequestBuilder| async move {
        crate::support::json_of(request.send().await.expect("request")).await
    };
    let (status, body) = send(
        app.client
            .post(&url)
            .header("content-type", "application/json")
            .body("{not json"),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("malformed_json"))
    );
    let (status, body) = send(
        app.client
            .post(&url)
            .header("content-type", "text/plain")
            .body("{}"),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Some("unsupported_media_type")
        )
    );
    let huge = json!({"category": "crime", "description": "x".repeat(100_000), "area": "IQG15"});
    let (status, body) = send(app.client.post(&url).json(&huge)).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("payload_too_large"))
    );
    let (status, body) = send(app.client.post(&url).json(&json!({"category": 5}))).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("malformed_json"))
    );
    let (status, body) = app.get_json("/api/v1/nothing-here").await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let (status, body) = send(app.client.delete(&url)).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::METHOD_NOT_ALLOWED, Some("method_not_allowed"))
    );
    let (status, body) = app.get_json("/api/v1/concerns/abc").await;
    assert_eq!(status.as_u16() / 100, 4, "{body}");
    assert!(body["error"]["code"].is_string(), "{body}");
    assert_eq!(app.db.count_concerns().await.expect("count"), 0);
}

async fn error_messages_follow_the_readers_language(app: TestApp) {
    let ask = |lang: &'static str| {
        app.client
            .post(app.url("/api/v1/concerns"))
            .header("accept-language", lang)
            .json(&concern(json!({"category": "x"})))
    };
    let (_, arabic) = crate::support::json_of(ask("ar").send().await.expect("request")).await;
    let (_, english) = crate::support::json_of(ask("en").send().await.expect("request")).await;
    let (_, kurdish) = crate::support::json_of(ask("ckb").send().await.expect("request")).await;
    assert_eq!(
        english["error"]["fields"]["category"],
        "Choose one of the listed kinds of threat."
    );
    assert_ne!(
        arabic["error"]["fields"]["category"],
        english["error"]["fields"]["category"]
    );
    assert_ne!(
        kurdish["error"]["fields"]["category"],
        arabic["error"]["fields"]["category"]
    );
}

async fn unknown_and_malformed_receipts(app: TestApp) {
    let (status, body) = app
        .get_json("/api/v1/receipts/0000-0000-0000-0000-0000-0000")
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let (status, body) = app.get_json("/api/v1/receipts/hello").await;
    assert_eq!(
        (status, body["error"]["field_codes"]["receipt"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_receipt"))
    );
}

async fn areas_are_iraqs_real_hierarchy(app: TestApp) {
    let count = |body: &Value| body["areas"].as_array().map_or(0, Vec::len);
    let (_, governorates) = app.get_json("/api/v1/areas?level=1").await;
    assert_eq!(count(&governorates), 18);
    let (_, districts) = app.get_json("/api/v1/areas?level=2").await;
    assert_eq!(count(&districts), 101);
    let (_, subdistricts) = app.get_json("/api/v1/areas?level=3").await;
    assert_eq!(count(&subdistricts), 294);
    let (_, basra) = app.get_json("/api/v1/areas?parent=IQG02").await;
    assert!(
        basra["areas"]
            .as_array()
            .expect("list")
            .iter()
            .all(|a| a["parent"] == "IQG02")
    );
    assert!(count(&basra) >= 5);
    let (status, _) = app.get_json("/api/v1/areas?level=7").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = app.get_json("/api/v1/areas?parent=IQG99").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    let (status, located) = app
        .get_json("/api/v1/areas/locate?lat=36.34&lon=43.13")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(located["area"]["level"], 3);
    assert_eq!(located["path"][0]["pcode"], "IQG15");
    assert_eq!(located["path"][1]["pcode"], "IQG15Q05");
    let (status, body) = app
        .get_json("/api/v1/areas/locate?lat=48.85&lon=2.35")
        .await;
    assert_eq!(
        (status, body["error"]["field_codes"]["lat"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("outside_iraq"))
    );
    let (status, _) = app.get_json("/api/v1/areas/locate?lat=abc&lon=2").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, one) = app.get_json("/api/v1/areas/IQG02Q01").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one["area"]["name"]["en"], "Abu Al-Khaseeb");
}

async fn health_and_readiness(app: TestApp) {
    assert_eq!(app.get_text("/healthz").await.0, StatusCode::OK);
    assert_eq!(app.get_text("/readyz").await.0, StatusCode::OK);
    app.db.close().await;
    assert_eq!(app.get_text("/healthz").await.0, StatusCode::OK);
    assert_eq!(
        app.get_text("/readyz").await.0,
        StatusCode::SERVICE_UNAVAILABLE
    );
}

async fn many_concurrent_submissions_are_all_stored(app: TestApp) {
    let mut tasks = Vec::new();
    for i in 0..40 {
        let client = app.client.clone();
        let url = app.url("/api/v1/concerns");
        tasks.push(tokio::spawn(async move {
            let body = json!({"category": "crime", "description": format!("Concurrent submission number {i}"), "area": "IQG08"});
            client.post(url).json(&body).send().await.expect("request").status()
        }));
    }
    for task in tasks {
        assert_eq!(task.await.expect("task"), StatusCode::CREATED);
    }
    assert_eq!(app.db.count_concerns().await.expect("count"), 40);
}
}

both! {
/// `Idempotency-Key`: a client that retries (a weak connection, a gateway
/// resending) gets the same receipt and files one concern, however many
/// retries race; another key or other content files anew; the day after,
/// the key still finds the concern it filed.
async fn a_retried_submission_files_one_concern(app: TestApp) {
    let body = json!({"category": "crime", "description": "Extortion at the vegetable market every Friday.", "area": "IQG02"});
    let send = |key: &'static str, body: Value| {
        let request = app.client.post(app.url("/api/v1/concerns")).header("idempotency-key", key).json(&body);
        async move { crate::support::json_of_request(reqwest::Method::POST, request.send().await.expect("post")).await }
    };
    let key = "7f1c2a9e-5b3d-4e8f-a6c1-0d9b8e7f6a5c";
    let (status, first) = send(key, body.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let mut racing = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let request = app.client.post(app.url("/api/v1/concerns")).header("idempotency-key", key).json(&body);
        racing.spawn(async move {
            let response = request.send().await.expect("post");
            (response.status(), response.json::<Value>().await.expect("json"))
        });
    }
    while let Some(answer) = racing.join_next().await {
        let (status, again) = answer.expect("task");
        assert_eq!((status, &again["receipt"]), (StatusCode::CREATED, &first["receipt"]));
    }
    assert_eq!(app.db.count_concerns().await.expect("count"), 1);

    // Other content, or no key, files a new concern with a new receipt.
    let other = json!({"category": "crime", "description": "Extortion at the fish market every Friday.", "area": "IQG02"});
    let (_, second) = send(key, other).await;
    assert_ne!(second["receipt"], first["receipt"]);
    assert_eq!(app.db.count_concerns().await.expect("count"), 2);

    // The next day (after midnight, within a day) the retry still finds it.
    app.advance_minutes(20 * 60);
    let (status, later) = send(key, body.clone()).await;
    assert_eq!((status, &later["receipt"]), (StatusCode::CREATED, &first["receipt"]));
    assert_eq!(app.db.count_concerns().await.expect("count"), 2);

    // A key too short to be unguessable is refused with a field error.
    let (status, refused) = send("short", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused["error"]["field_codes"]["idempotency_key"], "invalid_idempotency_key");
}
}

both! {
/// A private conversation with an anonymous reporter: staff who may write
/// to reporters ask; the reporter reads the question with the receipt and
/// answers there; staff read the answer on the concern; every message is
/// audited, the reporter's without any actor.
async fn staff_and_an_anonymous_reporter_talk_through_the_receipt(app: TestApp) {
    let receipt = app.submit("crime", "IQG02Q01").await;
    let triage = app.staff(Role::TriageOfficer, "IQG02").await;
    let id = app.newest_concern_id(&triage).await;
    let reply_path = format!("/api/v1/receipts/{receipt}/messages");
    let reply = |body: &'static str| {
        let (app, path) = (&app, &reply_path);
        async move { app.post_json(path, &json!({"body": body})).await }
    };
    let (status, refused) = reply("Hello?").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the conversation is staff's to open");
    assert_eq!(refused["error"]["field_codes"]["body"], "no_question");

    let police = app.staff(Role::PoliceLiaison, "IQG02").await;
    let path = format!("/api/v1/concerns/{id}/messages");
    assert_eq!(police.post(&path, &json!({"body": "Who are you?"})).await.0, StatusCode::FORBIDDEN);
    assert_eq!(triage.post(&path, &json!({"body": ""})).await.1["error"]["field_codes"]["body"], "required");
    assert_eq!(triage.post(&path, &json!({"body": "Did it happen at night or by day?"})).await.0, StatusCode::CREATED);

    let (_, tracked) = app.get_json(&format!("/api/v1/receipts/{receipt}")).await;
    assert_eq!(tracked["messages"].as_array().map(Vec::len), Some(1), "{tracked}");
    assert_eq!((tracked["messages"][0]["from"].as_str(), tracked["messages"][0]["body"].as_str()), (Some("staff"), Some("Did it happen at night or by day?")));
    assert!(tracked["updates"].as_array().is_some_and(Vec::is_empty), "a question is not an update");
    assert_eq!(reply("At night, after the curfew.").await.0, StatusCode::CREATED);
    let (_, tracked) = app.get_json(&format!("/api/v1/receipts/{receipt}")).await;
    assert_eq!(tracked["messages"][1]["from"], "reporter");

    let (_, concern) = triage.get(&format!("/api/v1/concerns/{id}")).await;
    let kinds: Vec<&str> = concern["history"].as_array().expect("history").iter().filter_map(|e| e["kind"].as_str()).collect();
    assert!(kinds.contains(&"question") && kinds.contains(&"reply"), "{kinds:?}");
    assert!(concern.to_string().contains("At night, after the curfew."));
    let audit = app.db.table_snapshot("audit_log").await.expect("audit");
    let reply_entry = audit.iter().find(|row| row.iter().any(|c| c == "concern.reply")).expect("the reply is audited");
    assert!(audit.iter().any(|row| row.iter().any(|c| c == "concern.question")), "the question is audited");
    assert!(!reply_entry.iter().any(|c| c.contains("127.0.0.1")), "nothing about the reporter's device: {reply_entry:?}");
    for _ in 1..aman_app::casework::MAX_REPLIES {
        assert_eq!(reply("more").await.0, StatusCode::CREATED);
    }
    assert_eq!(reply("one too many").await.1["error"]["field_codes"]["body"], "too_many_messages");
}
}

both! {
/// Staff find concerns by words however they are spelt (hamza, taa
/// marbuta, alef maqsura, short vowels, Kurdish letters), assign them to a colleague who may
/// see them, tag them, and filter by all three.
async fn staff_search_assign_and_tag_concerns(app: TestApp) {
    for description in [
        "إطلاق نار قرب المدرسة ليلاً",
        "سرقة مولدة كهرباء من المستشفى",
        "Shots fired near the school at night",
        "تەقەکردن لە نزیک بازاڕی گەورە",
    ] {
        let body = json!({"category": "crime", "description": description, "area": "IQG02Q01"});
        assert_eq!(app.post_json("/api/v1/concerns", &body).await.0, StatusCode::CREATED);
    }
    let triage = app.staff(Role::TriageOfficer, "IQG02").await;
    let found = |query: &'static str| {
        let triage = &triage;
        async move {
            let (status, body) = triage.get(&format!("/api/v1/concerns?q={}", urlencode(query))).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            body["concerns"].as_array().expect("list").iter().filter_map(|c| c["description"].as_str().map(str::to_owned)).collect::<Vec<_>>()
        }
    };
    assert_eq!(found("اطلاق مدرسه").await, ["إطلاق نار قرب المدرسة ليلاً"], "hamza and taa marbuta folded");
    assert_eq!(found("مستشفي").await, ["سرقة مولدة كهرباء من المستشفى"], "alef maqsura folded");
    assert_eq!(found("SCHOOL").await, ["Shots fired near the school at night"]);
    assert_eq!(found("بازاري").await, ["تەقەکردن لە نزیک بازاڕی گەورە"], "Sorani letters typed on an Arabic keyboard");
    assert!(found("100%_").await.is_empty(), "LIKE wildcards are taken literally");
    let id = app.newest_concern_id(&triage).await;

    // Assignment: only to someone who may see the concern.
    let colleague = app.staff(Role::CommitteeMember, "IQG02").await;
    let colleague_id = app.db.user_by_email("committee_member.iqg02@test").await.expect("query").expect("user").id;
    app.staff(Role::TriageOfficer, "IQG15").await;
    let outsider_id = app.db.user_by_email("triage_officer.iqg15@test").await.expect("query").expect("user").id;
    let path = format!("/api/v1/concerns/{id}/assignee");
    let put = |path: String, body: Value| {
        let request = app.client.put(app.url(&path)).bearer_auth(&triage.token).json(&body);
        async move { crate::support::json_of_request(reqwest::Method::PUT, request.send().await.expect("put")).await }
    };
    let (status, refused) = put(path.clone(), json!({"user_id": outsider_id})).await;
    assert_eq!((status, refused["error"]["field_codes"]["user_id"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("not_eligible")));
    assert_eq!(put(path.clone(), json!({"user_id": colleague_id})).await.0, StatusCode::NO_CONTENT);
    let (_, detail) = triage.get(&format!("/api/v1/concerns/{id}")).await;
    assert_eq!(detail["assignee"]["id"], colleague_id);
    assert_eq!(colleague.get("/api/v1/concerns?assignee=me").await.1["total"], 1, "the colleague finds it");
    assert_eq!(triage.get("/api/v1/concerns?assignee=me").await.1["total"], 0);

    // Tags, folded like search text; a committee member may tag, not assign.
    let (status, _) = put(format!("/api/v1/concerns/{id}/tags"), json!({"tags": ["عشائري", " River ", "river"]})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, detail) = triage.get(&format!("/api/v1/concerns/{id}")).await;
    assert_eq!(detail["tags"], json!(["river", "عشايري"]));
    let (_, tagged) = triage.get(&format!("/api/v1/concerns?tag={}", urlencode("عشايري"))).await;
    assert_eq!(tagged["total"], 1);
    let too_many: Vec<String> = (0..11).map(|i| format!("t{i}")).collect();
    let (status, refused) = put(format!("/api/v1/concerns/{id}/tags"), json!({"tags": too_many})).await;
    assert_eq!((status, refused["error"]["field_codes"]["tags"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("too_many_or_too_long")));
    let audit = app.db.table_snapshot("audit_log").await.expect("audit");
    for action in ["concern.assign", "concern.tags"] {
        assert!(audit.iter().any(|row| row.iter().any(|c| c == action)), "{action} audited");
    }
}
}

both! {
/// The queue as a spreadsheet: every matching concern the account may see
/// (not a page), no identity, formulas neutralised, the export audited.
async fn the_queue_exports_as_a_safe_spreadsheet(app: TestApp) {
    let body = json!({"category": "crime", "description": "=HYPERLINK(\"http://evil\") stolen generator", "area": "IQG02Q01",
        "contact": {"name": "Export Reporter", "phone": "07701239999"}});
    assert_eq!(app.post_json("/api/v1/concerns", &body).await.0, StatusCode::CREATED);
    let secret = json!({"category": "gbv", "description": "A confidential report for the export test.", "area": "IQG02Q01"});
    assert_eq!(app.post_json("/api/v1/concerns", &secret).await.0, StatusCode::CREATED);
    let uncleared = app.staff_with(Role::CommitteeMember, "IQG02", false).await;
    let response = app.client.get(app.url("/api/v1/concerns?format=csv")).bearer_auth(&uncleared.token).send().await.expect("csv");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"].to_str().expect("type").starts_with("text/csv"));
    let csv = response.text().await.expect("csv");
    assert!(csv.starts_with("id,received,occurred_on,category,status,area,"), "{csv}");
    assert!(csv.contains("'=HYPERLINK"), "formulas are neutralised: {csv}");
    assert!(!csv.contains("confidential report") && !csv.contains("Export Reporter") && !csv.contains("0770123"), "{csv}");
    assert_eq!(csv.lines().count(), 2, "a header and the one concern this account may see");
    let audit = app.db.table_snapshot("audit_log").await.expect("audit");
    assert!(audit.iter().any(|row| row.iter().any(|c| c == "concern.export")), "audited");
    let analyst = app.staff(Role::Analyst, "IQG02").await;
    assert_eq!(app.client.get(app.url("/api/v1/concerns?format=csv")).bearer_auth(&analyst.token).send().await.expect("csv").status(), StatusCode::FORBIDDEN);
}
}

/// A queue of more concerns than are worth counting says "more than
/// 10,000" instead of counting them all, in the API and on the page; the
/// newest still come first. A search by words counts up to 1,000.
#[tokio::test]
async fn a_very_long_queue_is_counted_up_to_ten_thousand() {
    let app = TestApp::sqlite().await;
    let mut tx = app.db.begin().await.expect("begin");
    let mut newest = 0;
    for n in 0..=aman_db::QUEUE_COUNT_CAP {
        let concern = aman_db::StoredConcern {
            receipt_hash: format!("bulk-{n}"),
            category: aman_core::category::Category::Crime,
            description: "Thefts near the bakery every night.".to_owned(),
            area: aman_core::area::Pcode::parse("IQG02Q01").expect("pcode"),
            occurred_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
            language: "en".to_owned(),
            contact_sealed: None,
            point_sealed: None,
            submitted_at: crate::support::START_MS - 1_000_000 + n,
            channel: aman_core::concern::Channel::Web,
            consent: None,
            flagged: false,
        };
        newest = tx.store_concern(&concern).await.expect("store");
    }
    tx.commit().await.expect("commit");
    let triage = app.staff(Role::TriageOfficer, "IQ").await;
    let (status, page) = triage.get("/api/v1/concerns").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!((page["total"].as_i64(), page["more"].as_bool()), (Some(10_000), Some(true)));
    assert_eq!(page["concerns"][0]["id"].as_i64(), Some(newest), "{}", page["concerns"][0]);
    let (_, crime) = triage.get("/api/v1/concerns?category=gbv").await;
    assert_eq!((crime["total"].as_i64(), crime["more"].as_bool()), (Some(0), Some(false)));
    let cookie = app.page_login("triage_officer.iq@test", "password for triage_officer.iq@test").await;
    let queue = app.page_as(&cookie, "/staff?lang=en").await;
    assert!(queue.contains("More than 10,000 concerns") || queue.contains("More than 10000 concerns"), "{queue}");
    let (_, found) = triage.get("/api/v1/concerns?q=bakery").await;
    assert_eq!((found["total"].as_i64(), found["more"].as_bool()), (Some(1_000), Some(true)));
    assert_eq!(found["concerns"][0]["id"].as_i64(), Some(newest));
    let (_, none) = triage.get("/api/v1/concerns?q=pharmacy").await;
    assert_eq!((none["total"].as_i64(), none["more"].as_bool()), (Some(0), Some(false)));
    let searched = app.page_as(&cookie, "/staff?lang=en&q=bakery").await;
    assert!(
        searched.contains("More than 1,000 concerns") || searched.contains("More than 1000 concerns"),
        "{searched}"
    );
}
