//! The triage queue: the concerns a staff member may see, filtered, newest
//! first, a page at a time, with how many match (up to a cap). Only the
//! filters in use are written into the statement.

use crate::concerns::{CONCERN_COLUMNS, concern_from_row};
use crate::{Backend, ConcernRecord, Db, DbError, day_number};
use aman_core::area::Pcode;
use aman_core::category::Category;
use aman_core::lifecycle::Status;
use chrono::NaiveDate;
use sqlx::Any;
use sqlx::Row;
use sqlx::any::AnyArguments;

/// The most words a search combines.
pub const MAX_SEARCH_WORDS: usize = 5;

/// A queue's matching concerns are counted up to this many and one more: a
/// queue with more says so, rather than counting a million rows for every
/// page it shows.
pub const QUEUE_COUNT_CAP: i64 = 10_000;

/// A search's matches are counted up to this many: a word every other
/// concern holds would otherwise have ten times as many texts read for the
/// count alone, and a search that finds more is narrowed, not paged through.
pub const SEARCH_COUNT_CAP: i64 = 1_000;

/// A search whose longer words at most this many concerns hold is looked up
/// in the trigram index (those concerns listed, then filtered); commoner
/// words are found by reading the concerns in queue order, where they soon
/// turn up.
const INDEXED_WORD_MATCHES: i64 = 20_000;

/// How many concerns match: `total` up to the cap, `more` when there are
/// more than that.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    pub total: i64,
    pub more: bool,
}

/// The triage queue's filters. `scope` is the P-code prefix the viewer may
/// see; `hidden_categories` are categories the viewer must never see.
#[derive(Debug, Clone)]
pub struct QueueFilter {
    pub scope: Pcode,
    pub hidden_categories: Vec<Category>,
    pub category: Option<Category>,
    pub status: Option<Status>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Words the description must hold, each already a search key
    /// (`aman_core::text::normalise`); at most [`MAX_SEARCH_WORDS`].
    pub words: Vec<String>,
    pub assignee: Option<i64>,
    pub tag: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

/// The conditions of a statement being written, with their values: each
/// value gets the next `$n` (the values are bound, never written into the
/// text).
#[derive(Default)]
struct Filters {
    conditions: Vec<String>,
    values: Vec<FilterValue>,
}

enum FilterValue {
    Text(String),
    Number(i64),
}

impl From<&str> for FilterValue {
    fn from(text: &str) -> Self {
        FilterValue::Text(text.to_owned())
    }
}

impl From<String> for FilterValue {
    fn from(text: String) -> Self {
        FilterValue::Text(text)
    }
}

impl From<i64> for FilterValue {
    fn from(number: i64) -> Self {
        FilterValue::Number(number)
    }
}

impl Filters {
    /// Keeps a value; answers its placeholder.
    fn value(&mut self, value: impl Into<FilterValue>) -> String {
        self.values.push(value.into());
        format!("${}", self.values.len())
    }

    fn and(&mut self, condition: String) {
        self.conditions.push(condition);
    }

    /// The placeholder `n` places after the last value's.
    fn after(&self, n: usize) -> String {
        format!("${}", self.values.len() + n)
    }

    /// ` WHERE …` (empty when nothing is filtered).
    fn conditions(&self) -> String {
        if self.conditions.is_empty() { String::new() } else { format!(" WHERE {}", self.conditions.join(" AND ")) }
    }

    fn bind<'q>(
        &'q self,
        mut query: sqlx::query::Query<'q, Any, AnyArguments>,
    ) -> sqlx::query::Query<'q, Any, AnyArguments> {
        for value in &self.values {
            query = match value {
                FilterValue::Text(text) => query.bind(text.as_str()),
                FilterValue::Number(number) => query.bind(*number),
            };
        }
        query
    }
}

impl QueueFilter {
    /// How far matches are counted: [`SEARCH_COUNT_CAP`] for a search,
    /// [`QUEUE_COUNT_CAP`] otherwise.
    pub fn count_cap(&self) -> i64 {
        if self.words.is_empty() { QUEUE_COUNT_CAP } else { SEARCH_COUNT_CAP }
    }

    fn words(&self) -> &[String] {
        &self.words[..self.words.len().min(MAX_SEARCH_WORDS)]
    }
}

impl Db {
    /// The triage queue, newest first, with how many match before paging
    /// (counted up to [`QueueFilter::count_cap`]).
    pub async fn queue(&self, filter: &QueueFilter) -> Result<(Vec<ConcernRecord>, Counted), DbError> {
        self.queue_looking_up(filter, INDEXED_WORD_MATCHES).await
    }

