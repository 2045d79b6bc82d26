//! Report writers for a scan: JSON (the contract), CSV (the inventory), Markdown and a terminal
//! table. Each takes any `impl Write`, so tests write to a `Vec<u8>`.
//!
//! Not for: deciding what is in the report (see `scan`).

use std::io::{self, Write};

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use crate::model::{ColumnReport, ScanReport};

/// Output formats of `scan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A summary table for people.
    Table,
    /// The JSON report (DESIGN.md contract).
    Json,
    /// The inventory as CSV.
    Csv,
    /// The inventory as Markdown.
    Markdown,
}

/// Write the report in a format.
pub fn write(
    w: &mut dyn Write,
    report: &ScanReport,
    format: Format,
    width: Option<u16>,
) -> io::Result<()> {
    match format {
        Format::Json => write_json(w, report),
        Format::Csv => write_inventory_csv(w, &report.columns),
        Format::Markdown => write_markdown(w, report),
        Format::Table => write_table(w, report, width),
    }
}

/// The JSON report, pretty-printed.
pub fn write_json(w: &mut dyn Write, report: &ScanReport) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, report).map_err(io::Error::other)?;
    writeln!(w)
}

/// Neutralise a CSV cell a spreadsheet would run as a formula.
pub fn csv_safe(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
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
        ])
        .map_err(io::Error::other)?;
    }
    out.flush()
}

/// Escape text for a Markdown table cell.
pub fn md_cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
        .replace('`', "'")
        .replace('<', "&lt;")
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
                c.rows_sampled,
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
    Ok(())
}

/// A summary table for a terminal.
pub fn write_table(w: &mut dyn Write, r: &ScanReport, width: Option<u16>) -> io::Result<()> {
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
            c.database.clone(),
            format!("{}.{}", c.schema, c.table),
            c.column.clone(),
            c.categories.join(", "),
            format!("{:.2}", c.confidence),
            c.sensitivity.name().to_string(),
            format!("{}/{}", c.values_matched, c.rows_sampled),
            c.examples
                .iter()
                .take(2)
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
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
