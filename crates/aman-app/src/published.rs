//! The country's figures for periods that are over, read from the database
//! once and shared by every page that publishes them (each area's
//! dashboard, the situation reports, accountability, open data): a page
//! then reads memory, not a year of concerns. Figures are read again once
//! they are older than [`crate::Settings::published_refresh_ms`], so a
//! concern imported into a past month, or an answer given late, shows
//! within that time.
//!
//! Only whole-country reads are kept, never one area's: every published
//! number is protected together with its neighbours and the levels above
//! it, so each page needs the country's counts anyway.
//!
//! A server keeps them fresh itself ([`keep_fresh`]): it reads the
//! country's dashboard once at start, and renews what it holds when half
//! the refresh time has passed, without holding up readers (they keep the
//! figures read before until the new ones are there). A page waits for the
//! database only for a period nobody asked for in the last minutes.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;
use std::time::Duration;

use aman_db::{ActionFacts, ConcernFacts, ReceivedCount, ReferralFacts};
use tokio::sync::Mutex;

use crate::{App, Error};

/// The most periods kept at once (a dashboard, a month's report and a
/// quarter's figures each ask for one or two).
const MAX_PERIODS: usize = 16;

/// The rows behind the accountability figures of one period, country-wide.
pub struct Facts {
    pub concerns: Vec<ConcernFacts>,
    pub referrals: Vec<ReferralFacts>,
    pub actions: Vec<ActionFacts>,
}

/// Values by key, each with when it was read and last asked for. Readers
/// wait while a missing value is read, so a busy page reads the database
/// once, not once per reader.
struct Memo<K, V> {
    entries: Mutex<HashMap<K, Entry<V>>>,
}

struct Entry<V> {
    read_at: i64,
    used_at: i64,
    value: Arc<V>,
}

impl<K: Eq + Hash, V> Memo<K, V> {
    fn new() -> Memo<K, V> {
        Memo { entries: Mutex::new(HashMap::new()) }
    }

    async fn get(
        &self,
        key: K,
        now_ms: i64,
        fresh_ms: i64,
        read: impl AsyncFnOnce() -> Result<V, Error>,
    ) -> Result<Arc<V>, Error> {
        let mut entries = self.entries.lock().await;
        if let Some(entry) = entries.get_mut(&key)
            && (entry.read_at..entry.read_at + fresh_ms).contains(&now_ms)
        {
            entry.used_at = now_ms;
            return Ok(Arc::clone(&entry.value));
        }
        let value = Arc::new(read().await?);
        entries.retain(|_, e| (e.read_at..e.read_at + fresh_ms).contains(&now_ms));
        if entries.len() >= MAX_PERIODS {
            entries.clear();
        }
        entries.insert(key, Entry { read_at: now_ms, used_at: now_ms, value: Arc::clone(&value) });
        Ok(value)
    }

    /// The keys read more than `age_ms` ago and asked for since less than
    /// `fresh_ms` ago: those worth reading again before they go stale.
    async fn due(&self, now_ms: i64, age_ms: i64, fresh_ms: i64) -> Vec<K>
    where
        K: Clone,
    {
        let entries = self.entries.lock().await;
        entries
            .iter()
            .filter(|(_, e)| now_ms - e.read_at > age_ms && now_ms - e.used_at < fresh_ms)
            .map(|(k, _)| k.clone())
            .collect()
    }

    /// Replaces a key's value with one read now; readers are not held up
    /// while it is read (they get the value read before).
    async fn renew(&self, key: K, now_ms: i64, read: impl AsyncFnOnce() -> Result<V, Error>) -> Result<(), Error> {
        let value = Arc::new(read().await?);
        let mut entries = self.entries.lock().await;
        let used_at = entries.get(&key).map_or(now_ms, |e| e.used_at);
        entries.insert(key, Entry { read_at: now_ms, used_at, value });
        Ok(())
    }
}

/// What the public pages share.
pub struct Published {
    counts: Memo<Vec<i64>, Vec<ReceivedCount>>,
    facts: Memo<(i64, i64), Facts>,
}

impl Published {
    pub(crate) fn new() -> Published {
        Published { counts: Memo::new(), facts: Memo::new() }
    }

    /// Concerns received in the country per area, category and period, the
    /// periods running between consecutive `bounds` (unix milliseconds).
    pub async fn counts(&self, state: &App, bounds: &[i64]) -> Result<Arc<Vec<ReceivedCount>>, Error> {
        let fresh = state.settings().published_refresh_ms;
        self.counts
            .get(bounds.to_vec(), state.now_ms(), fresh, async || Ok(state.db().received_counts("IQ", bounds).await?))
            .await
    }

    /// Reads again every period read more than half the refresh time ago
    /// that a page asked for within the refresh time.
    pub async fn renew(&self, state: &App) -> Result<(), Error> {
        let fresh = state.settings().published_refresh_ms;
        for bounds in self.counts.due(state.now_ms(), fresh / 2, fresh).await {
            let now = state.now_ms();
            self.counts
                .renew(bounds.clone(), now, async || Ok(state.db().received_counts("IQ", &bounds).await?))
                .await?;
        }
        for (from_ms, to_ms) in self.facts.due(state.now_ms(), fresh / 2, fresh).await {
            let now = state.now_ms();
            self.facts.renew((from_ms, to_ms), now, async || read_facts(state, from_ms, to_ms).await).await?;
        }
        Ok(())
    }

    /// The country's concerns received in `from_ms..to_ms`, the referrals
    /// sent then and the actions created before its end.
    pub async fn facts(&self, state: &App, from_ms: i64, to_ms: i64) -> Result<Arc<Facts>, Error> {
        let fresh = state.settings().published_refresh_ms;
        self.facts.get((from_ms, to_ms), state.now_ms(), fresh, async || read_facts(state, from_ms, to_ms).await).await
    }
}

async fn read_facts(state: &App, from_ms: i64, to_ms: i64) -> Result<Facts, Error> {
    let db = state.db();
    Ok(Facts {
        concerns: db.concern_facts("IQ", from_ms, to_ms).await?,
        referrals: db.referral_facts("IQ", from_ms, to_ms).await?,
        actions: db.action_facts("IQ", to_ms).await?,
    })
}

/// Run by every server beside its jobs: the country's dashboard read at
/// start, then what is kept renewed before it goes stale.
pub async fn keep_fresh(state: App) {
    if let Err(error) = crate::dashboard::compute(&state, "IQ").await {
        tracing::warn!("the public figures were not read at start: {error}");
    }
    let pause = Duration::from_millis((state.settings().published_refresh_ms / 4).clamp(1_000, 60_000) as u64);
    loop {
        tokio::time::sleep(pause).await;
        if let Err(error) = state.published().renew(&state).await {
            tracing::warn!("the public figures were not renewed: {error}");
        }
    }
}
