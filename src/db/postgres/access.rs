//! postgres: effective read access to personal data, and the security posture behind it.
//!
//! Whether a login role can read a personal-data table is the server's own answer
//! (`has_table_privilege`, `has_schema_privilege`, `has_database_privilege`, and
//! `has_column_privilege` for column-only grants), evaluated for other roles by OID, which any
//! account may do. *How* it can read (owner, superuser, pg_read_all_data, direct grant, PUBLIC,
//! inherited from role X, can SET ROLE to X) comes from the catalog: the ACLs exploded with
//! `aclexplode()` and the membership graph of `pg_auth_members`, walked by the pure functions
//! [`Graph`], [`own_path`] and [`set_role_path`] (unit-tested with hand-written rows, including
//! the PostgreSQL 16 per-grant INHERIT/SET options).
//!
//! Where the scanning account cannot see something, the record or check says `indeterminate`,
//! with the reason and what the account would need; one line per limitation goes to `warnings`.
//!
//! Never: information_schema grant views (they only show the scanning account's own grants), or a
//! password hash leaving the server (md5 detection is a boolean computed server-side).

use std::collections::{HashMap, HashSet, VecDeque};
use std::net::IpAddr;

use sqlx::postgres::PgRow;
use sqlx::{PgPool, Row};

use super::{Postgres, quote_ident};
use crate::access::{AccessOutcome, PdTable};
use crate::findings::finding;
use crate::model::{
    AccessRecord, AccessState, FindingSource, PostureCheck, PostureState, Sensitivity, Severity,
};

/// The bootstrap superuser (the role `initdb` creates) always has OID 10.
const BOOTSTRAP_SUPERUSER: u32 = 10;
/// `aclexplode()` reports grants to PUBLIC with grantee 0.
const PUBLIC: u32 = 0;
/// At most this many names in one evidence line; the count is always given.
const MAX_NAMES: usize = 50;

// ---------------------------------------------------------------------------------------------
// Pure path computation over catalog rows
// ---------------------------------------------------------------------------------------------

/// A role as read from `pg_roles`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RoleRow {
    /// OID.
    pub oid: u32,
    /// Name.
    pub name: String,
    /// `rolcanlogin`.
    pub login: bool,
    /// `rolsuper`.
    pub superuser: bool,
    /// `rolinherit`.
    pub inherit: bool,
    /// `rolbypassrls`.
    pub bypassrls: bool,
    /// `rolcreaterole`.
    pub createrole: bool,
    /// `rolreplication`.
    pub replication: bool,
    /// `rolvaliduntil` is null or infinity.
    pub no_expiry: bool,
}

/// One `pg_auth_members` row: `member` was granted membership in `role`. The options are the
/// PostgreSQL 16+ per-grant columns (`None` before 16, where the member's `rolinherit` decides
/// inheritance and every membership allows SET ROLE).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MemberRow {
    /// The granted role (`roleid`).
    pub role: u32,
    /// The member.
    pub member: u32,
    /// `inherit_option` (PG16+).
    pub inherit_option: Option<bool>,
    /// `set_option` (PG16+).
    pub set_option: Option<bool>,
}

#[derive(Debug, Clone, Copy)]
struct Edge {
    to: u32,
    inherit: bool,
    set: bool,
}

/// The role membership graph.
#[derive(Debug, Clone, Default)]
pub(crate) struct Graph {
    roles: HashMap<u32, RoleRow>,
    edges: HashMap<u32, Vec<Edge>>,
    /// Per role, computed once: the roles it inherits from, and the roles it can SET ROLE to.
    inherited: HashMap<u32, Vec<u32>>,
    settable: HashMap<u32, Vec<u32>>,
}

impl Graph {
    /// Build the graph. `per_grant_options`: the server is PostgreSQL 16+ and the rows carry
    /// `inherit_option` / `set_option`; otherwise a membership is inherited when the *member* has
    /// `rolinherit`, and any membership allows SET ROLE.
    pub(crate) fn new(roles: &[RoleRow], members: &[MemberRow], per_grant_options: bool) -> Graph {
        let roles: HashMap<u32, RoleRow> = roles.iter().map(|r| (r.oid, r.clone())).collect();
        let mut edges: HashMap<u32, Vec<Edge>> = HashMap::new();
        for m in members {
            let member_inherits = roles.get(&m.member).is_none_or(|r| r.inherit);
            let (inherit, set) = if per_grant_options {
                (
                    m.inherit_option.unwrap_or(member_inherits),
                    m.set_option.unwrap_or(true),
                )
            } else {
                (member_inherits, true)
            };
            edges.entry(m.member).or_default().push(Edge {
                to: m.role,
                inherit,
                set,
            });
        }
        let name = |oid: u32| roles.get(&oid).map(|r| r.name.clone()).unwrap_or_default();
        for list in edges.values_mut() {
            list.sort_by(|a, b| name(a.to).cmp(&name(b.to)).then(a.to.cmp(&b.to)));
        }
        let mut g = Graph {
            roles,
            edges,
            inherited: HashMap::new(),
            settable: HashMap::new(),
        };
        let all: HashSet<u32> = g.roles.keys().chain(g.edges.keys()).copied().collect();
        for r in all {
            let inherited = g.reach(r, |e| e.inherit);
            let settable = g.reach(r, |e| e.set);
            g.inherited.insert(r, inherited);
            g.settable.insert(r, settable);
        }
        g
    }

    /// A role's name (`PUBLIC` for 0).
    pub(crate) fn name(&self, oid: u32) -> String {
        if oid == PUBLIC {
            return "PUBLIC".into();
        }
        self.roles
            .get(&oid)
            .map(|r| r.name.clone())
            .unwrap_or_else(|| format!("(role with OID {oid})"))
    }

    fn role(&self, oid: u32) -> Option<&RoleRow> {
        self.roles.get(&oid)
    }

    fn is_superuser(&self, oid: u32) -> bool {
        self.role(oid).is_some_and(|r| r.superuser)
    }

    fn reach(&self, from: u32, follow: impl Fn(&Edge) -> bool) -> Vec<u32> {
        let mut seen: HashSet<u32> = HashSet::from([from]);
        let mut out = Vec::new();
        let mut queue = VecDeque::from([from]);
        while let Some(r) = queue.pop_front() {
            for e in self.edges.get(&r).map(Vec::as_slice).unwrap_or(&[]) {
                if follow(e) && seen.insert(e.to) {
                    out.push(e.to);
                    queue.push_back(e.to);
                }
            }
        }
        out
    }

    /// Roles whose privileges `role` holds without SET ROLE, nearest first (not itself).
    pub(crate) fn inherited(&self, role: u32) -> &[u32] {
        self.inherited.get(&role).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Roles `role` can SET ROLE to, nearest first (not itself).
    pub(crate) fn settable(&self, role: u32) -> &[u32] {
        self.settable.get(&role).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// How a role can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Via {
    Owner,
    Superuser,
    ReadAllData,
    Direct,
    Public,
    /// Inherited from the role that carries the grant (or owns the table).
    Inherited(u32),
    /// Only after `SET ROLE` to this role.
    SetRole(u32),
}

impl Via {
    /// The `via` text of the report contract.
    pub(crate) fn describe(self, g: &Graph) -> String {
        match self {
            Via::Owner => "owner".into(),
            Via::Superuser => "superuser".into(),
            Via::ReadAllData => "pg_read_all_data".into(),
            Via::Direct => "direct grant".into(),
            Via::Public => "PUBLIC".into(),
            Via::Inherited(x) => format!("inherited from role {}", g.name(x)),
            Via::SetRole(x) => format!("can SET ROLE to {}", g.name(x)),
        }
    }
}

/// Who holds SELECT on one table (or one column: no owner) according to its ACL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Acl {
    /// The owner (tables only).
    pub owner: Option<u32>,
    /// Grantees of SELECT (0 = PUBLIC).
    pub grantees: Vec<u32>,
}

impl Acl {
    fn carries(&self, role: u32) -> bool {
        self.owner == Some(role) || self.grantees.contains(&role)
    }
}

/// How `role` holds SELECT by itself (without SET ROLE), the most specific path first; `None`
/// when the catalog shows no such path.
pub(crate) fn own_path(g: &Graph, role: u32, acl: &Acl, read_all_data: Option<u32>) -> Option<Via> {
    if acl.owner == Some(role) {
        return Some(Via::Owner);
    }
    if g.is_superuser(role) {
        return Some(Via::Superuser);
    }
    let inherited = g.inherited(role);
    if let Some(rad) = read_all_data
        && (role == rad || inherited.contains(&rad))
    {
        return Some(Via::ReadAllData);
    }
    if acl.grantees.contains(&role) {
        return Some(Via::Direct);
    }
    if acl.grantees.contains(&PUBLIC) {
        return Some(Via::Public);
    }
    inherited
        .iter()
        .copied()
        .find(|x| acl.carries(*x))
        .map(Via::Inherited)
}

/// For a role that cannot read by itself: a role it can SET ROLE to that can (`reads`), nearest
/// first, preferring one that carries the grant itself (`carries`).
pub(crate) fn set_role_path(
    g: &Graph,
    role: u32,
    reads: impl Fn(u32) -> bool,
    carries: impl Fn(u32) -> bool,
) -> Option<Via> {
    let candidates: Vec<u32> = g
        .settable(role)
        .iter()
        .copied()
        .filter(|x| reads(*x))
        .collect();
    candidates
        .iter()
        .copied()
        .find(|x| carries(*x))
        .or(candidates.first().copied())
        .map(Via::SetRole)
}

/// Row-level security of one table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Rls {
    /// `relrowsecurity`.
    pub enabled: bool,
    /// `relforcerowsecurity`.
    pub forced: bool,
    /// Policies that apply to reads (SELECT or ALL), and all policies; `None` when `pg_policy`
    /// is not readable.
    pub policies: Option<(i64, i64)>,
}

/// The row-level security note for a reader acting as `acting` (the login role, or the role it
/// can SET ROLE to), and whether what it sees is unknown (policies not visible).
pub(crate) fn rls_note(g: &Graph, rls: &Rls, acting: u32, owner: u32) -> Option<(String, bool)> {
    if !rls.enabled {
        return None;
    }
    let forced = if rls.forced { " and forced" } else { "" };
    let head = match rls.policies {
        Some((reads, all)) if reads == all => format!(
            "row-level security on{forced} ({reads} {})",
            plural(reads, "policy", "policies")
        ),
        Some((reads, all)) => {
            format!("row-level security on{forced} ({all} policies, {reads} for reads)")
        }
        None => format!("row-level security on{forced}"),
    };
    let is_owner = acting == owner || g.inherited(acting).contains(&owner);
    let bypass = if g.is_superuser(acting) {
        Some("superuser".to_string())
    } else if g.role(acting).is_some_and(|r| r.bypassrls) {
        Some("BYPASSRLS".to_string())
    } else if is_owner && !rls.forced {
        if acting == owner {
            Some("owner".to_string())
        } else {
            Some(format!("member of the owning role {}", g.name(owner)))
        }
    } else {
        None
    };
    let owner_too = if is_owner && rls.forced {
        " (forced: applies to the owner too)"
    } else {
        ""
    };
    Some(match (bypass, rls.policies) {
        (Some(b), _) => (format!("{head}; this role bypasses it: {b}"), false),
        (None, Some((0, _))) => (
            format!("{head}; no policy lets this role read rows (default deny){owner_too}"),
            false,
        ),
        (None, Some(_)) => (
            format!("{head}; rows limited by the policies{owner_too}"),
            false,
        ),
        (None, None) => (
            format!(
                "{head}; the policies are not visible to the scanning account (needs SELECT on \
                 pg_catalog.pg_policy), so which rows this role sees is unknown"
            ),
            true,
        ),
    })
}

