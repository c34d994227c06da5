//! Confidentiality follows the concern. Committees name concerns and alerts
//! by item keys (`concern:ID`, `alert:ID`, `issue:ID`) in issues, agendas,
//! action plans and priority lists; whoever reads those objects sees a
//! confidential concern (or an alert on a confidential category) only if
//! their grant lets them see its category in its area. Anyone else sees
//! [`HIDDEN_CONCERN`] / [`HIDDEN_ALERT`]: no id, category, place or date.
//! An item the caller may not see cannot be linked either, and answers
//! exactly like an id that does not exist, so ids cannot be probed.

use crate::{Actor, App, Error};
use aman_core::area::Pcode;
use aman_core::category::Category;
use aman_core::committee::ranking::Prioritisation;
use std::collections::HashMap;

/// What a hidden concern looks like to those not cleared for it.
pub const HIDDEN_CONCERN: &str = "concern:confidential";
/// What a hidden alert looks like to those not cleared for it.
pub const HIDDEN_ALERT: &str = "alert:confidential";

/// The one rule: the actor's area covers the item's and their grant lets
/// them see its category (the confidential grant; police never see
/// `security_conduct`).
fn may_see(actor: &Actor, area: &Pcode, category: Category) -> bool {
    let grant = actor.grant();
    grant.area.covers(area) && grant.may_see_category(category)
}

/// What an item key names, as this actor may know it.
enum Seen {
    /// Nothing by that key (or a key of no known kind).
    Missing,
    /// It exists but the actor may not see it.
    Hidden(&'static str),
    /// It exists and the actor may see it; its area.
    Shown(Option<Pcode>),
}

async fn seen(state: &App, actor: &Actor, key: &str) -> Result<Seen, Error> {
    let Some((kind, id)) = key.split_once(':') else { return Ok(Seen::Missing) };
    let Ok(id) = id.parse::<i64>() else { return Ok(Seen::Missing) };
    Ok(match kind {
        "concern" => match state.db().concern(id).await? {
            None => Seen::Missing,
            Some(c) if may_see(actor, &c.area, c.category) => Seen::Shown(Some(c.area)),
            Some(_) => Seen::Hidden(HIDDEN_CONCERN),
        },
        "alert" => match state.db().alert(id).await? {
            None => Seen::Missing,
            Some(a) if may_see(actor, &a.area, a.category) => Seen::Shown(Some(a.area)),
            Some(_) => Seen::Hidden(HIDDEN_ALERT),
        },
        "issue" => Seen::Shown(None),
        _ => Seen::Missing,
    })
}

/// Whether the actor may link this item into an object of a committee of
/// `area`: it exists, the actor may see it, and it lies within the area.
/// (Issues are checked against the committee by the caller.)
pub async fn may_link(state: &App, actor: &Actor, area: &Pcode, key: &str) -> Result<bool, Error> {
    Ok(match seen(state, actor, key).await? {
        Seen::Shown(Some(at)) => area.covers(&at),
        Seen::Shown(None) => key.starts_with("issue:"),
        Seen::Missing | Seen::Hidden(_) => false,
    })
}

/// One reader's view of item keys, each looked up once however often the
/// keys recur (an agenda, then the priority list ranking the same items;
/// the items of every action of a committee).
pub struct Reader<'a> {
    state: &'a App,
    actor: &'a Actor,
    /// Key → the placeholder it reads as, if hidden.
    hidden: HashMap<String, Option<&'static str>>,
}

impl<'a> Reader<'a> {
    pub fn new(state: &'a App, actor: &'a Actor) -> Reader<'a> {
        Reader { state, actor, hidden: HashMap::new() }
    }

    /// The placeholder a key reads as, or `None` when the reader may see it
    /// (or it names nothing).
    async fn placeholder(&mut self, key: &str) -> Result<Option<&'static str>, Error> {
        if let Some(known) = self.hidden.get(key) {
            return Ok(*known);
        }
        let placeholder = match seen(self.state, self.actor, key).await? {
            Seen::Hidden(placeholder) => Some(placeholder),
            Seen::Missing | Seen::Shown(_) => None,
        };
        self.hidden.insert(key.to_owned(), placeholder);
        Ok(placeholder)
    }

    /// Whether this key names something the reader may not see.
    pub async fn hides(&mut self, key: &str) -> Result<bool, Error> {
        Ok(self.placeholder(key.trim()).await?.is_some())
    }

    /// The keys as this reader may read them: hidden items replaced.
    pub async fn redact(&mut self, keys: &[String]) -> Result<Vec<String>, Error> {
        let mut out = Vec::with_capacity(keys.len());
        for key in keys {
            out.push(self.placeholder(key).await?.map_or_else(|| key.clone(), str::to_owned));
        }
        Ok(out)
    }

    /// A priority list as this reader may read it.
    pub async fn redact_priorities(
        &mut self,
        mut list: Prioritisation<String>,
    ) -> Result<Prioritisation<String>, Error> {
        let standings =
            list.committee.iter_mut().chain(list.constituencies.iter_mut().flat_map(|c| c.ranking.iter_mut()));
        for standing in standings {
            if let Some(placeholder) = self.placeholder(&standing.item).await? {
                standing.item = placeholder.to_owned();
            }
        }
        Ok(list)
    }

    /// An issue's concerns as this reader may read them: the ids they may
    /// see, and how many others there are.
    pub async fn concerns(&mut self, ids: &[i64]) -> Result<(Vec<i64>, usize), Error> {
        let mut shown = Vec::new();
        let mut hidden = 0;
        for &id in ids {
            match self.placeholder(&format!("concern:{id}")).await? {
                Some(_) => hidden += 1,
                None => shown.push(id),
            }
        }
        Ok((shown, hidden))
    }
}
