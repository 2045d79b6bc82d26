//! mysql: effective read access to personal data, and the security posture behind it.
//!
//! This file holds the SQL: it reads the privilege tables (`mysql.user` / `mysql.global_priv`,
//! `mysql.db`, `mysql.tables_priv`, `mysql.columns_priv`, MariaDB `mysql.roles_mapping`,
//! MySQL 8 `mysql.role_edges` / `mysql.default_roles`) and a few server variables, hands the
//! rows to the pure privilege union in `grants.rs` and the checks in `checks.rs`, and turns the
//! result into access records.
//!
//! Password hashes are never read: the server compares them (`authentication_string = ''`)
//! and only booleans and plugin names come back.
//!
//! Without SELECT on the `mysql` schema the server shows an account only its own privileges,
//! so access is reported as indeterminate (role `*`) with the privilege needed, next to the
//! scanning account's own access read from `information_schema`.

use sqlx::Row;
use sqlx::mysql::{MySqlPool, MySqlRow};

use super::checks::{self, Auth, AuthMethod, Credential, Settings};
use super::grants::{
    self, Account, ColumnGrant, DbGrant, DefaultRolesRow, Flavor, Global, Grants, Ident, Reach,
    Restriction, RoleEdgeRow, TableGrant,
};
use super::{Mysql, text};
use crate::access::{AccessOutcome, PdTable};
use crate::db::ReadError;
use crate::model::{AccessRecord, AccessState};

/// Analyse who can read the personal-data tables and columns, and check the server's posture.
pub async fn analyze(db: &Mysql, database: &str, pd: &[PdTable]) -> AccessOutcome {
    let pool = db.pool();
    let flavor = if db.is_mariadb() {
        Flavor::MariaDb
    } else {
        Flavor::Mysql
    };
    let mut warnings: Vec<String> = Vec::new();
    let settings = read_settings(pool, &mut warnings).await;
    let me = current_user(pool).await;
    let me_sql = me
        .as_ref()
        .map(Ident::sql)
        .unwrap_or_else(|| "<scanning account>".into());
    let need = format!("GRANT SELECT ON mysql.* TO {me_sql};");

    let read = read_grants(pool, flavor, &settings).await;
    let mut access: Vec<AccessRecord> = Vec::new();
    let record = |r: &Reach| AccessRecord {
        database: database.to_string(),
        schema: r.schema.clone(),
        table: r.table.clone(),
        column: r.column.clone(),
        role: r.account.account(),
        privilege: "SELECT".into(),
        via: if r.paths.is_empty() {
            "database grant (uncertain)".into()
        } else {
            r.via()
        },
        state: if r.paths.is_empty() {
            AccessState::Indeterminate
        } else {
            AccessState::Confirmed
        },
        note: if r.uncertain.is_empty() {
            None
        } else {
            Some(r.uncertain.join("; "))
        },
    };
    let unknown = |t: &PdTable, note: String| crate::access::unknown_readers(database, t, &note);

    let (reach, grants_for_checks, auth_for_checks, unreadable) = match read {
        Ok(full) => {
            let reach = grants::effective_access(&full.grants, pd);
            access.extend(reach.iter().map(record));
            if !full.missing.is_empty() {
                let tables = full.missing.join(", ");
                warnings.push(format!(
                    "cannot read {tables}: access through those grants is unknown; the scanning account needs {need}"
                ));
                let note = format!(
                    "{tables} could not be read, so other accounts may read this table too; the scanning account needs {need}"
                );
                access.extend(pd.iter().map(|t| unknown(t, note.clone())));
            }
            warnings.extend(full.notes);
            (reach, Some(full.grants), full.auth, None)
        }
        Err(err) => {
            // Only the scanning account's own privileges are visible.
            let denied = matches!(err, ReadError::PermissionDenied(_));
            let why = err.to_string();
            let fix = if denied {
                format!(
                    "the scanning account needs {need} (privilege data only — password hashes are never read)"
                )
            } else {
                "run the scan again, or give it a longer statement timeout".to_string()
            };
            warnings.push(format!(
                "cannot read the account tables ({why}): who else can read personal data is unknown; {fix}"
            ));
            let note = if denied {
                format!(
                    "the scanning account cannot read the mysql schema ({why}); grant it {need} to see every account's access"
                )
            } else {
                format!(
                    "the account tables could not be read ({why}); who else can read this table is unknown"
                )
            };
            access.extend(pd.iter().map(|t| unknown(t, note.clone())));
            let reach = match &me {
                Some(me) => match own_grants(pool, flavor, me, &settings).await {
                    Ok(g) => {
                        warnings.push(format!(
                            "access of {} itself is from information_schema: its direct grants only (grants through roles or PUBLIC are not visible to it)",
                            me.account()
                        ));
                        grants::effective_access(&g, pd)
                    }
                    Err(e) => {
                        warnings.push(format!(
                            "cannot read the scanning account's own privileges from information_schema: {e}"
                        ));
                        Vec::new()
                    }
                },
                None => Vec::new(),
            };
            access.extend(reach.iter().map(record));
            (
                reach,
                None,
                None,
                Some(if denied {
                    format!("cannot read the account tables ({why}); needs {need}")
                } else {
                    format!("cannot read the account tables ({why})")
                }),
            )
        }
    };

    let input = checks::Input {
        database,
        flavor,
        grants: grants_for_checks.as_ref(),
        auth: auth_for_checks.as_deref(),
        settings: &settings,
        reach: &reach,
        unreadable,
    };
    let (posture, findings) = checks::evaluate(&input);
    AccessOutcome {
        access,
        posture,
        findings,
        warnings,
    }
}

