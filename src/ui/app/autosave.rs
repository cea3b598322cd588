//! Autosave: the open document written to a recovery file within a second of every committed
//! change, and the offer to restore one left by a session that did not close normally.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::App;
use crate::io::recovery::{
    Recovery, read_recovery, recovery_path, remove_recovery, write_recovery,
};
use crate::model::audit::{changes, utc_text};
use crate::tr;

/// The state of autosave.
#[derive(Debug, Default)]
pub(super) struct Autosave {
    /// The document revision last written to the recovery file.
    written: Option<u64>,
    /// The revision last seen, when it was first seen, and when the unwritten changes began.
    seen: Option<u64>,
    last_change: Option<Instant>,
    first_change: Option<Instant>,
    /// The recovery file written for the current document.
    path: Option<PathBuf>,
    /// A write in progress on a worker thread (serializing a large project takes a while).
    pending: Option<std::thread::JoinHandle<std::io::Result<()>>>,
}

impl Autosave {
    /// Waits for a write in progress; returns why it failed, if it did (`None` inside: the
    /// writing thread stopped).
    pub(super) fn finish(&mut self) -> Option<Option<std::io::Error>> {
        let handle = self.pending.take()?;
        match handle.join() {
            Ok(result) => result.err().map(Some),
            Err(_) => Some(None),
        }
    }
}

/// A change is written once edits pause this long…
const AUTOSAVE_PAUSE: Duration = Duration::from_millis(250);
/// …and never later than this after the first unwritten change.
const AUTOSAVE_INTERVAL: Duration = Duration::from_millis(1000);

impl App {
    /// Turns autosave on, with recovery files of never-saved documents in `dir`, and offers to
    /// restore a recovery file left by a session that did not close normally.
    pub fn with_recovery_dir(mut self, dir: PathBuf) -> Self {
        self.recovery_dir = Some(dir);
        self.check_recovery();
        self
    }

    fn recovery_file(&self) -> Option<PathBuf> {
        let dir = self.recovery_dir.as_ref()?;
        Some(recovery_path(self.document.path(), dir))
    }

    /// Offers the recovery file of the current document, if one is there and differs from it.
    fn check_recovery(&mut self) {
        let lang = self.lang;
        let Some(path) = self.recovery_file() else {
            return;
        };
        if !path.is_file() {
            return;
        }
        match read_recovery(&path) {
            Ok(recovery) => {
                let changes = changes(self.document.project(), &recovery.project);
                if changes.is_empty() {
                    remove_recovery(&path);
                } else {
                    self.recovered = Some((recovery, changes));
                }
            }
            Err(error) => {
                self.set_status(
                    tr!(
                        lang,
                        "A recovery file could not be read and was left as it is: {}",
                        "No se pudo leer un archivo de recuperación; se dejó como estaba: {}",
                        error.message(lang)
                    ),
                    false,
                );
            }
        }
    }

    /// Writes the recovery file when the document has changed since the last write, at most
    /// once per interval; asks for a repaint so that the last change is written too.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let lang = self.lang;
        let Some(path) = self.recovery_file() else {
            return;
        };
        if self.recovered.is_some() {
            return; // Do not overwrite a recovery file the user has not answered for.
        }
        if self.autosave.path.as_ref().is_some_and(|p| *p != path) {
            // Saved under another name: the old recovery file is obsolete.
            if let Some(old) = self.autosave.path.take() {
                remove_recovery(&old);
            }
        }
        if !self.document.is_dirty() {
            if self.autosave.path.is_some() {
                self.discard_recovery();
            }
            self.autosave.written = None;
            return;
        }
        // A value still being typed is not a change yet: autosave writes committed changes.
        let revision = self.document.committed_revision();
        if self.autosave.written == Some(revision) {
            return;
        }
        // Note when the unsaved changes started and when the last one came.
        let now = Instant::now();
        if self.autosave.seen != Some(revision) {
            self.autosave.seen = Some(revision);
            self.autosave.last_change = Some(now);
            self.autosave.first_change.get_or_insert(now);
        }
        // Write once typing pauses (so that a keystroke's frame does not also copy the
        // project), but never later than AUTOSAVE_INTERVAL after the first unwritten change.
        let quiet = self
            .autosave
            .last_change
            .map_or(AUTOSAVE_PAUSE, |t| now - t);
        let waiting = self
            .autosave
            .first_change
            .map_or(Duration::ZERO, |t| now - t);
        if quiet < AUTOSAVE_PAUSE && waiting < AUTOSAVE_INTERVAL {
            ctx.request_repaint_after((AUTOSAVE_PAUSE - quiet).min(AUTOSAVE_INTERVAL - waiting));
            return;
        }
        if self
            .autosave
            .pending
            .as_ref()
            .is_some_and(|h| !h.is_finished())
        {
            ctx.request_repaint_after(Duration::from_millis(100));
            return;
        }
        if let Some(failure) = self.autosave.finish() {
            let error = match failure {
                Some(error) => error.to_string(),
                None => lang
                    .t("the writing stopped", "la escritura se detuvo")
                    .to_owned(),
            };
            self.set_status(
                tr!(
                    lang,
                    "Autosave failed ({error}); save the project to keep your changes.",
                    "Falló el guardado automático ({error}); guarde el proyecto para conservar \
                     sus cambios."
                ),
                false,
            );
        }
        let recovery = Recovery {
            original: self.document.path().map(Path::to_owned),
            written: utc_text(crate::document::system_clock()),
            project: self.document.committed_project().into_owned(),
        };
        let target = path.clone();
        self.autosave.pending = Some(std::thread::spawn(move || {
            write_recovery(&target, &recovery)
        }));
        self.autosave.written = Some(revision);
        self.autosave.path = Some(path);
        self.autosave.first_change = None;
        ctx.request_repaint_after(AUTOSAVE_PAUSE);
    }

    /// Forgets the recovery file of changes the user chose to discard.
    pub(super) fn discard_recovery(&mut self) {
        // A write still in progress would bring the file back after it is removed.
        let _ = self.autosave.finish();
        if let Some(path) = self.autosave.path.take().or_else(|| self.recovery_file()) {
            remove_recovery(&path);
        }
        self.autosave.written = None;
    }
}
