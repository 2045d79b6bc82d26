//! SQLite: files opened read-only (and `query_only`), and the built-in sample in memory.
//! Sampling reads random rowid ranges; WITHOUT ROWID tables read a plain `LIMIT`.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::LazyLock;
use std::time::Duration;

use sqlx::Row;
use sqlx::pool::PoolConnection;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};

use super::sql::{Dialect, Sql};
use super::{
    ConnectOptions, Engine, IndexedRetention, ReadError, ServerInfo, Sink, cell_text,
    describe_error, key_ranges,
};
use crate::access::{AccessOutcome, PdTable};

pub mod access;
use crate::classify::MAX_VALUE_BYTES;
use crate::model::{CatalogColumn, CatalogTable, TableKind, TypeClass};
use crate::target::EngineKind;

/// Quote an identifier for SQLite: double quotes, embedded quotes doubled.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// SQLite SQL built at run time: identifiers go through [`quote_ident`].
pub struct Lite;

impl Dialect for Lite {
    fn quote_ident(name: &str) -> String {
        quote_ident(name)
    }
}

/// The built-in sample's SQL: this crate's own text (`samples/shop.sql` with SQLite's type
/// names), fixed at build time and rendered once, so it is static SQL.
static SAMPLE_SQL: LazyLock<String> = LazyLock::new(|| crate::sample::render(EngineKind::Sqlite));

/// Remove a statement deadline left on a pooled connection by [`Sqlite::guarded`].
async fn clear_interrupt(conn: &mut sqlx::SqliteConnection) -> Result<bool, sqlx::Error> {
    conn.lock_handle().await?.remove_progress_handler();
    Ok(true)
}

/// The 16-byte header of every unencrypted SQLite 3 file.
pub const HEADER: &[u8; 16] = b"SQLite format 3\0";

/// A connected SQLite database.
pub struct Sqlite {
    pool: SqlitePool,
    info: ServerInfo,
    path: Option<PathBuf>,
    timeout: Duration,
}

impl Sqlite {
    /// Open a file read-only. A missing file, a file without the SQLite header (possibly
    /// encrypted) and an unreadable file are clear errors; nothing is created.
    pub async fn open_file(path: &Path, opts: &ConnectOptions) -> Result<Sqlite, String> {
        let shown = path.display();
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!("no such file: {shown}"),
            std::io::ErrorKind::PermissionDenied => format!("permission denied reading {shown}"),
            _ => format!("cannot open {shown}: {e}"),
        })?;
        if meta.is_dir() {
            return Err(format!(
                "{shown} is a directory, not a SQLite database file"
            ));
        }
        // A FIFO would block the open forever; a device (/dev/null) is no database either.
        if !meta.is_file() {
            return Err(format!(
                "{shown} is not a regular file (a FIFO, device or socket), not a SQLite database file; it was not opened"
            ));
        }
        let mut header = [0u8; 16];
        let mut f = std::fs::File::open(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::PermissionDenied => format!("permission denied reading {shown}"),
            _ => format!("cannot open {shown}: {e}"),
        })?;
        let got = f
            .read(&mut header)
            .map_err(|e| format!("cannot read {shown}: {e}"))?;
        if got > 0 && (got < 16 || header != *HEADER) {
            return Err(format!(
                "{shown} is not a plain SQLite 3 database (no \"SQLite format 3\" header): possibly encrypted, or another kind of file; it was not opened"
            ));
        }
        // With no write-ahead log or rollback journal beside it, nobody is writing the file: open
        // it immutable, so SQLite takes no locks and creates no -wal / -shm files even for a
        // WAL-mode database. With a -wal (a writer has it open, or left its log) or a -journal
        // (a write transaction is under way, or was cut off), SQLite must see them: plain
        // read-only, with its usual locking.
        let beside = |suffix: &str| {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            Path::new(&p).exists()
        };
        let in_use = beside("-wal") || beside("-journal");
        let connect = SqliteConnectOptions::new()
            .filename(path)
            .read_only(true)
            .immutable(!in_use)
            .create_if_missing(false)
            .pragma("query_only", "ON")
            .busy_timeout(opts.statement_timeout);
        let pool = SqlitePoolOptions::new()
            .max_connections(opts.max_connections.max(1))
            .min_connections(0)
            .before_acquire(|conn, _| Box::pin(clear_interrupt(conn)))
            .connect_with(connect)
            .await
            .map_err(|e| describe_error(&e, &shown.to_string()))?;
        let mut db = Sqlite::finish(pool, opts).await?;
        db.path = Some(path.to_path_buf());
        Ok(db)
    }

    /// The built-in sample, loaded into a private in-memory database then made read-only.
    pub async fn open_sample(opts: &ConnectOptions) -> Result<Sqlite, String> {
        let connect = SqliteConnectOptions::from_str("sqlite::memory:")
            .map_err(|e| describe_error(&e, "the sample"))?;
        // One connection for the life of the pool: an in-memory database lives in its connection.
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .before_acquire(|conn, _| Box::pin(clear_interrupt(conn)))
            .connect_with(connect)
            .await
            .map_err(|e| describe_error(&e, "the sample"))?;
        sqlx::raw_sql(SAMPLE_SQL.as_str())
            .execute(&pool)
            .await
            .map_err(|e| {
                format!(
                    "cannot load the built-in sample: {}",
                    describe_error(&e, "the sample")
                )
            })?;
        sqlx::query("PRAGMA query_only = ON")
            .execute(&pool)
            .await
            .map_err(|e| describe_error(&e, "the sample"))?;
        Sqlite::finish(pool, opts).await
    }

    async fn finish(pool: SqlitePool, opts: &ConnectOptions) -> Result<Sqlite, String> {
        let version: String = sqlx::query_scalar("SELECT sqlite_version()")
            .fetch_one(&pool)
            .await
            .map_err(|e| describe_error(&e, "the database"))?;
        Ok(Sqlite {
            pool,
            info: ServerInfo {
                server_version: Some(format!("SQLite {version}")),
                scanned_as: std::env::var("USER")
                    .ok()
                    .or_else(|| Some("file access".into())),
                sampling: "random rowid ranges with LIMIT, plain LIMIT for WITHOUT ROWID tables"
                    .into(),
            },
            path: None,
            timeout: opts.statement_timeout,
        })
    }

    /// The database file, when not the in-memory sample.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The pool, for evidence queries.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    fn map_err(e: sqlx::Error) -> ReadError {
        if let sqlx::Error::Database(db) = &e {
            let m = db.message();
            if m.contains("interrupted") {
                return ReadError::Timeout;
            }
            if m.contains("authoriz") || m.contains("readonly") {
                return ReadError::PermissionDenied(m.to_string());
            }
        }
        ReadError::Other(describe_error(&e, "the database"))
    }
}

