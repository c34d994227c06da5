//! Confidentiality follows the concern: a `gbv` concern linked into a
//! committee's issue, agenda, priority list and action plan is named only to
//! accounts cleared for it; the others read "a confidential concern". Nobody
//! uncleared can link it (or learn that its id exists), and listings stay
//! within one's own area.

use crate::support::*;
use aman_core::role::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

const AREA: &str = "IQG02Q03";

async fn concern_ids(triage: &Staff) -> (i64, i64) {
    let (_, queue) = triage.get("/api/v1/concerns").await;
    let id_of = |category: &str| {
        queue["concerns"].as_array().expect("list").iter().find(|c| c["category"] == category).expect("concern")["id"]
            .as_i64()
            .expect("id")
    };
    (id_of("gbv"), id_of("crime"))
}

both! {
    async fn confidential_concerns_stay_hidden_behind_committee_objects(app: TestApp) {
        for category in ["gbv", "crime"] {
            let body = json!({"category": category, "description": "A concern for the committee's area.", "area": "IQG02Q03N01"});
            assert_eq!(app.post_json("/api/v1/concerns", &body).await.0, StatusCode::CREATED);
        }
        let (gbv, crime) = concern_ids(&app.staff(Role::TriageOfficer, "IQ").await).await;
        let cleared = app.staff(Role::CommitteeMember, "IQG02").await;
        let uncleared = app.staff_with(Role::CommitteeMember, "IQG02", false).await;
        let police = app.staff_with(Role::PoliceLiaison, "IQG02", false).await;
        let (status, body) = cleared.post("/api/v1/committees", &json!({"area": AREA, "name": "Committee"})).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let committee = body["id"].as_i64().expect("id");

        // Linking a confidential id it may not see answers like an id that does not exist.
        let issues = format!("/api/v1/committees/{committee}/issues");
        let real = uncleared.post(&issues, &json!({"title": "Probe", "concerns": [gbv]})).await;
        let made_up = uncleared.post(&issues, &json!({"title": "Probe", "concerns": [987_654]})).await;
        assert_eq!(real.0, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(real, made_up);
        let meetings = format!("/api/v1/committees/{committee}/meetings");
        let agenda = json!({"held_on": "2026-11-20", "place": "Hall", "agenda": [format!("concern:{gbv}")]});
        assert_eq!(uncleared.post(&meetings, &agenda).await.0, StatusCode::UNPROCESSABLE_ENTITY);

        // The cleared member links it into an issue, an agenda and an action plan.
        let (status, issue) = cleared.post(&issues, &json!({"title": "Violence at home", "concerns": [gbv, crime]})).await;
        assert_eq!(status, StatusCode::CREATED, "{issue}");
        let issue = issue["id"].as_i64().expect("id");
        let agenda = json!({"held_on": "2026-11-20", "place": "Hall",
            "agenda": [format!("concern:{gbv}"), format!("concern:{crime}"), format!("issue:{issue}")]});
        let (status, meeting) = cleared.post(&meetings, &agenda).await;
        assert_eq!(status, StatusCode::CREATED, "{meeting}");
        let meeting = meeting["id"].as_i64().expect("id");
        let owner = app.db.upsert_organisation("police_station", "مركز شرطة", "Police station", AREA).await.expect("organisation");
        let plan = json!({"title": "Safe house referral", "owner_id": owner, "due_on": "2026-12-15", "items": [format!("concern:{gbv}")]});
        let (status, action) = cleared.post(&format!("/api/v1/committees/{committee}/actions"), &plan).await;
        assert_eq!(status, StatusCode::CREATED, "{action}");
        let action = action["id"].as_i64().expect("id");

        // Those cleared read it; the others read "a confidential concern".
        let (_, shown) = cleared.get(&format!("/api/v1/meetings/{meeting}")).await;
        assert_eq!(shown["agenda"][0], format!("concern:{gbv}"));
        for reader in [&uncleared, &police] {
            let (_, body) = reader.get(&format!("/api/v1/committees/{committee}")).await;
            assert_eq!(body["issues"][0]["concerns"], json!([crime]), "{body}");
            assert_eq!(body["issues"][0]["confidential_concerns"], 1);
            let (_, body) = reader.get(&format!("/api/v1/meetings/{meeting}")).await;
            assert_eq!(body["agenda"], json!(["concern:confidential", format!("concern:{crime}"), format!("issue:{issue}")]));
            let (_, body) = reader.get(&format!("/api/v1/actions/{action}")).await;
            assert_eq!(body["items"], json!(["concern:confidential"]));
            let (_, body) = reader.get(&format!("/api/v1/committees/{committee}/actions")).await;
            assert_eq!(body["actions"][0]["items"], json!(["concern:confidential"]));
            for path in [format!("/api/v1/committees/{committee}"), format!("/api/v1/meetings/{meeting}"), format!("/api/v1/actions/{action}")] {
                let text = reader.get(&path).await.1.to_string();
                assert!(!text.contains(&format!("concern:{gbv}")) && !text.contains(&format!("[{gbv},")), "{path}: {text}");
            }
        }
    }

    async fn listings_stay_within_ones_own_area(app: TestApp) {
        app.db.upsert_organisation("police_station", "مديرية شرطة نينوى", "Ninewa police", "IQG15").await.expect("organisation");
        app.db.upsert_organisation("police_station", "مركز شرطة", "Basra police", "IQG02").await.expect("organisation");
        let basra = app.staff(Role::CommitteeMember, "IQG02").await;
        let (_, own) = basra.get("/api/v1/organisations").await;
        assert_eq!(own["organisations"].as_array().map(Vec::len), Some(1), "{own}");
        let (_, mosul) = basra.get("/api/v1/organisations?area=IQG15").await;
        let areas: Vec<&str> = mosul["organisations"].as_array().expect("list").iter().filter_map(|o| o["area"].as_str()).collect();
        assert!(areas.iter().all(|a| a.starts_with("IQG02") || "IQG02".starts_with(a)), "{areas:?}");
        assert!(!areas.iter().any(|a| a.starts_with("IQG15")), "{areas:?}");
        let ninewa = app.staff(Role::CommitteeMember, "IQG15").await;
        let (status, _) = ninewa.post("/api/v1/committees", &json!({"area": "IQG15", "name": "Mosul"})).await;
        assert_eq!(status, StatusCode::CREATED);
        let (_, listed) = basra.get("/api/v1/committees?area=IQG15").await;
        assert!(listed["committees"].as_array().expect("list").iter().all(|c| c["area"].as_str().is_some_and(|a| a.starts_with("IQG02"))), "{listed}");
        // An unknown organisation is a field error, not a server error.
        let (_, body) = basra.post("/api/v1/committees", &json!({"area": "IQG02", "name": "Basra"})).await;
        let committee = body["id"].as_i64().expect("id");
        let member = json!({"name": "X", "constituency": "police", "sex": "male", "organisation_id": 987_654});
        let (status, body): (StatusCode, Value) = basra.post(&format!("/api/v1/committees/{committee}/members"), &member).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["error"]["field_codes"]["organisation_id"], "unknown_organisation");
    }
}

