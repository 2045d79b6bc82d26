//! The audit: answers and scan evidence compiled into findings. Answers produce findings through
//! the risk weights and finding texts in the questionnaire (data, not code per question);
//! reconciliation holds the contract answers against what the databases show; rated leak and
//! loss scenarios form the risk matrix.
//!
//! Not for: reading files or databases (the CLI and TUI do that) or rendering (see `report`).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::answers::{self, Answers};
use crate::findings::{normalise, raise};
use crate::model::{AccessState, Finding, Place, PostureState, ScanReport, Severity};
use crate::questionnaire::{Loaded, QuestionType};
use crate::rules::SPECIAL_CATEGORIES;
use crate::vars;

/// Who ran the audit, with what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AuditMeta {
    /// Questionnaire id.
    pub questionnaire_id: String,
    /// Questionnaire version.
    pub questionnaire_version: String,
    /// `scripted` (answers file) or `interactive` (the TUI).
    pub mode: String,
    /// When the audit began: the scripted audit's start, or the interactive session's creation
    /// (RFC 3339, UTC). Absent in a report compiled without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    /// When the report was compiled for writing (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<String>,
}

/// Mark when the audit began and when its report was compiled: the scan's own times say only
/// how long reading the databases took.
pub fn stamp(r: &mut AuditReport, started_at: &str, finished_at: &str) {
    r.audit.started_at = Some(started_at.to_string());
    r.audit.finished_at = Some(finished_at.to_string());
}

/// One rated scenario of the risk matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RiskEntry {
    /// Scenario id.
    pub scenario: String,
    /// The likelihood question's prompt (what the scenario is).
    pub title: String,
    /// 1–4.
    pub likelihood: u8,
    /// 1–4.
    pub severity: u8,
    /// likelihood × severity.
    pub score: u8,
    /// The team's justifications.
    pub justification: String,
}

/// Differences against an earlier audit.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Diff {
    /// Findings in the new audit only (`id — title`).
    pub new_findings: Vec<String>,
    /// Findings in the old audit only.
    pub resolved_findings: Vec<String>,
    /// Findings in both.
    pub unchanged_findings: Vec<String>,
    /// Personal-data columns in the new audit only (`database.schema.table.column`).
    pub columns_appeared: Vec<String>,
    /// Personal-data columns gone since the old audit.
    pub columns_disappeared: Vec<String>,
    /// Readers in the new audit only (`role → database.schema.table[.column]`).
    pub readers_gained: Vec<String>,
    /// Readers gone since the old audit.
    pub readers_lost: Vec<String>,
}

/// The report of an audit (`report.json`): the scan report plus answers, audit metadata, the
/// risk matrix and an optional diff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AuditReport {
    /// Everything a scan reports, findings included (all sources).
    #[serde(flatten)]
    pub scan: ScanReport,
    /// Question id → answer.
    pub answers: Answers,
    /// Question id → the auditor's note on the answer (only answers that have one).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub notes: answers::Notes,
    /// Questionnaire and mode.
    pub audit: AuditMeta,
    /// Rated scenarios.
    pub risk_matrix: Vec<RiskEntry>,
    /// Against a baseline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diff: Option<Diff>,
}

fn severity_of(weight: u8) -> Severity {
    match weight {
        0 | 1 => Severity::Low,
        2 => Severity::Medium,
        3 => Severity::High,
        _ => Severity::Critical,
    }
}

/// The scan settings the answers imply, for both faces: the declared retention period becomes
/// one more age cutoff, so the scan counts the rows past it.
pub fn scan_options(
    answers: &Answers,
    base: &crate::scan::ScanOptions,
) -> crate::scan::ScanOptions {
    let mut opts = base.clone();
    if let Some(days) = answers.get("retention.max_age_days").and_then(Json::as_f64)
        && days.is_finite()
    {
        let d = days.round().clamp(1.0, 1_000_000.0) as u32;
        if !opts.retention_days.contains(&d) {
            opts.retention_days.push(d);
        }
    }
    opts
}

