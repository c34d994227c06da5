//! The database under test (a SQLite file or a fresh PostgreSQL database) and the command-line clients that read it.

#[allow(unused_imports)]
use super::*;

/// The database under test.
pub(super) enum Database {
    Sqlite { file: PathBuf },
    Postgres { admin_url: String, name: String, url: String, dropped: bool },
}

impl Database {
    /// Creates `aman_crash_<pid>` on the server of `admin_url`.
    pub(super) fn create_postgres(admin_url: &str) -> Result<Database> {
        let name = format!("aman_crash_{}", std::process::id());
        let url = with_database(admin_url, &name)?;
        psql(admin_url, &format!("CREATE DATABASE {name}"))
            .with_context(|| format!("creating database {name} (is PostgreSQL running at {admin_url}?)"))?;
        Ok(Database::Postgres { admin_url: admin_url.to_owned(), name, url, dropped: false })
    }

    pub(super) fn url(&self) -> String {
        match self {
            Database::Sqlite { file } => format!("sqlite://{}", file.display()),
            Database::Postgres { url, .. } => url.clone(),
        }
    }

    pub(super) fn label(&self) -> String {
        match self {
            Database::Sqlite { file } => format!("SQLite {}", file.display()),
            Database::Postgres { name, .. } => format!("PostgreSQL database {name}"),
        }
    }

    /// Every stored description, one per row, read without the server.
    pub(super) fn descriptions(&self) -> Result<Vec<String>> {
        const QUERY: &str = "SELECT description FROM concerns";
        let text = match self {
            Database::Sqlite { file } => {
                tool_output(Command::new("sqlite3").arg("-batch").arg(file).arg(QUERY), "sqlite3")?
            }
            Database::Postgres { url, .. } => psql(url, QUERY)?,
        };
        Ok(text.lines().map(str::to_owned).collect())
    }

    /// Drops the PostgreSQL database (once); nothing to do for SQLite, whose
    /// file goes with the temporary directory.
    pub(super) fn drop_postgres(&mut self) -> Result<()> {
        if let Database::Postgres { admin_url, name, dropped, .. } = self
            && !*dropped
        {
            *dropped = true;
            psql(admin_url, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .with_context(|| format!("dropping database {name}"))?;
        }
        Ok(())
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        // Best effort, when unwinding past `run`.
        let _ = self.drop_postgres();
    }
}

/// Runs one statement with `psql` and returns the rows, one per line.
pub(crate) fn psql(url: &str, sql: &str) -> Result<String> {
    tool_output(
        Command::new("psql").args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql]),
        "psql",
    )
}

/// `url` with its database name replaced by `name`, keeping any parameters.
pub(crate) fn with_database(url: &str, name: &str) -> Result<String> {
    let scheme_end = url.find("://").map(|i| i + 3).with_context(|| format!("`{url}` is not a postgres:// URL"))?;
    let (rest, query) = match url[scheme_end..].find('?') {
        Some(i) => url[scheme_end..].split_at(i),
        None => (&url[scheme_end..], ""),
    };
    let authority = rest.split('/').next().unwrap_or(rest);
    Ok(format!("{}{authority}/{name}{query}", &url[..scheme_end]))
}

/// Runs a command to completion; fails with its stderr unless it succeeded.
pub(super) fn tool_output(command: &mut Command, what: &str) -> Result<String> {
    let output =
        command.stdin(Stdio::null()).output().with_context(|| format!("could not run {what}; is it installed?"))?;
    if !output.status.success() {
        bail!("{what} failed ({}): {}", output.status, String::from_utf8_lossy(&output.stderr).trim());
    }
    String::from_utf8(output.stdout).with_context(|| format!("{what} printed something that is not UTF-8"))
}
