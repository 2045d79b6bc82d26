//! The privilege union over hand-written catalog rows: MariaDB shapes (checked against a live
//! 10.11) and MySQL 8 shapes recorded from its documented `mysql.role_edges` /
//! `mysql.default_roles` layouts.

use super::*;
use crate::model::Sensitivity;

fn pd(schema: &str, table: &str, columns: &[&str]) -> PdTable {
    PdTable {
        schema: schema.into(),
        table: table.into(),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        categories: vec!["email".into()],
        sensitivity: Sensitivity::Medium,
    }
}

fn user(name: &str, host: &str) -> Account {
    Account {
        id: Ident::new(name, host),
        is_role: false,
        locked: false,
        global: Global::default(),
    }
}

fn role(name: &str) -> Account {
    Account {
        id: Ident::new(name, ""),
        is_role: true,
        locked: false,
        global: Global::default(),
    }
}

/// A MySQL 8 role: an ordinary, locked `mysql.user` row (CREATE ROLE).
fn mysql_role(name: &str) -> Account {
    Account {
        id: Ident::new(name, "%"),
        is_role: false,
        locked: true,
        global: Global::default(),
    }
}

fn db(grantee: (&str, &str), pattern: &str, select: bool) -> DbGrant {
    DbGrant {
        grantee: Ident::new(grantee.0, grantee.1),
        db: pattern.into(),
        select,
    }
}

fn table(grantee: (&str, &str), db: &str, t: &str) -> TableGrant {
    TableGrant {
        grantee: Ident::new(grantee.0, grantee.1),
        db: db.into(),
        table: t.into(),
    }
}

/// (account, column, via) triples, sorted, for exact comparison.
fn seen(reach: &[Reach]) -> Vec<(String, Option<String>, String)> {
    let mut v: Vec<_> = reach
        .iter()
        .map(|r| (r.account.account(), r.column.clone(), r.via()))
        .collect();
    v.sort();
    v
}

fn row(account: &str, column: Option<&str>, via: &str) -> (String, Option<String>, String) {
    (account.into(), column.map(String::from), via.into())
}

#[test]
fn like_patterns_follow_the_server() {
    assert!(db_matches("sh_p%", "shop", false, false));
    assert!(db_matches("sh_p%", "ship_2024", false, false));
    assert!(!db_matches("sh_p%", "shp", false, false));
    assert!(db_matches("%", "anything", false, false));
    assert!(db_matches("%", "", false, false));
    assert!(db_matches("a%b%c", "aXXbYYc", false, false));
    assert!(!db_matches("a%b%c", "aXXbYY", false, false));
    // `\_` is a literal underscore.
    assert!(db_matches(r"pat\_db%", "pat_db1", false, false));
    assert!(!db_matches(r"pat\_db%", "patXdb1", false, false));
    assert!(db_matches("pat_db%", "patXdb1", false, false));
    // A trailing backslash is itself.
    assert!(db_matches("a\\", "a\\", false, false));
    // Case: only with lower_case_table_names.
    assert!(!db_matches("Shop", "shop", false, false));
    assert!(db_matches("Shop", "shop", false, true));
    // partial_revokes=ON (MySQL): wildcards are literal.
    assert!(!db_matches("sh_p", "shop", true, false));
    assert!(db_matches("sh_p", "sh_p", true, false));
    assert!(has_wildcard("a_b"));
    assert!(!has_wildcard(r"a\_b"));
    assert!(has_wildcard(r"a\_b%"));
    // Reported as "database grant on `x`" rather than "on pattern".
    assert!(names_exactly("shop_db", "shop_db", false));
    assert!(names_exactly(r"shop\_db", "shop_db", false));
    assert!(!names_exactly("sh_p", "shop", false));
    assert!(!names_exactly("shop%", "shop", false));
    assert!(names_exactly("Shop", "shop", true));
}

