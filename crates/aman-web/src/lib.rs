//! Aman's HTTP face: pages for residents (report, track) and staff (triage),
//! the JSON API under `/api/v1`, translations, and the one error type.
//!
//! [`serve`] takes a bound listener, so tests bind port 0 and never sleep.

mod api;
mod auth;
pub mod bodies;
pub mod challenge;
mod cookies;
pub mod csv_out;
mod doors;
pub mod error;
pub mod gate;
pub mod i18n;
pub mod limits;
mod pages;
mod state;

pub use api::openapi;
pub use pages::{STYLESHEET, sitrep_html};
pub use state::{AppState, Settings};

// The application's operations, as the handlers name them.
use aman_app::{accountability, actions, alerts, committees, concerns, index, queue, referrals, surveys};

use crate::error::{AppError, ErrorCode};
use crate::i18n::Tr;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::{Json, Router};
use std::future::Future;
use tokio::net::TcpListener;

/// Largest request body accepted anywhere (a concern is at most 4,000
/// characters; 64 KiB leaves room for the rest of a form).
pub const BODY_LIMIT: usize = 64 * 1024;

pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(pages::router())
        .merge(doors::router())
        .nest(api::PREFIX, Router::from(api::router()))
        .route("/healthz", axum::routing::get(|| async { "ok" }))
        .route("/readyz", axum::routing::get(readyz))
        .route_layer(middleware::from_fn(measure))
        .fallback(|| async { AppError::new(ErrorCode::NotFound) })
        .method_not_allowed_fallback(|| async { AppError::new(ErrorCode::MethodNotAllowed) })
        .layer(middleware::from_fn_with_state(state.clone(), gate::limit_public))
        .layer(middleware::from_fn_with_state(state.clone(), deadline))
        .layer(middleware::from_fn_with_state(state.clone(), finish))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(state)
}

/// Serves the metrics `render` gives (Prometheus text) at `GET /metrics`, on
/// a listener of their own that the public never reaches.
pub async fn serve_metrics(
    listener: TcpListener,
    render: impl Fn() -> String + Clone + Send + Sync + 'static,
) -> std::io::Result<()> {
    let metrics = Router::new().route("/metrics", axum::routing::get(move || std::future::ready(render())));
    axum::serve(listener, metrics).await
}

/// Serves until `shutdown` completes, then finishes requests in flight.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // A request's headers, like its body (`deadline`), must arrive in time:
    // a client trickling them in is cut off instead of holding a connection.
    let header_timeout = state.web_settings().request_timeout;
    let app = router(state);
    let connections = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, say: wait, do not spin.
                    tracing::warn!(%error, "cannot accept a connection");
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<hyper::body::Incoming>| {
            // The client address reaches only the flood limiter (see `limits`).
            request.extensions_mut().insert(axum::extract::ConnectInfo(remote));
            tower::ServiceExt::oneshot(app.clone(), request.map(axum::body::Body::new))
        });
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder.timer(hyper_util::rt::TokioTimer::new()).header_read_timeout(header_timeout);
        let connection = connections.watch(builder.serve_connection(hyper_util::rt::TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection ended");
            }
        });
    }
    drop(listener);
    // Requests in flight finish (within the request deadline); idle
    // connections close.
    let _ = tokio::time::timeout(header_timeout, connections.shutdown()).await;
    Ok(())
}

/// Answers `408` to a request not finished within the configured time (a
/// body trickling in byte by byte, say), dropping its work.
async fn deadline(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    match tokio::time::timeout(state.web_settings().request_timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => AppError::new(ErrorCode::RequestTimeout).into_response(),
    }
}

async fn readyz(axum::extract::State(state): axum::extract::State<AppState>) -> Response {
    match state.db().ping().await {
        Ok(()) => "ready".into_response(),
        Err(error) => {
            tracing::error!(%error, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
}

/// Counts every request routed by its route's pattern (never the path
/// itself, which may hold a receipt), method and status, and times it:
/// `aman_http_requests_total{route,method,status}` and
/// `aman_http_request_duration_seconds{route}`, read where the operator
/// serves metrics (`aman serve --metrics-listen`); nothing when they do not.
async fn measure(request: Request, next: Next) -> Response {
    let route = request.extensions().get::<axum::extract::MatchedPath>().map(|p| p.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    let started = std::time::Instant::now();
    let response = next.run(request).await;
    let route = route.unwrap_or_else(|| "unmatched".to_owned());
    let status = response.status().as_u16().to_string();
    metrics::counter!("aman_http_requests_total", "route" => route.clone(), "method" => method, "status" => status)
        .increment(1);
    metrics::histogram!("aman_http_request_duration_seconds", "route" => route).record(started.elapsed().as_secs_f64());
    response
}

/// Runs around every request: renders errors in the reader's language as
/// JSON (API) or HTML (pages), remembers an explicit `?lang=`, and sets the
/// security headers. It logs method, status and time only: never the path
/// (it may hold a receipt), the client's address or its user agent.
async fn finish(axum::extract::State(state): axum::extract::State<AppState>, request: Request, next: Next) -> Response {
    let tr = Tr::new(i18n::negotiate(request.uri().query(), request.headers()));
    let remember = i18n::requested_language(request.uri().query());
    let is_api = request.uri().path().starts_with("/api/");
    let method = request.method().clone();
    let started = std::time::Instant::now();

    let mut response = next.run(request).await;

    let unexplained = (response.status().is_client_error() || response.status().is_server_error())
        && response.headers().get(header::CONTENT_TYPE).is_none_or(|t| t.as_bytes().starts_with(b"text/plain"));
    let error = response
        .extensions_mut()
        .remove::<AppError>()
        .or_else(|| unexplained.then(|| AppError::new(ErrorCode::for_status(response.status()))));
    if let Some(error) = error {
        let status = response.status();
        let mut rendered = if is_api {
            (status, Json(error.json_body(tr))).into_response()
        } else {
            (status, Html(pages::error_page(tr, &error))).into_response()
        };
        // Keep what the handler said besides the body (Retry-After, cookies).
        for (name, value) in response.headers() {
            if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
                rendered.headers_mut().append(name, value.clone());
            }
        }
        response = rendered;
    }
    let headers = response.headers_mut();
    for (name, value) in [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    // Served over HTTPS (behind a TLS proxy): browsers must never fall back.
    if state.web_settings().secure_cookies {
        headers
            .insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    if let Some(lang) = remember {
        let cookie = format!("lang={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.as_str());
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            headers.append(header::SET_COOKIE, value);
        }
    }
    let status = response.status();
    if status.is_server_error() {
        tracing::warn!(%method, status = status.as_u16(), elapsed_ms = started.elapsed().as_millis() as u64, "request failed");
    } else if method != Method::GET {
        tracing::debug!(%method, status = status.as_u16(), elapsed_ms = started.elapsed().as_millis() as u64, "request");
    }
    response
}
