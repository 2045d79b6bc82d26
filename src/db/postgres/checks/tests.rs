//! Every posture check over hand-written facts: pass, fail, and indeterminate where the
//! scanning account may not see what it needs.

use std::collections::HashMap;

use super::*;
use crate::db::postgres::facts::{
    Acl, ColumnFacts, DefaultAclRow, MemberRow, Rls, SchemaCreate, Views,
};
use crate::model::{AccessState, FindingSource};

const APP: u32 = 100; // login, with expiry
const READERS: u32 = 200;
const OWNER: u32 = 300; // login, owns the tables
const RAD: u32 = 6181;
const T: u32 = 1000;

fn role(oid: u32, name: &str, login: bool) -> RoleRow {
    RoleRow {
        oid,
        name: name.into(),
        login,
        inherit: true,
        ..RoleRow::default()
    }
}

fn hba(line: i32, kind: &str, address: Option<(&str, &str)>, method: &str) -> HbaLine {
    HbaLine {
        line,
        kind: kind.into(),
        databases: vec!["all".into()],
        users: vec!["all".into()],
        address: address.map(|a| a.0.to_string()),
        netmask: address.map(|a| a.1.to_string()),
        method: Some(method.into()),
        error: None,
    }
}

/// SELECT grantees of a table, and of each of its personal-data columns.
type Grants = (Vec<u32>, Vec<Vec<u32>>);

/// The facts of one case; `run` evaluates them.
struct Case {
    pd: Vec<PdTable>,
    probe: Probe,
    roles: Option<Vec<RoleRow>>,
    members: Vec<MemberRow>,
    complete: bool,
    /// Per personal-data table: SELECT grantees and column grantees; `None`: not readable.
    tables: Option<Vec<Grants>>,
    public_usage: Option<bool>,
    access: Vec<AccessRecord>,
    posture: Posture,
}

fn clean() -> Case {
    let mut postgres = role(10, "postgres", true);
    postgres.superuser = true;
    Case {
        pd: vec![PdTable {
            schema: "public".into(),
            table: "customers".into(),
            columns: vec!["email".into()],
            categories: vec!["email".into()],
            sensitivity: Sensitivity::Medium,
        }],
        probe: Probe {
            user: "scan".into(),
            version: 160_000,
            superuser: true,
            read_all_settings: true,
            read_all_stats: true,
            authid: true,
            hba: true,
            read_all_data: Some(RAD),
        },
        roles: Some(vec![
            role(APP, "app", true),
            role(OWNER, "app_owner", true),
            postgres,
            role(RAD, "pg_read_all_data", false),
            role(READERS, "readers", false),
        ]),
        members: vec![MemberRow {
            role: READERS,
            member: APP,
            inherit_option: Some(true),
            set_option: Some(true),
        }],
        complete: true,
        tables: Some(vec![(vec![READERS], vec![vec![]])]),
        public_usage: Some(true),
        access: vec![],
        posture: Posture {
            settings: Ok(Settings {
                ssl: "on".into(),
                password_encryption: "scram-sha-256".into(),
                public_connect: Some(false),
                session_ssl: Some(true),
            }),
            md5: Some(Ok(vec![])),
            hba: Some(Ok(vec![
                hba(1, "local", None, "peer"),
                hba(
                    2,
                    "host",
                    Some(("127.0.0.1", "255.255.255.255")),
                    "scram-sha-256",
                ),
                hba(3, "hostssl", Some(("0.0.0.0", "0.0.0.0")), "scram-sha-256"),
            ])),
            schemas: Ok(vec![
                SchemaCreate {
                    name: "app".into(),
                    public_create: false,
                },
                SchemaCreate {
                    name: "public".into(),
                    public_create: false,
                },
            ]),
            default_acl: Ok(vec![]),
            views: Some(Ok(Views {
                rows: vec![view(2000, "safe", &["security_invoker=true"], false)],
                readers: HashMap::new(),
            })),
        },
    }
}

fn view(oid: u32, name: &str, options: &[&str], public: bool) -> ViewRow {
    ViewRow {
        oid,
        schema: "public".into(),
        name: name.into(),
        base: T,
        options: options.iter().map(|o| o.to_string()).collect(),
        owner: OWNER,
        public,
    }
}

