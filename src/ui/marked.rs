//! Cells that differ from the mark: a background that reads in both themes, and what they were
//! on hover.

use egui::Ui;

use crate::document::Document;
use crate::i18n::Lang;
use crate::model::Location;
use crate::model::mark::Marked;

/// The background of a cell that differs from the mark: a pale yellow in the light theme, a
/// dark amber in the dark one, so that the text keeps its contrast.
pub fn changed_fill(dark: bool) -> egui::Color32 {
    if dark {
        egui::Color32::from_rgb(92, 74, 0)
    } else {
        egui::Color32::from_rgb(255, 240, 150)
    }
}

/// Draws `contents`; when `what` at `at` differs from the mark, with the changed background
/// around it and "Changed since the mark …: was …, now …" on hover.
pub fn marked<R>(
    ui: &mut Ui,
    document: &Document,
    lang: Lang,
    (at, what): (Location, Marked),
    contents: impl FnOnce(&mut Ui) -> R,
) -> R {
    let mark = document.mark();
    // Most cells do not differ: they are drawn as they are, without a scope of their own (a
    // grid draws hundreds of them a frame). Editable cells keep their widget ids either way.
    let Some(difference) = mark.difference(document.project(), document.outcome(), at, what) else {
        return contents(ui);
    };
    let background = ui.painter().add(egui::Shape::Noop);
    let shown = ui.scope(contents);
    let fill = changed_fill(ui.visuals().dark_mode);
    let rect = shown.response.rect.expand(3.0);
    ui.painter()
        .set(background, egui::epaint::RectShape::filled(rect, 2.0, fill));
    let text = crate::present::mark::changed(mark, at, &difference, lang);
    shown.response.on_hover_text(text);
    shown.inner
}
