//! PostgreSQL access analysis against the real server: who can read personal data and by which
//! path (owner, superuser, pg_read_all_data, direct grant, PUBLIC, inherited, column-only,
//! SET ROLE), row-level security notes, a low-privilege scanning account (indeterminate where it
//! cannot see), and posture checks. Roles are cluster-wide and shared with other tests, so every
//! assertion is filtered to the roles this test created.

mod common;

use std::collections::BTreeSet;

use privaudit::access::{AccessOutcome, PdTable};
use privaudit::db::{ConnectOptions, Database, Engine};
use privaudit::model::{AccessState, PostureState, Sensitivity, Severity};
use privaudit::target::Target;

fn pd(table: &str, columns: &[&str], categories: &[&str], sensitivity: Sensitivity) -> PdTable {
    PdTable {
        schema: "public".into(),
        table: table.into(),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        categories: categories.iter().map(|c| c.to_string()).collect(),
        sensitivity,
    }
}

async fn analyze(url: &str, pd: &[PdTable]) -> AccessOutcome {
    let target = Target::parse(url).expect("target");
    let db = Database::connect(&target, &ConnectOptions::default())
        .await
        .expect("connect");
    let Database::Postgres(pg) = &db else {
        panic!("not a PostgreSQL target")
    };
    let out = privaudit::db::postgres::access::analyze(pg, &common::db_name(url), pd).await;
    pg.close().await;
    out
}

/// (table, column, role, via) of this test's roles, with the role prefix removed.
fn readers(out: &AccessOutcome, url: &str) -> BTreeSet<(String, Option<String>, String, String)> {
    let prefix = common::role(url, "");
    out.access
        .iter()
        .filter(|r| r.role.starts_with(&prefix))
        .map(|r| {
            (
                r.table.clone(),
                r.column.clone(),
                r.role[prefix.len()..].to_string(),
                r.via.replace(&prefix, ""),
            )
        })
        .collect()
}

fn set(
    rows: &[(&str, Option<&str>, &str, &str)],
) -> BTreeSet<(String, Option<String>, String, String)> {
    rows.iter()
        .map(|(t, c, r, v)| {
            (
                t.to_string(),
                c.map(str::to_string),
                r.to_string(),
                v.to_string(),
            )
        })
        .collect()
}

fn note<'a>(out: &'a AccessOutcome, url: &str, table: &str, role: &str) -> &'a str {
    let role = common::role(url, role);
    out.access
        .iter()
        .find(|r| r.table == table && r.role == role)
        .unwrap_or_else(|| panic!("no record for {role} on {table}: {:#?}", out.access))
        .note
        .as_deref()
        .unwrap_or("")
}