impl Engine for Sqlite {
    fn kind(&self) -> EngineKind {
        EngineKind::Sqlite
    }

    fn info(&self) -> &ServerInfo {
        &self.info
    }

    async fn catalog(&self) -> Result<Vec<CatalogTable>, ReadError> {
        // Names as bytes: a name that is not UTF-8 must cost its table, not the database.
        let rows = sqlx::query(
            "SELECT CAST(name AS BLOB), CAST(coalesce(sql, '') AS BLOB) FROM sqlite_schema \
             WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(Self::map_err)?;
        let mut tables = Vec::new();
        for row in rows {
            let name: Vec<u8> = row.try_get(0).map_err(Self::map_err)?;
            let ddl: Vec<u8> = row.try_get(1).map_err(Self::map_err)?;
            let upper = String::from_utf8_lossy(&ddl).to_ascii_uppercase();
            if upper.starts_with("CREATE VIRTUAL TABLE") {
                continue;
            }
            let without_rowid = upper.contains("WITHOUT ROWID");
            let mut table = CatalogTable {
                schema: "main".into(),
                name: String::from_utf8_lossy(&name).into_owned(),
                kind: TableKind::Table,
                estimated_rows: None,
                columns: Vec::new(),
                integer_key: (!without_rowid).then(|| "rowid".to_string()),
                unreadable: Vec::new(),
                left_out: Vec::new(),
            };
            match String::from_utf8(name) {
                Ok(_) => {
                    if let Err(e) = self.describe(&mut table, without_rowid).await {
                        table.columns.clear();
                        table
                            .left_out
                            .push((None, format!("cannot read its catalog entry: {e}")));
                    }
                }
                Err(_) => table.left_out.push((
                    None,
                    "the table's name is not valid UTF-8 (shown with \u{fffd} for the bad bytes): \
                     it cannot be queried by name, so it was not read"
                        .into(),
                )),
            }
            tables.push(table);
        }
        Ok(tables)
    }

    async fn sample(
        &self,
        table: &CatalogTable,
        columns: &[usize],
        rows: u64,
        sink: &mut Sink<'_>,
    ) -> Result<u64, ReadError> {
        if columns.is_empty() {
            return Ok(0);
        }
        let mut select = Sql::<Lite>::new("SELECT ");
        select.join(columns, ", ", |s, &i| {
            let q = &table.columns[i].name;
            // Blobs stored in a column of another declared type are binary: not sampled.
            s.push("CASE WHEN typeof(")
                .ident(q)
                .push(") = 'blob' THEN NULL ELSE CAST(substr(")
                .ident(q)
                .push(", 1, ")
                .int(MAX_VALUE_BYTES as u64)
                .push(") AS BLOB) END");
        });
        let small = table
            .estimated_rows
            .is_none_or(|e| e <= rows.saturating_mul(2));
        let fut = async {
            // SQLite itself stops the statements at the deadline (an abandoned one would run on
            // and hold its connection until it finished).
            let mut conn = self.guarded().await?;
            if table.integer_key.is_none() || small {
                let mut sql = select;
                sql.push(" FROM ").ident(&table.name).push(" LIMIT ?");
                return self
                    .run(&mut conn, &sql, &[rows as i64], None, columns.len(), sink)
                    .await;
            }
            let mut bounds = Sql::<Lite>::new("SELECT min(rowid), max(rowid) FROM ");
            bounds.ident(&table.name);
            let bounds = sqlx::query(bounds)
                .fetch_one(&mut *conn)
                .await
                .map_err(Self::map_err)?;
            let lo: Option<i64> = bounds.try_get(0).map_err(Self::map_err)?;
            let hi: Option<i64> = bounds.try_get(1).map_err(Self::map_err)?;
            let (Some(lo), Some(hi)) = (lo, hi) else {
                return Ok(0);
            };
            let (per, starts) = key_ranges(lo, hi, rows);
            let mut sql = select;
            sql.push(", rowid FROM ")
                .ident(&table.name)
                .push(" WHERE rowid >= ? ORDER BY rowid LIMIT ?");
            let mut seen = HashSet::new();
            let mut total = 0;
            for start in starts {
                total += self
                    .run(
                        &mut conn,
                        &sql,
                        &[start, per],
                        Some(&mut seen),
                        columns.len(),
                        sink,
                    )
                    .await?;
            }
            Ok(total)
        };
        // A backstop: the interrupt should have ended it already.
        match tokio::time::timeout(self.timeout + Duration::from_secs(2), fut).await {
            Ok(r) => r,
            Err(_) => Err(ReadError::Timeout),
        }
    }

    async fn access(&self, database: &str, pd: &[PdTable]) -> AccessOutcome {
        access::analyze(self, database, pd).await
    }

    /// Oldest value and counts older than the cutoffs, when an index leads with the column.
    async fn retention(
        &self,
        table: &CatalogTable,
        column: &str,
        cutoffs: &[chrono::NaiveDateTime],
    ) -> Result<Option<IndexedRetention>, ReadError> {
        let indexed: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM pragma_index_list(?1) l \
             WHERE (SELECT name FROM pragma_index_info(l.name) WHERE seqno = 0) = ?2",
        )
        .bind(&table.name)
        .bind(column)
        .fetch_one(&self.pool)
        .await
        .map_err(Self::map_err)?;
        if indexed == 0 {
            return Ok(None);
        }
        let mut oldest_sql = Sql::<Lite>::new("SELECT CAST(min(");
        oldest_sql
            .ident(column)
            .push(") AS TEXT) FROM ")
            .ident(&table.name);
        let oldest: Option<String> = sqlx::query_scalar(oldest_sql)
            .fetch_one(&self.pool)
            .await
            .map_err(Self::map_err)?;
        let mut older_than = Vec::new();
        let mut conn = self.guarded().await?;
        let mut count = Sql::<Lite>::new("SELECT count(*) FROM ");
        count
            .ident(&table.name)
            .push(" WHERE ")
            .ident(column)
            .push(" < ?");
        for cut in cutoffs {
            // SQLite keeps timestamps as ISO text here: text order is time order.
            let n = sqlx::query_scalar::<_, i64>(&count)
                .bind(cut.format("%Y-%m-%d %H:%M:%S").to_string())
                .fetch_one(&mut *conn)
                .await;
            older_than.push(n.ok().map(|n| n.max(0) as u64));
        }
        Ok(Some(IndexedRetention { oldest, older_than }))
    }

