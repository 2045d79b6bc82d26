//! Databases: one trait, [`Engine`], with one implementation per engine. Engine-specific SQL lives
//! only in its engine's module. Runtime queries only; identifiers are quoted by one function per
//! engine, values are always bound. SQL that names catalog objects is built as a [`sql::Sql`],
//! the only place that vouches for a run-time string to sqlx.
//!
//! Every connection is read-only (PostgreSQL `default_transaction_read_only`, MySQL
//! `SET SESSION TRANSACTION READ ONLY`, SQLite opened read-only / `query_only`), carries a
//! per-statement timeout, and comes from a small pool.
//!
//! Not for: deciding what values mean (see `classify`).

pub mod mysql;
pub mod postgres;
pub mod sql;
pub mod sqlite;

use std::future::Future;
use std::time::Duration;

use crate::access::{AccessOutcome, PdTable};
use crate::model::CatalogTable;

/// Retention figures read through an index.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedRetention {
    /// The oldest value, as text.
    pub oldest: Option<String>,
    /// Rows older than each cutoff (same order); `None` where counting timed out.
    pub older_than: Vec<Option<u64>>,
}
use crate::target::{EngineKind, Location, Target};

/// Connection settings shared by all engines.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    /// Per-statement timeout.
    pub statement_timeout: Duration,
    /// How long connecting (TCP, TLS, authentication, session set-up) may take.
    pub connect_timeout: Duration,
    /// Pool size.
    pub max_connections: u32,
}

impl ConnectOptions {
    /// How long a query may wait for a pooled connection once the server has answered.
    ///
    /// The first connection is bounded by `connect_timeout` alone. Later waits also queue
    /// behind this scan's own statements (at most `max_connections` at a time, each bounded
    /// by `statement_timeout`), and on a loaded machine a new session's set-up can be slow:
    /// a table must not be skipped as "timed out connecting" because its neighbours were busy.
    pub fn pool_wait(&self) -> Duration {
        self.connect_timeout + self.statement_timeout
    }
}

impl Default for ConnectOptions {
    fn default() -> Self {
        ConnectOptions {
            statement_timeout: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(10),
            max_connections: 4,
        }
    }
}

/// What the server told us about itself and the scanning account.
#[derive(Debug, Clone, Default)]
pub struct ServerInfo {
    /// Version string.
    pub server_version: Option<String>,
    /// The account the scan runs as.
    pub scanned_as: Option<String>,
    /// How rows are sampled on this server.
    pub sampling: String,
}

/// Why a table or column could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The statement ran past the timeout.
    Timeout,
    /// The account lacks a privilege.
    PermissionDenied(String),
    /// Anything else (one line, no values).
    Other(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Timeout => f.write_str("statement timeout"),
            ReadError::PermissionDenied(m) => write!(f, "permission denied: {m}"),
            ReadError::Other(m) => f.write_str(m),
        }
    }
}

/// A sampled value handed to the scanner: the column's index in the requested list and its text
/// (cut to a few KiB, lossily decoded). NULLs and empty strings are never passed.
pub type Sink<'a> = dyn FnMut(usize, &str) + Send + 'a;

/// One database engine.
pub trait Engine: Send + Sync {
    /// The engine.
    fn kind(&self) -> EngineKind;

    /// Server version, account, sampling method.
    fn info(&self) -> &ServerInfo;

    /// Every user table and materialized view with columns, types and row estimates.
    fn catalog(&self) -> impl Future<Output = Result<Vec<CatalogTable>, ReadError>> + Send;

    /// Sample up to `rows` rows of `columns` (indexes into `table.columns`), at a cost that does not
    /// grow with the table. Returns the number of rows read.
    fn sample(
        &self,
        table: &CatalogTable,
        columns: &[usize],
        rows: u64,
        sink: &mut Sink<'_>,
    ) -> impl Future<Output = Result<u64, ReadError>> + Send;

    /// Who can read the personal data found, and the server's security posture.
    fn access(&self, database: &str, pd: &[PdTable]) -> impl Future<Output = AccessOutcome> + Send;

    /// The oldest value of a date/time column and how many rows are older than each cutoff,
    /// when an index makes that cheap; `Ok(None)` when there is no usable index.
    fn retention(
        &self,
        table: &CatalogTable,
        column: &str,
        cutoffs: &[chrono::NaiveDateTime],
    ) -> impl Future<Output = Result<Option<IndexedRetention>, ReadError>> + Send;

