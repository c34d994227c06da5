//! Public accountability without login: the figures of an area and the areas
//! below it, small numbers shown as "<11" — including a count that could
//! otherwise be recovered by subtracting the shown ones from the total.

use crate::support::TestApp;
use aman_core::role::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn area<'a>(body: &'a Value, pcode: &str) -> &'a Value {
    body["areas"].as_array().expect("areas").iter().find(|a| a["id"] == pcode).expect(pcode)
}

both! {
async fn public_figures_hide_small_numbers_and_what_subtraction_would_reveal(app: TestApp) {
    for _ in 0..24 {
        app.submit("crime", "IQG02Q03N01").await;
    }
    for _ in 0..3 {
        app.submit("crime", "IQG02Q01N01").await;
    }
    // Elsewhere too, so that Basra is not the one governorate with concerns
    // (it would then be hidden in the country's table, and so everywhere).
    for _ in 0..24 {
        app.submit("crime", "IQG08").await;
        app.submit("crime", "IQG15").await;
    }
    app.advance_minutes(2 * 24 * 60);
    let triage = app.staff(Role::TriageOfficer, "IQG02").await;
    let (_, queue) = triage.get("/api/v1/concerns?area=IQG02Q03").await;
    for concern in queue["concerns"].as_array().expect("concerns").iter().take(12) {
        let id = concern["id"].as_i64().expect("id");
        for to in ["under_review", "verified"] {
            let (status, body) = triage.post(&format!("/api/v1/concerns/{id}/transitions"), &json!({"to": to, "reason": "checked"})).await;
            assert_eq!(status, StatusCode::OK, "{body}");
        }
    }
    // Figures cover one quarter that is over: these concerns are published in January.
    let (status, body) = app.get_json("/api/v1/public/accountability?area=IQG02").await;
    assert_eq!((status, body["to"].as_str()), (StatusCode::OK, Some("2026-09-30")), "the last quarter over: {body}");
    let (status, body) = app.get_json("/api/v1/public/accountability?area=IQG02&to=2026-12-01").await;
    assert_eq!((status, body["error"]["field_codes"]["to"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("period_not_over")));
    app.advance_minutes(36 * 24 * 60);
    let (status, body) = app.get_json("/api/v1/public/accountability?area=IQG02").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!((body["from"].as_str(), body["to"].as_str()), (Some("2026-10-01"), Some("2026-12-31")));
    assert_eq!(body["threshold"], 11);
    // Moving a date by a day changes nothing: the window is the whole quarter.
    for query in ["to=2026-11-28", "to=2026-12-31", "from=2026-11-29&to=2026-11-30"] {
        let (_, moved) = app.get_json(&format!("/api/v1/public/accountability?area=IQG02&{query}")).await;
        assert_eq!(moved, body, "{query}");
    }
    let (status, spanning) = app.get_json("/api/v1/public/accountability?area=IQG02&from=2026-09-30&to=2026-12-31").await;
    assert_eq!((status, spanning["error"]["field_codes"]["from"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("not_one_quarter")));
    let basra = area(&body, "IQG02");
    assert_eq!(basra["received"], json!({"shown": 27}));
    let verified = basra["verified_share"]["shown"].as_f64().expect("12 verified and 15 not: both shown");
    assert!((verified - 12.0 / 27.0).abs() < 1e-12);
    assert_eq!(basra["median_days_to_first_response"], json!({"shown": 2.0}), "{basra}");
    assert_eq!(area(&body, "IQG02Q01")["received"], "suppressed", "3 concerns");
    assert_eq!(area(&body, "IQG02Q03")["received"], "suppressed", "24 = 27 - 3 would reveal the 3: hidden too");
    // Asked for by itself, the district hidden in its governorate's table stays
    // hidden, and so do its sub-districts (their sum is its total).
    let (_, district) = app.get_json("/api/v1/public/accountability?area=IQG02Q03").await;
    for row in district["areas"].as_array().expect("areas") {
        assert_eq!(row["received"], "suppressed", "{district}");
    }
    // A district with only 3 concerns shows nothing exact.
    let (_, small) = app.get_json("/api/v1/public/accountability?area=IQG02Q01").await;
    assert!(small["areas"].as_array().is_some_and(|a| !a.is_empty()), "{small}");
    assert_eq!(area(&small, "IQG02Q01")["received"], "suppressed");
    assert_eq!(area(&small, "IQG02Q01")["verified_share"], "suppressed");
    let page = app.get_text("/accountability?area=IQG02&lang=en").await.1;
    assert!(page.contains(">27<") && page.contains("&#60;11"), "{page}");
    let (status, body) = app.get_json("/api/v1/public/accountability?area=NOWHERE").await;
    assert_eq!((status, body["error"]["field_codes"]["area"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_area")));
}
}

/// A quarter that is not over is explained on the page, in the reader's
/// language, next to what they typed, with the last quarter over shown.
#[tokio::test]
async fn the_page_explains_a_quarter_not_over_and_keeps_what_was_typed() {
    let app = TestApp::sqlite().await;
    for (lang, message) in [("en", "This quarter is not over yet"), ("ar", "لم ينتهِ ربع السنة هذا بعد")]
    {
        let response = app
            .client
            .get(app.url(&format!("/accountability?area=IQG02&to=2026-12-01&lang={lang}")))
            .send()
            .await
            .expect("page");
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = response.text().await.expect("html");
        assert!(
            page.contains(message) && page.contains("value=\"2026-12-01\"") && page.contains("2026-09-30"),
            "{page}"
        );
    }
}
