//! Pasting blocks copied from a spreadsheet into the Targets sheet.

use rbf_targets::document::{Document, Edit};
use rbf_targets::i18n::Lang;
use rbf_targets::io::el_salvador_sample;
use rbf_targets::model::{Field, Project};
use rbf_targets::paste::{Grid, Paste, copy_block, parse_block, paste_block};

/// What the history and the status line call a paste, in English.
fn summary(paste: &Paste) -> String {
    rbf_targets::present::audit::deed(&paste.deed, Lang::En)
}

fn sample() -> Project {
    el_salvador_sample().expect("the embedded sample reads")
}

#[test]
fn a_block_splits_at_tabs_and_line_breaks_without_a_trailing_empty_row() {
    assert_eq!(
        parse_block("1\t2\r\n3\t4\r\n"),
        vec![vec!["1", "2"], vec!["3", "4"]]
    );
    assert_eq!(parse_block("62%\n"), vec![vec!["62%"]]);
    assert_eq!(parse_block("a\t\tb"), vec![vec!["a", "", "b"]]);
}

#[test]
fn a_block_from_excel_fills_baselines_and_trends_as_one_undo_step() {
    let project = sample();
    // Spanish-locale Excel: decimal commas, percent signs, an empty trend (the default).
    let paste = paste_block(
        &project,
        Grid::Targets,
        0,
        Field::Baseline,
        "45%\t1,5%\r\n0,50\t\r\n",
        Lang::En,
    )
    .expect("the block fits and reads");
    assert_eq!(
        summary(&paste),
        "Pasted 2 × 2 cells into Targets rows 1–2 from Baseline"
    );
    let mut document = Document::new(project.clone(), None);
    document.apply(paste.edit, paste.deed, None);
    let rows = &document.project().indicators;
    assert_eq!(rows[0].baseline, 0.45);
    assert_eq!(rows[0].annual_change, Some(0.015));
    assert_eq!(rows[1].baseline, 0.50);
    assert_eq!(rows[1].annual_change, None);
    // Row 1's counterfactual by hand: 45 % + 3 years × 1.5 points = 49.5 %.
    let c = document.outcome().indicators[0]
        .counterfactual
        .unwrap_or(f64::NAN);
    assert!((c - 0.495).abs() < 1e-12, "c = {c}");
    // Everything else is as it was, and one undo takes the whole block back.
    assert_eq!(rows[2..], project.indicators[2..]);
    document.undo();
    assert_eq!(document.project().indicators, project.indicators);
}

#[test]
fn names_and_populations_paste_from_the_indicator_column() {
    let project = sample();
    let paste = paste_block(
        &project,
        Grid::Targets,
        8,
        Field::Name,
        "Exclusive breastfeeding\t2.700\n",
        Lang::En,
    )
    .expect("fits");
    let Edit::Batch(edits) = paste.edit else {
        panic!("a paste is one batch");
    };
    let Edit::Indicator { row, value } = &edits[0] else {
        panic!("a paste changes indicator rows");
    };
    assert_eq!(*row, 8);
    assert_eq!(value.name, "Exclusive breastfeeding");
    // "2.700" as a Spanish-locale spreadsheet writes 2700 is read by the same rule as typing.
    assert_eq!(
        value.population,
        rbf_targets::text::parse_number("2.700").unwrap_or(f64::NAN)
    );
}

#[test]
fn a_block_that_does_not_fit_or_read_changes_nothing_and_says_where() {
    let project = sample();
    let error = |row, field, text: &str| {
        paste_block(&project, Grid::Targets, row, field, text, Lang::En)
            .expect_err("the paste is refused")
    };
    let bad = error(0, Field::Baseline, "45%\nabc\n");
    assert!(
        bad.contains("line 2 of the block, column 1 (Baseline of Targets row 2)")
            && bad.contains("\"abc\"")
            && bad.ends_with("Nothing was changed."),
        "{bad}"
    );
    let eleven_rows = "1\n".repeat(11);
    let tall = error(0, Field::Weight, &eleven_rows);
    assert!(
        tall.contains("11 rows but the Targets sheet has 10 from row 1 down"),
        "{tall}"
    );
    let wide = error(3, Field::Weight, "1\t50%\t7\n");
    assert!(
        wide.contains("3 columns but only 2 editable columns start at Weight"),
        "{wide}"
    );
    let empty_baseline = error(0, Field::Baseline, "\n");
    assert!(
        empty_baseline.contains("the cell is empty"),
        "{empty_baseline}"
    );
}

#[test]
fn a_copied_block_reads_like_a_spreadsheet_and_pastes_back_unchanged() {
    let project = sample();
    // Rows 1–2, from Baseline to Weight: Table 1's baselines, trends (empty: the default) and
    // weights, with every digit and no thousands separators.
    assert_eq!(
        copy_block(&project, Grid::Targets, 0..=1, 2..=4),
        "42%\t\t1\n85%\t3%\t1\n"
    );
    assert_eq!(
        copy_block(&project, Grid::Targets, 0..=0, 0..=1),
        format!("{}\t59819\n", project.indicators[0].name)
    );
    // Pasting the whole copied table over itself changes no input.
    let all = copy_block(
        &project,
        Grid::Targets,
        0..=project.indicators.len() - 1,
        0..=5,
    );
    let paste =
        paste_block(&project, Grid::Targets, 0, Field::Name, &all, Lang::En).expect("pastes back");
    let mut document = Document::new(project.clone(), None);
    document.apply(paste.edit, paste.deed, None);
    assert_eq!(document.project().indicators, project.indicators);
}

