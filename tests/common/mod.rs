//! Test databases: each test creates its own uniquely named database (and roles) on the real
//! servers and drops them afterwards. `PRIVAUDIT_TEST_PG` / `PRIVAUDIT_TEST_MYSQL` override the
//! server URLs; with `PRIVAUDIT_REQUIRE_DB=1` (CI) a missing server fails the test, elsewhere the
//! test prints one "skipped: …" line.
#![allow(dead_code)]

pub mod corpus;

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use futures::FutureExt;
use privaudit::model::ScanReport;
use privaudit::rules::RuleSet;
use privaudit::scan::{self, ScanOptions};
use privaudit::target::{EngineKind, Target};
use sqlx::Connection;
use tokio_util::sync::CancellationToken;

/// Server URL for PostgreSQL tests.
pub fn pg_url() -> String {
    std::env::var("PRIVAUDIT_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// Server URL for MySQL/MariaDB tests.
pub fn mysql_url() -> String {
    std::env::var("PRIVAUDIT_TEST_MYSQL").unwrap_or_else(|_| "mysql://root@127.0.0.1:3306".into())
}

fn required() -> bool {
    std::env::var("PRIVAUDIT_REQUIRE_DB").is_ok_and(|v| v == "1")
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A unique name for a test database or role.
pub fn unique(prefix: &str) -> String {
    format!(
        "pat_{prefix}_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        fastrand::u32(..100_000)
    )
}

/// Replace the database path of a server URL.
pub fn with_db(url: &str, db: &str) -> String {
    let mut u = url::Url::parse(url).expect("test server URL parses");
    u.set_path(&format!("/{db}"));
    u.to_string()
}

/// Run `body` with a fresh PostgreSQL database (URL passed in); dropped afterwards, even on
/// panic. Returns false (after printing a skip line) when no server is there and none is required.
pub async fn with_pg<F, Fut>(body: F) -> bool
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = ()>,
{
    let admin = pg_url();
    let mut conn = match sqlx::PgConnection::connect(&admin).await {
        Ok(c) => c,
        Err(e) => {
            if required() {
                panic!(
                    "PostgreSQL required (PRIVAUDIT_REQUIRE_DB=1) but not reachable at {admin}: {e}"
                );
            }
            println!("skipped: no PostgreSQL at {admin} ({e})");
            return false;
        }
    };
    let name = unique("pg");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await
        .expect("create database");
    let url = with_db(&admin, &name);
    let outcome = std::panic::AssertUnwindSafe(body(url)).catch_unwind().await;
    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&mut conn)
    .await;
    let roles: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT rolname::text FROM pg_roles WHERE rolname LIKE '{name}\\_%'"
    )))
    .fetch_all(&mut conn)
    .await
    .unwrap_or_default();
    for r in roles {
        let _ = sqlx::query(sqlx::AssertSqlSafe(format!("DROP ROLE IF EXISTS \"{r}\"")))
            .execute(&mut conn)
            .await;
    }
    if let Err(p) = outcome {
        std::panic::resume_unwind(p);
    }
    true
}

/// Run `body` with a fresh MySQL/MariaDB database (URL to it passed in); dropped afterwards.
pub async fn with_mysql<F, Fut>(body: F) -> bool
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = ()>,
{
    let admin = mysql_url();
    let mut conn = match sqlx::MySqlConnection::connect(&admin).await {
        Ok(c) => c,
        Err(e) => {
            if required() {
                panic!(
                    "MariaDB/MySQL required (PRIVAUDIT_REQUIRE_DB=1) but not reachable at {admin}: {e}"
                );
            }
            println!("skipped: no MySQL/MariaDB at {admin} ({e})");
            return false;
        }
    };
    let name = unique("my");
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    )))
    .execute(&mut conn)
    .await
    .expect("create database");
    let url = with_db(&admin, &name);
    let outcome = std::panic::AssertUnwindSafe(body(url)).catch_unwind().await;
    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name}"
    )))
    .execute(&mut conn)
    .await;
    let users: Vec<(String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT CAST(User AS CHAR), CAST(Host AS CHAR) FROM mysql.user WHERE User LIKE '{name}\\_%'"
    )))
    .fetch_all(&mut conn)
    .await
    .unwrap_or_default();
    for (u, h) in users {
        // Roles live in mysql.user with an empty host; DROP USER skips them silently.
        if h.is_empty() {
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!("DROP ROLE IF EXISTS '{u}'")))
                .execute(&mut conn)
                .await;
        }
        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP USER IF EXISTS '{u}'@'{h}'"
        )))
        .execute(&mut conn)
        .await;
    }
    if let Err(p) = outcome {
        std::panic::resume_unwind(p);
    }
    true
}