#[test]
fn mariadb_specificity_orders_like_the_server() {
    let s = |p: &str| specificity(Flavor::MariaDb, p, false);
    // Measured on MariaDB 10.11: exact beats any pattern, `ab_` beats `ab%`, a longer prefix
    // beats a shorter one.
    assert!(s("pat_exp_ab1".replace('_', r"\_").as_str()) < s(r"pat\_exp\_ab_"));
    assert!(s(r"pat\_exp\_ab_") < s(r"pat\_exp\_ab%"));
    assert!(s(r"pat\_exp\_ab%") < s(r"pat\_exp%"));
    assert!(s(r"pat\_exp%") < s("%"));
}

#[test]
fn mysql_specificity_is_the_first_wildcard_position() {
    let s = |p: &str| specificity(Flavor::Mysql, p, false);
    assert!(s("shop") < s("sho%"));
    assert!(s("sho%") < s("sh%"));
    // Same first-wildcard position: equally specific on MySQL.
    assert_eq!(s("ab_"), s("ab%"));
    assert_eq!(s(r"a\_b%"), s(r"a\_c_"));
}

#[test]
fn the_most_specific_database_row_shadows_the_others() {
    let mut g = Grants::new(Flavor::MariaDb);
    g.accounts = vec![user("u", "%"), user("v", "%"), user("w", "%")];
    g.db = vec![
        // u: INSERT on the exact database shadows SELECT on the pattern (live-checked).
        db(("u", "%"), "shop", false),
        db(("u", "%"), "sh%", true),
        // v: `sho_` (SELECT) beats `sho%` (no SELECT).
        db(("v", "%"), "sho_", true),
        db(("v", "%"), "sho%", false),
        // w: only a pattern.
        db(("w", "%"), r"s\_h%", true),
        db(("w", "%"), "sh%", true),
    ];
    let r = effective_access(&g, &[pd("shop", "customers", &["email"])]);
    assert_eq!(
        seen(&r),
        vec![
            row("v@%", None, "database grant on pattern `sho_`"),
            row("w@%", None, "database grant on pattern `sh%`"),
        ]
    );
    // A second database only the pattern matches: u reads it.
    let r = effective_access(&g, &[pd("shed", "t", &["email"])]);
    assert_eq!(
        seen(&r),
        vec![
            row("u@%", None, "database grant on pattern `sh%`"),
            row("w@%", None, "database grant on pattern `sh%`"),
        ]
    );
    // The escaped underscore matches only a real underscore.
    let r = effective_access(&g, &[pd("s_hop", "t", &["email"])]);
    assert_eq!(
        seen(&r),
        vec![row("w@%", None, r"database grant on pattern `s\_h%`")]
    );
}

#[test]
fn equally_specific_rows_that_disagree_are_uncertain_not_guessed() {
    let mut g = Grants::new(Flavor::Mysql);
    g.accounts = vec![user("u", "%")];
    g.db = vec![db(("u", "%"), "ab_", true), db(("u", "%"), "ab%", false)];
    let r = effective_access(&g, &[pd("abc", "t", &["email"])]);
    assert_eq!(r.len(), 1);
    assert!(r[0].paths.is_empty());
    assert!(r[0].uncertain[0].contains("created first"), "{:?}", r[0]);
    // MariaDB orders the same rows: `ab_` wins.
    g.flavor = Flavor::MariaDb;
    let r = effective_access(&g, &[pd("abc", "t", &["email"])]);
    assert_eq!(
        seen(&r),
        vec![row("u@%", None, "database grant on pattern `ab_`")]
    );
}

