//! Reporting by plain text message, through an SMS gateway (SMSSync), in a
//! short conversation: the first message picks the language (from its
//! letters, or by asking), then a numbered menu of threats, what happened,
//! and where; the last reply carries the receipt. A message that is a
//! receipt answers its status and latest public update instead.
//!
//! Nothing identifies the sender at rest but the concern's sealed contact:
//! the conversation is keyed by a keyed hash of the number, and what was
//! said so far is sealed under the data key until it is filed. A gateway
//! that sends a message again (it did not hear back) gets the same reply.

use crate::concerns::{self, Arrival};
use crate::i18n::Tr;
use crate::rapidpro::{menu, status_message};
use crate::{App, Error};
use aman_core::concern::{Channel, ConcernInput, ContactInput, Language};
use aman_core::receipt::Receipt;
use aman_core::secrets;
use aman_db::SmsConversation;
use serde::{Deserialize, Serialize};

/// A conversation idle this long is forgotten; the next message starts anew.
pub const IDLE_MS: i64 = 24 * 3_600_000;
/// The longest message read (a few concatenated SMS).
const MAX_MESSAGE_CHARS: usize = 1_600;

/// Where a conversation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Step {
    Language,
    Category,
    Description,
    Place,
    /// Filed: the receipt was sent; a new message starts another report.
    Filed,
}

/// What a conversation has gathered, sealed between messages.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct State {
    step: Step,
    language: Language,
    category: Option<String>,
    description: Option<String>,
    /// The gateway's id of the last message answered, and the answer, so
    /// that a message sent again is answered again and not taken twice.
    last_message: String,
    last_reply: String,
}

/// A message from the gateway.
#[derive(Debug, Clone)]
pub struct Incoming<'a> {
    pub channel_id: i64,
    pub from: &'a str,
    pub text: &'a str,
    pub message_id: &'a str,
}

/// The category menu, numbered.
fn menu_text(t: Tr) -> String {
    let items: Vec<String> = menu().map(|(n, c)| format!("{n} {}", t.category(c.as_str()))).collect();
    t.text("sms-menu", &[("menu", &items.join("\n"))])
}

/// The number someone replied with (Arabic-Indic digits too).
fn number(text: &str) -> Option<usize> {
    aman_core::text::ascii_digits(text.trim()).trim_end_matches(['.', ')']).parse().ok()
}

/// Answers one message; the reply to send back.
pub async fn receive(state: &App, message: &Incoming<'_>) -> Result<String, Error> {
    let text: String = aman_core::text::clean(message.text).chars().take(MAX_MESSAGE_CHARS).collect();
    let keys = state.keys();
    let sender = keys.sender_hash(message.channel_id, message.from.trim());
    let context = secrets::sms_context(&sender);
    let earlier = state
        .db()
        .sms_conversation(&sender)
        .await?
        .filter(|c| c.updated_at >= state.now_ms() - IDLE_MS)
        .and_then(|c| serde_json::from_slice::<State>(&keys.open(&context, &c.state_sealed).ok()?).ok());
    if let Some(earlier) = &earlier
        && !message.message_id.is_empty()
        && earlier.last_message == message.message_id
    {
        return Ok(earlier.last_reply.clone());
    }
    // The language this number last wrote in, if it wrote recently.
    let known = earlier.as_ref().map(|s| s.language);
    let ongoing = earlier.filter(|s| s.step != Step::Filed);
    let (next, reply) = match ongoing {
        None => match Receipt::parse(&text) {
            // A receipt: its status, and nothing to remember. (A receipt's
            // letters say nothing of the language: the one the number last
            // wrote in, else Arabic.)
            Some(_) => {
                let lang = known.unwrap_or(Language::Ar);
                let t = Tr::new(lang);
                let reply = match concerns::track(state, &text).await {
                    Ok(tracked) => status_message(t, &tracked),
                    Err(Error::NotFound) => t.get("channel-unknown-receipt"),
                    Err(error) => return Err(error),
                };
                return Ok(reply);
            }
            None => match crate::i18n::detect_language(&text) {
                Some(language) => (fresh(Step::Category, language), menu_text(Tr::new(language))),
                None => (fresh(Step::Language, Language::Ar), Tr::new(Language::Ar).get("sms-which-language")),
            },
        },
        Some(state_now) => {
            // The message's key for filing once however often the gateway
            // sends it: the sender and the gateway's id of the message.
            let id: String = message.message_id.chars().filter(|c| !c.is_control()).take(100).collect();
            let key = (!id.is_empty()).then(|| format!("smssync:{}:{id}", &sender[..16]));
            step(state, message, state_now, &text, key.as_deref()).await?
        }
    };
    let next = State { last_message: message.message_id.to_owned(), last_reply: reply.clone(), ..next };
    let sealed = keys.seal(&context, &serde_json::to_vec(&next).map_err(Error::internal)?, crate::random());
    let conversation = SmsConversation {
        sender_hash: sender,
        channel_id: message.channel_id,
        state_sealed: sealed,
        updated_at: state.now_ms(),
    };
    state.db().save_sms_conversation(&conversation).await?;
    Ok(reply)
}