impl Case {
    fn run(&self) -> Evaluation {
        let graph = self
            .roles
            .as_ref()
            .map(|r| Graph::new(r, &self.members, true));
        let tables: Option<Vec<TableFacts<'_>>> = self.tables.as_ref().map(|ts| {
            ts.iter()
                .zip(&self.pd)
                .enumerate()
                .map(|(i, ((grantees, cols), pd))| TableFacts {
                    pd,
                    oid: T + i as u32,
                    ns: 2200,
                    acl: Acl {
                        owner: Some(OWNER),
                        grantees: grantees.clone(),
                    },
                    rls: Rls::default(),
                    public_usage: self.public_usage,
                    columns: pd
                        .columns
                        .iter()
                        .zip(cols)
                        .enumerate()
                        .map(|(j, (name, g))| ColumnFacts {
                            name: name.clone(),
                            attnum: j as i16 + 2,
                            acl: Acl {
                                owner: None,
                                grantees: g.clone(),
                            },
                        })
                        .collect(),
                })
                .collect()
        });
        evaluate(&Input {
            database: "shop",
            pd: &self.pd,
            probe: &self.probe,
            roles: self.roles.as_deref(),
            graph: graph.as_ref(),
            memberships_complete: self.complete,
            tables: tables.as_deref(),
            access: &self.access,
            posture: &self.posture,
        })
    }

    fn role_mut(&mut self, oid: u32) -> &mut RoleRow {
        self.roles
            .as_mut()
            .and_then(|r| r.iter_mut().find(|r| r.oid == oid))
            .expect("role")
    }
}

fn check<'a>(e: &'a Evaluation, id: &str) -> &'a PostureCheck {
    let found: Vec<&PostureCheck> = e.checks.iter().filter(|c| c.check == id).collect();
    assert_eq!(found.len(), 1, "{id}: {:#?}", e.checks);
    assert_eq!(found[0].database, "shop");
    found[0]
}

fn state(e: &Evaluation, id: &str) -> (PostureState, String) {
    let c = check(e, id);
    (c.state, c.evidence.clone())
}

/// Findings of one check.
fn found<'a>(e: &'a Evaluation, id: &str) -> Vec<&'a Finding> {
    let prefix = crate::findings::stable_id(id, "");
    let prefix = &prefix[..prefix.rfind('-').unwrap_or(0)];
    let v: Vec<&Finding> = e
        .findings
        .iter()
        .filter(|f| f.id.starts_with(prefix) && f.id[prefix.len()..].len() == 9)
        .collect();
    v.iter()
        .for_each(|f| crate::findings::catalog::assert_raised_from_the_catalog(f));
    v
}

const ALL: [&str; 17] = [
    "pg.scanning_account",
    "pg.superuser_login_roles",
    "pg.bypassrls_login_roles",
    "pg.createrole_login_roles",
    "pg.replication_login_roles",
    "pg.login_roles_without_expiry",
    "pg.read_all_data_members",
    "pg.ssl",
    "pg.password_encryption",
    "pg.pd_readable_by_public",
    "pg.md5_password_hashes",
    "pg.hba_trust",
    "pg.hba_password",
    "pg.hba_host_without_ssl",
    "pg.public_schema_create",
    "pg.default_acl_broad",
    "pg.owner_rights_views",
];

#[test]
fn a_clean_server_passes_everything_in_order() {
    let e = clean().run();
    let ids: Vec<&str> = e.checks.iter().map(|c| c.check.as_str()).collect();
    assert_eq!(ids, ALL);
    for c in &e.checks {
        assert_eq!(c.state, PostureState::Pass, "{c:?}");
    }
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
    let pass = |id: &str| state(&e, id).1;
    assert_eq!(
        pass("pg.scanning_account"),
        "scanning as scan: superuser: yes; member of pg_read_all_settings: yes; member of \
         pg_read_all_stats: yes; pg_authid readable: yes; pg_hba_file_rules readable: yes"
    );
    assert_eq!(
        pass("pg.superuser_login_roles"),
        "no login role besides the bootstrap superuser postgres has SUPERUSER"
    );
    assert_eq!(
        pass("pg.bypassrls_login_roles"),
        "no non-superuser login role has BYPASSRLS"
    );
    assert_eq!(
        pass("pg.createrole_login_roles"),
        "no non-superuser login role has CREATEROLE"
    );
    assert_eq!(
        pass("pg.replication_login_roles"),
        "no non-superuser login role has REPLICATION"
    );
    assert_eq!(
        pass("pg.login_roles_without_expiry"),
        "all 3 login roles have a password expiry (VALID UNTIL)"
    );
    assert_eq!(
        pass("pg.read_all_data_members"),
        "no non-superuser login role holds pg_read_all_data"
    );
    assert_eq!(
        pass("pg.ssl"),
        "ssl = on; this scan's own connection is encrypted"
    );
    assert_eq!(
        pass("pg.password_encryption"),
        "password_encryption = scram-sha-256"
    );
    assert_eq!(
        pass("pg.pd_readable_by_public"),
        "no SELECT grant to PUBLIC on the 1 personal-data table"
    );
    assert_eq!(
        pass("pg.md5_password_hashes"),
        "no login role has an md5 password hash"
    );
    assert_eq!(
        pass("pg.hba_trust"),
        "none of the 3 pg_hba.conf lines use the trust method (anyone who reaches them logs in \
         as any role, no password)"
    );
    assert_eq!(
        pass("pg.hba_password"),
        "none of the 3 pg_hba.conf lines use the password method (the password is sent in \
         clear text)"
    );
    assert_eq!(
        pass("pg.hba_host_without_ssl"),
        "none of the 3 pg_hba.conf lines accept connections from other machines without \
         requiring SSL"
    );
    assert_eq!(
        pass("pg.public_schema_create"),
        "PUBLIC has CREATE on no schema (2 checked)"
    );
    assert_eq!(
        pass("pg.default_acl_broad"),
        "no default privileges grant future tables or sequences to PUBLIC or to a role most \
         login roles inherit (0 default privilege grants checked)"
    );
    assert_eq!(
        pass("pg.owner_rights_views"),
        "no view over the personal-data tables runs with its owner's rights (1 view checked)"
    );
}