#[test]
fn global_table_and_column_grants_union() {
    let mut g = Grants::new(Flavor::MariaDb);
    let mut admin = user("admin", "localhost");
    admin.global.select = true;
    let mut locked = user("old", "%");
    locked.global.select = true;
    locked.locked = true;
    g.accounts = vec![admin, user("app", "10.0.0.5"), user("col", "%"), locked];
    g.db = vec![db(("app", "10.0.0.5"), "shop", true)];
    g.tables = vec![table(("app", "10.0.0.5"), "shop", "customers")];
    g.columns = vec![
        ColumnGrant {
            grantee: Ident::new("col", "%"),
            db: "shop".into(),
            table: "customers".into(),
            column: "EMAIL".into(),
        },
        ColumnGrant {
            grantee: Ident::new("col", "%"),
            db: "shop".into(),
            table: "customers".into(),
            column: "id".into(),
        },
        // A column grant for an account that reads the table anyway adds nothing.
        ColumnGrant {
            grantee: Ident::new("app", "10.0.0.5"),
            db: "shop".into(),
            table: "customers".into(),
            column: "email".into(),
        },
    ];
    let r = effective_access(&g, &[pd("shop", "customers", &["email", "phone"])]);
    assert_eq!(
        seen(&r),
        vec![
            row("admin@localhost", None, "global SELECT"),
            row(
                "app@10.0.0.5",
                None,
                "database grant on `shop`; table grant"
            ),
            // Only the personal-data column, named as the scanner found it.
            row("col@%", Some("email"), "column grant"),
        ]
    );
}

#[test]
fn mariadb_default_role_is_active_other_roles_need_set_role() {
    let mut g = Grants::new(Flavor::MariaDb);
    g.accounts = vec![
        user("ana", "%"),
        user("bob", "%"),
        role("reader"),
        role("analyst"),
        role("pii"),
    ];
    g.role_grants = from_roles_mapping(&[
        ("%".into(), "ana".into(), "reader".into(), false),
        ("%".into(), "bob".into(), "reader".into(), false),
        ("%".into(), "bob".into(), "analyst".into(), true),
        // Role chain: analyst has pii.
        ("".into(), "analyst".into(), "pii".into(), false),
    ]);
    g.default_roles = from_mariadb_default_role(&[
        (Ident::new("ana", "%"), "reader".into()),
        (Ident::new("bob", "%"), "".into()),
    ]);
    g.tables = vec![table(("reader", ""), "shop", "customers")];
    g.db = vec![db(("pii", ""), "shop", true)];
    let r = effective_access(&g, &[pd("shop", "customers", &["email"])]);
    assert_eq!(
        seen(&r),
        vec![
            row("ana@%", None, "role `reader` (active at login)"),
            row(
                "bob@%",
                None,
                "role `reader` (can SET ROLE); role `analyst` → `pii` (can SET ROLE)"
            ),
        ]
    );
    // Roles themselves are not reported as readers.
    assert!(r.iter().all(|x| !x.account.host.is_empty()));
}

#[test]
fn mariadb_public_applies_to_every_account() {
    let mut g = Grants::new(Flavor::MariaDb);
    g.accounts = vec![
        user("a", "%"),
        user("b", "localhost"),
        role("PUBLIC"),
        role("r"),
    ];
    g.tables = vec![table(("PUBLIC", ""), "shop", "customers")];
    // A role granted to PUBLIC is in force for everyone (checked live on 10.11).
    g.role_grants = from_roles_mapping(&[("".into(), "PUBLIC".into(), "r".into(), false)]);
    g.db = vec![db(("r", ""), "crm", true)];
    let r = effective_access(
        &g,
        &[
            pd("shop", "customers", &["email"]),
            pd("crm", "contacts", &["phone"]),
        ],
    );
    assert_eq!(
        seen(&r),
        vec![
            row("a@%", None, "PUBLIC"),
            row("a@%", None, "PUBLIC, through role `r`"),
            row("b@localhost", None, "PUBLIC"),
            row("b@localhost", None, "PUBLIC, through role `r`"),
        ]
    );
    assert!(
        r.iter()
            .all(|x| x.paths.iter().all(|p| p.through.immediate()))
    );
    // MySQL has no PUBLIC: the same rows give nothing.
    g.flavor = Flavor::Mysql;
    assert!(effective_access(&g, &[pd("shop", "customers", &["email"])]).is_empty());
}

