//! postgres: the facts the access analysis and the posture checks work on, as `access.rs` reads
//! them from the catalog and the server. Plain data: no SQL here, and no logic beyond lookups.
//!
//! The role graph and the access records are computed from these in `roles.rs`, the posture
//! checks in `checks.rs`; both are unit-tested over hand-written facts.

use std::collections::HashMap;

use crate::access::PdTable;

/// The bootstrap superuser (the role `initdb` creates) always has OID 10.
pub(crate) const BOOTSTRAP_SUPERUSER: u32 = 10;
/// `aclexplode()` reports grants to PUBLIC with grantee 0.
pub(crate) const PUBLIC: u32 = 0;

/// What the scanning account is and can see.
#[derive(Debug, Clone, Default)]
pub(crate) struct Probe {
    /// `current_user`.
    pub user: String,
    /// `server_version_num`.
    pub version: i32,
    /// `is_superuser`.
    pub superuser: bool,
    /// Member of `pg_read_all_settings`.
    pub read_all_settings: bool,
    /// Member of `pg_read_all_stats`.
    pub read_all_stats: bool,
    /// SELECT on `pg_authid`.
    pub authid: bool,
    /// SELECT on `pg_hba_file_rules` and EXECUTE on its function.
    pub hba: bool,
    /// OID of `pg_read_all_data` (PostgreSQL 14+).
    pub read_all_data: Option<u32>,
}

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

/// How the role memberships were read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Memberships {
    /// From `pg_auth_members`.
    Catalog(Vec<MemberRow>),
    /// `pg_auth_members` was not readable (`denied`: why); `rows` are login role → carrier
    /// memberships as `pg_has_role()` evaluates them, or why that failed too.
    Fallback {
        denied: String,
        rows: Result<Vec<MemberRow>, String>,
    },
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
    /// The role owns the table or is a grantee.
    pub(crate) fn carries(&self, role: u32) -> bool {
        self.owner == Some(role) || self.grantees.contains(&role)
    }
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

/// A personal-data column of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ColumnFacts {
    /// Name.
    pub name: String,
    /// `attnum`.
    pub attnum: i16,
    /// Column-level grants (`attacl`).
    pub acl: Acl,
}

/// What the catalog says about one personal-data table.
#[derive(Debug, Clone)]
pub(crate) struct TableFacts<'p> {
    /// The table as the scan found it.
    pub pd: &'p PdTable,
    /// OID.
    pub oid: u32,
    /// OID of its schema.
    pub ns: u32,
    /// Owner and SELECT grantees.
    pub acl: Acl,
    /// Row-level security.
    pub rls: Rls,
    /// PUBLIC has USAGE on the schema.
    pub public_usage: Option<bool>,
    /// The personal-data columns found in the catalog, in the scan's order.
    pub columns: Vec<ColumnFacts>,
}

impl TableFacts<'_> {
    /// The owner (PUBLIC when unknown).
    pub(crate) fn owner(&self) -> u32 {
        self.acl.owner.unwrap_or(PUBLIC)
    }

    /// `schema.table`.
    pub(crate) fn name(&self) -> String {
        format!("{}.{}", self.pd.schema, self.pd.table)
    }
}

/// The personal-data tables as read: the tables, or why they could not be read, and one line
/// per thing that was not found (read before the failure, if any).
#[derive(Debug, Clone)]
pub(crate) struct Tables<'p> {
    /// The tables found in the catalog, or why their grants could not be read.
    pub read: Result<Vec<TableFacts<'p>>, String>,
    /// Tables or columns not found, policies not visible.
    pub notes: Vec<String>,
}

/// The server's own answers about privileges.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct ServerPrivs {
    /// role → CONNECT on the database.
    pub connect: HashMap<u32, Option<bool>>,
    /// (role, table) → (SELECT on the table, USAGE on its schema).
    pub table: HashMap<(u32, u32), (Option<bool>, Option<bool>)>,
    /// (role, table, attnum) → SELECT on the column, only where the table is not readable.
    pub column: HashMap<(u32, u32, i16), Option<bool>>,
}

