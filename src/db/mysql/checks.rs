//! mysql: posture checks and findings, computed from what `access.rs` read. Pure functions:
//! no SQL here.
//! The findings' titles, recommendations and references are in the findings catalog
//! (`src/findings/catalog/mysql.toml`, one entry per finding id); the code fills in the
//! accounts and SQL.
//!
//! Decisions:
//! - only accounts that can log in are checked: roles, locked accounts (`mariadb.sys`,
//!   MySQL's `mysql.sys`/`mysql.session`/`mysql.infoschema`, MySQL roles) and MariaDB's
//!   `PUBLIC` cannot authenticate, so they are left out (and counted in the evidence);
//! - `root@localhost` is an account like any other and is checked, but marked as the built-in
//!   administrator in evidence;
//! - an "administrator" holds both GRANT OPTION and CREATE USER globally (own or through a
//!   role); other accounts with global SELECT, FILE or SUPER fail `mysql.global_privileges`;
//! - an account has no password when any of its authentication methods (MariaDB may chain
//!   several with `OR`) is a password plugin with an empty credential; socket methods
//!   (`unix_socket`, `auth_socket`) and external ones (PAM, GSSAPI, LDAP) are not passwords;
//! - `mysql_native_password` is reported only where it holds a real hash; an empty one is
//!   the worse "no password" problem, an invalid one (`mysql@localhost`) cannot be used.

use crate::findings::catalog::raise;
use crate::model::{Finding, Place, PostureCheck, PostureState, Severity};
use crate::vars;

use super::grants::{Flavor, GrantKind, Grants, Ident, Reach, Through, effective_global, ident};

/// The stored credential of one authentication method (compared on the server; the value
/// itself is never read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    /// `authentication_string = ''`.
    Empty,
    /// Something that can be a password hash.
    Set,
    /// Not a usable hash (`invalid`): no password login by this method.
    Invalid,
}

/// One authentication method of an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthMethod {
    /// Plugin name.
    pub plugin: String,
    /// The credential's state.
    pub credential: Credential,
}

/// Authentication facts of one account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Auth {
    /// Who.
    pub id: Ident,
    /// Methods (MariaDB `IDENTIFIED VIA a OR b` has several).
    pub methods: Vec<AuthMethod>,
    /// Per-account password lifetime in days: `None` = the server default, 0 = never.
    pub password_lifetime: Option<i64>,
}

/// Server variables that matter (`None` = the server does not have it, or it was unreadable).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// `require_secure_transport`.
    pub require_secure_transport: Option<bool>,
    /// `have_ssl` (YES / DISABLED / NO).
    pub have_ssl: Option<String>,
    /// The cipher of this scan's own connection (empty = not encrypted).
    pub session_cipher: Option<String>,
    /// `default_password_lifetime` in days.
    pub default_password_lifetime: Option<i64>,
    /// MySQL `activate_all_roles_on_login`.
    pub activate_all_roles_on_login: Option<bool>,
    /// MySQL 9.5+ `activate_mandatory_roles`.
    pub activate_mandatory_roles: Option<bool>,
    /// MySQL `mandatory_roles`.
    pub mandatory_roles: Option<String>,
    /// MySQL `partial_revokes`.
    pub partial_revokes: Option<bool>,
    /// `lower_case_table_names`.
    pub lower_case_table_names: Option<i64>,
}

/// What the checks look at.
pub struct Input<'a> {
    /// Database id for the records.
    pub database: &'a str,
    /// Engine.
    pub flavor: Flavor,
    /// Accounts and grants, when the scanning account could read them.
    pub grants: Option<&'a Grants>,
    /// Authentication facts, when readable.
    pub auth: Option<&'a [Auth]>,
    /// Server variables.
    pub settings: &'a Settings,
    /// Who reads personal data (for evidence).
    pub reach: &'a [Reach],
    /// Why accounts could not be read (names the privilege needed).
    pub unreadable: Option<String>,
}

