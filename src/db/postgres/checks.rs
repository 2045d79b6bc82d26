//! postgres: posture checks and their findings, computed from the facts `access.rs` read.
//! Pure functions: no SQL here.
//! The findings' titles, recommendations and references are in the findings catalog
//! (`src/findings/catalog/postgres.toml`, one entry per check id); the code fills in the names,
//! counts and SQL.
//!
//! Every check is `pass`, `fail` or `indeterminate`; indeterminate says what the scanning account
//! could not see and what it would need. Check ids and their order:
//!
//! - `pg.scanning_account`: what the scanning account can see;
//! - `pg.superuser_login_roles`, `pg.bypassrls_login_roles`, `pg.createrole_login_roles`,
//!   `pg.replication_login_roles`, `pg.login_roles_without_expiry`, `pg.read_all_data_members`:
//!   attributes of the login roles;
//! - `pg.ssl`, `pg.password_encryption`: server settings;
//! - `pg.pd_readable_by_public`: SELECT on personal-data tables or columns granted to PUBLIC;
//! - `pg.md5_password_hashes`: login roles with md5 hashes (a boolean computed server-side:
//!   no hash ever leaves the server);
//! - `pg.hba_trust`, `pg.hba_password`, `pg.hba_host_without_ssl`: `pg_hba_file_rules`;
//! - `pg.public_schema_create`: schemas where PUBLIC may CREATE;
//! - `pg.default_acl_broad`: default privileges to PUBLIC or to a role most login roles inherit;
//! - `pg.owner_rights_views`: views over personal data that run with their owner's rights.

use std::collections::HashSet;
use std::net::IpAddr;

use super::facts::{
    BOOTSTRAP_SUPERUSER, HbaLine, PUBLIC, Posture, Probe, RoleRow, Settings, TableFacts,
    Unreadable, ViewRow,
};
use super::quote_ident;
use super::roles::{Graph, plural};
use crate::access::PdTable;
use crate::findings::catalog::raise;
use crate::model::{
    AccessRecord, Finding, Place, PostureCheck, PostureState, Sensitivity, Severity,
};
use crate::vars;

/// At most this many names in one evidence line; the count is always given.
const MAX_NAMES: usize = 50;

/// The reference added to a finding about access to personal data when the data includes
/// payment card numbers.
const PCI_ACCESS: &str = "PCI DSS 7.2";

/// What the checks look at.
pub(crate) struct Input<'a> {
    /// Database id for the checks and findings.
    pub database: &'a str,
    /// The personal-data tables of the scan.
    pub pd: &'a [PdTable],
    /// The scanning account.
    pub probe: &'a Probe,
    /// All roles, when they could be listed.
    pub roles: Option<&'a [RoleRow]>,
    /// The role graph, when the roles could be listed.
    pub graph: Option<&'a Graph>,
    /// The graph holds every membership (read from `pg_auth_members`).
    pub memberships_complete: bool,
    /// The personal-data tables, when their grants could be read.
    pub tables: Option<&'a [TableFacts<'a>]>,
    /// The access records (who reads through PUBLIC, for evidence).
    pub access: &'a [AccessRecord],
    /// Settings, hba, schemas, default privileges, views.
    pub posture: &'a Posture,
}

/// Posture checks, their findings, and warnings (lines of pg_hba.conf the server cannot parse).
#[derive(Debug, Clone, Default)]
pub(crate) struct Evaluation {
    pub checks: Vec<PostureCheck>,
    pub findings: Vec<Finding>,
    pub warnings: Vec<String>,
}

/// One warning per thing the scanning account cannot see.
pub(crate) fn visibility_warnings(p: &Probe) -> Vec<String> {
    let mut out = Vec::new();
    if !p.authid {
        out.push(format!(
            "pg_authid is not readable by {}: which login roles still have md5 password \
             hashes cannot be checked (needs superuser)",
            p.user
        ));
    }
    if !p.hba {
        out.push(format!(
            "pg_hba_file_rules is not readable by {}: client authentication rules (trust, \
             password, non-SSL host lines) cannot be checked (needs superuser, or SELECT on \
             pg_catalog.pg_hba_file_rules and EXECUTE on pg_catalog.pg_hba_file_rules(); \
             pg_read_all_settings does not give it)",
            p.user
        ));
    }
    out
}

