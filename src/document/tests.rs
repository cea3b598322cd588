use super::*;
use crate::i18n::Lang;
use crate::io::el_salvador_sample;
use crate::model::audit::Deed;
use crate::model::{Field, Location, NegotiationError, ProblemKind};
use crate::present::audit::{self, cells};

fn document() -> Document {
    Document::new(el_salvador_sample().expect("sample"), None)
}

/// The project's inputs, without the audit log (which only ever grows).
fn inputs(project: &Project) -> Project {
    Project {
        audit: Vec::new(),
        ..project.clone()
    }
}

fn edit_of(row: usize, field: Field) -> Deed {
    Deed::Edit {
        at: Location::Indicator(row),
        field,
    }
}

#[test]
fn undo_and_redo_restore_exactly() {
    let mut doc = document();
    let before = inputs(doc.project());
    let mut changed = before.indicators[0].clone();
    changed.baseline = 0.5;
    let edit = Edit::Indicator {
        row: 0,
        value: changed,
    };
    assert!(doc.apply(edit, edit_of(0, Field::Baseline), None));
    let after = inputs(doc.project());
    assert!(doc.is_dirty());
    doc.undo();
    assert_eq!(inputs(doc.project()), before);
    assert!(!doc.is_dirty());
    doc.redo();
    assert_eq!(inputs(doc.project()), after);
    // The log kept all three: the edit, its undo and its redo.
    let log: Vec<[String; 3]> = doc
        .project()
        .audit
        .iter()
        .map(|e| {
            let [_, _, action, _, old, new, _] = cells(e, Lang::En);
            [action, old, new]
        })
        .collect();
    let row = |a: &str, b: &str, c: &str| [a.to_owned(), b.to_owned(), c.to_owned()];
    assert_eq!(
        log,
        vec![
            row("Edit baseline of row 1", "42.00%", "50.00%"),
            row("Undo: Edit baseline of row 1", "50.00%", "42.00%"),
            row("Redo: Edit baseline of row 1", "42.00%", "50.00%")
        ]
    );
}

#[test]
fn the_audit_log_records_who_what_and_why() {
    let mut doc = document().with_clock(|| 1_763_820_309);
    doc.set_user("Ana (MINSAL)");
    doc.set_reason("agreed with the ministry, day 2");
    let mut value = doc.project().indicators[6].clone();
    value.negotiated_target = Some(0.58);
    let deed = edit_of(6, Field::NegotiatedTarget);
    doc.apply(Edit::Indicator { row: 6, value }, deed, None);
    let entry = doc.project().audit.last().cloned().expect("an entry");
    let [time, user, action, what, old, new, reason] = cells(&entry, Lang::En);
    assert_eq!(user, "Ana (MINSAL)");
    assert_eq!(reason, "agreed with the ministry, day 2");
    assert_eq!(action, "Edit negotiated target of row 7");
    assert_eq!(
        what,
        "Targets row 7 (Parasite treatment in children aged 12-59 months), negotiated target"
    );
    assert_eq!(
        entry.indicator,
        "Parasite treatment in children aged 12-59 months"
    );
    assert_eq!((old.as_str(), new.as_str()), ("60.00%", "58.00%"));
    // 1,763,820,309 s = 20,414 days (2025-11-22) and 50,709 s (14:05:09).
    assert_eq!(time, "2025-11-22 14:05:09");
    // A rebalance records every target it moved, as one action.
    doc.rebalance().expect("rebalance");
    // Eight targets moved; antenatal care and MMR were already at the 95% ceiling.
    let rebalanced = doc
        .project()
        .audit
        .iter()
        .filter(|e| e.deed == Deed::Rebalance)
        .count();
    assert_eq!(rebalanced, 8);
}

