//! mysql: who can read a table, computed from privilege-table rows. Pure functions only: the
//! rows come from MariaDB (`mysql.user`/`global_priv`, `mysql.roles_mapping`, `default_role`,
//! `PUBLIC`) or from MySQL 8 (`mysql.role_edges`, `mysql.default_roles`, `mandatory_roles`,
//! `activate_all_roles_on_login`), converted here into one shape, and [`effective_access`] is
//! the one privilege-union function for both.
//!
//! The server's rules, as followed here:
//! - an account's privileges are the union of its global, database, table and column grants
//!   and those of its active roles (and, on MariaDB 10.11, of `PUBLIC`);
//! - at the database level only ONE `mysql.db` row applies per grantee: the most specific
//!   pattern matching the database (checked live on MariaDB 10.11: `GRANT INSERT ON shop.*`
//!   shadows `GRANT SELECT ON \`sh%\`.*`). Equally specific patterns that disagree are reported
//!   as uncertain rather than guessed;
//! - `_` and `%` in `mysql.db.Db` are LIKE wildcards, `\` escapes the next character; MySQL
//!   with `partial_revokes=ON` treats them literally;
//! - a role is active at login when it is the account's default role (MariaDB: one
//!   `default_role`; MySQL: `mysql.default_roles`), when `activate_all_roles_on_login=ON`
//!   (MySQL), or for a mandatory role when `activate_mandatory_roles=ON` (MySQL 9.5+); any
//!   other granted role can be activated with `SET ROLE`. Roles granted to an active role are
//!   active with it.
//!
//! Not for: SQL (see `access.rs`), posture (see `posture.rs`).

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::access::PdTable;

/// MariaDB or MySQL: the two differ in role rules and in how database patterns are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// MariaDB 10.4+.
    MariaDb,
    /// MySQL 8+.
    Mysql,
}

/// An account or role as stored: `User` and `Host` (MariaDB roles have an empty host).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ident {
    /// User name (`''` is the anonymous user).
    pub user: String,
    /// Host pattern.
    pub host: String,
}

impl Ident {
    /// An identity.
    pub fn new(user: impl Into<String>, host: impl Into<String>) -> Ident {
        Ident {
            user: user.into(),
            host: host.into(),
        }
    }

    /// MariaDB's `PUBLIC` pseudo-role (10.11+).
    pub fn public() -> Ident {
        Ident::new("PUBLIC", "")
    }

    /// `user@host`, the form the access records use (`''@host` for the anonymous user).
    pub fn account(&self) -> String {
        if self.user.is_empty() {
            format!("''@{}", self.host)
        } else {
            format!("{}@{}", self.user, self.host)
        }
    }

    /// A role as shown in a `via`: `` `r` ``, or `` `r`@`h` `` when the host says something.
    pub fn role_name(&self) -> String {
        let user = ident(&self.user);
        if self.host.is_empty() || self.host == "%" {
            user
        } else {
            format!("{user}@{}", ident(&self.host))
        }
    }

    /// The account as a DBA types it in SQL: `'user'@'host'` (quotes and backslashes escaped).
    pub fn sql(&self) -> String {
        format!("{}@{}", sql_string(&self.user), sql_string(&self.host))
    }

    /// The role as a DBA types it in SQL (`` `r` `` or `` `r`@`h` ``).
    pub fn sql_role(&self) -> String {
        self.role_name()
    }

    /// Whether the host part matches more than one host (`%`, `_`, or empty).
    pub fn wildcard_host(&self) -> bool {
        self.host.is_empty() || self.host.contains('%') || self.host.contains('_')
    }
}

/// A SQL string literal with `'` and `\` escaped.
pub fn sql_string(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "''"))
}

/// A backtick-quoted identifier, for `via` texts and the SQL in recommendations.
pub fn ident(s: &str) -> String {
    super::quote_ident(s)
}

/// Global privileges that matter here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Global {
    /// SELECT on `*.*`.
    pub select: bool,
    /// FILE.
    pub file: bool,
    /// SUPER.
    pub super_: bool,
    /// GRANT OPTION on `*.*`.
    pub grant: bool,
    /// CREATE USER.
    pub create_user: bool,
}

/// One row of `mysql.user` (both engines), reduced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Who.
    pub id: Ident,
    /// A role (MariaDB `is_role`; on MySQL roles are locked accounts, see `locked`).
    pub is_role: bool,
    /// Locked: cannot log in (MySQL roles, `mariadb.sys`, `ACCOUNT LOCK`).
    pub locked: bool,
    /// Global privileges.
    pub global: Global,
}

