//! The real window driven through egui_kittest, by accessibility label.

use std::process::Command;

use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rbf_targets::document::Document;
use rbf_targets::i18n::Lang;
use rbf_targets::io::el_salvador_sample;
use rbf_targets::model::Project;
use rbf_targets::ui::{App, Tab, impact_text, ratio_text, sample_document};
use window::harness_on;

mod window;

fn harness() -> Harness<'static, App> {
    harness_on(sample_document())
}

/// The sample with targets set exactly as computed (no rounding to a precision), to check the
/// algorithms of rebalance and goal seek to 1e-9.
fn harness_exact() -> Harness<'static, App> {
    let mut project = el_salvador_sample().expect("sample");
    project.program.target_precision = rbf_targets::model::TargetPrecision::Exact;
    harness_on(Document::new(project, None))
}

/// The project's inputs, without the audit log (which only ever grows).
fn project(harness: &Harness<'_, App>) -> Project {
    Project {
        audit: Vec::new(),
        ..harness.state().document().project().clone()
    }
}

/// Clicks a cell (which selects its text, as a spreadsheet does) and types over it.
fn type_into(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    harness.get_by_label(label).click();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

fn ratio(harness: &Harness<'_, App>) -> f64 {
    harness
        .state()
        .document()
        .outcome()
        .benefit_cost_ratio
        .unwrap_or(f64::NAN)
}

#[test]
fn typing_a_baseline_moves_targets_and_the_ratio() {
    let mut harness = harness();
    let before = harness.state().document().outcome().clone();
    type_into(&mut harness, "Baseline row 1", "50");

    assert_eq!(project(&harness).indicators[0].baseline, 0.50);
    let after = harness.state().document().outcome().clone();
    let target = |o: &rbf_targets::model::Outcome| o.indicators[0].targets.map(|t| t.model_target);
    // Model target moves with the baseline: 0.50 + 3·0.01 + d.
    let d = after.minimum_impact.unwrap_or(f64::NAN);
    assert!((target(&after).unwrap_or(f64::NAN) - (0.53 + d)).abs() < 1e-12);
    assert_ne!(target(&before), target(&after));
    // The negotiated 62 % now buys 9 points instead of 17: the ratio falls.
    assert!(ratio(&harness) < before.benefit_cost_ratio.unwrap_or(f64::NAN));
    // d depends on cost, populations and values, not on baselines (note eq. 3).
    assert_eq!(after.minimum_impact, before.minimum_impact);
}

#[test]
fn typing_a_population_moves_d() {
    let mut harness = harness();
    let before = harness
        .state()
        .document()
        .outcome()
        .minimum_impact
        .unwrap_or(f64::NAN);
    type_into(&mut harness, "N row 1", "119638");
    assert_eq!(project(&harness).indicators[0].population, 119_638.0);
    let after = harness
        .state()
        .document()
        .outcome()
        .minimum_impact
        .unwrap_or(f64::NAN);
    assert!(after < before, "d went from {before} to {after}");
}

#[test]
fn lock_two_rows_and_rebalance_meets_the_required_ratio() {
    let mut harness = harness_exact();
    harness.get_by_label("Lock row 1").click();
    harness.run();
    harness.get_by_label("Lock row 7").click();
    harness.run();
    let locked = project(&harness);
    assert!(locked.indicators[0].locked && locked.indicators[6].locked);

    harness.get_by_label("Rebalance unlocked rows").click();
    harness.run();
    let after = project(&harness);
    assert!(
        (ratio(&harness) - 1.0).abs() < 1e-9,
        "BCR {}",
        ratio(&harness)
    );
    // Locked rows kept their negotiated targets.
    assert_eq!(after.indicators[0].negotiated_target, Some(0.62));
    assert_eq!(after.indicators[6].negotiated_target, Some(0.60));
    assert!(
        harness
            .state()
            .status_text()
            .is_some_and(|s| s.starts_with("Rebalanced"))
    );
}

#[test]
fn undo_and_redo_restore_exactly() {
    let mut harness = harness();
    let original = project(&harness);
    type_into(&mut harness, "Baseline row 3", "55");
    let edited = project(&harness);
    assert_eq!(edited.indicators[2].baseline, 0.55);
    assert!(
        harness.state().title().contains('•'),
        "title {}",
        harness.state().title()
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(project(&harness), original);
    assert!(!harness.state().title().contains('•'));

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(project(&harness), edited);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(project(&harness), edited);
}

#[test]
fn invalid_text_shows_the_problem_and_keeps_the_last_good_value() {
    let mut harness = harness();
    let before = project(&harness);
    type_into(&mut harness, "Baseline row 2", "abc");
    assert_eq!(project(&harness), before);
    assert!(!harness.state().document().can_undo());
    harness.get_by_label_contains("Targets row 2, baseline: \"abc\" is not a number");

    // A number the model rejects is kept out the same way, with the model's own reason.
    type_into(&mut harness, "Baseline row 4", "130");
    assert_eq!(project(&harness), before);
    harness.get_by_label_contains("Targets row 4, baseline: 130.0% is outside 0%–100%");
    // Everything else still computes.
    assert!(
        harness
            .state()
            .document()
            .outcome()
            .benefit_cost_ratio
            .is_some()
    );
}

#[test]
fn the_summary_shows_what_compute_json_prints() {
    let sample = format!(
        "{}/samples/el_salvador_sm2015.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    let output = Command::new(env!("CARGO_BIN_EXE_rbf-targets"))
        .args(["compute", &sample, "--json"])
        .output()
        .expect("compute runs");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let number = |key: &str| json[key].as_f64().unwrap_or(f64::NAN);

    let mut harness = harness_on(Document::new(el_salvador_sample().expect("sample"), None));
    harness.get_by_label("More figures").click();
    harness.run();
    harness.get_by_label(&ratio_text(number("benefit_cost_ratio"), 1.0));
    harness.get_by_label(&impact_text(Lang::En, number("minimum_impact")));
    let money = |v: f64| format!("US$ {}", rbf_targets::text::format_amount(v));
    harness.get_by_label(&money(number("surplus")));
    harness.get_by_label(&money(number("total_benefit")));
    harness.get_by_label(&money(number("total_cost")));
    assert_eq!(ratio_text(number("benefit_cost_ratio"), 1.0), "1.60");
}

#[test]
fn goal_seek_and_reset_from_the_row() {
    let mut harness = harness_exact();
    harness.get_by_label("Goal seek row 8").click();
    harness.run();
    assert!((ratio(&harness) - 1.0).abs() < 1e-9);
    harness.get_by_label("Row menu row 8").click();
    harness.run();
    harness.get_by_label("Reset to model target").click();
    harness.run();
    assert_eq!(project(&harness).indicators[7].negotiated_target, None);
}

#[test]
fn sheets_switch_and_values_are_editable() {
    let mut harness = harness();
    assert_eq!(harness.state().tab(), Tab::Targets);
    harness.get_by_label("Values").click();
    harness.run();
    assert_eq!(harness.state().tab(), Tab::Values);
    let d_before = harness
        .state()
        .document()
        .outcome()
        .minimum_impact
        .unwrap_or(f64::NAN);
    type_into(&mut harness, "DALYs row 3", "154600");
    assert_eq!(project(&harness).conditions[2].dalys, 154_600.0);
    let d_after = harness
        .state()
        .document()
        .outcome()
        .minimum_impact
        .unwrap_or(f64::NAN);
    assert!(d_after < d_before);

    // Renaming a condition keeps its indicators linked.
    type_into(&mut harness, "Condition row 1", "Maternal");
    let renamed = project(&harness);
    assert_eq!(renamed.conditions[0].name, "Maternal");
    assert_eq!(renamed.indicators[0].condition, "Maternal");
    assert!(
        harness
            .state()
            .document()
            .outcome()
            .errors()
            .next()
            .is_none()
    );
}

#[test]
fn without_a_dialog_service_the_in_app_browser_opens() {
    let mut harness = harness();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    harness.get_by_label("File name");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("File name").is_none());
}

#[test]
fn new_with_unsaved_changes_asks_first() {
    let mut harness = harness();
    type_into(&mut harness, "Weight row 1", "2");
    let edited = project(&harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    harness.get_by_label_contains("Save the changes to");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(project(&harness), edited);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    harness.get_by_label("Don't save").click();
    harness.run();
    assert_eq!(project(&harness).indicators.len(), 1);
}

#[test]
fn save_writes_the_file_and_clears_the_dirty_marker() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("agreed.ron");
    let document = Document::new(el_salvador_sample().expect("sample"), Some(path.clone()));
    let mut harness = harness_on(document);
    type_into(&mut harness, "Negotiated target row 1", "63");
    assert!(harness.state().title().starts_with("agreed.ron •"));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert_eq!(harness.state().title(), "agreed.ron — rbf-targets");
    let saved = rbf_targets::io::load(&path).expect("saved file loads");
    assert_eq!(saved.indicators[0].negotiated_target, Some(0.63));
}

/// A file dropped on the window, as the windowing layer reports it.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(harness: &mut Harness<'_, App>, path: &std::path::Path) {
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.to_owned())));
    harness.run();
}

