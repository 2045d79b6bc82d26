//! Scan targets: parsing the `--db` URLs a user gives, telling engines apart, taking passwords
//! from the environment, and showing a URL with its password removed.
//!
//! Not for: connecting (see `db`). Nothing here touches the network or the file system beyond
//! checking whether a bare path names an existing file.

use std::fmt;
use std::path::PathBuf;

use url::Url;

/// The database engine behind a target.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum EngineKind {
    /// PostgreSQL.
    Postgres,
    /// MySQL or MariaDB.
    Mysql,
    /// SQLite (a file, or the built-in sample in memory).
    Sqlite,
}

impl fmt::Display for EngineKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EngineKind::Postgres => "postgres",
            EngineKind::Mysql => "mysql",
            EngineKind::Sqlite => "sqlite",
        })
    }
}

/// Where a target lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A server URL (`postgres://…` or `mysql://…`), with any environment password applied.
    Server(Url),
    /// A SQLite file on disk.
    SqliteFile(PathBuf),
    /// The built-in sample shop, loaded into an in-memory SQLite database.
    Sample,
}

/// One database to scan, as the user named it.
#[derive(Clone, PartialEq, Eq)]
pub struct Target {
    /// The engine.
    pub engine: EngineKind,
    /// Where it is.
    pub location: Location,
    /// The URL as shown to people: password removed.
    pub display: String,
}

impl fmt::Debug for Target {
    // Debug output must never carry the password either.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Target")
            .field("engine", &self.engine)
            .field("url", &self.display)
            .finish()
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display)
    }
}

/// A URL that could not be understood; the message says what is wrong and what to write.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct TargetError(pub String);

/// Environment lookup, injectable so tests need not touch the process environment.
pub trait Env {
    /// The value of a variable, if set.
    fn var(&self, name: &str) -> Option<String>;
}

/// The real process environment.
pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|v| !v.is_empty())
    }
}

/// The targets with each database once: a database named twice (the same server, port and
/// database name whatever the account or parameters, or the same SQLite file by its canonical
/// path) would open twice the connections and report every column twice. Returns the targets
/// to scan, in order, and one warning per dropped duplicate.
pub fn dedupe(targets: Vec<Target>) -> (Vec<Target>, Vec<String>) {
    let mut seen: Vec<(String, String)> = Vec::new();
    let mut keep = Vec::new();
    let mut warnings = Vec::new();
    for t in targets {
        let id = t.identity();
        if let Some((_, first)) = seen.iter().find(|(i, _)| *i == id) {
            warnings.push(format!(
                "{} names the same database as {first}: it is scanned once, as {first}",
                t.display
            ));
            continue;
        }
        seen.push((id, t.display.clone()));
        keep.push(t);
    }
    (keep, warnings)
}

impl Target {
    /// What makes two targets the same database: engine, host, port and database name for a
    /// server; the canonical path for a SQLite file.
    pub fn identity(&self) -> String {
        match &self.location {
            Location::Sample => "sample".into(),
            Location::SqliteFile(p) => {
                let p = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
                format!("sqlite:{}", p.display())
            }
            Location::Server(url) => {
                let default_port = match self.engine {
                    EngineKind::Postgres => 5432,
                    _ => 3306,
                };
                format!(
                    "{:?}://{}:{}/{}",
                    self.engine,
                    url.host_str().unwrap_or("localhost").to_ascii_lowercase(),
                    url.port().unwrap_or(default_port),
                    url.path().trim_start_matches('/')
                )
            }
        }
    }

    /// The built-in sample database.
    pub fn sample() -> Target {
        Target {
            engine: EngineKind::Sqlite,
            location: Location::Sample,
            display: "sample".into(),
        }
    }

    /// Parse a `--db` argument, taking passwords from the environment (`PGPASSWORD`,
    /// `MYSQL_PWD`) where the URL has none.
    pub fn parse(raw: &str) -> Result<Target, TargetError> {
        Self::parse_with_env(raw, &ProcessEnv)
    }

