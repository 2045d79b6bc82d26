//! MySQL and MariaDB: catalog from `information_schema`, sampling by a random key range.
//!
//! Every session runs `SET SESSION TRANSACTION READ ONLY` and a statement time limit
//! (`max_statement_time` on MariaDB, `max_execution_time` on MySQL) before it is used.

use std::collections::HashSet;
use std::str::FromStr;

use sqlx::Row;
use sqlx::mysql::{MySqlConnectOptions, MySqlPool, MySqlPoolOptions, MySqlRow};
use url::Url;

use super::sql::{Dialect, Sql};
use super::{
    ConnectOptions, Engine, IndexedRetention, ReadError, ServerInfo, Sink, cell_text,
    describe_error, key_ranges,
};
use crate::access::{AccessOutcome, PdTable};

pub mod access;
pub mod checks;
pub mod grants;
use crate::classify::MAX_VALUE_BYTES;
use crate::model::{CatalogColumn, CatalogTable, TableKind, TypeClass};
use crate::target::EngineKind;

/// Quote an identifier for MySQL/MariaDB: backticks, embedded backticks doubled.
pub fn quote_ident(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}

/// MySQL/MariaDB SQL built at run time: identifiers go through [`quote_ident`].
pub struct My;

impl Dialect for My {
    fn quote_ident(name: &str) -> String {
        quote_ident(name)
    }
}

/// Schemas that belong to the server, never scanned.
pub const SYSTEM_SCHEMAS: &[&str] = &["mysql", "information_schema", "performance_schema", "sys"];

/// A connected MySQL or MariaDB server (one URL; its databases are the schemas).
pub struct Mysql {
    pool: MySqlPool,
    info: ServerInfo,
    database: Option<String>,
    mariadb: bool,
}

/// Read a text cell whatever its collation (information_schema columns are sometimes binary).
pub(crate) fn text(row: &MySqlRow, i: usize) -> Result<String, ReadError> {
    let b: Option<Vec<u8>> = row.try_get_unchecked(i).map_err(Mysql::map_err)?;
    Ok(b.map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default())
}

impl Mysql {
    /// Connect read-only.
    pub async fn connect(url: &Url, opts: &ConnectOptions) -> Result<Mysql, String> {
        let where_ = format!(
            "{}:{}",
            url.host_str().unwrap_or("localhost"),
            url.port().unwrap_or(3306)
        );
        // Bounded: a server that accepts the TCP connection and never answers must not hang the
        // run (the statement limits only apply once a session exists).
        match tokio::time::timeout(
            opts.connect_timeout,
            Self::connect_inner(url, opts, &where_),
        )
        .await
        {
            Ok(r) => r,
            Err(_) => Err(format!(
                "{where_} did not answer within {} s (--connect-timeout): is it a MySQL/MariaDB server, and is it overloaded?",
                opts.connect_timeout.as_secs()
            )),
        }
    }

