//! rbf-targets: set, defend and verify performance targets of results-based-financing health
//! programs with the cost-benefit method of IDB technical note IDB-TN-983.
//!
//! Layers: [`model`] is pure computation; [`document`] wraps a project with its edit history;
//! [`io`] reads and writes files; [`cli`] is the headless command line; [`ui`] is the window.

pub mod cli;
pub mod document;
pub mod i18n;
pub mod io;
pub mod model;
pub mod paste;
pub mod present;
pub mod report;
pub mod room;
pub mod schema;
pub mod synthetic;
pub mod text;
pub mod ui;
