//! The cycle as its people walk it, in headless Chromium, on a phone
//! (390 × 844) and on a laptop (1280 × 800), in Arabic and in English:
//! a resident reports and keeps the receipt, follows it, a triage officer
//! verifies it and asks a question, the resident answers on the tracking
//! page, and the officer reads the answer. Every page is checked for
//! sideways overflow; screenshots are kept under `target/journeys/`.

use crate::browser::{Browser, js};
use crate::support::TestApp;
use aman_core::role::Role;

/// A phone's screen and a laptop's, in CSS pixels.
const PHONE: (u32, u32) = (390, 844);
const LAPTOP: (u32, u32) = (1280, 800);

/// Fills the fields of the form holding `selector` and submits it with the
/// button `button` (a CSS selector), as a person would.
fn fill_and_submit(fields: &[(&str, &str)], button: &str) -> String {
    let mut script = String::new();
    for (selector, value) in fields {
        script.push_str(&format!("document.querySelector({}).value = {};", js(selector), js(value)));
    }
    script.push_str(&format!("document.querySelector({}).click();", js(button)));
    script
}

async fn resident_and_triage_officer_talk(app: TestApp, journey: &str, lang: &str, (width, height): (u32, u32)) {
    let Some(mut browser) = Browser::launch(journey, width, height, width < 600) else { return };
    let base = app.base.clone();
    // What the resident writes and reads, in their language.
    let words = |ar: &'static str, ckb: &'static str, en: &'static str| match lang {
        "ar" => ar,
        "ckb" => ckb,
        _ => en,
    };
    let description = words(
        "رجال مسلحون يطلقون النار في الهواء قرب السوق كل ليلة.",
        "پیاوی چەکدار هەموو شەوێک لە نزیک بازاڕ تەقە بە ئاسماندا دەکەن.",
        "Armed men fire into the air near the market every night.",
    );

    // 1. The resident reports, with a photo.
    let photo = tempfile::Builder::new().suffix(".png").tempfile().expect("photo file");
    std::fs::write(photo.path(), crate::matrix::tiny_png()).expect("photo");
    browser.open(&format!("{base}/report?lang={lang}"));
    browser.look("report-form");
    browser.choose_file("#photo", photo.path());
    browser.act(&fill_and_submit(
        &[("#category", "armed_groups_weapons"), ("#description", description), ("#governorate", "IQG02")],
        "button[value=submit]",
    ));
    browser.look("receipt");
    let added = words("أُضيفت صورتك.", "وێنەکەت زیاد کرا.", "Your photo was added.");
    assert!(browser.text().contains(added), "the photo came with the report: {}", browser.text());
    let receipt =
        browser.eval("document.querySelector('input[name=receipt]').value").as_str().expect("receipt").to_owned();
    assert_eq!(receipt.len(), 29, "the receipt is shown: {receipt}");
    assert_eq!(browser.eval("document.querySelector('#print-receipt').hidden"), false, "print, with JavaScript");
    let shown = browser.eval("document.querySelector('.receipt .code').textContent.trim()");
    assert_eq!(shown.as_str(), Some(receipt.as_str()), "what Copy copies");

    // 2. The resident follows it.
    browser.open(&format!("{base}/track?lang={lang}"));
    browser.act(&fill_and_submit(&[("#receipt", &receipt)], "form[action='/track'] button[type=submit]"));
    browser.look("tracked");
    // ... and adds another photo from the tracking page.
    browser.choose_file("#photo", photo.path());
    browser.act("document.querySelector('form[action=\"/track/photo\"] button').click()");
    browser.look("photo-added");
    assert!(browser.text().contains(added), "{}", browser.text());
    let received = words("تم الاستلام", "وەرگیرا", "Received");
    assert!(browser.text().contains(received), "{}", browser.text());

    // 3. A triage officer signs in, verifies it and asks a question.
    let email = format!("triage.{journey}@journey");
    let password = app.add_user(&email, Role::TriageOfficer, "IQG02").await;
    let login = app.login_form(&email, &password);
    browser.open(&format!("{base}/staff/login?lang=en"));
    browser.look("login");
    browser.act(&fill_and_submit(
        &[("#email", &login[0].1), ("#password", &login[1].1), ("#code", &login[2].1)],
        "button[type=submit]",
    ));
    browser.look("queue");
    browser.act("document.querySelector('ul.queue a').click()");
    browser.look("concern");
    for to in ["under_review", "verified"] {
        browser.act(&fill_and_submit(
            &[("#to", to), ("#reason", "Checked with the local council.")],
            "form[action$='/move'] button",
        ));
    }
    let question = "Does it happen at the same hour every night?";
    browser.act(&fill_and_submit(&[("#question", question)], "form[action$='/ask'] button"));
    browser.look("asked");
    assert!(browser.text().contains(question), "the question is in the concern's history");

    // 4. The resident reads the question and answers it.
    browser.open(&format!("{base}/track?lang={lang}"));
    browser.act(&fill_and_submit(&[("#receipt", &receipt)], "form[action='/track'] button[type=submit]"));
    assert!(browser.text().contains(question), "the resident reads the question: {}", browser.text());
    browser.look("question");
    let answer = words("نعم، بعد العاشرة ليلاً.", "بەڵێ، دوای کاتژمێر دەی شەو.", "Yes, after ten at night.");
    browser.act(&fill_and_submit(&[("#reply", answer)], "form[action='/track/reply'] button"));
    browser.look("answered");
    let thanks = words("أُرسلت إجابتك.", "وەڵامەکەت نێردرا.", "Your answer was sent.");
    assert!(browser.text().contains(thanks), "{}", browser.text());

    // 5. The officer reads the answer on the concern.
    let (_, session) = app.post_json("/api/v1/sessions", &app.credentials(&email, &password)).await;
    let triage = crate::support::Staff::with_token(&app, session["token"].as_str().expect("token"));
    let id = app.newest_concern_id(&triage).await;
    browser.open(&format!("{base}/staff/concerns/{id}?lang=en"));
    browser.look("answer-read");
    assert!(browser.text().contains(answer), "{}", browser.text());
    assert!(
        browser.text().contains("Photo 1") && browser.text().contains("Photo 2"),
        "the officer sees both photos: {}",
        browser.text()
    );
    // The same page in Arabic, with what the words suggest (read for triage).
    browser.open(&format!("{base}/staff/concerns/{id}?lang=ar"));
    browser.look("answer-read-ar");
    assert!(browser.text().contains("ما يوحي به النص"), "{}", browser.text());
    // The queue searched by a word of the report, in both languages of the
    // staff pages: found through the trigram index, counted, laid out.
    let word = words("السوق", "بازاڕ", "market");
    for staff_lang in ["en", "ar"] {
        browser.open(&format!("{base}/staff?q={}&lang={staff_lang}", crate::api::urlencode(word)));
        browser.look(&format!("search-{staff_lang}"));
        let found = browser.eval("document.querySelectorAll('ul.queue a').length");
        assert_eq!(found.as_i64(), Some(1), "{}", browser.text());
        let counted = if staff_lang == "en" { "One concern matches." } else { "" };
        assert!(browser.text().contains(counted), "{}", browser.text());
    }
    // A "same event" link fills the move form (duplicate of another concern),
    // in both languages; the officer still confirms it.
    let original = id + 1000;
    for (lang, label) in [("ar", "رقم البلاغ الأصلي"), ("en", "Original concern number")] {
        browser.open(&format!("{base}/staff/concerns/{id}?duplicate_of={original}&lang={lang}#move"));
        browser.look(&format!("duplicate-proposed-{lang}"));
        let filled = browser.eval("document.querySelector('#duplicate_of').value");
        assert_eq!(filled.as_str(), Some(original.to_string().as_str()), "{lang}");
        assert_eq!(browser.eval("document.querySelector('#to').value").as_str(), Some("duplicate"), "{lang}");
        assert!(browser.text().contains(label), "{lang}: {}", browser.text());
    }
}

