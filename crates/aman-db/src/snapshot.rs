//! Reading whole tables as text, the same way on both backends: to compare a
//! copy or a restore with its source, and for tests that search what is
//! stored for plaintext. Also the few administrative statements that have no
//! place in a migration (creating databases for tests and copies).

use crate::copy::SCHEMA;
use crate::{Backend, Db, DbError};
use sqlx::{Row, ValueRef};

impl Db {
    /// Every row of `table` (one of [`SCHEMA`]), each column as text (binary
    /// as lowercase hex, NULL as `NULL`), ordered by the first column.
    pub async fn table_snapshot(&self, table: &str) -> Result<Vec<Vec<String>>, DbError> {
        if !SCHEMA.iter().any(|t| t.name == table) {
            return Err(DbError::Corrupt(format!("unknown table {table}")));
        }
        let sql = format!("SELECT * FROM {table} ORDER BY 1");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| (0..row.columns().len()).map(|i| cell_text(row, i)).collect::<Result<Vec<_>, _>>())
            .collect()
    }

    /// All tables as one text, for searching.
    pub async fn dump_text_for_tests(&self) -> Result<String, DbError> {
        let mut out = String::new();
        for table in SCHEMA {
            for row in self.table_snapshot(table.name).await? {
                out.push_str(&row.join("|"));
                out.push('\n');
            }
        }
        Ok(out)
    }

    /// Runs one administrative statement verbatim (e.g. `CREATE DATABASE`).
    pub async fn execute_admin(&self, sql: &str) -> Result<(), DbError> {
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned())).execute(&self.pool).await?;
        Ok(())
    }

    /// Whether a PostgreSQL database of that name exists on this server.
    pub async fn database_exists(&self, name: &str) -> Result<bool, DbError> {
        if self.backend != Backend::Postgres {
            return Ok(false);
        }
        let row =
            sqlx::query("SELECT COUNT(*) FROM pg_database WHERE datname = $1").bind(name).fetch_one(&self.pool).await?;
        Ok(row.try_get::<i64, _>(0)? > 0)
    }
}

fn cell_text(row: &sqlx::any::AnyRow, i: usize) -> Result<String, DbError> {
    if row.try_get_raw(i)?.is_null() {
        return Ok("NULL".to_owned());
    }
    if let Ok(v) = row.try_get::<i64, _>(i) {
        return Ok(v.to_string());
    }
    if let Ok(v) = row.try_get::<f64, _>(i) {
        return Ok(v.to_string());
    }
    if let Ok(v) = row.try_get::<String, _>(i) {
        return Ok(v);
    }
    if let Ok(v) = row.try_get::<Vec<u8>, _>(i) {
        return Ok(v.iter().map(|b| format!("{b:02x}")).collect());
    }
    Err(DbError::Corrupt(format!("column {i} has a type Aman does not store")))
}