/// What was read from the privilege tables.
struct Read {
    grants: Grants,
    auth: Option<Vec<Auth>>,
    /// Privilege tables that could not be read (access through them is unknown).
    missing: Vec<String>,
    /// Other limitations, one line each.
    notes: Vec<String>,
}

fn flag(row: &MySqlRow, i: usize) -> Result<bool, ReadError> {
    let v: Option<i64> = row.try_get_unchecked(i).map_err(Mysql::map_err)?;
    Ok(v.unwrap_or(0) != 0)
}

/// A `'Y'`/`'N'` privilege column.
fn yes(row: &MySqlRow, i: usize) -> Result<bool, ReadError> {
    Ok(text(row, i)?.eq_ignore_ascii_case("Y"))
}

fn int(row: &MySqlRow, i: usize) -> Result<Option<i64>, ReadError> {
    row.try_get_unchecked(i).map_err(Mysql::map_err)
}

async fn rows(pool: &MySqlPool, sql: &'static str) -> Result<Vec<MySqlRow>, ReadError> {
    sqlx::query(sql)
        .fetch_all(pool)
        .await
        .map_err(Mysql::map_err)
}

async fn current_user(pool: &MySqlPool) -> Option<Ident> {
    let row = sqlx::query("SELECT CAST(CURRENT_USER() AS CHAR)")
        .fetch_one(pool)
        .await
        .ok()?;
    let s = text(&row, 0).ok()?;
    let (user, host) = s.rsplit_once('@')?;
    Some(Ident::new(user, host))
}

