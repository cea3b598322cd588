//! Recovery files: the open document written aside within seconds of every change, so that a
//! crash, a power cut or a killed process loses nothing that was typed. A recovery file lives
//! beside the project (".name.ron.recovery") or, for a document never saved, in the program's
//! data folder; it is removed once the document is saved or its changes are discarded.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::project_file::{ProjectFileError, Unreadable, write_atomically};
use crate::model::Project;

/// What a recovery file holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recovery {
    /// The file the document was opened from or saved to, if any.
    pub original: Option<PathBuf>,
    /// When it was written (UTC).
    pub written: String,
    pub project: Project,
}

/// Where the recovery of a document lives.
pub fn recovery_path(document: Option<&Path>, data_dir: &Path) -> PathBuf {
    match document.and_then(|p| Some((p.parent()?, p.file_name()?))) {
        Some((folder, name)) => folder.join(format!(".{}.recovery", name.to_string_lossy())),
        None => data_dir.join("untitled.recovery.ron"),
    }
}

/// Writes a recovery file atomically.
pub fn write_recovery(path: &Path, recovery: &Recovery) -> std::io::Result<()> {
    if let Some(folder) = path.parent() {
        fs::create_dir_all(folder)?;
    }
    let text =
        ron::ser::to_string_pretty(recovery, ron::ser::PrettyConfig::new().struct_names(false))
            .map_err(std::io::Error::other)?;
    write_atomically(path, text.as_bytes())
}

/// Reads a recovery file.
pub fn read_recovery(path: &Path) -> Result<Recovery, ProjectFileError> {
    let text = fs::read_to_string(path).map_err(|source| ProjectFileError::Read {
        path: path.to_owned(),
        source,
    })?;
    ron::from_str(&text).map_err(|e| ProjectFileError::Parse {
        origin: path.display().to_string(),
        why: Unreadable::Syntax {
            message: e.code.to_string(),
            line: e.span.start.line,
            column: e.span.start.col,
        },
    })
}

/// Removes a recovery file if there is one.
pub fn remove_recovery(path: &Path) {
    let _ = fs::remove_file(path);
}
