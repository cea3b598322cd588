//! The real app in egui_kittest, as the window tests drive it: English, the in-app file
//! browser instead of system dialogs.

#![allow(dead_code)]

use egui::{Key, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rbf_targets::document::Document;
use rbf_targets::i18n::Lang;
use rbf_targets::ui::App;

/// The app on `document` in a window of `size`, after its first frames.
pub fn harness_sized(document: Document, size: Vec2) -> Harness<'static, App> {
    let mut harness = Harness::builder().with_size(size).build_eframe(move |cc| {
        App::new(cc, document)
            .without_native_dialogs()
            .with_language(Lang::En)
    });
    harness.run();
    harness
}

/// The app on `document`, in a window wide enough for every Targets column.
pub fn harness_on(document: Document) -> Harness<'static, App> {
    harness_sized(document, Vec2::new(2000.0, 1000.0))
}

/// Clicks a cell, types `text` over it and commits it with Enter: a cell's value reaches the
/// document (and autosave) when it is committed, not at each keystroke.
pub fn type_and_commit(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    harness.get_by_label(label).click();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
}