#[test]
fn dropping_a_workbook_imports_it_and_shows_the_report() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("agreed.xlsx");
    let mut exported = el_salvador_sample().expect("sample");
    exported.indicators[0].negotiated_target = Some(0.65);
    rbf_targets::io::export_xlsx(&exported, &path, rbf_targets::io::ExportOptions::default())
        .expect("export");

    let mut harness = harness();
    drop_file(&mut harness, &path);
    // The preview comes first; Open replaces the document.
    harness.get_by_label_contains("Open agreed.xlsx?");
    harness.get_by_label("Open").click();
    harness.run();
    assert_eq!(project(&harness), exported);
    // d, and per row the unit value, present value and model target, and each condition's
    // unit value.
    harness.get_by_label_contains("All 34 computed results the workbook held agree");
    // An imported workbook is a new project: it is not saved over the workbook.
    assert!(harness.state().document().path().is_none());
}

/// The Appendix 2 workbook in English, written by openpyxl (tests/data/workbooks).
fn appendix_workbook() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/workbooks/appendix2_en.xlsx")
}

#[test]
fn the_import_preview_reassigns_a_column_and_opens_with_it() {
    let mut harness = harness();
    drop_file(&mut harness, &appendix_workbook());
    harness.get_by_label_contains("Open appendix2_en.xlsx?");
    // Column I ("Annual change") is read as the annual change; read it as not used instead.
    harness.get_by_label("Read column I as").click();
    harness.run();
    harness.get_by_label("(not used)").click();
    harness.run();
    harness.get_by_label_contains("ignored by hand");
    harness.get_by_label("Open").click();
    harness.run();
    let opened = project(&harness);
    assert_eq!(opened.indicators.len(), 10);
    // Every row now uses the default trend, and the model says so.
    assert!(opened.indicators.iter().all(|i| i.annual_change.is_none()));
    assert!(harness.state().document().path().is_none());
    // The choice is remembered: the next import of the same wording reads it the same way.
    drop_file(&mut harness, &appendix_workbook());
    harness.get_by_label_contains("ignored by hand");
}

