//! The audit session: answers, scan results and metadata in one JSON file, written atomically
//! (temporary file, fsync, rename) after every change, so nothing an auditor typed is lost.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::answers::{Answers, Notes};
use crate::model::ScanReport;

/// Format version of the session file.
pub const VERSION: u32 = 5;

/// Which questionnaire a session answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionnaireRef {
    /// Id.
    pub id: String,
    /// Version.
    pub version: String,
    /// A path, or "built-in".
    pub source: String,
}

/// An audit session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// File format version.
    pub version: u32,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339, updated on every save.
    pub updated_at: String,
    /// `scripted` or `interactive`.
    pub mode: String,
    /// The questionnaire answered.
    pub questionnaire: QuestionnaireRef,
    /// The targets, as shown (passwords removed: a session never stores one).
    pub targets: Vec<String>,
    /// Question id → answer.
    pub answers: Answers,
    /// Question id → the auditor's note on that answer (exceptions, who said so, to check).
    /// Version 5; older files have none.
    #[serde(default)]
    pub notes: Notes,
    /// The latest scan, if any.
    #[serde(default)]
    pub scan: Option<ScanReport>,
    /// Where the auditor was (a question id), for resuming.
    #[serde(default)]
    pub position: Option<String>,
}

impl Session {
    /// A new, empty session.
    pub fn new(mode: &str, questionnaire: QuestionnaireRef, targets: Vec<String>) -> Session {
        let now = crate::scan::now();
        Session {
            version: VERSION,
            created_at: now.clone(),
            updated_at: now,
            mode: mode.to_string(),
            questionnaire,
            targets,
            answers: Answers::new(),
            notes: Notes::new(),
            scan: None,
            position: None,
        }
    }

    /// Read a session file.
    pub fn load(path: &Path) -> Result<Session, String> {
        let text = std::fs::read(path)
            .map_err(|e| format!("cannot read session {}: {e}", path.display()))?;
        Self::from_slice(&text, &path.display().to_string())
    }

    /// A session from the bytes of a session file (`origin` names it in errors); files of older
    /// versions are brought up to date.
    pub fn from_slice(text: &[u8], origin: &str) -> Result<Session, String> {
        let mut s: Session = serde_json::from_slice(text).map_err(|e| {
            format!(
                "{origin}:{}:{}: not a privaudit session file: {e}",
                e.line(),
                e.column()
            )
        })?;
        if s.version > VERSION {
            return Err(format!(
                "{origin} was written by a newer privaudit (session version {}); upgrade privaudit",
                s.version
            ));
        }
        if s.version < 2 {
            upgrade_v1(&mut s);
        }
        if s.version < 3 {
            upgrade_v2(&mut s);
        }
        if s.version < 4 {
            upgrade_v3(&mut s);
        }
        if s.version < 5 {
            upgrade_v4(&mut s);
        }
        s.version = VERSION;
        Ok(s)
    }

    /// Write the session atomically.
    pub fn save(&mut self, path: &Path) -> Result<(), String> {
        self.updated_at = crate::scan::now();
        let data = crate::escape::json_pretty(self)
            .map_err(|e| format!("cannot encode the session: {e}"))?;
        crate::fsutil::write_atomic(path, &data)
            .map_err(|e| format!("cannot save session {}: {e}", path.display()))
    }
}

/// Version 4 had no notes; version 5 keeps one per answer next to the answers. Nothing of a
/// version 4 file changes: its answers, scan and position stay as they were, with no notes. A
/// note written for a question that has no answer is dropped by nobody: notes are kept as read.
fn upgrade_v4(s: &mut Session) {
    s.notes.retain(|_, n| !n.trim().is_empty());
}

/// Version 3 had a finding's place only as its location text and its check only inside its id;
/// version 4 has both as fields. Once, here: the check is the catalog entry the id was made from, and the place is the column, table or database
/// of the scan whose location is exactly the finding's; any other place is kept as legacy text.
fn upgrade_v3(s: &mut Session) {
    use crate::model::Place;
    let Some(scan) = s.scan.as_mut() else {
        return;
    };
    let mut known: std::collections::BTreeMap<String, Place> = std::collections::BTreeMap::new();
    for c in &scan.columns {
        let p = crate::findings::column_place(c);
        known.insert(p.render(), p);
        let t = Place::table(&c.database, &c.schema, &c.table);
        known.insert(t.render(), t);
    }
    for r in &scan.retention {
        let t = Place::table(&r.database, &r.schema, &r.table);
        known.insert(t.render(), t);
    }
    for d in &scan.databases {
        known.insert(d.id.clone(), Place::database(&d.id));
    }
    for f in scan.findings.iter_mut().filter(|f| f.check.is_empty()) {
        let shown =
            f.id.strip_prefix("PA-")
                .and_then(|rest| rest.rsplit_once('-'))
                .map(|(c, _)| c.to_string())
                .unwrap_or_default();
        // The catalog entry whose id is written that way in ids (`pg.ssl` is `PG-SSL`).
        f.check = crate::findings::catalog::entries()
            .keys()
            .find(|k| crate::findings::check_in_id(k) == shown)
            .cloned()
            .unwrap_or_else(|| shown.to_ascii_lowercase().replace('-', "_"));
        f.place = known.get(&f.location).cloned().unwrap_or(Place::Legacy {
            database: f.database.clone(),
            text: f.location.clone(),
        });
    }
}

