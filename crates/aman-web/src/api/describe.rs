//! The API's OpenAPI 3.1 description, served at `GET /api/v1/openapi.json`.
//!
//! Each route of `/api/v1` is registered with `utoipa_axum::routes!` from
//! its handler's `#[utoipa::path]` attribute, so the router and the document
//! are built from one table: a route cannot be served without being
//! described. The attribute gives what is particular to the route (its
//! parameters, body, successes and the errors only it can answer, such as
//! `409`); [`complete`] adds the errors that follow from the route's shape,
//! each a shared response with the one error body (`ErrorBody`):
//!
//! - every route: `408` (the request took too long), `500`, `503`;
//! - a route for staff (`security` names the bearer token): `401`, `403`;
//! - a route with path parameters: `400` (one is malformed), `404`;
//! - a route with a JSON body: `400` (not JSON of the expected shape),
//!   `413`, `415`, `422`.

use crate::bodies::ErrorBody;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Components, Content, InfoBuilder, OpenApi, Ref, RefOr};
use utoipa::{PartialSchema, ToResponse, ToSchema};

/// The security scheme of staff routes (`security(("bearer" = []))`).
pub(super) const BEARER: &str = "bearer";

/// The shared error responses: a type per response (usable in a route's
/// `responses(...)` as `response = Conflict`), its status and what it means.
macro_rules! error_responses {
    ($($name:ident $status:literal $description:literal;)*) => {
        $(
            #[doc = $description]
            #[allow(dead_code, reason = "a marker, named in a route's `responses(...)`, never built")]
            pub(super) struct $name;

            impl<'r> ToResponse<'r> for $name {
                fn response() -> (&'r str, RefOr<Response>) {
                    (stringify!($name), error_response($description).into())
                }
            }
        )*

        /// Every shared error response: name, status, the response.
        fn all_error_responses() -> Vec<(&'static str, u16, Response)> {
            vec![$((stringify!($name), $status, error_response($description)),)*]
        }
    };
}

error_responses! {
    BadRequest 400 "The request could not be read: `bad_request` (a malformed path or query parameter) or `malformed_json` (the body is not JSON of the expected shape).";
    Unauthorized 401 "`unauthorized`: no valid session (send `Authorization: Bearer TOKEN` from `POST /api/v1/sessions`).";
    Forbidden 403 "`forbidden`: the account's role or area does not allow this (or `second_factor_not_enrolled`).";
    NotFound 404 "`not_found`: no such record, or one outside the reader's area or clearance.";
    RequestTimeout 408 "`request_timeout`: the request (its body) took too long to arrive; nothing was saved.";
    Conflict 409 "`illegal_transition` (the life-cycle does not allow this move now) or `edit_conflict` (someone else changed it meanwhile: send the `version` you saw, reload and retry).";
    PayloadTooLarge 413 "`payload_too_large`: the body exceeds its limit (64 KiB; 10 MB for a photo).";
    UnsupportedMediaType 415 "`unsupported_media_type`: the body is not of the accepted type (`application/json`).";
    ValidationFailed 422 "`validation_failed`: one or more fields are invalid; `field_codes` names each field's error.";
    ChallengeRequired 428 "`challenge_required`: many reports are arriving at once; solve the challenge in the `Aman-Challenge` headers (or wait `Retry-After` seconds) and send again. Nothing was saved.";
    RateLimited 429 "`rate_limited`: too many requests from this connection or from everyone at once; `Retry-After` says when to try again.";
    Internal 500 "`internal`: a failure on our side; nothing was saved.";
    Unavailable 503 "`unavailable`: the database cannot be reached; try again shortly.";
}

fn error_response(description: &str) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content("application/json", Content::new(Some(Ref::from_schema_name(ErrorBody::name()))))
        .build()
}

/// The document: the routes' own description, completed.
pub(super) fn complete(mut doc: OpenApi) -> OpenApi {
    doc.info = InfoBuilder::new()
        .title("Aman API")
        .version("v1")
        .description(Some(
            "The JSON API of Aman, a community-security platform: concerns filed by residents, \
             their receipts, Iraq's areas, and the staff's triage, committees, referrals, actions \
             and early-warning alerts. Staff routes need `Authorization: Bearer TOKEN`, the token \
             from `POST /api/v1/sessions`. Every error is `ErrorBody` with a stable code \
             (docs/api-errors.md); messages follow `Accept-Language` or `?lang=ar|ckb|kmr|en`.",
        ))
        .license(Some(utoipa::openapi::License::new("MIT")))
        .build();
    let components = doc.components.get_or_insert_with(Components::new);
    components.security_schemes.insert(
        BEARER.to_owned(),
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .description(Some("A staff session's token, from `POST /api/v1/sessions`."))
                .build(),
        )
        .into(),
    );
    let mut schemas = vec![(ErrorBody::name().into_owned(), ErrorBody::schema())];
    ErrorBody::schemas(&mut schemas);
    components.schemas.extend(schemas);
    let shared = all_error_responses();
    for (name, _, response) in &shared {
        components.responses.insert((*name).to_owned(), response.clone().into());
    }
    for item in doc.paths.paths.values_mut() {
        for operation in
            [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch].into_iter().flatten()
        {
            add_shape_errors(operation, &shared);
        }
    }
    doc
}

/// Adds the errors that follow from the operation's shape (module docs),
/// leaving any the route's attribute already describes.
fn add_shape_errors(operation: &mut Operation, shared: &[(&'static str, u16, Response)]) {
    let secured = operation.security.as_ref().is_some_and(|s| !s.is_empty());
    let in_path = operation
        .parameters
        .iter()
        .flatten()
        .any(|p| matches!(p, RefOr::T(p) if matches!(p.parameter_in, ParameterIn::Path)));
    let json_body = operation.request_body.as_ref().is_some_and(|body| match body {
        RefOr::T(body) => body.content.contains_key("application/json"),
        RefOr::Ref(_) => true,
    });
    let mut names = vec!["RequestTimeout", "Internal", "Unavailable"];
    if secured {
        names.extend(["Unauthorized", "Forbidden"]);
    }
    if in_path {
        names.extend(["BadRequest", "NotFound"]);
    }
    if json_body {
        names.extend(["BadRequest", "PayloadTooLarge", "UnsupportedMediaType", "ValidationFailed"]);
    }
    for (name, status, _) in shared.iter().filter(|(name, _, _)| names.contains(name)) {
        operation
            .responses
            .responses
            .entry(status.to_string())
            .or_insert_with(|| RefOr::Ref(Ref::new(format!("#/components/responses/{name}"))));
    }
}
