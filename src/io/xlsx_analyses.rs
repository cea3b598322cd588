//! The analysis sheets of an exported workbook (Sensitivity, Verification, Rounds): written
//! with their inputs and results, and read back so that export then import keeps every input.
//! Their results are values, not formulas: the sample-size solver and the round rules have no
//! spreadsheet equivalent worth maintaining.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::import::book::Book;
use super::import::vocabulary::normalize;
use crate::i18n::Lang;
use crate::model::{
    Measurement, Outcome, Parameter, Project, Round, Spread, TestKind, TrancheRule, evaluate_round,
    sensitivity, verification,
};
use crate::present::verification::{cannot_verify, test_short};
use crate::schema::{
    Column, Kind, RoundColumn, RoundsColumn, TargetsColumn, VerificationColumn, Words,
};
use crate::tr;
use strum::IntoEnumIterator;

pub use crate::schema::labels as words;

/// Formats the analysis sheets use, and their language.
pub struct AnalysisFormats<'a> {
    pub lang: Lang,
    pub title: &'a Format,
    pub label: &'a Format,
    pub header: &'a Format,
    pub percent: &'a Format,
    pub money: &'a Format,
    pub plain: &'a Format,
}

fn percent_or_blank(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<f64>,
    f: &Format,
) -> Result<(), XlsxError> {
    match value.filter(|v| v.is_finite()) {
        Some(v) => sheet.write_number_with_format(row, col, v, f)?,
        None => sheet.write_blank(row, col, f)?,
    };
    Ok(())
}

/// A number in its column's format, or no cell when there is none.
fn number_or_nothing(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<f64>,
) -> Result<(), XlsxError> {
    if let Some(v) = value.filter(|v| v.is_finite()) {
        sheet.write_number(row, col, v)?;
    }
    Ok(())
}

/// A row of column titles from column A, `height` points tall (titles wrap).
pub(super) fn header_row(
    sheet: &mut Worksheet,
    row: u32,
    titles: &[&str],
    f: &Format,
    height: f64,
) -> Result<(), XlsxError> {
    for (c, title) in titles.iter().enumerate() {
        sheet.write_string_with_format(row, c as u16, *title, f)?;
    }
    sheet.set_row_height(row, height)?;
    Ok(())
}

/// Analysis sheets' titles are two lines at most.
const ANALYSIS_HEADER_HEIGHT: f64 = 32.0;