#[test]
fn scanning_account_is_indeterminate_when_it_cannot_see_everything() {
    let mut c = clean();
    c.probe.superuser = false;
    c.probe.authid = false;
    let e = c.run();
    let (s, ev) = state(&e, "pg.scanning_account");
    assert_eq!(s, PostureState::Indeterminate);
    assert!(
        ev.contains("superuser: no") && ev.contains("pg_authid readable: no"),
        "{ev}"
    );
    assert_eq!(
        visibility_warnings(&c.probe),
        vec![
            "pg_authid is not readable by scan: which login roles still have md5 password \
             hashes cannot be checked (needs superuser)"
                .to_string()
        ]
    );
    c.probe.hba = false;
    let w = visibility_warnings(&c.probe);
    assert_eq!(w.len(), 2);
    assert!(
        w[1].starts_with("pg_hba_file_rules is not readable by scan:"),
        "{w:?}"
    );
    assert!(visibility_warnings(&clean().probe).is_empty());
}

#[test]
fn role_attribute_checks_fail_with_the_roles_named() {
    let mut c = clean();
    c.role_mut(APP).superuser = true;
    let mut sneaky = role(101, "Sneaky", true);
    sneaky.bypassrls = true;
    sneaky.createrole = true;
    sneaky.replication = true;
    sneaky.no_expiry = true;
    c.roles.as_mut().expect("roles").push(sneaky);
    // Superusers are not listed for the other attributes.
    let app = c.role_mut(APP);
    app.bypassrls = true;
    app.createrole = true;
    c.probe.version = 150_000;
    let e = c.run();

    let (s, ev) = state(&e, "pg.superuser_login_roles");
    assert_eq!(s, PostureState::Fail);
    assert_eq!(
        ev,
        "1 login role with SUPERUSER besides the bootstrap superuser postgres: app"
    );
    let f = found(&e, "pg.superuser_login_roles");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Medium);
    assert_eq!(f[0].source, FindingSource::Posture);
    assert_eq!(f[0].location, "shop");
    assert_eq!(f[0].place, Place::database("shop"));
    assert_eq!(f[0].database.as_deref(), Some("shop"));
    assert_eq!(f[0].check, "pg.superuser_login_roles");
    assert_eq!(
        f[0].title,
        "1 account can log in as superuser and bypass every access control on all data"
    );
    assert_eq!(f[0].evidence, vec![ev]);
    assert!(
        f[0].recommendation
            .starts_with("Remove SUPERUSER from accounts that do not administer the server: ALTER ROLE app NOSUPERUSER; "),
        "{}",
        f[0].recommendation
    );

    for (id, attr, sql) in [
        ("pg.bypassrls_login_roles", "BYPASSRLS", "NOBYPASSRLS"),
        ("pg.createrole_login_roles", "CREATEROLE", "NOCREATEROLE"),
        ("pg.replication_login_roles", "REPLICATION", "NOREPLICATION"),
    ] {
        let (s, ev) = state(&e, id);
        assert_eq!(s, PostureState::Fail, "{id}");
        assert_eq!(
            ev,
            format!("1 login role with {attr} (not superusers): Sneaky"),
            "{id}"
        );
        let f = found(&e, id);
        assert_eq!(f.len(), 1, "{id}");
        assert!(
            f[0].recommendation
                .contains(&format!("ALTER ROLE \"Sneaky\" {sql};")),
            "{}",
            f[0].recommendation
        );
    }
    // Before PostgreSQL 16 CREATEROLE can hand out pg_read_all_data.
    assert!(
        found(&e, "pg.createrole_login_roles")[0]
            .recommendation
            .ends_with("including pg_read_all_data.")
    );

    let (s, ev) = state(&e, "pg.login_roles_without_expiry");
    assert_eq!(s, PostureState::Fail);
    assert_eq!(
        ev,
        "1 of 4 login roles have no password expiry (VALID UNTIL): Sneaky"
    );
    let f = found(&e, "pg.login_roles_without_expiry");
    assert_eq!(f[0].severity, Severity::Low);
    assert_eq!(
        f[0].title,
        "1 database accounts have passwords that never expire"
    );
    assert!(f[0].recommendation.contains(&format!(
        "ALTER ROLE \"Sneaky\" VALID UNTIL '{}'",
        (chrono::Utc::now().date_naive() + chrono::Duration::days(365)).format("%Y-%m-%d")
    )));
}

