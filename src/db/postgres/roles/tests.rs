//! The role graph and the access records over hand-written catalog rows and server answers
//! (PostgreSQL 15 and 16 shapes).

use super::*;
use crate::model::Sensitivity;

fn role(oid: u32, name: &str, login: bool, inherit: bool) -> RoleRow {
    RoleRow {
        oid,
        name: name.into(),
        login,
        inherit,
        ..RoleRow::default()
    }
}

fn m(role: u32, member: u32) -> MemberRow {
    MemberRow {
        role,
        member,
        inherit_option: None,
        set_option: None,
    }
}

fn m16(role: u32, member: u32, inherit: bool, set: bool) -> MemberRow {
    MemberRow {
        role,
        member,
        inherit_option: Some(inherit),
        set_option: Some(set),
    }
}

const ALICE: u32 = 100; // login
const READERS: u32 = 200; // group carrying the grant
const MID: u32 = 300; // group between
const OWNER: u32 = 400;
const RAD: u32 = 6181;

fn roles(alice_inherits: bool) -> Vec<RoleRow> {
    vec![
        role(ALICE, "alice", true, alice_inherits),
        role(READERS, "readers", false, true),
        role(MID, "mid", false, true),
        role(OWNER, "app_owner", true, true),
        role(RAD, "pg_read_all_data", false, true),
    ]
}

fn acl(grantees: &[u32]) -> Acl {
    Acl {
        owner: Some(OWNER),
        grantees: grantees.to_vec(),
    }
}

/// Path as the unit tests compute it: own privileges first, then SET ROLE (catalog only).
fn path(g: &Graph, role: u32, acl: &Acl) -> Option<String> {
    own_path(g, role, acl, Some(RAD))
        .or_else(|| {
            set_role_path(
                g,
                role,
                |x| own_path(g, x, acl, Some(RAD)).is_some(),
                |x| acl.carries(x) || x == RAD,
            )
        })
        .map(|v| v.describe(g))
}

#[test]
fn direct_public_owner_superuser_paths() {
    let mut rs = roles(true);
    rs.push(RoleRow {
        superuser: true,
        ..role(500, "root", true, true)
    });
    let g = Graph::new(&rs, &[], false);
    assert_eq!(
        path(&g, ALICE, &acl(&[ALICE])).as_deref(),
        Some("direct grant")
    );
    assert_eq!(path(&g, ALICE, &acl(&[PUBLIC])).as_deref(), Some("PUBLIC"));
    assert_eq!(path(&g, OWNER, &acl(&[])).as_deref(), Some("owner"));
    assert_eq!(path(&g, 500, &acl(&[])).as_deref(), Some("superuser"));
    assert_eq!(path(&g, ALICE, &acl(&[])), None);
    // Direct beats PUBLIC, owner beats everything.
    assert_eq!(
        path(&g, ALICE, &acl(&[PUBLIC, ALICE])).as_deref(),
        Some("direct grant")
    );
    assert_eq!(path(&g, OWNER, &acl(&[OWNER])).as_deref(), Some("owner"));
}

#[test]
fn pre16_inheritance_follows_the_members_rolinherit() {
    // alice → mid → readers, grant on readers.
    let members = [m(MID, ALICE), m(READERS, MID)];
    let g = Graph::new(&roles(true), &members, false);
    assert_eq!(
        path(&g, ALICE, &acl(&[READERS])).as_deref(),
        Some("inherited from role readers")
    );
    // The nearest carrier wins.
    assert_eq!(
        path(&g, ALICE, &acl(&[READERS, MID])).as_deref(),
        Some("inherited from role mid")
    );
    // Inheriting the owner role.
    assert_eq!(
        path(
            &g,
            ALICE,
            &Acl {
                owner: Some(MID),
                grantees: vec![]
            }
        )
        .as_deref(),
        Some("inherited from role mid")
    );
    // NOINHERIT alice: can only SET ROLE; the carrier itself is preferred.
    let g = Graph::new(&roles(false), &members, false);
    assert_eq!(
        path(&g, ALICE, &acl(&[READERS])).as_deref(),
        Some("can SET ROLE to readers")
    );
    // A NOINHERIT role in the middle stops inheritance after it.
    let mut rs = roles(true);
    rs[2].inherit = false; // mid NOINHERIT
    let g = Graph::new(&rs, &members, false);
    assert_eq!(
        path(&g, ALICE, &acl(&[READERS])).as_deref(),
        Some("can SET ROLE to readers")
    );
    assert_eq!(
        path(&g, ALICE, &acl(&[MID])).as_deref(),
        Some("inherited from role mid")
    );
}