/// The posture checks (ids `pg.*`) and their findings.
pub(crate) fn evaluate(input: &Input<'_>) -> Evaluation {
    let mut out = Out {
        input,
        checks: Vec::new(),
        findings: Vec::new(),
        warnings: Vec::new(),
    };
    out.scanning_account();
    match input.roles {
        Some(roles) => out.role_attributes(roles),
        None => {
            for id in [
                "pg.superuser_login_roles",
                "pg.bypassrls_login_roles",
                "pg.createrole_login_roles",
                "pg.replication_login_roles",
                "pg.login_roles_without_expiry",
                "pg.read_all_data_members",
            ] {
                out.check(
                    id,
                    PostureState::Indeterminate,
                    "login roles could not be listed (needs SELECT on pg_catalog.pg_roles)",
                );
            }
        }
    }
    let public_connect = out.settings();
    match input.tables {
        Some(t) => out.public_read(t, public_connect),
        None => out.check(
            "pg.pd_readable_by_public",
            PostureState::Indeterminate,
            "the grants on the personal-data tables could not be read",
        ),
    }
    out.md5_hashes();
    out.hba();
    out.schema_create();
    out.default_acl();
    out.owner_rights_views();
    Evaluation {
        checks: out.checks,
        findings: out.findings,
        warnings: out.warnings,
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

impl HbaLine {
    /// `line 2: host all all 127.0.0.1/32 trust`.
    pub(crate) fn describe(&self) -> String {
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

/// The views (one row per view and table) that run with their owner's rights.
pub(crate) fn owner_rights(rows: &[ViewRow]) -> Vec<&ViewRow> {
    rows.iter()
        .filter(|v| !security_invoker(&v.options))
        .collect()
}

/// An identifier for SQL in a recommendation: bare when that is unambiguous, else quoted.
pub(crate) fn sql_ident(name: &str) -> String {
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

/// `schema.table` for SQL in a recommendation.
fn sql_name(t: &TableFacts<'_>) -> String {
    format!("{}.{}", sql_ident(&t.pd.schema), sql_ident(&t.pd.table))
}

// ---------------------------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------------------------

struct Out<'a> {
    input: &'a Input<'a>,
    checks: Vec<PostureCheck>,
    findings: Vec<Finding>,
    warnings: Vec<String>,
}

impl Out<'_> {
    fn check(&mut self, id: &str, state: PostureState, evidence: impl Into<String>) {
        self.checks.push(PostureCheck {
            database: self.input.database.to_string(),
            check: id.to_string(),
            state,
            evidence: evidence.into(),
        });
    }

    /// `pg.scanning_account`: what the scanning account can see.
    fn scanning_account(&mut self) {
        let p = self.input.probe;
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
    }

    /// A check of the login roles with `attribute`: passes when there are none, else fails and
    /// raises finding `id`, which it returns. The catalog's templates for `id` name `{n}` and
    /// `{accounts}` (how many), `{sql}` (the statements that fix it) and the names in `more`.
    fn role_check(
        &mut self,
        id: &str,
        attribute: &str,
        offenders: Vec<String>,
        pass: String,
        sql: String,
        more: &[(&str, String)],
    ) -> Option<&mut Finding> {
        if offenders.is_empty() {
            self.check(id, PostureState::Pass, pass);
            return None;
        }
        let n = offenders.len();
        let evidence = format!(
            "{n} login {} with {attribute}: {}",
            plural(n as i64, "role", "roles"),
            names_line(&offenders)
        );
        self.check(id, PostureState::Fail, evidence.clone());
        let mut vars = vars!(
            n = n,
            accounts = plural(n as i64, "account", "accounts"),
            sql = sql
        )
        .to_vec();
        vars.extend_from_slice(more);
        self.findings.push(raise(
            id,
            Place::database(self.input.database),
            &vars,
            vec![evidence],
        ));
        self.findings.last_mut()
    }

    fn role_attributes(&mut self, roles: &[RoleRow]) {
        let input = self.input;
        let (g, probe, pd) = (input.graph, input.probe, input.pd);
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
        let sql = first_sql(&supers, "ALTER ROLE {} NOSUPERUSER;");
        self.role_check(
            "pg.superuser_login_roles",
            &format!("SUPERUSER besides the bootstrap superuser {bootstrap}"),
            supers,
            format!("no login role besides the bootstrap superuser {bootstrap} has SUPERUSER"),
            sql,
            vars!(),
        );

        let v = names(&|r| r.bypassrls && !r.superuser);
        let sql = first_sql(&v, "ALTER ROLE {} NOBYPASSRLS;");
        self.role_check(
            "pg.bypassrls_login_roles",
            "BYPASSRLS (not superusers)",
            v,
            "no non-superuser login role has BYPASSRLS".into(),
            sql,
            vars!(),
        );

        let v = names(&|r| r.createrole && !r.superuser);
        let sql = first_sql(&v, "ALTER ROLE {} NOCREATEROLE;");
        let version_note = if probe.version < 160_000 {
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
            sql,
            vars!(version_note = version_note),
        );

        let v = names(&|r| r.replication && !r.superuser);
        let sql = first_sql(&v, "ALTER ROLE {} NOREPLICATION;");
        self.role_check(
            "pg.replication_login_roles",
            "REPLICATION (not superusers)",
            v,
            "no non-superuser login role has REPLICATION".into(),
            sql,
            vars!(),
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
            self.findings.push(raise(
                "pg.login_roles_without_expiry",
                Place::database(self.input.database),
                vars!(
                    n = n,
                    role = sql_ident(&v[0]),
                    // A year from the audit, never a date written into the code.
                    until = (chrono::Utc::now().date_naive() + chrono::Duration::days(365))
                        .format("%Y-%m-%d")
                ),
                vec![evidence],
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
                let sql = holders
                    .iter()
                    .take(MAX_NAMES)
                    .map(|h| format!("REVOKE pg_read_all_data FROM {};", sql_ident(h)))
                    .collect::<Vec<_>>()
                    .join(" ");
                if let Some(f) = self.role_check(
                    "pg.read_all_data_members",
                    "pg_read_all_data (not superusers)",
                    holders,
                    "no non-superuser login role holds pg_read_all_data".into(),
                    sql,
                    vars!(),
                ) && has_card_data(pd)
                {
                    f.references.push(PCI_ACCESS.into());
                }
            }
        }
    }

    /// ssl and password_encryption; returns whether PUBLIC may CONNECT to the database.
    fn settings(&mut self) -> Option<bool> {
        let probe = self.input.probe;
        let Settings {
            ssl,
            password_encryption: enc,
            public_connect,
            session_ssl,
        } = match &self.input.posture.settings {
            Ok(s) => s,
            Err(e) => {
                let why = format!("the server settings could not be read: {e}");
                self.check("pg.ssl", PostureState::Indeterminate, why.clone());
                self.check("pg.password_encryption", PostureState::Indeterminate, why);
                return None;
            }
        };
        let session = match session_ssl {
            Some(true) => "; this scan's own connection is encrypted",
            Some(false) => "; this scan's own connection is not encrypted",
            None => "",
        };
        if ssl == "on" {
            self.check("pg.ssl", PostureState::Pass, format!("ssl = on{session}"));
        } else {
            let evidence = format!("ssl = {ssl}{session}");
            self.check("pg.ssl", PostureState::Fail, evidence.clone());
            self.findings.push(raise(
                "pg.ssl",
                Place::database(self.input.database),
                vars!(),
                vec![
                    evidence,
                    "personal data and passwords cross the network in clear text".into(),
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
            self.findings.push(raise(
                "pg.password_encryption",
                Place::database(self.input.database),
                vars!(),
                vec![evidence],
            ));
        } else {
            self.check(
                "pg.password_encryption",
                PostureState::Pass,
                format!("password_encryption = {enc}"),
            );
        }
        *public_connect
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
                .input
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
            // The columns granted to PUBLIC, when it is not the whole table.
            let columns = if whole {
                String::new()
            } else {
                format!(
                    " ({})",
                    cols.iter()
                        .map(|c| sql_ident(c))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            let mut f = raise(
                "pg.pd_readable_by_public",
                Place::table(self.input.database, &t.pd.schema, &t.pd.table),
                vars!(table = t.name(), columns = columns, table_sql = sql_name(t)),
                evidence,
            )
            .with_severity(public_read_severity(t.pd));
            if t.pd.categories.iter().any(|c| c == "payment_card") {
                f.references.push(PCI_ACCESS.into());
            }
            self.findings.push(f);
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

    fn md5_hashes(&mut self) {
        let probe = self.input.probe;
        let names: &[String] = match &self.input.posture.md5 {
            None => {
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
            Some(Ok(v)) => v,
            Some(Err(e)) => {
                self.check(
                    "pg.md5_password_hashes",
                    PostureState::Indeterminate,
                    format!("pg_authid could not be read: {e}"),
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
            names_line(names)
        );
        self.check(
            "pg.md5_password_hashes",
            PostureState::Fail,
            evidence.clone(),
        );
        self.findings.push(raise(
            "pg.md5_password_hashes",
            Place::database(self.input.database),
            vars!(
                n = names.len(),
                passwords_are = plural(names.len() as i64, "password is", "passwords are"),
                role = sql_ident(&names[0])
            ),
            vec![evidence],
        ));
    }

    fn hba(&mut self) {
        const IDS: [&str; 3] = ["pg.hba_trust", "pg.hba_password", "pg.hba_host_without_ssl"];
        let input = self.input;
        let why = match &input.posture.hba {
            Some(Ok(lines)) => {
                self.hba_lines(lines);
                return;
            }
            None => format!(
                "pg_hba_file_rules is not readable by {}: on PostgreSQL 15 it needs superuser \
                 (or SELECT on pg_catalog.pg_hba_file_rules and EXECUTE on \
                 pg_catalog.pg_hba_file_rules()); pg_read_all_settings does not give it",
                input.probe.user
            ),
            Some(Err(Unreadable::Query(e))) => format!("pg_hba_file_rules could not be read: {e}"),
            Some(Err(Unreadable::Decode(e))) => {
                format!("pg_hba_file_rules could not be decoded: {e}")
            }
        };
        for id in IDS {
            self.check(id, PostureState::Indeterminate, why.clone());
        }
    }

    fn hba_lines(&mut self, lines: &[HbaLine]) {
        let broken: Vec<i32> = lines
            .iter()
            .filter(|l| l.error.is_some())
            .map(|l| l.line)
            .collect();
        if !broken.is_empty() {
            self.warnings.push(format!(
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
        );
    }

    /// A check of the pg_hba.conf lines that `what`: passes when there are none, else fails
    /// and raises finding `id` (whose catalog templates name nothing).
    fn hba_check(&mut self, id: &str, offenders: Vec<String>, total: usize, what: &str) {
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
        self.findings.push(raise(
            id,
            Place::database(self.input.database),
            vars!(),
            evidence,
        ));
    }

    fn schema_create(&mut self) {
        let rows = match &self.input.posture.schemas {
            Ok(r) => r,
            Err(Unreadable::Query(e)) => {
                self.check(
                    "pg.public_schema_create",
                    PostureState::Indeterminate,
                    format!(
                        "schema privileges could not be read ({e}); needs SELECT on \
                         pg_catalog.pg_namespace"
                    ),
                );
                return;
            }
            Err(Unreadable::Decode(e)) => {
                self.check(
                    "pg.public_schema_create",
                    PostureState::Indeterminate,
                    format!("schema privileges could not be decoded: {e}"),
                );
                return;
            }
        };
        let open: Vec<String> = rows
            .iter()
            .filter(|r| r.public_create)
            .map(|r| r.name.clone())
            .collect();
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
        self.findings.push(raise(
            "pg.public_schema_create",
            Place::database(self.input.database),
            vars!(sql = sql),
            vec![
                evidence,
                "a planted function or table there can run with another user's rights or capture \
                 their data (search_path attacks)"
                    .into(),
            ],
        ));
    }

    fn default_acl(&mut self) {
        let input = self.input;
        let (roles, g, memberships_complete) =
            (input.roles, input.graph, input.memberships_complete);
        let rows = match &input.posture.default_acl {
            Ok(r) => r,
            Err(e) => {
                self.check(
                    "pg.default_acl_broad",
                    PostureState::Indeterminate,
                    format!(
                        "default privileges could not be read ({e}); needs SELECT on \
                         pg_catalog.pg_default_acl"
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
        for r in rows {
            let (owner, schema, kind, grantee, privilege) = (
                r.owner,
                r.schema.clone(),
                r.kind.clone(),
                r.grantee,
                r.privilege.clone(),
            );
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
            // One owner's defaults for one schema (or all) and object type, to one grantee:
            // `<db>: default privileges of <owner> in schema <s> (tables, <grantee>)`.
            let defaults = format!(
                "default privileges of {} {scope} ({objects}, {})",
                name(*owner),
                name(*grantee)
            );
            self.findings.push(
                raise(
                    "pg.default_acl_broad",
                    Place::setting(self.input.database, &defaults),
                    vars!(
                        object = if kind == "S" { "sequence" } else { "table" },
                        owner = name(*owner),
                        shared_with = if *grantee == PUBLIC {
                            "everyone".to_string()
                        } else {
                            format!("the broad role {}", name(*grantee))
                        },
                        owner_sql = sql_ident(&name(*owner)),
                        in_schema = in_schema,
                        objects = objects.to_uppercase(),
                        grantee_sql = grantee_sql
                    ),
                    vec![evidence],
                )
                .with_severity(if reads && *grantee == PUBLIC {
                    Severity::High
                } else {
                    Severity::Medium
                }),
            );
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

    fn owner_rights_views(&mut self) {
        let input = self.input;
        let (Some(tables), Some(roles), Some(read)) =
            (input.tables, input.roles, input.posture.views.as_ref())
        else {
            self.check(
                "pg.owner_rights_views",
                PostureState::Indeterminate,
                "the personal-data tables or the login roles could not be read",
            );
            return;
        };
        let (g, version) = (input.graph, input.probe.version);
        let facts = match read {
            Ok(v) => v,
            Err(Unreadable::Query(e)) => {
                self.check(
                    "pg.owner_rights_views",
                    PostureState::Indeterminate,
                    format!(
                        "view dependencies could not be read ({e}); needs SELECT on \
                         pg_catalog.pg_depend and pg_rewrite"
                    ),
                );
                return;
            }
            Err(Unreadable::Decode(e)) => {
                self.check(
                    "pg.owner_rights_views",
                    PostureState::Indeterminate,
                    format!("view dependencies could not be decoded: {e}"),
                );
                return;
            }
        };
        let all = facts.rows.len();
        let views = owner_rights(&facts.rows);
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
        let readers = &facts.readers;
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
            let bases: Vec<&ViewRow> = views.iter().copied().filter(|w| w.oid == v.oid).collect();
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
            // The fix depends on the server version: security_invoker exists from 15 on.
            let recommendation = if version >= 150_000 {
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
            };
            self.findings.push(
                raise(
                    "pg.owner_rights_views",
                    Place::table(self.input.database, &v.schema, &v.name),
                    vars!(view = view_name, recommendation = recommendation),
                    evidence,
                )
                .with_severity(if v.public {
                    Severity::Medium
                } else {
                    Severity::Low
                }),
            );
        }
        self.check(
            "pg.owner_rights_views",
            PostureState::Fail,
            failed.join("; "),
        );
    }
}

#[cfg(test)]
mod tests;
