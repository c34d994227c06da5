//! Moving a whole deployment between databases, and backups. [`copy`] uses
//! the described schema ([`crate::schema::SCHEMA`]) to move every row with
//! its id unchanged (sealed fields are copied as bytes, never opened) from
//! any backend to any other, reading the source in one consistent snapshot.
//! A backup is a copy into a new SQLite file.

use crate::schema::{Kind, SCHEMA};
use crate::{Backend, Db, DbError};
use sqlx::{Row, ValueRef};

/// One value read from a row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null(Kind),
    Int(i64),
    Float(f64),
    Text(String),
    Bytes(Vec<u8>),
}

impl Value {
    /// As text: binary as lowercase hex, NULL as `NULL`.
    pub(crate) fn to_text(&self) -> String {
        match self {
            Value::Null(_) => "NULL".to_owned(),
            Value::Int(v) => v.to_string(),
            Value::Float(v) => v.to_string(),
            Value::Text(v) => v.clone(),
            Value::Bytes(v) => v.iter().map(|b| format!("{b:02x}")).collect(),
        }
    }
}

pub(crate) fn read_cell(row: &sqlx::any::AnyRow, index: usize, kind: Kind) -> Result<Value, DbError> {
    if row.try_get_raw(index)?.is_null() {
        return Ok(Value::Null(kind));
    }
    Ok(match kind {
        Kind::Int => Value::Int(row.try_get(index)?),
        Kind::Float => Value::Float(row.try_get(index)?),
        Kind::Text => Value::Text(row.try_get(index)?),
        Kind::Bytes => Value::Bytes(row.try_get(index)?),
    })
}

fn bind<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    value: &Value,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    match value.clone() {
        Value::Null(Kind::Int) => query.bind(None::<i64>),
        Value::Null(Kind::Float) => query.bind(None::<f64>),
        Value::Null(Kind::Text) => query.bind(None::<String>),
        Value::Null(Kind::Bytes) => query.bind(None::<Vec<u8>>),
        Value::Int(v) => query.bind(v),
        Value::Float(v) => query.bind(v),
        Value::Text(v) => query.bind(v),
        Value::Bytes(v) => query.bind(v),
    }
}

const PAGE: i64 = 500;

/// Progress of a copy: table, rows copied so far, rows in the table.
pub type Progress<'a> = &'a mut dyn FnMut(&str, u64, u64);

impl Db {
    /// True when no table holds a row.
    pub async fn is_empty(&self) -> Result<bool, DbError> {
        for table in SCHEMA.iter().filter(|t| !t.seeded) {
            let sql = format!("SELECT COUNT(*) FROM {}", table.name);
            let count: i64 = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_one(&self.pool).await?.try_get(0)?;
            if count > 0 {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Deletes every row of every table, children first, in one transaction.
    pub async fn clear(&self) -> Result<(), DbError> {
        let mut tx = self.pool.begin().await?;
        for table in SCHEMA.iter().rev() {
            for column in table.columns.iter().filter(|c| c.self_reference) {
                let sql = format!("UPDATE {} SET {} = NULL", table.name, column.name);
                sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *tx).await?;
            }
            sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {}", table.name))).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Copies every row of `source` into `target` (which must be migrated, and
/// is expected to be empty), ids unchanged, from one consistent snapshot.
pub async fn copy(source: &Db, target: &Db, progress: Progress<'_>) -> Result<u64, DbError> {
    let mut read = source.pool.begin().await?;
    if source.backend == Backend::Postgres {
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute(&mut *read).await?;
    }
    let mut copied_total = 0;
    for table in SCHEMA {
        let count_sql = format!("SELECT COUNT(*) FROM {}", table.name);
        let total: i64 = sqlx::query(sqlx::AssertSqlSafe(count_sql)).fetch_one(&mut *read).await?.try_get(0)?;
        let names: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
        let key = table.columns[0].name;
        let placeholders: Vec<String> = (1..=names.len()).map(|i| format!("${i}")).collect();
        let insert = format!("INSERT INTO {} ({}) VALUES ({})", table.name, names.join(", "), placeholders.join(", "));
        if table.seeded {
            sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {}", table.name))).execute(&target.pool).await?;
        }
        let mut deferred: Vec<(Value, Vec<(usize, Value)>)> = Vec::new();
        let mut last: Option<Value> = None;
        let mut copied = 0u64;
        loop {
            let select = format!(
                "SELECT {} FROM {} {} ORDER BY {key} LIMIT {PAGE}",
                names.join(", "),
                table.name,
                if last.is_some() { format!("WHERE {key} > $1") } else { String::new() }
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(select));
            if let Some(value) = &last {
                query = bind(query, value);
            }
            let rows = query.fetch_all(&mut *read).await?;
            if rows.is_empty() {
                break;
            }
            let mut write = target.pool.begin().await?;
            for row in &rows {
                let mut values = Vec::with_capacity(names.len());
                let mut later = Vec::new();
                for (i, column) in table.columns.iter().enumerate() {
                    let value = read_cell(row, i, column.kind)?;
                    if column.self_reference && !matches!(value, Value::Null(_)) {
                        later.push((i, value));
                        values.push(Value::Null(column.kind));
                    } else {
                        values.push(value);
                    }
                }
                if !later.is_empty() {
                    deferred.push((values[0].clone(), later));
                }
                let mut query = sqlx::query(sqlx::AssertSqlSafe(insert.clone()));
                for value in &values {
                    query = bind(query, value);
                }
                query.execute(&mut *write).await?;
                last = Some(values[0].clone());
            }
            write.commit().await?;
            copied += rows.len() as u64;
            progress(table.name, copied, total as u64);
        }
        let mut write = target.pool.begin().await?;
        for (key_value, columns) in &deferred {
            for (i, value) in columns {
                let sql = format!("UPDATE {} SET {} = $1 WHERE {key} = $2", table.name, table.columns[*i].name);
                let query = bind(sqlx::query(sqlx::AssertSqlSafe(sql)), value);
                bind(query, key_value).execute(&mut *write).await?;
            }
        }
        if table.identity && target.backend == Backend::Postgres {
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence('{0}', 'id'), COALESCE((SELECT MAX(id) FROM {0}), 0) + 1, false)",
                table.name
            );
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *write).await?;
        }
        write.commit().await?;
        copied_total += copied;
    }
    read.commit().await?;
    Ok(copied_total)
}

/// Writes a consistent backup of `source` to a new SQLite file at `path`
/// while the server keeps serving. SQLite uses `VACUUM INTO`; PostgreSQL is
/// copied from one snapshot. Either way the backup is a SQLite database that
/// `aman restore` (or `aman serve`) can open.
pub async fn backup(source: &Db, path: &std::path::Path, now_ms: i64, progress: Progress<'_>) -> Result<u64, DbError> {
    if path.exists() {
        return Err(DbError::Corrupt(format!("{} already exists; choose a new file", path.display())));
    }
    match source.backend {
        Backend::Sqlite => {
            let target = path.to_string_lossy().replace('\'', "''");
            sqlx::query(sqlx::AssertSqlSafe(format!("VACUUM INTO '{target}'"))).execute(&source.pool).await?;
            Ok(0)
        }
        Backend::Postgres => {
            let target = Db::connect(&format!("sqlite://{}", path.display())).await?;
            target.migrate(now_ms).await?;
            let copied = copy(source, &target, progress).await;
            target.close().await;
            copied
        }
    }
}