#[test]
fn pg16_per_grant_options_decide_inherit_and_set() {
    // rolinherit of alice is true but the grant says INHERIT FALSE.
    let g = Graph::new(&roles(true), &[m16(READERS, ALICE, false, true)], true);
    assert_eq!(
        path(&g, ALICE, &acl(&[READERS])).as_deref(),
        Some("can SET ROLE to readers")
    );
    // INHERIT TRUE, SET FALSE: inherited, and rolinherit = false does not matter.
    let g = Graph::new(&roles(false), &[m16(READERS, ALICE, true, false)], true);
    assert_eq!(
        path(&g, ALICE, &acl(&[READERS])).as_deref(),
        Some("inherited from role readers")
    );
    // Neither: no access at all.
    let g = Graph::new(&roles(true), &[m16(READERS, ALICE, false, false)], true);
    assert_eq!(path(&g, ALICE, &acl(&[READERS])), None);
    // The same rows read as pre-16 (options ignored): alice inherits.
    let g = Graph::new(&roles(true), &[m16(READERS, ALICE, false, false)], false);
    assert_eq!(
        path(&g, ALICE, &acl(&[READERS])).as_deref(),
        Some("inherited from role readers")
    );
    // alice -(SET only)-> mid -(INHERIT only)-> readers: SET ROLE mid gives readers' rights,
    // SET ROLE readers itself is not allowed.
    let members = [m16(MID, ALICE, false, true), m16(READERS, MID, true, false)];
    let g = Graph::new(&roles(true), &members, true);
    assert_eq!(g.settable(ALICE), vec![MID]);
    assert_eq!(
        path(&g, ALICE, &acl(&[READERS])).as_deref(),
        Some("can SET ROLE to mid")
    );
    // alice -(INHERIT)-> mid -(SET only)-> readers: mid does not inherit readers.
    let members = [m16(MID, ALICE, true, true), m16(READERS, MID, false, true)];
    let g = Graph::new(&roles(true), &members, true);
    assert_eq!(g.inherited(ALICE), vec![MID]);
    assert_eq!(
        path(&g, ALICE, &acl(&[READERS])).as_deref(),
        Some("can SET ROLE to readers")
    );
    // Two grants of the same membership by different grantors: either one's INHERIT counts.
    let members = [
        m16(READERS, ALICE, false, false),
        m16(READERS, ALICE, true, false),
    ];
    let g = Graph::new(&roles(true), &members, true);
    assert_eq!(
        path(&g, ALICE, &acl(&[READERS])).as_deref(),
        Some("inherited from role readers")
    );
}

#[test]
fn pg_read_all_data_comes_before_grants_and_through_set_role() {
    let g = Graph::new(&roles(true), &[m(RAD, ALICE)], false);
    assert_eq!(
        path(&g, ALICE, &acl(&[ALICE])).as_deref(),
        Some("pg_read_all_data")
    );
    let g = Graph::new(&roles(false), &[m(RAD, ALICE)], false);
    assert_eq!(
        path(&g, ALICE, &acl(&[])).as_deref(),
        Some("can SET ROLE to pg_read_all_data")
    );
}

#[test]
fn membership_cycles_terminate() {
    let members = [m(MID, ALICE), m(READERS, MID), m(MID, READERS)];
    let g = Graph::new(&roles(true), &members, false);
    assert_eq!(g.inherited(ALICE), vec![MID, READERS]);
    assert_eq!(path(&g, ALICE, &acl(&[])), None);
}