/// The meeting page of an uncleared member names the confidential concern
/// only as such.
#[tokio::test]
async fn the_meeting_page_names_a_confidential_concern_only_as_such() {
    let app = TestApp::sqlite().await;
    let body = json!({"category": "gbv", "description": "A concern for the committee's area.", "area": "IQG02Q03N01"});
    assert_eq!(app.post_json("/api/v1/concerns", &body).await.0, StatusCode::CREATED);
    let gbv = app.newest_concern_id(&app.staff(Role::TriageOfficer, "IQ").await).await;
    let cleared = app.staff(Role::CommitteeMember, "IQG02").await;
    let (_, body) = cleared.post("/api/v1/committees", &json!({"area": AREA, "name": "Committee"})).await;
    let committee = body["id"].as_i64().expect("id");
    let agenda = json!({"held_on": "2026-11-20", "place": "Hall", "agenda": [format!("concern:{gbv}")]});
    let (_, meeting) = cleared.post(&format!("/api/v1/committees/{committee}/meetings"), &agenda).await;
    let meeting = meeting["id"].as_i64().expect("id");
    let password = app.add_user_with("uncleared@pages", Role::CommitteeMember, "IQG02", false).await;
    let cookie = app.page_login("uncleared@pages", &password).await;
    let page = app.page_as(&cookie, &format!("/staff/meetings/{meeting}?lang=en")).await;
    assert!(page.contains("A confidential concern"), "{page}");
    assert!(!page.contains(&format!("#{gbv}")) && !page.contains("Gender-based"), "{page}");
}
