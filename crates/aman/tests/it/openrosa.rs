//! Field devices (ODK Collect, KoboCollect, Enketo) through OpenRosa 1.0,
//! replaying what Collect sends (`tests/fixtures/openrosa/`, with its
//! sources) against the real server: sign in with a device password, list
//! and download the forms, send a concern with its photo twice and a survey
//! interview, and be refused in OpenRosa's own form.

use crate::support::TestApp;
use aman_core::role::Role;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/openrosa/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("fixture")
}

/// A small JPEG, as a phone's camera would send (before Aman cleans it).
fn photo() -> Vec<u8> {
    let mut jpeg = Vec::new();
    let picture = image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(8, 6, image::Rgb([200, 120, 40])));
    picture.write_to(&mut std::io::Cursor::new(&mut jpeg), image::ImageFormat::Jpeg).expect("jpeg");
    jpeg
}

/// A field account with a device password.
async fn field_account(app: &TestApp, email: &str, role: Role, area: &str) -> (String, String) {
    app.add_user(email, role, area).await;
    let user = app.db.user_by_email(email).await.expect("read").expect("user");
    let (secret, hash) = aman_app::openrosa::new_device_password();
    app.db.set_device_password(user.id, &hash, 0).await.expect("device password");
    (email.to_owned(), secret)
}

struct Device<'a> {
    app: &'a TestApp,
    email: String,
    password: String,
}

impl Device<'_> {
    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.app
            .client
            .request(method, self.app.url(path))
            .basic_auth(&self.email, Some(&self.password))
            .header("x-openrosa-version", "1.0")
            .header("accept-language", "ar")
    }

    async fn get(&self, path: &str) -> (StatusCode, String) {
        let response = self.request(reqwest::Method::GET, path).send().await.expect("get");
        assert_eq!(response.headers()["x-openrosa-version"], "1.0", "{path}");
        (response.status(), response.text().await.expect("body"))
    }

    async fn submit(&self, instance: &str, photo: Option<(&str, Vec<u8>)>) -> (StatusCode, String) {
        let mut form = Form::new().part(
            "xml_submission_file",
            Part::bytes(instance.as_bytes().to_vec()).file_name("submission.xml").mime_str("text/xml").expect("mime"),
        );
        if let Some((name, bytes)) = photo {
            form = form.part(
                name.to_owned(),
                Part::bytes(bytes).file_name(name.to_owned()).mime_str("image/jpeg").expect("mime"),
            );
        }
        let response =
            self.request(reqwest::Method::POST, "/openrosa/submission").multipart(form).send().await.expect("post");
        assert_eq!(response.headers()["x-openrosa-version"], "1.0");
        assert!(response.headers()["content-type"].to_str().expect("ascii").starts_with("text/xml"));
        (response.status(), response.text().await.expect("body"))
    }
}

/// The text of the one `<message>` of an OpenRosa answer.
fn message(body: &str) -> String {
    assert!(body.contains("<OpenRosaResponse xmlns=\"http://openrosa.org/http/response\">"), "{body}");
    let start = body.find("<message").and_then(|i| body[i..].find('>').map(|j| i + j + 1)).expect("message");
    let end = body.find("</message>").expect("end of message");
    body[start..end].to_owned()
}

/// The values of an element in an XML text, in order.
fn values(xml: &str, tag: &str) -> Vec<String> {
    xml.split(&format!("<{tag}>"))
        .skip(1)
        .filter_map(|rest| rest.split_once(&format!("</{tag}>")).map(|(v, _)| v.to_owned()))
        .collect()
}

