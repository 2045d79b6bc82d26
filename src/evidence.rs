//! The scan evidence that fits one question: which facts a question wants is declared in the
//! questionnaire (`evidence = ["readers"]`), and this module picks them from the scan, orders
//! them by relevance (what contradicts the answer first) and says why there is none when there
//! is none. Both faces show it: the TUI next to the question, and anything else that asks.
//!
//! Names (databases, tables, columns, roles) are returned as the catalog gives them; escaping
//! them for a terminal or a document is the renderer's job. No value read from a table is ever
//! part of the evidence: only names, counts, ages and check results.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value as Json;

use crate::answers::Answers;
use crate::model::{
    AccessRecord, AccessState, ColumnReport, DatabaseReport, Evidence as Basis, PostureCheck,
    PostureState, RetentionReport, ScanReport,
};
use crate::questionnaire::{EvidenceKind, Loaded};
use crate::rules::SPECIAL_CATEGORIES;
use crate::target::EngineKind;

/// What the scan has to say at the moment of asking: the finished report, or the columns found
/// so far while it runs.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    /// Databases scanned (empty while the first one is still being read).
    pub databases: &'a [DatabaseReport],
    /// Personal-data columns.
    pub columns: &'a [ColumnReport],
    /// Who can read them.
    pub access: &'a [AccessRecord],
    /// Posture checks.
    pub posture: &'a [PostureCheck],
    /// Ages of the oldest rows.
    pub retention: &'a [RetentionReport],
    /// Whether the scan has finished (otherwise "none" means "none yet").
    pub complete: bool,
}

impl<'a> Facts<'a> {
    /// The facts of a finished scan.
    pub fn of(scan: &'a ScanReport) -> Facts<'a> {
        Facts {
            databases: &scan.databases,
            columns: &scan.columns,
            access: &scan.access,
            posture: &scan.posture,
            retention: &scan.retention,
            complete: true,
        }
    }

    /// The columns found so far by a scan that is still running.
    pub fn running(columns: &'a [ColumnReport]) -> Facts<'a> {
        Facts {
            databases: &[],
            columns,
            access: &[],
            posture: &[],
            retention: &[],
            complete: false,
        }
    }

    /// No scan at all.
    pub fn none() -> Facts<'static> {
        Facts {
            databases: &[],
            columns: &[],
            access: &[],
            posture: &[],
            retention: &[],
            complete: false,
        }
    }

    fn only_sqlite(&self) -> bool {
        let mut scanned = self
            .databases
            .iter()
            .filter(|d| d.error.is_none())
            .peekable();
        scanned.peek().is_some() && scanned.all(|d| d.engine == EngineKind::Sqlite)
    }

    fn scanned(&self) -> usize {
        self.databases.iter().filter(|d| d.error.is_none()).count()
    }
}

/// How a line of evidence stands to the answer given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    /// The evidence disagrees with the answer (or with the list the answer gives).
    Contradicts,
    /// Worth a look whatever the answer (a failed check, a column past the limit).
    Attention,
    /// Context.
    Plain,
    /// The evidence agrees with the answer.
    Agrees,
}

/// One line of evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// How it stands to the answer.
    pub mark: Mark,
    /// The words (names as the catalog gives them: escape before display).
    pub text: String,
    /// Lines under it (the columns of a category, the tables of a role).
    pub detail: Vec<String>,
}

impl Line {
    fn new(mark: Mark, text: impl Into<String>) -> Line {
        Line {
            mark,
            text: text.into(),
            detail: Vec::new(),
        }
    }

    fn with_detail(mut self, detail: Vec<String>) -> Line {
        self.detail = detail;
        self
    }
}

/// The evidence for one question.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuestionEvidence {
    /// A short heading ("Readers found", "Transport encryption").
    pub title: String,
    /// The lines, most relevant first.
    pub lines: Vec<Line>,
    /// Why there is nothing to show, when there is nothing.
    pub none: Option<String>,
    /// Values the answer may be taken from (the reader roles found, for `access.readers`).
    pub picks: Vec<String>,
}