fn mysql8() -> Grants {
    // Recorded by hand from MySQL 8's documented layouts:
    //   mysql.role_edges(FROM_HOST, FROM_USER, TO_HOST, TO_USER, WITH_ADMIN_OPTION)
    //   mysql.default_roles(HOST, USER, DEFAULT_ROLE_HOST, DEFAULT_ROLE_USER)
    let mut g = Grants::new(Flavor::Mysql);
    g.accounts = vec![
        user("dev", "localhost"),
        user("ops", "%"),
        user("bi", "10.%"),
        mysql_role("app_read"),
        mysql_role("pii_read"),
        mysql_role("everyone"),
    ];
    let edge = |fu: &str, tu: &str, th: &str, admin: &str| RoleEdgeRow {
        from_host: "%".into(),
        from_user: fu.into(),
        to_host: th.into(),
        to_user: tu.into(),
        with_admin_option: admin.into(),
    };
    g.role_grants = from_role_edges(&[
        edge("app_read", "dev", "localhost", "N"),
        edge("app_read", "ops", "%", "Y"),
        // A role chain: app_read has pii_read.
        edge("pii_read", "app_read", "%", "N"),
    ]);
    g.default_roles = from_default_roles(&[DefaultRolesRow {
        host: "localhost".into(),
        user: "dev".into(),
        default_role_host: "%".into(),
        default_role_user: "app_read".into(),
    }]);
    g.tables = vec![table(("pii_read", "%"), "shop", "customers")];
    g.db = vec![db(("everyone", "%"), "shop", true)];
    g
}

#[test]
fn mysql8_default_roles_and_role_chains() {
    let g = mysql8();
    assert_eq!(g.role_grants[1].grantee, Ident::new("ops", "%"));
    assert!(g.role_grants[1].admin);
    let r = effective_access(&g, &[pd("shop", "customers", &["email"])]);
    assert_eq!(
        seen(&r),
        vec![
            row(
                "dev@localhost",
                None,
                "role `app_read` → `pii_read` (active at login)"
            ),
            row("ops@%", None, "role `app_read` → `pii_read` (can SET ROLE)"),
        ]
    );
}

#[test]
fn mysql8_activate_all_roles_on_login_activates_every_granted_role() {
    let mut g = mysql8();
    g.activate_all_roles_on_login = true;
    let r = effective_access(&g, &[pd("shop", "customers", &["email"])]);
    assert_eq!(
        seen(&r),
        vec![
            row(
                "dev@localhost",
                None,
                "role `app_read` → `pii_read` (active at login)"
            ),
            row(
                "ops@%",
                None,
                "role `app_read` → `pii_read` (active at login)"
            ),
        ]
    );
}

#[test]
fn mysql8_mandatory_roles_reach_everyone() {
    let mut g = mysql8();
    g.mandatory_roles = parse_mandatory_roles("`everyone`@`%`, missing_role");
    let r = effective_access(&g, &[pd("shop", "customers", &["email"])]);
    // Granted to all, but (before MySQL 9.5's activate_mandatory_roles) only SET ROLE.
    assert_eq!(
        seen(&r),
        vec![
            row("bi@10.%", None, "role `everyone` (can SET ROLE)"),
            row(
                "dev@localhost",
                None,
                "role `app_read` → `pii_read` (active at login); role `everyone` (can SET ROLE)"
            ),
            row(
                "ops@%",
                None,
                "role `everyone` (can SET ROLE); role `app_read` → `pii_read` (can SET ROLE)"
            ),
        ]
    );
    // A mandatory role made a default role, or activate_mandatory_roles=ON, is active.
    g.default_roles.push(DefaultRole {
        account: Ident::new("bi", "10.%"),
        role: Ident::new("everyone", "%"),
    });
    let r = effective_access(&g, &[pd("shop", "customers", &["email"])]);
    assert!(seen(&r).contains(&row("bi@10.%", None, "role `everyone` (active at login)")));
    g.default_roles.pop();
    g.activate_mandatory_roles = true;
    let r = effective_access(&g, &[pd("shop", "customers", &["email"])]);
    assert!(seen(&r).contains(&row(
        "ops@%",
        None,
        "role `everyone` (active at login); role `app_read` → `pii_read` (can SET ROLE)"
    )));
    // A mandatory role that does not exist is not granted.
    assert!(r.iter().all(|x| !x.via().contains("missing_role")));
}

