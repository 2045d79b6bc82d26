//! SQLite: "access" is the file system. Who can read the database file and its `-wal`, `-shm`
//! and `-journal` companions (owner, group, everyone, from the mode bits), whether the directory
//! lets others in, and whether the file is plain SQLite (readable by anyone who gets a copy).
//!
//! The built-in sample lives in memory and has no file: nothing to report.

use std::path::{Path, PathBuf};

use crate::access::{AccessOutcome, PdTable};
use crate::findings::raise;
use crate::model::{
    AccessRecord, AccessState, Place, PostureCheck, PostureState, Sensitivity, Severity,
};
use crate::vars;

/// Mode, owner and group of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFacts {
    /// The path.
    pub path: PathBuf,
    /// Permission bits (`0o640`).
    pub mode: u32,
    /// Owner uid.
    pub uid: u32,
    /// Group gid.
    pub gid: u32,
}

#[cfg(unix)]
fn facts(path: &Path) -> Option<FileFacts> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    Some(FileFacts {
        path: path.to_path_buf(),
        mode: m.mode() & 0o7777,
        uid: m.uid(),
        gid: m.gid(),
    })
}

#[cfg(not(unix))]
fn facts(_path: &Path) -> Option<FileFacts> {
    None
}

/// A user's name through the system's lookup (NSS: files, LDAP, SSSD …), else the number.
#[cfg(unix)]
fn user_name(id: u32) -> String {
    uzers::get_user_by_uid(id)
        .map(|u| u.name().to_string_lossy().into_owned())
        .unwrap_or_else(|| id.to_string())
}

/// A group's name through the system's lookup, else the number.
#[cfg(unix)]
fn group_name(id: u32) -> String {
    uzers::get_group_by_gid(id)
        .map(|g| g.name().to_string_lossy().into_owned())
        .unwrap_or_else(|| id.to_string())
}

/// Whether the file starts with the plain SQLite 3 header.
pub fn is_plaintext(path: &Path) -> std::io::Result<bool> {
    use std::io::Read;
    let mut h = [0u8; 16];
    let mut f = std::fs::File::open(path)?;
    let n = f.read(&mut h)?;
    Ok(n == 16 && h == *super::HEADER)
}

/// Analyse the database file of a SQLite target.
pub async fn analyze(db: &super::Sqlite, database: &str, pd: &[PdTable]) -> AccessOutcome {
    match db.path() {
        Some(path) => analyze_path(path, database, pd),
        None => sample_outcome(database, pd),
    }
}

/// The built-in sample stands for a shop's SQLite file: it is plain SQLite, unencrypted. It has
/// no file, so there are no file modes to report.
fn sample_outcome(database: &str, pd: &[PdTable]) -> AccessOutcome {
    let mut out = AccessOutcome::default();
    out.posture.push(PostureCheck {
        database: database.to_string(),
        check: "sqlite.encrypted_at_rest".into(),
        state: PostureState::Fail,
        evidence: "the built-in sample is a plain SQLite database (loaded into memory from samples/shop.sql): not encrypted".into(),
    });
    if !pd.is_empty() {
        out.findings.push(
            raise(
                "sqlite_plaintext_file",
                Place::setting(database, "built-in sample"),
                vars!(),
                vec![
                    "plain SQLite, no encryption".into(),
                    format!("{} personal-data tables", pd.len()),
                ],
            )
            .with_severity(Severity::High),
        );
    }
    out
}