/// Compile an audit: answer findings, reconciliation, risk matrix, merged with the scan's own.
pub fn compile(
    q: &Loaded,
    answers: &Answers,
    mut scan: ScanReport,
    mode: &str,
    allow_unanswered: bool,
) -> AuditReport {
    // Reconciliation reads the scan's own findings (to raise a contradiction where the scan's
    // finding about the same thing is), so it runs before they are moved out.
    let reconciled = reconcile(q, answers, &scan);
    let found = answers::found_categories(&scan.columns);
    let mut findings = std::mem::take(&mut scan.findings);
    findings.extend(answer_findings(q, answers, &found));
    findings.extend(unanswered_on_evidence(q, answers, &found));
    if allow_unanswered {
        for id in answers::unanswered_required_given(q, answers, &found) {
            let prompt = q
                .get(&id)
                .map(|r| r.question.prompt.clone())
                .unwrap_or_default();
            findings.push(raise(
                "unanswered_required",
                Place::Question {
                    question: id.clone(),
                },
                vars!(prompt = prompt),
                vec![format!("{id} has no answer")],
            ));
        }
    }
    let risk_matrix = risk_matrix(q, answers);
    for r in &risk_matrix {
        let sev = match r.score {
            12.. => Severity::Critical,
            9..=11 => Severity::High,
            6..=8 => Severity::Medium,
            _ => continue,
        };
        findings.push(
            raise(
                "risk_scenario",
                Place::Scenario {
                    scenario: r.scenario.clone(),
                },
                vars!(
                    score = r.score,
                    likelihood = r.likelihood,
                    severity = r.severity,
                    scenario = r.title
                ),
                vec![r.justification.clone()],
            )
            .with_severity(sev)
            .for_each(&r.scenario),
        );
    }
    findings.extend(reconciled);
    let mut findings = crate::findings::merge_views(findings, &scan.columns);
    normalise(&mut findings);
    scan.findings = findings;
    AuditReport {
        scan,
        answers: answers.clone(),
        notes: answers::Notes::new(),
        audit: AuditMeta {
            questionnaire_id: q.q.id.clone(),
            questionnaire_version: q.q.version.clone(),
            mode: mode.to_string(),
            started_at: None,
            finished_at: None,
        },
        risk_matrix,
        diff: None,
    }
}

/// Questions the scan's evidence asks (`show_if.found`) that have no answer: an unanswered
/// control is treated as not in place, so the finding carries the question's worst risk.
pub fn unanswered_on_evidence(
    q: &Loaded,
    answers: &Answers,
    found: &BTreeSet<String>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in q.questions() {
        let Some(show) = &r.question.show_if else {
            continue;
        };
        let hits: Vec<&String> = show
            .get_ref()
            .found
            .iter()
            .filter(|c| found.contains(*c))
            .collect();
        if hits.is_empty() || answers.contains_key(r.full_id) {
            continue;
        }
        let worst = r
            .question
            .risk
            .values()
            .copied()
            .chain(r.question.options.iter().filter_map(|o| o.risk))
            .max()
            .unwrap_or(2);
        // "Health data", not the option's whole label with its examples in brackets.
        let what = hits
            .iter()
            .map(|c| {
                let l = category_label(q, c);
                l.split(" (").next().unwrap_or(&l).to_string()
            })
            .collect::<Vec<_>>()
            .join(", ");
        out.push(
            raise(
                "unanswered_on_evidence",
                Place::Question {
                    question: r.full_id.to_string(),
                },
                vars!(prompt = r.question.prompt, found = what),
                vec![
                    format!("the scan found {what}"),
                    format!("{} has no answer", r.full_id),
                ],
            )
            .with_severity(severity_of(worst))
            .with_references(&r.question.references),
        );
    }
    out
}

/// Findings from answers that carry a risk weight in the questionnaire (`found`: the categories
/// the scan found, which bring in the questions `show_if.found` names).
pub fn answer_findings(q: &Loaded, answers: &Answers, found: &BTreeSet<String>) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in q.questions() {
        let Some(a) = answers.get(r.full_id) else {
            continue;
        };
        if !answers::visible_given(q, r.full_id, answers, found) {
            continue;
        }
        let question = r.question;
        let weight = match *question.kind.get_ref() {
            QuestionType::YesNo | QuestionType::YesPartlyNo => {
                a.as_str().and_then(|s| question.risk.get(s).copied())
            }
            QuestionType::SingleChoice => a
                .as_str()
                .and_then(|s| question.options.iter().find(|o| o.value == s))
                .and_then(|o| o.risk),
            QuestionType::MultiChoice => a
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str())
                .filter_map(|s| {
                    question
                        .options
                        .iter()
                        .find(|o| o.value == s)
                        .and_then(|o| o.risk)
                })
                .max(),
            _ => None,
        };
        let (Some(w), Some(text)) = (weight, &question.finding) else {
            continue;
        };
        out.push(
            raise(
                "answer",
                Place::Question {
                    question: r.full_id.to_string(),
                },
                vars!(title = text.title, recommendation = text.recommendation),
                vec![format!(
                    "\"{}\" — answered: {}",
                    question.prompt,
                    answers::shown(question, a)
                )],
            )
            .with_severity(severity_of(w))
            .with_references(&question.references)
            .for_each(r.full_id),
        );
    }
    out
}