/// The Sensitivity sheet: ranges, then d and every bounded target at each low and high value.
pub fn write_sensitivity(
    sheet: &mut Worksheet,
    project: &Project,
    outcome: &Outcome,
    f: &AnalysisFormats<'_>,
) -> Result<(), XlsxError> {
    let (lang, program) = (f.lang, &project.program);
    sheet.write_string_with_format(
        0,
        0,
        lang.t(
            "Sensitivity: d and every bounded target with one parameter changed at a time",
            "Sensibilidad: d y cada meta acotada cambiando un parámetro a la vez",
        ),
        f.title,
    )?;
    header_row(
        sheet,
        2,
        &[
            words::PARAMETER.get(lang),
            lang.t("Low", "Bajo"),
            lang.t("High", "Alto"),
            lang.t("Range is", "El rango es"),
            lang.t("Low value", "Valor bajo"),
            lang.t("High value", "Valor alto"),
            lang.t("d at low", "d con el bajo"),
            lang.t("d at high", "d con el alto"),
        ],
        f.header,
        ANALYSIS_HEADER_HEIGHT,
    )?;
    let rows = sensitivity(project);
    for (k, row) in rows.iter().enumerate() {
        let r = 3 + k as u32;
        let parameter = row.parameter;
        let (low, high) = program.sensitivity.range(parameter);
        let number = if parameter.is_percent() {
            f.percent
        } else {
            f.plain
        };
        sheet.write_string(r, 0, crate::present::parameter(parameter, lang))?;
        sheet.write_number_with_format(r, 1, low, number)?;
        sheet.write_number_with_format(r, 2, high, number)?;
        let unit = match crate::model::SensitivityRanges::unit(parameter) {
            crate::model::sensitivity::RangeUnit::Value => lang.t("values", "valores"),
            crate::model::sensitivity::RangeUnit::YearsAdded => {
                lang.t("years added to L", "años sumados a L")
            }
            crate::model::sensitivity::RangeUnit::Factor => lang.t(
                "factors of the project's value",
                "factores del valor del proyecto",
            ),
        };
        sheet.write_string_with_format(r, 3, unit, f.plain)?;
        sheet.write_number_with_format(r, 4, row.low.value, number)?;
        sheet.write_number_with_format(r, 5, row.high.value, number)?;
        percent_or_blank(sheet, r, 6, row.low.minimum_impact, f.percent)?;
        percent_or_blank(sheet, r, 7, row.high.minimum_impact, f.percent)?;
    }
    let top = 4 + rows.len() as u32;
    sheet.write_string_with_format(top, 0, lang.t("Bounded targets", "Metas acotadas"), f.label)?;
    let mut titles = vec![
        TargetsColumn::Indicator.title().get(lang).to_owned(),
        lang.t("Project", "Proyecto").to_owned(),
    ];
    for row in &rows {
        titles.push(tr!(
            lang,
            "{} low",
            "{} bajo",
            crate::present::parameter(row.parameter, lang)
        ));
        titles.push(tr!(
            lang,
            "{} high",
            "{} alto",
            crate::present::parameter(row.parameter, lang)
        ));
    }
    let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
    header_row(sheet, top + 1, &titles, f.header, ANALYSIS_HEADER_HEIGHT)?;
    // Every target column is a percentage: the column carries the format, so that no cell's
    // format is looked up (rust_xlsxwriter hashes a cell's whole Format to find its style).
    // The cells above the table are all written with a format of their own.
    let last_col = 1 + 2 * rows.len() as u16;
    for col in 1..=last_col {
        sheet.set_column_format(col, f.percent)?;
    }
    for (i, indicator) in project.indicators.iter().enumerate() {
        let r = top + 2 + i as u32;
        sheet.write_string(r, 0, &indicator.name)?;
        let bounded = outcome.indicators[i].targets.map(|t| t.bounded_target);
        number_or_nothing(sheet, r, 1, bounded)?;
        for (k, row) in rows.iter().enumerate() {
            number_or_nothing(sheet, r, 2 + 2 * k as u16, row.low.bounded_targets[i])?;
            number_or_nothing(sheet, r, 3 + 2 * k as u16, row.high.bounded_targets[i])?;
        }
    }
    sheet.set_column_width(0, 40)?;
    for c in 1..=15 {
        sheet.set_column_width(c, 12)?;
    }
    Ok(())
}

/// The Verification sheet's columns, in order.
const VERIFICATION_EXPORTED: [VerificationColumn; 15] = [
    VerificationColumn::Indicator,
    VerificationColumn::PlannedN,
    VerificationColumn::ClusterSize,
    VerificationColumn::Icc,
    VerificationColumn::Deff,
    VerificationColumn::Alpha,
    VerificationColumn::Power,
    VerificationColumn::Test,
    VerificationColumn::CounterfactualSe,
    VerificationColumn::PaymentWeight,
    VerificationColumn::DeffUsed,
    VerificationColumn::RequiredN,
    VerificationColumn::DetectableTarget,
    VerificationColumn::MinimumAcceptable,
    VerificationColumn::Verdict,
];

/// The Rounds sheet's measurement columns, in order.
const MEASUREMENTS_EXPORTED: [RoundsColumn; 10] = [
    RoundsColumn::Indicator,
    RoundsColumn::Round,
    RoundsColumn::Estimate,
    RoundsColumn::Precision,
    RoundsColumn::First,
    RoundsColumn::Second,
    RoundsColumn::Rule1,
    RoundsColumn::Rule2,
    RoundsColumn::Met,
    RoundsColumn::WhyNot,
];

