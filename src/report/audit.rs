//! Audit reports: `report.md` (for managers and auditors; reads as plain text and renders on
//! GitHub/GitLab), `report.json` (the contract plus answers), and the CSV files.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use comfy_table::{ContentArrangement, Table, presets};

use super::{
    md_cell, write_access_csv, write_finding_body, write_findings_csv, write_inventory_csv,
    write_json_value,
};
use crate::answers;
use crate::audit::{AuditReport, Diff, rating};
use crate::model::Severity;
use crate::questionnaire::Loaded;

const SEVERITIES: [Severity; 5] = [
    Severity::Critical,
    Severity::High,
    Severity::Medium,
    Severity::Low,
    Severity::Info,
];

/// Files an audit writes.
pub const FILES: [&str; 5] = [
    "report.md",
    "report.json",
    "findings.csv",
    "inventory.csv",
    "access.csv",
];

/// Write every report file into `dir` (created if missing), each atomically. Returns the paths.
pub fn write_dir(dir: &Path, r: &AuditReport, q: &Loaded) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    let mut put = |name: &str, f: &dyn Fn(&mut Vec<u8>) -> io::Result<()>| -> io::Result<()> {
        let mut buf = Vec::new();
        f(&mut buf)?;
        let path = dir.join(name);
        crate::fsutil::write_atomic(&path, &buf)?;
        written.push(path);
        Ok(())
    };
    put("report.md", &|w| write_markdown(w, r, q))?;
    put("report.json", &|w| write_json_value(w, r))?;
    put("findings.csv", &|w| write_findings_csv(w, &r.scan.findings))?;
    put("inventory.csv", &|w| {
        write_inventory_csv(w, &r.scan.columns)
    })?;
    put("access.csv", &|w| write_access_csv(w, &r.scan.access))?;
    Ok(written)
}

/// Counts by severity.
pub fn counts(r: &AuditReport) -> BTreeMap<Severity, usize> {
    let mut m = BTreeMap::new();
    for f in &r.scan.findings {
        *m.entry(f.severity).or_insert(0) += 1;
    }
    m
}

/// The short summary printed after an audit.
pub fn write_summary(w: &mut dyn Write, r: &AuditReport) -> io::Result<()> {
    let c = counts(r);
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    t.set_header(vec!["severity", "findings", "top finding"]);
    for s in SEVERITIES {
        let top = r
            .scan
            .findings
            .iter()
            .find(|f| f.severity == s)
            .map(|f| f.title.clone())
            .unwrap_or_default();
        t.add_row(vec![
            s.name().to_uppercase(),
            c.get(&s).copied().unwrap_or(0).to_string(),
            top,
        ]);
    }
    writeln!(w, "{t}")?;
    writeln!(
        w,
        "Overall: {}. {} personal-data columns in {} database(s); {} answers.",
        rating(&r.scan.findings),
        r.scan.columns.len(),
        r.scan
            .databases
            .iter()
            .filter(|d| d.error.is_none())
            .count(),
        r.answers.len()
    )
}