#[test]
fn rls_notes_name_who_bypasses() {
    let mut rs = roles(true);
    rs.push(RoleRow {
        superuser: true,
        ..role(500, "root", true, true)
    });
    rs.push(RoleRow {
        bypassrls: true,
        ..role(501, "etl", true, true)
    });
    let g = Graph::new(&rs, &[m(OWNER, ALICE)], false);
    let on = Rls {
        enabled: true,
        forced: false,
        policies: Some((2, 2)),
    };
    let note = |rls: &Rls, who: u32| rls_note(&g, rls, who, OWNER);
    assert_eq!(note(&Rls::default(), ALICE), None);
    assert_eq!(
        note(&on, 500).map(|n| n.0).as_deref(),
        Some("row-level security on (2 policies); this role bypasses it: superuser")
    );
    assert_eq!(
        note(&on, 501).map(|n| n.0).as_deref(),
        Some("row-level security on (2 policies); this role bypasses it: BYPASSRLS")
    );
    assert_eq!(
        note(&on, OWNER).map(|n| n.0).as_deref(),
        Some("row-level security on (2 policies); this role bypasses it: owner")
    );
    assert_eq!(
        note(&on, ALICE).map(|n| n.0).as_deref(),
        Some(
            "row-level security on (2 policies); this role bypasses it: member of the \
             owning role app_owner"
        )
    );
    assert_eq!(
        note(&on, READERS).map(|n| n.0).as_deref(),
        Some("row-level security on (2 policies); rows limited by the policies")
    );
    let forced = Rls { forced: true, ..on };
    assert_eq!(
        note(&forced, OWNER).map(|n| n.0).as_deref(),
        Some(
            "row-level security on and forced (2 policies); rows limited by the policies \
             (forced: applies to the owner too)"
        )
    );
    assert_eq!(
        note(&forced, 500).map(|n| n.0).as_deref(),
        Some("row-level security on and forced (2 policies); this role bypasses it: superuser")
    );
    let hidden = Rls {
        policies: None,
        ..on
    };
    let (text, unknown) = note(&hidden, READERS).expect("note");
    assert!(unknown && text.contains("pg_policy"), "{text}");
    assert!(!note(&hidden, 500).expect("note").1);
    let none = Rls {
        policies: Some((0, 1)),
        ..on
    };
    assert!(
        note(&none, READERS)
            .expect("note")
            .0
            .contains("default deny")
    );
}

// ---------------------------------------------------------------------------------------------
// Memberships, carriers and the roles the server is asked about
// ---------------------------------------------------------------------------------------------

fn probe(version: i32) -> Probe {
    Probe {
        user: "scan".into(),
        version,
        read_all_data: Some(RAD),
        ..Probe::default()
    }
}

#[test]
fn memberships_from_the_catalog_are_complete() {
    let rs = roles(true);
    let ms = Memberships::Catalog(vec![m16(READERS, ALICE, false, true)]);
    // PostgreSQL 16: the per-grant options count.
    let got = membership(&probe(160_000), Some(&rs), Some(&ms));
    assert!(got.complete() && got.warnings.is_empty() && got.unknown.is_none());
    let g = got.graph.expect("graph");
    assert!(g.inherited(ALICE).is_empty());
    assert_eq!(g.settable(ALICE), vec![READERS]);
    // Before 16 the same row is read without its options: alice's rolinherit decides.
    let g = membership(&probe(150_000), Some(&rs), Some(&ms))
        .graph
        .expect("graph");
    assert_eq!(g.inherited(ALICE), vec![READERS]);
    // No roles: no graph.
    let none = membership(&probe(150_000), None, None);
    assert!(none.graph.is_none() && !none.complete());
}