/// One row of `mysql.db`, with or without SELECT (rows without it still shadow patterns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbGrant {
    /// Grantee (account, role or `PUBLIC`).
    pub grantee: Ident,
    /// The `Db` column as stored: a LIKE pattern with `\` escapes.
    pub db: String,
    /// `Select_priv = 'Y'`.
    pub select: bool,
}

/// A `mysql.tables_priv` row whose `Table_priv` contains `Select`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableGrant {
    /// Grantee.
    pub grantee: Ident,
    /// Database (exact).
    pub db: String,
    /// Table (exact).
    pub table: String,
}

/// A `mysql.columns_priv` row whose `Column_priv` contains `Select`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnGrant {
    /// Grantee.
    pub grantee: Ident,
    /// Database (exact).
    pub db: String,
    /// Table (exact).
    pub table: String,
    /// Column.
    pub column: String,
}

/// A role granted to an account or a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleGrant {
    /// Who received the role.
    pub grantee: Ident,
    /// The role.
    pub role: Ident,
    /// WITH ADMIN OPTION.
    pub admin: bool,
}

/// A default role: active when the account logs in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultRole {
    /// The account.
    pub account: Ident,
    /// The role.
    pub role: Ident,
}

/// A MySQL partial revoke: global SELECT taken back on one database (`User_attributes`
/// `Restrictions`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restriction {
    /// Grantee.
    pub grantee: Ident,
    /// Database (literal).
    pub db: String,
}

/// Everything the privilege union needs, from either engine.
#[derive(Debug, Clone)]
pub struct Grants {
    /// Engine flavour.
    pub flavor: Flavor,
    /// Accounts and roles.
    pub accounts: Vec<Account>,
    /// `mysql.db`.
    pub db: Vec<DbGrant>,
    /// `mysql.tables_priv` (SELECT only).
    pub tables: Vec<TableGrant>,
    /// `mysql.columns_priv` (SELECT only).
    pub columns: Vec<ColumnGrant>,
    /// Role grants.
    pub role_grants: Vec<RoleGrant>,
    /// Default roles.
    pub default_roles: Vec<DefaultRole>,
    /// MySQL `mandatory_roles`.
    pub mandatory_roles: Vec<Ident>,
    /// MySQL `activate_all_roles_on_login`.
    pub activate_all_roles_on_login: bool,
    /// MySQL 9.5+ `activate_mandatory_roles`.
    pub activate_mandatory_roles: bool,
    /// MySQL `partial_revokes=ON`: `%` and `_` in database grants are literal.
    pub literal_db_names: bool,
    /// `lower_case_table_names` != 0: database and table names compare case-insensitively.
    pub case_insensitive_names: bool,
    /// MySQL partial revokes of global SELECT.
    pub restrictions: Vec<Restriction>,
}

impl Grants {
    /// No rows yet.
    pub fn new(flavor: Flavor) -> Grants {
        Grants {
            flavor,
            accounts: Vec::new(),
            db: Vec::new(),
            tables: Vec::new(),
            columns: Vec::new(),
            role_grants: Vec::new(),
            default_roles: Vec::new(),
            mandatory_roles: Vec::new(),
            activate_all_roles_on_login: false,
            activate_mandatory_roles: false,
            literal_db_names: false,
            case_insensitive_names: false,
            restrictions: Vec::new(),
        }
    }

    /// Accounts that can log in: not roles, not locked, not `PUBLIC`.
    pub fn logins(&self) -> impl Iterator<Item = &Account> {
        self.accounts.iter().filter(|a| {
            !a.is_role && !a.locked && (self.flavor != Flavor::MariaDb || a.id != Ident::public())
        })
    }

    fn account(&self, id: &Ident) -> Option<&Account> {
        self.accounts.iter().find(|a| &a.id == id)
    }
}

// ---------------------------------------------------------------------------------------------
// Row converters: engine catalog rows → the shared shape.

/// MariaDB `mysql.roles_mapping` (Host, User, Role, Admin_option): the role's host is empty.
pub fn from_roles_mapping(rows: &[(String, String, String, bool)]) -> Vec<RoleGrant> {
    rows.iter()
        .map(|(host, user, role, admin)| RoleGrant {
            grantee: Ident::new(user, host),
            role: Ident::new(role, ""),
            admin: *admin,
        })
        .collect()
}

