//! MariaDB access and posture analysis against the live server: each test creates its
//! accounts, roles, grants and tables in a fresh database, checks the reported accounts and
//! paths exactly, and checks them against what the accounts can really SELECT.
//!
//! The server is shared: assertions only look at accounts named after the test database
//! (`common::role`), never assume there are no other accounts. Roles and grants to PUBLIC are
//! removed explicitly (DROP USER does not drop roles; DROP DATABASE leaves grants behind).

mod common;

use std::future::Future;

use futures::FutureExt;
use privaudit::access::{AccessOutcome, PdTable};
use privaudit::db::{ConnectOptions, Database};
use privaudit::model::{AccessState, PostureState, Sensitivity};
use privaudit::target::Target;
use sqlx::Connection;

const PW: &str = "Acc3ss-test-pw";

/// `common::with_mysql`, plus removal of this test's roles and grants to PUBLIC, even on panic.
async fn with_db<F, Fut>(body: F)
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = ()>,
{
    common::with_mysql(|url| async move {
        let outcome = std::panic::AssertUnwindSafe(body(url.clone()))
            .catch_unwind()
            .await;
        cleanup(&url).await;
        if let Err(p) = outcome {
            std::panic::resume_unwind(p);
        }
    })
    .await;
}

async fn cleanup(url: &str) {
    let db = common::db_name(url);
    let Ok(mut c) = sqlx::MySqlConnection::connect(url).await else {
        return;
    };
    let prefix = format!("{db}_");
    // Grants to PUBLIC on this database (table, column and database level).
    let tables: Vec<(String, String)> = sqlx::query_as(
        "SELECT CAST(Db AS CHAR), CAST(Table_name AS CHAR) FROM mysql.tables_priv WHERE User = 'PUBLIC' AND Db = ?",
    )
    .bind(&db)
    .fetch_all(&mut c)
    .await
    .unwrap_or_default();
    for (d, t) in tables {
        let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "REVOKE ALL ON `{d}`.`{t}` FROM PUBLIC"
        )))
        .execute(&mut c)
        .await;
    }
    let columns: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT CAST(Db AS CHAR), CAST(Table_name AS CHAR), CAST(Column_name AS CHAR) FROM mysql.columns_priv WHERE User = 'PUBLIC' AND Db = ?",
    )
    .bind(&db)
    .fetch_all(&mut c)
    .await
    .unwrap_or_default();
    for (d, t, col) in columns {
        let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "REVOKE SELECT (`{col}`) ON `{d}`.`{t}` FROM PUBLIC"
        )))
        .execute(&mut c)
        .await;
    }
    let dbs: Vec<(String,)> =
        sqlx::query_as("SELECT CAST(Db AS CHAR) FROM mysql.db WHERE User = 'PUBLIC' AND Db = ?")
            .bind(&db)
            .fetch_all(&mut c)
            .await
            .unwrap_or_default();
    for (d,) in dbs {
        let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "REVOKE ALL ON `{d}`.* FROM PUBLIC"
        )))
        .execute(&mut c)
        .await;
    }
    // Compared in Rust: comparing the mysql.user view's columns with literals can hit a
    // collation mix.
    let roles: Vec<(String,)> = sqlx::query_as::<_, (String, String)>(
        "SELECT CAST(User AS CHAR), CAST(is_role AS CHAR) FROM mysql.user",
    )
    .fetch_all(&mut c)
    .await
    .unwrap_or_default()
    .into_iter()
    .filter(|(u, r)| r == "Y" && u.starts_with(&prefix))
    .map(|(u, _)| (u,))
    .collect();
    for (r,) in roles {
        let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP ROLE IF EXISTS `{r}`")))
            .execute(&mut c)
            .await;
    }
}

fn pd(url: &str, table: &str, columns: &[&str]) -> PdTable {
    PdTable {
        schema: common::db_name(url),
        table: table.into(),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        categories: vec!["email".into()],
        sensitivity: Sensitivity::Medium,
    }
}