    /// [`Target::parse`] with an explicit environment.
    pub fn parse_with_env(raw: &str, env: &dyn Env) -> Result<Target, TargetError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(TargetError(
                "empty database URL: give postgres://…, mysql://…, sqlite://PATH, a path to a SQLite file, or `sample`".into(),
            ));
        }
        if raw == "sample" {
            return Ok(Target::sample());
        }
        let lower = raw.to_ascii_lowercase();
        if let Some(path) = lower
            .strip_prefix("sqlite://")
            .map(|_| &raw["sqlite://".len()..])
            .or_else(|| {
                lower
                    .strip_prefix("sqlite:")
                    .map(|_| &raw["sqlite:".len()..])
            })
        {
            // sqlite:///abs/path and sqlite://rel/path both name a file; drop any ?query.
            let path = path.split('?').next().unwrap_or(path);
            if path.is_empty() {
                return Err(TargetError(
                    "sqlite URL without a path: write sqlite://PATH/TO/FILE.db".into(),
                ));
            }
            if path == ":memory:" {
                return Err(TargetError(
                    "sqlite::memory: is an empty database with nothing to scan; use `sample` for the demo database".into(),
                ));
            }
            return Ok(Self::sqlite_file(PathBuf::from(path)));
        }
        if mistyped_server_url(&lower) {
            // Shown as the URL it was probably meant to be, redacted like one.
            let colon = raw.find(':').unwrap_or(0);
            let meant = format!(
                "{}://{}",
                &raw[..colon],
                raw[colon + 1..].trim_start_matches('/')
            );
            return Err(TargetError(format!(
                "database URL {} is not of the form SCHEME://USER@HOST:PORT/DATABASE (two slashes after the scheme)",
                redact_unparsed(&meant)
            )));
        }
        if let Some(scheme_end) = raw.find("://") {
            let scheme = lower[..scheme_end].to_string();
            let engine = match scheme.as_str() {
                "postgres" | "postgresql" => EngineKind::Postgres,
                "mysql" | "mariadb" => EngineKind::Mysql,
                other if is_scheme(other) => {
                    return Err(TargetError(format!(
                        "unsupported database URL scheme `{other}://`: use postgres://, postgresql://, mysql://, mariadb://, sqlite://PATH or a path to a SQLite file"
                    )));
                }
                _ => {
                    return Err(TargetError(format!(
                        "cannot parse database URL {}: use postgres://USER@HOST:PORT/DATABASE, mysql://…, mariadb://…, sqlite://PATH or a path to a SQLite file",
                        redact_unparsed(raw)
                    )));
                }
            };
            // The url crate treats mariadb:// like mysql:// once renamed; keep one spelling.
            let normalised = match engine {
                EngineKind::Mysql => format!("mysql{}", &raw[scheme_end..]),
                _ => format!("postgres{}", &raw[scheme_end..]),
            };
            let mut url = Url::parse(&normalised).map_err(|e| match e {
                url::ParseError::EmptyHost => TargetError(format!(
                    "database URL {} has no host: write {scheme}://USER@HOST:PORT/DATABASE",
                    redact_unparsed(raw)
                )),
                e => TargetError(format!(
                    "cannot parse database URL {}: {e}",
                    redact_unparsed(raw)
                )),
            })?;
            if url.host_str().is_none_or(str::is_empty) && !has_socket_host(&url) {
                return Err(TargetError(format!(
                    "database URL {} has no host: write {scheme}://USER@HOST:PORT/DATABASE",
                    redact_unparsed(raw)
                )));
            }
            if url.password().is_none() {
                let var = match engine {
                    EngineKind::Postgres => "PGPASSWORD",
                    _ => "MYSQL_PWD",
                };
                if let Some(pw) = env.var(var) {
                    // Url::set_password only fails for URLs that cannot have a host, ruled out above.
                    let _ = url.set_password(Some(&pw));
                }
            }
            let display = redact_url(&url, &scheme);
            return Ok(Target {
                engine,
                location: Location::Server(url),
                display,
            });
        }
        // A bare path to a SQLite file.
        Ok(Self::sqlite_file(PathBuf::from(raw)))
    }

    fn sqlite_file(path: PathBuf) -> Target {
        Target {
            engine: EngineKind::Sqlite,
            display: format!("sqlite://{}", path.display()),
            location: Location::SqliteFile(path),
        }
    }

    /// The password this target will use, if any (for scrubbing it out of error messages).
    pub fn password(&self) -> Option<String> {
        match &self.location {
            Location::Server(url) => url.password().map(percent_decode),
            _ => None,
        }
    }

    /// Remove this target's password from a message, wherever a driver may have echoed it.
    pub fn scrub(&self, message: &str) -> String {
        let mut out = message.to_string();
        if let Some(pw) = self.password().filter(|p| p.len() >= 2) {
            out = out.replace(&pw, "•••");
        }
        if let Location::Server(url) = &self.location
            && let Some(pw) = url.password().filter(|p| p.len() >= 2)
        {
            out = out.replace(pw, "•••");
        }
        out
    }
}