#[test]
fn cancelling_the_import_preview_leaves_the_document_untouched() {
    let mut harness = harness();
    let before = project(&harness);
    drop_file(&mut harness, &appendix_workbook());
    harness.get_by_label_contains("Open appendix2_en.xlsx?");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(project(&harness), before);
    assert!(
        harness
            .query_by_label_contains("Open appendix2_en.xlsx?")
            .is_none()
    );
    harness.get_by_label_contains("Import cancelled");
}

#[test]
fn dropping_a_corrupt_workbook_leaves_the_document_untouched() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("broken.xlsx");
    std::fs::write(&path, b"PK\x03\x04 not a workbook").expect("write");
    let mut harness = harness();
    type_into(&mut harness, "Weight row 2", "3");
    let before = project(&harness);
    drop_file(&mut harness, &path);
    // Unsaved changes: asked first.
    harness.get_by_label("Don't save").click();
    harness.run();
    assert_eq!(project(&harness), before);
    harness.get_by_label_contains("is not a workbook this program can read");
    harness.get_by_label_contains("The open document was not changed.");
}

#[test]
fn export_writes_a_workbook_through_the_file_browser() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut harness = harness();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    harness.get_by_label("Folder").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Folder")
        .type_text(&folder.path().display().to_string());
    harness.key_press(Key::Enter);
    harness.run();
    let name = harness.get_by_label("File name");
    name.focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("File name").type_text("final targets");
    harness.run();
    harness.get_by_label("Export").click();
    harness.run();
    let path = folder.path().join("final targets.xlsx");
    let imported = rbf_targets::io::import_xlsx(&path).expect("exported workbook imports");
    assert_eq!(imported.project, project(&harness));
}

