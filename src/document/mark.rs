//! The mark the document compares with: the one the parties set ("Mark agreed"), kept in the
//! project file, or else the project as it was opened.

use crate::model::audit::AuditEntry;
use crate::model::mark::Mark;

use super::Document;

impl Document {
    /// The mark the window compares with.
    pub fn mark(&self) -> &Mark {
        self.project.mark.as_ref().unwrap_or(&self.opened)
    }

    /// Marks the project as it stands now as agreed, under `name`. The mark is kept in the
    /// project file, so the document has unsaved changes; it is not an undo step (undo goes on
    /// undoing edits, and the mark stays).
    pub fn set_mark(&mut self, name: &str) {
        let at = (self.clock)();
        self.project.mark = Some(Mark::capture(&self.project, &self.outcome, name, at));
        self.saved_at = u64::MAX;
        self.open_for_merge = false;
        self.revision += 1;
        self.committed_revision = self.revision;
    }

    /// The audit entries made since the mark, oldest first.
    pub fn changes_since_mark(&self) -> &[AuditEntry] {
        let audit = &self.project.audit;
        &audit[self.mark().audit_len.min(audit.len())..]
    }
}
