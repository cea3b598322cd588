//! Files: the project file (RON). Spreadsheet import and export live here too.

pub mod project_file;

pub use project_file::{ProjectFileError, el_salvador_sample, load, load_str, save, to_ron_string};