#[test]
fn what_if_changes_nothing_until_applied_then_is_one_undo_step() {
    let mut harness = harness();
    harness.get_by_label("Sensitivity").click();
    harness.run();
    let before = project(&harness);
    harness
        .get_by_role_and_label(
            egui::accesskit::Role::Slider,
            "Value of a DALY k (× GNI), what if",
        )
        .set_value_accesskit(3.0);
    harness.run();
    assert_eq!(project(&harness), before, "a slider alone changes nothing");
    harness.get_by_label_contains("d: 7.90 points now, 2.63 points with these values");
    harness
        .get_by_label("Apply what-if values to the project")
        .click();
    harness.run();
    assert_eq!(project(&harness).program.daly_multiple, 3.0);
    let d = harness
        .state()
        .document()
        .outcome()
        .minimum_impact
        .unwrap_or(f64::NAN);
    assert!((d - 0.079 / 3.0).abs() < 0.0005, "d = {d}");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(project(&harness), before);
}

#[test]
fn sensitivity_ranges_are_editable() {
    let mut harness = harness();
    harness.get_by_label("Sensitivity").click();
    harness.run();
    type_into(&mut harness, "Discount rate r low", "5%");
    assert_eq!(project(&harness).program.sensitivity.discount_rate.0, 0.05);
    harness.get_by_label("r = 5.0%");
}

#[test]
fn verification_shows_the_sample_a_target_needs() {
    let mut harness = harness();
    harness.get_by_label("Verification").click();
    harness.run();
    type_into(&mut harness, "Planned n row 2", "400");
    assert_eq!(
        project(&harness).indicators[1].survey.planned_n,
        Some(400.0)
    );
    harness.get_by_label_contains(
        "cannot be verified with this sample: raise the sample or replace the indicator",
    );
}

#[test]
fn rounds_show_targets_met_and_the_tranche() {
    let path = format!(
        "{}/samples/chiapas_smi_followup.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    let chiapas = rbf_targets::io::load(std::path::Path::new(&path)).expect("sample");
    let mut harness = harness_on(Document::new(chiapas, None));
    harness.get_by_label("Rounds").click();
    harness.run();
    harness.get_by_label_contains("Weighted share of targets met: 36.4%");
    // Raise the composite's 18-month estimate to 96%: it is met, 9 of 22 (40.9%).
    type_into(&mut harness, "Estimate row 1", "96");
    assert_eq!(
        project(&harness).indicators[0].measurements[0].map(|m| m.estimate),
        Some(0.96)
    );
    harness.get_by_label_contains("Weighted share of targets met: 40.9%");
    // An estimate outside 0-100% is kept out of the model, with the reason.
    type_into(&mut harness, "Estimate row 2", "150");
    assert_eq!(
        project(&harness).indicators[1].measurements[0].map(|m| m.estimate),
        Some(0.644)
    );
    harness.get_by_label_contains("18 months: the estimate 150.0% is outside 0%–100%");
    harness.get_by_label("Add round").click();
    harness.run();
    assert_eq!(project(&harness).rounds.len(), 3);
}

#[test]
fn nothing_repaints_while_nothing_changes() {
    let mut harness = harness();
    harness.run();
    // After a frame with no input, the app asks for no further frame: an idle window costs
    // nothing.
    harness.step();
    assert!(
        !harness.ctx.has_requested_repaint(),
        "the idle app asked for another frame"
    );
}

#[test]
fn the_command_palette_runs_what_is_typed() {
    let mut harness = harness();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run();
    harness
        .get_by_label("Find a command")
        .type_text("rebalance");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert!(
        harness
            .state()
            .status_text()
            .is_some_and(|s| s.starts_with("Rebalanced"))
    );
    assert!(
        harness.query_by_label("Find a command").is_none(),
        "the palette closes"
    );
}

#[test]
fn projector_mode_enlarges_and_restores() {
    let mut harness = harness();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run();
    assert_eq!(harness.ctx.zoom_factor(), 1.5);
    assert!(
        !harness.ctx.global_style().visuals.dark_mode,
        "high-contrast black on white"
    );
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run();
    assert_eq!(harness.ctx.zoom_factor(), 1.0);
}

#[test]
fn saved_files_are_listed_under_open_recent() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("day-two.ron");
    let mut harness = harness_on(Document::new(
        el_salvador_sample().expect("sample"),
        Some(path.clone()),
    ));
    type_into(&mut harness, "Weight row 2", "2");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open recent").hover();
    harness.run();
    harness.get_by_label("Open recent").click();
    harness.run();
    harness.get_by_label(&path.display().to_string());
}

