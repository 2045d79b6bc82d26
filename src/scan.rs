//! The scan: connect to each target, read its catalog, sample each table within bounded
//! concurrency, classify each column, and assemble the report. Progress and results go out as
//! [`ScanEvent`]s on a channel; cancelling is a token, not a kill.
//!
//! Not for: printing (the CLI and the TUI turn events into a progress bar or screen updates).

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use tokio::sync::mpsc::UnboundedSender;
use tokio_util::sync::CancellationToken;

use crate::access::AccessOutcome;
use crate::classify::{ColumnAnalyzer, ColumnValues, resolve_table};
use crate::db::{ConnectOptions, Database, Engine, ReadError};
use crate::model::RetentionReport;
use crate::model::{
    CatalogTable, ColumnReport, DatabaseReport, Finding, Limits, ScanReport, Skipped, ToolInfo,
    TypeClass,
};
use crate::rules::RuleSet;
use crate::target::{EngineKind, Location, Target};

/// Everything a scan needs besides the targets.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Rows sampled per table at most.
    pub sample_rows: u64,
    /// Globs over `schema.table` or `schema.table.column`; empty means everything.
    pub include: Vec<String>,
    /// Globs of objects to leave out (listed in `skipped` as "excluded").
    pub exclude: Vec<String>,
    /// Columns below this confidence are not reported.
    pub min_confidence: f64,
    /// Per-statement timeout.
    pub statement_timeout: Duration,
    /// How long connecting to a server may take.
    pub connect_timeout: Duration,
    /// Connections per database.
    pub max_connections: u32,
    /// Detection rules.
    pub rules: Arc<RuleSet>,
    /// Age cutoffs in days for the retention figures (1, 2 and 5 years by default).
    pub retention_days: Vec<u32>,
    /// Run the access and posture analysis after the scan.
    pub access: bool,
}

impl ScanOptions {
    /// How long the whole catalog read, or the whole access analysis, of one database may take:
    /// many statements, each bounded by the statement timeout, and all of them together bounded
    /// too, so a server that stops answering mid-way cannot hang the run.
    pub fn phase_timeout(&self) -> Duration {
        (self.statement_timeout * 6).max(Duration::from_secs(10))
    }

    /// Defaults with the given rules.
    pub fn new(rules: Arc<RuleSet>) -> Self {
        ScanOptions {
            sample_rows: 1000,
            include: Vec::new(),
            exclude: Vec::new(),
            min_confidence: 0.5,
            statement_timeout: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(10),
            max_connections: 4,
            rules,
            retention_days: vec![365, 730, 1825],
            access: true,
        }
    }
}

/// Progress and results of a running scan.
#[derive(Debug, Clone)]
pub enum ScanEvent {
    /// A target is being connected to.
    TargetStarted {
        /// Index into the targets.
        target: usize,
        /// Database id.
        database: String,
    },
    /// The catalog is read: this many tables will be sampled.
    CatalogRead {
        /// Index.
        target: usize,
        /// Tables to sample.
        tables: usize,
    },
    /// A table is being sampled.
    TableStarted {
        /// Index.
        target: usize,
        /// `schema.table`.
        table: String,
    },
    /// A table is done.
    TableDone {
        /// Index.
        target: usize,
        /// `schema.table`.
        table: String,
        /// Personal-data columns found in it.
        found: usize,
    },
    /// A column was judged to hold personal data.
    ColumnClassified {
        /// Index.
        target: usize,
        /// The column.
        column: Box<ColumnReport>,
    },
    /// Something was skipped or went wrong without stopping the scan.
    Warning {
        /// Index.
        target: usize,
        /// One line.
        message: String,
    },
    /// The target could not be scanned.
    TargetFailed {
        /// Index.
        target: usize,
        /// One line, redacted.
        error: String,
    },
    /// The target is done.
    TargetFinished {
        /// Index.
        target: usize,
    },
}

/// Compiled include/exclude globs.
#[derive(Debug, Clone)]
pub struct Filter {
    include: Option<GlobSet>,
    include_tables: Option<GlobSet>,
    exclude: GlobSet,
}