both! {
/// A caseworker's tablet lists and downloads the concern form (its places
/// only the account's governorate) and the open survey, files a concern
/// with its photo, sends it again as Collect does after a lost answer, and
/// files one concern, with the receipt to hand over both times; the
/// survey interview is stored once too.
async fn a_field_device_lists_downloads_and_files_once(app: TestApp) {
    let workbook = std::fs::read(format!("{}/../../data/surveys/community-security-perception.xlsx", env!("CARGO_MANIFEST_DIR")))
        .expect("item bank");
    app.db.insert_survey_form("aman_perception", "2026.1", "Community safety", &workbook, 0).await.expect("form");
    let (email, password) = field_account(&app, "field@basra", Role::CsoCaseworker, "IQG02").await;
    let device = Device { app: &app, email, password };

    let head = device.request(reqwest::Method::HEAD, "/openrosa/submission").send().await.expect("head");
    assert_eq!(head.status(), StatusCode::NO_CONTENT);
    let accepts: usize = head.headers()["x-openrosa-accept-content-length"].to_str().expect("ascii").parse().expect("number");
    assert!(accepts >= 10 << 20, "a photo fits: {accepts}");

    let (status, list) = device.get("/openrosa/formList").await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert!(list.contains("<xforms xmlns=\"http://openrosa.org/xforms/xformsList\">"), "{list}");
    assert_eq!(values(&list, "formID"), ["aman_concern", "aman_perception"]);
    let urls = values(&list, "downloadUrl");
    let hashes = values(&list, "hash");
    for (url, hash) in urls.iter().zip(&hashes) {
        let path = url.strip_prefix(&app.url("")).unwrap_or_else(|| panic!("{url} is this server's"));
        let (status, xform) = device.get(&format!("/{}", path.trim_start_matches('/'))).await;
        assert_eq!(status, StatusCode::OK, "{url}");
        use md5::Digest;
        assert_eq!(hash, &format!("md5:{}", hex::encode(md5::Md5::digest(xform.as_bytes()))), "{url}");
        assert!(xform.contains("<instance>") && xform.contains("jr:preload=\"uid\""), "{xform}");
    }
    let (_, concern_form) = device.get("/openrosa/forms/aman_concern.xml").await;
    assert!(concern_form.contains("<value>IQG02Q01N01</value>") || concern_form.contains("<name>IQG02Q01N01</name>"));
    assert!(!concern_form.contains("<name>IQG15Q01</name>"), "places outside the account's area are not offered");
    for language in ["العربية (ar)", "English (en)", "Kurmancî (kmr)"] {
        assert!(concern_form.contains(language), "{language}");
    }
    assert_eq!(device.get("/openrosa/forms/nothing.xml").await.0, StatusCode::NOT_FOUND);

    // The concern with its photo, then again: one concern, one photo, the same receipt.
    let instance = fixture("concern_instance.xml");
    let jpeg = photo();
    let (status, body) = device.submit(&instance, Some(("1765098000123.jpg", jpeg.clone()))).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let said = message(&body);
    assert!(said.contains("إيصال"), "in the device's language: {said}");
    let receipt = said.rsplit(": ").next().expect("receipt").trim().to_owned();
    assert_eq!(receipt.chars().filter(|c| c.is_ascii_alphanumeric()).count(), 24, "{said}");
    let (status, again) = device.submit(&instance, Some(("1765098000123.jpg", jpeg))).await;
    assert_eq!(status, StatusCode::CREATED, "{again}");
    assert_eq!(message(&again), said, "the same receipt to hand over");
    assert_eq!(app.db.count_concerns().await.expect("count"), 1);

    let triage = app.staff(Role::TriageOfficer, "IQG02").await;
    let id = app.newest_concern_id(&triage).await;
    let (_, concern) = triage.get(&format!("/api/v1/concerns/{id}")).await;
    assert_eq!(concern["channel"], "odk", "{concern}");
    assert_eq!(concern["category"], "armed_groups_weapons");
    assert_eq!(concern["area"]["pcode"], "IQG02Q01N01", "{concern}");
    assert_eq!(concern["contact"]["name"], "أم علي", "{concern}");
    let (_, photos) = triage.get(&format!("/api/v1/concerns/{id}/attachments")).await;
    assert_eq!(photos["attachments"].as_array().map(Vec::len), Some(1), "{photos}");
    assert!(!crate::support::contains(&app.stored_bytes().await, "أم علي"), "the name is sealed");
    let (status, tracked) = app.get_json(&format!("/api/v1/receipts/{}", receipt.replace(['-', ' '], ""))).await;
    assert_eq!(status, StatusCode::OK, "the resident follows it with the receipt: {tracked}");

    // A survey interview, sent twice: one response.
    let survey = fixture("survey_instance.xml");
    for _ in 0..2 {
        let (status, body) = device.submit(&survey, None).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let stored = app.db.survey_responses("aman_perception", "").await.expect("responses");
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].source, "odk");
}