#[test]
fn scenarios_are_saved_compared_and_restored_as_one_step() {
    let mut harness = harness();
    harness.get_by_label("Scenarios").click();
    harness.run();
    harness.get_by_label("Scenario name").click();
    harness.run();
    harness
        .get_by_label("Scenario name")
        .type_text("government proposal");
    harness.run();
    harness
        .get_by_label("Save current targets as a scenario")
        .click();
    harness.run();
    assert_eq!(project(&harness).scenarios.len(), 1);

    // Move two targets, then put the proposal back.
    harness.get_by_label("Targets").click();
    harness.run();
    type_into(&mut harness, "Negotiated target row 1", "70");
    type_into(&mut harness, "Negotiated target row 7", "55");
    let moved = project(&harness);
    harness.get_by_label("Scenarios").click();
    harness.run();
    // The comparison shows the scenario's BCR (1.60) beside the current one.
    harness.get_by_label("1.60");
    harness
        .get_by_label("Restore scenario government proposal")
        .click();
    harness.run();
    let restored = project(&harness);
    assert_eq!(restored.indicators[0].negotiated_target, Some(0.62));
    assert_eq!(restored.indicators[6].negotiated_target, Some(0.60));
    // One undo step takes the whole restore back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(project(&harness).indicators, moved.indicators);
}

#[test]
fn the_window_icon_decodes_to_a_square_rgba_image() {
    let icon = rbf_targets::ui::app_icon();
    assert_eq!((icon.width, icon.height), (256, 256));
    assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    // Opaque blue in the middle of the background, transparent in the rounded corner.
    let pixel = |x: usize, y: usize| &icon.rgba[(y * 256 + x) * 4..(y * 256 + x) * 4 + 4];
    assert_eq!(pixel(128, 30), [0x1f, 0x4e, 0x79, 0xff]);
    assert_eq!(pixel(0, 0)[3], 0);
}

#[test]
fn clicking_a_computed_target_explains_it_and_follows_edits() {
    let mut harness = harness();
    harness.get_by_label("Targets").click();
    harness.run();
    harness.get_by_label("Model target row 1").click();
    harness.run();
    harness.get_by_label("How this number is computed");
    harness.get_by_label("Model target, row 1: Modern contraceptive prevalence rate (mcpr)");
    harness.get_by_label("M = c + w·d = 45.0% + 1.00 × 7.90 pts = 52.9%");
    // Typing a baseline of 50 % with the sample's 1-point trend over L = 3 years:
    // c = 50 + 3 × 1 = 53 %, and M = c + d = 53.0 % + 7.90 points = 60.9 %.
    type_into(&mut harness, "Baseline row 1", "50");
    harness.get_by_label("M = c + w·d = 53.0% + 1.00 × 7.90 pts = 60.9%");
    // Clicking another cell replaces the explanation.
    harness.get_by_label("Counterfactual row 1").click();
    harness.run();
    harness.get_by_label("c = b + L·a = 50.0% + 3 × 1.00 pts = 53.0%");
    assert!(harness.query_by_label_contains("M = c + w·d").is_none());
}

