//! The API's OpenAPI 3.1 description (`GET /api/v1/openapi.json`): it names
//! every route the router serves under `/api/v1` and nothing else, each
//! operation's errors are the one error body, staff routes ask for the
//! bearer token and only they refuse a caller without one; and Schemathesis,
//! run against a demo server, finds every answer as the document says.

use crate::support::*;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Command;

const METHODS: [&str; 5] = ["get", "put", "post", "delete", "patch"];

/// Every operation of the document: method (upper case), path, operation.
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in METHODS {
            if let Some(operation) = item.get(method) {
                out.push((method.to_uppercase(), path.clone(), operation.clone()));
            }
        }
    }
    out
}

/// A path of the route with each parameter filled in (`1` for ids).
fn filled(route: &str) -> String {
    route
        .replace("{receipt}", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF")
        .replace("{pcode}", "IQG02")
        .replace("{key}", "nothing")
        .split('/')
        .map(|part| if part.starts_with('{') { "1" } else { part })
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test]
async fn the_document_describes_every_api_route_and_its_errors() {
    let app = TestApp::sqlite().await;
    let response = app.client.get(app.url("/api/v1/openapi.json")).send().await.expect("document");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/json");
    let doc: Value = response.json().await.expect("json");
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.1.")), "{}", doc["openapi"]);
    assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");

    // The document and the router name the same routes and methods.
    let registered: BTreeSet<(String, String)> =
        crate::matrix::registered_routes().into_iter().filter(|(_, route)| route.starts_with("/api/v1/")).collect();
    let described: BTreeSet<(String, String)> = operations(&doc).into_iter().map(|(m, p, _)| (m, p)).collect();
    let undescribed: Vec<_> = registered.difference(&described).collect();
    assert!(undescribed.is_empty(), "routes under /api/v1 missing from the OpenAPI document: {undescribed:?}");
    let unserved: Vec<_> = described.difference(&registered).collect();
    assert!(unserved.is_empty(), "operations the router does not register: {unserved:?}");
    assert!(described.len() > 40, "{} operations", described.len());

    let mut ids = BTreeSet::new();
    for (method, path, operation) in operations(&doc) {
        let name = format!("{method} {path}");
        assert!(ids.insert(operation["operationId"].as_str().expect("operationId").to_owned()), "{name}: id reused");
        assert!(operation["summary"].is_string(), "{name} has no summary");
        let responses = operation["responses"].as_object().expect("responses");
        assert!(responses.keys().any(|s| s.starts_with('2')), "{name} documents no success");
        for (status, answer) in responses {
            // Every error is the one error body, inline or as a shared response.
            if status.starts_with('4') || status.starts_with('5') {
                let answer = match answer["$ref"].as_str() {
                    Some(shared) => &doc["components"]["responses"][shared.rsplit('/').next().expect("name")],
                    None => answer,
                };
                assert_eq!(
                    answer["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/ErrorBody",
                    "{name} {status}"
                );
            }
        }
        for status in ["408", "500", "503"] {
            assert!(responses.contains_key(status), "{name} lacks {status}");
        }
        if path.contains('{') {
            assert!(responses.contains_key("400") && responses.contains_key("404"), "{name}: path parameters");
        }
        if operation["requestBody"]["content"].get("application/json").is_some() {
            for status in ["400", "413", "415", "422"] {
                assert!(responses.contains_key(status), "{name}: a JSON body, but no {status}");
            }
        }

        // The router serves it, and asks for the token exactly where the
        // document says (a staff route answers 401 to nobody, a public one never).
        let secured = operation["security"].as_array().is_some_and(|s| !s.is_empty());
        let answer = app
            .client
            .request(Method::from_bytes(method.as_bytes()).expect("method"), app.url(&filled(&path)))
            .send()
            .await
            .expect("request");
        assert_ne!(answer.status(), StatusCode::METHOD_NOT_ALLOWED, "{name}");
        assert_eq!(answer.status() == StatusCode::UNAUTHORIZED, secured, "{name} answered {}", answer.status());
        if secured {
            assert!(responses.contains_key("401") && responses.contains_key("403"), "{name}: staff only");
        }
    }

    // Every body type of the contract is a schema of the document.
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    let source = std::fs::read_to_string(format!("{}/../aman-web/src/bodies.rs", env!("CARGO_MANIFEST_DIR")))
        .expect("bodies.rs");
    for line in source.lines() {
        if let Some(name) = line.strip_prefix("pub struct ").and_then(|l| l.split([' ', '{']).next()) {
            assert!(schemas.contains_key(name), "{name} (bodies.rs) is not in the document");
        }
    }
}

/// Schemathesis (`AMAN_TEST_SCHEMATHESIS` names its `st` command; `.ci/run`
/// installs it) tests the running demo against the document: no server
/// errors, and every status, content type and body as documented, with an
/// administrator's token so the staff routes are reached too. The demo runs
/// without flood limits, so that the generated requests are not refused as
/// a flood. Skipped where the variable is unset, unless
/// `AMAN_TEST_REQUIRE_SCHEMATHESIS` is set (as `.ci/run` does).
#[tokio::test]
async fn schemathesis_finds_the_api_as_documented() {
    let required = std::env::var_os("AMAN_TEST_REQUIRE_SCHEMATHESIS").is_some_and(|v| !v.is_empty() && v != "0");
    let Some(st) = std::env::var_os("AMAN_TEST_SCHEMATHESIS").filter(|v| !v.is_empty()) else {
        assert!(!required, "AMAN_TEST_REQUIRE_SCHEMATHESIS is set but AMAN_TEST_SCHEMATHESIS is not");
        eprintln!("skipped: AMAN_TEST_SCHEMATHESIS is not set");
        return;
    };
    let dir = tempfile::TempDir::new().expect("dir");
    let demo = Demo::start(&dir, &["--intake-limits", "off"]);
    let base = demo.base.clone();
    let account = |email: &str| demo.credentials(email);
    let client = reqwest::Client::new();
    let session = async |credentials: Value| {
        let answer = client.post(format!("{base}/api/v1/sessions")).json(&credentials).send().await.expect("login");
        assert_eq!(answer.status(), StatusCode::CREATED);
        answer.json::<Value>().await.expect("json")["token"].as_str().expect("token").to_owned()
    };
    // The demo's administrator, for all of Iraq (with its second factor).
    let token = session(account("admin@demo.aman")).await;

    let run = |token: &str, methods: &[&str]| {
        let started = std::time::Instant::now();
        let mut command = Command::new(&st);
        command
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .args(["--no-color", "run", &format!("{base}/api/v1/openapi.json"), "--url", &base])
            .args(["--header", &format!("Authorization: Bearer {token}")])
            // One worker: with several, Hypothesis (reading its own sources in
            // threads) trips over a parser bug of Python 3.11.
            .args(["--checks", CHECKS, "--max-examples", "15", "--workers", "1", "--generation-database", "none"])
            // On a busy machine Hypothesis would call the generation too slow.
            .args(["--suppress-health-check", "all"]);
        for method in methods {
            command.args(["--include-method", method]);
        }
        let output = command.output().expect("schemathesis runs");
        let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        let cases = text.lines().rev().find(|l| l.contains(" generated, ")).unwrap_or_default().trim().to_owned();
        eprintln!("schemathesis {methods:?}: {cases} in {:.0?}", started.elapsed());
        (output.status.success(), text)
    };
    // Every operation but logging out, then logging out with a session of its
    // own (which the first run would otherwise end for everything after it):
    // the analyst's, who needs no second factor (a code is accepted once).
    let (passed, text) = run(&token, &["GET", "POST", "PUT", "PATCH"]);
    let spare = session(account("analyst@demo.aman")).await;
    let (passed_too, text_too) = run(&spare, &["DELETE"]);
    drop(demo);
    assert!(passed, "Schemathesis found the API unlike its document:\n{text}");
    assert!(passed_too, "Schemathesis found the API unlike its document:\n{text_too}");
}

/// What Schemathesis checks of every answer.
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance";