    /// [`Db::queue`], looking words up in the trigram index when at most
    /// `indexed_matches` concerns hold them.
    async fn queue_looking_up(
        &self,
        filter: &QueueFilter,
        indexed_matches: i64,
    ) -> Result<(Vec<ConcernRecord>, Counted), DbError> {
        // SQLite looks the search's words of three letters or more up in its
        // trigram table (migration 0024), all in one phrase query, when they
        // are rare enough; PostgreSQL's trigram index serves the LIKE
        // patterns themselves.
        let phrases: Vec<String> = match self.backend {
            Backend::Sqlite => (filter.words().iter())
                .filter(|word| word.chars().count() >= 3)
                .map(|word| format!("\"{}\"", word.replace('"', "\"\"")))
                .collect(),
            Backend::Postgres => Vec::new(),
        };
        let mut indexed = None;
        if !phrases.is_empty() {
            let phrases = phrases.join(" ");
            let held: i64 = sqlx::query(
                "SELECT COUNT(*) FROM (SELECT 1 FROM concern_search WHERE concern_search MATCH $1 LIMIT $2) held",
            )
            .bind(phrases.as_str())
            .bind(indexed_matches + 1)
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?;
            indexed = (held <= indexed_matches).then_some(phrases);
        }
        let query = filters(filter, indexed);
        let conditions = query.conditions();
        // The paging values follow the filters' (each statement binds its own).
        let (limit, offset) = (query.after(1), query.after(2));
        let select = format!(
            "SELECT {CONCERN_COLUMNS} FROM concerns{conditions} ORDER BY submitted_at DESC, id DESC LIMIT {limit} OFFSET {offset}"
        );
        let count = format!("SELECT COUNT(*) FROM (SELECT 1 FROM concerns{conditions} LIMIT {limit}) matching");
        let rows = query
            .bind(sqlx::query(sqlx::AssertSqlSafe(select)))
            .bind(filter.limit)
            .bind(filter.offset)
            .fetch_all(&self.pool)
            .await?;
        let cap = filter.count_cap();
        let total: i64 = query
            .bind(sqlx::query(sqlx::AssertSqlSafe(count)))
            .bind(cap + 1)
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?;
        let concerns = rows.iter().map(concern_from_row).collect::<Result<_, _>>()?;
        Ok((concerns, Counted { total: total.min(cap), more: total > cap }))
    }
}