fn to_glob_path(pattern: &str) -> String {
    pattern.replace('/', "\u{1}").replace('.', "/")
}

fn object_path(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.replace('/', "\u{1}"))
        .collect::<Vec<_>>()
        .join("/")
}

impl Filter {
    /// Compile `--include`/`--exclude` globs (`public.customers`, `*.users.*`, `shop.*`).
    pub fn new(include: &[String], exclude: &[String]) -> Result<Filter, String> {
        let build = |pats: &[String], tables_only: bool| -> Result<GlobSet, String> {
            let mut b = GlobSetBuilder::new();
            for p in pats {
                let glob_path = to_glob_path(p);
                let glob_path = if tables_only {
                    // For deciding whether a table is wanted at all, a column pattern's first two
                    // parts count as a table pattern.
                    glob_path
                        .splitn(3, '/')
                        .take(2)
                        .collect::<Vec<_>>()
                        .join("/")
                } else {
                    glob_path
                };
                let g = GlobBuilder::new(&glob_path)
                    .case_insensitive(true)
                    .literal_separator(true)
                    .build()
                    .map_err(|e| format!("bad pattern `{p}`: {e}"))?;
                b.add(g);
            }
            b.build().map_err(|e| format!("bad patterns: {e}"))
        };
        Ok(Filter {
            include: if include.is_empty() {
                None
            } else {
                Some(build(include, false)?)
            },
            include_tables: if include.is_empty() {
                None
            } else {
                Some(build(include, true)?)
            },
            exclude: build(exclude, false)?,
        })
    }

    /// Whether a table is excluded outright.
    pub fn table_excluded(&self, schema: &str, table: &str) -> bool {
        self.exclude.is_match(object_path(&[schema, table]))
    }

    /// Whether a table is wanted by `--include` (always, without includes).
    pub fn table_included(&self, schema: &str, table: &str) -> bool {
        self.include_tables
            .as_ref()
            .is_none_or(|s| s.is_match(object_path(&[schema, table])))
    }

    /// Whether a column is excluded.
    pub fn column_excluded(&self, schema: &str, table: &str, column: &str) -> bool {
        self.exclude.is_match(object_path(&[schema, table, column]))
    }

    /// Whether a column is wanted by `--include`.
    pub fn column_included(&self, schema: &str, table: &str, column: &str) -> bool {
        self.include.as_ref().is_none_or(|s| {
            s.is_match(object_path(&[schema, table]))
                || s.is_match(object_path(&[schema, table, column]))
        })
    }
}

/// A short, stable id per target (`sample`, `shop`, `db.example-shop`), unique within the run.
pub fn database_ids(targets: &[Target]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for t in targets {
        let base = match &t.location {
            Location::Sample => "sample".to_string(),
            Location::SqliteFile(p) => p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "sqlite".into()),
            Location::Server(url) => {
                let db = url.path().trim_start_matches('/');
                let host = url.host_str().unwrap_or("localhost");
                if db.is_empty() {
                    host.to_string()
                } else {
                    db.to_string()
                }
            }
        };
        let mut id = base.clone();
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        ids.push(id);
    }
    ids
}

/// What one target contributed.
#[derive(Debug, Default)]
struct TargetResult {
    database: Option<DatabaseReport>,
    columns: Vec<ColumnReport>,
    skipped: Vec<Skipped>,
    retention: Vec<RetentionReport>,
    access: AccessOutcome,
    /// Findings about the scan itself (a table the classifier failed on).
    findings: Vec<Finding>,
    /// Where the time went.
    timings: DatabaseTimings,
}

/// What one table contributed.
struct TableResult {
    columns: Vec<ColumnReport>,
    skipped: Vec<Skipped>,
    retention: Option<RetentionReport>,
    findings: Vec<Finding>,
    timing: TableTiming,
}

/// Where a scan's time went, per database (`--timings`). Not part of the report: timings
/// differ from run to run, and a report is the same for the same data.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timings {
    /// One entry per target, in target order.
    pub databases: Vec<DatabaseTimings>,
}