/// MariaDB `mysql.user.default_role` (one role name per account, empty = none).
pub fn from_mariadb_default_role(rows: &[(Ident, String)]) -> Vec<DefaultRole> {
    rows.iter()
        .filter(|(_, role)| !role.is_empty())
        .map(|(account, role)| DefaultRole {
            account: account.clone(),
            role: Ident::new(role, ""),
        })
        .collect()
}

/// One row of MySQL 8 `mysql.role_edges`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleEdgeRow {
    /// FROM_HOST: the role's host.
    pub from_host: String,
    /// FROM_USER: the role.
    pub from_user: String,
    /// TO_HOST: the grantee's host.
    pub to_host: String,
    /// TO_USER: the grantee.
    pub to_user: String,
    /// WITH_ADMIN_OPTION ('Y'/'N').
    pub with_admin_option: String,
}

/// MySQL 8 `mysql.role_edges`: an edge FROM a role TO the account or role that received it.
pub fn from_role_edges(rows: &[RoleEdgeRow]) -> Vec<RoleGrant> {
    rows.iter()
        .map(|r| RoleGrant {
            grantee: Ident::new(&r.to_user, &r.to_host),
            role: Ident::new(&r.from_user, &r.from_host),
            admin: r.with_admin_option.eq_ignore_ascii_case("Y"),
        })
        .collect()
}

/// One row of MySQL 8 `mysql.default_roles`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultRolesRow {
    /// HOST.
    pub host: String,
    /// USER.
    pub user: String,
    /// DEFAULT_ROLE_HOST.
    pub default_role_host: String,
    /// DEFAULT_ROLE_USER.
    pub default_role_user: String,
}

/// MySQL 8 `mysql.default_roles`.
pub fn from_default_roles(rows: &[DefaultRolesRow]) -> Vec<DefaultRole> {
    rows.iter()
        .map(|r| DefaultRole {
            account: Ident::new(&r.user, &r.host),
            role: Ident::new(&r.default_role_user, &r.default_role_host),
        })
        .collect()
}

/// Parse MySQL's `mandatory_roles` (`` `role1`@`%`,role2,'role3'@localhost ``): comma
/// separated, each name optionally quoted with backticks, single or double quotes; the host
/// defaults to `%`.
pub fn parse_mandatory_roles(value: &str) -> Vec<Ident> {
    let mut out = Vec::new();
    let mut parts: Vec<String> = vec![String::new()];
    let mut quote: Option<char> = None;
    let mut chars = value.chars().peekable();
    // Split on top-level commas and `@`, keeping quoted text as is; a doubled quote is a quote.
    let mut pieces: Vec<Vec<String>> = Vec::new();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) if c == q => {
                if chars.peek() == Some(&q) {
                    chars.next();
                    if let Some(p) = parts.last_mut() {
                        p.push(q);
                    }
                } else {
                    quote = None;
                }
            }
            Some(_) => {
                if let Some(p) = parts.last_mut() {
                    p.push(c);
                }
            }
            None => match c {
                '`' | '\'' | '"' => quote = Some(c),
                '@' => parts.push(String::new()),
                ',' => pieces.push(std::mem::replace(&mut parts, vec![String::new()])),
                c if c.is_whitespace() => {}
                c => {
                    if let Some(p) = parts.last_mut() {
                        p.push(c);
                    }
                }
            },
        }
    }
    pieces.push(parts);
    for p in pieces {
        let user = p.first().cloned().unwrap_or_default();
        if user.is_empty() {
            continue;
        }
        let host = p.get(1).cloned().unwrap_or_else(|| "%".to_string());
        out.push(Ident::new(user, host));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Database-name patterns.

/// Whether a `mysql.db.Db` pattern matches a database name (LIKE with `\` escapes).
pub fn db_matches(pattern: &str, name: &str, literal: bool, case_insensitive: bool) -> bool {
    let (p, n) = if case_insensitive {
        (pattern.to_lowercase(), name.to_lowercase())
    } else {
        (pattern.to_string(), name.to_string())
    };
    if literal {
        return p == n;
    }
    let p: Vec<char> = p.chars().collect();
    let n: Vec<char> = n.chars().collect();
    like(&p, &n)
}

fn like(p: &[char], n: &[char]) -> bool {
    // Iterative LIKE with backtracking to the last `%`.
    let (mut pi, mut ni) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        if pi < p.len() {
            match p[pi] {
                '%' => {
                    while pi < p.len() && p[pi] == '%' {
                        pi += 1;
                    }
                    star = Some((pi, ni));
                    continue;
                }
                '_' => {
                    pi += 1;
                    ni += 1;
                    continue;
                }
                '\\' if pi + 1 < p.len() => {
                    if p[pi + 1] == n[ni] {
                        pi += 2;
                        ni += 1;
                        continue;
                    }
                }
                c => {
                    if c == n[ni] {
                        pi += 1;
                        ni += 1;
                        continue;
                    }
                }
            }
        }
        match star {
            Some((sp, sn)) => {
                pi = sp;
                ni = sn + 1;
                star = Some((sp, sn + 1));
            }
            None => return false,
        }
    }
    while pi < p.len() && p[pi] == '%' {
        pi += 1;
    }
    pi == p.len()
}

