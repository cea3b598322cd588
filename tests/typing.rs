//! Typing in a live meeting (issue: no keystroke may change the wrong number): a cell edit is one
//! transaction, every event reaches the cell that had the focus when it arrived, locked rows
//! cannot be typed over, agreed targets are round numbers, and the ratio never contradicts its
//! verdict. Driven through the real app with egui_kittest, by accessibility label.

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rbf_targets::document::Document;
use rbf_targets::i18n::Lang;
use rbf_targets::io::el_salvador_sample;
use rbf_targets::model::{Project, TargetPrecision};
use rbf_targets::present::audit::deed;
use rbf_targets::present::problem::reason;
use rbf_targets::ui::App;

mod window;

fn harness_on(project: Project) -> Harness<'static, App> {
    window::harness_on(Document::new(project, None))
}

fn sample() -> Project {
    el_salvador_sample().expect("sample")
}

fn targets(harness: &Harness<'_, App>) -> Vec<Option<f64>> {
    harness
        .state()
        .document()
        .project()
        .indicators
        .iter()
        .map(|i| i.negotiated_target)
        .collect()
}

/// Every event of `keys` arrives in one frame, as when a fast typist or a busy laptop delivers
/// them together.
fn in_one_frame(harness: &mut Harness<'_, App>, events: Vec<Event>) {
    harness.input_mut().events.extend(events);
    harness.run();
}

fn text(s: &str) -> Event {
    Event::Text(s.to_owned())
}

fn key(key: Key) -> Event {
    Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    }
}