/// The phases of one database's scan. Tables are read on several connections at once, so the
/// per-table sums may exceed the wall-clock time of the tables phase.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DatabaseTimings {
    /// The database id.
    pub database: String,
    /// Connecting and logging in.
    pub connect: Duration,
    /// Reading the catalog.
    pub catalog: Duration,
    /// Wall clock from the first table started to the last one done.
    pub tables: Duration,
    /// Waiting for the server's sample rows, summed over tables.
    pub sampling: Duration,
    /// Classifying the sampled values, summed over tables.
    pub classification: Duration,
    /// Counting old rows through an index, summed over tables.
    pub retention: Duration,
    /// The access and posture analysis.
    pub access: Duration,
    /// Every table, slowest first.
    pub slowest: Vec<TableTiming>,
}

/// One table's share.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableTiming {
    /// `schema.table`.
    pub table: String,
    /// Waiting for the sample rows.
    pub sampling: Duration,
    /// Classifying them.
    pub classification: Duration,
    /// Counting old rows.
    pub retention: Duration,
    /// Rows read.
    pub rows: u64,
}

impl Timings {
    /// The figures as lines of text, `slowest` tables per database: what `--timings` prints.
    /// Names come from the databases: escape them for where they are shown.
    pub fn lines(&self, report: Option<Duration>, slowest: usize) -> Vec<String> {
        let mut out = Vec::new();
        for d in &self.databases {
            out.push(format!(
                "{}: connect {}, catalog {}, tables {} (summed over tables: sampling {}, \
                 classification {}, retention {}), access {}",
                d.database,
                ms(d.connect),
                ms(d.catalog),
                ms(d.tables),
                ms(d.sampling),
                ms(d.classification),
                ms(d.retention),
                ms(d.access)
            ));
            for t in d.slowest.iter().take(slowest) {
                out.push(format!(
                    "  {} {}: sampling {}, classification {}, retention {}, {} rows",
                    t.table,
                    ms(t.total()),
                    ms(t.sampling),
                    ms(t.classification),
                    ms(t.retention),
                    t.rows
                ));
            }
        }
        if let Some(r) = report {
            out.push(format!("report: {}", ms(r)));
        }
        out
    }
}

/// A duration as people read it: `850 ms`, `2.41 s`.
fn ms(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{} ms", d.as_millis())
    } else {
        format!("{:.2} s", d.as_secs_f64())
    }
}

impl TableTiming {
    /// The table's time in all.
    pub fn total(&self) -> Duration {
        self.sampling + self.classification + self.retention
    }
}

/// Run a scan of every target (in parallel) and return the report. Failed targets appear in
/// `databases` with an `error`; the others are scanned regardless.
pub async fn run(
    targets: &[Target],
    opts: &ScanOptions,
    events: UnboundedSender<ScanEvent>,
    cancel: CancellationToken,
) -> Result<ScanReport, String> {
    run_timed(targets, opts, events, cancel)
        .await
        .map(|(report, _)| report)
}

