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
    let (status, body) = app.get_json("/api/v1/public/accountability?area=IQG02").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["threshold"], 11);
    let basra = area(&body, "IQG02");
    assert_eq!(basra["received"], json!({"shown": 27}));
    let verified = basra["verified_share"]["shown"].as_f64().expect("12 verified and 15 not: both shown");
    assert!((verified - 12.0 / 27.0).abs() < 1e-12);
    assert_eq!(basra["median_days_to_first_response"], json!({"shown": 2.0}), "{basra}");
    assert_eq!(area(&body, "IQG02Q01")["received"], "suppressed", "3 concerns");
    assert_eq!(area(&body, "IQG02Q03")["received"], "suppressed", "24 = 27 - 3 would reveal the 3: hidden too");
    // A district with only 3 concerns shows nothing exact.
    let (_, small) = app.get_json("/api/v1/public/accountability?area=IQG02Q01").await;
    assert_eq!(area(&small, "IQG02Q01")["received"], "suppressed");
    assert_eq!(area(&small, "IQG02Q01")["verified_share"], "suppressed");
    let page = app.get_text("/accountability?area=IQG02&lang=en").await.1;
    assert!(page.contains(">27<") && page.contains("&#60;11"), "{page}");
    let (status, body) = app.get_json("/api/v1/public/accountability?area=NOWHERE").await;
    assert_eq!((status, body["error"]["field_codes"]["area"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_area")));
}
}
