//! The data every part shares: catalog objects as read from a database, and the records of the
//! JSON report contract (docs/contract.md): databases, columns, access, posture, skipped, findings.
//!
//! Not for: behaviour. These are plain records; the scanner fills them, writers print them.

use serde::{Deserialize, Serialize};

use crate::target::EngineKind;

/// What kind of values a column holds, reduced from the engine's type name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TypeClass {
    /// Character data.
    Text,
    /// Whole numbers.
    Integer,
    /// Exact or floating-point numbers with a fraction.
    Decimal,
    /// true / false.
    Boolean,
    /// A calendar date.
    Date,
    /// A date with a time.
    Timestamp,
    /// A time of day or an interval.
    Time,
    /// JSON documents.
    Json,
    /// Raw bytes: never sampled.
    Binary,
    /// UUIDs.
    Uuid,
    /// Network addresses (PostgreSQL inet/cidr/macaddr).
    Network,
    /// Points and shapes.
    Geometry,
    /// Arrays, enums, ranges and anything else read as text.
    Other,
}

impl TypeClass {
    /// The snake_case name used in rule files.
    pub fn name(self) -> &'static str {
        match self {
            TypeClass::Text => "text",
            TypeClass::Integer => "integer",
            TypeClass::Decimal => "decimal",
            TypeClass::Boolean => "boolean",
            TypeClass::Date => "date",
            TypeClass::Timestamp => "timestamp",
            TypeClass::Time => "time",
            TypeClass::Json => "json",
            TypeClass::Binary => "binary",
            TypeClass::Uuid => "uuid",
            TypeClass::Network => "network",
            TypeClass::Geometry => "geometry",
            TypeClass::Other => "other",
        }
    }

    /// Classify an engine type name (`character varying(20)`, `tinyint(1)`, `NVARCHAR`, ...).
    pub fn from_type_name(engine: EngineKind, type_name: &str) -> TypeClass {
        let t = type_name.trim().to_ascii_lowercase();
        if t.ends_with("[]") {
            return TypeClass::Other;
        }
        let base = t.split('(').next().unwrap_or("").trim();
        if engine == EngineKind::Mysql && (t == "tinyint(1)" || t.starts_with("tinyint(1) ")) {
            return TypeClass::Boolean;
        }
        match base {
            "bool" | "boolean" => return TypeClass::Boolean,
            "json" | "jsonb" => return TypeClass::Json,
            "bytea" | "blob" | "tinyblob" | "mediumblob" | "longblob" | "binary" | "varbinary"
            | "bit" | "bit varying" | "varbit" => return TypeClass::Binary,
            "uuid" | "uniqueidentifier" => return TypeClass::Uuid,
            "inet" | "cidr" | "macaddr" | "macaddr8" => return TypeClass::Network,
            "date" => return TypeClass::Date,
            "year" => return TypeClass::Integer,
            "point" | "line" | "lseg" | "box" | "path" | "polygon" | "circle" | "geometry"
            | "geography" | "linestring" | "multipoint" | "multilinestring" | "multipolygon"
            | "geometrycollection" => return TypeClass::Geometry,
            _ => {}
        }
        if base.starts_with("timestamp") || base == "datetime" || base == "smalldatetime" {
            return TypeClass::Timestamp;
        }
        if base.starts_with("time") || base == "interval" {
            return TypeClass::Time;
        }
        if base.contains("int") || base == "serial" || base == "bigserial" || base == "smallserial"
        {
            return TypeClass::Integer;
        }
        if [
            "numeric",
            "decimal",
            "real",
            "float",
            "double",
            "double precision",
            "float4",
            "float8",
            "money",
            "dec",
            "fixed",
            "number",
        ]
        .contains(&base)
            || base.starts_with("float")
            || base.starts_with("double")
        {
            return TypeClass::Decimal;
        }
        if base.contains("char")
            || base.contains("text")
            || base.contains("clob")
            || base == "string"
            || base == "name"
            || base == "citext"
            || base == "enum"
            || base == "set"
            || base == "xml"
        {
            return TypeClass::Text;
        }
        if engine == EngineKind::Sqlite {
            // SQLite's affinity rules: an empty declared type (or BLOB) holds anything.
            if base.is_empty() {
                return TypeClass::Other;
            }
            if base.contains("blob") {
                return TypeClass::Binary;
            }
            if base.contains("real") || base.contains("floa") || base.contains("doub") {
                return TypeClass::Decimal;
            }
        }
        TypeClass::Other
    }
}