/// The titles of `columns` in `lang`.
fn titles<C: Column>(columns: &[C], lang: Lang) -> Vec<&'static str> {
    columns.iter().map(|c| c.title().get(lang)).collect()
}

/// The Verification sheet: survey inputs per indicator and what they can verify.
pub fn write_verification(
    sheet: &mut Worksheet,
    project: &Project,
    outcome: &Outcome,
    f: &AnalysisFormats<'_>,
) -> Result<(), XlsxError> {
    let lang = f.lang;
    sheet.write_string_with_format(
        0,
        0,
        lang.t(
            "Verification: survey sample sizes and minimum detectable targets",
            "Verificación: tamaños de muestra de las encuestas y metas mínimas detectables",
        ),
        f.title,
    )?;
    sheet.write_string_with_format(2, 0, words::SURVEY_BUDGET.get(lang), f.label)?;
    if let Some(budget) = project.program.survey_budget {
        sheet.write_number_with_format(2, 1, budget, f.money)?;
    }
    sheet.write_string_with_format(3, 0, lang.t("Sample sizes", "Tamaños de muestra"), f.label)?;
    sheet.write_string(
        3,
        1,
        lang.t(
            "two-sided alpha, pooled variance, no continuity correction \
        (as R's power.prop.test); per survey round",
            "alfa bilateral, \
        varianza combinada, sin corrección por continuidad (como power.prop.test de R); por \
        ronda de encuesta",
        ),
    )?;
    header_row(
        sheet,
        5,
        &titles(&VERIFICATION_EXPORTED, lang),
        f.header,
        ANALYSIS_HEADER_HEIGHT,
    )?;
    let rows = verification(project, outcome);
    // The percentage columns carry their format (see the Sensitivity sheet).
    for col in [5, 6, 8, 12, 13] {
        sheet.set_column_format(col, f.percent)?;
    }
    for (i, (indicator, result)) in project.indicators.iter().zip(&rows).enumerate() {
        let r = 6 + i as u32;
        let d = &indicator.survey;
        sheet.write_string(r, 0, &indicator.name)?;
        number_or_nothing(sheet, r, 1, d.planned_n)?;
        sheet.write_number(r, 2, d.cluster_size)?;
        sheet.write_number(r, 3, d.icc)?;
        number_or_nothing(sheet, r, 4, d.deff)?;
        sheet.write_number(r, 5, d.alpha)?;
        sheet.write_number(r, 6, d.power)?;
        sheet.write_string(r, 7, test_short(d.test, lang))?;
        number_or_nothing(sheet, r, 8, d.counterfactual_se)?;
        sheet.write_number(r, 9, indicator.payment_weight)?;
        if let Some(result) = result {
            sheet.write_number(r, 10, result.design_effect)?;
            number_or_nothing(sheet, r, 11, result.required_sample_size.map(f64::ceil))?;
            number_or_nothing(sheet, r, 12, result.minimum_detectable_target)?;
            number_or_nothing(sheet, r, 13, result.minimum_acceptable_target)?;
            let verdict = if result.cannot_be_verified {
                cannot_verify(lang)
            } else {
                match result.verifiable {
                    Some(true) => lang.t(
                        "verifiable with the planned sample",
                        "verificable con la muestra planificada",
                    ),
                    Some(false) => lang.t(
                        "the planned sample is too small for the final target",
                        "la muestra planificada es muy pequeña para la meta final",
                    ),
                    None => lang.t("no planned sample", "sin muestra planificada"),
                }
            };
            sheet.write_string(r, 14, verdict)?;
        }
    }
    sheet.set_column_width(0, 40)?;
    for c in 1..=13 {
        sheet.set_column_width(c, 11)?;
    }
    sheet.set_column_width(14, 60)?;
    Ok(())
}