    async fn close(&self) {
        self.pool.close().await;
    }
}

impl Sqlite {
    /// Columns and row estimate of one table; a column whose name is not UTF-8 is left out
    /// with the reason.
    async fn describe(
        &self,
        table: &mut CatalogTable,
        without_rowid: bool,
    ) -> Result<(), ReadError> {
        let cols = sqlx::query(
            "SELECT CAST(name AS BLOB), CAST(type AS BLOB) FROM pragma_table_info(?) ORDER BY cid",
        )
        .bind(&table.name)
        .fetch_all(&self.pool)
        .await
        .map_err(Self::map_err)?;
        for c in cols {
            let cname: Vec<u8> = c.try_get(0).map_err(Self::map_err)?;
            let ctype: Vec<u8> = c.try_get(1).map_err(Self::map_err)?;
            let ctype = String::from_utf8_lossy(&ctype).into_owned();
            let Ok(cname) = String::from_utf8(cname.clone()) else {
                table.left_out.push((
                    Some(String::from_utf8_lossy(&cname).into_owned()),
                    "the column's name is not valid UTF-8: it cannot be selected by name, so it \
                     was not read"
                        .into(),
                ));
                continue;
            };
            table.columns.push(CatalogColumn {
                class: TypeClass::from_type_name(EngineKind::Sqlite, &ctype),
                name: cname,
                data_type: if ctype.is_empty() {
                    "(none)".into()
                } else {
                    ctype
                },
            });
        }
        // SQLite keeps no row count; the rowid span is an O(log n) upper-bound estimate, taken
        // as a real number: rowids at both ends of the 64-bit range overflow an integer.
        if !without_rowid {
            let mut q = Sql::<Lite>::new(
                "SELECT CAST(max(rowid) AS REAL) - CAST(min(rowid) AS REAL) + 1 FROM ",
            );
            q.ident(&table.name);
            let span = sqlx::query_scalar::<_, Option<f64>>(q)
                .fetch_one(&self.pool)
                .await
                .map_err(Self::map_err)?;
            table.estimated_rows = Some(span.map_or(0, |n| n.clamp(0.0, u64::MAX as f64) as u64));
        }
        Ok(())
    }