/// A column as read from the catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CatalogColumn {
    /// Column name, exactly as stored.
    pub name: String,
    /// The engine's type name.
    pub data_type: String,
    /// The type reduced to a class.
    pub class: TypeClass,
}

/// Whether a relation is a table or a materialized view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// An ordinary (or partition) table.
    Table,
    /// A PostgreSQL materialized view.
    MaterializedView,
}

/// A table as read from the catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CatalogTable {
    /// Schema (PostgreSQL schema, MySQL database, SQLite `main`).
    pub schema: String,
    /// Table name, exactly as stored.
    pub name: String,
    /// Table or materialized view.
    pub kind: TableKind,
    /// The engine's own row estimate, if it has one (never a `count(*)`).
    pub estimated_rows: Option<u64>,
    /// Columns in ordinal order.
    pub columns: Vec<CatalogColumn>,
    /// A single-column integer key usable for random key-range sampling.
    pub integer_key: Option<String>,
    /// Indexes of columns the scanning account may not read.
    #[serde(default)]
    pub unreadable: Vec<usize>,
    /// What the catalog read could not take in, with the reason: a column (`Some(name)`) or,
    /// with `None`, the whole table (its name cannot be decoded, its catalog rows failed). Each
    /// becomes a `skipped` entry; the rest of the database is scanned.
    #[serde(default)]
    pub left_out: Vec<(Option<String>, String)>,
}

/// The sampling limits a scan ran with, as recorded in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Limits {
    /// Rows sampled per table at most.
    pub sample_rows: u64,
    /// Per-statement timeout in seconds.
    pub statement_timeout_secs: u64,
    /// Connections per database at most.
    pub max_connections: u32,
    /// Bytes of a value kept for matching.
    pub max_value_bytes: u64,
    /// How the rows were sampled (e.g. `TABLESAMPLE SYSTEM_ROWS`).
    pub sampling: String,
}

/// One scanned database (`databases` in the JSON report).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DatabaseReport {
    /// Short id used by the other records.
    pub id: String,
    /// The URL with its password removed.
    pub url: String,
    /// Engine.
    pub engine: EngineKind,
    /// Server version string, as the server reports it.
    pub server_version: Option<String>,
    /// The account the scan ran as.
    pub scanned_as: Option<String>,
    /// Limits in force.
    pub limits: Limits,
    /// Tables read from the catalog.
    #[serde(default)]
    pub tables: u64,
    /// Columns read from the catalog.
    #[serde(default)]
    pub columns: u64,
    /// Set when the database could not be scanned (one line, redacted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Sensitivity of a category of personal data.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Sensitivity {
    /// Quasi-identifiers and low-harm data (postcode, gender, username).
    Low,
    /// Direct identifiers and contact data (name, email, phone, address).
    Medium,
    /// Data whose exposure causes direct harm (national ids, cards, bank accounts, credentials).
    High,
    /// GDPR Art. 9/10 special categories (health, religion, …).
    Special,
}

impl Sensitivity {
    /// Lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            Sensitivity::Low => "low",
            Sensitivity::Medium => "medium",
            Sensitivity::High => "high",
            Sensitivity::Special => "special",
        }
    }
}

/// A column judged to hold personal data (`columns` in the JSON report).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ColumnReport {
    /// Database id.
    pub database: String,
    /// Schema.
    pub schema: String,
    /// Table.
    pub table: String,
    /// Column.
    pub column: String,
    /// The engine's type name.
    pub data_type: String,
    /// The main category id.
    pub category: String,
    /// Every category found (free text and JSON can hold several), main one first.
    pub categories: Vec<String>,
    /// 0–1.
    pub confidence: f64,
    /// Sensitivity of the main category (the highest among `categories`).
    pub sensitivity: Sensitivity,
    /// Non-empty values sampled.
    pub rows_sampled: u64,
    /// Of those, the values the verdict rests on: all of them, unless the first values all
    /// agreed and the verdict settled before the sample's end (then the rest were not
    /// classified). 0 in reports written before it was recorded: read [`Self::decided`].
    #[serde(default)]
    pub values_decided: u64,
    /// Of the deciding values, those that matched and validated.
    pub values_matched: u64,
    /// Why: name match, value shares, contradictions considered.
    pub signals: Vec<String>,
    /// Masked examples, never raw values.
    pub examples: Vec<String>,
    /// The table's row estimate, for the inventory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_rows: Option<u64>,
    /// Rows read from the table in the sample (with NULLs and empty values).
    #[serde(default)]
    pub rows_read: u64,
    /// What kind of evidence decided: whole values, free text, JSON documents, or the name alone.
    #[serde(default)]
    pub evidence: Evidence,
    /// Sampled values that were bare unsalted digests (weak password storage).
    #[serde(default)]
    pub weak_hashes: u64,
}

