//! Report writers for a scan: JSON (the contract), CSV (the inventory), Markdown and a terminal
//! table. Each takes any `impl Write`, so tests write to a `Vec<u8>`.
//!
//! Not for: deciding what is in the report (see `scan`).

use std::io::{self, Write};

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use crate::model::{AccessRecord, ColumnReport, Finding, PostureCheck, ScanReport};

/// Output formats of `scan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A summary table for people.
    Table,
    /// The JSON report (docs/contract.md).
    Json,
    /// The inventory as CSV.
    Csv,
    /// The inventory as Markdown.
    Markdown,
}

/// Which records a CSV holds (one kind per file: CSV has no sections).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum CsvSection {
    /// Personal-data columns.
    #[default]
    Inventory,
    /// Who can read them.
    Access,
    /// Posture checks.
    Posture,
    /// Findings.
    Findings,
}

/// Write the report in a format.
pub fn write(
    w: &mut dyn Write,
    report: &ScanReport,
    format: Format,
    section: CsvSection,
    width: Option<u16>,
) -> io::Result<()> {
    match format {
        Format::Json => write_json(w, report),
        Format::Csv => match section {
            CsvSection::Inventory => write_inventory_csv(w, &report.columns),
            CsvSection::Access => write_access_csv(w, &report.access),
            CsvSection::Posture => write_posture_csv(w, &report.posture),
            CsvSection::Findings => write_findings_csv(w, &report.findings),
        },
        Format::Markdown => write_markdown(w, report),
        Format::Table => write_table(w, report, width),
    }
}

fn csv_records<S: Serialize>(w: &mut dyn Write, header: &[&str], rows: Vec<S>) -> io::Result<()> {
    let mut out = csv::WriterBuilder::new().has_headers(false).from_writer(w);
    out.write_record(header).map_err(io::Error::other)?;
    for r in rows {
        out.serialize(r).map_err(io::Error::other)?;
    }
    out.flush()
}

/// Access records as CSV.
pub fn write_access_csv(w: &mut dyn Write, access: &[AccessRecord]) -> io::Result<()> {
    let rows = access
        .iter()
        .map(|a| {
            [
                a.database.clone(),
                a.schema.clone(),
                a.table.clone(),
                a.column.clone().unwrap_or_default(),
                a.role.clone(),
                a.privilege.clone(),
                a.via.clone(),
                a.state.name().to_string(),
                a.note.clone().unwrap_or_default(),
            ]
            .map(|c| csv_safe(&c))
        })
        .collect();
    csv_records(
        w,
        &[
            "database",
            "schema",
            "table",
            "column",
            "role",
            "privilege",
            "via",
            "state",
            "note",
        ],
        rows,
    )
}

/// Posture checks as CSV.
pub fn write_posture_csv(w: &mut dyn Write, posture: &[PostureCheck]) -> io::Result<()> {
    let rows = posture
        .iter()
        .map(|p| {
            [
                p.database.clone(),
                p.check.clone(),
                p.state.name().to_string(),
                p.evidence.clone(),
            ]
            .map(|c| csv_safe(&c))
        })
        .collect();
    csv_records(w, &["database", "check", "state", "evidence"], rows)
}

/// Findings as CSV.
pub fn write_findings_csv(w: &mut dyn Write, findings: &[Finding]) -> io::Result<()> {
    let rows = findings
        .iter()
        .map(|f| {
            [
                f.id.clone(),
                f.severity.name().to_string(),
                f.title.clone(),
                f.source.name().to_string(),
                f.location.clone(),
                f.evidence.join("; "),
                f.recommendation.clone(),
                f.references.join("; "),
            ]
            .map(|c| csv_safe(&c))
        })
        .collect();
    csv_records(
        w,
        &[
            "id",
            "severity",
            "title",
            "source",
            "location",
            "evidence",
            "recommendation",
            "references",
        ],
        rows,
    )
}

