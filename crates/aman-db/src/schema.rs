//! The described schema: every table column by column, in portable kinds,
//! parents before children. A test checks it against the live schema of both
//! backends ([`Db::schema_summary`]), so the two migration folders cannot
//! drift apart unnoticed; copies, backups and table snapshots walk it.

use crate::{Backend, Db, DbError};
use sqlx::Row;

/// The portable kind of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Float,
    Text,
    Bytes,
}

pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub nullable: bool,
    /// A reference to a row of the same table: copied in a second pass.
    pub self_reference: bool,
}

pub struct Table {
    pub name: &'static str,
    /// Has a generated `id` whose sequence must follow copied ids (PostgreSQL).
    pub identity: bool,
    /// Its rows are created by a migration: they do not make a database
    /// "not empty", and a copy replaces them.
    pub seeded: bool,
    pub columns: &'static [Column],
}

const fn col(name: &'static str, kind: Kind, nullable: bool) -> Column {
    Column { name, kind, nullable, self_reference: false }
}

const fn self_ref(name: &'static str, kind: Kind) -> Column {
    Column { name, kind, nullable: true, self_reference: true }
}

use Kind::{Bytes, Float, Int, Text};

/// Every table, parents before children; the first column is the key.
pub const SCHEMA: &[Table] = &[
    Table {
        name: "areas",
        identity: false,
        seeded: false,
        columns: &[
            col("pcode", Text, false),
            col("level", Int, false),
            self_ref("parent", Text),
            col("name_ar", Text, false),
            col("name_en", Text, false),
            col("name_ckb", Text, true),
            col("inner_lat", Float, false),
            col("inner_lon", Float, false),
            col("geometry", Text, false),
        ],
    },
    Table {
        name: "organisations",
        identity: true,
        seeded: false,
        columns: &[
            col("id", Int, false),
            col("kind", Text, false),
            col("name_ar", Text, false),
            col("name_en", Text, false),
            col("area", Text, false),
            col("categories", Text, false),
            col("confidential", Text, false),
            col("contact", Text, false),
        ],
    },
    Table {
        name: "users",
        identity: true,
        seeded: false,
        columns: &[
            col("id", Int, false),
            col("email", Text, false),
            col("display_name", Text, false),
            col("password_hash", Text, false),
            col("role", Text, false),
            col("area", Text, false),
            col("organisation_id", Int, true),
            col("disabled", Int, false),
            col("created_at", Int, false),
            col("confidential", Int, false),
            col("totp_sealed", Bytes, true),
            col("totp_last_step", Int, true),
            col("login_attempts", Int, false),
            col("login_window_start", Int, true),
        ],
    },
    Table {
        name: "sessions",
        identity: false,
        seeded: false,
        columns: &[
            col("token_hash", Text, false),
            col("user_id", Int, false),
            col("csrf_token", Text, false),
            col("created_at", Int, false),
            col("last_seen_at", Int, false),
        ],
    },
    Table {
        name: "concerns",
        identity: true,
        seeded: false,
        columns: &[
            col("id", Int, false),
            col("receipt_hash", Text, false),
            col("category", Text, false),
            col("description", Text, false),
            col("area", Text, false),
            col("occurred_on", Int, false),
            col("language", Text, false),
            col("status", Text, false),
            self_ref("duplicate_of", Int),
            col("contact_sealed", Bytes, true),
            col("point_sealed", Bytes, true),
            col("submitted_at", Int, false),
            col("updated_at", Int, false),
            col("version", Int, false),
            col("assignee_id", Int, true),
            col("search_text", Text, true),
            col("channel", Text, false),
            col("consent", Text, true),
            col("flagged", Int, false),
        ],
    },
    Table {
        name: "channels",
        identity: true,
        seeded: false,
        columns: &[
            col("id", Int, false),
            col("kind", Text, false),
            col("name", Text, false),
            col("secret_hash", Text, false),
            col("disabled", Int, false),
            col("created_at", Int, false),
        ],
    },
    Table {
        name: "device_passwords",
        identity: false,
        seeded: false,
        columns: &[col("user_id", Int, false), col("secret_hash", Text, false), col("created_at", Int, false)],
    },
    Table {
        name: "sms_conversations",
        identity: false,
        seeded: false,
        columns: &[
            col("sender_hash", Text, false),
            col("channel_id", Int, false),
            col("state_sealed", Bytes, false),
            col("updated_at", Int, false),
        ],
    },
    Table {
        name: "attachments",
        identity: true,
        seeded: false,
        columns: &[
            col("id", Int, false),
            col("concern_id", Int, false),
            col("content_type", Text, false),
            col("size", Int, false),
            col("sealed", Bytes, false),
            col("created_at", Int, false),
        ],
    },
    Table {
        name: "concern_tags",
        identity: false,
        seeded: false,
        columns: &[col("concern_id", Int, false), col("tag", Text, false)],
    },
    Table {
        name: "concern_events",
        identity: true,
        seeded: false,
        columns: &[
            col("id", Int, false),
            col("concern_id", Int, false),
            col("kind", Text, false),
            col("from_status", Text, true),
            col("to_status", Text, true),
            col("body", Text, true),
            col("public", Int, false),
            col("actor_id", Int, true),
            col("created_at", Int, false),
        ],
    },
    Table {
        name: "job_runs",
        identity: false,
        seeded: false,
        columns: &[
            col("run_key", Text, false),
            col("job", Text, false),
            col("slot", Int, false),
            col("claimed_by", Text, false),
            col("claimed_at", Int, false),
            col("finished_at", Int, true),
            col("outcome", Text, true),
        ],
    },
    Table {
        name: "audit_log",
        identity: false,
        seeded: false,
        columns: &[
            col("seq", Int, false),
            col("at", Int, false),
            col("actor_id", Int, true),
            col("action", Text, false),
            col("subject", Text, false),
            col("detail", Text, false),
            col("prev_hash", Text, false),
            col("hash", Text, false),
            col("mac", Text, false),
        ],
    },
    Table {
        name: "key_checks",
        identity: false,
        seeded: false,
        columns: &[col("name", Text, false), col("value", Text, false)],
    },
    Table {
        name: "audit_head",
        identity: false,
        seeded: true,
        columns: &[col("id", Int, false), col("seq", Int, false), col("hash", Text, false), col("mac", Text, false)],
    },
    Table {
        name: "conflict_events",
        identity: true,
        seeded: false,
        columns: &[
            col("id", Int, false),
            col("dataset", Text, false),
            col("dataset_id", Text, false),
            col("occurred_on", Int, false),
            col("area", Text, false),
            col("category", Text, false),
            col("deaths", Int, false),
        ],
    },
    Table {
        name: "daily_counts",
        identity: false,
        seeded: false,
        columns: &[
            col("source", Text, false),
            col("area", Text, false),
            col("category", Text, false),
            col("day", Int, false),
            col("count", Int, false),
        ],
    },
    Table {
        name: "series_watermarks",
        identity: false,
        seeded: false,
        columns: &[col("source", Text, false), col("last_id", Int, false)],
    },
    Table {
        name: "alerts",
        identity: true,
        seeded: false,
        columns: &[
            col("id", Int, false),
            col("source", Text, false),
            col("area", Text, false),
            col("category", Text, false),
            col("method", Text, false),
            col("status", Text, false),
            col("first_day", Int, false),
            col("last_day", Int, false),
            col("observed", Int, false),
            col("expected", Float, true),
            col("threshold", Float, true),
            col("score", Float, true),
            col("escalated_to", Text, true),
            col("escalated_at", Int, true),
            col("reason", Text, true),
            col("created_at", Int, false),
            col("updated_at", Int, false),
            col("version", Int, false),
        ],
    },
    Table {
        name: "survey_forms",
        identity: true,
        seeded: false,
        columns: &[
            col("id", Int, false),
            col("form_key", Text, false),
            col("version", Text, false),
            col("title", Text, false),
            col("workbook", Bytes, false),
            col("imported_at", Int, false),
            col("closes_on", Int, true),
        ],
    },
    Table {
        name: "survey_responses",
        identity: true,
        seeded: false,
        columns: &[
            col("id", Int, false),
            col("form_id", Int, false),
            col("external_id", Text, false),
            col("area", Text, false),
            col("collected_on", Int, false),
            col("weight", Float, false),
            col("stratum", Text, true),
            col("cluster", Text, true),
            col("sex", Text, true),
            col("age_group", Text, true),
            col("displacement", Text, true),
            col("answers", Text, false),
            col("source", Text, false),
            col("text_sealed", Bytes, true),
        ],
    },
    Table {
        name: "populations",
        identity: false,
        seeded: false,
        columns: &[col("area", Text, false), col("population", Int, false), col("year", Int, false)],
    },
    Table {
        name: "committees",
        identity: true,
        seeded: false,
        columns: &[
            col("id", Int, false),
            col("area", Text, false),
            col("name", Text, false),
            col("rule", Text, false),
            col("created_at", Int, false),
        ],
    },
    Table {
        name: "committee_members",
        identity: true,
        seeded: false,
        columns: &[
            col("id", Int, false),
            col("committee_id", Int, false),
            col("name", Text, false),
            col("constituency", Text, false),
            col("sex", Text, false),
            col("organisation_id", Int, true),
            col("active", Int, false),
            col("joined_at", Int, false),
        ],
    },
    Table {
        name: "meetings",
        identity: true,
        seeded: false,
        columns: &[
            col("id", Int, false),
            col("committee_id", Int, false),
            col("held_on", Int, false),
            col("place", Text, false),
            col("minutes", Text, false),
            col("decisions", Text, false),
            col("created_at", Int, false),
            col("version", Int, false),
        ],
    },
    Table {
        name: "concern_issues",
        identity: true,
        seeded: false,
        columns: &[
            col("id", Int, false),
            col("committee_id", Int, false),
            col("title", Text, false),
            col("created_at", Int, false),
        ],
    },
    Table {
        name: "issue_concerns",
        identity: false,
        seeded: false,
        columns: &[col("issue_id", Int, false), col("concern_id", Int, false)],
    },
    Table {
        name: "agenda_items",
        identity: false,
        seeded: false,
        columns: &[col("meeting_id", Int, false), col("position", Int, false), col("item", Text, false)],
    },
    Table {
        name: "attendance",
        identity: false,
        seeded: false,
        columns: &[col("meeting_id", Int, false), col("member_id", Int, false), col("present", Int, false)],
    },
    Table {
        name: "ballots",
        identity: false,
        seeded: false,
        columns: &[col("meeting_id", Int, false), col("member_id", Int, false), col("ranking", Text, false)],
    },
    Table {
        name: "priorities",
        identity: false,
        seeded: false,
        columns: &[
            col("meeting_id", Int, false),
            col("method", Text, false),
            col("result", Text, false),
            col("computed_at", Int, false),
        ],
    },
    Table {
        name: "referrals",
        identity: true,
        seeded: false,
        columns: &[
            col("id", Int, false),
            col("concern_id", Int, false),
            col("organisation_id", Int, false),
            col("severity", Text, false),
            col("sent_at", Int, false),
            col("deadline_at", Int, false),
            col("status", Text, false),
            col("acknowledged_at", Int, true),
            col("responded_at", Int, true),
            col("response", Text, false),
            col("escalation", Text, false),
            col("version", Int, false),
        ],
    },
    Table {
        name: "actions",
        identity: true,
        seeded: false,
        columns: &[
            col("id", Int, false),
            col("committee_id", Int, false),
            col("title", Text, false),
            col("owner_id", Int, false),
            col("partners", Text, false),
            col("due_on", Int, false),
            col("status", Text, false),
            col("created_at", Int, false),
            col("updated_at", Int, false),
            col("version", Int, false),
        ],
    },
    Table {
        name: "action_items",
        identity: false,
        seeded: false,
        columns: &[col("action_id", Int, false), col("item", Text, false)],
    },
    Table {
        name: "action_updates",
        identity: true,
        seeded: false,
        columns: &[
            col("id", Int, false),
            col("action_id", Int, false),
            col("status", Text, false),
            col("body", Text, false),
            col("actor_id", Int, true),
            col("created_at", Int, false),
        ],
    },
    Table {
        name: "confirmations",
        identity: true,
        seeded: false,
        columns: &[
            col("id", Int, false),
            col("action_id", Int, false),
            col("concern_id", Int, true),
            col("member_id", Int, true),
            col("verdict", Text, false),
            col("created_at", Int, false),
        ],
    },
];