#[test]
fn a_log_written_in_spanish_reads_in_english() {
    let mut doc = document();
    let mut value = doc.project().indicators[2].clone();
    value.locked = true;
    value.negotiated_target = Some(0.9);
    doc.apply(
        Edit::Indicator { row: 2, value },
        Deed::Lock { row: 2 },
        None,
    );
    let entry = doc.project().audit.last().cloned().expect("an entry");
    let spanish = cells(&entry, Lang::Es);
    let english = cells(&entry, Lang::En);
    assert_eq!(spanish[2], "Fijar fila 3");
    assert_eq!(english[2], "Lock row 3");
    assert_eq!(spanish[5], "fijada");
    assert_eq!(english[5], "locked");
    // Saved and read back, the entry is the same typed value.
    let text = crate::io::project_file::to_ron_string(doc.project());
    let read = crate::io::project_file::load_str(&text, "test").expect("reads");
    assert_eq!(read.audit, doc.project().audit);
    assert_eq!(value_text(&read), "locked");
}

fn value_text(project: &Project) -> String {
    let entry = project.audit.last().expect("an entry");
    audit::value(&entry.to, Lang::En)
}

#[test]
fn a_no_op_edit_records_nothing() {
    let mut doc = document();
    let same = doc.project().indicators[3].clone();
    let edit = Edit::Indicator {
        row: 3,
        value: same,
    };
    assert!(!doc.apply(edit, edit_of(3, Field::Baseline), None));
    assert!(!doc.can_undo());
    assert!(!doc.is_dirty());
}

#[test]
fn keystrokes_in_one_cell_are_one_step_until_sealed() {
    let mut doc = document();
    let deed = edit_of(0, Field::Baseline);
    for baseline in [0.5, 0.55, 0.555] {
        let mut value = doc.project().indicators[0].clone();
        value.baseline = baseline;
        doc.apply(
            Edit::Indicator { row: 0, value },
            deed.clone(),
            Some("baseline 0"),
        );
    }
    doc.seal();
    let mut value = doc.project().indicators[0].clone();
    value.baseline = 0.6;
    doc.apply(Edit::Indicator { row: 0, value }, deed, Some("baseline 0"));
    // Typing 0.5, 0.55, 0.555 is one entry from the value before to the value typed.
    let typed: Vec<(String, String)> = doc
        .project()
        .audit
        .iter()
        .map(|e| {
            (
                audit::value(&e.from, Lang::En),
                audit::value(&e.to, Lang::En),
            )
        })
        .collect();
    let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(
        typed,
        vec![pair("42.00%", "55.50%"), pair("55.50%", "60.00%")]
    );
    doc.undo();
    assert_eq!(doc.project().indicators[0].baseline, 0.555);
    doc.undo();
    assert_eq!(doc.project().indicators[0].baseline, 0.42);
    assert!(!doc.can_undo());
}

#[test]
fn rebalance_is_one_undo_step() -> Result<(), NegotiationError> {
    let mut project = el_salvador_sample().expect("sample");
    project.program.target_precision = crate::model::TargetPrecision::Exact;
    let mut doc = Document::new(project, None);
    let before = inputs(doc.project());
    doc.set_locked(0, true);
    doc.set_locked(6, true);
    let after_locks = inputs(doc.project());
    let report = doc.rebalance()?;
    assert!(report.reached(), "{report:?}");
    let ratio = doc.outcome().benefit_cost_ratio.unwrap_or(f64::NAN);
    assert!((ratio - 1.0).abs() < 1e-9, "BCR {ratio}");
    doc.undo();
    assert_eq!(inputs(doc.project()), after_locks);
    doc.undo();
    doc.undo();
    assert_eq!(inputs(doc.project()), before);
    Ok(())
}

#[test]
fn renaming_a_condition_keeps_its_indicators_linked() {
    let mut doc = document();
    doc.rename_condition(0, "Maternal".into(), None);
    assert_eq!(doc.project().indicators[0].condition, "Maternal");
    assert_eq!(doc.project().indicators[3].condition, "Maternal");
    assert!(doc.outcome().errors().next().is_none());
    doc.undo();
    assert_eq!(doc.project().indicators[0].condition, "Maternal conditions");
}

