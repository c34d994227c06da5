//! OpenRosa 1.0 for ODK Collect, KoboCollect and Enketo: `GET
//! /openrosa/formList`, `GET /openrosa/forms/{id}.xml`, `HEAD|POST
//! /openrosa/submission` (multipart: `xml_submission_file` and the photos
//! it names). Devices sign in with HTTP Basic authentication — the
//! account's e-mail and its device password — over HTTPS; every answer
//! carries `X-OpenRosa-Version: 1.0`, and refusals are OpenRosa messages in
//! the reader's language.

use crate::error::{AppError, ErrorCode};
use crate::gate::Gate;
use crate::i18n::Tr;
use crate::state::AppState;
use aman_app::openrosa::{self, Attachment, Filed};
use aman_app::{Actor, Error};
use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use quick_xml::Writer;
use quick_xml::events::BytesText;

/// The largest submission taken: the form and its photo. A device sends a
/// bigger one in parts, which are refused here: one photo fits.
const MAX_SUBMISSION: usize = aman_app::attachments::MAX_BYTES + (1 << 20);

const REALM: &str = "Basic realm=\"Aman\", charset=\"UTF-8\"";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openrosa/formList", get(form_list))
        .route("/openrosa/forms/{file}", get(form))
        .route("/openrosa/submission", post(submit).head(ready))
        .layer(DefaultBodyLimit::max(MAX_SUBMISSION))
}

/// An OpenRosa answer: the protocol's headers on whatever the body is.
fn openrosa(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/xml; charset=utf-8"));
    headers.insert("x-openrosa-version", HeaderValue::from_static("1.0"));
    headers.insert("x-openrosa-accept-content-length", HeaderValue::from(MAX_SUBMISSION));
    response
}

fn xml(write: impl FnOnce(&mut Writer<Vec<u8>>) -> std::io::Result<()>) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 1);
    // Writing to memory cannot fail.
    write(&mut writer).expect("writing to memory");
    let body = String::from_utf8(writer.into_inner()).expect("the writer writes UTF-8");
    format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{body}")
}

/// `<OpenRosaResponse>` with one message.
fn message(status: StatusCode, nature: &str, text: &str) -> Response {
    let body = xml(|w| {
        w.create_element("OpenRosaResponse")
            .with_attribute(("xmlns", "http://openrosa.org/http/response"))
            .write_inner_content(|w| {
                w.create_element("message")
                    .with_attribute(("nature", nature))
                    .write_text_content(BytesText::new(text))?;
                Ok(())
            })?;
        Ok(())
    });
    openrosa(status, body)
}

/// A refusal as an OpenRosa message, in the reader's language.
fn refused(t: Tr, error: Error) -> Response {
    let text = match &error {
        Error::Invalid(_) | Error::NotFound => aman_app::rapidpro::refusal(t.0, &error),
        Error::Unauthorized => t.get("odk-sign-in"),
        _ => String::new(),
    };
    let error = AppError::from(error);
    let text = if text.is_empty() { t.get(&format!("error-{}", error.code.as_str())) } else { text };
    let mut response = message(error.code.status(), "error", &text);
    if error.code.status() == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static(REALM));
    }
    response
}

/// The account the device signed in as (HTTP Basic: e-mail and device password).
async fn device(state: &AppState, headers: &HeaderMap) -> Result<Actor, Error> {
    let credentials = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|v| base64::engine::general_purpose::STANDARD.decode(v.trim()).ok())
        .and_then(|v| String::from_utf8(v).ok())
        .ok_or(Error::Unauthorized)?;
    let (email, password) = credentials.split_once(':').ok_or(Error::Unauthorized)?;
    openrosa::authenticate(state, email, password).await
}

/// Where the device downloads a form: this server as the device reached it.
fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("localhost");
    let scheme = if state.web_settings().secure_cookies { "https" } else { "http" };
    format!("{scheme}://{host}")
}