    /// A connection whose statements SQLite interrupts once the statement timeout has passed.
    /// The handler goes when the connection is next taken from the pool (`before_acquire`).
    pub async fn guarded(&self) -> Result<PoolConnection<sqlx::Sqlite>, ReadError> {
        let mut conn = self.pool.acquire().await.map_err(Self::map_err)?;
        let deadline = std::time::Instant::now() + self.timeout;
        conn.lock_handle()
            .await
            .map_err(Self::map_err)?
            .set_progress_handler(1000, move || std::time::Instant::now() < deadline);
        Ok(conn)
    }

    async fn run(
        &self,
        conn: &mut sqlx::SqliteConnection,
        sql: &Sql<Lite>,
        binds: &[i64],
        mut seen: Option<&mut HashSet<i64>>,
        ncols: usize,
        sink: &mut Sink<'_>,
    ) -> Result<u64, ReadError> {
        let mut q = sqlx::query(sql);
        for b in binds {
            q = q.bind(*b);
        }
        // Read to the end before classifying: the interrupt deadline then measures SQLite,
        // not this process (the rows and their values are bounded by the SQL).
        let rows = q.fetch_all(&mut *conn).await.map_err(Self::map_err)?;
        let mut n = 0;
        for row in rows {
            if let Some(seen) = seen.as_deref_mut() {
                let key: i64 = row.try_get(ncols).map_err(Self::map_err)?;
                if !seen.insert(key) {
                    continue;
                }
            }
            n += 1;
            for i in 0..ncols {
                let bytes: Option<Vec<u8>> = row.try_get_unchecked(i).map_err(Self::map_err)?;
                if let Some(t) = cell_text(bytes) {
                    sink(i, &t);
                }
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn statements_over_the_timeout_are_interrupted_not_abandoned() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("t.db");
        std::fs::write(&path, b"").expect("empty file is an empty database");
        let opts = ConnectOptions {
            statement_timeout: Duration::from_millis(300),
            ..ConnectOptions::default()
        };
        let db = Sqlite::open_file(&path, &opts).await.expect("open");
        let started = std::time::Instant::now();
        let mut conn = db.guarded().await.expect("connection");
        // Never ends on its own.
        let endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) \
                       SELECT count(*) FROM c";
        let err = tokio::time::timeout(
            Duration::from_secs(10),
            sqlx::query_scalar::<_, i64>(endless).fetch_one(&mut *conn),
        )
        .await
        .expect("SQLite interrupts the statement itself")
        .expect_err("interrupted");
        assert!(matches!(Sqlite::map_err(err), ReadError::Timeout));
        assert!(started.elapsed() < Duration::from_secs(5));
        drop(conn);
        // The next user of the connection gets it without the old deadline.
        let one: i64 = sqlx::query_scalar("SELECT 1")
            .fetch_one(db.pool())
            .await
            .expect("clean connection");
        assert_eq!(one, 1);
        // Nothing runs on: closing the pool returns at once.
        tokio::time::timeout(Duration::from_secs(5), db.close())
            .await
            .expect("closed promptly");
    }

    #[test]
    fn quotes_hostile_identifiers() {
        use super::quote_ident;
        assert_eq!(quote_ident("t"), "\"t\"");
        assert_eq!(quote_ident("a\"b"), "\"a\"\"b\"");
        assert_eq!(quote_ident("order"), "\"order\"");
    }
}