async fn analyze(url: &str, pd: &[PdTable]) -> AccessOutcome {
    let t = Target::parse(url).expect("url");
    let db = Database::connect(&t, &ConnectOptions::default())
        .await
        .expect("connect");
    let Database::Mysql(m) = &db else {
        panic!("not a MySQL target")
    };
    let out = privaudit::db::mysql::access::analyze(m, "db", pd).await;
    use privaudit::db::Engine;
    m.close().await;
    out
}

/// (account, table, column, via, state) of this test's accounts, sorted.
fn mine(
    out: &AccessOutcome,
    url: &str,
) -> Vec<(String, String, Option<String>, String, AccessState)> {
    let prefix = format!("{}_", common::db_name(url));
    let mut v: Vec<_> = out
        .access
        .iter()
        .filter(|a| a.role.starts_with(&prefix))
        .map(|a| {
            (
                a.role.clone(),
                a.table.clone(),
                a.column.clone(),
                a.via.clone(),
                a.state,
            )
        })
        .collect();
    v.sort_by(|a, b| (&a.0, &a.1, &a.2).cmp(&(&b.0, &b.1, &b.2)));
    v
}

fn rec(
    account: &str,
    table: &str,
    column: Option<&str>,
    via: &str,
) -> (String, String, Option<String>, String, AccessState) {
    (
        account.into(),
        table.into(),
        column.map(String::from),
        via.into(),
        AccessState::Confirmed,
    )
}

/// Whether `user` can run `sql` (after `set_role`, if given): the ground truth.
async fn can(url: &str, user: &str, set_role: Option<&str>, sql: &str) -> bool {
    // No default database: connecting to one needs a privilege on it (PUBLIC's table grants
    // do not count for that on MariaDB 10.11).
    let as_user = common::with_db(&common::as_user(url, user, Some(PW)), "");
    let mut c = sqlx::MySqlConnection::connect(&as_user)
        .await
        .unwrap_or_else(|e| panic!("connect as {user}: {e}"));
    if let Some(r) = set_role {
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("SET ROLE `{r}`")))
            .execute(&mut c)
            .await
            .unwrap_or_else(|e| panic!("SET ROLE {r}: {e}"));
    }
    match sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
        .execute(&mut c)
        .await
    {
        Ok(_) => true,
        Err(sqlx::Error::Database(e)) if e.message().contains("denied") => false,
        Err(e) => panic!("{user}: {sql}: {e}"),
    }
}

/// A `mysql_native_password` hash: `*` and 40 hex digits.
fn looks_like_hash(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(41)
        .any(|w| w[0] == b'*' && w[1..].iter().all(|c| c.is_ascii_hexdigit()))
}