async fn form_list(State(state): State<AppState>, t: Tr, headers: HeaderMap) -> Response {
    let actor = match device(&state, &headers).await {
        Ok(actor) => actor,
        Err(error) => return refused(t, error),
    };
    let forms = match openrosa::forms(&state, &actor).await {
        Ok(forms) => forms,
        Err(error) => return refused(t, error),
    };
    let base = base_url(&state, &headers);
    let body = xml(|w| {
        w.create_element("xforms")
            .with_attribute(("xmlns", "http://openrosa.org/xforms/xformsList"))
            .write_inner_content(|w| {
                for form in &forms {
                    use md5::Digest;
                    let hash = format!("md5:{}", hex::encode(md5::Md5::digest(form.xform.as_bytes())));
                    let url = format!("{base}/openrosa/forms/{}.xml", form.id);
                    w.create_element("xform").write_inner_content(|w| {
                        for (tag, text) in [
                            ("formID", form.id.as_str()),
                            ("name", form.title.as_str()),
                            ("version", form.version.as_str()),
                            ("hash", hash.as_str()),
                            ("downloadUrl", url.as_str()),
                        ] {
                            w.create_element(tag).write_text_content(BytesText::new(text))?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    });
    openrosa(StatusCode::OK, body)
}

async fn form(State(state): State<AppState>, t: Tr, Path(file): Path<String>, headers: HeaderMap) -> Response {
    let actor = match device(&state, &headers).await {
        Ok(actor) => actor,
        Err(error) => return refused(t, error),
    };
    let Some(id) = file.strip_suffix(".xml") else { return refused(t, Error::NotFound) };
    match openrosa::form(&state, &actor, id).await {
        Ok(form) => openrosa(StatusCode::OK, form.xform),
        Err(error) => refused(t, error),
    }
}

/// `HEAD /submission`: a device asks whether it may send, and how much.
async fn ready(State(state): State<AppState>, t: Tr, headers: HeaderMap) -> Response {
    match device(&state, &headers).await {
        Ok(_) => openrosa(StatusCode::NO_CONTENT, String::new()),
        Err(error) => refused(t, error),
    }
}

/// The form a device sent and the files it named, read from the multipart body.
async fn read_submission(request: Request, state: &AppState) -> Result<(String, Vec<Attachment>), AppError> {
    let bad = |_| AppError::new(ErrorCode::BadRequest);
    let mut parts =
        Multipart::from_request(request, state).await.map_err(|_| AppError::new(ErrorCode::UnsupportedMediaType))?;
    let (mut instance, mut attachments) = (None, Vec::new());
    while let Some(part) = parts.next_field().await.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::new(ErrorCode::PayloadTooLarge)
        } else {
            AppError::new(ErrorCode::BadRequest)
        }
    })? {
        let name = part.name().unwrap_or_default().to_owned();
        let file_name = part.file_name().unwrap_or_default().to_owned();
        let content_type = part.content_type().unwrap_or_default().to_owned();
        let bytes = part.bytes().await.map_err(|_| AppError::new(ErrorCode::PayloadTooLarge))?;
        if name == "xml_submission_file" {
            instance = Some(String::from_utf8(bytes.to_vec()).map_err(bad)?);
        } else if name == "*isIncomplete*" {
            // A submission in parts: the photo alone would not fit.
            return Err(AppError::new(ErrorCode::PayloadTooLarge));
        } else if attachments.len() < aman_app::attachments::MAX_PER_CONCERN as usize {
            attachments.push(Attachment {
                name: if file_name.is_empty() { name } else { file_name },
                content_type,
                bytes: bytes.to_vec(),
            });
        }
    }
    Ok((instance.ok_or(AppError::new(ErrorCode::BadRequest))?, attachments))
}

async fn submit(State(state): State<AppState>, t: Tr, gate: Gate, request: Request) -> Response {
    let actor = match device(&state, request.headers()).await {
        Ok(actor) => actor,
        Err(error) => return refused(t, error),
    };
    if let Err(too_many) = gate.spend_submission(&state) {
        let mut response = message(StatusCode::TOO_MANY_REQUESTS, "error", &t.get("error-rate_limited"));
        let retry = too_many.into_response().headers().get(header::RETRY_AFTER).cloned();
        if let Some(retry) = retry {
            response.headers_mut().insert(header::RETRY_AFTER, retry);
        }
        return response;
    }
    let (instance, attachments) = match read_submission(request, &state).await {
        Ok(read) => read,
        Err(error) => return message(error.code.status(), "error", &t.get(&format!("error-{}", error.code.as_str()))),
    };
    match openrosa::submit(&state, &actor, &instance, &attachments).await {
        Ok(Filed::Concern(submitted)) => {
            let receipt = submitted.receipt.grouped();
            message(StatusCode::CREATED, "submit_success", &t.text("odk-filed", &[("receipt", &receipt)]))
        }
        Ok(Filed::Response) => message(StatusCode::CREATED, "submit_success", &t.get("odk-stored")),
        Err(error) => refused(t, error),
    }
}
