//! Files: the project file (RON), and import and export of spreadsheets.

pub mod import;
pub mod project_file;
pub mod recovery;
pub mod xlsx_analyses;
pub mod xlsx_export;

pub use import::{
    Choices, Import, ImportError, ImportReport, import_book, import_workbook, import_xlsx,
    read_book,
};
pub use project_file::{ProjectFileError, el_salvador_sample, load, load_str, save, to_ron_string};
pub use xlsx_export::{ExportError, ExportOptions, export_xlsx};

use std::path::Path;

/// True for the spreadsheet files the program imports.
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["xlsx", "xlsm", "xls", "ods"].contains(&e.to_ascii_lowercase().as_str()))
}
