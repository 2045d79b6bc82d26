//! PostgreSQL: catalog from `pg_class`/`pg_attribute`, sampling with `TABLESAMPLE`.
//!
//! Sessions start with `default_transaction_read_only = on` and a `statement_timeout`, so every
//! statement (ours or a driver's) runs in a read-only transaction with a time limit.

use std::str::FromStr;

use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::{Connection, Row};
use url::Url;

use super::sql::{Dialect, Sql};
use super::{
    ConnectOptions, Engine, IndexedRetention, ReadError, ServerInfo, Sink, cell_text,
    describe_error,
};
use crate::access::{AccessOutcome, PdTable};

pub mod access;
mod checks;
mod facts;
mod roles;
use crate::classify::MAX_VALUE_BYTES;
use crate::model::{CatalogColumn, CatalogTable, TableKind, TypeClass};
use crate::target::EngineKind;

/// Quote an identifier for PostgreSQL: double quotes, embedded quotes doubled.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// PostgreSQL SQL built at run time: identifiers go through [`quote_ident`].
pub struct Pg;

impl Dialect for Pg {
    fn quote_ident(name: &str) -> String {
        quote_ident(name)
    }
}

/// A connected PostgreSQL database.
pub struct Postgres {
    pool: PgPool,
    info: ServerInfo,
    system_rows: bool,
    timeout_ms: u64,
    /// A SQL_ASCII database may hold any bytes: values are read as raw bytes, not converted.
    sql_ascii: bool,
}

impl Postgres {
    /// Connect read-only.
    pub async fn connect(url: &Url, opts: &ConnectOptions) -> Result<Postgres, String> {
        let where_ = format!(
            "{}:{}",
            url.host_str().unwrap_or("localhost"),
            url.port().unwrap_or(5432)
        );
        let timeout_ms = opts.statement_timeout.as_millis().max(1) as u64;
        let connect = PgConnectOptions::from_str(url.as_str())
            .map_err(|e| describe_error(&e, &where_))?
            .application_name("privaudit")
            .options([
                ("default_transaction_read_only", "on".to_string()),
                ("statement_timeout", timeout_ms.to_string()),
                ("lock_timeout", timeout_ms.min(5000).to_string()),
                ("idle_in_transaction_session_timeout", "60000".to_string()),
            ]);
        // One direct connection first: a refused connection or a bad password is reported at
        // once and precisely, where the pool would retry until its timeout.
        // Bounded: a server that accepts the TCP connection and never answers must not hang the
        // run (the statement timeout only starts once a session exists).
        let connect_timeout = opts.connect_timeout;
        let probe = tokio::time::timeout(connect_timeout, PgConnection::connect_with(&connect))
            .await
            .map_err(|_| {
                format!(
                    "{where_} did not answer within {} s (--connect-timeout): is it a PostgreSQL server, and is it overloaded?",
                    connect_timeout.as_secs()
                )
            })?
            .map_err(|e| describe_error(&e, &where_))?;
        let _ = probe.close().await;
        let pool = PgPoolOptions::new()
            .max_connections(opts.max_connections.max(1))
            .min_connections(0)
            // The probe above already bounded the first connection by `connect_timeout`.
            .acquire_timeout(opts.pool_wait())
            .connect_with(connect)
            .await
            .map_err(|e| describe_error(&e, &where_))?;
        let row = sqlx::query(
            "SELECT current_user::text, current_setting('server_version'), \
             EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'tsm_system_rows'), \
             current_setting('server_encoding')",
        )
        .fetch_one(&pool)
        .await
        .map_err(|e| describe_error(&e, &where_))?;
        let user: String = row.try_get(0).map_err(|e| describe_error(&e, &where_))?;
        let version: String = row.try_get(1).map_err(|e| describe_error(&e, &where_))?;
        let system_rows: bool = row.try_get(2).map_err(|e| describe_error(&e, &where_))?;
        let encoding: String = row.try_get(3).map_err(|e| describe_error(&e, &where_))?;
        Ok(Postgres {
            pool,
            info: ServerInfo {
                server_version: Some(format!("PostgreSQL {version}")),
                scanned_as: Some(user),
                sampling: if system_rows {
                    "TABLESAMPLE SYSTEM_ROWS (tsm_system_rows)".into()
                } else {
                    "TABLESAMPLE SYSTEM, plain LIMIT for small tables".into()
                },
            },
            system_rows,
            timeout_ms,
            sql_ascii: encoding.eq_ignore_ascii_case("SQL_ASCII"),
        })
    }