    async fn connect_inner(
        url: &Url,
        opts: &ConnectOptions,
        where_: &str,
    ) -> Result<Mysql, String> {
        let where_ = where_.to_string();
        let connect = MySqlConnectOptions::from_str(url.as_str())
            .map_err(|e| describe_error(&e, &where_))?
            .charset("utf8mb4")
            // What sqlx 0.8 sent (`SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci`); 0.9 would
            // leave the collation to the server's default, which differs by server and version.
            .collation("utf8mb4_unicode_ci");
        let timeout = opts.statement_timeout;
        let pool = MySqlPoolOptions::new()
            .max_connections(opts.max_connections.max(1))
            .min_connections(0)
            // Past the connect bound, so for the first connection the bound (and its message)
            // decides.
            .acquire_timeout(opts.pool_wait() + std::time::Duration::from_secs(1))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    let version: String = sqlx::query_scalar("SELECT CAST(VERSION() AS CHAR)")
                        .fetch_one(&mut *conn)
                        .await?;
                    sqlx::query("SET SESSION TRANSACTION READ ONLY")
                        .execute(&mut *conn)
                        .await?;
                    let limit = if version.to_ascii_lowercase().contains("mariadb") {
                        let mut s = Sql::<My>::new("SET SESSION max_statement_time = ");
                        s.decimal(timeout.as_secs_f64().max(0.001));
                        s
                    } else {
                        let mut s = Sql::<My>::new("SET SESSION max_execution_time = ");
                        s.int(timeout.as_millis().max(1) as u64);
                        s
                    };
                    sqlx::query(limit).execute(&mut *conn).await?;
                    // Waiting for a table lock counts against the same limit.
                    let mut lock = Sql::<My>::new("SET SESSION lock_wait_timeout = ");
                    lock.int(timeout.as_secs().max(1));
                    sqlx::query(lock).execute(&mut *conn).await?;
                    Ok(())
                })
            })
            .connect_with(connect)
            .await
            .map_err(|e| describe_error(&e, &where_))?;
        let row = sqlx::query("SELECT CAST(VERSION() AS CHAR), CAST(CURRENT_USER() AS CHAR), CAST(DATABASE() AS CHAR)")
            .fetch_one(&pool)
            .await
            .map_err(|e| describe_error(&e, &where_))?;
        let (version, user, db) = (
            text(&row, 0).map_err(|e| e.to_string())?,
            text(&row, 1).map_err(|e| e.to_string())?,
            text(&row, 2).map_err(|e| e.to_string())?,
        );
        let mariadb = version.to_ascii_lowercase().contains("mariadb");
        Ok(Mysql {
            pool,
            info: ServerInfo {
                server_version: Some(if mariadb {
                    format!("MariaDB {version}")
                } else {
                    format!("MySQL {version}")
                }),
                scanned_as: Some(user),
                sampling:
                    "random primary-key ranges with LIMIT, plain LIMIT without an integer key"
                        .into(),
            },
            database: Some(db).filter(|d| !d.is_empty()),
            mariadb,
        })
    }

    /// The pool, for the access and posture analysis.
    pub fn pool(&self) -> &MySqlPool {
        &self.pool
    }

    /// Whether the server is MariaDB.
    pub fn is_mariadb(&self) -> bool {
        self.mariadb
    }

    /// The database named in the URL, if any (then only it is scanned).
    pub fn database(&self) -> Option<&str> {
        self.database.as_deref()
    }

    pub(crate) fn map_err(e: sqlx::Error) -> ReadError {
        if let sqlx::Error::Database(db) = &e {
            match db.code().as_deref() {
                // ER_STATEMENT_TIMEOUT (MariaDB), ER_QUERY_TIMEOUT (MySQL), ER_QUERY_INTERRUPTED
                Some("70100") => return ReadError::Timeout,
                Some("42000") if db.message().contains("denied") => {
                    return ReadError::PermissionDenied(db.message().to_string());
                }
                _ => {}
            }
            let msg = db.message();
            if msg.contains("max_statement_time")
                || msg.contains("maximum statement execution time")
                || msg.contains("Lock wait timeout")
            {
                return ReadError::Timeout;
            }
            if msg.contains("command denied") || msg.contains("Access denied") {
                return ReadError::PermissionDenied(msg.to_string());
            }
        }
        ReadError::Other(describe_error(&e, "the server"))
    }
}

const INTEGER_TYPES: &[&str] = &[
    "tinyint",
    "smallint",
    "mediumint",
    "int",
    "integer",
    "bigint",
];

/// The catalog query, with a static filter on the schemas. information_schema compares names
/// case- and accent-insensitively (utf8_general_ci): table names are matched as bytes, or the
/// columns of `pacienți` would be joined to `pacienti` too.
macro_rules! catalog_sql {
    ($filter:literal) => {
        concat!(
            "SELECT t.TABLE_SCHEMA, t.TABLE_NAME, t.TABLE_ROWS, c.COLUMN_NAME, c.COLUMN_TYPE, c.DATA_TYPE, \
                    (SELECT COUNT(*) FROM information_schema.STATISTICS s \
                      WHERE s.TABLE_SCHEMA = t.TABLE_SCHEMA AND s.TABLE_NAME = BINARY t.TABLE_NAME AND s.INDEX_NAME = 'PRIMARY') AS pk_cols, \
                    c.COLUMN_KEY \
             FROM information_schema.TABLES t \
             JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = BINARY t.TABLE_NAME \
             WHERE t.TABLE_TYPE = 'BASE TABLE' AND ",
            $filter,
            " ORDER BY t.TABLE_SCHEMA, t.TABLE_NAME, c.ORDINAL_POSITION"
        )
    };
}