// The browser is driven with blocking calls: the server needs a thread of
// its own meanwhile, so these tests run on a multi-threaded runtime.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_in_arabic_the_resident_and_the_desk_talk() {
    resident_and_triage_officer_talk(TestApp::sqlite().await, "phone-ar", "ar", PHONE).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_in_arabic_the_resident_and_the_desk_talk_on_postgres() {
    match TestApp::postgres().await {
        Some(app) => resident_and_triage_officer_talk(app, "phone-ar-postgres", "ar", PHONE).await,
        None => eprintln!("skipped: AMAN_TEST_POSTGRES_URL is not set"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_in_sorani_the_resident_and_the_desk_talk() {
    resident_and_triage_officer_talk(TestApp::sqlite().await, "phone-ckb", "ckb", PHONE).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_laptop_in_english_the_resident_and_the_desk_talk() {
    resident_and_triage_officer_talk(TestApp::sqlite().await, "laptop-en", "en", LAPTOP).await;
}

/// The referral loop on a phone: the desk refers the concern, the
/// organisation finds it from its home page and answers in words it marks
/// public, and the resident reads them with the receipt.
async fn referral_loop(app: TestApp, journey: &str, lang: &str, (width, height): (u32, u32)) {
    let Some(mut desk) = Browser::launch(journey, width, height, width < 600) else { return };
    let base = app.base.clone();
    let body = serde_json::json!({"category": "crime", "description": "Shop owners on the corniche pay money to armed men every week.", "area": "IQG02Q01"});
    let (_, submitted) = app.post_json("/api/v1/concerns", &body).await;
    let receipt = submitted["receipt"].as_str().expect("receipt").to_owned();
    let organisation = app
        .db
        .upsert_organisation("cso", "مركز العون القانوني", "Legal aid centre", "IQG02")
        .await
        .expect("organisation");
    let sign_in = |browser: &mut Browser, email: &str, password: &str| {
        let login = app.login_form(email, password);
        browser.open(&format!("{base}/staff/login?lang={lang}"));
        browser.act(&fill_and_submit(
            &[("#email", &login[0].1), ("#password", &login[1].1), ("#code", &login[2].1)],
            "button[type=submit]",
        ));
    };

    let email = format!("desk.{journey}@journey");
    let password = app.add_user(&email, Role::TriageOfficer, "IQG02").await;
    sign_in(&mut desk, &email, &password);
    desk.act("document.querySelector('ul.queue a').click()");
    desk.act("document.querySelector('a[href$=\"/referrals\"]').click()");
    desk.look("refer-form");
    desk.act(&fill_and_submit(
        &[("#organisation_id", &organisation.to_string()), ("#severity", "urgent")],
        "form[action$='/referrals'] button",
    ));
    desk.look("referred");

    let Some(mut caseworker) = Browser::launch(&format!("{journey}-organisation"), width, height, width < 600) else {
        return;
    };
    let email = format!("caseworker.{journey}@journey");
    let password = app.add_user(&email, Role::CsoCaseworker, "IQG02").await;
    let user = app.db.user_by_email(&email).await.expect("query").expect("user");
    app.db.set_user_organisation(user.id, Some(organisation)).await.expect("link");
    sign_in(&mut caseworker, &email, &password);
    caseworker.look("home-with-referral");
    caseworker.act("document.querySelector('a[href=\"/staff/referrals\"]').click()");
    caseworker.look("inbox");
    assert!(
        caseworker.text().contains("Shop owners on the corniche"),
        "the inbox says what happened: {}",
        caseworker.text()
    );
    let words = "We met the shop owners and will go with them to the court on Sunday.";
    caseworker.act(&format!(
        "document.querySelector('select[name=action]').value = 'respond';\
         document.querySelector('textarea[name=response]').value = {};\
         document.querySelector('input[name=public]').checked = true;\
         document.querySelector('form[action^=\"/staff/referrals/\"] button').click();",
        js(words)
    ));
    caseworker.look("answered");

    let mut resident = desk;
    resident.open(&format!("{base}/track?lang={lang}"));
    resident.act(&fill_and_submit(&[("#receipt", &receipt)], "form[action='/track'] button[type=submit]"));
    resident.look("answer-on-track");
    assert!(resident.text().contains(words), "the resident reads the organisation's words: {}", resident.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_the_referral_loop_closes() {
    referral_loop(TestApp::sqlite().await, "referral-en", "en", PHONE).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_laptop_the_referral_loop_closes_in_arabic() {
    referral_loop(TestApp::sqlite().await, "referral-ar-laptop", "ar", LAPTOP).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_the_referral_loop_closes_in_sorani() {
    referral_loop(TestApp::sqlite().await, "referral-ckb", "ckb", PHONE).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_the_referral_loop_closes_on_postgres_in_arabic() {
    match TestApp::postgres().await {
        Some(app) => referral_loop(app, "referral-ar-postgres", "ar", PHONE).await,
        None => eprintln!("skipped: AMAN_TEST_POSTGRES_URL is not set"),
    }
}

/// A committee takes the concern up on a phone: puts it on a meeting's
/// agenda, records who came, ranks, sets priorities, plans an action on it
/// and marks progress; the concern follows (in action), the action is done,
/// and the resident says on /track that it is better: resolved.
async fn committee_takes_it_up(app: TestApp, journey: &str, lang: &str, (width, height): (u32, u32)) {
    let Some(mut browser) = Browser::launch(journey, width, height, width < 600) else { return };
    let base = app.base.clone();
    let body = serde_json::json!({"category": "tribal_conflict", "description": "Two clans threaten each other over the river land.", "area": "IQG02Q01"});
    let (_, submitted) = app.post_json("/api/v1/concerns", &body).await;
    let receipt = submitted["receipt"].as_str().expect("receipt").to_owned();
    let triage = app.staff(Role::TriageOfficer, "IQG02").await;
    let id = app.newest_concern_id(&triage).await;
    for to in ["under_review", "verified"] {
        triage
            .post(&format!("/api/v1/concerns/{id}/transitions"), &serde_json::json!({"to": to, "reason": "checked"}))
            .await;
    }
    app.db
        .upsert_organisation("local_authority", "قائمقامية أبي الخصيب", "Abu Al-Khaseeb District Office", "IQG02Q01")
        .await
        .expect("organisation");
    let email = format!("secretary.{journey}@journey");
    let password = app.add_user(&email, Role::CommitteeMember, "IQG02").await;
    let (_, session) = app.post_json("/api/v1/sessions", &app.credentials(&email, &password)).await;
    let secretary = crate::support::Staff::with_token(&app, session["token"].as_str().expect("token"));
    let (_, committee) = secretary
        .post("/api/v1/committees", &serde_json::json!({"area": "IQG02Q01", "name": "Abu Al-Khaseeb committee"}))
        .await;
    let committee = committee["id"].as_i64().expect("committee");
    secretary
        .post(
            &format!("/api/v1/committees/{committee}/members"),
            &serde_json::json!({"name": "Sheikh Jabbar", "constituency": "tribal_religious_leaders", "sex": "male"}),
        )
        .await;

    let login = app.login_form(&email, &password);
    browser.open(&format!("{base}/staff/login?lang={lang}"));
    browser.act(&fill_and_submit(
        &[("#email", &login[0].1), ("#password", &login[1].1), ("#code", &login[2].1)],
        "button[type=submit]",
    ));
    browser.open(&format!("{base}/staff/committees/{committee}?lang={lang}"));
    browser.look("committee");
    // A meeting with the concern on its agenda.
    browser.act(&format!(
        "document.querySelector('#place').value = 'Town hall';\
         document.querySelector('form[action$=\"/meetings\"] input[name=concern][value=\"{id}\"]').checked = true;\
         document.querySelector('form[action$=\"/meetings\"] button').click();"
    ));
    browser.act("document.querySelector('a[href^=\"/staff/meetings/\"]').click()");
    browser.look("meeting");
    browser.act("document.querySelector('form[action$=\"/attendance\"] input[name=present]').checked = true; document.querySelector('form[action$=\"/attendance\"] button').click();");
    browser.act("document.querySelector('form[action$=\"/ballot\"] input[name^=\"rank:\"]').value = '1'; document.querySelector('form[action$=\"/ballot\"] button').click();");
    browser.act("document.querySelector('form[action$=\"/priorities\"] button').click()");
    browser.look("priorities");
    assert!(
        browser.text().contains("Two clans") || browser.text().contains(&format!("#{id}")),
        "the ranking names the concern: {}",
        browser.text()
    );
    // An action on it, started and done.
    browser.open(&format!("{base}/staff/committees/{committee}?lang={lang}"));
    browser.act(&format!(
        "document.querySelector('#action-title').value = 'Mediation between the two clans';\
         document.querySelector('#due_on').value = '2026-12-20';\
         document.querySelector('form[action$=\"/actions\"] input[name=concern][value=\"{id}\"]').checked = true;\
         document.querySelector('form[action$=\"/actions\"] button').click();"
    ));
    browser.look("action-planned");
    for status in ["in_progress", "done"] {
        browser.act(&format!(
            "document.querySelector('form[action^=\"/staff/actions/\"] select[name=status]').value = '{status}';\
             document.querySelector('form[action^=\"/staff/actions/\"] input[name=body]').value = 'step';\
             document.querySelector('form[action^=\"/staff/actions/\"] button').click();"
        ));
        if status == "in_progress" {
            let (_, tracked) = app.get_json(&format!("/api/v1/receipts/{receipt}")).await;
            assert_eq!(tracked["status"], "in_action", "the concern follows its action");
        }
    }
    browser.look("action-done");
    // The resident says it is better.
    browser.open(&format!("{base}/track?lang={lang}"));
    browser.act(&fill_and_submit(&[("#receipt", &receipt)], "form[action='/track'] button[type=submit]"));
    browser.look("is-it-better");
    browser.act("document.querySelector('form[action=\"/track/confirm\"] button[value=better]').click()");
    browser.look("resolved");
    let (_, tracked) = app.get_json(&format!("/api/v1/receipts/{receipt}")).await;
    assert_eq!(tracked["status"], "resolved", "{tracked}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_a_committee_takes_it_up_and_the_resident_confirms() {
    committee_takes_it_up(TestApp::sqlite().await, "committee-en", "en", PHONE).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_laptop_a_committee_takes_it_up_in_english() {
    committee_takes_it_up(TestApp::sqlite().await, "committee-en-laptop", "en", LAPTOP).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_a_committee_takes_it_up_in_sorani() {
    committee_takes_it_up(TestApp::sqlite().await, "committee-ckb", "ckb", PHONE).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_a_committee_takes_it_up_on_postgres_in_arabic() {
    match TestApp::postgres().await {
        Some(app) => committee_takes_it_up(app, "committee-ar-postgres", "ar", PHONE).await,
        None => eprintln!("skipped: AMAN_TEST_POSTGRES_URL is not set"),
    }
}

/// "Use my location" on a phone: the button appears only with JavaScript,
/// fills the point the phone gives, and the concern is placed in the
/// sub-district that holds it (its exact point sealed, never shown back).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_the_resident_reports_from_where_they_stand() {
    let app = TestApp::sqlite().await;
    let Some(mut browser) = Browser::launch("locate-ar", PHONE.0, PHONE.1, true) else { return };
    let base = app.base.clone();
    // Mosul's old city, on the west bank.
    browser.place_at(&base, 36.3400, 43.1300);
    browser.open(&format!("{base}/report?lang=ar"));
    assert_eq!(browser.eval("document.querySelector('#locate').hidden"), false, "the button shows with JavaScript");
    browser.eval("document.querySelector('#locate').click()");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while browser.eval("document.querySelector('#lat').value") == "" {
        assert!(std::time::Instant::now() < deadline, "the location never came");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(browser.eval("document.querySelector('#lat').value"), "36.34000");
    browser.look("located");
    browser.act(&fill_and_submit(
        &[("#category", "crime"), ("#description", "سرقة سيارات في المدينة القديمة كل أسبوع.")],
        "button[value=submit]",
    ));
    browser.look("receipt");
    let receipt =
        browser.eval("document.querySelector('input[name=receipt]').value").as_str().expect("receipt").to_owned();
    let (_, tracked) = app.get_json(&format!("/api/v1/receipts/{receipt}")).await;
    assert!(tracked["area"]["pcode"].as_str().is_some_and(|p| p.starts_with("IQG15")), "placed in Ninewa: {tracked}");
}

/// Every public page on the narrowest common phone (360 px wide), in
/// Arabic, Sorani, Kurmanji and English: nothing wider than the screen, every control
/// labelled, no serious accessibility problem (axe-core).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_public_page_fits_a_small_phone() {
    let app = TestApp::sqlite().await;
    let workbook = std::fs::read(crate::surveys::item_bank()).expect("item bank");
    app.db.insert_survey_form("aman_perception", "1", "Community safety", &workbook, 0).await.expect("form");
    let receipt = app.submit("crime", "IQG02Q01").await;
    let base = app.base.clone();
    for lang in ["ar", "ckb", "kmr", "en"] {
        let Some(mut browser) = Browser::launch(&format!("small-phone-{lang}"), 360, 740, true) else { return };
        for (step, path) in [
            ("home", "/"),
            ("report", "/report"),
            ("track", "/track"),
            ("surveys", "/surveys"),
            ("survey", "/surveys/aman_perception"),
            ("results", "/surveys/aman_perception/results?var=safe_night&value=very_safe"),
            ("accountability", "/accountability"),
            ("index", "/index"),
            ("about", "/about"),
            ("login", "/staff/login"),
            ("dashboard", "/dashboard"),
            ("dashboard-basra", "/dashboard/IQG02"),
            ("sitrep", "/dashboard/IQG02/sitrep/2026-10"),
        ] {
            let join = if path.contains('?') { '&' } else { '?' };
            browser.open(&format!("{base}{path}{join}lang={lang}"));
            browser.look(step);
        }
        browser.open(&format!("{base}/track?lang={lang}"));
        browser.act(&fill_and_submit(&[("#receipt", &receipt)], "form[action='/track'] button[type=submit]"));
        browser.look("tracked");
        // The survey's next page, with its radio buttons and their labels.
        browser.open(&format!("{base}/surveys/aman_perception?lang={lang}"));
        browser.act("document.querySelector('input[name=consent][value=yes]').click(); document.querySelector('button[value=continue]').click();");
        browser.look("survey-questions");
    }
}

/// The public dashboard on a phone and on a laptop, in every language: the
/// map is drawn (one shape per governorate, then per district), it fits,
/// a reader can go down a level from the map itself, and the month's
/// situation report reads as well.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_reads_on_a_phone_and_a_laptop() {
    let app = TestApp::sqlite().await;
    crate::dashboard::seed(&app).await;
    let base = app.base.clone();
    for ((width, height), size) in [(PHONE, "phone"), (LAPTOP, "laptop")] {
        for lang in ["ar", "ckb", "kmr", "en"] {
            let Some(mut browser) = Browser::launch(&format!("dashboard-{size}-{lang}"), width, height, width < 600)
            else {
                return;
            };
            browser.open(&format!("{base}/dashboard?lang={lang}"));
            browser.look("country");
            assert_eq!(browser.eval("document.querySelectorAll('figure.map path').length"), 18);
            let drawn = browser.eval("document.querySelector('figure.map svg').getBoundingClientRect().height");
            assert!(drawn.as_f64().is_some_and(|h| h > 100.0), "the map has a size: {drawn}");
            browser.act("document.querySelector('figure.map a[href=\"/dashboard/IQG02\"]').dispatchEvent(new MouseEvent('click', {bubbles: true}))");
            browser.look("basra");
            assert_eq!(browser.eval("location.pathname"), "/dashboard/IQG02");
            assert_eq!(browser.eval("document.querySelectorAll('figure.map path').length"), 7, "Basra's districts");
            browser.open(&format!("{base}/dashboard/IQG02/sitrep/2026-11?lang={lang}"));
            browser.look("sitrep");
            assert_eq!(browser.eval("document.querySelectorAll('figure.map path').length"), 7, "the report's map");
        }
    }
}

/// The new staff pages on a phone, in Arabic and in English, as the roles
/// that use them: a caseworker files for a resident (first without the
/// consent, which the page refuses in the reader's language, then with it)
/// and reads the month's situation report of their area.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_a_caseworker_files_for_a_resident_and_reads_the_report() {
    let app = TestApp::sqlite().await;
    crate::dashboard::seed(&app).await;
    let base = app.base.clone();
    for lang in ["ar", "en"] {
        let Some(mut browser) = Browser::launch(&format!("caseworker-{lang}"), PHONE.0, PHONE.1, true) else { return };
        let email = format!("caseworker.{lang}@journey");
        let password = app.add_user(&email, Role::CsoCaseworker, "IQG02").await;
        let login = app.login_form(&email, &password);
        browser.open(&format!("{base}/staff/login?lang={lang}"));
        browser.act(&fill_and_submit(
            &[("#email", &login[0].1), ("#password", &login[1].1), ("#code", &login[2].1)],
            "button[type=submit]",
        ));
        browser.open(&format!("{base}/staff/assisted?lang={lang}"));
        browser.look("assisted-form");
        let fields = [
            ("#category", "crime"),
            ("#description", "Armed men stop cars on the river road every evening."),
            ("#area", "Abu Al-Khaseeb"),
            ("#consent_method", "spoken"),
        ];
        browser.act(&fill_and_submit(&fields, "form[action='/staff/assisted'] button[type=submit]"));
        browser.look("assisted-no-consent");
        let required = if lang == "ar" { "مطلوب" } else { "This is required." };
        let text = browser.text();
        assert!(text.contains(required), "the consent is asked for: {text}");
        assert!(!text.contains("fielderror-") && !text.contains("field-"), "every message translated: {text}");
        browser.act("document.querySelector('input[name=consent_confirmed]').checked = true; document.querySelector('form[action=\"/staff/assisted\"] button[type=submit]').click();");
        browser.look("assisted-filed");
        assert_eq!(browser.eval("document.querySelectorAll('.receipt .group').length"), 6, "the receipt to hand over");
        browser.open(&format!(
            "{base}/staff/sitrep?lang={lang}&chosen=1&area=IQG02&month=2026-11&map=1&categories=1&alerts=1&response=1"
        ));
        browser.look("staff-sitrep");
        assert_eq!(browser.eval("document.querySelectorAll('figure.map path').length"), 7);
    }
}