async fn read_settings(pool: &MySqlPool, warnings: &mut Vec<String>) -> Settings {
    let mut s = Settings::default();
    match rows(
        pool,
        "SHOW GLOBAL VARIABLES WHERE Variable_name IN ('require_secure_transport', 'have_ssl', \
         'default_password_lifetime', 'activate_all_roles_on_login', 'activate_mandatory_roles', \
         'mandatory_roles', 'partial_revokes', 'lower_case_table_names')",
    )
    .await
    {
        Ok(rs) => {
            for r in rs {
                let (Ok(name), Ok(value)) = (text(&r, 0), text(&r, 1)) else {
                    continue;
                };
                let on = value.eq_ignore_ascii_case("ON") || value == "1";
                match name.to_ascii_lowercase().as_str() {
                    "require_secure_transport" => s.require_secure_transport = Some(on),
                    "have_ssl" => s.have_ssl = Some(value),
                    "default_password_lifetime" => {
                        s.default_password_lifetime = value.trim().parse().ok()
                    }
                    "activate_all_roles_on_login" => s.activate_all_roles_on_login = Some(on),
                    "activate_mandatory_roles" => s.activate_mandatory_roles = Some(on),
                    "mandatory_roles" => s.mandatory_roles = Some(value),
                    "partial_revokes" => s.partial_revokes = Some(on),
                    "lower_case_table_names" => {
                        s.lower_case_table_names = value.trim().parse().ok()
                    }
                    _ => {}
                }
            }
        }
        Err(e) => warnings.push(format!("cannot read server variables: {e}")),
    }
    if let Ok(rs) = rows(pool, "SHOW SESSION STATUS LIKE 'Ssl_cipher'").await {
        s.session_cipher = rs.first().and_then(|r| text(r, 1).ok());
    }
    s
}

fn base_grants(flavor: Flavor, settings: &Settings) -> Grants {
    let mut g = Grants::new(flavor);
    g.case_insensitive_names = settings.lower_case_table_names.unwrap_or(0) != 0;
    if flavor == Flavor::Mysql {
        g.activate_all_roles_on_login = settings.activate_all_roles_on_login.unwrap_or(false);
        g.activate_mandatory_roles = settings.activate_mandatory_roles.unwrap_or(false);
        g.literal_db_names = settings.partial_revokes.unwrap_or(false);
        g.mandatory_roles =
            grants::parse_mandatory_roles(settings.mandatory_roles.as_deref().unwrap_or(""));
    }
    g
}