#[test]
fn the_charts_tab_reads_the_largest_step_and_share_in_words() {
    let mut harness = harness();
    harness.get_by_label("Charts").click();
    harness.run();
    assert_eq!(harness.state().tab(), Tab::Charts);
    harness.get_by_label("Targets by indicator");
    harness.get_by_label("Share of the total benefit");
    // The sample's steps from baseline to final target, by hand: row 7 goes 39 % → 60 %
    // (21 points); rows 1 and 8 take 20, rows 3 and 9 take 15, the rest 10 or fewer.
    harness.get_by_label("Largest step from baseline to final target: row 7, 21.0 points.");
    // Row 8 buys 17 points × 26,808 people: US$ 4,667,210 of the total B = 1.60 × C =
    // 1.60 × 9,750,000 = US$ 15,600,000, that is 29.9 %.
    harness.get_by_label("Largest share of the benefit: row 8, 29.9%.");
    // Ctrl+8 reaches the same tab from another one.
    harness.get_by_label("Values").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num8);
    harness.run();
    assert_eq!(harness.state().tab(), Tab::Charts);
}

#[test]
fn pasting_a_block_from_a_spreadsheet_fills_the_grid_as_one_undo_step() {
    let mut harness = harness();
    harness.get_by_label("Targets").click();
    harness.run();
    let before = project(&harness);
    harness.get_by_label("Baseline row 1").click();
    harness.run();
    harness.event(egui::Event::Paste("45%\t1,5%\r\n50%\t\r\n".to_owned()));
    harness.run();
    let after = project(&harness);
    assert_eq!(after.indicators[0].baseline, 0.45);
    assert_eq!(after.indicators[0].annual_change, Some(0.015));
    assert_eq!(after.indicators[1].baseline, 0.50);
    assert_eq!(after.indicators[1].annual_change, None);
    harness.get_by_label("Pasted 2 × 2 cells into Targets rows 1–2 from Baseline.");
    // One Ctrl+Z takes the four cells back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(project(&harness).indicators, before.indicators);
}

#[test]
fn enter_and_the_arrows_move_down_and_up_a_column_as_in_a_spreadsheet() {
    let mut harness = harness();
    harness.get_by_label("Targets").click();
    harness.run();
    let typed = |harness: &mut Harness<'_, App>, text: &str| {
        harness.event(egui::Event::Text(text.to_owned()));
        harness.run();
    };
    type_into(&mut harness, "Baseline row 1", "50");
    // Enter goes to row 2 with its text selected: typing replaces it.
    harness.key_press(Key::Enter);
    harness.run();
    typed(&mut harness, "60");
    // The down arrow to row 3, the up arrow back to row 2.
    harness.key_press(Key::ArrowDown);
    harness.run();
    typed(&mut harness, "55");
    harness.key_press(Key::ArrowUp);
    harness.run();
    typed(&mut harness, "61");
    let rows = project(&harness).indicators;
    assert_eq!(
        (rows[0].baseline, rows[1].baseline, rows[2].baseline),
        (0.50, 0.61, 0.55)
    );
    // Row 4 kept its 75 %.
    assert_eq!(rows[3].baseline, 0.75);
}

#[test]
fn escape_cancels_what_was_typed_in_the_cell() {
    let mut harness = harness();
    harness.get_by_label("Targets").click();
    harness.run();
    let audit_before = harness.state().document().project().audit.len();
    type_into(&mut harness, "Baseline row 1", "5");
    harness.event(egui::Event::Text("0".to_owned()));
    harness.run();
    assert_eq!(project(&harness).indicators[0].baseline, 0.50);
    harness.key_press(Key::Escape);
    harness.run();
    // The sample's 42 % is back, with no undo step and no audit entry left behind.
    assert_eq!(project(&harness).indicators[0].baseline, 0.42);
    harness.get_by_label("Typing cancelled: the cell holds its value again.");
    let document = harness.state().document();
    assert_eq!(document.undo_deed(), None);
    assert_eq!(document.project().audit.len(), audit_before);
    // A cell left with Enter keeps its value: Esc afterwards in another cell changes nothing.
    type_into(&mut harness, "Baseline row 1", "50");
    harness.key_press(Key::Enter);
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(project(&harness).indicators[0].baseline, 0.50);
}