#[test]
fn memberships_from_pg_has_role_or_unknown() {
    let rs = roles(true);
    let ms = Memberships::Fallback {
        denied: "permission denied for table pg_auth_members [42501]".into(),
        rows: Ok(vec![m16(READERS, ALICE, true, true)]),
    };
    let got = membership(&probe(150_000), Some(&rs), Some(&ms));
    assert!(!got.complete());
    assert_eq!(
        got.warnings,
        vec![
            "pg_catalog.pg_auth_members is not readable by scan (permission denied for table \
             pg_auth_members [42501]): role memberships were evaluated with pg_has_role() \
             against the roles that carry grants only; needs SELECT on \
             pg_catalog.pg_auth_members (granted to PUBLIC by default) for the full membership \
             chain"
                .to_string()
        ]
    );
    assert_eq!(
        got.note.as_deref(),
        Some(
            "membership chain not visible to the scanning account (pg_auth_members); \
             evaluated with pg_has_role()"
        )
    );
    assert!(got.unknown.is_none());
    // The fallback rows carry the server's answers as per-grant options, whatever the version.
    assert_eq!(got.graph.expect("graph").inherited(ALICE), vec![READERS]);

    let ms = Memberships::Fallback {
        denied: "denied".into(),
        rows: Err("timeout".into()),
    };
    let got = membership(&probe(150_000), Some(&rs), Some(&ms));
    let why = "role memberships could not be evaluated: timeout";
    assert_eq!(got.warnings.len(), 2);
    assert_eq!(got.warnings[1], why);
    assert_eq!(got.note.as_deref(), Some(why));
    assert_eq!(got.unknown.as_deref(), Some(why));
    assert!(got.graph.expect("graph").inherited(ALICE).is_empty());
}

#[test]
fn carriers_and_the_roles_asked() {
    let pd = pd_table("customers", &["email"]);
    let mut t = table(&pd, 1000, &[READERS, PUBLIC]);
    t.columns[0].acl.grantees = vec![MID, READERS];
    let mut rs = roles(true);
    rs.push(RoleRow {
        superuser: true,
        ..role(500, "root", true, true)
    });
    // Owner, grantees, column grantees, pg_read_all_data, superusers; never PUBLIC, no repeats.
    assert_eq!(
        carriers(&rs, &[t], &probe(150_000)),
        vec![OWNER, READERS, MID, RAD, 500]
    );
    // Login roles first (in role order), then the roles they can SET ROLE to.
    let g = Graph::new(
        &rs,
        &[m(MID, ALICE), m(READERS, MID), m(READERS, OWNER)],
        false,
    );
    assert_eq!(asked(&rs, &g), vec![ALICE, OWNER, 500, MID, READERS]);
}

// ---------------------------------------------------------------------------------------------
// Access records
// ---------------------------------------------------------------------------------------------

const BOB: u32 = 110; // login, NOINHERIT, member of readers
const COL: u32 = 120; // login, column grant only
const NOCON: u32 = 130; // login, no CONNECT
const MAYBE: u32 = 140; // login, CONNECT unknown
const GHOST: u32 = 150; // login, the server says SELECT, the catalog shows no path
const T: u32 = 1000;

fn pd_table(name: &str, columns: &[&str]) -> PdTable {
    PdTable {
        schema: "public".into(),
        table: name.into(),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        categories: vec!["email".into()],
        sensitivity: Sensitivity::Medium,
    }
}

fn table<'p>(pd: &'p PdTable, oid: u32, grantees: &[u32]) -> TableFacts<'p> {
    TableFacts {
        pd,
        oid,
        ns: 2200,
        acl: acl(grantees),
        rls: Rls::default(),
        public_usage: Some(true),
        columns: pd
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| ColumnFacts {
                name: c.clone(),
                attnum: i as i16 + 2,
                acl: Acl::default(),
            })
            .collect(),
    }
}

fn login_roles() -> Vec<RoleRow> {
    let mut rs = roles(true);
    rs.extend([
        role(BOB, "bob", true, false),
        role(COL, "col", true, true),
        role(NOCON, "nocon", true, true),
        role(MAYBE, "maybe", true, true),
        role(GHOST, "ghost", true, true),
    ]);
    rs
}

/// SELECT and USAGE for `role` on table T.
fn privs(s: &mut ServerPrivs, role: u32, select: Option<bool>, usage: Option<bool>) {
    s.table.insert((role, T), (select, usage));
    s.connect.entry(role).or_insert(Some(true));
}

fn outcome(
    rs: &Result<Vec<RoleRow>, String>,
    tables: &Tables<'_>,
    membership: &Membership,
    server: Option<&Result<ServerPrivs, String>>,
    pd: &[PdTable],
) -> Readers {
    access(&Input {
        database: "shop",
        pd,
        probe: &probe(160_000),
        roles: rs,
        tables,
        membership,
        server,
    })
}

