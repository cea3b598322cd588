//! The Log tab: the audit log, newest first, filterable by indicator.

use egui::{Align, ComboBox, Layout, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::Action;
use crate::document::Document;
use crate::i18n::Lang;
use crate::tr;

/// What the tab keeps between frames.
#[derive(Debug, Default)]
pub struct LogState {
    /// Show only the entries of this indicator (empty: all).
    pub indicator: String,
}

/// The Log tab. `user` and `reason` are the App's, edited here; a change of either is an
/// action (the document records both with every change from then on).
pub fn log_ui(
    ui: &mut Ui,
    lang: Lang,
    document: &Document,
    state: &mut LogState,
    (user, reason): (&mut String, &mut String),
    actions: &mut Vec<Action>,
) {
    let project = document.project();
    ui.horizontal(|ui| {
        let label = ui.label(lang.t("Your name", "Su nombre"));
        let name = ui
            .add(egui::TextEdit::singleline(user).desired_width(200.0))
            .labelled_by(label.id);
        ui.separator();
        let label = ui.label(lang.t(
            "Reason for the changes you make now",
            "Motivo de los cambios que hace ahora",
        ));
        let why = ui
            .add(
                egui::TextEdit::singleline(reason)
                    .hint_text(lang.t(
                        "optional, e.g. agreed with the ministry, day 2",
                        "opcional, p. ej. acordado con el ministerio, día 2",
                    ))
                    .desired_width(360.0),
            )
            .labelled_by(label.id);
        if name.changed() || why.changed() {
            actions.push(Action::Attribution {
                user: user.clone(),
                reason: reason.clone(),
            });
        }
    });
    ui.horizontal(|ui| {
        ui.label(lang.t("Show", "Mostrar"));
        let shown = if state.indicator.is_empty() {
            lang.t("all changes", "todos los cambios").to_owned()
        } else {
            state.indicator.clone()
        };
        ComboBox::from_id_salt("log-filter")
            .selected_text(shown)
            .width(360.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(
                    &mut state.indicator,
                    String::new(),
                    lang.t("all changes", "todos los cambios"),
                );
                for indicator in &project.indicators {
                    ui.selectable_value(
                        &mut state.indicator,
                        indicator.name.clone(),
                        indicator.name.as_str(),
                    );
                }
            })
            .response
            .accessible_name(lang.t("Show changes of", "Mostrar cambios de"));
        let count = match project.audit.len() {
            1 => lang
                .t("1 change recorded", "1 cambio registrado")
                .to_owned(),
            n => tr!(lang, "{n} changes recorded", "{n} cambios registrados"),
        };
        let sheet = crate::schema::labels::AUDIT_SHEET.get(lang);
        ui.label(
            RichText::new(tr!(
                lang,
                "{count}; saved with the project and exported as the {sheet} sheet.",
                "{count}; se guardan con el proyecto y se exportan como la hoja {sheet}."
            ))
            .weak(),
        );
    });
    let entries: Vec<_> = project
        .audit
        .iter()
        .rev()
        .filter(|e| state.indicator.is_empty() || e.indicator == state.indicator)
        .collect();
    if entries.is_empty() {
        ui.label(lang.t(
            "No changes recorded yet.",
            "Aún no hay cambios registrados.",
        ));
        return;
    }
    TableBuilder::new(ui)
        .id_salt("audit-log")
        .striped(true)
        .resizable(true)
        .cell_layout(Layout::left_to_right(Align::Center))
        .column(Column::initial(150.0))
        .column(Column::initial(120.0).clip(true))
        .column(Column::initial(210.0).clip(true))
        .column(Column::initial(420.0).clip(true))
        .columns(Column::initial(110.0).clip(true), 2)
        .column(Column::remainder().clip(true))
        .header(28.0, |mut header| {
            for title in crate::present::audit::columns(lang) {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(24.0, entries.len(), |mut row| {
                let entry = entries[row.index()];
                for text in crate::present::audit::cells(entry, lang) {
                    row.col(|ui| {
                        ui.add(egui::Label::new(&text).truncate())
                            .on_hover_text(&text);
                    });
                }
            });
        });
}