    /// The pool, for the access and posture analysis.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    fn map_err(e: sqlx::Error) -> ReadError {
        if let sqlx::Error::Database(db) = &e {
            match db.code().as_deref() {
                // query_canceled (statement_timeout), lock_not_available (lock_timeout)
                Some("57014") | Some("55P03") => return ReadError::Timeout,
                Some("42501") => return ReadError::PermissionDenied(db.message().to_string()),
                _ => {}
            }
        }
        ReadError::Other(describe_error(&e, "the server"))
    }
}

const CATALOG_SQL: &str = r#"
SELECT n.nspname::text AS schema,
       c.relname::text AS name,
       c.relkind::text AS kind,
       CASE WHEN c.relkind = 'p' THEN
            (SELECT sum(GREATEST(k.reltuples, 0))::float8 FROM pg_inherits i JOIN pg_class k ON k.oid = i.inhrelid WHERE i.inhparent = c.oid)
       ELSE c.reltuples::float8 END AS estimate,
       a.attname::text AS column_name,
       format_type(a.atttypid, a.atttypmod) AS data_type,
       has_schema_privilege(n.oid, 'USAGE') AND has_column_privilege(c.oid, a.attnum, 'SELECT') AS readable
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relkind IN ('r', 'm', 'p')
  AND NOT c.relispartition
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_%'
ORDER BY n.nspname, c.relname, a.attnum
"#;

impl Engine for Postgres {
    fn kind(&self) -> EngineKind {
        EngineKind::Postgres
    }

    fn info(&self) -> &ServerInfo {
        &self.info
    }

