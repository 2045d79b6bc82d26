//! Deterministic schema and data generator for the benchmarks in `bench/run.sh`.
//!
//! ```text
//! cargo run --release --example gen_schema -- wide  DIALECT TABLES ROWS   > wide.sql
//! cargo run --release --example gen_schema -- deep  DIALECT SMALL_ROWS COPIES > deep.sql
//! ```
//!
//! DIALECT is `postgres`, `mysql` or `sqlite`. `wide` writes TABLES tables of 20 columns with
//! ROWS rows each: a mix of the columns customer databases hold (e-mail, names, phones,
//! addresses, birth dates, timestamps, money, ids, hashes, UUIDs, versions, free text, JSON,
//! IPs, flags), some under telling names and some under names that say nothing (`c07`), so
//! both the name rules and the value validators are exercised. `deep` writes a table `small`
//! of SMALL_ROWS rows and a table `deep` with the same columns holding COPIES copies of it,
//! built by the server (`INSERT … SELECT`), so a 10-million-row table costs no 10 million lines
//! of SQL. The same arguments always give the same bytes.

use std::fmt::Write as _;
use std::io::Write as _;

#[derive(Clone, Copy, PartialEq)]
enum Dialect {
    Postgres,
    Mysql,
    Sqlite,
}

#[derive(Clone, Copy)]
enum Kind {
    Email,
    FullName,
    FirstName,
    LastName,
    Phone,
    Street,
    City,
    Postcode,
    BirthDate,
    CreatedAt,
    Amount,
    Status,
    Sku,
    Version,
    Uuid,
    Sha256,
    Notes,
    Profile,
    Ip,
    Flag,
    Quantity,
    Country,
}

const KINDS: [(Kind, &str); 22] = [
    (Kind::Email, "email"),
    (Kind::FullName, "full_name"),
    (Kind::FirstName, "first_name"),
    (Kind::LastName, "last_name"),
    (Kind::Phone, "phone"),
    (Kind::Street, "street"),
    (Kind::City, "city"),
    (Kind::Postcode, "postcode"),
    (Kind::BirthDate, "birth_date"),
    (Kind::CreatedAt, "created_at"),
    (Kind::Amount, "amount"),
    (Kind::Status, "status"),
    (Kind::Sku, "sku"),
    (Kind::Version, "app_version"),
    (Kind::Uuid, "external_ref"),
    (Kind::Sha256, "checksum"),
    (Kind::Notes, "notes"),
    (Kind::Profile, "profile"),
    (Kind::Ip, "last_ip"),
    (Kind::Flag, "active"),
    (Kind::Quantity, "quantity"),
    (Kind::Country, "country"),
];

const FIRST: [&str; 24] = [
    "Emma", "Liam", "Olivia", "Noah", "Ava", "Lucas", "Mia", "Mateo", "Sofia", "Leon", "Chloé",
    "Jonas", "Zoë", "Hugo", "Ingrid", "Søren", "Aisha", "Omar", "Priya", "Kenji", "Marta", "Pedro",
    "Elena", "Björn",
];
const LAST: [&str; 24] = [
    "Smith",
    "Müller",
    "García",
    "Rossi",
    "Dubois",
    "Jansen",
    "Kowalski",
    "Nowak",
    "Silva",
    "Novak",
    "Johansson",
    "Nielsen",
    "O'Brien",
    "Murphy",
    "Schmidt",
    "Fischer",
    "Martin",
    "Bernard",
    "Lopez",
    "Romero",
    "Costa",
    "Horvat",
    "Papadopoulos",
    "Yılmaz",
];
const STREETS: [&str; 8] = [
    "Main Street",
    "Station Road",
    "Hauptstraße",
    "Rue de la Paix",
    "Calle Mayor",
    "Via Roma",
    "Kerkstraat",
    "Elm Avenue",
];
const CITIES: [&str; 8] = [
    "Springfield",
    "Berlin",
    "Lyon",
    "Madrid",
    "Rotterdam",
    "Kraków",
    "Porto",
    "Göteborg",
];
const STATUSES: [&str; 4] = ["new", "paid", "shipped", "cancelled"];
const COUNTRIES: [&str; 6] = ["DE", "FR", "NL", "ES", "US", "GB"];
const NOTES: [&str; 6] = [
    "Customer asked for a refund",
    "Delivered to the neighbour",
    "Please call me back",
    "Box was damaged on arrival",
    "Repeat order, same as last month",
    "Invoice sent",
];

/// splitmix64: the same stream on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