pub mod audit;

/// Any serialisable report as pretty JSON.
pub fn write_json_value<T: Serialize>(w: &mut dyn Write, value: &T) -> io::Result<()> {
    w.write_all(&crate::escape::json_pretty(value).map_err(io::Error::other)?)?;
    writeln!(w)
}

/// The JSON report, pretty-printed.
pub fn write_json(w: &mut dyn Write, report: &ScanReport) -> io::Result<()> {
    write_json_value(w, report)
}

/// A CSV cell: formula guard and visible control characters (see [`crate::escape::csv`]).
pub fn csv_safe(cell: &str) -> String {
    crate::escape::csv(cell)
}

#[derive(Serialize)]
struct InventoryRow {
    database: String,
    schema: String,
    table: String,
    column: String,
    data_type: String,
    category: String,
    categories: String,
    confidence: String,
    sensitivity: String,
    rows_sampled: u64,
    values_matched: u64,
    estimated_rows: String,
    signals: String,
    examples: String,
    values_decided: u64,
}

/// The inventory (one record per personal-data column) as CSV.
pub fn write_inventory_csv(w: &mut dyn Write, columns: &[ColumnReport]) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    for c in columns {
        out.serialize(InventoryRow {
            database: csv_safe(&c.database),
            schema: csv_safe(&c.schema),
            table: csv_safe(&c.table),
            column: csv_safe(&c.column),
            data_type: csv_safe(&c.data_type),
            category: c.category.clone(),
            categories: c.categories.join(";"),
            confidence: format!("{:.2}", c.confidence),
            sensitivity: c.sensitivity.name().to_string(),
            rows_sampled: c.rows_sampled,
            values_matched: c.values_matched,
            estimated_rows: c.estimated_rows.map(|n| n.to_string()).unwrap_or_default(),
            signals: csv_safe(&c.signals.join("; ")),
            examples: csv_safe(&c.examples.join("; ")),
            values_decided: c.decided(),
        })
        .map_err(io::Error::other)?;
    }
    if columns.is_empty() {
        // A header row even when nothing was found, so scripts can rely on it.
        out.write_record([
            "database",
            "schema",
            "table",
            "column",
            "data_type",
            "category",
            "categories",
            "confidence",
            "sensitivity",
            "rows_sampled",
            "values_matched",
            "estimated_rows",
            "signals",
            "examples",
            "values_decided",
        ])
        .map_err(io::Error::other)?;
    }
    out.flush()
}

/// Escape text for Markdown (see [`crate::escape::markdown`]).
pub fn md_cell(s: &str) -> String {
    crate::escape::markdown(s)
}