/// Read every privilege table. `Err` when the accounts themselves are unreadable; tables that
/// fail after that are listed in `missing`.
async fn read_grants(
    pool: &MySqlPool,
    flavor: Flavor,
    settings: &Settings,
) -> Result<Read, ReadError> {
    let mut g = base_grants(flavor, settings);
    let mut missing: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let auth = match flavor {
        Flavor::MariaDb => {
            let (accounts, defaults) = mariadb_accounts(pool).await?;
            g.accounts = accounts;
            g.default_roles = grants::from_mariadb_default_role(&defaults);
            match mariadb_auth(pool).await {
                Ok((auth, locked)) => {
                    for a in &mut g.accounts {
                        if locked.contains(&a.id) {
                            a.locked = true;
                        }
                    }
                    Some(auth)
                }
                Err(e) => {
                    notes.push(format!(
                        "cannot read mysql.global_priv ({e}): password and lock checks are indeterminate"
                    ));
                    None
                }
            }
        }
        Flavor::Mysql => {
            let (accounts, auth) = mysql_accounts(pool).await?;
            g.accounts = accounts;
            Some(auth)
        }
    };
    match rows(
        pool,
        "SELECT CAST(User AS CHAR), CAST(Host AS CHAR), CAST(Db AS CHAR), \
                CAST(Select_priv AS CHAR) FROM mysql.db",
    )
    .await
    {
        Ok(rs) => {
            for r in rs {
                g.db.push(DbGrant {
                    grantee: Ident::new(cell(&r, 0), cell(&r, 1)),
                    db: cell(&r, 2),
                    select: yes(&r, 3).unwrap_or(false),
                });
            }
        }
        Err(e) => missing.push(format!("mysql.db ({e})")),
    }
    match rows(
        pool,
        "SELECT CAST(User AS CHAR), CAST(Host AS CHAR), CAST(Db AS CHAR), CAST(Table_name AS CHAR) \
         FROM mysql.tables_priv WHERE FIND_IN_SET('Select', Table_priv) > 0",
    )
    .await
    {
        Ok(rs) => {
            for r in rs {
                g.tables.push(TableGrant {
                    grantee: Ident::new(cell(&r, 0), cell(&r, 1)),
                    db: cell(&r, 2),
                    table: cell(&r, 3),
                });
            }
        }
        Err(e) => missing.push(format!("mysql.tables_priv ({e})")),
    }
    match rows(
        pool,
        "SELECT CAST(User AS CHAR), CAST(Host AS CHAR), CAST(Db AS CHAR), CAST(Table_name AS CHAR), \
                CAST(Column_name AS CHAR) \
         FROM mysql.columns_priv WHERE FIND_IN_SET('Select', Column_priv) > 0",
    )
    .await
    {
        Ok(rs) => {
            for r in rs {
                g.columns.push(ColumnGrant {
                    grantee: Ident::new(cell(&r, 0), cell(&r, 1)),
                    db: cell(&r, 2),
                    table: cell(&r, 3),
                    column: cell(&r, 4),
                });
            }
        }
        Err(e) => missing.push(format!("mysql.columns_priv ({e})")),
    }
    match flavor {
        Flavor::MariaDb => match rows(
            pool,
            "SELECT CAST(Host AS CHAR), CAST(User AS CHAR), CAST(Role AS CHAR), \
                    CAST(Admin_option AS CHAR) FROM mysql.roles_mapping",
        )
        .await
        {
            Ok(rs) => {
                let rows: Vec<(String, String, String, bool)> = rs
                    .iter()
                    .map(|r| {
                        (
                            cell(r, 0),
                            cell(r, 1),
                            cell(r, 2),
                            yes(r, 3).unwrap_or(false),
                        )
                    })
                    .collect();
                g.role_grants = grants::from_roles_mapping(&rows);
            }
            Err(e) => missing.push(format!("mysql.roles_mapping ({e})")),
        },
        Flavor::Mysql => {
            match rows(
                pool,
                "SELECT CAST(FROM_HOST AS CHAR), CAST(FROM_USER AS CHAR), CAST(TO_HOST AS CHAR), \
                        CAST(TO_USER AS CHAR), CAST(WITH_ADMIN_OPTION AS CHAR) FROM mysql.role_edges",
            )
            .await
            {
                Ok(rs) => {
                    let rows: Vec<RoleEdgeRow> = rs
                        .iter()
                        .map(|r| RoleEdgeRow {
                            from_host: cell(r, 0),
                            from_user: cell(r, 1),
                            to_host: cell(r, 2),
                            to_user: cell(r, 3),
                            with_admin_option: cell(r, 4),
                        })
                        .collect();
                    g.role_grants = grants::from_role_edges(&rows);
                }
                Err(e) => missing.push(format!("mysql.role_edges ({e})")),
            }
            match rows(
                pool,
                "SELECT CAST(HOST AS CHAR), CAST(USER AS CHAR), CAST(DEFAULT_ROLE_HOST AS CHAR), \
                        CAST(DEFAULT_ROLE_USER AS CHAR) FROM mysql.default_roles",
            )
            .await
            {
                Ok(rs) => {
                    let rows: Vec<DefaultRolesRow> = rs
                        .iter()
                        .map(|r| DefaultRolesRow {
                            host: cell(r, 0),
                            user: cell(r, 1),
                            default_role_host: cell(r, 2),
                            default_role_user: cell(r, 3),
                        })
                        .collect();
                    g.default_roles = grants::from_default_roles(&rows);
                }
                // Without default roles every granted role would look like SET ROLE only:
                // treat the roles' access as unknown rather than understate it.
                Err(e) => missing.push(format!("mysql.default_roles ({e})")),
            }
            if g.literal_db_names {
                match rows(
                    pool,
                    "SELECT CAST(u.User AS CHAR), CAST(u.Host AS CHAR), CAST(r.db AS CHAR) \
                     FROM mysql.user u, JSON_TABLE(u.User_attributes, '$.Restrictions[*]' \
                       COLUMNS (db VARCHAR(64) PATH '$.Database', privs JSON PATH '$.Privileges')) r \
                     WHERE JSON_CONTAINS(r.privs, '\"SELECT\"')",
                )
                .await
                {
                    Ok(rs) => {
                        for r in rs {
                            g.restrictions.push(Restriction {
                                grantee: Ident::new(cell(&r, 0), cell(&r, 1)),
                                db: cell(&r, 2),
                            });
                        }
                    }
                    Err(e) => notes.push(format!(
                        "cannot read partial revokes from mysql.user ({e}): global SELECT may be reported on databases revoked from it"
                    )),
                }
            }
        }
    }
    let anon_db = g.db.iter().filter(|r| r.grantee.user.is_empty()).count();
    if anon_db > 0 {
        notes.push(format!(
            "{anon_db} database grant(s) to the anonymous user ''@host: the server may apply them to any account connecting from a matching host; they are reported for the anonymous accounts only"
        ));
    }
    Ok(Read {
        grants: g,
        auth,
        missing,
        notes,
    })
}