/// A line of `pg_hba_file_rules`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct HbaLine {
    pub line: i32,
    pub kind: String,
    pub databases: Vec<String>,
    pub users: Vec<String>,
    pub address: Option<String>,
    pub netmask: Option<String>,
    pub method: Option<String>,
    pub error: Option<String>,
}

impl HbaLine {
    /// `line 2: host all all 127.0.0.1/32 trust`.
    fn describe(&self) -> String {
        let mut parts = vec![
            self.kind.clone(),
            self.databases.join(","),
            self.users.join(","),
        ];
        if let Some(a) = &self.address {
            match self.netmask.as_deref().and_then(prefix_len) {
                Some(p) => parts.push(format!("{a}/{p}")),
                None => parts.push(a.clone()),
            }
        }
        parts.push(self.method.clone().unwrap_or_default());
        format!("line {}: {}", self.line, parts.join(" "))
    }

    /// Only connections from this machine match the line.
    pub(crate) fn is_local(&self) -> bool {
        if self.kind == "local" {
            return true;
        }
        is_loopback(self.address.as_deref(), self.netmask.as_deref())
    }
}

fn prefix_len(mask: &str) -> Option<u32> {
    match mask.parse::<IpAddr>().ok()? {
        IpAddr::V4(m) => Some(u32::from(m).count_ones()),
        IpAddr::V6(m) => Some(u128::from(m).count_ones()),
    }
}

/// Whether an address/netmask of `pg_hba_file_rules` matches only the loopback interface.
pub(crate) fn is_loopback(address: Option<&str>, netmask: Option<&str>) -> bool {
    let Some(address) = address else {
        return true;
    };
    match address {
        "samehost" | "localhost" => return true,
        "all" | "samenet" => return false,
        _ => {}
    }
    let Ok(ip) = address.parse::<IpAddr>() else {
        return false; // a host name or domain: remote
    };
    if !ip.is_loopback() {
        return false;
    }
    let prefix = netmask.and_then(prefix_len);
    match ip {
        IpAddr::V4(_) => prefix.is_none_or(|p| p >= 8),
        IpAddr::V6(_) => prefix.is_none_or(|p| p == 128),
    }
}

/// Whether a view's `reloptions` make it run with the caller's rights.
pub(crate) fn security_invoker(reloptions: &[String]) -> bool {
    reloptions.iter().any(|o| {
        let o = o.to_ascii_lowercase();
        matches!(
            o.as_str(),
            "security_invoker" | "security_invoker=true" | "security_invoker=on"
        ) || o == "security_invoker=yes"
            || o == "security_invoker=1"
    })
}

/// An identifier for SQL in a recommendation: bare when that is unambiguous, else quoted.
fn sql_ident(name: &str) -> String {
    const RESERVED: &[&str] = &[
        "all",
        "user",
        "select",
        "table",
        "order",
        "group",
        "from",
        "where",
        "public",
        "grant",
        "default",
        "check",
        "column",
        "to",
        "role",
        "session_user",
        "current_user",
    ];
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    // `public` is fine as a schema name; it is only reserved as a grantee.
    if plain && (name == "public" || !RESERVED.contains(&name)) {
        name.to_string()
    } else {
        quote_ident(name)
    }
}

fn plural<'a>(n: i64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

fn names_line(names: &[String]) -> String {
    if names.len() <= MAX_NAMES {
        names.join(", ")
    } else {
        format!(
            "{}, … and {} more",
            names[..MAX_NAMES].join(", "),
            names.len() - MAX_NAMES
        )
    }
}

/// Severity of PUBLIC read access to a table with these categories.
fn public_read_severity(t: &PdTable) -> Severity {
    const CRITICAL: &[&str] = &["payment_card", "national_id", "password"];
    if t.sensitivity == Sensitivity::Special
        || t.categories.iter().any(|c| CRITICAL.contains(&c.as_str()))
    {
        Severity::Critical
    } else {
        Severity::High
    }
}

fn has_card_data(pd: &[PdTable]) -> bool {
    pd.iter()
        .any(|t| t.categories.iter().any(|c| c == "payment_card"))
}

// ---------------------------------------------------------------------------------------------
// Reading the catalog
// ---------------------------------------------------------------------------------------------

fn err_line(e: &sqlx::Error) -> String {
    crate::db::describe_error(e, "the server")
}

/// Decode (role, member, inherit_option, set_option) rows of either membership query.
fn member_rows(rows: &[PgRow]) -> Result<Vec<MemberRow>, String> {
    rows.iter()
        .map(|r| -> Result<MemberRow, sqlx::Error> {
            Ok(MemberRow {
                role: get_oid(r, 0)?,
                member: get_oid(r, 1)?,
                inherit_option: r.try_get(2)?,
                set_option: r.try_get(3)?,
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| err_line(&e))
}

fn get_oid(row: &PgRow, i: usize) -> Result<u32, sqlx::Error> {
    let v: i64 = row.try_get(i)?;
    u32::try_from(v).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

/// What the scanning account is and can see.
#[derive(Debug, Clone, Default)]
struct Probe {
    user: String,
    version: i32,
    superuser: bool,
    read_all_settings: bool,
    read_all_stats: bool,
    authid: bool,
    hba: bool,
    read_all_data: Option<u32>,
}

const PROBE_SQL: &str = "\
SELECT current_user::text,
       current_setting('server_version_num')::int4,
       current_setting('is_superuser') = 'on',
       coalesce(pg_has_role(current_user, 'pg_read_all_settings', 'USAGE'), false),
       coalesce(pg_has_role(current_user, 'pg_read_all_stats', 'USAGE'), false),
       coalesce(has_table_privilege('pg_catalog.pg_authid', 'SELECT'), false),
       coalesce(has_table_privilege('pg_catalog.pg_hba_file_rules', 'SELECT')
                AND has_function_privilege('pg_catalog.pg_hba_file_rules()', 'EXECUTE'), false),
       to_regrole('pg_read_all_data')::oid::int8";

const ROLES_SQL: &str = "\
SELECT oid::int8, rolname::text, rolcanlogin, rolsuper, rolinherit, rolbypassrls, rolcreaterole,
       rolreplication, (rolvaliduntil IS NULL OR rolvaliduntil = 'infinity')
FROM pg_catalog.pg_roles";

const MEMBERS_SQL_16: &str = "\
SELECT roleid::int8, member::int8, inherit_option, set_option FROM pg_catalog.pg_auth_members";

const MEMBERS_SQL: &str = "\
SELECT roleid::int8, member::int8, NULL::bool, NULL::bool FROM pg_catalog.pg_auth_members";

/// Memberships as the server evaluates them, for when `pg_auth_members` is not readable:
/// `pg_has_role` needs no catalog privilege.
const MEMBERS_FALLBACK_SQL: &str = "\
SELECT x.r, l.r, pg_has_role(l.r::oid, x.r::oid, 'USAGE'), pg_has_role(l.r::oid, x.r::oid, $3)
FROM unnest($1::int8[]) AS l(r) CROSS JOIN unnest($2::int8[]) AS x(r)
WHERE l.r <> x.r AND pg_has_role(l.r::oid, x.r::oid, 'MEMBER')";

const TABLES_SQL: &str = "\
SELECT t.i::int8, c.oid::int8, c.relnamespace::int8, c.relowner::int8, c.relrowsecurity,
       c.relforcerowsecurity, has_schema_privilege('public', c.relnamespace, 'USAGE')
FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(schema, name, i)
JOIN pg_catalog.pg_namespace n ON n.nspname = t.schema
JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = t.name";

const TABLE_GRANTS_SQL: &str = "\
SELECT c.oid::int8, a.grantee::int8
FROM pg_catalog.pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
WHERE c.oid = ANY($1::int8[]::oid[]) AND a.privilege_type = 'SELECT'";

const COLUMNS_SQL: &str = "\
SELECT a.attrelid::int8, a.attname::text, a.attnum, x.grantee::int8
FROM pg_catalog.pg_attribute a
LEFT JOIN LATERAL aclexplode(a.attacl) x ON x.privilege_type = 'SELECT'
WHERE a.attrelid = ANY($1::int8[]::oid[]) AND a.attnum > 0 AND NOT a.attisdropped";

const POLICIES_SQL: &str = "\
SELECT polrelid::int8, count(*) FILTER (WHERE polcmd IN ('r', '*')), count(*)
FROM pg_catalog.pg_policy WHERE polrelid = ANY($1::int8[]::oid[]) GROUP BY polrelid";

const CONNECT_SQL: &str = "\
SELECT r, has_database_privilege(r::oid, current_database(), 'CONNECT')
FROM unnest($1::int8[]) AS r";

const TABLE_PRIVS_SQL: &str = "\
SELECT r.r, t.t, has_table_privilege(r.r::oid, t.t::oid, 'SELECT'),
       has_schema_privilege(r.r::oid, t.ns::oid, 'USAGE')
FROM unnest($1::int8[]) AS r(r) CROSS JOIN unnest($2::int8[], $3::int8[]) AS t(t, ns)";

const COLUMN_PRIVS_SQL: &str = "\
SELECT r.r, c.t, c.n, has_column_privilege(r.r::oid, c.t::oid, c.n, 'SELECT')
FROM unnest($1::int8[]) AS r(r) CROSS JOIN unnest($2::int8[], $3::int2[]) AS c(t, n)
WHERE NOT coalesce(has_table_privilege(r.r::oid, c.t::oid, 'SELECT'), false)
  AND coalesce(has_column_privilege(r.r::oid, c.t::oid, c.n, 'SELECT'), true)";

const SETTINGS_SQL: &str = "\
SELECT current_setting('ssl'), current_setting('password_encryption'),
       has_database_privilege('public', current_database(), 'CONNECT')";

const SESSION_SSL_SQL: &str =
    "SELECT ssl FROM pg_catalog.pg_stat_ssl WHERE pid = pg_catalog.pg_backend_pid()";

/// Names only: the comparison with the hash happens on the server.
const MD5_SQL: &str = "\
SELECT rolname::text FROM pg_catalog.pg_authid
WHERE rolcanlogin AND rolpassword LIKE 'md5%' ORDER BY 1";

const HBA_SQL: &str = "\
SELECT line_number, type, database, user_name, address, netmask, auth_method, error
FROM pg_catalog.pg_hba_file_rules ORDER BY line_number";

const SCHEMA_CREATE_SQL: &str = "\
SELECT n.nspname::text,
       EXISTS (SELECT 1 FROM aclexplode(n.nspacl) a
               WHERE a.grantee = 0 AND a.privilege_type = 'CREATE')
FROM pg_catalog.pg_namespace n
WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
ORDER BY 1";

const DEFAULT_ACL_SQL: &str = "\
SELECT d.defaclrole::int8, n.nspname::text, d.defaclobjtype::text, a.grantee::int8,
       a.privilege_type::text
FROM pg_catalog.pg_default_acl d
LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace
CROSS JOIN LATERAL aclexplode(d.defaclacl) a
WHERE d.defaclobjtype IN ('r', 'S') AND a.grantee <> d.defaclrole
ORDER BY 1, 2, 3, 4, 5";

/// Views over the personal-data tables (also through other views), with their options.
const VIEWS_SQL: &str = "\
WITH RECURSIVE dep(view_oid, base_oid) AS (
    SELECT r.ev_class, d.refobjid
    FROM pg_catalog.pg_depend d
    JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid
    WHERE d.classid = 'pg_catalog.pg_rewrite'::regclass
      AND d.refclassid = 'pg_catalog.pg_class'::regclass
      AND d.refobjid = ANY($1::int8[]::oid[]) AND r.ev_class <> d.refobjid
  UNION
    SELECT r.ev_class, dep.base_oid
    FROM dep
    JOIN pg_catalog.pg_depend d ON d.refobjid = dep.view_oid
         AND d.classid = 'pg_catalog.pg_rewrite'::regclass
         AND d.refclassid = 'pg_catalog.pg_class'::regclass
    JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid
    WHERE r.ev_class <> dep.view_oid
)
SELECT v.oid::int8, n.nspname::text, v.relname::text, dep.base_oid::int8,
       coalesce(v.reloptions, '{}')::text[], v.relowner::int8,
       EXISTS (SELECT 1 FROM aclexplode(v.relacl) a
               WHERE a.grantee = 0 AND a.privilege_type = 'SELECT')
FROM dep
JOIN pg_catalog.pg_class v ON v.oid = dep.view_oid
JOIN pg_catalog.pg_namespace n ON n.oid = v.relnamespace
WHERE v.relkind = 'v'
ORDER BY 2, 3";

const VIEW_READERS_SQL: &str = "\
SELECT v.v, v.b,
       count(*) FILTER (WHERE has_table_privilege(l.l::oid, v.v::oid, 'SELECT')),
       count(*) FILTER (WHERE has_table_privilege(l.l::oid, v.v::oid, 'SELECT')
                        AND NOT has_table_privilege(l.l::oid, v.b::oid, 'SELECT'))
FROM unnest($1::int8[], $2::int8[]) AS v(v, b) CROSS JOIN unnest($3::int8[]) AS l(l)
GROUP BY 1, 2";

/// A personal-data column of a table.
#[derive(Debug, Clone)]
struct ColumnFacts {
    name: String,
    attnum: i16,
    acl: Acl,
}

/// What the catalog says about one personal-data table.
#[derive(Debug, Clone)]
struct TableFacts<'p> {
    pd: &'p PdTable,
    oid: u32,
    ns: u32,
    acl: Acl,
    rls: Rls,
    public_usage: Option<bool>,
    columns: Vec<ColumnFacts>,
}

impl TableFacts<'_> {
    fn owner(&self) -> u32 {
        self.acl.owner.unwrap_or(PUBLIC)
    }
    fn name(&self) -> String {
        format!("{}.{}", self.pd.schema, self.pd.table)
    }
    fn sql_name(&self) -> String {
        format!(
            "{}.{}",
            sql_ident(&self.pd.schema),
            sql_ident(&self.pd.table)
        )
    }
}

/// The server's own answers about privileges.
#[derive(Debug, Default)]
struct ServerPrivs {
    connect: HashMap<u32, Option<bool>>,
    /// (role, table) → (SELECT on the table, USAGE on its schema).
    table: HashMap<(u32, u32), (Option<bool>, Option<bool>)>,
    /// (role, table, attnum) → SELECT on the column, only where the table is not readable.
    column: HashMap<(u32, u32, i16), Option<bool>>,
}

impl ServerPrivs {
    /// SELECT on the table and USAGE on its schema.
    fn reads(&self, role: u32, table: u32) -> Option<bool> {
        match self.table.get(&(role, table)) {
            Some((Some(s), Some(u))) => Some(*s && *u),
            Some((Some(false), _)) | Some((_, Some(false))) => Some(false),
            Some(_) => None,
            None => Some(false),
        }
    }
    fn usage(&self, role: u32, table: u32) -> Option<bool> {
        self.table.get(&(role, table)).and_then(|p| p.1)
    }
    fn column(&self, role: u32, table: u32, attnum: i16) -> Option<bool> {
        self.column
            .get(&(role, table, attnum))
            .copied()
            .unwrap_or(Some(false))
    }
}

struct Analysis<'a> {
    pool: &'a PgPool,
    database: &'a str,
    out: AccessOutcome,
}