impl ColumnReport {
    /// The values the verdict rests on (all sampled values in reports that predate the field).
    pub fn decided(&self) -> u64 {
        if self.values_decided == 0 {
            self.rows_sampled
        } else {
            self.values_decided
        }
    }
}

/// What kind of evidence a column's verdict rests on.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// Whole values validated (with or without a telling name).
    #[default]
    Values,
    /// Matches inside free text.
    FreeText,
    /// Matches inside JSON documents.
    Json,
    /// A telling name and no values to sample.
    NameOnly,
}

impl Evidence {
    /// Free text or JSON: personal data written into documents rather than kept in a column.
    pub fn in_documents(self) -> bool {
        matches!(self, Evidence::FreeText | Evidence::Json)
    }
}

/// Rows older than a cutoff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AgeBucket {
    /// The cutoff in days.
    pub days: u32,
    /// Rows older than that (exact through an index, else estimated from the sample).
    pub rows: Option<u64>,
    /// Whether `rows` is an estimate from the sample.
    pub estimated: bool,
}

/// How long a personal-data table keeps its rows (`retention` in the JSON report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RetentionReport {
    /// Database id.
    pub database: String,
    /// Schema.
    pub schema: String,
    /// Table.
    pub table: String,
    /// The creation or last-activity column used.
    pub column: String,
    /// The oldest value seen (date only).
    pub oldest: Option<String>,
    /// Age of the oldest row in days.
    pub oldest_age_days: Option<i64>,
    /// Rows older than each cutoff.
    pub older_than: Vec<AgeBucket>,
    /// `index` (exact, through an index on the column) or `sample` (the sampled rows only).
    pub method: String,
    /// How the dates were read: `declared timestamp`, or the form found in a text or number
    /// column (`ISO 8601 text in a text column (200 of 200 sampled values read as dates)`).
    #[serde(default)]
    pub read_as: String,
    /// The table's row estimate.
    pub estimated_rows: Option<u64>,
}

impl RetentionReport {
    /// "column created_at, ISO 8601 text in a text column (…)": the column and how its dates
    /// were read (older sessions did not record how).
    pub fn column_note(&self) -> String {
        if self.read_as.is_empty() {
            format!("column {}", self.column)
        } else {
            format!("column {}, {}", self.column, self.read_as)
        }
    }
}

/// An object left out of the scan, with the reason (`skipped` in the JSON report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Skipped {
    /// Database id.
    pub database: String,
    /// Schema, if known.
    pub schema: Option<String>,
    /// Table, if the skip is about a table or column.
    pub table: Option<String>,
    /// Column, if the skip is about one column.
    pub column: Option<String>,
    /// Why.
    pub reason: String,
}

/// Severity of a finding.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// For information.
    Info,
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
    /// Critical.
    Critical,
}

impl Severity {
    /// Lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

/// Where a finding came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FindingSource {
    /// The data scan.
    Scan,
    /// The access analysis.
    Access,
    /// The server posture checks.
    Posture,
    /// The questionnaire answers.
    Answers,
    /// Answers held against the evidence.
    Reconciliation,
}

impl FindingSource {
    /// Lower-case name, as in the JSON report.
    pub fn name(self) -> &'static str {
        match self {
            FindingSource::Scan => "scan",
            FindingSource::Access => "access",
            FindingSource::Posture => "posture",
            FindingSource::Answers => "answers",
            FindingSource::Reconciliation => "reconciliation",
        }
    }
}

