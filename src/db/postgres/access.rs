//! postgres: effective read access to personal data, and the security posture behind it.
//!
//! This file holds the SQL: it reads what the scanning account is and can see, the roles and
//! memberships (`pg_roles`, `pg_auth_members`), the personal-data tables' ACLs exploded with
//! `aclexplode()`, row-level security and policies, the server's own privilege answers
//! (`has_table_privilege`, `has_schema_privilege`, `has_database_privilege`,
//! `has_column_privilege`, evaluated for other roles by OID, which any account may do), and the
//! settings, `pg_hba_file_rules`, schema and default privileges and views the posture checks
//! need. The facts (`facts.rs`) go to the pure role graph and access records in `roles.rs` and
//! the posture checks in `checks.rs`.
//!
//! Where the scanning account cannot see something, the record or check says `indeterminate`,
//! with the reason and what the account would need; one line per limitation goes to `warnings`.
//!
//! Never: information_schema grant views (they only show the scanning account's own grants), or a
//! password hash leaving the server (md5 detection is a boolean computed server-side).

use std::collections::HashMap;

use sqlx::postgres::PgRow;
use sqlx::{PgPool, Row};

use super::Postgres;
use super::checks;
use super::facts::{
    Acl, ColumnFacts, DefaultAclRow, Facts, HbaLine, MemberRow, Memberships, Posture, Probe, Rls,
    RoleRow, SchemaCreate, ServerPrivs, Settings, TableFacts, Tables, Unreadable, ViewRow, Views,
};
use super::roles::{self, Membership};
use crate::access::{AccessOutcome, PdTable};

/// Analyse who can read the personal-data tables and columns, and check the server's posture.
pub async fn analyze(db: &Postgres, database: &str, pd: &[PdTable]) -> AccessOutcome {
    let pool = db.pool();
    let mut out = match read_probe(pool).await {
        Err(e) => probe_failed(database, pd, &e),
        Ok(probe) => {
            let roles = read_roles(pool).await;
            let tables = read_tables(pool, pd).await;
            let members = match &roles {
                Ok(r) => Some(read_members(pool, &probe, r, tables.read.as_deref().ok()).await),
                Err(_) => None,
            };
            let membership = roles::membership(&probe, roles.as_deref().ok(), members.as_ref());
            let server = match (&roles, &tables.read, &membership.graph) {
                (Ok(r), Ok(t), Some(g)) => {
                    Some(read_server_privs(pool, &roles::asked(r, g), t).await)
                }
                _ => None,
            };
            let posture = read_posture(
                pool,
                &probe,
                roles.as_deref().ok(),
                tables.read.as_deref().ok(),
            )
            .await;
            let facts = Facts {
                probe,
                roles,
                tables,
                server,
                posture,
            };
            evaluate(database, pd, &facts, &membership)
        }
    };
    out.access.sort_by(|x, y| {
        (&x.schema, &x.table, &x.column, &x.role).cmp(&(&y.schema, &y.table, &y.column, &y.role))
    });
    crate::findings::normalise(&mut out.findings);
    out
}

/// The scanning account's own privileges could not be read: nothing else is tried.
fn probe_failed(database: &str, pd: &[PdTable], e: &str) -> AccessOutcome {
    let why = format!("the scanning account's privileges could not be read: {e}");
    AccessOutcome {
        access: pd
            .iter()
            .map(|t| crate::access::unknown_readers(database, t, &why))
            .collect(),
        warnings: vec![why],
        ..AccessOutcome::default()
    }
}

/// The outcome from the facts (pure): access records, then posture checks over them. Records
/// are not sorted, findings not normalised.
pub(crate) fn evaluate(
    database: &str,
    pd: &[PdTable],
    facts: &Facts<'_>,
    membership: &Membership,
) -> AccessOutcome {
    let mut warnings = checks::visibility_warnings(&facts.probe);
    let readers = roles::access(&roles::Input {
        database,
        pd,
        probe: &facts.probe,
        roles: &facts.roles,
        tables: &facts.tables,
        membership,
        server: facts.server.as_ref(),
    });
    warnings.extend(readers.warnings);
    let posture = checks::evaluate(&checks::Input {
        database,
        pd,
        probe: &facts.probe,
        roles: facts.roles.as_deref().ok(),
        graph: membership.graph.as_ref(),
        memberships_complete: membership.complete(),
        tables: facts.tables.read.as_deref().ok(),
        access: &readers.records,
        posture: &facts.posture,
    });
    warnings.extend(posture.warnings);
    AccessOutcome {
        access: readers.records,
        posture: posture.checks,
        findings: posture.findings,
        warnings,
    }
}