    async fn catalog(&self) -> Result<Vec<CatalogTable>, ReadError> {
        let rows = sqlx::query(CATALOG_SQL)
            .fetch_all(&self.pool)
            .await
            .map_err(Self::map_err)?;
        let mut tables: Vec<CatalogTable> = Vec::new();
        for row in rows {
            let get = |i: usize| -> Result<String, ReadError> {
                row.try_get::<String, _>(i).map_err(Self::map_err)
            };
            let (schema, name, kind) = (get(0)?, get(1)?, get(2)?);
            let estimate: Option<f64> = row.try_get(3).map_err(Self::map_err)?;
            let column = get(4)?;
            let data_type = get(5)?;
            let readable: bool = row
                .try_get::<Option<bool>, _>(6)
                .map_err(Self::map_err)?
                .unwrap_or(false);
            let same = tables
                .last()
                .is_some_and(|t| t.schema == schema && t.name == name);
            if !same {
                tables.push(CatalogTable {
                    schema,
                    name,
                    kind: if kind == "m" {
                        TableKind::MaterializedView
                    } else {
                        TableKind::Table
                    },
                    // reltuples is -1 for a table never vacuumed or analyzed: unknown, not empty.
                    estimated_rows: estimate.filter(|e| *e >= 0.0).map(|e| e.round() as u64),
                    columns: Vec::new(),
                    integer_key: None,
                    unreadable: Vec::new(),
                    left_out: Vec::new(),
                });
            }
            if let Some(t) = tables.last_mut() {
                if !readable {
                    t.unreadable.push(t.columns.len());
                }
                t.columns.push(CatalogColumn {
                    class: TypeClass::from_type_name(EngineKind::Postgres, &data_type),
                    name: column,
                    data_type,
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
        let mut select = Sql::<Pg>::new("SELECT ");
        select.join(columns, ", ", |s, &i| {
            // Bytes, not text: nothing the server holds can fail to convert on the way out
            // (a SQL_ASCII database may hold any bytes; they are passed through raw).
            s.push("convert_to(left(")
                .ident(&table.columns[i].name)
                .push("::text, ")
                .int(MAX_VALUE_BYTES as u64)
                .push(if self.sql_ascii {
                    "), 'SQL_ASCII')"
                } else {
                    "), 'UTF8')"
                });
        });
        select.push(" FROM ").qualified(&table.schema, &table.name);
        let limit = rows.max(1) as i64;
        let small = table
            .estimated_rows
            .is_none_or(|e| e <= rows.saturating_mul(10));
        let mut plain = select.clone();
        plain.push(" LIMIT $1");
        let (sql, pct) = if self.system_rows && !small {
            let mut sql = select;
            sql.push(" TABLESAMPLE SYSTEM_ROWS($1) LIMIT $1");
            (sql, None)
        } else if small {
            (plain.clone(), None)
        } else {
            // Oversample threefold so short blocks still fill the sample; LIMIT caps the rows.
            let est = table.estimated_rows.unwrap_or(1).max(1) as f64;
            let pct = (rows as f64 * 3.0 * 100.0 / est).clamp(0.0001, 100.0);
            let mut sql = select;
            sql.push(" TABLESAMPLE SYSTEM($2) LIMIT $1");
            (sql, Some(pct))
        };
        let mut n = self.run(&sql, limit, pct, columns.len(), sink).await?;
        if n == 0 && !small {
            // An unlucky block sample (or stale statistics): fall back to a bounded plain read.
            n = self.run(&plain, limit, None, columns.len(), sink).await?;
        }
        Ok(n)
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
        let indexed: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM pg_index i \
               JOIN pg_class c ON c.oid = i.indrelid \
               JOIN pg_namespace n ON n.oid = c.relnamespace \
               JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0] \
              WHERE n.nspname = $1 AND c.relname = $2 AND a.attname = $3 AND i.indisvalid)",
        )
        .bind(&table.schema)
        .bind(&table.name)
        .bind(column)
        .fetch_one(&self.pool)
        .await
        .map_err(Self::map_err)?;
        if !indexed {
            return Ok(None);
        }
        let mut oldest_sql = Sql::<Pg>::new("SELECT min(");
        oldest_sql
            .ident(column)
            .push(")::text FROM ")
            .qualified(&table.schema, &table.name);
        let oldest: Option<String> = sqlx::query_scalar(oldest_sql)
            .fetch_one(&self.pool)
            .await
            .map_err(Self::map_err)?;
        let mut older_than = Vec::new();
        // ISO 8601 text sorts in time order: compare it as text, so the index serves.
        let text = super::compared_as_text(table, column);
        let mut count = Sql::<Pg>::new("SELECT count(*) FROM ");
        count
            .qualified(&table.schema, &table.name)
            .push(" WHERE ")
            .ident(column)
            .push(if text { " < $1" } else { " < $1::timestamp" });
        for cut in cutoffs {
            // An index range count, bounded by the statement timeout; a timeout leaves it unknown.
            let q = sqlx::query_scalar::<_, i64>(&count);
            let n = if text {
                q.bind(cut.format("%Y-%m-%d %H:%M:%S").to_string())
                    .fetch_one(&self.pool)
                    .await
            } else {
                q.bind(*cut).fetch_one(&self.pool).await
            };
            older_than.push(n.ok().map(|n| n.max(0) as u64));
        }
        Ok(Some(IndexedRetention { oldest, older_than }))
    }

    async fn close(&self) {
        self.pool.close().await;
    }
}

impl Postgres {
    async fn run(
        &self,
        sql: &Sql<Pg>,
        limit: i64,
        pct: Option<f64>,
        ncols: usize,
        sink: &mut Sink<'_>,
    ) -> Result<u64, ReadError> {
        let mut q = sqlx::query(sql).bind(limit);
        if let Some(p) = pct {
            q = q.bind(p);
        }
        // The rows are read to the end before any is classified: the statement (and its
        // server-side timeout) then lasts as long as the server needs, not as long as this
        // process, busy or on a loaded machine, takes to classify. The sample is bounded (rows
        // by the limit, values by MAX_VALUE_BYTES in the SQL), so the buffer is too.
        let deadline = std::time::Duration::from_millis(self.timeout_ms + 2000);
        let result = tokio::time::timeout(deadline, q.fetch_all(&self.pool)).await;
        let rows = match result {
            Ok(r) => r.map_err(Self::map_err)?,
            Err(_) => return Err(ReadError::Timeout),
        };
        let n = rows.len() as u64;
        for row in rows {
            for i in 0..ncols {
                let bytes: Option<Vec<u8>> = row.try_get_unchecked(i).map_err(Self::map_err)?;
                if let Some(text) = cell_text(bytes) {
                    sink(i, &text);
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
        assert_eq!(quote_ident("users"), "\"users\"");
        assert_eq!(quote_ident("we\"ird"), "\"we\"\"ird\"");
        assert_eq!(quote_ident("select"), "\"select\"");
        assert_eq!(quote_ident("a b;drop table x--"), "\"a b;drop table x--\"");
        assert_eq!(quote_ident("ünï`code"), "\"ünï`code\"");
    }
}