    /// Close the pool.
    fn close(&self) -> impl Future<Output = ()> + Send;
}

/// A connected database of any engine.
pub enum Database {
    /// PostgreSQL.
    Postgres(postgres::Postgres),
    /// MySQL / MariaDB.
    Mysql(mysql::Mysql),
    /// SQLite.
    Sqlite(sqlite::Sqlite),
}

impl Database {
    /// Connect to a target. The error is one line naming the cause, without the password.
    pub async fn connect(target: &Target, opts: &ConnectOptions) -> Result<Database, String> {
        let res = match (&target.location, target.engine) {
            (Location::Server(url), EngineKind::Postgres) => postgres::Postgres::connect(url, opts)
                .await
                .map(Database::Postgres),
            (Location::Server(url), EngineKind::Mysql) => {
                mysql::Mysql::connect(url, opts).await.map(Database::Mysql)
            }
            (Location::SqliteFile(path), _) => sqlite::Sqlite::open_file(path, opts)
                .await
                .map(Database::Sqlite),
            (Location::Sample, _) => sqlite::Sqlite::open_sample(opts)
                .await
                .map(Database::Sqlite),
            (Location::Server(_), EngineKind::Sqlite) => {
                Err("a server URL cannot be SQLite".into())
            }
        };
        res.map_err(|e| target.scrub(&e))
    }
}

/// Turn a driver error into one line a user can act on.
pub fn describe_error(e: &sqlx::Error, what: &str) -> String {
    match e {
        sqlx::Error::Io(io) => {
            let hint = match io.kind() {
                std::io::ErrorKind::ConnectionRefused => {
                    " (is the server running and listening there?)"
                }
                std::io::ErrorKind::TimedOut => " (is the host reachable?)",
                _ => "",
            };
            format!("cannot connect to {what}: {io}{hint}")
        }
        sqlx::Error::Database(db) => {
            let code = db.code().map(|c| format!(" [{c}]")).unwrap_or_default();
            format!("{}{code}", first_line(db.message()))
        }
        sqlx::Error::Tls(t) => format!(
            "TLS error talking to {what}: {}",
            first_line(&t.to_string())
        ),
        sqlx::Error::PoolTimedOut => format!("timed out connecting to {what}"),
        sqlx::Error::Configuration(c) => format!(
            "invalid connection settings: {}",
            first_line(&c.to_string())
        ),
        other => first_line(&other.to_string()).to_string(),
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

/// Random key ranges for sampling an integer key between `lo` and `hi`: four starts drawn
/// uniformly, each to read `rows / 4` rows (rounded up) in key order. Returns the rows per range
/// and the starts; rows seen twice (overlapping ranges) are for the caller to drop.
pub(crate) fn key_ranges(lo: i64, hi: i64, rows: u64) -> (i64, Vec<i64>) {
    const RANGES: u64 = 4;
    let per = rows.div_ceil(RANGES) as i64;
    let starts = (0..RANGES)
        .map(|_| if hi > lo { fastrand::i64(lo..=hi) } else { lo })
        .collect();
    (per, starts)
}

/// Whether `column` of `table` is compared as text in a retention count: a column not declared
/// as a date or timestamp, whose values were read as ISO 8601 text (text order is time order).
pub(crate) fn compared_as_text(table: &CatalogTable, column: &str) -> bool {
    table.columns.iter().any(|c| {
        c.name == column
            && !matches!(
                c.class,
                crate::model::TypeClass::Date | crate::model::TypeClass::Timestamp
            )
    })
}

/// Decode a sampled cell as lossy UTF-8 text.
pub(crate) fn cell_text(bytes: Option<Vec<u8>>) -> Option<String> {
    let b = bytes?;
    let cut = &b[..b.len().min(crate::classify::MAX_VALUE_BYTES + 4)];
    let s = String::from_utf8_lossy(cut);
    let s = s.trim();
    if s.is_empty() {
        None
    } else {
        Some(s.to_string())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cells_decode_lossily() {
        assert_eq!(
            super::cell_text(Some(vec![0xff, b'a'])).as_deref(),
            Some("\u{fffd}a")
        );
        assert_eq!(super::cell_text(Some(b"  ".to_vec())), None);
        assert_eq!(super::cell_text(None), None);
    }
}