const PASSWORD_PLUGINS: &[&str] = &[
    "mysql_native_password",
    "mysql_old_password",
    "ed25519",
    "parsec",
    "caching_sha2_password",
    "sha256_password",
];

/// Most names listed in one evidence line or finding.
const MAX_LISTED: usize = 200;

fn list(names: &[String]) -> String {
    if names.len() <= MAX_LISTED {
        names.join(", ")
    } else {
        format!(
            "{}, and {} more",
            names[..MAX_LISTED].join(", "),
            names.len() - MAX_LISTED
        )
    }
}

/// The statements that move the first 20 of `ids` from a wildcard host to the application's.
fn renames_to_app_host(ids: &[&Ident]) -> String {
    ids.iter()
        .take(20)
        .map(|i| {
            format!(
                "RENAME USER {} TO {}@'<application host>';",
                i.sql(),
                super::grants::sql_string(&i.user)
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn capped(mut lines: Vec<String>) -> Vec<String> {
    if lines.len() > MAX_LISTED {
        let more = lines.len() - MAX_LISTED;
        lines.truncate(MAX_LISTED);
        lines.push(format!("… and {more} more"));
    }
    lines
}

fn label(id: &Ident) -> String {
    if id.user == "root" && id.host == "localhost" {
        format!("{} (built-in administrator)", id.account())
    } else {
        id.account()
    }
}

/// Personal-data tables and columns an account can read (immediately or after SET ROLE).
fn reads(reach: &[Reach], id: &Ident) -> Vec<String> {
    let mut v: Vec<String> = reach
        .iter()
        .filter(|r| &r.account == id && !r.paths.is_empty())
        .map(|r| match &r.column {
            None => format!("{}.{}", r.schema, r.table),
            Some(c) => format!("{}.{}.{}", r.schema, r.table, c),
        })
        .collect();
    v.dedup();
    v
}

fn reads_suffix(reach: &[Reach], id: &Ident) -> String {
    let r = reads(reach, id);
    if r.is_empty() {
        String::new()
    } else {
        format!(
            " — can read personal data in {} table(s)/column(s): {}",
            r.len(),
            list(&r)
        )
    }
}

struct Out<'a> {
    input: &'a Input<'a>,
    checks: Vec<PostureCheck>,
    findings: Vec<Finding>,
}

impl Out<'_> {
    fn check(&mut self, id: &str, state: PostureState, evidence: String) {
        self.checks.push(PostureCheck {
            database: self.input.database.to_string(),
            check: id.to_string(),
            state,
            evidence,
        });
    }

    fn needs_accounts(&mut self, id: &str) {
        let why = self
            .input
            .unreadable
            .clone()
            .unwrap_or_else(|| "the account tables could not be read".into());
        self.check(id, PostureState::Indeterminate, why);
    }
}

/// Posture checks (ids `mysql.*`) and their findings, plus the access findings (PUBLIC and
/// wildcard-host accounts reading personal data).
pub fn evaluate(input: &Input<'_>) -> (Vec<PostureCheck>, Vec<Finding>) {
    let mut out = Out {
        input,
        checks: Vec::new(),
        findings: Vec::new(),
    };
    accounts(&mut out);
    global_privileges(&mut out);
    secure_transport(&mut out);
    password_lifetime(&mut out);
    role_activation(&mut out);
    public_access(&mut out);
    (out.checks, out.findings)
}

fn logins(g: &Grants) -> Vec<&Ident> {
    let mut v: Vec<&Ident> = g.logins().map(|a| &a.id).collect();
    v.sort();
    v
}

fn not_considered(g: &Grants) -> String {
    let n = g.accounts.len() - g.logins().count();
    if n == 0 {
        String::new()
    } else {
        format!(" ({n} roles and locked accounts not considered: they cannot log in)")
    }
}

fn accounts(out: &mut Out<'_>) {
    let input = out.input;
    let Some(g) = input.grants else {
        for id in [
            "mysql.anonymous_accounts",
            "mysql.wildcard_hosts",
            "mysql.accounts_without_password",
            "mysql.native_password",
        ] {
            out.needs_accounts(id);
        }
        return;
    };
    let logins = logins(g);
    let skipped = not_considered(g);
    let db = input.database;

    // Anonymous accounts.
    let anon: Vec<&Ident> = logins
        .iter()
        .copied()
        .filter(|i| i.user.is_empty())
        .collect();
    if anon.is_empty() {
        out.check(
            "mysql.anonymous_accounts",
            PostureState::Pass,
            format!(
                "no anonymous accounts among {} login accounts{skipped}",
                logins.len()
            ),
        );
    } else {
        let names: Vec<String> = anon.iter().map(|i| i.account()).collect();
        out.check(
            "mysql.anonymous_accounts",
            PostureState::Fail,
            format!("{} anonymous account(s): {}", anon.len(), list(&names)),
        );
        let evidence = anon
            .iter()
            .map(|i| {
                format!(
                    "{}: anyone can log in with any user name{}",
                    i.account(),
                    reads_suffix(input.reach, i)
                )
            })
            .collect();
        let drops: Vec<String> = anon
            .iter()
            .map(|i| format!("DROP USER {};", i.sql()))
            .collect();
        out.findings.push(raise(
            "mysql.anonymous_accounts",
            Place::database(db),
            vars!(sql = drops.join(" ")),
            capped(evidence),
        ));
    }

    // Wildcard hosts.
    let wild: Vec<&Ident> = logins
        .iter()
        .copied()
        .filter(|i| i.wildcard_host())
        .collect();
    if wild.is_empty() {
        out.check(
            "mysql.wildcard_hosts",
            PostureState::Pass,
            format!(
                "no login account accepts connections from any host ({} checked){skipped}",
                logins.len()
            ),
        );
    } else {
        let names: Vec<String> = wild.iter().map(|i| i.account()).collect();
        out.check(
            "mysql.wildcard_hosts",
            PostureState::Fail,
            format!(
                "{} account(s) with a wildcard host: {}",
                wild.len(),
                list(&names)
            ),
        );
        // Those reading personal data get the (high) access finding; the rest a posture one.
        let (pd, rest): (Vec<&Ident>, Vec<&Ident>) = wild
            .iter()
            .copied()
            .partition(|i| !direct_reads(input.reach, i).is_empty());
        if !pd.is_empty() {
            let evidence = pd
                .iter()
                .map(|i| {
                    let r = direct_reads(input.reach, i);
                    format!(
                        "{} can read {} personal-data table(s)/column(s) from any matching host: {}",
                        i.account(),
                        r.len(),
                        list(&r)
                    )
                })
                .collect();
            let renames = renames_to_app_host(&pd);
            out.findings.push(raise(
                "mysql.wildcard_host_personal_data",
                Place::database(db),
                vars!(sql = renames),
                capped(evidence),
            ));
        }
        if !rest.is_empty() {
            let names: Vec<String> = rest.iter().map(|i| i.account()).collect();
            let renames = renames_to_app_host(&rest);
            out.findings.push(raise(
                "mysql.wildcard_hosts",
                Place::database(db),
                vars!(sql = renames),
                capped(
                    names
                        .iter()
                        .map(|n| format!("{n}: wildcard host"))
                        .collect(),
                ),
            ));
        }
    }

    // Passwords and plugins.
    let Some(auth) = input.auth else {
        out.needs_accounts("mysql.accounts_without_password");
        out.needs_accounts("mysql.native_password");
        return;
    };
    let auth_of = |id: &Ident| auth.iter().find(|a| &a.id == id);
    let mut empty: Vec<&Ident> = Vec::new();
    let mut native: Vec<&Ident> = Vec::new();
    let mut socket_only = 0usize;
    for id in &logins {
        let Some(a) = auth_of(id) else { continue };
        let password = |m: &AuthMethod| PASSWORD_PLUGINS.contains(&m.plugin.as_str());
        if a.methods
            .iter()
            .any(|m| password(m) && m.credential == Credential::Empty)
        {
            empty.push(id);
        } else if a.methods.iter().all(|m| !password(m)) {
            socket_only += 1;
        }
        if a.methods
            .iter()
            .any(|m| m.plugin == "mysql_native_password" && m.credential == Credential::Set)
        {
            native.push(id);
        }
    }
    if empty.is_empty() {
        out.check(
            "mysql.accounts_without_password",
            PostureState::Pass,
            format!(
                "every login account has a password or uses socket/external authentication ({} checked, {socket_only} without any password method){skipped}",
                logins.len()
            ),
        );
    } else {
        let names: Vec<String> = empty.iter().map(|i| label(i)).collect();
        out.check(
            "mysql.accounts_without_password",
            PostureState::Fail,
            format!(
                "{} account(s) accept an empty password: {}",
                empty.len(),
                list(&names)
            ),
        );
        let socket = match input.flavor {
            Flavor::MariaDb => "IDENTIFIED VIA unix_socket",
            Flavor::Mysql => "IDENTIFIED WITH auth_socket",
        };
        let evidence = empty
            .iter()
            .map(|i| {
                format!(
                    "{} has no password{}",
                    label(i),
                    reads_suffix(input.reach, i)
                )
            })
            .collect();
        let alters: Vec<String> = empty
            .iter()
            .take(20)
            .map(|i| format!("ALTER USER {} IDENTIFIED BY '<strong password>';", i.sql()))
            .collect();
        out.findings.push(raise(
            "mysql.accounts_without_password",
            Place::database(db),
            vars!(sql = alters.join(" "), socket = socket),
            capped(evidence),
        ));
    }
    if native.is_empty() {
        out.check(
            "mysql.native_password",
            PostureState::Pass,
            format!(
                "no login account uses a mysql_native_password hash ({} checked)",
                logins.len()
            ),
        );
    } else {
        let names: Vec<String> = native.iter().map(|i| label(i)).collect();
        out.check(
            "mysql.native_password",
            PostureState::Fail,
            format!(
                "{} account(s) authenticate with mysql_native_password (unsalted SHA-1): {}",
                native.len(),
                list(&names)
            ),
        );
        let alters: Vec<String> = native
            .iter()
            .take(20)
            .map(|i| match input.flavor {
                Flavor::MariaDb => format!(
                    "ALTER USER {} IDENTIFIED VIA ed25519 USING PASSWORD('<new password>');",
                    i.sql()
                ),
                Flavor::Mysql => format!(
                    "ALTER USER {} IDENTIFIED WITH caching_sha2_password BY '<new password>';",
                    i.sql()
                ),
            })
            .collect();
        out.findings.push(raise(
            "mysql.native_password",
            Place::database(db),
            vars!(sql = alters.join(" ")),
            capped(
                names
                    .iter()
                    .map(|n| format!("{n}: mysql_native_password"))
                    .collect(),
            ),
        ));
    }
}

/// Personal data an account reads through its own grants or roles (not through PUBLIC).
fn direct_reads(reach: &[Reach], id: &Ident) -> Vec<String> {
    let mut v: Vec<String> = reach
        .iter()
        .filter(|r| &r.account == id)
        .filter(|r| {
            r.paths
                .iter()
                .any(|p| !matches!(p.through, Through::Public { .. }))
        })
        .map(|r| match &r.column {
            None => format!("{}.{}", r.schema, r.table),
            Some(c) => format!("{}.{}.{}", r.schema, r.table, c),
        })
        .collect();
    v.dedup();
    v
}

fn global_privileges(out: &mut Out<'_>) {
    let input = out.input;
    let Some(g) = input.grants else {
        out.needs_accounts("mysql.global_privileges");
        return;
    };
    let mut lines: Vec<String> = Vec::new();
    let mut revokes: Vec<String> = Vec::new();
    let mut accounts: Vec<String> = Vec::new();
    for id in logins(g) {
        let eg = effective_global(g, id);
        let admin = eg.iter().any(|(gl, _)| gl.grant) && eg.iter().any(|(gl, _)| gl.create_user);
        if admin {
            continue;
        }
        let mut parts: Vec<String> = Vec::new();
        for (gl, through) in &eg {
            let mut privs = Vec::new();
            if gl.select {
                privs.push("SELECT");
            }
            if gl.file {
                privs.push("FILE");
            }
            if gl.super_ {
                privs.push("SUPER");
            }
            if privs.is_empty() {
                continue;
            }
            let how = match through {
                Through::Direct => "own grant".to_string(),
                other => other.label(),
            };
            parts.push(format!("{} ({how})", privs.join(", ")));
            let from = match through {
                Through::Direct => id.sql(),
                Through::Public { roles } => roles
                    .last()
                    .map(|r| r.sql_role())
                    .unwrap_or_else(|| "PUBLIC".into()),
                Through::Role { chain, .. } => {
                    chain.last().map(|r| r.sql_role()).unwrap_or_default()
                }
            };
            let stmt = format!("REVOKE {} ON *.* FROM {from};", privs.join(", "));
            if !revokes.contains(&stmt) {
                revokes.push(stmt);
            }
        }
        if !parts.is_empty() {
            accounts.push(id.account());
            lines.push(format!("{}: {}", id.account(), parts.join("; ")));
        }
    }
    if lines.is_empty() {
        out.check(
            "mysql.global_privileges",
            PostureState::Pass,
            "no non-administrator account holds global SELECT, FILE or SUPER (administrator = global GRANT OPTION and CREATE USER)".into(),
        );
        return;
    }
    out.check(
        "mysql.global_privileges",
        PostureState::Fail,
        format!(
            "{} non-administrator account(s) hold global SELECT, FILE or SUPER: {}",
            accounts.len(),
            list(&lines)
        ),
    );
    revokes.truncate(20);
    out.findings.push(raise(
        "mysql.global_privileges",
        Place::database(input.database),
        vars!(sql = revokes.join(" ")),
        capped(lines),
    ));
}

fn secure_transport(out: &mut Out<'_>) {
    let input = out.input;
    let s = input.settings;
    let tls = s.have_ssl.as_deref().map(|v| v.eq_ignore_ascii_case("YES"));
    let tls_text = match (&s.have_ssl, tls) {
        (Some(v), Some(true)) => format!("TLS available (have_ssl={v})"),
        (Some(v), _) => format!("TLS not available (have_ssl={v})"),
        (None, _) => "TLS availability unknown (no have_ssl variable)".to_string(),
    };
    let conn = match s.session_cipher.as_deref() {
        Some("") => "; this scan's own connection is not encrypted",
        Some(_) => "; this scan's own connection is encrypted",
        None => "",
    };
    match s.require_secure_transport {
        Some(true) => out.check(
            "mysql.secure_transport",
            PostureState::Pass,
            format!("require_secure_transport=ON; {tls_text}{conn}"),
        ),
        other => {
            let rst = if other.is_none() {
                "require_secure_transport not available on this server version (treated as OFF)"
            } else {
                "require_secure_transport=OFF"
            };
            out.check(
                "mysql.secure_transport",
                PostureState::Fail,
                format!("{rst}; {tls_text}{conn}"),
            );
            // With TLS available the server only has to require it; without, TLS comes first.
            let (severity, title, recommendation) = if tls == Some(true) {
                (
                    Severity::Medium,
                    "The database server accepts unencrypted connections",
                    "Refuse unencrypted connections: SET GLOBAL require_secure_transport=ON; and set require_secure_transport=ON in the server configuration so it survives a restart.",
                )
            } else {
                (
                    Severity::High,
                    "Connections to the database server are not encrypted",
                    "Configure TLS (ssl_cert, ssl_key and ssl_ca in the [mysqld] section of the server configuration, then restart), then refuse unencrypted connections: SET GLOBAL require_secure_transport=ON; (and in the configuration file).",
                )
            };
            out.findings.push(
                raise(
                    "mysql.secure_transport",
                    Place::database(input.database),
                    vars!(title = title, recommendation = recommendation),
                    vec![rst.to_string(), format!("{tls_text}{conn}")],
                )
                .with_severity(severity),
            );
        }
    }
}

fn password_lifetime(out: &mut Out<'_>) {
    let input = out.input;
    let default = input.settings.default_password_lifetime;
    let (Some(g), Some(auth)) = (input.grants, input.auth) else {
        out.needs_accounts("mysql.password_lifetime");
        return;
    };
    let default_ok = default.is_some_and(|d| d > 0 && d <= 365);
    let mut never: Vec<String> = Vec::new();
    let mut checked = 0;
    for id in logins(g) {
        let Some(a) = auth.iter().find(|a| &a.id == id) else {
            continue;
        };
        let has_password = a.methods.iter().any(|m| {
            PASSWORD_PLUGINS.contains(&m.plugin.as_str()) && m.credential == Credential::Set
        });
        if !has_password {
            continue;
        }
        checked += 1;
        let ok = match a.password_lifetime {
            Some(d) if d >= 0 => d > 0 && d <= 365,
            _ => default_ok,
        };
        if !ok {
            never.push(label(id));
        }
    }
    let default_text = match default {
        Some(0) => "default_password_lifetime=0 (passwords never expire)".to_string(),
        Some(d) => format!("default_password_lifetime={d} days"),
        None => "default_password_lifetime not available".to_string(),
    };
    if never.is_empty() {
        out.check(
            "mysql.password_lifetime",
            PostureState::Pass,
            format!("{default_text}; all {checked} password accounts expire within 365 days"),
        );
        return;
    }
    out.check(
        "mysql.password_lifetime",
        PostureState::Fail,
        format!(
            "{default_text}; {} of {checked} password account(s) without a lifetime of at most 365 days: {}",
            never.len(),
            list(&never)
        ),
    );
    out.findings.push(raise(
        "mysql.password_lifetime",
        Place::database(input.database),
        vars!(),
        capped(
            std::iter::once(default_text)
                .chain(never.iter().map(|n| format!("{n}: no password lifetime")))
                .collect(),
        ),
    ));
}

fn role_activation(out: &mut Out<'_>) {
    let input = out.input;
    if input.flavor == Flavor::MariaDb {
        out.check(
            "mysql.role_activation",
            PostureState::Pass,
            "not applicable on MariaDB: there is no activate_all_roles_on_login or mandatory_roles; each account activates only its default role (grants to PUBLIC are reported as access)".into(),
        );
        return;
    }
    let s = input.settings;
    let all = s.activate_all_roles_on_login.unwrap_or(false);
    let mandatory = s.mandatory_roles.clone().unwrap_or_default();
    let Some(g) = input.grants else {
        if !all && mandatory.trim().is_empty() {
            out.check(
                "mysql.role_activation",
                PostureState::Pass,
                "activate_all_roles_on_login=OFF; mandatory_roles empty".into(),
            );
        } else {
            out.needs_accounts("mysql.role_activation");
        }
        return;
    };
    // Personal data reached through mandatory roles, and through roles active only because
    // of activate_all_roles_on_login.
    let mandatory_ids = &g.mandatory_roles;
    let mut through_mandatory: Vec<String> = Vec::new();
    let mut through_all: Vec<String> = Vec::new();
    for r in input.reach {
        for p in &r.paths {
            if let Through::Role { chain, active } = &p.through {
                let Some(first) = chain.first() else { continue };
                let what = match &r.column {
                    None => format!("{}.{}", r.schema, r.table),
                    Some(c) => format!("{}.{}.{}", r.schema, r.table, c),
                };
                if mandatory_ids.contains(first) {
                    let line = format!("{what} via mandatory role {}", first.role_name());
                    if !through_mandatory.contains(&line) {
                        through_mandatory.push(line);
                    }
                } else if all && *active {
                    let is_default = g
                        .default_roles
                        .iter()
                        .any(|d| d.account == r.account && &d.role == first);
                    if !is_default {
                        through_all.push(format!(
                            "{}: {what} via role {}",
                            r.account.account(),
                            first.role_name()
                        ));
                    }
                }
            }
        }
    }
    let evidence = format!(
        "activate_all_roles_on_login={}; mandatory_roles={}",
        if all { "ON" } else { "OFF" },
        if mandatory.trim().is_empty() {
            "(empty)".to_string()
        } else {
            mandatory.clone()
        }
    );
    if through_mandatory.is_empty() && through_all.is_empty() {
        out.check(
            "mysql.role_activation",
            PostureState::Pass,
            format!("{evidence}; no personal data reached through mandatory or automatically activated roles"),
        );
        return;
    }
    out.check(
        "mysql.role_activation",
        PostureState::Fail,
        format!(
            "{evidence}; {} personal-data object(s) through mandatory roles, {} account/object pair(s) active only because of activate_all_roles_on_login",
            through_mandatory.len(),
            through_all.len()
        ),
    );
    if !through_mandatory.is_empty() {
        out.findings.push(raise(
            "mysql.mandatory_roles",
            Place::database(input.database),
            vars!(),
            capped(through_mandatory),
        ));
    }
    if !through_all.is_empty() {
        out.findings.push(raise(
            "mysql.activate_all_roles_on_login",
            Place::database(input.database),
            vars!(),
            capped(through_all),
        ));
    }
}

fn public_access(out: &mut Out<'_>) {
    let input = out.input;
    if input.flavor != Flavor::MariaDb {
        return;
    }
    let mut objects: Vec<String> = Vec::new();
    let mut revokes: Vec<String> = Vec::new();
    for r in input.reach {
        for p in &r.paths {
            let Through::Public { roles } = &p.through else {
                continue;
            };
            let what = match &r.column {
                None => format!("{}.{}", r.schema, r.table),
                Some(c) => format!("{}.{}.{}", r.schema, r.table, c),
            };
            let line = format!("{what} ({})", p.via());
            if !objects.contains(&line) {
                objects.push(line);
            }
            let stmt = match roles.first() {
                Some(role) => format!("REVOKE {} FROM PUBLIC;", role.sql_role()),
                None => match &p.grant {
                    GrantKind::Global => "REVOKE SELECT ON *.* FROM PUBLIC;".to_string(),
                    GrantKind::Database { pattern, .. } => {
                        format!("REVOKE SELECT ON {}.* FROM PUBLIC;", ident(pattern))
                    }
                    GrantKind::Table => format!(
                        "REVOKE SELECT ON {}.{} FROM PUBLIC;",
                        ident(&r.schema),
                        ident(&r.table)
                    ),
                    GrantKind::Column => format!(
                        "REVOKE SELECT ({}) ON {}.{} FROM PUBLIC;",
                        ident(r.column.as_deref().unwrap_or_default()),
                        ident(&r.schema),
                        ident(&r.table)
                    ),
                },
            };
            if !revokes.contains(&stmt) {
                revokes.push(stmt);
            }
        }
    }
    if objects.is_empty() {
        return;
    }
    let n = input.grants.map(|g| g.logins().count()).unwrap_or(0);
    let mut evidence = vec![format!(
        "grants to PUBLIC apply to every account on the server ({n} login accounts)"
    )];
    evidence.extend(objects);
    revokes.truncate(30);
    out.findings.push(raise(
        "mysql.public_personal_data",
        Place::role(input.database, "PUBLIC"),
        vars!(sql = revokes.join(" ")),
        capped(evidence),
    ));
}

#[cfg(test)]
mod tests;
