//! Posture checks and findings over hand-written facts (MariaDB and MySQL 8 shapes).

use super::*;
use crate::access::PdTable;
use crate::db::mysql::grants::{self, Account, DbGrant, Global, TableGrant};
use crate::model::{FindingSource, Sensitivity};

fn pd(schema: &str, table: &str) -> PdTable {
    PdTable {
        schema: schema.into(),
        table: table.into(),
        columns: vec!["email".into()],
        categories: vec!["email".into()],
        sensitivity: Sensitivity::Medium,
    }
}

fn account(user: &str, host: &str) -> Account {
    Account {
        id: Ident::new(user, host),
        is_role: false,
        locked: false,
        global: Global::default(),
    }
}

fn auth(user: &str, host: &str, methods: &[(&str, Credential)], lifetime: Option<i64>) -> Auth {
    Auth {
        id: Ident::new(user, host),
        methods: methods
            .iter()
            .map(|(p, c)| AuthMethod {
                plugin: p.to_string(),
                credential: *c,
            })
            .collect(),
        password_lifetime: lifetime,
    }
}

fn run(
    g: Option<&Grants>,
    a: Option<&[Auth]>,
    s: &Settings,
    pd: &[PdTable],
) -> (Vec<PostureCheck>, Vec<Finding>) {
    let reach = g
        .map(|g| grants::effective_access(g, pd))
        .unwrap_or_default();
    let input = Input {
        database: "srv",
        flavor: g.map(|g| g.flavor).unwrap_or(Flavor::MariaDb),
        grants: g,
        auth: a,
        settings: s,
        reach: &reach,
        unreadable: Some(
            "cannot read mysql.user; needs GRANT SELECT ON mysql.* TO 'scan'@'%';".into(),
        ),
    };
    evaluate(&input)
}

fn check<'a>(checks: &'a [PostureCheck], id: &str) -> &'a PostureCheck {
    checks
        .iter()
        .find(|c| c.check == id)
        .unwrap_or_else(|| panic!("{id}: {checks:?}"))
}

fn found<'a>(findings: &'a [Finding], check: &str) -> Option<&'a Finding> {
    let prefix = crate::findings::stable_id(check, "");
    let prefix = &prefix[..prefix.rfind('-').unwrap_or(0)];
    let f = findings
        .iter()
        .find(|f| f.id.starts_with(prefix) && f.id[prefix.len()..].len() == 9);
    if let Some(f) = f {
        crate::findings::catalog::assert_raised_from_the_catalog(f);
    }
    f
}

fn secure() -> Settings {
    Settings {
        require_secure_transport: Some(true),
        have_ssl: Some("YES".into()),
        session_cipher: Some("TLS_AES_256_GCM_SHA384".into()),
        default_password_lifetime: Some(180),
        ..Settings::default()
    }
}

#[test]
fn a_clean_server_passes_everything() {
    let mut g = Grants::new(Flavor::MariaDb);
    let mut dba = account("dba", "localhost");
    dba.global = Global {
        select: true,
        file: true,
        super_: true,
        grant: true,
        create_user: true,
    };
    let mut sys = account("mariadb.sys", "localhost");
    sys.locked = true;
    g.accounts = vec![dba, account("app", "10.0.0.5"), sys];
    let a = vec![
        auth(
            "dba",
            "localhost",
            &[("unix_socket", Credential::Empty)],
            None,
        ),
        auth("app", "10.0.0.5", &[("ed25519", Credential::Set)], None),
        // Locked: not considered even with an empty native password.
        auth(
            "mariadb.sys",
            "localhost",
            &[("mysql_native_password", Credential::Empty)],
            None,
        ),
    ];
    let (checks, findings) = run(Some(&g), Some(&a), &secure(), &[]);
    assert!(
        checks.iter().all(|c| c.state == PostureState::Pass),
        "{checks:#?}"
    );
    assert!(findings.is_empty(), "{findings:#?}");
    assert!(
        check(&checks, "mysql.anonymous_accounts")
            .evidence
            .contains("1 roles and locked accounts not considered")
    );
}

