//! Places in every language: Sorani readers see Sorani names, and staff
//! find an area by any of its names (Arabic, Sorani, Kurmanji, English),
//! typed as people type them, in the API's search, the queue's area filter
//! and the committee form.

use crate::support::TestApp;
use aman_app::places::{find, resolve};
use aman_core::role::Role;
use aman_core::text::normalise;
use reqwest::StatusCode;

#[tokio::test]
async fn an_area_is_found_by_any_of_its_names() {
    let app = TestApp::sqlite().await;
    let areas = app.state.areas();
    let first = |typed: &str| find(areas, typed, 5).first().map(|a| a.pcode.clone());
    // Erbil, as Arabic, Sorani, Kurmanji and English readers write it.
    for typed in ["أربيل", "اربيل", "هەولێر", "هەولير", "Hewlêr", "hewler", "Erbil"] {
        assert_eq!(first(typed).as_deref(), Some("IQG11"), "{typed}");
    }
    // The governorate before its district of the same name; the district by its code.
    assert_eq!(first("بەسرە").as_deref(), Some("IQG02"));
    assert_eq!(resolve(areas, "بەسرە · IQG02Q02").map(|p| p.to_string()).as_deref(), Some("IQG02Q02"));
    // Without the article, or a part of the name.
    assert_eq!(first("بصرة").as_deref(), Some("IQG02"));
    assert_eq!(first("Khaseeb").as_deref(), Some("IQG02Q01"));
    assert_eq!(first("شنگال").as_deref(), Some("IQG15Q07"), "Sinjar by its Kurdish name");
    assert!(first("Atlantis").is_none() && first("  ").is_none());
    assert_eq!(normalise("Al-Ba'aj"), "al ba aj");

    // The API: names in all four, and a search.
    let (status, found) = app.get_json("/api/v1/areas?q=%D9%87%DB%95%D9%88%D9%84%DB%8E%D8%B1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(found["areas"][0]["pcode"], "IQG11");
    assert_eq!(found["areas"][0]["name"]["ckb"], "هەولێر");
    assert_eq!(found["areas"][0]["name"]["kmr"], "Hewlêr");
    let (_, long) = app.get_json(&format!("/api/v1/areas?q={}", "a".repeat(5000))).await;
    assert_eq!(long["areas"].as_array().map(Vec::len), Some(0));
}

#[tokio::test]
async fn sorani_readers_see_sorani_place_names() {
    let app = TestApp::sqlite().await;
    let (_, page) = app.get_text("/report?lang=ckb").await;
    assert!(page.contains("هەولێر") && page.contains("سلێمانی") && page.contains("دهۆک"), "{page}");
    assert!(!page.contains(">أربيل<"), "not the Arabic name");
    let (_, page) = app.get_text("/report?lang=ar").await;
    assert!(page.contains("أربيل") || page.contains("اربيل"), "Arabic readers keep the Arabic names");
}

#[tokio::test]
async fn staff_pick_an_area_by_name() {
    let app = TestApp::sqlite().await;
    let password = app.add_user("places.secretary@test", Role::CommitteeMember, "IQG02").await;
    let cookie = app.page_login("places.secretary@test", &password).await;
    let page = app.page_as(&cookie, "/staff/committees?lang=ckb").await;
    // Abu Al-Khaseeb has no Kurdish name of its own: Sorani readers see the Arabic one.
    assert!(page.contains("list=\"area-list\"") && page.contains("ابي الخصيب · IQG02Q01"), "{page}");
    assert!(!page.contains("· IQG15"), "only areas of one's own");
    let start = page.find("name=\"csrf\" value=\"").expect("csrf") + "name=\"csrf\" value=\"".len();
    let csrf = page[start..].split('"').next().expect("token").to_owned();
    // Typed, not picked: the name alone is enough.
    let created = app
        .client
        .post(app.url("/staff/committees"))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.as_str()), ("name", "Faw committee"), ("area", "الفاو")])
        .send()
        .await
        .expect("create");
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let committees = app.db.committees("IQG02").await.expect("committees");
    assert!(committees.iter().any(|c| c.name == "Faw committee" && c.area.as_str() == "IQG02Q03"), "{committees:?}");

    // The queue's filter takes a name too.
    app.submit("crime", "IQG02Q01").await;
    app.submit("crime", "IQG02Q03").await;
    let triage = app.add_user("places.triage@test", Role::TriageOfficer, "IQG02").await;
    let cookie = app.page_login("places.triage@test", &triage).await;
    let page = app.page_as(&cookie, "/staff?lang=en&area=Abu+Al-Khaseeb").await;
    assert!(page.contains("One concern matches."), "{page}");
    let page = app.page_as(&cookie, "/staff?lang=en&area=Nowhere+at+all").await;
    assert!(page.contains("Area") && !page.contains("One concern matches."), "{page}");
}