/// [`run`], also saying where the time went.
pub async fn run_timed(
    targets: &[Target],
    opts: &ScanOptions,
    events: UnboundedSender<ScanEvent>,
    cancel: CancellationToken,
) -> Result<(ScanReport, Timings), String> {
    let filter = Filter::new(&opts.include, &opts.exclude)?;
    let started_at = now();
    // Load phone metadata while connecting; the first phone value would otherwise wait for it.
    let warm = tokio::task::spawn_blocking(crate::classify::validate::warm_up);
    let ids = database_ids(targets);
    let futures = targets.iter().enumerate().map(|(i, t)| {
        let events = events.clone();
        let cancel = cancel.clone();
        let id = ids[i].clone();
        let filter = &filter;
        async move { scan_target(i, t, id, opts, filter, &events, &cancel).await }
    });
    let results = futures::future::join_all(futures).await;
    let _ = warm.await;
    let mut timings = Timings::default();
    let mut report = ScanReport {
        tool: ToolInfo::default(),
        started_at,
        finished_at: String::new(),
        databases: Vec::new(),
        columns: Vec::new(),
        access: Vec::new(),
        posture: Vec::new(),
        skipped: Vec::new(),
        retention: Vec::new(),
        findings: Vec::new(),
        warnings: Vec::new(),
    };
    for mut r in results {
        timings.databases.push(std::mem::take(&mut r.timings));
        if let Some(d) = &r.database {
            report
                .warnings
                .extend(r.access.warnings.iter().map(|w| format!("{}: {w}", d.id)));
            crate::findings::about_database(&mut r.access.findings, &d.id);
            crate::findings::about_database(&mut r.findings, &d.id);
            // What the columns and retention of this database show.
            let mut data = crate::findings::data_findings(&r.columns, &r.retention);
            crate::findings::about_database(&mut data, &d.id);
            report.findings.extend(data);
        }
        report.databases.extend(r.database);
        report.columns.extend(r.columns);
        report.skipped.extend(r.skipped);
        report.retention.extend(r.retention);
        report.access.extend(r.access.access);
        report.posture.extend(r.access.posture);
        report.findings.extend(r.access.findings);
        report.findings.extend(r.findings);
    }
    crate::findings::normalise(&mut report.findings);
    report.finished_at = now();
    Ok((report, timings))
}

/// The current time, RFC 3339 in UTC.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn limits(opts: &ScanOptions, sampling: &str) -> Limits {
    Limits {
        sample_rows: opts.sample_rows,
        statement_timeout_secs: opts.statement_timeout.as_secs(),
        max_connections: opts.max_connections,
        max_value_bytes: crate::classify::MAX_VALUE_BYTES as u64,
        sampling: sampling.to_string(),
    }
}

async fn scan_target(
    index: usize,
    target: &Target,
    id: String,
    opts: &ScanOptions,
    filter: &Filter,
    events: &UnboundedSender<ScanEvent>,
    cancel: &CancellationToken,
) -> TargetResult {
    let _ = events.send(ScanEvent::TargetStarted {
        target: index,
        database: id.clone(),
    });
    let connect = ConnectOptions {
        statement_timeout: opts.statement_timeout,
        connect_timeout: opts.connect_timeout,
        max_connections: opts.max_connections,
    };
    let failed = |error: String| {
        let _ = events.send(ScanEvent::TargetFailed {
            target: index,
            error: error.clone(),
        });
        TargetResult {
            database: Some(DatabaseReport {
                id: id.clone(),
                url: target.display.clone(),
                engine: target.engine,
                server_version: None,
                scanned_as: None,
                limits: limits(opts, ""),
                tables: 0,
                columns: 0,
                error: Some(error),
            }),
            ..Default::default()
        }
    };
    let connect_started = Instant::now();
    let db = tokio::select! {
        r = Database::connect(target, &connect) => r,
        () = cancel.cancelled() => Err("cancelled".to_string()),
    };
    let connected = connect_started.elapsed();
    let timed = |mut r: TargetResult| {
        r.timings.database = id.clone();
        r.timings.connect = connected;
        r
    };
    let db = match db {
        Ok(db) => db,
        Err(e) => return timed(failed(e)),
    };
    let result = match &db {
        Database::Postgres(e) => {
            scan_engine(index, e, &id, target, opts, filter, events, cancel).await
        }
        Database::Mysql(e) => {
            scan_engine(index, e, &id, target, opts, filter, events, cancel).await
        }
        Database::Sqlite(e) => {
            scan_engine(index, e, &id, target, opts, filter, events, cancel).await
        }
    };
    // Closing says goodbye to the server; a hung one gets a few seconds, not the run.
    let close = async {
        match &db {
            Database::Postgres(e) => e.close().await,
            Database::Mysql(e) => e.close().await,
            Database::Sqlite(e) => e.close().await,
        }
    };
    let _ = tokio::time::timeout(Duration::from_secs(5), close).await;
    let _ = events.send(ScanEvent::TargetFinished { target: index });
    timed(match result {
        Ok(r) => r,
        Err(e) => failed(target.scrub(&e)),
    })
}

