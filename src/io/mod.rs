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
pub use xlsx_export::{ExportError, ExportOptions, export_xlsx, export_xlsx_meanwhile};

use std::path::Path;

use crate::i18n::Lang;
use crate::model::Project;

/// Why a file could not be opened.
#[derive(Debug)]
pub enum OpenError {
    Workbook(ImportError),
    Project(ProjectFileError),
}

impl OpenError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            OpenError::Workbook(error) => error.message(lang),
            OpenError::Project(error) => error.message(lang),
        }
    }
}

/// Opens any project file the program understands: a project (.ron) or a workbook laid out
/// like the IDB tool (.xlsx, .xls, .ods), with the import report for a workbook; `choices`
/// assigns a workbook's columns by hand.
pub fn open_project(
    path: &Path,
    choices: &Choices,
) -> Result<(Project, Option<ImportReport>), OpenError> {
    if is_workbook(path) {
        let import = import_workbook(path, choices).map_err(OpenError::Workbook)?;
        Ok((import.project, Some(import.report)))
    } else {
        Ok((load(path).map_err(OpenError::Project)?, None))
    }
}

/// True for the spreadsheet files the program imports.
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["xlsx", "xlsm", "xls", "ods"].contains(&e.to_ascii_lowercase().as_str()))
}

/// English, for `?` into a boxed error and for logs; what a person reads is made with
/// `message(lang)` in their language.
impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(crate::i18n::Lang::En))
    }
}

impl std::error::Error for OpenError {}