fn graph(rs: &[RoleRow], members: &[MemberRow]) -> Membership {
    membership(
        &probe(150_000),
        Some(rs),
        Some(&Memberships::Catalog(members.to_vec())),
    )
}

/// (column, role, via, state, note) of each record, in order.
type Row = (Option<String>, String, String, AccessState, Option<String>);

fn rows(r: &Readers) -> Vec<Row> {
    r.records
        .iter()
        .map(|a| {
            assert_eq!(
                (a.database.as_str(), a.schema.as_str(), a.privilege.as_str()),
                ("shop", "public", "SELECT")
            );
            (
                a.column.clone(),
                a.role.clone(),
                a.via.clone(),
                a.state,
                a.note.clone(),
            )
        })
        .collect()
}

fn row(column: Option<&str>, role: &str, via: &str, sure: bool, note: Option<&str>) -> Row {
    (
        column.map(String::from),
        role.into(),
        via.into(),
        if sure {
            AccessState::Confirmed
        } else {
            AccessState::Indeterminate
        },
        note.map(String::from),
    )
}

#[test]
fn records_follow_the_servers_answers() {
    let pd = [pd_table("customers", &["email", "name"])];
    let mut t = table(&pd[0], T, &[READERS]);
    t.columns[0].acl.grantees = vec![COL]; // GRANT SELECT (email) TO col
    let tables = Tables {
        read: Ok(vec![t]),
        notes: vec![],
    };
    let rs = login_roles();
    let members = [m(READERS, ALICE), m(READERS, BOB)];
    let mb = graph(&rs, &members);
    let mut s = ServerPrivs::default();
    privs(&mut s, ALICE, Some(true), Some(true));
    privs(&mut s, BOB, Some(false), Some(true));
    privs(&mut s, READERS, Some(true), Some(true));
    // The owner revoked its own SELECT.
    privs(&mut s, OWNER, Some(false), Some(true));
    privs(&mut s, COL, Some(false), Some(true));
    s.column.insert((COL, T, 2), Some(true));
    privs(&mut s, NOCON, Some(true), Some(true));
    s.connect.insert(NOCON, Some(false));
    privs(&mut s, MAYBE, None, Some(true));
    s.connect.insert(MAYBE, None);
    privs(&mut s, GHOST, Some(true), Some(true));
    let rs = Ok(rs);
    let out = outcome(&rs, &tables, &mb, Some(&Ok(s)), &pd);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert!(out.records.iter().all(|r| r.table == "customers"));
    let connect = "whether this role may CONNECT to the database could not be evaluated";
    let no_answer = "has_table_privilege/has_schema_privilege gave no answer for this role; path \
                     from the catalog ACLs only";
    assert_eq!(
        rows(&out),
        vec![
            row(None, "alice", "inherited from role readers", true, None),
            row(
                None,
                "app_owner",
                "owner",
                true,
                Some("the owner has revoked its own SELECT but can grant it back at any time")
            ),
            row(None, "bob", "can SET ROLE to readers", true, None),
            row(Some("email"), "col", "direct grant", true, None),
            row(
                None,
                "ghost",
                "not determined",
                true,
                Some(
                    "the server reports SELECT, but no path was found in the catalog ACLs and \
                     role memberships"
                )
            ),
            // CONNECT unknown and no answer for the table: only a catalog path would be
            // reported, and maybe has none.
        ],
        "{:#?}",
        out.records
    );
    // With a catalog path, an unanswered role is reported as indeterminate.
    let mut t = table(&pd[0], T, &[READERS, MAYBE]);
    t.columns[0].acl.grantees = vec![COL];
    let tables = Tables {
        read: Ok(vec![t]),
        notes: vec![],
    };
    let mut s = ServerPrivs::default();
    privs(&mut s, MAYBE, None, Some(true));
    s.connect.insert(MAYBE, None);
    let out = outcome(&rs, &tables, &mb, Some(&Ok(s)), &pd);
    assert_eq!(
        rows(&out),
        vec![row(
            None,
            "maybe",
            "direct grant",
            false,
            Some(&format!("{connect}; {no_answer}"))
        )]
    );
}