#[allow(clippy::too_many_arguments)]
async fn scan_engine<E: Engine>(
    index: usize,
    engine: &E,
    id: &str,
    target: &Target,
    opts: &ScanOptions,
    filter: &Filter,
    events: &UnboundedSender<ScanEvent>,
    cancel: &CancellationToken,
) -> Result<TargetResult, String> {
    let info = engine.info().clone();
    let bound = opts.phase_timeout();
    let catalog_started = Instant::now();
    let catalog = tokio::select! {
        r = tokio::time::timeout(bound, engine.catalog()) => match r {
            Ok(r) => r.map_err(|e| format!("cannot read the catalog: {e}"))?,
            Err(_) => {
                return Err(format!(
                    "the catalog read did not finish within {} s: the server stopped answering or is overloaded",
                    bound.as_secs()
                ));
            }
        },
        () = cancel.cancelled() => return Err("cancelled".into()),
    };
    let mut result = TargetResult::default();
    result.timings.catalog = catalog_started.elapsed();
    let total_columns: usize = catalog.iter().map(|t| t.columns.len()).sum();
    result.database = Some(DatabaseReport {
        id: id.to_string(),
        url: target.display.clone(),
        engine: engine.kind(),
        server_version: info.server_version.clone(),
        scanned_as: info.scanned_as.clone(),
        limits: limits(opts, &info.sampling),
        tables: catalog.len() as u64,
        columns: total_columns as u64,
        error: None,
    });
    let skip = |schema: &str, table: Option<&str>, column: Option<&str>, reason: String| Skipped {
        database: id.to_string(),
        schema: Some(schema.to_string()),
        table: table.map(str::to_string),
        column: column.map(str::to_string),
        reason,
    };
    let mut work: Vec<CatalogTable> = Vec::new();
    for t in catalog {
        if filter.table_excluded(&t.schema, &t.name) {
            result
                .skipped
                .push(skip(&t.schema, Some(&t.name), None, "excluded".into()));
        } else if !filter.table_included(&t.schema, &t.name) {
            result.skipped.push(skip(
                &t.schema,
                Some(&t.name),
                None,
                "not matched by --include".into(),
            ));
        } else {
            work.push(t);
        }
    }
    let _ = events.send(ScanEvent::CatalogRead {
        target: index,
        tables: work.len(),
    });
    let rules = opts.rules.as_ref();
    let concurrency = opts.max_connections.max(1) as usize;
    let mut stream = futures::stream::iter(
        work.iter()
            .map(|t| scan_table(index, engine, id, t, opts, filter, rules, events, cancel)),
    )
    .buffer_unordered(concurrency);
    let tables_started = Instant::now();
    while let Some(t) = stream.next().await {
        let tt = &mut result.timings;
        tt.sampling += t.timing.sampling;
        tt.classification += t.timing.classification;
        tt.retention += t.timing.retention;
        tt.slowest.push(t.timing);
        result.columns.extend(t.columns);
        result.skipped.extend(t.skipped);
        result.retention.extend(t.retention);
        result.findings.extend(t.findings);
    }
    drop(stream);
    result.timings.tables = tables_started.elapsed();
    result
        .timings
        .slowest
        .sort_by_key(|t| std::cmp::Reverse(t.total()));
    // Keep catalog order in the report, whatever order the tables finished in.
    let order = |c: &ColumnReport| {
        work.iter()
            .position(|t| t.schema == c.schema && t.name == c.table)
            .map(|ti| {
                (
                    ti,
                    work[ti].columns.iter().position(|col| col.name == c.column),
                )
            })
    };
    result.columns.sort_by_cached_key(|c| order(c));
    if opts.access && !cancel.is_cancelled() {
        let access_started = Instant::now();
        let pd = crate::access::pd_tables(id, &result.columns);
        result.access = match tokio::time::timeout(bound, engine.access(id, &pd)).await {
            Ok(a) => a,
            Err(_) => crate::access::AccessOutcome {
                warnings: vec![format!(
                    "the access analysis did not finish within {} s: who can read the personal data is unknown",
                    bound.as_secs()
                )],
                ..Default::default()
            },
        };
        result.timings.access = access_started.elapsed();
        for w in &result.access.warnings {
            let _ = events.send(ScanEvent::Warning {
                target: index,
                message: w.clone(),
            });
        }
    }
    Ok(result)
}

