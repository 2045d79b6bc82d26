//! privaudit promises never to print a raw personal-data value or a password. This test builds a
//! database full of KNOWN raw values on each engine (SQLite, PostgreSQL, MariaDB), logs in as a
//! role with a known password (in the URL and through PGPASSWORD / MYSQL_PWD), runs every
//! command and output format against it — scan in every format to stdout and to files, audit
//! (every file of the out dir and the session), report from the session, diff of sessions and of
//! reports, failing connections, a terminal run and the interactive audit in tmux (every screen,
//! the export and the session) — collects every byte written, and searches all of it for every
//! raw value: the exact string, e-mail local parts and domains, and the digits of phones, cards,
//! IBANs, SSNs and birth dates with the separators removed. Masked forms (`j•••@e•••.com`,
//! `•••• •••• •••• 4242`, `+•• •• •••• ••58`) never contain a whole value, so they never match.
//!
//! A failure lists every raw value found, which output (command + file) held it, and the text
//! around it.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;
use std::time::{Duration, Instant};

use sqlx::Connection;

/// The login password of the scanning role / account.
const PW: &str = "S3cretPw-Lq7zK";
/// A wrong password tried on purpose (its error must not echo it either).
const WRONG_PW: &str = "Wr0ngPw-Zx93vB";

const GIVEN: [&str; 12] = [
    "Wilhelmina",
    "Leopold",
    "Rosanna",
    "Maurizio",
    "Josephine",
    "Madeleine",
    "Giorgos",
    "Sayaka",
    "Meryem",
    "Gabriele",
    "Rohit",
    "Eleanor",
];
const SUR: [&str; 12] = [
    "Okonkwo",
    "Kowalczyk",
    "Lindqvist",
    "Schiller",
    "Quiroga",
    "Natarajan",
    "Popescu",
    "Palmieri",
    "Sikora",
    "Giraud",
    "Schreiber",
    "Poulin",
];
const DOMAINS: [&str; 3] = ["quillmail.net", "lanternpost.org", "fernpost.de"];
const PROFILE_DOMAIN: &str = "harbourmail.io";
const TICKET_DOMAIN: &str = "birchpost.com";
const LEAD_DOMAIN: &str = "larkspur-mail.com";
const PLAIN_PASSWORDS: [&str; 12] = [
    "Tr0ub4dor&3x",
    "correct-horse-battery-9",
    "Summer2023!Qv",
    "qwerty!2345Zk",
    "P@ssw0rd-77Lm",
    "letmein-Zebra9",
    "hunter2-BlueFox",
    "Dragon#4451Yp",
    "m0nkey-Bus8Wq",
    "Sunshine_82xR",
    "football!Z19t",
    "iloveyou-77Qh",
];

// ---------------------------------------------------------------------------------------------
// The known raw values
// ---------------------------------------------------------------------------------------------