#[test]
fn column_grants_reached_through_set_role() {
    let pd = [pd_table("customers", &["email"])];
    let mut t = table(&pd[0], T, &[]);
    t.columns[0].acl.grantees = vec![READERS];
    let tables = Tables {
        read: Ok(vec![t]),
        notes: vec![],
    };
    let rs = login_roles();
    let mb = graph(&rs, &[m(READERS, BOB)]);
    let mut s = ServerPrivs::default();
    privs(&mut s, BOB, Some(false), Some(true));
    privs(&mut s, READERS, Some(false), Some(true));
    s.column.insert((READERS, T, 2), Some(true));
    // bob cannot read the column itself; the server has no answer for it.
    s.column.insert((BOB, T, 2), Some(false));
    let out = outcome(&Ok(rs), &tables, &mb, Some(&Ok(s)), &pd);
    assert_eq!(
        rows(&out),
        vec![row(
            Some("email"),
            "bob",
            "can SET ROLE to readers",
            true,
            None
        )]
    );
}

#[test]
fn row_level_security_is_noted_for_the_acting_role() {
    let pd = [pd_table("patients", &["diagnosis"])];
    let mut t = table(&pd[0], T, &[READERS]);
    t.rls = Rls {
        enabled: true,
        forced: false,
        policies: None,
    };
    let tables = Tables {
        read: Ok(vec![t]),
        notes: vec![],
    };
    let rs = login_roles();
    let mb = graph(&rs, &[m(READERS, BOB), m(OWNER, ALICE)]);
    let mut s = ServerPrivs::default();
    privs(&mut s, ALICE, Some(false), Some(true));
    privs(&mut s, BOB, Some(false), Some(true));
    privs(&mut s, READERS, Some(true), Some(true));
    privs(&mut s, OWNER, Some(true), Some(true));
    let out = outcome(&Ok(rs), &tables, &mb, Some(&Ok(s)), &pd);
    let hidden = "row-level security on; the policies are not visible to the scanning account \
                  (needs SELECT on pg_catalog.pg_policy), so which rows this role sees is unknown";
    assert_eq!(
        rows(&out),
        vec![
            // alice can SET ROLE to the owner, which bypasses row-level security.
            row(
                None,
                "alice",
                "can SET ROLE to app_owner",
                true,
                Some("row-level security on; this role bypasses it: owner")
            ),
            row(
                None,
                "app_owner",
                "owner",
                true,
                Some("row-level security on; this role bypasses it: owner")
            ),
            row(None, "bob", "can SET ROLE to readers", false, Some(hidden)),
        ]
    );
}

#[test]
fn without_the_server_records_come_from_the_catalog() {
    let pd = [pd_table("customers", &["email"])];
    let mut t = table(&pd[0], T, &[READERS]);
    t.columns[0].acl.grantees = vec![COL];
    let tables = Tables {
        read: Ok(vec![t]),
        notes: vec![],
    };
    let rs = login_roles();
    let mb = graph(&rs, &[m(READERS, ALICE), m(READERS, BOB)]);
    let out = outcome(&Ok(rs), &tables, &mb, Some(&Err("timeout".into())), &pd);
    assert_eq!(
        out.warnings,
        vec![
            "the server could not evaluate the login roles' privileges (timeout): readers are \
             derived from the catalog ACLs only and marked indeterminate"
                .to_string()
        ]
    );
    let n = "not confirmed by the server (timeout); derived from the catalog ACLs, schema USAGE \
             and database CONNECT not checked";
    assert_eq!(
        rows(&out),
        vec![
            row(None, "alice", "inherited from role readers", false, Some(n)),
            row(None, "app_owner", "owner", false, Some(n)),
            row(None, "bob", "can SET ROLE to readers", false, Some(n)),
            row(Some("email"), "col", "direct grant", false, Some(n)),
        ]
    );
}