/// eframe's storage, in memory: what the window remembers between runs.
#[derive(Default)]
struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn the_view_menu_switches_to_spanish_and_the_next_start_remembers_it() {
    let mut harness = harness();
    let before = project(&harness);
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Español (Spanish)").click();
    harness.run();
    assert_eq!(harness.state().language(), Lang::Es);
    // Menus, tabs, columns, summary and messages are in Spanish; the numbers did not move.
    harness.get_by_label("Archivo");
    harness.get_by_label("Ver");
    assert!(
        !harness
            .query_all_by_label("Metas")
            .collect::<Vec<_>>()
            .is_empty()
    );
    harness.get_by_label("Relación beneficio-costo");
    harness.get_by_label("Impacto mínimo común");
    assert_eq!(project(&harness), before);
    type_into(&mut harness, "Línea de base fila 1", "50");
    assert_eq!(project(&harness).indicators[0].baseline, 0.50);
    type_into(&mut harness, "Línea de base fila 2", "abc");
    harness.get_by_label_contains("Metas fila 2, línea de base: \"abc\" no es un número");
    assert_eq!(
        project(&harness).indicators[1].baseline,
        before.indicators[1].baseline
    );

    // The choice is saved with the window's settings and comes back at the next start.
    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    let storage: &'static MemoryStorage = Box::leak(Box::new(storage));
    let mut next = Harness::builder()
        .with_size(Vec2::new(2000.0, 1000.0))
        .build_eframe(move |cc| {
            cc.storage = Some(storage);
            App::new(cc, sample_document()).without_native_dialogs()
        });
    next.run();
    assert_eq!(next.state().language(), Lang::Es);
    next.get_by_label("Relación beneficio-costo");

    // And back to English from the same menu, now called "Ver".
    next.get_by_label("Ver").click();
    next.run();
    next.get_by_label("English (inglés)").click();
    next.run();
    assert_eq!(next.state().language(), Lang::En);
    next.get_by_label("Benefit-cost ratio");
    next.get_by_label("Baseline row 1");
}

/// Ctrl+C in one frame, so that the clipboard command is in that frame's output (a queued key
/// press takes a frame per event).
fn press_copy(harness: &mut Harness<'_, App>) {
    harness.input_mut().events.push(egui::Event::Key {
        key: Key::C,
        pressed: true,
        modifiers: Modifiers::COMMAND,
        repeat: false,
        physical_key: None,
    });
    harness.step();
}

/// The text the window put on the clipboard in the last frame.
fn copied(harness: &Harness<'_, App>) -> Option<String> {
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .rev()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
}

#[test]
fn f2_edits_in_place_instead_of_replacing_the_text() {
    let mut harness = harness();
    let name = project(&harness).indicators[0].name.clone();
    harness.get_by_label("Indicator row 1").click();
    harness.run();
    harness.key_press(Key::F2);
    harness.run();
    harness
        .get_by_label("Indicator row 1")
        .type_text(" (revised)");
    harness.run();
    assert_eq!(
        project(&harness).indicators[0].name,
        format!("{name} (revised)")
    );
    // Without F2 the same typing replaces the name, as a spreadsheet does.
    harness.get_by_label("Indicator row 2").click();
    harness.run();
    harness.get_by_label("Indicator row 2").type_text("ANC");
    harness.run();
    assert_eq!(project(&harness).indicators[1].name, "ANC");
}