fn rule_name(rule: &TrancheRule, lang: Lang) -> &'static str {
    match rule {
        TrancheRule::AllOrNothing { .. } => lang.t("all or nothing", "todo o nada"),
        TrancheRule::Continuous => words::CONTINUOUS.get(lang),
        TrancheRule::Steps(_) => words::STEPS.get(lang),
    }
}

/// The Rounds sheet: the tranche, each round's result and every measurement.
pub fn write_rounds(
    sheet: &mut Worksheet,
    project: &Project,
    outcome: &Outcome,
    f: &AnalysisFormats<'_>,
) -> Result<(), XlsxError> {
    let (lang, program) = (f.lang, &project.program);
    sheet.write_string_with_format(
        0,
        0,
        lang.t(
            "Measurement rounds and the performance tranche",
            "Rondas de medición y tramo de desempeño",
        ),
        f.title,
    )?;
    sheet.write_string_with_format(2, 0, words::PERFORMANCE_TRANCHE.get(lang), f.label)?;
    sheet.write_number_with_format(2, 1, program.tranche_amount, f.money)?;
    sheet.write_string_with_format(3, 0, words::TRANCHE_RULE.get(lang), f.label)?;
    sheet.write_string(3, 1, rule_name(&program.tranche, lang))?;
    match &program.tranche {
        TrancheRule::AllOrNothing { threshold } => {
            sheet.write_string_with_format(4, 0, words::SHARE_REQUIRED.get(lang), f.label)?;
            sheet.write_number_with_format(4, 1, *threshold, f.percent)?;
        }
        TrancheRule::Steps(steps) => {
            sheet.write_string_with_format(4, 0, lang.t("Steps", "Escalones"), f.label)?;
            let text: Vec<String> = steps.iter().map(|(s, p)| format!("{}:{}", s, p)).collect();
            sheet.write_string(4, 1, text.join("; "))?;
        }
        TrancheRule::Continuous => {}
    }
    header_row(
        sheet,
        6,
        &titles(&RoundColumn::iter().collect::<Vec<_>>(), lang),
        f.header,
        ANALYSIS_HEADER_HEIGHT,
    )?;
    let evaluated: Vec<_> = (0..project.rounds.len())
        .map(|k| evaluate_round(project, outcome, k))
        .collect();
    for (k, (round, result)) in project.rounds.iter().zip(&evaluated).enumerate() {
        let r = 7 + k as u32;
        sheet.write_string(r, 0, &round.name)?;
        sheet.write_number(r, 1, round.months)?;
        sheet.write_number_with_format(r, 2, result.weighted_share_met, f.percent)?;
        sheet.write_number_with_format(r, 3, result.paid_fraction, f.percent)?;
        sheet.write_number_with_format(r, 4, result.tranche_paid, f.money)?;
    }
    let top = 8 + project.rounds.len() as u32;
    header_row(
        sheet,
        top,
        &titles(&MEASUREMENTS_EXPORTED, lang),
        f.header,
        ANALYSIS_HEADER_HEIGHT,
    )?;
    let mut r = top + 1;
    for (k, (round, result)) in project.rounds.iter().zip(&evaluated).enumerate() {
        for (i, indicator) in project.indicators.iter().enumerate() {
            let Some(Some(m)) = indicator.measurements.get(k) else {
                continue;
            };
            sheet.write_string(r, 0, &indicator.name)?;
            sheet.write_string(r, 1, &round.name)?;
            sheet.write_number_with_format(r, 2, m.estimate, f.percent)?;
            let (kind, a, b, pa) = match m.spread {
                Spread::StandardError(se) => (words::STANDARD_ERROR.get(lang), se, None, true),
                Spread::Sample { n, deff } => (words::SAMPLE.get(lang), n, Some(deff), false),
                Spread::Interval { low, high } => {
                    (words::INTERVAL.get(lang), low, Some(high), true)
                }
            };
            sheet.write_string(r, 3, kind)?;
            sheet.write_number_with_format(r, 4, a, if pa { f.percent } else { f.plain })?;
            if let Some(b) = b {
                sheet.write_number_with_format(
                    r,
                    5,
                    b,
                    if kind == words::INTERVAL.get(lang) {
                        f.percent
                    } else {
                        f.plain
                    },
                )?;
            }
            if let Some(Some(c)) = result.rows.get(i) {
                let yes = |v: bool| if v { lang.t("yes", "sí") } else { "no" };
                sheet.write_string(r, 6, yes(c.rule1))?;
                sheet.write_string(r, 7, yes(c.rule2))?;
                sheet.write_string(r, 8, yes(c.met))?;
                let why = crate::present::verification::shortfalls(&c.shortfalls, lang);
                sheet.write_string(r, 9, why)?;
            }
            r += 1;
        }
    }
    sheet.set_column_width(0, 40)?;
    for c in 1..=8 {
        sheet.set_column_width(c, 12)?;
    }
    sheet.set_column_width(9, 70)?;
    Ok(())
}