/// The statements' conditions for a queue filter. Only the filters in use
/// are written, so that the planner sees each as it is: an equality it can
/// seek in an index, not a `$n IS NULL OR …` it must test on every row.
/// `indexed`: the search's longer words as one trigram phrase query, looked
/// up in the index rather than read in every text.
fn filters(filter: &QueueFilter, indexed: Option<String>) -> Filters {
    let mut query = Filters::default();
    let scope = filter.scope.as_str();
    // Which index serves best: newest first over the time (or status)
    // index stops at a page of matches when they are many (the country, a
    // governorate); the area index reads only a district's (or
    // sub-district's) concerns. So a governorate is matched by a prefix
    // the planner cannot seek, and a district by a range it can.
    if scope.len() >= 8 {
        let (low, high) = (query.value(scope), query.value(format!("{scope}~")));
        query.and(format!("area >= {low} AND area <= {high}"));
    } else if scope.len() > 2 {
        let prefix = query.value(format!("{scope}%"));
        query.and(format!("area LIKE {prefix}"));
    }
    if !filter.hidden_categories.is_empty() {
        let hidden: Vec<String> = filter.hidden_categories.iter().map(|c| query.value(c.as_str())).collect();
        query.and(format!("category NOT IN ({})", hidden.join(", ")));
    }
    if let Some(category) = filter.category {
        let category = query.value(category.as_str());
        query.and(format!("category = {category}"));
    }
    if let Some(status) = filter.status {
        let status = query.value(status.as_str());
        query.and(format!("status = {status}"));
    }
    if let Some(from) = filter.from {
        let from = query.value(day_number(from));
        query.and(format!("occurred_on >= {from}"));
    }
    if let Some(to) = filter.to {
        let to = query.value(day_number(to));
        query.and(format!("occurred_on <= {to}"));
    }
    let scanned: Vec<&String> = match indexed {
        Some(phrases) => {
            let phrases = query.value(phrases);
            query.and(format!("id IN (SELECT rowid FROM concern_search WHERE concern_search MATCH {phrases})"));
            filter.words().iter().filter(|word| word.chars().count() < 3).collect()
        }
        None => filter.words().iter().collect(),
    };
    for word in scanned {
        // Each word as a LIKE pattern, its own % and _ taken literally.
        let escaped = word.replace('!', "!!").replace('%', "!%").replace('_', "!_");
        let pattern = query.value(format!("%{escaped}%"));
        query.and(format!("search_text LIKE {pattern} ESCAPE '!'"));
    }
    if let Some(assignee) = filter.assignee {
        let assignee = query.value(assignee);
        query.and(format!("assignee_id = {assignee}"));
    }
    if let Some(tag) = &filter.tag {
        let tag = query.value(tag.as_str());
        query.and(format!("EXISTS (SELECT 1 FROM concern_tags t WHERE t.concern_id = concerns.id AND t.tag = {tag})"));
    }
    query
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::tests::{concern, fresh_db};

    fn searching(words: &[&str]) -> QueueFilter {
        QueueFilter {
            scope: Pcode::country(),
            hidden_categories: Vec::new(),
            category: None,
            status: None,
            from: None,
            to: None,
            words: words.iter().map(|word| aman_core::text::normalise(word)).collect(),
            assignee: None,
            tag: None,
            limit: 50,
            offset: 0,
        }
    }

    /// The descriptions a search finds, the same whether its words are
    /// looked up in the index or read in every text.
    async fn found(db: &Db, words: &[&str]) -> Vec<String> {
        let mut answers = Vec::new();
        for indexed_matches in [INDEXED_WORD_MATCHES, 0] {
            let (concerns, counted) = db.queue_looking_up(&searching(words), indexed_matches).await.expect("queue");
            assert_eq!(counted, Counted { total: concerns.len() as i64, more: false });
            let mut descriptions: Vec<String> = concerns.into_iter().map(|c| c.description).collect();
            descriptions.sort();
            answers.push(descriptions);
        }
        assert_eq!(answers[0], answers[1], "{words:?}");
        answers.remove(0)
    }

    /// Words are found inside longer words, short words and long ones
    /// together, quotes and wildcards taken literally — through the trigram
    /// index as it is kept by inserts and updates and as the migration fills
    /// it from concerns already stored.
    #[tokio::test]
    async fn search_finds_words_inside_texts_through_the_trigram_index() {
        let (_dir, db) = fresh_db().await;
        let texts =
            ["انقطاع الكهرباء في الحي منذ يومين", "Shots fired at night near the school", "a \"quoted\" 100% text"];
        for (i, text) in texts.iter().enumerate() {
            let mut stored = concern(&format!("hash-{i}"));
            stored.description = (*text).to_owned();
            db.store_concern(&stored).await.expect("store");
        }
        let check = async |db: &Db| {
            assert_eq!(found(db, &["كهرباء"]).await, [texts[0]], "inside a longer word");
            assert_eq!(found(db, &["في", "الكهرباء"]).await, [texts[0]], "a short word beside a long one");
            assert_eq!(found(db, &["at", "SCHOOL"]).await, [texts[1]]);
            assert_eq!(found(db, &["\"quoted\""]).await, [texts[2]], "quotes are letters");
            assert_eq!(found(db, &["100%"]).await, [texts[2]]);
            assert!(found(db, &["1%t"]).await.is_empty(), "LIKE wildcards are letters");
            assert!(found(db, &["0%"]).await.len() == 1 && found(db, &["%"]).await.len() == 1);
            assert!(found(db, &["school", "كهرباء"]).await.is_empty(), "every word must be there");
            assert_eq!(found(db, &["\""]).await, [texts[2]], "a quote alone");
        };
        check(&db).await;

        // Filled again (as migration 0021 makes the server do at start).
        // (Read in every text, the words are still found: the check above
        // compares both ways.)
        sqlx::query("UPDATE concerns SET search_text = NULL").execute(&db.pool).await.expect("empty");
        assert!(found(&db, &["كهرباء"]).await.is_empty());
        while db.fill_search_text(2).await.expect("fill") > 0 {}
        check(&db).await;

        // Built by the migration from the concerns already there.
        sqlx::raw_sql(
            "DROP TABLE concern_search; DROP TRIGGER concern_search_insert; DROP TRIGGER concern_search_delete; \
             DROP TRIGGER concern_search_forget; DROP TRIGGER concern_search_learn; \
             DELETE FROM aman_migrations WHERE version = 24",
        )
        .execute(&db.pool)
        .await
        .expect("undo the migration");
        assert_eq!(db.migrate(0).await.expect("migrate"), 1);
        check(&db).await;
    }
}