/// The rated scenarios (pairs of scale questions).
pub fn risk_matrix(q: &Loaded, answers: &Answers) -> Vec<RiskEntry> {
    type Rating = Option<(u8, String)>;
    let mut by: BTreeMap<String, (Rating, Rating, String)> = BTreeMap::new();
    for r in q.questions() {
        let (Some(s), Some(d)) = (&r.question.scenario, r.question.dimension.as_deref()) else {
            continue;
        };
        let entry = by.entry(s.clone()).or_default();
        if d == "likelihood" || entry.2.is_empty() {
            // "Stolen laptop or staff login: how likely …" → the scenario's name.
            let p = &r.question.prompt;
            entry.2 = p
                .split_once(':')
                .map_or(p.as_str(), |(head, _)| head)
                .trim()
                .to_string();
        }
        let Some(a) = answers.get(r.full_id) else {
            continue;
        };
        let v = a.get("value").and_then(Json::as_u64).unwrap_or(0) as u8;
        let j = a
            .get("justification")
            .and_then(Json::as_str)
            .unwrap_or("")
            .to_string();
        if d == "likelihood" {
            entry.0 = Some((v, j));
        } else {
            entry.1 = Some((v, j));
        }
    }
    by.into_iter()
        .filter_map(|(scenario, (l, s, title))| {
            let ((l, lj), (s, sj)) = (l?, s?);
            Some(RiskEntry {
                scenario,
                title,
                likelihood: l,
                severity: s,
                score: l * s,
                justification: format!("likelihood: {lj}; severity: {sj}"),
            })
        })
        .collect()
}

fn category_label(q: &Loaded, c: &str) -> String {
    q.get("data.categories")
        .and_then(|r| {
            r.question
                .options
                .iter()
                .find(|o| o.value == c)
                .map(|o| o.label.clone())
        })
        .unwrap_or_else(|| c.replace('_', " "))
}

/// Whether a reader role is on the answered list (`user@host` matches `user`).
pub(crate) fn role_listed(role: &str, readers: &[String]) -> bool {
    let user = role
        .split('@')
        .next()
        .unwrap_or(role)
        .trim_matches('\'')
        .trim_matches('`');
    readers.iter().any(|r| {
        let r = r.trim();
        r.eq_ignore_ascii_case(role)
            || r.eq_ignore_ascii_case(user)
            || r.split('@').next().is_some_and(|u| {
                u.trim_matches('\'').eq_ignore_ascii_case(user) && !r.contains('@')
            })
    })
}

/// The place of a comparison of `data.categories` with the scan, for one category.
fn categories_place(category: Option<&str>) -> Place {
    Place::Comparison {
        question: "data.categories".into(),
        category: category.map(str::to_string),
    }
}