#[test]
fn unreadable_roles_tables_and_memberships() {
    let pd = [
        pd_table("customers", &["email"]),
        pd_table("leads", &["email"]),
    ];
    let unknown = |out: &Readers| -> Vec<(String, String)> {
        out.records
            .iter()
            .filter(|r| r.role == "*")
            .map(|r| {
                assert_eq!(
                    (r.via.as_str(), r.state),
                    ("unknown", AccessState::Indeterminate)
                );
                (r.table.clone(), r.note.clone().unwrap_or_default())
            })
            .collect()
    };
    // No roles: one unknown record per table; the tables' error adds a warning only.
    let tables: Tables<'_> = Tables {
        read: Err("denied".into()),
        notes: vec!["leads was not found".into()],
    };
    let out = outcome(
        &Err("permission denied".into()),
        &tables,
        &Membership::default(),
        None,
        &pd,
    );
    let why = "login roles could not be listed (permission denied); needs SELECT on \
               pg_catalog.pg_roles";
    let twhy = "the personal-data tables' grants could not be read (denied); needs SELECT on \
                pg_catalog.pg_class, pg_namespace and pg_attribute";
    assert_eq!(
        out.warnings,
        vec![why.to_string(), "leads was not found".into(), twhy.into()]
    );
    assert_eq!(
        unknown(&out),
        vec![
            ("customers".to_string(), why.to_string()),
            ("leads".into(), why.into())
        ]
    );
    // Roles but no tables: the tables' error gives the unknown records.
    let rs = Ok(login_roles());
    let mb = graph(rs.as_deref().expect("roles"), &[]);
    let out = outcome(&rs, &tables, &mb, None, &pd);
    assert_eq!(
        unknown(&out),
        vec![
            ("customers".to_string(), twhy.to_string()),
            ("leads".into(), twhy.into())
        ]
    );
    // Memberships unknown: the records found, then one unknown record per table found, and the
    // pg_has_role() note on inherited and SET ROLE paths.
    let t = table(&pd[0], T, &[READERS, ALICE]);
    let tables = Tables {
        read: Ok(vec![t]),
        notes: vec![],
    };
    let mb = membership(
        &probe(150_000),
        rs.as_deref().ok(),
        Some(&Memberships::Fallback {
            denied: "denied".into(),
            rows: Err("timeout".into()),
        }),
    );
    let mut s = ServerPrivs::default();
    privs(&mut s, ALICE, Some(true), Some(true));
    let out = outcome(&rs, &tables, &mb, Some(&Ok(s)), &pd);
    assert_eq!(out.warnings, mb.warnings);
    // A personal-data table the catalog no longer shows gets an indeterminate record.
    let leads = out
        .records
        .iter()
        .find(|r| r.table == "leads")
        .expect("a record for the missing table");
    assert_eq!(leads.state, AccessState::Indeterminate);
    assert!(
        leads
            .note
            .as_deref()
            .is_some_and(|n| n.contains("not found in the catalog"))
    );
    let last = out
        .records
        .iter()
        .rev()
        .find(|r| r.table != "leads")
        .expect("records");
    assert_eq!(
        (
            last.table.as_str(),
            last.role.as_str(),
            last.note.as_deref()
        ),
        (
            "customers",
            "*",
            Some(
                "login roles that can read only after SET ROLE are unknown: role memberships \
                 could not be evaluated: timeout"
            )
        )
    );
    assert_eq!(out.records[0].via, "direct grant");
    assert_eq!(out.records[0].note, None);

    // Memberships from pg_has_role(): the note goes on inherited paths only.
    let mb = membership(
        &probe(150_000),
        rs.as_deref().ok(),
        Some(&Memberships::Fallback {
            denied: "denied".into(),
            rows: Ok(vec![m16(READERS, BOB, true, true)]),
        }),
    );
    let mut s = ServerPrivs::default();
    privs(&mut s, ALICE, Some(true), Some(true));
    privs(&mut s, BOB, Some(true), Some(true));
    let out = outcome(&rs, &tables, &mb, Some(&Ok(s)), &pd);
    assert_eq!(
        rows(&out),
        vec![
            row(None, "alice", "direct grant", true, None),
            row(
                None,
                "bob",
                "inherited from role readers",
                true,
                mb.note.as_deref()
            ),
            row(
                None,
                "*",
                "unknown",
                false,
                Some(
                    "the table was not found in the catalog (dropped or renamed since the scan?): \
                     its readers were not analysed"
                )
            ),
        ]
    );
}