#[test]
fn anonymous_and_passwordless_accounts_fail_with_their_reach() {
    let mut g = Grants::new(Flavor::MariaDb);
    g.accounts = vec![
        account("", "localhost"),
        account("root", "localhost"),
        account("svc", "%"),
    ];
    g.tables = vec![TableGrant {
        grantee: Ident::new("", "localhost"),
        db: "shop".into(),
        table: "customers".into(),
    }];
    let a = vec![
        auth(
            "",
            "localhost",
            &[("mysql_native_password", Credential::Empty)],
            None,
        ),
        // MariaDB's default root: unix_socket OR an empty native password — the second works
        // over TCP, so it counts as no password.
        auth(
            "root",
            "localhost",
            &[
                ("unix_socket", Credential::Empty),
                ("mysql_native_password", Credential::Empty),
            ],
            None,
        ),
        // An invalid hash is not a password: socket only.
        auth(
            "svc",
            "%",
            &[
                ("mysql_native_password", Credential::Invalid),
                ("unix_socket", Credential::Empty),
            ],
            None,
        ),
    ];
    let (checks, findings) = run(Some(&g), Some(&a), &secure(), &[pd("shop", "customers")]);
    let anon = check(&checks, "mysql.anonymous_accounts");
    assert_eq!(anon.state, PostureState::Fail);
    assert_eq!(anon.evidence, "1 anonymous account(s): ''@localhost");
    let f = found(&findings, "mysql.anonymous_accounts").expect("anonymous finding");
    assert_eq!(f.severity, Severity::High);
    assert_eq!(f.place, Place::database("srv"));
    assert_eq!(f.location, "srv");
    assert!(f.recommendation.contains("DROP USER ''@'localhost';"));
    assert!(
        f.evidence[0].contains("can read personal data in 1 table(s)/column(s): shop.customers")
    );
    let np = check(&checks, "mysql.accounts_without_password");
    assert_eq!(np.state, PostureState::Fail);
    assert_eq!(
        np.evidence,
        "2 account(s) accept an empty password: ''@localhost, root@localhost (built-in administrator)"
    );
    let f = found(&findings, "mysql.accounts_without_password").expect("finding");
    assert_eq!(f.severity, Severity::Critical);
    assert!(f.recommendation.contains("IDENTIFIED VIA unix_socket"));
    // Nobody holds a native hash.
    assert_eq!(
        check(&checks, "mysql.native_password").state,
        PostureState::Pass
    );
    // svc@% has a wildcard host but reads nothing: a medium posture finding.
    let w = found(&findings, "mysql.wildcard_hosts").expect("wildcard finding");
    assert_eq!(w.severity, Severity::Medium);
    assert!(found(&findings, "mysql.wildcard_host_personal_data").is_none());
}

#[test]
fn global_privileges_of_non_administrators_fail_including_through_roles() {
    let mut g = Grants::new(Flavor::MariaDb);
    let mut root = account("root", "localhost");
    root.global = Global {
        select: true,
        file: true,
        super_: true,
        grant: true,
        create_user: true,
    };
    let mut etl = account("etl", "%");
    etl.global.select = true;
    etl.global.file = true;
    let mut r = account("ops", "");
    r.is_role = true;
    r.global.super_ = true;
    g.accounts = vec![root, etl, account("dev", "localhost"), r];
    g.role_grants =
        grants::from_roles_mapping(&[("localhost".into(), "dev".into(), "ops".into(), false)]);
    let (checks, findings) = run(Some(&g), None, &secure(), &[pd("shop", "customers")]);
    let c = check(&checks, "mysql.global_privileges");
    assert_eq!(c.state, PostureState::Fail);
    assert_eq!(
        c.evidence,
        "2 non-administrator account(s) hold global SELECT, FILE or SUPER: dev@localhost: SUPER (role `ops` (can SET ROLE)), etl@%: SELECT, FILE (own grant)"
    );
    let f = found(&findings, "mysql.global_privileges").expect("finding");
    assert_eq!(f.severity, Severity::High);
    assert!(f.recommendation.contains("REVOKE SUPER ON *.* FROM `ops`;"));
    assert!(
        f.recommendation
            .contains("REVOKE SELECT, FILE ON *.* FROM 'etl'@'%';")
    );
    // etl@% reads personal data through global SELECT from anywhere: the access finding.
    let w = found(&findings, "mysql.wildcard_host_personal_data").expect("access finding");
    assert_eq!(w.source, FindingSource::Access);
    assert_eq!(
        w.evidence,
        vec![
            "etl@% can read 1 personal-data table(s)/column(s) from any matching host: shop.customers"
        ]
    );
    // Without auth facts, password checks are indeterminate, not guessed.
    assert_eq!(
        check(&checks, "mysql.accounts_without_password").state,
        PostureState::Indeterminate
    );
}