/// A database pattern matching `db` that uses `_`, `\_` and `%`: the first underscore stays a
/// wildcard, the others are escaped, the last two characters become `%`.
fn pattern_for(db: &str) -> String {
    let head = &db[..db.len() - 2];
    let mut out = String::new();
    let mut first = true;
    for ch in head.chars() {
        if ch == '_' {
            if first {
                out.push('_');
                first = false;
            } else {
                out.push_str("\\_");
            }
        } else {
            out.push(ch);
        }
    }
    out.push('%');
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn grants_of_every_level_are_reported_exactly() {
    with_db(|url| async move {
        let db = common::db_name(&url);
        let tab = common::role(&url, "tab");
        let col = common::role(&url, "col");
        let pat = common::role(&url, "pat");
        let glob = common::role(&url, "glob");
        let shadow = common::role(&url, "shadow");
        let none = common::role(&url, "none");
        let pattern = pattern_for(&db);
        assert!(pattern.contains('_') && pattern.contains("\\_") && pattern.ends_with('%'));
        // The pattern as a quoted identifier for GRANT: backslashes are literal there.
        let mut stmts: Vec<String> = vec![
            "CREATE TABLE customers (id int primary key, email text, phone text)".into(),
            "INSERT INTO customers VALUES (1, 'jane.doe@example.com', '+49 170 1234567')".into(),
            "CREATE TABLE orders (id int primary key, email text)".into(),
        ];
        for u in [&tab, &col, &pat, &glob, &shadow, &none] {
            stmts.push(format!("CREATE USER '{u}'@'%' IDENTIFIED BY '{PW}'"));
        }
        stmts.extend([
            format!("GRANT SELECT ON {db}.customers TO '{tab}'@'%'"),
            format!("GRANT SELECT (id, email) ON {db}.customers TO '{col}'@'%'"),
            format!("GRANT SELECT ON `{pattern}`.* TO '{pat}'@'%'"),
            format!("GRANT SELECT ON *.* TO '{glob}'@'%'"),
            // The exact database row (no SELECT) shadows the pattern row with SELECT.
            format!("GRANT INSERT ON {db}.* TO '{shadow}'@'%'"),
            format!("GRANT SELECT ON `{pattern}`.* TO '{shadow}'@'%'"),
            format!("GRANT INSERT ON {db}.customers TO '{none}'@'%'"),
        ]);
        let refs: Vec<&str> = stmts.iter().map(String::as_str).collect();
        common::mysql_exec(&url, &refs).await;

        let pds = [
            pd(&url, "customers", &["email", "phone"]),
            pd(&url, "orders", &["email"]),
        ];
        let out = analyze(&url, &pds).await;
        let pattern_via = format!("database grant on pattern `{pattern}`");
        assert_eq!(
            mine(&out, &url),
            vec![
                rec(
                    &format!("{col}@%"),
                    "customers",
                    Some("email"),
                    "column grant"
                ),
                rec(&format!("{glob}@%"), "customers", None, "global SELECT"),
                rec(&format!("{glob}@%"), "orders", None, "global SELECT"),
                rec(&format!("{pat}@%"), "customers", None, &pattern_via),
                rec(&format!("{pat}@%"), "orders", None, &pattern_via),
                rec(&format!("{tab}@%"), "customers", None, "table grant"),
            ],
            "warnings: {:?}",
            out.warnings
        );
        assert!(
            !out.warnings.iter().any(|w| w.contains("cannot read")),
            "{:?}",
            out.warnings
        );
        assert!(
            out.access
                .iter()
                .all(|a| a.privilege == "SELECT" && a.database == "db")
        );

        // The report matches what the accounts can really do.
        let t = format!("SELECT * FROM {db}.customers");
        let o = format!("SELECT * FROM {db}.orders");
        let e = format!("SELECT email FROM {db}.customers");
        let p = format!("SELECT phone FROM {db}.customers");
        assert!(can(&url, &tab, None, &t).await);
        assert!(!can(&url, &tab, None, &o).await);
        assert!(!can(&url, &col, None, &t).await);
        assert!(can(&url, &col, None, &e).await);
        assert!(!can(&url, &col, None, &p).await);
        assert!(can(&url, &pat, None, &t).await && can(&url, &pat, None, &o).await);
        assert!(can(&url, &glob, None, &o).await);
        assert!(
            !can(&url, &shadow, None, &t).await,
            "the exact grant shadows the pattern"
        );
        assert!(!can(&url, &none, None, &t).await);

        // Non-administrator with global SELECT: posture and finding name it.
        let gp = out
            .posture
            .iter()
            .find(|c| c.check == "mysql.global_privileges")
            .expect("global privileges check");
        assert_eq!(gp.state, PostureState::Fail);
        assert!(
            gp.evidence
                .contains(&format!("{glob}@%: SELECT (own grant)")),
            "{}",
            gp.evidence
        );
        assert!(
            !gp.evidence.contains(&format!("{tab}@%")),
            "{}",
            gp.evidence
        );
        let f = out
            .findings
            .iter()
            .find(|f| f.id.starts_with("PA-MYSQL-GLOBAL-PRIVILEGES-"))
            .expect("finding");
        assert!(
            f.recommendation
                .contains(&format!("REVOKE SELECT ON *.* FROM '{glob}'@'%';"))
        );
        // Wildcard-host accounts reading personal data: one access finding.
        let w = out
            .findings
            .iter()
            .find(|f| f.id.starts_with("PA-MYSQL-WILDCARD-HOST-PERSONAL-DATA-"))
            .expect("wildcard finding");
        assert_eq!(w.severity, privaudit::model::Severity::High);
        assert!(
            w.evidence
                .iter()
                .any(|l| l.starts_with(&format!("{tab}@% can read 1 "))),
            "{:?}",
            w.evidence
        );
        assert!(
            !w.evidence
                .iter()
                .any(|l| l.starts_with(&format!("{none}@%")))
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roles_default_set_role_chains_and_public() {
    with_db(|url| async move {
        let db = common::db_name(&url);
        let reader = common::role(&url, "reader");
        let outer = common::role(&url, "outer");
        let ana = common::role(&url, "ana");
        let bob = common::role(&url, "bob");
        let cat = common::role(&url, "cat");
        let stmts: Vec<String> = vec![
            "CREATE TABLE customers (id int primary key, email text)".into(),
            "CREATE TABLE newsletter (id int primary key, email text)".into(),
            format!("CREATE ROLE {reader}"),
            format!("CREATE ROLE {outer}"),
            format!("GRANT SELECT ON {db}.customers TO {reader}"),
            format!("GRANT {reader} TO {outer}"),
            format!("CREATE USER '{ana}'@'%' IDENTIFIED BY '{PW}'"),
            format!("CREATE USER '{bob}'@'%' IDENTIFIED BY '{PW}'"),
            format!("CREATE USER '{cat}'@'%' IDENTIFIED BY '{PW}'"),
            format!("GRANT {reader} TO '{ana}'@'%'"),
            format!("SET DEFAULT ROLE {reader} FOR '{ana}'@'%'"),
            format!("GRANT {reader} TO '{bob}'@'%'"),
            format!("GRANT {outer} TO '{cat}'@'%'"),
            format!("SET DEFAULT ROLE {outer} FOR '{cat}'@'%'"),
            format!("GRANT SELECT ON {db}.newsletter TO PUBLIC"),
        ];
        let refs: Vec<&str> = stmts.iter().map(String::as_str).collect();
        common::mysql_exec(&url, &refs).await;

        let pds = [
            pd(&url, "customers", &["email"]),
            pd(&url, "newsletter", &["email"]),
        ];
        let out = analyze(&url, &pds).await;
        let active = format!("role `{reader}` (active at login)");
        let set_role = format!("role `{reader}` (can SET ROLE)");
        let chain = format!("role `{outer}` → `{reader}` (active at login)");
        assert_eq!(
            mine(&out, &url),
            vec![
                rec(&format!("{ana}@%"), "customers", None, &active),
                rec(&format!("{ana}@%"), "newsletter", None, "PUBLIC"),
                rec(&format!("{bob}@%"), "customers", None, &set_role),
                rec(&format!("{bob}@%"), "newsletter", None, "PUBLIC"),
                rec(&format!("{cat}@%"), "customers", None, &chain),
                rec(&format!("{cat}@%"), "newsletter", None, "PUBLIC"),
            ]
        );
        // Roles are not readers themselves.
        assert!(!out.access.iter().any(|a| a.role.starts_with(&reader)));
        // PUBLIC reaches every account, not only this test's.
        let public: Vec<_> = out
            .access
            .iter()
            .filter(|a| a.table == "newsletter" && a.schema == db)
            .collect();
        // Administrators with global SELECT show both paths ("global SELECT; PUBLIC").
        assert!(
            public
                .iter()
                .all(|a| a.via.split("; ").any(|v| v == "PUBLIC")),
            "{public:?}"
        );
        assert!(public.len() > 3, "{public:?}");
        let f = out
            .findings
            .iter()
            .find(|f| f.id.starts_with("PA-MYSQL-PUBLIC-PERSONAL-DATA-"))
            .expect("PUBLIC finding");
        assert_eq!(f.severity, privaudit::model::Severity::High);
        assert!(
            f.evidence
                .iter()
                .any(|l| l == &format!("{db}.newsletter (PUBLIC)")),
            "{:?}",
            f.evidence
        );
        assert!(
            f.recommendation.contains(&format!(
                "REVOKE SELECT ON `{db}`.`newsletter` FROM PUBLIC;"
            )),
            "{}",
            f.recommendation
        );

        // Ground truth.
        let c = format!("SELECT * FROM {db}.customers");
        let n = format!("SELECT * FROM {db}.newsletter");
        assert!(can(&url, &ana, None, &c).await);
        assert!(!can(&url, &bob, None, &c).await);
        assert!(can(&url, &bob, Some(&reader), &c).await);
        assert!(can(&url, &cat, None, &c).await);
        assert!(can(&url, &bob, None, &n).await);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scanner_without_the_mysql_schema_reports_indeterminate() {
    with_db(|url| async move {
        let db = common::db_name(&url);
        let scan = common::role(&url, "scan");
        let other = common::role(&url, "other");
        let stmts: Vec<String> = vec![
            "CREATE TABLE customers (id int primary key, email text)".into(),
            format!("CREATE USER '{scan}'@'%' IDENTIFIED BY '{PW}'"),
            format!("GRANT SELECT ON {db}.* TO '{scan}'@'%'"),
            format!("CREATE USER '{other}'@'%' IDENTIFIED BY '{PW}'"),
            format!("GRANT SELECT ON {db}.customers TO '{other}'@'%'"),
        ];
        let refs: Vec<&str> = stmts.iter().map(String::as_str).collect();
        common::mysql_exec(&url, &refs).await;

        let as_scan = common::as_user(&url, &scan, Some(PW));
        let out = analyze(&as_scan, &[pd(&url, "customers", &["email"])]).await;
        // Its own access is confirmed; nobody else's is claimed.
        assert_eq!(
            mine(&out, &url),
            vec![rec(
                &format!("{scan}@%"),
                "customers",
                None,
                &format!("database grant on `{db}`")
            )]
        );
        let unknown: Vec<_> = out.access.iter().filter(|a| a.role == "*").collect();
        assert_eq!(unknown.len(), 1, "{:?}", out.access);
        assert_eq!(unknown[0].state, AccessState::Indeterminate);
        assert_eq!(unknown[0].table, "customers");
        let need = format!("GRANT SELECT ON mysql.* TO '{scan}'@'%';");
        assert!(
            unknown[0]
                .note
                .as_deref()
                .is_some_and(|n| n.contains(&need)),
            "{:?}",
            unknown[0].note
        );
        assert!(
            out.warnings.iter().any(|w| w.contains(&need)),
            "{:?}",
            out.warnings
        );
        // No other account is reported.
        assert!(
            out.access
                .iter()
                .all(|a| a.role == "*" || a.role == format!("{scan}@%"))
        );
        // Account checks cannot be evaluated; server variables still can.
        for check in [
            "mysql.anonymous_accounts",
            "mysql.wildcard_hosts",
            "mysql.accounts_without_password",
            "mysql.native_password",
            "mysql.global_privileges",
            "mysql.password_lifetime",
        ] {
            let c = out.posture.iter().find(|c| c.check == check).expect(check);
            assert_eq!(c.state, PostureState::Indeterminate, "{check}");
            assert!(
                c.evidence.contains("GRANT SELECT ON mysql.*"),
                "{}",
                c.evidence
            );
        }
        let st = out
            .posture
            .iter()
            .find(|c| c.check == "mysql.secure_transport")
            .expect("secure transport");
        assert_ne!(st.state, PostureState::Indeterminate);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posture_names_passwordless_and_wildcard_accounts() {
    with_db(|url| async move {
        let nopw = common::role(&url, "nopw");
        let wild = common::role(&url, "wild");
        let sock = common::role(&url, "sock");
        let locked = common::role(&url, "locked");
        let life = common::role(&url, "life");
        let stmts: Vec<String> = vec![
            format!("CREATE USER '{nopw}'@'localhost'"),
            format!("CREATE USER '{wild}'@'10.1.%' IDENTIFIED BY '{PW}'"),
            format!("CREATE USER '{sock}'@'localhost' IDENTIFIED VIA unix_socket"),
            format!("CREATE USER '{locked}'@'localhost' ACCOUNT LOCK"),
            format!("CREATE USER '{life}'@'localhost' IDENTIFIED BY '{PW}' PASSWORD EXPIRE INTERVAL 90 DAY"),
        ];
        let refs: Vec<&str> = stmts.iter().map(String::as_str).collect();
        common::mysql_exec(&url, &refs).await;

        let out = analyze(&url, &[]).await;
        let check = |id: &str| {
            out.posture
                .iter()
                .find(|c| c.check == id)
                .unwrap_or_else(|| panic!("{id} missing: {:?}", out.posture))
        };
        let np = check("mysql.accounts_without_password");
        assert_eq!(np.state, PostureState::Fail);
        assert!(np.evidence.contains(&format!("{nopw}@localhost")), "{}", np.evidence);
        assert!(!np.evidence.contains(&sock), "socket authentication is not a missing password");
        assert!(!np.evidence.contains(&locked), "a locked account cannot log in");
        let f = out
            .findings
            .iter()
            .find(|f| f.id.starts_with("PA-MYSQL-ACCOUNTS-WITHOUT-PASSWORD-"))
            .expect("finding");
        assert_eq!(f.severity, privaudit::model::Severity::Critical);
        assert!(f.evidence.iter().any(|l| l.starts_with(&format!("{nopw}@localhost has no password"))));
        assert!(f.recommendation.contains(&format!("ALTER USER '{nopw}'@'localhost' IDENTIFIED BY")));

        let wh = check("mysql.wildcard_hosts");
        assert_eq!(wh.state, PostureState::Fail);
        assert!(wh.evidence.contains(&format!("{wild}@10.1.%")), "{}", wh.evidence);
        assert!(!wh.evidence.contains(&nopw));
        // It reads no personal data, so it is a posture finding, not the access one.
        let f = out
            .findings
            .iter()
            .find(|f| f.id.starts_with("PA-MYSQL-WILDCARD-HOSTS-"))
            .expect("wildcard posture finding");
        assert!(f.evidence.iter().any(|l| l.starts_with(&format!("{wild}@10.1.%"))));

        let native = check("mysql.native_password");
        assert_eq!(native.state, PostureState::Fail);
        assert!(native.evidence.contains(&format!("{wild}@10.1.%")));
        assert!(!native.evidence.contains(&nopw), "an empty password is reported as missing");

        let lt = check("mysql.password_lifetime");
        assert!(!lt.evidence.contains(&life), "{}", lt.evidence);
        if lt.state == PostureState::Fail {
            assert!(lt.evidence.contains(&format!("{wild}@10.1.%")), "{}", lt.evidence);
        }
        let ra = check("mysql.role_activation");
        assert_eq!(ra.state, PostureState::Pass);
        assert!(ra.evidence.contains("not applicable on MariaDB"));
        // Evidence never carries a password hash.
        let all = format!("{:?}{:?}{:?}", out.posture, out.findings, out.warnings);
        assert!(!looks_like_hash(&all) && !all.contains(PW));
    })
    .await;
}