/// Whether a pattern names exactly this database when read literally (`\_` and an unescaped
/// `_` both standing for the `_` in the name, no `%`): `GRANT … ON shop_db.*` is meant for
/// `shop_db`, even though its `_` would also match `shopXdb`.
pub fn names_exactly(pattern: &str, name: &str, case_insensitive: bool) -> bool {
    let mut literal = String::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some() => {
                if let Some(n) = chars.next() {
                    literal.push(n);
                }
            }
            '%' => return false,
            c => literal.push(c),
        }
    }
    same_name(&literal, name, case_insensitive)
}

/// Whether a pattern has an unescaped wildcard.
pub fn has_wildcard(pattern: &str) -> bool {
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some() => {
                chars.next();
            }
            '%' | '_' => return true,
            _ => {}
        }
    }
    false
}

/// How specific a pattern is; smaller sorts first and wins. MariaDB: the count of matching
/// names, as `get_magic_sort` in `sql_acl_getsort.ic` computes it (database names up to 64
/// characters). MySQL: the position of the first wildcard (`get_sort`), larger wins, so it is
/// negated here.
pub fn specificity(flavor: Flavor, pattern: &str, literal: bool) -> i64 {
    if literal {
        return i64::MIN;
    }
    let p: Vec<char> = pattern.chars().collect();
    match flavor {
        Flavor::MariaDb => {
            let maxlen: i64 = 64;
            let (mut n, mut m, mut k, mut prefix) = (0i64, 0i64, 0i64, 0i64);
            let mut i = 0;
            while i < p.len() {
                match p[i] {
                    '%' => {
                        if k == 0 && m == 0 {
                            prefix = n;
                        }
                        k += 1;
                        while i + 1 < p.len() && p[i + 1] == '%' {
                            i += 1;
                        }
                    }
                    '_' => {
                        if k == 0 && m == 0 {
                            prefix = n;
                        }
                        m += 1;
                    }
                    c => {
                        if c == '\\' && i + 1 < p.len() {
                            i += 1;
                        }
                        n += 1;
                    }
                }
                i += 1;
            }
            let l = if k > 0 { (maxlen - n - m).max(0) } else { 0 };
            let d = maxlen + 1;
            if l > m {
                (((l * 2 + 1) * d + k) * d + m) * d + prefix
            } else {
                ((m * 2 * d + l) * d + k) * d + prefix
            }
        }
        Flavor::Mysql => {
            let mut pos = 0usize;
            let mut i = 0;
            let mut wild: Option<usize> = None;
            while i < p.len() {
                if p[i] == '\\' && i + 1 < p.len() {
                    i += 2;
                    pos += 2;
                    continue;
                }
                if p[i] == '%' || p[i] == '_' {
                    wild = Some(pos + 1);
                    break;
                }
                i += 1;
                pos += 1;
            }
            let sort = match wild {
                Some(w) => w.min(127) as i64,
                None if p.is_empty() => 0,
                None => 128,
            };
            -sort
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The union.

/// Which grant gives the access.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GrantKind {
    /// SELECT on `*.*`.
    Global,
    /// A `mysql.db` row: the stored pattern, and whether it is a pattern rather than the
    /// database's own name.
    Database {
        /// As stored.
        pattern: String,
        /// A pattern (`sh_p%`), not the name itself (`shop`, `shop\_db`, `shop_db`).
        wildcard: bool,
    },
    /// SELECT on the table.
    Table,
    /// SELECT on the column.
    Column,
}

/// How the account gets the grantee's privileges.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Through {
    /// Granted to the account itself.
    Direct,
    /// Granted to `PUBLIC` (MariaDB), possibly through roles granted to `PUBLIC`.
    Public {
        /// Roles from `PUBLIC` down to the grantee.
        roles: Vec<Ident>,
    },
    /// Through a chain of roles; the first was granted to the account.
    Role {
        /// Whether the chain is active at login (otherwise `SET ROLE` activates it).
        active: bool,
        /// From the role granted to the account down to the grantee.
        chain: Vec<Ident>,
    },
}

impl Through {
    /// Active without the account doing anything.
    pub fn immediate(&self) -> bool {
        !matches!(self, Through::Role { active: false, .. })
    }

    fn rank(&self) -> u8 {
        match self {
            Through::Direct => 0,
            Through::Public { .. } => 1,
            Through::Role { active: true, .. } => 2,
            Through::Role { active: false, .. } => 3,
        }
    }
}

/// One way an account reads a table or column.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Path {
    /// The grant.
    pub grant: GrantKind,
    /// How the account has it.
    pub through: Through,
    /// The grantee holding the grant (the account, a role or `PUBLIC`).
    pub grantee: Ident,
}