/// `report.md`.
pub fn write_markdown(w: &mut dyn Write, r: &AuditReport, q: &Loaded) -> io::Result<()> {
    let s = &r.scan;
    writeln!(w, "# Privacy audit report\n")?;
    writeln!(w, "## Scope\n")?;
    if let (Some(a), Some(b)) = (&r.audit.started_at, &r.audit.finished_at) {
        writeln!(w, "- **Audit:** {} to {}", md_cell(a), md_cell(b))?;
    }
    writeln!(
        w,
        "- **Databases read:** {} to {}{}",
        md_cell(&s.started_at),
        md_cell(&s.finished_at),
        span(&s.started_at, &s.finished_at)
            .map(|d| format!(" ({d})"))
            .unwrap_or_default()
    )?;
    writeln!(
        w,
        "- **How:** {} audit, questionnaire {} version {}",
        r.audit.mode,
        md_cell(&r.audit.questionnaire_id),
        md_cell(&r.audit.questionnaire_version)
    )?;
    writeln!(w, "- **Tool:** {} {}", s.tool.name, s.tool.version)?;
    writeln!(w, "- **Databases:**")?;
    for d in &s.databases {
        let status = match &d.error {
            Some(e) => format!("not scanned: {}", md_cell(e)),
            None => format!("{} tables, {} columns read", d.tables, d.columns),
        };
        writeln!(
            w,
            "  - **{}** — {} ({}, {}) — {status}",
            md_cell(&d.id),
            md_cell(&d.url),
            d.engine,
            md_cell(d.server_version.as_deref().unwrap_or("?"))
        )?;
    }
    writeln!(w)?;

    writeln!(w, "## Executive summary\n")?;
    writeln!(w, "**Overall rating: {}**\n", rating(&s.findings))?;
    let c = counts(r);
    writeln!(w, "| severity | findings |")?;
    writeln!(w, "|---|---:|")?;
    for sev in SEVERITIES {
        writeln!(
            w,
            "| {} | {} |",
            sev.name(),
            c.get(&sev).copied().unwrap_or(0)
        )?;
    }
    writeln!(w)?;
    let top: Vec<_> = s
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::High)
        .take(5)
        .collect();
    if !top.is_empty() {
        writeln!(w, "Top risks:\n")?;
        for (i, f) in top.iter().enumerate() {
            let mark = if f.contradicts_answers() {
                " *(answers contradict the databases)*"
            } else {
                ""
            };
            writeln!(
                w,
                "{}. **{}** — {}{mark}",
                i + 1,
                f.severity.name().to_uppercase(),
                md_cell(&f.title)
            )?;
        }
        writeln!(w)?;
    }
    let tables: BTreeSet<_> = s
        .columns
        .iter()
        .map(|c| (&c.database, &c.schema, &c.table))
        .collect();
    let readers = s
        .access
        .iter()
        .map(|a| (&a.database, &a.role))
        .collect::<BTreeSet<_>>()
        .len();
    let servers = s
        .databases
        .iter()
        .filter(|d| d.error.is_none() && d.engine != crate::target::EngineKind::Sqlite)
        .count();
    let files = s
        .databases
        .iter()
        .any(|d| d.error.is_none() && d.engine == crate::target::EngineKind::Sqlite);
    // SQLite has no roles: "0 roles can read it" would read like good news.
    let who = match (servers, files) {
        (0, _) => {
            "SQLite databases have no database roles (file permissions apply: see the findings)"
                .to_string()
        }
        (_, false) => format!("{readers} roles or accounts can read it"),
        (_, true) => format!(
            "{readers} roles or accounts of the database servers can read it (SQLite databases have no roles: file permissions apply)"
        ),
    };
    writeln!(
        w,
        "{} columns in {} tables hold personal data; {who}.\n",
        s.columns.len(),
        tables.len(),
    )?;

    writeln!(w, "## Personal-data inventory\n")?;
    if s.columns.is_empty() {
        writeln!(w, "No personal data found.\n")?;
    }
    for (db, schema, table) in &tables {
        let cols: Vec<_> = s
            .columns
            .iter()
            .filter(|c| &&c.database == db && &&c.schema == schema && &&c.table == table)
            .collect();
        let rows = cols
            .first()
            .and_then(|c| c.estimated_rows)
            .map(|n| format!(", about {n} rows"))
            .unwrap_or_default();
        writeln!(
            w,
            "### {}.{}.{}{rows}\n",
            md_cell(db),
            md_cell(schema),
            md_cell(table)
        )?;
        writeln!(
            w,
            "| column | categories | confidence | sensitivity | examples |"
        )?;
        writeln!(w, "|---|---|---:|---|---|")?;
        for c in cols {
            writeln!(
                w,
                "| {} | {} | {:.2} | {} | {} |",
                md_cell(&c.column),
                md_cell(&c.categories.join(", ")),
                c.confidence,
                c.sensitivity.name(),
                md_cell(&c.examples.join(", "))
            )?;
        }
        writeln!(w)?;
    }

    writeln!(w, "## Access matrix\n")?;
    if s.access.is_empty() {
        writeln!(
            w,
            "No access records: in-memory or file databases have no database roles; servers list every reader here.\n"
        )?;
    } else {
        let g = crate::access::grid(&s.access);
        writeln!(
            w,
            "| role | {} |",
            g.tables
                .iter()
                .map(|t| md_cell(t))
                .collect::<Vec<_>>()
                .join(" | ")
        )?;
        writeln!(w, "|---|{}", "---|".repeat(g.tables.len()))?;
        for row in &g.rows {
            let cells: Vec<String> = row
                .cells
                .iter()
                .map(|c| match c {
                    None => String::new(),
                    Some(c) => {
                        let paths: Vec<String> = c
                            .paths
                            .iter()
                            .map(|(p, unsure)| format!("{p}{}", if *unsure { " (?)" } else { "" }))
                            .collect();
                        md_cell(&paths.join("; "))
                    }
                })
                .collect();
            writeln!(
                w,
                "| {} ({}) | {} |",
                md_cell(&row.role),
                md_cell(&row.database),
                cells.join(" | ")
            )?;
        }
        writeln!(
            w,
            "\n(?) = indeterminate: the scanning account could not see enough to be sure.\n"
        )?;
    }

    writeln!(w, "## Findings\n")?;
    if s.findings.is_empty() {
        writeln!(w, "No findings.\n")?;
    }
    for sev in SEVERITIES {
        let list: Vec<_> = s.findings.iter().filter(|f| f.severity == sev).collect();
        if list.is_empty() {
            continue;
        }
        writeln!(w, "### {} ({})\n", sev.name().to_uppercase(), list.len())?;
        for f in list {
            let mark = if f.contradicts_answers() {
                " [answers contradict the databases]"
            } else {
                ""
            };
            writeln!(w, "#### {}{mark}\n", md_cell(&f.title))?;
            writeln!(
                w,
                "- **Id:** `{}` · **Source:** {} · **Where:** {}",
                f.id,
                f.source.name(),
                md_cell(&f.location)
            )?;
            write_finding_body(w, f)?;
        }
    }

    writeln!(w, "## Risk matrix\n")?;
    if r.risk_matrix.is_empty() {
        writeln!(w, "No scenarios were rated.\n")?;
    } else {
        writeln!(
            w,
            "Likelihood (rows) × severity (columns), 1 = low to 4 = high.\n"
        )?;
        writeln!(w, "| likelihood \\ severity | 1 | 2 | 3 | 4 |")?;
        writeln!(w, "|---|---|---|---|---|")?;
        for l in (1..=4u8).rev() {
            let cells: Vec<String> = (1..=4u8)
                .map(|sv| {
                    r.risk_matrix
                        .iter()
                        .filter(|e| e.likelihood == l && e.severity == sv)
                        .map(|e| e.scenario.clone())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .collect();
            writeln!(
                w,
                "| {l} | {} |",
                cells
                    .iter()
                    .map(|c| md_cell(c))
                    .collect::<Vec<_>>()
                    .join(" | ")
            )?;
        }
        writeln!(w)?;
        writeln!(
            w,
            "| scenario | likelihood | severity | score | justification |"
        )?;
        writeln!(w, "|---|---:|---:|---:|---|")?;
        let mut sorted: Vec<_> = r.risk_matrix.iter().collect();
        sorted.sort_by(|a, b| b.score.cmp(&a.score).then(a.scenario.cmp(&b.scenario)));
        for e in sorted {
            writeln!(
                w,
                "| {} | {} | {} | {} | {} |",
                md_cell(&e.title),
                e.likelihood,
                e.severity,
                e.score,
                md_cell(&e.justification)
            )?;
        }
        writeln!(w)?;
    }

    writeln!(w, "## Action plan\n")?;
    let plan = action_plan(&s.findings);
    if plan.is_empty() {
        writeln!(w, "Nothing to do.\n")?;
    } else {
        writeln!(
            w,
            "One row per problem, with every place it concerns; fill in an owner and a due date.\n"
        )?;
        writeln!(
            w,
            "| # | priority | problem | where | action | owner | due |"
        )?;
        writeln!(w, "|---:|---|---|---|---|---|---|")?;
        for (i, row) in plan.iter().enumerate() {
            let mut places = row.places.iter().take(8).cloned().collect::<Vec<_>>();
            if row.places.len() > 8 {
                places.push(format!("… and {} more", row.places.len() - 8));
            }
            writeln!(
                w,
                "| {} | {} | {} | {} | {} |  |  |",
                i + 1,
                row.severity.name(),
                md_cell(&row.title),
                md_cell(&places.join(", ")),
                md_cell(&row.action)
            )?;
        }
        writeln!(w)?;
    }

    if let Some(d) = &r.diff {
        write_diff_markdown(w, d)?;
    }

    writeln!(w, "## Answers\n")?;
    let found = answers::found_categories(&s.columns);
    for sec in &q.q.sections {
        writeln!(w, "### {}\n", md_cell(&sec.title))?;
        for qq in &sec.questions {
            let id = crate::questionnaire::full_id(sec, qq);
            let shown = answers::visible_given(q, &id, &r.answers, &found);
            let a = match r.answers.get(&id) {
                Some(a) => answers::shown(qq, a),
                None if !shown => "(not asked)".into(),
                None => "(no answer)".into(),
            };
            match r.notes.get(&id) {
                Some(n) => writeln!(
                    w,
                    "- **{}** — {} *(note: {})*",
                    md_cell(&qq.prompt),
                    md_cell(&a),
                    md_cell(n)
                )?,
                None => writeln!(w, "- **{}** — {}", md_cell(&qq.prompt), md_cell(&a))?,
            }
        }
        writeln!(w)?;
    }

    writeln!(w, "## Appendix: not scanned\n")?;
    let named = named_systems(r);
    if !named.is_empty() {
        writeln!(
            w,
            "Systems the team named (data.systems) that privaudit did not scan; check them by hand:\n"
        )?;
        for n in &named {
            writeln!(w, "- {}", md_cell(n))?;
        }
        writeln!(w)?;
    }
    if s.skipped.is_empty() && s.databases.iter().all(|d| d.error.is_none()) {
        writeln!(
            w,
            "Every table and column of the scanned databases was read."
        )?;
    } else {
        writeln!(w, "| database | object | reason |")?;
        writeln!(w, "|---|---|---|")?;
        for d in s.databases.iter().filter(|d| d.error.is_some()) {
            writeln!(
                w,
                "| {} | (whole database) | {} |",
                md_cell(&d.id),
                md_cell(d.error.as_deref().unwrap_or(""))
            )?;
        }
        for k in &s.skipped {
            let object = [k.schema.as_deref(), k.table.as_deref(), k.column.as_deref()]
                .iter()
                .flatten()
                .copied()
                .collect::<Vec<_>>()
                .join(".");
            writeln!(
                w,
                "| {} | {} | {} |",
                md_cell(&k.database),
                md_cell(&object),
                md_cell(&k.reason)
            )?;
        }
    }
    super::write_markdown_warnings(w, &s.warnings, "##")
}

/// How long from `a` to `b` (RFC 3339), in words: "under a second", "42 s", "3 min 5 s".
fn span(a: &str, b: &str) -> Option<String> {
    let a = chrono::DateTime::parse_from_rfc3339(a).ok()?;
    let b = chrono::DateTime::parse_from_rfc3339(b).ok()?;
    let secs = (b - a).num_seconds();
    Some(match secs {
        ..=0 => "under a second".into(),
        1..=119 => format!("{secs} s"),
        _ => format!("{} min {} s", secs / 60, secs % 60),
    })
}

/// One row of the action plan: a problem and every place it concerns.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRow {
    /// The most severe of its findings.
    pub severity: Severity,
    /// What is wrong.
    pub title: String,
    /// Where: tables and columns (`schema.table.column`), or the finding's location.
    pub places: Vec<String>,
    /// What to do.
    pub action: String,
    /// The findings it stands for.
    pub ids: Vec<String>,
}