/// Reconciliation: the contract answers held against the evidence.
pub fn reconcile(q: &Loaded, answers: &Answers, scan: &ScanReport) -> Vec<Finding> {
    let mut out = Vec::new();
    let list = |id: &str| -> Option<Vec<String>> {
        answers.get(id).and_then(Json::as_array).map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
    };
    // 1. Categories found but not declared, and declared but not found.
    if let Some(declared) = list("data.categories") {
        let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for c in &scan.columns {
            for cat in &c.categories {
                found.entry(cat.clone()).or_default().push(format!(
                    "{}.{}.{}.{}",
                    c.database, c.schema, c.table, c.column
                ));
            }
        }
        for (cat, cols) in &found {
            if declared.contains(cat) {
                continue;
            }
            let sev = if SPECIAL_CATEGORIES.contains(&cat.as_str())
                || cat == "payment_card"
                || cat == "national_id"
            {
                Severity::Critical
            } else {
                Severity::High
            };
            let mut evidence = vec![format!("data.categories does not include {cat}")];
            evidence.extend(cols.iter().take(6).map(|c| format!("found in {c}")));
            if cols.len() > 6 {
                evidence.push(format!("… and {} more column(s)", cols.len() - 6));
            }
            out.push(
                raise(
                    "undeclared",
                    categories_place(Some(cat)),
                    vars!(category = category_label(q, cat)),
                    evidence,
                )
                .with_severity(sev)
                .for_each(cat),
            );
        }
        for cat in declared.iter().filter(|c| !found.contains_key(*c)) {
            let scanned = scan.databases.iter().filter(|d| d.error.is_none()).count();
            out.push(
                raise(
                    "declared_not_found",
                    categories_place(Some(cat)),
                    vars!(category = category_label(q, cat)),
                    vec![format!(
                        "{scanned} database(s) scanned, no column classified as {cat}"
                    )],
                )
                .for_each(cat),
            );
        }
    }
    // 2. Readers not on the approved list.
    if let Some(readers) = list("access.readers") {
        let mut unlisted: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
        for a in scan
            .access
            .iter()
            .filter(|a| a.state == AccessState::Confirmed)
        {
            if role_listed(&a.role, &readers) {
                continue;
            }
            let what = match &a.column {
                Some(c) => format!("{}.{}.{} via {}", a.schema, a.table, c, a.via),
                None => format!("{}.{} via {}", a.schema, a.table, a.via),
            };
            unlisted
                .entry((a.database.clone(), a.role.clone()))
                .or_default()
                .insert(what);
        }
        for ((db, role), what) in unlisted {
            let mut evidence = vec![format!(
                "{role} is not in access.readers ({})",
                readers.join(", ")
            )];
            evidence.extend(what.iter().take(8).cloned());
            if what.len() > 8 {
                evidence.push(format!("… and {} more", what.len() - 8));
            }
            out.push(raise(
                "unapproved_reader",
                Place::role(&db, &role),
                vars!(role = role),
                evidence,
            ));
        }
        let indeterminate = scan
            .access
            .iter()
            .filter(|a| a.state == AccessState::Indeterminate)
            .count();
        if indeterminate > 0 {
            out.push(raise(
                "readers_indeterminate",
                Place::Comparison {
                    question: "access.readers".into(),
                    category: None,
                },
                vars!(),
                vec![format!(
                    "{indeterminate} access record(s) are indeterminate: the scanning account could not see enough"
                )],
            ));
        }
    }
    // 3. Rows older than the declared retention period.
    if let Some(max_days) = answers.get("retention.max_age_days").and_then(Json::as_f64) {
        let days = max_days.round() as u32;
        for r in &scan.retention {
            // The scan counted rows past the declared period when it knew the answer (see
            // `scan_options`); a scan run before the answer still has the oldest row's age.
            let counted = r.older_than.iter().find(|b| b.days == days);
            let (n, how) = match counted {
                Some(b) => match b.rows.filter(|n| *n > 0) {
                    Some(n) => (
                        format!("{}{n}", if b.estimated { "about " } else { "" }),
                        if b.estimated {
                            "estimated from the sample"
                        } else {
                            "exact, through an index"
                        },
                    ),
                    None => continue,
                },
                None => match r.oldest_age_days {
                    Some(age) if age > i64::from(days) => (
                        "at least 1".to_string(),
                        "the oldest row is older; rescan to count them",
                    ),
                    _ => continue,
                },
            };
            out.push(raise(
                "retention_exceeded",
                Place::table(&r.database, &r.schema, &r.table),
                vars!(table = r.table, column = r.column, days = days),
                vec![
                    format!("retention.max_age_days = {days}"),
                    format!("rows older than that: {n} ({how})"),
                    format!(
                        "oldest row: {} ({})",
                        r.oldest.as_deref().unwrap_or("?"),
                        r.column_note()
                    ),
                ],
            ));
        }
    }
    let answer = |id: &str| answers.get(id).and_then(Json::as_str).map(str::to_string);
    // 4. TLS declared but off.
    if answer("security.tls_in_transit").as_deref() == Some("yes") {
        for p in scan
            .posture
            .iter()
            .filter(|p| p.state == PostureState::Fail)
        {
            if p.about_transport() {
                out.push(raise(
                    "tls_declared_not_enforced",
                    Place::setting(&p.database, &p.check),
                    vars!(),
                    vec![
                        "security.tls_in_transit = yes".into(),
                        format!("{}: {}", p.check, p.evidence),
                    ],
                ));
            }
        }
    }
    // 5. Hashed passwords declared, plain text found.
    if answer("security.password_storage").as_deref() == Some("hashed") {
        for c in scan.columns.iter().filter(|c| c.category == "password") {
            out.push(raise(
                "hashed_declared_plaintext_found",
                crate::findings::column_place(c),
                vars!(),
                vec![
                    "security.password_storage = hashed".into(),
                    format!(
                        "{}.{}: {}/{} sampled values are not hashes",
                        c.table,
                        c.column,
                        c.values_matched,
                        c.decided()
                    ),
                ],
            ));
        }
    }
    // 6. "No personal data in free text" declared, but the scan finds it there.
    if answer("minimisation.free_text").as_deref() == Some("no") {
        for c in scan.columns.iter().filter(|c| c.evidence.in_documents()) {
            let mut evidence = vec!["minimisation.free_text = no".to_string()];
            evidence.extend(c.signals.iter().cloned());
            out.push(raise(
                "free_text_declared_clean",
                crate::findings::column_place(c),
                vars!(table = c.table),
                evidence,
            ));
        }
    }
    // 7. Encryption at rest declared, plaintext SQLite found.
    if answer("security.encryption_at_rest").as_deref() == Some("yes") {
        for p in scan
            .posture
            .iter()
            .filter(|p| p.check == "sqlite.encrypted_at_rest" && p.state == PostureState::Fail)
        {
            if !scan.columns.iter().any(|c| c.database == p.database) {
                continue;
            }
            // At the place of the scan's own finding about the file, so the two are one.
            let place = scan
                .findings
                .iter()
                .find(|f| {
                    f.check == "sqlite_plaintext_file" && f.place.database_id() == Some(&p.database)
                })
                .map_or_else(
                    || Place::setting(&p.database, &p.check),
                    |f| f.place.clone(),
                );
            out.push(raise(
                "encryption_declared_plaintext_found",
                place,
                vars!(),
                vec![
                    "security.encryption_at_rest = yes".into(),
                    p.evidence.clone(),
                ],
            ));
        }
    }
    out
}

