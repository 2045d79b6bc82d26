//! privaudit: find personal data in PostgreSQL, MySQL/MariaDB and SQLite databases, see who can
//! read it, and compile an audit report.
//!
//! The core (targets, databases, classification, scan, report) knows nothing about terminals;
//! `tui` (the interactive audit) and the CLI in `main.rs` are thin faces over it.

pub mod access;
pub mod answers;
pub mod audit;
pub mod classify;
pub mod db;
pub mod escape;
pub mod evidence;
pub mod findings;
pub mod fsutil;
pub mod model;
pub mod questionnaire;
pub mod report;
pub mod retention;
pub mod rules;
pub mod sample;
pub mod scan;
pub mod session;
pub mod target;
pub mod tui;