#[test]
fn role_attribute_checks_are_indeterminate_without_roles() {
    let mut c = clean();
    c.roles = None;
    c.tables = None;
    let e = c.run();
    for id in &ALL[1..7] {
        assert_eq!(
            state(&e, id),
            (
                PostureState::Indeterminate,
                "login roles could not be listed (needs SELECT on pg_catalog.pg_roles)".into()
            ),
            "{id}"
        );
    }
    assert_eq!(
        state(&e, "pg.owner_rights_views"),
        (
            PostureState::Indeterminate,
            "the personal-data tables or the login roles could not be read".into()
        )
    );
    assert_eq!(
        state(&e, "pg.pd_readable_by_public"),
        (
            PostureState::Indeterminate,
            "the grants on the personal-data tables could not be read".into()
        )
    );
}

#[test]
fn read_all_data_members() {
    // Through an inherited group; superusers are not listed.
    let mut c = clean();
    c.members.push(MemberRow {
        role: RAD,
        member: READERS,
        inherit_option: Some(true),
        set_option: Some(true),
    });
    c.pd[0].categories.push("payment_card".into());
    let e = c.run();
    let (s, ev) = state(&e, "pg.read_all_data_members");
    assert_eq!(s, PostureState::Fail);
    assert_eq!(
        ev,
        "1 login role with pg_read_all_data (not superusers): app"
    );
    let f = found(&e, "pg.read_all_data_members");
    assert_eq!(
        f[0].title,
        "1 account can read every table in every database"
    );
    assert!(
        f[0].recommendation
            .ends_with("REVOKE pg_read_all_data FROM app;")
    );
    assert!(f[0].references.iter().any(|r| r == "PCI DSS 7.2"));

    // Before PostgreSQL 14 the role does not exist.
    let mut c = clean();
    c.probe.read_all_data = None;
    assert_eq!(
        state(&c.run(), "pg.read_all_data_members"),
        (
            PostureState::Pass,
            "pg_read_all_data does not exist on this server (before PostgreSQL 14)".into()
        )
    );
}

#[test]
fn read_all_data_members_is_indeterminate_without_the_graph() {
    let c = clean();
    let roles = c.roles.clone().expect("roles");
    let e = evaluate(&Input {
        database: "shop",
        pd: &c.pd,
        probe: &c.probe,
        roles: Some(&roles),
        graph: None,
        memberships_complete: false,
        tables: None,
        access: &[],
        posture: &c.posture,
    });
    assert_eq!(
        state(&e, "pg.read_all_data_members"),
        (
            PostureState::Indeterminate,
            "role memberships could not be read".into()
        )
    );
}

#[test]
fn ssl_and_password_encryption() {
    let mut c = clean();
    c.posture.settings = Ok(Settings {
        ssl: "off".into(),
        password_encryption: "md5".into(),
        public_connect: None,
        session_ssl: Some(false),
    });
    let e = c.run();
    let (s, ev) = state(&e, "pg.ssl");
    assert_eq!(s, PostureState::Fail);
    assert_eq!(ev, "ssl = off; this scan's own connection is not encrypted");
    let f = found(&e, "pg.ssl");
    assert_eq!(f[0].severity, Severity::High);
    assert_eq!(
        f[0].evidence,
        vec![
            ev,
            "personal data and passwords cross the network in clear text".to_string()
        ]
    );
    assert_eq!(
        state(&e, "pg.password_encryption"),
        (
            PostureState::Fail,
            "password_encryption = md5: new passwords are stored as md5".into()
        )
    );
    assert_eq!(
        found(&e, "pg.password_encryption")[0].severity,
        Severity::Medium
    );

    // `on` meant md5 before PostgreSQL 14; session unknown: nothing said about it.
    let mut c = clean();
    c.probe.version = 130_000;
    c.posture.settings = Ok(Settings {
        ssl: "on".into(),
        password_encryption: "on".into(),
        public_connect: None,
        session_ssl: None,
    });
    let e = c.run();
    assert_eq!(state(&e, "pg.ssl"), (PostureState::Pass, "ssl = on".into()));
    assert_eq!(state(&e, "pg.password_encryption").0, PostureState::Fail);
    c.probe.version = 140_000;
    assert_eq!(
        state(&c.run(), "pg.password_encryption"),
        (PostureState::Pass, "password_encryption = on".into())
    );

    let mut c = clean();
    c.posture.settings = Err("timeout".into());
    let e = c.run();
    for id in ["pg.ssl", "pg.password_encryption"] {
        assert_eq!(
            state(&e, id),
            (
                PostureState::Indeterminate,
                "the server settings could not be read: timeout".into()
            )
        );
    }
    assert!(e.findings.is_empty());
}