/// The action plan: findings above `info`, one row per problem and action (the same
/// recommendation for twelve undeclared categories is one row), most severe first.
pub fn action_plan(findings: &[crate::model::Finding]) -> Vec<PlanRow> {
    use crate::findings::catalog;
    let mut rows: Vec<PlanRow> = Vec::new();
    let mut index: BTreeMap<(String, String), usize> = BTreeMap::new();
    for f in findings.iter().filter(|f| f.severity > Severity::Info) {
        let entry = catalog::entry(f.kind());
        let place = match &f.place {
            crate::model::Place::Table { schema, table, .. } => format!("{schema}.{table}"),
            crate::model::Place::Column {
                schema,
                table,
                column,
                ..
            } => format!("{schema}.{table}.{column}"),
            crate::model::Place::Comparison {
                category: Some(c), ..
            } => c.clone(),
            other => other.render(),
        };
        let key = (f.problem().to_string(), f.recommendation.clone());
        // Findings of one kind whose recommendations name their own table share the entry's
        // generic action.
        let generic = entry.and_then(|e| e.action.clone());
        let key = match &generic {
            Some(a) => (key.0, a.clone()),
            None => key,
        };
        match index.get(&key) {
            Some(&i) => {
                let row = &mut rows[i];
                row.severity = row.severity.max(f.severity);
                if !row.places.contains(&place) {
                    row.places.push(place);
                }
                row.ids.push(f.id.clone());
                if row.ids.len() == 2
                    && let Some(t) = entry.and_then(|e| e.plan.clone())
                {
                    row.title = t;
                }
            }
            None => {
                index.insert(key.clone(), rows.len());
                rows.push(PlanRow {
                    severity: f.severity,
                    title: f.title.clone(),
                    places: vec![place],
                    action: key.1,
                    ids: vec![f.id.clone()],
                });
            }
        }
    }
    // A row of one finding keeps its own, specific recommendation.
    for row in &mut rows {
        if row.ids.len() == 1
            && let Some(f) = findings.iter().find(|f| f.id == row.ids[0])
        {
            row.action = f.recommendation.clone();
        }
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.severity));
    rows
}