/// A text cell, empty when unreadable (privilege-table names and hosts are plain text).
fn cell(row: &MySqlRow, i: usize) -> String {
    text(row, i).unwrap_or_default()
}

/// MariaDB accounts and roles with their global privileges and default role.
async fn mariadb_accounts(
    pool: &MySqlPool,
) -> Result<(Vec<Account>, Vec<(Ident, String)>), ReadError> {
    let rs = rows(
        pool,
        // The mysql.user view's Y/N columns are compared here, not in SQL: comparing them with
        // a literal can fail with "Illegal mix of collations" when the connection's default
        // database has another collation.
        "SELECT CAST(User AS CHAR), CAST(Host AS CHAR), \
                CAST(Select_priv AS CHAR), CAST(File_priv AS CHAR), CAST(Super_priv AS CHAR), \
                CAST(Grant_priv AS CHAR), CAST(Create_user_priv AS CHAR), CAST(is_role AS CHAR), \
                CAST(default_role AS CHAR) \
         FROM mysql.user",
    )
    .await?;
    let mut accounts = Vec::new();
    let mut defaults: Vec<(Ident, String)> = Vec::new();
    for r in rs {
        let id = Ident::new(text(&r, 0)?, text(&r, 1)?);
        defaults.push((id.clone(), text(&r, 8)?));
        accounts.push(Account {
            id,
            is_role: yes(&r, 7)?,
            locked: false,
            global: Global {
                select: yes(&r, 2)?,
                file: yes(&r, 3)?,
                super_: yes(&r, 4)?,
                grant: yes(&r, 5)?,
                create_user: yes(&r, 6)?,
            },
        });
    }
    Ok((accounts, defaults))
}

/// The JSON path of authentication method `i` in `mysql.global_priv.Priv` (-1 = the main one,
/// 0.. = the `auth_or` alternatives).
macro_rules! mariadb_auth_path {
    () => {
        "IF(n.i < 0, '$', CONCAT('$.auth_or[', n.i, ']'))"
    };
}

/// The authentication string of method `i`.
macro_rules! mariadb_auth_string {
    () => {
        concat!(
            "JSON_VALUE(g.Priv, CONCAT(",
            mariadb_auth_path!(),
            ", '.authentication_string'))"
        )
    };
}