fn focus(harness: &mut Harness<'_, App>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

#[test]
fn text_and_enter_in_one_frame_land_in_the_cell_typed_in() {
    let mut harness = harness_on(sample());
    let before = targets(&harness);
    focus(&mut harness, "Negotiated target row 3");
    in_one_frame(
        &mut harness,
        vec![text("5"), text("7"), text("%"), key(Key::Enter)],
    );
    let after = targets(&harness);
    assert_eq!(after[2], Some(0.57), "row 3 takes what was typed");
    assert_eq!(after[3], before[3], "row 4 is untouched");
    let document = harness.state().document();
    assert_eq!(
        document.undo_deed().map(|d| deed(d, Lang::En)).as_deref(),
        Some("Edit negotiated target of row 3")
    );
    // Exactly one step: undoing it gives back the sample.
    let mut harness = harness;
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(targets(&harness), before);
    assert!(!harness.state().document().can_undo());
}

#[test]
fn text_enter_text_enter_in_one_frame_fills_two_cells_in_order() {
    let mut harness = harness_on(sample());
    let before = targets(&harness);
    focus(&mut harness, "Negotiated target row 3");
    in_one_frame(
        &mut harness,
        vec![
            text("5"),
            text("7"),
            key(Key::Enter),
            text("8"),
            text("6"),
            key(Key::Enter),
        ],
    );
    let after = targets(&harness);
    assert_eq!(after[2], Some(0.57));
    assert_eq!(after[3], Some(0.86));
    assert_eq!(after[4], before[4]);
}

#[test]
fn the_figures_preview_while_typing_but_only_a_commit_is_recorded() {
    let mut harness = harness_on(sample());
    let ratio = |h: &Harness<'_, App>| h.state().document().outcome().benefit_cost_ratio;
    let before = ratio(&harness);
    focus(&mut harness, "Negotiated target row 1");
    harness
        .get_by_label("Negotiated target row 1")
        .type_text("70");
    harness.run();
    // The ratio moved with the keystrokes…
    assert!(ratio(&harness) > before);
    // …but nothing is in the history, and autosave has nothing to write.
    let document = harness.state().document();
    assert!(!document.can_undo());
    assert_eq!(
        document.committed_project().indicators[0].negotiated_target,
        Some(0.62)
    );
    harness.key_press(Key::Enter);
    harness.run();
    let document = harness.state().document();
    assert_eq!(
        document.project().indicators[0].negotiated_target,
        Some(0.70)
    );
    assert_eq!(
        document.undo_deed().map(|d| deed(d, Lang::En)).as_deref(),
        Some("Edit negotiated target of row 1")
    );
    assert_eq!(
        document.project().audit.len(),
        1,
        "one audit entry for the cell"
    );
}

#[test]
fn a_refused_value_goes_back_to_the_value_before_typing() {
    let mut harness = harness_on(sample());
    focus(&mut harness, "Negotiated target row 1");
    // 1 %, then 15 %, then 150 %, which the model refuses.
    in_one_frame(&mut harness, vec![text("1"), text("5"), text("0")]);
    assert_eq!(targets(&harness)[0], Some(0.62), "150% is not held");
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(targets(&harness)[0], Some(0.62), "62% back, not 15%");
    assert!(!harness.state().document().can_undo(), "no undo step");
    let status = harness.state().status_text().unwrap_or_default().to_owned();
    assert!(
        status.contains("150.0% is outside 0%–100%") && status.contains("keeps the value"),
        "{status}"
    );
}

#[test]
fn esc_restores_what_the_cell_held() {
    let mut harness = harness_on(sample());
    focus(&mut harness, "Negotiated target row 2");
    in_one_frame(&mut harness, vec![text("4"), text("0")]);
    assert_eq!(targets(&harness)[1], Some(0.40), "previewed");
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(targets(&harness)[1], Some(0.95));
    assert!(!harness.state().document().can_undo());
    harness.get_by_label_contains("Typing cancelled");
}

#[test]
fn a_locked_row_cannot_be_typed_over_or_pasted_into() {
    let mut project = sample();
    project.indicators[1].locked = true;
    let mut harness = harness_on(project);
    let before = targets(&harness);
    // The locked row's cell is not a text field: clicking it and typing changes nothing.
    focus(&mut harness, "Negotiated target row 2");
    in_one_frame(&mut harness, vec![text("7"), text("0"), key(Key::Enter)]);
    assert_eq!(targets(&harness), before);
    assert!(!harness.state().document().can_undo());
    // A block pasted from row 1 down over it changes nothing either, and says why.
    focus(&mut harness, "Negotiated target row 1");
    harness
        .input_mut()
        .events
        .push(Event::Paste("70%\n80%".to_owned()));
    harness.run();
    assert_eq!(targets(&harness), before);
    assert!(!harness.state().document().can_undo());
    let status = harness.state().status_text().unwrap_or_default().to_owned();
    assert!(status.contains("row 2 is locked"), "{status}");
}

#[test]
fn rebalance_and_goal_seek_never_touch_a_locked_row() {
    let mut project = sample();
    project.indicators[0].locked = true;
    project.indicators[3].negotiated_target = Some(0.80);
    let mut harness = harness_on(project);
    harness.get_by_label("Rebalance unlocked rows").click();
    harness.run();
    assert_eq!(targets(&harness)[0], Some(0.62));
    harness.get_by_label("Goal seek row 1").click();
    harness.run();
    assert_eq!(targets(&harness)[0], Some(0.62));
}

#[test]
fn rebalance_at_a_tenth_of_a_point_gives_round_targets_that_still_meet_the_ratio() {
    let mut project = sample();
    assert_eq!(project.program.target_precision, TargetPrecision::Tenth);
    project.indicators[0].locked = true;
    project.indicators[6].locked = true;
    let mut harness = harness_on(project);
    harness.get_by_label("Rebalance unlocked rows").click();
    harness.run();
    let document = harness.state().document();
    for (i, indicator) in document.project().indicators.iter().enumerate() {
        let target = indicator.negotiated_target.expect("every row has a target");
        let thousandths = target * 1000.0;
        assert!(
            (thousandths - thousandths.round()).abs() < 1e-9,
            "row {}: {target} is not a multiple of 0.001",
            i + 1
        );
    }
    let ratio = document.outcome().benefit_cost_ratio.unwrap_or(f64::NAN);
    assert!(ratio >= 1.0, "ratio {ratio}");
    // Rounding up each free row's target by less than 0.1 point costs little.
    assert!(ratio < 1.01, "ratio {ratio}");
    let status = harness.state().status_text().unwrap_or_default().to_owned();
    assert!(status.contains("nearest 0.1 point"), "{status}");
}

#[test]
fn a_ratio_just_below_the_requirement_is_never_shown_as_met() {
    // 0.996: the required ratio is 1.
    let mut project = sample();
    for indicator in &mut project.indicators {
        indicator.negotiated_target = None;
    }
    // Goal seek on row 8 reaches exactly 1; nudging its target down gives just below 1.
    project.program.target_precision = TargetPrecision::Exact;
    let mut document = Document::new(project, None);
    document.goal_seek(7).expect("goal seek");
    let mut project = document.project().clone();
    let outcome = document.outcome();
    let u = outcome.indicators[7]
        .value
        .map_or(0.0, |v| v.benefit_per_unit);
    let cost = project.program.total_cost;
    let target = project.indicators[7].negotiated_target.unwrap_or(0.0);
    project.indicators[7].negotiated_target = Some(target - 0.004 * cost / u);
    let harness = harness_on(project);
    let ratio = harness
        .state()
        .document()
        .outcome()
        .benefit_cost_ratio
        .unwrap_or(f64::NAN);
    assert!((ratio - 0.996).abs() < 1e-9, "{ratio}");
    harness.get_by_label("0.996");
    assert!(harness.query_by_label("1.00").is_none());
}

#[test]
fn a_wrong_way_target_is_flagged_with_the_money_it_costs() {
    let mut project = sample();
    // Counterfactual of row 1 is 45%: 40% is worse than doing nothing.
    project.indicators[0].negotiated_target = Some(0.40);
    let document = Document::new(project, None);
    let problem = document
        .outcome()
        .problem_at(
            rbf_targets::model::Location::Indicator(0),
            rbf_targets::model::Field::NegotiatedTarget,
        )
        .expect("flagged");
    // Impact −5 points × N·V of row 1 (25,943,930.26) = 1,297,197 taken off the benefits.
    assert!(
        reason(problem, Lang::En).contains("40.0% is below the counterfactual 45.0%"),
        "{}",
        reason(problem, Lang::En)
    );
    assert!(
        reason(problem, Lang::En).contains("US$ 1,297,197"),
        "{}",
        reason(problem, Lang::En)
    );
}
