//! postgres: the role graph and the access records, computed from the facts `access.rs` read.
//! Pure functions: no SQL here.
//!
//! Whether a login role can read a personal-data table is the server's own answer
//! ([`ServerPrivs`]: `has_table_privilege`, `has_schema_privilege`, `has_database_privilege`,
//! and `has_column_privilege` for column-only grants). *How* it can read (owner, superuser,
//! pg_read_all_data, direct grant, PUBLIC, inherited from role X, can SET ROLE to X) comes from
//! the catalog: the ACLs and the membership graph of `pg_auth_members`, walked by [`Graph`],
//! [`own_path`] and [`set_role_path`] (unit-tested with hand-written rows, including the
//! PostgreSQL 16 per-grant INHERIT/SET options). Where the server could not be asked, records are
//! derived from the catalog alone and marked indeterminate.

use std::collections::{HashMap, HashSet, VecDeque};

use super::facts::{
    Acl, ColumnFacts, MemberRow, Memberships, PUBLIC, Probe, Rls, RoleRow, ServerPrivs, TableFacts,
    Tables,
};
use crate::access::PdTable;
use crate::model::{AccessRecord, AccessState};

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

/// An access path as the report words it, and whether it runs through a role membership.
pub(crate) struct Described {
    text: String,
    membership: bool,
}

impl Described {
    fn plain(text: &str) -> Described {
        Described {
            text: text.to_string(),
            membership: false,
        }
    }
}