#[test]
fn personal_data_readable_by_public() {
    let mut c = clean();
    c.pd.push(PdTable {
        schema: "public".into(),
        table: "cards".into(),
        columns: vec!["number".into(), "Holder".into()],
        categories: vec!["payment_card".into()],
        sensitivity: Sensitivity::High,
    });
    // customers: whole table; cards: two columns.
    c.tables = Some(vec![
        (vec![PUBLIC, READERS], vec![vec![]]),
        (vec![], vec![vec![PUBLIC], vec![PUBLIC, APP]]),
    ]);
    c.public_usage = Some(false);
    c.posture.settings = Ok(Settings {
        public_connect: Some(true),
        ..c.posture.settings.clone().expect("settings")
    });
    let rec = |table: &str, role: &str, via: &str| AccessRecord {
        database: "shop".into(),
        schema: "public".into(),
        table: table.into(),
        column: None,
        role: role.into(),
        privilege: "SELECT".into(),
        via: via.into(),
        state: AccessState::Confirmed,
        note: None,
    };
    c.access = vec![
        rec("customers", "app", "PUBLIC"),
        rec("customers", "app_owner", "owner"),
        rec("customers", "bob", "PUBLIC"),
        rec("customers", "bob", "PUBLIC"),
    ];
    let e = c.run();
    let (s, ev) = state(&e, "pg.pd_readable_by_public");
    assert_eq!(s, PostureState::Fail);
    assert_eq!(
        ev,
        "SELECT on public.customers is granted to PUBLIC; SELECT on columns number, Holder of \
         public.cards is granted to PUBLIC"
    );
    let f = found(&e, "pg.pd_readable_by_public");
    assert_eq!(f.len(), 2);
    assert_eq!(f[0].location, "shop.public.customers");
    assert_eq!(f[0].place, Place::table("shop", "public", "customers"));
    assert_eq!(f[1].place, Place::table("shop", "public", "cards"));
    assert_eq!(f[0].source, FindingSource::Access);
    assert_eq!(f[0].severity, Severity::High);
    assert_eq!(
        f[0].title,
        "Every database account can read the personal data in public.customers"
    );
    assert_eq!(
        f[0].evidence,
        vec![
            "SELECT on public.customers is granted to PUBLIC".to_string(),
            "the table holds email (highest sensitivity: medium)".into(),
            "2 login roles can read it only through this grant".into(),
            "PUBLIC has no USAGE on schema public: every role with USAGE on it can read".into(),
            "PUBLIC may CONNECT to the database".into(),
        ]
    );
    assert_eq!(
        f[0].recommendation,
        "REVOKE SELECT ON public.customers FROM PUBLIC; then grant SELECT only to the roles \
         that need it, e.g. GRANT SELECT ON public.customers TO app_reader;"
    );
    assert!(!f[0].references.iter().any(|r| r == "PCI DSS 7.2"));
    // Card data: critical, PCI DSS, column revoke with quoted identifiers.
    assert_eq!(f[1].location, "shop.public.cards");
    assert_eq!(f[1].severity, Severity::Critical);
    assert!(f[1].references.iter().any(|r| r == "PCI DSS 7.2"));
    assert!(
        f[1].recommendation
            .starts_with("REVOKE SELECT (number, \"Holder\") ON public.cards FROM PUBLIC;"),
        "{}",
        f[1].recommendation
    );
    assert_eq!(
        f[1].evidence[2],
        "0 login roles can read it only through this grant"
    );

    // Special-category data is critical too.
    let mut c = clean();
    c.pd[0].sensitivity = Sensitivity::Special;
    c.tables = Some(vec![(vec![PUBLIC], vec![vec![]])]);
    let e = c.run();
    let f = found(&e, "pg.pd_readable_by_public");
    assert_eq!(f[0].severity, Severity::Critical);
    assert_eq!(f[0].evidence[3], "PUBLIC also has USAGE on schema public");
}

#[test]
fn md5_password_hashes() {
    let mut c = clean();
    c.posture.md5 = Some(Ok(vec!["app".into(), "Old".into()]));
    let e = c.run();
    assert_eq!(
        state(&e, "pg.md5_password_hashes"),
        (
            PostureState::Fail,
            "2 login roles with an md5 password hash: app, Old".into()
        )
    );
    let f = found(&e, "pg.md5_password_hashes");
    assert_eq!(
        f[0].title,
        "2 database passwords are still stored with the weak md5 scheme"
    );
    assert!(f[0].recommendation.contains("\\password app in psql"));

    c.posture.md5 = Some(Err("timeout".into()));
    assert_eq!(
        state(&c.run(), "pg.md5_password_hashes"),
        (
            PostureState::Indeterminate,
            "pg_authid could not be read: timeout".into()
        )
    );
    c.posture.md5 = None;
    assert_eq!(
        state(&c.run(), "pg.md5_password_hashes"),
        (
            PostureState::Indeterminate,
            "pg_authid is not readable by scan (needs superuser): stored password hash types \
             cannot be checked"
                .into()
        )
    );
}