/// Where a finding is, as fields; [`Place::render`] gives the text of a finding's `location`.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Place {
    /// A whole database (a posture check, the file's encryption).
    Database {
        /// The database id.
        database: String,
    },
    /// A table or view.
    Table {
        /// The database id.
        database: String,
        /// Schema (`main` on SQLite, the database name on MySQL).
        schema: String,
        /// Table or view.
        table: String,
    },
    /// A column.
    Column {
        /// The database id.
        database: String,
        /// Schema.
        schema: String,
        /// Table.
        table: String,
        /// Column.
        column: String,
    },
    /// A role or account of a database (`PUBLIC` for every account).
    Role {
        /// The database id.
        database: String,
        /// Role or account.
        role: String,
    },
    /// A setting, posture check or file of a database (`sqlite.encrypted_at_rest`).
    Setting {
        /// The database id.
        database: String,
        /// The setting or check.
        setting: String,
    },
    /// A file of a database (a SQLite file and its path).
    File {
        /// The database id.
        database: String,
        /// The file's path.
        path: String,
    },
    /// An audit question.
    Question {
        /// The question's full id (`security.mfa_staff`).
        question: String,
    },
    /// A rated risk scenario.
    Scenario {
        /// The scenario id.
        scenario: String,
    },
    /// An answer held against the scan as a whole, for one category or for all.
    Comparison {
        /// The question's full id.
        question: String,
        /// The category, when the comparison is about one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        category: Option<String>,
    },
    /// A place an older privaudit recorded only as text (a finding from an old session or
    /// report): the text is kept as it was.
    Legacy {
        /// The database id, when the old finding had one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        database: Option<String>,
        /// The old location text.
        text: String,
    },
}

impl Default for Place {
    fn default() -> Self {
        Place::Legacy {
            database: None,
            text: String::new(),
        }
    }
}

impl Place {
    /// A column of a database.
    pub fn column(database: &str, schema: &str, table: &str, column: &str) -> Place {
        Place::Column {
            database: database.into(),
            schema: schema.into(),
            table: table.into(),
            column: column.into(),
        }
    }

    /// A table of a database.
    pub fn table(database: &str, schema: &str, table: &str) -> Place {
        Place::Table {
            database: database.into(),
            schema: schema.into(),
            table: table.into(),
        }
    }

    /// A whole database.
    pub fn database(database: &str) -> Place {
        Place::Database {
            database: database.into(),
        }
    }

    /// A role or account of a database.
    pub fn role(database: &str, role: &str) -> Place {
        Place::Role {
            database: database.into(),
            role: role.into(),
        }
    }

    /// A setting or check of a database.
    pub fn setting(database: &str, setting: &str) -> Place {
        Place::Setting {
            database: database.into(),
            setting: setting.into(),
        }
    }

    /// The database the place is in, if any.
    pub fn database_id(&self) -> Option<&str> {
        match self {
            Place::Database { database }
            | Place::Table { database, .. }
            | Place::Column { database, .. }
            | Place::Role { database, .. }
            | Place::Setting { database, .. }
            | Place::File { database, .. } => Some(database),
            Place::Legacy { database, .. } => database.as_deref(),
            Place::Question { .. } | Place::Scenario { .. } | Place::Comparison { .. } => None,
        }
    }

    /// The same place in database `id` (a database renamed by a rescan). A legacy place keeps
    /// its text: it was never split into fields.
    pub fn in_database(&mut self, id: &str) {
        match self {
            Place::Database { database }
            | Place::Table { database, .. }
            | Place::Column { database, .. }
            | Place::Role { database, .. }
            | Place::Setting { database, .. }
            | Place::File { database, .. } => *database = id.to_string(),
            Place::Legacy { database, .. } => *database = Some(id.to_string()),
            Place::Question { .. } | Place::Scenario { .. } | Place::Comparison { .. } => {}
        }
    }

    /// The table the place is in or is, as `(schema, table)`.
    pub fn table_name(&self) -> Option<(&str, &str)> {
        match self {
            Place::Table { schema, table, .. } | Place::Column { schema, table, .. } => {
                Some((schema, table))
            }
            _ => None,
        }
    }