/// Load the sample shop into a database.
pub async fn load_sample(url: &str, engine: EngineKind) {
    let sql = privaudit::sample::render(engine);
    match engine {
        EngineKind::Postgres => {
            let mut c = sqlx::PgConnection::connect(url).await.expect("connect");
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
                .execute(&mut c)
                .await
                .expect("load sample into PostgreSQL");
            // Fresh statistics, as a real database would have.
            sqlx::query("ANALYZE")
                .execute(&mut c)
                .await
                .expect("analyze");
        }
        EngineKind::Mysql => {
            let mut c = sqlx::MySqlConnection::connect(url).await.expect("connect");
            for stmt in privaudit::sample::statements(&sql) {
                sqlx::raw_sql(sqlx::AssertSqlSafe(stmt.to_string()))
                    .execute(&mut c)
                    .await
                    .expect("load sample into MariaDB");
            }
            sqlx::query("ANALYZE TABLE customers, orders")
                .execute(&mut c)
                .await
                .expect("analyze");
        }
        EngineKind::Sqlite => unreachable!("the sample is SQLite already"),
    }
}

/// Execute statements on a PostgreSQL database.
pub async fn pg_exec(url: &str, statements: &[&str]) {
    let mut c = sqlx::PgConnection::connect(url).await.expect("connect");
    for s in statements {
        sqlx::raw_sql(sqlx::AssertSqlSafe(s.to_string()))
            .execute(&mut c)
            .await
            .unwrap_or_else(|e| panic!("{s}: {e}"));
    }
}

/// Execute statements on a SQLite file, creating it if it does not exist (and closing it
/// cleanly, so a WAL-mode file is checkpointed).
pub async fn sqlite_exec<S: AsRef<str>>(path: &std::path::Path, statements: &[S]) {
    let opts = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true);
    let mut c = sqlx::SqliteConnection::connect_with(&opts)
        .await
        .expect("create sqlite");
    for s in statements {
        let s = s.as_ref();
        sqlx::raw_sql(sqlx::AssertSqlSafe(s.to_string()))
            .execute(&mut c)
            .await
            .unwrap_or_else(|e| panic!("{s}: {e}"));
    }
    c.close().await.expect("close");
}

/// Execute statements on a MySQL database.
pub async fn mysql_exec(url: &str, statements: &[&str]) {
    let mut c = sqlx::MySqlConnection::connect(url).await.expect("connect");
    for s in statements {
        sqlx::raw_sql(sqlx::AssertSqlSafe(s.to_string()))
            .execute(&mut c)
            .await
            .unwrap_or_else(|e| panic!("{s}: {e}"));
    }
}

/// Default scan options.
pub fn options() -> ScanOptions {
    let mut o = ScanOptions::new(Arc::new(RuleSet::builtin().expect("rules")));
    // CI runs every test binary at once on two cores: the 10 s default can time a statement
    // out there and leave a whole table unread (seen once on the held-out corpus).
    o.statement_timeout = std::time::Duration::from_secs(30);
    o
}

/// Scan targets given as URLs with default options.
pub async fn scan_urls(urls: &[&str], opts: &ScanOptions) -> ScanReport {
    let targets: Vec<Target> = urls
        .iter()
        .map(|u| Target::parse(u).expect("target URL"))
        .collect();
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    scan::run(&targets, opts, tx, CancellationToken::new())
        .await
        .expect("scan runs")
}

/// The database name in a test URL (roles and users of a test are named after it).
pub fn db_name(url: &str) -> String {
    url::Url::parse(url)
        .expect("url")
        .path()
        .trim_start_matches('/')
        .to_string()
}

/// A role or user name owned by this test database (dropped with it).
pub fn role(url: &str, suffix: &str) -> String {
    format!("{}_{suffix}", db_name(url))
}

/// A URL for the same database as another user (and password).
pub fn as_user(url: &str, user: &str, password: Option<&str>) -> String {
    let mut u = url::Url::parse(url).expect("url");
    u.set_username(user).expect("user");
    u.set_password(password).expect("password");
    u.to_string()
}