/// Tables classified at once: one per core. More would not finish sooner, and each thread
/// keeps its own caches of the classifier's compiled expressions.
static CLASSIFIERS: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
});

#[allow(clippy::too_many_arguments)]
async fn scan_table<E: Engine>(
    index: usize,
    engine: &E,
    id: &str,
    table: &CatalogTable,
    opts: &ScanOptions,
    filter: &Filter,
    rules: &RuleSet,
    events: &UnboundedSender<ScanEvent>,
    cancel: &CancellationToken,
) -> TableResult {
    let label = format!("{}.{}", table.schema, table.name);
    let _ = events.send(ScanEvent::TableStarted {
        target: index,
        table: label.clone(),
    });
    let mut skipped = Vec::new();
    let skip = |column: Option<&str>, reason: String| Skipped {
        database: id.to_string(),
        schema: Some(table.schema.clone()),
        table: Some(table.name.clone()),
        column: column.map(str::to_string),
        reason,
    };
    // What the catalog read could not take in: the whole table, or some of its columns.
    for (column, reason) in &table.left_out {
        skipped.push(skip(column.as_deref(), reason.clone()));
    }
    if table.left_out.iter().any(|(c, _)| c.is_none()) {
        let timing = TableTiming {
            table: label.clone(),
            ..Default::default()
        };
        return table_failed(index, events, label, skipped, Vec::new(), timing);
    }
    let mut wanted: Vec<usize> = Vec::new();
    let mut analyzers: Vec<ColumnAnalyzer> = Vec::new();
    let today = chrono::Utc::now().date_naive();
    // Columns that may tell a row's age, each with its own date reader: the first whose values
    // are dates is the table's age column.
    let age_columns: Vec<usize> = crate::retention::candidates(table)
        .into_iter()
        .filter(|i| {
            !table.unreadable.contains(i)
                && !filter.column_excluded(&table.schema, &table.name, &table.columns[*i].name)
        })
        .collect();
    let mut ages: Vec<crate::retention::DateStats> = age_columns
        .iter()
        .map(|&i| {
            crate::retention::DateStats::new(&opts.retention_days, today, table.columns[i].class)
        })
        .collect();
    // The languages the table's names are written in, for reading national phone numbers:
    // read once for the table. Of a table with more names than that reads, each column's own
    // name is read too.
    let (table_regions, truncated) = {
        let column_words: Vec<String> = table
            .columns
            .iter()
            .take(257)
            .flat_map(|c| crate::classify::names::words(&c.name))
            .take(257)
            .collect();
        let regions = crate::classify::validate::regions(
            &rules.regions_for(&crate::classify::names::words(&table.name), &column_words),
        );
        (regions, column_words.len() > 256)
    };
    for (i, c) in table.columns.iter().enumerate() {
        if filter.column_excluded(&table.schema, &table.name, &c.name) {
            skipped.push(skip(Some(&c.name), "excluded".into()));
            continue;
        }
        if !filter.column_included(&table.schema, &table.name, &c.name) {
            skipped.push(skip(Some(&c.name), "not matched by --include".into()));
            continue;
        }
        if c.class == TypeClass::Binary {
            skipped.push(skip(
                Some(&c.name),
                format!("binary column ({}): not sampled", c.data_type),
            ));
            continue;
        }
        if table.unreadable.contains(&i) {
            skipped.push(skip(
                Some(&c.name),
                "permission denied: the scanning account cannot read this column".into(),
            ));
            continue;
        }
        let mut regions = table_regions.clone();
        if truncated {
            let own = rules.regions_for(
                &crate::classify::names::words(&table.name),
                &crate::classify::names::words(&c.name),
            );
            for r in crate::classify::validate::regions(&own) {
                if !regions.contains(&r) {
                    regions.push(r);
                }
            }
        }
        let a = ColumnAnalyzer::shared(opts.rules.clone(), &table.name, &c.name, c.class, regions);
        if a.needs_values() || age_columns.contains(&i) {
            wanted.push(i);
            analyzers.push(a);
        }
    }
    // For each sampled column, the age reader it feeds (if any).
    let age_slots: Vec<Option<usize>> = wanted
        .iter()
        .map(|w| age_columns.iter().position(|a| a == w))
        .collect();
    let sample_started = Instant::now();
    // The sample is read to its end first (the server's statement and connection are free
    // before any value is classified), each column's values deduplicated as they arrive.
    let mut values: Vec<ColumnValues> = vec![ColumnValues::default(); wanted.len()];
    let sampled = if wanted.is_empty() || cancel.is_cancelled() {
        Ok(0)
    } else {
        let mut sink = |col: usize, value: &str| {
            if let Some(v) = values.get_mut(col) {
                v.push(value);
            }
        };
        tokio::select! {
            r = engine.sample(table, &wanted, opts.sample_rows, &mut sink) => r,
            () = cancel.cancelled() => Err(ReadError::Other("cancelled".into())),
        }
    };
    let sampling = sample_started.elapsed();
    if let Err(e) = &sampled {
        let reason = match e {
            ReadError::Timeout => format!(
                "statement timeout after {} s while sampling",
                opts.statement_timeout.as_secs_f64()
            ),
            other => format!("could not sample: {other}"),
        };
        skipped.push(skip(None, reason));
        let timing = TableTiming {
            table: label.clone(),
            sampling,
            ..Default::default()
        };
        return table_failed(index, events, label, skipped, Vec::new(), timing);
    }
    let rows_read = sampled.as_ref().copied().unwrap_or(0);
    // Then classified on the blocking pool, so tables classify on every core while others are
    // still being read.
    let table_name = table.name.clone();
    let shared_rules = opts.rules.clone();
    let job = move || {
        let started = Instant::now();
        // A backstop, not a plan: a classifier bug on one value must cost this table, never
        // the scan (or the TUI's scan thread).
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            for ((a, v), slot) in analyzers.iter_mut().zip(&values).zip(&age_slots) {
                v.feed(a);
                if let Some(stats) = slot.and_then(|k| ages.get_mut(k)) {
                    for (value, count) in v.iter() {
                        stats.observe_n(value, count);
                    }
                }
            }
            let mut verdicts: Vec<_> = analyzers.iter().map(|a| a.verdict()).collect();
            resolve_table(&shared_rules, &table_name, &mut verdicts);
            verdicts
        }));
        (outcome.ok(), ages, started.elapsed())
    };
    let permit = CLASSIFIERS.acquire().await.ok();
    let outcome = tokio::task::spawn_blocking(job).await;
    drop(permit);
    let (verdicts, ages, classification) = match outcome {
        Ok(done) => done,
        Err(_) => (None, Vec::new(), Duration::ZERO),
    };
    let mut timing = TableTiming {
        table: label.clone(),
        sampling,
        classification,
        retention: Duration::ZERO,
        rows: rows_read,
    };
    let verdicts = match verdicts {
        Some(v) => v,
        None => {
            let reason = "internal error in the classifier while reading this table: the table \
                          was not classified (please report it)"
                .to_string();
            let finding = crate::findings::raise(
                "scan_incomplete",
                crate::model::Place::table(id, &table.schema, &table.name),
                crate::vars!(),
                vec![format!("{label}: {reason}")],
            );
            skipped.push(skip(None, reason));
            return table_failed(index, events, label, skipped, vec![finding], timing);
        }
    };
    let mut columns = Vec::new();
    for (slot, &ci) in verdicts.into_iter().zip(&wanted) {
        let Some(v) = slot else { continue };
        if v.confidence + 1e-9 < opts.min_confidence {
            continue;
        }
        let c = &table.columns[ci];
        let report = ColumnReport {
            database: id.to_string(),
            schema: table.schema.clone(),
            table: table.name.clone(),
            column: c.name.clone(),
            data_type: c.data_type.clone(),
            category: v.category,
            categories: v.categories,
            confidence: v.confidence,
            sensitivity: v.sensitivity,
            rows_sampled: v.rows_sampled,
            values_decided: v.values_decided,
            values_matched: v.values_matched,
            signals: v.signals,
            examples: v.examples,
            estimated_rows: table.estimated_rows,
            rows_read,
            evidence: v.evidence,
            weak_hashes: v.weak_hashes,
        };
        let _ = events.send(ScanEvent::ColumnClassified {
            target: index,
            column: Box::new(report.clone()),
        });
        columns.push(report);
    }
    let age = age_columns
        .iter()
        .zip(&ages)
        .find(|(_, stats)| stats.usable());
    let retention = match (age, columns.is_empty()) {
        (Some((&i, stats)), false) => {
            let column = &table.columns[i];
            // An index range count is exact only where the engine's order is time order.
            let indexed = if stats.index_comparable() {
                let cutoffs = stats.cutoff_times();
                let counted = Instant::now();
                let r = tokio::select! {
                    r = engine.retention(table, &column.name, &cutoffs) => r.ok().flatten(),
                    () = cancel.cancelled() => None,
                };
                timing.retention = counted.elapsed();
                r
            } else {
                None
            };
            stats.report(id, table, column, rows_read, indexed, today)
        }
        _ => None,
    };
    let _ = events.send(ScanEvent::TableDone {
        target: index,
        table: label,
        found: columns.len(),
    });
    TableResult {
        columns,
        skipped,
        retention,
        findings: Vec::new(),
        timing,
    }
}