/// The inventory as Markdown.
pub fn write_markdown(w: &mut dyn Write, r: &ScanReport) -> io::Result<()> {
    writeln!(w, "# Personal-data inventory\n")?;
    writeln!(
        w,
        "Scanned {} to {} by privaudit {}.\n",
        r.started_at, r.finished_at, r.tool.version
    )?;
    writeln!(w, "## Databases\n")?;
    writeln!(
        w,
        "| id | url | engine | server | scanned as | tables | personal-data columns | status |"
    )?;
    writeln!(w, "|---|---|---|---|---|---:|---:|---|")?;
    for d in &r.databases {
        let found = r.columns.iter().filter(|c| c.database == d.id).count();
        writeln!(
            w,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            md_cell(&d.id),
            md_cell(&d.url),
            d.engine,
            md_cell(d.server_version.as_deref().unwrap_or("-")),
            md_cell(d.scanned_as.as_deref().unwrap_or("-")),
            d.tables,
            found,
            md_cell(d.error.as_deref().map_or("scanned", |e| e)),
        )?;
    }
    writeln!(w)?;
    writeln!(w, "## Columns holding personal data\n")?;
    if r.columns.is_empty() {
        writeln!(w, "None found.\n")?;
    } else {
        writeln!(
            w,
            "| database | table | column | type | category | confidence | sensitivity | matched / sampled | examples |"
        )?;
        writeln!(w, "|---|---|---|---|---|---:|---|---:|---|")?;
        for c in &r.columns {
            writeln!(
                w,
                "| {} | {}.{} | {} | {} | {} | {:.2} | {} | {} / {} | {} |",
                md_cell(&c.database),
                md_cell(&c.schema),
                md_cell(&c.table),
                md_cell(&c.column),
                md_cell(&c.data_type),
                md_cell(&c.categories.join(", ")),
                c.confidence,
                c.sensitivity.name(),
                c.values_matched,
                c.decided(),
                md_cell(&c.examples.join(", ")),
            )?;
        }
        writeln!(w)?;
        writeln!(w, "### Why\n")?;
        for c in &r.columns {
            writeln!(
                w,
                "- **{}.{}.{}**: {}",
                md_cell(&c.schema),
                md_cell(&c.table),
                md_cell(&c.column),
                md_cell(&c.signals.join("; "))
            )?;
        }
        writeln!(w)?;
    }
    write_markdown_findings(w, &r.findings)?;
    write_markdown_access(w, r)?;
    write_markdown_retention(w, r)?;
    writeln!(w, "## Not scanned\n")?;
    if r.skipped.is_empty() {
        writeln!(w, "Nothing was left out.")?;
    } else {
        writeln!(w, "| database | object | reason |")?;
        writeln!(w, "|---|---|---|")?;
        for s in &r.skipped {
            let object = [s.schema.as_deref(), s.table.as_deref(), s.column.as_deref()]
                .iter()
                .flatten()
                .copied()
                .collect::<Vec<_>>()
                .join(".");
            writeln!(
                w,
                "| {} | {} | {} |",
                md_cell(&s.database),
                md_cell(&object),
                md_cell(&s.reason)
            )?;
        }
    }
    write_markdown_warnings(w, &r.warnings, "##")
}

/// What the scan could not establish (`warnings`), as a Markdown section; nothing when none.
pub fn write_markdown_warnings(
    w: &mut dyn Write,
    warnings: &[String],
    level: &str,
) -> io::Result<()> {
    if warnings.is_empty() {
        return Ok(());
    }
    writeln!(w, "\n{level} Warnings\n")?;
    for x in warnings {
        writeln!(w, "- {}", md_cell(x))?;
    }
    Ok(())
}

/// The findings section of a Markdown report.
pub fn write_markdown_findings(w: &mut dyn Write, findings: &[Finding]) -> io::Result<()> {
    writeln!(w, "## Findings\n")?;
    if findings.is_empty() {
        return writeln!(w, "No findings.\n");
    }
    writeln!(w, "| severity | finding | where | id |")?;
    writeln!(w, "|---|---|---|---|")?;
    for f in findings {
        writeln!(
            w,
            "| {} | {} | {} | {} |",
            f.severity.name().to_uppercase(),
            md_cell(&f.title),
            md_cell(&f.location),
            f.id
        )?;
    }
    writeln!(w)?;
    for f in findings {
        writeln!(
            w,
            "### {} — {}\n",
            f.severity.name().to_uppercase(),
            md_cell(&f.title)
        )?;
        writeln!(w, "- **Where:** {}", md_cell(&f.location))?;
        writeln!(w, "- **Id:** {}", f.id)?;
        write_finding_body(w, f)?;
    }
    Ok(())
}

/// A finding's evidence, recommendation and references as Markdown list items, then a blank line.
pub fn write_finding_body(w: &mut dyn Write, f: &Finding) -> io::Result<()> {
    for v in &f.also {
        writeln!(
            w,
            "- **Also:** {} ({}, {}, `{}`)",
            md_cell(&v.title),
            v.source.name(),
            v.severity.name(),
            v.id
        )?;
    }
    for e in &f.evidence {
        writeln!(w, "- **Evidence:** {}", md_cell(e))?;
    }
    writeln!(w, "- **Recommendation:** {}", md_cell(&f.recommendation))?;
    if !f.references.is_empty() {
        writeln!(w, "- **References:** {}", md_cell(&f.references.join(", ")))?;
    }
    writeln!(w)
}