#[test]
fn a_block_of_dalys_and_populations_fills_the_values_sheet_and_renames_relink() {
    let project = sample();
    // A WHO-style table: thousands separators, a renamed condition, in one block.
    let block =
        "Maternal health\tWomen 15-49\t32,000\t1,900,000\nPerinatal\tNewborns\t61000\t2000000\n";
    let paste = paste_block(&project, Grid::Values, 0, Field::Name, block, Lang::En).expect("fits");
    assert_eq!(
        summary(&paste),
        "Pasted 2 × 4 cells into Values rows 1–2 from Condition"
    );
    let mut document = Document::new(project.clone(), None);
    document.apply(paste.edit, paste.deed, None);
    let after = document.project();
    assert_eq!(after.conditions[0].name, "Maternal health");
    assert_eq!(after.conditions[0].group, "Women 15-49");
    assert_eq!(after.conditions[0].dalys, 32_000.0);
    assert_eq!(after.conditions[1].population, 2_000_000.0);
    assert_eq!(after.conditions[2], project.conditions[2]);
    // Every indicator that named a renamed condition names its new name: nothing is unlinked.
    let old = &project.conditions[0].name;
    for (before, now) in project.indicators.iter().zip(&after.indicators) {
        if &before.condition == old {
            assert_eq!(now.condition, "Maternal health");
        }
    }
    assert!(document.outcome().errors().next().is_none());
    // One undo step puts everything back.
    document.undo();
    assert_eq!(document.project().conditions, project.conditions);
    assert_eq!(document.project().indicators, project.indicators);
    // Copying the Values rows back gives text that pastes without change.
    let copied = copy_block(&project, Grid::Values, 0..=2, 0..=3);
    assert!(copied.starts_with(&format!("{}\t", project.conditions[0].name)));
    let again =
        paste_block(&project, Grid::Values, 0, Field::Name, &copied, Lang::En).expect("fits");
    let mut document = Document::new(project.clone(), None);
    document.apply(again.edit, again.deed, None);
    assert_eq!(document.project().conditions, project.conditions);
}

#[test]
fn a_values_block_with_text_in_a_number_column_changes_nothing_and_says_where() {
    let project = sample();
    let error = paste_block(
        &project,
        Grid::Values,
        1,
        Field::Dalys,
        "60000\nmany\n",
        Lang::En,
    )
    .expect_err("text in DALYs");
    assert!(
        error.contains("line 2 of the block, column 1 (DALYs of Values row 3)"),
        "{error}"
    );
    let error = paste_block(&project, Grid::Values, 0, Field::Dalys, "1\t2\t3", Lang::En)
        .expect_err("too wide");
    assert!(
        error.contains("only 2 editable columns start at DALYs"),
        "{error}"
    );
}

#[test]
fn a_one_row_block_is_reported_as_one_row() {
    let project = sample();
    let paste = paste_block(
        &project,
        Grid::Values,
        1,
        Field::Dalys,
        "60001\t2000000",
        Lang::En,
    )
    .expect("fits");
    assert_eq!(
        summary(&paste),
        "Pasted 2 cells into Values row 2 from DALYs"
    );
}

#[test]
fn a_quoted_cell_with_a_line_break_or_a_tab_is_one_cell() {
    // As Excel and LibreOffice copy a cell holding a line break: quoted, quotes doubled.
    assert_eq!(
        parse_block("\"Maternal\nconditions\"\t\"say \"\"hi\"\"\"\r\n2\t3\r\n"),
        vec![vec!["Maternal\nconditions", "say \"hi\""], vec!["2", "3"]]
    );
    // An empty row of a one-column block is a row, not a gap.
    assert_eq!(
        parse_block("a\n\nb\n"),
        vec![vec!["a"], vec![""], vec!["b"]]
    );
}

#[test]
fn a_name_with_a_line_break_copies_and_pastes_back_whole() {
    let mut project = sample();
    project.indicators[0].name = "Antenatal care\n(4 visits)".into();
    project.conditions[0].name = "Maternal\tconditions".into();
    let copied = copy_block(&project, Grid::Targets, 0..=1, 0..=0);
    assert!(
        copied.starts_with("\"Antenatal care\n(4 visits)\"\n"),
        "{copied:?}"
    );
    let paste = paste_block(&project, Grid::Targets, 0, Field::Name, &copied, Lang::En)
        .expect("pastes back");
    let mut document = Document::new(project.clone(), None);
    document.apply(paste.edit, paste.deed, None);
    assert_eq!(document.project().indicators, project.indicators);
}