// ---------------------------------------------------------------------------------------------
// SQL
// ---------------------------------------------------------------------------------------------

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

async fn read_probe(pool: &PgPool) -> Result<Probe, String> {
    let row = sqlx::query(PROBE_SQL)
        .fetch_one(pool)
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

/// All roles, by name.
async fn read_roles(pool: &PgPool) -> Result<Vec<RoleRow>, String> {
    let rows = sqlx::query(ROLES_SQL)
        .fetch_all(pool)
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

/// Memberships from `pg_auth_members`, or from `pg_has_role()` when it is not readable.
async fn read_members(
    pool: &PgPool,
    probe: &Probe,
    roles: &[RoleRow],
    tables: Option<&[TableFacts<'_>]>,
) -> Memberships {
    let pg16 = probe.version >= 160_000;
    let sql = if pg16 { MEMBERS_SQL_16 } else { MEMBERS_SQL };
    let rows = sqlx::query(sql)
        .fetch_all(pool)
        .await
        .map_err(|e| err_line(&e))
        .and_then(|rows| member_rows(&rows));
    match rows {
        Ok(m) => Memberships::Catalog(m),
        Err(denied) => {
            let carriers = roles::carriers(roles, tables.unwrap_or(&[]), probe);
            Memberships::Fallback {
                denied,
                rows: read_members_fallback(pool, roles, &carriers, pg16).await,
            }
        }
    }
}

/// Membership rows from `pg_has_role()`: login role → carrier, with the server's answer for
/// inheritance (USAGE) and SET ROLE (SET on 16+, MEMBER before).
async fn read_members_fallback(
    pool: &PgPool,
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
        .fetch_all(pool)
        .await
        .map_err(|e| err_line(&e))?;
    member_rows(&rows)
}

/// The personal-data tables: OIDs, owners, grants, columns, row-level security and policies.
async fn read_tables<'p>(pool: &PgPool, pd: &'p [PdTable]) -> Tables<'p> {
    let mut notes = Vec::new();
    let read = tables_inner(pool, pd, &mut notes).await;
    Tables { read, notes }
}

async fn tables_inner<'p>(
    pool: &PgPool,
    pd: &'p [PdTable],
    notes: &mut Vec<String>,
) -> Result<Vec<TableFacts<'p>>, String> {
    let schemas: Vec<String> = pd.iter().map(|t| t.schema.clone()).collect();
    let names: Vec<String> = pd.iter().map(|t| t.table.clone()).collect();
    let rows = sqlx::query(TABLES_SQL)
        .bind(&schemas)
        .bind(&names)
        .fetch_all(pool)
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
            notes.push(format!(
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
        .fetch_all(pool)
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
        .fetch_all(pool)
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
                notes.push(format!(
                    "column {c} of {}.{} was not found in the catalog: its column-level \
                     grants were not analysed",
                    t.pd.schema, t.pd.table
                ));
            }
        }
    }

    match sqlx::query(POLICIES_SQL).bind(&oids).fetch_all(pool).await {
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
                notes.push(format!(
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
async fn read_server_privs(
    pool: &PgPool,
    roles: &[u32],
    tables: &[TableFacts<'_>],
) -> Result<ServerPrivs, String> {
    let r: Vec<i64> = roles.iter().map(|r| i64::from(*r)).collect();
    let t: Vec<i64> = tables.iter().map(|t| i64::from(t.oid)).collect();
    let ns: Vec<i64> = tables.iter().map(|t| i64::from(t.ns)).collect();
    let mut out = ServerPrivs::default();

    let rows = sqlx::query(CONNECT_SQL)
        .bind(&r)
        .fetch_all(pool)
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
        .fetch_all(pool)
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
        .fetch_all(pool)
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

/// What the posture checks need beyond the roles and the tables, in the order they use it.
async fn read_posture(
    pool: &PgPool,
    probe: &Probe,
    roles: Option<&[RoleRow]>,
    tables: Option<&[TableFacts<'_>]>,
) -> Posture {
    let settings = read_settings(pool).await;
    let md5 = if probe.authid {
        Some(
            sqlx::query_scalar(MD5_SQL)
                .fetch_all(pool)
                .await
                .map_err(|e| err_line(&e)),
        )
    } else {
        None
    };
    let hba = if probe.hba {
        Some(read_hba(pool).await)
    } else {
        None
    };
    let schemas = read_schemas(pool).await;
    let default_acl = read_default_acl(pool).await;
    let views = match (tables, roles) {
        (Some(t), Some(r)) => Some(read_views(pool, t, r).await),
        _ => None,
    };
    Posture {
        settings,
        md5,
        hba,
        schemas,
        default_acl,
        views,
    }
}

/// ssl, password_encryption, CONNECT for PUBLIC, and whether this connection is encrypted.
async fn read_settings(pool: &PgPool) -> Result<Settings, String> {
    let row = sqlx::query(SETTINGS_SQL)
        .fetch_one(pool)
        .await
        .map_err(|e| err_line(&e))?;
    let f = || -> Result<(String, String, Option<bool>), sqlx::Error> {
        Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?))
    };
    let (ssl, password_encryption, public_connect) = f().map_err(|e| err_line(&e))?;
    let session_ssl: Option<bool> = sqlx::query_scalar(SESSION_SSL_SQL)
        .fetch_optional(pool)
        .await
        .ok()
        .flatten();
    Ok(Settings {
        ssl,
        password_encryption,
        public_connect,
        session_ssl,
    })
}

async fn read_hba(pool: &PgPool) -> Result<Vec<HbaLine>, Unreadable> {
    let rows = sqlx::query(HBA_SQL)
        .fetch_all(pool)
        .await
        .map_err(|e| Unreadable::Query(err_line(&e)))?;
    rows.iter()
        .map(|r| -> Result<HbaLine, sqlx::Error> {
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
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Unreadable::Decode(err_line(&e)))
}

async fn read_schemas(pool: &PgPool) -> Result<Vec<SchemaCreate>, Unreadable> {
    let rows = sqlx::query(SCHEMA_CREATE_SQL)
        .fetch_all(pool)
        .await
        .map_err(|e| Unreadable::Query(err_line(&e)))?;
    rows.iter()
        .map(|r| -> Result<SchemaCreate, sqlx::Error> {
            Ok(SchemaCreate {
                name: r.try_get(0)?,
                public_create: r.try_get(1)?,
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Unreadable::Decode(err_line(&e)))
}

/// Default privileges; rows that cannot be decoded are left out.
async fn read_default_acl(pool: &PgPool) -> Result<Vec<DefaultAclRow>, String> {
    let rows = sqlx::query(DEFAULT_ACL_SQL)
        .fetch_all(pool)
        .await
        .map_err(|e| err_line(&e))?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            let f = || -> Result<DefaultAclRow, sqlx::Error> {
                Ok(DefaultAclRow {
                    owner: get_oid(r, 0)?,
                    schema: r.try_get(1)?,
                    kind: r.try_get(2)?,
                    grantee: get_oid(r, 3)?,
                    privilege: r.try_get(4)?,
                })
            };
            f().ok()
        })
        .collect())
}

/// Views over the personal-data tables, and for those that run with their owner's rights how
/// many login roles read them (left empty when the server does not answer).
async fn read_views(
    pool: &PgPool,
    tables: &[TableFacts<'_>],
    roles: &[RoleRow],
) -> Result<Views, Unreadable> {
    let oids: Vec<i64> = tables.iter().map(|t| i64::from(t.oid)).collect();
    let rows = sqlx::query(VIEWS_SQL)
        .bind(&oids)
        .fetch_all(pool)
        .await
        .map_err(|e| Unreadable::Query(err_line(&e)))?;
    let rows = rows
        .iter()
        .map(|r| -> Result<ViewRow, sqlx::Error> {
            Ok(ViewRow {
                oid: get_oid(r, 0)?,
                schema: r.try_get(1)?,
                name: r.try_get(2)?,
                base: get_oid(r, 3)?,
                options: r.try_get(4)?,
                owner: get_oid(r, 5)?,
                public: r.try_get(6)?,
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Unreadable::Decode(err_line(&e)))?;
    let mut readers: HashMap<(u32, u32), (i64, i64)> = HashMap::new();
    let asked = checks::owner_rights(&rows);
    if !asked.is_empty() {
        let logins: Vec<i64> = roles
            .iter()
            .filter(|r| r.login)
            .map(|r| i64::from(r.oid))
            .collect();
        let vv: Vec<i64> = asked.iter().map(|v| i64::from(v.oid)).collect();
        let vb: Vec<i64> = asked.iter().map(|v| i64::from(v.base)).collect();
        if let Ok(found) = sqlx::query(VIEW_READERS_SQL)
            .bind(&vv)
            .bind(&vb)
            .bind(&logins)
            .fetch_all(pool)
            .await
        {
            for r in &found {
                let f = || -> Result<(u32, u32, i64, i64), sqlx::Error> {
                    Ok((get_oid(r, 0)?, get_oid(r, 1)?, r.try_get(2)?, r.try_get(3)?))
                };
                if let Ok((v, b, n, only)) = f() {
                    readers.insert((v, b), (n, only));
                }
            }
        }
    }
    Ok(Views { rows, readers })
}