fn luhn_complete(base: &str) -> String {
    // Append the check digit that makes `base` + digit pass Luhn.
    let mut sum = 0;
    for (i, c) in base.chars().rev().enumerate() {
        let mut d = c.to_digit(10).expect("digit");
        if i % 2 == 0 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    format!("{base}{}", (10 - sum % 10) % 10)
}

fn group4(s: &str, sep: &str) -> String {
    s.chars()
        .collect::<Vec<_>>()
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(sep)
}

fn gb_iban(bban: &str) -> String {
    let rearranged = format!("{bban}GB00");
    let mut rem: u64 = 0;
    for c in rearranged.chars() {
        let v = if c.is_ascii_digit() {
            c.to_digit(10).expect("digit") as u64
        } else {
            (c as u64) - ('A' as u64) + 10
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    format!("GB{:02}{bban}", 98 - rem)
}

fn hex_token(seed: u64, len: usize) -> String {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut s = String::new();
    while s.len() < len {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        s.push_str(&format!("{:x}", (x >> 33) & 0xf));
    }
    s
}

struct Customer {
    first: String,
    last: String,
    email: String,
    phone: String,
    iban: String,
    card: String,
    ssn: String,
    dob: String,
    password: String,
    token: String,
    created: String,
}

struct Profile {
    email: String,
    phone: String,
}

struct Ticket {
    email: String,
    phone: String,
    card: String,
    body: String,
}

struct Lead {
    email: String,
    phone: String,
}

struct Data {
    customers: Vec<Customer>,
    profiles: Vec<Profile>,
    tickets: Vec<Ticket>,
    leads: Vec<Lead>,
}

fn data() -> Data {
    let mut customers = Vec::new();
    let mut profiles = Vec::new();
    let mut tickets = Vec::new();
    let mut leads = Vec::new();
    for i in 0..12usize {
        let g = GIVEN[i];
        let s = SUR[i];
        let card = luhn_complete(&format!("45391488{:07}", 300_000 + i * 1117));
        let iban = gb_iban(&format!("WEST{:06}{:08}", 123_456, 31_415_900 + i * 7));
        customers.push(Customer {
            first: g.into(),
            last: s.into(),
            email: format!(
                "{}.{}@{}",
                g.to_lowercase(),
                s.to_lowercase(),
                DOMAINS[i % 3]
            ),
            phone: format!("+49 30 {:04} {:04}", 2200 + i * 13, 4100 + i * 57),
            iban: group4(&iban, " "),
            card: group4(&card, " "),
            ssn: format!("{}-{:02}-{:04}", 512 + i * 7, 31 + i, 4817 + i * 13),
            dob: format!("19{:02}-{:02}-{:02}", 52 + i * 3, 1 + i % 12, 3 + i * 2),
            password: PLAIN_PASSWORDS[i].into(),
            token: format!("tok_live_{}", hex_token(i as u64 + 7, 32)),
            created: format!("20{:02}-0{}-1{} 09:30:00", 19 + i % 5, 1 + i % 9, i % 10),
        });
        profiles.push(Profile {
            email: format!(
                "{}.{}@{PROFILE_DOMAIN}",
                GIVEN[(i + 5) % 12].to_lowercase(),
                SUR[(i + 2) % 12].to_lowercase()
            ),
            phone: format!("+33 1 42 68 {:02} {:02}", 53 + i, 10 + i * 3),
        });
        let tcard = luhn_complete(&format!("54252334{:07}", 910_000 + i * 733));
        let tcard = if i % 2 == 0 {
            group4(&tcard, " ")
        } else {
            group4(&tcard, "-")
        };
        let temail = format!(
            "{}.{}{}@{TICKET_DOMAIN}",
            g.to_lowercase(),
            SUR[(i + 7) % 12].to_lowercase(),
            10 + i
        );
        let tphone = format!("+31 20 {:03} {:04}", 524 + i, 1100 + i * 41);
        let body = match i % 3 {
            0 => format!(
                "Hello, please call me back on {tphone} or write to {temail}. My card {tcard} was charged twice"
            ),
            1 => format!("Card {tcard} declined again; reach me at {temail} or {tphone}"),
            _ => format!("Refund to {temail} please, phone {tphone}, card number {tcard}."),
        };
        tickets.push(Ticket {
            email: temail,
            phone: tphone,
            card: tcard,
            body,
        });
        leads.push(Lead {
            email: format!(
                "{}.{}@{LEAD_DOMAIN}",
                GIVEN[(i + 3) % 12].to_lowercase(),
                SUR[(i + 9) % 12].to_lowercase()
            ),
            phone: format!("+44 20 7946 0{:03}", 100 + i * 17),
        });
    }
    Data {
        customers,
        profiles,
        tickets,
        leads,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Engine {
    Sqlite,
    Postgres,
    Mysql,
}

impl Engine {
    fn name(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "pg",
            Engine::Mysql => "mysql",
        }
    }
}

fn ddl(engine: Engine, d: &Data) -> Vec<String> {
    let (ts, json) = match engine {
        Engine::Sqlite => ("timestamp", "json"),
        Engine::Postgres => ("timestamp", "jsonb"),
        Engine::Mysql => ("datetime", "json"),
    };
    let mut s = vec![
        format!(
            "CREATE TABLE customers (id integer primary key, first_name varchar(100), last_name varchar(100), \
             email varchar(200), phone varchar(50), iban varchar(50), card_number varchar(30), ssn varchar(20), \
             date_of_birth date, password varchar(100), api_token varchar(100), created_at {ts})"
        ),
        "CREATE TABLE support_tickets (id integer primary key, subject varchar(200), body text)"
            .into(),
        format!("CREATE TABLE profiles (id integer primary key, data {json})"),
    ];
    for (i, c) in d.customers.iter().enumerate() {
        s.push(format!(
            "INSERT INTO customers VALUES ({}, '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}')",
            i + 1,
            c.first,
            c.last,
            c.email,
            c.phone,
            c.iban,
            c.card,
            c.ssn,
            c.dob,
            c.password,
            c.token,
            c.created
        ));
    }
    for (i, t) in d.tickets.iter().enumerate() {
        s.push(format!(
            "INSERT INTO support_tickets VALUES ({}, 'Ticket {}', '{}')",
            i + 1,
            i + 1,
            t.body
        ));
    }
    for (i, p) in d.profiles.iter().enumerate() {
        s.push(format!(
            "INSERT INTO profiles VALUES ({}, '{{\"{}\": {{\"phone\": \"{}\", \"newsletter\": true, \"tier\": \"gold\"}}}}')",
            i + 1,
            p.email,
            p.phone
        ));
    }
    s
}

/// The change between the two audits: a new table of leads appears, the profiles disappear.
fn change(d: &Data) -> Vec<String> {
    let mut s = vec![
        "CREATE TABLE newsletter_leads (id integer primary key, email varchar(200), phone varchar(50))"
            .to_string(),
    ];
    for (i, l) in d.leads.iter().enumerate() {
        s.push(format!(
            "INSERT INTO newsletter_leads VALUES ({}, '{}', '{}')",
            i + 1,
            l.email,
            l.phone
        ));
    }
    s.push("DROP TABLE profiles".into());
    s
}

// ---------------------------------------------------------------------------------------------
// Needles: what must never be printed
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// The exact string.
    Exact,
    /// The string, ASCII case-insensitively.
    NoCase,
    /// The digits, in any run of digits joined by separators (space, `-`, `.`, `/`, `(`, `)`, `+`).
    Digits,
}

struct Needle {
    kind: &'static str,
    origin: String,
    text: String,
    mode: Mode,
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn needles(d: &Data, extra: &[(&'static str, String, String)]) -> Vec<Needle> {
    let mut n = Vec::new();
    let mut add = |kind: &'static str, origin: String, text: String, mode: Mode| {
        n.push(Needle {
            kind,
            origin,
            text,
            mode,
        });
    };
    fn email_parts(s: &str) -> (String, String) {
        let (local, domain) = s.split_once('@').expect("email");
        let host = domain.split('.').next().unwrap_or(domain);
        (local.to_string(), host.to_string())
    }
    let email =
        |add: &mut dyn FnMut(&'static str, String, String, Mode), origin: String, value: &str| {
            add("email", origin.clone(), value.to_string(), Mode::NoCase);
            let (local, _) = email_parts(value);
            add("email local part", origin, local, Mode::NoCase);
        };
    let phone = |add: &mut dyn FnMut(&'static str, String, String, Mode),
                 origin: String,
                 value: &str,
                 cc: &str| {
        add("phone", origin.clone(), value.to_string(), Mode::Exact);
        let all = digits(value);
        add("phone digits", origin.clone(), all.clone(), Mode::Digits);
        add(
            "phone national digits",
            origin,
            all[cc.len()..].to_string(),
            Mode::Digits,
        );
    };
    let card =
        |add: &mut dyn FnMut(&'static str, String, String, Mode), origin: String, value: &str| {
            add(
                "card number",
                origin.clone(),
                value.to_string(),
                Mode::Exact,
            );
            add("card digits", origin, digits(value), Mode::Digits);
        };
    for (i, c) in d.customers.iter().enumerate() {
        let o = |col: &str| format!("customers.{col} row {}", i + 1);
        add("first name", o("first_name"), c.first.clone(), Mode::NoCase);
        add("last name", o("last_name"), c.last.clone(), Mode::NoCase);
        email(&mut add, o("email"), &c.email);
        phone(&mut add, o("phone"), &c.phone, "49");
        add("iban", o("iban"), c.iban.clone(), Mode::Exact);
        let compact: String = c.iban.chars().filter(|c| !c.is_whitespace()).collect();
        add("iban compact", o("iban"), compact, Mode::NoCase);
        add("iban digits", o("iban"), digits(&c.iban[4..]), Mode::Digits);
        card(&mut add, o("card_number"), &c.card);
        add("ssn", o("ssn"), c.ssn.clone(), Mode::Exact);
        add("ssn digits", o("ssn"), digits(&c.ssn), Mode::Digits);
        add(
            "date of birth",
            o("date_of_birth"),
            c.dob.clone(),
            Mode::Exact,
        );
        add(
            "date of birth digits",
            o("date_of_birth"),
            digits(&c.dob),
            Mode::Digits,
        );
        add(
            "plain-text password",
            o("password"),
            c.password.clone(),
            Mode::Exact,
        );
        add("api token", o("api_token"), c.token.clone(), Mode::Exact);
        add(
            "api token (first 14 chars)",
            o("api_token"),
            c.token[..14].to_string(),
            Mode::Exact,
        );
        add(
            "api token (last 12 chars)",
            o("api_token"),
            c.token[c.token.len() - 12..].to_string(),
            Mode::Exact,
        );
    }
    for (i, p) in d.profiles.iter().enumerate() {
        let o = format!("profiles.data (JSON key) row {}", i + 1);
        email(&mut add, o.clone(), &p.email);
        phone(
            &mut add,
            format!("profiles.data (JSON value) row {}", i + 1),
            &p.phone,
            "33",
        );
    }
    for (i, t) in d.tickets.iter().enumerate() {
        let o = format!("support_tickets.body row {}", i + 1);
        email(&mut add, o.clone(), &t.email);
        phone(&mut add, o.clone(), &t.phone, "31");
        card(&mut add, o.clone(), &t.card);
    }
    for (i, l) in d.leads.iter().enumerate() {
        let o = |col: &str| format!("newsletter_leads.{col} row {}", i + 1);
        email(&mut add, o("email"), &l.email);
        phone(&mut add, o("phone"), &l.phone, "44");
    }
    for domain in DOMAINS
        .iter()
        .chain([PROFILE_DOMAIN, TICKET_DOMAIN, LEAD_DOMAIN].iter())
    {
        let host = domain.split('.').next().expect("host");
        add(
            "email domain",
            format!("e-mail domain {domain}"),
            host.to_string(),
            Mode::NoCase,
        );
    }
    add(
        "login password",
        "the role's password".into(),
        PW.into(),
        Mode::Exact,
    );
    add(
        "login password",
        "the wrong password tried".into(),
        WRONG_PW.into(),
        Mode::Exact,
    );
    for (kind, origin, text) in extra {
        add(kind, origin.clone(), text.clone(), Mode::Exact);
    }
    n
}

// ---------------------------------------------------------------------------------------------
// Running everything and collecting every byte
// ---------------------------------------------------------------------------------------------

struct Runner {
    engine: Engine,
    bin: PathBuf,
    /// Every command runs here and writes only here; every file under it is collected.
    work: PathBuf,
    outputs: Vec<(String, String)>,
    runs: usize,
    log: Vec<String>,
}

fn s(x: impl AsRef<std::ffi::OsStr>) -> String {
    x.as_ref().to_string_lossy().into_owned()
}

impl Runner {
    fn new(engine: Engine, work: &Path) -> Runner {
        #[allow(deprecated)]
        let bin = assert_cmd::cargo::cargo_bin("privaudit");
        Runner {
            engine,
            bin,
            work: work.to_path_buf(),
            outputs: Vec::new(),
            runs: 0,
            log: Vec::new(),
        }
    }

    /// A fresh path under the work directory, named after the run.
    fn path(&mut self, name: &str) -> PathBuf {
        self.runs += 1;
        self.work.join(format!("{:02}-{name}", self.runs))
    }

    /// Run privaudit; `label` names the run in reports (never the password).
    fn run(&mut self, label: &str, args: &[String], env: &[(&str, &str)]) -> Option<i32> {
        let mut c = assert_cmd::Command::new(&self.bin);
        c.args(args)
            .current_dir(&self.work)
            .env_remove("PGPASSWORD")
            .env_remove("MYSQL_PWD")
            .env("NO_COLOR", "1")
            .timeout(Duration::from_secs(180));
        for (k, v) in env {
            c.env(k, v);
        }
        let o = c.output().expect("privaudit runs");
        let label = format!("[{}] {label}", self.engine.name());
        self.log
            .push(format!("{label}: exit {:?}", o.status.code()));
        self.outputs.push((
            format!("{label} — stdout"),
            String::from_utf8_lossy(&o.stdout).into_owned(),
        ));
        self.outputs.push((
            format!("{label} — stderr"),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        ));
        o.status.code()
    }

    fn push(&mut self, label: String, text: String) {
        self.outputs
            .push((format!("[{}] {label}", self.engine.name()), text));
    }

    /// Every file written under the work directory.
    fn collect_files(&mut self) {
        let mut stack = vec![self.work.clone()];
        let mut files = Vec::new();
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).expect("read dir").flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    files.push(p);
                }
            }
        }
        files.sort();
        for f in files {
            let bytes = std::fs::read(&f).unwrap_or_default();
            let rel = f
                .strip_prefix(&self.work)
                .unwrap_or(&f)
                .display()
                .to_string();
            self.push(
                format!("file {rel}"),
                String::from_utf8_lossy(&bytes).into_owned(),
            );
        }
    }
}

fn answers_file() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/samples/answers.toml").to_string()
}

/// Environment variables given to a run.
type Env = Vec<(&'static str, String)>;

/// One database engine: the URL with the password, URLs without it plus the environment that
/// supplies it, URLs that fail (with passwords), and an administrator URL.
struct Target {
    main: String,
    env_variants: Vec<(String, String, (&'static str, String))>,
    failing: Vec<(String, String, Env)>,
    admin: Option<String>,
}

fn scan_all_formats(r: &mut Runner, what: &str, db: &str, env: &[(&str, &str)]) {
    let formats: [(&str, &[&str]); 7] = [
        ("json", &["--format", "json"]),
        ("markdown", &["--format", "markdown"]),
        ("table", &["--format", "table"]),
        ("csv-inventory", &["--format", "csv", "--csv", "inventory"]),
        ("csv-access", &["--format", "csv", "--csv", "access"]),
        ("csv-posture", &["--format", "csv", "--csv", "posture"]),
        ("csv-findings", &["--format", "csv", "--csv", "findings"]),
    ];
    for (name, f) in formats {
        let mut args = vec![
            "scan".to_string(),
            "--quiet".into(),
            "--db".into(),
            db.into(),
        ];
        args.extend(f.iter().map(|x| x.to_string()));
        r.run(&format!("scan {what} --format {name} (stdout)"), &args, env);
        let out = r.path(&format!("scan-{name}.out"));
        args.push("--out".into());
        args.push(s(&out));
        r.run(
            &format!(
                "scan {what} --format {name} --out {}",
                out.file_name().map(s).unwrap_or_default()
            ),
            &args,
            env,
        );
    }
}

fn audit(
    r: &mut Runner,
    what: &str,
    dbs: &[String],
    env: &[(&str, &str)],
    baseline: Option<&Path>,
) -> (PathBuf, PathBuf) {
    let out = r.path(&format!("audit-{what}"));
    let session = r.path(&format!("audit-{what}-session.json"));
    let mut args = vec!["audit".to_string(), "--quiet".into()];
    for db in dbs {
        args.push("--db".into());
        args.push(db.clone());
    }
    args.extend([
        "--answers".into(),
        answers_file(),
        "--allow-unanswered".into(),
        "--out".into(),
        s(&out),
        "--session".into(),
        s(&session),
    ]);
    if let Some(b) = baseline {
        args.push("--baseline".into());
        args.push(s(b));
    }
    let code = r.run(&format!("audit {what}"), &args, env);
    assert!(
        matches!(code, Some(0) | Some(1) | Some(3)),
        "audit {what} exited {code:?}: {}",
        r.outputs.last().map(|o| o.1.as_str()).unwrap_or("")
    );
    (out, session)
}

/// Phase one: everything against the database as first built.
fn phase_one(r: &mut Runner, t: &Target) -> (PathBuf, PathBuf) {
    let main = t.main.clone();
    // Scan: every format, to stdout and to a file; the default format (JSON when piped).
    scan_all_formats(r, "main", &main, &[]);
    r.run(
        "scan main (default format)",
        &["scan".into(), "--db".into(), main.clone()],
        &[],
    );
    // The password from the environment instead of the URL.
    for (what, url, (var, val)) in &t.env_variants {
        r.run(
            &format!("scan {what} --format json"),
            &[
                "scan".into(),
                "--quiet".into(),
                "--db".into(),
                url.clone(),
                "--format".into(),
                "json".into(),
            ],
            &[(var, val.as_str())],
        );
        r.run(
            &format!("scan {what} --format table"),
            &[
                "scan".into(),
                "--quiet".into(),
                "--db".into(),
                url.clone(),
                "--format".into(),
                "table".into(),
            ],
            &[(var, val.as_str())],
        );
    }
    if let Some(admin) = &t.admin {
        r.run(
            "scan as administrator --format json",
            &[
                "scan".into(),
                "--quiet".into(),
                "--db".into(),
                admin.clone(),
                "--format".into(),
                "json".into(),
            ],
            &[],
        );
        r.run(
            "scan as administrator --format markdown",
            &[
                "scan".into(),
                "--quiet".into(),
                "--db".into(),
                admin.clone(),
                "--format".into(),
                "markdown".into(),
            ],
            &[],
        );
    }
    // Connections that fail, with passwords in the URL or the environment.
    for (what, url, env) in &t.failing {
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        r.run(
            &format!("scan {what}"),
            &["scan".into(), "--quiet".into(), "--db".into(), url.clone()],
            &env,
        );
        r.run(
            &format!("scan {what} + main --format markdown"),
            &[
                "scan".into(),
                "--quiet".into(),
                "--db".into(),
                main.clone(),
                "--db".into(),
                url.clone(),
                "--format".into(),
                "markdown".into(),
            ],
            &env,
        );
    }
    // Audit: every file of the out dir and the session; then the report from the session.
    let (out1, session1) = audit(r, "main", std::slice::from_ref(&main), &[], None);
    let again = r.path("report-from-session1");
    r.run(
        "report session1",
        &["report".into(), s(&session1), "--out".into(), s(&again)],
        &[],
    );
    // An audit where one database fails to connect (its cause lands in the report).
    if let Some((what, url, env)) = t.failing.first() {
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (_, session) = audit(
            r,
            &format!("with-failing-{what}"),
            &[main.clone(), url.clone()],
            &env,
            None,
        );
        let again = r.path("report-from-failing-session");
        r.run(
            "report failing-db session",
            &["report".into(), s(&session), "--out".into(), s(&again)],
            &[],
        );
    }
    (out1, session1)
}

/// Phase two: after the change (a table appears, one disappears): audit with a baseline, report,
/// and diffs of the sessions and of the reports in both formats.
fn phase_two(r: &mut Runner, t: &Target, out1: &Path, session1: &Path) {
    let main = t.main.clone();
    let (out2, session2) = audit(
        r,
        "after-change",
        std::slice::from_ref(&main),
        &[],
        Some(&out1.join("report.json")),
    );
    let again = r.path("report-from-session2");
    r.run(
        "report session2",
        &["report".into(), s(&session2), "--out".into(), s(&again)],
        &[],
    );
    for fmt in ["markdown", "json"] {
        r.run(
            &format!("diff session1 session2 --format {fmt}"),
            &[
                "diff".into(),
                s(session1),
                s(&session2),
                "--format".into(),
                fmt.into(),
            ],
            &[],
        );
        r.run(
            &format!("diff report1.json report2.json --format {fmt}"),
            &[
                "diff".into(),
                s(out1.join("report.json")),
                s(out2.join("report.json")),
                "--format".into(),
                fmt.into(),
            ],
            &[],
        );
        r.run(
            &format!("diff session2 session1 --format {fmt}"),
            &[
                "diff".into(),
                s(&session2),
                s(session1),
                "--format".into(),
                fmt.into(),
            ],
            &[],
        );
    }
    scan_all_formats(r, "after-change", &main, &[]);
}

// ---------------------------------------------------------------------------------------------
// The terminal: the interactive audit and a scan in tmux
// ---------------------------------------------------------------------------------------------

struct Tmux {
    socket: String,
    name: String,
}

impl Tmux {
    fn cmd(&self, args: &[&str]) -> std::process::Output {
        StdCommand::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("run tmux")
    }

    fn start(&self, dir: &Path, command: &str) {
        let dir = dir.display().to_string();
        let o = self.cmd(&[
            "new-session",
            "-d",
            "-s",
            &self.name,
            "-x",
            "200",
            "-y",
            "50",
            "-c",
            &dir,
            command,
        ]);
        assert!(
            o.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        self.cmd(&["set-option", "-t", &self.name, "remain-on-exit", "on"]);
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.cmd(&["send-keys", "-t", &self.name, k]);
            std::thread::sleep(Duration::from_millis(70));
        }
    }

    fn text(&self, s: &str) {
        self.cmd(&["send-keys", "-t", &self.name, "-l", s]);
        std::thread::sleep(Duration::from_millis(150));
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(
            &self
                .cmd(&["capture-pane", "-p", "-J", "-S", "-", "-t", &self.name])
                .stdout,
        )
        .into_owned()
    }

    fn wait_for(&self, what: &str, secs: u64) -> String {
        let end = Instant::now() + Duration::from_secs(secs);
        loop {
            let s = self.screen();
            if s.contains(what) {
                return s;
            }
            assert!(
                Instant::now() < end,
                "waited {secs}s for {what:?}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    fn dead(&self) -> bool {
        String::from_utf8_lossy(
            &self
                .cmd(&["display-message", "-p", "-t", &self.name, "#{pane_dead}"])
                .stdout,
        )
        .trim()
            == "1"
    }

    /// The exit status of a dead pane's command.
    fn dead_status(&self) -> Option<String> {
        let out = self.cmd(&[
            "display-message",
            "-p",
            "-t",
            &self.name,
            "#{pane_dead_status}",
        ]);
        let s = String::from_utf8_lossy(&out.stdout).trim().to_string();
        (!s.is_empty()).then_some(s)
    }

    fn wait_exit(&self, secs: u64) {
        let end = Instant::now() + Duration::from_secs(secs);
        while !self.dead() {
            assert!(
                Instant::now() < end,
                "the app did not exit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn kill(&self) {
        self.cmd(&["kill-session", "-t", &self.name]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = StdCommand::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

fn tmux_available() -> bool {
    StdCommand::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// A screen capture, kept only when it differs from the previous one.
fn capture(r: &mut Runner, t: &Tmux, what: &str, last: &mut String) {
    let s = t.screen();
    if s != *last {
        r.push(format!("TUI screen: {what}"), s.clone());
        *last = s;
    }
}

/// The interactive audit: every screen (questions with their evidence, findings one by one,
/// inventory, access, report preview page by page), the export and the session; then a resume.
fn tui(r: &mut Runner, dbs: &[String]) {
    let session = r.path("tui-session.json");
    let export = r.path("tui-export");
    let mut command = format!(
        "exec env -u NO_COLOR -u PGPASSWORD -u MYSQL_PWD {}",
        sh_quote(&s(&r.bin))
    );
    for db in dbs {
        command.push_str(&format!(" --db {}", sh_quote(db)));
    }
    command.push_str(&format!(" --session {}", sh_quote(&s(&session))));
    let t = Tmux {
        socket: format!("privaudit-noraw-{}-{}", r.engine.name(), std::process::id()),
        name: "audit".into(),
    };
    let mut last = String::new();
    t.start(&r.work, &command);
    t.wait_for("Audit session", 30);
    t.wait_for("scan finished", 120);
    capture(r, &t, "1 start", &mut last);
    // Questions: every one, with the scan's evidence on the right.
    t.keys(&["Enter"]);
    t.wait_for("Which categories of personal data", 10);
    for q in 0..60 {
        capture(r, &t, &format!("2 question #{q}"), &mut last);
        t.keys(&["C-n"]);
    }
    // Findings, one by one (the detail pane shows the evidence).
    t.keys(&["Escape", "3"]);
    t.wait_for("Findings", 10);
    for i in 0..80 {
        capture(r, &t, &format!("3 findings, row {i}"), &mut last);
        t.keys(&["Down"]);
    }
    // Inventory and access, page by page.
    t.keys(&["4"]);
    std::thread::sleep(Duration::from_millis(300));
    for i in 0..60 {
        capture(r, &t, &format!("4 inventory, row {i}"), &mut last);
        t.keys(&["Down"]);
    }
    t.keys(&["5"]);
    std::thread::sleep(Duration::from_millis(300));
    for i in 0..60 {
        capture(r, &t, &format!("5 access, row {i}"), &mut last);
        t.keys(&["Down"]);
    }
    // Report preview, page by page.
    t.keys(&["6"]);
    t.wait_for("Report preview", 10);
    for i in 0..80 {
        capture(r, &t, &format!("6 report preview, page {i}"), &mut last);
        t.keys(&["NPage"]);
    }
    // Help screen.
    t.keys(&["?"]);
    std::thread::sleep(Duration::from_millis(300));
    capture(r, &t, "help", &mut last);
    t.keys(&["Escape"]);
    // Export.
    t.keys(&["6", "e", "C-u"]);
    t.text(&s(&export));
    t.keys(&["Enter"]);
    t.wait_for("Wrote", 20);
    capture(r, &t, "6 after export", &mut last);
    t.keys(&["Escape", "q"]);
    std::thread::sleep(Duration::from_millis(300));
    if !t.dead() {
        capture(r, &t, "quit prompt", &mut last);
        t.keys(&["y"]);
    }
    t.wait_exit(15);
    capture(r, &t, "after exit", &mut last);
    t.kill();
    for f in [
        "report.md",
        "report.json",
        "findings.csv",
        "inventory.csv",
        "access.csv",
    ] {
        assert!(export.join(f).exists(), "TUI export wrote no {f}");
    }
    assert!(session.exists(), "TUI wrote no session");

    // Resume with the saved session: the saved scan is shown at once.
    t.start(&r.work, &command);
    t.wait_for("scan from the session", 30);
    std::thread::sleep(Duration::from_millis(500));
    capture(r, &t, "resume", &mut last);
    for k in ["F1", "F3", "F4", "F6", "F7"] {
        t.keys(&[k]);
        std::thread::sleep(Duration::from_millis(200));
        capture(r, &t, &format!("resume {k}"), &mut last);
    }
    t.keys(&["F1", "q"]);
    std::thread::sleep(Duration::from_millis(300));
    if !t.dead() {
        t.keys(&["y"]);
    }
    t.wait_exit(15);
    capture(r, &t, "resume after exit", &mut last);
    t.kill();

    // `privaudit scan` on a terminal: table format and the progress bar.
    let mut scan = format!(
        "env -u PGPASSWORD -u MYSQL_PWD {} scan",
        sh_quote(&s(&r.bin))
    );
    for db in dbs {
        scan.push_str(&format!(" --db {}", sh_quote(db)));
    }
    let t2 = Tmux {
        socket: format!(
            "privaudit-noraw-scan-{}-{}",
            r.engine.name(),
            std::process::id()
        ),
        name: "scan".into(),
    };
    // The shell echoes the scan's exit code and exits with it, so a dead pane tells it too.
    t2.start(&r.work, &format!("{scan}; c=$?; echo EXITED-$c; exit $c"));
    // 0, or 1 when a failing target is among the databases (docs/contract.md); which one
    // depends on the engine (MariaDB's second URL names the same database and is scanned
    // once). A crash, a usage error or a hang is what this catches.
    let mut last = String::new();
    // Ends when the shell has echoed the exit code, or its pane is dead (seen once in CI: the
    // pane dead with status 0 and no EXITED line captured). Polled every 100 ms: the captures
    // and their raw-value search compete with the scan for the two cores.
    let end = Instant::now() + Duration::from_secs(240);
    while !t2.screen().contains("EXITED-") && !t2.dead() {
        capture(r, &t2, "scan on a terminal (while running)", &mut last);
        assert!(
            Instant::now() < end,
            "scan on a terminal did not end:\n{}",
            t2.screen()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    capture(r, &t2, "scan on a terminal (final)", &mut last);
    let final_screen = t2.screen();
    let status = t2.dead_status();
    assert!(
        final_screen
            .lines()
            .any(|l| matches!(l.trim(), "EXITED-0" | "EXITED-1"))
            || matches!(status.as_deref(), Some("0" | "1")),
        "scan on a terminal did not end with 0 or 1 (pane status {status:?}):\n{final_screen}"
    );
    t2.kill();
}

// ---------------------------------------------------------------------------------------------
// The search
// ---------------------------------------------------------------------------------------------

struct Hit {
    kind: &'static str,
    origin: String,
    output: String,
    count: usize,
    context: String,
}

fn context(text: &str, start: usize, end: usize) -> String {
    let mut a = start.saturating_sub(30);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (end + 30).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    let raw = format!(
        "{}«{}»{}",
        &text[a..start],
        &text[start..end],
        &text[end..b]
    );
    raw.replace('\n', "⏎")
        .replace('\r', "\\r")
        .replace('\t', "\\t")
}

/// Digits of `text` with separators inside digit runs dropped, and the byte offset of each.
fn digit_skeleton(text: &str) -> (String, Vec<usize>) {
    let mut skel = String::new();
    let mut pos = Vec::new();
    let mut in_run = false;
    for (i, c) in text.char_indices() {
        if c.is_ascii_digit() {
            skel.push(c);
            pos.push(i);
            in_run = true;
        } else if in_run && matches!(c, ' ' | '-' | '.' | '/' | '(' | ')' | '+' | '\u{a0}') {
            // Still inside a run of digits.
        } else {
            if in_run || !skel.ends_with('|') {
                skel.push('|');
                pos.push(i);
            }
            in_run = false;
        }
    }
    (skel, pos)
}

fn search(outputs: &[(String, String)], needles: &[Needle]) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (label, text) in outputs {
        if text.is_empty() {
            continue;
        }
        let lower = text.to_ascii_lowercase();
        let (skel, pos) = digit_skeleton(text);
        for n in needles {
            let (found, haystack_hits): (Option<(usize, usize)>, usize) = match n.mode {
                Mode::Exact => {
                    let m: Vec<usize> = text.match_indices(&n.text).map(|(i, _)| i).collect();
                    (m.first().map(|&i| (i, i + n.text.len())), m.len())
                }
                Mode::NoCase => {
                    let needle = n.text.to_ascii_lowercase();
                    let m: Vec<usize> = lower.match_indices(&needle).map(|(i, _)| i).collect();
                    (m.first().map(|&i| (i, i + needle.len())), m.len())
                }
                Mode::Digits => {
                    let m: Vec<usize> = skel.match_indices(&n.text).map(|(i, _)| i).collect();
                    (
                        m.first().map(|&i| {
                            let last = pos[i + n.text.len() - 1];
                            (pos[i], last + 1)
                        }),
                        m.len(),
                    )
                }
            };
            if let Some((a, b)) = found {
                hits.push(Hit {
                    kind: n.kind,
                    origin: n.origin.clone(),
                    output: label.clone(),
                    count: haystack_hits,
                    context: context(text, a, b),
                });
            }
        }
    }
    hits
}

/// Search everything collected; fail listing every raw value found, grouped by kind.
fn assert_no_raw_values(r: &Runner, needles: &[Needle]) {
    let total: usize = r.outputs.iter().map(|o| o.1.len()).sum();
    println!(
        "[{}] {} runs, {} outputs, {} bytes searched for {} raw values",
        r.engine.name(),
        r.log.len(),
        r.outputs.len(),
        total,
        needles.len()
    );
    for l in &r.log {
        println!("  {l}");
    }
    let screens = r
        .outputs
        .iter()
        .filter(|o| o.0.contains("TUI screen"))
        .count();
    let files: Vec<&str> = r
        .outputs
        .iter()
        .filter(|o| o.0.contains("] file "))
        .map(|o| o.0.as_str())
        .collect();
    println!(
        "[{}] {screens} terminal screens, {} files: {files:#?}",
        r.engine.name(),
        files.len()
    );
    let hits = search(&r.outputs, needles);
    if hits.is_empty() {
        return;
    }
    let mut by_kind: BTreeMap<&str, Vec<&Hit>> = BTreeMap::new();
    for h in &hits {
        by_kind.entry(h.kind).or_default().push(h);
    }
    let mut msg = format!(
        "[{}] {} raw value occurrence(s) found in privaudit's output:\n",
        r.engine.name(),
        hits.len()
    );
    for (kind, hs) in &by_kind {
        msg.push_str(&format!("\n== {kind}: {} hit(s)\n", hs.len()));
        for h in hs {
            msg.push_str(&format!(
                "  {} — in {} ({}x): {}\n",
                h.origin, h.output, h.count, h.context
            ));
        }
    }
    println!("{msg}");
    panic!("{msg}");
}

/// Guard against a vacuous pass: the scan did find the personal data (so masked examples were
/// written and could have leaked).
fn assert_detected(r: &Runner) {
    let json = r
        .outputs
        .iter()
        .find(|(l, _)| l.contains("scan main --format json (stdout)") && l.ends_with("stdout"))
        .map(|o| o.1.clone())
        .expect("json scan output");
    let v: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("scan json: {e}"));
    let cols: Vec<String> = v["columns"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|c| {
                    format!(
                        "{}.{} {} ({} examples)",
                        c["table"].as_str().unwrap_or("?"),
                        c["column"].as_str().unwrap_or("?"),
                        c["category"].as_str().unwrap_or("?"),
                        c["examples"].as_array().map_or(0, |e| e.len())
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    println!(
        "[{}] personal-data columns found: {cols:#?}",
        r.engine.name()
    );
    for needle in [
        "customers.email",
        "customers.card_number",
        "support_tickets.body",
    ] {
        assert!(
            cols.iter().any(|c| c.contains(needle)),
            "[{}] the scan did not find {needle}: {cols:#?}",
            r.engine.name()
        );
    }
}

async fn exec_sqlite(path: &Path, statements: &[String]) {
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let mut c = sqlx::SqliteConnection::connect(&url).await.expect("sqlite");
    for st in statements {
        sqlx::raw_sql(sqlx::AssertSqlSafe(st.to_string()))
            .execute(&mut c)
            .await
            .unwrap_or_else(|e| panic!("{st}: {e}"));
    }
    c.close().await.expect("close");
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// Run both phases (with the change between them) and the TUI, then search.
async fn exercise<F, Fut>(
    engine: Engine,
    target: Target,
    extra: Vec<(&'static str, String, String)>,
    apply_change: F,
) where
    F: FnOnce(Vec<String>) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let d = data();
    let work = tempfile::tempdir().expect("tempdir");
    let r = Runner::new(engine, work.path());
    let t = std::sync::Arc::new(target);
    let t1 = t.clone();
    let (mut r, out1, session1) = tokio::task::spawn_blocking(move || {
        let mut r = r;
        let (o, s) = phase_one(&mut r, &t1);
        (r, o, s)
    })
    .await
    .expect("phase one");
    apply_change(change(&d)).await;
    let t2 = t.clone();
    let r2 = tokio::task::spawn_blocking(move || {
        phase_two(&mut r, &t2, &out1, &session1);
        if tmux_available() {
            let mut dbs = vec![t2.main.clone()];
            if let Some((_, url, env)) = t2.failing.first()
                && env.is_empty()
            {
                dbs.push(url.clone());
            }
            tui(&mut r, &dbs);
        } else {
            assert!(
                std::env::var("PRIVAUDIT_REQUIRE_DB").map_or(true, |v| v != "1"),
                "tmux is required (PRIVAUDIT_REQUIRE_DB=1) but not installed"
            );
            println!("skipped the TUI: tmux is not installed");
        }
        r.collect_files();
        r
    })
    .await
    .expect("phase two");
    assert_detected(&r2);
    assert_no_raw_values(&r2, &needles(&d, &extra));
}

// ---------------------------------------------------------------------------------------------
// The three engines
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_never_prints_a_raw_value() {
    let input = tempfile::tempdir().expect("tempdir");
    let db = input.path().join("crm.db");
    exec_sqlite(&db, &ddl(Engine::Sqlite, &data())).await;
    let not_sqlite = input.path().join("notes.db");
    std::fs::write(&not_sqlite, "this is not an SQLite file").expect("write");
    let target = Target {
        main: s(&db),
        env_variants: vec![(
            "sqlite:// URL".into(),
            format!("sqlite://{}", db.display()),
            ("PGPASSWORD", PW.to_string()),
        )],
        failing: vec![
            (
                "missing file".into(),
                s(input.path().join("missing.db")),
                vec![],
            ),
            ("not an SQLite file".into(), s(&not_sqlite), vec![]),
        ],
        admin: None,
    };
    let db2 = db.clone();
    exercise(Engine::Sqlite, target, vec![], move |st| async move {
        exec_sqlite(&db2, &st).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_never_prints_a_raw_value_or_the_password() {
    common::with_pg(|url| async move {
        let role = common::role(&url, "auditor");
        let db = common::db_name(&url);
        let mut st = ddl(Engine::Postgres, &data());
        st.push(format!("CREATE ROLE {role} LOGIN PASSWORD '{PW}'"));
        st.push(format!(
            "GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}"
        ));
        st.push("ANALYZE".into());
        common::pg_exec(&url, &refs(&st)).await;
        // The server's stored hash of the password must not be printed either.
        let mut c = sqlx::PgConnection::connect(&url).await.expect("connect");
        let hash: Option<String> =
            sqlx::query_scalar("SELECT rolpassword FROM pg_authid WHERE rolname = $1")
                .bind(&role)
                .fetch_one(&mut c)
                .await
                .expect("pg_authid");
        let mut extra = Vec::new();
        if let Some(h) = hash {
            for part in h.split(['$', ':']).filter(|p| p.len() >= 12) {
                extra.push((
                    "server password hash",
                    format!("pg_authid.rolpassword of {role}"),
                    part.to_string(),
                ));
            }
            extra.push((
                "server password hash",
                format!("pg_authid.rolpassword of {role}"),
                h,
            ));
        }
        let main = common::as_user(&url, &role, Some(PW));
        let no_pw = common::as_user(&url, &role, None);
        let host = "127.0.0.1";
        let target = Target {
            main: main.clone(),
            env_variants: vec![(
                "PGPASSWORD".into(),
                no_pw.clone(),
                ("PGPASSWORD", PW.to_string()),
            )],
            failing: vec![
                (
                    "missing database (password in URL)".into(),
                    format!("postgres://{role}:{PW}@{host}:5432/{db}_missing"),
                    vec![],
                ),
                (
                    "refused port (password in URL)".into(),
                    format!("postgres://{role}:{PW}@{host}:1/{db}"),
                    vec![],
                ),
                (
                    "bad port (password in URL)".into(),
                    format!("postgres://{role}:{PW}@{host}:99999/{db}"),
                    vec![],
                ),
                (
                    "sslmode=require (password in URL)".into(),
                    format!("postgres://{role}:{PW}@{host}:5432/{db}?sslmode=require"),
                    vec![],
                ),
                (
                    "unknown role (password in URL)".into(),
                    format!("postgres://{db}_nobody:{PW}@{host}:5432/{db}"),
                    vec![],
                ),
                (
                    "password as query parameter".into(),
                    format!("postgres://{role}@{host}:5432/{db}_missing?password={PW}"),
                    vec![],
                ),
                (
                    "missing database (PGPASSWORD)".into(),
                    format!("postgres://{role}@{host}:5432/{db}_missing"),
                    vec![("PGPASSWORD", PW.to_string())],
                ),
            ],
            admin: Some(url.clone()),
        };
        let url2 = url.clone();
        exercise(Engine::Postgres, target, extra, move |mut st| async move {
            st.push(format!(
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}"
            ));
            st.push("ANALYZE".into());
            common::pg_exec(&url2, &refs(&st)).await;
        })
        .await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mariadb_never_prints_a_raw_value_or_the_password() {
    common::with_mysql(|url| async move {
        let user = common::role(&url, "auditor");
        let db = common::db_name(&url);
        let mut st = ddl(Engine::Mysql, &data());
        st.push(format!("CREATE USER '{user}'@'%' IDENTIFIED BY '{PW}'"));
        st.push(format!("GRANT SELECT ON `{db}`.* TO '{user}'@'%'"));
        st.push(format!("GRANT SELECT ON `mysql`.* TO '{user}'@'%'"));
        st.push("ANALYZE TABLE customers, support_tickets, profiles".into());
        common::mysql_exec(&url, &refs(&st)).await;
        let mut c = sqlx::MySqlConnection::connect(&url).await.expect("connect");
        let hash: Option<String> = sqlx::query_scalar(
            "SELECT CAST(authentication_string AS CHAR) FROM mysql.user WHERE User = ? LIMIT 1",
        )
        .bind(&user)
        .fetch_one(&mut c)
        .await
        .expect("mysql.user");
        let mut extra = Vec::new();
        if let Some(h) = hash.filter(|h| h.len() >= 12) {
            extra.push((
                "server password hash",
                format!("mysql.user.authentication_string of {user}"),
                h.trim_start_matches('*').to_string(),
            ));
        }
        let main = common::as_user(&url, &user, Some(PW));
        let no_pw = common::as_user(&url, &user, None);
        let host = "127.0.0.1";
        let target = Target {
            main: main.clone(),
            env_variants: vec![(
                "MYSQL_PWD".into(),
                no_pw.clone(),
                ("MYSQL_PWD", PW.to_string()),
            )],
            failing: vec![
                (
                    "wrong password (in URL)".into(),
                    format!("mysql://{user}:{WRONG_PW}@{host}:3306/{db}"),
                    vec![],
                ),
                (
                    "missing database (password in URL)".into(),
                    format!("mysql://{user}:{PW}@{host}:3306/{db}_missing"),
                    vec![],
                ),
                (
                    "refused port (password in URL)".into(),
                    format!("mysql://{user}:{PW}@{host}:1/{db}"),
                    vec![],
                ),
                (
                    "bad port (password in URL)".into(),
                    format!("mysql://{user}:{PW}@{host}:99999/{db}"),
                    vec![],
                ),
                (
                    "ssl-mode=REQUIRED (password in URL)".into(),
                    format!("mysql://{user}:{PW}@{host}:3306/{db}?ssl-mode=REQUIRED"),
                    vec![],
                ),
                (
                    "mariadb:// scheme, unknown user".into(),
                    format!("mariadb://{db}_nobody:{PW}@{host}:3306/{db}"),
                    vec![],
                ),
                (
                    "wrong password (MYSQL_PWD)".into(),
                    no_pw.clone(),
                    vec![("MYSQL_PWD", WRONG_PW.to_string())],
                ),
            ],
            admin: Some(url.clone()),
        };
        let url2 = url.clone();
        exercise(Engine::Mysql, target, extra, move |mut st| async move {
            st.push("ANALYZE TABLE customers, support_tickets, newsletter_leads".into());
            common::mysql_exec(&url2, &refs(&st)).await;
        })
        .await;
    })
    .await;
}

/// The search itself: planted raw values are found in any formatting, masked forms are not.
#[test]
fn the_search_finds_planted_values_and_not_masked_ones() {
    let d = data();
    let n = needles(&d, &[]);
    let c = &d.customers[0];
    let card_digits = digits(&c.card);
    let masked = format!(
        "{{\"examples\": [\"w•••@q•••.net\", \"•••• •••• •••• {}\", \"+•• •• •••• ••{}\", \"••••-••-••\", \"W•••\"]}}",
        &card_digits[12..],
        &digits(&c.phone)[10..]
    );
    let outputs = vec![("masked".to_string(), masked)];
    let hits = search(&outputs, &n);
    assert!(
        hits.is_empty(),
        "false alarms: {:?}",
        hits.iter().map(|h| &h.context).collect::<Vec<_>>()
    );
    let planted = format!(
        "x {} y {} z ({}) {}",
        card_digits.replace("", "-").trim_matches('-'),
        digits(&c.phone),
        c.email.to_uppercase(),
        c.password
    );
    let hits = search(&[("planted".to_string(), planted)], &n);
    for kind in [
        "card digits",
        "phone digits",
        "email",
        "email local part",
        "plain-text password",
        "first name",
    ] {
        assert!(hits.iter().any(|h| h.kind == kind), "{kind} not found");
    }
}