impl Engine for Mysql {
    fn kind(&self) -> EngineKind {
        EngineKind::Mysql
    }

    fn info(&self) -> &ServerInfo {
        &self.info
    }

    async fn catalog(&self) -> Result<Vec<CatalogTable>, ReadError> {
        let sql = if self.database.is_some() {
            catalog_sql!("t.TABLE_SCHEMA = DATABASE()")
        } else {
            catalog_sql!(
                "t.TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')"
            )
        };
        let rows = sqlx::query(sql)
            .fetch_all(&self.pool)
            .await
            .map_err(Self::map_err)?;
        let mut tables: Vec<CatalogTable> = Vec::new();
        for row in rows {
            let schema = text(&row, 0)?;
            let name = text(&row, 1)?;
            let estimate: Option<u64> = row.try_get_unchecked::<Option<u64>, _>(2).ok().flatten();
            let column = text(&row, 3)?;
            let column_type = text(&row, 4)?;
            let data_type = text(&row, 5)?.to_ascii_lowercase();
            let pk_cols: i64 = row.try_get_unchecked::<i64, _>(6).unwrap_or(0);
            let key = text(&row, 7)?;
            if !tables
                .last()
                .is_some_and(|t| t.schema == schema && t.name == name)
            {
                tables.push(CatalogTable {
                    schema,
                    name,
                    kind: TableKind::Table,
                    estimated_rows: estimate,
                    columns: Vec::new(),
                    integer_key: None,
                    unreadable: Vec::new(),
                    left_out: Vec::new(),
                });
            }
            if let Some(t) = tables.last_mut() {
                if key == "PRI" && pk_cols == 1 && INTEGER_TYPES.contains(&data_type.as_str()) {
                    t.integer_key = Some(column.clone());
                }
                let class = match data_type.as_str() {
                    "json" => TypeClass::Json,
                    "point" | "geometry" | "linestring" | "polygon" | "multipoint"
                    | "multilinestring" | "multipolygon" | "geometrycollection" => {
                        TypeClass::Geometry
                    }
                    _ => TypeClass::from_type_name(EngineKind::Mysql, &column_type),
                };
                t.columns.push(CatalogColumn {
                    name: column,
                    data_type: column_type,
                    class,
                });
            }
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
        let mut select = Sql::<My>::new("SELECT ");
        select.join(columns, ", ", |s, &i| {
            let c = &table.columns[i];
            if c.class == TypeClass::Geometry {
                s.push("LEFT(ST_AsText(").ident(&c.name).push("), ");
            } else {
                s.push("LEFT(CAST(").ident(&c.name).push(" AS CHAR), ");
            }
            s.int(MAX_VALUE_BYTES as u64).push(")");
        });
        let small = table
            .estimated_rows
            .is_none_or(|e| e <= rows.saturating_mul(2));
        let Some(key) = table.integer_key.as_ref().filter(|_| !small) else {
            select
                .push(" FROM ")
                .qualified(&table.schema, &table.name)
                .push(" LIMIT ?");
            return self
                .run(&select, &[rows as i64], None, columns.len(), sink)
                .await;
        };
        // Random key ranges: MIN/MAX come from the primary-key index; each range is an index
        // range scan of a bounded number of rows. Keys are deduplicated across ranges.
        let mut bounds = Sql::<My>::new("SELECT CAST(MIN(");
        bounds
            .ident(key)
            .push(") AS SIGNED), CAST(MAX(")
            .ident(key)
            .push(") AS SIGNED) FROM ")
            .qualified(&table.schema, &table.name);
        let bounds = sqlx::query(bounds)
            .fetch_one(&self.pool)
            .await
            .map_err(Self::map_err)?;
        let lo: Option<i64> = bounds.try_get_unchecked(0).map_err(Self::map_err)?;
        let hi: Option<i64> = bounds.try_get_unchecked(1).map_err(Self::map_err)?;
        let (Some(lo), Some(hi)) = (lo, hi) else {
            return Ok(0);
        };
        let (per, starts) = key_ranges(lo, hi, rows);
        let mut sql = select;
        sql.push(", CAST(")
            .ident(key)
            .push(" AS CHAR) FROM ")
            .qualified(&table.schema, &table.name)
            .push(" WHERE ")
            .ident(key)
            .push(" >= ? ORDER BY ")
            .ident(key)
            .push(" LIMIT ?");
        let mut seen = HashSet::new();
        let mut total = 0;
        for start in starts {
            total += self
                .run(&sql, &[start, per], Some(&mut seen), columns.len(), sink)
                .await?;
        }
        Ok(total)
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
            "SELECT COUNT(*) FROM information_schema.STATISTICS \
             WHERE TABLE_SCHEMA = ? AND TABLE_NAME = BINARY ? AND COLUMN_NAME = ? AND SEQ_IN_INDEX = 1",
        )
        .bind(&table.schema)
        .bind(&table.name)
        .bind(column)
        .fetch_one(&self.pool)
        .await
        .map_err(Self::map_err)?;
        if indexed == 0 {
            return Ok(None);
        }
        let mut oldest_sql = Sql::<My>::new("SELECT CAST(MIN(");
        oldest_sql
            .ident(column)
            .push(") AS CHAR) FROM ")
            .qualified(&table.schema, &table.name);
        let row = sqlx::query(oldest_sql)
            .fetch_one(&self.pool)
            .await
            .map_err(Self::map_err)?;
        let oldest = Some(text(&row, 0)?).filter(|s| !s.is_empty());
        let mut older_than = Vec::new();
        // ISO 8601 text sorts in time order: compare it as text, so the index serves.
        let text = super::compared_as_text(table, column);
        let mut count = Sql::<My>::new("SELECT COUNT(*) FROM ");
        count
            .qualified(&table.schema, &table.name)
            .push(" WHERE ")
            .ident(column)
            .push(" < ?");
        for cut in cutoffs {
            let q = sqlx::query_scalar::<_, i64>(&count);
            let q = if text {
                q.bind(cut.format("%Y-%m-%d %H:%M:%S").to_string())
            } else {
                q.bind(*cut)
            };
            let n = q.fetch_one(&self.pool).await;
            older_than.push(n.ok().map(|n| n.max(0) as u64));
        }
        Ok(Some(IndexedRetention { oldest, older_than }))
    }

    async fn close(&self) {
        self.pool.close().await;
    }
}

impl Mysql {
    async fn run(
        &self,
        sql: &Sql<My>,
        binds: &[i64],
        mut seen: Option<&mut HashSet<String>>,
        ncols: usize,
        sink: &mut Sink<'_>,
    ) -> Result<u64, ReadError> {
        let mut q = sqlx::query(sql);
        for b in binds {
            q = q.bind(*b);
        }
        // Read to the end before classifying: the statement's time limit then measures the
        // server, not this process (the rows and their values are bounded by the SQL).
        let rows = q.fetch_all(&self.pool).await.map_err(Self::map_err)?;
        let mut n = 0;
        for row in rows {
            if let Some(seen) = seen.as_deref_mut() {
                let key = text(&row, ncols)?;
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
    use super::quote_ident;

    #[test]
    fn quotes_hostile_identifiers() {
        assert_eq!(quote_ident("users"), "`users`");
        assert_eq!(quote_ident("we`ird"), "`we``ird`");
        assert_eq!(quote_ident("select"), "`select`");
        assert_eq!(quote_ident("a b\"; drop"), "`a b\"; drop`");
    }
}