    /// The text of a finding's `location`. These shapes are part of every finding's stable id:
    /// changing one changes the ids of all findings at such places.
    pub fn render(&self) -> String {
        match self {
            Place::Database { database } => database.clone(),
            Place::Table {
                database,
                schema,
                table,
            } => format!("{database}.{schema}.{table}"),
            Place::Column {
                database,
                schema,
                table,
                column,
            } => format!("{database}.{schema}.{table}.{column}"),
            Place::Role { database, role } => format!("{database}: {role}"),
            Place::Setting { database, setting } => format!("{database}: {setting}"),
            Place::File { database, path } => format!("{database}:{path}"),
            Place::Question { question } => format!("answers: {question}"),
            Place::Scenario { scenario } => format!("risk matrix: {scenario}"),
            Place::Comparison {
                question,
                category: Some(c),
            } => format!("{question} vs scan: {c}"),
            Place::Comparison {
                question,
                category: None,
            } => format!("{question} vs scan"),
            Place::Legacy { text, .. } => text.clone(),
        }
    }
}

/// A finding (`findings` in the JSON report).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Finding {
    /// Stable id: the same problem gets the same id in the next audit.
    pub id: String,
    /// Severity.
    pub severity: Severity,
    /// A title a manager understands.
    pub title: String,
    /// Where it came from.
    pub source: FindingSource,
    /// The check that raised it (an entry of the findings catalog, `docs/findings.md`, with a
    /// suffix for checks raised once per category, question or scenario).
    #[serde(default)]
    pub check: String,
    /// Where it is, as text (rendered from `place`; the id is computed from it).
    pub location: String,
    /// Where it is, as fields.
    #[serde(default)]
    pub place: Place,
    /// What shows it: counts, roles, tables — never raw values.
    pub evidence: Vec<String>,
    /// What to do.
    pub recommendation: String,
    /// CIS / GDPR / PCI DSS references.
    pub references: Vec<String>,
    /// The database id the finding is about, when it is about one (answers-only findings are
    /// about none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database: Option<String>,
    /// Other views of the same problem at the same place, merged into this finding (a scan's
    /// plain-text passwords and the answer that said they were hashed are one problem). Their
    /// evidence is in `evidence`; the severity is the strongest of all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<View>,
}

/// A view of a problem merged into another finding (`also` of a finding).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct View {
    /// The id it would have on its own (so a baseline that has it still matches).
    pub id: String,
    /// Its check.
    pub check: String,
    /// Where it came from.
    pub source: FindingSource,
    /// Its own severity.
    pub severity: Severity,
    /// Its own title.
    pub title: String,
}

impl Finding {
    /// Whether the answers contradict the databases in this finding (it is, or has, a
    /// reconciliation view).
    pub fn contradicts_answers(&self) -> bool {
        self.source == FindingSource::Reconciliation
            || self
                .also
                .iter()
                .any(|v| v.source == FindingSource::Reconciliation)
    }

    /// Every id this finding stands for: its own and its merged views'.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.id.as_str()).chain(self.also.iter().map(|v| v.id.as_str()))
    }
}

/// Whether an access record is certain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccessState {
    /// The catalog shows it.
    Confirmed,
    /// The scanning account could not see enough to be sure (the note says why).
    Indeterminate,
}

impl AccessState {
    /// Lower-case name, as in the JSON report.
    pub fn name(self) -> &'static str {
        match self {
            AccessState::Confirmed => "confirmed",
            AccessState::Indeterminate => "indeterminate",
        }
    }
}

/// One (table or column, role) that can read personal data (`access` in the JSON report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AccessRecord {
    /// Database id.
    pub database: String,
    /// Schema.
    pub schema: String,
    /// Table.
    pub table: String,
    /// Column, or `None` for the whole table.
    pub column: Option<String>,
    /// The login role or account (`user@host` on MySQL; `*` for "everyone", indeterminate rows).
    pub role: String,
    /// The privilege (`SELECT`, `file read`).
    pub privilege: String,
    /// The path: owner, direct grant, inherited from role X, PUBLIC, superuser,
    /// pg_read_all_data, can SET ROLE to X, global/database/table/column grant, role R, …
    pub via: String,
    /// Confirmed or indeterminate.
    pub state: AccessState,
    /// Anything else worth knowing (row-level security, why indeterminate).
    pub note: Option<String>,
}

/// Result of a posture check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PostureState {
    /// The check passed.
    Pass,
    /// The check failed (a finding says what to do).
    Fail,
    /// The scanning account could not evaluate it.
    Indeterminate,
}