/// What a device is refused, each in OpenRosa's form and the device's
/// language, with nothing filed: no password, a wrong one, a staff session
/// instead of a device password, a device password on the rest of Aman, a
/// broken instance, a concern that fails the form's checks, a place
/// outside the account's area, and a revoked password.
async fn a_field_device_is_refused_in_its_protocol(app: TestApp) {
    let (email, password) = field_account(&app, "field@basra", Role::CsoCaseworker, "IQG02").await;
    let device = Device { app: &app, email: email.clone(), password: password.clone() };

    let anonymous = app.client.get(app.url("/openrosa/formList")).send().await.expect("get");
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    assert!(anonymous.headers()["www-authenticate"].to_str().expect("ascii").starts_with("Basic realm="));
    assert_eq!(anonymous.headers()["x-openrosa-version"], "1.0");
    let wrong = Device { app: &app, email: email.clone(), password: "not-the-password".into() };
    let (status, body) = wrong.get("/openrosa/formList").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(!message(&body).is_empty());
    let other_email = Device { app: &app, email: "someone@else".into(), password: password.clone() };
    assert_eq!(other_email.get("/openrosa/formList").await.0, StatusCode::UNAUTHORIZED);

    // The staff password does not open the door, nor a device password the rest of Aman.
    let staff_password = Device { app: &app, email: email.clone(), password: format!("password for {email}") };
    assert_eq!(staff_password.get("/openrosa/formList").await.0, StatusCode::UNAUTHORIZED);
    let api = app.client.get(app.url("/api/v1/concerns")).bearer_auth(&password).send().await.expect("get");
    assert_eq!(api.status(), StatusCode::UNAUTHORIZED);
    let api = app.client.get(app.url("/api/v1/concerns")).basic_auth(&email, Some(&password)).send().await.expect("get");
    assert_eq!(api.status(), StatusCode::UNAUTHORIZED);

    let (status, body) = device.submit("<data id=\"aman_concern\"><category>crime", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let instance = fixture("concern_instance.xml");
    let short = instance.replace(
        "رجال مسلحون يقيمون حاجزاً ليلاً قرب سوق الزبير ويأخذون المال من السائقين",
        "حاجز",
    );
    let (status, body) = device.submit(&short, Some(("1765098000123.jpg", photo()))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(message(&body).contains("الوصف") || message(&body).contains("description"), "{body}");
    let unconfirmed =
        instance.replace("<consent_confirmed>yes</consent_confirmed>", "<consent_confirmed>no</consent_confirmed>");
    assert_eq!(device.submit(&unconfirmed, None).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    let missing_photo = instance.replace("uuid:3c0b1f6e", "uuid:4d1c2f7f");
    assert_eq!(device.submit(&missing_photo, None).await.0, StatusCode::UNPROCESSABLE_ENTITY, "the photo it names is missing");
    let elsewhere = instance
        .replace("<adm1>IQG02</adm1><adm2>IQG02Q01</adm2><adm3>IQG02Q01N01</adm3>", "<adm1>IQG15</adm1><adm2 /><adm3 />")
        .replace("<photo>1765098000123.jpg</photo>", "<photo />");
    let (status, body) = device.submit(&elsewhere, None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a place the form does not offer: {body}");
    assert_eq!(app.db.count_concerns().await.expect("count"), 0, "nothing half-written");

    // Revoked, or the account disabled: the device is out.
    let user = app.db.user_by_email(&email).await.expect("read").expect("user");
    assert!(app.db.revoke_device_password(user.id).await.expect("revoke"));
    assert_eq!(device.get("/openrosa/formList").await.0, StatusCode::UNAUTHORIZED);

    // Roles that may not file for residents get nothing from a device password.
    let (analyst, analyst_password) = field_account(&app, "analyst@basra", Role::Analyst, "IQG02").await;
    let analyst = Device { app: &app, email: analyst, password: analyst_password };
    assert_eq!(analyst.get("/openrosa/formList").await.0, StatusCode::UNAUTHORIZED);
}
}

/// `aman user device-password` prints a password once for an account that
/// may file for residents, refuses other roles, and revokes; each recorded
/// in the audit log.
#[tokio::test]
async fn a_device_password_is_issued_and_revoked_from_the_command_line() {
    let app = TestApp::sqlite().await;
    let (key, db) = (app.key_file(), app.database_url());
    app.add_user("field@basra", Role::CsoCaseworker, "IQG02").await;
    app.add_user("analyst@basra", Role::Analyst, "IQG02").await;
    let run = |email: &str, revoke: bool| {
        let mut args = vec!["user", "device-password", "--email", email, "--db", &db, "--key-file", &key];
        if revoke {
            args.push("--revoke");
        }
        crate::cli::aman(&args, None)
    };
    let issued = run("field@basra", false);
    assert!(issued.status.success(), "{}", String::from_utf8_lossy(&issued.stderr));
    let out = String::from_utf8_lossy(&issued.stdout).into_owned();
    let password = out.lines().last().expect("password").trim().to_owned();
    let device = Device { app: &app, email: "field@basra".into(), password };
    assert_eq!(device.get("/openrosa/formList").await.0, StatusCode::OK, "{out}");

    let refused = run("analyst@basra", false);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("cso_caseworker"));

    let revoked = run("field@basra", true);
    assert!(revoked.status.success());
    assert_eq!(device.get("/openrosa/formList").await.0, StatusCode::UNAUTHORIZED);
    let (audit, _) = app.db.audit_chain().await.expect("audit");
    let actions: Vec<&str> = audit.iter().map(|e| e.event.action.as_str()).collect();
    assert!(
        actions.contains(&"user.device_password") && actions.contains(&"user.device_password.revoke"),
        "{actions:?}"
    );
}
