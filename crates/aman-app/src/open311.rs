//! Open311 GeoReport v2 over the application: the kinds of threat a city
//! app may file (services), filing one (a concern of channel `open311`),
//! and the public list of what was filed that way. Open311 lists are public
//! by design, so they say only what may be said of any concern in public:
//! its kind, its status (open or closed), when, and the sub-district — never
//! its words, its point, or who sent it; the confidential categories are
//! neither offered nor listed.

use crate::concerns::{self, Arrival};
use crate::i18n::Tr;
use crate::{App, Error};
use aman_core::category::Category;
use aman_core::concern::{Channel, ConcernInput, ContactInput, Language, NumberInput};
use aman_core::lifecycle::Status;

/// The categories offered as services.
pub fn services() -> impl Iterator<Item = Category> {
    Category::ALL.into_iter().filter(|c| !c.is_confidential())
}

/// A request as a client posts it (GeoReport v2 field names).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct NewRequest {
    pub service_code: String,
    pub description: String,
    pub lat: String,
    pub long: String,
    pub address_string: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: String,
}

/// A request as the public list shows it.
#[derive(Debug, Clone)]
pub struct PublicRequest {
    pub id: i64,
    pub category: Category,
    /// `open` or `closed`.
    pub status: &'static str,
    pub requested_at: i64,
    pub updated_at: i64,
    /// The pcode of the area it was placed in.
    pub area: String,
}

/// Open311's two statuses: a concern is closed once nothing more will be
/// done on it.
fn public_status(status: Status) -> &'static str {
    match status {
        Status::Resolved | Status::Closed | Status::Rejected | Status::Duplicate => "closed",
        _ => "open",
    }
}

/// Files a request; its id (for the list), and the receipt for the resident.
pub async fn file(state: &App, request: &NewRequest) -> Result<(i64, String), Error> {
    let category = Category::from_code(request.service_code.trim())
        .filter(|c| !c.is_confidential())
        .ok_or_else(|| Error::field("service_code", "unknown_category"))?;
    let place = request.address_string.trim();
    let area = (!place.is_empty())
        .then(|| crate::places::resolve_words(state, place).map_or_else(|| place.to_owned(), |p| p.to_string()));
    let number = |text: &str| (!text.trim().is_empty()).then(|| NumberInput::Text(text.trim().to_owned()));
    let name = format!("{} {}", request.first_name.trim(), request.last_name.trim()).trim().to_owned();
    let language = crate::i18n::detect_language(&request.description).unwrap_or(Language::Ar);
    let input = ConcernInput {
        category: Some(category.as_str().to_owned()),
        description: Some(request.description.clone()),
        area,
        lat: number(&request.lat),
        lon: number(&request.long),
        language: Some(language.as_str().to_owned()),
        contact: Some(ContactInput { name: Some(name), phone: Some(request.phone.clone()) }),
        ..ConcernInput::default()
    };
    let arrival = Arrival { channel: Channel::Open311, idempotency: None, consent: None };
    let submitted = concerns::submit(state, &input, arrival).await?;
    let receipt = submitted.receipt.grouped();
    let tracked = concerns::track(state, &receipt).await?;
    Ok((tracked.id, receipt))
}

/// What the client shows the resident after filing: the receipt, to follow it.
pub fn notice(t: Tr, receipt: &str) -> String {
    t.text("channel-received", &[("receipt", receipt)])
}

/// The public list (all, or the ids asked for), newest first.
pub async fn requests(state: &App, ids: Option<&[i64]>, limit: i64) -> Result<Vec<PublicRequest>, Error> {
    Ok(state
        .db()
        .concerns_of_channel(Channel::Open311, ids, limit)
        .await?
        .into_iter()
        .filter(|c| !c.category.is_confidential())
        .map(|c| PublicRequest {
            id: c.id,
            category: c.category,
            status: public_status(c.status),
            requested_at: c.submitted_at,
            updated_at: c.updated_at,
            area: c.area.to_string(),
        })
        .collect())
}