/// Analyse who can read the personal-data tables and columns, and check the server's posture.
pub async fn analyze(db: &Postgres, database: &str, pd: &[PdTable]) -> AccessOutcome {
    let mut a = Analysis {
        pool: db.pool(),
        database,
        out: AccessOutcome::default(),
    };
    a.run(pd).await;
    a.out.access.sort_by(|x, y| {
        (&x.schema, &x.table, &x.column, &x.role).cmp(&(&y.schema, &y.table, &y.column, &y.role))
    });
    crate::findings::normalise(&mut a.out.findings);
    a.out
}

impl<'a> Analysis<'a> {
    async fn run(&mut self, pd: &[PdTable]) {
        let probe = match self.probe().await {
            Ok(p) => p,
            Err(e) => {
                let why = format!("the scanning account's privileges could not be read: {e}");
                self.out.warnings.push(why.clone());
                self.unknown_readers(pd, &why);
                return;
            }
        };
        self.record_visibility(&probe);

        let roles = match self.roles().await {
            Ok(r) => Some(r),
            Err(e) => {
                let why = format!(
                    "login roles could not be listed ({e}); needs SELECT on pg_catalog.pg_roles"
                );
                self.out.warnings.push(why.clone());
                self.unknown_readers(pd, &why);
                None
            }
        };
        let tables = match self.tables(pd).await {
            Ok(t) => Some(t),
            Err(e) => {
                let why = format!(
                    "the personal-data tables' grants could not be read ({e}); needs SELECT on \
                     pg_catalog.pg_class, pg_namespace and pg_attribute"
                );
                self.out.warnings.push(why.clone());
                if roles.is_some() {
                    self.unknown_readers(pd, &why);
                }
                None
            }
        };

        let mut graph = None;
        let mut membership_note = None;
        let mut memberships_unknown = None;
        if let Some(roles) = &roles {
            let pg16 = probe.version >= 160_000;
            match self.members(pg16).await {
                Ok(m) => graph = Some(Graph::new(roles, &m, pg16)),
                Err(e) => {
                    self.out.warnings.push(format!(
                        "pg_catalog.pg_auth_members is not readable by {} ({e}): role memberships \
                         were evaluated with pg_has_role() against the roles that carry grants \
                         only; needs SELECT on pg_catalog.pg_auth_members (granted to PUBLIC by \
                         default) for the full membership chain",
                        probe.user
                    ));
                    membership_note = Some(
                        "membership chain not visible to the scanning account (pg_auth_members); \
                         evaluated with pg_has_role()"
                            .to_string(),
                    );
                    let carriers = carriers(roles, tables.as_deref().unwrap_or(&[]), &probe);
                    match self.members_fallback(roles, &carriers, pg16).await {
                        Ok(m) => graph = Some(Graph::new(roles, &m, true)),
                        Err(e) => {
                            let why = format!("role memberships could not be evaluated: {e}");
                            self.out.warnings.push(why.clone());
                            graph = Some(Graph::new(roles, &[], true));
                            membership_note = Some(why.clone());
                            memberships_unknown = Some(why);
                        }
                    }
                }
            }
        }

        if let (Some(roles), Some(tables), Some(g)) = (&roles, &tables, &graph) {
            self.access(roles, tables, g, &probe, membership_note.as_deref())
                .await;
            if let Some(why) = memberships_unknown {
                // Roles that read only after SET ROLE cannot be found without memberships.
                let pd_found: Vec<PdTable> = tables.iter().map(|t| t.pd.clone()).collect();
                self.unknown_readers(
                    &pd_found,
                    &format!("login roles that can read only after SET ROLE are unknown: {why}"),
                );
            }
        }
        let memberships_complete = graph.is_some() && membership_note.is_none();
        self.posture(
            &probe,
            roles.as_deref(),
            graph.as_ref(),
            memberships_complete,
            tables.as_deref(),
            pd,
        )
        .await;
    }

    async fn probe(&self) -> Result<Probe, String> {
        let row = sqlx::query(PROBE_SQL)
            .fetch_one(self.pool)
            .await
            .map_err(|e| err_line(&e))?;
        let f = || -> Result<Probe, sqlx::Error> {
            let rad: Option<i64> = row.try_get(7)?;
            Ok(Probe {
                user: row.try_get(0)?,
                version: row.try_get(1)?,
                superuser: row.try_get(2)?,
                read_all_settings: row.try_get(3)?,
                read_all_stats: row.try_get(4)?,
                authid: row.try_get(5)?,
                hba: row.try_get(6)?,
                read_all_data: rad.and_then(|v| u32::try_from(v).ok()),
            })
        };
        f().map_err(|e| err_line(&e))
    }

    /// The `pg.scanning_account` record, and one warning per thing the account cannot see.
    fn record_visibility(&mut self, p: &Probe) {
        let yes = |b: bool| if b { "yes" } else { "no" };
        let evidence = format!(
            "scanning as {}: superuser: {}; member of pg_read_all_settings: {}; member of \
             pg_read_all_stats: {}; pg_authid readable: {}; pg_hba_file_rules readable: {}",
            p.user,
            yes(p.superuser),
            yes(p.read_all_settings),
            yes(p.read_all_stats),
            yes(p.authid),
            yes(p.hba)
        );
        let complete = p.authid && p.hba;
        self.check(
            "pg.scanning_account",
            if complete {
                PostureState::Pass
            } else {
                PostureState::Indeterminate
            },
            evidence,
        );
        if !p.authid {
            self.out.warnings.push(format!(
                "pg_authid is not readable by {}: which login roles still have md5 password \
                 hashes cannot be checked (needs superuser)",
                p.user
            ));
        }
        if !p.hba {
            self.out.warnings.push(format!(
                "pg_hba_file_rules is not readable by {}: client authentication rules (trust, \
                 password, non-SSL host lines) cannot be checked (needs superuser, or SELECT on \
                 pg_catalog.pg_hba_file_rules and EXECUTE on pg_catalog.pg_hba_file_rules(); \
                 pg_read_all_settings does not give it)",
                p.user
            ));
        }
    }

    fn check(&mut self, id: &str, state: PostureState, evidence: impl Into<String>) {
        self.out.posture.push(PostureCheck {
            database: self.database.to_string(),
            check: id.to_string(),
            state,
            evidence: evidence.into(),
        });
    }

    /// One indeterminate `*` record per table: who can read it is unknown.
    fn unknown_readers(&mut self, pd: &[PdTable], why: &str) {
        for t in pd {
            let r = crate::access::unknown_readers(self.database, t, why);
            self.out.access.push(r);
        }
    }