#[test]
fn secure_transport_severity_depends_on_tls() {
    let off_with_tls = Settings {
        require_secure_transport: Some(false),
        have_ssl: Some("YES".into()),
        session_cipher: Some(String::new()),
        ..Settings::default()
    };
    let (checks, findings) = run(None, None, &off_with_tls, &[]);
    let c = check(&checks, "mysql.secure_transport");
    assert_eq!(c.state, PostureState::Fail);
    assert_eq!(
        c.evidence,
        "require_secure_transport=OFF; TLS available (have_ssl=YES); this scan's own connection is not encrypted"
    );
    let f = found(&findings, "mysql.secure_transport").expect("finding");
    assert_eq!(f.severity, Severity::Medium);
    assert!(
        f.recommendation
            .contains("SET GLOBAL require_secure_transport=ON;")
    );
    let no_tls = Settings {
        require_secure_transport: Some(false),
        have_ssl: Some("DISABLED".into()),
        ..Settings::default()
    };
    let (_, findings) = run(None, None, &no_tls, &[]);
    assert_eq!(
        found(&findings, "mysql.secure_transport").map(|f| f.severity),
        Some(Severity::High)
    );
    // Account checks without account tables: indeterminate, naming the privilege needed.
    let (checks, _) = run(None, None, &no_tls, &[]);
    let c = check(&checks, "mysql.wildcard_hosts");
    assert_eq!(c.state, PostureState::Indeterminate);
    assert!(c.evidence.contains("GRANT SELECT ON mysql.*"));
}

#[test]
fn password_lifetime_counts_password_accounts_only() {
    let mut g = Grants::new(Flavor::Mysql);
    g.accounts = vec![
        account("a", "h"),
        account("b", "h"),
        account("c", "h"),
        account("sock", "localhost"),
    ];
    let a = vec![
        auth(
            "a",
            "h",
            &[("caching_sha2_password", Credential::Set)],
            None,
        ),
        auth(
            "b",
            "h",
            &[("caching_sha2_password", Credential::Set)],
            Some(90),
        ),
        auth(
            "c",
            "h",
            &[("caching_sha2_password", Credential::Set)],
            Some(0),
        ),
        auth(
            "sock",
            "localhost",
            &[("auth_socket", Credential::Empty)],
            None,
        ),
    ];
    let mut s = secure();
    s.default_password_lifetime = Some(0);
    let (checks, findings) = run(Some(&g), Some(&a), &s, &[]);
    let c = check(&checks, "mysql.password_lifetime");
    assert_eq!(c.state, PostureState::Fail);
    assert_eq!(
        c.evidence,
        "default_password_lifetime=0 (passwords never expire); 2 of 3 password account(s) without a lifetime of at most 365 days: a@h, c@h"
    );
    assert_eq!(
        found(&findings, "mysql.password_lifetime").map(|f| f.severity),
        Some(Severity::Low)
    );
    // With a default of 180 days only the explicit "never" remains.
    s.default_password_lifetime = Some(180);
    let (checks, _) = run(Some(&g), Some(&a), &s, &[]);
    assert!(
        check(&checks, "mysql.password_lifetime")
            .evidence
            .ends_with(": c@h")
    );
    // MySQL recommendation for native hashes names caching_sha2_password.
    let a2 = vec![auth(
        "a",
        "h",
        &[("mysql_native_password", Credential::Set)],
        Some(30),
    )];
    let (_, findings) = run(Some(&g), Some(&a2), &s, &[]);
    let f = found(&findings, "mysql.native_password").expect("native finding");
    assert!(
        f.recommendation
            .contains("ALTER USER 'a'@'h' IDENTIFIED WITH caching_sha2_password BY")
    );
}