#[test]
fn hba_trust_password_and_host_without_ssl() {
    let mut c = clean();
    let mut broken = hba(9, "host", None, "bogus");
    broken.error = Some("invalid authentication method".into());
    c.posture.hba = Some(Ok(vec![
        hba(1, "local", None, "trust"),
        hba(2, "host", Some(("127.0.0.1", "255.255.255.255")), "trust"),
        hba(3, "host", Some(("10.0.0.0", "255.0.0.0")), "password"),
        hba(
            4,
            "hostnossl",
            Some(("::1", "ffff:ffff:ffff:ffff::")),
            "scram-sha-256",
        ),
        hba(5, "hostssl", Some(("0.0.0.0", "0.0.0.0")), "scram-sha-256"),
        broken,
    ]));
    let e = c.run();
    assert_eq!(
        e.warnings,
        vec!["pg_hba.conf has lines the server cannot parse (ignored here): line 9".to_string()]
    );
    assert_eq!(
        state(&e, "pg.hba_trust"),
        (
            PostureState::Fail,
            "2 of 5 pg_hba.conf lines use the trust method (anyone who reaches them logs in as \
             any role, no password): line 1: local all all trust; line 2: host all all \
             127.0.0.1/32 trust"
                .into()
        )
    );
    let f = found(&e, "pg.hba_trust");
    assert_eq!(f[0].severity, Severity::High);
    assert_eq!(
        f[0].evidence,
        vec![
            "2 of 5 pg_hba.conf lines use the trust method (anyone who reaches them logs in as \
             any role, no password)"
                .to_string(),
            "line 1: local all all trust".into(),
            "line 2: host all all 127.0.0.1/32 trust".into(),
        ]
    );
    assert_eq!(
        state(&e, "pg.hba_password"),
        (
            PostureState::Fail,
            "1 of 5 pg_hba.conf lines use the password method (the password is sent in clear \
             text): line 3: host all all 10.0.0.0/8 password"
                .into()
        )
    );
    assert_eq!(found(&e, "pg.hba_password")[0].severity, Severity::Medium);
    // The loopback host line is local; the /64 "loopback" one is not.
    assert_eq!(
        state(&e, "pg.hba_host_without_ssl"),
        (
            PostureState::Fail,
            "2 of 5 pg_hba.conf lines accept connections from other machines without requiring \
             SSL: line 3: host all all 10.0.0.0/8 password; line 4: hostnossl all all ::1/64 \
             scram-sha-256"
                .into()
        )
    );
    assert_eq!(
        found(&e, "pg.hba_host_without_ssl")[0].severity,
        Severity::Medium
    );
}

#[test]
fn hba_checks_are_indeterminate_when_unreadable() {
    let ids = ["pg.hba_trust", "pg.hba_password", "pg.hba_host_without_ssl"];
    for (hba, why) in [
        (
            None,
            "pg_hba_file_rules is not readable by scan: on PostgreSQL 15 it needs superuser (or \
             SELECT on pg_catalog.pg_hba_file_rules and EXECUTE on \
             pg_catalog.pg_hba_file_rules()); pg_read_all_settings does not give it",
        ),
        (
            Some(Err(Unreadable::Query("denied".into()))),
            "pg_hba_file_rules could not be read: denied",
        ),
        (
            Some(Err(Unreadable::Decode("bad row".into()))),
            "pg_hba_file_rules could not be decoded: bad row",
        ),
    ] {
        let mut c = clean();
        c.posture.hba = hba;
        let e = c.run();
        for id in ids {
            assert_eq!(
                state(&e, id),
                (PostureState::Indeterminate, why.to_string()),
                "{id}"
            );
        }
        assert!(e.warnings.is_empty());
    }
}