#[test]
fn shift_arrows_and_shift_click_choose_a_block_that_ctrl_c_copies_tab_separated() {
    let mut harness = harness();
    harness.get_by_label("Baseline row 1").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    harness.run();
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    harness.run();
    press_copy(&mut harness);
    // Table 1's baselines of rows 1–3, one per line, as a spreadsheet column copies.
    assert_eq!(copied(&harness).as_deref(), Some("42%\n85%\n49%\n"));
    assert!(
        harness
            .state()
            .status_text()
            .is_some_and(|s| s.starts_with("Copied 3 × 1 cells"))
    );

    // Shift+click from the focused cell to another chooses the rectangle between them.
    harness.get_by_label("N row 2").click();
    harness.run();
    harness
        .get_by_label("Weight row 3")
        .click_modifiers(Modifiers::SHIFT);
    harness.run();
    press_copy(&mut harness);
    assert_eq!(
        copied(&harness).as_deref(),
        Some("5362\t85%\t3%\t1\n5362\t49%\t\t1\n")
    );
    // The inputs did not change.
    assert_eq!(project(&harness), project(&harness_on(sample_document())));
}

#[test]
fn rows_are_inserted_and_deleted_from_the_keyboard() {
    let mut harness = harness();
    let before = project(&harness);
    harness.get_by_label("Baseline row 2").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::Equals);
    harness.run();
    let after = project(&harness);
    assert_eq!(after.indicators.len(), before.indicators.len() + 1);
    assert_eq!(after.indicators[2].name, "Indicator 11");
    assert_eq!(after.indicators[3], before.indicators[2]);
    // The focus went to the new row: typing fills its baseline.
    harness.get_by_label("Baseline row 3").type_text("30");
    harness.run();
    assert_eq!(project(&harness).indicators[2].baseline, 0.30);
    // Delete it again from the keyboard: the table is as it was.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::Minus);
    harness.run();
    assert_eq!(project(&harness).indicators, before.indicators);
    // The same in the Values sheet, and undo brings a deleted row back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    harness.run();
    harness.get_by_label("DALYs row 2").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::Minus);
    harness.run();
    assert_eq!(
        project(&harness).conditions.len(),
        before.conditions.len() - 1
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(project(&harness).conditions, before.conditions);
}

#[test]
fn enter_arrows_and_esc_work_in_the_values_sheet_too() {
    let mut harness = harness();
    let before = project(&harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    harness.run();
    type_into(&mut harness, "DALYs row 1", "31000");
    harness.key_press(Key::Enter);
    harness.run();
    // Enter went down to row 2 with its text selected: typing replaces it.
    harness.get_by_label("DALYs row 2").type_text("60001");
    harness.run();
    assert_eq!(project(&harness).conditions[0].dalys, 31_000.0);
    assert_eq!(project(&harness).conditions[1].dalys, 60_001.0);
    // Up goes back to row 1; Esc after typing there puts its value back.
    harness.key_press(Key::ArrowUp);
    harness.run();
    harness.get_by_label("DALYs row 1").type_text("5");
    harness.run();
    assert_eq!(project(&harness).conditions[0].dalys, 5.0);
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(project(&harness).conditions[0].dalys, 31_000.0);
    assert_eq!(project(&harness).conditions[2], before.conditions[2]);
}

#[test]
fn a_column_pasted_into_the_values_sheet_and_a_block_copied_out_of_it() {
    let mut harness = harness();
    let before = project(&harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    harness.run();
    harness.get_by_label("DALYs row 2").click();
    harness.run();
    harness
        .input_mut()
        .events
        .push(egui::Event::Paste("60,001\n78000\n".to_owned()));
    harness.run();
    assert_eq!(project(&harness).conditions[1].dalys, 60_001.0);
    assert_eq!(project(&harness).conditions[2].dalys, 78_000.0);
    assert_eq!(project(&harness).conditions[0], before.conditions[0]);
    // Shift+↓ from DALYs row 2 and Ctrl+C copy the two pasted values back out.
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    harness.run();
    press_copy(&mut harness);
    assert_eq!(copied(&harness).as_deref(), Some("60001\n78000\n"));
    // One undo step takes the paste back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(project(&harness).conditions, before.conditions);
}