impl Path {
    /// The `via` text of the access record.
    pub fn via(&self) -> String {
        match &self.through {
            Through::Direct => match &self.grant {
                GrantKind::Global => "global SELECT".into(),
                GrantKind::Database {
                    pattern,
                    wildcard: false,
                } => format!("database grant on {}", ident(pattern)),
                GrantKind::Database {
                    pattern,
                    wildcard: true,
                } => format!("database grant on pattern {}", ident(pattern)),
                GrantKind::Table => "table grant".into(),
                GrantKind::Column => "column grant".into(),
            },
            other => other.label(),
        }
    }
}

impl Through {
    /// How a non-direct path reads: `PUBLIC`, `role \`r\` (active at login)`, ….
    pub fn label(&self) -> String {
        match self {
            Through::Direct => "direct grant".into(),
            Through::Public { roles } if roles.is_empty() => "PUBLIC".into(),
            Through::Public { roles } => format!("PUBLIC, through role {}", chain(roles)),
            Through::Role { active, chain: c } => format!(
                "role {} ({})",
                chain(c),
                if *active {
                    "active at login"
                } else {
                    "can SET ROLE"
                }
            ),
        }
    }
}

fn chain(roles: &[Ident]) -> String {
    roles
        .iter()
        .map(Ident::role_name)
        .collect::<Vec<_>>()
        .join(" → ")
}

/// Who can read one personal-data table (column `None`) or column, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    /// The login account.
    pub account: Ident,
    /// Database.
    pub schema: String,
    /// Table.
    pub table: String,
    /// Column, or `None` for the whole table.
    pub column: Option<String>,
    /// Paths, most direct first (empty when only `uncertain` is known).
    pub paths: Vec<Path>,
    /// What could not be decided (equally specific database patterns that disagree).
    pub uncertain: Vec<String>,
}