fn fresh(step: Step, language: Language) -> State {
    State { step, language, category: None, description: None, last_message: String::new(), last_reply: String::new() }
}

/// The next step of a conversation under way, and what to reply.
async fn step(
    state: &App,
    message: &Incoming<'_>,
    mut now: State,
    text: &str,
    idempotency: Option<&str>,
) -> Result<(State, String), Error> {
    let t = Tr::new(now.language);
    match now.step {
        Step::Language => {
            let chosen = number(text)
                .and_then(|n| Language::ALL.get(n.wrapping_sub(1)).copied())
                .or_else(|| crate::i18n::detect_language(text));
            Ok(match chosen {
                Some(language) => (fresh(Step::Category, language), menu_text(Tr::new(language))),
                None => (now, t.get("sms-which-language")),
            })
        }
        Step::Category => Ok(match number(text).and_then(|n| menu().find(|(i, _)| *i == n)) {
            Some((_, category)) => {
                now.category = Some(category.as_str().to_owned());
                now.step = Step::Description;
                (now, t.get("sms-describe"))
            }
            None => {
                let reply = format!("{}\n{}", t.get("sms-pick-a-number"), menu_text(t));
                (now, reply)
            }
        }),
        Step::Description => {
            if text.chars().count() < aman_core::concern::DESCRIPTION_MIN_CHARS {
                return Ok((now, t.field_error("too_short")));
            }
            now.description = Some(text.to_owned());
            now.step = Step::Place;
            Ok((now, t.get("sms-where")))
        }
        Step::Place => {
            let Some(area) = crate::places::resolve_words(state, text) else {
                return Ok((now, t.get("sms-unknown-place")));
            };
            let input = ConcernInput {
                category: now.category.clone(),
                description: now.description.clone(),
                area: Some(area.to_string()),
                language: Some(now.language.as_str().to_owned()),
                contact: Some(ContactInput { name: None, phone: Some(message.from.trim().to_owned()) }),
                ..ConcernInput::default()
            };
            let arrival = Arrival { channel: Channel::Sms, idempotency, consent: None };
            let submitted = match concerns::submit(state, &input, arrival).await {
                // A sender the form cannot take as a phone number (a short
                // code, an alias): filed without a way to call back.
                Err(Error::Invalid(fields)) if fields.keys().all(|f| f == "contact_phone") => {
                    concerns::submit(state, &ConcernInput { contact: None, ..input }, arrival).await
                }
                other => other,
            };
            match submitted {
                Ok(submitted) => {
                    let reply = t.text("channel-received", &[("receipt", &submitted.receipt.grouped())]);
                    now.step = Step::Filed;
                    now.description = None;
                    Ok((now, reply))
                }
                Err(Error::Invalid(fields)) => Ok((now, crate::rapidpro::refusal(t, &Error::Invalid(fields)))),
                Err(error) => Err(error),
            }
        }
        // Filed conversations are not continued (a new message starts anew).
        Step::Filed => Ok((fresh(Step::Category, now.language), menu_text(t))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_in_any_digits() {
        assert_eq!(number("٧"), Some(7));
        assert_eq!(number(" 12. "), Some(12));
        assert_eq!(number("seven"), None);
    }
}