/// Version 2 named a finding's database only as the first part of its location; version 3 has
/// it as a field. Read it from the location once, here, where it names a scanned database.
fn upgrade_v2(s: &mut Session) {
    let Some(scan) = s.scan.as_mut() else {
        return;
    };
    let ids: Vec<String> = scan.databases.iter().map(|d| d.id.clone()).collect();
    for f in scan.findings.iter_mut().filter(|f| f.database.is_none()) {
        let first = f.location.split([':', '.', ' ']).next().unwrap_or("");
        if ids.iter().any(|id| id == first) {
            f.database = Some(first.to_string());
        }
    }
}

/// Version 1 kept a column's kind of evidence and its weak-hash count only in the words of its
/// signals; version 2 has them as fields. Read them from the words once, here.
fn upgrade_v1(s: &mut Session) {
    use crate::model::Evidence;
    let Some(scan) = s.scan.as_mut() else {
        return;
    };
    for c in &mut scan.columns {
        let first = c.signals.first().map(String::as_str).unwrap_or("");
        c.evidence = if first.starts_with("free text:") {
            Evidence::FreeText
        } else if first.starts_with("JSON:") {
            Evidence::Json
        } else if c.signals.iter().any(|x| x.starts_with("name only")) {
            Evidence::NameOnly
        } else {
            Evidence::Values
        };
        c.weak_hashes = c
            .signals
            .iter()
            .find(|x| x.contains("unsalted digests"))
            .and_then(|x| x.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn version_1_sessions_get_typed_evidence() {
        let text = include_str!("../tests/golden/session.json");
        let s = Session::from_slice(text.as_bytes(), "session.json").expect("loads");
        assert_eq!(s.version, VERSION);
        let scan = s.scan.expect("scan");
        let col = |t: &str, c: &str| {
            scan.columns
                .iter()
                .find(|x| x.table == t && x.column == c)
                .unwrap_or_else(|| panic!("{t}.{c}"))
        };
        use crate::model::Evidence;
        assert_eq!(col("support_tickets", "body").evidence, Evidence::FreeText);
        assert_eq!(col("profiles", "profile").evidence, Evidence::Json);
        assert_eq!(col("customers", "email").evidence, Evidence::Values);
        // The weak-hash count came from the signal's words.
        let mut legacy = Session::from_slice(text.as_bytes(), "s").expect("loads");
        legacy.version = 1;
        if let Some(c) = legacy.scan.as_mut().and_then(|s| s.columns.first_mut()) {
            c.signals = vec!["12 sampled values are unsalted digests (MD5/SHA-1 style)".into()];
            c.weak_hashes = 0;
        }
        upgrade_v1(&mut legacy);
        assert_eq!(legacy.scan.expect("scan").columns[0].weak_hashes, 12);
    }
    use super::*;

    #[test]
    fn a_version_4_session_loads_with_every_answer_and_gets_notes() {
        let text = include_str!("../tests/golden/session.json");
        let mut v: serde_json::Value = serde_json::from_str(text).expect("json");
        v["version"] = serde_json::json!(4);
        if let Some(o) = v.as_object_mut() {
            o.remove("notes");
        }
        let old = serde_json::to_vec(&v).expect("encode");
        let s = Session::from_slice(&old, "v4.json").expect("a version 4 file loads");
        assert_eq!(s.version, 5);
        assert!(s.notes.is_empty());
        let answers: Answers = serde_json::from_value(v["answers"].clone()).expect("answers");
        assert!(!answers.is_empty());
        assert_eq!(s.answers, answers, "no answer lost");
        assert_eq!(s.position.as_deref(), v["position"].as_str());
        // And a version 5 file keeps its notes.
        let mut s = s;
        s.notes
            .insert("security.mfa_staff".into(), "contractors exempt".into());
        let back = Session::from_slice(&serde_json::to_vec(&s).expect("encode"), "v5.json")
            .expect("loads");
        assert_eq!(back.notes, s.notes);
    }

    #[test]
    fn round_trips_atomically() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.json");
        let mut s = Session::new(
            "interactive",
            QuestionnaireRef {
                id: "q".into(),
                version: "1".into(),
                source: "built-in".into(),
            },
            vec!["sample".into()],
        );
        s.answers
            .insert("data.categories".into(), serde_json::json!(["email"]));
        s.save(&path).expect("save");
        let back = Session::load(&path).expect("load");
        assert_eq!(back.answers, s.answers);
        assert_eq!(
            std::fs::read_dir(dir.path()).expect("dir").count(),
            1,
            "no temp files left"
        );
        std::fs::write(&path, "{ not json").expect("write");
        let e = Session::load(&path).expect_err("bad");
        assert!(e.contains("not a privaudit session file"), "{e}");
    }
}