/// Reads back what the analysis sheets hold into `project` (matched to indicators by name).
pub fn read_analyses(book: &Book, project: &mut Project) {
    read_sensitivity(book, project);
    read_verification(book, project);
    read_rounds(book, project);
}

/// Both wordings of `words`, as the reader compares them.
fn both(words: Words) -> [String; 2] {
    [normalize(words.en), normalize(words.es)]
}

/// The sheet named `name` in either language.
fn sheet_named(book: &Book, name: Words) -> Option<usize> {
    let names = both(name);
    book.sheets
        .iter()
        .position(|s| names.contains(&normalize(&s.name)))
}

/// Row and column of the first cell of the sheet's first column whose text is `label` in
/// either language (the analysis sheets put their labels and table headers there), or of the
/// second column for a header that starts there.
fn find_text(book: &Book, sheet: usize, label: Words) -> Option<(u32, u32)> {
    let labels = both(label);
    let s = &book.sheets[sheet];
    let (r0, r1) = s.row_span()?;
    let (c0, _) = s.col_span()?;
    [c0, c0 + 1].into_iter().find_map(|c| {
        (r0..=r1)
            .find(|&r| {
                s.text(r, c)
                    .is_some_and(|t| labels.contains(&normalize(&t)))
            })
            .map(|r| (r, c))
    })
}

fn number(book: &Book, sheet: usize, row: u32, col: u32, kind: Kind) -> Option<f64> {
    super::import::saved_number(book, sheet, row, col, kind)
}

/// Each indicator's row by name (the first row when a name repeats).
fn rows_by_name(project: &Project) -> rustc_hash::FxHashMap<String, usize> {
    let mut rows = rustc_hash::FxHashMap::default();
    rows.reserve(project.indicators.len());
    for (i, indicator) in project.indicators.iter().enumerate() {
        rows.entry(indicator.name.clone()).or_insert(i);
    }
    rows
}

fn read_sensitivity(book: &Book, project: &mut Project) {
    let Some(sheet) = sheet_named(book, words::SENSITIVITY_SHEET) else {
        return;
    };
    let Some((header, col)) = find_text(book, sheet, words::PARAMETER) else {
        return;
    };
    for row in header + 1..header + 1 + Parameter::iter().count() as u32 {
        let Some(label) = book.sheets[sheet].text(row, col) else {
            continue;
        };
        let label = normalize(&label);
        let names = |p: Parameter| Lang::ALL.map(|l| normalize(crate::present::parameter(p, l)));
        let Some(parameter) = Parameter::iter().find(|&p| names(p).contains(&label)) else {
            continue;
        };
        if let (Some(low), Some(high)) = (
            number(book, sheet, row, col + 1, Kind::Plain),
            number(book, sheet, row, col + 2, Kind::Plain),
        ) {
            *project.program.sensitivity.range_mut(parameter) = (low, high);
        }
    }
}