fn has_socket_host(url: &Url) -> bool {
    url.query_pairs().any(|(k, _)| k == "host" || k == "socket")
}

/// Percent-decoding as in a URL's user information (`+` stays a plus sign).
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// A URL as shown to people: the scheme the user wrote, no password, no password parameters.
fn redact_url(url: &Url, scheme: &str) -> String {
    let mut shown = url.clone();
    let _ = shown.set_password(None);
    // A fragment means nothing to a database driver; it is never shown.
    shown.set_fragment(None);
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        // A key may hide a credential after a second `?` (`host?b.example?pwd=…` parses as the
        // key `b.example?pwd`).
        .filter(|(k, _)| !k.split(['?', ';']).any(is_secret_param))
        .map(|(k, v)| {
            // A credential written inside another parameter's value (`next=x?password=…`).
            let probe = format!("?{v}");
            let v = if redact_password_params(&probe) == probe {
                v.into_owned()
            } else {
                "•••".to_string()
            };
            (k.into_owned(), v)
        })
        .collect();
    if pairs.is_empty() {
        shown.set_query(None);
    } else {
        shown.query_pairs_mut().clear().extend_pairs(pairs);
    }
    let s = shown.to_string();
    match s.split_once("://") {
        Some((_, rest)) => format!("{scheme}://{rest}"),
        None => s,
    }
}

/// Whether a query parameter carries a credential (one list for parsed and unparsed URLs).
fn is_secret_param(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.contains("password")
        || k.contains("secret")
        || matches!(k.as_str(), "pwd" | "pass" | "passwd")
}