impl Reach {
    /// The paths joined for the `via` field.
    pub fn via(&self) -> String {
        let mut seen = HashSet::new();
        self.paths
            .iter()
            .map(Path::via)
            .filter(|v| seen.insert(v.clone()))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The principals whose privileges an account has: itself, `PUBLIC` and roles.
pub fn principals(g: &Grants, account: &Ident) -> Vec<(Ident, Through)> {
    principals_in(g, &role_graph(g), account)
}

/// Roles granted to each grantee.
type RoleGraph<'a> = HashMap<&'a Ident, Vec<&'a Ident>>;

fn role_graph(g: &Grants) -> RoleGraph<'_> {
    let mut granted: RoleGraph<'_> = HashMap::new();
    for rg in &g.role_grants {
        granted.entry(&rg.grantee).or_default().push(&rg.role);
    }
    granted
}

fn principals_in(g: &Grants, granted: &RoleGraph<'_>, account: &Ident) -> Vec<(Ident, Through)> {
    let mut out = vec![(account.clone(), Through::Direct)];
    let exists = |r: &Ident| g.account(r).is_some();
    if g.flavor == Flavor::MariaDb {
        let public = Ident::public();
        out.push((public.clone(), Through::Public { roles: vec![] }));
        // Roles granted to PUBLIC give their privileges to every account.
        let mut seen: HashSet<Ident> = HashSet::from([public.clone()]);
        let mut queue: Vec<Vec<Ident>> = granted
            .get(&public)
            .map(|v| v.iter().map(|r| vec![(*r).clone()]).collect())
            .unwrap_or_default();
        while !queue.is_empty() {
            let mut next = Vec::new();
            for c in queue {
                let Some(last) = c.last().cloned() else {
                    continue;
                };
                if !seen.insert(last.clone()) {
                    continue;
                }
                for r in granted.get(&last).into_iter().flatten() {
                    let mut c2 = c.clone();
                    c2.push((*r).clone());
                    next.push(c2);
                }
                out.push((last, Through::Public { roles: c }));
            }
            queue = next;
        }
    }
    // Roles granted to the account (and on MySQL the mandatory roles), active or not.
    let mut first: Vec<(Ident, bool)> = Vec::new();
    let is_default = |r: &Ident| {
        g.default_roles
            .iter()
            .any(|d| &d.account == account && &d.role == r)
    };
    for r in granted.get(account).into_iter().flatten() {
        let active = g.activate_all_roles_on_login || is_default(r);
        first.push(((*r).clone(), active));
    }
    if g.flavor == Flavor::Mysql {
        // Mandatory roles count as granted to everyone (when the role exists).
        for r in &g.mandatory_roles {
            if !exists(r) {
                continue;
            }
            let active =
                g.activate_all_roles_on_login || g.activate_mandatory_roles || is_default(r);
            match first.iter_mut().find(|(f, _)| f == r) {
                Some((_, a)) => *a |= active,
                None => first.push((r.clone(), active)),
            }
        }
    }
    // Breadth first, active chains before SET ROLE ones, so each role keeps its best path.
    let mut best: HashMap<Ident, bool> = HashMap::new();
    for active in [true, false] {
        let mut queue: Vec<Vec<Ident>> = first
            .iter()
            .filter(|(_, a)| *a == active)
            .map(|(r, _)| vec![r.clone()])
            .collect();
        while !queue.is_empty() {
            let mut next = Vec::new();
            for c in queue {
                let Some(last) = c.last().cloned() else {
                    continue;
                };
                if best.contains_key(&last) || &last == account {
                    continue;
                }
                best.insert(last.clone(), active);
                for r in granted.get(&last).into_iter().flatten() {
                    let mut c2 = c.clone();
                    c2.push((*r).clone());
                    next.push(c2);
                }
                out.push((last, Through::Role { active, chain: c }));
            }
            queue = next;
        }
    }
    out
}

/// The result of looking up `mysql.db` for one grantee and database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbLookup {
    /// No row matches.
    None,
    /// The row that applies.
    Row(DbGrant),
    /// Equally specific rows disagree on SELECT: the server picks one we cannot tell.
    Ambiguous(Vec<DbGrant>),
}

/// The one `mysql.db` row that applies to `grantee` on database `schema`.
pub fn db_lookup(g: &Grants, grantee: &Ident, schema: &str) -> DbLookup {
    let rows: Vec<&DbGrant> = g.db.iter().filter(|r| &r.grantee == grantee).collect();
    lookup_rows(g, &rows, schema)
}

fn lookup_rows(g: &Grants, rows: &[&DbGrant], schema: &str) -> DbLookup {
    let mut matching: Vec<(i64, &DbGrant)> = rows
        .iter()
        .filter(|r| db_matches(&r.db, schema, g.literal_db_names, g.case_insensitive_names))
        .map(|r| (specificity(g.flavor, &r.db, g.literal_db_names), *r))
        .collect();
    if matching.is_empty() {
        return DbLookup::None;
    }
    matching.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.db.cmp(&b.1.db)));
    let top = matching[0].0;
    let best: Vec<&DbGrant> = matching
        .iter()
        .filter(|(s, _)| *s == top)
        .map(|(_, r)| *r)
        .collect();
    if best.iter().all(|r| r.select == best[0].select) {
        DbLookup::Row(best[0].clone())
    } else {
        DbLookup::Ambiguous(best.into_iter().cloned().collect())
    }
}

fn same_name(a: &str, b: &str, case_insensitive: bool) -> bool {
    if case_insensitive {
        a.to_lowercase() == b.to_lowercase()
    } else {
        a == b
    }
}

