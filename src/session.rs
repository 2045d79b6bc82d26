//! The audit session: answers, scan results and metadata in one JSON file, written atomically
//! (temporary file, fsync, rename) after every change, so nothing an auditor typed is lost.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::answers::Answers;
use crate::model::ScanReport;

/// Format version of the session file.
pub const VERSION: u32 = 1;

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
            scan: None,
            position: None,
        }
    }

    /// Read a session file.
    pub fn load(path: &Path) -> Result<Session, String> {
        let text = std::fs::read(path)
            .map_err(|e| format!("cannot read session {}: {e}", path.display()))?;
        let s: Session = serde_json::from_slice(&text).map_err(|e| {
            format!(
                "{}:{}:{}: not a privaudit session file: {e}",
                path.display(),
                e.line(),
                e.column()
            )
        })?;
        if s.version > VERSION {
            return Err(format!(
                "{} was written by a newer privaudit (session version {}); upgrade privaudit",
                path.display(),
                s.version
            ));
        }
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

#[cfg(test)]
mod tests {
    use super::*;

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
