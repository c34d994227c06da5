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

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

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

/// Values by key, each with when it was read. Readers wait while a value is
/// read, so a busy page reads the database once, not once per reader.
struct Memo<K, V> {
    entries: Mutex<HashMap<K, (i64, Arc<V>)>>,
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
        if let Some((at, value)) = entries.get(&key)
            && (*at..*at + fresh_ms).contains(&now_ms)
        {
            return Ok(Arc::clone(value));
        }
        let value = Arc::new(read().await?);
        entries.retain(|_, (at, _)| (*at..*at + fresh_ms).contains(&now_ms));
        if entries.len() >= MAX_PERIODS {
            entries.clear();
        }
        entries.insert(key, (now_ms, Arc::clone(&value)));
        Ok(value)
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

    /// The country's concerns received in `from_ms..to_ms`, the referrals
    /// sent then and the actions created before its end.
    pub async fn facts(&self, state: &App, from_ms: i64, to_ms: i64) -> Result<Arc<Facts>, Error> {
        let fresh = state.settings().published_refresh_ms;
        self.facts
            .get((from_ms, to_ms), state.now_ms(), fresh, async || {
                let db = state.db();
                Ok(Facts {
                    concerns: db.concern_facts("IQ", from_ms, to_ms).await?,
                    referrals: db.referral_facts("IQ", from_ms, to_ms).await?,
                    actions: db.action_facts("IQ", to_ms).await?,
                })
            })
            .await
    }
}