fn sql_type(kind: Kind, d: Dialect) -> &'static str {
    use Dialect::*;
    match (kind, d) {
        (Kind::BirthDate, _) => "DATE",
        (Kind::CreatedAt, Postgres) => "TIMESTAMP",
        (Kind::CreatedAt, Mysql) => "DATETIME",
        (Kind::CreatedAt, Sqlite) => "TIMESTAMP",
        (Kind::Amount, _) => "NUMERIC(10,2)",
        (Kind::Quantity, _) => "INTEGER",
        (Kind::Flag, Postgres) => "BOOLEAN",
        (Kind::Flag, _) => "BOOLEAN",
        (Kind::Profile, Postgres) => "JSONB",
        (Kind::Profile, Mysql) => "JSON",
        (Kind::Notes, Mysql) => "TEXT",
        (_, Mysql) => "VARCHAR(255)",
        _ => "TEXT",
    }
}

fn value(kind: Kind, r: &mut Rng, row: u64, d: Dialect) -> String {
    let first = r.pick(&FIRST);
    let last = r.pick(&LAST);
    match kind {
        Kind::Email => format!(
            "{}.{}{}@{}",
            ascii(first),
            ascii(last),
            r.below(1000),
            r.pick(&["example.com", "mail.example.org", "example.net"])
        ),
        Kind::FullName => format!("{first} {last}"),
        Kind::FirstName => first.to_string(),
        Kind::LastName => last.to_string(),
        Kind::Phone => match r.below(3) {
            0 => format!("+49 30 {:08}", r.below(100_000_000)),
            1 => format!(
                "+33 6 {:02} {:02} {:02} {:02}",
                r.below(100),
                r.below(100),
                r.below(100),
                r.below(100)
            ),
            _ => format!("(212) 555-{:04}", r.below(10_000)),
        },
        Kind::Street => format!("{} {}", r.pick(&STREETS), 1 + r.below(200)),
        Kind::City => r.pick(&CITIES).to_string(),
        Kind::Postcode => format!("{:05}", 10_000 + r.below(89_999)),
        Kind::BirthDate => format!(
            "{}-{:02}-{:02}",
            1940 + r.below(65),
            1 + r.below(12),
            1 + r.below(28)
        ),
        Kind::CreatedAt => format!(
            "{}-{:02}-{:02} {:02}:{:02}:{:02}",
            2015 + r.below(11),
            1 + r.below(12),
            1 + r.below(28),
            r.below(24),
            r.below(60),
            r.below(60)
        ),
        Kind::Amount => format!("{}.{:02}", r.below(5000), r.below(100)),
        Kind::Status => r.pick(&STATUSES).to_string(),
        Kind::Sku => format!("SKU-{:06}", r.below(1_000_000)),
        Kind::Version => format!("{}.{}.{}", r.below(5), r.below(20), r.below(100)),
        Kind::Uuid => format!(
            "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
            r.next() as u32,
            r.below(0x10000),
            r.below(0x1000),
            r.below(0x1000),
            r.next() & 0xFFFF_FFFF_FFFF
        ),
        Kind::Sha256 => format!(
            "{:016x}{:016x}{:016x}{:016x}",
            r.next(),
            r.next(),
            r.next(),
            r.next()
        ),
        Kind::Notes => {
            let n = r.pick(&NOTES);
            if row.is_multiple_of(7) {
                format!("{n}: {}.{}@example.com", ascii(first), ascii(last))
            } else {
                n.to_string()
            }
        }
        Kind::Profile => format!(
            r#"{{"name": "{first} {last}", "newsletter": {}, "tier": "{}"}}"#,
            r.below(2) == 1,
            r.pick(&["gold", "silver", "basic"])
        ),
        Kind::Ip => format!("10.{}.{}.{}", r.below(256), r.below(256), 1 + r.below(254)),
        Kind::Flag => match d {
            Dialect::Postgres => if r.below(2) == 1 { "true" } else { "false" }.into(),
            _ => r.below(2).to_string(),
        },
        Kind::Quantity => (1 + r.below(20)).to_string(),
        Kind::Country => r.pick(&COUNTRIES).to_string(),
    }
}

