//! The presenter window's content: the room's view, large, light and high-contrast, for a
//! projector at 1280 × 720 read from the back of the room. Nothing in it can be edited.

use egui::{Color32, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::document::Document;
use crate::i18n::Lang;
use crate::present::room::{RoomRow, RoomView};

const INK: Color32 = Color32::from_rgb(10, 10, 10);
const GOOD: Color32 = Color32::from_rgb(0, 107, 37);
const BAD: Color32 = Color32::from_rgb(176, 0, 0);
const CHANGED: Color32 = Color32::from_rgb(255, 242, 168);
const RULE: Color32 = Color32::from_rgb(120, 120, 120);

/// A light theme with black text, whatever the driver's window uses.
pub fn presenter_visuals() -> egui::Visuals {
    let mut visuals = egui::Visuals::light();
    visuals.override_text_color = Some(INK);
    visuals.panel_fill = Color32::WHITE;
    visuals.window_fill = Color32::WHITE;
    visuals.extreme_bg_color = Color32::WHITE;
    visuals.faint_bg_color = Color32::from_rgb(238, 238, 238);
    visuals
}

/// Draws the room's figures (`view`) and the rows of `document` that fit, filling `ui`.
pub fn presenter_ui(ui: &mut Ui, view: &RoomView, document: &Document, lang: Lang) {
    *ui.visuals_mut() = presenter_visuals();
    // Laid out for 1280 × 720 and scaled up with the window: on a 1920 × 1080 projector
    // everything is half as large again.
    let k = presenter_scale(ui.available_size());
    ui.painter().rect_filled(ui.max_rect(), 0.0, Color32::WHITE);
    if !view.title.is_empty() {
        ui.label(RichText::new(&view.title).size(20.0 * k));
    }
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.label(RichText::new(view.ratio_label).size(18.0 * k));
            ui.horizontal(|ui| {
                let color = if view.meets { GOOD } else { BAD };
                let ratio = ui.label(
                    RichText::new(&view.ratio)
                        .size(60.0 * k)
                        .strong()
                        .color(color),
                );
                named(&ratio, format!("{}: {}", view.ratio_label, view.ratio));
                ui.label(
                    RichText::new(&view.verdict)
                        .size(24.0 * k)
                        .strong()
                        .color(color),
                );
            });
        });
        ui.add_space(24.0 * k);
        figure(ui, view.surplus_label, &view.surplus, k);
        ui.add_space(24.0 * k);
        figure(ui, view.impact_label, &view.impact, k);
    });
    ui.label(RichText::new(&view.mark).size(16.0 * k));
    ui.add_space(4.0 * k);
    let row_height = 34.0 * k;
    let available = ui.available_height() - 30.0 * k;
    TableBuilder::new(ui)
        .id_salt("presenter table")
        .striped(false)
        .max_scroll_height(available.max(row_height * 3.0))
        .column(Column::exact(44.0 * k))
        .column(Column::remainder().at_least(300.0 * k).clip(true))
        .columns(Column::exact(170.0 * k), 2)
        .column(Column::exact(230.0 * k))
        .header(row_height, |mut header| {
            for (i, title) in view.columns.into_iter().enumerate() {
                header.col(|ui| {
                    let layout = if i >= 2 {
                        egui::Layout::right_to_left(egui::Align::Center)
                    } else {
                        egui::Layout::left_to_right(egui::Align::Center)
                    };
                    ui.with_layout(layout, |ui| {
                        ui.label(RichText::new(title).size(20.0 * k).strong());
                    });
                });
            }
        })
        .body(|body| {
            let rows = document.project().indicators.len();
            body.rows(row_height, rows, |mut row| {
                let r = &RoomRow::of(document, row.index(), lang);
                let fill = |ui: &mut Ui| {
                    if r.changed.is_some() {
                        ui.painter()
                            .rect_filled(ui.max_rect().expand(2.0), 0.0, CHANGED);
                    }
                    ui.painter().hline(
                        ui.max_rect().x_range(),
                        ui.max_rect().bottom() + 2.0,
                        (1.0, RULE),
                    );
                };
                row.col(|ui| {
                    fill(ui);
                    ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                        ui.label(RichText::new(r.number.to_string()).size(20.0 * k));
                    });
                });
                row.col(|ui| {
                    fill(ui);
                    ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                        if r.locked {
                            ui.label(RichText::new(view.locked_word).size(15.0 * k).strong());
                        }
                        ui.add(
                            egui::Label::new(RichText::new(&r.indicator).size(20.0 * k)).truncate(),
                        );
                    });
                });
                for value in [&r.baseline, &r.counterfactual] {
                    row.col(|ui| {
                        fill(ui);
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            ui.label(RichText::new(value).size(20.0 * k));
                        });
                    });
                }
                row.col(|ui| {
                    fill(ui);
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if let Some(bound) = r.bound {
                            ui.label(RichText::new(bound).size(14.0 * k));
                        }
                        let shown =
                            ui.label(RichText::new(&r.final_target).size(22.0 * k).strong());
                        named(
                            &shown,
                            format!("{} {}: {}", view.columns[4], r.number, r.final_target),
                        );
                        if let Some(was) = &r.was {
                            ui.label(RichText::new(was).size(15.0 * k));
                            shown.on_hover_text(was);
                        }
                    });
                });
            });
        });
    ui.label(RichText::new(view.highlight_legend).size(15.0 * k));
}

/// Names a figure for screen readers (and tests) with what it is, not only its digits.
fn named(response: &egui::Response, name: String) {
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Status, true, &name));
}

/// How much larger than at 1280 × 720 the presenter window draws, for a window of `size`.
pub fn presenter_scale(size: egui::Vec2) -> f32 {
    (size.x / 1248.0).min(size.y / 688.0).clamp(1.0, 3.0)
}

fn figure(ui: &mut Ui, label: &str, value: &str, k: f32) {
    ui.vertical(|ui| {
        ui.label(RichText::new(label).size(18.0 * k));
        ui.label(RichText::new(value).size(30.0 * k).strong());
    });
}

#[cfg(test)]
mod tests {
    use super::presenter_scale;
    use egui::Vec2;

    #[test]
    fn the_presenter_window_grows_with_the_projector() {
        // 1280 × 720 less the 16-pixel margins: the size it is laid out for.
        assert_eq!(presenter_scale(Vec2::new(1248.0, 688.0)), 1.0);
        // 1920 × 1080: by the width (1888 / 1248 is less than 1048 / 688), so it all fits.
        let k = presenter_scale(Vec2::new(1888.0, 1048.0));
        assert!((k - 1888.0 / 1248.0).abs() < 1e-6, "{k}");
        // Smaller windows keep the 1280 × 720 sizes; a wall of pixels stops at 3×.
        assert_eq!(presenter_scale(Vec2::new(800.0, 500.0)), 1.0);
        assert_eq!(presenter_scale(Vec2::new(8000.0, 8000.0)), 3.0);
    }
}
