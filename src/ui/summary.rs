//! The summary that is always visible: cost, Σ N·V, d, benefits and, large, the benefit-cost
//! ratio, green when it meets the requirement and red below.

use egui::{Color32, RichText, Ui};

use super::Action;
use super::commands::UiCommand;
use crate::document::Document;
use crate::text::{format_amount, format_number};

/// Green and red that read on a projector in both themes.
fn verdict_color(ui: &Ui, good: bool) -> Color32 {
    match (good, ui.visuals().dark_mode) {
        (true, true) => Color32::from_rgb(90, 210, 110),
        (true, false) => Color32::from_rgb(0, 120, 40),
        (false, true) => Color32::from_rgb(255, 110, 100),
        (false, false) => Color32::from_rgb(190, 20, 20),
    }
}

/// Text of the benefit-cost ratio as the summary shows it.
pub fn ratio_text(ratio: f64) -> String {
    format!("{ratio:.2}")
}

/// Text of d as the summary shows it: points and the proportion.
pub fn impact_text(d: f64) -> String {
    format!("{:.2} points (d = {d:.4})", d * 100.0)
}

fn figure(ui: &mut Ui, label: &str, value: String, hover: &str) {
    ui.vertical(|ui| {
        ui.label(RichText::new(label).size(13.0));
        ui.label(RichText::new(value).strong().size(18.0))
            .on_hover_text(hover);
    });
    ui.separator();
}

/// The summary panel's contents.
pub fn summary_ui(ui: &mut Ui, document: &Document, actions: &mut Vec<Action>) {
    let project = document.project();
    let outcome = document.outcome();
    let program = &project.program;
    let currency = if project.metadata.currency.trim().is_empty() {
        "US$"
    } else {
        project.metadata.currency.trim()
    };
    let money = |v: Option<f64>| {
        v.map_or_else(
            || "—".to_owned(),
            |v| format!("{currency} {}", format_amount(v)),
        )
    };

    ui.horizontal_wrapped(|ui| {
        ui.vertical(|ui| {
            ui.label(RichText::new("Benefit-cost ratio").size(13.0));
            match outcome.benefit_cost_ratio {
                Some(ratio) => {
                    let good = ratio >= program.required_ratio - 1e-12;
                    ui.label(RichText::new(ratio_text(ratio)).size(40.0).strong().color(verdict_color(ui, good)))
                        .on_hover_text(format!(
                            "Total benefit ÷ total cost. Required: at least {} (note eq. 1).",
                            format_number(program.required_ratio)
                        ));
                    let verdict = if good { "benefits cover the cost" } else { "below the required ratio" };
                    ui.label(
                        RichText::new(format!("required ≥ {} — {verdict}", format_number(program.required_ratio)))
                            .color(verdict_color(ui, good)),
                    );
                }
                None => {
                    ui.label(RichText::new("—").size(40.0).strong());
                    ui.label("cannot be computed: see Problems");
                }
            }
        });
        ui.separator();
        figure(
            ui,
            "Surplus (+) / shortfall (−)",
            money(outcome.surplus),
            "Total benefit minus the required ratio times the cost",
        );
        figure(
            ui,
            "Minimum common impact",
            outcome.minimum_impact.map_or_else(|| "—".to_owned(), impact_text),
            "d = R·C / Σ w·N·V: the change every indicator must show for benefits to cover the cost (note eq. 3)",
        );
        figure(ui, "Total program cost C", money(Some(program.total_cost)), "Donor plus counterpart funding");
        figure(
            ui,
            "Σ N·V",
            money(Some(outcome.weighted_benefit_per_unit)),
            "Benefit of one full unit of change on every indicator (weighted)",
        );
        figure(
            ui,
            "Total benefit",
            money(outcome.total_benefit),
            "Σ impact × N × V over the rows that can be computed",
        );
        figure(
            ui,
            "Rows at a bound",
            outcome.rows_at_bound.to_string(),
            "Indicators whose model target is held at the ceiling or floor",
        );
        let errors = outcome.errors().count();
        let warnings = outcome.problems.len() - errors;
        ui.vertical(|ui| {
            ui.label(RichText::new("Problems").size(13.0));
            let text = if warnings > 0 { format!("{errors} ({warnings} warnings)") } else { errors.to_string() };
            let mut rich = RichText::new(text).strong().size(18.0);
            if errors > 0 {
                rich = rich.color(verdict_color(ui, false));
            }
            if ui
                .button(rich)
                .on_hover_text(UiCommand::ShowProblems.tooltip())
                .clicked()
            {
                actions.push(Action::Command(UiCommand::ShowProblems));
            }
        });
        if !outcome.excluded_rows.is_empty() {
            ui.label(
                RichText::new(match outcome.excluded_rows.len() {
                    1 => "1 row left out of d and benefits".to_owned(),
                    n => format!("{n} rows left out of d and benefits"),
                })
                    .color(verdict_color(ui, false)),
            );
        }
    });
}