impl Db {
    /// The live schema as `(table, column, kind, nullable)`, read from the
    /// database's catalogue and mapped to portable kinds.
    pub async fn schema_summary(&self) -> Result<Vec<(String, String, Kind, bool)>, DbError> {
        let mut summary = Vec::new();
        for table in SCHEMA {
            let rows = match self.backend {
                Backend::Sqlite => {
                    let sql = format!(
                        "SELECT name, type, \"notnull\", pk FROM pragma_table_info('{}') ORDER BY cid",
                        table.name
                    );
                    sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(&self.pool).await?
                }
                Backend::Postgres => {
                    sqlx::query(
                        "SELECT CAST(column_name AS TEXT), CAST(data_type AS TEXT), \
                         CAST(CASE WHEN is_nullable = 'NO' THEN 1 ELSE 0 END AS BIGINT), CAST(0 AS BIGINT) \
                         FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 \
                         ORDER BY ordinal_position",
                    )
                    .bind(table.name)
                    .fetch_all(&self.pool)
                    .await?
                }
            };
            for row in rows {
                let name: String = row.try_get(0)?;
                let declared: String = row.try_get(1)?;
                let not_null: i64 = row.try_get(2)?;
                let primary_key: i64 = row.try_get(3)?;
                let kind = match declared.to_ascii_lowercase().as_str() {
                    "integer" | "bigint" => Kind::Int,
                    "real" | "double precision" => Kind::Float,
                    "text" => Kind::Text,
                    "blob" | "bytea" => Kind::Bytes,
                    other => return Err(DbError::Corrupt(format!("{}.{name} has type {other}", table.name))),
                };
                // SQLite does not mark INTEGER PRIMARY KEY columns NOT NULL.
                summary.push((table.name.to_owned(), name, kind, not_null == 0 && primary_key == 0));
            }
        }
        Ok(summary)
    }
}

/// What [`SCHEMA`] says the summary should be.
pub fn expected_summary() -> Vec<(String, String, Kind, bool)> {
    SCHEMA
        .iter()
        .flat_map(|t| t.columns.iter().map(|c| (t.name.to_owned(), c.name.to_owned(), c.kind, c.nullable)))
        .collect()
}