/// The access and posture sections of a Markdown report.
pub fn write_markdown_access(w: &mut dyn Write, r: &ScanReport) -> io::Result<()> {
    writeln!(w, "## Who can read personal data\n")?;
    if r.access.is_empty() {
        writeln!(
            w,
            "No access records (an in-memory database has no readers to list).\n"
        )?;
    } else {
        writeln!(
            w,
            "| database | table | column | role | via | state | note |"
        )?;
        writeln!(w, "|---|---|---|---|---|---|---|")?;
        for a in &r.access {
            writeln!(
                w,
                "| {} | {}.{} | {} | {} | {} | {} | {} |",
                md_cell(&a.database),
                md_cell(&a.schema),
                md_cell(&a.table),
                md_cell(a.column.as_deref().unwrap_or("(all)")),
                md_cell(&a.role),
                md_cell(&a.via),
                a.state.name(),
                md_cell(a.note.as_deref().unwrap_or("")),
            )?;
        }
        writeln!(w)?;
    }
    if !r.posture.is_empty() {
        writeln!(w, "## Security posture\n")?;
        writeln!(w, "| database | check | state | evidence |")?;
        writeln!(w, "|---|---|---|---|")?;
        for p in &r.posture {
            writeln!(
                w,
                "| {} | {} | {} | {} |",
                md_cell(&p.database),
                md_cell(&p.check),
                p.state.name().to_string().to_uppercase(),
                md_cell(&p.evidence)
            )?;
        }
        writeln!(w)?;
    }
    Ok(())
}

/// The retention section of a Markdown report.
pub fn write_markdown_retention(w: &mut dyn Write, r: &ScanReport) -> io::Result<()> {
    if r.retention.is_empty() {
        return Ok(());
    }
    writeln!(w, "## How long personal data is kept\n")?;
    // One column per cutoff any record has, in order; a record without a cutoff shows "-".
    let mut days: Vec<u32> = r
        .retention
        .iter()
        .flat_map(|x| x.older_than.iter().map(|b| b.days))
        .collect();
    days.sort_unstable();
    days.dedup();
    let heads: String = days
        .iter()
        .map(|d| format!(" rows older than {d} days |"))
        .collect();
    writeln!(w, "| database | table | column | oldest |{heads} method |")?;
    writeln!(w, "|---|---|---|---|{}---|", "---:|".repeat(days.len()))?;
    for x in &r.retention {
        let cells: String = days
            .iter()
            .map(|d| {
                let cell = match x.older_than.iter().find(|b| b.days == *d) {
                    Some(b) => match b.rows {
                        Some(n) if b.estimated => format!("~{n}"),
                        Some(n) => n.to_string(),
                        None => "?".into(),
                    },
                    None => "-".into(),
                };
                format!(" {cell} |")
            })
            .collect();
        let method = if x.method == "index" {
            "exact (index)"
        } else {
            "estimated from the sample"
        };
        let read_as = if x.read_as.is_empty() {
            String::new()
        } else {
            format!("; {}", md_cell(&x.read_as))
        };
        writeln!(
            w,
            "| {} | {}.{} | {} | {} |{cells} {method}{read_as} |",
            md_cell(&x.database),
            md_cell(&x.schema),
            md_cell(&x.table),
            md_cell(&x.column),
            md_cell(x.oldest.as_deref().unwrap_or("-")),
        )?;
    }
    writeln!(w)
}