/// Only numbers and plugin names come back; comparisons avoid string literals so no collation
/// mix can fail them.
const MARIADB_AUTH_SQL: &str = concat!(
    "SELECT CAST(g.User AS CHAR), CAST(g.Host AS CHAR), \
            CAST(JSON_VALUE(g.Priv, '$.account_locked') AS CHAR), \
            CAST(JSON_VALUE(g.Priv, '$.password_lifetime') AS SIGNED), \
            n.i, \
            CAST(JSON_VALUE(g.Priv, CONCAT(",
    mariadb_auth_path!(),
    ", '.plugin')) AS CHAR), IFNULL(CHAR_LENGTH(",
    mariadb_auth_string!(),
    "), 0) = 0, IFNULL(ASCII(",
    mariadb_auth_string!(),
    ") = 42 AND CHAR_LENGTH(",
    mariadb_auth_string!(),
    ") = 41, 0) \
     FROM mysql.global_priv g \
     JOIN (SELECT -1 AS i UNION ALL SELECT 0 UNION ALL SELECT 1 UNION ALL SELECT 2 \
           UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5) n \
     ORDER BY g.User, g.Host, n.i"
);

/// MariaDB: authentication methods, password lifetime and lock state from `mysql.global_priv`,
/// compared on the server.
async fn mariadb_auth(pool: &MySqlPool) -> Result<(Vec<Auth>, Vec<Ident>), ReadError> {
    let rs = rows(pool, MARIADB_AUTH_SQL).await?;
    let mut out: Vec<Auth> = Vec::new();
    let mut locked: Vec<Ident> = Vec::new();
    for r in rs {
        let id = Ident::new(text(&r, 0)?, text(&r, 1)?);
        if out.last().is_none_or(|a| a.id != id) {
            if matches!(text(&r, 2)?.as_str(), "1" | "true") {
                locked.push(id.clone());
            }
            out.push(Auth {
                id: id.clone(),
                methods: Vec::new(),
                password_lifetime: int(&r, 3)?.filter(|d| *d >= 0),
            });
        }
        let plugin = text(&r, 5)?;
        if plugin.is_empty() {
            continue;
        }
        let credential = if flag(&r, 6)? {
            Credential::Empty
        } else if plugin == "mysql_native_password" && !flag(&r, 7)? {
            Credential::Invalid
        } else {
            Credential::Set
        };
        if let Some(a) = out.last_mut() {
            a.methods.push(AuthMethod { plugin, credential });
        }
    }
    Ok((out, locked))
}

/// MySQL: accounts, global privileges and authentication from `mysql.user`.
async fn mysql_accounts(pool: &MySqlPool) -> Result<(Vec<Account>, Vec<Auth>), ReadError> {
    let rs = rows(
        pool,
        "SELECT CAST(User AS CHAR), CAST(Host AS CHAR), \
                CAST(Select_priv AS CHAR), CAST(File_priv AS CHAR), CAST(Super_priv AS CHAR), \
                CAST(Grant_priv AS CHAR), CAST(Create_user_priv AS CHAR), \
                CAST(account_locked AS CHAR), CAST(plugin AS CHAR), \
                IFNULL(CHAR_LENGTH(authentication_string), 0) = 0, \
                IFNULL(ASCII(authentication_string) = 42 AND CHAR_LENGTH(authentication_string) = 41, 0), \
                CAST(password_lifetime AS SIGNED) \
         FROM mysql.user",
    )
    .await?;
    let mut accounts = Vec::new();
    let mut auth = Vec::new();
    for r in rs {
        let id = Ident::new(text(&r, 0)?, text(&r, 1)?);
        let plugin = text(&r, 8)?;
        let credential = if flag(&r, 9)? {
            Credential::Empty
        } else if plugin == "mysql_native_password" && !flag(&r, 10)? {
            Credential::Invalid
        } else {
            Credential::Set
        };
        accounts.push(Account {
            id: id.clone(),
            is_role: false,
            locked: yes(&r, 7)?,
            global: Global {
                select: yes(&r, 2)?,
                file: yes(&r, 3)?,
                super_: yes(&r, 4)?,
                grant: yes(&r, 5)?,
                create_user: yes(&r, 6)?,
            },
        });
        auth.push(Auth {
            id,
            methods: vec![AuthMethod { plugin, credential }],
            password_lifetime: int(&r, 11)?,
        });
    }
    Ok((accounts, auth))
}