#[test]
fn mysql8_partial_revokes_take_back_global_select() {
    let mut g = Grants::new(Flavor::Mysql);
    let mut a = user("analyst", "%");
    a.global.select = true;
    g.accounts = vec![a];
    g.literal_db_names = true;
    g.restrictions = vec![Restriction {
        grantee: Ident::new("analyst", "%"),
        db: "hr".into(),
    }];
    g.db = vec![db(("analyst", "%"), "sh_p", true)];
    let r = effective_access(
        &g,
        &[pd("hr", "staff", &["email"]), pd("shop", "c", &["email"])],
    );
    // hr is revoked; with partial_revokes the `_` in `sh_p` is literal, so only global
    // SELECT reaches shop.
    assert_eq!(seen(&r), vec![row("analyst@%", None, "global SELECT")]);
    assert_eq!(r[0].schema, "shop");
}

#[test]
fn column_paths_stay_when_the_table_needs_set_role() {
    let mut g = Grants::new(Flavor::MariaDb);
    g.accounts = vec![user("u", "%"), role("r")];
    g.role_grants = from_roles_mapping(&[("%".into(), "u".into(), "r".into(), false)]);
    g.tables = vec![table(("r", ""), "shop", "customers")];
    g.columns = vec![ColumnGrant {
        grantee: Ident::new("u", "%"),
        db: "shop".into(),
        table: "customers".into(),
        column: "email".into(),
    }];
    let r = effective_access(&g, &[pd("shop", "customers", &["email", "phone"])]);
    assert_eq!(
        seen(&r),
        vec![
            row("u@%", None, "role `r` (can SET ROLE)"),
            row("u@%", Some("email"), "column grant"),
        ]
    );
}

#[test]
fn mandatory_roles_parse() {
    assert_eq!(
        parse_mandatory_roles("`role1`@`%`,role2,role3@localhost, 'r,4'@\"h\""),
        vec![
            Ident::new("role1", "%"),
            Ident::new("role2", "%"),
            Ident::new("role3", "localhost"),
            Ident::new("r,4", "h"),
        ]
    );
    assert!(parse_mandatory_roles("").is_empty());
    assert!(parse_mandatory_roles(" , ").is_empty());
}

#[test]
fn identities_print_for_reports_and_sql() {
    assert_eq!(Ident::new("", "localhost").account(), "''@localhost");
    assert_eq!(Ident::new("app", "%").sql(), "'app'@'%'");
    assert_eq!(Ident::new("o'neil", "h").sql(), "'o''neil'@'h'");
    assert_eq!(Ident::new("r", "").role_name(), "`r`");
    assert_eq!(Ident::new("r", "%").role_name(), "`r`");
    assert_eq!(Ident::new("r", "localhost").role_name(), "`r`@`localhost`");
    assert!(Ident::new("a", "10.0.%").wildcard_host());
    assert!(Ident::new("a", "host_1").wildcard_host());
    assert!(!Ident::new("a", "localhost").wildcard_host());
}

#[test]
fn effective_global_privileges_include_roles() {
    let mut g = Grants::new(Flavor::MariaDb);
    let mut r = role("dba_lite");
    r.global.file = true;
    g.accounts = vec![user("u", "%"), r];
    g.role_grants = from_roles_mapping(&[("%".into(), "u".into(), "dba_lite".into(), false)]);
    let eg = effective_global(&g, &Ident::new("u", "%"));
    assert_eq!(eg.len(), 1);
    assert!(eg[0].0.file);
    assert_eq!(eg[0].1.label(), "role `dba_lite` (can SET ROLE)");
}
