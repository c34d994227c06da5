//! The doors other systems use — a RapidPro workspace, an SMS gateway, an
//! Open311 client — each with a secret it sends with every request. Only a
//! hash of the secret is kept; the secret is shown once, when the channel is
//! added. Every channel's requests go through the same operations as the
//! web door's.

use crate::sessions::{hash_token, random_token};
use crate::{App, Error};
use aman_db::ChannelRecord;

/// The kinds of channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelKind {
    RapidPro,
    SmsSync,
    Open311,
}

impl ChannelKind {
    pub const ALL: [ChannelKind; 3] = [ChannelKind::RapidPro, ChannelKind::SmsSync, ChannelKind::Open311];

    pub fn as_str(self) -> &'static str {
        match self {
            ChannelKind::RapidPro => "rapidpro",
            ChannelKind::SmsSync => "smssync",
            ChannelKind::Open311 => "open311",
        }
    }

    pub fn from_code(code: &str) -> Option<ChannelKind> {
        ChannelKind::ALL.into_iter().find(|k| k.as_str() == code)
    }
}

/// The longest channel name.
const NAME_MAX_CHARS: usize = 100;

/// Adds a channel and returns its id and its secret, which is not kept and
/// cannot be shown again. Audited.
pub async fn add(state: &App, kind: ChannelKind, name: &str) -> Result<(i64, String), Error> {
    let name = aman_core::text::clean(name);
    if name.is_empty() || name.chars().count() > NAME_MAX_CHARS {
        return Err(Error::field("name", "required"));
    }
    let secret = random_token();
    let mut tx = state.db().begin().await?;
    let id = match tx.add_channel(kind.as_str(), &name, &hash_token(&secret), state.now_ms()).await {
        Err(aman_db::DbError::Duplicate) => return Err(Error::field("name", "taken")),
        other => other?,
    };
    state.audit_in(&mut tx, None, "channel.add", &format!("channel:{id}"), kind.as_str()).await?;
    tx.commit().await?;
    Ok((id, secret))
}

/// Gives the channel of this name a new secret (adding it if there is
/// none): its id and the secret, shown this once. Audited.
pub async fn renew(state: &App, kind: ChannelKind, name: &str) -> Result<(i64, String), Error> {
    let secret = random_token();
    let mut tx = state.db().begin().await?;
    let Some(id) = tx.renew_channel_secret(name, &hash_token(&secret)).await? else {
        drop(tx);
        return add(state, kind, name).await;
    };
    state.audit_in(&mut tx, None, "channel.renew", &format!("channel:{id}"), kind.as_str()).await?;
    tx.commit().await?;
    Ok((id, secret))
}

/// The channel of this kind whose secret was presented; anything else
/// (unknown, disabled, another kind's secret) is unauthorised.
pub async fn authenticate(state: &App, kind: ChannelKind, secret: &str) -> Result<ChannelRecord, Error> {
    let secret = secret.trim();
    if secret.is_empty() || secret.len() > 200 {
        return Err(Error::Unauthorized);
    }
    match state.db().channel_by_secret(&hash_token(secret)).await? {
        Some(channel) if channel.kind == kind.as_str() && !channel.disabled => Ok(channel),
        _ => Err(Error::Unauthorized),
    }
}