fn read_verification(book: &Book, project: &mut Project) {
    let Some(sheet) = sheet_named(book, words::VERIFICATION_SHEET) else {
        return;
    };
    if let Some((r, c)) = find_text(book, sheet, words::SURVEY_BUDGET) {
        project.program.survey_budget = number(book, sheet, r, c + 1, Kind::Plain);
    }
    let Some((header, col)) = find_text(book, sheet, TargetsColumn::Indicator.title()) else {
        return;
    };
    let s = &book.sheets[sheet];
    let rows = rows_by_name(project);
    let one_sample = Lang::ALL.map(|l| normalize(test_short(TestKind::OneSample, l)));
    let mut row = header + 1;
    while let Some(name) = s.text(row, col) {
        if let Some(indicator) = rows
            .get(name.as_str())
            .and_then(|&i| project.indicators.get_mut(i))
        {
            let at = |k: u32, rule| number(book, sheet, row, col + k, rule);
            let design = &mut indicator.survey;
            design.planned_n = at(1, Kind::Plain);
            design.cluster_size = at(2, Kind::Plain).unwrap_or(1.0);
            design.icc = at(3, Kind::Plain).unwrap_or(0.0);
            design.deff = at(4, Kind::Plain);
            design.alpha = at(5, Kind::Plain).unwrap_or(0.05);
            design.power = at(6, Kind::Plain).unwrap_or(0.9);
            design.test = match s.text(row, col + 7).map(|t| normalize(&t)) {
                Some(t) if one_sample.contains(&t) => TestKind::OneSample,
                _ => TestKind::TwoProportions,
            };
            design.counterfactual_se = at(8, Kind::Plain);
            indicator.payment_weight = at(9, Kind::Plain).unwrap_or(1.0);
        }
        row += 1;
    }
}

fn read_rounds(book: &Book, project: &mut Project) {
    let Some(sheet) = sheet_named(book, words::ROUNDS_SHEET) else {
        return;
    };
    let s = &book.sheets[sheet];
    if let Some((r, c)) = find_text(book, sheet, words::PERFORMANCE_TRANCHE) {
        project.program.tranche_amount = number(book, sheet, r, c + 1, Kind::Plain).unwrap_or(0.0);
    }
    if let Some((r, c)) = find_text(book, sheet, words::TRANCHE_RULE) {
        let rule = s.text(r, c + 1).map(|t| normalize(&t)).unwrap_or_default();
        let is = |word: Words| both(word).iter().any(|w| rule.starts_with(w.as_str()));
        project.program.tranche = if is(words::CONTINUOUS) {
            TrancheRule::Continuous
        } else if is(words::STEPS) {
            let steps = find_text(book, sheet, words::STEPS)
                .and_then(|(r, c)| s.text(r, c + 1))
                .map(|text| {
                    text.split(';')
                        .filter_map(|pair| {
                            let (a, b) = pair.split_once(':')?;
                            Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
                        })
                        .collect()
                })
                .unwrap_or_default();
            TrancheRule::Steps(steps)
        } else {
            let threshold = find_text(book, sheet, words::SHARE_REQUIRED)
                .and_then(|(r, c)| number(book, sheet, r, c + 1, Kind::Plain))
                .unwrap_or(0.8);
            TrancheRule::AllOrNothing { threshold }
        };
    }
    if let Some((header, col)) = find_text(book, sheet, RoundColumn::Round.title()) {
        let mut row = header + 1;
        let mut rounds = Vec::new();
        while let Some(name) = s.text(row, col) {
            rounds.push(Round {
                name,
                months: number(book, sheet, row, col + 1, Kind::Plain).unwrap_or(0.0),
            });
            row += 1;
        }
        project.rounds = rounds;
    }
    let Some((header, col)) =
        find_text(book, sheet, RoundsColumn::Round.title()).map(|(r, c)| (r, c.saturating_sub(1)))
    else {
        return;
    };
    let rows = rows_by_name(project);
    let mut row = header + 1;
    while let Some(name) = s.text(row, col) {
        let round = s
            .text(row, col + 1)
            .and_then(|r| project.rounds.iter().position(|x| x.name == r));
        let estimate = number(book, sheet, row, col + 2, Kind::Plain);
        let kind = s
            .text(row, col + 3)
            .map(|t| normalize(&t))
            .unwrap_or_default();
        let a = number(book, sheet, row, col + 4, Kind::Plain);
        let b = number(book, sheet, row, col + 5, Kind::Plain);
        let is = |word: Words| both(word).contains(&kind);
        let spread = match (a, b) {
            (Some(se), _) if is(words::STANDARD_ERROR) => Some(Spread::StandardError(se)),
            (Some(n), Some(deff)) if is(words::SAMPLE) => Some(Spread::Sample { n, deff }),
            (Some(low), Some(high)) if is(words::INTERVAL) => Some(Spread::Interval { low, high }),
            _ => None,
        };
        if let (Some(k), Some(estimate), Some(spread), Some(indicator)) = (
            round,
            estimate,
            spread,
            rows.get(name.as_str())
                .and_then(|&i| project.indicators.get_mut(i)),
        ) {
            if indicator.measurements.len() <= k {
                indicator.measurements.resize(k + 1, None);
            }
            indicator.measurements[k] = Some(Measurement { estimate, spread });
        }
        row += 1;
    }
}

