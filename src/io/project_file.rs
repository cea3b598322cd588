//! The project file: RON, with a `format_version` so that a newer file is refused with a
//! clear message instead of being misread.

use crate::i18n::t;
use crate::tf;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::model::{FORMAT_VERSION, Project};

/// Project files larger than this are refused before they are parsed.
pub const MAX_PROJECT_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The El Salvador SM2015 sample, compiled into the program as its default document.
const EL_SALVADOR_SAMPLE: &str = include_str!("../../samples/el_salvador_sm2015.ron");

/// Why a project file could not be read or written.
#[derive(Debug, Error)]
pub enum ProjectFileError {
    #[error("{}", tf!("cannot read {}: {}", "no se puede leer {}: {}", .path.display(), .source))]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{}",
        tf!(
            "cannot save to {}: {}; the document is not saved",
            "no se puede guardar en {}: {}; el documento no está guardado",
            .path.display(),
            .source
        )
    )]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{}",
        tf!(
            "{} is too large to be a project file ({} bytes; at most {})",
            "{} es demasiado grande para ser un archivo de proyecto ({} bytes; como máximo {})",
            .path.display(),
            .size,
            MAX_PROJECT_FILE_BYTES
        )
    )]
    TooLarge { path: PathBuf, size: u64 },
    #[error(
        "{}",
        tf!(
            "{} is not a readable rbf-targets project: {}",
            "{} no es un proyecto de rbf-targets legible: {}",
            .origin,
            .message
        )
    )]
    Parse { origin: String, message: String },
    #[error(
        "{}",
        tf!(
            "{} was written by a newer rbf-targets (file format {}; this version reads up to {}); update rbf-targets to open it",
            "{} fue escrito por un rbf-targets más nuevo (formato {}; esta versión lee hasta {}); actualice rbf-targets para abrirlo",
            .origin,
            .found,
            FORMAT_VERSION
        )
    )]
    Newer { origin: String, found: u32 },
}

/// Reads only the version; other fields are skipped. 0 means the field is missing.
#[derive(Deserialize)]
struct VersionProbe {
    #[serde(default)]
    format_version: u32,
}

fn parse_error(origin: &str, error: &ron::error::SpannedError) -> ProjectFileError {
    ProjectFileError::Parse {
        origin: origin.to_owned(),
        message: tf!(
            "{} at line {}, column {}",
            "{} en la línea {}, columna {}",
            error
                .code
                .to_string()
                .replace("`VersionProbe`", "the project")
                .replace("`Project`", "the project"),
            error.span.start.line,
            error.span.start.col
        ),
    }
}

/// Reads a project from RON text; `origin` names it in messages (a path or "the sample").
pub fn load_str(text: &str, origin: &str) -> Result<Project, ProjectFileError> {
    if text.trim().is_empty() {
        return Err(ProjectFileError::Parse {
            origin: origin.to_owned(),
            message: t("the file is empty", "el archivo está vacío").to_owned(),
        });
    }
    let probe: VersionProbe = ron::from_str(text).map_err(|e| parse_error(origin, &e))?;
    match probe.format_version {
        0 => {
            return Err(ProjectFileError::Parse {
                origin: origin.to_owned(),
                message: t(
                    "it has no format_version field",
                    "no tiene el campo format_version",
                )
                .to_owned(),
            });
        }
        found if found > FORMAT_VERSION => {
            return Err(ProjectFileError::Newer {
                origin: origin.to_owned(),
                found,
            });
        }
        _ => {}
    }
    let mut project: Project = ron::from_str(text).map_err(|e| parse_error(origin, &e))?;
    migrate(&mut project);
    Ok(project)
}

/// Brings a project read from an older file format up to [`FORMAT_VERSION`].
///
/// - 1 → 2: version 2 added survey designs, payment weights, measurement rounds, the tranche,
///   sensitivity ranges and the audit log. A version-1 file has none of them, and the
///   defaults (no planned survey, equal payment weights, no rounds, an SMI-style 80% rule with
///   no amount, MODEL.md's ranges, an empty log) describe exactly that; nothing else changed.
fn migrate(project: &mut Project) {
    // 1 → 2 needs no rewriting: the fields it added were filled with their defaults while
    // reading. A later version that renames or restructures a field converts it here.
    project.format_version = FORMAT_VERSION;
}

/// Reads a project file.
pub fn load(path: &Path) -> Result<Project, ProjectFileError> {
    let read_error = |source| ProjectFileError::Read {
        path: path.to_owned(),
        source,
    };
    let size = fs::metadata(path).map_err(read_error)?.len();
    if size > MAX_PROJECT_FILE_BYTES {
        return Err(ProjectFileError::TooLarge {
            path: path.to_owned(),
            size,
        });
    }
    let bytes = fs::read(path).map_err(read_error)?;
    let text = String::from_utf8(bytes).map_err(|e| ProjectFileError::Parse {
        origin: path.display().to_string(),
        message: tf!(
            "it is not UTF-8 text (invalid byte at position {})",
            "no es texto UTF-8 (byte no válido en la posición {})",
            e.utf8_error().valid_up_to()
        ),
    })?;
    load_str(&text, &path.display().to_string())
}

/// The project as RON text, as [`save`] writes it.
pub fn to_ron_string(project: &Project) -> String {
    let mut project = project.clone();
    project.format_version = FORMAT_VERSION;
    let config = ron::ser::PrettyConfig::new().struct_names(false);
    // Serializing plain data structs to a String cannot fail; fall back to the compact form
    // rather than panic if it ever did.
    ron::ser::to_string_pretty(&project, config)
        .or_else(|_| ron::to_string(&project))
        .unwrap_or_default()
}

/// Writes the project atomically (see [`write_atomically`]).
pub fn save(project: &Project, path: &Path) -> Result<(), ProjectFileError> {
    write_atomically(path, to_ron_string(project).as_bytes()).map_err(|source| {
        ProjectFileError::Write {
            path: path.to_owned(),
            source,
        }
    })
}

/// Writes `bytes` to a temporary file in the same folder, flushes it to disk and renames it
/// over `path`, so that a crash or a full disk never leaves a truncated file; on failure the
/// temporary file is removed and `path` is untouched.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = folder.join(format!(".{file_name}.saving-{}", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// The embedded El Salvador sample (`samples/el_salvador_sm2015.ron`).
pub fn el_salvador_sample() -> Result<Project, ProjectFileError> {
    load_str(EL_SALVADOR_SAMPLE, "the embedded El Salvador sample")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_sample_loads() {
        let project = el_salvador_sample();
        assert!(project.is_ok(), "{project:?}");
    }

    #[test]
    fn a_newer_file_is_refused_with_its_version() {
        let error = load_str("(format_version: 99, indicators: [])", "new.ron");
        let message = error.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("newer rbf-targets"), "{message}");
        assert!(message.contains("file format 99"), "{message}");
    }

    #[test]
    fn a_file_without_version_is_refused() {
        let error = load_str("(indicators: [])", "old.ron");
        assert!(matches!(error, Err(ProjectFileError::Parse { .. })));
    }

    #[test]
    fn round_trip_keeps_every_input() -> Result<(), ProjectFileError> {
        let project = el_salvador_sample()?;
        let again = load_str(&to_ron_string(&project), "round trip")?;
        assert_eq!(project, again);
        Ok(())
    }
}