#[test]
fn a_link_survives_a_rename_when_the_names_differ_by_spaces() {
    // An indicator that names its condition with stray spaces (as a hand-edited workbook
    // may) is linked by id: renaming the condition keeps it linked.
    let mut project = el_salvador_sample().expect("sample");
    project.indicators[0].condition = "  Maternal conditions ".into();
    let mut doc = Document::new(project, None);
    let benefit = doc.outcome().indicators[0].targets.map(|t| t.benefit);
    assert!(benefit.is_some());
    assert!(doc.rename_condition(0, "Maternal health".into(), None));
    assert_eq!(doc.project().indicators[0].condition, "Maternal health");
    assert_eq!(
        doc.outcome().indicators[0].targets.map(|t| t.benefit),
        benefit
    );
    assert!(doc.outcome().errors().next().is_none());
    // Choosing another condition by name links the row to that condition's id.
    let mut value = doc.project().indicators[0].clone();
    value.condition = doc.project().conditions[1].name.clone();
    doc.apply(
        Edit::Indicator { row: 0, value },
        edit_of(0, Field::Condition),
        None,
    );
    let linked = &doc.project().indicators[0];
    assert_eq!(linked.condition_id, doc.project().conditions[1].id);
}

#[test]
fn the_gate_refuses_a_new_error_and_keeps_the_last_good_value() {
    let mut doc = document();
    let mut value = doc.project().indicators[1].clone();
    value.population = -5.0;
    assert!(!doc.apply(
        Edit::Indicator { row: 1, value },
        edit_of(1, Field::Population),
        None
    ));
    let refusal = doc.take_refusal().expect("refused");
    let Why::Problem(problem) = refusal.why else {
        panic!("refused for a problem: {refusal:?}");
    };
    assert_eq!(problem.field, Field::Population);
    assert_eq!(problem.kind, ProblemKind::Invalid { value: -5.0 });
    assert!(doc.project().indicators[1].population > 0.0);
    assert!(!doc.can_undo());
    // Two conditions may not share a name (one rule, with the same message everywhere).
    let mut condition = doc.project().conditions[1].clone();
    condition.name = format!(" {} ", doc.project().conditions[0].name);
    let edit = Edit::Condition {
        row: 1,
        value: condition,
    };
    let deed = Deed::Edit {
        at: Location::Condition(1),
        field: Field::Name,
    };
    assert!(!doc.apply(edit, deed, None));
    let refusal = doc.take_refusal().expect("refused");
    assert!(matches!(
        refusal.why,
        Why::Problem(ref p) if matches!(p.kind, ProblemKind::DuplicateName { above: true, .. })
    ));
    // A locked row refuses a change of its target inputs.
    doc.set_locked(4, true);
    let mut value = doc.project().indicators[4].clone();
    value.baseline = 0.3;
    assert!(!doc.apply(
        Edit::Indicator { row: 4, value },
        edit_of(4, Field::Baseline),
        None
    ));
    assert_eq!(
        doc.take_refusal().map(|r| r.why),
        Some(Why::Locked { row: 4 })
    );
}

#[test]
fn an_edit_in_a_row_with_an_old_error_is_not_refused_for_it() {
    // A workbook without a population leaves an error; the row's other cells stay editable.
    let mut project = el_salvador_sample().expect("sample");
    project.indicators[2].population = f64::NAN;
    let mut doc = Document::new(project, None);
    let mut value = doc.project().indicators[2].clone();
    value.baseline = 0.5;
    assert!(doc.apply(
        Edit::Indicator { row: 2, value },
        edit_of(2, Field::Baseline),
        None
    ));
    // A different error in the same cell is refused: 150% is not a missing value.
    let mut value = doc.project().indicators[2].clone();
    value.population = -1.0;
    assert!(!doc.apply(
        Edit::Indicator { row: 2, value },
        edit_of(2, Field::Population),
        None
    ));
}

#[test]
fn edits_naming_missing_rows_change_nothing() {
    let mut doc = document();
    let delete = Deed::Delete(Location::Indicator(99));
    assert!(!doc.apply(Edit::RemoveIndicator { row: 99 }, delete.clone(), None));
    let moved = Deed::Move {
        at: Location::Condition(0),
        up: false,
    };
    assert!(!doc.apply(Edit::MoveCondition { from: 0, to: 9 }, moved, None));
    assert!(!doc.apply(
        Edit::Batch(vec![
            Edit::RemoveIndicator { row: 0 },
            Edit::RemoveIndicator { row: 99 }
        ]),
        delete,
        None
    ));
    assert_eq!(doc.project().indicators.len(), 10);
    assert!(!doc.can_undo());
}