/// The Audit sheet: the log of who changed what, when and why.
pub fn write_audit(
    sheet: &mut Worksheet,
    project: &Project,
    f: &AnalysisFormats<'_>,
) -> Result<(), XlsxError> {
    let lang = f.lang;
    sheet.write_string_with_format(
        0,
        0,
        lang.t(
            "Audit log: every change to an input or a negotiated target",
            "Bitácora de cambios: cada cambio de un dato o de una meta negociada",
        ),
        f.title,
    )?;
    write_entries(sheet, 2, &project.audit, f)?;
    sheet.set_freeze_panes(3, 0)?;
    Ok(())
}

/// The Changes sheet: what differs from the project's mark ("end of day 1"), then the log's
/// entries since it.
pub fn write_changes(
    sheet: &mut Worksheet,
    project: &Project,
    outcome: &Outcome,
    mark: &crate::model::mark::Mark,
    f: &AnalysisFormats<'_>,
) -> Result<(), XlsxError> {
    use crate::present::mark;
    let lang = f.lang;
    let since = &project.audit[mark.audit_len.min(project.audit.len())..];
    sheet.write_string_with_format(0, 0, mark::since(mark, since.len(), lang), f.title)?;
    header_row(
        sheet,
        2,
        &mark::difference_columns(lang),
        f.header,
        ANALYSIS_HEADER_HEIGHT,
    )?;
    let differences = mark::differences(mark, project, outcome, lang);
    for (k, row) in differences.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet.write_string(3 + k as u32, c as u16, text)?;
        }
    }
    let log = 3 + differences.len() as u32 + 1;
    write_entries(sheet, log, since, f)
}

/// Log entries under their column titles from row `first` on, with the columns' widths.
fn write_entries(
    sheet: &mut Worksheet,
    first: u32,
    entries: &[crate::model::audit::AuditEntry],
    f: &AnalysisFormats<'_>,
) -> Result<(), XlsxError> {
    let lang = f.lang;
    let columns = crate::present::audit::columns(lang);
    header_row(sheet, first, &columns, f.header, ANALYSIS_HEADER_HEIGHT)?;
    for (k, entry) in entries.iter().enumerate() {
        let r = first + 1 + k as u32;
        for (c, text) in crate::present::audit::cells(entry, lang)
            .into_iter()
            .enumerate()
        {
            sheet.write_string(r, c as u16, text)?;
        }
    }
    for (c, w) in [20.0, 16.0, 30.0, 60.0, 16.0, 16.0, 40.0]
        .iter()
        .enumerate()
    {
        sheet.set_column_width(c as u16, *w)?;
    }
    Ok(())
}