/// A table that could not be classified: its last `skipped` entry is the reason, sent as a
/// warning; the table is reported done with nothing found.
fn table_failed(
    index: usize,
    events: &UnboundedSender<ScanEvent>,
    label: String,
    skipped: Vec<Skipped>,
    findings: Vec<Finding>,
    timing: TableTiming,
) -> TableResult {
    if let Some(s) = skipped.last() {
        let _ = events.send(ScanEvent::Warning {
            target: index,
            message: format!("{label}: {}", s.reason),
        });
    }
    let _ = events.send(ScanEvent::TableDone {
        target: index,
        table: label,
        found: 0,
    });
    TableResult {
        columns: Vec::new(),
        skipped,
        retention: None,
        findings,
        timing,
    }
}

/// Whether a target's engine is a server (for messages).
pub fn is_server(engine: EngineKind) -> bool {
    engine != EngineKind::Sqlite
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_schema_table_and_column() {
        let f = Filter::new(
            &["public.cust*".into()],
            &["*.customers.notes".into(), "audit.*".into()],
        )
        .expect("globs");
        assert!(f.table_included("public", "customers"));
        assert!(!f.table_included("public", "orders"));
        assert!(f.table_excluded("audit", "log"));
        assert!(!f.table_excluded("public", "customers"));
        assert!(f.column_excluded("public", "customers", "notes"));
        assert!(!f.column_excluded("public", "customers", "email"));
        // `*` does not cross a dot.
        let f = Filter::new(&[], &["public*".into()]).expect("globs");
        assert!(!f.table_excluded("public", "x"));
        assert!(Filter::new(&["[".into()], &[]).is_err());
    }

    #[test]
    fn column_include_patterns_select_their_tables() {
        let f = Filter::new(&["main.customers.email".into()], &[]).expect("globs");
        assert!(f.table_included("main", "customers"));
        assert!(f.column_included("main", "customers", "email"));
        assert!(!f.column_included("main", "customers", "phone"));
    }

    #[test]
    fn ids_are_unique_and_stable() {
        let t = vec![
            Target::sample(),
            Target::parse("postgres://u@h/shop").expect("url"),
            Target::parse("mysql://u@other/shop").expect("url"),
        ];
        assert_eq!(database_ids(&t), ["sample", "shop", "shop-2"]);
    }
}
