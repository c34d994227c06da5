//! The reader's language for one request: `?lang=` (remembered in a
//! cookie), then the cookie, then `Accept-Language`, then Arabic. The
//! translations themselves are `aman_app::i18n`.

use aman_core::concern::Language;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use std::convert::Infallible;

pub use aman_app::i18n::keys;

/// The translator for one request's language (an extractor).
#[derive(Clone, Copy, Debug)]
pub struct Tr(pub aman_app::i18n::Tr);

impl Tr {
    pub fn new(lang: Language) -> Tr {
        Tr(aman_app::i18n::Tr::new(lang))
    }
}

impl std::ops::Deref for Tr {
    type Target = aman_app::i18n::Tr;

    fn deref(&self) -> &aman_app::i18n::Tr {
        &self.0
    }
}

/// The language a request asked for explicitly with `?lang=`.
pub fn requested_language(query: Option<&str>) -> Option<Language> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query?).ok()?;
    pairs.into_iter().find(|(name, _)| name == "lang").and_then(|(_, value)| Language::from_code(&value))
}

/// Picks the reader's language from the query, cookie and headers.
pub fn negotiate(query: Option<&str>, headers: &HeaderMap) -> Language {
    if let Some(lang) = requested_language(query) {
        return lang;
    }
    let from_cookie = crate::cookies::cookie(headers, "lang").and_then(Language::from_code);
    if let Some(lang) = from_cookie {
        return lang;
    }
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let mut offers: Vec<(f32, Language)> = accept
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let lang = Language::from_code(parts.next()?)?;
            let quality = parts.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse().ok()).unwrap_or(1.0);
            Some((quality, lang))
        })
        .collect();
    offers.sort_by(|a, b| b.0.total_cmp(&a.0));
    offers.first().map(|(_, lang)| *lang).unwrap_or(Language::Ar)
}

impl<S: Send + Sync> FromRequestParts<S> for Tr {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Tr, Infallible> {
        Ok(Tr::new(negotiate(parts.uri.query(), &parts.headers)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn negotiation_order() {
        let mut headers = HeaderMap::new();
        assert_eq!(negotiate(None, &headers), Language::Ar);
        headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("fr;q=1, en-GB;q=0.8, ckb;q=0.9"));
        assert_eq!(negotiate(None, &headers), Language::Ckb);
        headers.insert(header::COOKIE, HeaderValue::from_static("a=b; lang=en"));
        assert_eq!(negotiate(None, &headers), Language::En);
        assert_eq!(negotiate(Some("x=1&lang=ar"), &headers), Language::Ar);
        assert_eq!(negotiate(Some("lang=zz"), &headers), Language::En);
    }
}