    async fn roles(&self) -> Result<Vec<RoleRow>, String> {
        let rows = sqlx::query(ROLES_SQL)
            .fetch_all(self.pool)
            .await
            .map_err(|e| err_line(&e))?;
        rows.iter()
            .map(|r| -> Result<RoleRow, sqlx::Error> {
                Ok(RoleRow {
                    oid: get_oid(r, 0)?,
                    name: r.try_get(1)?,
                    login: r.try_get(2)?,
                    superuser: r.try_get(3)?,
                    inherit: r.try_get(4)?,
                    bypassrls: r.try_get(5)?,
                    createrole: r.try_get(6)?,
                    replication: r.try_get(7)?,
                    no_expiry: r.try_get(8)?,
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| err_line(&e))
            .map(|mut v| {
                v.sort_by(|a, b| a.name.cmp(&b.name));
                v
            })
    }

    async fn members(&self, pg16: bool) -> Result<Vec<MemberRow>, String> {
        let sql = if pg16 { MEMBERS_SQL_16 } else { MEMBERS_SQL };
        let rows = sqlx::query(sql)
            .fetch_all(self.pool)
            .await
            .map_err(|e| err_line(&e))?;
        member_rows(&rows)
    }

    /// Membership rows from `pg_has_role()`: login role → carrier, with the server's answer for
    /// inheritance (USAGE) and SET ROLE (SET on 16+, MEMBER before).
    async fn members_fallback(
        &self,
        roles: &[RoleRow],
        carriers: &[u32],
        pg16: bool,
    ) -> Result<Vec<MemberRow>, String> {
        let logins: Vec<i64> = roles
            .iter()
            .filter(|r| r.login)
            .map(|r| i64::from(r.oid))
            .collect();
        let carriers: Vec<i64> = carriers.iter().map(|c| i64::from(*c)).collect();
        let rows = sqlx::query(MEMBERS_FALLBACK_SQL)
            .bind(&logins)
            .bind(&carriers)
            .bind(if pg16 { "SET" } else { "MEMBER" })
            .fetch_all(self.pool)
            .await
            .map_err(|e| err_line(&e))?;
        member_rows(&rows)
    }

    async fn tables<'p>(&mut self, pd: &'p [PdTable]) -> Result<Vec<TableFacts<'p>>, String> {
        let schemas: Vec<String> = pd.iter().map(|t| t.schema.clone()).collect();
        let names: Vec<String> = pd.iter().map(|t| t.table.clone()).collect();
        let rows = sqlx::query(TABLES_SQL)
            .bind(&schemas)
            .bind(&names)
            .fetch_all(self.pool)
            .await
            .map_err(|e| err_line(&e))?;
        let mut out: Vec<TableFacts<'p>> = Vec::new();
        for r in &rows {
            let f = || -> Result<TableFacts<'p>, sqlx::Error> {
                let i: i64 = r.try_get(0)?;
                let pd_t = usize::try_from(i - 1)
                    .ok()
                    .and_then(|i| pd.get(i))
                    .ok_or_else(|| sqlx::Error::Protocol("table index out of range".into()))?;
                Ok(TableFacts {
                    pd: pd_t,
                    oid: get_oid(r, 1)?,
                    ns: get_oid(r, 2)?,
                    acl: Acl {
                        owner: Some(get_oid(r, 3)?),
                        grantees: Vec::new(),
                    },
                    rls: Rls {
                        enabled: r.try_get(4)?,
                        forced: r.try_get(5)?,
                        policies: None,
                    },
                    public_usage: r.try_get(6)?,
                    columns: Vec::new(),
                })
            };
            out.push(f().map_err(|e| err_line(&e))?);
        }
        for t in pd {
            if !out.iter().any(|f| std::ptr::eq(f.pd, t)) {
                self.out.warnings.push(format!(
                    "{}.{} was not found in the catalog (dropped or renamed since the scan?): its \
                     readers were not analysed",
                    t.schema, t.table
                ));
            }
        }
        let oids: Vec<i64> = out.iter().map(|t| i64::from(t.oid)).collect();
        let index: HashMap<u32, usize> = out.iter().enumerate().map(|(i, t)| (t.oid, i)).collect();

        let rows = sqlx::query(TABLE_GRANTS_SQL)
            .bind(&oids)
            .fetch_all(self.pool)
            .await
            .map_err(|e| err_line(&e))?;
        for r in &rows {
            let (t, grantee) = (get_oid(r, 0), get_oid(r, 1));
            let (t, grantee) = (
                t.map_err(|e| err_line(&e))?,
                grantee.map_err(|e| err_line(&e))?,
            );
            if let Some(&i) = index.get(&t)
                && !out[i].acl.grantees.contains(&grantee)
            {
                out[i].acl.grantees.push(grantee);
            }
        }

        let rows = sqlx::query(COLUMNS_SQL)
            .bind(&oids)
            .fetch_all(self.pool)
            .await
            .map_err(|e| err_line(&e))?;
        for r in &rows {
            let f = || -> Result<(u32, String, i16, Option<i64>), sqlx::Error> {
                Ok((get_oid(r, 0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?))
            };
            let (t, name, attnum, grantee) = f().map_err(|e| err_line(&e))?;
            let Some(&i) = index.get(&t) else { continue };
            if !out[i].pd.columns.contains(&name) {
                continue;
            }
            let grantee = grantee.and_then(|g| u32::try_from(g).ok());
            match out[i].columns.iter_mut().find(|c| c.name == name) {
                Some(c) => {
                    if let Some(g) = grantee
                        && !c.acl.grantees.contains(&g)
                    {
                        c.acl.grantees.push(g);
                    }
                }
                None => out[i].columns.push(ColumnFacts {
                    name,
                    attnum,
                    acl: Acl {
                        owner: None,
                        grantees: grantee.into_iter().collect(),
                    },
                }),
            }
        }
        for t in &mut out {
            // Columns in the scan's order.
            let order = &t.pd.columns;
            t.columns
                .sort_by_key(|c| order.iter().position(|n| *n == c.name));
            for c in order {
                if !t.columns.iter().any(|f| f.name == *c) {
                    self.out.warnings.push(format!(
                        "column {c} of {}.{} was not found in the catalog: its column-level \
                         grants were not analysed",
                        t.pd.schema, t.pd.table
                    ));
                }
            }
        }

        match sqlx::query(POLICIES_SQL)
            .bind(&oids)
            .fetch_all(self.pool)
            .await
        {
            Ok(rows) => {
                for t in &mut out {
                    t.rls.policies = Some((0, 0));
                }
                for r in &rows {
                    let f = || -> Result<(u32, i64, i64), sqlx::Error> {
                        Ok((get_oid(r, 0)?, r.try_get(1)?, r.try_get(2)?))
                    };
                    let (t, reads, all) = f().map_err(|e| err_line(&e))?;
                    if let Some(&i) = index.get(&t) {
                        out[i].rls.policies = Some((reads, all));
                    }
                }
            }
            Err(e) => {
                if out.iter().any(|t| t.rls.enabled) {
                    self.out.warnings.push(format!(
                        "row-level security policies are not visible ({}): readers of tables \
                         with row-level security are marked indeterminate; needs SELECT on \
                         pg_catalog.pg_policy (granted to PUBLIC by default)",
                        err_line(&e)
                    ));
                }
            }
        }
        Ok(out)
    }

    /// The server's answers for `roles` × `tables`.
    async fn server_privs(
        &self,
        roles: &[u32],
        tables: &[TableFacts<'_>],
    ) -> Result<ServerPrivs, String> {
        let r: Vec<i64> = roles.iter().map(|r| i64::from(*r)).collect();
        let t: Vec<i64> = tables.iter().map(|t| i64::from(t.oid)).collect();
        let ns: Vec<i64> = tables.iter().map(|t| i64::from(t.ns)).collect();
        let mut out = ServerPrivs::default();

        let rows = sqlx::query(CONNECT_SQL)
            .bind(&r)
            .fetch_all(self.pool)
            .await
            .map_err(|e| err_line(&e))?;
        for row in &rows {
            let f = || -> Result<(u32, Option<bool>), sqlx::Error> {
                Ok((get_oid(row, 0)?, row.try_get(1)?))
            };
            let (role, c) = f().map_err(|e| err_line(&e))?;
            out.connect.insert(role, c);
        }

        let rows = sqlx::query(TABLE_PRIVS_SQL)
            .bind(&r)
            .bind(&t)
            .bind(&ns)
            .fetch_all(self.pool)
            .await
            .map_err(|e| err_line(&e))?;
        for row in &rows {
            let f = || -> Result<(u32, u32, Option<bool>, Option<bool>), sqlx::Error> {
                Ok((
                    get_oid(row, 0)?,
                    get_oid(row, 1)?,
                    row.try_get(2)?,
                    row.try_get(3)?,
                ))
            };
            let (role, table, sel, usage) = f().map_err(|e| err_line(&e))?;
            out.table.insert((role, table), (sel, usage));
        }

        let mut ct: Vec<i64> = Vec::new();
        let mut cn: Vec<i16> = Vec::new();
        // Without table SELECT, only a column-level grant (attacl) can make a column readable:
        // the other columns need not be asked about.
        for tf in tables {
            for c in tf.columns.iter().filter(|c| !c.acl.grantees.is_empty()) {
                ct.push(i64::from(tf.oid));
                cn.push(c.attnum);
            }
        }
        let rows = sqlx::query(COLUMN_PRIVS_SQL)
            .bind(&r)
            .bind(&ct)
            .bind(&cn)
            .fetch_all(self.pool)
            .await
            .map_err(|e| err_line(&e))?;
        for row in &rows {
            let f = || -> Result<(u32, u32, i16, Option<bool>), sqlx::Error> {
                Ok((
                    get_oid(row, 0)?,
                    get_oid(row, 1)?,
                    row.try_get(2)?,
                    row.try_get(3)?,
                ))
            };
            let (role, table, n, sel) = f().map_err(|e| err_line(&e))?;
            out.column.insert((role, table, n), sel);
        }
        Ok(out)
    }

    async fn access(
        &mut self,
        roles: &[RoleRow],
        tables: &[TableFacts<'_>],
        g: &Graph,
        probe: &Probe,
        membership_note: Option<&str>,
    ) {
        let logins: Vec<&RoleRow> = roles.iter().filter(|r| r.login).collect();
        // The server is asked about the login roles and every role they can SET ROLE to.
        let mut ask: Vec<u32> = logins.iter().map(|r| r.oid).collect();
        let mut seen: HashSet<u32> = ask.iter().copied().collect();
        for l in &logins {
            for &x in g.settable(l.oid) {
                if seen.insert(x) {
                    ask.push(x);
                }
            }
        }
        let server = self.server_privs(&ask, tables).await;
        if let Err(e) = &server {
            self.out.warnings.push(format!(
                "the server could not evaluate the login roles' privileges ({e}): readers are \
                 derived from the catalog ACLs only and marked indeterminate"
            ));
        }
        let rad = probe.read_all_data;
        for t in tables {
            for l in &logins {
                let records = match &server {
                    Ok(s) => self.readers(t, l.oid, g, s, rad),
                    Err(e) => self.readers_from_catalog(t, l.oid, g, rad, e),
                };
                for mut r in records {
                    if let Some(note) = membership_note
                        && (r.via.starts_with("inherited from") || r.via.starts_with("can SET"))
                    {
                        r.note = Some(match r.note.take() {
                            Some(n) => format!("{n}; {note}"),
                            None => note.to_string(),
                        });
                    }
                    self.out.access.push(r);
                }
            }
        }
    }

    /// Records for login role `l` on table `t`, from the server's answers.
    fn readers(
        &self,
        t: &TableFacts<'_>,
        l: u32,
        g: &Graph,
        s: &ServerPrivs,
        rad: Option<u32>,
    ) -> Vec<AccessRecord> {
        let mut out = Vec::new();
        let mut notes: Vec<String> = Vec::new();
        let mut unsure = false;
        match s.connect.get(&l).copied().flatten() {
            Some(false) => return out,
            Some(true) => {}
            None => {
                unsure = true;
                notes.push(
                    "whether this role may CONNECT to the database could not be evaluated".into(),
                );
            }
        }
        let carries_table = |x: u32| t.acl.carries(x) || g.is_superuser(x) || Some(x) == rad;
        match s.reads(l, t.oid) {
            Some(true) => match own_path(g, l, &t.acl, rad) {
                Some(v) => out.push(self.record(t, None, l, g, v.describe(g), l, unsure, &notes)),
                None => {
                    let mut n = notes.clone();
                    n.push(
                        "the server reports SELECT, but no path was found in the catalog ACLs \
                         and role memberships"
                            .into(),
                    );
                    out.push(self.record(t, None, l, g, "not determined".into(), l, unsure, &n));
                }
            },
            None => {
                let mut n = notes.clone();
                n.push(
                    "has_table_privilege/has_schema_privilege gave no answer for this role; path \
                     from the catalog ACLs only"
                        .into(),
                );
                if let Some(v) = own_path(g, l, &t.acl, rad) {
                    out.push(self.record(t, None, l, g, v.describe(g), l, true, &n));
                }
            }
            Some(false) => {
                let own_usage = s.usage(l, t.oid);
                let mut readable_cols: HashSet<i16> = HashSet::new();
                // Without table SELECT only a column-level grant makes a column readable.
                let granted: Vec<&ColumnFacts> = t
                    .columns
                    .iter()
                    .filter(|c| !c.acl.grantees.is_empty())
                    .collect();
                for c in &granted {
                    match (own_usage, s.column(l, t.oid, c.attnum)) {
                        (Some(true), Some(true)) => {
                            readable_cols.insert(c.attnum);
                            let via = own_path(g, l, &c.acl, None)
                                .map(|v| v.describe(g))
                                .unwrap_or_else(|| "not determined".into());
                            out.push(self.record(t, Some(&c.name), l, g, via, l, unsure, &notes));
                        }
                        (Some(false), _) | (_, Some(false)) => {}
                        _ => {
                            let mut n = notes.clone();
                            n.push("has_column_privilege gave no answer for this role".into());
                            if let Some(v) = own_path(g, l, &c.acl, None) {
                                out.push(self.record(
                                    t,
                                    Some(&c.name),
                                    l,
                                    g,
                                    v.describe(g),
                                    l,
                                    true,
                                    &n,
                                ));
                            }
                        }
                    }
                }
                // Readable only after SET ROLE.
                let whole = set_role_path(g, l, |x| s.reads(x, t.oid) == Some(true), carries_table);
                if let Some(v @ Via::SetRole(x)) = whole {
                    out.push(self.record(t, None, l, g, v.describe(g), x, unsure, &notes));
                } else {
                    for c in &granted {
                        if readable_cols.contains(&c.attnum) {
                            continue;
                        }
                        let v = set_role_path(
                            g,
                            l,
                            |x| {
                                s.usage(x, t.oid) == Some(true)
                                    && s.column(x, t.oid, c.attnum) == Some(true)
                            },
                            |x| c.acl.grantees.contains(&x),
                        );
                        if let Some(v @ Via::SetRole(x)) = v {
                            out.push(self.record(
                                t,
                                Some(&c.name),
                                l,
                                g,
                                v.describe(g),
                                x,
                                unsure,
                                &notes,
                            ));
                        }
                    }
                }
                // The owner can always grant itself SELECT again.
                if out.is_empty() && t.acl.owner == Some(l) && own_usage == Some(true) {
                    let mut n = notes.clone();
                    n.push(
                        "the owner has revoked its own SELECT but can grant it back at any time"
                            .into(),
                    );
                    out.push(self.record(t, None, l, g, Via::Owner.describe(g), l, unsure, &n));
                }
            }
        }
        out
    }

    /// Records for login role `l` on table `t` when the server could not be asked: derived
    /// from the catalog, always indeterminate.
    fn readers_from_catalog(
        &self,
        t: &TableFacts<'_>,
        l: u32,
        g: &Graph,
        rad: Option<u32>,
        why: &str,
    ) -> Vec<AccessRecord> {
        let notes = vec![format!(
            "not confirmed by the server ({why}); derived from the catalog ACLs, schema USAGE \
             and database CONNECT not checked"
        )];
        let mut out = Vec::new();
        let own = |x: u32| own_path(g, x, &t.acl, rad).is_some();
        if let Some(v) = own_path(g, l, &t.acl, rad) {
            out.push(self.record(t, None, l, g, v.describe(g), l, true, &notes));
            return out;
        }
        for c in &t.columns {
            if let Some(v) = own_path(g, l, &c.acl, None) {
                out.push(self.record(t, Some(&c.name), l, g, v.describe(g), l, true, &notes));
            }
        }
        if let Some(v @ Via::SetRole(x)) =
            set_role_path(g, l, own, |x| t.acl.carries(x) || g.is_superuser(x))
        {
            out.push(self.record(t, None, l, g, v.describe(g), x, true, &notes));
        }
        out
    }

    /// One access record; `acting` is the role whose attributes decide row-level security.
    #[allow(clippy::too_many_arguments)]
    fn record(
        &self,
        t: &TableFacts<'_>,
        column: Option<&str>,
        login: u32,
        g: &Graph,
        via: String,
        acting: u32,
        unsure: bool,
        notes: &[String],
    ) -> AccessRecord {
        let mut notes: Vec<String> = notes.to_vec();
        let mut unsure = unsure;
        if let Some((n, unknown)) = rls_note(g, &t.rls, acting, t.owner()) {
            notes.insert(0, n);
            unsure |= unknown;
        }
        AccessRecord {
            database: self.database.to_string(),
            schema: t.pd.schema.clone(),
            table: t.pd.table.clone(),
            column: column.map(str::to_string),
            role: g.name(login),
            privilege: "SELECT".into(),
            via,
            state: if unsure {
                AccessState::Indeterminate
            } else {
                AccessState::Confirmed
            },
            note: if notes.is_empty() {
                None
            } else {
                Some(notes.join("; "))
            },
        }
    }

    // -----------------------------------------------------------------------------------------
    // Posture
    // -----------------------------------------------------------------------------------------

    async fn posture(
        &mut self,
        probe: &Probe,
        roles: Option<&[RoleRow]>,
        g: Option<&Graph>,
        memberships_complete: bool,
        tables: Option<&[TableFacts<'_>]>,
        pd: &[PdTable],
    ) {
        match roles {
            Some(roles) => self.role_attributes(roles, g, probe, pd),
            None => {
                for id in [
                    "pg.superuser_login_roles",
                    "pg.bypassrls_login_roles",
                    "pg.createrole_login_roles",
                    "pg.replication_login_roles",
                    "pg.login_roles_without_expiry",
                    "pg.read_all_data_members",
                ] {
                    self.check(
                        id,
                        PostureState::Indeterminate,
                        "login roles could not be listed (needs SELECT on pg_catalog.pg_roles)",
                    );
                }
            }
        }
        let public_connect = self.settings(probe).await;
        match tables {
            Some(t) => self.public_read(t, public_connect),
            None => self.check(
                "pg.pd_readable_by_public",
                PostureState::Indeterminate,
                "the grants on the personal-data tables could not be read",
            ),
        }
        self.md5_hashes(probe).await;
        self.hba(probe).await;
        self.schema_create().await;
        self.default_acl(roles, g, memberships_complete).await;
        match (tables, roles) {
            (Some(t), Some(r)) => self.owner_rights_views(t, r, g, probe.version).await,
            _ => self.check(
                "pg.owner_rights_views",
                PostureState::Indeterminate,
                "the personal-data tables or the login roles could not be read",
            ),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn role_check(
        &mut self,
        id: &str,
        attribute: &str,
        offenders: Vec<String>,
        pass: String,
        severity: Severity,
        title: String,
        recommendation: String,
        references: &[&str],
    ) {
        if offenders.is_empty() {
            self.check(id, PostureState::Pass, pass);
            return;
        }
        let evidence = format!(
            "{} login {} with {attribute}: {}",
            offenders.len(),
            plural(offenders.len() as i64, "role", "roles"),
            names_line(&offenders)
        );
        self.check(id, PostureState::Fail, evidence.clone());
        self.out.findings.push(finding(
            id,
            severity,
            title,
            FindingSource::Posture,
            self.database,
            vec![evidence],
            recommendation,
            references,
        ));
    }

    fn role_attributes(
        &mut self,
        roles: &[RoleRow],
        g: Option<&Graph>,
        probe: &Probe,
        pd: &[PdTable],
    ) {
        let logins: Vec<&RoleRow> = roles.iter().filter(|r| r.login).collect();
        let names = |f: &dyn Fn(&RoleRow) -> bool| -> Vec<String> {
            logins
                .iter()
                .filter(|r| f(r))
                .map(|r| r.name.clone())
                .collect()
        };
        let first_sql = |v: &[String], tmpl: &str| -> String {
            v.iter()
                .take(MAX_NAMES)
                .map(|n| tmpl.replace("{}", &sql_ident(n)))
                .collect::<Vec<_>>()
                .join(" ")
        };

        let bootstrap = roles
            .iter()
            .find(|r| r.oid == BOOTSTRAP_SUPERUSER)
            .map(|r| r.name.clone())
            .unwrap_or_else(|| "the bootstrap superuser".into());
        let supers = names(&|r| r.superuser && r.oid != BOOTSTRAP_SUPERUSER);
        let n = supers.len();
        let sql = first_sql(&supers, "ALTER ROLE {} NOSUPERUSER;");
        self.role_check(
            "pg.superuser_login_roles",
            &format!("SUPERUSER besides the bootstrap superuser {bootstrap}"),
            supers,
            format!("no login role besides the bootstrap superuser {bootstrap} has SUPERUSER"),
            Severity::Medium,
            format!(
                "{n} {} can log in as superuser and bypass every access control on all data",
                plural(n as i64, "account", "accounts")
            ),
            format!(
                "Remove SUPERUSER from accounts that do not administer the server: {sql} Give \
                 administrators a NOLOGIN role they SET ROLE to when needed, and use predefined \
                 roles (pg_monitor, pg_read_all_stats) for monitoring."
            ),
            &[
                "CIS PostgreSQL Benchmark 4.2",
                "CIS PostgreSQL Benchmark 4.7",
                "GDPR Art. 32",
            ],
        );

        let v = names(&|r| r.bypassrls && !r.superuser);
        let n = v.len();
        let sql = first_sql(&v, "ALTER ROLE {} NOBYPASSRLS;");
        self.role_check(
            "pg.bypassrls_login_roles",
            "BYPASSRLS (not superusers)",
            v,
            "no non-superuser login role has BYPASSRLS".into(),
            Severity::Medium,
            format!(
                "{n} {} ignore row-level security and see every row",
                plural(n as i64, "account", "accounts")
            ),
            format!("Remove BYPASSRLS unless the account runs backups or similar jobs: {sql}"),
            &[
                "CIS PostgreSQL Benchmark 4.5",
                "GDPR Art. 32",
                "GDPR Art. 25",
            ],
        );

        let v = names(&|r| r.createrole && !r.superuser);
        let n = v.len();
        let sql = first_sql(&v, "ALTER ROLE {} NOCREATEROLE;");
        let extra = if probe.version < 160_000 {
            " Before PostgreSQL 16, CREATEROLE can grant membership in any non-superuser role, \
             including pg_read_all_data."
        } else {
            ""
        };
        self.role_check(
            "pg.createrole_login_roles",
            "CREATEROLE (not superusers)",
            v,
            "no non-superuser login role has CREATEROLE".into(),
            Severity::Medium,
            format!(
                "{n} {} can create roles and hand out access to data",
                plural(n as i64, "account", "accounts")
            ),
            format!("Keep CREATEROLE for a dedicated administration role: {sql}{extra}"),
            &["CIS PostgreSQL Benchmark 4.2", "GDPR Art. 32"],
        );

        let v = names(&|r| r.replication && !r.superuser);
        let n = v.len();
        let sql = first_sql(&v, "ALTER ROLE {} NOREPLICATION;");
        self.role_check(
            "pg.replication_login_roles",
            "REPLICATION (not superusers)",
            v,
            "no non-superuser login role has REPLICATION".into(),
            Severity::Medium,
            format!(
                "{n} {} can stream a copy of every database on the server",
                plural(n as i64, "account", "accounts")
            ),
            format!(
                "Keep REPLICATION for the standby and backup accounts only, and restrict them \
                 in pg_hba.conf to the replication hosts: {sql}"
            ),
            &["CIS PostgreSQL Benchmark 4.2", "GDPR Art. 32"],
        );

        let v = names(&|r| r.no_expiry);
        let total = logins.len();
        let n = v.len();
        if n == 0 {
            self.check(
                "pg.login_roles_without_expiry",
                PostureState::Pass,
                format!("all {total} login roles have a password expiry (VALID UNTIL)"),
            );
        } else {
            let evidence = format!(
                "{n} of {total} login roles have no password expiry (VALID UNTIL): {}",
                names_line(&v)
            );
            self.check(
                "pg.login_roles_without_expiry",
                PostureState::Fail,
                evidence.clone(),
            );
            self.out.findings.push(finding(
                "pg.login_roles_without_expiry",
                Severity::Low,
                format!("{n} database accounts have passwords that never expire"),
                FindingSource::Posture,
                self.database,
                vec![evidence],
                format!(
                    "Set an expiry on password-authenticated accounts and rotate them, e.g. \
                     ALTER ROLE {} VALID UNTIL '2026-12-31'; (accounts that log in only with \
                     certificates or peer authentication do not need one).",
                    sql_ident(&v[0])
                ),
                &["PCI DSS 8.3.9", "GDPR Art. 32"],
            ));
        }

        // Non-superuser login roles holding pg_read_all_data.
        match (probe.read_all_data, g) {
            (None, _) => self.check(
                "pg.read_all_data_members",
                PostureState::Pass,
                "pg_read_all_data does not exist on this server (before PostgreSQL 14)",
            ),
            (Some(_), None) => self.check(
                "pg.read_all_data_members",
                PostureState::Indeterminate,
                "role memberships could not be read",
            ),
            (Some(rad), Some(g)) => {
                let holders: Vec<String> = logins
                    .iter()
                    .filter(|r| !r.superuser && g.inherited(r.oid).contains(&rad))
                    .map(|r| r.name.clone())
                    .collect();
                let n = holders.len();
                let sql = holders
                    .iter()
                    .take(MAX_NAMES)
                    .map(|h| format!("REVOKE pg_read_all_data FROM {};", sql_ident(h)))
                    .collect::<Vec<_>>()
                    .join(" ");
                let mut refs = vec![
                    "CIS PostgreSQL Benchmark 4.2",
                    "GDPR Art. 25",
                    "GDPR Art. 32",
                ];
                if has_card_data(pd) {
                    refs.push("PCI DSS 7.2");
                }
                self.role_check(
                    "pg.read_all_data_members",
                    "pg_read_all_data (not superusers)",
                    holders,
                    "no non-superuser login role holds pg_read_all_data".into(),
                    Severity::Medium,
                    format!(
                        "{n} {} can read every table in every database",
                        plural(n as i64, "account", "accounts")
                    ),
                    format!(
                        "Grant SELECT on the tables each account needs instead of \
                         pg_read_all_data: {sql}"
                    ),
                    &refs,
                );
            }
        }
    }

    /// ssl and password_encryption; returns whether PUBLIC may CONNECT to the database.
    async fn settings(&mut self, probe: &Probe) -> Option<bool> {
        let row = match sqlx::query(SETTINGS_SQL).fetch_one(self.pool).await {
            Ok(r) => r,
            Err(e) => {
                let why = format!("the server settings could not be read: {}", err_line(&e));
                self.check("pg.ssl", PostureState::Indeterminate, why.clone());
                self.check("pg.password_encryption", PostureState::Indeterminate, why);
                return None;
            }
        };
        let f = || -> Result<(String, String, Option<bool>), sqlx::Error> {
            Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?))
        };
        let (ssl, enc, public_connect) = match f() {
            Ok(v) => v,
            Err(e) => {
                let why = format!("the server settings could not be read: {}", err_line(&e));
                self.check("pg.ssl", PostureState::Indeterminate, why.clone());
                self.check("pg.password_encryption", PostureState::Indeterminate, why);
                return None;
            }
        };
        let session: Option<bool> = sqlx::query_scalar(SESSION_SSL_SQL)
            .fetch_optional(self.pool)
            .await
            .ok()
            .flatten();
        let session = match session {
            Some(true) => "; this scan's own connection is encrypted",
            Some(false) => "; this scan's own connection is not encrypted",
            None => "",
        };
        if ssl == "on" {
            self.check("pg.ssl", PostureState::Pass, format!("ssl = on{session}"));
        } else {
            let evidence = format!("ssl = {ssl}{session}");
            self.check("pg.ssl", PostureState::Fail, evidence.clone());
            self.out.findings.push(finding(
                "pg.ssl",
                Severity::High,
                "Connections to the database are not encrypted",
                FindingSource::Posture,
                self.database,
                vec![
                    evidence,
                    "personal data and passwords cross the network in clear text".into(),
                ],
                "Install a server certificate and key, then ALTER SYSTEM SET ssl = 'on'; SELECT \
                 pg_reload_conf(); and change host lines in pg_hba.conf to hostssl.",
                &[
                    "CIS PostgreSQL Benchmark 6.8",
                    "GDPR Art. 32",
                    "PCI DSS 4.2.1",
                ],
            ));
        }
        // Before PostgreSQL 14, `on` meant md5.
        if enc == "md5" || (enc == "on" && probe.version < 140_000) {
            let evidence = format!("password_encryption = {enc}: new passwords are stored as md5");
            self.check(
                "pg.password_encryption",
                PostureState::Fail,
                evidence.clone(),
            );
            self.out.findings.push(finding(
                "pg.password_encryption",
                Severity::Medium,
                "New database passwords are stored with the weak md5 scheme",
                FindingSource::Posture,
                self.database,
                vec![evidence],
                "ALTER SYSTEM SET password_encryption = 'scram-sha-256'; SELECT pg_reload_conf(); \
                 then have each account set its password again (\\password in psql) and use \
                 scram-sha-256 in pg_hba.conf.",
                &["GDPR Art. 32", "PCI DSS 8.3.2"],
            ));
        } else {
            self.check(
                "pg.password_encryption",
                PostureState::Pass,
                format!("password_encryption = {enc}"),
            );
        }
        public_connect
    }

    fn public_read(&mut self, tables: &[TableFacts<'_>], public_connect: Option<bool>) {
        let mut exposed: Vec<String> = Vec::new();
        for t in tables {
            let whole = t.acl.grantees.contains(&PUBLIC);
            let cols: Vec<&str> = t
                .columns
                .iter()
                .filter(|c| c.acl.grantees.contains(&PUBLIC))
                .map(|c| c.name.as_str())
                .collect();
            if !whole && cols.is_empty() {
                continue;
            }
            let what = if whole {
                format!("SELECT on {} is granted to PUBLIC", t.name())
            } else {
                format!(
                    "SELECT on {} {} of {} is granted to PUBLIC",
                    plural(cols.len() as i64, "column", "columns"),
                    cols.join(", "),
                    t.name()
                )
            };
            let via_public = self
                .out
                .access
                .iter()
                .filter(|r| r.schema == t.pd.schema && r.table == t.pd.table && r.via == "PUBLIC")
                .map(|r| r.role.clone())
                .collect::<HashSet<_>>()
                .len();
            let mut evidence = vec![
                what.clone(),
                format!(
                    "the table holds {} (highest sensitivity: {})",
                    t.pd.categories.join(", "),
                    t.pd.sensitivity.name()
                ),
                format!(
                    "{via_public} login {} can read it only through this grant",
                    plural(via_public as i64, "role", "roles")
                ),
            ];
            match t.public_usage {
                Some(true) => {
                    evidence.push(format!("PUBLIC also has USAGE on schema {}", t.pd.schema))
                }
                Some(false) => evidence.push(format!(
                    "PUBLIC has no USAGE on schema {}: every role with USAGE on it can read",
                    t.pd.schema
                )),
                None => {}
            }
            if public_connect == Some(true) {
                evidence.push("PUBLIC may CONNECT to the database".into());
            }
            exposed.push(what);
            let revoke = if whole {
                format!("REVOKE SELECT ON {} FROM PUBLIC;", t.sql_name())
            } else {
                format!(
                    "REVOKE SELECT ({}) ON {} FROM PUBLIC;",
                    cols.iter()
                        .map(|c| sql_ident(c))
                        .collect::<Vec<_>>()
                        .join(", "),
                    t.sql_name()
                )
            };
            let mut refs = vec![
                "GDPR Art. 32",
                "GDPR Art. 25",
                "CIS PostgreSQL Benchmark 4.4",
            ];
            if t.pd.categories.iter().any(|c| c == "payment_card") {
                refs.push("PCI DSS 7.2");
            }
            self.out.findings.push(finding(
                "pg.pd_readable_by_public",
                public_read_severity(t.pd),
                format!(
                    "Every database account can read the personal data in {}",
                    t.name()
                ),
                FindingSource::Access,
                format!("{}.{}", self.database, t.name()),
                evidence,
                format!(
                    "{revoke} then grant SELECT only to the roles that need it, e.g. GRANT \
                     SELECT ON {} TO app_reader;",
                    t.sql_name()
                ),
                &refs,
            ));
        }
        if !exposed.is_empty() {
            self.check(
                "pg.pd_readable_by_public",
                PostureState::Fail,
                exposed.join("; "),
            );
        } else {
            self.check(
                "pg.pd_readable_by_public",
                PostureState::Pass,
                format!(
                    "no SELECT grant to PUBLIC on the {} personal-data {}",
                    tables.len(),
                    plural(tables.len() as i64, "table", "tables")
                ),
            );
        }
    }

    async fn md5_hashes(&mut self, probe: &Probe) {
        if !probe.authid {
            self.check(
                "pg.md5_password_hashes",
                PostureState::Indeterminate,
                format!(
                    "pg_authid is not readable by {} (needs superuser): stored password hash \
                     types cannot be checked",
                    probe.user
                ),
            );
            return;
        }
        let names: Vec<String> = match sqlx::query_scalar(MD5_SQL).fetch_all(self.pool).await {
            Ok(v) => v,
            Err(e) => {
                self.check(
                    "pg.md5_password_hashes",
                    PostureState::Indeterminate,
                    format!("pg_authid could not be read: {}", err_line(&e)),
                );
                return;
            }
        };
        if names.is_empty() {
            self.check(
                "pg.md5_password_hashes",
                PostureState::Pass,
                "no login role has an md5 password hash",
            );
            return;
        }
        let evidence = format!(
            "{} login {} with an md5 password hash: {}",
            names.len(),
            plural(names.len() as i64, "role", "roles"),
            names_line(&names)
        );
        self.check(
            "pg.md5_password_hashes",
            PostureState::Fail,
            evidence.clone(),
        );
        self.out.findings.push(finding(
            "pg.md5_password_hashes",
            Severity::Medium,
            format!(
                "{} database {} still stored with the weak md5 scheme",
                names.len(),
                plural(names.len() as i64, "password is", "passwords are")
            ),
            FindingSource::Posture,
            self.database,
            vec![evidence],
            format!(
                "ALTER SYSTEM SET password_encryption = 'scram-sha-256'; SELECT pg_reload_conf(); \
                 then set each listed account's password again (\\password {} in psql), and \
                 switch md5 to scram-sha-256 in pg_hba.conf.",
                sql_ident(&names[0])
            ),
            &["GDPR Art. 32", "PCI DSS 8.3.2"],
        ));
    }

    async fn hba(&mut self, probe: &Probe) {
        const IDS: [&str; 3] = ["pg.hba_trust", "pg.hba_password", "pg.hba_host_without_ssl"];
        if !probe.hba {
            let why = format!(
                "pg_hba_file_rules is not readable by {}: on PostgreSQL 15 it needs superuser \
                 (or SELECT on pg_catalog.pg_hba_file_rules and EXECUTE on \
                 pg_catalog.pg_hba_file_rules()); pg_read_all_settings does not give it",
                probe.user
            );
            for id in IDS {
                self.check(id, PostureState::Indeterminate, why.clone());
            }
            return;
        }
        let rows = match sqlx::query(HBA_SQL).fetch_all(self.pool).await {
            Ok(r) => r,
            Err(e) => {
                let why = format!("pg_hba_file_rules could not be read: {}", err_line(&e));
                for id in IDS {
                    self.check(id, PostureState::Indeterminate, why.clone());
                }
                return;
            }
        };
        let mut lines = Vec::new();
        for r in &rows {
            let f = || -> Result<HbaLine, sqlx::Error> {
                Ok(HbaLine {
                    line: r.try_get::<Option<i32>, _>(0)?.unwrap_or(0),
                    kind: r.try_get::<Option<String>, _>(1)?.unwrap_or_default(),
                    databases: r.try_get::<Option<Vec<String>>, _>(2)?.unwrap_or_default(),
                    users: r.try_get::<Option<Vec<String>>, _>(3)?.unwrap_or_default(),
                    address: r.try_get(4)?,
                    netmask: r.try_get(5)?,
                    method: r.try_get(6)?,
                    error: r.try_get(7)?,
                })
            };
            match f() {
                Ok(l) => lines.push(l),
                Err(e) => {
                    let why = format!("pg_hba_file_rules could not be decoded: {}", err_line(&e));
                    for id in IDS {
                        self.check(id, PostureState::Indeterminate, why.clone());
                    }
                    return;
                }
            }
        }
        let broken: Vec<i32> = lines
            .iter()
            .filter(|l| l.error.is_some())
            .map(|l| l.line)
            .collect();
        if !broken.is_empty() {
            self.out.warnings.push(format!(
                "pg_hba.conf has lines the server cannot parse (ignored here): {}",
                broken
                    .iter()
                    .map(|l| format!("line {l}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let valid: Vec<&HbaLine> = lines.iter().filter(|l| l.error.is_none()).collect();
        let total = valid.len();
        let method = |l: &HbaLine, m: &str| l.method.as_deref() == Some(m);

        let trust: Vec<String> = valid
            .iter()
            .filter(|l| method(l, "trust"))
            .map(|l| l.describe())
            .collect();
        self.hba_check(
            "pg.hba_trust",
            trust,
            total,
            "use the trust method (anyone who reaches them logs in as any role, no password)",
            Severity::High,
            "Anyone who can reach the database can log in as any account without a password",
            "Replace trust with scram-sha-256 (or peer for local socket lines) in pg_hba.conf, \
             e.g. `host all all 127.0.0.1/32 scram-sha-256`, then SELECT pg_reload_conf();",
            &[
                "CIS PostgreSQL Benchmark 5.1",
                "CIS PostgreSQL Benchmark 5.2",
                "GDPR Art. 32",
            ],
        );

        let password: Vec<String> = valid
            .iter()
            .filter(|l| method(l, "password"))
            .map(|l| l.describe())
            .collect();
        self.hba_check(
            "pg.hba_password",
            password,
            total,
            "use the password method (the password is sent in clear text)",
            Severity::Medium,
            "Database passwords are sent in clear text when accounts log in",
            "Replace password with scram-sha-256 in pg_hba.conf, then SELECT pg_reload_conf();",
            &[
                "CIS PostgreSQL Benchmark 5.2",
                "GDPR Art. 32",
                "PCI DSS 8.3.2",
            ],
        );

        let plain: Vec<String> = valid
            .iter()
            .filter(|l| (l.kind == "host" || l.kind == "hostnossl") && !l.is_local())
            .map(|l| l.describe())
            .collect();
        self.hba_check(
            "pg.hba_host_without_ssl",
            plain,
            total,
            "accept connections from other machines without requiring SSL",
            Severity::Medium,
            "Remote connections to the database are allowed without encryption",
            "Change these lines from host (or hostnossl) to hostssl in pg_hba.conf so remote \
             clients must use SSL, then SELECT pg_reload_conf();",
            &[
                "CIS PostgreSQL Benchmark 5.2",
                "CIS PostgreSQL Benchmark 6.8",
                "GDPR Art. 32",
            ],
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn hba_check(
        &mut self,
        id: &str,
        offenders: Vec<String>,
        total: usize,
        what: &str,
        severity: Severity,
        title: &str,
        recommendation: &str,
        references: &[&str],
    ) {
        if offenders.is_empty() {
            self.check(
                id,
                PostureState::Pass,
                format!("none of the {total} pg_hba.conf lines {what}"),
            );
            return;
        }
        let head = format!("{} of {total} pg_hba.conf lines {what}", offenders.len());
        self.check(
            id,
            PostureState::Fail,
            format!("{head}: {}", offenders.join("; ")),
        );
        let mut evidence = vec![head];
        evidence.extend(offenders);
        self.out.findings.push(finding(
            id,
            severity,
            title,
            FindingSource::Posture,
            self.database,
            evidence,
            recommendation,
            references,
        ));
    }

    async fn schema_create(&mut self) {
        let rows = match sqlx::query(SCHEMA_CREATE_SQL).fetch_all(self.pool).await {
            Ok(r) => r,
            Err(e) => {
                self.check(
                    "pg.public_schema_create",
                    PostureState::Indeterminate,
                    format!(
                        "schema privileges could not be read ({}); needs SELECT on \
                         pg_catalog.pg_namespace",
                        err_line(&e)
                    ),
                );
                return;
            }
        };
        let mut open = Vec::new();
        for r in &rows {
            let f =
                || -> Result<(String, bool), sqlx::Error> { Ok((r.try_get(0)?, r.try_get(1)?)) };
            match f() {
                Ok((name, true)) => open.push(name),
                Ok(_) => {}
                Err(e) => {
                    self.check(
                        "pg.public_schema_create",
                        PostureState::Indeterminate,
                        format!("schema privileges could not be decoded: {}", err_line(&e)),
                    );
                    return;
                }
            }
        }
        if open.is_empty() {
            self.check(
                "pg.public_schema_create",
                PostureState::Pass,
                format!("PUBLIC has CREATE on no schema ({} checked)", rows.len()),
            );
            return;
        }
        let evidence = format!(
            "PUBLIC has CREATE on {} {}: {}",
            open.len(),
            plural(open.len() as i64, "schema", "schemas"),
            names_line(&open)
        );
        self.check(
            "pg.public_schema_create",
            PostureState::Fail,
            evidence.clone(),
        );
        let sql = open
            .iter()
            .take(MAX_NAMES)
            .map(|s| format!("REVOKE CREATE ON SCHEMA {} FROM PUBLIC;", sql_ident(s)))
            .collect::<Vec<_>>()
            .join(" ");
        self.out.findings.push(finding(
            "pg.public_schema_create",
            Severity::Medium,
            "Any database account can create objects in a shared schema",
            FindingSource::Posture,
            self.database,
            vec![
                evidence,
                "a planted function or table there can run with another user's rights or capture \
                 their data (search_path attacks)"
                    .into(),
            ],
            format!("{sql} (the default since PostgreSQL 15)"),
            &["GDPR Art. 32", "PostgreSQL docs: ddl-schemas-patterns"],
        ));
    }

    async fn default_acl(
        &mut self,
        roles: Option<&[RoleRow]>,
        g: Option<&Graph>,
        memberships_complete: bool,
    ) {
        let rows = match sqlx::query(DEFAULT_ACL_SQL).fetch_all(self.pool).await {
            Ok(r) => r,
            Err(e) => {
                self.check(
                    "pg.default_acl_broad",
                    PostureState::Indeterminate,
                    format!(
                        "default privileges could not be read ({}); needs SELECT on \
                         pg_catalog.pg_default_acl",
                        err_line(&e)
                    ),
                );
                return;
            }
        };
        // A role is broad when at least half of the login roles (and at least 3) inherit it.
        let logins: Vec<u32> = roles
            .unwrap_or(&[])
            .iter()
            .filter(|r| r.login)
            .map(|r| r.oid)
            .collect();
        let members_of = |x: u32| -> usize {
            g.map(|g| {
                logins
                    .iter()
                    .filter(|l| **l == x || g.inherited(**l).contains(&x))
                    .count()
            })
            .unwrap_or(0)
        };
        let name = |oid: u32| -> String {
            g.map(|g| g.name(oid)).unwrap_or_else(|| {
                if oid == PUBLIC {
                    "PUBLIC".into()
                } else {
                    format!("(role with OID {oid})")
                }
            })
        };
        // (owner, schema, object type) → grantee → privileges
        type Key = (u32, Option<String>, String);
        let mut entries: Vec<(Key, u32, Vec<String>)> = Vec::new();
        for r in &rows {
            let f = || -> Result<(u32, Option<String>, String, u32, String), sqlx::Error> {
                Ok((
                    get_oid(r, 0)?,
                    r.try_get(1)?,
                    r.try_get(2)?,
                    get_oid(r, 3)?,
                    r.try_get(4)?,
                ))
            };
            let Ok((owner, schema, kind, grantee, privilege)) = f() else {
                continue;
            };
            let key = (owner, schema, kind);
            match entries
                .iter_mut()
                .find(|(k, gr, _)| *k == key && *gr == grantee)
            {
                Some((_, _, p)) => p.push(privilege),
                None => entries.push((key, grantee, vec![privilege])),
            }
        }
        let mut failed: Vec<String> = Vec::new();
        let mut unsure: Vec<String> = Vec::new();
        let threshold = (logins.len().div_ceil(2)).max(3);
        for ((owner, schema, kind), grantee, privs) in &entries {
            let broad = if *grantee == PUBLIC {
                Some("PUBLIC (every role)".to_string())
            } else if !memberships_complete {
                unsure.push(name(*grantee));
                None
            } else {
                let n = members_of(*grantee);
                (n >= threshold).then(|| {
                    format!(
                        "{} ({n} of {} login roles inherit it)",
                        name(*grantee),
                        logins.len()
                    )
                })
            };
            let Some(broad) = broad else { continue };
            let objects = if kind == "S" { "sequences" } else { "tables" };
            let scope = match schema {
                Some(s) => format!("in schema {s}"),
                None => "in all schemas".into(),
            };
            let evidence = format!(
                "default privileges of {} {scope} grant {} on future {objects} to {broad}",
                name(*owner),
                privs.join(", ")
            );
            failed.push(evidence.clone());
            let in_schema = schema
                .as_ref()
                .map(|s| format!(" IN SCHEMA {}", sql_ident(s)))
                .unwrap_or_default();
            let grantee_sql = if *grantee == PUBLIC {
                "PUBLIC".to_string()
            } else {
                sql_ident(&name(*grantee))
            };
            let reads = kind == "r" && privs.iter().any(|p| p == "SELECT");
            self.out.findings.push(finding(
                "pg.default_acl_broad",
                if reads && *grantee == PUBLIC {
                    Severity::High
                } else {
                    Severity::Medium
                },
                format!(
                    "Every new {} created by {} is automatically shared with {}",
                    if kind == "S" { "sequence" } else { "table" },
                    name(*owner),
                    if *grantee == PUBLIC {
                        "everyone".to_string()
                    } else {
                        format!("the broad role {}", name(*grantee))
                    }
                ),
                FindingSource::Posture,
                format!(
                    "{}: default privileges of {} {scope} ({objects}, {})",
                    self.database,
                    name(*owner),
                    name(*grantee)
                ),
                vec![evidence],
                format!(
                    "ALTER DEFAULT PRIVILEGES FOR ROLE {}{in_schema} REVOKE ALL ON {} FROM {}; \
                     then grant access per table to the roles that need it.",
                    sql_ident(&name(*owner)),
                    objects.to_uppercase(),
                    grantee_sql
                ),
                &[
                    "GDPR Art. 25",
                    "GDPR Art. 32",
                    "CIS PostgreSQL Benchmark 4.4",
                ],
            ));
        }
        if !failed.is_empty() {
            self.check(
                "pg.default_acl_broad",
                PostureState::Fail,
                failed.join("; "),
            );
        } else if !unsure.is_empty() {
            self.check(
                "pg.default_acl_broad",
                PostureState::Indeterminate,
                format!(
                    "default privileges grant future tables or sequences to {}; how many login \
                     roles inherit {} could not be evaluated (role memberships not readable: \
                     needs SELECT on pg_catalog.pg_auth_members)",
                    names_line(&unsure),
                    plural(unsure.len() as i64, "it", "them")
                ),
            );
        } else {
            self.check(
                "pg.default_acl_broad",
                PostureState::Pass,
                format!(
                    "no default privileges grant future tables or sequences to PUBLIC or to a \
                     role most login roles inherit ({} default privilege grants checked)",
                    entries.len()
                ),
            );
        }
    }

    async fn owner_rights_views(
        &mut self,
        tables: &[TableFacts<'_>],
        roles: &[RoleRow],
        g: Option<&Graph>,
        version: i32,
    ) {
        let oids: Vec<i64> = tables.iter().map(|t| i64::from(t.oid)).collect();
        let rows = match sqlx::query(VIEWS_SQL)
            .bind(&oids)
            .fetch_all(self.pool)
            .await
        {
            Ok(r) => r,
            Err(e) => {
                self.check(
                    "pg.owner_rights_views",
                    PostureState::Indeterminate,
                    format!(
                        "view dependencies could not be read ({}); needs SELECT on \
                         pg_catalog.pg_depend and pg_rewrite",
                        err_line(&e)
                    ),
                );
                return;
            }
        };
        struct View {
            oid: u32,
            schema: String,
            name: String,
            base: u32,
            invoker: bool,
            owner: u32,
            public: bool,
        }
        let mut views = Vec::new();
        let mut all = 0usize;
        for r in &rows {
            let f = || -> Result<View, sqlx::Error> {
                let opts: Vec<String> = r.try_get(4)?;
                Ok(View {
                    oid: get_oid(r, 0)?,
                    schema: r.try_get(1)?,
                    name: r.try_get(2)?,
                    base: get_oid(r, 3)?,
                    invoker: security_invoker(&opts),
                    owner: get_oid(r, 5)?,
                    public: r.try_get(6)?,
                })
            };
            match f() {
                Ok(v) => {
                    all += 1;
                    if !v.invoker {
                        views.push(v);
                    }
                }
                Err(e) => {
                    self.check(
                        "pg.owner_rights_views",
                        PostureState::Indeterminate,
                        format!("view dependencies could not be decoded: {}", err_line(&e)),
                    );
                    return;
                }
            }
        }
        if views.is_empty() {
            self.check(
                "pg.owner_rights_views",
                PostureState::Pass,
                format!(
                    "no view over the personal-data tables runs with its owner's rights ({all} \
                     {} checked)",
                    plural(all as i64, "view", "views")
                ),
            );
            return;
        }
        // How many login roles read each view, and how many of them cannot read the table.
        let logins: Vec<i64> = roles
            .iter()
            .filter(|r| r.login)
            .map(|r| i64::from(r.oid))
            .collect();
        let vv: Vec<i64> = views.iter().map(|v| i64::from(v.oid)).collect();
        let vb: Vec<i64> = views.iter().map(|v| i64::from(v.base)).collect();
        let mut readers: HashMap<(u32, u32), (i64, i64)> = HashMap::new();
        if let Ok(rows) = sqlx::query(VIEW_READERS_SQL)
            .bind(&vv)
            .bind(&vb)
            .bind(&logins)
            .fetch_all(self.pool)
            .await
        {
            for r in &rows {
                let f = || -> Result<(u32, u32, i64, i64), sqlx::Error> {
                    Ok((get_oid(r, 0)?, get_oid(r, 1)?, r.try_get(2)?, r.try_get(3)?))
                };
                if let Ok((v, b, n, only)) = f() {
                    readers.insert((v, b), (n, only));
                }
            }
        }
        let owner_name = |o: u32| {
            g.map(|g| g.name(o))
                .unwrap_or_else(|| format!("(role with OID {o})"))
        };
        // Group by view.
        let mut seen: Vec<u32> = Vec::new();
        let mut failed: Vec<String> = Vec::new();
        for v in &views {
            if seen.contains(&v.oid) {
                continue;
            }
            seen.push(v.oid);
            let bases: Vec<&View> = views.iter().filter(|w| w.oid == v.oid).collect();
            let base_names: Vec<String> = bases
                .iter()
                .filter_map(|w| tables.iter().find(|t| t.oid == w.base).map(|t| t.name()))
                .collect();
            let view_name = format!("{}.{}", v.schema, v.name);
            let mut evidence = vec![format!(
                "view {view_name} (owner {}) reads {} with its owner's rights (no \
                 security_invoker)",
                owner_name(v.owner),
                base_names.join(", ")
            )];
            for w in &bases {
                if let Some((n, only)) = readers.get(&(w.oid, w.base)) {
                    let base = tables
                        .iter()
                        .find(|t| t.oid == w.base)
                        .map(|t| t.name())
                        .unwrap_or_default();
                    evidence.push(format!(
                        "{n} login {} can read the view ({only} of them cannot read {base} \
                         directly)",
                        plural(*n, "role", "roles")
                    ));
                }
            }
            if v.public {
                evidence.push("SELECT on the view is granted to PUBLIC".into());
            }
            if let Some(o) = roles.iter().find(|r| r.oid == v.owner)
                && (o.superuser || o.bypassrls)
            {
                evidence.push(format!(
                    "the owner {} is {}: the view also ignores row-level security",
                    o.name,
                    if o.superuser {
                        "a superuser"
                    } else {
                        "BYPASSRLS"
                    }
                ));
            }
            failed.push(evidence.join(", "));
            let view_sql = format!("{}.{}", sql_ident(&v.schema), sql_ident(&v.name));
            self.out.findings.push(finding(
                "pg.owner_rights_views",
                if v.public {
                    Severity::Medium
                } else {
                    Severity::Low
                },
                format!(
                    "The view {view_name} shows personal data to its readers with its owner's \
                     rights"
                ),
                FindingSource::Posture,
                format!("{}.{view_name}", self.database),
                evidence,
                if version >= 150_000 {
                    format!(
                        "ALTER VIEW {view_sql} SET (security_invoker = true); the view then \
                         checks each reader's own rights on the tables (or restrict who may \
                         SELECT from the view)."
                    )
                } else {
                    format!(
                        "Restrict who may SELECT from the view (REVOKE SELECT ON {view_sql} \
                         FROM PUBLIC;); views run with the caller's rights only from \
                         PostgreSQL 15 on (security_invoker)."
                    )
                },
                &["GDPR Art. 25", "GDPR Art. 32"],
            ));
        }
        self.check(
            "pg.owner_rights_views",
            PostureState::Fail,
            failed.join("; "),
        );
    }
}

/// Roles that carry grants on the personal-data tables (owners, grantees), pg_read_all_data and
/// the superusers: the targets of the `pg_has_role()` fallback.
fn carriers(roles: &[RoleRow], tables: &[TableFacts<'_>], probe: &Probe) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    let mut add = |x: u32| {
        if x != PUBLIC && !out.contains(&x) {
            out.push(x);
        }
    };
    for t in tables {
        if let Some(o) = t.acl.owner {
            add(o);
        }
        for g in &t.acl.grantees {
            add(*g);
        }
        for c in &t.columns {
            for g in &c.acl.grantees {
                add(*g);
            }
        }
    }
    if let Some(r) = probe.read_all_data {
        add(r);
    }
    for r in roles.iter().filter(|r| r.superuser) {
        add(r.oid);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