/// Columns listed under a heading before "… N more".
const SHOWN: usize = 3;

fn col_name(c: &ColumnReport) -> String {
    format!("{}.{}.{}", c.database, c.table, c.column)
}

fn listed(items: Vec<String>, shown: usize) -> Vec<String> {
    let n = items.len();
    let mut out: Vec<String> = items.into_iter().take(shown).collect();
    if n > shown {
        out.push(format!("… {} more", n - shown));
    }
    out
}

fn answer_list(answers: &Answers, id: &str) -> Option<Vec<String>> {
    answers.get(id).and_then(Json::as_array).map(|a| {
        a.iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    })
}

fn answer_str<'a>(answers: &'a Answers, id: &str) -> Option<&'a str> {
    answers.get(id).and_then(Json::as_str)
}

/// A category's label without the examples in brackets ("Health data", not "Health data
/// (sick-leave reasons, …)"): evidence panes are narrow.
fn label(q: &Loaded, category: &str) -> String {
    let full = q
        .get("data.categories")
        .and_then(|r| r.question.options.iter().find(|o| o.value == category))
        .map_or_else(|| category.replace('_', " "), |o| o.label.clone());
    match full.split_once(" (") {
        Some((short, _)) if !short.is_empty() && full.ends_with(')') => short.to_string(),
        _ => full,
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The evidence a question declares, from the facts at hand.
pub fn for_question(q: &Loaded, id: &str, answers: &Answers, facts: &Facts) -> QuestionEvidence {
    let kinds: &[EvidenceKind] = q.get(id).map_or(&[][..], |r| &r.question.evidence);
    if kinds.is_empty() {
        return QuestionEvidence {
            title: "Evidence".into(),
            none: Some(
                "This question is about practice outside the databases (contracts, procedures, \
                 people): the scan cannot show it, so the answer stands on its own."
                    .into(),
            ),
            ..Default::default()
        };
    }
    let mut out = QuestionEvidence {
        title: kinds[0].title().into(),
        ..Default::default()
    };
    let mut reasons = Vec::new();
    for kind in kinds {
        let (lines, picks, why) = gather(*kind, q, answers, facts);
        out.lines.extend(lines);
        out.picks.extend(picks);
        reasons.extend(why);
    }
    // Across kinds too: what disagrees with the answers first (the sort is stable, so each
    // kind's own order holds within a mark).
    out.lines.sort_by_key(|l| l.mark);
    out.picks.dedup();
    if out.lines.is_empty() {
        out.none = Some(if facts.databases.is_empty() && !facts.complete {
            if facts.columns.is_empty() {
                "No scan yet: start one from the start screen (or wait for the running one).".into()
            } else {
                "Nothing yet: the scan is still running.".into()
            }
        } else if facts.scanned() == 0 {
            "No database could be scanned: see the start screen for why.".into()
        } else {
            reasons.join(" ")
        });
    }
    out
}

type Gathered = (Vec<Line>, Vec<String>, Option<String>);

fn gather(kind: EvidenceKind, q: &Loaded, answers: &Answers, f: &Facts) -> Gathered {
    match kind {
        EvidenceKind::Categories => categories(q, answers, f),
        EvidenceKind::SpecialCategories => special_categories(q, answers, f),
        EvidenceKind::Tables => tables(f),
        EvidenceKind::Systems => systems(answers, f),
        EvidenceKind::Copies => copies(f),
        EvidenceKind::Readers => readers(answers, f),
        EvidenceKind::Accounts => posture_topic(f, kind, answers),
        EvidenceKind::Exposure => posture_topic(f, kind, answers),
        EvidenceKind::Transport => posture_topic(f, kind, answers),
        EvidenceKind::AtRest => at_rest(answers, f),
        EvidenceKind::Passwords => passwords(answers, f),
        EvidenceKind::FreeText => free_text(q, answers, f),
        EvidenceKind::OptionalFields => optional_fields(q, f),
        EvidenceKind::Contact => contact(q, f),
        EvidenceKind::Retention => retention(answers, f),
        EvidenceKind::Versions => versions(f),
    }
}

fn by_category(columns: &[ColumnReport]) -> BTreeMap<&str, Vec<String>> {
    let mut by: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for c in columns {
        for cat in &c.categories {
            by.entry(cat.as_str()).or_default().push(col_name(c));
        }
    }
    by
}

/// One category found: its short label, how many columns, an optional note, the first columns.
fn category_line(q: &Loaded, cat: &str, cols: &[String], mark: Mark, note: &str) -> Line {
    Line::new(
        mark,
        format!(
            "{} ({}){note}",
            label(q, cat),
            plural(cols.len(), "column", "columns")
        ),
    )
    .with_detail(listed(cols.to_vec(), SHOWN))
}

fn categories(q: &Loaded, answers: &Answers, f: &Facts) -> Gathered {
    let ticked = answer_list(answers, "data.categories");
    let by = by_category(f.columns);
    let mut lines = Vec::new();
    for (cat, cols) in &by {
        let (mark, note) = match &ticked {
            Some(t) if !t.iter().any(|x| x == cat) => (Mark::Contradicts, " — not ticked"),
            Some(_) => (Mark::Agrees, ""),
            None => (Mark::Plain, ""),
        };
        lines.push(category_line(q, cat, cols, mark, note));
    }
    if f.complete {
        for cat in ticked.iter().flatten() {
            if !by.contains_key(cat.as_str()) {
                lines.push(Line::new(
                    Mark::Attention,
                    format!(
                        "{} — ticked, not found in the scanned databases",
                        label(q, cat)
                    ),
                ));
            }
        }
    }
    lines.sort_by_key(|l| l.mark);
    let why = format!(
        "The scan found no personal-data column in {}.",
        plural(f.scanned(), "database", "databases")
    );
    (lines, Vec::new(), Some(why))
}

fn special_categories(q: &Loaded, answers: &Answers, f: &Facts) -> Gathered {
    let ticked = answer_list(answers, "data.categories").unwrap_or_default();
    let by = by_category(f.columns);
    let mut lines = Vec::new();
    for (cat, cols) in by.iter().filter(|(c, _)| SPECIAL_CATEGORIES.contains(c)) {
        let mark = if ticked.iter().any(|t| t == cat) {
            Mark::Attention
        } else {
            Mark::Contradicts
        };
        let note = if mark == Mark::Contradicts {
            " — not ticked under data.categories"
        } else {
            ""
        };
        lines.push(category_line(q, cat, cols, mark, note));
    }
    lines.sort_by_key(|l| l.mark);
    let why = format!(
        "No special-category data (health, religion, trade union, …) was found in {}.",
        plural(f.scanned(), "database", "databases")
    );
    (lines, Vec::new(), Some(why))
}

/// Personal-data tables per database, with what they hold.
fn tables(f: &Facts) -> Gathered {
    let mut by: BTreeMap<(&str, &str), BTreeSet<&str>> = BTreeMap::new();
    for c in f.columns {
        by.entry((c.database.as_str(), c.table.as_str()))
            .or_default()
            .extend(c.categories.iter().map(String::as_str));
    }
    let mut per_db: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for ((db, table), cats) in &by {
        per_db.entry(db).or_default().push(format!(
            "{table}: {}",
            cats.iter().copied().collect::<Vec<_>>().join(", ")
        ));
    }
    let lines = per_db
        .into_iter()
        .map(|(db, t)| {
            let n = t.len();
            Line::new(
                Mark::Plain,
                format!("{db}: {}", plural(n, "table", "tables")),
            )
            .with_detail(listed(t, 8))
        })
        .collect();
    let why = format!(
        "No table with personal data was found in {}.",
        plural(f.scanned(), "database", "databases")
    );
    (lines, Vec::new(), Some(why))
}

/// Databases scanned, and the systems the answer names that were not.
fn systems(answers: &Answers, f: &Facts) -> Gathered {
    let mut lines = Vec::new();
    let mut picks = Vec::new();
    for d in f.databases {
        let pd = f
            .columns
            .iter()
            .filter(|c| c.database == d.id)
            .map(|c| c.table.as_str())
            .collect::<BTreeSet<_>>()
            .len();
        let engine = match d.engine {
            EngineKind::Postgres => "PostgreSQL",
            EngineKind::Mysql => "MySQL/MariaDB",
            EngineKind::Sqlite => "SQLite",
        };
        match &d.error {
            Some(e) => lines.push(Line::new(
                Mark::Attention,
                format!("{} ({engine}): not scanned — {e}", d.id),
            )),
            None => {
                lines.push(Line::new(
                    Mark::Plain,
                    format!(
                        "{} ({engine}): scanned, {} with personal data",
                        d.id,
                        plural(pd, "table", "tables")
                    ),
                ));
                picks.push(d.id.clone());
            }
        }
    }
    for entry in named_not_scanned(answers, f.databases) {
        lines.push(Line::new(
            Mark::Attention,
            format!("{entry}: named in the answer, not scanned — check it by hand"),
        ));
    }
    lines.sort_by_key(|l| l.mark);
    (
        lines,
        picks,
        Some("No database was scanned and no system is named yet.".into()),
    )
}

/// The entries of `data.systems` that name none of the databases scanned (by id, as a word):
/// systems the team listed that privaudit did not look at.
pub fn named_not_scanned(answers: &Answers, databases: &[DatabaseReport]) -> Vec<String> {
    let ids: Vec<String> = databases
        .iter()
        .filter(|d| d.error.is_none())
        .map(|d| d.id.to_lowercase())
        .collect();
    answer_list(answers, "data.systems")
        .unwrap_or_default()
        .into_iter()
        .filter(|entry| {
            let lower = entry.to_lowercase();
            let words: Vec<&str> = lower
                .split(|c: char| !c.is_alphanumeric() && c != '_' && c != '-')
                .collect();
            !ids.iter().any(|id| words.contains(&id.as_str()))
        })
        .collect()
}

/// Words in a table name that say it is a copy of other data.
const COPY_WORDS: &[&str] = &[
    "backup",
    "bak",
    "copy",
    "old",
    "export",
    "exports",
    "tmp",
    "temp",
    "archive",
    "archived",
    "dump",
    "snapshot",
    "legacy",
    "import",
    "staging",
    "migration",
];

fn copies(f: &Facts) -> Gathered {
    let mut by: BTreeMap<(&str, &str), BTreeSet<&str>> = BTreeMap::new();
    for c in f.columns {
        let words: Vec<String> = c
            .table
            .to_lowercase()
            .split(|ch: char| !ch.is_alphanumeric())
            .map(str::to_string)
            .collect();
        let dated = c.table.chars().filter(char::is_ascii_digit).count() >= 4;
        if dated || words.iter().any(|w| COPY_WORDS.contains(&w.as_str())) {
            by.entry((c.database.as_str(), c.table.as_str()))
                .or_default()
                .extend(c.categories.iter().map(String::as_str));
        }
    }
    let lines = by
        .into_iter()
        .map(|((db, t), cats)| {
            Line::new(
                Mark::Attention,
                format!(
                    "{db}.{t} looks like a copy and holds {}",
                    cats.into_iter().collect::<Vec<_>>().join(", ")
                ),
            )
        })
        .collect();
    (
        lines,
        Vec::new(),
        Some(
            "No personal-data table is named like a copy (backup, old, export, archive, a date); \
             copies outside the databases (files, spreadsheets, SaaS exports) are not scanned."
                .into(),
        ),
    )
}

/// Distinct reader roles with how they read, those not on the answered list first.
fn readers(answers: &Answers, f: &Facts) -> Gathered {
    let listed_roles = answer_list(answers, "access.readers");
    #[derive(Default)]
    struct Reach<'a> {
        tables: BTreeSet<(&'a str, &'a str)>,
        via: BTreeSet<&'a str>,
        indeterminate: usize,
    }
    let mut by: BTreeMap<(&str, &str), Reach> = BTreeMap::new();
    for a in f.access {
        let r = by
            .entry((a.database.as_str(), a.role.as_str()))
            .or_default();
        r.tables.insert((a.schema.as_str(), a.table.as_str()));
        if a.state == AccessState::Indeterminate {
            r.indeterminate += 1;
        } else {
            r.via.insert(a.via.as_str());
        }
    }
    let mut lines = Vec::new();
    let mut picks = BTreeSet::new();
    for ((db, role), reach) in &by {
        if *role != "*" {
            picks.insert(role.to_string());
        }
        let (mark, note) = match &listed_roles {
            _ if *role == "*" => (Mark::Attention, ""),
            Some(l) if !crate::audit::role_listed(role, l) => {
                (Mark::Contradicts, " — not on your list")
            }
            Some(_) => (Mark::Agrees, ""),
            None => (Mark::Plain, ""),
        };
        let who = if *role == "*" {
            "(not determinable)".to_string()
        } else {
            role.to_string()
        };
        let how = if reach.via.is_empty() {
            "the scanning account could not see enough to be sure".to_string()
        } else {
            let mut v: Vec<&str> = reach.via.iter().copied().take(2).collect();
            let more = reach.via.len().saturating_sub(2);
            let more = (more > 0).then(|| format!("{more} more paths"));
            v.extend(more.as_deref());
            v.join("; ")
        };
        lines.push(Line::new(
            mark,
            format!(
                "{who} on {db}: {} ({how}){note}",
                plural(reach.tables.len(), "table", "tables")
            ),
        ));
    }
    lines.sort_by_key(|l| l.mark);
    let why = if f.only_sqlite() {
        "SQLite has no database roles: whoever can read the file reads every table (file \
         permissions apply; see the exposure checks)."
            .to_string()
    } else if f.columns.is_empty() {
        "No personal-data table was found, so there is nobody to list as its reader.".into()
    } else {
        "No access records: the access analysis was off (--no-access) or saw no reader.".into()
    };
    (lines, picks.into_iter().collect(), Some(why))
}

/// Which posture checks speak to which kind of evidence.
fn topic(check: &str) -> Option<EvidenceKind> {
    Some(match check {
        "pg.ssl" | "pg.hba_host_without_ssl" | "mysql.secure_transport" => EvidenceKind::Transport,
        "sqlite.encrypted_at_rest" => EvidenceKind::AtRest,
        "pg.hba_trust"
        | "pg.pd_readable_by_public"
        | "pg.public_schema_create"
        | "pg.default_acl_broad"
        | "mysql.public_personal_data"
        | "mysql.wildcard_host_personal_data"
        | "mysql.wildcard_hosts"
        | "sqlite.group_readable"
        | "sqlite.world_readable" => EvidenceKind::Exposure,
        "pg.superuser_login_roles"
        | "pg.createrole_login_roles"
        | "pg.bypassrls_login_roles"
        | "pg.replication_login_roles"
        | "pg.login_roles_without_expiry"
        | "pg.read_all_data_members"
        | "pg.hba_password"
        | "pg.password_encryption"
        | "pg.scanning_account"
        | "pg.owner_rights_views"
        | "mysql.accounts_without_password"
        | "mysql.anonymous_accounts"
        | "mysql.global_privileges"
        | "mysql.native_password"
        | "mysql.password_lifetime"
        | "mysql.mandatory_roles"
        | "mysql.activate_all_roles_on_login"
        | "mysql.role_activation" => EvidenceKind::Accounts,
        _ => return None,
    })
}

fn posture_line(p: &PostureCheck, contradicts: bool) -> Line {
    let (mark, state) = match p.state {
        PostureState::Fail if contradicts => (Mark::Contradicts, "FAIL"),
        PostureState::Fail => (Mark::Attention, "FAIL"),
        PostureState::Indeterminate => (Mark::Plain, "?"),
        PostureState::Pass => (Mark::Agrees, "PASS"),
    };
    Line::new(
        mark,
        format!("{state} {}: {} — {}", p.database, p.check, p.evidence),
    )
}

fn posture_topic(f: &Facts, kind: EvidenceKind, answers: &Answers) -> Gathered {
    // A "yes" to the question the checks test turns their failures into contradictions.
    let declared = match kind {
        EvidenceKind::Transport => answer_str(answers, "security.tls_in_transit") == Some("yes"),
        EvidenceKind::Exposure => answer_str(answers, "security.firewall") == Some("yes"),
        _ => false,
    };
    let mut lines: Vec<Line> = f
        .posture
        .iter()
        .filter(|p| topic(&p.check) == Some(kind))
        .map(|p| posture_line(p, declared))
        .collect();
    lines.sort_by_key(|l| l.mark);
    let why = match kind {
        EvidenceKind::Transport if f.only_sqlite() => {
            "SQLite files are opened locally: there is no network connection to encrypt. Answer for \
             the other systems (and how the file is copied around)."
        }
        EvidenceKind::Transport => "No transport check could be run on the scanned servers.",
        EvidenceKind::Accounts if f.only_sqlite() => {
            "SQLite has no accounts: file permissions apply (see the exposure checks)."
        }
        EvidenceKind::Accounts => "No account check could be run on the scanned servers.",
        _ => "No exposure check could be run on the scanned databases.",
    };
    (lines, Vec::new(), Some(why.into()))
}

fn at_rest(answers: &Answers, f: &Facts) -> Gathered {
    let declared = answer_str(answers, "security.encryption_at_rest") == Some("yes");
    let mut lines: Vec<Line> = f
        .posture
        .iter()
        .filter(|p| topic(&p.check) == Some(EvidenceKind::AtRest))
        .map(|p| posture_line(p, declared))
        .collect();
    let servers: Vec<&str> = f
        .databases
        .iter()
        .filter(|d| d.error.is_none() && d.engine != EngineKind::Sqlite)
        .map(|d| d.id.as_str())
        .collect();
    if !servers.is_empty() && !lines.is_empty() {
        lines.push(Line::new(
            Mark::Plain,
            format!(
                "{}: disk encryption cannot be seen over SQL; check the volume settings",
                servers.join(", ")
            ),
        ));
    }
    lines.sort_by_key(|l| l.mark);
    (
        lines,
        Vec::new(),
        Some(
            "Encryption at rest of a database server's files cannot be seen over SQL: check the \
             disk, volume or cloud settings of each server."
                .into(),
        ),
    )
}

fn passwords(answers: &Answers, f: &Facts) -> Gathered {
    let hashed = answer_str(answers, "security.password_storage") == Some("hashed");
    let mut lines = Vec::new();
    for c in f.columns.iter().filter(|c| c.category == "password") {
        lines.push(Line::new(
            if hashed {
                Mark::Contradicts
            } else {
                Mark::Attention
            },
            format!(
                "{}: plain-text passwords ({}/{} sampled values are not hashes)",
                col_name(c),
                c.values_matched,
                c.decided()
            ),
        ));
    }
    for c in f.columns.iter().filter(|c| c.category == "password_hash") {
        if c.weak_hashes > 0 {
            lines.push(Line::new(
                Mark::Attention,
                format!(
                    "{}: hashes, {} of them unsalted fast digests (MD5/SHA)",
                    col_name(c),
                    c.weak_hashes
                ),
            ));
        } else {
            lines.push(Line::new(
                Mark::Agrees,
                format!("{}: password hashes", col_name(c)),
            ));
        }
    }
    for p in f
        .posture
        .iter()
        .filter(|p| p.check == "pg.password_encryption" || p.check == "mysql.native_password")
    {
        lines.push(posture_line(p, false));
    }
    lines.sort_by_key(|l| l.mark);
    (
        lines,
        Vec::new(),
        Some(format!(
            "No column in {} holds passwords or password hashes (an application that keeps \
             them elsewhere, or in an identity provider, is not visible here).",
            plural(f.scanned(), "database", "databases")
        )),
    )
}

fn free_text(q: &Loaded, answers: &Answers, f: &Facts) -> Gathered {
    let clean = answer_str(answers, "minimisation.free_text") == Some("no");
    let mut lines = Vec::new();
    for c in f.columns.iter().filter(|c| c.evidence.in_documents()) {
        let what = c
            .categories
            .iter()
            .map(|k| label(q, k))
            .collect::<Vec<_>>()
            .join(", ");
        let kind = if c.evidence == Basis::Json {
            "JSON"
        } else {
            "free text"
        };
        lines.push(Line::new(
            if clean {
                Mark::Contradicts
            } else {
                Mark::Attention
            },
            format!("{} ({kind}) holds {what}", col_name(c)),
        ));
    }
    (
        lines,
        Vec::new(),
        Some(
            "No free-text or JSON column with personal data inside was found (comments, notes and \
             ticket bodies are read when they are sampled)."
                .into(),
        ),
    )
}

/// Categories a shop rarely needs to deliver an order.
const OPTIONAL: &[&str] = &["date_of_birth", "gender", "national_id", "passport_number"];

fn optional_fields(q: &Loaded, f: &Facts) -> Gathered {
    let by = by_category(f.columns);
    let lines = OPTIONAL
        .iter()
        .filter_map(|cat| {
            by.get(cat)
                .map(|cols| category_line(q, cat, cols, Mark::Attention, ""))
        })
        .collect();
    (
        lines,
        Vec::new(),
        Some("No date of birth, gender or identity-document column was found.".into()),
    )
}

fn contact(q: &Loaded, f: &Facts) -> Gathered {
    let by = by_category(f.columns);
    let lines = ["email", "phone", "postal_address"]
        .iter()
        .filter_map(|cat| {
            by.get(cat).map(|cols| {
                category_line(q, cat, cols, Mark::Plain, ": people who can be contacted")
            })
        })
        .collect();
    (
        lines,
        Vec::new(),
        Some(
            "No e-mail address, phone number or postal address was found: nobody in the scanned \
             databases can be sent marketing."
                .into(),
        ),
    )
}

fn retention(answers: &Answers, f: &Facts) -> Gathered {
    let limit = answers
        .get("retention.max_age_days")
        .and_then(Json::as_f64)
        .map(|d| d.round() as i64);
    let mut rows: Vec<&RetentionReport> = f.retention.iter().collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.oldest_age_days.unwrap_or(i64::MIN)));
    let lines = rows
        .into_iter()
        .map(|r| {
            let age = r.oldest_age_days;
            let past = match (limit, age) {
                (Some(l), Some(a)) => a > l,
                _ => false,
            };
            let counted = limit.and_then(|l| {
                r.older_than
                    .iter()
                    .find(|b| i64::from(b.days) == l)
                    .and_then(|b| b.rows.map(|n| (n, b.estimated)))
            });
            let mut text = format!(
                "{}.{}: oldest row {} ({}; {})",
                r.database,
                r.table,
                r.oldest.as_deref().unwrap_or("?"),
                age.map_or("age unknown".into(), |d| plural(d as usize, "day", "days")),
                r.column_note()
            );
            if let (Some(l), true) = (limit, past) {
                text.push_str(&match counted {
                    Some((n, est)) => format!(
                        " — {}{n} rows past your {l}-day limit",
                        if est { "about " } else { "" }
                    ),
                    None => format!(" — past your {l}-day limit"),
                });
            }
            Line::new(
                if past {
                    Mark::Contradicts
                } else if limit.is_some() {
                    Mark::Agrees
                } else {
                    Mark::Plain
                },
                text,
            )
        })
        .collect();
    (
        lines,
        Vec::new(),
        Some(
            "No date or time column in the personal-data tables to measure the age of rows by \
             (dates kept as text are read when they parse)."
                .into(),
        ),
    )
}

fn versions(f: &Facts) -> Gathered {
    let lines = f
        .databases
        .iter()
        .filter(|d| d.error.is_none())
        .map(|d| {
            Line::new(
                Mark::Plain,
                format!(
                    "{}: {}",
                    d.id,
                    d.server_version.as_deref().unwrap_or("version unknown")
                ),
            )
        })
        .collect();
    (
        lines,
        Vec::new(),
        Some("No server version was read.".into()),
    )
}

#[cfg(test)]
mod tests;