/// Overall rating from the worst finding.
pub fn rating(findings: &[Finding]) -> &'static str {
    match findings.iter().map(|f| f.severity).max() {
        Some(Severity::Critical) => "critical — act now",
        Some(Severity::High) => "poor — significant gaps",
        Some(Severity::Medium) => "fair — gaps to close",
        Some(Severity::Low) => "good — minor gaps",
        _ => "good",
    }
}

/// Whether a JSON document is something `diff` can compare — a report.json, a scan's JSON or
/// a session — and if not, what is wrong with it. Checked against the report's types.
pub fn check_comparable(v: &Json) -> Result<(), String> {
    let root = if v.get("scan").is_some_and(Json::is_object) {
        &v["scan"]
    } else {
        v
    };
    if !root.is_object() {
        return Err("not a privaudit report or session: the document is not a JSON object".into());
    }
    serde_json::from_value::<ScanReport>(root.clone())
        .map(|_| ())
        .map_err(|e| {
            format!(
                "not a privaudit report or session ({e}); give a report.json from `privaudit audit`, \
                 the JSON of `privaudit scan`, or a session file"
            )
        })
}

/// Compare two reports (report.json, a scan JSON, or a session file), as JSON values.
pub fn diff(old: &Json, new: &Json) -> Diff {
    let root = |v: &'_ Json| -> Json {
        if v.get("scan").is_some_and(Json::is_object) {
            v["scan"].clone()
        } else {
            v.clone()
        }
    };
    let (old, new) = (root(old), root(new));
    let findings = |v: &Json| -> BTreeMap<String, String> {
        v.get("findings")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
            // A finding and the views merged into it (`also`): a baseline that had a view on
            // its own still finds it.
            .flat_map(|f| {
                std::iter::once(f)
                    .chain(f.get("also").and_then(Json::as_array).into_iter().flatten())
            })
            .filter_map(|f| {
                Some((
                    f.get("id")?.as_str()?.to_string(),
                    f.get("title")
                        .and_then(Json::as_str)
                        .unwrap_or("")
                        .to_string(),
                ))
            })
            .collect()
    };
    let columns = |v: &Json| -> BTreeSet<String> {
        v.get("columns")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
            .map(|c| {
                let s = |k: &str| c.get(k).and_then(Json::as_str).unwrap_or("").to_string();
                format!(
                    "{}.{}.{}.{}",
                    s("database"),
                    s("schema"),
                    s("table"),
                    s("column")
                )
            })
            .collect()
    };
    let readers = |v: &Json| -> BTreeSet<String> {
        v.get("access")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
            .filter(|a| a.get("state").and_then(Json::as_str) != Some("indeterminate"))
            .map(|a| {
                let s = |k: &str| a.get(k).and_then(Json::as_str).unwrap_or("").to_string();
                let col = a
                    .get("column")
                    .and_then(Json::as_str)
                    .map(|c| format!(".{c}"))
                    .unwrap_or_default();
                format!(
                    "{} → {}.{}.{}{col}",
                    s("role"),
                    s("database"),
                    s("schema"),
                    s("table")
                )
            })
            .collect()
    };
    let (fo, fnew) = (findings(&old), findings(&new));
    let label = |id: &String, t: &String| format!("{id} — {t}");
    let (co, cn) = (columns(&old), columns(&new));
    let (ro, rn) = (readers(&old), readers(&new));
    Diff {
        new_findings: fnew
            .iter()
            .filter(|(k, _)| !fo.contains_key(*k))
            .map(|(k, t)| label(k, t))
            .collect(),
        resolved_findings: fo
            .iter()
            .filter(|(k, _)| !fnew.contains_key(*k))
            .map(|(k, t)| label(k, t))
            .collect(),
        unchanged_findings: fnew
            .iter()
            .filter(|(k, _)| fo.contains_key(*k))
            .map(|(k, t)| label(k, t))
            .collect(),
        columns_appeared: cn.difference(&co).cloned().collect(),
        columns_disappeared: co.difference(&cn).cloned().collect(),
        readers_gained: rn.difference(&ro).cloned().collect(),
        readers_lost: ro.difference(&rn).cloned().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tls_answers_are_held_against_the_transport_checks_by_id() {
        let q = crate::questionnaire::builtin().expect("questionnaire");
        let mut answers = Answers::new();
        answers.insert("security.tls_in_transit".into(), json!("yes"));
        let mut scan: ScanReport = serde_json::from_value(json!({
            "tool": {"name": "privaudit", "version": "0"}, "started_at": "", "finished_at": "",
            "databases": [], "columns": [], "access": [], "posture": [], "skipped": [],
            "findings": []
        }))
        .expect("empty scan");
        for check in crate::model::TRANSPORT_CHECKS
            .iter()
            .chain(&["pg.password_encryption"])
        {
            scan.posture.push(crate::model::PostureCheck {
                database: "db".into(),
                check: check.to_string(),
                state: PostureState::Fail,
                evidence: "off".into(),
            });
        }
        let found: Vec<String> = reconcile(&q, &answers, &scan)
            .into_iter()
            .filter(|f| f.title.contains("does not enforce TLS"))
            .map(|f| f.location)
            .collect();
        assert_eq!(
            found.len(),
            crate::model::TRANSPORT_CHECKS.len(),
            "{found:?}"
        );
        assert!(!found.iter().any(|l| l.contains("password_encryption")));
    }

    #[test]
    fn diff_lists_new_resolved_and_unchanged() {
        let old = json!({"findings": [{"id": "A", "title": "a"}, {"id": "B", "title": "b"}],
            "columns": [{"database": "d", "schema": "s", "table": "t", "column": "email"}],
            "access": [{"database": "d", "schema": "s", "table": "t", "column": null, "role": "bob", "state": "confirmed"}]});
        let new = json!({"scan": {"findings": [{"id": "B", "title": "b"}, {"id": "C", "title": "c"}],
            "columns": [{"database": "d", "schema": "s", "table": "t", "column": "phone"}],
            "access": [{"database": "d", "schema": "s", "table": "t", "column": null, "role": "eve", "state": "confirmed"}]}});
        let d = diff(&old, &new);
        assert_eq!(d.new_findings, ["C — c"]);
        assert_eq!(d.resolved_findings, ["A — a"]);
        assert_eq!(d.unchanged_findings, ["B — b"]);
        assert_eq!(d.columns_appeared, ["d.s.t.phone"]);
        assert_eq!(d.columns_disappeared, ["d.s.t.email"]);
        assert_eq!(d.readers_gained, ["eve → d.s.t"]);
        assert_eq!(d.readers_lost, ["bob → d.s.t"]);
    }

    #[test]
    fn readers_match_with_or_without_host() {
        let r = vec!["app_service".to_string(), "'report'@'%'".to_string()];
        assert!(role_listed("app_service", &r));
        assert!(role_listed("app_service@localhost", &r));
        assert!(role_listed("'report'@'%'", &r));
        assert!(!role_listed("intruder", &r));
    }
}