fn mysql_roles() -> Grants {
    let mut g = Grants::new(Flavor::Mysql);
    let role = |n: &str| {
        let mut a = account(n, "%");
        a.locked = true;
        a
    };
    g.accounts = vec![
        account("app", "10.0.0.5"),
        account("bi", "10.0.0.6"),
        role("everyone"),
        role("pii"),
    ];
    g.db = vec![DbGrant {
        grantee: Ident::new("everyone", "%"),
        db: "crm".into(),
        select: true,
    }];
    g.tables = vec![TableGrant {
        grantee: Ident::new("pii", "%"),
        db: "shop".into(),
        table: "customers".into(),
    }];
    g.role_grants = grants::from_role_edges(&[grants::RoleEdgeRow {
        from_host: "%".into(),
        from_user: "pii".into(),
        to_host: "10.0.0.6".into(),
        to_user: "bi".into(),
        with_admin_option: "N".into(),
    }]);
    g
}

#[test]
fn mysql_mandatory_roles_with_personal_data_fail() {
    let mut g = mysql_roles();
    let mut s = secure();
    s.mandatory_roles = Some("`everyone`@`%`".into());
    s.activate_all_roles_on_login = Some(false);
    g.mandatory_roles = grants::parse_mandatory_roles("`everyone`@`%`");
    let pd = [pd("crm", "contacts"), pd("shop", "customers")];
    let (checks, findings) = run(Some(&g), None, &s, &pd);
    let c = check(&checks, "mysql.role_activation");
    assert_eq!(c.state, PostureState::Fail, "{c:?}");
    assert!(
        c.evidence
            .starts_with("activate_all_roles_on_login=OFF; mandatory_roles=`everyone`@`%`")
    );
    let f = found(&findings, "mysql.mandatory_roles").expect("finding");
    assert_eq!(f.severity, Severity::High);
    assert_eq!(
        f.evidence,
        vec!["crm.contacts via mandatory role `everyone`"]
    );
    assert!(found(&findings, "mysql.activate_all_roles_on_login").is_none());
}

#[test]
fn mysql_activate_all_roles_on_login_fails_when_it_widens_access() {
    let mut g = mysql_roles();
    g.activate_all_roles_on_login = true;
    let mut s = secure();
    s.activate_all_roles_on_login = Some(true);
    s.mandatory_roles = Some(String::new());
    let pd = [pd("shop", "customers")];
    let (checks, findings) = run(Some(&g), None, &s, &pd);
    assert_eq!(
        check(&checks, "mysql.role_activation").state,
        PostureState::Fail
    );
    let f = found(&findings, "mysql.activate_all_roles_on_login").expect("finding");
    assert_eq!(f.severity, Severity::Medium);
    assert_eq!(
        f.evidence,
        vec!["bi@10.0.0.6: shop.customers via role `pii`"]
    );
    // OFF, no mandatory roles: pass.
    g.activate_all_roles_on_login = false;
    s.activate_all_roles_on_login = Some(false);
    let (checks, _) = run(Some(&g), None, &s, &pd);
    assert_eq!(
        check(&checks, "mysql.role_activation").state,
        PostureState::Pass
    );
}

#[test]
fn public_grants_get_revoke_statements() {
    let mut g = Grants::new(Flavor::MariaDb);
    let mut public = account("PUBLIC", "");
    public.is_role = true;
    let mut r = account("news", "");
    r.is_role = true;
    g.accounts = vec![account("a", "localhost"), public, r];
    g.tables = vec![TableGrant {
        grantee: Ident::public(),
        db: "shop".into(),
        table: "customers".into(),
    }];
    g.db = vec![DbGrant {
        grantee: Ident::new("news", ""),
        db: "crm".into(),
        select: true,
    }];
    g.role_grants =
        grants::from_roles_mapping(&[("".into(), "PUBLIC".into(), "news".into(), false)]);
    let (_, findings) = run(
        Some(&g),
        None,
        &secure(),
        &[pd("shop", "customers"), pd("crm", "contacts")],
    );
    let f = found(&findings, "mysql.public_personal_data").expect("finding");
    assert_eq!(f.location, "srv: PUBLIC");
    assert_eq!(f.place, Place::role("srv", "PUBLIC"));
    assert_eq!(
        f.evidence,
        vec![
            "grants to PUBLIC apply to every account on the server (1 login accounts)".to_string(),
            "crm.contacts (PUBLIC, through role `news`)".to_string(),
            "shop.customers (PUBLIC)".to_string(),
        ]
    );
    assert!(f.recommendation.contains("REVOKE `news` FROM PUBLIC;"));
    assert!(
        f.recommendation
            .contains("REVOKE SELECT ON `shop`.`customers` FROM PUBLIC;")
    );
}
