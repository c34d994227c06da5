//! The triage queue: the concerns a staff member may see, filtered, newest
//! first, a page at a time, with how many match (up to a cap). Only the
//! filters in use are written into the statement.

use crate::concerns::{CONCERN_COLUMNS, concern_from_row};
use crate::{ConcernRecord, Db, DbError, day_number};
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

impl Db {
    /// The triage queue, newest first, with the total before paging
    /// (counted up to [`QUEUE_COUNT_CAP`] + 1, which means "more").
    pub async fn queue(&self, filter: &QueueFilter) -> Result<(Vec<ConcernRecord>, i64), DbError> {
        // Only the filters in use are written into the statement, so that the
        // planner sees each as it is: an equality it can seek in an index, not
        // a `$n IS NULL OR …` it must test on every row.
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
        for word in filter.words.iter().take(MAX_SEARCH_WORDS) {
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
            query.and(format!(
                "EXISTS (SELECT 1 FROM concern_tags t WHERE t.concern_id = concerns.id AND t.tag = {tag})"
            ));
        }
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
        let total: i64 = query
            .bind(sqlx::query(sqlx::AssertSqlSafe(count)))
            .bind(QUEUE_COUNT_CAP + 1)
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?;
        let concerns = rows.iter().map(concern_from_row).collect::<Result<_, _>>()?;
        Ok((concerns, total))
    }
}