impl Via {
    /// The path in words, with whether it is a membership (inherited or SET ROLE).
    pub(crate) fn described(self, g: &Graph) -> Described {
        Described {
            text: self.describe(g),
            membership: matches!(self, Via::Inherited(_) | Via::SetRole(_)),
        }
    }

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

/// `one` or `many` after a count.
pub(crate) fn plural<'a>(n: i64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

// ---------------------------------------------------------------------------------------------
// Memberships
// ---------------------------------------------------------------------------------------------

/// The role graph and what is known about how complete it is.
#[derive(Debug, Clone, Default)]
pub(crate) struct Membership {
    /// The graph; `None` when the roles could not be read.
    pub graph: Option<Graph>,
    /// A note for inherited and SET ROLE paths when the membership chain did not come from
    /// `pg_auth_members`.
    pub note: Option<String>,
    /// Why memberships are unknown altogether (the graph then has no edges).
    pub unknown: Option<String>,
    /// One line per limitation.
    pub warnings: Vec<String>,
}

impl Membership {
    /// The graph holds every membership (read from `pg_auth_members`).
    pub(crate) fn complete(&self) -> bool {
        self.graph.is_some() && self.note.is_none()
    }
}

/// Build the role graph from the memberships as read (`members` is `None` when the roles could
/// not be read).
pub(crate) fn membership(
    probe: &Probe,
    roles: Option<&[RoleRow]>,
    members: Option<&Memberships>,
) -> Membership {
    let mut out = Membership::default();
    let (Some(roles), Some(members)) = (roles, members) else {
        return out;
    };
    let pg16 = probe.version >= 160_000;
    match members {
        Memberships::Catalog(m) => out.graph = Some(Graph::new(roles, m, pg16)),
        Memberships::Fallback { denied, rows } => {
            out.warnings.push(format!(
                "pg_catalog.pg_auth_members is not readable by {} ({denied}): role memberships \
                 were evaluated with pg_has_role() against the roles that carry grants \
                 only; needs SELECT on pg_catalog.pg_auth_members (granted to PUBLIC by \
                 default) for the full membership chain",
                probe.user
            ));
            out.note = Some(
                "membership chain not visible to the scanning account (pg_auth_members); \
                 evaluated with pg_has_role()"
                    .to_string(),
            );
            match rows {
                Ok(m) => out.graph = Some(Graph::new(roles, m, true)),
                Err(e) => {
                    let why = format!("role memberships could not be evaluated: {e}");
                    out.warnings.push(why.clone());
                    out.graph = Some(Graph::new(roles, &[], true));
                    out.note = Some(why.clone());
                    out.unknown = Some(why);
                }
            }
        }
    }
    out
}

/// Roles that carry grants on the personal-data tables (owners, grantees), pg_read_all_data and
/// the superusers: the targets of the `pg_has_role()` fallback.
pub(crate) fn carriers(roles: &[RoleRow], tables: &[TableFacts<'_>], probe: &Probe) -> Vec<u32> {
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

/// The roles the server is asked about: the login roles and every role they can SET ROLE to.
pub(crate) fn asked(roles: &[RoleRow], g: &Graph) -> Vec<u32> {
    let logins: Vec<&RoleRow> = roles.iter().filter(|r| r.login).collect();
    let mut ask: Vec<u32> = logins.iter().map(|r| r.oid).collect();
    let mut seen: HashSet<u32> = ask.iter().copied().collect();
    for l in &logins {
        for &x in g.settable(l.oid) {
            if seen.insert(x) {
                ask.push(x);
            }
        }
    }
    ask
}

// ---------------------------------------------------------------------------------------------
// Access records
// ---------------------------------------------------------------------------------------------

/// What the access analysis needs.
pub(crate) struct Input<'a> {
    /// Database id for the records.
    pub database: &'a str,
    /// The personal-data tables of the scan.
    pub pd: &'a [PdTable],
    /// The scanning account.
    pub probe: &'a Probe,
    /// Roles, or why they could not be listed.
    pub roles: &'a Result<Vec<RoleRow>, String>,
    /// The personal-data tables as read.
    pub tables: &'a Tables<'a>,
    /// The role graph.
    pub membership: &'a Membership,
    /// The server's answers for the login roles, when roles, tables and graph are known.
    pub server: Option<&'a Result<ServerPrivs, String>>,
}

/// Access records (unsorted) and one warning per limitation, in the order they arise.
#[derive(Debug, Clone, Default)]
pub(crate) struct Readers {
    pub records: Vec<AccessRecord>,
    pub warnings: Vec<String>,
}

impl Readers {
    /// One indeterminate `*` record per table: who can read it is unknown.
    fn unknown(&mut self, database: &str, pd: &[PdTable], why: &str) {
        for t in pd {
            self.records
                .push(crate::access::unknown_readers(database, t, why));
        }
    }
}

/// Who can read the personal-data tables and columns, and by which path.
pub(crate) fn access(input: &Input<'_>) -> Readers {
    let database = input.database;
    let pd = input.pd;
    let mut out = Readers::default();
    if let Err(e) = input.roles {
        let why =
            format!("login roles could not be listed ({e}); needs SELECT on pg_catalog.pg_roles");
        out.warnings.push(why.clone());
        out.unknown(database, pd, &why);
    }
    out.warnings.extend(input.tables.notes.iter().cloned());
    if let Err(e) = &input.tables.read {
        let why = format!(
            "the personal-data tables' grants could not be read ({e}); needs SELECT on \
             pg_catalog.pg_class, pg_namespace and pg_attribute"
        );
        out.warnings.push(why.clone());
        if input.roles.is_ok() {
            out.unknown(database, pd, &why);
        }
    }
    out.warnings
        .extend(input.membership.warnings.iter().cloned());
    let (Ok(roles), Ok(tables), Some(g), Some(server)) = (
        input.roles,
        &input.tables.read,
        &input.membership.graph,
        input.server,
    ) else {
        return out;
    };
    let logins: Vec<&RoleRow> = roles.iter().filter(|r| r.login).collect();
    if let Err(e) = server {
        out.warnings.push(format!(
            "the server could not evaluate the login roles' privileges ({e}): readers are \
             derived from the catalog ACLs only and marked indeterminate"
        ));
    }
    let rec = Recorder {
        database,
        membership_note: input.membership.note.as_deref(),
    };
    let rad = input.probe.read_all_data;
    for t in tables {
        for l in &logins {
            let records = match server {
                Ok(s) => rec.readers(t, l.oid, g, s, rad),
                Err(e) => rec.readers_from_catalog(t, l.oid, g, rad, e),
            };
            out.records.extend(records);
        }
    }
    if let Some(why) = &input.membership.unknown {
        // Roles that read only after SET ROLE cannot be found without memberships.
        let pd_found: Vec<PdTable> = tables.iter().map(|t| t.pd.clone()).collect();
        out.unknown(
            database,
            &pd_found,
            &format!("login roles that can read only after SET ROLE are unknown: {why}"),
        );
    }
    // A personal-data table the catalog no longer shows still gets a record: indeterminate,
    // with the reason, never silence.
    if input.roles.is_ok()
        && let Ok(found) = &input.tables.read
    {
        for t in pd
            .iter()
            .filter(|t| !found.iter().any(|f| std::ptr::eq(f.pd, *t)))
        {
            out.records.push(crate::access::unknown_readers(
                database,
                t,
                "the table was not found in the catalog (dropped or renamed since the scan?): \
                 its readers were not analysed",
            ));
        }
    }
    out
}

struct Recorder<'a> {
    database: &'a str,
    /// Why memberships are uncertain, noted on every record that reaches a table through one.
    membership_note: Option<&'a str>,
}

impl Recorder<'_> {
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
                Some(v) => out.push(self.record(t, None, l, g, v.described(g), l, unsure, &notes)),
                None => {
                    let mut n = notes.clone();
                    n.push(
                        "the server reports SELECT, but no path was found in the catalog ACLs \
                         and role memberships"
                            .into(),
                    );
                    out.push(self.record(
                        t,
                        None,
                        l,
                        g,
                        Described::plain("not determined"),
                        l,
                        unsure,
                        &n,
                    ));
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
                    out.push(self.record(t, None, l, g, v.described(g), l, true, &n));
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
                                .map(|v| v.described(g))
                                .unwrap_or_else(|| Described::plain("not determined"));
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
                                    v.described(g),
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
                    out.push(self.record(t, None, l, g, v.described(g), x, unsure, &notes));
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
                                v.described(g),
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
                    out.push(self.record(t, None, l, g, Via::Owner.described(g), l, unsure, &n));
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
            out.push(self.record(t, None, l, g, v.described(g), l, true, &notes));
            return out;
        }
        for c in &t.columns {
            if let Some(v) = own_path(g, l, &c.acl, None) {
                out.push(self.record(t, Some(&c.name), l, g, v.described(g), l, true, &notes));
            }
        }
        if let Some(v @ Via::SetRole(x)) =
            set_role_path(g, l, own, |x| t.acl.carries(x) || g.is_superuser(x))
        {
            out.push(self.record(t, None, l, g, v.described(g), x, true, &notes));
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
        via: Described,
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
        if via.membership
            && let Some(m) = self.membership_note
        {
            notes.push(m.to_string());
        }
        let via = via.text;
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
}

#[cfg(test)]
mod tests;