#[test]
fn public_schema_create() {
    let mut c = clean();
    c.posture.schemas = Ok(vec![
        SchemaCreate {
            name: "Odd Schema".into(),
            public_create: true,
        },
        SchemaCreate {
            name: "app".into(),
            public_create: false,
        },
        SchemaCreate {
            name: "public".into(),
            public_create: true,
        },
    ]);
    let e = c.run();
    assert_eq!(
        state(&e, "pg.public_schema_create"),
        (
            PostureState::Fail,
            "PUBLIC has CREATE on 2 schemas: Odd Schema, public".into()
        )
    );
    let f = found(&e, "pg.public_schema_create");
    assert_eq!(f[0].severity, Severity::Medium);
    assert_eq!(
        f[0].recommendation,
        "REVOKE CREATE ON SCHEMA \"Odd Schema\" FROM PUBLIC; REVOKE CREATE ON SCHEMA public \
         FROM PUBLIC; (the default since PostgreSQL 15)"
    );

    c.posture.schemas = Err(Unreadable::Query("denied".into()));
    assert_eq!(
        state(&c.run(), "pg.public_schema_create"),
        (
            PostureState::Indeterminate,
            "schema privileges could not be read (denied); needs SELECT on \
             pg_catalog.pg_namespace"
                .into()
        )
    );
    c.posture.schemas = Err(Unreadable::Decode("bad row".into()));
    assert_eq!(
        state(&c.run(), "pg.public_schema_create"),
        (
            PostureState::Indeterminate,
            "schema privileges could not be decoded: bad row".into()
        )
    );
}

fn dacl(
    owner: u32,
    schema: Option<&str>,
    kind: &str,
    grantee: u32,
    privilege: &str,
) -> DefaultAclRow {
    DefaultAclRow {
        owner,
        schema: schema.map(String::from),
        kind: kind.into(),
        grantee,
        privilege: privilege.into(),
    }
}

#[test]
fn default_privileges_to_public_or_a_broad_role() {
    let mut c = clean();
    // Three login roles all inherit readers: it is broad (threshold max(ceil(3/2), 3) = 3).
    for r in [OWNER, 10] {
        c.members.push(MemberRow {
            role: READERS,
            member: r,
            inherit_option: Some(true),
            set_option: Some(true),
        });
    }
    c.posture.default_acl = Ok(vec![
        dacl(OWNER, Some("public"), "r", PUBLIC, "SELECT"),
        dacl(OWNER, Some("public"), "r", PUBLIC, "INSERT"),
        dacl(OWNER, None, "S", READERS, "USAGE"),
        dacl(OWNER, None, "r", APP, "SELECT"),
    ]);
    let e = c.run();
    assert_eq!(
        state(&e, "pg.default_acl_broad"),
        (
            PostureState::Fail,
            "default privileges of app_owner in schema public grant SELECT, INSERT on future \
             tables to PUBLIC (every role); default privileges of app_owner in all schemas grant \
             USAGE on future sequences to readers (3 of 3 login roles inherit it)"
                .into()
        )
    );
    let f = found(&e, "pg.default_acl_broad");
    assert_eq!(f.len(), 2);
    assert_eq!(f[0].severity, Severity::High);
    assert_eq!(
        f[0].title,
        "Every new table created by app_owner is automatically shared with everyone"
    );
    assert_eq!(
        f[0].location,
        "shop: default privileges of app_owner in schema public (tables, PUBLIC)"
    );
    assert_eq!(
        f[0].place,
        Place::setting(
            "shop",
            "default privileges of app_owner in schema public (tables, PUBLIC)"
        )
    );
    assert_eq!(
        f[0].recommendation,
        "ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA public REVOKE ALL ON TABLES FROM \
         PUBLIC; then grant access per table to the roles that need it."
    );
    assert_eq!(f[1].severity, Severity::Medium);
    assert_eq!(
        f[1].title,
        "Every new sequence created by app_owner is automatically shared with the broad role \
         readers"
    );

    // Two of three inherit: not broad.
    let mut c = clean();
    c.posture.default_acl = Ok(vec![dacl(OWNER, None, "r", READERS, "SELECT")]);
    assert_eq!(
        state(&c.run(), "pg.default_acl_broad"),
        (
            PostureState::Pass,
            "no default privileges grant future tables or sequences to PUBLIC or to a role most \
             login roles inherit (1 default privilege grants checked)"
                .into()
        )
    );
}

#[test]
fn default_privileges_indeterminate() {
    // Memberships incomplete: a role grantee cannot be judged.
    let mut c = clean();
    c.complete = false;
    c.posture.default_acl = Ok(vec![dacl(OWNER, None, "r", READERS, "SELECT")]);
    assert_eq!(
        state(&c.run(), "pg.default_acl_broad"),
        (
            PostureState::Indeterminate,
            "default privileges grant future tables or sequences to readers; how many login \
             roles inherit it could not be evaluated (role memberships not readable: needs \
             SELECT on pg_catalog.pg_auth_members)"
                .into()
        )
    );
    // PUBLIC is broad whatever the memberships.
    c.posture.default_acl = Ok(vec![dacl(OWNER, None, "r", PUBLIC, "SELECT")]);
    assert_eq!(
        state(&c.run(), "pg.default_acl_broad").0,
        PostureState::Fail
    );

    c.posture.default_acl = Err("denied".into());
    assert_eq!(
        state(&c.run(), "pg.default_acl_broad"),
        (
            PostureState::Indeterminate,
            "default privileges could not be read (denied); needs SELECT on \
             pg_catalog.pg_default_acl"
                .into()
        )
    );
}

