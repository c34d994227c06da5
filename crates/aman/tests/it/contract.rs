//! The JSON API's contract, checked on every answer the tests receive: each
//! route's body must read back into its type in `aman_web::bodies` and write
//! out again as exactly the same JSON (nothing the type does not describe,
//! nothing of another type). A route missing from [`check`] fails the test
//! that called it, so a new route cannot dodge the contract.

use aman_web::bodies::*;
use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn conforms<T: DeserializeOwned + Serialize>(route: &str, body: &Value) {
    let typed: T = serde_json::from_value(body.clone()).unwrap_or_else(|e| {
        panic!("{route}: the answer does not read as {}: {e}\n{body:#}", std::any::type_name::<T>())
    });
    let again = serde_json::to_value(&typed).expect("serialise");
    assert_eq!(&again, body, "{route}: the answer holds what {} does not describe", std::any::type_name::<T>());
}

/// Checks one JSON answer of the API against its type.
pub fn check(method: &Method, path: &str, status: StatusCode, body: &Value) {
    let path = path.split('?').next().unwrap_or(path);
    let Some(rest) = path.strip_prefix("/api/v1") else { return };
    let route = format!("{method} {path}");
    if status.is_client_error() || status.is_server_error() {
        return conforms::<ErrorBody>(&route, body);
    }
    if status == StatusCode::NO_CONTENT || (body.is_null() && status == StatusCode::CREATED) {
        return;
    }
    let parts: Vec<&str> = rest.trim_start_matches('/').split('/').collect();
    let post = *method == Method::POST;
    let put = *method == Method::PUT;
    match parts.as_slice() {
        ["concerns"] if post => conforms::<Submitted>(&route, body),
        ["concerns"] => conforms::<ConcernPage>(&route, body),
        ["concerns", _] => conforms::<ConcernDetail>(&route, body),
        ["concerns", _, "transitions"] => conforms::<ConcernDetail>(&route, body),
        ["concerns", _, "referrals"] if post => conforms::<Created>(&route, body),
        ["concerns", _, "referrals"] | ["referrals"] => conforms::<ReferralList>(&route, body),
        ["referrals", _, "answer"] => conforms::<ReferralBody>(&route, body),
        ["receipts", _] => conforms::<ReceiptStatus>(&route, body),
        ["receipts", _, "attachments"] => conforms::<Created>(&route, body),
        ["concerns", _, "attachments"] => conforms::<AttachmentList>(&route, body),
        ["receipts", _, "confirmations"] | ["actions", _, "confirmations"] => conforms::<VerdictRecorded>(&route, body),
        ["areas"] => conforms::<AreaList>(&route, body),
        ["areas", "locate"] => conforms::<Located>(&route, body),
        ["areas", "geocode"] => conforms::<Geocoded>(&route, body),
        ["areas", _] => conforms::<AreaDetail>(&route, body),
        ["sessions"] if post => conforms::<SessionOpened>(&route, body),
        ["audit"] => conforms::<AuditPage>(&route, body),
        ["alerts"] => conforms::<AlertList>(&route, body),
        ["alerts", _, "transitions"] => conforms::<AlertBody>(&route, body),
        ["alerts", _] => conforms::<AlertDetailBody>(&route, body),
        ["surveys"] => conforms::<SurveyList>(&route, body),
        ["surveys", _, "estimates"] => conforms::<Estimates>(&route, body),
        ["public", "accountability"] => conforms::<AccountabilityBody>(&route, body),
        ["committees"] if post => conforms::<Created>(&route, body),
        ["committees"] => conforms::<CommitteeList>(&route, body),
        ["committees", _] => conforms::<CommitteeDetail>(&route, body),
        ["committees", _, "members" | "issues" | "meetings"] => conforms::<Created>(&route, body),
        ["committees", _, "actions"] if post => conforms::<Created>(&route, body),
        ["committees", _, "actions"] => conforms::<ActionList>(&route, body),
        ["actions", _] | ["actions", _, "progress"] => conforms::<ActionDetail>(&route, body),
        ["meetings", _] | ["meetings", _, "attendance" | "minutes"] if !post || put => {
            conforms::<MeetingBody>(&route, body)
        }
        ["meetings", _, "priorities"] => {
            conforms::<aman_core::committee::ranking::Prioritisation<String>>(&route, body)
        }
        ["organisations"] => conforms::<OrganisationList>(&route, body),
        // The API's own description, checked by `openapi.rs`.
        ["openapi.json"] => {}
        _ => panic!("{route} answered JSON but is not in the API contract (tests/it/contract.rs)"),
    }
}