/// The systems the team listed in `data.systems` that are not one of the scanned databases (an
/// entry names a scanned database when it contains its id as a word).
pub fn named_systems(r: &AuditReport) -> Vec<String> {
    crate::evidence::named_not_scanned(&r.answers, &r.scan.databases)
}

/// The "changes since the last audit" section.
pub fn write_diff_markdown(w: &mut dyn Write, d: &Diff) -> io::Result<()> {
    writeln!(w, "## Changes since the baseline\n")?;
    let part = |w: &mut dyn Write, title: &str, items: &[String]| -> io::Result<()> {
        writeln!(w, "### {title} ({})\n", items.len())?;
        if items.is_empty() {
            writeln!(w, "None.\n")
        } else {
            for i in items {
                writeln!(w, "- {}", md_cell(i))?;
            }
            writeln!(w)
        }
    };
    part(w, "New findings", &d.new_findings)?;
    part(w, "Resolved findings", &d.resolved_findings)?;
    part(w, "Unchanged findings", &d.unchanged_findings)?;
    part(
        w,
        "Personal-data columns that appeared",
        &d.columns_appeared,
    )?;
    part(
        w,
        "Personal-data columns that disappeared",
        &d.columns_disappeared,
    )?;
    part(w, "Readers gained", &d.readers_gained)?;
    part(w, "Readers lost", &d.readers_lost)
}