impl ServerPrivs {
    /// SELECT on the table and USAGE on its schema.
    pub(crate) fn reads(&self, role: u32, table: u32) -> Option<bool> {
        match self.table.get(&(role, table)) {
            Some((Some(s), Some(u))) => Some(*s && *u),
            Some((Some(false), _)) | Some((_, Some(false))) => Some(false),
            Some(_) => None,
            None => Some(false),
        }
    }

    /// USAGE on the table's schema.
    pub(crate) fn usage(&self, role: u32, table: u32) -> Option<bool> {
        self.table.get(&(role, table)).and_then(|p| p.1)
    }

    /// SELECT on one column (asked only where the table is not readable).
    pub(crate) fn column(&self, role: u32, table: u32, attnum: i16) -> Option<bool> {
        self.column
            .get(&(role, table, attnum))
            .copied()
            .unwrap_or(Some(false))
    }
}

/// Why a catalog could not be used: the query failed, or a row could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unreadable {
    /// The query failed.
    Query(String),
    /// A row could not be decoded.
    Decode(String),
}

/// Server settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Settings {
    /// `ssl`.
    pub ssl: String,
    /// `password_encryption`.
    pub password_encryption: String,
    /// PUBLIC may CONNECT to the database.
    pub public_connect: Option<bool>,
    /// This scan's own connection is encrypted (`None`: `pg_stat_ssl` gave no answer).
    pub session_ssl: Option<bool>,
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

/// A schema and whether PUBLIC has CREATE on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SchemaCreate {
    /// Name.
    pub name: String,
    /// PUBLIC has CREATE.
    pub public_create: bool,
}

/// One privilege of one `pg_default_acl` entry, to a grantee other than the owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DefaultAclRow {
    /// `defaclrole`.
    pub owner: u32,
    /// The schema (`None`: all schemas).
    pub schema: Option<String>,
    /// `defaclobjtype`: `r` tables, `S` sequences.
    pub kind: String,
    /// Grantee (0 = PUBLIC).
    pub grantee: u32,
    /// `SELECT`, `INSERT`, …
    pub privilege: String,
}

/// A view over a personal-data table (directly or through other views).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ViewRow {
    /// OID.
    pub oid: u32,
    /// Schema.
    pub schema: String,
    /// Name.
    pub name: String,
    /// The personal-data table it reads.
    pub base: u32,
    /// `reloptions`.
    pub options: Vec<String>,
    /// `relowner`.
    pub owner: u32,
    /// SELECT on the view is granted to PUBLIC.
    pub public: bool,
}

/// The views over the personal-data tables.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Views {
    /// One row per (view, table).
    pub rows: Vec<ViewRow>,
    /// (view, table) → (login roles that can read the view, of them those that cannot read the
    /// table), for the views that run with their owner's rights; empty when not answered.
    pub readers: HashMap<(u32, u32), (i64, i64)>,
}

/// What the posture checks read beyond the roles and the tables.
#[derive(Debug, Clone)]
pub(crate) struct Posture {
    /// Server settings, or why they could not be read.
    pub settings: Result<Settings, String>,
    /// Login roles with md5 password hashes; `None` when `pg_authid` is not readable.
    pub md5: Option<Result<Vec<String>, String>>,
    /// `pg_hba_file_rules`; `None` when not readable.
    pub hba: Option<Result<Vec<HbaLine>, Unreadable>>,
    /// Schemas and CREATE for PUBLIC.
    pub schemas: Result<Vec<SchemaCreate>, Unreadable>,
    /// Default privileges (rows that could not be decoded are left out).
    pub default_acl: Result<Vec<DefaultAclRow>, String>,
    /// Views over the personal-data tables; `None` when the tables or roles were not read.
    pub views: Option<Result<Views, Unreadable>>,
}

/// Everything `access.rs` read, for the pure analysis.
#[derive(Debug, Clone)]
pub(crate) struct Facts<'p> {
    /// The scanning account.
    pub probe: Probe,
    /// Roles, or why they could not be listed.
    pub roles: Result<Vec<RoleRow>, String>,
    /// The personal-data tables.
    pub tables: Tables<'p>,
    /// The server's answers for the login roles (asked when roles, tables and memberships were
    /// read), or why they could not be had.
    pub server: Option<Result<ServerPrivs, String>>,
    /// What the posture checks need besides.
    pub posture: Posture,
}
