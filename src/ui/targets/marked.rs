//! Cells that differ from the mark: their background and what they were.

use crate::document::Document;
use crate::i18n::Lang;
use crate::model::Field;
use crate::model::mark::Marked;
use crate::text::{format_amount, format_percent, format_target};
use crate::tr;
use crate::ui::cells::dash;

/// The background of a cell that differs from the mark: a pale yellow in the light theme, a
/// dark amber in the dark one, so that the text keeps its contrast.
pub fn changed_fill(dark: bool) -> egui::Color32 {
    if dark {
        egui::Color32::from_rgb(92, 74, 0)
    } else {
        egui::Color32::from_rgb(255, 240, 150)
    }
}

/// "Changed since the mark “end of day 1”: was 61.0%, now 64.0%" when `wanted` of Targets row
/// `i` differs from the mark.
pub fn changed(document: &Document, lang: Lang, i: usize, wanted: Marked) -> Option<String> {
    let mark = document.mark();
    let difference = mark.difference(document.project(), document.outcome(), i, wanted)?;
    let shown = |v: Option<f64>| match wanted {
        Marked::Input(Field::Population) => v.map_or_else(dash, format_amount),
        Marked::Input(Field::Weight) => v.map_or_else(dash, crate::text::format_number),
        Marked::Input(Field::Locked) => match v {
            Some(x) if x > 0.0 => lang.t("locked", "fijada").to_owned(),
            _ => lang.t("not locked", "no fijada").to_owned(),
        },
        Marked::Input(Field::AnnualChange) => v.map_or_else(
            || lang.t("default", "por defecto").to_owned(),
            |x| format_percent(x, 2),
        ),
        Marked::Input(Field::NegotiatedTarget) => {
            v.map_or_else(|| lang.t("model", "modelo").to_owned(), format_target)
        }
        _ => v.map_or_else(dash, format_target),
    };
    let name = if mark.name.is_empty() {
        lang.t("when the file was opened", "al abrir el archivo")
            .to_owned()
    } else {
        tr!(lang, "the mark “{}”", "la marca «{}»", mark.name)
    };
    Some(tr!(
        lang,
        "Changed since {name}: was {}, now {}",
        "Cambió desde {name}: era {}, ahora {}",
        shown(difference.then),
        shown(difference.now)
    ))
}