impl PostureState {
    /// Lower-case name, as in the JSON report.
    pub fn name(self) -> &'static str {
        match self {
            PostureState::Pass => "pass",
            PostureState::Fail => "fail",
            PostureState::Indeterminate => "indeterminate",
        }
    }
}

/// One security posture check (`posture` in the JSON report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PostureCheck {
    /// Database id.
    pub database: String,
    /// Stable check id (`pg.ssl`, `mysql.anonymous_accounts`, `sqlite.file_mode`).
    pub check: String,
    /// pass / fail / indeterminate.
    pub state: PostureState,
    /// What was seen (never a password or hash value).
    pub evidence: String,
}

/// The posture checks about encryption in transit, by their stable ids: what a "we use TLS"
/// answer is held against.
pub const TRANSPORT_CHECKS: &[&str] = &[
    "pg.ssl",
    "pg.hba_host_without_ssl",
    "mysql.secure_transport",
];

impl PostureCheck {
    /// Whether the check is about encryption in transit ([`TRANSPORT_CHECKS`]).
    pub fn about_transport(&self) -> bool {
        TRANSPORT_CHECKS.contains(&self.check.as_str())
    }
}

/// Version of this tool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ToolInfo {
    /// `privaudit`.
    pub name: String,
    /// Crate version.
    pub version: String,
}

impl Default for ToolInfo {
    fn default() -> Self {
        ToolInfo {
            name: "privaudit".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        }
    }
}

/// The whole report of a scan (the JSON report contract).
// `Default` is the empty report (no databases scanned yet).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScanReport {
    /// Tool name and version.
    pub tool: ToolInfo,
    /// RFC 3339.
    pub started_at: String,
    /// RFC 3339.
    pub finished_at: String,
    /// Scanned databases.
    pub databases: Vec<DatabaseReport>,
    /// Personal-data columns.
    pub columns: Vec<ColumnReport>,
    /// Who can read personal data, and by which path.
    pub access: Vec<AccessRecord>,
    /// Security posture checks behind the access.
    pub posture: Vec<PostureCheck>,
    /// What was left out and why.
    pub skipped: Vec<Skipped>,
    /// How long personal-data tables keep rows.
    #[serde(default)]
    pub retention: Vec<RetentionReport>,
    /// Findings.
    pub findings: Vec<Finding>,
    /// What the scan could not establish, one line each, prefixed with the database id (the
    /// scanning account cannot read a catalog, a personal-data table vanished, …).
    #[serde(default)]
    pub warnings: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_map_to_classes() {
        use EngineKind::*;
        assert_eq!(
            TypeClass::from_type_name(Postgres, "character varying(120)"),
            TypeClass::Text
        );
        assert_eq!(
            TypeClass::from_type_name(Postgres, "timestamp with time zone"),
            TypeClass::Timestamp
        );
        assert_eq!(
            TypeClass::from_type_name(Postgres, "bytea"),
            TypeClass::Binary
        );
        assert_eq!(
            TypeClass::from_type_name(Postgres, "jsonb"),
            TypeClass::Json
        );
        assert_eq!(
            TypeClass::from_type_name(Postgres, "text[]"),
            TypeClass::Other
        );
        assert_eq!(
            TypeClass::from_type_name(Postgres, "double precision"),
            TypeClass::Decimal
        );
        assert_eq!(
            TypeClass::from_type_name(Mysql, "tinyint(1)"),
            TypeClass::Boolean
        );
        assert_eq!(
            TypeClass::from_type_name(Mysql, "tinyint(4)"),
            TypeClass::Integer
        );
        assert_eq!(
            TypeClass::from_type_name(Mysql, "longblob"),
            TypeClass::Binary
        );
        assert_eq!(
            TypeClass::from_type_name(Mysql, "datetime"),
            TypeClass::Timestamp
        );
        assert_eq!(
            TypeClass::from_type_name(Sqlite, "BOOLEAN"),
            TypeClass::Boolean
        );
        assert_eq!(TypeClass::from_type_name(Sqlite, ""), TypeClass::Other);
        assert_eq!(
            TypeClass::from_type_name(Sqlite, "VARCHAR(20)"),
            TypeClass::Text
        );
        assert_eq!(TypeClass::from_type_name(Sqlite, "BLOB"), TypeClass::Binary);
        assert_eq!(
            TypeClass::from_type_name(Sqlite, "DECIMAL(10,2)"),
            TypeClass::Decimal
        );
    }
}