/// The rows of each grantee, looked up once.
struct Index<'a> {
    accounts: HashMap<&'a Ident, &'a Account>,
    db: HashMap<&'a Ident, Vec<&'a DbGrant>>,
    tables: HashMap<&'a Ident, Vec<&'a TableGrant>>,
    columns: HashMap<&'a Ident, Vec<&'a ColumnGrant>>,
    restrictions: HashMap<&'a Ident, Vec<&'a Restriction>>,
}

impl<'a> Index<'a> {
    fn new(g: &'a Grants) -> Index<'a> {
        let mut ix = Index {
            accounts: g.accounts.iter().map(|a| (&a.id, a)).collect(),
            db: HashMap::new(),
            tables: HashMap::new(),
            columns: HashMap::new(),
            restrictions: HashMap::new(),
        };
        for r in &g.db {
            ix.db.entry(&r.grantee).or_default().push(r);
        }
        for r in &g.tables {
            ix.tables.entry(&r.grantee).or_default().push(r);
        }
        for r in &g.columns {
            ix.columns.entry(&r.grantee).or_default().push(r);
        }
        for r in &g.restrictions {
            ix.restrictions.entry(&r.grantee).or_default().push(r);
        }
        ix
    }
}

/// Paths from one principal to one table: table level, per column, and uncertainties.
struct TableReach {
    table: Vec<Path>,
    columns: BTreeMap<usize, Vec<Path>>,
    uncertain: Vec<String>,
}

/// What `who` itself holds on table `t` (paths marked direct; the caller sets how the
/// account has them).
fn principal_reach(g: &Grants, ix: &Index<'_>, who: &Ident, t: &PdTable) -> TableReach {
    let mut r = TableReach {
        table: Vec::new(),
        columns: BTreeMap::new(),
        uncertain: Vec::new(),
    };
    let ci = g.case_insensitive_names;
    let path = |grant: GrantKind| Path {
        grant,
        through: Through::Direct,
        grantee: who.clone(),
    };
    let global = ix.accounts.get(who).map(|a| a.global).unwrap_or_default();
    let restricted = ix
        .restrictions
        .get(who)
        .is_some_and(|v| v.iter().any(|x| same_name(&x.db, &t.schema, ci)));
    if global.select && !restricted {
        r.table.push(path(GrantKind::Global));
    }
    let rows = ix.db.get(who).map(Vec::as_slice).unwrap_or(&[]);
    match lookup_rows(g, rows, &t.schema) {
        DbLookup::None => {}
        DbLookup::Row(row) => {
            if row.select {
                r.table.push(path(GrantKind::Database {
                    wildcard: !g.literal_db_names && !names_exactly(&row.db, &t.schema, ci),
                    pattern: row.db,
                }));
            }
        }
        DbLookup::Ambiguous(rows) => {
            let names: Vec<String> = rows
                .iter()
                .map(|x| {
                    format!(
                        "{} ({})",
                        ident(&x.db),
                        if x.select {
                            "with SELECT"
                        } else {
                            "without SELECT"
                        }
                    )
                })
                .collect();
            r.uncertain.push(format!(
                "database grants on equally specific patterns {} all match `{}`; the server applies only one of them{}",
                names.join(" and "),
                t.schema,
                if g.flavor == Flavor::Mysql {
                    " (the one created first)"
                } else {
                    ""
                }
            ));
        }
    }
    if ix.tables.get(who).is_some_and(|v| {
        v.iter()
            .any(|x| same_name(&x.db, &t.schema, ci) && same_name(&x.table, &t.table, ci))
    }) {
        r.table.push(path(GrantKind::Table));
    }
    if let Some(cols) = ix.columns.get(who) {
        for (i, col) in t.columns.iter().enumerate() {
            if cols.iter().any(|x| {
                same_name(&x.db, &t.schema, ci)
                    && same_name(&x.table, &t.table, ci)
                    && x.column.to_lowercase() == col.to_lowercase()
            }) {
                r.columns
                    .entry(i)
                    .or_default()
                    .push(path(GrantKind::Column));
            }
        }
    }
    r
}

fn sort_paths(paths: &mut Vec<Path>) {
    if paths.len() < 2 {
        return;
    }
    // Most direct first; direct grants from broad to narrow; role chains shortest first, then
    // by name.
    let depth = |t: &Through| match t {
        Through::Direct => 0,
        Through::Public { roles } => roles.len(),
        Through::Role { chain, .. } => chain.len(),
    };
    paths.sort_by(|a, b| {
        a.through
            .rank()
            .cmp(&b.through.rank())
            .then(depth(&a.through).cmp(&depth(&b.through)))
            .then_with(|| match (&a.through, &b.through) {
                (Through::Direct, Through::Direct) => a.grant.cmp(&b.grant),
                _ => a.via().cmp(&b.via()),
            })
    });
    let mut seen = HashSet::new();
    paths.retain(|p| seen.insert(p.via()));
}

/// Who can read each personal-data table and column, and by which paths: one [`Reach`] per
/// (login account, table) with table-level access, and per (account, column) where only
/// column grants (or more directly active column grants) give access. Sorted by table,
/// column, account.
pub fn effective_access(g: &Grants, pd: &[PdTable]) -> Vec<Reach> {
    let ix = Index::new(g);
    let graph = role_graph(g);
    let mut logins: Vec<&Account> = g.logins().collect();
    logins.sort_by(|a, b| a.id.cmp(&b.id));
    // Each principal once, numbered, so what it holds on a table is computed once (roles and
    // PUBLIC are shared by many accounts).
    let mut ids: HashMap<Ident, usize> = HashMap::new();
    let mut principals: Vec<Ident> = Vec::new();
    let per_account: Vec<Vec<(usize, Through)>> = logins
        .iter()
        .map(|acc| {
            principals_in(g, &graph, &acc.id)
                .into_iter()
                .map(|(who, through)| {
                    let id = *ids.entry(who.clone()).or_insert_with(|| {
                        principals.push(who);
                        principals.len() - 1
                    });
                    (id, through)
                })
                .collect()
        })
        .collect();
    let mut order: Vec<usize> = (0..pd.len()).collect();
    order.sort_by(|&a, &b| (&pd[a].schema, &pd[a].table).cmp(&(&pd[b].schema, &pd[b].table)));
    let mut out = Vec::new();
    for ti in order {
        let t = &pd[ti];
        let held: Vec<TableReach> = principals
            .iter()
            .map(|who| principal_reach(g, &ix, who, t))
            .collect();
        // Column records come after the table's records, by column then account.
        let mut by_column: BTreeMap<&str, Vec<Reach>> = BTreeMap::new();
        for (acc, ps) in logins.iter().zip(&per_account) {
            let mut table: Vec<Path> = Vec::new();
            let mut columns: BTreeMap<usize, Vec<Path>> = BTreeMap::new();
            let mut uncertain: Vec<String> = Vec::new();
            for (id, through) in ps {
                let r = &held[*id];
                let with = |p: &Path| Path {
                    through: through.clone(),
                    ..p.clone()
                };
                table.extend(r.table.iter().map(with));
                for (i, p) in &r.columns {
                    columns.entry(*i).or_default().extend(p.iter().map(with));
                }
                for u in &r.uncertain {
                    let u = match through {
                        Through::Direct => u.clone(),
                        other => format!("{u} (for {})", other.label()),
                    };
                    if !uncertain.contains(&u) {
                        uncertain.push(u);
                    }
                }
            }
            sort_paths(&mut table);
            let table_immediate = table.iter().any(|p| p.through.immediate());
            for (i, mut paths) in columns {
                // A column path adds nothing when the whole table is readable at least as
                // directly.
                paths.retain(|p| {
                    !(table_immediate || (!table.is_empty() && !p.through.immediate()))
                });
                sort_paths(&mut paths);
                let Some(column) = t.columns.get(i) else {
                    continue;
                };
                if paths.is_empty() {
                    continue;
                }
                by_column.entry(column).or_default().push(Reach {
                    account: acc.id.clone(),
                    schema: t.schema.clone(),
                    table: t.table.clone(),
                    column: Some(column.clone()),
                    paths,
                    uncertain: Vec::new(),
                });
            }
            if !table.is_empty() || !uncertain.is_empty() {
                out.push(Reach {
                    account: acc.id.clone(),
                    schema: t.schema.clone(),
                    table: t.table.clone(),
                    column: None,
                    paths: table,
                    uncertain,
                });
            }
        }
        out.extend(by_column.into_values().flatten());
    }
    out
}

/// The global privileges an account has, and how (own grant or through which role).
pub fn effective_global(g: &Grants, account: &Ident) -> Vec<(Global, Through)> {
    principals(g, account)
        .into_iter()
        .filter_map(|(who, through)| {
            g.account(&who)
                .map(|a| a.global)
                .filter(|gl| *gl != Global::default())
                .map(|gl| (gl, through))
        })
        .collect()
}

#[cfg(test)]
mod tests;