fn ascii(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            'é' => Some('e'),
            'ë' => Some('e'),
            'ü' => Some('u'),
            'ø' => Some('o'),
            'ö' => Some('o'),
            'ı' => Some('i'),
            '\'' => None,
            c if c.is_ascii_alphabetic() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

fn literal(kind: Kind, v: &str, d: Dialect) -> String {
    match kind {
        Kind::Amount | Kind::Quantity => v.to_string(),
        Kind::Flag if d == Dialect::Postgres => v.to_string(),
        Kind::Flag => v.to_string(),
        _ => {
            let escaped = v.replace('\'', "''");
            if d == Dialect::Mysql {
                format!("'{}'", escaped.replace('\\', "\\\\"))
            } else {
                format!("'{escaped}'")
            }
        }
    }
}

fn ident(name: &str, d: Dialect) -> String {
    match d {
        Dialect::Mysql => format!("`{name}`"),
        _ => format!("\"{name}\""),
    }
}

/// The 20 columns of table `t`: an id, then 19 kinds taken in a rotation that differs per
/// table; every third column of a table goes by a name that says nothing.
fn columns(t: u64) -> Vec<(Kind, String)> {
    let mut out = Vec::new();
    for k in 0..19u64 {
        let (kind, name) = KINDS[((t * 5 + k * 7) % KINDS.len() as u64) as usize];
        if out.iter().any(|(_, n): &(Kind, String)| n == name) {
            continue;
        }
        let name = if (t + k).is_multiple_of(3) {
            format!("c{k:02}")
        } else {
            name.to_string()
        };
        out.push((kind, name));
    }
    let mut extra = 0;
    while out.len() < 19 {
        out.push((Kind::Quantity, format!("n{extra:02}")));
        extra += 1;
    }
    out
}

const TABLE_NAMES: [&str; 10] = [
    "customers",
    "orders",
    "invoices",
    "contacts",
    "shipments",
    "tickets",
    "accounts",
    "leads",
    "subscriptions",
    "events",
];

fn create(name: &str, cols: &[(Kind, String)], d: Dialect, out: &mut String) {
    let _ = write!(
        out,
        "CREATE TABLE {} (id INTEGER PRIMARY KEY",
        ident(name, d)
    );
    for (kind, col) in cols {
        let _ = write!(out, ", {} {}", ident(col, d), sql_type(*kind, d));
    }
    out.push_str(");\n");
}

fn insert_rows(
    name: &str,
    cols: &[(Kind, String)],
    rows: u64,
    seed: u64,
    d: Dialect,
    w: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let mut r = Rng::new(seed);
    let batch = 200;
    let mut row = 0;
    while row < rows {
        let mut s = format!("INSERT INTO {} VALUES ", ident(name, d));
        for i in 0..batch.min(rows - row) {
            if i > 0 {
                s.push(',');
            }
            let _ = write!(s, "({}", row + 1);
            for (kind, _) in cols {
                // One in twenty values is missing, as in real tables.
                if r.below(20) == 0 {
                    s.push_str(", NULL");
                } else {
                    let v = value(*kind, &mut r, row, d);
                    let _ = write!(s, ", {}", literal(*kind, &v, d));
                }
            }
            s.push(')');
            row += 1;
        }
        s.push_str(";\n");
        w.write_all(s.as_bytes())?;
    }
    Ok(())
}

fn wide(d: Dialect, tables: u64, rows: u64, w: &mut impl std::io::Write) -> std::io::Result<()> {
    w.write_all(b"BEGIN;\n")?;
    for t in 0..tables {
        let name = format!("{}_{t:04}", TABLE_NAMES[(t % 10) as usize]);
        let cols = columns(t);
        let mut s = String::new();
        create(&name, &cols, d, &mut s);
        w.write_all(s.as_bytes())?;
        insert_rows(&name, &cols, rows, t, d, w)?;
    }
    w.write_all(b"COMMIT;\n")?;
    Ok(())
}

fn deep(d: Dialect, small: u64, copies: u64, w: &mut impl std::io::Write) -> std::io::Result<()> {
    let cols = columns(0);
    let mut s = String::from("BEGIN;\n");
    create("small", &cols, d, &mut s);
    create("deep", &cols, d, &mut s);
    w.write_all(s.as_bytes())?;
    insert_rows("small", &cols, small, 0, d, w)?;
    let list: Vec<String> = cols.iter().map(|(_, c)| ident(c, d)).collect();
    let list = list.join(", ");
    let copies_from = match d {
        Dialect::Postgres => format!("generate_series(0, {}) AS k(x)", copies - 1),
        Dialect::Mysql => format!("seq_0_to_{} AS k", copies - 1),
        Dialect::Sqlite => format!(
            "(WITH RECURSIVE c(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM c WHERE x < {}) SELECT x FROM c) AS k",
            copies - 1
        ),
    };
    let x = if d == Dialect::Mysql { "k.seq" } else { "k.x" };
    let sql = format!(
        "INSERT INTO deep SELECT {x} * {small} + s.id, {list} FROM small AS s, {copies_from};\nCOMMIT;\n"
    );
    w.write_all(sql.as_bytes())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen_schema wide|deep postgres|mysql|sqlite N M";
    if args.len() != 4 {
        eprintln!("{usage}");
        std::process::exit(2);
    }
    let d = match args[1].as_str() {
        "postgres" => Dialect::Postgres,
        "mysql" => Dialect::Mysql,
        "sqlite" => Dialect::Sqlite,
        other => {
            eprintln!("unknown dialect {other:?}; {usage}");
            std::process::exit(2);
        }
    };
    let (Ok(n), Ok(m)) = (args[2].parse::<u64>(), args[3].parse::<u64>()) else {
        eprintln!("N and M must be whole numbers; {usage}");
        std::process::exit(2);
    };
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let r = match args[0].as_str() {
        "wide" => wide(d, n, m, &mut w),
        "deep" if n > 0 && m > 0 => deep(d, n, m, &mut w),
        _ => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    };
    if let Err(e) = r.and_then(|_| w.flush()) {
        eprintln!("gen_schema: {e}");
        std::process::exit(1);
    }
}