#[test]
fn owner_rights_views() {
    let mut c = clean();
    c.role_mut(OWNER).bypassrls = true;
    let mut readers = HashMap::new();
    readers.insert((2001, T), (3, 2));
    c.posture.views = Some(Ok(Views {
        rows: vec![
            view(2000, "safe", &["security_invoker=on"], false),
            view(2001, "Emails", &[], true),
            view(2002, "nested", &["security_invoker=false"], false),
        ],
        readers,
    }));
    let e = c.run();
    let (s, ev) = state(&e, "pg.owner_rights_views");
    assert_eq!(s, PostureState::Fail);
    assert_eq!(
        ev,
        "view public.Emails (owner app_owner) reads public.customers with its owner's rights (no \
         security_invoker), 3 login roles can read the view (2 of them cannot read \
         public.customers directly), SELECT on the view is granted to PUBLIC, the owner \
         app_owner is BYPASSRLS: the view also ignores row-level security; view public.nested \
         (owner app_owner) reads public.customers with its owner's rights (no \
         security_invoker), the owner app_owner is BYPASSRLS: the view also ignores row-level \
         security"
    );
    let f = found(&e, "pg.owner_rights_views");
    assert_eq!(f.len(), 2);
    assert_eq!(f[0].location, "shop.public.Emails");
    assert_eq!(f[0].place, Place::table("shop", "public", "Emails"));
    assert_eq!(f[0].severity, Severity::Medium);
    assert_eq!(
        f[0].recommendation,
        "ALTER VIEW public.\"Emails\" SET (security_invoker = true); the view then checks each \
         reader's own rights on the tables (or restrict who may SELECT from the view)."
    );
    assert_eq!(f[1].severity, Severity::Low);

    // Before PostgreSQL 15 there is no security_invoker to recommend.
    c.probe.version = 140_000;
    let e = c.run();
    assert!(
        found(&e, "pg.owner_rights_views")[0]
            .recommendation
            .starts_with("Restrict who may SELECT from the view (REVOKE SELECT ON public.\"Emails\" FROM PUBLIC;)")
    );

    for (views, why) in [
        (
            Err(Unreadable::Query("denied".into())),
            "view dependencies could not be read (denied); needs SELECT on pg_catalog.pg_depend \
             and pg_rewrite",
        ),
        (
            Err(Unreadable::Decode("bad row".into())),
            "view dependencies could not be decoded: bad row",
        ),
    ] {
        c.posture.views = Some(views);
        assert_eq!(
            state(&c.run(), "pg.owner_rights_views"),
            (PostureState::Indeterminate, why.to_string())
        );
    }
}

#[test]
fn hba_addresses_local_or_remote() {
    assert!(is_loopback(None, None));
    assert!(is_loopback(Some("127.0.0.1"), Some("255.255.255.255")));
    assert!(is_loopback(Some("127.0.0.0"), Some("255.0.0.0")));
    assert!(!is_loopback(Some("127.0.0.0"), Some("254.0.0.0")));
    assert!(is_loopback(
        Some("::1"),
        Some("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
    ));
    assert!(!is_loopback(Some("::1"), Some("ffff:ffff:ffff:ffff::")));
    assert!(!is_loopback(Some("0.0.0.0"), Some("0.0.0.0")));
    assert!(!is_loopback(Some("10.1.2.0"), Some("255.255.255.0")));
    assert!(!is_loopback(Some("all"), None));
    assert!(!is_loopback(Some("samenet"), None));
    assert!(is_loopback(Some("samehost"), None));
    assert!(!is_loopback(Some(".example.com"), None));
    let l = HbaLine {
        line: 2,
        kind: "host".into(),
        databases: vec!["all".into()],
        users: vec!["all".into()],
        address: Some("127.0.0.1".into()),
        netmask: Some("255.255.255.255".into()),
        method: Some("trust".into()),
        error: None,
    };
    assert_eq!(l.describe(), "line 2: host all all 127.0.0.1/32 trust");
    assert!(l.is_local());
}

#[test]
fn security_invoker_options() {
    assert!(security_invoker(&["security_invoker=true".into()]));
    assert!(security_invoker(&[
        "fillfactor=1".into(),
        "security_invoker=on".into()
    ]));
    assert!(!security_invoker(&["security_invoker=false".into()]));
    assert!(!security_invoker(&["security_barrier=true".into()]));
    assert!(!security_invoker(&[]));
}

#[test]
fn recommendation_identifiers() {
    assert_eq!(sql_ident("customers"), "customers");
    assert_eq!(sql_ident("public"), "public");
    assert_eq!(sql_ident("Customers"), "\"Customers\"");
    assert_eq!(sql_ident("user"), "\"user\"");
    assert_eq!(sql_ident("a b"), "\"a b\"");
}