/// Parse an `information_schema` GRANTEE (`'user'@'host'`).
fn parse_grantee(s: &str) -> Option<Ident> {
    let s = s.strip_prefix('\'')?.strip_suffix('\'')?;
    let (user, host) = s.rsplit_once("'@'")?;
    Some(Ident::new(user.replace("''", "'"), host.replace("''", "'")))
}

/// The scanning account's own privileges, from `information_schema` (all an account without
/// access to the `mysql` schema can see).
async fn own_grants(
    pool: &MySqlPool,
    flavor: Flavor,
    me: &Ident,
    settings: &Settings,
) -> Result<Grants, ReadError> {
    let mut g = base_grants(flavor, settings);
    let mine = |r: &MySqlRow| -> bool {
        text(r, 0)
            .ok()
            .and_then(|s| parse_grantee(&s))
            .is_some_and(|id| &id == me)
    };
    let mut global = Global::default();
    for r in rows(
        pool,
        "SELECT CAST(GRANTEE AS CHAR), CAST(PRIVILEGE_TYPE AS CHAR) FROM information_schema.USER_PRIVILEGES",
    )
    .await?
    {
        if !mine(&r) {
            continue;
        }
        match text(&r, 1)?.as_str() {
            "SELECT" => global.select = true,
            "FILE" => global.file = true,
            "SUPER" => global.super_ = true,
            "CREATE USER" => global.create_user = true,
            _ => {}
        }
    }
    g.accounts.push(Account {
        id: me.clone(),
        is_role: false,
        locked: false,
        global,
    });
    let mut dbs: Vec<DbGrant> = Vec::new();
    for r in rows(
        pool,
        "SELECT CAST(GRANTEE AS CHAR), CAST(TABLE_SCHEMA AS CHAR), CAST(PRIVILEGE_TYPE AS CHAR) \
         FROM information_schema.SCHEMA_PRIVILEGES",
    )
    .await?
    {
        if !mine(&r) {
            continue;
        }
        let db = text(&r, 1)?;
        let select = text(&r, 2)? == "SELECT";
        match dbs.iter_mut().find(|d| d.db == db) {
            Some(d) => d.select |= select,
            None => dbs.push(DbGrant {
                grantee: me.clone(),
                db,
                select,
            }),
        }
    }
    g.db = dbs;
    for r in rows(
        pool,
        "SELECT CAST(GRANTEE AS CHAR), CAST(TABLE_SCHEMA AS CHAR), CAST(TABLE_NAME AS CHAR) \
         FROM information_schema.TABLE_PRIVILEGES WHERE PRIVILEGE_TYPE = 'SELECT'",
    )
    .await?
    {
        if mine(&r) {
            g.tables.push(TableGrant {
                grantee: me.clone(),
                db: text(&r, 1)?,
                table: text(&r, 2)?,
            });
        }
    }
    for r in rows(
        pool,
        "SELECT CAST(GRANTEE AS CHAR), CAST(TABLE_SCHEMA AS CHAR), CAST(TABLE_NAME AS CHAR), \
                CAST(COLUMN_NAME AS CHAR) \
         FROM information_schema.COLUMN_PRIVILEGES WHERE PRIVILEGE_TYPE = 'SELECT'",
    )
    .await?
    {
        if mine(&r) {
            g.columns.push(ColumnGrant {
                grantee: me.clone(),
                db: text(&r, 1)?,
                table: text(&r, 2)?,
                column: text(&r, 3)?,
            });
        }
    }
    Ok(g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grantees_parse() {
        assert_eq!(parse_grantee("'app'@'%'"), Some(Ident::new("app", "%")));
        assert_eq!(
            parse_grantee("'o''neil'@'10.0.0.%'"),
            Some(Ident::new("o'neil", "10.0.0.%"))
        );
        assert_eq!(parse_grantee("PUBLIC"), None);
    }
}