/// The analysis for a file path (separate for tests).
pub fn analyze_path(path: &Path, database: &str, pd: &[PdTable]) -> AccessOutcome {
    let mut out = AccessOutcome::default();
    let Some(main) = facts(path) else {
        out.warnings
            .push(format!("cannot read the mode of {}", path.display()));
        return out;
    };
    let mut files = vec![main.clone()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        if let Some(f) = facts(Path::new(&p)) {
            files.push(f);
        }
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir_facts = facts(dir);
    let owner = user_name(main.uid);
    let group = group_name(main.gid);
    let others_can_enter = dir_facts.as_ref().is_none_or(|d| d.mode & 0o001 != 0);
    let group_can_enter = dir_facts.as_ref().is_none_or(|d| d.mode & 0o010 != 0);
    let readable_by = |bit: u32| {
        files
            .iter()
            .filter(|f| f.mode & bit != 0)
            .map(|f| f.path.display().to_string())
            .collect::<Vec<_>>()
    };
    let world = readable_by(0o004);
    let grouped = readable_by(0o040);
    for t in pd {
        let mut push = |role: String, via: String, state: AccessState, note: Option<String>| {
            out.access.push(AccessRecord {
                database: database.to_string(),
                schema: t.schema.clone(),
                table: t.table.clone(),
                column: None,
                role,
                privilege: "file read".into(),
                via,
                state,
                note,
            });
        };
        push(
            owner.clone(),
            format!("file owner (mode {:04o})", main.mode),
            AccessState::Confirmed,
            None,
        );
        if main.mode & 0o040 != 0 {
            let note =
                (!group_can_enter).then(|| "the directory does not let the group in".to_string());
            push(
                format!("group {group}"),
                format!("group-readable file (mode {:04o})", main.mode),
                AccessState::Confirmed,
                note,
            );
        }
        if main.mode & 0o004 != 0 {
            let note =
                (!others_can_enter).then(|| "the directory does not let others in".to_string());
            push(
                "everyone".into(),
                format!("world-readable file (mode {:04o})", main.mode),
                AccessState::Confirmed,
                note,
            );
        }
    }
    let exposed = !pd.is_empty();
    let check = |id: &str, fail: bool, evidence: String| PostureCheck {
        database: database.to_string(),
        check: id.to_string(),
        state: if fail {
            PostureState::Fail
        } else {
            PostureState::Pass
        },
        evidence,
    };
    let describe = |list: &[String]| {
        if list.is_empty() {
            "no file".to_string()
        } else {
            list.join(", ")
        }
    };
    out.posture.push(check(
        "sqlite.world_readable",
        !world.is_empty() && others_can_enter,
        format!("readable by everyone: {}", describe(&world)),
    ));
    out.posture.push(check(
        "sqlite.group_readable",
        !grouped.is_empty() && group_can_enter,
        format!("readable by group {group}: {}", describe(&grouped)),
    ));
    let shown_path = path.display().to_string();
    let place = || Place::File {
        database: database.to_string(),
        path: shown_path.clone(),
    };
    let sensitive = pd
        .iter()
        .map(|t| t.sensitivity)
        .max()
        .unwrap_or(Sensitivity::Low);
    if exposed && !world.is_empty() && others_can_enter {
        out.findings.push(
            raise(
                "sqlite_world_readable",
                place(),
                vars!(path = shown_path),
                vec![
                    format!("mode {:04o}, owner {owner}, group {group}", main.mode),
                    format!("world-readable: {}", world.join(", ")),
                    format!("{} personal-data tables", pd.len()),
                ],
            )
            .with_severity(if sensitive >= Sensitivity::High {
                Severity::Critical
            } else {
                Severity::High
            }),
        );
    } else if exposed && !grouped.is_empty() && group_can_enter {
        out.findings.push(raise(
            "sqlite_group_readable",
            place(),
            vars!(path = shown_path, group = group),
            vec![
                format!("mode {:04o}, group {group}", main.mode),
                format!("group-readable: {}", grouped.join(", ")),
            ],
        ));
    }
    match is_plaintext(path) {
        Ok(plain) => {
            out.posture.push(PostureCheck {
                database: database.to_string(),
                check: "sqlite.encrypted_at_rest".into(),
                state: if plain {
                    PostureState::Fail
                } else {
                    PostureState::Pass
                },
                evidence: if plain {
                    "the file starts with the plain \"SQLite format 3\" header: not encrypted"
                        .into()
                } else {
                    "no plain SQLite header: possibly encrypted".into()
                },
            });
            if plain && exposed {
                let categories: std::collections::BTreeSet<&str> = pd
                    .iter()
                    .flat_map(|t| t.categories.iter().map(String::as_str))
                    .collect();
                out.findings.push(
                    raise(
                        "sqlite_plaintext_file",
                        place(),
                        vars!(),
                        vec![
                            "plain \"SQLite format 3\" header".into(),
                            format!(
                                "categories: {}",
                                categories.into_iter().collect::<Vec<_>>().join(", ")
                            ),
                        ],
                    )
                    .with_severity(if sensitive >= Sensitivity::High {
                        Severity::High
                    } else {
                        Severity::Medium
                    }),
                );
            }
        }
        Err(e) => out
            .warnings
            .push(format!("cannot read the header of {}: {e}", path.display())),
    }
    out
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn pd() -> Vec<PdTable> {
        vec![PdTable {
            schema: "main".into(),
            table: "customers".into(),
            columns: vec!["email".into()],
            categories: vec!["email".into()],
            sensitivity: Sensitivity::Medium,
        }]
    }

    #[test]
    fn world_readable_plain_file_is_two_findings() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))
            .expect("chmod");
        let f = dir.path().join("shop.db");
        let mut bytes = super::super::HEADER.to_vec();
        bytes.extend_from_slice(&[0u8; 100]);
        std::fs::write(&f, bytes).expect("write");
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let out = analyze_path(&f, "shop", &pd());
        let checks: Vec<(&str, PostureState)> = out
            .posture
            .iter()
            .map(|p| (p.check.as_str(), p.state))
            .collect();
        assert!(
            checks.contains(&("sqlite.world_readable", PostureState::Fail)),
            "{checks:?}"
        );
        assert!(checks.contains(&("sqlite.encrypted_at_rest", PostureState::Fail)));
        assert!(out.access.iter().any(|a| a.role == "everyone"));
        let titles: Vec<&str> = out.findings.iter().map(|f| f.title.as_str()).collect();
        assert_eq!(out.findings.len(), 2, "{titles:?}");

        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        let out = analyze_path(&f, "shop", &pd());
        assert!(out.access.iter().all(|a| a.role != "everyone"));
        assert_eq!(out.findings.len(), 1, "only the encryption finding is left");
    }

    #[test]
    fn a_file_without_the_header_counts_as_possibly_encrypted() {
        let dir = tempfile::tempdir().expect("tempdir");
        let f = dir.path().join("enc.db");
        std::fs::write(&f, [0x13u8; 64]).expect("write");
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        let out = analyze_path(&f, "enc", &pd());
        let enc = out
            .posture
            .iter()
            .find(|p| p.check == "sqlite.encrypted_at_rest")
            .expect("check");
        assert_eq!(enc.state, PostureState::Pass);
        assert!(enc.evidence.contains("possibly encrypted"));
    }
}
