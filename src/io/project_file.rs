//! The project file: RON, with a `format_version` so that a newer file is refused with a
//! clear message instead of being misread.

use crate::i18n::Lang;
use crate::tr;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::{FORMAT_VERSION, Project};

/// Project files larger than this are refused before they are parsed.
pub const MAX_PROJECT_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The El Salvador SM2015 sample, compiled into the program as its default document.
const EL_SALVADOR_SAMPLE: &str = include_str!("../../samples/el_salvador_sm2015.ron");

/// Why a project file could not be read or written.
#[derive(Debug)]
pub enum ProjectFileError {
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    TooLarge {
        path: PathBuf,
        size: u64,
    },
    /// `origin` (a path, or the embedded sample) is not a project: why.
    Parse {
        origin: String,
        why: Unreadable,
    },
    Newer {
        origin: String,
        found: u32,
    },
}

/// Why a file is not a readable project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    Empty,
    NoVersion,
    /// Not UTF-8 text: the first invalid byte.
    NotText {
        at: usize,
    },
    /// RON that does not describe a project: the reader's own words and where.
    Syntax {
        message: String,
        line: usize,
        column: usize,
    },
}

impl ProjectFileError {
    /// The message in `lang`, naming the file and what was expected.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ProjectFileError::Read { path, source } => tr!(
                lang,
                "cannot read {}: {source}",
                "no se puede leer {}: {source}",
                path.display()
            ),
            ProjectFileError::Write { path, source } => tr!(
                lang,
                "cannot save to {}: {source}; the document is not saved",
                "no se puede guardar en {}: {source}; el documento no está guardado",
                path.display()
            ),
            ProjectFileError::TooLarge { path, size } => tr!(
                lang,
                "{} is too large to be a project file ({size} bytes; at most {})",
                "{} es demasiado grande para ser un archivo de proyecto ({size} bytes; como \
                 máximo {})",
                path.display(),
                MAX_PROJECT_FILE_BYTES
            ),
            ProjectFileError::Parse { origin, why } => {
                let why = unreadable(why, lang);
                tr!(
                    lang,
                    "{origin} is not a readable rbf-targets project: {why}",
                    "{origin} no es un proyecto de rbf-targets legible: {why}"
                )
            }
            ProjectFileError::Newer { origin, found } => tr!(
                lang,
                "{origin} was written by a newer rbf-targets (file format {found}; this version \
                 reads up to {FORMAT_VERSION}); update rbf-targets to open it",
                "{origin} fue escrito por un rbf-targets más nuevo (formato {found}; esta \
                 versión lee hasta {FORMAT_VERSION}); actualice rbf-targets para abrirlo"
            ),
        }
    }
}

fn unreadable(why: &Unreadable, lang: Lang) -> String {
    match why {
        Unreadable::Empty => lang
            .t("the file is empty", "el archivo está vacío")
            .to_owned(),
        Unreadable::NoVersion => lang
            .t(
                "it has no format_version field",
                "no tiene el campo format_version",
            )
            .to_owned(),
        Unreadable::NotText { at } => tr!(
            lang,
            "it is not UTF-8 text (invalid byte at position {at})",
            "no es texto UTF-8 (byte no válido en la posición {at})"
        ),
        Unreadable::Syntax {
            message,
            line,
            column,
        } => tr!(
            lang,
            "{message} at line {line}, column {column}",
            "{message} en la línea {line}, columna {column}"
        ),
    }
}

/// Reads only the version; other fields are skipped. 0 means the field is missing.
#[derive(Deserialize)]
struct VersionProbe {
    #[serde(default)]
    format_version: u32,
}

fn parse_error(origin: &str, error: &ron::error::SpannedError) -> ProjectFileError {
    let message = error
        .code
        .to_string()
        .replace("`VersionProbe`", "the project")
        .replace("`Project`", "the project");
    ProjectFileError::Parse {
        origin: origin.to_owned(),
        why: Unreadable::Syntax {
            message,
            line: error.span.start.line,
            column: error.span.start.col,
        },
    }
}

/// Reads a project from RON text; `origin` names it in messages (a path or "the sample").
pub fn load_str(text: &str, origin: &str) -> Result<Project, ProjectFileError> {
    if text.trim().is_empty() {
        return Err(ProjectFileError::Parse {
            origin: origin.to_owned(),
            why: Unreadable::Empty,
        });
    }
    let probe: VersionProbe = ron::from_str(text).map_err(|e| parse_error(origin, &e))?;
    match probe.format_version {
        0 => {
            return Err(ProjectFileError::Parse {
                origin: origin.to_owned(),
                why: Unreadable::NoVersion,
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
///
/// - 2 → 3: version 3 writes the audit log as typed entries (each reads in the reader's
///   language) and links indicators to conditions by id. A version-2 entry is read as it was
///   written (its words stay in the language it was written in, its time is kept); conditions
///   are given ids and indicators linked to them by name.
fn migrate(project: &mut Project) {
    // 1 → 2 needs no rewriting: the fields it added were filled with their defaults while
    // reading; 2 → 3's audit entries were converted while reading (`AuditEntry`'s reader).
    crate::model::links::assign_ids(project);
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
        why: Unreadable::NotText {
            at: e.utf8_error().valid_up_to(),
        },
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
    write_atomically_with(path, |file| file.write_all(bytes), |error| error)
}

/// [`write_atomically`], the contents written by `write` straight into the temporary file
/// (through a buffer) rather than built in memory first; `io_error` words a failure of the
/// file itself in `write`'s error type.
pub fn write_atomically_with<E>(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<fs::File>) -> Result<(), E>,
    io_error: impl Fn(std::io::Error) -> E,
) -> Result<(), E> {
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
        let file = fs::File::create(&temporary).map_err(&io_error)?;
        let mut file = std::io::BufWriter::with_capacity(256 * 1024, file);
        write(&mut file)?;
        let file = file
            .into_inner()
            .map_err(|error| io_error(error.into_error()))?;
        file.sync_all().map_err(&io_error)?;
        fs::rename(&temporary, path).map_err(&io_error)
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

/// English, for `?` into a boxed error and for logs; what a person reads is made with
/// `message(lang)` in their language.
impl std::fmt::Display for ProjectFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(crate::i18n::Lang::En))
    }
}

impl std::error::Error for ProjectFileError {}

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
        let message = error.err().map(|e| e.message(Lang::En)).unwrap_or_default();
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
