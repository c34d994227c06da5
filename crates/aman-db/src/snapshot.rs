//! Reading whole tables as text, the same way on both backends: to compare a
//! copy or a restore with its source, and for tests that search what is
//! stored for plaintext. Also the few administrative statements that have no
//! place in a migration (creating databases for tests and copies).

use crate::copy::read_cell;
use crate::schema::SCHEMA;
use crate::{Backend, Db, DbError};
use sqlx::Row;

impl Db {
    /// Every row of `table` (one of [`SCHEMA`]), each column as text (binary
    /// as lowercase hex, NULL as `NULL`), ordered by the first column.
    pub async fn table_snapshot(&self, table: &str) -> Result<Vec<Vec<String>>, DbError> {
        let described = SCHEMA
            .iter()
            .find(|t| t.name == table)
            .ok_or_else(|| DbError::Corrupt(format!("unknown table {table}")))?;
        let names: Vec<&str> = described.columns.iter().map(|c| c.name).collect();
        let sql = format!("SELECT {} FROM {table} ORDER BY 1", names.join(", "));
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| {
                described.columns.iter().enumerate().map(|(i, c)| Ok(read_cell(row, i, c.kind)?.to_text())).collect()
            })
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
