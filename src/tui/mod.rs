//! The interactive audit: a ratatui app over the core (questionnaire, answers, scan, audit,
//! report, session). This is the only module that knows about terminals; everything it shows is
//! computed by the core, so an interactive audit and a scripted one give the same report.
//!
//! Elm architecture: [`app::App`] is the model, [`app::update`] turns an [`app::Action`] into
//! model changes and at most one [`app::Command`] (a side effect the event loop in [`run`]
//! executes), [`view::draw`] renders the model, and [`keys::BINDINGS`] is the one table of key
//! bindings behind key handling, the footer and the help overlay.

pub mod app;
pub mod input;
pub mod keys;
pub mod run;
pub mod view;

#[cfg(test)]
mod tests;