/// Whether `s` can be a URL scheme (`postgres`, `mysql`, `svn+ssh`).
fn is_scheme(s: &str) -> bool {
    s.len() <= 20
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Best-effort redaction of a string that did not parse as a URL: everything between the
/// scheme and the last `@` but the user name, the part after `user:` when there is no host
/// (unless it is a port), and the value of every credential parameter anywhere in the string.
pub fn redact_unparsed(raw: &str) -> String {
    // The scheme, however many slashes follow it (`postgres:/bob:pw@…` is a mistyped URL), and
    // a scheme written twice over (`mysql:://bob:pw/…` shown as `mysql://://bob:pw/…`): a colon
    // counts as part of the scheme only when slashes follow it, so `postgres://:pw@host` keeps
    // its empty user name and the password is still found.
    let start = match raw.find(':') {
        Some(i) if is_scheme(&raw[..i]) => {
            let b = raw.as_bytes();
            let mut j = i + 1;
            loop {
                if b.get(j) == Some(&b'/') {
                    j += 1;
                } else if b.get(j) == Some(&b':') && b.get(j + 1) == Some(&b'/') {
                    j += 2;
                } else {
                    break;
                }
            }
            j
        }
        _ => 0,
    };
    let (head, rest) = raw.split_at(start);
    // The authority ends at the first '/', '?' or '#' after the last '@' (a password may hold
    // any of them before it).
    let at = rest.rfind('@');
    let auth_end = rest[at.map_or(0, |a| a + 1)..]
        .find(['/', '?', '#'])
        .map_or(rest.len(), |i| i + at.map_or(0, |a| a + 1));
    let (auth, tail) = rest.split_at(auth_end);
    let auth = match at {
        Some(a) => {
            let user = auth[..a]
                .split([':', '@', '/', '?', '#'])
                .next()
                .unwrap_or("");
            format!("{user}@{}", &auth[a + 1..])
        }
        // No '@': `user:password` with no host, or `host:port`; keep only a real port. Where
        // the string is garbled enough that its authority cannot be told (`x:=F("http://…")
        // u:pw/`), every run after a colon that is not a port is masked, in the tail too.
        None => {
            return redact_password_params(&format!(
                "{head}{}",
                mask_after_colons(&format!("{auth}{tail}"))
            ));
        }
    };
    redact_password_params(&format!("{head}{auth}{tail}"))
}

/// Every run after a `:` up to the next `/`, `?`, `#` or `@` masked, unless it is a port.
fn mask_after_colons(s: &str) -> String {
    let is_port = |p: &str| {
        !p.is_empty()
            && p.len() <= 5
            && p.chars().all(|c| c.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| n <= 65_535)
    };
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(':') {
        out.push_str(&rest[..=i]);
        let after = &rest[i + 1..];
        let end = after.find(['/', '?', '#', '@', ':']).unwrap_or(after.len());
        let run = &after[..end];
        if is_port(run) || run.is_empty() {
            out.push_str(run);
        } else {
            out.push_str("•••");
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Mask the value of every credential parameter ([`is_secret_param`], percent-decoded) after a
/// `?`, `&` or `;`, wherever it stands in the string: a credential's value runs to the next `&`
/// or `#` (it may hold `?` or `;`); any other parameter is skipped by its key alone, so a
/// credential written inside its value is still found.
fn redact_password_params(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['?', '&', ';']) {
        out.push_str(&rest[..=i]);
        rest = &rest[i + 1..];
        let key_end = rest.find(['=', '&', ';', '?', '#']).unwrap_or(rest.len());
        let key = &rest[..key_end];
        if rest[key_end..].starts_with('=')
            && is_secret_param(&percent_encoding::percent_decode_str(key).decode_utf8_lossy())
        {
            out.push_str(key);
            out.push_str("=•••");
            let value = &rest[key_end + 1..];
            rest = &value[value.find(['&', '#']).unwrap_or(value.len())..];
        }
    }
    out.push_str(rest);
    out
}

/// The usage error for a stray positional word: the argument parser would echo it raw, and it
/// is often a URL with its password.
pub fn stray_argument_message(stray: &str) -> String {
    let shown = redact_unparsed(stray);
    format!("unexpected argument {shown}: did you mean --db {shown}?")
}

/// Whether `raw` starts like a server URL without the `//` (`postgresql:/bob@host/db`): such a
/// string is a mistyped URL, never a SQLite path.
fn mistyped_server_url(lower: &str) -> bool {
    ["postgres:", "postgresql:", "mysql:", "mariadb:"]
        .iter()
        .any(|p| lower.starts_with(p) && !lower.starts_with(&format!("{p}//")))
}

#[cfg(test)]
mod dedupe_tests {
    use super::*;

    #[test]
    fn the_same_database_twice_is_scanned_once() {
        let t = |u: &str| Target::parse(u).expect("url");
        let (kept, warnings) = dedupe(vec![
            t("postgres://alice@db.example:5432/shop"),
            t("postgresql://bob:pw@DB.example/shop?sslmode=require"),
            t("postgres://alice@db.example/other"),
            t("mysql://root@db.example/shop"),
            t("sample"),
            t("sample"),
        ]);
        assert_eq!(kept.len(), 4, "{kept:?}");
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains("scanned once"), "{warnings:?}");
        assert!(!warnings.iter().any(|w| w.contains("pw")), "{warnings:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct FakeEnv(HashMap<&'static str, &'static str>);
    impl Env for FakeEnv {
        fn var(&self, name: &str) -> Option<String> {
            self.0.get(name).map(|s| s.to_string())
        }
    }

    fn no_env() -> FakeEnv {
        FakeEnv(HashMap::new())
    }

    #[test]
    fn unparsable_urls_never_show_the_password() {
        for raw in [
            "postgres://bob:S3cret",
            "postgres://bob:S3cret@/db",
            "postgres://bob@db.example:99999/db?password=S3cret",
            "mysql://bob:S3cret@db.example:notaport/db",
            "postgresql:/bob:S3cret@db.example/db",
            "postgresql:bob:S3cret@db.example/db",
            "mysql:/bob:S3cret@h/db",
        ] {
            match Target::parse_with_env(raw, &no_env()) {
                Err(e) => assert!(!e.0.contains("S3cret"), "{raw} -> {}", e.0),
                Ok(t) => panic!("{raw} parsed as {}", t.display),
            }
        }
        assert_eq!(
            redact_unparsed("postgres://db.example:5432/x"),
            "postgres://db.example:5432/x"
        );
        assert_eq!(
            redact_unparsed("postgres://u:p@w@h/db?sslmode=require&password=x"),
            "postgres://u@h/db?sslmode=require&password=•••"
        );
    }

    #[test]
    fn postgres_password_is_removed_from_display() {
        let t = Target::parse_with_env("postgres://bob:s3cret@db.example:5432/shop", &no_env())
            .expect("parses");
        assert_eq!(t.engine, EngineKind::Postgres);
        assert_eq!(t.display, "postgres://bob@db.example:5432/shop");
        assert!(!format!("{t:?}").contains("s3cret"));
        assert_eq!(t.password().as_deref(), Some("s3cret"));
    }

    #[test]
    fn passwords_with_plus_signs_are_scrubbed_and_fragments_never_shown() {
        let t = Target::parse_with_env("postgres://bob:a+b%2Fc@h/db#password=zz9", &no_env())
            .expect("parses");
        assert_eq!(t.password().as_deref(), Some("a+b/c"));
        assert!(!t.scrub("driver said: bad password a+b/c").contains("a+b/c"));
        assert!(!t.display.contains("zz9"), "{}", t.display);
        let t = Target::parse_with_env("postgres://bob@h/db?next=x?password=qq77", &no_env())
            .expect("parses");
        assert!(!t.display.contains("qq77"), "{}", t.display);
    }

    #[test]
    fn password_query_parameters_are_removed() {
        let t = Target::parse_with_env(
            "postgresql://bob@db/shop?password=hunter2&sslmode=require",
            &no_env(),
        )
        .expect("parses");
        assert_eq!(t.display, "postgresql://bob@db/shop?sslmode=require");
    }

    #[test]
    fn mariadb_scheme_is_mysql_and_env_password_applies() {
        let env = FakeEnv(HashMap::from([("MYSQL_PWD", "pw from env")]));
        let t = Target::parse_with_env("mariadb://root@127.0.0.1:3306/shop", &env).expect("parses");
        assert_eq!(t.engine, EngineKind::Mysql);
        assert_eq!(t.display, "mariadb://root@127.0.0.1:3306/shop");
        assert_eq!(t.password().as_deref(), Some("pw from env"));
        assert_eq!(t.scrub("oops pw from env leaked"), "oops ••• leaked");
    }

    #[test]
    fn sqlite_forms() {
        let t = Target::parse_with_env("sqlite:///tmp/x.db", &no_env()).expect("parses");
        assert_eq!(t.location, Location::SqliteFile(PathBuf::from("/tmp/x.db")));
        let t = Target::parse_with_env("./shop.sqlite", &no_env()).expect("parses");
        assert_eq!(
            t.location,
            Location::SqliteFile(PathBuf::from("./shop.sqlite"))
        );
        assert_eq!(
            Target::parse_with_env("sample", &no_env())
                .expect("parses")
                .location,
            Location::Sample
        );
    }

    #[test]
    fn bad_urls_say_what_to_write() {
        let e = Target::parse_with_env("oracle://x@y/z", &no_env()).expect_err("rejected");
        assert!(
            e.0.contains("unsupported database URL scheme `oracle://`"),
            "{e}"
        );
        let e = Target::parse_with_env("postgres://:pw@/db", &no_env()).expect_err("rejected");
        assert!(e.0.contains("no host"), "{e}");
        assert!(!e.0.contains("pw@"), "{e}");
        let e = Target::parse_with_env("", &no_env()).expect_err("rejected");
        assert!(e.0.contains("empty database URL"));
    }

    #[test]
    fn unparsed_redaction_drops_password() {
        assert_eq!(
            redact_unparsed("postgres://u:p@ss@h/db"),
            "postgres://u@h/db"
        );
    }
}