fn posture<'a>(out: &'a AccessOutcome, check: &str) -> &'a privaudit::model::PostureCheck {
    out.posture
        .iter()
        .find(|p| p.check == check)
        .unwrap_or_else(|| panic!("no posture check {check}: {:#?}", out.posture))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readers_and_paths_are_exact() {
    common::with_pg(|url| async move {
        let r = |s: &str| common::role(&url, s);
        let db = common::db_name(&url);
        let setup = format!(
            "CREATE TABLE customers (id int, email text, name text);
             CREATE TABLE leads (id int, email text);
             CREATE TABLE contacts (id int, phone text, remark text);
             CREATE ROLE {own} LOGIN;
             CREATE ROLE {direct} LOGIN;
             CREATE ROLE {grp} NOLOGIN;
             CREATE ROLE {mid} NOLOGIN INHERIT;
             CREATE ROLE {chain} LOGIN INHERIT;
             CREATE ROLE {noinh} LOGIN NOINHERIT;
             CREATE ROLE {su} LOGIN SUPERUSER;
             CREATE ROLE {colr} LOGIN;
             CREATE ROLE {rad} LOGIN;
             CREATE ROLE {nocon} LOGIN;
             GRANT {grp} TO {mid};
             GRANT {mid} TO {chain};
             GRANT {grp} TO {noinh};
             GRANT pg_read_all_data TO {rad};
             ALTER TABLE customers OWNER TO {own};
             GRANT SELECT ON customers TO {direct};
             GRANT SELECT ON customers TO {grp};
             GRANT SELECT (id, email) ON customers TO {colr};
             GRANT SELECT (email) ON customers TO {noinh};
             GRANT SELECT ON leads TO PUBLIC;
             GRANT SELECT (id, phone) ON contacts TO PUBLIC;
             REVOKE CONNECT ON DATABASE {db} FROM PUBLIC;
             GRANT CONNECT ON DATABASE {db} TO {own}, {direct}, {chain}, {noinh}, {su}, {colr}, {rad};",
            own = r("own"),
            direct = r("direct"),
            grp = r("grp"),
            mid = r("mid"),
            chain = r("chain"),
            noinh = r("noinh"),
            su = r("su"),
            colr = r("colr"),
            rad = r("rad"),
            nocon = r("nocon"),
        );
        common::pg_exec(&url, &[&setup]).await;
        let tables = [
            pd("customers", &["email", "name"], &["email", "person_name"], Sensitivity::Medium),
            pd("leads", &["email"], &["email"], Sensitivity::Medium),
            pd("contacts", &["phone", "remark"], &["phone"], Sensitivity::Medium),
        ];
        let out = analyze(&url, &tables).await;

        assert_eq!(
            readers(&out, &url),
            set(&[
                ("customers", None, "own", "owner"),
                ("customers", None, "direct", "direct grant"),
                ("customers", None, "chain", "inherited from role grp"),
                ("customers", None, "noinh", "can SET ROLE to grp"),
                ("customers", Some("email"), "noinh", "direct grant"),
                ("customers", None, "su", "superuser"),
                ("customers", Some("email"), "colr", "direct grant"),
                ("customers", None, "rad", "pg_read_all_data"),
                ("leads", None, "own", "PUBLIC"),
                ("leads", None, "direct", "PUBLIC"),
                ("leads", None, "chain", "PUBLIC"),
                ("leads", None, "noinh", "PUBLIC"),
                ("leads", None, "su", "superuser"),
                ("leads", None, "colr", "PUBLIC"),
                ("leads", None, "rad", "pg_read_all_data"),
                ("contacts", Some("phone"), "own", "PUBLIC"),
                ("contacts", Some("phone"), "direct", "PUBLIC"),
                ("contacts", Some("phone"), "chain", "PUBLIC"),
                ("contacts", Some("phone"), "noinh", "PUBLIC"),
                ("contacts", Some("phone"), "colr", "PUBLIC"),
                ("contacts", None, "su", "superuser"),
                ("contacts", None, "rad", "pg_read_all_data"),
            ]),
            "{:#?}",
            out.access
        );
        assert!(
            out.access
                .iter()
                .filter(|a| a.role.starts_with(&r("")))
                .all(|a| a.state == AccessState::Confirmed && a.privilege == "SELECT"),
            "{:#?}",
            out.access
        );

        // PUBLIC read of personal data: failing check and a high finding with the fix.
        let p = posture(&out, "pg.pd_readable_by_public");
        assert_eq!(p.state, PostureState::Fail);
        assert!(p.evidence.contains("public.leads"), "{}", p.evidence);
        let f = out
            .findings
            .iter()
            .find(|f| f.location == format!("{db}.public.leads"))
            .expect("PUBLIC finding");
        assert_eq!(f.severity, Severity::High);
        assert!(
            f.recommendation.contains("REVOKE SELECT ON public.leads FROM PUBLIC;"),
            "{}",
            f.recommendation
        );
        let f = out
            .findings
            .iter()
            .find(|f| f.location == format!("{db}.public.contacts"))
            .expect("PUBLIC column finding");
        assert!(
            f.recommendation.contains("REVOKE SELECT (phone) ON public.contacts FROM PUBLIC;"),
            "{}",
            f.recommendation
        );
        assert!(!out.findings.iter().any(|f| f.location.ends_with(".customers")
            && f.title.contains("Every database account")));

        // The superuser this test created is in the failing check and its finding.
        let p = posture(&out, "pg.superuser_login_roles");
        assert_eq!(p.state, PostureState::Fail);
        assert!(p.evidence.contains(&r("su")), "{}", p.evidence);
        let f = out
            .findings
            .iter()
            .find(|f| f.id.starts_with("PA-PG-SUPERUSER-LOGIN-ROLES-"))
            .expect("superuser finding");
        assert_eq!(f.severity, Severity::Medium);
        assert!(f.evidence.iter().any(|e| e.contains(&r("su"))), "{:?}", f.evidence);
        assert!(f.recommendation.contains("NOSUPERUSER;"), "{}", f.recommendation);
        // pg_read_all_data holders are reported too.
        let p = posture(&out, "pg.read_all_data_members");
        assert_eq!(p.state, PostureState::Fail);
        assert!(p.evidence.contains(&r("rad")), "{}", p.evidence);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn row_level_security_notes_name_who_bypasses() {
    common::with_pg(|url| async move {
        let r = |s: &str| common::role(&url, s);
        let setup = format!(
            "CREATE TABLE patients (id int, diagnosis text, owner_name text);
             CREATE TABLE payroll (id int, iban text);
             CREATE ROLE {own} LOGIN;
             CREATE ROLE {byp} LOGIN BYPASSRLS;
             CREATE ROLE {plain} LOGIN;
             CREATE ROLE {su} LOGIN SUPERUSER;
             ALTER TABLE patients OWNER TO {own};
             ALTER TABLE payroll OWNER TO {own};
             GRANT SELECT ON patients, payroll TO {byp}, {plain};
             ALTER TABLE patients ENABLE ROW LEVEL SECURITY;
             CREATE POLICY mine ON patients FOR SELECT USING (owner_name = current_user);
             CREATE POLICY staff ON patients USING (true);
             CREATE POLICY ins ON patients FOR INSERT WITH CHECK (true);
             ALTER TABLE payroll ENABLE ROW LEVEL SECURITY;
             ALTER TABLE payroll FORCE ROW LEVEL SECURITY;
             CREATE POLICY one ON payroll FOR SELECT USING (id > 0);",
            own = r("own"),
            byp = r("byp"),
            plain = r("plain"),
            su = r("su"),
        );
        common::pg_exec(&url, &[&setup]).await;
        let tables = [
            pd(
                "patients",
                &["diagnosis"],
                &["health"],
                Sensitivity::Special,
            ),
            pd("payroll", &["iban"], &["iban"], Sensitivity::High),
        ];
        let out = analyze(&url, &tables).await;
        assert_eq!(
            readers(&out, &url),
            set(&[
                ("patients", None, "own", "owner"),
                ("patients", None, "byp", "direct grant"),
                ("patients", None, "plain", "direct grant"),
                ("patients", None, "su", "superuser"),
                ("payroll", None, "own", "owner"),
                ("payroll", None, "byp", "direct grant"),
                ("payroll", None, "plain", "direct grant"),
                ("payroll", None, "su", "superuser"),
            ])
        );
        let on = "row-level security on (3 policies, 2 for reads)";
        assert_eq!(
            note(&out, &url, "patients", "own"),
            format!("{on}; this role bypasses it: owner")
        );
        assert_eq!(
            note(&out, &url, "patients", "byp"),
            format!("{on}; this role bypasses it: BYPASSRLS")
        );
        assert_eq!(
            note(&out, &url, "patients", "plain"),
            format!("{on}; rows limited by the policies")
        );
        assert_eq!(
            note(&out, &url, "patients", "su"),
            format!("{on}; this role bypasses it: superuser")
        );
        let forced = "row-level security on and forced (1 policy)";
        assert_eq!(
            note(&out, &url, "payroll", "own"),
            format!("{forced}; rows limited by the policies (forced: applies to the owner too)")
        );
        assert_eq!(
            note(&out, &url, "payroll", "byp"),
            format!("{forced}; this role bypasses it: BYPASSRLS")
        );
        assert_eq!(
            note(&out, &url, "payroll", "plain"),
            format!("{forced}; rows limited by the policies")
        );
        assert_eq!(
            note(&out, &url, "payroll", "su"),
            format!("{forced}; this role bypasses it: superuser")
        );
        let p = posture(&out, "pg.bypassrls_login_roles");
        assert_eq!(p.state, PostureState::Fail);
        assert!(p.evidence.contains(&r("byp")), "{}", p.evidence);
        assert!(
            !p.evidence.contains(&r("su")),
            "superusers are not listed: {}",
            p.evidence
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn low_privilege_scanner_is_right_or_indeterminate() {
    common::with_pg(|url| async move {
        let r = |s: &str| common::role(&url, s);
        let db = common::db_name(&url);
        let setup = format!(
            "CREATE TABLE customers (id int, email text);
             CREATE TABLE patients (id int, diagnosis text);
             CREATE ROLE {scanner} LOGIN PASSWORD 'scan-pw-1';
             GRANT CONNECT ON DATABASE {db} TO {scanner};
             GRANT USAGE ON SCHEMA public TO {scanner};
             CREATE ROLE {direct} LOGIN;
             CREATE ROLE {grp} NOLOGIN;
             CREATE ROLE {member} LOGIN;
             CREATE ROLE {noinh} LOGIN NOINHERIT;
             GRANT {grp} TO {member}, {noinh};
             GRANT SELECT ON customers TO {direct}, {grp};
             GRANT SELECT ON patients TO {direct};
             ALTER TABLE patients ENABLE ROW LEVEL SECURITY;
             CREATE POLICY p ON patients USING (id > 0);",
            scanner = r("scanner"),
            direct = r("direct"),
            grp = r("grp"),
            member = r("member"),
            noinh = r("noinh"),
        );
        common::pg_exec(&url, &[&setup]).await;
        let tables = [
            pd("customers", &["email"], &["email"], Sensitivity::Medium),
            pd(
                "patients",
                &["diagnosis"],
                &["health"],
                Sensitivity::Special,
            ),
        ];
        let low_url = common::as_user(&url, &r("scanner"), Some("scan-pw-1"));
        let full = analyze(&url, &tables).await;
        let low = analyze(&low_url, &tables).await;

        let expected = set(&[
            ("customers", None, "direct", "direct grant"),
            ("customers", None, "member", "inherited from role grp"),
            ("customers", None, "noinh", "can SET ROLE to grp"),
            ("patients", None, "direct", "direct grant"),
        ]);
        assert_eq!(readers(&full, &url), expected);
        // The low-privilege account reaches the same answers: the has_*_privilege functions
        // and the catalogs it needs are open to it.
        assert_eq!(readers(&low, &url), expected, "{:#?}", low.access);
        let mine = |o: &AccessOutcome| {
            o.access
                .iter()
                .filter(|a| a.role.starts_with(&r("")))
                .map(|a| (a.table.clone(), a.role.clone(), a.state, a.note.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(mine(&low), mine(&full));

        // What it cannot see is indeterminate, with the reason and what it would need.
        for check in ["pg.hba_trust", "pg.hba_password", "pg.hba_host_without_ssl"] {
            let p = posture(&low, check);
            assert_eq!(p.state, PostureState::Indeterminate, "{check}");
            assert!(p.evidence.contains("superuser"), "{}", p.evidence);
            // The superuser evaluates it.
            assert_ne!(posture(&full, check).state, PostureState::Indeterminate);
        }
        let p = posture(&low, "pg.md5_password_hashes");
        assert_eq!(p.state, PostureState::Indeterminate);
        assert!(p.evidence.contains("pg_authid"), "{}", p.evidence);
        let p = posture(&low, "pg.scanning_account");
        assert_eq!(p.state, PostureState::Indeterminate);
        assert!(p.evidence.contains("superuser: no"), "{}", p.evidence);
        assert_eq!(
            posture(&full, "pg.scanning_account").state,
            PostureState::Pass
        );
        assert!(
            low.warnings.iter().any(|w| w.contains("pg_hba_file_rules")),
            "{:?}",
            low.warnings
        );
        assert!(
            low.warnings.iter().any(|w| w.contains("pg_authid")),
            "{:?}",
            low.warnings
        );
        assert!(full.warnings.is_empty(), "{:?}", full.warnings);

        // Hide the membership and policy catalogs from PUBLIC in this database only.
        common::pg_exec(
            &url,
            &["REVOKE SELECT ON pg_catalog.pg_auth_members, pg_catalog.pg_policy FROM PUBLIC"],
        )
        .await;
        let low = analyze(&low_url, &tables).await;
        // Memberships come from pg_has_role() instead: the same readers and paths.
        assert_eq!(readers(&low, &url), expected, "{:#?}", low.access);
        let rec = |table: &str, role: &str| {
            low.access
                .iter()
                .find(|a| a.table == table && a.role == r(role))
                .unwrap_or_else(|| panic!("{role} on {table}"))
        };
        assert_eq!(rec("customers", "direct").state, AccessState::Confirmed);
        assert!(
            rec("customers", "member")
                .note
                .as_deref()
                .is_some_and(|n| n.contains("pg_has_role")),
            "{:?}",
            rec("customers", "member")
        );
        // The rows a non-bypassing reader sees under row-level security are now unknown.
        let p = rec("patients", "direct");
        assert_eq!(p.state, AccessState::Indeterminate, "{p:?}");
        assert!(
            p.note.as_deref().is_some_and(|n| n.contains("pg_policy")),
            "{p:?}"
        );
        assert!(
            low.warnings.iter().any(|w| w.contains("pg_auth_members")),
            "{:?}",
            low.warnings
        );
        assert!(
            low.warnings.iter().any(|w| w.contains("pg_policy")),
            "{:?}",
            low.warnings
        );

        // The warnings reach the scan report (with the database id) and its Markdown.
        common::pg_exec(
            &url,
            &[&format!(
                "INSERT INTO customers VALUES (1, 'ann.lee@example.org'), (2, 'tom.wolf@example.net'); GRANT SELECT ON customers TO {}",
                r("scanner")
            )],
        )
        .await;
        let report = common::scan_urls(&[&low_url], &common::options()).await;
        assert!(
            report
                .warnings
                .iter()
                .any(|w| w.starts_with(&format!("{db}: ")) && w.contains("pg_hba_file_rules")),
            "{:?}",
            report.warnings
        );
        let mut md = Vec::new();
        privaudit::report::write(
            &mut md,
            &report,
            privaudit::report::Format::Markdown,
            privaudit::report::CsvSection::Inventory,
            None,
        )
        .expect("markdown");
        assert!(String::from_utf8_lossy(&md).contains("## Warnings"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posture_schema_ssl_default_privileges_and_views() {
    common::with_pg(|url| async move {
        common::pg_exec(
            &url,
            &["CREATE TABLE customers (id int, email text, card text);
               CREATE VIEW customer_emails AS SELECT email FROM customers;
               CREATE VIEW safe_emails WITH (security_invoker = true) AS SELECT email FROM customers;
               CREATE VIEW nested AS SELECT * FROM customer_emails;
               CREATE VIEW unrelated AS SELECT 1 AS x;"],
        )
        .await;
        let tables = [pd(
            "customers",
            &["email", "card"],
            &["email", "payment_card"],
            Sensitivity::High,
        )];
        let out = analyze(&url, &tables).await;
        let db = common::db_name(&url);

        // A fresh PostgreSQL 15 database: PUBLIC has no CREATE on schema public.
        let p = posture(&out, "pg.public_schema_create");
        assert_eq!(p.state, PostureState::Pass, "{}", p.evidence);
        assert_eq!(posture(&out, "pg.default_acl_broad").state, PostureState::Pass);

        // ssl matches the server's own setting.
        let ssl: String = {
            use sqlx::Connection;
            let mut c = sqlx::PgConnection::connect(&url).await.expect("connect");
            sqlx::query_scalar("SHOW ssl").fetch_one(&mut c).await.expect("ssl")
        };
        let p = posture(&out, "pg.ssl");
        let want = if ssl == "on" {
            PostureState::Pass
        } else {
            PostureState::Fail
        };
        assert_eq!(p.state, want, "{}", p.evidence);
        assert!(p.evidence.starts_with(&format!("ssl = {ssl}")), "{}", p.evidence);

        // Views running with the owner's rights over the personal data: directly and nested;
        // not the security_invoker one, not the unrelated one.
        let views: BTreeSet<&str> = out
            .findings
            .iter()
            .filter(|f| f.id.starts_with("PA-PG-OWNER-RIGHTS-VIEWS-"))
            .map(|f| f.location.as_str())
            .collect();
        let want: BTreeSet<String> = [
            format!("{db}.public.customer_emails"),
            format!("{db}.public.nested"),
        ]
        .into();
        assert_eq!(
            views,
            want.iter().map(String::as_str).collect::<BTreeSet<_>>()
        );
        assert!(out.findings.iter().all(|f| f.severity != Severity::Critical));

        // Now open the schema, default-grant future tables to PUBLIC, and expose the table.
        common::pg_exec(
            &url,
            &["GRANT CREATE ON SCHEMA public TO PUBLIC;
               ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO PUBLIC;
               GRANT SELECT ON customers TO PUBLIC;"],
        )
        .await;
        let out = analyze(&url, &tables).await;
        let p = posture(&out, "pg.public_schema_create");
        assert_eq!(p.state, PostureState::Fail);
        assert!(p.evidence.contains("public"), "{}", p.evidence);
        let f = out
            .findings
            .iter()
            .find(|f| f.id.starts_with("PA-PG-PUBLIC-SCHEMA-CREATE-"))
            .expect("finding");
        assert_eq!(f.severity, Severity::Medium);
        assert!(f.recommendation.contains("REVOKE CREATE ON SCHEMA public FROM PUBLIC;"));

        let p = posture(&out, "pg.default_acl_broad");
        assert_eq!(p.state, PostureState::Fail);
        assert!(
            p.evidence.contains("grant SELECT on future tables to PUBLIC"),
            "{}",
            p.evidence
        );

        // Card data readable by PUBLIC is critical and cites PCI DSS 7.2.
        let f = out
            .findings
            .iter()
            .find(|f| f.location == format!("{db}.public.customers"))
            .expect("PUBLIC finding");
        assert_eq!(f.severity, Severity::Critical);
        assert!(f.references.iter().any(|r| r == "PCI DSS 7.2"));
        for f in &out.findings {
            assert!(!f.title.is_empty() && !f.recommendation.is_empty() && !f.evidence.is_empty());
        }
    })
    .await;
}