/// A summary table for a terminal.
pub fn write_table(w: &mut dyn Write, r: &ScanReport, width: Option<u16>) -> io::Result<()> {
    // Names and values from the databases are escaped cell by cell (so widths are right), and
    // the whole text once more before it reaches the terminal.
    let mut buf = Vec::new();
    write_table_raw(&mut buf, r, width)?;
    w.write_all(crate::escape::terminal_lines(&String::from_utf8_lossy(&buf)).as_bytes())
}

fn write_table_raw(w: &mut dyn Write, r: &ScanReport, width: Option<u16>) -> io::Result<()> {
    // Cells are cut at 200 characters: this is a summary, and the table layout's cost grows
    // with the square of a long unbroken word.
    let e = |s: &str| {
        let t = crate::escape::terminal(s);
        if t.chars().count() > 200 {
            let mut cut: String = t.chars().take(199).collect();
            cut.push('…');
            cut
        } else {
            t.into_owned()
        }
    };
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(width) = width {
        t.set_width(width);
    }
    t.set_header(vec![
        "database",
        "table",
        "column",
        "category",
        "conf.",
        "sensitivity",
        "matched",
        "examples",
    ]);
    for c in &r.columns {
        t.add_row(vec![
            e(&c.database),
            e(&format!("{}.{}", c.schema, c.table)),
            e(&c.column),
            c.categories.join(", "),
            format!("{:.2}", c.confidence),
            c.sensitivity.name().to_string(),
            format!("{}/{}", c.values_matched, c.decided()),
            e(&c.examples
                .iter()
                .take(2)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")),
        ]);
    }
    if r.columns.is_empty() {
        writeln!(w, "No columns holding personal data were found.")?;
    } else {
        writeln!(w, "{t}")?;
    }
    let tables: std::collections::BTreeSet<_> = r
        .columns
        .iter()
        .map(|c| (&c.database, &c.schema, &c.table))
        .collect();
    writeln!(
        w,
        "{} personal-data columns in {} tables across {} database(s); {} object(s) not scanned (see --format json or markdown for why).",
        r.columns.len(),
        tables.len(),
        r.databases.iter().filter(|d| d.error.is_none()).count(),
        r.skipped.len()
    )?;
    for d in r.databases.iter().filter(|d| d.error.is_some()) {
        writeln!(
            w,
            "{} ({}): not scanned: {}",
            d.id,
            d.url,
            d.error.as_deref().unwrap_or("")
        )?;
    }
    if !r.findings.is_empty() {
        let mut f = Table::new();
        f.load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        if let Some(width) = width {
            f.set_width(width);
        }
        f.set_header(vec!["severity", "finding", "where"]);
        for x in &r.findings {
            f.add_row(vec![
                x.severity.name().to_uppercase(),
                e(&x.title),
                e(&x.location),
            ]);
        }
        writeln!(w, "\n{f}")?;
    }
    let readers: std::collections::BTreeSet<_> =
        r.access.iter().map(|a| (&a.database, &a.role)).collect();
    let indeterminate = r
        .access
        .iter()
        .filter(|a| a.state == crate::model::AccessState::Indeterminate)
        .count();
    let failing = r
        .posture
        .iter()
        .filter(|p| p.state == crate::model::PostureState::Fail)
        .count();
    writeln!(
        w,
        "{} finding(s); {} role(s) can read personal data ({} access record(s) indeterminate); {} of {} posture check(s) failed.",
        r.findings.len(),
        readers.len(),
        indeterminate,
        failing,
        r.posture.len()
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(csv_safe("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(csv_safe("+1"), "'+1");
        assert_eq!(csv_safe("-2"), "'-2");
        assert_eq!(csv_safe("@SUM(1)"), "'@SUM(1)");
        assert_eq!(csv_safe("\tx"), "'\tx");
        assert_eq!(csv_safe("plain"), "plain");
    }

    #[test]
    fn markdown_cells_cannot_break_tables() {
        assert_eq!(md_cell("a|b\nc"), "a\\|b c");
    }
}
